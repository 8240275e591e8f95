// Two schemas that alias each other name no type: with `strict`, the repair is an error.
#[specbind::bindings(spec = "../specs/alias_cycle.json", strict = true)]
mod api {}

fn main() {}
