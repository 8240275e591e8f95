//! Time per `SDK-HMAC-SHA256` signature.
//!
//! Two requests: a typical VPCEP call (GET with a path id, three query parameters and the
//! headers the client sends) and a POST with a 64 KiB JSON body, where hashing the payload
//! dominates. Each is signed with `specbind::signing::sign`, what the client calls per attempt,
//! and the typical one also with `sign_request`, which returns every stage (for tests and
//! debugging). The request is cloned outside the timed section, because signing adds headers
//! in place. Target (issue #7): ≤ 1 µs for the typical request.
//!
//! Run: `cargo bench -p specbind --bench signing`; smoke test: `cargo test -p specbind --benches`.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use specbind::Credentials;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{SigningAlgorithm, SigningContext, sign, sign_request};

const PROJECT_ID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const BODY_BYTES: usize = 64 * 1024;
/// Requests cloned per batch before signing them. Small batches keep the heap warm, as in a
/// client signing one request at a time; criterion's `SmallInput` holds up to a tenth of all
/// iterations (~10^5 requests) at once, and then the allocator's page faults and consolidation
/// dominated the figure.
const BATCH: u64 = 64;

/// A request as `Client::execute` hands it to the signer for a typical list call.
fn typical_request() -> HttpRequest {
    HttpRequest {
        method: http::Method::GET,
        scheme: "https".into(),
        host: "vpcep.cn-north-4.myhuaweicloud.com".into(),
        resource_path: format!("/v1/{PROJECT_ID}/vpc-endpoints"),
        query: vec![
            ("limit".into(), QueryValue::Single("100".into())),
            ("offset".into(), QueryValue::Single("0".into())),
            ("sort_key".into(), QueryValue::Single("create_at".into())),
        ],
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("User-Agent".into(), "specbind/0.1.0".into()),
        ],
        body: Bytes::new(),
    }
}

/// A POST whose JSON body is exactly `BODY_BYTES` long.
fn large_body_request() -> HttpRequest {
    let mut body = String::with_capacity(BODY_BYTES);
    body.push_str("{\"description\":\"");
    while body.len() < BODY_BYTES - 2 {
        body.push('x');
    }
    body.push_str("\"}");
    let mut request = typical_request();
    request.method = http::Method::POST;
    request.query.clear();
    request.body = Bytes::from(body);
    request
}

fn context() -> SigningContext<'static> {
    SigningContext {
        service: "vpcep",
        region: "cn-north-4",
        project_id: Some(PROJECT_ID),
        now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_288_000),
    }
}

fn sign_once(request: &mut HttpRequest, credentials: &Credentials) {
    let signed = sign(request, credentials, SigningAlgorithm::HmacSha256, &context());
    signed.expect("signing succeeds");
    black_box(request);
}

fn sign_once_traced(request: &mut HttpRequest, credentials: &Credentials) {
    let trace = sign_request(request, credentials, SigningAlgorithm::HmacSha256, &context());
    black_box(trace.expect("signing succeeds"));
}

fn bench_signing(c: &mut Criterion) {
    let credentials =
        Credentials::aksk("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
    let mut group = c.benchmark_group("sign_request/sdk_hmac_sha256");
    for (name, request) in
        [("typical_get", typical_request()), ("json_body_64KiB", large_body_request())]
    {
        group.throughput(Throughput::Elements(1));
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                || request.clone(),
                |request| sign_once(request, &credentials),
                BatchSize::NumIterations(BATCH),
            )
        });
    }
    let request = typical_request();
    group.bench_function("typical_get_with_trace", |b| {
        b.iter_batched_ref(
            || request.clone(),
            |request| sign_once_traced(request, &credentials),
            BatchSize::NumIterations(BATCH),
        )
    });
    group.finish();
}

criterion_group!(benches, bench_signing);
criterion_main!(benches);
