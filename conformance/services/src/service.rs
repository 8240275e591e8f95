//! The services under test: how each one's client is configured and which call code it uses.

use crate::bindings::{dns, ecs, elb, evs, iam, vpc};
use crate::calls::{self, Reply};
use crate::case::Case;

/// Fake credentials: the recorder does not check signatures.
const ACCESS_KEY: &str = "CONFORMANCEAK0000000";
const SECRET_KEY: &str = "conformance-secret-key-not-real-000000000";

/// Services in the order they are checked (names as in `cases/<NAME>.json`).
pub const SERVICES: [&str; 6] = ["ECS", "VPC", "EVS", "IAM", "DNS", "ELB"];

/// Which identity a service's requests carry, as the cases file says (`"scope"`).
pub enum Scope {
    /// `X-Project-Id` and `{project_id}` from the configured project.
    Project(String),
    /// `X-Domain-Id` and `{domain_id}` from the configured account (IAM).
    Domain(String),
}

/// A service's generated client, pointed at the recorder.
pub enum ServiceClient {
    Ecs(ecs::Client),
    Vpc(vpc::Client),
    Evs(evs::Client),
    Iam(iam::Client),
    Dns(dns::Client),
    Elb(elb::Client),
}

impl ServiceClient {
    /// The client for `service`, talking to `endpoint` with `scope`'s identity configured.
    pub fn new(service: &str, endpoint: &str, scope: &Scope) -> Result<Self, String> {
        let builder = specbind::Config::builder()
            .endpoint(endpoint)
            .credentials(specbind::Credentials::aksk(ACCESS_KEY, SECRET_KEY))
            .retry(specbind::RetryConfig::disabled());
        // A domain-scoped client is configured with the account only, as the official SDK's
        // GlobalCredentials are: any project id it needs has to come from the request.
        let builder = match scope {
            Scope::Project(project_id) => builder.project_id(project_id),
            Scope::Domain(domain_id) => builder.domain_id(domain_id),
        };
        let config = builder.build().map_err(|e| format!("config: {e}"))?;
        let fail = |e: specbind::Error| format!("client: {e}");
        Ok(match service {
            "ECS" => Self::Ecs(ecs::Client::from_config(config).map_err(fail)?),
            "VPC" => Self::Vpc(vpc::Client::from_config(config).map_err(fail)?),
            "EVS" => Self::Evs(evs::Client::from_config(config).map_err(fail)?),
            "IAM" => Self::Iam(iam::Client::from_config(config).map_err(fail)?),
            "DNS" => Self::Dns(dns::Client::from_config(config).map_err(fail)?),
            "ELB" => Self::Elb(elb::Client::from_config(config).map_err(fail)?),
            other => return Err(format!("unknown service {other}")),
        })
    }

    /// Makes the case's call.
    pub async fn call(&self, case: &Case) -> Reply {
        match self {
            Self::Ecs(client) => calls::ecs::call(client, case).await,
            Self::Vpc(client) => calls::vpc::call(client, case).await,
            Self::Evs(client) => calls::evs::call(client, case).await,
            Self::Iam(client) => calls::iam::call(client, case).await,
            Self::Dns(client) => calls::dns::call(client, case).await,
            Self::Elb(client) => calls::elb::call(client, case).await,
        }
    }
}
