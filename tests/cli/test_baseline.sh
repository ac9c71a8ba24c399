#!/bin/sh
# Re-allocation from a baseline (issue 17 item 3; SPEC 8), against the real
# binary:
#
#   test_baseline.sh BINARY SOURCE_DIR GROUP
#
# GROUP is one of:
#   tiers     the baseline's pairs are kept over a better score, its lead
#             mentors too, on the network flow (proven); a result document
#             and a result sheet read back as baselines keep everything; the
#             same bytes on every run
#   changes   a withdrawal (dropped, "withdrew" in the table's line), a
#             capacity drop (displaced, naming the mentor at capacity), a
#             new student (added)
#   stale     entries naming no student, no idea, no application or no
#             mentor are warnings at their places; listed twice, the first
#             counts; a malformed baseline is exit 1 at its place
#   options   with --forbid (no longer eligible), --fix (displaced, naming
#             who holds the idea), --set and a quota (displaced by it)
#   displaced a displaced student's unassigned reason says so first, with
#             the dropped entry's words, in JSON and in the table; a
#             quota's min that keeps the holder is named (id, unit, value)
#             (issue 17 polish items 1-2)
#   refuse    every other strategy refuses --baseline with exit 2, one line
#   export    export --lp/--mps --baseline: the row baseline_kept holds the
#             first tier, and glpsol's optimum of both files is solve's score
#             (under count-then-score and under score)
# Needs python3; POSIX sh.
BIN=$1
SRC=$2
GROUP=$3
SUITE=baseline
. "$SRC/tests/cli/lib.sh"

# json_check FILE PYTHON WHAT: PYTHON raises on failure, given the result
# `d` (FILE as JSON), its baseline member `b` and `pairs`, per student the
# (idea, mentor) assigned.
cat >"$T/check.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
b = d.get("baseline")
pairs = {a["student"]: (a["idea"], a["mentor"]) for a in d["assignments"]}
exec(sys.argv[2])
EOF
json_check() {
    python3 "$T/check.py" "$1" "$2" >"$T/py" 2>&1 || fail "$3: $(tail -n 1 "$T/py")"
}

# i1 has two mentors; without a baseline s1 would take i1 (its first
# choice) and the baseline's s1 on i2 would be lost.
cat >"$T/doc.json" <<'EOF'
{"mentors": [{"id": "m1", "capacity": 2}, {"id": "m2"}, {"id": "m3"}],
 "ideas": [{"id": "i1", "mentors": ["m1", "m2"], "slots": 2},
           {"id": "i2", "mentors": ["m3"]},
           {"id": "i3", "mentors": ["m1"]}],
 "students": [
  {"id": "s1", "attributes": {"uni": "MIT"}, "applications": [{"idea": "i1"}, {"idea": "i2"}]},
  {"id": "s2", "attributes": {"uni": "MIT"}, "applications": [{"idea": "i1"}, {"idea": "i3"}]},
  {"id": "s3", "attributes": {"uni": "MIT"}, "applications": [{"idea": "i2"}, {"idea": "i1"}]},
  {"id": "s4", "applications": [{"idea": "i3"}, {"idea": "i2"}]},
  {"id": "s5", "applications": [{"idea": "i2"}]}]}
EOF
cat >"$T/base.json" <<'EOF'
[{"student": "s1", "idea": "i2", "mentor": "m3"},
 {"student": "s2", "idea": "i1", "mentor": "m2"},
 {"student": "s3", "idea": "i1", "mentor": "m1"},
 {"student": "s4", "idea": "i3", "mentor": "m1"}]
EOF

# edit NAME PYTHON: $T/NAME.json is doc.json changed by PYTHON on `d`.
edit() {
    python3 - "$T/doc.json" "$T/$1.json" "$2" <<'EOF' || fail "edit $1"
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
EOF
}

KEPT_ALL='assert pairs == {"s1": ("i2", "m3"), "s2": ("i1", "m2"), "s3": ("i1", "m1"),
                       "s4": ("i3", "m1")}, pairs
assert (b["entries"], b["kept"], b["kept_mentor"]) == (4, 4, 4), b
assert b["moved"] == [] and b["dropped"] == [] and b["added"] == [], b'

case $GROUP in
tiers)
    run "$BIN" solve "$T/doc.json"
    expect_exit 0 "no baseline"
    json_check "$T/out" 'assert pairs["s1"][0] == "i1" and "baseline" not in d, pairs' \
        "without a baseline s1 takes its first choice and there is no baseline member"
    ok "without a baseline: the best score, no baseline member"

    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --solver network -o "$T/r1.json"
    expect_exit 0 "--baseline on the flow"
    err_empty "--baseline on the flow"
    json_check "$T/r1.json" "$KEPT_ALL"'
assert d["status"] == "optimal" and d["stats"]["solver"] == "network", d["stats"]' \
        "every pair and lead mentor kept, proven by the flow"
    ok "kept pairs over the score, lead mentors after it; proven on the network flow"

    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --solver glpk -o "$T/r2.json"
    expect_exit 0 "--baseline with glpk"
    json_check "$T/r2.json" "$KEPT_ALL" "glpk keeps the same"
    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" -o "$T/r3.json"
    expect_exit 0 "--baseline again"
    python3 - "$T/r1.json" "$T/r2.json" "$T/r3.json" <<'EOF' || fail "the same assignments on every run and by both solvers"
import json, sys
docs = [json.load(open(f)) for f in sys.argv[1:]]
for d in docs:
    del d["stats"]
assert docs[0] == docs[1] == docs[2]
EOF
    ok "the same document by both solvers and on every run"

    run "$BIN" solve "$T/doc.json" -o "$T/result.json"
    run "$BIN" solve "$T/doc.json" -f csv -o "$T/result.csv"
    for f in result.json result.csv; do
        run "$BIN" solve "$T/doc.json" --baseline "$T/$f"
        expect_exit 0 "a $f as the baseline"
        json_check "$T/out" 'assert (b["entries"], b["kept"], b["kept_mentor"]) == (4, 4, 4), b
assert b["moved"] == [] and b["dropped"] == [] and b["added"] == [], b' "$f kept whole"
    done
    ok "a result document and a result sheet read back as baselines keep everything"
    ;;
changes)
    edit withdrew 'd["students"] = [s for s in d["students"] if s["id"] != "s1"]'
    run "$BIN" solve "$T/withdrew.json" --baseline "$T/base.json"
    expect_exit 0 "a withdrawal"
    err_has 'base.json: [0].student: warning: student "s1" is no longer in the input (withdrew?)' \
        "the withdrawn student's entry is a warning at its place"
    json_check "$T/out" 'assert b["kept"] == 3 and b["entries"] == 4, b
assert b["dropped"] == [{"student": "s1", "idea": "i2",
    "reason": "gone from the input: the student is no longer in it (withdrew)"}], b["dropped"]
assert b["added"] == [{"student": "s5", "idea": "i2"}], b["added"]' "withdrawal: dropped and added"
    run "$BIN" solve "$T/withdrew.json" --baseline "$T/base.json" -f table
    expect_exit 0 "table"
    out_has "baseline: kept 3 of 4; moved 0; dropped 1 (withdrew); added 1; lead mentor kept 3" \
        "the table's summary line"
    out_has "Baseline changes" "the table lists the changes"
    ok "a withdrawal: dropped as withdrew, a new student added, the table's line"

    edit dropcap 'd["mentors"][0]["capacity"] = 1'
    run "$BIN" solve "$T/dropcap.json" --baseline "$T/base.json"
    expect_exit 0 "a capacity drop"
    json_check "$T/out" 'assert b["kept"] == 3, b
assert len(b["dropped"]) == 1, b
r = b["dropped"][0]["reason"]
assert r.startswith("displaced:") and "mentor \"m1\" is at capacity (1) with" in r, r' \
        "capacity drop: one displaced, naming the mentor at capacity"
    ok "a capacity drop: displaced, naming the mentor at capacity and who holds it"

    edit moved 'd["ideas"][2]["slots"] = 2; d["ideas"][0]["slots"] = 1'
    run "$BIN" solve "$T/moved.json" --baseline "$T/base.json"
    expect_exit 0 "a slot moved"
    json_check "$T/out" 'assert b["kept"] == 3 and b["moved"] == [{"student": "s2", "from": "i1", "to": "i3"}], b' \
        "a student moved where room is left"
    ok "a slot cut: the student moves, listed with from and to"
    ;;
stale)
    cat >"$T/stale.json" <<'EOF'
[{"student": "s9", "idea": "i1"},
 {"student": "s1", "idea": "zz"},
 {"student": "s2", "idea": "i2"},
 {"student": "s3", "idea": "i1", "mentor": "nobody"},
 {"student": "s3", "idea": "i2"}]
EOF
    run "$BIN" solve "$T/doc.json" --baseline "$T/stale.json"
    expect_exit 0 "stale entries are warnings"
    err_has 'stale.json: [0].student: warning: student "s9" is no longer in the input' "unknown student"
    err_has 'stale.json: [1].idea: warning: idea "zz" is no longer in the input: left out of the baseline' \
        "unknown idea"
    err_has 'stale.json: [2]: warning: no longer eligible: student "s2" has no application to idea "i2"; left out of the baseline' \
        "not an application"
    err_has 'stale.json: [3].mentor: warning: mentor "nobody" is not in the input: the pair stays in the baseline' \
        "unknown mentor"
    err_has 'stale.json: [4].student: warning: student "s3" is listed again: only the first entry counts' \
        "listed twice"
    json_check "$T/out" 'assert b["entries"] == 4, b
assert pairs["s3"][0] == "i1", pairs
assert {x["student"] for x in b["dropped"]} >= {"s9"}, b
assert [x for x in b["dropped"] if x["student"] == "s9"][0]["reason"].startswith("gone from the input"), b' \
        "stale entries reported, the valid pair kept"
    ok "stale entries: warnings at their places, reported in the lists"

    printf '{"assignments": [{"student": 3}]}' >"$T/bad.json"
    run "$BIN" solve "$T/doc.json" --baseline "$T/bad.json"
    expect_exit 1 "a malformed baseline"
    err_has 'bad.json: assignments[0].student: must be a string, not a number' "the place of the error"
    out_empty "a malformed baseline"
    ok "a malformed baseline: exit 1, the place named"
    ;;
options)
    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --forbid s1=i2
    expect_exit 0 "--forbid"
    err_has 'base.json: [0]: warning: no longer eligible: forbidden; left out of the baseline' \
        "a forbidden baseline pair"
    json_check "$T/out" 'assert [x["reason"] for x in b["dropped"]] == ["no longer eligible: forbidden"], b' \
        "dropped as no longer eligible"
    ok "--forbid: the pair no longer eligible, a warning and a reason"

    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --fix s5=i2
    expect_exit 0 "--fix"
    json_check "$T/out" 'assert pairs["s5"][0] == "i2", pairs
assert b["kept"] == 3 and len(b["dropped"]) == 1, b
assert b["dropped"][0]["reason"].startswith("displaced: idea \"i2\" is full (slots 1) with \"s5\""), b' \
        "a fixed pair displaces the baseline's"
    ok "--fix: the fixed pair holds, the displaced student's reason names it"

    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --set 'ratings:m1,s3,i1=5'
    expect_exit 0 "--set"
    json_check "$T/out" "$KEPT_ALL" "--set keeps the baseline"
    ok "--set: the baseline is still kept"

    edit quota 'd["quotas"] = [{"id": "cap", "attribute": "uni", "per": "idea", "max": 1}]'
    run "$BIN" solve "$T/quota.json" --baseline "$T/base.json"
    expect_exit 0 "a quota"
    json_check "$T/out" 'assert b["kept"] == 3 and len(b["dropped"]) == 1, b
assert "quota \"cap\" at its max 1 (idea \"i1\", value \"MIT\")" in b["dropped"][0]["reason"], b
assert d["quotas"][0]["count"] <= 1' "a quota displaces one of two MIT students on i1"
    ok "quotas: the quota holds over the baseline, the displaced student's reason names it"
    ;;
displaced)
    # same.py: each displaced student's unassigned reason is
    # 'displaced from "IDEA":' and the dropped entry's words after "displaced:".
    cat >"$T/same.py" <<'EOF'
why = {u["student"]: u["reason"] for u in d["unassigned"]}
shown = 0
for x in b["dropped"]:
    if x["reason"].startswith("displaced:"):
        want = 'displaced from "%s":%s' % (x["idea"], x["reason"][len("displaced:"):])
        got = why[x["student"]]
        assert got == want or got.startswith(want + "; not placed elsewhere: "), (got, want)
        shown += 1
assert shown >= 1, b
EOF
    edit dropcap 'd["mentors"][0]["capacity"] = 1'
    run "$BIN" solve "$T/dropcap.json" --baseline "$T/base.json"
    expect_exit 0 "a capacity drop"
    json_check "$T/out" "$(cat "$T/same.py")"'
assert why["s3"].startswith("displaced from \"i1\": mentor \"m1\" is at capacity (1) with \"s4\"; "), why
assert why["s3"].endswith("; not placed elsewhere: no room: \"i2\" idea filled, mentors at capacity; \"i1\" mentors at capacity"), why' \
        "capacity drop: the unassigned reason says displaced, as the dropped entry does"
    run "$BIN" solve "$T/dropcap.json" --baseline "$T/base.json" -f table
    expect_exit 0 "a capacity drop, table"
    out_has 's3       displaced from "i1": mentor "m1" is at capacity (1) with "s4"; mentor "m2"' \
        "the table's Unassigned row says displaced"
    ok "a capacity drop: the unassigned reason leads with the displacement (JSON and table)"

    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --fix s5=i2
    expect_exit 0 "--fix"
    json_check "$T/out" "$(cat "$T/same.py")"'
assert why["s1"] == "displaced from \"i2\": idea \"i2\" is full (slots 1) with \"s5\"; mentor \"m3\" is at capacity (1) with \"s5\"; not placed elsewhere: every applied idea filled", why' \
        "a fixed pair: the unassigned reason names who holds the place"
    ok "--fix: the displaced student's unassigned reason names the fixed holder"

    edit quota 'd["quotas"] = [{"id": "cap", "attribute": "uni", "per": "idea", "max": 1}]'
    run "$BIN" solve "$T/quota.json" --baseline "$T/base.json"
    expect_exit 0 "a quota's max"
    json_check "$T/out" "$(cat "$T/same.py")" "a quota's max: the same words"
    ok "a quota's max: the unassigned reason names the quota, as the dropped entry does"

    # A minimum of first-timers and one program slot: the new first-timer
    # t1 must take it, so s1 (not a first-timer) is displaced by the quota,
    # not by the slot alone.
    cat >"$T/min.json" <<'EOF'
{"program": {"slots": 1},
 "orgs": [{"id": "xen"}],
 "mentors": [{"id": "m1"}, {"id": "m2"}],
 "ideas": [{"id": "a", "mentors": ["m1"], "org": "xen"}, {"id": "b", "mentors": ["m2"], "org": "xen"}],
 "students": [
  {"id": "s1", "attributes": {"first_time": false}, "applications": [{"idea": "a"}, {"idea": "b"}]},
  {"id": "t1", "attributes": {"first_time": true}, "applications": [{"idea": "b"}]}],
 "quotas": [{"id": "first-timers", "attribute": "first_time", "value": true, "per": "PER", "min": 1}]}
EOF
    echo '[{"student": "s1", "idea": "a", "mentor": "m1"}]' >"$T/minbase.json"
    for per in program org; do
        sed "s/PER/$per/" "$T/min.json" >"$T/min-$per.json"
        unit=
        [ $per = org ] && unit='org \"xen\", '
        run "$BIN" solve "$T/min-$per.json" --baseline "$T/minbase.json"
        expect_exit 0 "a quota's min per $per"
        json_check "$T/out" "$(cat "$T/same.py")"'
r = b["dropped"][0]["reason"]
assert r == "displaced: quota \"first-timers\" at its min 1 ('"$unit"'value true) keeps \"t1\" in its place; the program is full (slots 1)", r' \
            "a quota's min per $per: named with its unit and value"
    done
    run "$BIN" solve "$T/min-program.json" --baseline "$T/minbase.json" -f table
    expect_exit 0 "a quota's min, table"
    out_has 's1       displaced from "a": quota "first-timers" at its min 1 (value true) keeps "t1" in its place; the program is full (slots 1); not placed elsewhere: no room:' \
        "the table names the quota"
    ok "a quota's min: the displacement names the quota, its unit and value, and the holder"
    ;;
refuse)
    for s in greedy stable stable-optimal rank-maximal rsd lp; do
        run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" --strategy "$s"
        expect_exit 2 "--strategy $s --baseline"
        err_has '--baseline takes strategy "ilp" only' "--strategy $s refuses"
        [ "$(wc -l <"$T/err")" -eq 1 ] || fail "--strategy $s: one line"
        out_empty "--strategy $s --baseline"
    done
    ok "every other strategy refuses --baseline: exit 2, one line"
    run "$BIN" solve "$T/doc.json" --baseline "$T/base.json" -o "$T/base.json"
    expect_exit 2 "-o naming the baseline"
    ok "-o may not name the baseline"
    ;;
export)
    command -v glpsol >/dev/null 2>&1 || fail "glpsol is needed (glpk-utils)"
    edit score 'd["settings"] = {"objective": "score"}'
    for doc in doc score; do
        run "$BIN" export "$T/$doc.json" --baseline "$T/base.json" --lp "$T/m.lp" --mps "$T/m.mps"
        expect_exit 0 "export --baseline ($doc)"
        grep -q '^ baseline_kept: ' "$T/m.lp" || fail "$doc: the LP file has no row baseline_kept"
        run "$BIN" solve "$T/$doc.json" --baseline "$T/base.json" -o "$T/solved.json"
        expect_exit 0 "solve --baseline ($doc)"
        for fmt in lp mps; do
            flag=--$fmt
            [ $fmt = mps ] && flag=--freemps
            run glpsol $flag "$T/m.$fmt" -o "$T/sol.$fmt"
            expect_exit 0 "glpsol $flag ($doc)"
            python3 - "$T/sol.$fmt" "$T/solved.json" "$fmt" <<'EOF' || fail "$doc, $fmt: glpsol's optimum is not solve's score"
import json, re, sys
text = open(sys.argv[1]).read()
assert "INTEGER OPTIMAL" in text, text[:300]
opt = float(re.search(r"Objective:\s+\S+ = (\S+)", text).group(1))
want = json.load(open(sys.argv[2]))["objective"]["score"]
opt = -opt if sys.argv[3] == "mps" else opt
assert abs(opt - want) <= 1e-6 * max(1, abs(want)), (opt, want)
EOF
        done
    done
    ok "export --baseline: the baseline_kept row; glpsol finds solve's score in LP and MPS"
    ;;
*)
    echo "unknown group $GROUP" >&2
    exit 2
    ;;
esac
