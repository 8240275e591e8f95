// An object cannot travel in a query string: with `strict`, the repair is an error.
#[specbind::bindings(spec = "../specs/object_query_param.json", strict = true)]
mod api {}

fn main() {}
