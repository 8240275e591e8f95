//! Runtime for specbind-generated Huawei Cloud bindings.
//!
//! Generated service clients wrap a [`Client`], built for one service from its [`ServiceInfo`]:
//! it resolves the endpoint, signs each attempt (AK/SK or IAM token, in the service's
//! [`CredentialScope`]), sends it over a pooled rustls connection, retries per [`RetryConfig`],
//! and decodes the response or returns one [`Error`]. [`Paginator`] and the waiter behind every
//! generated `wait_until_*` method are the one paginator and the one waiter all operations reuse.
//!
//! Module ownership (see docs/ARCHITECTURE.md): `credentials` and `signing` hold authentication;
//! everything else is the client that executes generated calls.
#![deny(missing_docs)]

mod call;
mod client;
mod config;
mod decode;
pub mod endpoint;
mod error;
mod execute;
mod multipart;
mod operation;
mod options;
pub mod pagination;
mod param;
mod response;
mod retry;
mod service;
mod service_error;
pub mod time;
mod transport;
mod waiter;

pub mod credentials;
pub mod http_request;
mod redact;
pub mod signing;

#[doc(hidden)]
pub mod __private;

pub use client::Client;
pub use config::{Config, ConfigBuilder, DOMAIN_ID_PARAM, PROJECT_ID_PARAM};
pub use credentials::Credentials;
pub use error::Error;
pub use multipart::FilePart;
pub use options::{CallOptions, WaitOptions};
pub use pagination::Paginator;
pub use response::Response;
pub use retry::RetryConfig;
pub use service::{CredentialScope, ServiceInfo};
pub use service_error::ServiceError;
pub use signing::SigningAlgorithm;
pub use specbind_macros::bindings;
