//! IAM calls: one arm per case in `cases/IAM.json`, written as a user would, with the
//! generated constructors for required values and the request fields for optional ones.

use super::{Reply, reply};
use crate::bindings::iam::*;
use crate::case::{Case, Location, set};

/// Makes the case's call and returns the decoded body re-encoded as JSON.
pub async fn call(client: &Client, c: &Case) -> Reply {
    match c.operation.as_str() {
        "AttachUserPolicyV5" => reply(
            client
                .attach_user_policy_v5(AttachUserPolicyV5Request::new(
                    c.path::<String>("policy_id")?,
                    c.body::<types::AttachUserPolicyReqBody>()?,
                ))
                .await,
        ),
        "CreateAccessKeyV5" => reply(
            client
                .create_access_key_v5(CreateAccessKeyV5Request::new(c.path::<String>("user_id")?))
                .await,
        ),
        "CreatePermanentAccessKey" => reply(
            client
                .create_permanent_access_key(CreatePermanentAccessKeyRequest::new(
                    c.body::<types::CreatePermanentAccessKeyRequestBody>()?,
                ))
                .await,
        ),
        "CreatePolicyV5" => reply(
            client
                .create_policy_v5(CreatePolicyV5Request::new(
                    c.body::<types::CreatePolicyReqBody>()?,
                ))
                .await,
        ),
        "CreateUserV5" => reply(
            client
                .create_user_v5(CreateUserV5Request::new(c.body::<types::CreateUserReqBody>()?))
                .await,
        ),
        "DeleteResourceTagsV5" => reply(
            client
                .delete_resource_tags_v5(DeleteResourceTagsV5Request::new(
                    c.path::<String>("resource_id")?,
                    c.path::<types::DeleteResourceTagsV5ResourceType>("resource_type")?,
                    c.body::<Vec<types::Key>>()?,
                ))
                .await,
        ),
        "GetPolicyV5" => {
            let mut r = GetPolicyV5Request::new(c.path::<String>("policy_id")?);
            set!(c, r; header: x_language = "X-Language");
            reply(client.get_policy_v5(r).await)
        }
        "KeystoneAssociateGroupWithDomainPermission" => {
            // `{domain_id}` comes from the client's configured account, as GlobalCredentials
            // fill it; the recorded path shows whether the two agree.
            c.filled_by_client(Location::Path, "domain_id")?;
            let r = KeystoneAssociateGroupWithDomainPermissionRequest::new(
                c.path::<String>("group_id")?,
                c.path::<String>("role_id")?,
            );
            reply(client.keystone_associate_group_with_domain_permission(r).await)
        }
        "KeystoneCreateUser" => reply(
            client
                .keystone_create_user(KeystoneCreateUserRequest::new(
                    c.body::<types::KeystoneCreateUserRequestBody>()?,
                ))
                .await,
        ),
        "KeystoneListAuthDomains" => reply(
            client.keystone_list_auth_domains(KeystoneListAuthDomainsRequest::default()).await,
        ),
        "KeystoneListPermissions" => {
            let mut r = KeystoneListPermissionsRequest::default();
            set!(c, r;
                query: name, domain_id, page, per_page, permission_type, display_name,
                    r#type = "type", catalog
            );
            reply(client.keystone_list_permissions(r).await)
        }
        "KeystoneListProjects" => {
            let mut r = KeystoneListProjectsRequest::default();
            set!(c, r; query: domain_id, name, parent_id, enabled, is_domain, page, per_page);
            reply(client.keystone_list_projects(r).await)
        }
        "KeystoneShowProject" => {
            let r = KeystoneShowProjectRequest::new(c.path::<String>("project_id")?);
            reply(client.keystone_show_project(r).await)
        }
        "KeystoneUpdateUserByAdmin" => reply(
            client
                .keystone_update_user_by_admin(KeystoneUpdateUserByAdminRequest::new(
                    c.path::<String>("user_id")?,
                    c.body::<types::KeystoneUpdateUserByAdminRequestBody>()?,
                ))
                .await,
        ),
        "KeystoneValidateToken" => {
            let mut r = KeystoneValidateTokenRequest::new(c.header::<String>("X-Subject-Token")?);
            set!(c, r; query: nocatalog);
            reply(client.keystone_validate_token(r).await)
        }

        other => Err(format!("no call written for {other}")),
    }
}
