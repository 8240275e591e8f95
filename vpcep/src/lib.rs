//! Typed async bindings for the Huawei Cloud **VPC Endpoint (VPCEP)** API.
//!
//! Every operation of the service is a method on [`Client`]. Each takes a request value whose
//! constructor asks for the required parameters, so a call that lacks one does not compile;
//! optional parameters are chained setters. Responses are [`Response`]s of typed bodies from
//! [`types`], and every failure is one [`Error`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), vpcep::Error> {
//! use futures::TryStreamExt;
//!
//! let client = vpcep::Client::from_env("cn-north-4")?;
//! let services = client
//!     .list_endpoint_service_paginator(vpcep::ListEndpointServiceRequest::new())
//!     .items()
//!     .try_collect::<Vec<_>>()
//!     .await?;
//! println!("{} endpoint services", services.len());
//! # Ok(()) }
//! ```
//!
//! Credentials come from the environment (`HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`,
//! `HUAWEICLOUD_SDK_PROJECT_ID`) or the credentials file, exactly as for the official SDKs; see
//! [`Config`] for every other setting. For tests, the `vpcep-sim` crate runs a local
//! VPCEP-compatible server.

#[specbind::bindings(spec = "../specs/vpcep")]
mod api {}

pub use api::*;
pub use specbind::{
    CallOptions, Config, ConfigBuilder, Credentials, Error, Paginator, Response, RetryConfig,
    SigningAlgorithm, WaitOptions,
};

impl Client {
    /// A client for `region` with credentials and project id found like the official SDKs find
    /// them: environment variables first, then the credentials file.
    pub fn from_env(region: &str) -> Result<Self, Error> {
        Self::from_config(Config::from_env()?.region(region).build()?)
    }
}
