//! The quickstart: a real VPC Endpoint workflow through the generated bindings.
//!
//! With no credentials in the environment it starts the local simulator in-process and plays
//! both sides of a private connection: a provider publishes a service and whitelists a consumer;
//! the consumer connects an endpoint; the provider accepts it; both tag, list and clean up.
//! With `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_PROJECT_ID` and
//! `HUAWEICLOUD_SDK_REGION` set, it runs only the read-only part against Huawei Cloud.
//!
//! `cargo run --example quickstart`

use futures::TryStreamExt;
use vpcep::types::{self, PortList};
use vpcep::*;

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("\nquickstart failed: {error}");
        if let Some(id) = error.downcast_ref::<Error>().and_then(Error::request_id) {
            eprintln!("request id: {id}");
        }
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = [
        "HUAWEICLOUD_SDK_AK",
        "HUAWEICLOUD_SDK_SK",
        "HUAWEICLOUD_SDK_PROJECT_ID",
        "HUAWEICLOUD_SDK_REGION",
    ]
    .iter()
    .all(|name| std::env::var_os(name).is_some());
    if cloud {
        let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_default();
        println!("Credentials found: read-only tour of VPCEP in {region}.\n");
        return Ok(read_only_tour(&Client::from_env(&region)?).await?);
    }
    println!("No Huawei Cloud credentials in the environment: starting the local VPCEP simulator.");
    let sim = vpcep_sim::Simulator::builder().start().await?;
    let (provider_tenant, consumer_tenant) = (sim.tenants()[0].clone(), sim.tenants()[1].clone());
    println!(
        "Simulator at {} with tenants `{}` and `{}`.\n",
        sim.url(),
        provider_tenant.name,
        consumer_tenant.name
    );
    let provider = Client::from_config(sim.config_for(&provider_tenant).build()?)?;
    let consumer = Client::from_config(sim.config_for(&consumer_tenant).build()?)?;
    private_link_workflow(&provider, &consumer, &consumer_tenant).await?;
    println!();
    read_only_tour(&provider).await?;
    sim.shutdown().await;
    println!(
        "\nDone. Every request above was signed with SDK-HMAC-SHA256 and checked by the simulator."
    );
    Ok(())
}

async fn private_link_workflow(
    provider: &Client,
    consumer: &Client,
    consumer_tenant: &vpcep_sim::Tenant,
) -> Result<(), Error> {
    println!("1. Provider publishes an endpoint service (approval required)");
    let body = types::CreateEndpointServiceRequestBody::new(
        "port-4f1c2a9e",
        "vpc-provider-01",
        "VM",
        vec![PortList::new().client_port(443).server_port(8443).protocol("TCP")],
    )
    .service_name("payments")
    .approval_enabled(true)
    .description("payments API for partners");
    let created = provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await?;
    let service_id = created.id.clone().unwrap_or_default();
    println!(
        "   created {} (status {}, request id {})",
        created.service_name.as_deref().unwrap_or("?"),
        created.status.as_ref().map_or("?", |s| s.as_str()),
        created.request_id().unwrap_or("-")
    );

    let ready = provider
        .wait_until_service_available(
            ListServiceDetailsRequest::new(service_id.clone()),
            WaitOptions::default(),
        )
        .await?;
    println!("   waiter: service is {}", ready.status.as_ref().map_or("?", |s| s.as_str()));

    println!("2. Provider whitelists the consumer's account");
    let whitelist = types::AddOrRemoveServicePermissionsRequestBody::new(
        vec![consumer_tenant.whitelist_entry()],
        "add",
    );
    let added = provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service_id.clone(),
            whitelist,
        ))
        .await?;
    println!("   whitelist now: {:?}", added.permissions.clone().unwrap_or_default());

    println!("3. Consumer connects an endpoint to the service");
    let endpoint_body =
        types::CreateEndpointRequestBody::new(service_id.clone(), "vpc-consumer-07")
            .subnet_id("subnet-consumer-a")
            .enable_dns(true);
    let endpoint = consumer.create_endpoint(CreateEndpointRequest::new(endpoint_body)).await?;
    let endpoint_id = endpoint.id.clone().unwrap_or_default();
    let pending = consumer
        .wait_until_endpoint_ready(
            ListEndpointInfoDetailsRequest::new(endpoint_id.clone()),
            WaitOptions::default(),
        )
        .await?;
    println!(
        "   endpoint {endpoint_id} is {}",
        pending.status.as_ref().map_or("?", |s| s.as_str())
    );

    println!("4. Provider sees the pending connection and accepts it");
    let connections = provider
        .list_service_connections(ListServiceConnectionsRequest::new(service_id.clone()))
        .await?;
    for connection in connections.connections.iter().flatten() {
        println!(
            "   connection {} from domain {} is {}",
            connection.id.as_deref().unwrap_or("?"),
            connection.domain_id.as_deref().unwrap_or("?"),
            connection.status.as_ref().map_or("?", |s| s.as_str())
        );
    }
    let accept =
        types::AcceptOrRejectEndpointRequestBody::new("receive", vec![endpoint_id.clone()]);
    provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service_id.clone(), accept))
        .await?;
    let accepted = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint_id.clone()))
        .await?;
    println!(
        "   consumer now sees the endpoint as {}",
        accepted.status.as_ref().map_or("?", |s| s.as_str())
    );

    println!("5. Consumer tags the endpoint and finds it by tag");
    let tags = types::BatchAddOrRemoveResourceInstanceRequestBody::new("create")
        .tags(vec![types::ResourceTag::new("team").value("payments")]);
    consumer
        .batch_add_or_remove_resource_instance(
            BatchAddOrRemoveResourceInstanceRequest::new("endpoint", endpoint_id.clone())
                .body(tags),
        )
        .await?;
    let query = types::QueryResourceInstanceTagsBody::new("filter")
        .tags(vec![types::TagValuesList::new("team", vec!["payments".to_string()])]);
    let found = consumer
        .list_resource_instances(ListResourceInstancesRequest::new("endpoint", query))
        .await?;
    println!("   {} endpoint(s) tagged team=payments", found.total_count.unwrap_or(0));

    println!("6. Provider publishes 12 more services and pages through all of them (page size 5)");
    for n in 0..12 {
        let body = types::CreateEndpointServiceRequestBody::new(
            "port-x",
            "vpc-provider-01",
            "VM",
            vec![PortList::new().client_port(80).server_port(8080 + n).protocol("TCP")],
        )
        .service_name(format!("svc{n}"));
        provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await?;
    }
    let names: Vec<String> = provider
        .list_endpoint_service_paginator(ListEndpointServiceRequest::new())
        .page_size(5)
        .items()
        .map_ok(|service| service.service_name.unwrap_or_default())
        .try_collect()
        .await?;
    println!(
        "   the paginator returned {} services across {} pages",
        names.len(),
        names.len().div_ceil(5)
    );

    println!("7. Errors are values: asking for a service that does not exist");
    match provider
        .list_service_details(ListServiceDetailsRequest::new(
            "00000000-0000-4000-a000-000000000000",
        ))
        .await
    {
        Err(error) if error.is_not_found() => println!(
            "   not found, as expected: {} ({})",
            error.code().unwrap_or("?"),
            error.message().unwrap_or("")
        ),
        Err(error) => return Err(error),
        Ok(_) => println!("   unexpectedly found it"),
    }

    println!("8. Clean up: delete the endpoint, then the service, and wait for both to disappear");
    consumer.delete_endpoint(DeleteEndpointRequest::new(endpoint_id.clone())).await?;
    consumer
        .wait_until_endpoint_deleted(
            ListEndpointInfoDetailsRequest::new(endpoint_id),
            WaitOptions::default(),
        )
        .await?;
    provider.delete_endpoint_service(DeleteEndpointServiceRequest::new(service_id.clone())).await?;
    provider
        .wait_until_service_deleted(
            ListServiceDetailsRequest::new(service_id),
            WaitOptions::default(),
        )
        .await?;
    println!("   both gone");
    Ok(())
}

async fn read_only_tour(client: &Client) -> Result<(), Error> {
    println!("Read-only tour:");
    let quotas = client.list_quota_details(ListQuotaDetailsRequest::new()).await?;
    for quota in quotas.quotas.as_ref().and_then(|q| q.resources.as_ref()).into_iter().flatten() {
        println!(
            "   quota {:<17} used {:>3} of {}",
            quota.r#type.as_ref().map_or("?", |t| t.as_str()),
            quota.used.unwrap_or(0),
            quota.quota.unwrap_or(0)
        );
    }
    let public = client.list_service_public_details(ListServicePublicDetailsRequest::new()).await?;
    for service in public.endpoint_services.iter().flatten() {
        println!("   public service {}", service.service_name.as_deref().unwrap_or("?"));
    }
    let endpoints: Vec<_> =
        client.list_endpoints_paginator(ListEndpointsRequest::new()).items().try_collect().await?;
    println!("   {} endpoint(s) in this project", endpoints.len());
    Ok(())
}
