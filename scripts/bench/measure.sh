# Helpers for scripts/bench-compile and scripts/bench/*; sourced, not run.
#
# measure LABEL CMD...: runs CMD under GNU time, appends "LABEL<TAB>seconds<TAB>max_rss_kib" to
# $RESULTS and echoes it. GNU time's maximum RSS is that of the largest single process in the
# tree (getrusage RUSAGE_CHILDREN), so under `cargo build` it is the peak of one rustc.

GNU_TIME=/usr/bin/time

ensure_gnu_time() {
    if [[ -x "$GNU_TIME" ]]; then
        return
    fi
    echo "bench-compile: /usr/bin/time missing; installing GNU time" >&2
    local started=$SECONDS
    if [[ $(id -u) -eq 0 ]]; then
        apt-get install -y -q time >&2
    else
        sudo apt-get install -y -q time >&2
    fi
    echo "bench-compile: installing GNU time took $((SECONDS - started)) s (not part of any figure)" >&2
}

measure() {
    local label=$1
    shift
    local stats
    stats=$(mktemp)
    if ! "$GNU_TIME" -o "$stats" -f '%e %M' "$@" >/dev/null 2>"$stats.err"; then
        echo "bench-compile: '$*' failed:" >&2
        cat "$stats.err" >&2
        rm -f "$stats" "$stats.err"
        return 1
    fi
    local seconds rss
    read -r seconds rss < <(tail -n 1 "$stats")
    rm -f "$stats" "$stats.err"
    printf '%s\t%s\t%s\n' "$label" "$seconds" "$rss" | tee -a "$RESULTS"
}

# median_of LABEL: median seconds and the largest max-RSS of the rows named LABEL in $RESULTS.
# (Plain awk + sort: Debian's default awk is mawk, which has no asort.)
median_of() {
    awk -F'\t' -v label="$1" '$1 == label { print $2 "\t" $3 }' "$RESULTS" | sort -n |
        awk -F'\t' -v label="$1" '
            { t[++n] = $1; if ($2 > rss) rss = $2 }
            END {
                if (n == 0) exit 1
                median = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
                printf "%-30s median %6.2f s over %d runs, peak RSS %7.1f MiB\n", label, median, n, rss / 1024
            }'
}

# prepare_progenitor_crate ROOT SCRATCH [INPUT]: writes the scratch crate that binds specs/vpcep
# (merged into one document) with progenitor 0.15, for compile-time comparison. Progenitor 0.15
# counts a `default` response as a second success type and panics ("assertion failed:
# response_types.len() <= 1"), so the merged document must lose them, in one of two ways:
#   INPUT=lean    every `default` response removed (the leanest input progenitor accepts);
#   INPUT=errors  every `default` response becomes `4XX` + `5XX` (typed error bodies, more code).
prepare_progenitor_crate() {
    local root=$1 scratch=$2 input=${3:-errors}
    mkdir -p "$scratch/src"
    python3 "$root/conformance/vpcep/merge_specs.py" --out "$scratch/vpcep.json" >&2
    python3 - "$scratch/vpcep.json" "$input" <<'EOF'
import json, sys
path, input = sys.argv[1], sys.argv[2]
if input not in ("lean", "errors"):
    sys.exit(f"progenitor input must be lean or errors, not {input!r}")
doc = json.load(open(path))
for item in doc["paths"].values():
    for op in item.values():
        if isinstance(op, dict) and "default" in op.get("responses", {}):
            fallback = op["responses"].pop("default")
            if input == "errors":
                op["responses"]["4XX"] = op["responses"]["5XX"] = fallback
json.dump(doc, open(path, "w"), indent=1)
EOF
    cat >"$scratch/Cargo.toml" <<'EOF'
[package]
name = "progenitor-vpcep"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
progenitor = "0.15"
progenitor-client = "0.15"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", features = ["serde"] }
futures = "0.3"
uuid = { version = "1", features = ["serde", "v4"] }
bytes = "1"
regress = "0.10"
EOF
    cat >"$scratch/src/lib.rs" <<'EOF'
//! Progenitor 0.15 bindings for the merged VPCEP spec, for compile-time comparison only.
progenitor::generate_api!(spec = "vpcep.json", interface = Builder);
EOF
}
