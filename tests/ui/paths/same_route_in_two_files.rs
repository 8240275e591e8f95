// GET /things is defined in two files of one spec directory.
#[specbind::bindings(spec = "../specs/same_route")]
mod api {}

fn main() {}
