"""Facts we add on top of the SDK and the API Explorer exports: named enums, which field or
parameter uses which enum, paging, waiters, idempotent POSTs and retryable error codes.

Enum values come from the API Explorer exports (`enum` keywords, or the value lists written in
their descriptions); the error codes from VPCEP's published error-code table
(EndPoint.0001: system error, retry; EndPoint.0022: too many requests, try later).
"""

RETRYABLE_CODES = ["EndPoint.0022", "EndPoint.0001"]
# The subset that means "slow down" rather than "failed, try again".
THROTTLING_CODES = ["EndPoint.0022"]

# name -> (description, values)
ENUMS = {
    "AccountStatus": ("Account state of an endpoint's owner.", ["active", "frozen"]),
    "CidrType": ("Kind of address range an endpoint service uses.", ["public", "internal"]),
    "ConnectionAction": ("Decision on endpoint connections: accept (`receive`) or reject.",
                         ["receive", "reject"]),
    "EndpointEnableStatus": ("Whether an endpoint is enabled.", ["enable", "disable"]),
    "EndpointIpVersion": ("IP version of an endpoint.", ["ipv4", "dualstack"]),
    "EndpointStatus": ("Status of an endpoint, also the status of its connection to a service. "
                       "`pendingAcceptance` waits for the service owner's approval.",
                       ["pendingAcceptance", "creating", "accepted", "rejected", "failed",
                        "deleting"]),
    "NetType": ("Kind of network an endpoint service runs on.", ["vlan", "vxlan", "all"]),
    "PermissionAction": ("Whether to add or remove whitelist entries.", ["add", "remove"]),
    "PermissionType": ("Kind of whitelist entry: an account ID or an organization path.",
                       ["domainId", "orgPath"]),
    "PolicyEffect": ("Whether a policy statement allows or denies.", ["Allow", "Deny"]),
    "PortProtocol": ("Protocol of a port mapping (`TCP` when omitted).", ["TCP"]),
    "ResourceInstanceAction": ("Whether to list matching resources or only count them.",
                               ["filter", "count"]),
    "ResourceType": ("Kind of VPCEP resource.", ["endpoint_service", "endpoint"]),
    "ServerType": ("Kind of backend behind an endpoint service: a server (`VM`), a virtual IP "
                   "(`VIP`, deprecated) or a load balancer (`LB`).", ["VM", "VIP", "LB"]),
    "ServiceIpVersion": ("IP version of an endpoint service.", ["ipv4", "ipv6"]),
    "ServiceStatus": ("Status of an endpoint service.",
                      ["creating", "available", "failed", "deleting"]),
    "ServiceType": ("Kind of endpoint service: `gateway` services are run by the cloud; "
                    "`interface` services are cloud or user services reached through an IP "
                    "(`interface` when omitted on creation).", ["gateway", "interface"]),
    "SortDir": ("Sort direction (`desc` when omitted).", ["asc", "desc"]),
    "SortKey": ("Field a list is sorted by: creation or update time (`create_at` when omitted).",
                ["create_at", "update_at"]),
    "TagAction": ("Whether to add (`create`) or remove (`delete`) tags.", ["create", "delete"]),
    "TcpProxy": ("Which client information (source IP, port, marker ID) reaches the backend: "
                 "`close` passes none (the default on creation), `toa_open` uses TCP options, "
                 "`proxy_open` uses the Proxy Protocol, `open` uses both, `proxy_vni` adds the "
                 "VNI through the Proxy Protocol.",
                 ["close", "toa_open", "proxy_open", "open", "proxy_vni"]),
    "UpgradeAction": ("Step of an endpoint upgrade.", ["start"]),
}

_SERVICE_MODELS = {
    "ServiceList", "ListServiceDetailsResponse", "CreateEndpointServiceResponse",
    "UpdateEndpointServiceResponse",
}

# (SDK model or "*", wire name) -> enum name. Lists use the enum for their items.
FIELD_ENUMS = {
    ("*", "service_type"): "ServiceType",
    ("*", "server_type"): "ServerType",
    ("*", "tcp_proxy"): "TcpProxy",
    ("*", "permission_type"): "PermissionType",
    ("*", "Effect"): "PolicyEffect",
    ("*", "enable_status"): "EndpointEnableStatus",
    ("*", "active_status"): "AccountStatus",
    ("*", "cidr_type"): "CidrType",
    ("*", "ip_version"): "ServiceIpVersion",
    ("*", "status"): "EndpointStatus",
    ("PortList", "protocol"): "PortProtocol",
    ("Quotas", "type"): "ResourceType",
    ("CreateEndpointRequestBody", "ip_version"): "EndpointIpVersion",
    ("AcceptOrRejectEndpointRequestBody", "action"): "ConnectionAction",
    ("AddOrRemoveServicePermissionsRequestBody", "action"): "PermissionAction",
    ("BatchAddOrRemoveResourceInstanceRequestBody", "action"): "TagAction",
    ("QueryResourceInstanceTagsBody", "action"): "ResourceInstanceAction",
    ("UpgradeEndpointRequestBody", "action"): "UpgradeAction",
    ("VersionObject", "status"): None,
}
FIELD_ENUMS.update({(model, "status"): "ServiceStatus" for model in _SERVICE_MODELS})

# (operationId or "*", parameter) -> enum name.
PARAM_ENUMS = {
    ("*", "sort_key"): "SortKey",
    ("*", "sort_dir"): "SortDir",
    ("*", "net_type"): "NetType",
    ("*", "resource_type"): "ResourceType",
    ("ListQuotaDetails", "type"): "ResourceType",
    ("ListEndpointService", "status"): "ServiceStatus",
    ("ListServiceConnections", "status"): "EndpointStatus",
}

# Path parameters shared by many operations live in common.json under these names.
SHARED_PARAMS = {
    "project_id": "ProjectId",
    "vpc_endpoint_service_id": "VpcEndpointServiceId",
    "vpc_endpoint_id": "VpcEndpointId",
    "resource_type": "ResourceType",
}


def page(items, location="query", total="total_count"):
    spec = {"offset": "offset", "limit": "limit", "items": items, "in": location}
    if total:
        spec["total"] = total
    return spec


PAGINATION = {
    "ListEndpointService": page("endpoint_services"),
    "ListEndpoints": page("endpoints"),
    "ListServiceConnections": page("connections"),
    "ListServicePermissionsDetails": page("permissions"),
    "ListServicePublicDetails": page("endpoint_services"),
    "ListResourceInstances": page("resources", location="body"),
}


def waiter(name, success, failure, on_not_found=False):
    return {
        "name": name,
        "field": "/status",
        "success": success,
        "failure": failure,
        "success_on_not_found": on_not_found,
        "delay_seconds": 5,
        "max_wait_seconds": 600,
    }


WAITERS = {
    "ListServiceDetails": [
        waiter("service_available", ["available"], ["failed"]),
        waiter("service_deleted", [], ["failed"], on_not_found=True),
    ],
    "ListEndpointInfoDetails": [
        waiter("endpoint_ready", ["accepted", "pendingAcceptance"], ["failed", "rejected"]),
        waiter("endpoint_deleted", [], [], on_not_found=True),
    ],
}

# POSTs whose effect does not change when sent twice: decisions, set-like whitelist and tag
# changes (re-adding a tag overwrites it), and a read that happens to use POST.
IDEMPOTENT_POSTS = {
    "AcceptOrRejectEndpoint",
    "AddOrRemoveServicePermissions",
    "BatchAddOrRemoveResourceInstance",
    "ListResourceInstances",
}

# Explorer facts that are wrong or meaningless for us, dropped: (model, wire) -> keys.
DROP_FACTS = {
    ("ListResourceInstancesResponse", "total_count"): {"minimum"},  # a count of 0 is fine
    # On an update, leaving the field out keeps the current value; there is no default.
    ("UpdateEndpointServiceRequestBody", "approval_enabled"): {"default"},
}

# Regions whose VPCEP API reference does not list an operation (issue 15), from the tables of
# contents of the regional API references: ME-Abu Dhabi (ae-ad-1) and Kuala Lumpur
# (my-kualalumpur-1) offer 19 operations, Paris (eu-west-0) those plus public services and
# `describe` (21), Ankara (published under tr-central-201) Paris's set without the three tag
# operations (18). The main site offers all 33.
_LEGACY = {
    "ListVersionDetails", "ListSpecifiedVersionDetails",
    "CreateEndpointService", "ListEndpointService", "ListServiceDetails", "UpdateEndpointService",
    "DeleteEndpointService", "ListServiceConnections", "AcceptOrRejectEndpoint",
    "ListServicePermissionsDetails", "AddOrRemoveServicePermissions",
    "CreateEndpoint", "ListEndpoints", "ListEndpointInfoDetails", "DeleteEndpoint",
    "ListQuotaDetails",
    "BatchAddOrRemoveResourceInstance", "ListQueryProjectResourceTags", "ListResourceInstances",
}
_TAGS = {"BatchAddOrRemoveResourceInstance", "ListQueryProjectResourceTags", "ListResourceInstances"}
_PARIS = _LEGACY | {"ListServicePublicDetails", "ListServiceDescribeDetails"}
# Open Telekom Cloud runs the same API in eu-de and eu-nl. Its API reference
# (github.com/opentelekomcloud-docs/vpc-endpoint, api-ref/source/apis, October 2025) lists
# versions (2), endpoint services (9 plus public services and `describe`), endpoints (4), quota
# and the three tag operations: Paris's 21.
_OTC = _PARIS
REGION_OPERATIONS = {
    "ae-ad-1": _LEGACY,
    "my-kualalumpur-1": _LEGACY,
    "eu-west-0": _PARIS,
    "tr-central-201": _PARIS - _TAGS,
    "eu-de": _OTC,
    "eu-nl": _OTC,
}


# Professional-edition settings (IPv6 services, dual-stack endpoints) exist only in the regions
# that sell the professional edition (Terraform provider docs for huaweicloud_vpcep_service and
# huaweicloud_vpcep_endpoint). Written to specs/vpcep as x-specbind-regional-fields.
PROFESSIONAL_REGIONS = ["af-north-1", "cn-east-4", "cn-east-5", "me-east-1"]
REGIONAL_FIELDS = {
    "CreateEndpointService": [
        {"field": "ip_version", "values": ["ipv6"], "regions": PROFESSIONAL_REGIONS},
        {"field": "snat_network_id", "regions": PROFESSIONAL_REGIONS},
    ],
    "CreateEndpoint": [
        {"field": "ip_version", "values": ["dualstack"], "regions": PROFESSIONAL_REGIONS},
        {"field": "ipv6_address", "regions": PROFESSIONAL_REGIONS},
    ],
}


def unavailable_in(operation):
    """The regions (sorted) whose API reference does not list `operation`."""
    return sorted(region for region, offered in REGION_OPERATIONS.items() if operation not in offered)
