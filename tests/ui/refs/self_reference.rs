#[specbind::bindings(spec = "../specs/self_ref.json", strict = true)]
mod api {}

fn main() {}
