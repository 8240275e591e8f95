#[specbind::bindings(spec = "../specs/unresolved_ref.json")]
mod api {}

fn main() {}
