#[specbind::bindings(spec = "../specs/swagger1_2.json")]
mod api {}

fn main() {}
