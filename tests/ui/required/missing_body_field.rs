#[specbind::bindings(spec = "../specs/things.json")]
mod api {}

fn main() {
    // `size` is required by the schema, so a literal without it does not compile.
    let _ = api::types::ThingUpdate { name: "box".to_string(), note: None };
}
