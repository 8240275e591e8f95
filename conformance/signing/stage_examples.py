#!/usr/bin/env python3
"""Prints the official signer's stages for the hand-written requests of
runtime/tests/signing_stages.rs, so the literals in that test can be re-derived:

    python3 conformance/signing/stage_examples.py
"""

import hashlib

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer import signer as official

_stages = {}


def _capture(cls, name):
    original = getattr(cls, name)

    def wrapper(self, *args, **kwargs):
        _stages[name] = original(self, *args, **kwargs)
        return _stages[name]

    setattr(cls, name, wrapper)


_capture(official.Signer, "_process_canonical_request")
_capture(official.Signer, "_process_string_to_sign")
_capture(official.DerivationAKSKSigner, "_process_string_to_sign")

AK, SK, DATE, HOST = "AKIDEXAMPLE", "sk-example/secret", "20240315T081530Z", "vpcep.cn-north-4.myhuaweicloud.com"

EXAMPLES = {
    "trailing_slash": dict(method="GET", path="/v1/p1/vpc-endpoints"),
    "query_encoding": dict(method="GET", path="/v1/p1/vpc-endpoints/",
                           query=[("name", "a b/c~中"), ("limit", 10), ("tags", ["z", "a", ""]),
                                  ("flag", True), ("empty", ""), ("name", "A")]),
    "path_segments": dict(method="DELETE", path="/v1/%E4%B8%AD/a%20b/~x/%2f/"),
    "headers": dict(method="GET", path="/", headers={"X-Custom": "  padded\t ", "X_Skipped": "x",
                                                     "Accept": "application/json"}),
    "json_body": dict(method="POST", path="/v1/p1/vpc-endpoints",
                      headers={"Content-Type": "application/json;charset=UTF-8"}, body=b'{"a":1}'),
    "form_body": dict(method="POST", path="/form", headers={"Content-Type": "application/x-www-form-urlencoded"},
                      body=b"a=1&b=2"),
    "empty_octet_body": dict(method="PUT", path="/upload", headers={"Content-Type": "application/octet-stream"},
                             body=b""),
    "token_and_project": dict(method="GET", path="/v1/p1/vpc-endpoints", token="temp-token", project="p1"),
    "derived": dict(method="GET", path="/v1/p1/vpc-endpoints", derived=("vpcep", "cn-north-4")),
}


def sign(method, path, query=(), headers=None, body=b"", token=None, project=None, derived=None):
    header_params = dict(headers or {})
    header_params["X-Sdk-Date"] = DATE
    request = SdkRequest(method=method, schema="https", host=HOST, resource_path=path,
                         query_params=list(query), header_params=header_params, body=body)
    credentials = BasicCredentials(AK, SK, project)
    if token:
        credentials.with_security_token(token)
    if derived:
        credentials.with_derived_predicate(lambda _request: True)
        credentials._process_derived_auth_params(*derived)
    signed = credentials.sign_request(request)
    return signed


# Quirks of the official signer that specbind keeps; runtime/tests/signing_quirks.rs holds these,
# and rebuilds the requests as sent (final headers, URI) to check that the verifier accepts them.
QUIRK_EXAMPLES = {
    "content_type_lower": dict(method="POST", path="/upload", headers={"content-type": "text/plain"},
                               body=b"hello"),
    "content_sha256_lower": dict(method="POST", path="/upload",
                                 headers={"x-sdk-content-sha256": hashlib.sha256(b"hello").hexdigest(),
                                          "Content-Type": "text/plain"}, body=b"hello"),
    "repeated_lists_reordered": dict(method="GET", path="/v1/p1/vpc-endpoints",
                                     query=[("tags", ["b", "a"]), ("tags", ["a", "z"]), ("ids", [10, 9]),
                                            ("ids", [9, 100]), ("limit", 5)]),
    "repeated_lists_in_order": dict(method="GET", path="/v1/p1/vpc-endpoints",
                                    query=[("tags", ["a", "z"]), ("tags", ["a", "b"]), ("ids", [9, 10]),
                                           ("ids", [2])]),
}

for name, example in list(EXAMPLES.items()) + list(QUIRK_EXAMPLES.items()):
    signed = sign(**example)
    print("==", name)
    print("canonical_request:", repr(_stages["_process_canonical_request"]))
    print("string_to_sign:   ", repr(_stages["_process_string_to_sign"]))
    print("authorization:    ", repr(signed.header_params["Authorization"]))
    print("uri:              ", repr(signed.uri))
    if name in QUIRK_EXAMPLES:
        print("headers:          ", repr(list(signed.header_params.items())))


# Signatures over a chosen subset of headers, as other clients make them (the Terraform provider
# signs accept;content-type;user-agent;x-sdk-date and never host). The official signer always
# signs every header, so its own stage functions are called with the subset. Used by
# runtime/tests/signing_verify.rs, whose AK/SK and request these are.
VERIFY_AK, VERIFY_SK = "AK-VERIFY", "secret-key-for-verify"
SUBSETS = {
    "terraform_style": ["accept", "content-type", "user-agent", "x-sdk-date"],
    "date_unsigned": ["accept", "content-type", "host", "user-agent"],
}


def sign_subset(signed_headers):
    header_params = {"Accept": "application/json", "Content-Type": "application/json",
                     "User-Agent": "terraform-provider-iac", "X-Sdk-Date": DATE, "Host": "127.0.0.1:8080"}
    request = SdkRequest(method="POST", schema="http", host="127.0.0.1:8080", resource_path="/v1/p1/vpc-endpoints",
                         query_params=[("limit", 10)], header_params=header_params,
                         body=b'{"endpoint_service_id":"abc"}')
    signer = official.Signer(BasicCredentials(VERIFY_AK, VERIFY_SK))
    canonical_request = signer._process_canonical_request(request, signed_headers)
    string_to_sign = signer._process_string_to_sign(canonical_request, signer._process_header_time(request))
    signature = signer._sign_string_to_sign(string_to_sign, VERIFY_SK)
    return signer._process_auth_header_value(signature, VERIFY_AK, signed_headers)


for name, subset in SUBSETS.items():
    print("==", name)
    print("authorization:    ", repr(sign_subset(subset)))
