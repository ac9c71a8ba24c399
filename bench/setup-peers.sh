#!/bin/sh
# Install the general solvers bench/peers.py compares against (Debian):
# glpsol (glpk-utils), CBC (coinor-cbc), HiGHS through SciPy (python3-scipy).
# Runs apt-get as root, or through sudo; installs only what is missing.
set -eu
PACKAGES="glpk-utils coinor-cbc python3-scipy"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then run() { "$@"; }; else run() { sudo "$@"; }; fi
echo "setup-peers: installing$missing" >&2
run apt-get update -qq
# shellcheck disable=SC2086
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
