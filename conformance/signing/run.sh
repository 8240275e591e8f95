#!/usr/bin/env bash
# Signing conformance: generates random requests, signs them with the official Huawei Cloud
# Python SDK (huaweicloudsdkcore 3.1.219) and checks that specbind's signer produces the same
# canonical request, string to sign, Authorization, wire query and headers for every one.
# After the random cases come QUIRKS cases for each quirk of the official signer that specbind
# keeps (see QUIRKS in generate_cases.py); the last line counts all of them.
#
#   conformance/signing/run.sh            # 400 random cases, fixed seed, 20 per quirk
#   SEED=7 COUNT=5000 QUIRKS=200 conformance/signing/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
workspace="$(cd "$here/../.." && pwd)"
sdk_version="3.1.219"

if ! python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('huaweicloudsdkcore') != '$sdk_version')" 2>/dev/null; then
    python3 -m pip install -q "huaweicloudsdkcore==$sdk_version"
fi

cases="$(mktemp "${TMPDIR:-/tmp}/specbind-signing-cases.XXXXXX.json")"
trap 'rm -f "$cases"' EXIT

python3 "$here/generate_cases.py" --seed "${SEED:-20241128}" --count "${COUNT:-400}" \
    --quirks "${QUIRKS:-20}" --out "$cases"
cd "$workspace"
cargo run -q -p specbind --example signing_conformance -- "$cases"
