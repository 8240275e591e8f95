//! Runtime for specbind-generated Huawei Cloud bindings.
//!
//! Module ownership (see docs/ARCHITECTURE.md): `credentials` and `signing` hold authentication;
//! everything else is the client that executes generated calls.
#![deny(missing_docs)]

pub mod credentials;
pub mod http_request;
mod redact;
pub mod signing;

pub use credentials::Credentials;
