"""The services under test, the official SDK client for each, and the operations we call.

Operations are chosen to cover what a generated client must get right on the wire: path
parameters (several, some needing percent-encoding), query strings with lists, header
parameters, JSON bodies with nested optional objects, every HTTP method, bodiless responses, and
for IAM the account-scoped (`X-Domain-Id`, `{domain_id}`) calls. Each name is an operationId of
the service's API Explorer exports and of the SDK (`<Name>Request` in `huaweicloudsdk<svc>.<ver>`);
make_cases.py fails when the two disagree on method or path.
"""

SDK_VERSION = "3.1.219"
PROJECT_ID = "0605767f6d00d3262f6cc00a8b7e9b59"
DOMAIN_ID = "5fc973eea581490997e82ea11a1d0101"

# scope: which identity the SDK's credentials add: "project" (BasicCredentials, X-Project-Id)
# or "domain" (GlobalCredentials, X-Domain-Id and `{domain_id}`).
SERVICES = {
    "ECS": {
        "package": "huaweicloudsdkecs",
        "client": "EcsClient",
        "scope": "project",
        "operations": {
            "v2": [
                "BatchCreateServerTags",
                "BatchStopServers",
                "CreateServers",
                "DeleteServers",
                "DetachServerVolume",
                "ListCloudServers",
                "ListScheduledEvents",
                "ListServersDetails",
                "NovaCreateKeypair",
                "NovaListServersDetails",
                "NovaShowServer",
                "ResizeServer",
                "ShowServer",
                "UpdateServer",
            ],
        },
    },
    "VPC": {
        "package": "huaweicloudsdkvpc",
        "client": "VpcClient",
        "scope": "project",
        "operations": {
            "v2": [
                "BatchCreateVpcTags",
                "CreatePort",
                "CreateSubnet",
                "CreateVpc",
                "DeleteSubnet",
                "DeleteVpc",
                "ListSubnets",
                "ListVpcTags",
                "NeutronCreatePort",
                "NeutronListPorts",
            ],
            "v3": [
                "AddVpcExtendCidr",
                "CreateSecurityGroup",
                "CreateSecurityGroupRule",
                "ListPorts",
                "ListSecurityGroupRules",
                "ListVpcs",
            ],
        },
    },
    "EVS": {
        "package": "huaweicloudsdkevs",
        "client": "EvsClient",
        "scope": "project",
        "operations": {
            "v2": [
                "BatchCreateVolumeTags",
                "BatchDeleteVolumeTags",
                "CinderListQuotas",
                "CreateSnapshot",
                "CreateVolume",
                "DeleteVolume",
                "ListSnapshots",
                "ListVolumes",
                "ListVolumesByTags",
                "ResizeVolume",
                "ShowVolume",
                "UpdateVolume",
            ],
        },
    },
    "IAM": {
        "package": "huaweicloudsdkiam",
        "client": "IamClient",
        "scope": "domain",
        "operations": {
            "v3": [
                "CreatePermanentAccessKey",
                "KeystoneAssociateGroupWithDomainPermission",
                "KeystoneCreateUser",
                "KeystoneListAuthDomains",
                "KeystoneListPermissions",
                "KeystoneListProjects",
                "KeystoneShowProject",
                "KeystoneUpdateUserByAdmin",
                "KeystoneValidateToken",
            ],
            "v5": [
                "AttachUserPolicyV5",
                "CreateAccessKeyV5",
                "CreatePolicyV5",
                "CreateUserV5",
                "DeleteResourceTagsV5",
                "GetPolicyV5",
            ],
        },
    },
    "DNS": {
        "package": "huaweicloudsdkdns",
        "client": "DnsClient",
        "scope": "project",
        "operations": {
            "v2": [
                "AssociateRouter",
                "BatchCreateTag",
                "CreatePrivateZone",
                "CreatePublicZone",
                "CreateRecordSetWithLine",
                "DeletePublicZone",
                "DeleteTag",
                "ListPublicZones",
                "ListRecordSetsByZone",
                "ListTag",
                "ShowPublicZone",
                "UpdatePublicZone",
                "UpdateRecordSet",
            ],
        },
    },
    "ELB": {
        "package": "huaweicloudsdkelb",
        "client": "ElbClient",
        "scope": "project",
        "operations": {
            "v2": [
                "BatchCreateLoadbalancerTags",
                "CreateLoadbalancer",
                "ListLoadbalancers",
                "UpdateMember",
            ],
            "v3": [
                "BatchDeleteMembers",
                "CreateHealthMonitor",
                "CreateIpGroup",
                "CreateMember",
                "DeleteLoadBalancer",
                "ListAllMembers",
                "ListCertificates",
                "ShowLoadBalancer",
                "ShowLoadBalancerPorts",
                "UpdateHealthMonitor",
            ],
        },
    },
}


def crate_name(service):
    """The crates.io package carrying the service's API Explorer exports."""
    return f"huawei-cloud-api-definitions-{service}"


def selected(argv):
    """Service names named on the command line, or all of them."""
    names = [name.upper() for name in argv] or list(SERVICES)
    unknown = [name for name in names if name not in SERVICES]
    if unknown:
        raise SystemExit(f"unknown services {unknown}; known: {sorted(SERVICES)}")
    return names
