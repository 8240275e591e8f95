#!/usr/bin/env python3
"""Writes cases.json: one logical call per VPCEP operation with every optional field filled.

Values are chosen per wire name so they look like real VPCEP input, and some carry characters
that need escaping (space, `&`, `=`, `/`, `+`, non-ASCII) so the wire comparison exercises
percent-encoding of paths and queries and UTF-8 in JSON bodies. Deterministic output.

    python3 conformance/vpcep/make_cases.py
"""

import json
import os
import sys

import sdk_facts

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT_ID = "0605767f6d00d3262f6cc00a8b7e9b59"

# Strings by wire name, or by (SDK model, wire name). Anything not listed gets "<wire>-value".
STRINGS = {
    "vpc_endpoint_service_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    "vpc_endpoint_id": "43b0e3b0-eec9-49ef-8d29-cd189a5b5b2c",
    "permission_id": "a3f1d0e6-6b2f-4d0e-9c39-6b1c9d0e5f21",
    "resource_id": "5b8d2c1e-0a7f-4f3c-8e2d-9a1b7c6d5e4f",
    "resource_type": "endpoint_service",
    "version": "v1",
    "endpoint_service_name": "cn-north-4.my service/ä+&=",
    "id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    "vpc_id": "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    "subnet_id": "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
    "port_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    "snat_network_id": "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
    "availability_zone_id": "cn-north-4a",
    "public_border_group": "center",
    "marker_id": "16777337",
    "permission": "iam:domain::5fc973eea581490997e82ea11a1d0101",
    "service_name": "test_svc-01",
    "description": "Conformance call: ä 中文 & \"quoted\" / 100%",
    "ip": "192.168.0.10",
    "port_ip": "192.168.0.20",
    "ipv6_address": "2407:c080:802:be7::5",
    "key": "env",
    "value": "prod blue",
    "Sid": "AllowGet",
    "limit": "10",
    "offset": "0",
    "endpoint_service_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    ("Match", "key"): "resource_name",
    ("Match", "value"): "my-endpoint",
    ("EpsRemovePermissionRequest", "id"): "a3f1d0e6-6b2f-4d0e-9c39-6b1c9d0e5f21",
}
LISTS = {
    "endpoints": ["705290f3-0d00-41f2-aedc-71f09844e879"],
    "permissions": ["iam:domain::5fc973eea581490997e82ea11a1d0101",
                    "organizations:orgPath::o-3j59d1231uprgk/r-rldbu1vmxdw5"],
    "routetables": ["0a4e1c9e-7b2f-4c55-9a5b-6c1f1e0a9b10", "3c9d5e2f-1a4b-4c8d-9e0f-2b3c4d5e6f70"],
    "whitelist": ["192.168.0.0/24", "10.0.0.1"],
    "Action": ["obs:object:GetObject", "obs:bucket:ListBucket"],
    "Resource": ["obs:*:*:object:my-bucket/*", "obs:*:*:bucket:my-bucket"],
    "values": ["prod", "test value"],
}
INTS = {"limit": 50, "offset": 20, "client_port": 8080, "server_port": 80}
OBJECTS = {
    "policy_document": {"Version": "5.0", "Statement": [
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]},
    "Condition": {"StringEquals": {"g:UserName": ["alice"]}},
}
# Enum-typed wire names: a valid value per operation (or "*").
ENUM_VALUES = {
    ("*", "sort_key"): "update_at",
    ("*", "sort_dir"): "asc",
    ("*", "net_type"): "vxlan",
    ("*", "type"): "endpoint",
    ("*", "status"): "available",
    ("ListServiceConnections", "status"): "pendingAcceptance",
    ("*", "service_type"): "interface",
    ("*", "server_type"): "LB",
    ("*", "tcp_proxy"): "proxy_open",
    ("*", "ip_version"): "ipv4",
    ("*", "protocol"): "TCP",
    ("*", "permission_type"): "domainId",
    ("*", "Effect"): "Allow",
    ("AcceptOrRejectEndpoint", "action"): "receive",
    ("AddOrRemoveServicePermissions", "action"): "add",
    ("BatchAddOrRemoveResourceInstance", "action"): "create",
    ("ListResourceInstances", "action"): "filter",
    ("UpgradeEndpoint", "action"): "start",
}
def string_value(op, wire, model=None):
    for key in ((op, wire), ("*", wire)):
        if key in ENUM_VALUES:
            return ENUM_VALUES[key]
    return STRINGS.get((model, wire), STRINGS.get(wire, f"{wire}-value"))


def fill(op, type_name, wire, model=None):
    kind, inner = sdk_facts.parse_type(type_name)
    if kind == "list":
        inner_kind, inner_name = sdk_facts.parse_type(inner)
        if inner_kind == "model":
            return [fill_model(op, inner_name)]
        return list(LISTS.get(wire, [string_value(op, wire), string_value(op, wire) + "-2"]))
    if kind == "dict":
        return {"k1": fill(op, inner, wire)}
    if kind == "model":
        return fill_model(op, inner)
    if inner == "int":
        return INTS.get(wire, 7)
    if inner == "bool":
        return wire not in ("approval_enabled",)  # a false value goes on the wire too
    if inner == "object":
        return OBJECTS.get(wire, {"any": ["thing", 1, True, None]})
    if inner == "float":
        return 1.5
    return string_value(op, wire, model)


def fill_model(op, model):
    return {wire: fill(op, type_name, wire, model)
            for _, wire, type_name, _ in sdk_facts.model_fields(model)}


def case(op):
    name = op["name"]
    return {
        "operation": name,
        "path_params": {p["wire"]: fill(name, p["type"], p["wire"]) for p in op["path_params"]},
        "query_params": {p["wire"]: fill(name, p["type"], p["wire"]) for p in op["query_params"]},
        "body": fill_model(name, op["body_type"]) if op["body_type"] else None,
    }


def main():
    ops = sdk_facts.operations()
    cases = {"project_id": PROJECT_ID, "cases": [case(op) for op in ops]}
    with open(os.path.join(HERE, "cases.json"), "w", encoding="utf-8") as handle:
        json.dump(cases, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote cases.json: {len(ops)} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
