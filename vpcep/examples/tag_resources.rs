//! Tag endpoint services and find them by tag.
//!
//! `cargo run -p vpcep --example tag_resources` (runs on the embedded simulator).

use vpcep::types::{self, PortList};
use vpcep::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = vpcep_sim::Simulator::builder().start().await?;
    let client = Client::from_config(sim.config_for(&sim.tenants()[0]).build()?)?;

    for (name, team) in [("orders", "shop"), ("search", "shop"), ("audit", "security")] {
        let body = types::CreateEndpointServiceRequestBody::new(
            "port-1",
            "vpc-1",
            "VM",
            vec![PortList::new().client_port(80).server_port(8080)],
        )
        .service_name(name);
        let id = client
            .create_endpoint_service(CreateEndpointServiceRequest::new(body))
            .await?
            .id
            .clone()
            .unwrap_or_default();
        let tags = types::BatchAddOrRemoveResourceInstanceRequestBody::new("create")
            .tags(vec![types::ResourceTag::new("team").value(team)]);
        client
            .batch_add_or_remove_resource_instance(
                BatchAddOrRemoveResourceInstanceRequest::new("endpoint_service", id).body(tags),
            )
            .await?;
    }

    let keys = client
        .list_query_project_resource_tags(ListQueryProjectResourceTagsRequest::new(
            "endpoint_service",
        ))
        .await?;
    for tag in keys.tags.iter().flatten() {
        println!("tag {} has values {:?}", tag.key, tag.values);
    }
    let query = types::QueryResourceInstanceTagsBody::new("filter")
        .tags(vec![types::TagValuesList::new("team", vec!["shop".to_string()])]);
    let found = client
        .list_resource_instances(ListResourceInstancesRequest::new("endpoint_service", query))
        .await?;
    for resource in found.resources.iter().flatten() {
        println!("team=shop: {}", resource.resource_name.as_deref().unwrap_or("?"));
    }
    sim.shutdown().await;
    Ok(())
}
