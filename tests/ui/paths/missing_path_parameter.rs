#[specbind::bindings(spec = "../specs/missing_path_param.json", strict = true)]
mod api {}

fn main() {}
