#!/bin/sh
# Run one CSV import case against the real binary.
#
#   run_case.sh BINARY BASE_DIR CASES_DIR NAME EXIT
#
# Copies the base set (BASE_DIR/*.csv), lays CASES_DIR/NAME/*.csv over it,
# and runs `BINARY import --TABLE TABLE.csv ... -o out.json` there, with
# CASES_DIR/NAME/args added. Passes when the exit code is EXIT, standard
# error is exactly CASES_DIR/NAME/stderr, and, on exit 0, the document
# written passes `check --strict`. On failure it prints what it got.
if [ "$#" -ne 5 ]; then
    echo "usage: $0 BINARY BASE_DIR CASES_DIR NAME EXIT" >&2
    exit 2
fi
bin=$1
base=$2
case_dir=$3/$4
name=$4
want=$5

[ -d "$case_dir" ] || { echo "FAIL $name: no case directory $case_dir" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mm_import_case.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
cp "$base"/*.csv "$tmp"/
cp "$case_dir"/*.csv "$tmp"/ 2>/dev/null

set --
for table in program orgs mentors ideas students applications ratings conflicts fixed forbidden quotas; do
    [ -f "$tmp/$table.csv" ] && set -- "$@" "--$table" "$table.csv"
done
if [ -f "$case_dir/args" ]; then
    # shellcheck disable=SC2046
    set -- "$@" $(cat "$case_dir/args")
fi

(cd "$tmp" && timeout 10 "$bin" import "$@" -o out.json >out 2>err </dev/null)
got=$?

why=
if [ "$got" -eq 124 ]; then
    why="timed out after 10 s"
elif [ "$got" -ge 128 ]; then
    why="crashed (exit $got)"
elif [ "$got" -ne "$want" ]; then
    why="exit code $got, expected $want"
elif [ ! -f "$case_dir/stderr" ]; then
    why="no expected standard error ($case_dir/stderr)"
elif ! cmp -s "$case_dir/stderr" "$tmp/err"; then
    why="standard error differs from $case_dir/stderr"
elif [ "$got" -eq 0 ] && ! "$bin" check --strict "$tmp/out.json" >/dev/null 2>"$tmp/check"; then
    why="the document written does not pass check --strict: $(cat "$tmp/check")"
elif [ "$got" -ne 0 ] && [ -e "$tmp/out.json" ]; then
    why="a failed import left out.json behind"
fi

if [ -n "$why" ]; then
    {
        echo "FAIL $name: $why"
        echo "  command: (cd CASE && $bin import $* -o out.json)"
        [ -f "$case_dir/stderr" ] && diff -u "$case_dir/stderr" "$tmp/err" | sed 's/^/  | /'
        [ -f "$case_dir/stderr" ] || sed 's/^/  | /' "$tmp/err"
    } >&2
    exit 1
fi
echo "OK $name (exit $got)"
