#!/usr/bin/env python3
"""Records what the official Python SDK puts on the wire for every call in cases/<SERVICE>.json.

A recording HTTP server listens on 127.0.0.1 (a random free port); the SDK client of the
operation's API version, with fixed fake credentials and no retries, is pointed at it and makes
each call through its typed request objects (project-scoped services with BasicCredentials, IAM
with GlobalCredentials). The server answers with the export's success status and `{}`. Output:
recorded/<SERVICE>.json, one entry per operation, deterministic (signature and date left out).

    python3 conformance/services/record_sdk.py [SERVICE...]
"""

import http.server
import json
import os
import sys
import threading
import urllib.parse

import exports
import sdk
import services

HERE = os.path.dirname(os.path.abspath(__file__))
# Fixed, fake credentials: the recording server does not check signatures.
ACCESS_KEY = "CONFORMANCEAK0000000"
SECRET_KEY = "conformance-secret-key-not-real-000000000"
# Headers the credentials add; recorded (null when absent) for every call.
IDENTITY_HEADERS = ("X-Project-Id", "X-Domain-Id")


class Recorder(http.server.BaseHTTPRequestHandler):
    """Keeps the last request and answers with the status the caller set up."""

    server_version = "services-recorder"
    reply_status = 200
    watched_headers = ()
    last = None

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        Recorder.last = {
            "method": self.command,
            "path": path,
            "raw_query": query,
            "query": [list(pair) for pair in urllib.parse.parse_qsl(query, keep_blank_values=True)],
            "content_type": self.headers.get("Content-Type"),
            "headers": {name: self.headers.get(name) for name in Recorder.watched_headers},
            "body": json.loads(raw_body) if raw_body else None,
            "body_raw": raw_body.decode("utf-8") if raw_body else None,
        }
        status = Recorder.reply_status
        payload = b"" if status == 204 else b"{}"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    def log_message(self, *args):  # quiet: the summary lines say what happened
        pass


def make_client(api, scope, port):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    config.timeout = (5, 10)
    credentials = (GlobalCredentials(ACCESS_KEY, SECRET_KEY, services.DOMAIN_ID)
                   if scope == "domain"
                   else BasicCredentials(ACCESS_KEY, SECRET_KEY, services.PROJECT_ID))
    return (api.client_class.new_builder()
            .with_http_config(config)
            .with_credentials(credentials)
            .with_endpoints([f"http://127.0.0.1:{port}"])
            .build())


def record_service(service, port):
    with open(os.path.join(HERE, "cases", f"{service}.json"), encoding="utf-8") as handle:
        cases = json.load(handle)
    by_id = exports.operations(service)
    apis, clients = {}, {}
    recorded, failures = {}, 0
    for case in cases["cases"]:
        name, version = case["operation"], case["sdk_version"]
        if version not in apis:
            apis[version] = sdk.Sdk(service, version)
            clients[version] = make_client(apis[version], cases["scope"], port)
        api = apis[version]
        op = api.operation(name)
        Recorder.last = None
        Recorder.reply_status = by_id[name].success()[0]
        Recorder.watched_headers = IDENTITY_HEADERS + tuple(case["header_params"])
        note = "ok"
        try:
            getattr(clients[version], op["snake"])(api.build_request(op, case))
        except Exception as err:  # the SDK's view of our canned reply is not what we record
            note = f"SDK raised {type(err).__name__}"
        if Recorder.last is None:
            failures += 1
            print(f"FAILED   {service} {name}: nothing reached the server ({note})")
            continue
        recorded[name] = Recorder.last
        print(f"recorded {service} {name:44} {Recorder.last['method']:6} {Recorder.last['path']}"
              + ("" if note == "ok" else f"  [{note}]"))
    os.makedirs(os.path.join(HERE, "recorded"), exist_ok=True)
    with open(os.path.join(HERE, "recorded", f"{service}.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(recorded.items())), handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote recorded/{service}.json: {len(recorded)} operations, {failures} failures")
    return failures


def main(argv):
    names = services.selected(argv)
    sdk.ensure_installed(names)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        failures = sum(record_service(service, server.server_address[1]) for service in names)
    finally:
        server.shutdown()
        server.server_close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
