#!/usr/bin/env python3
"""Records the official Python SDK's VPCEP region table as regions.json.

`huaweicloudsdkvpcep.v1.region.vpcep_region.VpcepRegion` maps every region the SDK knows to the
endpoint its client uses there. vpcep/tests/region_endpoints.rs checks that specbind resolves
the same endpoint for each of them, so a region on another domain (eu-west-101 is under
`myhuaweicloud.eu`) or a host exception cannot slip by. Output: `[{"region", "endpoint"}]` in
the SDK's order; `--check` only reports whether the file is current.

    python3 conformance/vpcep/record_regions.py [--check]
"""

import importlib
import json
import os
import sys

import sdk_facts

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "regions.json")


def sdk_regions():
    sdk_facts.ensure_sdk()
    table = importlib.import_module("huaweicloudsdkvpcep.v1.region.vpcep_region").VpcepRegion
    rows = []
    for region_id, region in table.static_fields.items():
        # A Region may list several endpoints; the SDK's client uses the first.
        rows.append({"region": region_id, "endpoint": region.endpoints[0]})
    return rows


def main():
    text = json.dumps(sdk_regions(), indent=2) + "\n"
    if "--check" in sys.argv[1:]:
        with open(OUTPUT) as f:
            current = f.read()
        if current != text:
            print("conformance/vpcep/regions.json is out of date; rerun record_regions.py",
                  file=sys.stderr)
            return 1
        print("regions.json is current")
        return 0
    with open(OUTPUT, "w") as f:
        f.write(text)
    print(f"wrote {OUTPUT} ({len(json.loads(text))} regions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
