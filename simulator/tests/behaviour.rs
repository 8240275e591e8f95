//! The simulator's state rules, seen through the typed client: tenants see only their own
//! resources, paging past the end is an empty page with the true total, quotas are enforced,
//! and with a lifecycle delay resources are visibly `creating` / `deleting` before they settle.

mod support;

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use support::{client, create_service_typed as create_service};
use vpcep::types::{self, PortList};
use vpcep::*;
use vpcep_sim::{Quotas, RunningSimulator, Simulator};

async fn start() -> RunningSimulator {
    Simulator::builder().start().await.expect("simulator starts")
}

#[track_caller]
fn assert_not_found<T: std::fmt::Debug>(result: Result<T, Error>, what: &str) {
    let error = result.expect_err(what);
    assert!(error.is_not_found(), "{what}: {error}");
    assert_eq!(error.code(), Some("EndPoint.0005"), "{what}: {error}");
}

#[tokio::test]
async fn tenant_b_cannot_see_or_change_tenant_a_service() {
    let sim = start().await;
    let (a, b) = (client(&sim, &sim.tenants()[0]), client(&sim, &sim.tenants()[1]));
    let service = create_service(&a, 8080).await;
    let endpoint_body =
        types::CreateEndpointRequestBody::new(service.clone(), "vpc-a").subnet_id("s");
    let endpoint = a.create_endpoint(CreateEndpointRequest::new(endpoint_body)).await.unwrap();
    let endpoint = endpoint.id.clone().unwrap();

    assert_not_found(
        b.list_service_details(ListServiceDetailsRequest::new(service.clone())).await,
        "show",
    );
    let update = types::UpdateEndpointServiceRequestBody::new().description("mine now");
    assert_not_found(
        b.update_endpoint_service(UpdateEndpointServiceRequest::new(service.clone(), update)).await,
        "update",
    );
    let rename = types::UpdateEndpointServiceNameRequestBody::new().endpoint_service_name("stolen");
    assert_not_found(
        b.update_endpoint_service_name(
            UpdateEndpointServiceNameRequest::new(service.clone()).body(rename),
        )
        .await,
        "rename",
    );
    assert_not_found(
        b.delete_endpoint_service(DeleteEndpointServiceRequest::new(service.clone())).await,
        "delete",
    );
    let everyone =
        types::AddOrRemoveServicePermissionsRequestBody::new(vec!["*".to_string()], "add");
    assert_not_found(
        b.add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service.clone(),
            everyone,
        ))
        .await,
        "whitelist",
    );
    assert_not_found(
        b.list_service_permissions_details(ListServicePermissionsDetailsRequest::new(
            service.clone(),
        ))
        .await,
        "permissions",
    );
    assert_not_found(
        b.list_service_connections(ListServiceConnectionsRequest::new(service.clone())).await,
        "connections",
    );
    let accept = types::AcceptOrRejectEndpointRequestBody::new("reject", vec![endpoint.clone()]);
    assert_not_found(
        b.accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service.clone(), accept))
            .await,
        "reject A's connection",
    );
    let tag = types::BatchAddOrRemoveResourceInstanceRequestBody::new("create")
        .tags(vec![types::ResourceTag::new("owner").value("b")]);
    assert_not_found(
        b.batch_add_or_remove_resource_instance(
            BatchAddOrRemoveResourceInstanceRequest::new("endpoint_service", service.clone())
                .body(tag),
        )
        .await,
        "tag",
    );
    assert_not_found(
        b.list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint.clone())).await,
        "endpoint",
    );
    assert_not_found(
        b.delete_endpoint(DeleteEndpointRequest::new(endpoint.clone())).await,
        "delete endpoint",
    );
    let listed = b.list_endpoint_service(ListEndpointServiceRequest::new()).await.unwrap();
    assert_eq!(
        (listed.total_count, listed.endpoint_services.as_ref().map(Vec::len)),
        (Some(0), Some(0))
    );
    let endpoints = b.list_endpoints(ListEndpointsRequest::new()).await.unwrap();
    assert_eq!(endpoints.total_count, Some(0));
    let found = b
        .list_resource_instances(ListResourceInstancesRequest::new(
            "endpoint_service",
            types::QueryResourceInstanceTagsBody::new("count"),
        ))
        .await
        .unwrap();
    assert_eq!(found.total_count, Some(0));

    // A is untouched by all of the above.
    let mine =
        a.list_service_details(ListServiceDetailsRequest::new(service.clone())).await.unwrap();
    assert_eq!(mine.description, None);
    assert!(mine.service_name.as_deref().is_some_and(|n| !n.contains("stolen")));
    assert!(mine.tags.clone().unwrap_or_default().is_empty());
    let connections =
        a.list_service_connections(ListServiceConnectionsRequest::new(service)).await.unwrap();
    let status =
        connections.connections.as_ref().and_then(|c| c.first()).and_then(|c| c.status.clone());
    assert_eq!(status, Some(types::EndpointStatus::Accepted));
}

#[tokio::test]
async fn an_offset_past_the_end_is_an_empty_page_with_the_total() {
    let sim = start().await;
    let provider = client(&sim, &sim.tenants()[0]);
    let mut services = Vec::new();
    for port in 0..3 {
        services.push(create_service(&provider, 9000 + port).await);
    }
    let page = provider
        .list_endpoint_service(ListEndpointServiceRequest::new().offset(3).limit(2))
        .await
        .unwrap();
    assert_eq!(page.total_count, Some(3));
    assert_eq!(page.endpoint_services.as_deref().map(<[_]>::len), Some(0));
    let far = provider
        .list_endpoint_service(ListEndpointServiceRequest::new().offset(1000))
        .await
        .unwrap();
    assert_eq!(
        (far.total_count, far.endpoint_services.clone().unwrap_or_default().len()),
        (Some(3), 0)
    );
    let last = provider
        .list_endpoint_service(ListEndpointServiceRequest::new().offset(2).limit(2))
        .await
        .unwrap();
    assert_eq!(
        (last.total_count, last.endpoint_services.clone().unwrap_or_default().len()),
        (Some(3), 1)
    );

    let public = provider
        .list_service_public_details(ListServicePublicDetailsRequest::new().offset(50))
        .await
        .unwrap();
    assert_eq!(
        (public.total_count, public.endpoint_services.clone().unwrap_or_default().len()),
        (Some(3), 0)
    );
    let endpoints = provider.list_endpoints(ListEndpointsRequest::new().offset(10)).await.unwrap();
    assert_eq!(
        (endpoints.total_count, endpoints.endpoints.clone().unwrap_or_default().len()),
        (Some(0), 0)
    );
    let permissions = provider
        .list_service_permissions_details(
            ListServicePermissionsDetailsRequest::new(services[0].clone()).offset(5),
        )
        .await
        .unwrap();
    assert_eq!(
        (permissions.total_count, permissions.permissions.clone().unwrap_or_default().len()),
        (Some(0), 0)
    );
    let tagged = provider
        .list_resource_instances(ListResourceInstancesRequest::new(
            "endpoint_service",
            types::QueryResourceInstanceTagsBody::new("filter").offset("7"),
        ))
        .await
        .unwrap();
    assert_eq!(
        (tagged.total_count, tagged.resources.clone().unwrap_or_default().len()),
        (Some(3), 0)
    );
}

#[tokio::test]
async fn quotas_are_enforced_and_reported() {
    let quotas = Quotas { endpoint_services: 2, endpoints: 1 };
    let sim = Simulator::builder().quotas(quotas).start().await.unwrap();
    let provider = client(&sim, &sim.tenants()[0]);
    let first = create_service(&provider, 8080).await;
    create_service(&provider, 8081).await;
    let body = types::CreateEndpointServiceRequestBody::new(
        "p",
        "v",
        "VM",
        vec![PortList::new().client_port(1).server_port(2)],
    );
    let error = provider
        .create_endpoint_service(CreateEndpointServiceRequest::new(body.clone()))
        .await
        .expect_err("third service over a quota of 2");
    assert_eq!((error.status(), error.code()), (Some(400), Some("EndPoint.0017")), "{error}");
    let report = provider
        .list_quota_details(ListQuotaDetailsRequest::new().r#type("endpoint_service"))
        .await
        .unwrap();
    let rows = report.quotas.clone().and_then(|q| q.resources).unwrap_or_default();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].used, rows[0].quota), (Some(2), Some(2)));

    let endpoint_body = |service: &str| {
        CreateEndpointRequest::new(
            types::CreateEndpointRequestBody::new(service, "vpc").subnet_id("s"),
        )
    };
    provider.create_endpoint(endpoint_body(&first)).await.expect("first endpoint");
    let error = provider
        .create_endpoint(endpoint_body(&first))
        .await
        .expect_err("second over a quota of 1");
    assert_eq!(error.code(), Some("EndPoint.0017"), "{error}");
    // Quotas are per project: the other tenant still has its own.
    let consumer = client(&sim, &sim.tenants()[1]);
    create_service(&consumer, 8080).await;

    // Freeing one slot makes room again.
    let spare = provider.list_endpoint_service(ListEndpointServiceRequest::new()).await.unwrap();
    let spare = spare
        .endpoint_services
        .clone()
        .unwrap()
        .into_iter()
        .find(|s| s.id.as_deref() != Some(&first))
        .unwrap();
    provider
        .delete_endpoint_service(DeleteEndpointServiceRequest::new(spare.id.unwrap()))
        .await
        .unwrap();
    provider
        .create_endpoint_service(CreateEndpointServiceRequest::new(body))
        .await
        .expect("room again");
}

#[tokio::test]
async fn a_lifecycle_delay_shows_creating_then_available() {
    let delay = Duration::from_millis(300);
    let sim = Simulator::builder().lifecycle_delay(delay).start().await.unwrap();
    let provider = client(&sim, &sim.tenants()[0]);
    let poll = WaitOptions::new().delay(Duration::from_millis(50)).max_wait(Duration::from_secs(5));

    let started = Instant::now();
    let service = create_service(&provider, 8080).await;
    let shown = provider
        .list_service_details(ListServiceDetailsRequest::new(service.clone()))
        .await
        .unwrap();
    assert_eq!(shown.status, Some(types::ServiceStatus::Creating));
    let body = types::CreateEndpointRequestBody::new(service.clone(), "vpc").subnet_id("s");
    let early = provider.create_endpoint(CreateEndpointRequest::new(body.clone())).await;
    assert_eq!(early.expect_err("service not yet available").code(), Some("EndPoint.2013"));
    let ready = provider
        .wait_until_service_available(ListServiceDetailsRequest::new(service.clone()), poll.clone())
        .await
        .unwrap();
    assert_eq!(ready.status, Some(types::ServiceStatus::Available));
    assert!(started.elapsed() >= delay, "available after {:?}", started.elapsed());

    let started = Instant::now();
    let created = provider.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    assert_eq!(created.status, Some(types::EndpointStatus::Creating));
    let endpoint = created.id.clone().unwrap();
    let ready = provider
        .wait_until_endpoint_ready(
            ListEndpointInfoDetailsRequest::new(endpoint.clone()),
            poll.clone(),
        )
        .await
        .unwrap();
    assert_eq!(ready.status, Some(types::EndpointStatus::Accepted));
    assert!(started.elapsed() >= delay);

    provider.delete_endpoint(DeleteEndpointRequest::new(endpoint.clone())).await.unwrap();
    let going = provider
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint.clone()))
        .await
        .unwrap();
    assert_eq!(going.status, Some(types::EndpointStatus::Deleting));
    provider
        .wait_until_endpoint_deleted(
            ListEndpointInfoDetailsRequest::new(endpoint.clone()),
            poll.clone(),
        )
        .await
        .unwrap();
    assert!(
        provider
            .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint))
            .await
            .unwrap_err()
            .is_not_found()
    );

    provider
        .delete_endpoint_service(DeleteEndpointServiceRequest::new(service.clone()))
        .await
        .unwrap();
    let going = provider
        .list_service_details(ListServiceDetailsRequest::new(service.clone()))
        .await
        .unwrap();
    assert_eq!(going.status, Some(types::ServiceStatus::Deleting));
    provider
        .wait_until_service_deleted(ListServiceDetailsRequest::new(service.clone()), poll)
        .await
        .unwrap();
    let listed: Vec<_> = provider
        .list_endpoint_service_paginator(ListEndpointServiceRequest::new())
        .items()
        .try_collect()
        .await
        .unwrap();
    assert!(listed.is_empty());
}

#[tokio::test]
async fn a_waiter_gives_up_when_the_delay_outlasts_it() {
    let sim = Simulator::builder().lifecycle_delay(Duration::from_secs(30)).start().await.unwrap();
    let provider = client(&sim, &sim.tenants()[0]);
    let service = create_service(&provider, 8080).await;
    let short =
        WaitOptions::new().delay(Duration::from_millis(50)).max_wait(Duration::from_millis(300));
    let error = provider
        .wait_until_service_available(ListServiceDetailsRequest::new(service), short)
        .await
        .expect_err("still creating after 300 ms");
    assert!(error.is_waiter_timeout(), "{error}");
    assert!(error.to_string().contains("creating"), "{error}");
}

#[tokio::test]
async fn concurrent_creates_never_exceed_the_quota() {
    let quotas = Quotas { endpoint_services: 3, endpoints: 50 };
    let sim = Simulator::builder().quotas(quotas).start().await.unwrap();
    let provider = client(&sim, &sim.tenants()[0]);
    let attempts =
        (0..12).map(|n| {
            let provider = provider.clone();
            let body = types::CreateEndpointServiceRequestBody::new(
                "p",
                "v",
                "VM",
                vec![PortList::new().client_port(80).server_port(8000 + n)],
            );
            async move {
                provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await
            }
        });
    let results = futures::future::join_all(attempts).await;
    let created = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(created, 3);
    assert!(
        results.iter().filter_map(|r| r.as_ref().err()).all(|e| e.code() == Some("EndPoint.0017"))
    );
    let listed = provider.list_endpoint_service(ListEndpointServiceRequest::new()).await.unwrap();
    assert_eq!(listed.total_count, Some(3));
}

#[tokio::test]
async fn a_refused_whitelist_add_changes_nothing() {
    let sim = start().await;
    let provider = client(&sim, &sim.tenants()[0]);
    let service = create_service(&provider, 8080).await;
    let entries: Vec<_> = (0..499)
        .map(|n| types::EpsAddPermissionRequest::new(format!("iam:domain::{n:032}"), ""))
        .collect();
    let batch = types::BatchAddEndpointServicePermissionsRequestBody::new(entries);
    provider
        .batch_add_endpoint_service_permissions(BatchAddEndpointServicePermissionsRequest::new(
            service.clone(),
            batch,
        ))
        .await
        .expect("499 entries fit under 500");
    let two_more =
        vec![format!("iam:domain::{}", "a".repeat(32)), format!("iam:domain::{}", "b".repeat(32))];
    let add = types::AddOrRemoveServicePermissionsRequestBody::new(two_more, "add");
    let error = provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service.clone(),
            add,
        ))
        .await
        .expect_err("501 entries exceed the limit");
    assert_eq!(error.code(), Some("EndPoint.0017"), "{error}");
    let listed = provider
        .list_service_permissions_details(
            ListServicePermissionsDetailsRequest::new(service).limit(1),
        )
        .await
        .unwrap();
    assert_eq!(
        listed.total_count,
        Some(499),
        "a refused request must leave the whitelist as it was"
    );
}

#[tokio::test]
async fn a_deleting_endpoint_cannot_be_accepted() {
    let sim = Simulator::builder().lifecycle_delay(Duration::from_secs(1)).start().await.unwrap();
    let (provider, consumer) = (client(&sim, &sim.tenants()[0]), client(&sim, &sim.tenants()[1]));
    let body = types::CreateEndpointServiceRequestBody::new(
        "p",
        "v",
        "VM",
        vec![PortList::new().client_port(80).server_port(8080)],
    )
    .approval_enabled(true);
    let service =
        provider.create_endpoint_service(CreateEndpointServiceRequest::new(body)).await.unwrap();
    let service = service.id.clone().unwrap();
    let poll =
        WaitOptions::new().delay(Duration::from_millis(100)).max_wait(Duration::from_secs(10));
    provider
        .wait_until_service_available(ListServiceDetailsRequest::new(service.clone()), poll)
        .await
        .unwrap();
    let everyone =
        types::AddOrRemoveServicePermissionsRequestBody::new(vec!["*".to_string()], "add");
    provider
        .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
            service.clone(),
            everyone,
        ))
        .await
        .unwrap();
    let body = types::CreateEndpointRequestBody::new(service.clone(), "vpc").subnet_id("s");
    let endpoint = consumer.create_endpoint(CreateEndpointRequest::new(body)).await.unwrap();
    let endpoint = endpoint.id.clone().unwrap();
    consumer.delete_endpoint(DeleteEndpointRequest::new(endpoint.clone())).await.unwrap();
    let accept = types::AcceptOrRejectEndpointRequestBody::new("receive", vec![endpoint.clone()]);
    let answer = provider
        .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service, accept))
        .await;
    let shown = consumer
        .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint))
        .await
        .unwrap();
    assert_eq!(shown.status, Some(types::EndpointStatus::Deleting), "accept answered {answer:?}");
    assert_eq!(
        answer.expect_err("a deleting endpoint is not acceptable").code(),
        Some("EndPoint.2013")
    );
}

#[tokio::test]
async fn a_public_service_can_be_described_and_connected() {
    // The cloud's own services (OBS, DNS, …) are listed as public in every project; connecting
    // a gateway endpoint to OBS is the textbook use of VPCEP.
    let sim = start().await;
    let consumer = client(&sim, &sim.tenants()[1]);
    let public =
        consumer.list_service_public_details(ListServicePublicDetailsRequest::new()).await.unwrap();
    let obs = public
        .endpoint_services
        .iter()
        .flatten()
        .find(|s| s.service_name.as_deref() == Some("cn-north-4.obs"))
        .cloned()
        .expect("obs is public");
    let id = obs.id.clone().unwrap();
    let described = consumer
        .list_service_describe_details(ListServiceDescribeDetailsRequest::new().id(id.clone()))
        .await
        .expect("a public service can be described");
    assert_eq!(described.service_name.as_deref(), Some("cn-north-4.obs"));
    let body = types::CreateEndpointRequestBody::new(id, "vpc").routetables(vec!["rtb-1".into()]);
    let endpoint = consumer
        .create_endpoint(CreateEndpointRequest::new(body))
        .await
        .expect("an endpoint to a public gateway service");
    assert_eq!(endpoint.endpoint_service_name.as_deref(), Some("cn-north-4.obs"));
}
