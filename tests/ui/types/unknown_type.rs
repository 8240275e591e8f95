#[specbind::bindings(spec = "../specs/unknown_type.json")]
mod api {}

fn main() {}
