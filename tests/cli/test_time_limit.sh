#!/bin/sh
# --time-limit bounds the whole run, reading included (issue 14, item 9).
#
#   test_time_limit.sh BINARY EXAMPLES GROUP
#
# GROUP is one of:
#   read   a limit far below the time it takes to read a generated
#          20,000-student instance (0.001 s against some 0.3 s or more):
#          solve and explain stop while reading, exit 4 with "FILE: time
#          limit reached while reading (0.001 s); raise --time-limit", write
#          no output file, and a document cut short at its end is not read
#          to the end (no syntax error is reported); a generous limit
#          changes nothing
# Each check prints "ok N - ..."; the first failure says what was expected
# and what came, and exits 1. POSIX sh.

if [ "$#" -ne 3 ]; then
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

SUITE=timelimit
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# err_lacks TEXT WHAT: TEXT does not occur in standard error.
err_lacks() {
    if grep -F -q -e "$1" "$T/err"; then
        fail "$2: expected standard error not to contain '$1', it does"
    fi
}

group_read() {
    big=$T/big.json
    run "$BIN" generate --students 20000 --ideas 4000 --mentors 2000 --apps 5 --seed 7 -o "$big"
    expect_exit 0 "generating the 20,000-student instance"
    run "$BIN" check "$big"
    expect_exit 0 "check (no limit) on the generated instance"
    ok "the generated instance reads in full without a limit"

    want="$big: time limit reached while reading (0.001 s); raise --time-limit"
    mkdir "$T/solve"
    run "$BIN" solve --time-limit 0.001 -o "$T/solve/out.json" "$big"
    expect_exit 4 "solve --time-limit 0.001"
    err_has "$want" "solve --time-limit 0.001"
    err_lacks "no solution found" "solve --time-limit 0.001 (reading, not the search, ran out)"
    out_empty "solve --time-limit 0.001"
    [ -z "$(lsdir "$T/solve")" ] || fail "solve --time-limit 0.001: expected no output file, found: $(lsdir "$T/solve")"
    ok "solve --time-limit 0.001: exit 4, 'time limit reached while reading', no output file"

    student=$(grep -A 1 '^"students"' "$big" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
    [ -n "$student" ] || fail "no student id found in the generated instance"
    run "$BIN" explain --time-limit 0.001 --student "$student" "$big"
    expect_exit 4 "explain --time-limit 0.001"
    err_has "$want" "explain --time-limit 0.001"
    out_empty "explain --time-limit 0.001"
    ok "explain --time-limit 0.001: exit 4, 'time limit reached while reading'"

    # The same document with its last bytes cut off: read to the end it is a
    # syntax error (exit 1); out of time, the parser stops before the end.
    cut=$T/cut.json
    size=$(wc -c <"$big")
    head -c $((size - 100)) "$big" >"$cut"
    run "$BIN" check "$cut"
    expect_exit 1 "check on the cut document"
    ok "the cut document is a syntax error when read in full"
    run "$BIN" solve --time-limit 0.001 "$cut"
    expect_exit 4 "solve --time-limit 0.001 on the cut document"
    err_has "$cut: time limit reached while reading (0.001 s)" "solve --time-limit 0.001 on the cut document"
    err_lacks "premature end of input" "solve --time-limit 0.001 on the cut document (parsing stopped early)"
    ok "out of time, parsing stops before the end of the document"

    run "$BIN" solve --time-limit 600 "$EX/xen-2015.json"
    expect_exit 0 "solve --time-limit 600 on xen-2015.json"
    err_lacks "time limit" "solve --time-limit 600 on xen-2015.json"
    ok "a limit longer than reading changes nothing"
}

case $GROUP in
    read) group_read ;;
    *)
        echo "FAIL unknown group '$GROUP'" >&2
        exit 2
        ;;
esac
