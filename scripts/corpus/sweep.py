#!/usr/bin/env python3
"""Binds every service of an API Explorer corpus with `specbind check --skip-invalid`.

Usage: scripts/corpus/sweep.py [CORPUS_DIR] [--details FILE]

CORPUS_DIR holds one folder of exports per service (default: ../shared/apiexplorer beside the
repository). Prints one line per service: whether it binds, operations bound of its non-empty
exports, repairs and skips, paginators and waiters (with how many of each were inferred from the
operations' shapes); then total lines, the last counting list operations left unpaged by their
paging parameters. With --details, every repair and skip is written
to FILE with its place. A service none of whose operations can be bound (every one refused with
its reason, as OBS's own request signing is) is reported as refused and kept out of the share.
Exits 1 if a service does not bind or fewer than 99.5 % of the non-empty exports of the other
services become operations.
"""
import argparse
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = 99.5


def non_empty_exports(folder):
    """Files that hold an operation: a JSON object with paths (not `{}` or a JSON string)."""
    count = 0
    for name in os.listdir(folder):
        if not name.endswith((".json", ".yaml", ".yml")):
            continue
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                value = json.load(handle)
        except (OSError, ValueError):
            count += 1  # unreadable counts as an export we failed to bind
            continue
        if isinstance(value, dict) and value.get("paths"):
            count += len([m for item in value["paths"].values() if isinstance(item, dict)
                          for m in item if m in ("get", "put", "post", "delete", "patch", "head", "options")])
    return count


def check(cli, folder):
    run = subprocess.run([cli, "check", "--skip-invalid", folder], capture_output=True, text=True)
    lines = run.stdout.splitlines()
    summary = dict(part.split("=", 1) for part in lines[-1].split()[1:]) if lines else {}
    return run.returncode == 0, summary, lines[:-1], run.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "apiexplorer"))
    parser.add_argument("--details")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"sweep: {args.corpus} is not a directory")
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "specbind-cli"], cwd=REPO, check=True)
    # The target directory as cargo resolves it (CARGO_TARGET_DIR, relative or not, or a config).
    metadata = subprocess.run(["cargo", "metadata", "-q", "--no-deps", "--format-version", "1"], cwd=REPO,
                              check=True, capture_output=True, text=True)
    cli = os.path.join(json.loads(metadata.stdout)["target_directory"], "release", "specbind")
    services = sorted(d for d in os.listdir(args.corpus) if os.path.isdir(os.path.join(args.corpus, d)))
    totals = dict(services=0, bound=0, empty=0, refused=0, refused_exports=0, ops=0, exports=0,
                  repairs=0, skips=0, paginators=0, inferred=0, waiters=0, inferred_waiters=0, unpaged=0)
    unpaged_shapes = {}
    details = []
    for service in services:
        folder = os.path.join(args.corpus, service)
        exports = non_empty_exports(folder)
        ok, summary, notes, stderr = check(cli, folder)
        ops = int(summary.get("operations", 0))
        repairs, skips = int(summary.get("repairs", 0)), int(summary.get("skipped_operations", 0))
        totals["services"] += 1
        if exports == 0:
            totals["empty"] += 1
            print(f"{service:24} empty      (no non-empty exports)")
            continue
        if ok and ops == 0:
            totals["refused"] += 1
            totals["refused_exports"] += exports
            print(f"{service:24} refused       0/{exports:<4} operations  (every operation refused; see --details)")
            details += [f"{service}: {line}" for line in notes]
            continue
        totals["bound"] += ok
        totals["ops"] += ops
        totals["exports"] += exports
        totals["repairs"] += repairs
        totals["skips"] += skips
        paginators, waiters = int(summary.get("paginators", 0)), int(summary.get("waiters", 0))
        inferred = int(summary.get("inferred_paginators", 0))
        inferred_waiters = int(summary.get("inferred_waiters", 0))
        totals["paginators"] += paginators
        totals["inferred"] += inferred
        totals["waiters"] += waiters
        totals["inferred_waiters"] += inferred_waiters
        unpaged = [line for line in notes if line.startswith("unpaged: ")]
        totals["unpaged"] += len(unpaged)
        for line in unpaged:
            hints = sorted(line.rsplit("(", 1)[-1].rstrip(")").split(", "))
            shape = "marker" if "marker" in (h.lower() for h in hints) else ", ".join(hints)
            unpaged_shapes[shape] = unpaged_shapes.get(shape, 0) + 1
        notes = [line for line in notes if not line.startswith("unpaged: ")]
        state = "bound" if ok else "FAILED"
        print(f"{service:24} {state:10} {ops:4}/{exports:<4} operations  repairs={repairs:<4} skipped={skips:<3} "
              f"paginators={paginators:<3} (inferred {inferred:<3}) waiters={waiters:<2} (inferred {inferred_waiters})")
        details += [f"{service}: {line}" for line in notes]
        if not ok:
            details += [f"{service}: {line}" for line in notes + stderr.splitlines()]
    real = totals["services"] - totals["empty"] - totals["refused"]
    share = 100.0 * totals["ops"] / max(totals["exports"], 1)
    overall = 100.0 * totals["ops"] / max(totals["exports"] + totals["refused_exports"], 1)
    if args.details:
        with open(args.details, "w", encoding="utf-8") as handle:
            handle.write("\n".join(details) + "\n")
    print(f"sweep: {totals['bound']} of {real} services bind ({totals['empty']} hold only empty exports, "
          f"{totals['refused']} refused with {totals['refused_exports']} exports); "
          f"{totals['ops']} of {totals['exports']} non-empty exports of the others are operations "
          f"({share:.2f} %; {overall:.2f} % counting refused services); "
          f"{totals['repairs']} repairs, {totals['skips']} operations skipped")
    common = sorted(unpaged_shapes.items(), key=lambda kv: -kv[1])[:6]
    print(f"sweep: {totals['paginators']} paginators ({totals['inferred']} inferred from shape), "
          f"{totals['waiters']} waiters ({totals['inferred_waiters']} inferred); {totals['unpaged']} list operations with paging parameters "
          f"left unpaged, by parameters: " + ", ".join(f"{shape}: {n}" for shape, n in common))
    if totals["bound"] < real or share < TARGET:
        sys.exit(1)


if __name__ == "__main__":
    main()
