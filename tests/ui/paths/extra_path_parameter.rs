#[specbind::bindings(spec = "../specs/extra_path_param.json")]
mod api {}

fn main() {}
