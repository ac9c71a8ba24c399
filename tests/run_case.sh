#!/bin/sh
# Run one data-driven input case against the real binary.
#
#   run_case.sh BINARY CASE_DIR NAME EXIT FRAGMENT [EXTRA_ARGS...]
#
# Runs `BINARY check [EXTRA_ARGS...] CASE_DIR/NAME.json` under a 10 s timeout
# and passes (exit 0, one line "OK ...") when the exit code is EXIT and
# FRAGMENT occurs literally in standard error (FRAGMENT `-` skips that check).
# A crash (exit >= 128), a timeout (124) or a missing case file fails whatever
# EXIT says. On failure it prints what it got and exits 1.
# The cases and their expectations are listed in tests/cases/input/MANIFEST.

if [ "$#" -lt 5 ]; then
    echo "usage: $0 BINARY CASE_DIR NAME EXIT FRAGMENT [EXTRA_ARGS...]" >&2
    exit 2
fi

bin=$1
dir=$2
name=$3
want=$4
frag=$5
shift 5

input="$dir/$name.json"
label="$name${*:+ [$*]}"

if [ ! -f "$input" ]; then
    echo "FAIL $label: no case file $input" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run_case.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

timeout 10 "$bin" check "$@" "$input" >"$tmp/out" 2>"$tmp/err" </dev/null
got=$?

why=
if [ "$got" -eq 124 ]; then
    why="timed out after 10 s"
elif [ "$got" -ge 128 ]; then
    why="crashed (exit $got, signal $((got - 128)))"
elif [ "$got" -ne "$want" ]; then
    why="exit code $got, expected $want"
elif [ "$frag" != "-" ] && ! grep -F -q -e "$frag" "$tmp/err"; then
    why="standard error lacks the fragment '$frag'"
fi

if [ -n "$why" ]; then
    {
        echo "FAIL $label: $why"
        echo "  command: $bin check${*:+ $*} $input"
        echo "  exit code: $got"
        echo "  --- standard error:"
        sed 's/^/  | /' "$tmp/err"
        echo "  --- standard output (first 20 lines):"
        head -n 20 "$tmp/out" | sed 's/^/  | /'
    } >&2
    exit 1
fi

if [ "$frag" = "-" ]; then
    echo "OK $label (exit $got)"
else
    echo "OK $label (exit $got, found '$frag')"
fi
exit 0
