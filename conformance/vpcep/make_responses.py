#!/usr/bin/env python3
"""Writes responses/<Op>.json: a success body for every VPCEP operation that has one, with every
field filled, plus responses/<Op>.variant.json with unknown fields and unknown enum values.

Field names and types come from the SDK response models; enum values and limits from our spec
(specs/vpcep), so the bodies are valid for what the Rust bindings decode. Every body is then read
back through the official SDK's own deserializer and serialized again, and must come back equal:
the files are wire JSON as the SDK understands it. responses/index.json lists, per operation, the
status, the files, and the JSON pointers of the unknown values in the variant. Deterministic.

    python3 conformance/vpcep/make_responses.py
"""

import copy
import datetime
import json
import os
import shutil
import sys

import record_sdk
import sdk_facts
import sdk_models
from check_specs import Specs

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "responses")
TIME = "2024-05-08T09:30:00Z"
UNKNOWN_FIELD = "specbind_unknown_field"
UNKNOWN_ENUM = "SpecbindUnknownValue"

STRINGS = {
    "id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    "project_id": "0605767f6d00d3262f6cc00a8b7e9b59",
    "domain_id": "5fc973eea581490997e82ea11a1d0101",
    "vpc_id": "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    "subnet_id": "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
    "port_id": "7a5e3c1d-2b4f-4e6a-8c9d-0e1f2a3b4c5d",
    "endpoint_service_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
    "service_name": "cn-north-4.test_svc.4189d3c2-8882-4871-a3c2-d380272eed83",
    "endpoint_service_name": "cn-north-4.test_svc.4189d3c2-8882-4871-a3c2-d380272eed83",
    "ip": "192.168.0.10",
    "ipv6_address": "2407:c080:802:be7::5",
    "permission": "iam:domain::5fc973eea581490997e82ea11a1d0101",
    "description": "Résumé: ä 中文 & \"quoted\"",
    "href": "https://vpcep.cn-north-4.myhuaweicloud.com/v1/",
    "rel": "self",
    "type": "application/json",
    "version": "",
    "min_version": "",
    "key": "env",
    "value": "prod",
    "owner": "huaweicloud",
    "specification_name": "default",
    "public_border_group": "center",
    "error_code": "EP.2011",
    "error_message": "route table bind failed",
    "message": "backend unreachable",
    "code": "EndPoint.2004",
}


class Filler:
    """Fills SDK models field by field, consulting the spec for enums and limits."""

    def __init__(self, specs):
        self.specs = specs
        self.counter = 0
        self.enum_paths = []
        self.object_paths = []

    def model(self, model, schema, file, pointer):
        schema, file = self.specs.resolve(schema, file)
        self.object_paths.append(pointer)
        props = schema.get("properties", {})
        return {wire: self.value(type_name, props.get(wire, {}), file, f"{pointer}/{wire}", wire)
                for _, wire, type_name, _ in sdk_facts.model_fields(model)}

    def value(self, type_name, schema, file, pointer, wire):
        schema, file = self.specs.resolve(schema, file)
        kind, inner = sdk_facts.parse_type(type_name)
        if kind == "list":
            count = 1 if sdk_facts.parse_type(inner)[0] == "model" else 2
            return [self.value(inner, schema.get("items", {}), file, f"{pointer}/{i}", wire)
                    for i in range(count)]
        if kind == "dict":
            return {"k1": self.value(inner, schema.get("additionalProperties", {}), file,
                                     f"{pointer}/k1", wire)}
        if kind == "model":
            return self.model(inner, schema, file, pointer)
        self.counter += 1
        if "enum" in schema:
            self.enum_paths.append(pointer)
            values = schema["enum"]
            return values[self.counter % len(values)]
        if inner == "int":
            low = schema.get("minimum", 0)
            high = schema.get("maximum", 2**31 - 1)
            return max(low, min(high, 10 + self.counter))
        if inner == "bool":
            return self.counter % 2 == 0
        if inner == "float":
            return 1.5
        if inner == "object":
            return {"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["*"],
                                                     "Resource": ["*"]}]}
        if inner == "datetime" or schema.get("format") == "date-time":
            return TIME
        text = STRINGS.get(wire, f"{wire}-{self.counter}")
        return text[: schema["maxLength"]] if "maxLength" in schema else text


def response_schema(specs, op_name):
    doc = specs.docs.get(op_name + ".json", {})
    for item in doc.get("paths", {}).values():
        for op in item.values():
            for status, response in op.get("responses", {}).items():
                if status.startswith("2"):
                    content = response.get("content", {}).get("application/json")
                    return int(status), (content or {}).get("schema")
    raise SystemExit(f"{op_name}: no operation in the spec")


def variant_of(body, filler):
    """Unknown field in every object, unknown value in every enum field."""
    changed = copy.deepcopy(body)
    unknown_fields = []
    for pointer in filler.object_paths:
        target = lookup(changed, pointer)
        target[UNKNOWN_FIELD] = {"nested": [1, "two", None]}
        unknown_fields.append(f"{pointer}/{UNKNOWN_FIELD}")
    for pointer in filler.enum_paths:
        parent, key = pointer.rsplit("/", 1)
        container = lookup(changed, parent)
        container[int(key) if isinstance(container, list) else key] = UNKNOWN_ENUM
    return changed, unknown_fields


def lookup(node, pointer):
    for part in [p for p in pointer.split("/") if p]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def normalize(node):
    """Datetimes compare by instant (the SDK writes `+00:00` where the wire has `Z`)."""
    if isinstance(node, dict):
        return {k: normalize(v) for k, v in node.items()}
    if isinstance(node, list):
        return [normalize(v) for v in node]
    if isinstance(node, str) and len(node) >= 19 and node[4:5] == "-" and node[10:11] == "T":
        try:
            return datetime.datetime.fromisoformat(node.replace("Z", "+00:00")).isoformat()
        except ValueError:
            return node
    return node


def sdk_round_trip(client, response_type, body):
    return normalize(sdk_models.to_wire(client._deserialize(json.loads(json.dumps(body)),
                                                            response_type)))


def main():
    sdk_facts.ensure_sdk()
    specs = Specs(record_sdk.SPEC_DIR)
    client = record_sdk.make_client(9, "0605767f6d00d3262f6cc00a8b7e9b59")  # never called
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    index, problems = {}, 0
    for op in sdk_facts.operations():
        name = op["name"]
        status, schema = response_schema(specs, name)
        if not sdk_facts.model_fields(op["response_type"]):
            index[name] = {"status": status, "body": None}
            print(f"no body  {name:40} {status}")
            continue
        filler = Filler(specs)
        body = filler.model(op["response_type"], schema, name + ".json", "")
        if sdk_round_trip(client, op["response_type"], body) != normalize(body):
            problems += 1
            print(f"MISMATCH {name}: the SDK does not read the body back unchanged")
        variant, unknown_fields = variant_of(body, filler)
        write(f"{name}.json", body)
        write(f"{name}.variant.json", variant)
        index[name] = {"status": status, "body": f"{name}.json", "variant": f"{name}.variant.json",
                       "unknown_fields": unknown_fields, "unknown_enum_values": filler.enum_paths}
        print(f"wrote    {name:40} {status} ({len(filler.enum_paths)} enum values, "
              f"{len(unknown_fields)} objects)")
    write("index.json", index)
    print(f"wrote responses/: {sum(1 for v in index.values() if v['body'])} bodies, "
          f"{problems} SDK round-trip problems")
    return 1 if problems else 0


def write(name, doc):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    sys.exit(main())
