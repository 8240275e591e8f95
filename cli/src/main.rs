//! `specbind expand <spec>`: prints the generated code.
fn main() {}
