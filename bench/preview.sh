#!/bin/sh
# Preview speed (issues 7 and 15): 200 samples on the 2015 example, on a
# generated 1,000-student org, and the mentor pages of issue 15: the 2015
# example --all (goal 1 s), a 6,000-student 800-mentor instance --all with
# 200 samples and exact thresholds (goal 60 s and 1 GiB), one mentor of it
# (goal 2 s). Wall time and peak memory by /usr/bin/time; each row prints
# the command it timed. Usage: bench/preview.sh BUILD_DIR
# (a Release build is meant: cmake -DCMAKE_BUILD_TYPE=Release).
# The samples build the network once and solve a copy per sample; a
# relaxation that does not split is branched on over flows, GLPK only past
# that (src/network_warm.c). On 2 shared cores, one mentor of the big
# instance went from 4.06 s to 2.16 s (load 7; 3.0 s CPU with --jobs 1).
set -eu
build=${1:-build}
bin=$build/mentormatch
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" generate --students 1000 --ideas 250 --mentors 150 --apps 4 --orgs 10 --seed 1 \
    -o "$work/org1000.json"
big="generate --students 6000 --ideas 2000 --mentors 800 --apps 5 --orgs 40 --seed 1"
# shellcheck disable=SC2086
"$bin" $big -o "$work/big.json"

# measure COMMAND...: "SECONDS | MiB" of one run (GNU time), output discarded.
measure() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
        { cat "$work/err" >&2; exit 1; }
    awk '{printf "%.2f | %.0f", $1, $2 / 1024}' "$work/time"
}

echo "| instance | what | command | seconds | MiB | goal |"
echo "|---|---|---|--:|--:|--:|"
row() { # row INSTANCE WHAT GOAL COMMAND...
    i=$1 w=$2 g=$3
    shift 3
    echo "| $i | $w | \`$(echo "$*" | sed "s|$work/||g; s|$ex/||g; s|$build/||g")\` | $(measure "$@") | $g |"
}
row "xen-2015 (120 students)" "one mentor" "2 s" \
    "$bin" preview "$ex/xen-2015.json" --mentor dscott --samples 200
row "generated org (1,000 students)" "one mentor" "30 s" \
    "$bin" preview "$work/org1000.json" --mentor m001 --samples 200
row "xen-2015 (120 students, 13 mentors)" "--all" "1 s" \
    "$bin" preview "$ex/xen-2015.json" --all -o "$work/pages2015" --samples 200
row "\`$big\`" "--all" "60 s, 1 GiB" \
    "$bin" preview "$work/big.json" --all -o "$work/pages-big" --samples 200
row "the same" "one mentor" "2 s" \
    "$bin" preview "$work/big.json" --mentor m001 --samples 200
