#[specbind::bindings(spec = "../specs/swagger2.json")]
mod api {}

fn main() {}
