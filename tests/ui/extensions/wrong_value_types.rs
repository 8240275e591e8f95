#[specbind::bindings(spec = "../specs/bad_extension_shape.json")]
mod api {}

fn main() {}
