#!/bin/sh
# Install the general solvers bench/peers.py compares against (Debian):
# glpsol (glpk-utils), CBC (coinor-cbc), HiGHS through SciPy (python3-scipy),
# and GNU time (peak memory), with what the project itself needs.
set -eu
exec sh "$(dirname "$0")/../scripts/setup.sh" glpk-utils coinor-cbc python3-scipy time
