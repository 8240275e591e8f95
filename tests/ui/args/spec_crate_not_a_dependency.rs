#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-NOSUCH")]
pub mod nothing {}

fn main() {}
