//! Fault injection and how the typed client lives with it: per-request faults through the
//! `X-Sim-Fault` header, simulator-wide rates through `Faults`, retries that recover from
//! intermittent 503s and throttling, timeouts on added latency, and the error a cut-short body
//! produces. Rates below 1 are drawn from a fixed seed, so each run sees the same faults, and
//! the simulator's fault counts show that the faults happened at all.

mod support;

use std::time::{Duration, Instant};

use support::{Call, services_path};
use vpcep::{CallOptions, ListEndpointServiceRequest, RetryConfig};
use vpcep_sim::{FaultCounts, Faults, RunningSimulator, Simulator, Tenant};

/// Seed of every test below that uses a rate between 0 and 1.
const SEED: u64 = 0x5eed_f417;

async fn start(faults: Faults) -> (RunningSimulator, Tenant) {
    let sim = Simulator::builder().faults(faults).start().await.expect("simulator starts");
    let provider = sim.tenants()[0].clone();
    (sim, provider)
}

fn client(sim: &RunningSimulator, tenant: &Tenant, retry: RetryConfig) -> vpcep::Client {
    let config = sim.config_for(tenant).retry(retry).build().expect("config builds");
    vpcep::Client::from_config(config).expect("client builds")
}

/// Many quick attempts, so recovery does not depend on luck or on waiting.
fn patient() -> RetryConfig {
    RetryConfig::standard()
        .max_attempts(12)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

#[tokio::test]
async fn header_status_503_is_answered_as_asked() {
    let (sim, provider) = start(Faults::default()).await;
    let reply = Call::new(&provider, "GET", services_path(&provider, ""))
        .header("X-Sim-Fault", "status=503")
        .send(&sim)
        .await;
    reply.assert_error(503, "EndPoint.0001");
    assert!(reply.header("x-request-id").is_some());
    let reply = Call::new(&provider, "GET", services_path(&provider, ""))
        .header("X-Sim-Fault", "status=429")
        .send(&sim)
        .await;
    assert_eq!(reply.status, 429);
}

#[tokio::test]
async fn header_throttle_is_vpcep_flow_control() {
    let (sim, provider) = start(Faults::default()).await;
    let reply = Call::new(&provider, "GET", services_path(&provider, ""))
        .header("X-Sim-Fault", "throttle")
        .send(&sim)
        .await;
    reply.assert_error(400, "EndPoint.0022");
}

#[tokio::test]
async fn header_latency_delays_the_answer() {
    let (sim, provider) = start(Faults::default()).await;
    let started = Instant::now();
    let reply = Call::new(&provider, "GET", services_path(&provider, ""))
        .header("X-Sim-Fault", "latency=300ms")
        .send(&sim)
        .await;
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
}

#[tokio::test]
async fn header_truncate_cuts_the_body() {
    let (sim, provider) = start(Faults::default()).await;
    let whole = Call::new(&provider, "GET", services_path(&provider, "")).send(&sim).await;
    let cut = Call::new(&provider, "GET", services_path(&provider, ""))
        .header("X-Sim-Fault", "truncate")
        .send(&sim)
        .await;
    assert_eq!(cut.status, 200);
    assert_eq!(cut.header("transfer-encoding"), Some("chunked"));
    assert!(
        cut.bytes.len() < whole.bytes.len(),
        "{} vs {} bytes",
        cut.bytes.len(),
        whole.bytes.len()
    );
    assert!(serde_json::from_slice::<serde_json::Value>(&cut.bytes).is_err());
}

#[tokio::test]
async fn a_bad_fault_header_is_400() {
    let (sim, provider) = start(Faults::default()).await;
    for value in ["status=200", "status=abc", "latency=soon", "explode"] {
        let reply = Call::new(&provider, "GET", services_path(&provider, ""))
            .header("X-Sim-Fault", value)
            .send(&sim)
            .await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains("X-Sim-Fault"), "{}", reply.message());
    }
}

#[tokio::test]
async fn the_same_seed_injects_the_same_faults() {
    let faults = Faults { throttle_rate: 0.3, seed: Some(SEED), ..Faults::default() };
    let mut runs = Vec::new();
    for _ in 0..2 {
        let (sim, provider) = start(faults.clone()).await;
        let mut pattern = Vec::new();
        for _ in 0..40 {
            let reply = Call::new(&provider, "GET", services_path(&provider, "")).send(&sim).await;
            pattern.push(reply.status);
        }
        runs.push(pattern);
    }
    assert_eq!(runs[0], runs[1]);
    let throttled = runs[0].iter().filter(|&&status| status == 400).count();
    assert!((1..40).contains(&throttled), "a 0.3 rate throttled {throttled} of 40");
}

#[tokio::test]
async fn retries_recover_from_intermittent_503s() {
    let faults = Faults { server_error_rate: 0.3, seed: Some(SEED), ..Faults::default() };
    let (sim, provider) = start(faults).await;
    // Without retries some of 40 calls fail, each one counted by the simulator...
    let fragile = client(&sim, &provider, RetryConfig::disabled());
    let mut failures = 0;
    for _ in 0..40 {
        match fragile.list_endpoint_service(ListEndpointServiceRequest::new()).await {
            Ok(_) => {}
            Err(error) => {
                assert_eq!(error.status(), Some(503), "{error}");
                assert_eq!(error.code(), Some("EndPoint.0001"));
                assert!(error.is_retryable());
                failures += 1;
            }
        }
    }
    assert!(failures > 0, "the fault rate had no effect");
    assert_eq!(sim.fault_counts(), FaultCounts { statuses: failures, ..FaultCounts::default() });
    // ...with retries every one succeeds, including the non-idempotent create (a 503 means
    // the service did not process it), though more 503s were injected on the way.
    let sturdy = client(&sim, &provider, patient());
    for n in 0..20 {
        let page = sturdy.list_endpoint_service(ListEndpointServiceRequest::new()).await;
        assert_eq!(page.expect("retried to success").total_count, Some(n));
        support::create_service_typed(&sturdy, 8000 + n).await;
    }
    assert!(sim.fault_counts().statuses > failures, "no 503 was retried");
}

#[tokio::test]
async fn a_steady_503_exhausts_the_attempts() {
    let faults = Faults { server_error_rate: 1.0, ..Faults::default() };
    let (sim, provider) = start(faults).await;
    let client = client(&sim, &provider, patient().max_attempts(3));
    let error = client
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("every attempt fails");
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.operation(), Some("ListEndpointService"));
}

#[tokio::test]
async fn throttling_is_retried_to_success() {
    let faults = Faults { throttle_rate: 0.3, seed: Some(SEED), ..Faults::default() };
    let (sim, provider) = start(faults).await;
    let client = client(&sim, &provider, patient());
    for _ in 0..20 {
        client.list_endpoint_service(ListEndpointServiceRequest::new()).await.expect("recovered");
    }
    // Twenty successes prove nothing unless some attempts were throttled and retried.
    let counts = sim.fault_counts();
    assert!(counts.throttled > 0, "no request was throttled: {counts:?}");
    assert_eq!(counts, FaultCounts { throttled: counts.throttled, ..FaultCounts::default() });
}

#[tokio::test]
async fn vpcep_flow_control_reaches_the_caller_as_throttling() {
    let faults = Faults { throttle_rate: 1.0, ..Faults::default() };
    let (sim, provider) = start(faults).await;
    let client = client(&sim, &provider, RetryConfig::disabled());
    let error = client
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("every request is throttled");
    assert_eq!((error.status(), error.code()), (Some(400), Some("EndPoint.0022")));
    assert!(error.is_throttled(), "the spec lists EndPoint.0022 as a throttling code: {error}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn latency_beyond_the_read_timeout_is_a_timeout() {
    let faults = Faults { latency: Duration::from_millis(400), ..Faults::default() };
    let (sim, provider) = start(faults).await;
    let client = client(&sim, &provider, RetryConfig::disabled());
    let hurried = client.with_options(CallOptions::new().read_timeout(Duration::from_millis(100)));
    let error = hurried
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("400 ms answer, 100 ms limit");
    assert!(error.is_timeout(), "{error}");
    let started = Instant::now();
    client.list_endpoint_service(ListEndpointServiceRequest::new()).await.expect("patient call");
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn a_truncated_body_is_an_error_not_a_partial_value() {
    let faults = Faults { truncate_rate: 1.0, ..Faults::default() };
    let (sim, provider) = start(faults).await;
    let client = client(&sim, &provider, RetryConfig::disabled());
    let error = client
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("half a body cannot decode");
    // The cut body is chunked and ends without its last chunk, so the client notices while
    // reading, before decoding: a dispatch error (the request may have been sent), not a
    // response-decoding error, and never a value built from half a body.
    assert!(error.is_dispatch(), "{error}");
    assert!(!error.is_response() && !error.is_service(), "{error}");
    assert!(error.to_string().contains("may have been sent"), "{error}");
}
