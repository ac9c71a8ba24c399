#!/bin/sh
# Install what mentormatch needs to build and test on Debian (12 or later),
# and any further Debian packages named as arguments.
# Runs apt-get as root, or through sudo; installs only what is missing.
set -eu

PACKAGES="build-essential clang cmake pkg-config libglpk-dev libjansson-dev libcmocka-dev libcsv-dev glpk-utils python3 valgrind chromium"
# The schema test validates with Debian's jsonschema; the man page test renders with groff.
PACKAGES="$PACKAGES python3-jsonschema groff-base"
# Callers may ask for more (bench/setup-peers.sh: the peer solvers).
PACKAGES="$PACKAGES $*"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run() { "$@"; }
else
    run() { sudo "$@"; }
fi
echo "setup: installing$missing" >&2
run apt-get update -qq
# shellcheck disable=SC2086
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
