#[specbind::bindings(spec = "../specs/not_an_object.json")]
mod api {}

fn main() {}
