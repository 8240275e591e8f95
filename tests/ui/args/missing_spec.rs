#[specbind::bindings]
mod api {}

fn main() {}
