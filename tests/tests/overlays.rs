//! Overlays on downloaded exports: the published VPCEP exports, bound with an Overlay 1.0
//! document that adds two waiters (and turns off one inferred paginator, checked in
//! `codegen/tests/overlays.rs`), run a workflow against vpcep-sim through the added waiters.
#![deny(warnings)]

use std::time::Duration;

use serde_json::json;

#[specbind::bindings(
    spec_crate = "huawei-cloud-api-definitions-VPCEP",
    overlays = ["overlays/vpcep-waiters.yaml"]
)]
pub mod vpcep {}

use vpcep::*;

fn body<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("body fits the generated type")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiters_added_by_an_overlay_wait_for_a_service_and_an_accepted_endpoint() {
    let sim = vpcep_sim::Simulator::builder().start().await.unwrap();
    let (provider_tenant, consumer_tenant) = (sim.tenants()[0].clone(), sim.tenants()[1].clone());
    let provider = Client::from_config(sim.config_for(&provider_tenant).build().unwrap()).unwrap();
    let consumer = Client::from_config(sim.config_for(&consumer_tenant).build().unwrap()).unwrap();
    let quick = specbind::WaitOptions::default().delay(Duration::from_millis(20));

    let created = provider
        .create_endpoint_service(CreateEndpointServiceRequest::new(body::<
            types::CreateEndpointServiceRequestBody,
        >(json!({
            "port_id": "port-1", "vpc_id": "vpc-1", "server_type": "VM", "approval_enabled": true,
            "ports": [{ "client_port": 443, "server_port": 8443, "protocol": "TCP" }],
        }))))
        .await
        .unwrap();
    let service_id = created.id.clone().expect("service id");
    let available = provider
        .wait_until_service_available(
            ListServiceDetailsRequest::new(service_id.clone()),
            quick.clone(),
        )
        .await
        .unwrap();
    assert_eq!(available.status.as_deref(), Some("available"));

    let whitelist = json!({ "permissions": [consumer_tenant.whitelist_entry()], "action": "add" });
    provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service_id.clone(),
            body::<types::AddOrRemoveServicePermissionsRequestBody>(whitelist),
        ))
        .await
        .unwrap();
    let endpoint = consumer
        .create_endpoint(CreateEndpointRequest::new(body::<types::CreateEndpointRequestBody>(
            json!({
                "endpoint_service_id": service_id, "vpc_id": "vpc-2", "subnet_id": "subnet-2",
            }),
        )))
        .await
        .unwrap();
    let endpoint_id = endpoint.id.clone().expect("endpoint id");
    provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(
            service_id,
            body::<types::AcceptOrRejectEndpointRequestBody>(
                json!({ "action": "receive", "endpoints": [endpoint_id.clone()] }),
            ),
        ))
        .await
        .unwrap();
    let accepted = consumer
        .wait_until_endpoint_accepted(ListEndpointInfoDetailsRequest::new(endpoint_id), quick)
        .await
        .unwrap();
    assert_eq!(accepted.status.as_deref(), Some("accepted"));
}
