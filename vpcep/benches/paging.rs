//! Listing 10,000 endpoints from an in-process `vpcep-sim` through the generated paginator
//! (`list_endpoints_paginator(..).page_size(1000).items()`), timed, plus the client's peak heap.
//!
//! The simulator is seeded from a state file (10,000 endpoints, every field filled) and runs on
//! its own runtime thread. The client runs on a current-thread runtime on the bench thread, and a
//! counting global allocator counts only allocations made on that thread, so the peak heap
//! figure is the client's (request building, signing, hyper, page decoding, the collected
//! items), not the simulator's. The time includes the simulator's work: both share the machine.
//!
//! Run: `cargo bench -p vpcep --bench paging`; smoke test: `cargo test -p vpcep --benches`.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures::{StreamExt, TryStreamExt};
use specbind::__private::serde_json::{self, Value, json};
use vpcep_sim::{Simulator, Tenant};

const PAGE_SIZE: u64 = 1_000;

/// 10,000 when measuring; 2,000 (still several pages) under `cargo test --benches`, where
/// criterion runs each bench once as a smoke test, often in a debug build.
fn endpoint_count() -> u64 {
    if std::env::args().any(|arg| arg == "--bench") { 10_000 } else { 2_000 }
}

/// Counts live heap bytes allocated and freed on threads that opted in.
struct CountingAllocator;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

fn counted() -> bool {
    COUNTED.try_with(Cell::get).unwrap_or(false)
}

fn record(delta: isize) {
    let live = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() && counted() {
            record(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        if counted() {
            record(-(layout.size() as isize));
        }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() && counted() {
            record(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Peak live bytes (above the level at the start) allocated on this thread while `run` runs.
fn peak_heap_of<T>(run: impl FnOnce() -> T) -> (T, usize) {
    COUNTED.with(|c| c.set(true));
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let output = run();
    let peak = PEAK.load(Ordering::Relaxed) - start;
    COUNTED.with(|c| c.set(false));
    (output, peak.max(0) as usize)
}

/// A simulator state file holding `count` settled endpoints of `tenant`.
fn write_state_file(tenant: &Tenant, count: u64) -> PathBuf {
    let spec = support::Spec::load();
    let mut endpoints = serde_json::Map::new();
    for i in 0..count {
        let mut fields = spec.sample("ListEndpoints.json", "EndpointResponseBody", i);
        let id = format!("{i:08x}-8882-4871-a3c2-d380272eed83");
        fields["id"] = json!(id);
        fields["project_id"] = json!(tenant.project_id);
        fields["status"] = json!("accepted");
        let record = json!({
            "project_id": tenant.project_id, "domain_id": tenant.domain_id, "fields": fields,
            "settled_status": "accepted", "ready_at_ms": 0, "gone_at_ms": null,
            "connection_description": null,
        });
        endpoints.insert(id, record);
    }
    let state = json!({"services": {}, "endpoints": Value::Object(endpoints), "last_marker_id": 0});
    let path =
        std::env::temp_dir().join(format!("specbind-bench-paging-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec(&state).unwrap()).expect("state file is writable");
    path
}

async fn list_all(client: &vpcep::Client) -> Vec<vpcep::types::EndpointResponseBody> {
    let request = vpcep::ListEndpointsRequest::new();
    let items = client.list_endpoints_paginator(request).page_size(PAGE_SIZE).items();
    items.try_collect().await.expect("listing succeeds")
}

async fn count_all(client: &vpcep::Client) -> usize {
    let request = vpcep::ListEndpointsRequest::new();
    let items = client.list_endpoints_paginator(request).page_size(PAGE_SIZE).items();
    items.fold(0, |n, item| async move { n + usize::from(item.is_ok()) }).await
}

fn bench_paging(c: &mut Criterion) {
    let endpoints = endpoint_count();
    let tenant = Tenant::generate("bench");
    let state_file = write_state_file(&tenant, endpoints);
    let sim_runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let builder = Simulator::builder().tenant(tenant.clone()).state_file(&state_file);
    let sim = sim_runtime.block_on(builder.start()).expect("simulator starts");
    let client = vpcep::Client::from_config(sim.config_for(&tenant).build().unwrap()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    let started = Instant::now();
    let (items, collect_peak) = peak_heap_of(|| runtime.block_on(list_all(&client)));
    let first = started.elapsed();
    assert_eq!(items.len() as u64, endpoints);
    drop(items);
    let (count, stream_peak) = peak_heap_of(|| runtime.block_on(count_all(&client)));
    assert_eq!(count as u64, endpoints);
    println!(
        "paging {endpoints} endpoints, page size {PAGE_SIZE}: client peak heap {:.1} MiB \
         collecting into a Vec, {:.1} MiB streaming (counting only); first listing {first:?}",
        collect_peak as f64 / 1_048_576.0,
        stream_peak as f64 / 1_048_576.0,
    );

    let mut group = c.benchmark_group(format!("paginate_{endpoints}_endpoints"));
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(endpoints));
    group.bench_function(format!("collect_page_size_{PAGE_SIZE}"), |b| {
        b.iter(|| runtime.block_on(list_all(&client)))
    });
    group.finish();

    sim_runtime.block_on(sim.shutdown());
    let _ = std::fs::remove_file(&state_file);
}

criterion_group!(benches, bench_paging);
criterion_main!(benches);
