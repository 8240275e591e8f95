#!/usr/bin/env bash
# Wire-conformance data for ECS, VPC, EVS, IAM, DNS and ELB (run by .ci/run before the Rust
# program `cargo run -p services-wire-conformance`). Installs the pinned official SDK packages
# into the user site when missing, regenerates cases/, recorded/ and responses/, and fails when
# the committed files differ from what the scripts make now.
set -euo pipefail
cd "$(dirname "$0")"

snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp -r cases recorded responses "$snapshot"/
python3 make_cases.py
python3 record_sdk.py
python3 make_responses.py
for item in cases recorded responses; do
  diff -r "$snapshot/$item" "$item" >/dev/null \
    || { echo "conformance/services/$item is out of date; rerun the scripts and commit" >&2; exit 1; }
done
echo "conformance/services: recorded data is up to date"
