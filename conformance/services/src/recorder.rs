//! A loopback HTTP server that records each request and answers with a canned response.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub raw_query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    /// A header's value as text (`None` when absent or not UTF-8).
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_string)
    }
}

#[derive(Default)]
struct Shared {
    reply: Option<(u16, Vec<u8>)>,
    last: Option<Recorded>,
}

/// Handle to the running recorder.
#[derive(Clone)]
pub struct Recorder {
    shared: Arc<Mutex<Shared>>,
    /// Base URL, e.g. `http://127.0.0.1:40000`.
    pub url: String,
}

impl Recorder {
    /// Starts the server on an ephemeral loopback port.
    pub async fn start() -> std::io::Result<Self> {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let app = axum::Router::new().fallback(record).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let url = format!("http://{}", listener.local_addr()?);
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(Self { shared, url })
    }

    /// Sets the answer for the next request and forgets the previous recording.
    pub fn prepare(&self, status: u16, body: Vec<u8>) {
        let mut shared = self.shared.lock().expect("recorder lock");
        shared.reply = Some((status, body));
        shared.last = None;
    }

    /// The last request received since `prepare`.
    pub fn take(&self) -> Option<Recorded> {
        self.shared.lock().expect("recorder lock").last.take()
    }
}

async fn record(State(shared): State<Arc<Mutex<Shared>>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 16 << 20).await.unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        raw_query: parts.uri.query().unwrap_or("").to_string(),
        headers: parts.headers,
        body,
    };
    let mut shared = shared.lock().expect("recorder lock");
    shared.last = Some(recorded);
    let (status, body) = shared.reply.clone().unwrap_or((200, b"{}".to_vec()));
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    response.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    response.headers_mut().insert("x-request-id", HeaderValue::from_static("conformance-request"));
    response
}
