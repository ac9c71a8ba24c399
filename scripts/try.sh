#!/bin/sh
# Quick start: install what building and running need (no test tools, no
# browser), build the command in build/ and solve a shipped example.
#   sh scripts/try.sh [--dry-run]   (--dry-run: say what would be installed, do nothing)
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = --dry-run ]; then
    exec sh scripts/setup.sh --dry-run
fi
sh scripts/setup.sh
# No tests configured: they need what scripts/test.sh installs.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" --target mentormatch >/dev/null
./build/mentormatch solve examples/xen-2015.json --format table
