//! A small signed HTTP client for the simulator tests: requests are signed with
//! `specbind::signing::sign_request` and sent over loopback with reqwest.
#![allow(dead_code)] // each test binary uses a different part of this helper

use std::time::{Duration, SystemTime};

use serde_json::Value;
use specbind::SigningAlgorithm;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{SigningContext, sign_request, wire_query};
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

/// One answer: status, `X-Request-Id` and the body as JSON (`Null` when empty or not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub request_id: Option<String>,
    pub body: Value,
}

impl Answer {
    /// The VPCEP `error_code` of an error answer.
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or_default()
    }

    /// The `error_msg` of an error answer.
    pub fn message(&self) -> &str {
        self.body["error_msg"].as_str().unwrap_or_default()
    }
}

/// How to send one request.
pub struct Send<'a> {
    pub tenant: &'a Tenant,
    pub method: &'a str,
    pub path: String,
    pub query: Vec<(&'a str, String)>,
    pub body: Vec<u8>,
    pub headers: Vec<(&'a str, String)>,
    pub algorithm: SigningAlgorithm,
    pub secret_override: Option<String>,
    pub now: SystemTime,
}

impl<'a> Send<'a> {
    pub fn new(tenant: &'a Tenant, method: &'a str, path: impl Into<String>) -> Self {
        Self {
            tenant,
            method,
            path: path.into(),
            query: Vec::new(),
            body: Vec::new(),
            headers: Vec::new(),
            algorithm: SigningAlgorithm::HmacSha256,
            secret_override: None,
            now: SystemTime::now(),
        }
    }

    pub fn json(mut self, body: &Value) -> Self {
        self.body = serde_json::to_vec(body).expect("a JSON value serializes");
        self
    }

    pub fn raw(mut self, body: &[u8]) -> Self {
        self.body = body.to_vec();
        self
    }

    pub fn query(mut self, name: &'a str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    pub fn header(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// Starts a simulator with the two default tenants.
pub async fn start() -> RunningSimulator {
    Simulator::builder().start().await.expect("the simulator starts on loopback")
}

pub fn provider(sim: &RunningSimulator) -> Tenant {
    sim.tenant("provider").expect("default tenant").clone()
}

pub fn consumer(sim: &RunningSimulator) -> Tenant {
    sim.tenant("consumer").expect("default tenant").clone()
}

/// Signs and sends `send` to `sim`; `{project_id}` in the path is the tenant's project.
pub async fn call(sim: &RunningSimulator, send: Send<'_>) -> Answer {
    let (request, url) = signed(sim, send);
    let mut builder = http_client()
        .request(request.method.clone(), url)
        .timeout(Duration::from_secs(30))
        .body(request.body.clone());
    for (name, value) in &request.headers {
        if !name.eq_ignore_ascii_case("host") {
            builder = builder.header(name, value);
        }
    }
    let response = builder.send().await.expect("the simulator answers");
    let status = response.status().as_u16();
    let request_id =
        response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(String::from);
    let bytes = response.bytes().await.expect("the body arrives whole");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer { status, request_id, body }
}

/// A reqwest client; reqwest is built without a default TLS provider, so install ring's.
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// The signed request and the URL to send it to.
pub fn signed(sim: &RunningSimulator, send: Send<'_>) -> (HttpRequest, String) {
    let host = sim.address().to_string();
    let path = send.path.replace("{project_id}", &send.tenant.project_id);
    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    headers.extend(send.headers.iter().map(|(n, v)| (n.to_string(), v.clone())));
    let mut request = HttpRequest {
        method: send.method.parse().expect("a valid method"),
        scheme: "http".into(),
        host: host.clone(),
        resource_path: path.clone(),
        query: send
            .query
            .iter()
            .map(|(k, v)| (k.to_string(), QueryValue::Single(v.clone())))
            .collect(),
        headers,
        body: send.body.into(),
    };
    let credentials = match send.secret_override {
        Some(secret) => specbind::Credentials::aksk(send.tenant.access_key.clone(), secret),
        None => send.tenant.credentials(),
    };
    let context = SigningContext {
        service: "vpcep",
        region: sim.region(),
        project_id: Some(&send.tenant.project_id),
        now: send.now,
    };
    sign_request(&mut request, &credentials, send.algorithm, &context).expect("signing works");
    let query = wire_query(&request);
    let url = if query.is_empty() {
        format!("http://{host}{path}")
    } else {
        format!("http://{host}{path}?{query}")
    };
    (request, url)
}

/// A valid body for creating an endpoint service.
pub fn service_body(name: &str, approval: bool) -> Value {
    serde_json::json!({
        "port_id": "2f4f6bc3-0f14-4e2b-9f1c-a5a8a2d8e5d1",
        "vpc_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
        "server_type": "VM",
        "service_name": name,
        "approval_enabled": approval,
        "ports": [{ "client_port": 8080, "server_port": 80, "protocol": "TCP" }]
    })
}

/// Creates a service as `tenant` and returns its id.
pub async fn create_service(
    sim: &RunningSimulator,
    tenant: &Tenant,
    name: &str,
    approval: bool,
) -> String {
    let answer = call(
        sim,
        Send::new(tenant, "POST", "/v1/{project_id}/vpc-endpoint-services")
            .json(&service_body(name, approval)),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    answer.body["id"].as_str().expect("a service id").to_string()
}
