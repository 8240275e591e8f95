#[specbind::bindings(spec = "../specs/self_ref.json")]
mod api {}

fn main() {}
