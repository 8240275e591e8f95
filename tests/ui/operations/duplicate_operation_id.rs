#[specbind::bindings(spec = "../specs/duplicate_operation_id.json", strict = true)]
mod api {}

fn main() {}
