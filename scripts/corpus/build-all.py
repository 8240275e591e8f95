#!/usr/bin/env python3
"""Compiles the bindings of every service of an API Explorer corpus, one crate per service.

Usage: scripts/corpus/build-all.py [CORPUS_DIR] [--services A,B,...] [--out FILE]
                                   [--optimized-macros]

Each service gets a scratch crate (under target/corpus-build, nothing is written into the
repository) holding `#[specbind::bindings(spec = "<CORPUS_DIR>/<SERVICE>", skip_invalid = true)]`
under `#![deny(warnings)]`. The runtime and its dependencies are built once first; then each
crate is built alone (debug, non-incremental), recording wall time and peak memory (GNU time's
maximum resident set: rustc), and the expansion time of the release CLI. Prints a line per
service and `N passed, M failed`; exits 1 if any failed. --out writes the rows as TSV.
--optimized-macros builds proc macros and their dependencies with `opt-level = 3` (the
`[profile.dev.build-override]` setting README.md suggests to users), in its own target directory.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def crate_name(service):
    return "svc_" + "".join(c.lower() if c.isalnum() else "_" for c in service)


def write_workspace(work, corpus, services, optimized_macros=False):
    members = []
    for service in services:
        name = crate_name(service)
        members.append(name)
        os.makedirs(os.path.join(work, name, "src"), exist_ok=True)
        with open(os.path.join(work, name, "Cargo.toml"), "w") as handle:
            handle.write(f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
                         f'[dependencies]\nspecbind = {{ path = "{REPO}/runtime" }}\n')
        spec = os.path.join(corpus, service)
        source = (f'//! Bindings of {service}, as a user would write them.\n#![deny(warnings)]\n\n'
                  f'#[specbind::bindings(spec = "{spec}", skip_invalid = true)]\npub mod api {{}}\n')
        path = os.path.join(work, name, "src", "lib.rs")
        if not os.path.exists(path) or open(path).read() != source:
            with open(path, "w") as handle:
                handle.write(source)
    os.makedirs(os.path.join(work, "deps", "src"), exist_ok=True)
    with open(os.path.join(work, "deps", "Cargo.toml"), "w") as handle:
        handle.write(f'[package]\nname = "deps"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
                     f'[dependencies]\nspecbind = {{ path = "{REPO}/runtime" }}\n')
    with open(os.path.join(work, "deps", "src", "lib.rs"), "w") as handle:
        handle.write("//! Builds the dependencies once.\npub use specbind;\n")
    quoted = ", ".join(f'"{m}"' for m in members + ["deps"])
    with open(os.path.join(work, "Cargo.toml"), "w") as handle:
        handle.write(f'[workspace]\nresolver = "3"\nmembers = [{quoted}]\n\n'
                     '[profile.dev]\ndebug = "line-tables-only"\nincremental = false\n\n'
                     '[profile.dev.package."*"]\ndebug = false\n')
        if optimized_macros:
            handle.write('\n[profile.dev.build-override]\nopt-level = 3\n')
    lock = os.path.join(REPO, "Cargo.lock")
    if not os.path.exists(os.path.join(work, "Cargo.lock")):
        shutil.copy(lock, os.path.join(work, "Cargo.lock"))


def timed(command, cwd):
    """Runs `command` under GNU time; returns (ok, seconds, peak MiB, output)."""
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, capture_output=True, text=True)
    seconds = time.monotonic() - start
    lines = run.stderr.strip().splitlines()
    peak_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return run.returncode == 0, seconds, peak_kib / 1024, run.stdout + "\n".join(lines[:-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "apiexplorer"))
    parser.add_argument("--services", help="comma-separated subset (default: every folder)")
    parser.add_argument("--out", help="write the rows as TSV here")
    parser.add_argument("--optimized-macros", action="store_true",
                        help="build proc macros with opt-level 3 (profile.dev.build-override)")
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        sys.exit(f"build-all: {corpus} is not a directory")
    if not shutil.which("/usr/bin/time"):
        subprocess.run("apt-get update -qq && apt-get install -y -qq time", shell=True, check=True)
    services = sorted(d for d in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, d)))
    if args.services:
        wanted = args.services.split(",")
        missing = [s for s in wanted if s not in services]
        if missing:
            sys.exit(f"build-all: not in {corpus}: {', '.join(missing)}")
        services = wanted
    work = os.path.join(REPO, "target", "corpus-build" + ("-optimized-macros" if args.optimized_macros else ""))
    write_workspace(work, corpus, services, args.optimized_macros)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(work, "target"), CARGO_TERM_COLOR="never")
    subprocess.run(["cargo", "build", "-q", "-p", "deps"], cwd=work, env=env, check=True)
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "specbind-cli"], cwd=REPO, check=True)
    cli = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target")), "release", "specbind")
    rows, failed = [], []
    for service in services:
        spec = os.path.join(corpus, service)
        start = time.monotonic()
        expanded = subprocess.run([cli, "expand", "--skip-invalid", spec], capture_output=True, text=True)
        expand_seconds = time.monotonic() - start
        lines = expanded.stdout.count("\n")
        # Waiters are async methods too; they are not operations.
        operations = expanded.stdout.count("pub async fn ") - expanded.stdout.count("pub async fn wait_until_")
        # Touch so cargo rebuilds this crate even when nothing else changed.
        os.utime(os.path.join(work, crate_name(service), "src", "lib.rs"))
        ok, seconds, peak, output = timed(["cargo", "build", "-q", "-p", crate_name(service)], work)
        ok = ok and expanded.returncode == 0
        rows.append((service, operations, lines, expand_seconds, seconds, peak, ok))
        state = "ok" if ok else "FAILED"
        print(f"{service:24} {state:6} ops={operations:<4} lines={lines:<7} expand={expand_seconds:5.2f}s "
              f"build={seconds:6.2f}s peak={peak:6.0f}MiB", flush=True)
        if not ok:
            failed.append(service)
            print("\n".join(output.splitlines()[:40]), flush=True)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write("service\toperations\tlines\texpand_s\tbuild_s\tpeak_mib\tok\n")
            for row in rows:
                handle.write("\t".join(str(round(v, 2)) if isinstance(v, float) else str(v) for v in row) + "\n")
    print(f"{len(rows) - len(failed)} passed, {len(failed)} failed")
    if failed:
        print("failed: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
