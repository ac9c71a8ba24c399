#!/bin/sh
# The shipped examples are what examples/tools/make_examples.py writes, and
# the version 2 example's announced result is what solve gives today:
#
#   test_examples.sh BINARY SOURCE_DIR GROUP
#
# GROUP is one of:
#   current    make_examples.py --check (every example file up to date); a
#              fresh solve of xen-2015-v2.json makes the same assignments as
#              examples/announced/xen-2015-v2.json; its quotas bind (6 of 8
#              first-timers, the score below xen-2015's)
# Needs python3; POSIX sh.
BIN=$1
SRC=$2
GROUP=$3
SUITE=examples
. "$SRC/tests/cli/lib.sh"
EX=$SRC/examples

current() {
    run python3 "$EX/tools/make_examples.py" --check
    expect_exit 0 "make_examples.py --check"
    ok "every example file is what make_examples.py writes"
    run "$BIN" solve "$EX/xen-2015-v2.json" -o "$T/r.json"
    expect_exit 0 "solve xen-2015-v2.json"
    python3 - "$T/r.json" "$EX/announced/xen-2015-v2.json" "$EX/xen-2015-v2.json" >"$T/py" 2>&1 <<'PY' ||
import json, sys
now, told, doc = (json.load(open(p)) for p in sys.argv[1:])
key = lambda r: [(a["student"], a["idea"], a["mentor"]) for a in r["assignments"]]
assert key(now) == key(told), "announced/xen-2015-v2.json is stale: re-run solve (examples/README.md)"
assert now["objective"] == {"assigned": 8, "score": now["objective"]["score"]}, now["objective"]
first = {s["id"] for s in doc["students"] if s["attributes"]["first_time"]}
assert sum(a["student"] in first for a in now["assignments"]) == 6, "first-timers at their min"
assert abs(now["objective"]["score"] - 24.233) < 5e-4, now["objective"]
PY
        fail "announced result: $(tail -n 1 "$T/py")"
    ok "the announced result is today's optimum of xen-2015-v2.json, its quotas binding"
}

case $GROUP in
current) current ;;
*) echo "unknown group $GROUP" >&2; exit 2 ;;
esac
