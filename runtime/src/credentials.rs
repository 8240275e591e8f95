//! Credentials and the chain that finds them.

/// Access credentials.
#[derive(Clone)]
pub struct Credentials {}
