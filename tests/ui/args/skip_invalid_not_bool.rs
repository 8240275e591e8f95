// `skip_invalid` must be a boolean literal.
#[specbind::bindings(spec = "../specs/things.json", skip_invalid = "yes")]
mod api {}

fn main() {}
