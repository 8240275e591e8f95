//! Connect an endpoint to another account's service and get it accepted.
//!
//! `cargo run -p vpcep --example connect_endpoint` (runs on the embedded simulator).

use vpcep::types::{self, PortList};
use vpcep::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = vpcep_sim::Simulator::builder().start().await?;
    let (provider_tenant, consumer_tenant) = (sim.tenants()[0].clone(), sim.tenants()[1].clone());
    let provider = Client::from_config(sim.config_for(&provider_tenant).build()?)?;
    let consumer = Client::from_config(sim.config_for(&consumer_tenant).build()?)?;

    let body = types::CreateEndpointServiceRequestBody::new(
        "port-1",
        "vpc-p",
        "VM",
        vec![PortList::new().client_port(80).server_port(8080)],
    )
    .approval_enabled(true);
    let service_id = provider
        .create_endpoint_service(CreateEndpointServiceRequest::new(body))
        .await?
        .id
        .clone()
        .unwrap_or_default();
    provider
        .wait_until_service_available(
            ListServiceDetailsRequest::new(service_id.clone()),
            WaitOptions::default(),
        )
        .await?;
    let add = types::AddOrRemoveServicePermissionsRequestBody::new(
        vec![consumer_tenant.whitelist_entry()],
        "add",
    );
    provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service_id.clone(),
            add,
        ))
        .await?;

    let request =
        types::CreateEndpointRequestBody::new(service_id.clone(), "vpc-c").subnet_id("subnet-c");
    let endpoint_id = consumer
        .create_endpoint(CreateEndpointRequest::new(request))
        .await?
        .id
        .clone()
        .unwrap_or_default();
    let waiting = consumer
        .wait_until_endpoint_ready(
            ListEndpointInfoDetailsRequest::new(endpoint_id.clone()),
            WaitOptions::default(),
        )
        .await?;
    println!("endpoint {endpoint_id}: {}", waiting.status.as_ref().map_or("?", |s| s.as_str()));

    let accept =
        types::AcceptOrRejectEndpointRequestBody::new("receive", vec![endpoint_id.clone()]);
    provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service_id, accept))
        .await?;
    let now = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint_id))
        .await?;
    println!("after the provider accepted: {}", now.status.as_ref().map_or("?", |s| s.as_str()));
    sim.shutdown().await;
    Ok(())
}
