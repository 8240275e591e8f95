//! Connection-level faults: `drop=before` closes the connection with no answer, `drop=after`
//! closes it right after a complete answer, and a simulator-wide drop rate applies to every
//! request. The simulator keeps serving afterwards.

mod support;

use support::{Call, NoAnswer, provider, start};
use vpcep_sim::{Faults, Simulator};

const QUOTAS: &str = "/v1/{project_id}/quotas";

#[tokio::test]
async fn dropped_connections_per_request() {
    let sim = start().await;
    let owner = provider(&sim);
    let quotas = || Call::new(&owner, "GET", QUOTAS);
    let before = quotas().header("X-Sim-Fault", "drop=before").try_send(&sim).await;
    assert_eq!(before.map(|reply| reply.status), Err(NoAnswer), "no answer expected");
    let after = quotas().header("X-Sim-Fault", "drop=after").send(&sim).await;
    assert_eq!(after.status, 200, "{after:?}");
    // The helper never asks for the connection to close: this is the injected fault.
    assert_eq!(after.header("connection"), Some("close"));
    assert_eq!(after.body["quotas"]["resources"].as_array().map(Vec::len), Some(2), "whole body");
    let bad = quotas().header("X-Sim-Fault", "drop=sometimes").send(&sim).await;
    assert_eq!(bad.status, 400, "{bad:?}");
    let plain = quotas().send(&sim).await;
    assert_eq!((plain.status, plain.header("connection")), (200, None), "{plain:?}");
}

#[tokio::test]
async fn a_simulator_wide_drop_rate_applies_to_every_request() {
    let faults = Faults { drop_before_rate: 1.0, ..Faults::default() };
    let sim = Simulator::builder().faults(faults).start().await.unwrap();
    let owner = provider(&sim);
    for _ in 0..3 {
        let answer = Call::new(&owner, "GET", QUOTAS).try_send(&sim).await;
        assert_eq!(answer.map(|reply| reply.status), Err(NoAnswer));
    }
    let faults = Faults { drop_after_rate: 1.0, ..Faults::default() };
    let sim = Simulator::builder().faults(faults).start().await.unwrap();
    let owner = provider(&sim);
    let answer = Call::new(&owner, "GET", QUOTAS).send(&sim).await;
    assert_eq!((answer.status, answer.header("connection")), (200, Some("close")), "{answer:?}");
}
