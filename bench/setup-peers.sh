#!/bin/sh
# Install the solvers bench/peers.py compares against (Debian): glpsol
# (glpk-utils), CBC (coinor-cbc), HiGHS through SciPy (python3-scipy), LEMON
# for bench/mm_lemon (liblemon-dev, with g++ to build it), and GNU time
# (peak memory), with what the project itself needs. Only what is missing.
set -eu
exec sh "$(dirname "$0")/../scripts/setup.sh" glpk-utils coinor-cbc python3-scipy liblemon-dev g++ time
