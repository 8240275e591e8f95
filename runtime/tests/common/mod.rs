//! Loopback test servers and clients shared by the runtime's integration tests.
#![allow(dead_code)] // Each test file uses a different subset.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use specbind::time::ManualTime;
use specbind::{Config, ConfigBuilder, Credentials};
use tokio::net::TcpListener;

pub const AK: &str = "AK-RUNTIME-TEST";
pub const SK: &str = "sk-runtime-very-secret";
pub const PROJECT: &str = "proj-1";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// Requests recorded by a test server.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<Seen>>>);

impl Log {
    pub fn push(&self, seen: Seen) {
        self.0.lock().unwrap().push(seen);
    }

    pub fn all(&self) -> Vec<Seen> {
        self.0.lock().unwrap().clone()
    }

    pub fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

/// Serves `router` on an ephemeral loopback port; returns `http://127.0.0.1:port`.
pub async fn serve(router: axum::Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

/// A server whose every request is recorded and answered by `answer(n, seen)` (n from 0).
pub async fn scripted<F>(answer: F) -> (String, Log)
where
    F: Fn(usize, &Seen) -> axum::response::Response + Clone + Send + Sync + 'static,
{
    let log = Log::default();
    let handler_log = log.clone();
    let handler = move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let log = handler_log.clone();
        let answer = answer.clone();
        async move {
            let seen = Seen { method, uri, headers, body };
            let n = log.len();
            log.push(seen.clone());
            answer(n, &seen)
        }
    };
    let base = serve(axum::Router::new().fallback(handler)).await;
    (base, log)
}

/// A response with a status, headers and a body.
pub fn reply(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<String>,
) -> axum::response::Response {
    let mut builder = axum::http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(axum::body::Body::from(body.into())).unwrap()
}

/// A JSON 200.
pub fn json(body: serde_json::Value) -> axum::response::Response {
    reply(200, &[("Content-Type", "application/json")], body.to_string())
}

/// A config pointing at `base` with test credentials and a manual clock starting now.
pub fn config(base: &str) -> (ConfigBuilder, ManualTime) {
    let time = ManualTime::new(SystemTime::now());
    let builder = Config::builder()
        .endpoint(base)
        .region("cn-north-4")
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .sleep(Arc::new(time.clone()))
        .time_source(Arc::new(time.clone()))
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(10));
    (builder, time)
}

/// A runtime client for service `vpcep` built from `builder`.
pub fn client(builder: ConfigBuilder) -> specbind::Client {
    specbind::Client::new("vpcep", builder.build().unwrap()).unwrap()
}

/// Test operations, shaped like the constants generated code emits.
pub mod ops {
    use specbind::__private::{Method, Operation};

    pub const SHOW_THING: Operation = Operation {
        name: "ShowThing",
        method: Method::Get,
        path: "/v1/{project_id}/things/{thing_id}",
        idempotent: true,
        retryable_codes: &["EndPoint.0022", "EndPoint.0001"],
        throttling_codes: &["EndPoint.0022"],
    };

    pub const CREATE_THING: Operation = Operation {
        name: "CreateThing",
        method: Method::Post,
        path: "/v1/{project_id}/things",
        idempotent: false,
        retryable_codes: &["EndPoint.0022", "EndPoint.0001"],
        throttling_codes: &["EndPoint.0022"],
    };

    pub const LIST_THINGS: Operation = Operation {
        name: "ListThings",
        method: Method::Get,
        path: "/v1/{project_id}/things",
        idempotent: true,
        retryable_codes: &[],
        throttling_codes: &[],
    };
}

/// A `ShowThing` call for `thing_id`.
pub fn show_thing(thing_id: &str) -> specbind::__private::Call {
    let mut call = specbind::__private::Call::new(&ops::SHOW_THING);
    call.client_path_param("project_id", "project_id");
    call.path_param("thing_id", thing_id);
    call
}

/// A `CreateThing` call with a JSON body.
pub fn create_thing(body: &serde_json::Value) -> specbind::__private::Call {
    let mut call = specbind::__private::Call::new(&ops::CREATE_THING);
    call.client_path_param("project_id", "project_id");
    call.json_body("application/json;charset=UTF-8", body);
    call
}

/// The thing a test server returns.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Thing {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub size: Option<u32>,
}
