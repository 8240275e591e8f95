"""Turning wire JSON into SDK model objects and back, generically, from each model's
`openapi_types` and `attribute_map` (used by record_sdk.py and make_responses.py)."""

import datetime

import sdk_facts


def from_wire(type_name, value):
    """Build the SDK value of `type_name` from its wire JSON `value`."""
    if value is None:
        return None
    kind, inner = sdk_facts.parse_type(type_name)
    if kind == "list":
        return [from_wire(inner, item) for item in value]
    if kind == "dict":
        return {key: from_wire(inner, item) for key, item in value.items()}
    if kind == "model":
        cls = sdk_facts.model_class(inner)
        obj = cls()
        by_wire = {wire: attr for attr, wire in cls.attribute_map.items()}
        unknown = set(value) - set(by_wire)
        if unknown:
            raise ValueError(f"{inner} has no fields {sorted(unknown)}")
        for wire, item in value.items():
            attr = by_wire[wire]
            setattr(obj, attr, from_wire(cls.openapi_types[attr], item))
        return obj
    if inner == "datetime":
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def to_wire(value):
    """Wire JSON of an SDK value, the way the SDK serializes request bodies."""
    from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization

    return sanitize_for_serialization(value)


def build_request(op, case):
    """The SDK `<Op>Request` object for one logical call from cases.json."""
    cls = sdk_facts.model_class(op["name"] + "Request")
    request = cls()
    params = {**case.get("path_params", {}), **case.get("query_params", {})}
    by_wire = {p["wire"]: p for p in op["path_params"] + op["query_params"]}
    for wire, value in params.items():
        param = by_wire[wire]
        setattr(request, param["attr"], from_wire(param["type"], value))
    if case.get("body") is not None:
        request.body = from_wire(op["body_type"], case["body"])
    return request
