//! Shared by the simulator's integration tests: a raw HTTP/1.1 exchange over loopback, signed
//! with the runtime's own signer, so a test can send bytes no typed client would produce
//! (malformed JSON, wrong types, stale dates, fault headers) and read the status and body as
//! they came back.
#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use serde_json::Value;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{SigningAlgorithm, SigningContext, sign_request};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use vpcep_sim::{RunningSimulator, Tenant};

/// How long one raw exchange may take before the test fails instead of hanging.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(10);

/// A request to send raw. Built with [`Raw::new`] and chained setters.
#[derive(Debug, Clone)]
pub struct Raw {
    method: http::Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    signed_at: SystemTime,
    credentials: Option<specbind::Credentials>,
    project_id: Option<String>,
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (panics with the body text when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!("body is not JSON ({error}): {}", String::from_utf8_lossy(&self.body))
        })
    }

    /// `error_code` of an error body.
    pub fn code(&self) -> String {
        self.json()["error_code"].as_str().unwrap_or_default().to_string()
    }

    /// `error_msg` of an error body.
    pub fn message(&self) -> String {
        self.json()["error_msg"].as_str().unwrap_or_default().to_string()
    }

    /// A header value by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Asserts a VPCEP-shaped 4xx: the status, `error_code`, and a non-empty `error_msg`.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        let text = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, status, "unexpected status; body: {text}");
        assert_eq!(self.code(), code, "unexpected error_code; body: {text}");
        assert!(!self.message().is_empty(), "error_msg is empty; body: {text}");
    }
}

impl Raw {
    /// A request signed as `tenant` (or unsigned with `None`).
    pub fn new(method: &str, path: impl Into<String>, tenant: Option<&Tenant>) -> Self {
        Self {
            method: method.parse().expect("valid method"),
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
            signed_at: SystemTime::now(),
            credentials: tenant.map(Tenant::credentials),
            project_id: tenant.map(|t| t.project_id.clone()),
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Adds a header (signed along with the rest).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets a JSON body, given as raw bytes so it may be malformed.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self.headers.push(("Content-Type".into(), "application/json;charset=utf-8".into()));
        self
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

    /// Signs and sends the request to `sim`, reading the whole answer.
    pub async fn send(self, sim: &RunningSimulator) -> Reply {
        let host = sim.address().to_string();
        let mut request = HttpRequest {
            method: self.method,
            scheme: "http".into(),
            host: host.clone(),
            resource_path: self.path,
            query: self.query.into_iter().map(|(k, v)| (k, QueryValue::Single(v))).collect(),
            headers: self.headers,
            body: self.body.into(),
        };
        if let Some(credentials) = &self.credentials {
            let context = SigningContext {
                service: "vpcep",
                region: sim.region(),
                project_id: self.project_id.as_deref(),
                now: self.signed_at,
            };
            sign_request(&mut request, credentials, SigningAlgorithm::HmacSha256, &context)
                .expect("request signs");
        }
        let exchange = exchange(&host, &request);
        tokio::time::timeout(EXCHANGE_LIMIT, exchange).await.expect("exchange finished in time")
    }
}

async fn exchange(host: &str, request: &HttpRequest) -> Reply {
    let query = specbind::signing::wire_query(request);
    let target = if query.is_empty() {
        request.resource_path.clone()
    } else {
        format!("{}?{query}", request.resource_path)
    };
    let mut head = format!("{} {target} HTTP/1.1\r\n", request.method);
    if request.header("Host").is_none() {
        head.push_str(&format!("Host: {host}\r\n"));
    }
    for (name, value) in &request.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", request.body.len()));
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("simulator accepts");
    stream.write_all(head.as_bytes()).await.expect("head written");
    stream.write_all(&request.body).await.expect("body written");
    let mut raw = Vec::new();
    // A server that closes early (an oversized body) may reset; what arrived is still judged.
    let _ = stream.read_to_end(&mut raw).await;
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        data = &data[end + 2..];
        if size == 0 || data.len() < size {
            out.extend_from_slice(&data[..size.min(data.len())]);
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
    out
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
        "port_id": "port-4f1c2a9e", "vpc_id": "vpc-provider-01", "server_type": "VM",
        "ports": [{ "client_port": client_port, "server_port": server_port, "protocol": "TCP" }],
    })
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
pub async fn create_service(client: &vpcep::Client, server_port: i32) -> String {
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
