#[specbind::bindings(spec = "../specs/extra_path_param.json", strict = true)]
mod api {}

fn main() {}
