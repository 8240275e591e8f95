//! One logical call per VPCEP operation, built from a case in `cases.json`.
//!
//! Bodies are deserialized straight into the generated body types; path and query parameters go
//! through the generated constructors and setters, as a user would write them.

use serde_json::Value;
use vpcep::*;

/// A call's inputs, in wire names.
pub struct Case {
    pub operation: String,
    pub path: serde_json::Map<String, Value>,
    pub query: serde_json::Map<String, Value>,
    pub body: Value,
}

impl Case {
    fn path(&self, name: &str) -> String {
        self.path.get(name).and_then(Value::as_str).unwrap_or_default().to_string()
    }
    fn text(&self, name: &str) -> Option<String> {
        self.query.get(name).and_then(Value::as_str).map(str::to_string)
    }
    fn int(&self, name: &str) -> Option<i32> {
        self.query.get(name).and_then(Value::as_i64).and_then(|n| i32::try_from(n).ok())
    }
    fn body<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_value(self.body.clone())
            .map_err(|e| format!("case body does not fit: {e}"))
    }
}

/// Applies `set` when the case has a value.
fn opt<R, V>(request: R, value: Option<V>, set: impl FnOnce(R, V) -> R) -> R {
    match value {
        Some(value) => set(request, value),
        None => request,
    }
}

fn body_json<T: serde::Serialize>(response: Response<T>) -> Result<Option<Value>, String> {
    serde_json::to_value(response.body()).map(Some).map_err(|e| e.to_string())
}

fn done(response: Response<()>) -> Result<Option<Value>, String> {
    let _ = response;
    Ok(None)
}

/// Makes the case's call and returns the decoded body re-encoded as JSON (`None` when bodiless).
pub async fn call(client: &Client, c: &Case) -> Result<Option<Value>, String> {
    let e = |error: specbind::Error| error.to_string();
    let service = || c.path("vpc_endpoint_service_id");
    let endpoint = || c.path("vpc_endpoint_id");
    match c.operation.as_str() {
        "AcceptOrRejectEndpoint" => body_json(
            client
                .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(
                    service(),
                    c.body::<types::AcceptOrRejectEndpointRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "AddEndpointServiceServerResource" => done(
            client
                .add_endpoint_service_server_resource(AddEndpointServiceServerResourceRequest::new(
                    service(),
                    c.body::<types::AddEndpointServiceServerResourceRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "AddOrRemoveServicePermissions" => body_json(
            client
                .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
                    service(),
                    c.body::<types::AddOrRemoveServicePermissionsRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "BatchAddEndpointServicePermissions" => body_json(
            client
                .batch_add_endpoint_service_permissions(
                    BatchAddEndpointServicePermissionsRequest::new(
                        service(),
                        c.body::<types::BatchAddEndpointServicePermissionsRequestBody>()?,
                    ),
                )
                .await
                .map_err(e)?,
        ),
        "BatchAddOrRemoveResourceInstance" => done(
            client
                .batch_add_or_remove_resource_instance(
                    BatchAddOrRemoveResourceInstanceRequest::new(
                        c.path("resource_type").as_str(),
                        c.path("resource_id"),
                    )
                    .body(c.body::<types::BatchAddOrRemoveResourceInstanceRequestBody>()?),
                )
                .await
                .map_err(e)?,
        ),
        "BatchRemoveEndpointServicePermissions" => body_json(
            client
                .batch_remove_endpoint_service_permissions(
                    BatchRemoveEndpointServicePermissionsRequest::new(
                        service(),
                        c.body::<types::BatchRemoveEndpointServicePermissionsRequestBody>()?,
                    ),
                )
                .await
                .map_err(e)?,
        ),
        "CreateEndpoint" => body_json(
            client
                .create_endpoint(CreateEndpointRequest::new(
                    c.body::<types::CreateEndpointRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "CreateEndpointService" => body_json(
            client
                .create_endpoint_service(CreateEndpointServiceRequest::new(
                    c.body::<types::CreateEndpointServiceRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "DeleteEndpoint" => {
            done(client.delete_endpoint(DeleteEndpointRequest::new(endpoint())).await.map_err(e)?)
        }
        "DeleteEndpointPolicy" => body_json(
            client
                .delete_endpoint_policy(DeleteEndpointPolicyRequest::new(endpoint()))
                .await
                .map_err(e)?,
        ),
        "DeleteEndpointService" => done(
            client
                .delete_endpoint_service(DeleteEndpointServiceRequest::new(service()))
                .await
                .map_err(e)?,
        ),
        "ListEndpointInfoDetails" => body_json(
            client
                .list_endpoint_info_details(ListEndpointInfoDetailsRequest::new(endpoint()))
                .await
                .map_err(e)?,
        ),
        "ListEndpointService" => {
            let mut r = ListEndpointServiceRequest::new();
            r = opt(r, c.text("endpoint_service_name"), |r, v| r.endpoint_service_name(v));
            r = opt(r, c.text("id"), |r, v| r.id(v));
            r = opt(r, c.text("status"), |r, v| r.status(v.as_str()));
            r = opt(r, c.text("sort_key"), |r, v| r.sort_key(v.as_str()));
            r = opt(r, c.text("sort_dir"), |r, v| r.sort_dir(v.as_str()));
            r = opt(r, c.int("limit"), |r, v| r.limit(v));
            r = opt(r, c.int("offset"), |r, v| r.offset(v));
            r = opt(r, c.text("public_border_group"), |r, v| r.public_border_group(v));
            r = opt(r, c.text("net_type"), |r, v| r.net_type(v.as_str()));
            body_json(client.list_endpoint_service(r).await.map_err(e)?)
        }
        "ListEndpoints" => {
            let mut r = ListEndpointsRequest::new();
            r = opt(r, c.text("endpoint_service_name"), |r, v| r.endpoint_service_name(v));
            r = opt(r, c.text("vpc_id"), |r, v| r.vpc_id(v));
            r = opt(r, c.text("id"), |r, v| r.id(v));
            r = opt(r, c.int("limit"), |r, v| r.limit(v));
            r = opt(r, c.int("offset"), |r, v| r.offset(v));
            r = opt(r, c.text("sort_key"), |r, v| r.sort_key(v.as_str()));
            r = opt(r, c.text("sort_dir"), |r, v| r.sort_dir(v.as_str()));
            body_json(client.list_endpoints(r).await.map_err(e)?)
        }
        "ListQueryProjectResourceTags" => body_json(
            client
                .list_query_project_resource_tags(ListQueryProjectResourceTagsRequest::new(
                    c.path("resource_type").as_str(),
                ))
                .await
                .map_err(e)?,
        ),
        "ListQuotaDetails" => {
            let r =
                opt(ListQuotaDetailsRequest::new(), c.text("type"), |r, v| r.r#type(v.as_str()));
            body_json(client.list_quota_details(r).await.map_err(e)?)
        }
        "ListResourceInstances" => body_json(
            client
                .list_resource_instances(ListResourceInstancesRequest::new(
                    c.path("resource_type").as_str(),
                    c.body::<types::QueryResourceInstanceTagsBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "ListServiceConnections" => {
            let mut r = ListServiceConnectionsRequest::new(service());
            r = opt(r, c.text("id"), |r, v| r.id(v));
            r = opt(r, c.text("marker_id"), |r, v| r.marker_id(v));
            r = opt(r, c.text("status"), |r, v| r.status(v.as_str()));
            r = opt(r, c.text("sort_key"), |r, v| r.sort_key(v.as_str()));
            r = opt(r, c.text("sort_dir"), |r, v| r.sort_dir(v.as_str()));
            r = opt(r, c.int("limit"), |r, v| r.limit(v));
            r = opt(r, c.int("offset"), |r, v| r.offset(v));
            body_json(client.list_service_connections(r).await.map_err(e)?)
        }
        "ListServiceDescribeDetails" => {
            let mut r = ListServiceDescribeDetailsRequest::new();
            r = opt(r, c.text("endpoint_service_name"), |r, v| r.endpoint_service_name(v));
            r = opt(r, c.text("id"), |r, v| r.id(v));
            body_json(client.list_service_describe_details(r).await.map_err(e)?)
        }
        "ListServiceDetails" => body_json(
            client
                .list_service_details(ListServiceDetailsRequest::new(service()))
                .await
                .map_err(e)?,
        ),
        "ListServicePermissionsDetails" => {
            let mut r = ListServicePermissionsDetailsRequest::new(service());
            r = opt(r, c.text("permission"), |r, v| r.permission(v));
            r = opt(r, c.int("limit"), |r, v| r.limit(v));
            r = opt(r, c.int("offset"), |r, v| r.offset(v));
            r = opt(r, c.text("sort_key"), |r, v| r.sort_key(v.as_str()));
            r = opt(r, c.text("sort_dir"), |r, v| r.sort_dir(v.as_str()));
            body_json(client.list_service_permissions_details(r).await.map_err(e)?)
        }
        "ListServicePublicDetails" => {
            let mut r = ListServicePublicDetailsRequest::new();
            r = opt(r, c.int("limit"), |r, v| r.limit(v));
            r = opt(r, c.int("offset"), |r, v| r.offset(v));
            r = opt(r, c.text("endpoint_service_name"), |r, v| r.endpoint_service_name(v));
            r = opt(r, c.text("id"), |r, v| r.id(v));
            r = opt(r, c.text("sort_key"), |r, v| r.sort_key(v.as_str()));
            r = opt(r, c.text("sort_dir"), |r, v| r.sort_dir(v.as_str()));
            body_json(client.list_service_public_details(r).await.map_err(e)?)
        }
        "ListSpecifiedVersionDetails" => body_json(
            client
                .list_specified_version_details(ListSpecifiedVersionDetailsRequest::new(
                    c.path("version"),
                ))
                .await
                .map_err(e)?,
        ),
        "ListVersionDetails" => body_json(
            client.list_version_details(ListVersionDetailsRequest::new()).await.map_err(e)?,
        ),
        "UpdateEndpointConnectionsDesc" => body_json(
            client
                .update_endpoint_connections_desc(UpdateEndpointConnectionsDescRequest::new(
                    service(),
                    c.body::<types::UpdateEndpointConnectionsDescRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "UpdateEndpointPolicy" => body_json(
            client
                .update_endpoint_policy(UpdateEndpointPolicyRequest::new(
                    endpoint(),
                    c.body::<types::UpdateEndpointPolicyRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "UpdateEndpointRoutetable" => body_json(
            client
                .update_endpoint_routetable(UpdateEndpointRoutetableRequest::new(
                    endpoint(),
                    c.body::<types::UpdateEndpointRoutetableRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "UpdateEndpointService" => body_json(
            client
                .update_endpoint_service(UpdateEndpointServiceRequest::new(
                    service(),
                    c.body::<types::UpdateEndpointServiceRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "UpdateEndpointServiceName" => body_json(
            client
                .update_endpoint_service_name(
                    UpdateEndpointServiceNameRequest::new(service())
                        .body(c.body::<types::UpdateEndpointServiceNameRequestBody>()?),
                )
                .await
                .map_err(e)?,
        ),
        "UpdateEndpointServicePermissionDesc" => body_json(
            client
                .update_endpoint_service_permission_desc(
                    UpdateEndpointServicePermissionDescRequest::new(
                        service(),
                        c.path("permission_id"),
                        c.body::<types::UpdateEndpointServicePermissionDescRequestBody>()?,
                    ),
                )
                .await
                .map_err(e)?,
        ),
        "UpdateEndpointWhite" => body_json(
            client
                .update_endpoint_white(UpdateEndpointWhiteRequest::new(
                    endpoint(),
                    c.body::<types::UpdateEndpointWhiteRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "UpgradeEndpoint" => done(
            client
                .upgrade_endpoint(UpgradeEndpointRequest::new(
                    endpoint(),
                    c.body::<types::UpgradeEndpointRequestBody>()?,
                ))
                .await
                .map_err(e)?,
        ),
        "UpgradeEndpointService" => done(
            client
                .upgrade_endpoint_service(UpgradeEndpointServiceRequest::new(service()))
                .await
                .map_err(e)?,
        ),
        other => Err(format!("no call written for operation {other}")),
    }
}
