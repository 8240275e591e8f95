//! Decoding and encoding a `list_endpoints` response body of 1,000 endpoints, every field
//! filled, into the generated `vpcep::types::ListEndpointsResponseBody`, against decoding the
//! same bytes into an untyped `serde_json::Value`.
//!
//! `decode_json` is the runtime's decoder (serde_path_to_error, so a failure names the field);
//! `from_slice` is plain serde_json into the same type, to show what the error path costs.
//!
//! Run: `cargo bench -p vpcep --bench codec`; smoke test: `cargo test -p vpcep --benches`.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use specbind::__private::{decode_json, serde_json};
use vpcep::types::ListEndpointsResponseBody;

const ENDPOINTS: u64 = 1_000;

fn bench_codec(c: &mut Criterion) {
    let spec = support::Spec::load();
    let body = support::list_endpoints_body(&spec, ENDPOINTS);
    let typed: ListEndpointsResponseBody =
        decode_json(200, &body).unwrap_or_else(|e| panic!("fixture decodes: {e:?}"));
    // "All fields filled" means the typed value re-encodes to the same JSON it came from.
    let original: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), original, "a field was dropped");
    assert_eq!(typed.endpoints.as_ref().map(Vec::len), Some(ENDPOINTS as usize));

    let mut group = c.benchmark_group(format!("list_endpoints_{ENDPOINTS}"));
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("decode/typed_decode_json", |b| {
        b.iter(|| decode_json::<ListEndpointsResponseBody>(200, black_box(&body)).unwrap())
    });
    group.bench_function("decode/typed_from_slice", |b| {
        b.iter(|| serde_json::from_slice::<ListEndpointsResponseBody>(black_box(&body)).unwrap())
    });
    group.bench_function("decode/serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).unwrap())
    });
    group.bench_function("encode/typed_to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&typed)).unwrap())
    });
    group.bench_function("encode/serde_json_value_to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&original)).unwrap())
    });
    group.finish();
    println!("list_endpoints fixture: {ENDPOINTS} endpoints, {} bytes", body.len());
}

criterion_group!(benches, bench_codec);
criterion_main!(benches);
