#!/bin/sh
# Issue 16 items 3 and 5 (iss16-import): what check says of its INPUT.
#   test_check.sh MENTORMATCH SOURCE_DIR GROUP
# Groups:
#   advice  the warnings about what a valid document may not mean, exactly,
#           with exit 0; none where the document says what it means
#   csv     a CSV file given as INPUT: one line saying to use import, exit 1
#   stdin   INPUT '-' is standard input, for check and the other commands
# shellcheck shell=sh
BIN=$1
SRC=$2
GROUP=$3
SUITE=check
. "$SRC/tests/cli/lib.sh"

CASES=$SRC/tests/cases/input
EX=$SRC/examples

# expect_err LINE...: standard error is exactly these lines.
expect_err() {
    printf '%s\n' "$@" >"$T/want"
    cmp -s "$T/want" "$T/err" || fail "standard error is not as expected: $(diff "$T/want" "$T/err")"
}

# advise NAME LINE...: check of the case NAME exits 0 with exactly these lines
# (each prefixed with the case's path).
advise() {
    name=$1
    shift
    (cd "$CASES" && $TO "$BIN" check "$name.json" >"$T/out" 2>"$T/err" </dev/null)
    rc=$?
    last="(cd tests/cases/input && mentormatch check $name.json)"
    expect_exit 0 "$name"
    [ "$#" -eq 0 ] && { err_empty "$name"; return; }
    expect_err "$@"
}

group_advice() {
    advise advise_unrated 'advise_unrated.json: settings.default_rating: warning: 2 of 3 applications are unrated and default_rating is null: they get rating 0, the same as the lowest rating (1); set settings.default_rating (3 is the middle of the scale), or rate them'
    ok "unrated applications with default_rating null: one warning with the count and the fix"
    advise advise_unrated_min_rating \
        'advise_unrated_min_rating.json: settings.default_rating: warning: 2 of 3 applications are unrated and default_rating is null: with min_rating set they are not eligible; set settings.default_rating, or rate them' \
        'advise_unrated_min_rating.json: mentors[1].capacity: warning: mentor "m2" can lead no student: no idea they mentor has an eligible application; their capacity 1 is never used'
    ok "with min_rating, unrated applications are not eligible: said so"
    advise advise_unrated_default_set
    advise valid_base
    ok "a default_rating, or no rating at all: no warning"
    advise advise_idea_no_applicants \
        'advise_idea_no_applicants.json: ideas[1]: warning: no student applies to idea "i2": it stays empty' \
        'advise_idea_no_applicants.json: mentors[1].capacity: warning: mentor "m2" can lead no student: no idea they mentor has an eligible application; their capacity 1 is never used'
    ok "an idea nobody applies to; its mentor (capacity 0 is not warned)"
    advise advise_mentor_never_used \
        'advise_mentor_never_used.json: mentors[1].capacity: warning: mentor "m2" can lead no student: no idea they mentor has an eligible application; their capacity 2 is never used' \
        'advise_mentor_never_used.json: mentors[2].capacity: warning: mentor "m3" mentors no idea; their capacity 1 is never used'
    ok "a mentor whose ideas have no eligible application (max_rank), a mentor of no idea"
    advise advise_capacity_above_slots 'advise_capacity_above_slots.json: mentors[0].capacity: warning: capacity 3 can never be used in full: the ideas mentor "m1" mentors have 2 slots in all; lower the capacity or raise the slots'
    ok "a capacity above the slots of the mentor's ideas"
    run "$BIN" solve "$CASES/advise_unrated.json"
    expect_exit 0 "solve"
    err_empty "solve"
    ok "the advice is check's: solve does not repeat it"
}

group_csv() {
    mkdir "$T/sheets"
    run "$BIN" export --csv "$T/sheets" "$EX/xen-2015.json"
    expect_exit 0 "export --csv"
    run "$BIN" check "$T/sheets/ideas.csv"
    expect_exit 1 "check x.csv"
    expect_err "$T/sheets/ideas.csv: a CSV file, not a JSON input document; make the document with 'mentormatch import --dir DIR -o problem.json' (docs/csv-format.md)"
    out_empty "check x.csv"
    ok "check x.csv: one line saying to use import, exit 1"
    cp "$T/sheets/mentors.csv" "$T/mentors"
    run "$BIN" check "$T/mentors"
    expect_exit 1 "CSV by content"
    expect_err "$T/mentors: a CSV file, not a JSON input document; make the document with 'mentormatch import --dir DIR -o problem.json' (docs/csv-format.md)"
    run "$BIN" solve "$T/sheets/mentors.csv"
    expect_exit 1 "solve x.csv"
    expect_err "$T/sheets/mentors.csv: a CSV file, not a JSON input document; make the document with 'mentormatch import --dir DIR -o problem.json' (docs/csv-format.md)"
    ok "a CSV file without its extension, and solve of one: the same line"
    printf '{"mentors": [], "ideas": [], "students": []}\n' >"$T/doc.csv"
    run "$BIN" check "$T/doc.csv"
    expect_exit 0 "a document named .csv"
    ok "a JSON document named x.csv is read as one"
}

group_stdin() {
    $TO "$BIN" check "$EX/xen-2010-xcp.json" >"$T/file.out" 2>/dev/null
    cat "$EX/xen-2010-xcp.json" | $TO "$BIN" check - >"$T/out" 2>"$T/err"
    rc=$?
    last="cat xen-2010-xcp.json | mentormatch check -"
    expect_exit 0 "check -"
    expect_err '<stdin>: ideas[3]: warning: no student applies to idea "cli-query": it stays empty'
    sed '1s/.*/<stdin>: valid/' "$T/file.out" >"$T/want"
    cmp -s "$T/want" "$T/out" || fail "check -: not the summary of the file: $(diff "$T/want" "$T/out")"
    ok "cat doc.json | check -: the file's summary, named <stdin>"

    printf '{"mentors": [{"id": "m"}], "ideas": [], "students": [], "x": 1}' | $TO "$BIN" check --strict - >"$T/out" 2>"$T/err"
    rc=$?
    expect_exit 1 "check - invalid"
    expect_err '<stdin>: x: unknown key'
    ok "problems of standard input are placed at <stdin>"

    "$BIN" solve "$EX/xen-2015.json" >"$T/a.json" 2>/dev/null
    $TO "$BIN" solve - <"$EX/xen-2015.json" >"$T/b.json" 2>"$T/err"
    rc=$?
    expect_exit 0 "solve -"
    grep -v '"seconds"' "$T/a.json" >"$T/a"
    grep -v '"seconds"' "$T/b.json" >"$T/b"
    cmp -s "$T/a" "$T/b" || fail "solve - differs from solve FILE"
    ok "solve - reads standard input: the same result"

    sed -n '1,3p' "$SRC/tests/import/base/mentors.csv" | $TO "$BIN" check - >"$T/out" 2>"$T/err"
    rc=$?
    expect_exit 1 "CSV on standard input"
    expect_err "<stdin>: a CSV file, not a JSON input document; make the document with 'mentormatch import --dir DIR -o problem.json' (docs/csv-format.md)"
    ok "CSV on standard input: the same one line"
}

case $GROUP in
advice) group_advice ;;
csv) group_csv ;;
stdin) group_stdin ;;
*) echo "unknown group $GROUP" >&2; exit 2 ;;
esac
