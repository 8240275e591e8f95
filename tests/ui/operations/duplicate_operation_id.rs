#[specbind::bindings(spec = "../specs/duplicate_operation_id.json")]
mod api {}

fn main() {}
