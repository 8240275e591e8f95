#[specbind::bindings(spec = "../specs/unresolved_file_ref.json")]
mod api {}

fn main() {}
