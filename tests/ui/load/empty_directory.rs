#[specbind::bindings(spec = "../specs/no_json")]
mod api {}

fn main() {}
