#[specbind::bindings(spec = "../specs/things.json")]
mod api {}

fn main() {
    // `new` asks for every required body field; leaving one out is a compile error.
    let _ = api::types::ThingUpdate::new("box");
}
