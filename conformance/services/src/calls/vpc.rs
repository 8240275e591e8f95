//! VPC calls: one arm per case in `cases/VPC.json`, written as a user would, with the
//! generated constructors for required values and the request fields for optional ones.

use super::{Reply, reply};
use crate::bindings::vpc::*;
use crate::case::{Case, set};

/// Makes the case's call and returns the decoded body re-encoded as JSON.
pub async fn call(client: &Client, c: &Case) -> Reply {
    match c.operation.as_str() {
        "AddVpcExtendCidr" => reply(
            client
                .add_vpc_extend_cidr(AddVpcExtendCidrRequest::new(
                    c.path::<String>("vpc_id")?,
                    c.body::<types::AddVpcExtendCidrRequestBody>()?,
                ))
                .await,
        ),
        "BatchCreateVpcTags" => reply(
            client
                .batch_create_vpc_tags(BatchCreateVpcTagsRequest::new(
                    c.path::<String>("vpc_id")?,
                    c.body::<types::BatchCreateVpcTagsRequestBody>()?,
                ))
                .await,
        ),
        "CreatePort" => reply(
            client
                .create_port(CreatePortRequest::new(c.body::<types::CreatePortRequestBody>()?))
                .await,
        ),
        "CreateSecurityGroup" => reply(
            client
                .create_security_group(CreateSecurityGroupRequest::new(
                    c.body::<types::CreateSecurityGroupRequestBody>()?,
                ))
                .await,
        ),
        "CreateSecurityGroupRule" => reply(
            client
                .create_security_group_rule(CreateSecurityGroupRuleRequest::new(
                    c.body::<types::CreateSecurityGroupRuleRequestBody>()?,
                ))
                .await,
        ),
        "CreateSubnet" => reply(
            client
                .create_subnet(CreateSubnetRequest::new(
                    c.body::<types::CreateSubnetRequestBody>()?,
                ))
                .await,
        ),
        "CreateVpc" => reply(
            client
                .create_vpc(CreateVpcRequest::new(c.body::<types::CreateVpcRequestBody>()?))
                .await,
        ),
        "DeleteSubnet" => reply(
            client
                .delete_subnet(DeleteSubnetRequest::new(
                    c.path::<String>("vpc_id")?,
                    c.path::<String>("subnet_id")?,
                ))
                .await,
        ),
        "DeleteVpc" => {
            reply(client.delete_vpc(DeleteVpcRequest::new(c.path::<String>("vpc_id")?)).await)
        }
        "ListPorts" => {
            let mut r = ListPortsRequest::default();
            set!(c, r;
                query: id, name, admin_state_up, status, virsubnet_id, device_id, mac_address,
                    device_owner, device_owner_prefixlike, description,
                    binding_host_id = "binding:host_id", private_ips, security_groups, vpc_id,
                    allowed_address_pairs, instance_id, instance_type, limit, marker
            );
            reply(client.list_ports(r).await)
        }
        "ListSecurityGroupRules" => {
            let mut r = ListSecurityGroupRulesRequest::default();
            set!(c, r;
                query: limit, marker, id, security_group_id, protocol, description, remote_group_id,
                    direction, action, remote_ip_prefix, priority, ethertype,
                    remote_address_group_id, enabled
            );
            reply(client.list_security_group_rules(r).await)
        }
        "ListSubnets" => {
            let mut r = ListSubnetsRequest::default();
            set!(c, r; query: limit, marker, vpc_id);
            reply(client.list_subnets(r).await)
        }
        "ListVpcTags" => reply(client.list_vpc_tags(ListVpcTagsRequest::new()).await),
        "ListVpcs" => {
            let mut r = ListVpcsRequest::default();
            set!(c, r; query: limit, marker, id, enterprise_project_id, name, description, cidr);
            reply(client.list_vpcs(r).await)
        }
        "NeutronCreatePort" => reply(
            client
                .neutron_create_port(NeutronCreatePortRequest::new(
                    c.body::<types::NeutronCreatePortRequestBody>()?,
                ))
                .await,
        ),
        "NeutronListPorts" => {
            let mut r = NeutronListPortsRequest::default();
            set!(c, r;
                query: limit, marker, id, name, admin_state_up, network_id, mac_address, device_id,
                    device_owner, status, security_groups, fixed_ips, tenant_id
            );
            reply(client.neutron_list_ports(r).await)
        }

        other => Err(format!("no call written for {other}")),
    }
}
