#[specbind::bindings(spec = "../specs/bad_operation_id.json")]
mod api {}

fn main() {}
