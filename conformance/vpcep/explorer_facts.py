"""Facts about the VPCEP API read from the API Explorer exports in ../shared/apiexplorer/VPCEP.

The exports use their own schema names; this module walks each export next to the SDK model it
describes (body/response first, then field by field), so every fact lands on the SDK model name.
"""

import json
import os

import sdk_facts

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "apiexplorer", "VPCEP"))

# Schema keywords worth carrying into our spec (descriptions are Huawei's words and stay out).
FACT_KEYS = (
    "type", "format", "enum", "default", "pattern", "minLength", "maxLength",
    "minimum", "maximum", "minItems", "maxItems",
)


def load_export(op_name):
    """The export of one operation, or None when there is none."""
    path = os.path.join(EXPORT_DIR, op_name + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _resolve(export, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = export["definitions"][schema["$ref"].rsplit("/", 1)[1]]
    return schema or {}


def _operation(export):
    for ops in export["paths"].values():
        for method, op in ops.items():
            return method, op
    raise ValueError("export without an operation")


class ExplorerFacts:
    """Per SDK model and wire field: the export's schema facts and whether it is required."""

    def __init__(self):
        self.fields = {}  # (model, wire) -> {fact: value}
        self.required = {}  # model -> set of wire names
        self.params = {}  # (op, in, name) -> parameter object
        self.status = {}  # op -> success status code (str)
        self.body_required = {}  # op -> bool

    def collect(self, ops):
        """Walk every operation's export next to the SDK models."""
        for op in ops:
            export = load_export(op["name"])
            if export is None:
                continue
            _, operation = _operation(export)
            for param in operation.get("parameters", []):
                if param["in"] == "body":
                    self.body_required[op["name"]] = bool(param.get("required"))
                    if op["body_type"]:
                        self._walk(export, param.get("schema"), op["body_type"])
                else:
                    self.params[(op["name"], param["in"], param["name"])] = param
            for status, response in sorted(operation.get("responses", {}).items()):
                if status.startswith("2"):
                    self.status[op["name"]] = status
                    if response.get("schema"):
                        self._walk(export, response["schema"], op["response_type"])
        return self

    def _walk(self, export, schema, model, seen=None):
        seen = seen if seen is not None else set()
        if model in seen:
            return
        seen.add(model)
        schema = _resolve(export, schema)
        props = schema.get("properties", {})
        self.required.setdefault(model, set()).update(schema.get("required", []))
        for _, wire, type_name, _ in sdk_facts.model_fields(model):
            prop = _resolve(export, props.get(wire)) if wire in props else None
            if prop is None:
                continue
            facts = self.fields.setdefault((model, wire), {})
            for key in FACT_KEYS:
                if key in prop:
                    facts.setdefault(key, prop[key])
            kind, inner = sdk_facts.parse_type(type_name)
            if kind == "list":
                item = _resolve(export, prop.get("items"))
                item_facts = facts.setdefault("items", {})
                for key in FACT_KEYS:
                    if key in item:
                        item_facts.setdefault(key, item[key])
                inner_kind, inner_name = sdk_facts.parse_type(inner)
                if inner_kind == "model":
                    self._walk(export, prop.get("items"), inner_name, seen)
            elif kind == "model":
                self._walk(export, props.get(wire), inner, seen)
