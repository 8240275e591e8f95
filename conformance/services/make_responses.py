#!/usr/bin/env python3
"""Writes responses/<SERVICE>/: for every case whose SDK response model has body fields,
`<Op>.json` (every field filled) and `<Op>.variant.json` (the same with an unknown member in
every object and an unknown value in every field the export gives enum values for), plus
`index.json` (status, files, JSON pointers of the unknown members and enum fields).

Field names and types come from the SDK response models (response-header fields left out);
enum values and limits from the export. Every body is read back through the SDK's own
deserializer and serialized again, and must come back equal: the files are wire JSON as the
SDK understands it. Deterministic.

    python3 conformance/services/make_responses.py [SERVICE...]
"""

import copy
import datetime
import json
import os
import shutil
import sys

import exports
import record_sdk
import sdk
import services
import values

HERE = os.path.dirname(os.path.abspath(__file__))
UNKNOWN_FIELD = "specbind_unknown_field"
UNKNOWN_ENUM = "SpecbindUnknownValue"


class ResponseFiller:
    """Fills SDK response models field by field, consulting the export for enums and limits."""

    def __init__(self, api, export, skip):
        self.api, self.export, self.skip = api, export, set(skip)
        self.counter = 0
        self.enum_paths, self.object_paths = [], []
        self.lacks = []  # JSON pointers of fields the SDK has and the export lacks

    def model(self, name, schema, pointer):
        self.object_paths.append(pointer)
        filled = {}
        for _, wire, type_name, _ in self.api.model_fields(name):
            if pointer == "" and wire in self.skip:
                continue
            here = f"{pointer}/{exports.pointer_token(wire)}"
            if exports.lacks(schema, wire):
                self.lacks.append(here)
            filled[wire] = self.value(type_name, exports.member(self.export, schema, wire), here,
                                      wire)
        return filled

    def value(self, type_name, schema, pointer, wire):
        kind, inner = sdk.parse_type(type_name)
        if kind == "list":
            count = 1 if sdk.parse_type(inner)[0] == "model" else 2
            item = exports.items(self.export, schema)
            return [self.value(inner, item, f"{pointer}/{i}", wire) for i in range(count)]
        if kind == "dict":
            return {"k1": self.value(inner, exports.values_of(self.export, schema),
                                     f"{pointer}/k1", wire)}
        allowed = self.api.enum_values(inner) if kind == "model" else None
        if kind == "model" and allowed is None:
            return self.model(inner, schema, pointer)
        self.counter += 1
        choices = exports.enum(schema) or allowed or []
        inner = "str" if allowed else inner
        if choices and inner == "str" and all(isinstance(c, str) for c in choices):
            self.enum_paths.append(pointer)
            return choices[self.counter % len(choices)]
        if choices:
            return choices[self.counter % len(choices)]
        return self.scalar(inner, schema, wire)

    def scalar(self, inner, schema, wire):
        if inner == "int":
            low, high = schema.get("minimum", 0), schema.get("maximum", 2**31 - 1)
            return max(low, min(high, 10 + self.counter))
        if inner == "bool":
            return self.counter % 2 == 0
        if inner == "float":
            return 1.5
        if inner == "object":
            return {"nested": {"list": [1, "two"], "flag": True}}
        if inner == "datetime":
            return values.TIME
        if inner == "date":
            return values.DATE
        text = values.RESPONSE_STRINGS.get(wire, f"{wire}-{self.counter}")
        return text[: schema["maxLength"]] if "maxLength" in schema else text


def lookup(node, pointer):
    for part in [p for p in pointer.split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def variant_of(body, filler):
    """Unknown member in every object, unknown value in every string enum field."""
    changed = copy.deepcopy(body)
    unknown_fields = []
    for pointer in filler.object_paths:
        lookup(changed, pointer)[UNKNOWN_FIELD] = {"nested": [1, "two", None]}
        unknown_fields.append(f"{pointer}/{UNKNOWN_FIELD}")
    for pointer in filler.enum_paths:
        parent, key = pointer.rsplit("/", 1)
        container = lookup(changed, parent)
        key = key.replace("~1", "/").replace("~0", "~")
        container[int(key) if isinstance(container, list) else key] = UNKNOWN_ENUM
    return changed, unknown_fields


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


def service_responses(service):
    with open(os.path.join(HERE, "cases", f"{service}.json"), encoding="utf-8") as handle:
        cases = json.load(handle)
    out = os.path.join(HERE, "responses", service)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    by_id = exports.operations(service)
    apis, clients, index, problems = {}, {}, {}, 0
    for case in cases["cases"]:
        name, version = case["operation"], case["sdk_version"]
        if version not in apis:
            apis[version] = sdk.Sdk(service, version)
            clients[version] = record_sdk.make_client(apis[version], cases["scope"], 9)  # unused
        api, op = apis[version], apis[version].operation(case["operation"])
        status, schema = by_id[name].success()
        filler = ResponseFiller(api, by_id[name], op["response_headers"])
        body = filler.model(op["response_type"], schema or {}, "")
        if not body:
            index[name] = {"status": status, "body": None}
            print(f"no body  {service} {name:44} {status}")
            continue
        back = sdk.to_wire(clients[version]._deserialize(json.loads(json.dumps(body)),
                                                         op["response_type"]))
        if normalize(back) != normalize(body):
            problems += 1
            print(f"MISMATCH {service} {name}: the SDK does not read the body back unchanged")
        variant, unknown_fields = variant_of(body, filler)
        write(os.path.join(out, f"{name}.json"), body)
        write(os.path.join(out, f"{name}.variant.json"), variant)
        index[name] = {"status": status, "body": f"{name}.json", "variant": f"{name}.variant.json",
                       "unknown_fields": unknown_fields, "unknown_enum_values": filler.enum_paths,
                       "export_lacks": filler.lacks}
        print(f"wrote    {service} {name:44} {status} ({len(filler.enum_paths)} enum values, "
              f"{len(unknown_fields)} objects)")
    write(os.path.join(out, "index.json"), index)
    return problems


def main(argv):
    names = services.selected(argv)
    sdk.ensure_installed(names)
    problems = sum(service_responses(service) for service in names)
    print(f"wrote responses/: {problems} SDK round-trip problems")
    return 1 if problems else 0


def write(path, doc):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
