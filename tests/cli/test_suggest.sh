#!/bin/sh
# "Did you mean" on the command line (issue 16 item 4): the whole of
# standard error, exactly, for misspelled commands, options, option values
# and ids, and for words close to nothing (no guess).
#
#   test_suggest.sh BINARY EXAMPLES_DIR GROUP
#
# GROUP is one of:
#   commands  mentormatch solv: did you mean 'solve'
#   options   a misspelled long option of every command gets the nearest of
#             that command's options; --name=value too; a far one gets none
#   values    --strategy (with the list of strategies), --solver, --format
#             of solve, evaluate, diff, explain and preview
#   ids       explain, preview, --fix/--forbid, evaluate and report name the
#             nearest id of the kind; short or far ids get no guess
# Each group prints one "ok N - ..." line per check and exits 0 when all
# pass; on the first failure it says what was expected and what came.
# Needs python3; POSIX sh.

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES_DIR GROUP" >&2
    exit 2
fi

BIN=$1
EX=$2
GROUP=$3
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi

SUITE=suggest
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

X=$EX/xen-2015.json

# err_is TEXT WHAT: standard error is exactly TEXT (one line).
err_is() {
    printf '%s\n' "$1" >"$T/want"
    cmp -s "$T/want" "$T/err" ||
        fail "$2: expected standard error to be exactly
  $1"
}

# usage_is WANT CMD...: CMD exits 2, prints nothing, and WANT is its stderr.
usage_is() {
    want=$1
    shift
    run "$BIN" "$@"
    expect_exit 2 "$*"
    out_empty "$*"
    err_is "$want" "$*"
    ok "$*"
}

case $GROUP in
commands)
    usage_is "mentormatch: unknown command 'solv'; did you mean 'solve'? (try 'mentormatch --help')" solv "$X"
    usage_is "mentormatch: unknown command 'evalute'; did you mean 'evaluate'? (try 'mentormatch --help')" evalute "$X"
    usage_is "mentormatch: unknown command 'Check'; did you mean 'check'? (try 'mentormatch --help')" Check "$X"
    usage_is "mentormatch: unknown command 'frobnicate' (try 'mentormatch --help')" frobnicate "$X"
    ;;
options)
    usage_is "mentormatch solve: unknown option '--stratgy'; did you mean '--strategy'? (try 'mentormatch solve --help')" solve --stratgy ilp "$X"
    usage_is "mentormatch solve: unknown option '--stratgy=ilp'; did you mean '--strategy'? (try 'mentormatch solve --help')" solve --stratgy=ilp "$X"
    usage_is "mentormatch solve: unknown option '--time-limt'; did you mean '--time-limit'? (try 'mentormatch solve --help')" solve --time-limt 3 "$X"
    usage_is "mentormatch check: unknown option '--strcit'; did you mean '--strict'? (try 'mentormatch check --help')" check --strcit "$X"
    usage_is "mentormatch evaluate: unknown option '--fromat'; did you mean '--format'? (try 'mentormatch evaluate --help')" evaluate --fromat json "$X" r.json
    usage_is "mentormatch diff: unknown option '--foramt'; did you mean '--format'? (try 'mentormatch diff --help')" diff --foramt json a.json b.json
    usage_is "mentormatch explain: unknown option '--studnet'; did you mean '--student'? (try 'mentormatch explain --help')" explain --studnet s001 "$X"
    usage_is "mentormatch preview: unknown option '--mentr'; did you mean '--mentor'? (try 'mentormatch preview --help')" preview --mentr kwilk "$X"
    usage_is "mentormatch export: unknown option '--mpss'; did you mean '--mps'? (try 'mentormatch export --help')" export --mpss out.mps "$X"
    usage_is "mentormatch generate: unknown option '--studnets'; did you mean '--students'? (try 'mentormatch generate --help')" generate --studnets 3
    usage_is "mentormatch report: unknown option '--ouptut'; did you mean '--output'? (try 'mentormatch report --help')" report --ouptut r.html "$X" r.json
    usage_is "mentormatch import: unknown option '--mentros'; did you mean '--mentors'? (try 'mentormatch import --help')" import --mentros m.csv
    # close to nothing, and a short option: no guess
    usage_is "mentormatch solve: unknown option '--frobnicate' (try 'mentormatch solve --help')" solve --frobnicate "$X"
    usage_is "mentormatch check: unknown option '-x' (try 'mentormatch check --help')" check -x "$X"
    ;;
values)
    all="(strategies: ilp, greedy, stable, stable-optimal, rank-maximal, rsd, lp)"
    usage_is "mentormatch solve: unknown strategy 'stabel'; did you mean 'stable'? $all (try 'mentormatch solve --help')" solve --strategy stabel "$X"
    usage_is "mentormatch solve: unknown strategy 'rank-maximum'; did you mean 'rank-maximal'? $all (try 'mentormatch solve --help')" solve -s rank-maximum "$X"
    usage_is "mentormatch solve: unknown strategy 'simplex' $all (try 'mentormatch solve --help')" solve --strategy simplex "$X"
    usage_is "mentormatch solve: --solver takes auto, network or glpk, not 'glkp'; did you mean 'glpk'? (try 'mentormatch solve --help')" solve --solver glkp "$X"
    usage_is "mentormatch solve: --solver takes auto, network or glpk, not 'simplex' (try 'mentormatch solve --help')" solve --solver simplex "$X"
    usage_is "mentormatch solve: --format takes json, table or csv, not 'jsno'; did you mean 'json'? (try 'mentormatch solve --help')" solve -f jsno "$X"
    usage_is "mentormatch solve: --format takes json, table or csv, not 'TABLE'; did you mean 'table'? (try 'mentormatch solve --help')" solve --format TABLE "$X"
    usage_is "mentormatch evaluate: --format takes json, table or csv, not 'cvs'; did you mean 'csv'? (try 'mentormatch evaluate --help')" evaluate -f cvs "$X" r.json
    usage_is "mentormatch diff: --format takes text or json, not 'txt'; did you mean 'text'? (try 'mentormatch diff --help')" diff -f txt a.json b.json
    usage_is "mentormatch explain: --format takes text or json, not 'josn'; did you mean 'json'? (try 'mentormatch explain --help')" explain -f josn --student s001 "$X"
    usage_is "mentormatch preview: --format takes text, json or html, not 'htm'; did you mean 'html'? (try 'mentormatch preview --help')" preview -f htm --mentor kwilk "$X"
    usage_is "mentormatch preview: --format takes text, json or html, not 'pdf' (try 'mentormatch preview --help')" preview -f pdf --mentor kwilk "$X"
    ;;
ids)
    # id_is EXIT WANT CMD...: CMD exits EXIT with WANT as its whole stderr.
    id_is() {
        code=$1
        want=$2
        shift 2
        run "$BIN" "$@"
        expect_exit "$code" "$*"
        err_is "$want" "$*"
        ok "$*"
    }
    id_is 1 "$X: unknown idea \"quikdata\"; did you mean \"quickdata\"?" explain --idea quikdata "$X"
    id_is 1 "$X: unknown mentor \"kwil\"; did you mean \"kwilk\"?" explain --mentor kwil "$X"
    id_is 1 "$X: unknown student \"S001\"; did you mean \"s001\"?" explain --student S001 "$X"
    id_is 1 "$X: unknown student \"nobody\"" explain --student nobody "$X"
    id_is 1 "$X: unknown mentor \"dscot\"; did you mean \"dscott\"?" preview --mentor dscot "$X"
    id_is 1 "$X: --fix s001=quickdat: unknown idea \"quickdat\"; did you mean \"quickdata\"?" solve -q --fix s001=quickdat "$X"
    id_is 1 "$X: --forbid s01=quickdata: unknown student \"s01\"; did you mean \"s001\"?" solve -q --forbid s01=quickdata "$X"
    # an assignment read back: evaluate and report name the nearest idea
    run "$BIN" solve -q "$X"
    expect_exit 0 "solve $X"
    python3 - "$T/out" "$T/typo.json" <<'PY' || fail "could not write the misspelled result"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["assignments"][0]["idea"] == "mirage-pioneer", r["assignments"][0]
r["assignments"][0]["idea"] = "mirage-pionee"
json.dump(r, open(sys.argv[2], "w"))
PY
    id_is 3 "$T/typo.json: assignments[0].idea: unknown idea \"mirage-pionee\"; did you mean \"mirage-pioneer\"?" evaluate "$X" "$T/typo.json"
    id_is 1 "$T/typo.json: assignments[0].idea: unknown idea \"mirage-pionee\": not in the input; did you mean \"mirage-pioneer\"?" report -o "$T/r.html" "$X" "$T/typo.json"
    ;;
*)
    echo "unknown group '$GROUP'" >&2
    exit 2
    ;;
esac
exit 0
