#!/usr/bin/env python3
"""Checks specs/vpcep against OpenAPI rules, the specbind extensions and the official SDK.

Reads only the spec files and the SDK (never build_specs.py's tables), so it also catches hand
edits and builder bugs. Prints one line per SDK operation and a line per problem; exits 1 on any
problem. This is the CI "operation count" check as well.

    python3 conformance/vpcep/check_specs.py [spec-dir]
"""

import json
import os
import re
import sys

import sdk_facts

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "specs", "vpcep"))
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
PRIMITIVE = {"str": ("string", None), "int": ("integer", "int32"), "bool": ("boolean", None),
             "float": ("number", None), "datetime": ("string", "date-time"), "date": ("string", "date")}
WAITER_KEYS = {"name", "field", "success", "failure", "success_on_not_found", "delay_seconds",
               "max_wait_seconds"}


class Specs:
    """All files of one spec directory, with `$ref` resolution across them."""

    def __init__(self, directory):
        self.dir = directory
        self.docs = {}
        self.problems = []
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".json"):
                continue
            try:
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    self.docs[name] = json.load(handle)
            except ValueError as err:
                self.problem(f"{name}: not valid JSON: {err}")

    def problem(self, text):
        self.problems.append(text)

    def resolve(self, node, file):
        """Follow `$ref`s from `node` (found in `file`); returns (node, file) or (None, file)."""
        hops = 0
        while isinstance(node, dict) and "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            file = target or file
            node = self.pointer(file, pointer)
            hops += 1
            if node is None or hops > 20:
                return None, file
        return node, file

    def pointer(self, file, pointer):
        node = self.docs.get(file)
        for part in [p for p in pointer.split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def check_refs(self):
        for file, doc in self.docs.items():
            for where, ref in walk_refs(doc, ""):
                if self.resolve({"$ref": ref}, file)[0] is None:
                    self.problem(f"{file}#{where}: $ref {ref} does not resolve")

    def operations(self):
        """[(file, path, method, operation, path-item)] across all files."""
        found = []
        for file, doc in self.docs.items():
            for path, item in doc.get("paths", {}).items():
                for method in METHODS:
                    if method in item:
                        found.append((file, path, method, item[method], item))
        return found


def walk_refs(node, where):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield where, node["$ref"]
        for key, value in node.items():
            yield from walk_refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_refs(value, f"{where}/{index}")


def check_document_rules(specs):
    infos = [f for f, d in specs.docs.items() if "info" in d]
    if len(infos) != 1:
        specs.problem(f"exactly one file must carry info, found {infos}")
    elif specs.docs[infos[0]]["info"].get("x-specbind-service") != "vpcep":
        specs.problem(f"{infos[0]}: info.x-specbind-service must be vpcep")
    for file, doc in specs.docs.items():
        if doc.get("openapi") != "3.0.3":
            specs.problem(f"{file}: openapi must be 3.0.3")
    for key in ("x-specbind-retryable-codes", "x-specbind-throttling-codes"):
        codes = specs.docs.get("common.json", {}).get(key)
        if not codes or not all(re.fullmatch(r"EndPoint\.\d{4}", c) for c in codes):
            specs.problem(f"common.json: {key} missing or malformed")
    seen = {}
    for file, path, method, op, _ in specs.operations():
        op_id = op.get("operationId")
        if op_id in seen:
            specs.problem(f"{file}: operationId {op_id} also in {seen[op_id]}")
        seen[op_id] = file


def params_of(specs, file, op, item):
    """Resolved parameters of an operation (path-item ones first), keyed by (in, name), each
    with the file it lives in (its own `$ref`s are relative to that file)."""
    out = {}
    for raw in item.get("parameters", []) + op.get("parameters", []):
        param, param_file = specs.resolve(raw, file)
        if param is None:
            continue
        out[(param["in"], param["name"])] = (param, param_file)
    return out


def check_operation(specs, sdk_op, file, path, op, item):
    name = sdk_op["name"]
    params = params_of(specs, file, op, item)
    template = set(re.findall(r"\{(\w+)\}", path))
    declared = {n for (where, n) in params if where == "path"}
    if template != declared:
        specs.problem(f"{name}: path template {sorted(template)} vs path params {sorted(declared)}")
    for (where, pname), (param, _) in params.items():
        if where == "path" and not param.get("required"):
            specs.problem(f"{name}: path parameter {pname} must be required")
    project = params.get(("path", "project_id"), ({}, file))[0]
    if project and project.get("x-specbind-client-param") is not True:
        specs.problem(f"{name}: project_id must be a client parameter")
    for sdk_param in sdk_op["path_params"] + sdk_op["query_params"]:
        where = "path" if sdk_param in sdk_op["path_params"] else "query"
        if (where, sdk_param["wire"]) not in params:
            specs.problem(f"{name}: {where} parameter {sdk_param['wire']} missing")
            continue
        param, param_file = params[(where, sdk_param["wire"])]
        if bool(param.get("required")) != (sdk_param["required"] or where == "path"):
            specs.problem(f"{name}: {where} parameter {sdk_param['wire']} required mismatch")
        compare_type(specs, f"{name}.{where}.{sdk_param['wire']}", sdk_param["type"],
                     param.get("schema"), param_file)
    sdk_names = {("path", p["wire"]) for p in sdk_op["path_params"]} | {
        ("query", p["wire"]) for p in sdk_op["query_params"]} | {("path", "project_id")}
    for key in params:
        if key not in sdk_names:
            specs.problem(f"{name}: parameter {key} is not in the SDK")
    check_body(specs, sdk_op, file, op)
    check_responses(specs, sdk_op, file, op)
    check_extensions(specs, sdk_op, file, op)


def check_body(specs, sdk_op, file, op):
    name = sdk_op["name"]
    body = op.get("requestBody")
    if sdk_op["body_type"] is None:
        if body is not None:
            specs.problem(f"{name}: has a request body, the SDK sends none")
        return
    if body is None:
        specs.problem(f"{name}: request body missing")
        return
    body, body_file = specs.resolve(body, file)
    content = body.get("content", {})
    if len(content) != 1:
        specs.problem(f"{name}: request body must have exactly one media type")
        return
    media, entry = next(iter(content.items()))
    if media.lower() != sdk_op["content_type"]:
        specs.problem(f"{name}: body media type {media}, SDK sends {sdk_op['content_type']}")
    compare_model(specs, f"{name}.body", sdk_op["body_type"], entry.get("schema"), body_file)


def check_responses(specs, sdk_op, file, op):
    name = sdk_op["name"]
    responses = op.get("responses", {})
    success = [s for s in responses if s.startswith("2")]
    if len(success) != 1:
        specs.problem(f"{name}: expected one 2xx response, found {success}")
        return
    for status, raw in responses.items():
        response, _ = specs.resolve(raw, file)
        if "X-Request-Id" not in (response or {}).get("headers", {}):
            specs.problem(f"{name}: response {status} does not declare X-Request-Id")
    response, resp_file = specs.resolve(responses[success[0]], file)
    content = response.get("content")
    has_fields = bool(sdk_facts.model_fields(sdk_op["response_type"]))
    if not has_fields:
        if content:
            specs.problem(f"{name}: declares a response body, the SDK model has no fields")
        return
    if not content or "application/json" not in content:
        specs.problem(f"{name}: JSON response body missing")
        return
    schema = content["application/json"].get("schema", {})
    expected = name + "ResponseBody"
    if schema.get("$ref", "").rsplit("/", 1)[-1] != expected:
        specs.problem(f"{name}: response schema should be named {expected}")
    compare_model(specs, f"{name}.response", sdk_op["response_type"], schema, resp_file)


def compare_model(specs, where, model, schema, file, seen=None):
    """Compare one SDK model with a schema: same wire names, types and required set."""
    seen = seen or set()
    schema, file = specs.resolve(schema, file)
    if schema is None:
        specs.problem(f"{where}: schema does not resolve")
        return
    key = (model, id(schema))
    if key in seen:
        return
    seen.add(key)
    props = schema.get("properties", {})
    fields = sdk_facts.model_fields(model)
    wires = {wire for _, wire, _, _ in fields}
    for extra in sorted(set(props) - wires):
        specs.problem(f"{where}: field {extra} is not in SDK model {model}")
    if "x-request-id" in {p.lower() for p in props}:
        specs.problem(f"{where}: x-request-id belongs in headers, not the body")
    required = set(schema.get("required", []))
    for _, wire, type_name, is_required in fields:
        if wire not in props:
            specs.problem(f"{where}: field {wire} ({type_name}) missing")
            continue
        if is_required and wire not in required:
            specs.problem(f"{where}.{wire}: SDK requires it, spec does not")
        if wire in required and not is_required and not where.endswith(".response"):
            specs.problem(f"{where}.{wire}: spec requires it, SDK does not")
        compare_type(specs, f"{where}.{wire}", type_name, props[wire], file, seen)


def compare_type(specs, where, type_name, schema, file, seen=None):
    schema, file = specs.resolve(schema, file)
    if schema is None:
        specs.problem(f"{where}: schema does not resolve")
        return
    kind, inner = sdk_facts.parse_type(type_name)
    if kind == "list":
        if schema.get("type") != "array":
            specs.problem(f"{where}: SDK {type_name}, spec type {schema.get('type')}")
            return
        compare_type(specs, f"{where}[]", inner, schema.get("items"), file, seen)
    elif kind == "dict":
        if not isinstance(schema.get("additionalProperties"), dict):
            specs.problem(f"{where}: SDK {type_name}, spec has no additionalProperties schema")
            return
        compare_type(specs, f"{where}{{}}", inner, schema["additionalProperties"], file, seen)
    elif kind == "model":
        if schema.get("type", "object") != "object" or "properties" not in schema:
            specs.problem(f"{where}: SDK model {inner}, spec is not an object with properties")
            return
        compare_model(specs, where, inner, schema, file, seen)
    elif inner == "object":
        if schema.get("type") not in (None, "object") or schema.get("properties"):
            specs.problem(f"{where}: SDK free-form object, spec {schema}")
    else:
        want_type, want_format = PRIMITIVE[inner]
        if schema.get("type") != want_type:
            specs.problem(f"{where}: SDK {inner} -> {want_type}, spec {schema.get('type')}")
        elif want_type == "integer" and schema.get("format") not in ("int32", "int64"):
            specs.problem(f"{where}: integer needs format int32 or int64")
        elif want_format == "date-time" and schema.get("format") != "date-time":
            specs.problem(f"{where}: SDK datetime, spec format {schema.get('format')}")
        if "enum" in schema and not all(isinstance(v, str) for v in schema["enum"]):
            specs.problem(f"{where}: enum values must be strings")


def check_extensions(specs, sdk_op, file, op):
    name = sdk_op["name"]
    if op.get("x-specbind-idempotent") is not None:
        if sdk_op["method"] != "POST" or name.startswith("Create"):
            specs.problem(f"{name}: x-specbind-idempotent only belongs on non-create POSTs")
    paging = op.get("x-specbind-pagination")
    is_list = {p["wire"] for p in sdk_op["query_params"]} >= {"limit", "offset"} or (
        sdk_op["body_type"] and {"limit", "offset"} <= {
            w for _, w, _, _ in sdk_facts.model_fields(sdk_op["body_type"])})
    if bool(paging) != bool(is_list):
        specs.problem(f"{name}: paging {'declared' if paging else 'missing'} but offset/limit "
                      f"{'absent' if paging else 'present'}")
    if paging:
        check_paging(specs, sdk_op, paging)
    for waiter in op.get("x-specbind-waiters", []):
        if set(waiter) != WAITER_KEYS:
            specs.problem(f"{name}: waiter keys {sorted(waiter)}")
        field = waiter.get("field", "")[1:]
        if field not in {w for _, w, _, _ in sdk_facts.model_fields(sdk_op["response_type"])}:
            specs.problem(f"{name}: waiter field {waiter.get('field')} not in the response")


def check_paging(specs, sdk_op, paging):
    name = sdk_op["name"]
    where = paging.get("in", "query")
    if where == "query":
        names = {p["wire"] for p in sdk_op["query_params"]}
    else:
        names = {w for _, w, _, _ in sdk_facts.model_fields(sdk_op["body_type"])}
    for key in ("offset", "limit"):
        if paging.get(key) not in names:
            specs.problem(f"{name}: paging {key} {paging.get(key)} not a {where} field")
    response = {w: t for _, w, t, _ in sdk_facts.model_fields(sdk_op["response_type"])}
    if not response.get(paging.get("items"), "").startswith("list["):
        specs.problem(f"{name}: paging items {paging.get('items')} is not a response list")
    if "total" in paging and response.get(paging["total"]) != "int":
        specs.problem(f"{name}: paging total {paging['total']} is not an integer response field")


def main(argv):
    directory = argv[0] if argv else DEFAULT_DIR
    specs = Specs(directory)
    specs.check_refs()
    check_document_rules(specs)
    found = {}
    for file, path, method, op, item in specs.operations():
        found.setdefault((method.upper(), path), []).append((file, path, op, item))
    sdk_ops = sdk_facts.operations()
    expected = {(o["method"], o["path"]) for o in sdk_ops}
    for sdk_op in sdk_ops:
        key = (sdk_op["method"], sdk_op["path"])
        matches = found.get(key, [])
        before = len(specs.problems)
        if len(matches) != 1:
            specs.problem(f"{sdk_op['name']}: {len(matches)} operations for {key[0]} {key[1]}")
        else:
            file, path, op, item = matches[0]
            if op.get("operationId") != sdk_op["name"]:
                specs.problem(f"{sdk_op['name']}: operationId is {op.get('operationId')}")
            check_operation(specs, sdk_op, file, path, op, item)
        status = "ok" if len(specs.problems) == before else "MISMATCH"
        print(f"{status:8} {sdk_op['name']:40} {key[0]:6} {key[1]}")
    for key in sorted(set(found) - expected):
        specs.problem(f"extra operation not in the SDK: {key[0]} {key[1]}")
    for text in specs.problems:
        print("problem:", text)
    print(f"{len(sdk_ops)} SDK operations, {sum(len(v) for v in found.values())} spec operations, "
          f"{len(specs.docs)} files, {len(specs.problems)} problems")
    return 1 if specs.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
