#!/bin/sh
# Quick start: install what is missing, build, and solve a shipped example.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target mentormatch >/dev/null
./build/mentormatch solve examples/xen-2015.json --format table
