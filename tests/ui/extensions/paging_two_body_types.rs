// Paging needs one body type for every success status.
#[specbind::bindings(spec = "../specs/paging_two_bodies.json")]
mod api {}

fn main() {}
