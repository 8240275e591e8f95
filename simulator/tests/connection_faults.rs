//! Connection-level faults: `drop=before` closes the connection with no answer, `drop=after`
//! closes it right after a complete answer, and a simulator-wide drop rate applies to every
//! request. The simulator keeps serving afterwards.

mod common;

use common::{Send, call, provider, signed, start};
use vpcep_sim::{Faults, RunningSimulator, Simulator, Tenant};

const QUOTAS: &str = "/v1/{project_id}/quotas";

async fn send_raw(
    sim: &RunningSimulator,
    tenant: &Tenant,
    fault: Option<&str>,
) -> reqwest::Result<reqwest::Response> {
    let mut send = Send::new(tenant, "GET", QUOTAS);
    if let Some(fault) = fault {
        send = send.header("X-Sim-Fault", fault.to_string());
    }
    let (request, url) = signed(sim, send);
    let mut builder = common::http_client().get(url);
    for (name, value) in &request.headers {
        if !name.eq_ignore_ascii_case("host") {
            builder = builder.header(name, value);
        }
    }
    builder.send().await
}

#[tokio::test]
async fn dropped_connections_per_request() {
    let sim = start().await;
    let owner = provider(&sim);
    let before = send_raw(&sim, &owner, Some("drop=before")).await;
    assert!(before.is_err(), "no answer expected: {before:?}");
    let after = send_raw(&sim, &owner, Some("drop=after")).await.expect("the answer arrives");
    assert_eq!(after.status(), 200);
    assert_eq!(after.headers().get("connection").and_then(|v| v.to_str().ok()), Some("close"));
    assert!(after.bytes().await.is_ok(), "the body is complete");
    let bad =
        call(&sim, Send::new(&owner, "GET", QUOTAS).header("X-Sim-Fault", "drop=sometimes")).await;
    assert_eq!(bad.status, 400, "{bad:?}");
    assert_eq!(call(&sim, Send::new(&owner, "GET", QUOTAS)).await.status, 200);
}

#[tokio::test]
async fn a_simulator_wide_drop_rate_applies_to_every_request() {
    let faults = Faults { drop_before_rate: 1.0, ..Faults::default() };
    let sim = Simulator::builder().faults(faults).start().await.unwrap();
    let owner = provider(&sim);
    for _ in 0..3 {
        assert!(send_raw(&sim, &owner, None).await.is_err());
    }
    let faults = Faults { drop_after_rate: 1.0, ..Faults::default() };
    let sim = Simulator::builder().faults(faults).start().await.unwrap();
    let owner = provider(&sim);
    let answer = send_raw(&sim, &owner, None).await.expect("an answer");
    assert_eq!(answer.headers().get("connection").and_then(|v| v.to_str().ok()), Some("close"));
}
