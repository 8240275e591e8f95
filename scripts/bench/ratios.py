#!/usr/bin/env python3
"""Prints the issue #7 ratios from the last criterion run (median of each bench).

Usage: python3 scripts/bench/ratios.py [CRITERION_DIR ...]
       (default: $CARGO_TARGET_DIR/criterion, else /work/target-bench/criterion)

With several directories (one per run, e.g. from scripts/bench/repeat), each ratio is computed
within each run (both sides measured in that run) and the median over runs is printed, with the
range.
"""

import json
import os
import pathlib
import statistics
import sys

PAIRS = [
    # (what, measured, comparator); a ratio > 1 means the measured side is slower.
    ("typed decode (decode_json) vs serde_json::Value",
     "list_endpoints_1000/decode_typed_decode_json", "list_endpoints_1000/decode_serde_json_value"),
    ("typed decode (from_slice) vs serde_json::Value",
     "list_endpoints_1000/decode_typed_from_slice", "list_endpoints_1000/decode_serde_json_value"),
    ("decode_json vs from_slice (cost of field paths)",
     "list_endpoints_1000/decode_typed_decode_json", "list_endpoints_1000/decode_typed_from_slice"),
    ("typed encode vs serde_json::Value encode",
     "list_endpoints_1000/encode_typed_to_vec", "list_endpoints_1000/encode_serde_json_value_to_vec"),
] + [
    (f"vpcep client vs {comparator}, {clock}, concurrency {n}",
     f"per_call_{clock}/vpcep_client_concurrency_{n}",
     f"per_call_{clock}/{comparator}_concurrency_{n}")
    for clock in ("cpu", "wall")
    for n in (1, 16, 64)
    for comparator in ("hyper_presigned", "hyper_presigned_decode")
]


def median_ns(root, bench):
    path = root / bench / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def show(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main():
    default = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", "/work/target-bench")) / "criterion"
    roots = [pathlib.Path(arg) for arg in sys.argv[1:]] or [default]
    for what, measured, comparator in PAIRS:
        runs = [(median_ns(root, measured), median_ns(root, comparator)) for root in roots]
        runs = [(a, b) for a, b in runs if a is not None and b is not None]
        if not runs:
            print(f"{what}: not measured yet")
            continue
        ratios = sorted(a / b for a, b in runs)
        a = statistics.median(a for a, _ in runs)
        b = statistics.median(b for _, b in runs)
        spread = f" (runs: {ratios[0]:.2f}-{ratios[-1]:.2f}, n={len(runs)})" if len(runs) > 1 else ""
        print(f"{what}: {show(a)} / {show(b)} = {statistics.median(ratios):.2f}x{spread}")
    for bench in ("sign_request_sdk_hmac_sha256/typical_get",
                  "sign_request_sdk_hmac_sha256/json_body_64KiB",
                  "paginate_10000_endpoints/collect_page_size_1000"):
        values = [ns for ns in (median_ns(root, bench) for root in roots) if ns]
        print(f"{bench}: {show(statistics.median(values)) if values else 'not measured yet'}")

if __name__ == "__main__":
    main()
