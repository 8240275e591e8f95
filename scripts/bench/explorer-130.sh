#!/usr/bin/env bash
# Expansion and compile cost of a ~130-operation API Explorer directory (issue #6 figure).
# Builds one from the real VPCEP exports in ../shared/apiexplorer/VPCEP (33 operations), copied
# four times with renamed operations and paths, in a scratch crate under $TMPDIR (nothing is
# written into the repository), then reports:
#   - `specbind expand` time and peak memory (release CLI),
#   - a non-incremental debug build of the scratch crate alone (dependencies prebuilt) and its
#     peak memory (GNU time's maximum resident set of cargo and its children, i.e. rustc).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
exports="$repo/../shared/apiexplorer/VPCEP"
work="$(mktemp -d "${TMPDIR:-/tmp}/specbind-explorer130.XXXXXX")"
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

mkdir -p "$work/crate/src" "$work/crate/apis/VPCEP4"
python3 - "$exports" "$work/crate/apis/VPCEP4" <<'PY'
import glob, json, os, sys
src, dst = sys.argv[1], sys.argv[2]
for copy in range(4):
    for path in sorted(glob.glob(os.path.join(src, "*.json"))):
        doc = json.load(open(path))
        paths = {}
        for route, item in doc["paths"].items():
            new = route if copy == 0 else f"/c{copy}{route}"
            for op in item.values():
                op["operationId"] += f"Copy{copy}" if copy else ""
            paths[new] = item
        doc["paths"] = paths
        name = os.path.basename(path).replace(".json", f"_{copy}.json")
        json.dump(doc, open(os.path.join(dst, name), "w"), ensure_ascii=False)
PY
cat > "$work/crate/Cargo.toml" <<TOML
[package]
name = "explorer130"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
specbind = { path = "$repo/runtime" }

[workspace]
TOML
cp "$repo/Cargo.lock" "$work/crate/"
printf '#[specbind::bindings(spec = "apis/VPCEP4")]\npub mod vpcep4 {}\n\nfn main() { println!("{}", vpcep4::Client::SERVICE); }\n' > "$work/crate/src/main.rs"

target="${CARGO_TARGET_DIR:-$repo/target}"
cargo build -q --release -p specbind-cli --manifest-path "$repo/Cargo.toml"
ops=$(ls "$work/crate/apis/VPCEP4" | wc -l)
echo "operations: $ops"
/usr/bin/time -f "expand: %e s, peak %M KB" "$target/release/specbind" expand "$work/crate/apis/VPCEP4" --base-dir "$work" > /dev/null
(cd "$work/crate" && CARGO_TARGET_DIR="$target" cargo build -q)   # dependencies
sleep 1.1 && touch "$work/crate/src/main.rs"
(cd "$work/crate" && /usr/bin/time -f "non-incremental debug build of the crate: %e s, peak %M KB" env CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$target" cargo build -q)
