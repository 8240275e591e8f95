#!/usr/bin/env bash
# Drives a freshly built vpcep-sim with the official Python SDK (huaweicloudsdkvpcep 3.1.219):
# every one of the 33 VPCEP operations, as a provider and a consumer tenant would use them; then,
# for a simulator started in each region below, every operation once, expecting exactly that
# region's documented set. Prints every check and one `N passed, M failed` total; exit status 0
# only when every check passed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

python3 -c "import huaweicloudsdkvpcep" 2>/dev/null \
  || python3 -m pip install -q huaweicloudsdkvpcep==3.1.219

# cargo metadata resolves CARGO_TARGET_DIR (or the workspace default) the same way the build does.
cargo build -q -p vpcep-sim
target_dir="$(cargo metadata -q --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
sim_bin="$target_dir/debug/vpcep-sim"

work="$(mktemp -d)"
sim_pid=""
cleanup() {
  if [[ -n "$sim_pid" ]]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# A signal ends the script through `exit`, so the EXIT trap still stops the simulator.
trap 'exit 130' INT
trap 'exit 143' TERM

# Domain ids are 32 alphanumerics: whitelist entries are `iam:domain::<domain_id>`.
python3 - "$work/tenants.json" <<'PY'
import json, secrets, string, sys
upper = string.ascii_uppercase + string.digits
tenants = [
    {
        "name": name,
        "domain_id": secrets.token_hex(16),
        "project_id": secrets.token_hex(16),
        "access_key": "".join(secrets.choice(upper) for _ in range(20)),
        "secret_key": secrets.token_hex(20),
    }
    for name in ("provider", "consumer")
]
with open(sys.argv[1], "w") as f:
    json.dump(tenants, f)
PY

region="cn-north-4"
delay_ms=300
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Succeeds once the simulator answers HTTP (401 for this unsigned probe); fails after 10 s or
# as soon as the process is gone.
wait_until_answering() {
  python3 - "$1" "$sim_pid" <<'PY'
import os, sys, time, urllib.error, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        urllib.request.urlopen(url + "/", timeout=1)
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit(2)
        time.sleep(0.05)
sys.exit(1)
PY
}

# start_sim ARGS...: starts the simulator with ARGS on a free port, setting url and sim_pid.
# Another process can take the free port between picking and binding; try a few.
start_sim() {
  url=""
  for _ in 1 2 3; do
    port="$(free_port)"
    "$sim_bin" --listen "127.0.0.1:$port" --tenants "$work/tenants.json" "$@" \
      >"$work/sim.log" 2>&1 &
    sim_pid=$!
    if wait_until_answering "http://127.0.0.1:$port"; then
      url="http://127.0.0.1:$port"
      return 0
    fi
    stop_sim
  done
  echo "vpcep-sim did not start ($*):" >&2
  cat "$work/sim.log" >&2
  exit 1
}

stop_sim() {
  if [[ -n "$sim_pid" ]]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  sim_pid=""
}

# drive REGION CHECKS: runs driver.py against $url, shows its check lines and adds its counts
# to the totals; a driver that ends without its summary line counts as one failure.
passed=0
failed=0
status=0
drive() {
  local out="$work/driver.out" summary
  python3 "$here/driver.py" --endpoint "$url" --tenants "$work/tenants.json" --region "$1" \
    --lifecycle-delay-ms "$delay_ms" --checks "$2" >"$out" 2>&1 || status=1
  grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$out" || true
  summary="$(sed -n -E 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$out" | tail -1)"
  if [[ -z "$summary" ]]; then
    echo "FAIL driver ($1, $2): ended without a summary"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + ${summary% *}))
  failed=$((failed + ${summary#* }))
}

start_sim --region "$region" --lifecycle-delay-ms "$delay_ms"
drive "$region" scenario,probe
stop_sim

# The other regions the README's "Regions" table names, as `[cloud:]region`.
delay_ms=0
for target in ae-ad-1 my-kualalumpur-1 eu-west-0 tr-central-201 eu-west-101 cn-east-4 \
  otc:eu-de otc:eu-nl; do
  probe_region="${target#*:}"
  cloud="huaweicloud"
  [[ "$target" == *:* ]] && cloud="${target%%:*}"
  start_sim --cloud "$cloud" --region "$probe_region"
  drive "$probe_region" probe
  stop_sim
done

echo "$passed passed, $failed failed"
if [[ "$failed" -ne 0 ]]; then
  status=1
fi
exit "$status"
