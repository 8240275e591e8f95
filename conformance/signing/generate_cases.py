#!/usr/bin/env python3
"""Generates signing test cases with the official huaweicloudsdkcore signer.

Each case holds a request (as specbind's HttpRequest sees it), credentials, a fixed X-Sdk-Date,
and what the official signer produced at every stage: canonical request, string to sign,
Authorization, the wire query string and the final headers. The Rust side re-signs each case and
compares stage by stage (runtime/examples/signing_conformance).

After the random cases come cases of the official signer's quirks (see QUIRKS), drawn from a
second generator seeded from --seed, so adding them leaves the random cases unchanged.

Usage: generate_cases.py --seed N --count N [--quirks N] --out cases.json
"""

import argparse
import copy
import datetime
import hashlib
import json
import random
from urllib.parse import quote

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer import signer as official

# Stage capture: wrap the official signer's stage methods and record what they return.
_captured = {}


def _capture(cls, name, key):
    original = getattr(cls, name)

    def wrapper(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _captured[key] = result
        return result

    setattr(cls, name, wrapper)


_capture(official.Signer, "_process_canonical_request", "canonical_request")
_capture(official.Signer, "_process_string_to_sign", "string_to_sign")
_capture(official.DerivationAKSKSigner, "_process_string_to_sign", "string_to_sign")

METHODS = ["GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
HOSTS = ["vpcep.cn-north-4.myhuaweicloud.com", "127.0.0.1:8443", "localhost:9", "ecs.ap-southeast-1.myhuaweicloud.com"]
SERVICES = ["vpcep", "ecs", "iam", "vpc"]
REGIONS = ["cn-north-4", "ap-southeast-1", "eu-west-101", "cn-south-1"]
# Characters that stress encoding: reserved, unreserved, unicode (2-, 3- and 4-byte), controls.
ALPHABET = list("abcXYZ019-_.~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}") + ["é", "中", "文", "😀", "ß", "\u00a0", "\t"]
HEADER_NAMES = ["X-Custom", "x-lower", "X-Mixed-Case", "Accept", "X-Request-Id", "X_Underscore", "x_also_under",
                "User-Agent", "X-Empty", "Content-Language"]
VALUE_PADDING = ["", "", " ", "  ", "\t", " \t ", "\u00a0", "\u3000", "\x1f"]


def rand_text(rng, low=0, high=8):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(low, high)))


def rand_path(rng):
    """A resource path as the official client builds it: template text plus quoted parameters."""
    segments = []
    for _ in range(rng.randint(0, 4)):
        kind = rng.random()
        if kind < 0.45:
            segments.append(rng.choice(["v1", "v2", "vpc-endpoints", "project_1", "a.b", "x~y"]))
        elif kind < 0.8:
            segments.append(quote(rand_text(rng, 1, 6), safe=""))
        elif kind < 0.9:
            segments.append(rng.choice(["%zz", "%E4", "%2", "%C3%28", "%e4%b8%ad"]))
        else:
            segments.append(rand_text(rng, 0, 4).replace("/", "").replace("%", "").replace("?", "").replace("#", ""))
    path = "/" + "/".join(segments)
    if rng.random() < 0.2:
        path += "/"
    if rng.random() < 0.05:
        path += "/"
    return path


def rand_query(rng):
    """(official query params, specbind query) built from the same values."""
    official_params, ours = [], []
    used = set()
    for _ in range(rng.randint(0, 5)):
        key = rng.choice(["limit", "offset", "name", "id", "tags", "flag", "k", rand_text(rng, 1, 4)])
        kind = rng.random()
        if kind < 0.15 and key not in used:
            value = rng.choice([True, False])
            official_params.append((key, value))
            ours.append([key, str(value).lower()])
        elif kind < 0.3 and key not in used:
            value = rng.randint(-5, 5000)
            official_params.append((key, value))
            ours.append([key, str(value)])
        elif kind < 0.45 and key not in used:
            values = [rand_text(rng, 0, 5) for _ in range(rng.randint(1, 4))]
            official_params.append((key, list(values)))
            ours.append([key, list(values)])
        else:
            # A repeated key is only ever given string values: that is what the official signer
            # can sort.
            if any(isinstance(v, (bool, int, list)) for k, v in official_params if k == key):
                continue
            value = rng.choice(["", rand_text(rng, 0, 6)])
            official_params.append((key, value))
            ours.append([key, value])
        used.add(key)
    return official_params, ours


def rand_headers(rng):
    headers = {}
    for _ in range(rng.randint(0, 4)):
        name = rng.choice(HEADER_NAMES)
        if any(existing.lower() == name.lower() for existing in headers):
            continue
        value = "" if name == "X-Empty" else rand_text(rng, 0, 6).replace("\t", " ")
        headers[name] = rng.choice(VALUE_PADDING) + value + rng.choice(VALUE_PADDING)
    return headers


def rand_body(rng):
    """(content type or None, body bytes)."""
    kind = rng.choice(["none", "none", "json", "json", "form", "octet", "empty-octet", "json-nobody"])
    if kind == "none":
        return None, b""
    if kind == "json":
        document = {"name": rand_text(rng, 0, 6), "n": rng.randint(0, 9), "ok": rng.random() < 0.5}
        content_type = rng.choice(["application/json", "application/json;charset=UTF-8"])
        return content_type, json.dumps(document, ensure_ascii=rng.random() < 0.5).encode("utf-8")
    if kind == "json-nobody":
        return "application/json", b""
    if kind == "form":
        return "application/x-www-form-urlencoded", ("a=%s&b=2" % quote(rand_text(rng, 0, 5))).encode("ascii")
    if kind == "octet":
        return "application/octet-stream", bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    return "application/octet-stream", b""


def make_case(rng, name, quirk=None):
    """One random case; `quirk(rng, fields)` may then rewrite its query, headers and body."""
    derived = rng.random() < 0.3
    ak = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(20))
    sk = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40))
    if rng.random() < 0.1:
        sk += "秘é"
    token = "".join(rng.choice("abcdefABCDEF0123456789+/=") for _ in range(rng.randint(16, 64))) \
        if rng.random() < 0.25 else None
    project_id = "%032x" % rng.getrandbits(128) if rng.random() < 0.5 else None
    service, region = rng.choice(SERVICES), rng.choice(REGIONS)
    when = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=rng.randint(0, 4102444799))
    sdk_date = when.strftime("%Y%m%dT%H%M%SZ")

    method, host, path = rng.choice(METHODS), rng.choice(HOSTS), rand_path(rng)
    official_query, our_query = rand_query(rng)
    headers = rand_headers(rng)
    content_type, body = rand_body(rng)
    if content_type:
        headers["Content-Type"] = content_type
    if rng.random() < 0.05:
        headers["host"] = "override.example.com"
    if quirk is not None:
        fields = {"query": (official_query, our_query), "headers": headers, "body": body}
        quirk(rng, fields)
        (official_query, our_query), headers, body = fields["query"], fields["headers"], fields["body"]
    our_headers = [[name, value] for name, value in headers.items()]

    official_headers = dict(headers)
    official_headers["X-Sdk-Date"] = sdk_date
    request = SdkRequest(method=method, schema="https", host=host, resource_path=path,
                         query_params=copy.deepcopy(official_query), header_params=official_headers, body=body)
    credentials = BasicCredentials(ak, sk, project_id)
    if token is not None:
        credentials.with_security_token(token)
    if derived:
        credentials.with_derived_predicate(lambda _request: True)
        credentials._process_derived_auth_params(service, region)

    _captured.clear()
    signed = credentials.sign_request(request)
    uri = signed.uri
    wire_query = uri.split("?", 1)[1] if "?" in uri else ""
    final_headers = [[name, str(value).encode("iso-8859-1").decode("utf-8")]
                     for name, value in signed.header_params.items()]
    return {
        "name": name,
        "algorithm": "V11-HMAC-SHA256" if derived else "SDK-HMAC-SHA256",
        "ak": ak, "sk": sk, "security_token": token, "project_id": project_id,
        "service": service, "region": region, "sdk_date": sdk_date,
        "method": method, "host": host, "resource_path": path,
        "query": our_query, "headers": our_headers, "body_hex": body.hex(),
        "expected": {
            "canonical_request": _captured["canonical_request"],
            "string_to_sign": _captured["string_to_sign"],
            "authorization": signed.header_params["Authorization"],
            "wire_query": wire_query,
            "headers": final_headers,
        },
    }


# The official signer's quirks (huaweicloudsdkcore/signer/signer.py, 3.1.219). Each takes a random
# case and rewrites the part the quirk is about.

NON_JSON_TYPES = ["text/plain", "application/octet-stream", "application/x-www-form-urlencoded",
                  "application/xml", "multipart/form-data; boundary=x"]
SHA256_SPELLINGS = ["x-sdk-content-sha256", "X-SDK-CONTENT-SHA256", "x-Sdk-Content-sha256", "X-Sdk-Content-Sha256"]


def _without(headers, lower_name):
    return {name: value for name, value in headers.items() if name.lower() != lower_name}


def _some_body(rng):
    return rng.choice([b"", b"plain text", bytes(rng.randrange(256) for _ in range(rng.randint(1, 24)))])


def quirk_content_type_lower(rng, fields):
    """`content-type` (not `Content-Type`) with a non-JSON value: the official signer looks up
    the exact key `Content-Type` only, so the body stays signed. Sometimes an exact
    `Content-Type` stands beside it, which alone decides."""
    headers = _without(fields["headers"], "content-type")
    headers["content-type"] = rng.choice(NON_JSON_TYPES)
    if rng.random() < 0.25:
        headers["Content-Type"] = rng.choice(["application/json", "text/plain"])
    fields["headers"], fields["body"] = headers, _some_body(rng)


def quirk_content_sha256_spelling(rng, fields):
    """A caller's `x-sdk-content-sha256` in any spelling with a non-JSON `Content-Type`: the
    official signer assigns its own `X-Sdk-Content-Sha256`, replacing only that exact spelling,
    signs both, and hashes with the first in request order."""
    body = _some_body(rng) or b"x"
    claimed = rng.choice(["UNSIGNED-PAYLOAD", hashlib.sha256(body).hexdigest(), "%064x" % rng.getrandbits(256),
                          "", " " + hashlib.sha256(body).hexdigest() + " "])
    headers = _without(fields["headers"], "content-type")
    caller = {rng.choice(SHA256_SPELLINGS): claimed}
    content_type = {rng.choice(["Content-Type", "Content-Type", "content-type"]): rng.choice(NON_JSON_TYPES)}
    first, second = (caller, content_type) if rng.random() < 0.5 else (content_type, caller)
    fields["headers"], fields["body"] = {**first, **headers, **second}, body


def quirk_repeated_list_query(rng, fields):
    """A query key given several lists (of text or of integers): the official signer sorts the
    entries with each list compared whole, then writes each list's items sorted."""
    official_query, our_query = fields["query"]
    official_query, our_query = list(official_query), list(our_query)
    for _ in range(rng.randint(1, 2)):
        key = rng.choice(["tags", "ids", "k", rand_text(rng, 1, 3)])
        official_query = [pair for pair in official_query if pair[0] != key]
        our_query = [pair for pair in our_query if pair[0] != key]
        integers = rng.random() < 0.4
        for _ in range(rng.randint(2, 4)):
            if integers:
                values = [rng.randint(-5, 120) for _ in range(rng.randint(0, 4))]
            else:
                values = [rng.choice(["a", "b", "B", "10", "9", rand_text(rng, 0, 3)]) for _ in range(rng.randint(0, 4))]
            official_query.append((key, list(values)))
            our_query.append([key, list(values)])
    order = list(range(len(our_query)))
    rng.shuffle(order)
    fields["query"] = ([official_query[i] for i in order], [our_query[i] for i in order])


QUIRKS = {
    "content-type-lower": quirk_content_type_lower,
    "content-sha256-spelling": quirk_content_sha256_spelling,
    "repeated-list-query": quirk_repeated_list_query,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20241128)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--quirks", type=int, default=20, help="cases per quirk class")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [make_case(rng, "case-%04d" % index) for index in range(args.count)]
    quirk_rng = random.Random("%d-quirks" % args.seed)
    for quirk_name, quirk in QUIRKS.items():
        cases += [make_case(quirk_rng, "%s-%02d" % (quirk_name, index), quirk) for index in range(args.quirks)]
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(cases, out, ensure_ascii=False, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
