//! The provider's side before anyone connects: discovery, publishing a service, describing it as
//! a stranger, and the whitelist.

use std::collections::BTreeSet;

use vpcep::types::{self, PortList, ServiceStatus};
use vpcep::*;

use super::{World, assert_request_id, quick};

/// Versions, quotas and the cloud's public services: what a client reads before doing anything.
#[tokio::test]
async fn discovery_reads_versions_quotas_and_public_services() {
    let w = &mut World::start().await;
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
    w.finish("discovery_reads_versions_quotas_and_public_services");
}

/// The provider publishes a service with approval, waits for it, edits, renames and upgrades it.
#[tokio::test]
async fn the_provider_publishes_edits_renames_and_upgrades_a_service() {
    let w = &mut World::start().await;
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
    w.finish("the_provider_publishes_edits_renames_and_upgrades_a_service");
}

/// Not whitelisted, the consumer can describe the service (basic fields only) but not connect.
#[tokio::test]
async fn a_stranger_describes_the_service_but_cannot_connect() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.ops.note("ListServiceDescribeDetails");
    let summary = w
        .consumer
        .list_service_describe_details(ListServiceDescribeDetailsRequest::new().id(service))
        .await
        .expect("any tenant may describe a service");
    assert_eq!(summary.id.as_deref(), Some(service));
    let full_name = format!("cn-north-4.payments-v2.{service}");
    assert_eq!(summary.service_name.as_deref(), Some(full_name.as_str()));
    assert_eq!(summary.service_type, Some(types::ServiceType::Interface));
    assert_eq!(summary.is_charge, Some(false));

    w.ops.note("CreateEndpoint");
    let body =
        types::CreateEndpointRequestBody::new(service, "vpc-consumer-07").subnet_id("subnet-a");
    let refused =
        w.consumer.create_endpoint(CreateEndpointRequest::new(body)).await.expect_err("403");
    assert_eq!((refused.status(), refused.code()), (Some(403), Some("EndPoint.0007")), "{refused}");
    w.finish("a_stranger_describes_the_service_but_cannot_connect");
}

/// The provider adds, batch-adds, describes, lists and batch-removes whitelist records.
#[tokio::test]
async fn the_provider_manages_the_whitelist() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
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

    w.finish("the_provider_manages_the_whitelist");
}
