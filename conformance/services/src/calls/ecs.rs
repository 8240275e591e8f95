//! ECS calls: one arm per case in `cases/ECS.json`, written as a user would, with the
//! generated constructors for required values and the request fields for optional ones.

use super::{Reply, reply};
use crate::bindings::ecs::*;
use crate::case::{Case, set};

/// Makes the case's call and returns the decoded body re-encoded as JSON.
pub async fn call(client: &Client, c: &Case) -> Reply {
    match c.operation.as_str() {
        "BatchCreateServerTags" => reply(
            client
                .batch_create_server_tags(BatchCreateServerTagsRequest::new(
                    c.path::<String>("server_id")?,
                    c.body::<types::BatchCreateServerTagsRequestBody>()?,
                ))
                .await,
        ),
        "BatchStopServers" => reply(
            client
                .batch_stop_servers(BatchStopServersRequest::new(
                    c.body::<types::BatchStopServersRequestBody>()?,
                ))
                .await,
        ),
        "CreateServers" => {
            let mut r = CreateServersRequest::new(c.body::<types::CreateServersRequestBody>()?);
            set!(c, r; header: x_client_token = "X-Client-Token");
            reply(client.create_servers(r).await)
        }
        "DeleteServers" => reply(
            client
                .delete_servers(DeleteServersRequest::new(
                    c.body::<types::DeleteServersRequestBody>()?,
                ))
                .await,
        ),
        "DetachServerVolume" => {
            let mut r = DetachServerVolumeRequest::new(
                c.path::<String>("server_id")?,
                c.path::<String>("volume_id")?,
            );
            set!(c, r; query: delete_flag);
            reply(client.detach_server_volume(r).await)
        }
        "ListCloudServers" => {
            let mut r = ListCloudServersRequest::default();
            set!(c, r;
                query: id, name, status, in_recycle_bin, spod_id, flavor_name, image_id, metadata,
                    metadata_key = "metadata-key", tags, not_tags = "not-tags", availability_zone,
                    availability_zone_eq, charging_mode, key_name, launched_since,
                    enterprise_project_id, expect_fields = "expect-fields", limit, marker
            );
            reply(client.list_cloud_servers(r).await)
        }
        "ListScheduledEvents" => {
            let mut r = ListScheduledEventsRequest::default();
            set!(c, r;
                query: marker, id, instance_id, r#type = "type", state, publish_since,
                    publish_until, limit
            );
            reply(client.list_scheduled_events(r).await)
        }
        "ListServersDetails" => {
            let mut r = ListServersDetailsRequest::default();
            set!(c, r;
                query: enterprise_project_id, flavor, ip, limit, name, not_tags = "not-tags",
                    offset, reservation_id, status, tags, ip_eq, server_id, marker
            );
            reply(client.list_servers_details(r).await)
        }
        "NovaCreateKeypair" => {
            let mut r =
                NovaCreateKeypairRequest::new(c.body::<types::NovaCreateKeypairRequestBody>()?);
            set!(c, r; header: open_stack_api_version = "OpenStack-API-Version");
            reply(client.nova_create_keypair(r).await)
        }
        "NovaListServersDetails" => {
            let mut r = NovaListServersDetailsRequest::default();
            set!(c, r;
                query: changes_since = "changes-since", flavor, image, ip, limit, marker, name,
                    not_tags = "not-tags", reservation_id, sort_key, status, tags;
                header: open_stack_api_version = "OpenStack-API-Version"
            );
            reply(client.nova_list_servers_details(r).await)
        }
        "NovaShowServer" => {
            let mut r = NovaShowServerRequest::new(c.path::<String>("server_id")?);
            set!(c, r; header: open_stack_api_version = "OpenStack-API-Version");
            reply(client.nova_show_server(r).await)
        }
        "ResizeServer" => reply(
            client
                .resize_server(ResizeServerRequest::new(
                    c.path::<String>("server_id")?,
                    c.body::<types::ResizeServerRequestBody>()?,
                ))
                .await,
        ),
        "ShowServer" => {
            reply(client.show_server(ShowServerRequest::new(c.path::<String>("server_id")?)).await)
        }
        "UpdateServer" => reply(
            client
                .update_server(UpdateServerRequest::new(
                    c.path::<String>("server_id")?,
                    c.body::<types::UpdateServerRequestBody>()?,
                ))
                .await,
        ),

        other => Err(format!("no call written for {other}")),
    }
}
