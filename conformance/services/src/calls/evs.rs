//! EVS calls: one arm per case in `cases/EVS.json`, written as a user would, with the
//! generated constructors for required values and the request fields for optional ones.

use super::{Reply, reply};
use crate::bindings::evs::*;
use crate::case::{Case, set};

/// Makes the case's call and returns the decoded body re-encoded as JSON.
pub async fn call(client: &Client, c: &Case) -> Reply {
    match c.operation.as_str() {
        "BatchCreateVolumeTags" => reply(
            client
                .batch_create_volume_tags(BatchCreateVolumeTagsRequest::new(
                    c.path::<String>("volume_id")?,
                    c.body::<types::BatchCreateVolumeTagsRequestBody>()?,
                ))
                .await,
        ),
        "BatchDeleteVolumeTags" => reply(
            client
                .batch_delete_volume_tags(BatchDeleteVolumeTagsRequest::new(
                    c.path::<String>("volume_id")?,
                    c.body::<types::BatchDeleteVolumeTagsRequestBody>()?,
                ))
                .await,
        ),
        "CinderListQuotas" => reply(
            client
                .cinder_list_quotas(CinderListQuotasRequest::new(
                    c.path::<String>("target_project_id")?,
                    c.query::<types::CinderListQuotasUsage>("usage")?,
                ))
                .await,
        ),
        "CreateSnapshot" => reply(
            client
                .create_snapshot(CreateSnapshotRequest::new(
                    c.body::<types::CreateSnapshotRequestBody>()?,
                ))
                .await,
        ),
        "CreateVolume" => {
            let mut r = CreateVolumeRequest::new(c.body::<types::CreateVolumeRequestBody>()?);
            set!(c, r; header: x_client_token = "X-Client-Token");
            reply(client.create_volume(r).await)
        }
        "DeleteVolume" => reply(
            client.delete_volume(DeleteVolumeRequest::new(c.path::<String>("volume_id")?)).await,
        ),
        "ListSnapshots" => {
            let mut r = ListSnapshotsRequest::default();
            set!(c, r;
                query: offset, limit, name, status, volume_id, availability_zone, id,
                    dedicated_storage_name, dedicated_storage_id, service_type,
                    enterprise_project_id
            );
            reply(client.list_snapshots(r).await)
        }
        "ListVolumes" => {
            let mut r = ListVolumesRequest::default();
            set!(c, r;
                query: marker, name, limit, sort_key, offset, sort_dir, status, metadata,
                    availability_zone, multiattach, service_type, dedicated_storage_id,
                    dedicated_storage_name, volume_type_id, id, ids, enterprise_project_id,
                    server_id, not_metadata
            );
            reply(client.list_volumes(r).await)
        }
        "ListVolumesByTags" => reply(
            client
                .list_volumes_by_tags(ListVolumesByTagsRequest::new(
                    c.body::<types::ListVolumesByTagsRequestBody>()?,
                ))
                .await,
        ),
        "ResizeVolume" => reply(
            client
                .resize_volume(ResizeVolumeRequest::new(
                    c.path::<String>("volume_id")?,
                    c.body::<types::ResizeVolumeRequestBody>()?,
                ))
                .await,
        ),
        "ShowVolume" => {
            reply(client.show_volume(ShowVolumeRequest::new(c.path::<String>("volume_id")?)).await)
        }
        "UpdateVolume" => reply(
            client
                .update_volume(UpdateVolumeRequest::new(
                    c.path::<String>("volume_id")?,
                    c.body::<types::UpdateVolumeRequestBody>()?,
                ))
                .await,
        ),

        other => Err(format!("no call written for {other}")),
    }
}
