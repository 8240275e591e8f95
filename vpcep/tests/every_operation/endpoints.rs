//! The consumer's endpoint settings: IP whitelist, policy, upgrade and gateway route tables.

use vpcep::types::{self, EndpointStatus, PortList};
use vpcep::*;

use super::{World, quick};

/// IP whitelist, policy and upgrade of the accepted endpoint.
#[tokio::test]
async fn the_consumer_configures_its_endpoint() {
    let w = &mut World::start().await;
    let service_id = w.published().await;
    let service = service_id.as_str();
    w.whitelist_consumer(service).await;
    let endpoint_id = w.connected(service).await;
    let endpoint = endpoint_id.as_str();
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
    w.finish("the_consumer_configures_its_endpoint");
}

/// A gateway service open to everyone, and a gateway endpoint whose route tables change.
#[tokio::test]
async fn a_gateway_endpoint_changes_its_route_tables() {
    let w = &mut World::start().await;
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
    w.finish("a_gateway_endpoint_changes_its_route_tables");
}
