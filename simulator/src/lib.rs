//! `vpcep-sim`: a local, stateful server that speaks the Huawei Cloud VPC Endpoint API.
//!
//! It authenticates every request like the real API gateway (AK/SK signatures recomputed from
//! the request, or tokens it issued), keeps endpoint services, whitelists, endpoints,
//! connections and tags per tenant, moves them through their lifecycles, and answers with
//! VPCEP's bodies and error codes. Use it in tests, demos, or with the official SDKs.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = vpcep_sim::Simulator::builder().start().await?;
//! let provider = sim.tenant("provider").unwrap().clone();
//! let config = sim.config_for(&provider).build().expect("valid config");
//! // vpcep::Client::from_config(config) now talks to the simulator.
//! # let _ = config; Ok(()) }
//! ```
#![deny(missing_docs)]

mod api;
mod auth;
mod clock;
mod cloud;
mod error;
mod faults;
mod regions;
mod server;
mod store;
mod tenant;
mod tls;

pub use api::FAILING_BACKEND;
pub use cloud::Cloud;
pub use faults::{FaultCounts, Faults};
pub use regions::{
    SPEC_OPERATIONS, SpecOperation, is_professional, operations_offered_in,
    regions_with_fewer_operations,
};
pub use server::{Quotas, RunningSimulator, Simulator, SimulatorBuilder};
pub use tenant::{Tenant, load_tenants};
