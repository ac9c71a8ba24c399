#!/bin/sh
# Numbers that enter a score (issue 14, items 2 and 3; docs/input-format.md,
# "Number bounds" and "Eligibility"), against the real binary:
#
#   test_numbers.sh BINARY SOURCE_DIR GROUP
#
# GROUP is one of:
#   bounds      past a bound, solve and export refuse the document at the
#               number's place; at the bounds every score is finite, the
#               network flow, GLPK and auto agree, the table prints no nan,
#               and the LP file glpsol reads has the same optimum
#   thresholds  min_skill and min_rating with SPEC 4's 1e-9 tolerance, in
#               solve, and a failing value printed with the digits that put
#               it below the threshold, in solve's reasons and in evaluate
# Needs python3 (and glpsol for bounds); POSIX sh.
BIN=$1
SRC=$2
GROUP=$3
SUITE=numbers
. "$SRC/tests/cli/lib.sh"

CASES=$SRC/tests/cases/input

# Every number at its bound (two mentors of i1, so the flow has a choice).
bounds_document() {
    cat >"$T/bounds.json" <<'EOF'
{"settings": {"rating_scale": [-1e6, 1e6], "default_rating": -1e6, "min_rating": -1e6,
              "weights": {"rating": 1e6, "preference": 1e6, "skill": 1e6, "impact": 1e6}},
 "mentors": [{"id": "m1"}, {"id": "m2", "capacity": 2}],
 "ideas": [{"id": "i1", "mentors": ["m1", "m2"], "impact": 5, "requires": {"c": 5}},
           {"id": "i2", "mentors": ["m2"], "slots": 2, "impact": 1}],
 "students": [{"id": "s1", "skills": {"c": 5}, "applications": [{"idea": "i1"}, {"idea": "i2"}]},
              {"id": "s2", "skills": {"c": 2.5}, "applications": [{"idea": "i1"}, {"idea": "i2"}]},
              {"id": "s3", "applications": [{"idea": "i2"}]}],
 "ratings": [{"mentor": "m1", "student": "s1", "idea": "i1", "score": 1e6},
             {"mentor": "m2", "student": "s1", "idea": "i1", "score": 1e6},
             {"mentor": "m2", "student": "s2", "idea": "i1", "score": -1e6},
             {"mentor": "m2", "student": "s3", "idea": "i2", "score": 1e6}]}
EOF
}

group_bounds() {
    huge=$CASES/rating_scale_huge_mean_overflows.json
    run "$BIN" solve "$huge"
    expect_exit 1 "solve of issue 14's document"
    out_empty "solve of issue 14's document"
    err_has ": settings.rating_scale[1]: must be in [-1000000, 1000000], not 1.7e+308" \
        "solve of issue 14's document"
    err_has ": ratings[1].score: must be in [-1000000, 1000000], not 1.7e+308" \
        "solve of issue 14's document"
    ok "scale [-1.7e308, 1.7e308], ratings 1.7e308: solve exits 1 at each number's place"

    run "$BIN" export --lp "$T/huge.lp" "$huge"
    expect_exit 1 "export --lp of issue 14's document"
    [ -e "$T/huge.lp" ] && fail "export --lp of an invalid document wrote a file"
    ok "and export --lp exits 1 and writes nothing"

    bounds_document
    for solver in network glpk auto; do
        run "$BIN" solve --solver "$solver" -o "$T/$solver.json" "$T/bounds.json"
        expect_exit 0 "solve --solver $solver at the bounds"
        json_check "$T/$solver.json" '
o = d["objective"]["score"]
assert isinstance(o, float) or isinstance(o, int), "objective score %r" % o
for a in d["assignments"]:
    for v in [a["score"]] + list(a["components"].values()):
        assert isinstance(v, (int, float)) and math.isfinite(v), "%s: %r" % (a["student"], v)
# s1 on i1: every component 1 (4e6); s3 on i2: rating 1, preference 1,
# skill 1, impact 0 (3e6); s2 on i2 as well: rating default 0, preference
# 0.5, skill 1, impact 0 (1.5e6): 8.5e6 in all
assert d["objective"]["assigned"] == 3, d["objective"]
assert abs(o - 8.5e6) <= 1e-6 * 8.5e6, "objective %r, expected 8.5e6" % o
got = sorted((a["student"], a["idea"]) for a in d["assignments"])
assert got == [("s1", "i1"), ("s2", "i2"), ("s3", "i2")], got
' "solve --solver $solver at the bounds"
    done
    ok "at the bounds: finite scores, objective 8.5e6 from the network flow, GLPK and auto"

    run "$BIN" solve --format table "$T/bounds.json"
    expect_exit 0 "solve --format table at the bounds"
    grep -i -q nan "$T/out" && fail "the table at the bounds prints nan"
    out_has "8500000" "solve --format table at the bounds"
    ok "the table at the bounds prints the score, no nan"

    command -v glpsol >/dev/null 2>&1 || fail "glpsol is needed (Debian glpk-utils)"
    run "$BIN" export --lp "$T/bounds.lp" "$T/bounds.json"
    expect_exit 0 "export --lp at the bounds"
    grep -i -q nan "$T/bounds.lp" && fail "the LP file at the bounds holds nan"
    run glpsol --lp "$T/bounds.lp" -o "$T/bounds.sol"
    expect_exit 0 "glpsol --lp at the bounds"
    obj=$(sed -n 's/^Objective: *[^=]*= *\([-0-9.e+]*\).*/\1/p' "$T/bounds.sol")
    python3 -c "import sys; sys.exit(abs(float('$obj') - 8.5e6) > 8.5)" ||
        fail "glpsol's optimum of the LP file is '$obj', expected 8.5e6"
    ok "the LP file at the bounds has no nan, and glpsol finds the same optimum"
}

# s1: skill 0.6 / 6 meets min_skill 0.1; s2: 0.5999 / 6 does not; s3: rated
# 2e-9 below min_rating 3, s4: 0.5e-9 below (two ratings, mean 2.9999999995).
threshold_document() {
    cat >"$T/thresholds.json" <<'EOF'
{"settings": {"min_skill": 0.1, "min_rating": 3, "default_rating": 3, "weights": {"skill": 0}},
 "mentors": [{"id": "m", "capacity": 4}, {"id": "n"}],
 "ideas": [{"id": "a", "mentors": ["m"], "slots": 4, "requires": {"c": 3, "go": 3}},
           {"id": "b", "mentors": ["m"], "slots": 4}],
 "students": [{"id": "s1", "skills": {"c": 0.6}, "applications": [{"idea": "a"}]},
              {"id": "s2", "skills": {"c": 0.5999}, "applications": [{"idea": "a"}]},
              {"id": "s3", "applications": [{"idea": "b"}]},
              {"id": "s4", "applications": [{"idea": "b"}]}],
 "ratings": [{"mentor": "m", "student": "s3", "idea": "b", "score": 2.999999998},
             {"mentor": "m", "student": "s4", "idea": "b", "score": 3},
             {"mentor": "n", "student": "s4", "idea": "b", "score": 2.999999999}]}
EOF
}

group_thresholds() {
    threshold_document
    run "$BIN" solve -o "$T/result.json" "$T/thresholds.json"
    expect_exit 0 "solve with thresholds"
    json_check "$T/result.json" '
got = sorted((a["student"], a["idea"]) for a in d["assignments"])
assert got == [("s1", "a"), ("s4", "b")], "assigned %r, expected s1 on a and s4 on b" % got
why = {u["student"]: u["reason"] for u in d["unassigned"]}
assert why["s2"] == "no eligible application: \"a\" skill 0.09998 below min_skill 0.1", why["s2"]
assert why["s3"] == "no eligible application: \"b\" rating 2.999999998 below min_rating 3", why["s3"]
' "solve with thresholds"
    ok "skill 0.6/6 meets min_skill 0.1, a mean 0.5e-9 below min_rating 3 meets it"
    ok "0.5999/6 and 2e-9 below fail, the reasons show the digits that fail"

    printf '[{"student": "s2", "idea": "a"}, {"student": "s3", "idea": "b"}]\n' >"$T/given.json"
    run "$BIN" evaluate "$T/thresholds.json" "$T/given.json"
    err_has 'student "s2" on idea "a": skill 0.09998 below min_skill 0.1' "evaluate"
    err_has 'student "s3" on idea "b": rating 2.999999998 below min_rating 3' "evaluate"
    ok "evaluate names the same causes with the same digits"
}

case $GROUP in
    bounds) group_bounds ;;
    thresholds) group_thresholds ;;
    *) echo "test_numbers.sh: unknown group '$GROUP'" >&2; exit 2 ;;
esac
