#[specbind::bindings(spec = "../specs/conflict")]
mod api {}

fn main() {}
