#!/usr/bin/env python3
"""Writes cases/<SERVICE>.json: one call per chosen operation with every field the SDK knows
filled in (path, query, header parameters and the whole body, nested objects included).

Field names and types come from the SDK request models; where the export lists enum values for a
field, the first one is used. `export_lacks` lists the body fields the SDK knows and the export's
schema does not (no binding generated from it can send them). Fails when an operation's method or
path differs between the SDK and the export, since then the two clients would not be making the
same call. Deterministic.

    python3 conformance/services/make_cases.py [SERVICE...]
"""

import json
import os
import sys

import exports
import sdk
import services
import values

HERE = os.path.dirname(os.path.abspath(__file__))


class RequestFiller:
    """Fills SDK request models, consulting the export's schema for enum values and ranges."""

    def __init__(self, api, export):
        self.api, self.export = api, export
        self.lacks = []  # JSON pointers of body fields the SDK has and the export lacks

    def value(self, type_name, schema, wire, pointer=""):
        kind, inner = sdk.parse_type(type_name)
        if kind == "list":
            item_schema = exports.items(self.export, schema)
            if sdk.parse_type(inner)[0] == "model":
                return [self.value(inner, item_schema, wire, f"{pointer}/0")]
            if wire in values.REQUEST_LISTS and inner == "str":
                return list(values.REQUEST_LISTS[wire])
            choices = exports.enum(item_schema)
            if len(choices) >= 2:
                return choices[:2]
            return [self.value(inner, item_schema, wire), self.second(inner, item_schema, wire)]
        if kind == "dict":
            return {"k1": self.value(inner, exports.values_of(self.export, schema), wire,
                                     f"{pointer}/k1")}
        if kind == "model":
            allowed = self.api.enum_values(inner)
            if allowed is not None:
                return (exports.enum(schema) or allowed)[0]
            return self.model(inner, schema, pointer)
        return self.scalar(inner, schema, wire)

    def second(self, inner, schema, wire):
        """A second list item, unlike the first where the type allows."""
        first = self.scalar(inner, schema, wire)
        if isinstance(first, bool):
            return first
        if isinstance(first, int):
            return first + 1
        return f"{first}-2" if isinstance(first, str) else first

    def scalar(self, inner, schema, wire):
        choices = exports.enum(schema)
        if choices:
            return choices[0]
        if inner == "int":
            low, high = schema.get("minimum", 0), schema.get("maximum", 2**31 - 1)
            return max(low, min(high, values.REQUEST_INTS.get(wire, 7)))
        if inner == "bool":
            return len(wire) % 2 == 0  # both values reach the wire across the cases
        if inner == "float":
            return 1.5
        if inner == "object":
            return values.ANY_OBJECT
        if inner == "datetime":
            return values.TIME
        if inner == "date":
            return values.DATE
        return values.REQUEST_STRINGS.get(wire, f"{wire}-value")

    def model(self, name, schema, pointer):
        filled = {}
        for _, wire, type_name, _ in self.api.model_fields(name):
            here = f"{pointer}/{exports.pointer_token(wire)}"
            if exports.lacks(schema, wire):
                self.lacks.append(here)
            filled[wire] = self.value(type_name, exports.member(self.export, schema, wire), wire,
                                      here)
        return filled


def case(api, op, export):
    filler = RequestFiller(api, export)

    def params(location, key):
        return {p["wire"]: filler.value(p["type"], export.parameter(p["wire"], location), p["wire"])
                for p in op[key]}

    return {
        "operation": op["name"],
        "sdk_version": api.module.__name__.rsplit(".", 1)[1],
        "path_params": params("path", "path_params"),
        "query_params": params("query", "query_params"),
        "header_params": params("header", "header_params"),
        "body": filler.value(op["body_type"], export.body_schema(), "body")
        if op["body_type"] else None,
        "export_lacks": filler.lacks,
    }


def service_cases(service):
    info = services.SERVICES[service]
    by_id = exports.operations(service)
    cases, problems = [], 0
    for version, names in info["operations"].items():
        api = sdk.Sdk(service, version)
        for name in names:
            op = api.operation(name)
            export = by_id.get(name)
            if export is None:
                problems += 1
                print(f"PROBLEM {service} {name}: no export has this operationId")
                continue
            if (export.method, export.path) != (op["method"], op["path"]):
                problems += 1
                print(f"PROBLEM {service} {name}: SDK {op['method']} {op['path']}, export "
                      f"{export.method} {export.path} ({export.file})")
                continue
            cases.append(case(api, op, export))
    cases.sort(key=lambda c: c["operation"])
    identity = {"domain_id": services.DOMAIN_ID} if info["scope"] == "domain" else {
        "project_id": services.PROJECT_ID}
    return {"service": service, "scope": info["scope"], **identity, "cases": cases}, problems


def main(argv):
    names = services.selected(argv)
    sdk.ensure_installed(names)
    os.makedirs(os.path.join(HERE, "cases"), exist_ok=True)
    total = 0
    for service in names:
        doc, problems = service_cases(service)
        total += problems
        write(os.path.join(HERE, "cases", f"{service}.json"), doc)
        print(f"wrote cases/{service}.json: {len(doc['cases'])} operations, {problems} problems")
    return 1 if total else 0


def write(path, doc):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
