//! Wire names → Rust identifiers: keywords, case conversion, collisions.
