#!/bin/sh
# Tests of `mentormatch preview`.
#
#   test_preview.sh BINARY EXAMPLES GROUP
#
# GROUP is one of:
#   usage     --help, a missing --mentor, bad values exit 2; an unknown
#             mentor exits 1 with a message
#   pairs     a fixed pair has probability 1; a forbidden pair 0 and not
#             eligible (python3)
#   noise0    with --noise 0 every probability is 0 or 1, and the students
#             with probability 1 are those `solve` gives each idea (python3)
#   seed      the same seed gives the same bytes, text and JSON alike
#   rate      --rate STUDENT,IDEA=5 gives that student at least the
#             probability --rate STUDENT,IDEA=1 gives (python3)
# Each group prints one "ok N - ..." line per check and exits 0 when all
# pass; on the first failure it says what was expected and what came, and
# exits 1. Needs python3; POSIX sh.

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES GROUP" >&2
    exit 2
fi

BIN=$1
EX=$2
GROUP=$3

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $EX in /*) ;; *) EX=$(pwd)/$EX ;; esac

if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi

SUITE=preview
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

XEN=$EX/xen-2015.json

# prob FILE IDEA STUDENT: the student's probability at the idea in a JSON preview.
prob() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for idea in d["ideas"]:
    if idea["id"] == sys.argv[2]:
        for a in idea["applicants"]:
            if a["student"] == sys.argv[3]:
                eligible = not (a["why"] or "").startswith("not eligible")
                print(repr(a["probability"]), "eligible" if eligible else "ineligible")
                sys.exit(0)
print("missing")
PY
}

group_usage() {
    run "$BIN" preview --help
    expect_exit 0 "preview --help"
    out_has "--mentor ID" "preview --help"
    ok "--help prints the usage"
    run "$BIN" preview "$XEN"
    expect_exit 2 "preview without --mentor"
    err_has "--mentor" "preview without --mentor"
    ok "--mentor is required"
    for bad in "--samples 0" "--samples x" "--noise -1" "--seed -3" "--format csv" "--rate s001=5" "--rate s001,mirage-pioneer"; do
        # shellcheck disable=SC2086
        run "$BIN" preview "$XEN" --mentor dscott $bad
        expect_exit 2 "preview $bad"
        out_empty "preview $bad"
        err_nonempty "preview $bad"
    done
    ok "bad option values exit 2 with a message"
    run "$BIN" preview "$XEN" --mentor nobody-at-all
    expect_exit 1 "preview --mentor nobody-at-all"
    err_has "unknown mentor" "preview --mentor nobody-at-all"
    out_empty "unknown mentor"
    ok "an unknown mentor exits 1"
}

group_pairs() {
    run "$BIN" preview "$XEN" --mentor wliu --samples 50 --format json
    expect_exit 0 "preview --mentor wliu"
    cp "$T/out" "$T/wliu.json"
    got=$(prob "$T/wliu.json" pv-9pfs s004)
    [ "$got" = "1 eligible" ] || fail "fixed s004 on pv-9pfs: expected probability 1, got '$got'"
    ok "a fixed pair has probability 1"
    run "$BIN" preview "$XEN" --mentor gdunlap --samples 50 --format json
    expect_exit 0 "preview --mentor gdunlap"
    cp "$T/out" "$T/gd.json"
    got=$(prob "$T/gd.json" gpu-primary s003)
    [ "$got" = "0 ineligible" ] || fail "forbidden s003 on gpu-primary: expected 0 ineligible, got '$got'"
    ok "a forbidden pair has probability 0"
    got=$(prob "$T/gd.json" gpu-primary s009)
    [ "$got" = "1 eligible" ] || fail "fixed s009 on gpu-primary: expected probability 1, got '$got'"
    ok "a fixed pair without a mentor has probability 1"
}

group_noise0() {
    run "$BIN" solve "$XEN" --format json
    expect_exit 0 "solve"
    cp "$T/out" "$T/solve.json"
    for m in dscott wliu gdunlap; do
        run "$BIN" preview "$XEN" --mentor $m --noise 0 --samples 20 --format json
        expect_exit 0 "preview --mentor $m --noise 0"
        cp "$T/out" "$T/p.json"
        msg=$(python3 - "$T/solve.json" "$T/p.json" <<'PY'
import json, sys
solve = json.load(open(sys.argv[1]))
prev = json.load(open(sys.argv[2]))
for idea in prev["ideas"]:
    base = sorted(a["student"] for a in solve["assignments"] if a["idea"] == idea["id"])
    ones = sorted(a["student"] for a in idea["applicants"] if a["probability"] == 1)
    odd = [a for a in idea["applicants"] if a["probability"] not in (0, 1)]
    if odd:
        print("%s: probabilities other than 0 and 1: %r" % (idea["id"], odd)); sys.exit(0)
    if ones != base or sorted(n["student"] for n in idea["now"]) != base:
        print("%s: solve gives %r, preview %r (now %r)" % (idea["id"], base, ones, idea["now"])); sys.exit(0)
if not prev["ideas"]:
    print("no ideas")
PY
)
        [ -z "$msg" ] || fail "--noise 0 for $m: $msg"
    done
    ok "--noise 0: probabilities 0 or 1, matching solve"
}

group_seed() {
    for f in text json; do
        run "$BIN" preview "$XEN" --mentor dscott --samples 60 --seed 7 --format $f
        expect_exit 0 "preview --seed 7 ($f)"
        cp "$T/out" "$T/a"
        run "$BIN" preview "$XEN" --mentor dscott --samples 60 --seed 7 --format $f
        cmp -s "$T/a" "$T/out" || fail "--seed 7 twice ($f): the outputs differ"
    done
    ok "the same seed gives the same bytes"
    run "$BIN" preview "$XEN" --mentor dscott --samples 60 --seed 8 --format json
    cmp -s "$T/a" "$T/out" && fail "--seed 7 and --seed 8 gave the same bytes"
    ok "another seed gives other probabilities"
}

group_rate() {
    run "$BIN" preview "$XEN" --mentor dscott --samples 100 --rate s020,mirage-pioneer=5 --format json
    expect_exit 0 "--rate s020,mirage-pioneer=5"
    cp "$T/out" "$T/hi.json"
    run "$BIN" preview "$XEN" --mentor dscott --samples 100 --rate s020,mirage-pioneer=1 --format json
    expect_exit 0 "--rate s020,mirage-pioneer=1"
    cp "$T/out" "$T/lo.json"
    run "$BIN" preview "$XEN" --mentor dscott --samples 100 --format json
    cp "$T/out" "$T/mid.json"
    hi=$(prob "$T/hi.json" mirage-pioneer s020)
    lo=$(prob "$T/lo.json" mirage-pioneer s020)
    mid=$(prob "$T/mid.json" mirage-pioneer s020)
    python3 -c "import sys; h,m,l=(float(x.split()[0]) for x in sys.argv[1:]); sys.exit(0 if h >= m >= l and h > l else 1)" \
        "$hi" "$mid" "$lo" || fail "--rate: expected P(5) >= P(as is) >= P(1), P(5) > P(1); got $hi, $mid, $lo"
    ok "--rate 5 raises, --rate 1 lowers the student's probability"
    run "$BIN" preview "$XEN" --mentor dscott --rate s020,no-such-idea=5
    expect_exit 1 "--rate on an unknown idea"
    err_nonempty "--rate on an unknown idea"
    ok "--rate on an unknown idea exits 1"
}

case $GROUP in
usage | pairs | noise0 | seed | rate) "group_$GROUP" ;;
*)
    echo "unknown group '$GROUP'" >&2
    exit 2
    ;;
esac
