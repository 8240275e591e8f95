#[specbind::bindings(spec = "../specs/bad_regional_fields.json")]
mod api {}

fn main() {}
