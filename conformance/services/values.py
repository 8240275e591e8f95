"""Values for filling in requests and responses, chosen by wire name.

A few request values carry characters that must be escaped (space, `&`, `=`, `/`, `+`, `%`,
non-ASCII) so the comparison exercises percent-encoding of paths, queries and headers and UTF-8
in JSON bodies. Anything not listed gets a value made from its wire name.
"""

import services

# Request strings by wire name.
REQUEST_STRINGS = {
    "server_id": "f3a3b7c2-9d0e-4a8b-b6f1-2c4d5e6f7a8b",
    "volume_id": "6b4e8f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    "vpc_id": "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    "subnet_id": "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
    "zone_id": "ff8080825b8fc86c015b94bc6f8712c3",
    "recordset_id": "ff8080825b8fc86c015b94bc6f8712c4",
    "loadbalancer_id": "5b8d2c1e-0a7f-4f3c-8e2d-9a1b7c6d5e4f",
    "pool_id": "2c1e5b8d-7f0a-4c3f-2d8e-7c6d5e4f9a1b",
    "member_id": "c6d5e4f9-a1b2-4c1e-8d7f-0a4c3f2d8e7c",
    "healthmonitor_id": "a1b2c6d5-e4f9-4c1e-8d7f-0a4c3f2d8e7c",
    "group_id": "07609fb9358010e21f7bc003751c7c32",
    "role_id": "b3d5c0e7a9f14d2c8e6b1a0f9d8c7e6b",
    "user_id": "0c6b1a0f9d8c7e6bb3d5c0e7a9f14d2c",
    "policy_id": "e6bb3d5c-0e7a-4f14-9d2c-0c6b1a0f9d8c",
    "resource_id": "5b8d2c1e-0a7f-4f3c-8e2d-9a1b7c6d5e4f",
    "resource_type": "DNS-public_zone",
    "domain_id": services.DOMAIN_ID,
    "project_id": services.PROJECT_ID,
    "key": "env/stage & more",
    "value": "prod blue",
    "name": "conformance name ä+&=",
    "description": "Conformance call: ä 中文 & \"quoted\" / 100%",
    "email": "ops@example.com",
    "ip": "192.168.0.10",
    "ip_address": "192.168.0.20",
    "address": "192.168.0.30",
    "cidr": "192.168.0.0/24",
    "gateway_ip": "192.168.0.1",
    "marker": "16777337",
    "X-Subject-Token": "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEw",
    "X-Client-Token": "client-token-0001",
    "OpenStack-API-Version": "compute 2.60",
    "X-Language": "en-us",
    "keypair_name": "conformance-key",
    "availability_zone": "cn-north-4a",
    "enterprise_project_id": "0",
    "created_at": "2024-05-08T09:30:00Z",
    "updated_at": "2024-05-08T09:30:00Z",
}
# Request lists by wire name (other lists get two values made from the wire name).
REQUEST_LISTS = {
    "tags": ["env=prod", "team=blue"],
    "instance_id": ["f3a3b7c2-9d0e-4a8b-b6f1-2c4d5e6f7a8b", "a8b7c6d5-e4f3-4a2b-9c1d-0e9f8a7b6c5d"],
}
REQUEST_INTS = {"limit": 50, "offset": 20, "size": 100, "ttl": 300, "weight": 10}
ANY_OBJECT = {"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["ecs:*:get*"]}]}

# Response strings by wire name (the rest: "<wire>-<n>").
RESPONSE_STRINGS = {
    "id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    "project_id": services.PROJECT_ID,
    "tenant_id": services.PROJECT_ID,
    "domain_id": services.DOMAIN_ID,
    "description": "Résumé: ä 中文 & \"quoted\"",
    "href": "https://example.invalid/v1/",
    "ip_address": "192.168.0.10",
    "created_at": "2024-05-08T09:30:00Z",
    "updated_at": "2024-05-08T09:31:00Z",
}
TIME = "2024-05-08T09:30:00Z"
DATE = "2024-05-08"
