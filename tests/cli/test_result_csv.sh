#!/bin/sh
# The result sheet's round trip (issue 16, items 1 and 2): `solve -f csv`
# writes one row per student; evaluate, diff and report read the sheet back,
# edited or not (docs/result-format.md, "The result sheet").
#
#   test_result_csv.sh BINARY EXAMPLES_DIR GROUP
#
# GROUP is one of: layout edit hostile malformed trip. Each group prints one
# "ok N - ..." line per check and exits 0 when all pass; on the first
# failure it prints what was expected and what came, and exits 1. Sheets
# are edited with python3's csv module, as a spreadsheet would save them.

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES_DIR GROUP" >&2
    exit 2
fi
BIN=$1
EX=$2
GROUP=$3
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $EX in /*) ;; *) EX=$(pwd)/$EX ;; esac
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL [$GROUP] python3 is needed to edit the sheets" >&2
    exit 1
fi

SUITE=rcsv
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

X15=$EX/xen-2015.json
X10=$EX/xen-2010-xcp.json
HEADER='student,student_name,idea,idea_title,org,mentor,mentor_name,co_mentors,rank,score,rating,preference,skill,impact,reason'

# edit SRC DST MOVE TO DROP: student MOVE onto idea TO (its mentor cell
# emptied), student DROP unassigned (idea and mentor emptied); "-" for none.
edit() {
    python3 - "$@" <<'EOF' || fail "editing $1"
import csv, sys
src, dst, move, to, drop = sys.argv[1:6]
rows = list(csv.reader(open(src, newline='', encoding='utf-8')))
for r in rows[1:]:
    if r[0] == move:
        r[2], r[5] = to, ''
    if r[0] == drop:
        r[2] = r[5] = ''
csv.writer(open(dst, 'w', newline='', encoding='utf-8')).writerows(rows)
EOF
}

# row FILE STUDENT: the sheet's line of STUDENT, as written.
row() {
    grep -e "^$2," "$1" | tr -d '\r'
}

group_layout() {
    run "$BIN" solve "$X15" -f csv
    expect_exit 0 "solve -f csv xen-2015"
    err_empty "solve -f csv xen-2015"
    cp "$T/out" "$T/15.csv"
    [ "$(head -n 1 "$T/15.csv" | tr -d '\r')" = "$HEADER" ] ||
        fail "expected the header $HEADER, got $(head -n 1 "$T/15.csv")"
    ok "the sheet's header: $HEADER"
    [ "$(wc -l <"$T/15.csv" | tr -d ' ')" = 121 ] || fail "expected 121 lines (header and 120 students)"
    tail -n +2 "$T/15.csv" | cut -d, -f1 >"$T/ids"
    python3 -c 'import json, sys; [print(s["id"]) for s in json.load(open(sys.argv[1]))["students"]]' "$X15" >"$T/want_ids"
    cmp -s "$T/ids" "$T/want_ids" || fail "expected one row per student in the input's order"
    ok "xen-2015: one row per student, assigned or not, in the input's order"
    want='s001,,mirage-pioneer,Various MirageOS Pioneer Projects,mirage,avsm,,dscott,1,4,1,1,1,0,'
    [ "$(row "$T/15.csv" s001)" = "$want" ] || fail "expected the row $want, got $(row "$T/15.csv" s001)"
    want='s004,,pv-9pfs,Enabling the 9P File System transport as a paravirt device,linux,wliu,Wei Liu,jgrall,2,0.925,0.125,0.8,0,0,'
    [ "$(row "$T/15.csv" s004)" = "$want" ] || fail "expected the row $want, got $(row "$T/15.csv" s004)"
    ok "xen-2015: assigned rows with idea, title, org, lead and co-mentors, rank, score, components"
    want='s002,,,,,,,,,,,,,,"no room: ""sched-params"" mentors at capacity, org ""xen"" slots used; ""quickdata"" org ""linux"" slots used"'
    [ "$(row "$T/15.csv" s002)" = "$want" ] || fail "expected the row $want, got $(row "$T/15.csv" s002)"
    "$BIN" solve "$X15" | grep -F -q -e '{"student": "s002", "reason": "no room: \"sched-params\" mentors at capacity, org \"xen\" slots used; \"quickdata\" org \"linux\" slots used"}' ||
        fail "expected the JSON result to give s002 the same reason"
    ok "xen-2015: an unassigned row holds the reason of the JSON result"

    run "$BIN" solve "$X10" -f csv
    expect_exit 0 "solve -f csv xen-2010-xcp"
    cp "$T/out" "$T/10.csv"
    [ "$(head -n 1 "$T/10.csv" | tr -d '\r')" = "$HEADER" ] || fail "xen-2010-xcp: header"
    want='s005,,guest-rpc,Guest RPC mechanism,xapi,jludlam,Jonathan Ludlam,dscott,4,1.95,0.375,0.4,0.3,1,'
    [ "$(row "$T/10.csv" s005)" = "$want" ] || fail "expected the row $want, got $(row "$T/10.csv" s005)"
    want='s002,,,,,,,,,,,,,,every applied idea filled'
    [ "$(row "$T/10.csv" s002)" = "$want" ] || fail "expected the row $want, got $(row "$T/10.csv" s002)"
    ok "xen-2010-xcp: an assigned row and an unassigned one with its reason"

    for ex in "$X15" "$X10"; do
        "$BIN" solve "$ex" >"$T/r.json" || fail "solve $ex"
        "$BIN" solve "$ex" -f csv >"$T/r.csv" || fail "solve -f csv $ex"
        msg=$(python3 - "$T/r.csv" "$T/r.json" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
res = json.load(open(sys.argv[2]))
A = {a['student']: a for a in res['assignments']}
U = {u['student']: u['reason'] for u in res['unassigned']}
for r in rows:
    a = A.get(r['student'])
    if a:
        got = [r['idea'], r['mentor'], int(r['rank'])] + [float(r[k]) for k in ('score', 'rating', 'preference', 'skill', 'impact')]
        want = [a['idea'], a['mentor'], a['rank'], a['score']] + [a['components'][k] for k in ('rating', 'preference', 'skill', 'impact')]
        if got != want or r['reason']:
            sys.exit('row %r, assignment %r' % (r, a))
    elif r['reason'] != U[r['student']] or r['idea']:
        sys.exit('row %r, reason %r' % (r, U.get(r['student'])))
print('%d rows' % len(rows))
EOF
        ) || fail "$ex: the sheet differs from the JSON result: $msg"
        ok "$(basename "$ex"): every row as the JSON result has it, numbers to the digit ($msg)"
    done
}

group_edit() {
    for name in xen-2015 xen-2010-xcp; do
        "$BIN" solve "$EX/$name.json" >"$T/$name.json" || fail "solve $name"
        "$BIN" solve "$EX/$name.json" -f csv >"$T/$name.csv" || fail "solve -f csv $name"
        run "$BIN" evaluate "$EX/$name.json" "$T/$name.csv" -f table
        expect_exit 0 "evaluate $name on its own sheet"
        out_has "evaluation: feasible, 0 violations" "evaluate $name on its own sheet"
        run "$BIN" diff "$T/$name.json" "$T/$name.csv"
        expect_exit 0 "diff $name JSON and sheet"
        out_has "no student moved" "diff $name JSON and sheet"
        ok "$name: the sheet evaluates as the optimum and diffs as the JSON result"
    done

    # xen-2015: s001 onto sched-params, its mentor left to evaluate; s004 unassigned.
    edit "$T/xen-2015.csv" "$T/e15.csv" s001 sched-params s004
    run "$BIN" evaluate "$X15" "$T/e15.csv" -f table
    expect_exit 3 "evaluate the edited xen-2015 sheet"
    out_has "evaluation: infeasible, 4 violations; optimum 8, 24.6705; gap 1, 4.3250" "evaluate e15"
    err_has "$T/e15.csv:113: mentor capacity: mentor \"gdunlap\" load 3, capacity 2 (row 2, row 10, row 113)" "evaluate e15"
    err_has "$T/e15.csv: min_load: mentor \"wliu\" load 0, min_load 1" "evaluate e15"
    err_has "$T/e15.csv:113: org slots: org \"xen\" filled 5, slots 4 (row 2, row 10, row 57, row 69, row 113)" "evaluate e15"
    err_has "$T/e15.csv:5: fixed pair: fixed[0] (student \"s004\", idea \"pv-9pfs\") is not assigned" "evaluate e15"
    ok "xen-2015 edited (a move, an unassignment): exit 3, each violation at its row"
    run "$BIN" diff "$T/xen-2015.json" "$T/e15.csv"
    expect_exit 0 "diff xen-2015 JSON and its edit"
    out_has "  s004  pv-9pfs  mentor wliu  rank 2  score 0.9250" "diff e15"
    out_has "  s001  mirage-pioneer  mentor avsm  rank 1  score 4.0000  ->  sched-params  mentor   rank 1  score 4.0000" "diff e15"
    out_has "summary: 2 students moved; assigned 8 -> 7 (-1)" "diff e15"
    ok "xen-2015: diff of the JSON result and the edited sheet names both students"

    # xen-2010-xcp: s060 unassigned is feasible; s012 moved breaks its fixed pair.
    edit "$T/xen-2010-xcp.csv" "$T/f10.csv" - - s060
    run "$BIN" evaluate "$X10" "$T/f10.csv" -f table
    expect_exit 0 "evaluate xen-2010-xcp with s060 unassigned"
    out_has "evaluation: feasible, 0 violations; optimum 9, 33.8550; gap 1, 4.1250" "evaluate f10"
    ok "xen-2010-xcp with one student unassigned: feasible, the gap to the optimum"
    edit "$T/xen-2010-xcp.csv" "$T/e10.csv" s012 xen-features s005
    run "$BIN" evaluate "$X10" "$T/e10.csv" -f csv
    expect_exit 3 "evaluate the edited xen-2010-xcp sheet"
    err_has "$T/e10.csv:6: fixed pair: fixed[0] (student \"s005\", idea \"guest-rpc\") is not assigned" "evaluate e10"
    err_has "$T/e10.csv:13: fixed pair: fixed[1] puts student \"s012\" on idea \"drbd\", not \"xen-features\"" "evaluate e10"
    want='s012,,xen-features,Expose new xen features,xapi,jludlam,Jonathan Ludlam,,3,1.53181818181818,0.125,0.6,0.181818181818182,1,'
    [ "$(row "$T/out" s012)" = "$want" ] ||
        fail "evaluate -f csv: expected s012 on xen-features with its rank recomputed, got $(row "$T/out" s012)"
    ok "xen-2010-xcp edited: the fixed pairs broken at their rows; evaluate -f csv recomputes the row"
    cp "$T/out" "$T/checked.csv"
    run "$BIN" report "$X10" "$T/xen-2010-xcp.json" "$T/e10.csv" -o "$T/page.html"
    expect_exit 0 "report from the JSON result and the edited sheet"
    grep -q 'e10.csv' "$T/page.html" || fail "report: expected the sheet named in the page"
    grep -q 'xen-features' "$T/page.html" || fail "report: expected s012's new idea in the page"
    ok "report reads the edited sheet beside the JSON result"
}

group_hostile() {
    cat >"$T/h.json" <<'EOF'
{
  "mentors": [{"id": "=m1", "name": "Doe, Jane", "capacity": 3}, {"id": "m\"q", "name": "+SUM(A1)"}],
  "ideas": [
    {"id": "@i1", "title": "=HYPERLINK(\"http://x\")", "mentors": ["=m1"], "slots": 3},
    {"id": "big, idea", "title": "line\nbreak", "mentors": ["m\"q", "=m1"]}
  ],
  "students": [
    {"id": "=1+2", "name": "-3", "applications": [{"idea": "@i1"}]},
    {"id": "'quoted", "name": "\ttab", "applications": [{"idea": "@i1"}]},
    {"id": "Smith, Ann", "name": "say \"hi\"", "applications": [{"idea": "big, idea"}]},
    {"id": "+plus", "applications": [{"idea": "@i1"}]},
    {"id": "zz-left", "applications": [{"idea": "big, idea"}]}
  ],
  "ratings": [{"mentor": "m\"q", "student": "Smith, Ann", "idea": "big, idea", "score": 5}]
}
EOF
    run "$BIN" solve "$T/h.json" -f csv
    expect_exit 0 "solve -f csv hostile names"
    cp "$T/out" "$T/h.csv"
    msg=$(python3 - "$T/h.csv" <<'EOF'
import csv, sys
rows = {r['student']: r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))}
want = {"'=1+2": ("'-3", "'@i1", "'=HYPERLINK(\"http://x\")", "'=m1", 'Doe, Jane'),
        "''quoted": ("'\ttab", "'@i1", "'=HYPERLINK(\"http://x\")", "'=m1", 'Doe, Jane'),
        'Smith, Ann': ('say "hi"', 'big, idea', 'line\nbreak', 'm"q', "'+SUM(A1)"),
        "'+plus": ('', "'@i1", "'=HYPERLINK(\"http://x\")", "'=m1", 'Doe, Jane')}
for s, cells in want.items():
    r = rows.get(s)
    got = r and (r['student_name'], r['idea'], r['idea_title'], r['mentor'], r['mentor_name'])
    if got != cells:
        sys.exit('%r: expected %r, got %r' % (s, cells, got))
if rows['Smith, Ann']['co_mentors'] != '\\=m1' or rows['zz-left']['reason'] != 'every applied idea filled':
    sys.exit('co_mentors or reason: %r' % rows)
print('ok')
EOF
    ) || fail "hostile names in the sheet: $msg"
    ok "formula prefixes get one leading ', quotes, commas and line breaks are quoted"
    run "$BIN" evaluate "$T/h.json" "$T/h.csv" -f table
    expect_exit 0 "evaluate the hostile sheet"
    out_has "status optimal, 4 of 5 students assigned" "evaluate the hostile sheet"
    "$BIN" solve "$T/h.json" >"$T/h.res.json" || fail "solve hostile"
    run "$BIN" diff "$T/h.res.json" "$T/h.csv"
    expect_exit 0 "diff hostile"
    out_has "no student moved" "diff hostile"
    ok "the hostile sheet reads back as the same assignment (evaluate optimal, diff: no move)"
}

# The whole trip, for each example: its CSV export saved by a spreadsheet
# with semicolons, imported (the delimiter detected), solved to a sheet that
# is the example's own, the sheet edited (its first placed student
# unassigned), the edit evaluated; and the export with mentors.csv saved as
# Latin-1, refused in one line that says how to save it as UTF-8.
group_trip() {
    for name in xen-2015 xen-2010-xcp; do
        mkdir -p "$T/$name" "$T/$name-semi" "$T/$name-latin1"
        "$BIN" export "$EX/$name.json" --csv "$T/$name/csv" || fail "export --csv $name"
        python3 - "$T/$name/csv" "$T/$name-semi" <<'EOF' || fail "rewriting $name with semicolons"
import csv, os, sys
src, dst = sys.argv[1:3]
for f in os.listdir(src):
    rows = list(csv.reader(open(os.path.join(src, f), newline='', encoding='utf-8')))
    csv.writer(open(os.path.join(dst, f), 'w', newline='', encoding='utf-8'),
               delimiter=';', lineterminator='\r\n').writerows(rows)
EOF
        run "$BIN" import --dir "$T/$name-semi" -o "$T/$name-doc.json"
        expect_exit 0 "import $name with semicolons"
        "$BIN" solve "$EX/$name.json" -f csv >"$T/$name-want.csv" || fail "solve $name"
        run "$BIN" solve "$T/$name-doc.json" -f csv
        expect_exit 0 "solve the imported $name to a sheet"
        cmp -s "$T/out" "$T/$name-want.csv" ||
            fail "$name: the imported document's sheet differs from the example's"
        cp "$T/out" "$T/$name-trip.csv"
        placed=$(python3 -c 'import csv,sys; print(next(r[0] for r in list(csv.reader(open(sys.argv[1])))[1:] if r[2]))' "$T/$name-trip.csv")
        edit "$T/$name-trip.csv" "$T/$name-edit.csv" - - "$placed"
        run "$BIN" evaluate "$T/$name-doc.json" "$T/$name-edit.csv" -f table
        [ "$rc" = 0 ] || [ "$rc" = 3 ] || fail "$name: evaluate of the edit exited $rc"
        out_has "evaluation: " "evaluate $name's edited sheet"
        out_has "gap 1," "evaluate $name's edited sheet: one student fewer than the optimum"
        ok "$name: export, semicolons, import, solve to a sheet, edit ($placed unassigned), evaluate"
        cp -r "$T/$name/csv/." "$T/$name-latin1/"
        python3 - "$T/$name-latin1/mentors.csv" <<'EOF' || fail "latin-1 copy"
import sys
p = sys.argv[1]
rows = open(p, encoding='utf-8').read().splitlines()
rows.append('zz,Z\u00e9lie,1,0')
open(p, 'w', encoding='latin-1', newline='\n').write('\n'.join(rows) + '\n')
EOF
        run "$BIN" import --dir "$T/$name-latin1" -o "$T/$name-l1.json"
        expect_exit 1 "import $name with a Latin-1 mentors.csv"
        [ "$(wc -l <"$T/err")" -eq 1 ] || fail "$name Latin-1: expected one line, got $(cat "$T/err")"
        err_has "mentors.csv:" "$name Latin-1"
        err_has "not UTF-8: byte 0xE9 is Latin-1 or Windows-1252 text; save the file as 'CSV UTF-8' in Excel" "$name Latin-1"
        [ ! -e "$T/$name-l1.json" ] || fail "$name Latin-1: a document was written"
        ok "$name: a Latin-1 mentors.csv is one message saying how to save it as UTF-8"
    done
}

group_malformed() {
    "$BIN" solve "$X15" -f csv >"$T/s.csv" || fail "solve -f csv"
    printf 'student,project\r\ns001,mirage-pioneer\r\n' >"$T/m1.csv"
    run "$BIN" evaluate "$X15" "$T/m1.csv"
    expect_exit 1 "evaluate, no idea column"
    out_empty "evaluate, no idea column"
    err_has "$T/m1.csv:1: no column 'idea': an assignment sheet needs the columns 'student' and 'idea' (as solve --format csv writes them); the header row holds 'student', 'project'" "no idea column"
    run "$BIN" diff "$T/s.csv" "$T/m1.csv"
    expect_exit 1 "diff, no idea column"
    err_has "$T/m1.csv:1: no column 'idea'" "diff, no idea column"
    ok "a sheet without an idea column: exit 1, the header found listed"

    sed 's/^s001,/S001,/; s/^s004,,pv-9pfs,/s004,,pv-9pf,/' "$T/s.csv" >"$T/m2.csv"
    run "$BIN" evaluate "$X15" "$T/m2.csv"
    expect_exit 3 "evaluate, unknown ids"
    err_has "$T/m2.csv:2: column 'student': unknown student \"S001\"; did you mean \"s001\"?" "unknown student"
    err_has "$T/m2.csv:5: column 'idea': unknown idea \"pv-9pf\"; did you mean \"pv-9pfs\"?" "unknown idea"
    ok "unknown student and idea: exit 3, at row and column, the nearest id suggested"

    { cat "$T/s.csv"; grep '^s001,' "$T/s.csv"; } >"$T/m3.csv"
    run "$BIN" evaluate "$X15" "$T/m3.csv"
    expect_exit 3 "evaluate, a student twice"
    err_has "$T/m3.csv:122: one idea per student: student \"s001\" is already listed at row 2: keep one row per student" "twice"
    run "$BIN" diff "$T/s.csv" "$T/m3.csv"
    expect_exit 1 "diff, a student twice"
    err_has "$T/m3.csv:122: column 'student': student \"s001\" is listed twice (rows 2 and 122): keep one row per student" "diff twice"
    ok "a student on two rows: evaluate exit 3 (one idea per student), diff exit 1"

    printf 'student,idea\ns001,"mirage"x\n' >"$T/m4.csv"
    run "$BIN" evaluate "$X15" "$T/m4.csv"
    expect_exit 1 "evaluate, misplaced quote"
    err_has "$T/m4.csv:2: column 'idea': misplaced quote" "misplaced quote"
    printf 'student,idea,rank\ns001,mirage-pioneer,first\n' >"$T/m5.csv"
    run "$BIN" diff "$T/s.csv" "$T/m5.csv"
    expect_exit 1 "diff, a rank that is not one"
    err_has "$T/m5.csv:2: column 'rank': 'first' is not a rank: a whole number from 1 (the student's choice), or leave the cell empty" "bad rank"
    printf 'student,idea\ns001,mirage-pioneer\n' >"$T/m6.csv"
    run "$BIN" report "$X15" "$T/m6.csv"
    expect_exit 1 "report, no mentor for a two-mentor idea"
    err_has "$T/m6.csv:2: column 'mentor': idea \"mirage-pioneer\": more than one of its mentors may lead the student; name one in column 'mentor'" "report mentor"
    ok "a misplaced quote, a rank in words, a missing lead: each at its row and column, exit 1"

    # A hand-made sheet: BOM, semicolons, CRLF, quoted cells, columns renamed in case and extra.
    printf '\357\273\277Name;Student;Idea;Mentor;Note\r\nx;"s001";mirage-pioneer;dscott;ok\r\ny;s011;"mirage-pioneer";;\r\n' >"$T/m7.csv"
    run "$BIN" evaluate "$X15" "$T/m7.csv" -f table
    expect_exit 3 "evaluate a semicolon sheet"
    out_has "status infeasible, 1 of 120 students assigned" "semicolon sheet"
    out_has "s001     mirage-pioneer  dscott  1     4.0000" "semicolon sheet"
    err_has "$T/m7.csv:3: column 'mentor': lead mentor: none given, and idea \"mirage-pioneer\" has 2 mentors who may lead student \"s011\"; name one" "semicolon sheet"
    err_has "$T/m7.csv: fixed pair: fixed[0] (student \"s004\", idea \"pv-9pfs\") is not assigned" "semicolon sheet"
    ok "a semicolon-separated sheet with BOM, CRLF, quotes, renamed and extra columns reads; a missing lead named"
}

echo "mentormatch result sheet tests, group $GROUP: $BIN"
case $GROUP in
    layout) group_layout ;;
    edit) group_edit ;;
    hostile) group_hostile ;;
    malformed) group_malformed ;;
    trip) group_trip ;;
    *)
        echo "unknown group '$GROUP' (layout edit hostile malformed)" >&2
        exit 2
        ;;
esac
echo "PASS $GROUP: $N checks"
exit 0
