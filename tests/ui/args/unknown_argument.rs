#[specbind::bindings(spec = "../specs/things.json", colour = true)]
mod api {}

fn main() {}
