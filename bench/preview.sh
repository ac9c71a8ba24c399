#!/bin/sh
# Preview speed (issue 7): 200 samples on the 2015 example, and on a
# generated 1,000-student org. Usage: bench/preview.sh BUILD_DIR
# (a Release build is meant: cmake -DCMAKE_BUILD_TYPE=Release).
set -eu
build=${1:-build-release}
bin=$build/mentormatch
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" generate --students 1000 --ideas 250 --mentors 150 --apps 4 --orgs 10 --seed 1 \
    -o "$work/org1000.json"

seconds() { # seconds COMMAND...: wall time of one run, 3 decimals
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc | awk '{printf "%.3f", $1}'
}

echo "| instance | mentor | samples | seconds | goal |"
echo "|---|---|--:|--:|--:|"
echo "| xen-2015 (120 students) | dscott | 200 | $(seconds "$bin" preview "$here/../examples/xen-2015.json" --mentor dscott --samples 200) | 2 |"
echo "| generated org (1,000 students) | m001 | 200 | $(seconds "$bin" preview "$work/org1000.json" --mentor m001 --samples 200) | 30 |"
