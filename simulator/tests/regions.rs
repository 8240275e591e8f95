//! Each region serves exactly the operations `specs/vpcep` gives it, and answers every other one
//! as its API gateway does: 404, `error_code` `APIGW.0101`, an `error_msg` and an
//! `X-Request-Id`, before authentication. Every spec operation is sent to every region.

mod support;

use std::collections::BTreeSet;

use support::spec::{self, SpecOp};
use support::{Call, Reply, provider, services_path};
use vpcep_sim::{Cloud, RunningSimulator, Simulator};

/// What every spec operation got: the ids answered by the service and the 404 `APIGW.0101`s.
struct Probe {
    answered: BTreeSet<String>,
    missing: Vec<(String, Reply)>,
}

async fn start(cloud: Cloud, region: &str) -> RunningSimulator {
    Simulator::builder().cloud(cloud).region(region).start().await.expect("simulator starts")
}

/// Sends every spec operation, signed as the provider, with ids nothing has and `{}` as body.
async fn probe(sim: &RunningSimulator) -> Probe {
    let tenant = provider(sim);
    let mut probe = Probe { answered: BTreeSet::new(), missing: Vec::new() };
    for op in spec::operations() {
        let mut call = Call::new(&tenant, &op.method, op.concrete_path(&tenant));
        if matches!(op.method.as_str(), "POST" | "PUT") {
            call = call.body("{}");
        }
        let reply = call.send(sim).await;
        assert!(reply.request_id().is_some_and(|id| !id.is_empty()), "{}: {reply:?}", op.id);
        if reply.status == 404 && reply.code() == "APIGW.0101" {
            probe.missing.push((op.id, reply));
        } else {
            // Answered by VPCEP itself: a success or one of its own error codes.
            let code = reply.code();
            assert!(code.is_empty() || code.starts_with("EndPoint."), "{}: {reply:?}", op.id);
            probe.answered.insert(op.id);
        }
    }
    probe
}

/// Serves exactly the specs' set for `region`, of the size its API reference documents.
async fn serves_its_set(cloud: Cloud, region: &str, documented: usize) {
    let sim = start(cloud, region).await;
    let probe = probe(&sim).await;
    let expected = spec::offered_in(region);
    assert_eq!(probe.answered, expected, "{region}: answered vs specs");
    assert_eq!(probe.answered.len(), documented, "{region}: documented operation count");
    assert_eq!(probe.missing.len(), spec::operations().len() - documented, "{region}");
    for (id, reply) in &probe.missing {
        reply.assert_error(404, "APIGW.0101");
        assert!(reply.message().contains(region), "{id}: {reply:?}");
    }
    let served: BTreeSet<String> = sim.operations().into_iter().map(String::from).collect();
    assert_eq!(served, expected, "{region}: RunningSimulator::operations");
}

#[tokio::test]
async fn the_main_site_serves_all_33() {
    serves_its_set(Cloud::HuaweiCloud, "cn-north-4", 33).await;
}

#[tokio::test]
async fn abu_dhabi_and_kuala_lumpur_serve_19() {
    serves_its_set(Cloud::HuaweiCloud, "ae-ad-1", 19).await;
    serves_its_set(Cloud::HuaweiCloud, "my-kualalumpur-1", 19).await;
}

#[tokio::test]
async fn paris_serves_21() {
    serves_its_set(Cloud::HuaweiCloud, "eu-west-0", 21).await;
}

#[tokio::test]
async fn ankara_serves_18() {
    serves_its_set(Cloud::HuaweiCloud, "tr-central-201", 18).await;
}

#[tokio::test]
async fn europe_and_a_professional_region_serve_all_33() {
    serves_its_set(Cloud::HuaweiCloud, "eu-west-101", 33).await;
    serves_its_set(Cloud::HuaweiCloud, "cn-east-4", 33).await;
}

#[tokio::test]
async fn open_telekom_cloud_serves_21_in_both_regions() {
    serves_its_set(Cloud::OpenTelekomCloud, "eu-de", 21).await;
    serves_its_set(Cloud::OpenTelekomCloud, "eu-nl", 21).await;
    let default = Simulator::builder().cloud(Cloud::OpenTelekomCloud).start().await.unwrap();
    assert_eq!(default.region(), "eu-de");
}

fn spec_op(id: &str) -> SpecOp {
    spec::operations().into_iter().find(|op| op.id == id).expect("a spec operation")
}

#[tokio::test]
async fn the_gateway_answers_before_authentication() {
    let sim = start(Cloud::HuaweiCloud, "ae-ad-1").await;
    let tenant = provider(&sim);
    let rename = spec_op("UpdateEndpointServiceName");
    let unsigned = Call::unsigned("PUT", rename.concrete_path(&tenant)).body("{}");
    unsigned.send(&sim).await.assert_error(404, "APIGW.0101");
    // An offered operation still needs a signature.
    let list = Call::unsigned("GET", services_path(&tenant, "")).send(&sim).await;
    list.assert_error(401, "APIGW.0301");
}

#[tokio::test]
async fn a_legacy_region_runs_its_operations_and_refuses_the_rest_on_real_resources() {
    let sim = start(Cloud::HuaweiCloud, "ae-ad-1").await;
    let tenant = provider(&sim);
    let id = support::create_service(&sim, &tenant, "legacy", false).await;
    let shown =
        Call::new(&tenant, "GET", services_path(&tenant, &format!("/{id}"))).send(&sim).await;
    assert_eq!(shown.status, 200, "{shown:?}");
    assert!(shown.body["service_name"].as_str().is_some_and(|n| n.starts_with("ae-ad-1.")));
    // The service exists, yet renaming is not an API this region has.
    let rename = Call::new(&tenant, "PUT", services_path(&tenant, &format!("/{id}/name")))
        .body(r#"{"endpoint_service_name": "renamed"}"#)
        .send(&sim)
        .await;
    rename.assert_error(404, "APIGW.0101");
}

#[tokio::test]
async fn a_region_the_cloud_lacks_does_not_start() {
    for (cloud, region) in [(Cloud::OpenTelekomCloud, "cn-north-4"), (Cloud::HuaweiCloud, "eu-de")]
    {
        let error = Simulator::builder().cloud(cloud).region(region).start().await.err();
        let error = error.unwrap_or_else(|| panic!("{cloud} {region} started"));
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{error}");
        assert!(error.to_string().contains(region), "{error}");
    }
}
