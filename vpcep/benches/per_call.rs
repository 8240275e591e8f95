//! Per-call overhead of the generated client: `list_endpoint_info_details` against a loopback
//! HTTP/1.1 server that answers every request with the same fixed body, compared with a raw
//! client that writes a request built and signed once in advance to the same server.
//!
//! One criterion iteration is `N` concurrent calls (N = 1, 16, 64), so the throughput line is
//! calls per second. The `vpcep` side pays for building the request, signing it, the reqwest
//! connection pool, and decoding the typed body; the raw side pays only for socket I/O and
//! finding the end of the response.
//!
//! The server and the raw client are written on plain tokio sockets because the crate's
//! dev-dependencies do not include hyper; both sides share the server, so the server's cost is
//! in both numbers and the raw side is, if anything, cheaper than a hyper client would be.
//!
//! Run: `cargo bench -p vpcep --bench per_call`; smoke test: `cargo test -p vpcep --benches`.

mod support;

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures::future::join_all;
use specbind::__private::bytes::Bytes;
use specbind::http_request::HttpRequest;
use specbind::signing::{SigningContext, sign_request, wire_query};
use specbind::{Credentials, SigningAlgorithm};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

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

/// Reads one HTTP/1.1 message (head plus `Content-Length` body) from `socket`; `None` at EOF.
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

/// The bytes of the same call, signed once, as the raw client sends them every time.
fn presigned_request(address: SocketAddr) -> Bytes {
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
    let target = if query.is_empty() {
        request.resource_path.clone()
    } else {
        format!("{}?{query}", request.resource_path)
    };
    let mut text = format!("GET {target} HTTP/1.1\r\n");
    for (name, value) in &request.headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    Bytes::from(text)
}

struct RawConnection {
    socket: TcpStream,
    buffer: Vec<u8>,
}

async fn raw_call(connection: &Mutex<RawConnection>, request: &[u8]) {
    let mut connection = connection.lock().await;
    let RawConnection { socket, buffer } = &mut *connection;
    socket.write_all(request).await.unwrap();
    read_message(socket, buffer).await.expect("a response");
}

fn bench_per_call(c: &mut Criterion) {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let spec = support::Spec::load();
    let response = fixed_response(&spec);
    let address = runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, response));
        address
    });
    let client = vpcep_client(address);
    let request = presigned_request(address);
    let call = vpcep::ListEndpointInfoDetailsRequest::new(ENDPOINT_ID);
    let check = runtime.block_on(client.list_endpoint_info_details(call.clone()));
    let check = check.unwrap_or_else(|e| panic!("the vpcep client decodes the fixed body: {e}"));
    assert_eq!(check.status(), 200);

    let mut group = c.benchmark_group("list_endpoint_info_details");
    group.measurement_time(Duration::from_secs(5));
    for n in CONCURRENCY {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("vpcep_client/concurrency_{n}"), |b| {
            b.to_async(&runtime).iter(|| {
                let calls = (0..n).map(|_| client.list_endpoint_info_details(call.clone()));
                async move {
                    for result in join_all(calls).await {
                        result.expect("call succeeds");
                    }
                }
            })
        });
        let connections: Vec<Mutex<RawConnection>> = runtime.block_on(async {
            let mut connections = Vec::with_capacity(n);
            for _ in 0..n {
                let socket = TcpStream::connect(address).await.unwrap();
                socket.set_nodelay(true).unwrap();
                connections.push(Mutex::new(RawConnection { socket, buffer: Vec::new() }));
            }
            connections
        });
        group.bench_function(format!("raw_presigned/concurrency_{n}"), |b| {
            b.to_async(&runtime)
                .iter(|| join_all(connections.iter().map(|c| raw_call(c, &request))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_per_call);
criterion_main!(benches);
