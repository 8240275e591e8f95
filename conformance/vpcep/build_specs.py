#!/usr/bin/env python3
"""Writes specs/vpcep/*.json (OpenAPI 3.0.3) from the official SDK's metadata, the API Explorer
exports' limits, our own wording (spec_text.py) and our own extras (spec_facts.py).

The spec files are the product; this script is how they are made and remade, so a fact is fixed
in one place (SDK upgrade, a wording change) and every file follows. Output is deterministic.

    python3 conformance/vpcep/build_specs.py            # rewrite specs/vpcep
    python3 conformance/vpcep/build_specs.py --check    # fail if specs/vpcep is out of date
"""

import json
import os
import sys

import explorer_facts
import sdk_facts
import spec_facts
import spec_text

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "specs", "vpcep"))
COMMON = "common.json"
JSON_BODY = "application/json;charset=utf-8"  # what the SDK sends, byte for byte
LIMIT_KEYS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "pattern")


class Builder:
    """Collects schemas per file while operations are lowered, then renders the files."""

    def __init__(self, ops, facts):
        self.ops = ops
        self.facts = facts
        self.response_names = {op["response_type"]: op["name"] + "ResponseBody" for op in ops}
        self.users = {}  # SDK model -> set of operationIds that reach it
        self.request_side = set()
        for op in ops:
            if op["body_type"]:
                self._reach(op["body_type"], op["name"], self.request_side)
            self._reach(op["response_type"], op["name"], set())
        self.files = {}  # file name -> document

    # --- naming and placement -------------------------------------------------------------

    def _reach(self, model, op_name, marks):
        users = self.users.setdefault(model, set())
        if op_name in users and model in marks:
            return
        users.add(op_name)
        marks.add(model)
        for _, _, type_name, _ in sdk_facts.model_fields(model):
            kind, inner = sdk_facts.parse_type(type_name)
            if kind in ("list", "dict"):
                kind, inner = sdk_facts.parse_type(inner)
            if kind == "model":
                self._reach(inner, op_name, marks)

    def schema_name(self, model):
        return self.response_names.get(model, model)

    def home(self, model):
        users = self.users[model]
        return COMMON if len(users) > 1 else next(iter(users)) + ".json"

    @staticmethod
    def ref(target_file, name, from_file):
        prefix = "" if target_file == from_file else target_file
        return {"$ref": f"{prefix}#/components/schemas/{name}"}

    def enum_ref(self, name, from_file):
        return self.ref(COMMON, name, from_file)

    # --- schemas --------------------------------------------------------------------------

    def field_enum(self, model, wire):
        for key in ((model, wire), ("*", wire)):
            if key in spec_facts.FIELD_ENUMS:
                return spec_facts.FIELD_ENUMS[key]
        return None

    def model_schema(self, model):
        name = self.schema_name(model)
        file = self.home(model)
        props, required = {}, []
        for _, wire, type_name, is_required in sdk_facts.model_fields(model):
            facts = dict(self.facts.fields.get((model, wire), {}))
            for key in spec_facts.DROP_FACTS.get((model, wire), ()):
                facts.pop(key, None)
            if model not in self.request_side:
                facts.pop("pattern", None)
                facts.pop("default", None)
            props[wire] = self.value_schema(type_name, facts, self.field_enum(model, wire), file)
            text = spec_text.FIELD_OVERRIDES.get((name, wire)) or spec_text.FIELD_OVERRIDES.get(
                (model, wire)) or spec_text.FIELD_DOCS_FALLBACK(wire)
            if "$ref" not in props[wire]:
                props[wire] = with_description(props[wire], text)
            if is_required:
                required.append(wire)
        schema = {"type": "object", "description": spec_text.SCHEMAS[name], "properties": props}
        if required:
            schema["required"] = required
        self.add_schema(file, name, schema)
        return name

    def value_schema(self, type_name, facts, enum, file):
        kind, inner = sdk_facts.parse_type(type_name)
        if kind == "list":
            items = self.value_schema(inner, facts.get("items", {}), enum, file)
            schema = {"type": "array", "items": items}
            for key in ("minItems", "maxItems"):
                if key in facts:
                    schema[key] = facts[key]
            return schema
        if kind == "dict":
            return {"type": "object",
                    "additionalProperties": self.value_schema(inner, {}, enum, file)}
        if kind == "model":
            return self.ref(self.home(inner), self.model_schema(inner), file)
        if enum:
            return self.enum_ref(enum, file)
        return primitive_schema(inner, facts)

    def add_schema(self, file, name, schema):
        schemas = self.doc(file).setdefault("components", {}).setdefault("schemas", {})
        if name in schemas and schemas[name] != schema:
            raise SystemExit(f"schema {name} built twice with different content")
        schemas[name] = schema

    def doc(self, file):
        return self.files.setdefault(file, {"openapi": "3.0.3"})

    # --- operations -----------------------------------------------------------------------

    def param_schema(self, op, param):
        enum = spec_facts.PARAM_ENUMS.get((op["name"], param["wire"])) or spec_facts.PARAM_ENUMS.get(
            ("*", param["wire"]))
        file = op["name"] + ".json"
        if enum:
            return self.enum_ref(enum, file)
        where = "path" if param in op["path_params"] else "query"
        explorer = self.facts.params.get((op["name"], where, param["wire"]), {})
        return primitive_schema(sdk_facts.parse_type(param["type"])[1], explorer)

    def parameter(self, op, param, where):
        name = param["wire"]
        shared = spec_facts.SHARED_PARAMS.get(name)
        if where == "path" and shared:
            return {"$ref": f"{COMMON}#/components/parameters/{shared}"}
        text = spec_text.PARAM_OVERRIDES.get((op["name"], name)) or spec_text.PARAMS[name]
        obj = {"name": name, "in": where, "description": text,
               "schema": self.param_schema(op, param)}
        if where == "path" or param["required"]:
            obj["required"] = True
        return obj

    def operation(self, op):
        name = op["name"]
        file = name + ".json"
        tag, summary, description = spec_text.OPERATIONS[name]
        params = []
        if "{project_id}" in op["path"]:
            params.append({"$ref": f"{COMMON}#/components/parameters/ProjectId"})
        params += [self.parameter(op, p, "path") for p in op["path_params"]]
        params += [self.parameter(op, p, "query") for p in op["query_params"]]
        operation = {"operationId": name, "tags": [tag], "summary": summary,
                     "description": description}
        if params:
            operation["parameters"] = params
        if op["body_type"]:
            body_name = self.model_schema(op["body_type"])
            operation["requestBody"] = {
                "required": self.facts.body_required.get(name, True),
                "content": {JSON_BODY: {"schema": self.ref(
                    self.home(op["body_type"]), body_name, file)}},
            }
        operation["responses"] = self.responses(op, file)
        self.extensions(name, operation)
        self.doc(file).setdefault("paths", {}).setdefault(op["path"], {})[
            op["method"].lower()] = operation

    def responses(self, op, file):
        status = self.facts.status[op["name"]]
        success = {"description": spec_text.STATUS_TEXT[status], "headers": request_id_header()}
        if sdk_facts.model_fields(op["response_type"]):
            body_name = self.model_schema(op["response_type"])
            success["content"] = {"application/json": {"schema": self.ref(
                self.home(op["response_type"]), body_name, file)}}
        error = {"description": spec_text.ERROR_RESPONSE, "headers": request_id_header(),
                 "content": {"application/json": {"schema": self.ref(
                     COMMON, "ErrorResponse", file)}}}
        return {status: success, "default": error}

    @staticmethod
    def extensions(name, operation):
        if name in spec_facts.PAGINATION:
            operation["x-specbind-pagination"] = spec_facts.PAGINATION[name]
        if name in spec_facts.WAITERS:
            operation["x-specbind-waiters"] = spec_facts.WAITERS[name]
        if name in spec_facts.IDEMPOTENT_POSTS:
            operation["x-specbind-idempotent"] = True
        if spec_facts.unavailable_in(name):
            operation["x-specbind-unavailable-in"] = spec_facts.unavailable_in(name)
        if name in spec_facts.REGIONAL_FIELDS:
            operation["x-specbind-regional-fields"] = spec_facts.REGIONAL_FIELDS[name]

    # --- common.json ----------------------------------------------------------------------

    def common(self):
        doc = self.doc(COMMON)
        doc["info"] = {
            "title": "Huawei Cloud VPC Endpoint (VPCEP) API",
            "version": "v1",
            "description": "Endpoint services publish a backend privately; endpoints in other "
                           "VPCs reach it without public IP addresses.",
            "x-specbind-service": "vpcep",
        }
        doc["x-specbind-retryable-codes"] = spec_facts.RETRYABLE_CODES
        doc["x-specbind-throttling-codes"] = spec_facts.THROTTLING_CODES
        components = doc.setdefault("components", {})
        components["parameters"] = shared_parameters()
        schemas = components.setdefault("schemas", {})
        for name, (text, values) in spec_facts.ENUMS.items():
            schemas[name] = {"type": "string", "description": text, "enum": values}
        schemas["ErrorResponse"] = error_schema()

    def build(self):
        for op in self.ops:
            self.operation(op)
        self.common()
        return {name: sort_doc(doc) for name, doc in self.files.items()}


def primitive_schema(type_name, facts):
    if type_name in ("str", "datetime", "date"):
        schema = {"type": "string"}
        fmt = {"datetime": "date-time", "date": "date"}.get(type_name) or facts.get("format")
        if fmt in ("date-time", "date", "ipv6", "ipv4", "uuid"):
            schema["format"] = fmt
        wanted = ("minLength", "maxLength", "pattern", "enum")
    elif type_name == "int":
        schema = {"type": "integer",
                  "format": "int64" if facts.get("format") == "int64" else "int32"}
        wanted = ("minimum", "maximum")
    elif type_name == "float":
        schema = {"type": "number", "format": "double"}
        wanted = ("minimum", "maximum")
    elif type_name == "bool":
        schema = {"type": "boolean"}
        wanted = ()
    elif type_name == "object":
        return {}
    else:
        raise SystemExit(f"unknown SDK type {type_name}")
    for key in wanted:
        if key in facts:
            schema[key] = facts[key]
    default = facts.get("default")
    if default is not None and type(default) is {"string": str, "integer": int,
                                                 "number": float, "boolean": bool}[schema["type"]]:
        schema["default"] = default
    return schema


def with_description(schema, text):
    """`type` and `format` first, then the description, then limits: easiest to read."""
    head = {k: schema[k] for k in ("type", "format") if k in schema}
    return {**head, "description": text, **{k: v for k, v in schema.items() if k not in head}}


def request_id_header():
    return {"X-Request-Id": {"description": spec_text.REQUEST_ID, "schema": {"type": "string"}}}


def shared_parameters():
    def path(name, text, **extra):
        return {"name": name, "in": "path", "required": True, "description": text,
                "schema": {"type": "string", "minLength": 1, "maxLength": 64}, **extra}

    resource_type = path("resource_type", spec_text.PARAMS["resource_type"])
    resource_type["schema"] = {"$ref": "#/components/schemas/ResourceType"}
    return {
        "ProjectId": path("project_id", spec_text.PARAMS["project_id"],
                          **{"x-specbind-client-param": True}),
        "VpcEndpointServiceId": path("vpc_endpoint_service_id",
                                     spec_text.PARAMS["vpc_endpoint_service_id"]),
        "VpcEndpointId": path("vpc_endpoint_id", spec_text.PARAMS["vpc_endpoint_id"]),
        "ResourceType": resource_type,
    }


def error_schema():
    return {
        "type": "object",
        "description": spec_text.SCHEMAS["ErrorResponse"],
        "properties": {
            "error_code": {"type": "string", "description": "Service error code, for example "
                           "`EndPoint.0005`."},
            "error_msg": {"type": "string", "description": "What went wrong."},
        },
    }


def sort_doc(doc):
    """Stable key order: OpenAPI's usual order at the top, sorted names below it."""
    top = ["openapi", "info", "x-specbind-retryable-codes", "x-specbind-throttling-codes",
           "paths", "components"]
    out = {key: doc[key] for key in top if key in doc}
    if "paths" in out:
        out["paths"] = dict(sorted(out["paths"].items()))
    if "components" in out:
        out["components"] = {k: dict(sorted(v.items())) for k, v in sorted(out["components"].items())}
    return out


def render(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    check = "--check" in argv
    ops = sdk_facts.operations()
    facts = explorer_facts.ExplorerFacts().collect(ops)
    files = Builder(ops, facts).build()
    stale = []
    os.makedirs(SPEC_DIR, exist_ok=True)
    for name, doc in sorted(files.items()):
        path = os.path.join(SPEC_DIR, name)
        text = render(doc)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(name)
            if not check:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    extra = sorted(set(f for f in os.listdir(SPEC_DIR) if f.endswith(".json")) - set(files))
    print(f"{len(files)} spec files ({len(ops)} operations); "
          f"{'out of date' if check else 'rewritten'}: {stale or 'none'}; unknown files: {extra or 'none'}")
    return 1 if check and (stale or extra) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
