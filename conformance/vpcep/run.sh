#!/usr/bin/env bash
# VPCEP spec and wire-conformance data checks (run by .ci/run). Fails when:
#  - specs/vpcep differs from what build_specs.py makes (hand edit or stale build),
#  - regions.json differs from the SDK's region table (record_regions.py),
#  - the specs disagree with the official SDK (operations, fields, types) or break OpenAPI,
#  - cases.json / recorded.json / responses/ differ from what the scripts make now.
set -euo pipefail
cd "$(dirname "$0")"

python3 -c "import openapi_spec_validator" 2>/dev/null \
  || python3 -m pip install -q openapi-spec-validator

python3 build_specs.py --check
python3 record_regions.py --check
python3 check_specs.py
python3 merge_specs.py

snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp -r cases.json recorded.json responses "$snapshot"/
python3 make_cases.py
python3 record_sdk.py
python3 make_responses.py
for item in cases.json recorded.json responses; do
  diff -r "$snapshot/$item" "$item" >/dev/null \
    || { echo "conformance/vpcep/$item is out of date; rerun the scripts and commit" >&2; exit 1; }
done
echo "conformance/vpcep: all checks passed"
