#!/usr/bin/env python3
"""Checks the declared minimum Rust version against what the build needs.

This machine has one toolchain and no other can be fetched, so the workspace is not compiled
with the minimum version itself. What can be checked is checked: every package in the lock file
that declares a `rust-version` declares one no newer than the workspace's, so the MSRV-aware
resolver did its job and a user on that version can build every dependency. Prints each
violation and exits 1 if there is one.
"""
import json
import subprocess
import sys


def version(text):
    parts = [int(part) for part in text.split(".")[:3] if part.isdigit()]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    metadata = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        check=True, capture_output=True, text=True).stdout)
    members = set(metadata["workspace_members"])
    declared = {p["rust_version"] for p in metadata["packages"] if p["id"] in members and p.get("rust_version")}
    if len(declared) != 1:
        sys.exit(f"check-msrv: workspace members declare {sorted(declared) or 'no'} rust-version")
    msrv = declared.pop()
    used = {node["id"] for node in metadata["resolve"]["nodes"]}
    newer = sorted(
        f"{p['name']} {p['version']} needs Rust {p['rust_version']}"
        for p in metadata["packages"]
        if p["id"] in used and p.get("rust_version") and version(p["rust_version"]) > version(msrv))
    for line in newer:
        print(f"check-msrv: {line}, newer than the workspace's {msrv}")
    checked = sum(1 for p in metadata["packages"] if p["id"] in used and p.get("rust_version"))
    print(f"check-msrv: {checked} packages declare a rust-version; {len(newer)} exceed {msrv}")
    sys.exit(1 if newer else 0)


if __name__ == "__main__":
    main()
