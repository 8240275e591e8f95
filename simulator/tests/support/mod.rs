//! The one HTTP helper of the simulator's integration tests: a request signed as a tenant (with
//! the runtime's signer, or over a chosen header subset the way the Terraform provider signs),
//! sent as raw HTTP/1.1 over loopback, so a test can send bytes no typed client would produce
//! (malformed JSON, wrong types, stale dates, fault headers) and read the status, headers and body
//! as they came back. Plus the few fixtures many tests share.
#![allow(dead_code)] // each test binary uses a different part of this helper

pub mod spec;
mod subset;
mod wire;

use std::time::{Duration, SystemTime};

use serde_json::Value;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{SigningAlgorithm, SigningContext, sign_request};
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

pub use wire::{NoAnswer, Reply};

/// How long one exchange may take before the test fails instead of hanging.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(10);

/// A request to send. Built with [`Call::new`] (signed as a tenant) or [`Call::unsigned`], then
/// chained setters; `{project_id}` in the path becomes the tenant's project.
#[derive(Debug, Clone)]
pub struct Call {
    method: http::Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    signed_at: SystemTime,
    credentials: Option<specbind::Credentials>,
    project_id: Option<String>,
    algorithm: SigningAlgorithm,
    /// Sign only these headers (lower-case) instead of every header the request carries.
    sign_only: Option<Vec<String>>,
    /// The tenant's access and secret key, for [`Call::sign_only`].
    keys: Option<(String, String)>,
}

impl Call {
    /// A request signed as `tenant`.
    pub fn new(tenant: &Tenant, method: &str, path: impl Into<String>) -> Self {
        let mut call =
            Self::unsigned(method, path.into().replace("{project_id}", &tenant.project_id));
        call.credentials = Some(tenant.credentials());
        call.project_id = Some(tenant.project_id.clone());
        call.keys = Some((tenant.access_key.clone(), tenant.secret_key.clone()));
        call
    }

    /// A request without any authentication.
    pub fn unsigned(method: &str, path: impl Into<String>) -> Self {
        Self {
            method: method.parse().expect("valid method"),
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
            signed_at: SystemTime::now(),
            credentials: None,
            project_id: None,
            algorithm: SigningAlgorithm::HmacSha256,
            sign_only: None,
            keys: None,
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Adds a header (signed along with the rest, unless [`Call::sign_only`] leaves it out).
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets a JSON body, given as raw bytes so it may be malformed, and a JSON `Content-Type`
    /// unless one was set already.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        if self.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
            return self;
        }
        self.header("Content-Type", "application/json;charset=utf-8")
    }

    /// Sets a JSON body from a value.
    pub fn json(self, body: &Value) -> Self {
        self.body(body.to_string())
    }

    /// Signs with this time instead of now.
    pub fn signed_at(mut self, when: SystemTime) -> Self {
        self.signed_at = when;
        self
    }

    /// Signs with these credentials instead of the tenant's.
    pub fn credentials(mut self, credentials: specbind::Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Signs with this algorithm (default `SDK-HMAC-SHA256`).
    pub fn algorithm(mut self, algorithm: SigningAlgorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// Signs only `names` (`SDK-HMAC-SHA256`, with the tenant's own keys), as clients do that
    /// choose their signed headers: the Terraform provider signs
    /// `accept;content-type;user-agent;x-sdk-date`, not `host`.
    pub fn sign_only(mut self, names: &[&str]) -> Self {
        self.sign_only = Some(names.iter().map(|n| n.to_ascii_lowercase()).collect());
        self
    }

    /// The request as it goes on the wire to `sim`, signed.
    pub fn signed(&self, sim: &RunningSimulator) -> HttpRequest {
        let mut request = HttpRequest {
            method: self.method.clone(),
            scheme: "http".into(),
            host: sim.address().to_string(),
            resource_path: self.path.clone(),
            query: self
                .query
                .iter()
                .map(|(k, v)| (k.clone(), QueryValue::Single(v.clone())))
                .collect(),
            headers: self.headers.clone(),
            body: self.body.clone().into(),
        };
        let Some(credentials) = &self.credentials else {
            return request;
        };
        let context = SigningContext {
            service: "vpcep",
            region: sim.region(),
            project_id: self.project_id.as_deref(),
            now: self.signed_at,
        };
        sign_request(&mut request, credentials, self.algorithm, &context).expect("request signs");
        if let (Some(names), Some((access_key, secret_key))) = (&self.sign_only, &self.keys) {
            // The runtime signer has set X-Sdk-Date and Host; only the Authorization differs.
            subset::resign(&mut request, access_key, secret_key, names);
        }
        request
    }

    /// Signs and sends the request to `sim`; the connection must answer.
    pub async fn send(self, sim: &RunningSimulator) -> Reply {
        self.try_send(sim).await.unwrap_or_else(|NoAnswer| panic!("no answer from the simulator"))
    }

    /// Signs and sends the request to `sim`; [`NoAnswer`] when the connection closes first.
    pub async fn try_send(self, sim: &RunningSimulator) -> Result<Reply, NoAnswer> {
        let (request, host) = (self.signed(sim), sim.address().to_string());
        let exchange = wire::exchange(&host, &request);
        tokio::time::timeout(EXCHANGE_LIMIT, exchange).await.expect("exchange finished in time")
    }
}

/// Starts a simulator with the two default tenants, `provider` and `consumer`.
pub async fn start() -> RunningSimulator {
    Simulator::builder().start().await.expect("the simulator starts on loopback")
}

/// The default tenant that publishes services.
pub fn provider(sim: &RunningSimulator) -> Tenant {
    sim.tenant("provider").expect("default tenant").clone()
}

/// The default tenant that connects to them.
pub fn consumer(sim: &RunningSimulator) -> Tenant {
    sim.tenant("consumer").expect("default tenant").clone()
}

/// `/v1/{project}/vpc-endpoint-services` of `tenant`, plus `rest`.
pub fn services_path(tenant: &Tenant, rest: &str) -> String {
    format!("/v1/{}/vpc-endpoint-services{rest}", tenant.project_id)
}

/// `/v1/{project}/vpc-endpoints` of `tenant`, plus `rest`.
pub fn endpoints_path(tenant: &Tenant, rest: &str) -> String {
    format!("/v1/{}/vpc-endpoints{rest}", tenant.project_id)
}

/// A valid create-service body with one mapping `client_port` → `server_port`.
pub fn service_body(client_port: i64, server_port: i64) -> Value {
    serde_json::json!({
        "port_id": "2f4f6bc3-0f14-4e2b-9f1c-a5a8a2d8e5d1",
        "vpc_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
        "server_type": "VM",
        "ports": [{ "client_port": client_port, "server_port": server_port, "protocol": "TCP" }],
    })
}

/// A valid create-service body with a short name and approval on or off.
pub fn named_service_body(name: &str, approval: bool) -> Value {
    let mut body = service_body(8080, 80);
    body["service_name"] = name.into();
    body["approval_enabled"] = approval.into();
    body
}

/// Creates a service as `tenant` over raw HTTP and returns its id.
pub async fn create_service(
    sim: &RunningSimulator,
    tenant: &Tenant,
    name: &str,
    approval: bool,
) -> String {
    let reply = Call::new(tenant, "POST", services_path(tenant, ""))
        .json(&named_service_body(name, approval))
        .send(sim)
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.body["id"].as_str().expect("a service id").to_string()
}

/// A vpcep client for `tenant`, with retries off so each call is one request.
pub fn client(sim: &RunningSimulator, tenant: &Tenant) -> vpcep::Client {
    let config = sim
        .config_for(tenant)
        .retry(vpcep::RetryConfig::disabled())
        .build()
        .expect("simulator config builds");
    vpcep::Client::from_config(config).expect("client builds")
}

/// Creates a service through the typed client and returns its id.
pub async fn create_service_typed(client: &vpcep::Client, server_port: i32) -> String {
    use vpcep::types::{CreateEndpointServiceRequestBody, PortList};
    let body = CreateEndpointServiceRequestBody::new(
        "port-4f1c2a9e",
        "vpc-provider-01",
        "VM",
        vec![PortList::new().client_port(80).server_port(server_port).protocol("TCP")],
    );
    let created = client
        .create_endpoint_service(vpcep::CreateEndpointServiceRequest::new(body))
        .await
        .expect("service created");
    created.id.clone().expect("service has an id")
}
