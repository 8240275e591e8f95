//! DNS calls: one arm per case in `cases/DNS.json`, written as a user would, with the
//! generated constructors for required values and the request fields for optional ones.
//!

use super::{Reply, reply};
use crate::bindings::dns::*;
use crate::case::{Case, set};

/// Makes the case's call and returns the decoded body re-encoded as JSON.
pub async fn call(client: &Client, c: &Case) -> Reply {
    match c.operation.as_str() {
        "AssociateRouter" => reply(
            client
                .associate_router(AssociateRouterRequest::new(
                    c.path::<String>("zone_id")?,
                    c.body::<types::AssociateRouterRequestBody>()?,
                ))
                .await,
        ),
        "BatchCreateTag" => {
            let mut r = BatchCreateTagRequest::new(
                c.path::<String>("resource_type")?,
                c.path::<String>("resource_id")?,
            );
            r.body = Some(c.body()?);
            reply(client.batch_create_tag(r).await)
        }
        "CreatePrivateZone" => {
            let r =
                CreatePrivateZoneRequest::default().body(c.body::<types::CreatePrivateZoneReq>()?);
            reply(client.create_private_zone(r).await)
        }
        "CreatePublicZone" => reply(
            client
                .create_public_zone(CreatePublicZoneRequest::new(
                    c.body::<types::CreatePublicZoneReq>()?,
                ))
                .await,
        ),
        "CreateRecordSetWithLine" => reply(
            client
                .create_record_set_with_line(CreateRecordSetWithLineRequest::new(
                    c.path::<String>("zone_id")?,
                    c.body::<types::CreateRecordSetWithLineRequestBody>()?,
                ))
                .await,
        ),
        "DeletePublicZone" => reply(
            client
                .delete_public_zone(DeletePublicZoneRequest::new(c.path::<String>("zone_id")?))
                .await,
        ),
        "DeleteTag" => reply(
            client
                .delete_tag(DeleteTagRequest::new(
                    c.path::<String>("resource_type")?,
                    c.path::<String>("resource_id")?,
                    c.path::<String>("key")?,
                ))
                .await,
        ),
        "ListPublicZones" => {
            let mut r = ListPublicZonesRequest::default();
            set!(c, r;
                query: r#type = "type", limit, marker, offset, tags, name, id, status, search_mode,
                    sort_key, sort_dir, enterprise_project_id
            );
            reply(client.list_public_zones(r).await)
        }
        "ListRecordSetsByZone" => {
            let mut r = ListRecordSetsByZoneRequest::new(c.path::<String>("zone_id")?);
            set!(c, r;
                query: search_mode, marker, limit, offset, tags, status, r#type = "type", name, id,
                    sort_key, sort_dir
            );
            reply(client.list_record_sets_by_zone(r).await)
        }
        "ListTag" => {
            let mut r = ListTagRequest::new(c.path::<String>("resource_type")?);
            r.body = Some(c.body()?);
            reply(client.list_tag(r).await)
        }
        "ShowPublicZone" => reply(
            client.show_public_zone(ShowPublicZoneRequest::new(c.path::<String>("zone_id")?)).await,
        ),
        "UpdatePublicZone" => reply(
            client
                .update_public_zone(UpdatePublicZoneRequest::new(
                    c.path::<String>("zone_id")?,
                    c.body::<types::UpdatePublicZoneInfo>()?,
                ))
                .await,
        ),
        "UpdateRecordSet" => {
            let mut r = UpdateRecordSetRequest::new(
                c.path::<String>("zone_id")?,
                c.path::<String>("recordset_id")?,
            );
            r.body = Some(c.body()?);
            reply(client.update_record_set(r).await)
        }

        other => Err(format!("no call written for {other}")),
    }
}
