#[specbind::bindings(spec = "../specs/does_not_exist.json")]
mod api {}

fn main() {}
