//! Tags, every paginator, and what a missing resource looks like.

use std::collections::BTreeSet;

use futures::{StreamExt, TryStreamExt};
use vpcep::types::{self, EndpointStatus, PortList};
use vpcep::*;

use super::World;

/// Tags on both resource kinds, the project's tag index, and finding resources by tag.
#[tokio::test]
async fn both_sides_tag_and_find_resources_by_tag() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.whitelist_consumer(service).await;
    let endpoint_id = w.connected(service).await;
    let endpoint = endpoint_id.as_str();
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
    w.finish("both_sides_tag_and_find_resources_by_tag");
}

/// Every paginator, with page sizes that need several pages.
#[tokio::test]
async fn every_paginator_walks_every_page() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.whitelist_consumer(service).await;
    w.connected(service).await;
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
    w.finish("every_paginator_walks_every_page");
}

/// A missing resource is a typed 404 with the service's code, message and request id.
#[tokio::test]
async fn a_missing_resource_is_a_typed_404() {
    let w = &mut World::start().await;
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
    w.finish("a_missing_resource_is_a_typed_404");
}
