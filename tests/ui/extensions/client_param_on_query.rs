#[specbind::bindings(spec = "../specs/client_param_on_query.json")]
mod api {}

fn main() {}
