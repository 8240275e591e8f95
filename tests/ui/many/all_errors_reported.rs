#[specbind::bindings(spec = "../specs/several_errors.json")]
mod api {}

fn main() {}
