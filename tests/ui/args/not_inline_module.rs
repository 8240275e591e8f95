#[specbind::bindings(spec = "../specs/things.json")]
mod api;

fn main() {}
