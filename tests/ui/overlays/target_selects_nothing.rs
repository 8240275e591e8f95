// An overlay action whose target selects nothing is an error at its place in the overlay.
#[specbind::bindings(spec = "../specs/things.json", overlays = ["../specs/overlay_nothing.yaml"])]
mod api {}

fn main() {}
