#[specbind::bindings(spec = "../specs/unknown_type.json", strict = true)]
mod api {}

fn main() {}
