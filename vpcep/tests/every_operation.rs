//! Every VPCEP operation, called through the generated bindings against the simulator, in the
//! order a real private-link rollout uses them: a provider publishes services and manages their
//! whitelists, consumers connect endpoints that the provider accepts or rejects, both sides tag,
//! page and wait, and everything is torn down again. Results are checked field by field.
//!
//! A [`Ledger`] records each operation called and, at the end, is compared with the spec
//! directory, so an operation added to the spec and not exercised here fails the test.

use std::collections::BTreeSet;
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use vpcep::types::{self, EndpointStatus, PortList, ServiceStatus};
use vpcep::*;
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

/// Operations called so far, by `operationId`.
#[derive(Default)]
struct Ledger(BTreeSet<&'static str>);

impl Ledger {
    fn note(&mut self, operation: &'static str) {
        self.0.insert(operation);
    }

    /// Every `<OperationId>.json` in the spec directory was called, and nothing else.
    fn assert_every_operation(&self) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/vpcep");
        let in_spec: BTreeSet<String> = std::fs::read_dir(dir)
            .expect("spec directory")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
            .filter(|name| name != "common")
            .collect();
        let called: BTreeSet<String> = self.0.iter().map(|s| s.to_string()).collect();
        let missing: Vec<_> = in_spec.difference(&called).collect();
        let unknown: Vec<_> = called.difference(&in_spec).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "not called: {missing:?}; not in spec: {unknown:?}"
        );
        assert_eq!(called.len(), 33, "VPCEP has 33 operations");
    }
}

/// Both sides of the connection and what they have created.
struct World {
    sim: RunningSimulator,
    provider: Client,
    consumer: Client,
    consumer_tenant: Tenant,
    ops: Ledger,
}

fn client_for(sim: &RunningSimulator, tenant: &Tenant) -> Client {
    Client::from_config(sim.config_for(tenant).build().expect("config")).expect("client")
}

/// Polls quickly: the simulator settles at once, and the spec's 5 s delay would only slow tests.
fn quick() -> WaitOptions {
    WaitOptions::new().delay(Duration::from_millis(100)).max_wait(Duration::from_secs(5))
}

#[track_caller]
fn assert_request_id<T>(response: &Response<T>) {
    let id = response.request_id().expect("X-Request-Id on every answer");
    assert!(id.len() >= 16 && id.chars().all(|c| c.is_ascii_hexdigit()), "request id {id:?}");
}

#[tokio::test]
async fn private_link_rollout_through_every_operation() {
    let sim = Simulator::builder().start().await.expect("simulator starts");
    let (provider_tenant, consumer_tenant) = (sim.tenants()[0].clone(), sim.tenants()[1].clone());
    let mut world = World {
        provider: client_for(&sim, &provider_tenant),
        consumer: client_for(&sim, &consumer_tenant),
        consumer_tenant,
        sim,
        ops: Ledger::default(),
    };
    discovery(&mut world).await;
    let service = publish_service(&mut world).await;
    whitelist_consumer(&mut world, &service).await;
    let accepted = connect_and_accept(&mut world, &service).await;
    reject_a_second_endpoint(&mut world, &service).await;
    configure_endpoint(&mut world, &accepted).await;
    gateway_route_tables(&mut world).await;
    tags(&mut world, &service, &accepted).await;
    paging(&mut world, &service).await;
    errors(&mut world).await;
    teardown(&mut world, &service).await;
    world.ops.assert_every_operation();
    world.sim.shutdown().await;
}

/// Versions, quotas and the cloud's public services: what a client reads before doing anything.
async fn discovery(w: &mut World) {
    w.ops.note("ListVersionDetails");
    let versions = w.provider.list_version_details(ListVersionDetailsRequest::new()).await.unwrap();
    assert_request_id(&versions);
    let ids: Vec<_> = versions.versions.iter().flatten().filter_map(|v| v.id.as_deref()).collect();
    assert_eq!(ids, ["v1", "v2"]);

    w.ops.note("ListSpecifiedVersionDetails");
    let v2 = w
        .provider
        .list_specified_version_details(ListSpecifiedVersionDetailsRequest::new("v2"))
        .await
        .unwrap();
    let v2 = v2.version.clone().expect("version object");
    assert_eq!((v2.id.as_deref(), v2.status.as_deref()), (Some("v2"), Some("CURRENT")));

    w.ops.note("ListQuotaDetails");
    let quotas = w.provider.list_quota_details(ListQuotaDetailsRequest::new()).await.unwrap();
    let rows: Vec<_> = quotas.quotas.clone().and_then(|q| q.resources).unwrap_or_default();
    let summary: Vec<_> = rows.iter().map(|q| (q.r#type.clone(), q.used, q.quota)).collect();
    assert_eq!(
        summary,
        [
            (Some(types::ResourceType::EndpointService), Some(0), Some(20)),
            (Some(types::ResourceType::Endpoint), Some(0), Some(50)),
        ]
    );

    w.ops.note("ListServicePublicDetails");
    let public = w
        .consumer
        .list_service_public_details(ListServicePublicDetailsRequest::new())
        .await
        .unwrap();
    assert_eq!(public.total_count, Some(3));
    let names: BTreeSet<_> =
        public.endpoint_services.iter().flatten().filter_map(|s| s.service_name.clone()).collect();
    assert!(names.contains("cn-north-4.obs") && names.contains("cn-north-4.dns"), "{names:?}");
}

/// The provider publishes a service with approval, waits for it, edits, renames and upgrades it.
async fn publish_service(w: &mut World) -> String {
    w.ops.note("CreateEndpointService");
    let body = types::CreateEndpointServiceRequestBody::new(
        "port-4f1c2a9e",
        "vpc-provider-01",
        "VM",
        vec![PortList::new().client_port(443).server_port(8443).protocol("TCP")],
    )
    .service_name("payments")
    .approval_enabled(true)
    .description("payments API for partners")
    .tags(vec![types::TagList::new().key("env").value("prod")]);
    let created =
        w.provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await.unwrap();
    assert_request_id(&created);
    let id = created.id.clone().expect("id");
    assert_eq!(created.service_name.as_deref(), Some(format!("cn-north-4.payments.{id}").as_str()));
    assert_eq!(created.approval_enabled, Some(true));
    assert_eq!(created.server_type, Some(types::ServerType::Vm));
    assert_eq!(created.service_type, Some(types::ServiceType::Interface));
    assert_eq!(created.tcp_proxy, Some(types::TcpProxy::Close));
    assert_eq!(created.status, Some(ServiceStatus::Creating));
    assert_eq!(
        created.ports.as_deref().map(|p| (p[0].client_port, p[0].server_port)),
        Some((Some(443), Some(8443)))
    );

    let ready = w
        .provider
        .wait_until_service_available(ListServiceDetailsRequest::new(id.clone()), quick())
        .await
        .unwrap();
    assert_eq!(ready.status, Some(ServiceStatus::Available));

    w.ops.note("UpdateEndpointService");
    let change = types::UpdateEndpointServiceRequestBody::new()
        .description("payments API v2")
        .ports(vec![PortList::new().client_port(443).server_port(9443).protocol("TCP")]);
    let updated = w
        .provider
        .update_endpoint_service(UpdateEndpointServiceRequest::new(id.clone(), change))
        .await
        .unwrap();
    assert_eq!(updated.description.as_deref(), Some("payments API v2"));
    assert_eq!(updated.ports.as_deref().map(|p| p[0].server_port), Some(Some(9443)));
    assert_eq!(updated.approval_enabled, Some(true), "fields not in the update stay");

    w.ops.note("UpdateEndpointServiceName");
    let rename =
        types::UpdateEndpointServiceNameRequestBody::new().endpoint_service_name("payments-v2");
    let renamed = w
        .provider
        .update_endpoint_service_name(
            UpdateEndpointServiceNameRequest::new(id.clone()).body(rename),
        )
        .await
        .unwrap();
    let full_name = format!("cn-north-4.payments-v2.{id}");
    assert_eq!(renamed.endpoint_service_name.as_deref(), Some(full_name.as_str()));

    w.ops.note("UpgradeEndpointService");
    let upgraded = w
        .provider
        .upgrade_endpoint_service(UpgradeEndpointServiceRequest::new(id.clone()))
        .await
        .unwrap();
    assert_eq!(upgraded.status(), 204);

    w.ops.note("AddEndpointServiceServerResource");
    let resources = types::AddEndpointServiceServerResourceRequestBody::new(vec![
        types::ServerResource::new("ecs-7f3a").availability_zone_id("cn-north-4a"),
    ]);
    let added = w
        .provider
        .add_endpoint_service_server_resource(AddEndpointServiceServerResourceRequest::new(
            id.clone(),
            resources,
        ))
        .await
        .unwrap();
    assert_eq!(added.status(), 204);

    w.ops.note("ListServiceDetails");
    let shown =
        w.provider.list_service_details(ListServiceDetailsRequest::new(id.clone())).await.unwrap();
    assert_eq!(shown.service_name.as_deref(), Some(full_name.as_str()));
    assert_eq!(shown.description.as_deref(), Some("payments API v2"));
    assert_eq!(shown.supported_editions.clone().unwrap_or_default(), ["default", "ipv6"]);
    let tags: Vec<_> =
        shown.tags.iter().flatten().map(|t| (t.key.clone(), t.value.clone())).collect();
    assert_eq!(tags, [(Some("env".to_string()), Some("prod".to_string()))]);

    w.ops.note("ListEndpointService");
    let found = w
        .provider
        .list_endpoint_service(
            ListEndpointServiceRequest::new().endpoint_service_name("payments-v2"),
        )
        .await
        .unwrap();
    assert_eq!(found.total_count, Some(1));
    let listed = &found.endpoint_services.as_deref().unwrap()[0];
    assert_eq!((listed.id.as_deref(), listed.connection_count), (Some(id.as_str()), Some(0)));
    id
}

/// Not whitelisted, the consumer can describe the service but not connect; the provider manages
/// its list.
async fn whitelist_consumer(w: &mut World, service: &str) {
    w.ops.note("ListServiceDescribeDetails");
    let summary = w
        .consumer
        .list_service_describe_details(ListServiceDescribeDetailsRequest::new().id(service))
        .await
        .expect("any tenant may describe a service");
    assert_eq!(summary.id.as_deref(), Some(service));

    w.ops.note("CreateEndpoint");
    let body =
        types::CreateEndpointRequestBody::new(service, "vpc-consumer-07").subnet_id("subnet-a");
    let refused =
        w.consumer.create_endpoint(CreateEndpointRequest::new(body)).await.expect_err("403");
    assert_eq!((refused.status(), refused.code()), (Some(403), Some("EndPoint.0007")), "{refused}");

    w.ops.note("AddOrRemoveServicePermissions");
    let entry = w.consumer_tenant.whitelist_entry();
    let add = types::AddOrRemoveServicePermissionsRequestBody::new(vec![entry.clone()], "add");
    let added = w
        .provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(service, add))
        .await
        .unwrap();
    assert_eq!(added.permissions.clone().unwrap_or_default(), std::slice::from_ref(&entry));
    assert_eq!(added.permission_type, Some(types::PermissionType::DomainId));

    w.ops.note("BatchAddEndpointServicePermissions");
    let partner = format!("iam:domain::{}", "b".repeat(32));
    let batch = types::BatchAddEndpointServicePermissionsRequestBody::new(vec![
        types::EpsAddPermissionRequest::new(partner.clone(), "partner in trial"),
    ]);
    let created = w
        .provider
        .batch_add_endpoint_service_permissions(BatchAddEndpointServicePermissionsRequest::new(
            service, batch,
        ))
        .await
        .unwrap();
    let record = created.permissions.clone().unwrap_or_default().remove(0);
    assert_eq!(record.permission.as_deref(), Some(partner.as_str()));
    assert_eq!(record.description.as_deref(), Some("partner in trial"));
    let partner_id = record.id.expect("permission id");

    w.ops.note("UpdateEndpointServicePermissionDesc");
    let describe = types::UpdateEndpointServicePermissionDescRequestBody::new(
        types::EpsUpdatePermissionDesc::new("partner, signed"),
    );
    let described = w
        .provider
        .update_endpoint_service_permission_desc(UpdateEndpointServicePermissionDescRequest::new(
            service,
            partner_id.clone(),
            describe,
        ))
        .await
        .unwrap();
    let record = &described.permissions.as_deref().unwrap()[0];
    assert_eq!(
        (record.id.as_deref(), record.description.as_deref()),
        (Some(partner_id.as_str()), Some("partner, signed"))
    );

    w.ops.note("ListServicePermissionsDetails");
    let listed = w
        .provider
        .list_service_permissions_details(ListServicePermissionsDetailsRequest::new(service))
        .await
        .unwrap();
    assert_eq!(listed.total_count, Some(2));
    let entries: BTreeSet<_> =
        listed.permissions.iter().flatten().filter_map(|p| p.permission.clone()).collect();
    assert_eq!(entries, BTreeSet::from([entry.clone(), partner.clone()]));

    w.ops.note("BatchRemoveEndpointServicePermissions");
    let remove = types::BatchRemoveEndpointServicePermissionsRequestBody::new(vec![
        types::EpsRemovePermissionRequest::new(partner_id),
    ]);
    let remaining = w
        .provider
        .batch_remove_endpoint_service_permissions(
            BatchRemoveEndpointServicePermissionsRequest::new(service, remove),
        )
        .await
        .unwrap();
    let left: Vec<_> =
        remaining.permissions.iter().flatten().filter_map(|p| p.permission.clone()).collect();
    assert_eq!(left, [entry]);

    let visible = w
        .consumer
        .list_service_describe_details(ListServiceDescribeDetailsRequest::new().id(service))
        .await
        .unwrap();
    assert_eq!(visible.id.as_deref(), Some(service));
    assert_eq!(visible.service_type, Some(types::ServiceType::Interface));
    assert_eq!(visible.is_charge, Some(false));
}

/// The consumer connects; the endpoint waits for approval until the provider accepts it.
async fn connect_and_accept(w: &mut World, service: &str) -> String {
    let body = types::CreateEndpointRequestBody::new(service, "vpc-consumer-07")
        .subnet_id("subnet-consumer-a")
        .enable_dns(true)
        .description("payments from the shop");
    let created = w.consumer.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    assert_request_id(&created);
    let id = created.id.clone().expect("id");
    assert_eq!(created.endpoint_service_id.as_deref(), Some(service));
    assert_eq!(created.vpc_id.as_deref(), Some("vpc-consumer-07"));
    assert_eq!(created.enable_dns, Some(true));
    assert_eq!(created.status, Some(EndpointStatus::Creating));

    w.ops.note("ListEndpointInfoDetails");
    let pending = w
        .consumer
        .wait_until_endpoint_ready(ListEndpointInfoDetailsRequest::new(id.clone()), quick())
        .await
        .unwrap();
    assert_eq!(pending.status, Some(EndpointStatus::PendingAcceptance));
    assert!(
        pending.dns_names.iter().flatten().any(|name| name.starts_with(&id)),
        "{:?}",
        pending.dns_names
    );
    assert!(pending.endpoint_service_name.as_deref().is_some_and(|n| n.contains("payments-v2")));

    w.ops.note("ListServiceConnections");
    let connections = w
        .provider
        .list_service_connections(
            ListServiceConnectionsRequest::new(service).status("pendingAcceptance"),
        )
        .await
        .unwrap();
    assert_eq!(connections.total_count, Some(1));
    let connection = &connections.connections.as_deref().unwrap()[0];
    assert_eq!(connection.id.as_deref(), Some(id.as_str()));
    assert_eq!(connection.domain_id.as_deref(), Some(w.consumer_tenant.domain_id.as_str()));
    assert_eq!(connection.marker_id, pending.marker_id);

    w.ops.note("UpdateEndpointConnectionsDesc");
    let note =
        types::UpdateEndpointConnectionsDescRequestBody::new(vec![types::ConnectionsDesc::new(
            id.clone(),
            "shop, contract 42",
        )]);
    let noted = w
        .provider
        .update_endpoint_connections_desc(UpdateEndpointConnectionsDescRequest::new(service, note))
        .await
        .unwrap();
    assert_eq!(
        noted.connections.as_deref().unwrap()[0].description.as_deref(),
        Some("shop, contract 42")
    );

    w.ops.note("AcceptOrRejectEndpoint");
    let accept = types::AcceptOrRejectEndpointRequestBody::new("receive", vec![id.clone()]);
    let accepted = w
        .provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service, accept))
        .await
        .unwrap();
    let changed = &accepted.connections.as_deref().unwrap()[0];
    assert_eq!(
        (changed.id.as_deref(), changed.status.clone()),
        (Some(id.as_str()), Some(EndpointStatus::Accepted))
    );
    let seen = w
        .consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(id.clone()))
        .await
        .unwrap();
    assert_eq!(seen.status, Some(EndpointStatus::Accepted));
    id
}

/// A second connection is rejected: the consumer sees it, and the ready-waiter fails on it.
async fn reject_a_second_endpoint(w: &mut World, service: &str) {
    let body =
        types::CreateEndpointRequestBody::new(service, "vpc-consumer-08").subnet_id("subnet-b");
    let second = w.consumer.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    let second = second.id.clone().unwrap();
    let reject = types::AcceptOrRejectEndpointRequestBody::new("reject", vec![second.clone()]);
    let rejected = w
        .provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service, reject))
        .await
        .unwrap();
    assert_eq!(rejected.connections.as_deref().unwrap()[0].status, Some(EndpointStatus::Rejected));
    let seen = w
        .consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(second.clone()))
        .await
        .unwrap();
    assert_eq!(seen.status, Some(EndpointStatus::Rejected));
    let error = w
        .consumer
        .wait_until_endpoint_ready(ListEndpointInfoDetailsRequest::new(second.clone()), quick())
        .await
        .expect_err("rejected is a failure state");
    assert!(error.is_waiter_failure(), "{error}");
    assert!(error.to_string().contains("rejected"), "{error}");
    // A stranger's endpoint id is refused without touching anything.
    let stranger = types::AcceptOrRejectEndpointRequestBody::new(
        "receive",
        vec!["not-an-endpoint".to_string()],
    );
    let error = w
        .provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service, stranger))
        .await
        .expect_err("unknown endpoint");
    assert_eq!(error.code(), Some("EndPoint.2013"), "{error}");
    w.ops.note("DeleteEndpoint");
    w.consumer.delete_endpoint(DeleteEndpointRequest::new(second.clone())).await.unwrap();
    w.consumer
        .wait_until_endpoint_deleted(ListEndpointInfoDetailsRequest::new(second), quick())
        .await
        .unwrap();
}

/// IP whitelist, policy and upgrade of the accepted endpoint.
async fn configure_endpoint(w: &mut World, endpoint: &str) {
    w.ops.note("UpdateEndpointWhite");
    let white = types::UpdateEndpointWhiteRequestBody::new()
        .whitelist(vec!["10.0.0.0/24".to_string(), "192.168.1.7".to_string()])
        .enable_whitelist(true);
    let whitened = w
        .consumer
        .update_endpoint_white(UpdateEndpointWhiteRequest::new(endpoint, white))
        .await
        .unwrap();
    assert_eq!(whitened.whitelist.clone().unwrap_or_default(), ["10.0.0.0/24", "192.168.1.7"]);
    assert_eq!(whitened.enable_whitelist, Some(true));

    w.ops.note("UpdateEndpointPolicy");
    let statement = types::PolicyStatement::new(
        "Allow",
        vec!["obs:object:GetObject".to_string()],
        vec!["obs:*:*:object:shop/*".to_string()],
    );
    let policy =
        types::UpdateEndpointPolicyRequestBody::new().policy_statement(vec![statement.clone()]);
    let with_policy = w
        .consumer
        .update_endpoint_policy(UpdateEndpointPolicyRequest::new(endpoint, policy))
        .await
        .unwrap();
    assert_eq!(with_policy.policy_statement.clone().unwrap_or_default(), [statement]);

    w.ops.note("DeleteEndpointPolicy");
    let cleared = w
        .consumer
        .delete_endpoint_policy(DeleteEndpointPolicyRequest::new(endpoint))
        .await
        .unwrap();
    assert_eq!(cleared.policy_statement.clone().unwrap_or_default(), []);
    assert_eq!(cleared.policy_document, None);

    w.ops.note("UpgradeEndpoint");
    let upgrade = w
        .consumer
        .upgrade_endpoint(UpgradeEndpointRequest::new(
            endpoint,
            types::UpgradeEndpointRequestBody::new("start"),
        ))
        .await
        .unwrap();
    assert_eq!(upgrade.status(), 202);

    let interface_routes =
        types::UpdateEndpointRoutetableRequestBody::new(vec!["rtb-1".to_string()]);
    let error = w
        .consumer
        .update_endpoint_routetable(UpdateEndpointRoutetableRequest::new(
            endpoint,
            interface_routes,
        ))
        .await
        .expect_err("route tables are for gateway endpoints");
    assert_eq!(error.code(), Some("EndPoint.2013"), "{error}");
}

/// A gateway service open to everyone, and a gateway endpoint whose route tables change.
async fn gateway_route_tables(w: &mut World) {
    let body = types::CreateEndpointServiceRequestBody::new(
        "port-gw",
        "vpc-provider-01",
        "VM",
        vec![PortList::new().client_port(80).server_port(80)],
    )
    .service_type("gateway")
    .service_name("objects");
    let gateway =
        w.provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await.unwrap();
    let gateway = gateway.id.clone().unwrap();
    let everyone =
        types::AddOrRemoveServicePermissionsRequestBody::new(vec!["*".to_string()], "add");
    w.provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            gateway.clone(),
            everyone,
        ))
        .await
        .unwrap();
    let body = types::CreateEndpointRequestBody::new(gateway.clone(), "vpc-consumer-07")
        .routetables(vec!["rtb-a".to_string()]);
    let endpoint = w.consumer.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    let endpoint = endpoint.id.clone().unwrap();
    let ready = w
        .consumer
        .wait_until_endpoint_ready(ListEndpointInfoDetailsRequest::new(endpoint.clone()), quick())
        .await
        .unwrap();
    assert_eq!(ready.status, Some(EndpointStatus::Accepted), "no approval on this service");
    assert_eq!(ready.service_type, Some(types::ServiceType::Gateway));

    w.ops.note("UpdateEndpointRoutetable");
    let routes = types::UpdateEndpointRoutetableRequestBody::new(vec![
        "rtb-a".to_string(),
        "rtb-b".to_string(),
    ]);
    let updated = w
        .consumer
        .update_endpoint_routetable(UpdateEndpointRoutetableRequest::new(endpoint.clone(), routes))
        .await
        .unwrap();
    assert_eq!(updated.routetables.clone().unwrap_or_default(), ["rtb-a", "rtb-b"]);
    let shown = w
        .consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint.clone()))
        .await
        .unwrap();
    assert_eq!(shown.routetables.clone().unwrap_or_default(), ["rtb-a", "rtb-b"]);

    w.consumer.delete_endpoint(DeleteEndpointRequest::new(endpoint.clone())).await.unwrap();
    w.consumer
        .wait_until_endpoint_deleted(ListEndpointInfoDetailsRequest::new(endpoint), quick())
        .await
        .unwrap();
    w.provider
        .delete_endpoint_service(DeleteEndpointServiceRequest::new(gateway.clone()))
        .await
        .unwrap();
    w.provider
        .wait_until_service_deleted(ListServiceDetailsRequest::new(gateway), quick())
        .await
        .unwrap();
}

/// Tags on both resource kinds, the project's tag index, and finding resources by tag.
async fn tags(w: &mut World, service: &str, endpoint: &str) {
    w.ops.note("BatchAddOrRemoveResourceInstance");
    let add = types::BatchAddOrRemoveResourceInstanceRequestBody::new("create").tags(vec![
        types::ResourceTag::new("team").value("payments"),
        types::ResourceTag::new("tier").value("gold"),
    ]);
    let tagged = w
        .consumer
        .batch_add_or_remove_resource_instance(
            BatchAddOrRemoveResourceInstanceRequest::new("endpoint", endpoint).body(add),
        )
        .await
        .unwrap();
    assert_eq!(tagged.status(), 204);
    let add = types::BatchAddOrRemoveResourceInstanceRequestBody::new("create")
        .tags(vec![types::ResourceTag::new("team").value("core")]);
    w.provider
        .batch_add_or_remove_resource_instance(
            BatchAddOrRemoveResourceInstanceRequest::new("endpoint_service", service).body(add),
        )
        .await
        .unwrap();

    w.ops.note("ListQueryProjectResourceTags");
    let index = w
        .consumer
        .list_query_project_resource_tags(ListQueryProjectResourceTagsRequest::new("endpoint"))
        .await
        .unwrap();
    let keys: Vec<_> =
        index.tags.iter().flatten().map(|t| (t.key.as_str(), t.values.clone())).collect();
    assert_eq!(keys, [("team", vec!["payments".to_string()]), ("tier", vec!["gold".to_string()])]);
    let index = w
        .provider
        .list_query_project_resource_tags(ListQueryProjectResourceTagsRequest::new(
            "endpoint_service",
        ))
        .await
        .unwrap();
    let values: BTreeSet<_> = index
        .tags
        .iter()
        .flatten()
        .filter(|t| t.key == "team")
        .flat_map(|t| t.values.clone())
        .collect();
    assert!(values.contains("core"), "{values:?}");

    w.ops.note("ListResourceInstances");
    let query = types::QueryResourceInstanceTagsBody::new("filter")
        .tags(vec![types::TagValuesList::new("team", vec!["payments".to_string()])]);
    let found = w
        .consumer
        .list_resource_instances(ListResourceInstancesRequest::new("endpoint", query))
        .await
        .unwrap();
    assert_eq!(found.total_count, Some(1));
    let resource = &found.resources.as_deref().unwrap()[0];
    assert_eq!(resource.resource_id.as_deref(), Some(endpoint));
    assert_eq!(resource.tags.as_ref().map(Vec::len), Some(2));
    let none = types::QueryResourceInstanceTagsBody::new("count")
        .tags(vec![types::TagValuesList::new("team", vec!["core".to_string()])]);
    let counted = w
        .consumer
        .list_resource_instances(ListResourceInstancesRequest::new("endpoint", none))
        .await
        .unwrap();
    assert_eq!((counted.total_count, counted.resources.is_none()), (Some(0), true));

    let remove = types::BatchAddOrRemoveResourceInstanceRequestBody::new("delete")
        .tags(vec![types::ResourceTag::new("tier")]);
    w.consumer
        .batch_add_or_remove_resource_instance(
            BatchAddOrRemoveResourceInstanceRequest::new("endpoint", endpoint).body(remove),
        )
        .await
        .unwrap();
    let shown = w
        .consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint))
        .await
        .unwrap();
    let keys: Vec<_> = shown.tags.iter().flatten().filter_map(|t| t.key.clone()).collect();
    assert_eq!(keys, ["team"]);
}

/// Every paginator, with page sizes that need several pages.
async fn paging(w: &mut World, service: &str) {
    for n in 0..12 {
        let body = types::CreateEndpointServiceRequestBody::new(
            "port-x",
            "vpc-provider-01",
            "VM",
            vec![PortList::new().client_port(80).server_port(8080 + n)],
        )
        .service_name(format!("svc{n}"));
        w.provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await.unwrap();
    }
    let pages: Vec<_> = w
        .provider
        .list_endpoint_service_paginator(ListEndpointServiceRequest::new())
        .page_size(5)
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<_> =
        pages.iter().map(|p| p.endpoint_services.as_ref().map_or(0, Vec::len)).collect();
    assert_eq!(sizes, [5, 5, 3], "13 services in pages of 5");
    assert!(pages.iter().all(|p| p.total_count == Some(13) && p.request_id().is_some()));
    let ids: Vec<_> = w
        .provider
        .list_endpoint_service_paginator(ListEndpointServiceRequest::new())
        .page_size(5)
        .items()
        .map_ok(|s| s.id.unwrap_or_default())
        .try_collect()
        .await
        .unwrap();
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len()), (13, 13), "no service twice, none missed");
    assert!(unique.contains(&service.to_string()));

    let public: Vec<_> = w
        .consumer
        .list_service_public_details_paginator(ListServicePublicDetailsRequest::new())
        .page_size(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(public.len(), 3);
    let permissions: Vec<_> = w
        .provider
        .list_service_permissions_details_paginator(ListServicePermissionsDetailsRequest::new(
            service,
        ))
        .page_size(1)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(permissions.len(), 1);
    let connections: Vec<_> = w
        .provider
        .list_service_connections_paginator(ListServiceConnectionsRequest::new(service))
        .page_size(1)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        connections.iter().map(|c| c.status.clone()).collect::<Vec<_>>(),
        [Some(EndpointStatus::Accepted)]
    );

    w.ops.note("ListEndpoints");
    let endpoints = w.consumer.list_endpoints(ListEndpointsRequest::new()).await.unwrap();
    assert_eq!(endpoints.total_count, Some(1));
    let via_paginator: Vec<_> = w
        .consumer
        .list_endpoints_paginator(ListEndpointsRequest::new())
        .page_size(1)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(via_paginator.len(), 1);
    assert_eq!(via_paginator[0].id, endpoints.endpoints.as_deref().unwrap()[0].id);

    let query = types::QueryResourceInstanceTagsBody::new("filter");
    let mut tagged = w
        .provider
        .list_resource_instances_paginator(ListResourceInstancesRequest::new(
            "endpoint_service",
            query,
        ))
        .page_size(4);
    let mut seen = 0;
    let mut page_count = 0;
    while let Some(page) = tagged.next().await {
        let page = page.unwrap();
        assert_eq!(page.total_count, Some(13));
        seen += page.resources.as_ref().map_or(0, Vec::len);
        page_count += 1;
    }
    assert_eq!((seen, page_count), (13, 4));
}

/// A missing resource is a typed 404 with the service's code, message and request id.
async fn errors(w: &mut World) {
    let missing = "00000000-0000-4000-a000-000000000000";
    let error = w
        .provider
        .list_service_details(ListServiceDetailsRequest::new(missing))
        .await
        .expect_err("404");
    assert!(error.is_not_found() && error.is_service(), "{error}");
    assert_eq!(error.code(), Some("EndPoint.0005"));
    assert!(error.message().is_some_and(|m| m.contains(missing)), "{error}");
    assert!(error.request_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(error.operation(), Some("ListServiceDetails"));
    let error = w
        .consumer
        .list_specified_version_details(ListSpecifiedVersionDetailsRequest::new("v9"))
        .await
        .expect_err("no v9");
    assert!(error.is_not_found(), "{error}");
}

/// A connected service cannot go; the endpoint goes first, then the service; quotas follow.
async fn teardown(w: &mut World, service: &str) {
    let endpoints = w.consumer.list_endpoints(ListEndpointsRequest::new()).await.unwrap();
    let endpoint = endpoints.endpoints.as_deref().unwrap()[0].id.clone().unwrap();

    w.ops.note("DeleteEndpointService");
    let refused = w
        .provider
        .delete_endpoint_service(DeleteEndpointServiceRequest::new(service))
        .await
        .expect_err("still connected");
    assert_eq!(refused.code(), Some("EndPoint.2013"), "{refused}");

    let deleted =
        w.consumer.delete_endpoint(DeleteEndpointRequest::new(endpoint.clone())).await.unwrap();
    assert_eq!(deleted.status(), 204);
    w.consumer
        .wait_until_endpoint_deleted(ListEndpointInfoDetailsRequest::new(endpoint.clone()), quick())
        .await
        .unwrap();
    let gone =
        w.consumer.list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint)).await;
    assert!(gone.expect_err("deleted").is_not_found());

    w.provider.delete_endpoint_service(DeleteEndpointServiceRequest::new(service)).await.unwrap();
    w.provider
        .wait_until_service_deleted(ListServiceDetailsRequest::new(service), quick())
        .await
        .unwrap();
    let quotas = w
        .provider
        .list_quota_details(ListQuotaDetailsRequest::new().r#type("endpoint_service"))
        .await
        .unwrap();
    let used = quotas.quotas.clone().and_then(|q| q.resources).unwrap_or_default()[0].used;
    assert_eq!(used, Some(12), "the 12 paging services remain");
    let consumer_quota = w
        .consumer
        .list_quota_details(ListQuotaDetailsRequest::new().r#type("endpoint"))
        .await
        .unwrap();
    assert_eq!(
        consumer_quota.quotas.clone().and_then(|q| q.resources).unwrap_or_default()[0].used,
        Some(0)
    );
}
