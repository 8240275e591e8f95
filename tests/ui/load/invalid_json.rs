#[specbind::bindings(spec = "../specs/invalid_json.json")]
mod api {}

fn main() {}
