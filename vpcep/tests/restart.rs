//! State survives a restart: a simulator with a state file is stopped mid-workflow, a new one
//! starts from the same file with the same tenants, and the workflow finds everything again and
//! carries on (accepting the connection that was left pending).

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use futures::TryStreamExt;
use vpcep::types::{self, EndpointStatus, PortList, ServiceStatus};
use vpcep::*;
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

/// A state file path unique to this test run, removed when dropped.
struct TempState(PathBuf);

impl TempState {
    fn new(label: &str) -> Self {
        let nanos =
            SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_nanos();
        Self(
            std::env::temp_dir()
                .join(format!("vpcep-sim-{label}-{}-{nanos}.json", std::process::id())),
        )
    }
}

impl Drop for TempState {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

async fn start(state: &TempState, tenants: &[Tenant]) -> RunningSimulator {
    let builder = tenants.iter().cloned().fold(Simulator::builder(), |b, t| b.tenant(t));
    builder.state_file(&state.0).start().await.expect("simulator starts")
}

fn client_for(sim: &RunningSimulator, tenant: &Tenant) -> Client {
    Client::from_config(sim.config_for(tenant).build().expect("config")).expect("client")
}

fn quick() -> WaitOptions {
    WaitOptions::new().delay(Duration::from_millis(100)).max_wait(Duration::from_secs(5))
}

/// What the first run leaves behind.
struct Before {
    service: String,
    endpoint: String,
    marker_id: Option<i32>,
    permission_id: String,
}

async fn first_run(provider: &Client, consumer: &Client, consumer_tenant: &Tenant) -> Before {
    let body = types::CreateEndpointServiceRequestBody::new(
        "port-4f1c2a9e",
        "vpc-provider-01",
        "VM",
        vec![PortList::new().client_port(443).server_port(8443).protocol("TCP")],
    )
    .service_name("ledger")
    .approval_enabled(true)
    .tags(vec![types::TagList::new().key("env").value("prod")]);
    let created =
        provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await.unwrap();
    let service = created.id.clone().unwrap();
    provider
        .wait_until_service_available(ListServiceDetailsRequest::new(service.clone()), quick())
        .await
        .unwrap();
    let add = types::AddOrRemoveServicePermissionsRequestBody::new(
        vec![consumer_tenant.whitelist_entry()],
        "add",
    );
    provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service.clone(),
            add,
        ))
        .await
        .unwrap();
    let permissions = provider
        .list_service_permissions_details(ListServicePermissionsDetailsRequest::new(
            service.clone(),
        ))
        .await
        .unwrap();
    let permission_id = permissions.permissions.as_deref().unwrap()[0].id.clone().unwrap();
    let body = types::CreateEndpointRequestBody::new(service.clone(), "vpc-consumer-07")
        .subnet_id("subnet-a");
    let endpoint = consumer.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    let endpoint_id = endpoint.id.clone().unwrap();
    let pending = consumer
        .wait_until_endpoint_ready(
            ListEndpointInfoDetailsRequest::new(endpoint_id.clone()),
            quick(),
        )
        .await
        .unwrap();
    assert_eq!(pending.status, Some(EndpointStatus::PendingAcceptance));
    let tag = types::BatchAddOrRemoveResourceInstanceRequestBody::new("create")
        .tags(vec![types::ResourceTag::new("team").value("ledger")]);
    consumer
        .batch_add_or_remove_resource_instance(
            BatchAddOrRemoveResourceInstanceRequest::new("endpoint", endpoint_id.clone()).body(tag),
        )
        .await
        .unwrap();
    Before { service, endpoint: endpoint_id, marker_id: pending.marker_id, permission_id }
}

#[tokio::test]
async fn state_survives_a_restart_and_the_workflow_continues() {
    let state = TempState::new("restart");
    let first = Simulator::builder().state_file(&state.0).start().await.unwrap();
    let tenants = first.tenants().to_vec();
    let (provider_tenant, consumer_tenant) = (tenants[0].clone(), tenants[1].clone());
    let before = first_run(
        &client_for(&first, &provider_tenant),
        &client_for(&first, &consumer_tenant),
        &consumer_tenant,
    )
    .await;
    let first_url = first.url();
    let stale = first.config_for(&provider_tenant).retry(RetryConfig::disabled()).build().unwrap();
    first.shutdown().await;
    assert!(state.0.exists(), "the state file was written");
    // The first simulator is really gone: its address refuses connections.
    let error = Client::from_config(stale)
        .unwrap()
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("stopped simulator");
    assert!(error.is_dispatch() || error.is_timeout(), "{error}");

    let second = start(&state, &tenants).await;
    assert_ne!(second.url(), first_url);
    let (provider, consumer) =
        (client_for(&second, &provider_tenant), client_for(&second, &consumer_tenant));

    let service = provider
        .list_service_details(ListServiceDetailsRequest::new(before.service.clone()))
        .await
        .unwrap();
    assert_eq!(service.status, Some(ServiceStatus::Available));
    assert_eq!(service.approval_enabled, Some(true));
    assert!(service.service_name.as_deref().is_some_and(|n| n.starts_with("cn-north-4.ledger.")));
    assert_eq!(service.tags.as_deref().map(|t| t[0].value.clone()), Some(Some("prod".to_string())));
    let permissions = provider
        .list_service_permissions_details(ListServicePermissionsDetailsRequest::new(
            before.service.clone(),
        ))
        .await
        .unwrap();
    let entries: Vec<_> = permissions
        .permissions
        .iter()
        .flatten()
        .map(|p| (p.id.clone(), p.permission.clone()))
        .collect();
    assert_eq!(
        entries,
        [(Some(before.permission_id.clone()), Some(consumer_tenant.whitelist_entry()))]
    );

    let endpoint = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(before.endpoint.clone()))
        .await
        .unwrap();
    assert_eq!(endpoint.status, Some(EndpointStatus::PendingAcceptance));
    assert_eq!(endpoint.marker_id, before.marker_id);
    let query = types::QueryResourceInstanceTagsBody::new("filter")
        .tags(vec![types::TagValuesList::new("team", vec!["ledger".to_string()])]);
    let tagged = consumer
        .list_resource_instances(ListResourceInstancesRequest::new("endpoint", query))
        .await
        .unwrap();
    assert_eq!(
        tagged.resources.as_deref().and_then(|r| r[0].resource_id.clone()),
        Some(before.endpoint.clone())
    );

    // Continue: the provider accepts the connection left pending before the restart.
    let connections = provider
        .list_service_connections(
            ListServiceConnectionsRequest::new(before.service.clone()).status("pendingAcceptance"),
        )
        .await
        .unwrap();
    assert_eq!(
        connections.connections.as_deref().map(|c| c[0].id.clone()),
        Some(Some(before.endpoint.clone()))
    );
    let accept =
        types::AcceptOrRejectEndpointRequestBody::new("receive", vec![before.endpoint.clone()]);
    provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(
            before.service.clone(),
            accept,
        ))
        .await
        .unwrap();
    let accepted = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(before.endpoint.clone()))
        .await
        .unwrap();
    assert_eq!(accepted.status, Some(EndpointStatus::Accepted));

    // New resources do not collide with restored ones: marker ids keep counting up.
    let body = types::CreateEndpointRequestBody::new(before.service.clone(), "vpc-consumer-08")
        .subnet_id("subnet-b");
    let next = consumer.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    assert!(next.marker_id > before.marker_id, "{:?} after {:?}", next.marker_id, before.marker_id);
    second.shutdown().await;

    // And the accept made after the restart is itself persisted.
    let third = start(&state, &tenants).await;
    let consumer = client_for(&third, &consumer_tenant);
    let endpoints: Vec<_> = consumer
        .list_endpoints_paginator(ListEndpointsRequest::new())
        .items()
        .try_collect()
        .await
        .unwrap();
    let statuses: std::collections::BTreeMap<_, _> =
        endpoints.into_iter().map(|e| (e.id.unwrap_or_default(), e.status)).collect();
    assert_eq!(statuses.get(&before.endpoint), Some(&Some(EndpointStatus::Accepted)));
    assert_eq!(statuses.len(), 2);
    third.shutdown().await;
}

#[tokio::test]
async fn a_damaged_state_file_refuses_to_start() {
    let state = TempState::new("damaged");
    std::fs::write(&state.0, b"{\"services\": [not json").unwrap();
    let error = match Simulator::builder().state_file(&state.0).start().await {
        Ok(_) => panic!("a damaged state file must not be served as an empty store"),
        Err(error) => error,
    };
    assert!(error.to_string().contains("damaged"), "{error}");
    // The damaged file is left for inspection, not overwritten.
    assert_eq!(std::fs::read(&state.0).unwrap(), b"{\"services\": [not json");
}
