#!/usr/bin/env python3
"""Calls per second of the official Python SDK (huaweicloudsdkvpcep 3.1.219) making the call
that vpcep/benches/per_call.rs measures: ListEndpointInfoDetails against a loopback server that
answers every request with the same fixed body (every field filled, built from specs/vpcep the
way vpcep/benches/support/mod.rs builds it).

Usage: python3 scripts/bench/python_sdk_calls.py [--seconds 10] [--warmup 200]
                   [--server rust|python | --endpoint http://HOST:PORT]

By default (--server rust) the server is the bench's own: the per_call bench binary run with
PER_CALL_SERVE=1 (built with `cargo bench --no-run`), i.e. the same fixed-body server the Rust
clients are measured against. --server python starts an asyncio HTTP/1.1 keep-alive server in a
child process instead. Either way the server is another process, and a plain requests.Session
GET to the same server is printed as a baseline. Concurrency is 1: one client, one thread, calls
back to back, like `vpcep_client/concurrency_1`.
"""

import argparse
import importlib.metadata
import json
import os
import multiprocessing
import pathlib
import subprocess
import sys
import time

SDK_VERSION = "3.1.219"
ROOT = pathlib.Path(__file__).resolve().parents[2]
PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
ENDPOINT_ID = "4189d3c2-8882-4871-a3c2-d380272eed83"
AK, SK = "QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"


def ensure_sdk():
    try:
        if importlib.metadata.version("huaweicloudsdkvpcep") == SDK_VERSION:
            return
    except importlib.metadata.PackageNotFoundError:
        pass
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q",
                           f"huaweicloudsdkvpcep=={SDK_VERSION}"])


class SpecSampler:
    """Mirror of vpcep/benches/support/mod.rs: a value with every property of a schema."""

    def __init__(self):
        directory = ROOT / "specs" / "vpcep"
        self.files = {p.name: json.loads(p.read_text()) for p in directory.glob("*.json")}

    def sample(self, file, name, seed):
        return self.value(file, self.resolve(file, f"#/components/schemas/{name}"), seed)

    def resolve(self, file, reference):
        target, pointer = reference.split("#", 1)
        node = self.files[target or file]
        for part in pointer.strip("/").split("/"):
            node = node[part]
        return node

    def value(self, file, schema, seed):
        if "$ref" in schema:
            target = schema["$ref"].split("#", 1)[0] or file
            return self.value(target, self.resolve(file, schema["$ref"]), seed)
        if "enum" in schema:
            return schema["enum"][seed % len(schema["enum"])]
        if "allOf" in schema:
            merged = {}
            for part in schema["allOf"]:
                merged.update(self.value(file, part, seed))
            return merged
        kind = schema.get("type")
        if kind == "object":
            return {k: self.value(file, p, seed) for k, p in schema.get("properties", {}).items()}
        if kind == "array":
            return [self.value(file, schema["items"], seed + i) for i in range(2)]
        if kind == "string":
            if schema.get("format") == "date-time":
                return "2026-11-28T15:04:05Z"
            limit = max(1, min(schema.get("maxLength", 36), 36))
            return f"{seed:08x}-5f0c-4a6e-9d2b-3c1e7a9b0d42"[:limit]
        if kind == "integer":
            return 1 + seed % 1000
        if kind == "number":
            return 1.5 + seed % 100
        if kind == "boolean":
            return seed % 2 == 0
        return {"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["obs:*:*"]}]}


def serve_fixed(body, ready):
    """A minimal asyncio HTTP/1.1 server: one fixed response per request, keep-alive. Far
    cheaper per request than http.server, so the figure is mostly the client's."""
    import asyncio

    response = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"X-Request-Id: 0f1e2d3c4b5a69788796a5b4c3d2e1f0\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)

    class FixedResponse(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.buffer = transport, b""

        def data_received(self, data):
            # Requests here are GETs without a body: each blank line ends one.
            self.buffer += data
            while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
                self.buffer = self.buffer[end + 4:]
                self.transport.write(response)

    async def run():
        server = await asyncio.get_running_loop().create_server(
            FixedResponse, "127.0.0.1", 0)
        ready.put(server.sockets[0].getsockname()[1])
        await server.serve_forever()

    asyncio.run(run())


def start_rust_server():
    """Builds the per_call bench and runs it as a server; returns (process, endpoint)."""
    build = subprocess.run(
        ["cargo", "bench", "-q", "-p", "vpcep", "--bench", "per_call", "--no-run",
         "--message-format=json"],
        cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    executable = None
    for line in build.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable") \
                and message["target"]["name"] == "per_call":
            executable = message["executable"]
    if executable is None:
        sys.exit("cargo did not report the per_call bench executable")
    process = subprocess.Popen([executable], cwd=ROOT / "vpcep", stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "PER_CALL_SERVE": "1"})
    endpoint = process.stdout.readline().strip()
    if not endpoint.startswith("http://"):
        process.kill()
        sys.exit(f"the per_call server did not start (printed {endpoint!r})")
    return process, endpoint


def calls_per_second(call, seconds, warmup):
    for _ in range(warmup):
        call()
    calls, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        call()
        calls += 1
    return calls, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--endpoint")
    parser.add_argument("--server", choices=("rust", "python"), default="rust")
    args = parser.parse_args()
    ensure_sdk()
    import requests
    import huaweicloudsdkvpcep.v1 as v
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig

    server = None
    endpoint = args.endpoint
    if endpoint is None and args.server == "rust":
        server, endpoint = start_rust_server()
    if endpoint is None:
        sample = SpecSampler().sample(
            "ListEndpointInfoDetails.json", "ListEndpointInfoDetailsResponseBody", 7)
        ready = multiprocessing.Queue()
        body = json.dumps(sample, separators=(",", ":")).encode()
        server = multiprocessing.Process(target=serve_fixed, args=(body, ready), daemon=True)
        server.start()
        endpoint = f"http://127.0.0.1:{ready.get(timeout=10)}"

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    client = (v.VpcepClient.new_builder()
              .with_http_config(config)
              .with_credentials(BasicCredentials(AK, SK, PROJECT_ID))
              .with_endpoints([endpoint])
              .build())
    request = v.ListEndpointInfoDetailsRequest(vpc_endpoint_id=ENDPOINT_ID)
    response = client.list_endpoint_info_details(request)
    assert response.id is not None, "the SDK decoded the fixed body"

    sdk_calls, sdk_elapsed = calls_per_second(
        lambda: client.list_endpoint_info_details(request), args.seconds, args.warmup)
    session = requests.Session()
    url = f"{endpoint}/v1/{PROJECT_ID}/vpc-endpoints/{ENDPOINT_ID}"
    raw_calls, raw_elapsed = calls_per_second(
        lambda: session.get(url).content, args.seconds / 2, args.warmup)
    if server is not None:
        server.kill() if isinstance(server, subprocess.Popen) else server.terminate()

    sdk_rate, raw_rate = sdk_calls / sdk_elapsed, raw_calls / raw_elapsed
    which = "given" if args.endpoint else f"{args.server} fixed-body server"
    print(f"python {sys.version.split()[0]}, huaweicloudsdkvpcep "
          f"{importlib.metadata.version('huaweicloudsdkvpcep')}, {which} at {endpoint}")
    print(f"official SDK list_endpoint_info_details: {sdk_rate:9.0f} calls/s "
          f"({1e6 / sdk_rate:8.1f} us/call, {sdk_calls} calls in {sdk_elapsed:.1f} s)")
    print(f"requests.Session GET, same server:       {raw_rate:9.0f} calls/s "
          f"({1e6 / raw_rate:8.1f} us/call; server + HTTP baseline)")


if __name__ == "__main__":
    main()
