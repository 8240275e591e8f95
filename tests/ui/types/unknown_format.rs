#[specbind::bindings(spec = "../specs/unknown_format.json")]
mod api {}

fn main() {}
