# Shared by the command-level test scripts: a scratch directory, a runner
# that records exit code and output, and checks that fail with details.
# A script sets GROUP (and SUITE, for the scratch name) before sourcing it.
# shellcheck shell=sh

T=$(mktemp -d "${TMPDIR:-/tmp}/mm_${SUITE:-test}.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

# A hung binary is a failure too (exit 124 from timeout).
TO=
if command -v timeout >/dev/null 2>&1; then
    TO="timeout 120"
fi

N=0
rc=0
last=

ok() {
    N=$((N + 1))
    printf 'ok %d - %s\n' "$N" "$1"
}

# Details of the last command run with `run`.
show_last() {
    echo "  command: $last"
    echo "  exit code: $rc"
    echo "  --- standard error (first 20 lines):"
    head -n 20 "$T/err" 2>/dev/null | sed 's/^/  | /'
    echo "  --- standard output (first 20 lines):"
    head -n 20 "$T/out" 2>/dev/null | sed 's/^/  | /'
}

# fail MESSAGE: MESSAGE says what was expected and what came.
fail() {
    {
        echo "FAIL [$GROUP] check $((N + 1)): $1"
        [ -n "$last" ] && show_last
    } >&2
    exit 1
}

# run CMD...: standard output to $T/out, standard error to $T/err, exit code in $rc.
run() {
    last="$*"
    $TO "$@" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
}

# expect_exit WANT WHAT: the last command exited WANT (and did not crash or hang).
expect_exit() {
    if [ "$rc" -eq 124 ] && [ -n "$TO" ]; then
        fail "$2: expected exit $1, the command timed out after 120 s"
    elif [ "$rc" -ge 128 ]; then
        fail "$2: expected exit $1, the command crashed (exit $rc, signal $((rc - 128)))"
    elif [ "$rc" -ne "$1" ]; then
        fail "$2: expected exit $1, got exit $rc"
    fi
}

out_empty() {
    [ -s "$T/out" ] && fail "$1: expected nothing on standard output, got $(wc -c <"$T/out") bytes"
    return 0
}

err_empty() {
    [ -s "$T/err" ] && fail "$1: expected nothing on standard error, got $(wc -c <"$T/err") bytes"
    return 0
}

err_nonempty() {
    [ -s "$T/err" ] || fail "$1: expected a message on standard error, got none"
}

# err_has TEXT WHAT: TEXT occurs literally in standard error.
err_has() {
    grep -F -q -e "$1" "$T/err" || fail "$2: expected standard error to contain '$1', it does not"
}

# lsdir DIR: the names in DIR (dot files too), sorted bytewise, on one line.
lsdir() {
    (cd "$1" && LC_ALL=C ls -A) | tr '\n' ' ' | sed 's/ $//'
}

# out_has TEXT WHAT: TEXT occurs literally in standard output.
out_has() {
    grep -F -q -e "$1" "$T/out" || fail "$2: expected standard output to contain '$1', it does not"
}

# json_check FILE PYTHON WHAT: PYTHON, given `d` (FILE as JSON; json, math
# and sys imported), raises on failure; WHAT names the check.
json_check() {
    python3 - "$1" "$2" >"$T/py" 2>&1 <<'EOF' || fail "$3: $(tail -n 1 "$T/py")"
import json, math, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[2])
EOF
}
