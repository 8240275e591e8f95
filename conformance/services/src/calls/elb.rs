//! ELB calls: one arm per case in `cases/ELB.json`, written as a user would, with the
//! generated constructors for required values and the request fields for optional ones.

use super::{Reply, reply};
use crate::bindings::elb::*;
use crate::case::{Case, set};

/// Makes the case's call and returns the decoded body re-encoded as JSON.
pub async fn call(client: &Client, c: &Case) -> Reply {
    match c.operation.as_str() {
        "BatchCreateLoadbalancerTags" => reply(
            client
                .batch_create_loadbalancer_tags(BatchCreateLoadbalancerTagsRequest::new(
                    c.path::<String>("loadbalancer_id")?,
                    c.body::<types::BatchCreateLoadbalancerTagsRequestBody>()?,
                ))
                .await,
        ),
        "BatchDeleteMembers" => reply(
            client
                .batch_delete_members(BatchDeleteMembersRequest::new(
                    c.path::<String>("pool_id")?,
                    c.body::<types::BatchDeleteMembersRequestBody>()?,
                ))
                .await,
        ),
        "CreateHealthMonitor" => reply(
            client
                .create_health_monitor(CreateHealthMonitorRequest::new(
                    c.body::<types::CreateHealthMonitorRequestBody>()?,
                ))
                .await,
        ),
        "CreateIpGroup" => reply(
            client
                .create_ip_group(CreateIpGroupRequest::new(
                    c.body::<types::CreateIpGroupRequestBody>()?,
                ))
                .await,
        ),
        "CreateLoadbalancer" => reply(
            client
                .create_loadbalancer(CreateLoadbalancerRequest::new(
                    c.body::<types::CreateLoadbalancerRequestBody>()?,
                ))
                .await,
        ),
        "CreateMember" => reply(
            client
                .create_member(CreateMemberRequest::new(
                    c.path::<String>("pool_id")?,
                    c.body::<types::CreateMemberRequestBody>()?,
                ))
                .await,
        ),
        "DeleteLoadBalancer" => reply(
            client
                .delete_load_balancer(DeleteLoadBalancerRequest::new(
                    c.path::<String>("loadbalancer_id")?,
                ))
                .await,
        ),
        "ListAllMembers" => {
            let mut r = ListAllMembersRequest::default();
            set!(c, r;
                query: marker, limit, page_reverse, name, weight, admin_state_up, subnet_cidr_id,
                    address, protocol_port, id, operating_status, enterprise_project_id, ip_version,
                    pool_id, loadbalancer_id
            );
            reply(client.list_all_members(r).await)
        }
        "ListCertificates" => {
            let mut r = ListCertificatesRequest::default();
            set!(c, r;
                query: marker, limit, page_reverse, id, name, description, admin_state_up, domain,
                    r#type = "type", scm_certificate_id, common_name, fingerprint, source,
                    protection_status, protection_reason, enterprise_project_id
            );
            reply(client.list_certificates(r).await)
        }
        "ListLoadbalancers" => {
            let mut r = ListLoadbalancersRequest::default();
            set!(c, r;
                query: limit, marker, page_reverse, id, description, name, operating_status,
                    provisioning_status, vip_address, vip_port_id, vip_subnet_id, vpc_id,
                    enterprise_project_id, admin_state_up, member_address, member_device_id
            );
            reply(client.list_loadbalancers(r).await)
        }
        "ShowLoadBalancer" => reply(
            client
                .show_load_balancer(ShowLoadBalancerRequest::new(
                    c.path::<String>("loadbalancer_id")?,
                ))
                .await,
        ),
        "ShowLoadBalancerPorts" => {
            let mut r = ShowLoadBalancerPortsRequest::new(c.path::<String>("loadbalancer_id")?);
            set!(c, r; query: port_id, ip_address, ipv6_address, r#type = "type", virsubnet_id);
            reply(client.show_load_balancer_ports(r).await)
        }
        "UpdateHealthMonitor" => reply(
            client
                .update_health_monitor(UpdateHealthMonitorRequest::new(
                    c.path::<String>("healthmonitor_id")?,
                    c.body::<types::UpdateHealthMonitorRequestBody>()?,
                ))
                .await,
        ),
        "UpdateMember" => reply(
            client
                .update_member(UpdateMemberRequest::new(
                    c.path::<String>("member_id")?,
                    c.path::<String>("pool_id")?,
                    c.body::<types::UpdateMemberRequestBody>()?,
                ))
                .await,
        ),
        other => Err(format!("no call written for {other}")),
    }
}
