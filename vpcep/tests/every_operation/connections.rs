//! Connections: the consumer connects, the provider accepts or rejects, and both tear down.

use vpcep::types::{self, EndpointStatus};
use vpcep::*;

use super::{World, assert_request_id, quick};

/// The consumer connects; the endpoint waits for approval until the provider accepts it.
#[tokio::test]
async fn the_consumer_connects_and_the_provider_accepts() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.whitelist_consumer(service).await;
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
    w.finish("the_consumer_connects_and_the_provider_accepts");
}

/// A second connection is rejected: the consumer sees it, and the ready-waiter fails on it.
#[tokio::test]
async fn a_second_endpoint_is_rejected_and_deleted() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.whitelist_consumer(service).await;
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
    w.finish("a_second_endpoint_is_rejected_and_deleted");
}

/// A connected service cannot go; the endpoint goes first, then the service; quotas follow.
#[tokio::test]
async fn teardown_deletes_the_endpoint_before_the_service() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.whitelist_consumer(service).await;
    w.connected(service).await;
    w.other_services(12).await;
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
    w.finish("teardown_deletes_the_endpoint_before_the_service");
}
