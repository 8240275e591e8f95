//! Publish an endpoint service and whitelist a consumer account.
//!
//! `cargo run -p vpcep --example publish_service` (runs on the embedded simulator).

use vpcep::types::{self, PortList};
use vpcep::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = vpcep_sim::Simulator::builder().start().await?;
    let consumer = sim.tenant("consumer").expect("default tenant").clone();
    let provider = Client::from_config(sim.config_for(&sim.tenants()[0]).build()?)?;

    // Required fields are constructor arguments; optional ones are setters.
    let body = types::CreateEndpointServiceRequestBody::new(
        "port-0f3a",
        "vpc-provider",
        "VM",
        vec![PortList::new().client_port(443).server_port(8443).protocol("TCP")],
    )
    .service_name("billing")
    .approval_enabled(true);
    let service = provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await?;
    let id = service.id.clone().unwrap_or_default();
    provider
        .wait_until_service_available(
            ListServiceDetailsRequest::new(id.clone()),
            WaitOptions::default(),
        )
        .await?;

    let add = types::AddOrRemoveServicePermissionsRequestBody::new(
        vec![consumer.whitelist_entry()],
        "add",
    );
    provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            id.clone(),
            add,
        ))
        .await?;
    let listed = provider
        .list_service_permissions_details(ListServicePermissionsDetailsRequest::new(id))
        .await?;
    for record in listed.permissions.iter().flatten() {
        println!("whitelisted {}", record.permission.as_deref().unwrap_or("?"));
    }
    sim.shutdown().await;
    Ok(())
}
