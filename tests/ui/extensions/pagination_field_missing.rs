#[specbind::bindings(spec = "../specs/bad_pagination.json")]
mod api {}

fn main() {}
