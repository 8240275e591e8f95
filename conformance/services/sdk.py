"""What the official Python SDK says about an operation, read from its own metadata.

Everything comes from the SDK classes themselves (the client's `_<op>_http_info`, each model's
`openapi_types` / `attribute_map`), so the cases follow the SDK rather than a second hand-written
description. Also turns wire JSON into SDK model objects and back.
"""

import datetime
import importlib
import importlib.metadata
import inspect
import re
import site
import subprocess
import sys

import services


def ensure_installed(names):
    """pip-install the pinned SDK packages of `names` that are missing or of another version."""
    wanted = ["huaweicloudsdkcore"] + [services.SERVICES[n]["package"] for n in names]
    missing = []
    for package in wanted:
        try:
            if importlib.metadata.version(package) != services.SDK_VERSION:
                missing.append(package)
        except importlib.metadata.PackageNotFoundError:
            missing.append(package)
    if missing:
        pins = [f"{package}=={services.SDK_VERSION}" for package in missing]
        print(f"installing {' '.join(pins)}", file=sys.stderr)
        # Into the virtualenv when running in one, else the user site (no system-wide change).
        in_venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
        where = [] if in_venv else ["--user"]
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", *where, *pins])
        if not in_venv:
            site.addsitedir(site.getusersitepackages())  # absent at start-up on a fresh machine
        importlib.invalidate_caches()


def pascal(snake):
    """`list_servers_details` -> `ListServersDetails` (how the SDK names its classes)."""
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def snake(name):
    """`ListServersDetails` -> `list_servers_details`, the SDK client's method name."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


class Sdk:
    """One service's SDK at one API version (`huaweicloudsdkecs.v2`)."""

    def __init__(self, service, version):
        info = services.SERVICES[service]
        self.service = service
        self.module = importlib.import_module(f"{info['package']}.{version}")
        self.models = importlib.import_module(f"{info['package']}.{version}.model")
        self.client_class = getattr(self.module, info["client"])

    def model_class(self, name):
        return getattr(self.models, name)

    def operation(self, name):
        """Method, path, parameters and body/response types of one operation."""
        method_name = next(
            (attr[1:-10] for attr in dir(self.client_class)
             if attr.startswith("_") and attr.endswith("_http_info")
             and pascal(attr[1:-10]) == name),
            None,
        )
        if method_name is None:
            raise SystemExit(f"{self.service}: the SDK has no operation {name}")
        request_cls = self.model_class(name + "Request")
        info = getattr(self.client_class, f"_{method_name}_http_info")(request_cls())
        required = required_attrs(request_cls)
        types = request_cls.openapi_types
        wire = request_cls.attribute_map
        by_wire = {w: a for a, w in wire.items()}

        def param(name_or_attr):
            # The SDK lists most parameters by attribute, a few by wire name.
            attr = name_or_attr if name_or_attr in types else by_wire[name_or_attr]
            return {"attr": attr, "wire": wire[attr], "type": types[attr],
                    "required": attr in required}

        headers = [h for h in info["header_params"] if h.lower() != "content-type"]
        return {
            "name": name,
            "snake": method_name,
            "method": info["method"],
            "path": info["resource_path"],
            "path_params": [param(p) for p in info["path_params"]],
            "query_params": [param(p) for p, _ in info["query_params"]],
            "header_params": [param(h) for h in headers],
            "body_type": types.get("body"),
            "content_type": info["header_params"].get("Content-Type"),
            "response_type": info["response_type"],
            "response_headers": info.get("response_headers") or [],
        }

    def model_fields(self, name):
        """[(attr, wire name, SDK type, required)] of one SDK model, in SDK order."""
        cls = self.model_class(name)
        required = required_attrs(cls)
        return [(attr, cls.attribute_map[attr], type_name, attr in required)
                for attr, type_name in cls.openapi_types.items()]

    def enum_values(self, name):
        """The allowed values of an SDK enum model (a class with no fields, only upper-case
        constants), or None for an ordinary model. Such a value is a plain string on the wire."""
        cls = self.model_class(name)
        if cls.openapi_types:
            return None
        found = [v for k, v in vars(cls).items()
                 if k.isupper() and isinstance(v, (str, int)) and not isinstance(v, bool)]
        return found or None

    def from_wire(self, type_name, value):
        """The SDK value of `type_name` built from wire JSON `value`."""
        if value is None:
            return None
        kind, inner = parse_type(type_name)
        if kind == "list":
            return [self.from_wire(inner, item) for item in value]
        if kind == "dict":
            return {key: self.from_wire(inner, item) for key, item in value.items()}
        if kind == "model" and self.enum_values(inner) is not None:
            return value
        if kind == "model":
            cls = self.model_class(inner)
            obj = cls()
            by_wire = {wire: attr for attr, wire in cls.attribute_map.items()}
            unknown = set(value) - set(by_wire)
            if unknown:
                raise ValueError(f"{inner} has no fields {sorted(unknown)}")
            for wire, item in value.items():
                setattr(obj, by_wire[wire], self.from_wire(cls.openapi_types[by_wire[wire]], item))
            return obj
        if inner == "datetime":
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if inner == "date":
            return datetime.date.fromisoformat(value)
        return value

    def build_request(self, op, case):
        """The SDK `<Op>Request` object for one call from a cases file."""
        request = self.model_class(op["name"] + "Request")()
        params = {**case["path_params"], **case["query_params"], **case["header_params"]}
        by_wire = {p["wire"]: p for p in
                   op["path_params"] + op["query_params"] + op["header_params"]}
        for wire, value in params.items():
            param = by_wire[wire]
            setattr(request, param["attr"], self.from_wire(param["type"], value))
        if case["body"] is not None:
            request.body = self.from_wire(op["body_type"], case["body"])
        return request


def to_wire(value):
    """Wire JSON of an SDK value, the way the SDK serializes request bodies."""
    from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization

    return sanitize_for_serialization(value)


def parse_type(type_name):
    """SDK type string -> ("list", inner) | ("dict", inner) | ("prim", name) | ("model", name)."""
    if type_name.startswith("list[") and type_name.endswith("]"):
        return ("list", type_name[5:-1])
    if type_name.startswith("dict(") and type_name.endswith(")"):
        return ("dict", type_name[5:-1].split(",", 1)[1].strip())
    if type_name in ("str", "int", "bool", "float", "object", "datetime", "date"):
        return ("prim", type_name)
    return ("model", type_name)


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
