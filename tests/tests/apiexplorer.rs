//! Huawei Cloud API Explorer exports, used as they are: the VPCEP exports (Swagger 2.0 in the
//! wrapper) and the RAM exports (OpenAPI 3.0 in the wrapper) both generate code that compiles
//! without warnings, and the VPCEP client generated from the raw exports runs a real workflow
//! against vpcep-sim. The exports come from the published crates
//! (`huawei-cloud-api-definitions-<SERVICE>`), bound with `spec_crate`, as a user would.
#![deny(warnings)]

use serde_json::json;

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-VPCEP")]
pub mod vpcep_explorer {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-RAM")]
pub mod ram_explorer {}

fn body<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("body fits the generated type")
}

#[test]
fn service_names_come_from_the_exports_host() {
    assert_eq!(vpcep_explorer::Client::SERVICE, "vpcep");
    assert_eq!(ram_explorer::Client::SERVICE, "ram");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vpcep_client_from_raw_exports_runs_a_workflow_on_the_simulator() {
    use vpcep_explorer::*;
    let sim = vpcep_sim::Simulator::builder().start().await.unwrap();
    let (provider_tenant, consumer_tenant) = (sim.tenants()[0].clone(), sim.tenants()[1].clone());
    let provider = Client::from_config(sim.config_for(&provider_tenant).build().unwrap()).unwrap();
    let consumer = Client::from_config(sim.config_for(&consumer_tenant).build().unwrap()).unwrap();

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
    let details = provider
        .list_service_details(ListServiceDetailsRequest::new(service_id.clone()))
        .await
        .unwrap();
    assert_eq!(details.status.as_deref(), Some("available"));

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
    let pending = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint_id.clone()))
        .await
        .unwrap();
    assert_eq!(pending.status.as_deref(), Some("pendingAcceptance"));

    let accept = json!({ "action": "receive", "endpoints": [endpoint_id] });
    provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(
            service_id.clone(),
            body::<types::AcceptOrRejectEndpointRequestBody>(accept),
        ))
        .await
        .unwrap();
    let accepted = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint_id.clone()))
        .await
        .unwrap();
    assert_eq!(accepted.status.as_deref(), Some("accepted"));

    consumer.delete_endpoint(DeleteEndpointRequest::new(endpoint_id.clone())).await.unwrap();
    provider
        .delete_endpoint_service(DeleteEndpointServiceRequest::new(service_id.clone()))
        .await
        .unwrap();
    let gone = provider
        .list_service_details(ListServiceDetailsRequest::new(service_id))
        .await
        .unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    sim.shutdown().await;
}
