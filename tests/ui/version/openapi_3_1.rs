#[specbind::bindings(spec = "../specs/unsupported_version.json")]
mod api {}

fn main() {}
