#!/bin/sh
# Install what mentormatch needs on Debian (12 or later), only what is missing:
#
#   sh scripts/setup.sh [--test] [--dry-run] [PACKAGE...]
#
# Without --test: what building and running need (the compiler, CMake,
# pkg-config, GLPK, jansson, libcsv, simdjson). --test adds what the test suite needs
# (clang, cmocka, valgrind, headless Chromium, python3-jsonschema, glpsol,
# groff, GNU parallel, python3-matplotlib), most of the download. PACKAGEs are added as
# given (bench/setup-peers.sh: the peer solvers). --dry-run prints what would
# be installed and installs nothing.
#
# Runs apt-get as root, or through sudo. When another apt or dpkg holds the
# package manager's lock (unattended-upgrades, another shell), it waits up
# to MM_APT_LOCK_WAIT seconds (default 300) and then says so in one line.
set -eu

# Building and running (CMakeLists.txt: pkg-config jansson, glpk.h, csv.h;
# simdjson, the input reader's fast parser, issue 19).
RUN_PACKAGES="build-essential cmake pkg-config libglpk-dev libjansson-dev libcsv-dev libsimdjson-dev"
# The tests: cmocka (unit tests), python3 (the bad-input corpus, the schema
# and man page tests, with jsonschema and groff), glpsol (cross-checks),
# clang and valgrind (scripts/test.sh), chromium (the report and preview pages),
# GNU parallel and matplotlib (the Python module's sweeps and their charts).
TEST_PACKAGES="clang libcmocka-dev python3 python3-jsonschema glpk-utils groff-base valgrind chromium parallel python3-matplotlib"

tier=run
dry_run=0
extra=""
for arg in "$@"; do
    case $arg in
    --test) tier="test" ;;
    --dry-run) dry_run=1 ;;
    -*) echo "setup: unknown option '$arg' (usage: sh scripts/setup.sh [--test] [--dry-run] [PACKAGE...])" >&2
        exit 2 ;;
    *) extra="$extra $arg" ;;
    esac
done

packages=$RUN_PACKAGES
[ "$tier" = test ] && packages="$packages $TEST_PACKAGES"
packages="$packages$extra"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ "$dry_run" -eq 1 ]; then
    if [ -n "$missing" ]; then echo "setup: would install$missing"; else echo "setup: nothing to install"; fi
    exit 0
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run() { "$@"; }
else
    run() { sudo "$@"; }
fi

wait_limit=${MM_APT_LOCK_WAIT:-300}
case $wait_limit in
'' | *[!0-9]*) echo "setup: MM_APT_LOCK_WAIT takes whole seconds, not '$wait_limit'" >&2; exit 2 ;;
esac
err=$(mktemp "${TMPDIR:-/tmp}/setup.XXXXXX")
trap 'rm -f "$err"' EXIT

# apt ARG...: apt-get ARG..., retried every 2 s while another package
# manager holds the lock, up to MM_APT_LOCK_WAIT seconds in all.
apt() {
    start=$(date +%s)
    waiting=0
    while :; do
        status=0
        run env DEBIAN_FRONTEND=noninteractive apt-get "$@" 2>"$err" || status=$?
        [ "$status" -eq 0 ] && { cat "$err" >&2; return 0; }
        if ! grep -q -e 'Could not get lock' -e 'Unable to acquire the dpkg frontend lock' \
            -e 'Unable to lock' "$err"; then
            cat "$err" >&2
            echo "setup: apt-get $1 failed (exit $status); see its messages above" >&2
            exit 1
        fi
        # "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 812 (apt-get)"
        holder=$(sed -n 's/.*held by \(process [0-9]*\( ([^)]*)\)\{0,1\}\).*/\1/p' "$err" | head -n 1)
        holder=${holder:-another process}
        elapsed=$(($(date +%s) - start))
        if [ "$elapsed" -ge "$wait_limit" ]; then
            echo "setup: the package manager is busy: $holder holds its lock (waited ${elapsed} s); run this again once it is done, or wait longer with MM_APT_LOCK_WAIT=SECONDS" >&2
            exit 1
        fi
        if [ "$waiting" -eq 0 ]; then
            echo "setup: waiting for the package manager: $holder holds its lock (up to ${wait_limit} s)" >&2
            waiting=1
        fi
        sleep 2
    done
}

echo "setup: installing$missing" >&2
apt update -qq
# shellcheck disable=SC2086
apt install -y -qq --no-install-recommends $missing
