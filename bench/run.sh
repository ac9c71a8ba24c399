#!/bin/sh
# The benchmark of issue 19 in one command, from a fresh clone:
#
#   sh bench/run.sh [--no-setup] [peers.py options: --quick, --tier t3, --timeout 120, ...]
#
# Installs the peers that are missing (bench/setup-peers.sh; --no-setup
# skips it), builds a Release tree in build-bench/ (MM_BENCH_BUILD to
# change it) with mentormatch and the bench tools, and runs bench/peers.py
# on it: every tier and peer side by side, the tables on standard output
# (and in build-bench/bench-peers.md), exit 1 if any optima disagree.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MM_BENCH_BUILD:-$root/build-bench}
if [ "${1:-}" = --no-setup ]; then
    shift
else
    sh "$root/bench/setup-peers.sh"
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j2 --target bench_tools >/dev/null
exec python3 "$root/bench/peers.py" --build "$build" --markdown "$build/bench-peers.md" \
    --json "$build/bench-peers.json" "$@"
