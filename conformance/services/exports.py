"""The API Explorer exports our bindings are generated from, read where cargo put them.

The Rust side binds `huawei-cloud-api-definitions-<SERVICE>` with `spec_crate`; reading the very
same files here (located with `cargo metadata`, so the version is the one in Cargo.lock) keeps the
Python and Rust sides on one set of exports. Only facts are taken from them: method, path,
success status, and enum values so that filled-in values are ones the API accepts.
"""

import functools
import json
import os
import subprocess

import services

HERE = os.path.dirname(os.path.abspath(__file__))


@functools.lru_cache(maxsize=None)
def crate_dirs():
    """{package name: directory} of this crate's dependencies, from `cargo metadata`."""
    output = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked",
         "--manifest-path", os.path.join(HERE, "Cargo.toml")],
        check=True, capture_output=True, text=True,
    ).stdout
    return {package["name"]: os.path.dirname(package["manifest_path"])
            for package in json.loads(output)["packages"]}


@functools.lru_cache(maxsize=None)
def operations(service):
    """{operationId: Export} of one service; an id given by several exports keeps the file
    named after it (the Rust side binds that one)."""
    src = os.path.join(crate_dirs()[services.crate_name(service)], "src")
    found = {}
    for file in sorted(os.listdir(src)):
        if not file.endswith(".json"):
            continue
        with open(os.path.join(src, file), encoding="utf-8") as handle:
            try:
                doc = json.load(handle)
            except ValueError:
                continue
        if not isinstance(doc, dict):
            continue
        for path, item in doc.get("paths", {}).items():
            for method, op in item.items():
                if not isinstance(op, dict) or "operationId" not in op:
                    continue
                export = Export(file, doc, method.upper(), path, op)
                name = op["operationId"]
                if name not in found or file == name + ".json":
                    found[name] = export
    return found


class Export:
    """One operation of one export file."""

    def __init__(self, file, doc, method, path, op):
        self.file, self.doc, self.method, self.path, self.op = file, doc, method, path, op

    def resolve(self, schema):
        """`schema` with local `$ref`s followed and `allOf` parts merged."""
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 32:
            node = self.doc
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node.get(part, {}) if isinstance(node, dict) else {}
            schema, seen = node, seen + 1
        if not isinstance(schema, dict):
            return {}
        if "allOf" in schema:
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            props = dict(merged.get("properties", {}))
            for part in schema["allOf"]:
                part = self.resolve(part)
                props.update(part.get("properties", {}))
                merged.setdefault("type", part.get("type"))
            merged["properties"] = props
            return merged
        return schema

    def success(self):
        """(status, response schema or None) of the first 2xx response."""
        for status, response in sorted(self.op.get("responses", {}).items()):
            if status.startswith("2"):
                response = self.resolve(response)
                schema = response.get("schema")
                if schema is None:
                    content = response.get("content", {})
                    media = content.get("application/json") or next(iter(content.values()), {})
                    schema = media.get("schema")
                return int(status), (self.resolve(schema) if schema is not None else None)
        return 200, None

    def parameter(self, wire, location):
        """The export's parameter object for `wire` in `location` ("path", "query", "header")."""
        params = list(self.op.get("parameters", []))
        for param in params:
            param = self.resolve(param)
            if param.get("name", "").lower() == wire.lower() and param.get("in") == location:
                return param
        return {}

    def body_schema(self):
        """The request body's schema (Swagger 2.0 `in: body` or OpenAPI 3 `requestBody`)."""
        for param in self.op.get("parameters", []):
            param = self.resolve(param)
            if param.get("in") == "body":
                return self.resolve(param.get("schema", {}))
        content = self.resolve(self.op.get("requestBody", {})).get("content", {})
        media = content.get("application/json") or next(iter(content.values()), {})
        return self.resolve(media.get("schema", {}))


def member(export, schema, wire):
    """Schema of property `wire` of an object schema."""
    return export.resolve(schema.get("properties", {}).get(wire, {}))


def items(export, schema):
    return export.resolve(schema.get("items", {}))


def values_of(export, schema):
    """Schema of a map's values."""
    extra = schema.get("additionalProperties", {})
    return export.resolve(extra if isinstance(extra, dict) else {})


def enum(schema):
    """The schema's enum values (parameters keep them on the parameter or on `schema`)."""
    return schema.get("enum") or schema.get("schema", {}).get("enum") or []


def lacks(schema, wire):
    """Whether an object schema that lists its properties has no property `wire` (a field the
    SDK knows that bindings generated from this export cannot carry)."""
    props = schema.get("properties")
    return bool(props) and wire not in props and not schema.get("additionalProperties")


def pointer_token(wire):
    """`wire` as one JSON pointer token."""
    return wire.replace("~", "~0").replace("/", "~1")
