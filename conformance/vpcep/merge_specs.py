#!/usr/bin/env python3
"""Merges specs/vpcep/*.json into one OpenAPI document (cross-file `$ref`s made local) and, when
`openapi-spec-validator` is installed, validates it against the OpenAPI 3.0 schema.

Schema, parameter and path names are unique across our files, so merging is a plain union.

    python3 conformance/vpcep/merge_specs.py [--out merged.json]
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "specs", "vpcep"))


def merged(directory=SPEC_DIR):
    out = {"openapi": "3.0.3", "paths": {}, "components": {}}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            text = handle.read()
        doc = json.loads(re.sub(r'"\$ref": "[A-Za-z]+\.json#', '"$ref": "#', text))
        for key, value in doc.items():
            if key.startswith("x-") or key == "info":
                out[key] = value
        for path, item in doc.get("paths", {}).items():
            target = out["paths"].setdefault(path, {})
            for method, op in item.items():
                if method in target:
                    raise SystemExit(f"{name}: {method} {path} defined twice")
                target[method] = op
        for kind, entries in doc.get("components", {}).items():
            target = out["components"].setdefault(kind, {})
            for entry, value in entries.items():
                if entry in target and target[entry] != value:
                    raise SystemExit(f"{name}: components/{kind}/{entry} differs from another file")
                target[entry] = value
    return out


def main(argv):
    doc = merged()
    if "--out" in argv:
        with open(argv[argv.index("--out") + 1], "w", encoding="utf-8") as handle:
            json.dump(doc, handle, indent=2, ensure_ascii=False)
    try:
        from openapi_spec_validator import validate
    except ImportError:
        print("openapi-spec-validator not installed; merged without schema validation")
        return 0
    validate(doc)
    print(f"merged spec is valid OpenAPI 3.0: {sum(len(v) for v in doc['paths'].values())} "
          f"operations, {len(doc['components']['schemas'])} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
