#[specbind::bindings(spec = "../specs/unresolved_ref.json", strict = true)]
mod api {}

fn main() {}
