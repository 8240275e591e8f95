# Helpers for scripts/bench-compile; sourced, not run.
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
