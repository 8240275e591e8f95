#[specbind::bindings(spec = "../specs/bad_waiter.json")]
mod api {}

fn main() {}
