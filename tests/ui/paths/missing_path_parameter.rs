#[specbind::bindings(spec = "../specs/missing_path_param.json")]
mod api {}

fn main() {}
