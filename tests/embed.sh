#!/bin/sh
# examples/embed.c, built against the public headers only, run:
#   embed.sh EMBED MENTORMATCH SOURCE_DIR
# 1. its output is tests/embed.expected, the optimum that
#    docs/result-format.md shows for the small example;
# 2. the document its calls describe is the small example of
#    docs/input-format.md, key for key (python3);
# 3. `mentormatch solve` on that document makes the same assignments.
set -u
embed=$1
bin=$2
src=$3
T=$(mktemp -d "${TMPDIR:-/tmp}/mm_embed.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

fail() {
    echo "FAIL embed: $1" >&2
    exit 1
}

"$embed" "$T/doc.json" >"$T/out" 2>"$T/err" || fail "exit $?: $(cat "$T/err")"
[ -s "$T/err" ] && fail "unexpected standard error: $(cat "$T/err")"
diff -u "$src/tests/embed.expected" "$T/out" || fail "output differs from tests/embed.expected"
echo "ok 1 - output is the documented optimum"

python3 - "$src/docs/input-format.md" "$T/doc.json" <<'PY' || fail "document differs from docs/input-format.md"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
block = text.split("`small-example.json` uses every key", 1)[1]
want = json.loads(re.search(r"```json\n(.*?)```", block, re.S).group(1))
got = json.load(open(sys.argv[2], encoding="utf-8"))
if want != got:
    sys.exit("want %s\ngot  %s" % (json.dumps(want, sort_keys=True), json.dumps(got, sort_keys=True)))
PY
echo "ok 2 - its document is the small example of docs/input-format.md"

"$bin" solve "$T/doc.json" --format csv >"$T/solved" || fail "solve exit $?"
python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r["idea"]:
        print(r["student"], r["idea"], r["mentor"], r["rank"])
' "$T/solved" | LC_ALL=C sort >"$T/a"
tail -n +2 "$T/out" | awk '{print $1, $2, $3, $5}' | LC_ALL=C sort >"$T/b"
diff -u "$T/a" "$T/b" || fail "solve on its document assigns differently"
echo "ok 3 - solve on its document makes the same assignments"
