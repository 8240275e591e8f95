#[specbind::bindings(spec = "../specs/things.json")]
mod api {}

fn main() {
    // `id` is a required path parameter: the constructor will not compile without it.
    let _ = api::ShowThingRequest::new();
}
