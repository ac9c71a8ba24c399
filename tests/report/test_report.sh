#!/bin/sh
# Tests of `mentormatch report` and `solve --report`.
#
#   test_report.sh BINARY EXAMPLES_DIR GROUP
#
# Groups without a browser: usage, errors, html (strict parse of the
# examples' reports and of a hostile instance; tests/report/check_html.py),
# quotas (issue 17: the Quotas section, binding and broken cells).
# Groups in headless Chromium, which exit 77 (skipped) when it is not
# installed: screenshot (the 2015 example's report is not blank,
# tests/report/check_png.py), phone (nothing wider than a phone), print (a
# PDF of several pages, with text), dom (the browser's own parse of the
# hostile report has no script and shows every string as text).
# Each check prints "ok N - ..."; the first failure prints what was
# expected and what came, and exits 1. POSIX sh (runs under dash).

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES_DIR GROUP" >&2
    echo "groups: usage errors html quotas screenshot phone print dom" >&2
    exit 2
fi

BIN=$1
EX=$2
GROUP=$3
HERE=$(cd "$(dirname "$0")" && pwd)

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $EX in /*) ;; *) EX=$(pwd)/$EX ;; esac

if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL [$GROUP] python3 is needed to check the pages" >&2
    exit 1
fi

SUITE=report
. "$HERE/../cli/lib.sh"

E15=$EX/xen-2015.json
E10=$EX/xen-2010-xcp.json
HOSTILE=$HERE/hostile.json

# The strings of hostile.json that must come out as text, as they are.
hostile_texts() {
    cat <<'EOF'
<script>alert(1)</script>
Tom & Jerry "quotes" 'single'
王芳
改进构建系统
נועה לוי
عمر
أميرة عبد الله
Mallory "><img src=x onerror=alert(1)>
Fix </td></tr></table> & friends
See https://example.org/x and //cdn.example/y.js
<style>body{background:url(//evil.example/x)}</style>
s&amp;
Org <b>bold</b> 'quoted'
GSoC </title><script>alert(1)</script> & "friends": matching report
EOF
}

# check_page PAGE [ARGS...]: the strict parser on PAGE (check_html.py).
check_page() {
    last="check_html.py $*"
    python3 "$HERE/check_html.py" "$@" >"$T/check" 2>&1
    rc=$?
    cp "$T/check" "$T/err"
    : >"$T/out"
    [ "$rc" -eq 0 ] || fail "the strict parser rejects $1"
}

# check_hostile PAGE: check_page with every hostile string expected as text.
check_hostile() {
    page=$1
    shift
    set -- "$page" "$@"
    while IFS= read -r text; do
        set -- "$@" --text "$text"
    done <<EOF
$(hostile_texts)
EOF
    check_page "$@"
}

# solved EXAMPLE STRATEGY: its result document, solved once, as $T/NAME-STRATEGY.json.
solved() {
    doc=$T/$(basename "$1" .json)-$2.json
    [ -f "$doc" ] && return 0
    run "$BIN" solve --strategy "$2" "$1" -o "$doc"
    expect_exit 0 "solve --strategy $2 $(basename "$1")"
}

# ------------------------------------------------------------------- groups

group_usage() {
    solved "$E15" ilp

    run "$BIN" report
    expect_exit 2 "report with no file"
    out_empty "report with no file"
    err_has "expects INPUT and at least one RESULT, got 0 files" "report with no file"
    ok "report with no file: exit 2"

    run "$BIN" report "$E15"
    expect_exit 2 "report with INPUT only"
    err_has "got 1 file" "report with INPUT only"
    ok "report with INPUT only: exit 2"

    run "$BIN" report --frob "$E15" "$doc"
    expect_exit 2 "report --frob"
    err_has "unknown option '--frob'" "report --frob"
    ok "report with an unknown option: exit 2"

    run "$BIN" report "$E15" "$doc" -o
    expect_exit 2 "report -o without a value"
    err_has "needs a value" "report -o without a value"
    ok "report -o without a value: exit 2"

    run "$BIN" report --help
    expect_exit 0 "report --help"
    out_has "usage: mentormatch report [options] INPUT RESULT..." "report --help"
    out_has "no external URL" "report --help"
    ok "report --help: exit 0, usage on standard output"

    run "$BIN" --help
    out_has "report" "mentormatch --help"
    ok "mentormatch --help lists report"

    run "$BIN" solve --help
    out_has "--report FILE" "solve --help"
    ok "solve --help documents --report"

    run "$BIN" report "$E15" "$doc" -o "$E15"
    expect_exit 2 "report -o INPUT"
    err_has "refusing to write the output over the input" "report -o INPUT"
    ok "report -o INPUT: refused, exit 2"

    cp "$doc" "$T/result-copy.json"
    run "$BIN" report "$E15" "$doc" "$T/result-copy.json" -o "$T/result-copy.json"
    expect_exit 2 "report -o RESULT"
    err_has "refusing to write the report over the result" "report -o RESULT"
    cmp -s "$doc" "$T/result-copy.json" || fail "report -o RESULT changed the result"
    ok "report -o RESULT: refused, exit 2, the result unchanged"

    run "$BIN" report "$E15" "$doc"
    expect_exit 0 "report to standard output"
    err_empty "report to standard output"
    head -c 15 "$T/out" | grep -q '<!DOCTYPE html>' || fail "the page does not start with <!DOCTYPE html>"
    tail -c 8 "$T/out" | grep -q '</html>' || fail "the page does not end with </html>"
    ok "report with no -o: the page on standard output, nothing on standard error"
}

# bad_doc KIND: a copy of the 2015 ilp result with one thing broken, as $T/bad-KIND.json.
bad_doc() {
    python3 - "$E15" "$doc" "$T/bad-$1.json" "$1" <<'EOF'
import json, sys
inp, src, dst, kind = sys.argv[1:]
d = json.load(open(src))
problem = json.load(open(inp))
a = d["assignments"]
if kind == "ids":
    a[0]["student"] = "nobody"
    a[1]["idea"] = "no-idea"
    a[3]["mentor"] = "no-mentor"
    student = next(s for s in problem["students"] if s["id"] == a[2]["student"])
    applied = {app["idea"] for app in student["applications"]}
    a[2]["idea"] = next(i["id"] for i in problem["ideas"] if i["id"] not in applied)
    a[4]["mentor"] = "kwilk"        # a known mentor, not of this idea
elif kind == "types":
    d["status"] = 7
    d["unassigned"][0]["reason"] = ["x"]
    d["stats"]["seconds"] = "fast"
elif kind == "shape":
    del d["metrics"]
json.dump(d, open(dst, "w"))
EOF
    [ $? -eq 0 ] || fail "building the $1 case"
}

group_errors() {
    solved "$E15" ilp
    for kind in ids types shape; do
        bad_doc "$kind"
    done

    echo keep >"$T/keep.html"
    run "$BIN" report "$E15" "$T/bad-ids.json" -o "$T/keep.html"
    expect_exit 1 "report of a result of another input"
    for place in "assignments[0].student: unknown student \"nobody\": not in the input" \
        "assignments[1].idea: unknown idea \"no-idea\": not in the input" \
        "assignments[2].idea: idea \"" "the student did not apply to it" \
        "assignments[3].mentor: unknown mentor \"no-mentor\"" \
        "assignments[4].mentor: mentor \"kwilk\": not a mentor of this idea"; do
        err_has "$place" "report of a result of another input"
    done
    [ "$(cat "$T/keep.html")" = keep ] || fail "a failed report changed the -o file"
    [ "$(ls -A "$T" | grep -c '^keep\.html\.tmp')" -eq 0 ] || fail "a failed report left a temporary file"
    ok "a result that is not of INPUT: exit 1, each mismatch named with its place, -o untouched"

    run "$BIN" report "$E15" "$T/bad-types.json" "$T/bad-shape.json" "$T/missing.json"
    expect_exit 1 "report of broken documents"
    out_empty "report of broken documents"
    err_has "bad-types.json: status: must be a string, not a number" "report of broken documents"
    err_has "bad-types.json: unassigned[0].reason: must be a string" "report of broken documents"
    err_has "bad-types.json: stats.seconds: must be a number" "report of broken documents"
    err_has "bad-shape.json: metrics: missing" "report of broken documents"
    err_has "missing.json: cannot open" "report of broken documents"
    ok "three broken RESULT files: exit 1, every problem of each named in one run"

    printf '{"students": [' >"$T/trunc.json"
    run "$BIN" report "$T/trunc.json" "$doc"
    expect_exit 1 "report with a truncated INPUT"
    err_has "trunc.json:1:" "report with a truncated INPUT"
    ok "a truncated INPUT: exit 1, line and column named"

    if [ -w /dev/full ]; then
        run "$BIN" report "$E15" "$doc" -o /dev/full
        expect_exit 70 "report -o /dev/full"
        ok "report -o /dev/full: exit 70"
    fi
}

group_html() {
    for ex in "$E15" "$E10"; do
        name=$(basename "$ex" .json)
        solved "$ex" ilp
        run "$BIN" report "$ex" "$doc" -o "$T/$name.html"
        expect_exit 0 "report of $name"
        check_page "$T/$name.html" --result "$doc"
        ok "$name: the page passes the strict parser and shows the result's data"

        # solve --report and report of the same run make the same page: loads,
        # fills, metrics counted back from the document are the solver's.
        mkdir -p "$T/same" && cp "$doc" "$T/same/ilp"
        run "$BIN" report "$ex" "$T/same/ilp" -o "$T/a.html"
        expect_exit 0 "report of $name (as 'ilp')"
        run "$BIN" solve -q "$ex" -o "$T/same/solved.json" --report "$T/b.html"
        expect_exit 0 "solve --report of $name"
        python3 - "$T/same/ilp" "$T/same/solved.json" "$T/a.html" "$T/b.html" <<'EOF' || fail "solve --report and report of $name differ"
import json, re, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
pa, pb = (open(p, encoding="utf-8").read() for p in sys.argv[3:5])
# Only the run time may differ between two solves.
times = re.compile(r"(&lt; 1 ms|[0-9.]+ (ms|s))</b><span>time")
if times.sub("T", pa) != times.sub("T", pb):
    sys.exit("pages differ beyond the time")
EOF
        ok "$name: solve --report writes the page report writes of its result"
    done

    for s in greedy stable rsd; do
        solved "$E15" "$s"
    done
    ilp=$T/xen-2015-ilp.json
    "$BIN" evaluate "$E15" "$T/xen-2015-rsd.json" >"$T/given.json" 2>/dev/null
    run "$BIN" report "$E15" "$ilp" "$T/xen-2015-greedy.json" "$T/xen-2015-stable.json" \
        "$T/xen-2015-rsd.json" "$T/given.json" -o "$T/cmp.html"
    expect_exit 0 "report of five results"
    check_page "$T/cmp.html" --result "$ilp" --label xen-2015-ilp.json --label xen-2015-greedy.json \
        --label xen-2015-stable.json --label xen-2015-rsd.json --label given.json \
        --text greedy --text stable --text rsd --text given
    ok "five results of 2015 (four strategies and evaluate's): a column each"

    python3 - "$T/cmp.html" "$ilp" "$T/xen-2015-stable.json" <<'EOF' || fail "the comparison's numbers"
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
ilp, stable = (json.load(open(p)) for p in sys.argv[2:4])
row = lambda name: re.findall(r"<td class=\"n[^\"]*\">([^<]*)</td>",
                              page.split("<tr><th>%s</th>" % name)[1].split("</tr>")[0])
assert row("blocking pairs")[2] == "0", row("blocking pairs")          # stable is stable
assert row("blocking pairs")[0] == str(ilp["metrics"]["blocking_pairs"]), row("blocking pairs")
assert row("assigned") == [str(ilp["metrics"]["assigned"])] * 5, row("assigned")
assert row("mean rank")[2] == "%.2f" % stable["metrics"]["mean_rank"], row("mean rank")
best = re.search(r"<tr><th>score</th><td class=\"n best\">", page)
assert best, "ilp's score, the highest, is not marked best"
EOF
    ok "the comparison's numbers are the results' (blocking pairs, assigned, mean rank, best score)"

    run "$BIN" report "$E15" "$T/xen-2015-rsd.json" "$ilp" -o "$T/cmp2.html"
    cmp -s "$T/cmp2.html" "$T/cmp.html" && fail "the order of RESULT files does not matter"
    run "$BIN" report "$E15" "$T/xen-2015-rsd.json" "$ilp" -o "$T/cmp3.html"
    cmp -s "$T/cmp2.html" "$T/cmp3.html" || fail "the same report twice differs"
    ok "same files, same bytes; the first RESULT is the one detailed"

    echo '[]' >"$T/none.json"
    "$BIN" evaluate "$E15" "$T/none.json" >"$T/nobody.json" 2>/dev/null
    run "$BIN" report "$E15" "$T/nobody.json" -o "$T/nobody.html"
    expect_exit 0 "report of an empty assignment"
    check_page "$T/nobody.html" --result "$T/nobody.json" --text "Nobody is assigned." \
        --text "below min_load 1" --text "infeasible"
    ok "nobody assigned (evaluate of []): the page says so, mentors below min_load flagged"

    run "$BIN" solve -q "$HOSTILE" -o "$T/hostile.json"
    expect_exit 0 "solve hostile.json"
    cp "$T/hostile.json" "$T/a&b<i>.json"
    run "$BIN" report "$HOSTILE" "$T/hostile.json" "$T/a&b<i>.json" -o "$T/hostile.html"
    expect_exit 0 "report of hostile.json"
    check_hostile "$T/hostile.html" --result "$T/hostile.json" --label "a&b<i>.json" \
        --text "late" --text "Late <!-- comment --> �bell"
    ok "hostile names, ids, titles, file names: escaped, shown as text, no script, no URL"

    # The checker itself: the same page with one escape undone must fail.
    sed 's/&lt;script&gt;alert(1)&lt;\/script&gt;/<script>alert(1)<\/script>/' \
        "$T/hostile.html" >"$T/unescaped.html"
    if python3 "$HERE/check_html.py" "$T/unescaped.html" >"$T/check" 2>&1; then
        last="check_html.py unescaped.html"
        fail "the strict parser accepts a page with a <script> element"
    fi
    grep -q "forbidden tag <script>" "$T/check" || fail "the checker did not name the script"
    sed 's/<\/td><\/tr>/<\/tr>/' "$T/hostile.html" >"$T/unbalanced.html"
    python3 "$HERE/check_html.py" "$T/unbalanced.html" >/dev/null 2>&1 &&
        fail "the strict parser accepts unbalanced tags"
    ok "the strict parser rejects an unescaped script and unbalanced tags"
}

# ----------------------------------------------------------------- browser

CHROMIUM=
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        CHROMIUM=$c
        break
    fi
done

need_browser() {
    if [ -z "$CHROMIUM" ]; then
        echo "SKIP [$GROUP]: chromium is not installed (sh scripts/setup.sh --test installs it)"
        exit 77
    fi
}

# browser ARGS... URL: headless Chromium, cut off from the network it would
# otherwise wait for, in a fresh profile; the timeout comes from `run`.
browser() {
    profile=$(mktemp -d "$T/profile.XXXXXX")
    run "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" "$@"
}

# check_png PNG ARGS...: check_png.py; its verdict is the test's.
check_png() {
    last="check_png.py $*"
    python3 "$HERE/check_png.py" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    [ "$rc" -eq 0 ] || fail "the screenshot $(basename "$1") looks blank or broken"
    sed 's/^/  /' "$T/out"
}

# page_of EXAMPLE: its report with the four strategies compared, as $T/NAME.html.
page_of() {
    name=$(basename "$1" .json)
    for s in ilp greedy stable rsd; do
        solved "$1" "$s"
    done
    run "$BIN" report "$1" "$T/$name-ilp.json" "$T/$name-greedy.json" "$T/$name-stable.json" \
        "$T/$name-rsd.json" -o "$T/$name.html"
    expect_exit 0 "report of $name"
    page=$T/$name.html
}

group_screenshot() {
    need_browser
    for ex in "$E15" "$E10"; do
        page_of "$ex"
        browser --screenshot="$T/$name.png" --window-size=1200,2000 "file://$page"
        expect_exit 0 "chromium --screenshot of $name"
        [ -s "$T/$name.png" ] || fail "chromium wrote no screenshot"
        # The bars of the rank chart, mentor load and comparison in their own fills.
        check_png "$T/$name.png" --min-ink 0.03 --min-colours 200 --colour 1f4fb4:2000 \
            --colour 3c7be0:2000 --colour e6ebf1:1000
        ok "$name: a 1200x2000 screenshot has text and every chart's colours"
    done
}

group_phone() {
    need_browser
    page_of "$E15"
    browser --screenshot="$T/phone.png" --window-size=390,2400 "file://$page"
    expect_exit 0 "chromium --screenshot at phone width"
    check_png "$T/phone.png" --min-ink 0.03 --colour 3c7be0:500 --blank-right 6
    ok "2015 at 390 px: charts drawn, nothing wider than the phone"

    run "$BIN" solve -q "$HOSTILE" -o "$T/hostile.json"
    run "$BIN" report "$HOSTILE" "$T/hostile.json" -o "$T/hostile.html"
    expect_exit 0 "report of hostile.json"
    browser --screenshot="$T/hostile.png" --window-size=390,2400 "file://$T/hostile.html"
    expect_exit 0 "chromium --screenshot of hostile.json at phone width"
    check_png "$T/hostile.png" --min-ink 0.03 --colour 3c7be0:500 --blank-right 6
    ok "hostile names at 390 px: nothing wider than the phone"
}

group_print() {
    need_browser
    page_of "$E15"
    browser --print-to-pdf="$T/report.pdf" --no-pdf-header-footer "file://$page"
    expect_exit 0 "chromium --print-to-pdf"
    python3 - "$T/report.pdf" >"$T/out" 2>"$T/err" <<'EOF' || fail "the printed report"
import re, sys, zlib
pdf = open(sys.argv[1], "rb").read()
assert pdf.startswith(b"%PDF-"), "not a PDF"
pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
text = 0
for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
    try:
        text += len(re.findall(rb"\bTJ\b|\bTj\b", zlib.decompress(stream)))
    except zlib.error:
        pass
print("%d pages, %d text runs" % (pages, text))
assert 2 <= pages <= 40, "%d pages" % pages
assert text >= 300, "%d text runs" % text
EOF
    sed 's/^/  /' "$T/out"
    ok "2015 printed to PDF: pages of text"
}

group_dom() {
    need_browser
    run "$BIN" solve -q "$HOSTILE" -o "$T/hostile.json"
    cp "$T/hostile.json" "$T/a&b<i>.json"
    run "$BIN" report "$HOSTILE" "$T/hostile.json" "$T/a&b<i>.json" -o "$T/hostile.html"
    expect_exit 0 "report of hostile.json"
    browser --dump-dom "file://$T/hostile.html"
    expect_exit 0 "chromium --dump-dom"
    cp "$T/out" "$T/dom.html"
    grep -q '<tbody>' "$T/dom.html" || fail "chromium --dump-dom gave no DOM"
    check_hostile "$T/dom.html" --result "$T/hostile.json" --label "a&b<i>.json"
    ok "Chromium's own parse of the hostile page: no script, every string is text"
}

echo "mentormatch report tests, group $GROUP: $BIN"
# ---- issue 17 item 2 (iss17-pages): the Quotas section -------------------
# kvm may take at most 2 MIT students; solve fills that (it binds), and an
# evaluated assignment with 3 breaks it.
group_quotas() {
    # the mentor pages' quota document, s4 and s5 first-timers, a program-wide min
    python3 - "$HERE/../preview/quotas.json" "$T/q.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["students"]:
    if s["id"] in ("s4", "s5"):
        s["attributes"]["first"] = True
d["quotas"].append({"id": "firsts", "attribute": "first", "value": True, "min": 1})
json.dump(d, open(sys.argv[2], "w"))
PY
    run "$BIN" solve "$T/q.json" -o "$T/r.json"
    expect_exit 0 "solve of the quota document"
    run "$BIN" report "$T/q.json" "$T/r.json" -o "$T/q.html"
    expect_exit 0 "report of a result with quotas"
    python3 "$HERE/check_html.py" "$T/q.html" --result "$T/r.json" \
        --text '2 quotas on 4 units and values: 1 binding, 0 broken.' >"$T/err" 2>&1 ||
        fail "the strict parser rejects the quota report: $(cat "$T/err")"
    msg=$(python3 - "$T/q.html" <<'PY'
import sys
from html.parser import HTMLParser
class Rows(HTMLParser):
    def __init__(self):
        super().__init__(); self.on = False; self.rows = []; self.cell = None; self.nav = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2": self.on = a.get("id") == "quotas"
        if tag == "a" and "href" in a: self.nav.append(a["href"])
        if self.on and tag == "tr": self.rows.append([])
        if self.on and tag in ("td", "th"): self.cell = ""
    def handle_endtag(self, tag):
        if self.on and tag in ("td", "th"):
            self.rows[-1].append(self.cell); self.cell = None
        if tag == "table": self.on = False
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
r = Rows(); r.feed(open(sys.argv[1]).read())
assert "#quotas" in r.nav, r.nav
want = [["quota", "per", "unit", "value", "count", "min", "max", "status"],
        ["uni-cap", "org", "xen", 'university = "MIT"', "1", "-", "2", "slack"],
        ["uni-cap", "org", "kvm", 'university = "MIT"', "2", "-", "2", "binds: at its max"],
        ["uni-cap", "org", "kvm", 'university = "TU Delft"', "1", "-", "2", "slack"],
        ["firsts", "program", "the program", "first = true", "2", "1", "-", "slack"]]
assert r.rows == want, r.rows
PY
) || fail "the Quotas section: $msg"
    ok "report: a Quotas section (linked from the nav) lists every unit and value with count, min, max; kvm's MIT cell binds"

    cat >"$T/given.json" <<'EOF'
{"assignments": [{"student": "s1", "idea": "k1"}, {"student": "s2", "idea": "k1"},
                 {"student": "s3", "idea": "k1"}]}
EOF
    "$BIN" evaluate "$T/q.json" "$T/given.json" >"$T/ev.json" 2>/dev/null
    [ $? -eq 3 ] || fail "evaluate of an assignment over the quota: exit 3 expected"
    run "$BIN" report "$T/q.json" "$T/ev.json" -o "$T/ev.html"
    expect_exit 0 "report of an evaluated result that breaks a quota"
    python3 "$HERE/check_html.py" "$T/ev.html" \
        --text '2 quotas on 4 units and values: 0 binding, 2 broken.' \
        --text 'above its max' --text 'below its min' >"$T/err" 2>&1 ||
        fail "the evaluated report: $(cat "$T/err")"
    ok "report of an evaluated allocation: kvm's 3 MIT students above the max, no first-timer: below the min"

    "$BIN" solve "$E15" -o "$T/r15.json" >/dev/null 2>&1
    run "$BIN" report "$E15" "$T/r15.json" -o "$T/x.html"
    grep -q 'id="quotas"' "$T/x.html" && fail "a document without quotas has a Quotas section"
    ok "a document without quotas: no Quotas section"
}

case $GROUP in
    usage) group_usage ;;
    errors) group_errors ;;
    html) group_html ;;
    screenshot) group_screenshot ;;
    phone) group_phone ;;
    print) group_print ;;
    dom) group_dom ;;
    quotas) group_quotas ;;
    *)
        echo "unknown group '$GROUP' (usage errors html quotas screenshot phone print dom)" >&2
        exit 2
        ;;
esac
echo "PASS $GROUP: $N checks"
exit 0
