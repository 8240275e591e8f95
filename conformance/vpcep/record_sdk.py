#!/usr/bin/env python3
"""Records what the official Python SDK puts on the wire for every call in cases.json.

A recording HTTP server listens on 127.0.0.1 (a random free port); the SDK's VpcepClient, with
fixed AK/SK/project and no retries, is pointed at it and makes each call through its typed
request objects. The server answers with the operation's success status and `{}`. Output:
recorded.json, one entry per operation, deterministic (the signature and date are left out).

    python3 conformance/vpcep/record_sdk.py
"""

import http.server
import json
import os
import sys
import threading
import urllib.parse

import sdk_facts
import sdk_models

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "specs", "vpcep"))
# Fixed, fake credentials: the recording server does not check signatures.
ACCESS_KEY = "CONFORMANCEAK0000000"
SECRET_KEY = "conformance-secret-key-not-real-000000000"


class Recorder(http.server.BaseHTTPRequestHandler):
    """Keeps the last request and answers with the status the test set up."""

    server_version = "vpcep-recorder"
    reply_status = 200
    last = None

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        authorization = self.headers.get("Authorization", "")
        signed = ""
        if "SignedHeaders=" in authorization:
            signed = authorization.split("SignedHeaders=", 1)[1].split(",", 1)[0]
        Recorder.last = {
            "method": self.command,
            "path": path,
            "raw_query": query,
            "query": [list(pair) for pair in urllib.parse.parse_qsl(query, keep_blank_values=True)],
            "content_type": self.headers.get("Content-Type"),
            "body": json.loads(raw_body) if raw_body else None,
            "body_raw": raw_body.decode("utf-8") if raw_body else None,
            "signed_headers": signed.split(";") if signed else [],
        }
        status = Recorder.reply_status
        payload = b"" if status == 204 else b"{}"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Request-Id", "0123456789abcdef0123456789abcdef")
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    def log_message(self, *args):  # quiet: the summary lines say what happened
        pass


def success_status(op_name):
    """The 2xx status our spec declares for the operation (200 when the spec is missing)."""
    path = os.path.join(SPEC_DIR, op_name + ".json")
    if not os.path.exists(path):
        return 200
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    for item in doc.get("paths", {}).values():
        for op in item.values():
            for status in op.get("responses", {}):
                if status.startswith("2"):
                    return int(status)
    return 200


def make_client(port, project_id):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkvpcep.v1 import VpcepClient

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    config.timeout = (5, 10)
    return (VpcepClient.new_builder()
            .with_http_config(config)
            .with_credentials(BasicCredentials(ACCESS_KEY, SECRET_KEY, project_id))
            .with_endpoints([f"http://127.0.0.1:{port}"])
            .build())


def main():
    sdk_facts.ensure_sdk()
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as handle:
        cases = json.load(handle)
    ops = {op["name"]: op for op in sdk_facts.operations()}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = make_client(server.server_address[1], cases["project_id"])
    recorded, failures = {}, 0
    try:
        for case in cases["cases"]:
            name = case["operation"]
            op = ops[name]
            Recorder.last, Recorder.reply_status = None, success_status(name)
            request = sdk_models.build_request(op, case)
            note = "ok"
            try:
                getattr(client, op["snake"])(request)
            except Exception as err:  # the SDK's view of the reply is not what we record
                note = f"SDK raised {type(err).__name__}: {err}"
            if Recorder.last is None:
                failures += 1
                print(f"FAILED   {name}: nothing reached the server ({note})")
                continue
            recorded[name] = Recorder.last
            print(f"recorded {name:40} {Recorder.last['method']:6} {Recorder.last['path']}"
                  + ("" if note == "ok" else f"  [{note}]"))
    finally:
        server.shutdown()
        server.server_close()
    with open(os.path.join(HERE, "recorded.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(recorded.items())), handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote recorded.json: {len(recorded)} operations, {failures} failures")
    return 1 if failures or len(recorded) != len(ops) else 0


if __name__ == "__main__":
    sys.exit(main())
