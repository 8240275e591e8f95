//! Wire conformance of bindings generated from the API Explorer exports of the core services
//! against the official Python SDK (the checks follow in the next commits).

mod bindings;

fn main() {}
