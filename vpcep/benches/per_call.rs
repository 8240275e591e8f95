//! Per-call overhead of the generated client: `list_endpoint_info_details` against a loopback
//! HTTP/1.1 server that answers every request with the same fixed body, compared with a raw
//! hyper client sending a request built and signed once in advance to the same server.
//!
//! The server runs on its own thread and runtime; every client runs on the bench thread in a
//! current-thread runtime, so that thread's CPU clock is exactly the client's CPU (its pooled
//! connection tasks included). Two groups:
//! - `per_call_cpu/*`: client CPU time per iteration (criterion's "time" is CPU time here);
//! - `per_call_wall/*`: wall time per iteration, i.e. throughput.
//!
//! One iteration is `N` concurrent calls (N = 1, 16, 64). Three sides:
//! - `vpcep_client`: the generated call: build, sign, send, read, decode into the typed body;
//! - `hyper_presigned`: hyper's pooled client sending the pre-built request, reading the body;
//! - `hyper_presigned_decode`: the same, then decoding the body into the same generated type,
//!   which separates the runtime's own overhead from the decoding any typed client pays.
//!
//! Run: `cargo bench -p vpcep --bench per_call`; smoke test: `cargo test -p vpcep --benches`.
//! With `PER_CALL_SERVE=1` in the environment the binary only runs the fixed-body server and
//! prints its URL, so `scripts/bench/python_sdk_calls.py` can time the official SDK against the
//! very same server.

mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group};
use futures::future::join_all;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use specbind::__private::bytes::Bytes;
use specbind::http_request::HttpRequest;
use specbind::signing::{SigningContext, sign_request, wire_query};
use specbind::{Credentials, SigningAlgorithm};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use vpcep::types::ListEndpointInfoDetailsResponseBody;

const PROJECT_ID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const ENDPOINT_ID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
const CONCURRENCY: [usize; 3] = [1, 16, 64];

/// The fixed response: a `ListEndpointInfoDetails` body with every field filled.
fn fixed_response(spec: &support::Spec) -> Bytes {
    let body =
        spec.sample("ListEndpointInfoDetails.json", "ListEndpointInfoDetailsResponseBody", 7);
    let body = specbind::__private::serde_json::to_vec(&body).unwrap();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         X-Request-Id: 0f1e2d3c4b5a69788796a5b4c3d2e1f0\r\n\r\n",
        body.len()
    );
    Bytes::from([head.into_bytes(), body].concat())
}

/// Starts the fixed-response server on its own thread and current-thread runtime, so none of
/// its work lands on the client's CPU clock.
fn start_server(response: Bytes) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            serve(TcpListener::from_std(listener).expect("a listener"), response).await
        });
    });
    address
}

/// Serves `response` to every request on every connection, keeping connections open.
async fn serve(listener: TcpListener, response: Bytes) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        socket.set_nodelay(true).unwrap();
        let response = response.clone();
        tokio::spawn(async move {
            let mut buffer = Vec::with_capacity(4096);
            while read_message(&mut socket, &mut buffer).await.is_some() {
                if socket.write_all(&response).await.is_err() {
                    return;
                }
            }
        });
    }
}

/// Reads one HTTP/1.1 request (head plus `Content-Length` body) from `socket`; `None` at EOF.
/// Bytes past the message stay in `buffer` for the next call.
async fn read_message(socket: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let total = end + 4 + content_length(&buffer[..end]);
            while buffer.len() < total {
                if socket.read_buf(buffer).await.ok()? == 0 {
                    return None;
                }
            }
            buffer.drain(..total);
            return Some(());
        }
        if socket.read_buf(buffer).await.ok()? == 0 {
            return None;
        }
    }
}

fn content_length(head: &[u8]) -> usize {
    let head = std::str::from_utf8(head).unwrap_or_default();
    head.split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}

fn credentials() -> Credentials {
    Credentials::aksk("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc")
}

fn vpcep_client(address: SocketAddr) -> vpcep::Client {
    let config = vpcep::Config::builder()
        .region("cn-north-4")
        .endpoint(format!("http://{address}"))
        .project_id(PROJECT_ID)
        .credentials(credentials())
        .build()
        .expect("valid config");
    vpcep::Client::from_config(config).expect("valid client")
}

/// The same call as the generated client makes, built and signed once: the raw side only
/// clones it per call.
#[derive(Clone)]
struct Presigned {
    uri: http::Uri,
    headers: http::HeaderMap,
}

impl Presigned {
    fn new(address: SocketAddr) -> Self {
        let mut request = HttpRequest {
            method: "GET".parse().expect("a method"),
            scheme: "http".into(),
            host: address.to_string(),
            resource_path: format!("/v1/{PROJECT_ID}/vpc-endpoints/{ENDPOINT_ID}"),
            query: Vec::new(),
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("User-Agent".into(), "raw-bench".into()),
            ],
            body: Bytes::new(),
        };
        let context = SigningContext {
            service: "vpcep",
            region: "cn-north-4",
            project_id: Some(PROJECT_ID),
            now: SystemTime::now(),
        };
        sign_request(&mut request, &credentials(), SigningAlgorithm::HmacSha256, &context).unwrap();
        let query = wire_query(&request);
        let mut uri = format!("http://{address}{}", request.resource_path);
        if !query.is_empty() {
            uri = format!("{uri}?{query}");
        }
        let mut headers = http::HeaderMap::new();
        for (name, value) in &request.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes()).unwrap();
            headers.insert(name, http::HeaderValue::from_str(value).unwrap());
        }
        Self { uri: uri.parse().unwrap(), headers }
    }

    fn request(&self) -> http::Request<Empty<Bytes>> {
        let mut request = http::Request::new(Empty::new());
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }
}

type Hyper = HyperClient<HttpConnector, Empty<Bytes>>;

async fn hyper_call(client: &Hyper, presigned: &Presigned) -> Bytes {
    let response = client.request(presigned.request()).await.expect("a response");
    assert_eq!(response.status(), 200);
    response.into_body().collect().await.expect("a body").to_bytes()
}

/// CPU time consumed so far by the calling thread.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID needs nothing else.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread CPU clock is readable");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Which clock a group measures.
#[derive(Clone, Copy)]
enum Clock {
    ThreadCpu,
    Wall,
}

impl Clock {
    fn now(self, start: Instant) -> Duration {
        match self {
            Self::ThreadCpu => thread_cpu_time(),
            Self::Wall => start.elapsed(),
        }
    }
}

/// Benchmarks `n` concurrent calls of `call` per iteration, timed by `clock`.
fn bench_side<F, Fut>(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    runtime: &Runtime,
    clock: Clock,
    name: &str,
    n: usize,
    call: F,
) where
    F: Fn() -> Fut,
    Fut: Future<Output = ()>,
{
    group.bench_function(format!("{name}/concurrency_{n}"), |b| {
        b.iter_custom(|iterations| {
            let origin = Instant::now();
            let start = clock.now(origin);
            runtime.block_on(async {
                for _ in 0..iterations {
                    join_all((0..n).map(|_| call())).await;
                }
            });
            clock.now(origin) - start
        })
    });
}

fn bench_per_call(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let spec = support::Spec::load();
    let address = start_server(fixed_response(&spec));
    let client = vpcep_client(address);
    let hyper: Hyper = HyperClient::builder(TokioExecutor::new()).build_http();
    let presigned = Presigned::new(address);
    let call = vpcep::ListEndpointInfoDetailsRequest::new(ENDPOINT_ID);

    // Both sides get and decode the same body before anything is timed.
    let typed = runtime.block_on(client.list_endpoint_info_details(call.clone()));
    let typed = typed.unwrap_or_else(|e| panic!("the vpcep client decodes the fixed body: {e}"));
    let raw = runtime.block_on(hyper_call(&hyper, &presigned));
    let decoded: ListEndpointInfoDetailsResponseBody =
        specbind::__private::serde_json::from_slice(&raw).expect("the raw body decodes");
    assert_eq!(format!("{decoded:?}"), format!("{:?}", typed.body()));

    for (group_name, clock) in [("per_call_cpu", Clock::ThreadCpu), ("per_call_wall", Clock::Wall)]
    {
        let mut group = c.benchmark_group(group_name);
        group.measurement_time(Duration::from_secs(4));
        for n in CONCURRENCY {
            group.throughput(Throughput::Elements(n as u64));
            bench_side(&mut group, &runtime, clock, "vpcep_client", n, || async {
                client.list_endpoint_info_details(call.clone()).await.expect("call succeeds");
            });
            bench_side(&mut group, &runtime, clock, "hyper_presigned", n, || async {
                hyper_call(&hyper, &presigned).await;
            });
            bench_side(&mut group, &runtime, clock, "hyper_presigned_decode", n, || async {
                let body = hyper_call(&hyper, &presigned).await;
                let decoded: ListEndpointInfoDetailsResponseBody =
                    specbind::__private::serde_json::from_slice(&body).expect("decodes");
                std::hint::black_box(decoded);
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_per_call);

fn main() {
    if std::env::var_os("PER_CALL_SERVE").is_some() {
        let address = start_server(fixed_response(&support::Spec::load()));
        println!("http://{address}");
        loop {
            std::thread::park();
        }
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
