"""Facts about the VPCEP API read from the official Python SDK (huaweicloudsdkvpcep 3.1.219).

Shared by check_specs.py, record_sdk.py and make_responses.py. Everything here is read from the
SDK's own metadata (client `_<op>_http_info`, model `openapi_types` / `attribute_map`), so the
scripts compare our specs against the SDK instead of against a second hand-written copy.
"""

import importlib
import importlib.metadata
import inspect
import re
import subprocess
import sys

SDK_VERSION = "3.1.219"
_VERSION_NOTED = False


def ensure_sdk():
    """Import the SDK, pip-installing the pinned version only when it is missing."""
    try:
        importlib.import_module("huaweicloudsdkvpcep.v1")
    except ImportError:
        print(f"installing huaweicloudsdkvpcep=={SDK_VERSION}", file=sys.stderr)
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "-q", f"huaweicloudsdkvpcep=={SDK_VERSION}"]
        )
    global _VERSION_NOTED
    if not _VERSION_NOTED:
        _VERSION_NOTED = True
        installed = importlib.metadata.version("huaweicloudsdkvpcep")
        if installed != SDK_VERSION:
            print(f"warning: huaweicloudsdkvpcep {installed} installed, facts are pinned to "
                  f"{SDK_VERSION}", file=sys.stderr)
    return importlib.import_module("huaweicloudsdkvpcep.v1")


def pascal(snake):
    """`list_endpoints` -> `ListEndpoints` (how the SDK names request/response classes)."""
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def model_class(name):
    """The SDK model class called `name`."""
    return getattr(importlib.import_module("huaweicloudsdkvpcep.v1.model"), name)


_OPTIONAL_SET = re.compile(r"^\s+if (\w+) is not None:\s*$")
_PLAIN_SET = re.compile(r"^\s+self\.(\w+) = (\w+)\s*$")


def required_attrs(cls):
    """Attributes that the model's __init__ assigns unconditionally (the SDK's "required")."""
    lines = inspect.getsource(cls.__init__).splitlines()
    required = set()
    for index, line in enumerate(lines):
        match = _PLAIN_SET.match(line)
        if not match or match.group(1) != match.group(2):
            continue
        previous = lines[index - 1] if index else ""
        if not _OPTIONAL_SET.match(previous) and match.group(1) in cls.openapi_types:
            required.add(match.group(1))
    return required


def parse_type(type_name):
    """SDK type string -> ("list", inner) | ("dict", inner) | ("prim", name) | ("model", name)."""
    if type_name.startswith("list[") and type_name.endswith("]"):
        return ("list", type_name[5:-1])
    if type_name.startswith("dict(") and type_name.endswith(")"):
        return ("dict", type_name[5:-1].split(",", 1)[1].strip())
    if type_name in ("str", "int", "bool", "float", "object", "datetime", "date"):
        return ("prim", type_name)
    return ("model", type_name)


def operations():
    """Every VpcepClient operation: name, method, path, params and body/response types."""
    ensure_sdk()
    from huaweicloudsdkvpcep.v1 import VpcepClient

    ops = []
    for attr in sorted(dir(VpcepClient)):
        match = re.fullmatch(r"_(\w+)_http_info", attr)
        if not match:
            continue
        snake = match.group(1)
        name = pascal(snake)
        request_cls = model_class(name + "Request")
        info = getattr(VpcepClient, attr)(request_cls())
        required = required_attrs(request_cls)
        types = request_cls.openapi_types
        wire = request_cls.attribute_map
        ops.append(
            {
                "snake": snake,
                "name": name,
                "method": info["method"],
                "path": info["resource_path"],
                "path_params": [
                    {"attr": a, "wire": wire[a], "type": types[a], "required": a in required}
                    for a in info["path_params"]
                ],
                "query_params": [
                    {"attr": a, "wire": wire[a], "type": types[a], "required": a in required}
                    for a, _ in info["query_params"]
                ],
                "header_params": [
                    h for h in info["header_params"] if h.lower() != "content-type"
                ],
                "body_type": types.get("body"),
                "body_required": "body" in required,
                "content_type": info["header_params"].get("Content-Type"),
                "response_type": info["response_type"],
                "collection_formats": info["collection_formats"],
            }
        )
    return ops


def model_fields(name):
    """[(attr, wire name, sdk type, required)] of one SDK model, in SDK order."""
    cls = model_class(name)
    required = required_attrs(cls)
    return [
        (attr, cls.attribute_map[attr], type_name, attr in required)
        for attr, type_name in cls.openapi_types.items()
    ]
