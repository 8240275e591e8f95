#[specbind::bindings(spec = "../specs/several_errors.json", strict = true)]
mod api {}

fn main() {}
