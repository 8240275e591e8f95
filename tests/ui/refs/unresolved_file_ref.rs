#[specbind::bindings(spec = "../specs/unresolved_file_ref.json", strict = true)]
mod api {}

fn main() {}
