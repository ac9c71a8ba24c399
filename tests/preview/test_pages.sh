#!/bin/sh
# Tests of `mentormatch preview` pages (issue 15): --all / --mentor to -o DIR.
#
#   test_pages.sh BINARY EXAMPLES_DIR GROUP
#
# Groups: usage (option combinations), files (a page per mentor and the
# index, file names for any id, collisions refused, nothing left behind),
# content (the 2015 example's dscott page answers the issue's questions;
# one set of solves: a page from --all is the single-mentor page; threads
# change nothing), rate (--rate says what it moved, or that it moved nothing
# and why), html (strict parse of every page of both examples and of a
# hostile instance; the index links every page), quotas (issue 17: a binding
# quota named on the page, its thresholds against real solves). Browser groups (headless
# Chromium; exit 77 when it is not installed): screenshot, phone, print, dom.
# POSIX sh.

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES_DIR GROUP" >&2
    exit 2
fi
BIN=$1
EX=$2
GROUP=$3
HERE=$(cd "$(dirname "$0")" && pwd)
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $EX in /*) ;; *) EX=$(pwd)/$EX ;; esac

SUITE=pages
. "$HERE/../cli/lib.sh"

E15=$EX/xen-2015.json
E10=$EX/xen-2010-xcp.json
HOSTILE=$HERE/../report/hostile.json

# check_page PAGE [ARGS...]: the strict parser (check_page.py).
check_page() {
    last="check_page.py $*"
    python3 "$HERE/check_page.py" "$@" >"$T/err" 2>&1 || fail "the strict parser rejects $1"
}

# mentors_of DOC: its mentor ids, one a line.
mentors_of() {
    python3 -c 'import json,sys; [print(m["id"]) for m in json.load(open(sys.argv[1]))["mentors"]]' "$1"
}

# jq_py FILE EXPR: a Python expression over the JSON document d.
jq_py() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

group_usage() {
    run "$BIN" preview --help
    expect_exit 0 "preview --help"
    out_has "--all" "preview --help"
    out_has "-o, --output DIR" "preview --help"
    ok "preview --help documents --all and -o DIR"
    for bad in "--all" "--mentor dscott --mentor wliu" "--all --mentor dscott -o $T/d" \
        "--all -o $T/d --format text" "--all -o $T/d --rate s003,xl-to-xcp=5" \
        "--mentor dscott -o $T/d --rate s003,xl-to-xcp=5" "--mentor dscott --format xml" \
        "--mentor dscott --jobs 0" ""; do
        # shellcheck disable=SC2086
        run "$BIN" preview "$E15" $bad
        expect_exit 2 "preview $bad"
        out_empty "preview $bad"
        [ -e "$T/d" ] && fail "preview $bad made the directory"
    done
    run "$BIN" preview "$E15" --all
    err_has "pages for --all need -o DIR" "preview --all"
    run "$BIN" preview "$E15" --all -o "$T/d" --format text
    err_has "text goes to standard output" "preview --all --format text"
    run "$BIN" preview "$E15" --mentor dscott -o "$T/d" --rate s003,xl-to-xcp=5
    err_has "--rate writes one page to standard output" "--rate with -o"
    ok "wrong combinations (--all without -o, --all with --mentor, text to DIR, --rate with several or -o): exit 2, nothing written"
    run "$BIN" preview "$E15" --mentor dscott --mentor nobody -o "$T/d"
    expect_exit 1 "an unknown mentor among several"
    err_has 'unknown mentor "nobody"' "an unknown mentor among several"
    run "$BIN" preview "$E15" --mentor dscott --mentor dscott -o "$T/d"
    expect_exit 1 "a mentor named twice"
    err_has 'mentor "dscott" is named twice' "a mentor named twice"
    [ -e "$T/d" ] && fail "a failed preview made the directory"
    ok "an unknown or repeated --mentor: exit 1, named, nothing written"
}

group_files() {
    for ex in "$E15" "$E10"; do
        name=$(basename "$ex" .json)
        run "$BIN" preview "$ex" --all -o "$T/$name" --samples 20
        expect_exit 0 "preview --all $name"
        n=$(mentors_of "$ex" | wc -l)
        got=$(ls "$T/$name" | grep -c '\.html$')
        [ "$got" -eq $((n + 1)) ] || fail "$name: $got pages, expected $n mentors and the index"
        mentors_of "$ex" | while IFS= read -r m; do
            [ -s "$T/$name/$m.html" ] || fail "$name: no page for $m"
        done
        ls -A "$T" | grep -q '\.tmp' && fail "a temporary file was left"
        run "$BIN" preview "$ex" --all -o "$T/$name-json" --format json --samples 20
        expect_exit 0 "preview --all --format json $name"
        rows=$(jq_py "$T/$name-json/index.json" 'len(d["mentors"])')
        [ "$rows" -eq "$n" ] || fail "$name: index.json has $rows rows, expected $n"
        ok "$name --all: a page per mentor ($n) and the index, as HTML and as JSON"
    done
    run "$BIN" preview "$E15" --mentor dscott --mentor wliu -o "$T/two" --format json --samples 5
    expect_exit 0 "--mentor dscott --mentor wliu -o"
    [ "$(ls "$T/two" | tr '\n' ' ')" = "dscott.json index.json wliu.json " ] ||
        fail "two mentors: $(ls "$T/two" | tr '\n' ' ')"
    ok "--mentor repeated: those pages and the index only"
    echo old >"$T/two/dscott.json"
    run "$BIN" preview "$E15" --mentor dscott --mentor wliu -o "$T/two" --format json --samples 5
    expect_exit 0 "into an existing DIR"
    grep -q '"mentor": "dscott"' "$T/two/dscott.json" || fail "an existing page was not replaced"
    ok "an existing DIR: its pages replaced"

    run "$BIN" preview "$HOSTILE" --all -o "$T/hostile" --samples 5
    expect_exit 0 "preview --all hostile.json"
    for f in '%3Cscript%3Ealert%281%29%3C%2Fscript%3E.html' '%E6%9D%8E%E6%98%8E.html' \
        '%D7%93%D7%95%D7%93.html' amira.html index.html; do
        [ -s "$T/hostile/$f" ] || fail "hostile: no file $f (got: $(ls "$T/hostile" | tr '\n' ' '))"
    done
    ok "hostile mentor ids: percent-encoded file names inside DIR"

    python3 - "$E15" "$T/case.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["mentors"].append({"id": "DScott", "capacity": 1})
d["ideas"][0]["mentors"].append("DScott")
json.dump(d, open(sys.argv[2], "w"))
PY
    run "$BIN" preview "$T/case.json" --all -o "$T/case"
    expect_exit 2 "mentors dscott and DScott"
    err_has "would share the file" "mentors dscott and DScott"
    [ -e "$T/case" ] && fail "a refused collision made the directory"
    sed 's/"DScott"/"INDEX"/g' "$T/case.json" >"$T/index.json"
    run "$BIN" preview "$T/index.json" --all -o "$T/idx"
    expect_exit 2 "a mentor named INDEX"
    err_has "would be written over index.html" "a mentor named INDEX"
    ok "ids that would share a file (case) or take the index's: refused before writing, exit 2"

    # Review of issue 15: an id whose file name would pass 255 bytes.
    python3 - "$E15" "$T/long.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["mentors"].append({"id": "\u00e9" * 90, "capacity": 1})
d["ideas"][0]["mentors"].append("\u00e9" * 90)
json.dump(d, open(sys.argv[2], "w"))
PY
    run "$BIN" preview "$T/long.json" --all -o "$T/long" --samples 2
    expect_exit 2 "a mentor id of 90 x U+00E9"
    err_has "would need a file name longer than 255 bytes" "a mentor id of 90 x U+00E9"
    err_has "shorten the id or leave the mentor out with --mentor" "a mentor id of 90 x U+00E9"
    [ -e "$T/long" ] && fail "a refused long id made the directory"
    ok "an id whose file name would pass 255 bytes: refused before writing, exit 2, says how to fix"

    echo keep >"$T/file"
    run "$BIN" preview "$E15" --all -o "$T/file"
    expect_exit 70 "-o onto a file"
    err_has "cannot make the directory" "-o onto a file"
    ok "-o naming a file: exit 70, the file kept"
}

group_content() {
    run "$BIN" preview "$E15" --all -o "$T/all" --format json --samples 60
    expect_exit 0 "preview --all --format json"
    run "$BIN" preview "$E15" --mentor dscott --format json --samples 60
    expect_exit 0 "preview --mentor dscott --format json"
    cmp -s "$T/out" "$T/all/dscott.json" || fail "dscott's page from --all differs from --mentor dscott's"
    ok "one set of solves: dscott's page from --all is byte for byte the single-mentor page"
    run "$BIN" preview "$E15" --mentor dscott --format json --samples 60 --jobs 1
    cmp -s "$T/out" "$T/all/dscott.json" || fail "--jobs 1 changes the page"
    run "$BIN" preview "$E15" --mentor dscott --format json --samples 60 --jobs 5
    cmp -s "$T/out" "$T/all/dscott.json" || fail "--jobs 5 changes the page"
    ok "--jobs 1, 2, 5: the same bytes"
    msg=$(python3 - "$T/all/dscott.json" "$E15" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
assert (p["load"], p["capacity"]) == (1, 2), (p["load"], p["capacity"])  # the tie rule: avsm leads s001
ideas = {i["id"]: i for i in p["ideas"]}
x = ideas["xl-to-xcp"]
assert x["filled"] == 0 and x["now"] == [], x["now"]
assert x["why_empty"] == 'org "xen" slots used', x["why_empty"]
ranks = {(s["id"], a["idea"]): k + 1 for s in doc["students"] for k, a in enumerate(s["applications"])}
for idea in p["ideas"]:
    for a in idea["applicants"]:
        if "rank" in str(doc):  # explicit ranks in the document win
            pass
        assert a["rank"] >= 1
        if not a["now"]:
            assert a["why"], (idea["id"], a)
            assert a["lead"] is None
        else:
            assert a["lead"] and a["why"] is None, a
    for n in idea["now"]:
        assert n["lead"] in [p["mentor"]] + idea["co_mentors"], n
m = ideas["mirage-pioneer"]
assert m["co_mentors"] == ["avsm"], m["co_mentors"]
s019 = next(a for a in m["applicants"] if a["student"] == "s019")
assert s019["ratings"] == {"dscott": 5, "avsm": 5}, s019["ratings"]
assert "idea filled" in s019["why"], s019["why"]
PY
) || fail "dscott's page: $msg"
    ok "dscott (2015): load 1 of 2; xl-to-xcp empty because org \"xen\" slots are used; ranks, leads, co-mentor ratings, a why for every applicant not placed"
    run "$BIN" preview "$E15" --mentor dscott --samples 20
    expect_exit 0 "preview --mentor dscott (text)"
    out_has "load 1 of capacity 2" "text preview"
    out_has 'a slot is free: org "xen" slots used' "text preview"
    ok "the text page says the load and why xl-to-xcp is empty"
    # Review of issue 15: s004 is fixed at pv-9pfs by the organizer; that,
    # not what is full, is why no rating brings them to cpu-diagram.
    run "$BIN" preview "$E15" --mentor acooper --samples 5 --format json
    expect_exit 0 "preview --mentor acooper"
    got=$(jq_py "$T/out" '[(a["why"], a["threshold"]["kind"], a["threshold"]["text"]) for i in d["ideas"] for a in i["applicants"] if a["student"] == "s004"]')
    [ "$got" = "[('placed at another idea by the organizer (a fixed pair)', 'not_eligible', 'no rating of yours can bring this student here: placed at another idea by the organizer (a fixed pair)')]" ] ||
        fail "acooper's page, s004 (fixed at pv-9pfs): $got"
    ok "a student fixed at another idea: the why says so (not org \"xen\" slots used)"
}

group_rate() {
    run "$BIN" preview "$E15" --mentor dscott --samples 20 --rate s003,xl-to-xcp=5
    expect_exit 0 "--rate s003,xl-to-xcp=5"
    out_has 'your rating 5 of s003 at xl-to-xcp: your change moves nothing: they stay unassigned (org "xen" slots used)' "--rate that moves nothing"
    ok "--rate against a binding org cap: says it moves nothing, and why"
    run "$BIN" preview "$E15" --mentor dscott --samples 20 --rate s024,mirage-pioneer=1 --format json
    expect_exit 0 "--rate s024,mirage-pioneer=1"
    got=$(jq_py "$T/out" 'd["notes"]')
    case $got in *"moves them from mirage-pioneer to unassigned"*) ;;
        *) fail "--rate s024,mirage-pioneer=1: notes $got" ;; esac
    ok "--rate that moves a student: the note says from where to where"
    # Review of issue 15: a what-if on an application outside the mentor's
    # ideas would let the page probe ratings it may not show: refused.
    for pair in s002,sched-params s001,cpu-diagram; do
        run "$BIN" preview "$E15" --mentor dscott --samples 5 --rate "$pair=1"
        expect_exit 1 "--rate $pair=1 (not one of dscott's ideas)"
        out_empty "--rate $pair=1"
        err_has "--rate $pair=1: student \"${pair%%,*}\" at idea \"${pair#*,}\" is not an applicant of an idea mentor \"dscott\" mentors" "--rate $pair=1"
    done
    ok "--rate of an application to an idea the mentor does not mentor: exit 1, named, no page"
}

group_html() {
    for ex in "$E15" "$E10" "$HOSTILE"; do
        name=$(basename "$ex" .json)
        run "$BIN" preview "$ex" --all -o "$T/$name" --samples 10
        expect_exit 0 "preview --all $name"
        for page in "$T/$name"/*.html; do
            [ "$(basename "$page")" = index.html ] && continue
            check_page "$page"
        done
        n=$(mentors_of "$ex" | wc -l)
        check_page "$T/$name/index.html" --links --count-links "$n"
        ok "$name: every page passes the strict parser; the index links all $n pages"
    done
    check_page "$T/hostile/%3Cscript%3Ealert%281%29%3C%2Fscript%3E.html" \
        --text '<script>alert(1)</script>' --text 'Mallory "><img src=x onerror=alert(1)>' \
        --text 'Fix </td></tr></table> & friends' --text 's&amp;' --text 'org&1'
    check_page "$T/hostile/index.html" --links --text '李明' --text 'דוד' \
        --text 'GSoC </title><script>alert(1)</script> & "friends"'
    ok "hostile ids, names, titles: escaped, shown as text"
    sed 's/&lt;script&gt;/<script>/' "$T/hostile/index.html" >"$T/bad.html"
    python3 "$HERE/check_page.py" "$T/bad.html" --links >/dev/null 2>&1 &&
        fail "the checker accepts a page with a <script> element"
    ok "the checker rejects an unescaped script"
}

# Review of issue 15: the numbers a page prints are the true ones. A
# threshold is rounded up to a step the scale can hold (0.01, finer on a
# scale narrower than 1) and printed as that value; a rating as given; a tie
# is placed where it is (the exact value, not the rounded one).
group_numbers() {
    python3 - "$E15" "$T" <<'PY'
import json, sys
for name, scale, f in (("odd", [1, 4.999], lambda v: min(v, 4.999)),
                       ("tiny", [0, 0.001], lambda v: (v - 1) / 4 * 0.001)):
    d = json.load(open(sys.argv[1]))
    d["settings"]["rating_scale"] = scale
    for r in d["ratings"]:
        r["score"] = f(r["score"])
    json.dump(d, open("%s/%s.json" % (sys.argv[2], name), "w"))
PY
    run "$BIN" preview "$T/odd.json" --mentor dscott --samples 5
    expect_exit 0 "scale [1, 4.999]"
    out_has "needs your rating of at least 4.999 (at 4.999 it is a tie" "scale [1, 4.999]"
    out_has "ratings: dscott 4.999" "scale [1, 4.999]"
    grep -q "at least 5" "$T/out" && fail "scale [1, 4.999]: a threshold of 5, outside the scale"
    ok "rating scale [1, 4.999]: thresholds and ratings of 4.999 print as 4.999, never 5"
    run "$BIN" preview "$T/tiny.json" --mentor dscott --samples 5 --format json
    expect_exit 0 "scale [0, 0.001]"
    got=$(jq_py "$T/out" 'sorted({a["threshold"]["text"].split(" (")[0] for i in d["ideas"] for a in i["applicants"] if a["threshold"] and a["threshold"]["kind"] in ("needs", "stays_above")})')
    [ "$got" = "['needs your rating of at least 0.001', 'stays while your rating is at least 0.001']" ] ||
        fail "scale [0, 0.001]: thresholds $got"
    ok "rating scale [0, 0.001]: a threshold of 0.001 prints as 0.001, not 0"
    run "$BIN" preview "$E15" --mentor dscott --samples 5 --rate s024,mirage-pioneer=4.996
    expect_exit 0 "--rate s024,mirage-pioneer=4.996"
    out_has "your rating 4.996 of s024 at mirage-pioneer: moves them from mirage-pioneer to unassigned" "--rate 4.996"
    grep -E -q '^  s024 +4\.996 ' "$T/out" || fail "--rate 4.996: the column does not show 4.996"
    ok "--rate 4.996: the note and the column say 4.996, not 5"
    run "$BIN" generate --students 25 --ideas 8 --mentors 6 --orgs 2 --apps 3 --conflicts 80 \
        --min-load 0.3 --seed 2
    cp "$T/out" "$T/g.json"
    run "$BIN" preview "$T/g.json" --all -o "$T/g" --format json --samples 1
    expect_exit 0 "preview --all of a generated instance"
    msg=$(python3 - "$T/g" <<'PY'
import glob, json, sys
between = at = 0
for f in glob.glob(sys.argv[1] + "/*.json"):
    if f.endswith("/index.json"):
        continue
    for i in json.load(open(f))["ideas"]:
        for a in i["applicants"]:
            t = a["threshold"]
            if not t or not t["tie"]:
                continue
            shown = "%g" % t["shown"]
            if abs(t["shown"] - t["rating"]) > 1e-9:
                below = "%g" % (round(t["shown"] * 100) / 100 - 0.01)
                assert "between %s and %s it is a tie" % (below, shown) in t["text"], t
                assert t["shown"] - 0.01 < t["rating"] < t["shown"], t
                between += 1
            else:
                assert "at %s it is a tie" % shown in t["text"], t
                at += 1
assert between > 0, "no tie between two steps"
print(between, at)
PY
) || fail "ties: $msg"
    ok "a tie at an exact value the step cannot show is said to lie between two steps ($msg)"
    # Out of time (--threshold-time 1e-9: no re-solve runs), a threshold is
    # a proven bound: a needed rating's lower bound is shown rounded down (so
    # "at least" stays true); a bound past the scale proves "no rating of
    # yours can" and "whatever your rating", which are then exact.
    run "$BIN" generate --students 200 --ideas 50 --mentors 28 --orgs 4 --conflicts 40 --seed 7
    cp "$T/out" "$T/b.json"
    run "$BIN" preview "$T/b.json" --all -o "$T/b" --format json --samples 1 --threshold-time 1e-9
    expect_exit 0 "preview --threshold-time 1e-9"
    msg=$(python3 - "$T/b" <<'PY'
import glob, json, sys
bounds = 0
for f in glob.glob(sys.argv[1] + "/*.json"):
    if f.endswith("/index.json"):
        continue
    for i in json.load(open(f))["ideas"]:
        for a in i["applicants"]:
            t = a["threshold"]
            if not t:
                continue
            if t["kind"] in ("cannot", "stays_always"):
                assert t["exact"] and "proven bound" not in t["text"], t
            if not t["exact"]:
                assert "(a proven bound; the exact value was not computed in time)" in t["text"], t
                bounds += 1
                if t["kind"] == "needs":
                    assert t["shown"] <= t["rating"] + 1e-12, t
assert bounds > 0, "no bound"
print(bounds)
PY
) || fail "--threshold-time 1e-9: $msg"
    ok "out of time: $msg bounds, a needed rating rounded down; cannot / whatever proven"
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

browser() {
    profile=$(mktemp -d "$T/profile.XXXXXX")
    run "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" "$@"
}

check_png() {
    last="check_png.py $*"
    python3 "$HERE/../report/check_png.py" "$@" >"$T/out" 2>"$T/err" ||
        fail "the screenshot $(basename "$1") looks blank or broken"
    sed 's/^/  /' "$T/out"
}

pages() { # pages EXAMPLE: its pages in $T/NAME
    name=$(basename "$1" .json)
    [ -d "$T/$name" ] && return 0
    run "$BIN" preview "$1" --all -o "$T/$name" --samples 50
    expect_exit 0 "preview --all $name"
}

group_screenshot() {
    need_browser
    for spec in "$E15 dscott" "$E10 jludlam"; do
        set -- $spec
        pages "$1"
        browser --screenshot="$T/$2.png" --window-size=1100,1400 "file://$T/$name/$2.html"
        expect_exit 0 "chromium --screenshot of $2"
        # Text, and the bars' two fills.
        check_png "$T/$2.png" --min-ink 0.03 --colour 3c7be0:300 --colour e6ebf1:1000
        ok "$name: $2's page at 1100x1400 has text and probability bars"
        browser --screenshot="$T/index-$name.png" --window-size=1100,900 "file://$T/$name/index.html"
        check_png "$T/index-$name.png" --min-ink 0.01
        ok "$name: the index is not blank"
    done
}

group_phone() {
    need_browser
    for ex in "$E15" "$HOSTILE"; do
        pages "$ex"
        for page in "$T/$name"/*.html; do
            browser --screenshot="$T/phone.png" --window-size=390,2400 \
                "file://$(echo "$page" | sed 's/%/%25/g')"
            expect_exit 0 "chromium at phone width: $(basename "$page")"
            check_png "$T/phone.png" --min-ink 0.005 --blank-right 6
        done
        ok "$name at 390 px: every page, nothing wider than the phone"
    done
}

group_print() {
    need_browser
    pages "$E15"
    browser --print-to-pdf="$T/dscott.pdf" --no-pdf-header-footer "file://$T/xen-2015/dscott.html"
    expect_exit 0 "chromium --print-to-pdf"
    python3 - "$T/dscott.pdf" >"$T/out" 2>"$T/err" <<'EOF' || fail "the printed page"
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
assert 1 <= pages <= 20, "%d pages" % pages
assert text >= 100, "%d text runs" % text
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
assert 1 <= pages <= 20, "%d pages" % pages
assert text >= 100, "%d text runs" % text
EOF
    sed 's/^/  /' "$T/out"
    ok "dscott's page printed to PDF: pages of text"
}

group_dom() {
    need_browser
    pages "$HOSTILE"
    page="$T/hostile/%3Cscript%3Ealert%281%29%3C%2Fscript%3E.html"
    browser --dump-dom "file://$(echo "$page" | sed 's/%/%25/g')"
    expect_exit 0 "chromium --dump-dom"
    cp "$T/out" "$T/dom.html"
    grep -q '<tbody>' "$T/dom.html" || fail "chromium --dump-dom gave no DOM"
    check_page "$T/dom.html" --text '<script>alert(1)</script>' \
        --text 'Mallory "><img src=x onerror=alert(1)>' --text 'Fix </td></tr></table> & friends'
    browser --dump-dom "file://$T/hostile/index.html"
    cp "$T/out" "$T/hostile/dom-index.html"
    grep -q 'href="%253Cscript%253E' "$T/hostile/dom-index.html" ||
        fail "the index does not link the page of <script>alert(1)</script> as %253C..."
    check_page "$T/hostile/dom-index.html" --links --text '<script>alert(1)</script>'
    ok "Chromium's own parse of the hostile pages: no script, every string is text"
}

# ---- issue 17 item 2 (iss17-pages): quotas on the mentor's page ----------
# kvm may take at most 2 MIT students (uni-cap). k1 has 4 slots and 4
# applicants; s3 (MIT, bob's rating 3) beats s4 (TU Delft, 2) but is kept
# out by the quota: s1 (4) and s2 (4.5) already fill it (tests/preview/quotas.json;
# tests/report/test_report.sh adds to it).
quota_doc() {
    cp "$HERE/quotas.json" "$T/q.json"
}

# rated DOC STUDENT SCORE OUT: DOC with bob's rating of STUDENT at k1 set to SCORE.
rated() {
    python3 - "$1" "$2" "$3" "$4" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["ratings"]:
    if r["student"] == sys.argv[2]:
        r["score"] = float(sys.argv[3])
json.dump(d, open(sys.argv[4], "w"))
PY
}

# placed_at DOC STUDENT: where a real solve of DOC places STUDENT ("-": nowhere).
placed_at() {
    "$BIN" solve "$1" -o "$T/placed.json" >/dev/null 2>&1 || fail "solve $1"
    jq_py "$T/placed.json" \
        "next((a['idea'] for a in d['assignments'] if a['student'] == '$2'), '-')"
}

group_quotas() {
    quota_doc
    run "$BIN" preview "$T/q.json" --mentor bob --samples 20
    expect_exit 0 "preview of a document with a binding quota"
    out_has 'unassigned; why not here: quota "uni-cap" at its max 2 (org "kvm", value "MIT")' \
        "s3's reason"
    out_has 'a slot is free: quota "uni-cap" at its max 2 (org "kvm", value "MIT")' \
        "k1's free slot"
    ok "s3 not placed and k1's free slot: the page names the quota at its max, not the objective"
    out_has 'quota "uni-cap": at most 2 per org with university "MIT"; org "kvm" has 2 of 2, at its max' \
        "the quota lines"
    out_has 'quota "uni-cap": at most 2 per org with university "TU Delft"; org "kvm" has 1 of 2' \
        "the quota lines"
    grep -q 'org "xen"' "$T/out" && fail "bob's page shows org xen's quota count (not one of his)"
    ok "the page lists the quota cells that count bob's applicants (kvm has 2 of 2 MIT: at its max), not xen's"

    run "$BIN" preview "$T/q.json" --mentor bob --samples 20 --format json
    expect_exit 0 "preview --format json"
    cp "$T/out" "$T/q-page.json"
    msg=$(python3 - "$T/q-page.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
q = [(c["quota"], c["per"], c["unit"], c["value"], c["count"], c["min"], c["max"], c["binds"])
     for c in p["quotas"]]
assert q == [("uni-cap", "org", "kvm", "MIT", 2, None, 2, "max"),
             ("uni-cap", "org", "kvm", "TU Delft", 1, None, 2, None)], q
apps = {a["student"]: a for a in p["ideas"][0]["applicants"]}
t = apps["s3"]["threshold"]
assert (t["kind"], t["rating"], t["tie"]) == ("needs", 4, "s1"), t
assert apps["s4"]["threshold"]["kind"] == "stays_always", apps["s4"]["threshold"]
PY
) || fail "bob's JSON page: $msg"
    ok "JSON: the quotas member; s3 needs bob's rating of 4 (a tie with s1, an MIT student), s4 stays whatever"

    # The what-ifs against real solves of the document with the rating changed.
    rated "$T/q.json" s3 4.01 "$T/q401.json"
    rated "$T/q.json" s3 3.99 "$T/q399.json"
    [ "$(placed_at "$T/q401.json" s3)" = k1 ] || fail "s3 rated 4.01 is not placed at k1 by solve"
    [ "$(placed_at "$T/q399.json" s3)" = - ] || fail "s3 rated 3.99 is placed by solve"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("quotas"); json.dump(d, open(sys.argv[2], "w"))' \
        "$T/q.json" "$T/free.json"
    [ "$(placed_at "$T/free.json" s3)" = k1 ] || fail "without the quota s3 is not placed at 3"
    rated "$T/q.json" s4 1 "$T/q4low.json"
    [ "$(placed_at "$T/q4low.json" s4)" = k1 ] || fail "s4 rated 1 leaves k1"
    ok "solve agrees: s3 comes at 4.01, not at 3.99 (without the quota it comes at 3); s4 stays at 1"
    run "$BIN" preview "$T/q.json" --mentor bob --samples 5 --rate s3,k1=4.01
    out_has "your rating 4.01 of s3 at k1: moves them from unassigned to k1" "--rate s3,k1=4.01"
    run "$BIN" preview "$T/q.json" --mentor bob --samples 5 --rate s3,k1=3.99
    out_has 'your change moves nothing: they stay unassigned (quota "uni-cap" at its max 2' \
        "--rate s3,k1=3.99"
    ok "--rate at 4.01 moves s3 in; at 3.99 nothing moves and the quota is why"

    # s1 and s2 fixed at k1: no rating brings s3 (the quota is full for good).
    python3 - "$T/q.json" "$T/qf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["fixed"] = [{"student": "s1", "idea": "k1"}, {"student": "s2", "idea": "k1"}]
json.dump(d, open(sys.argv[2], "w"))
PY
    run "$BIN" preview "$T/qf.json" --mentor bob --samples 5
    out_has 'no rating of yours can bring this student here: quota "uni-cap" at its max 2' \
        "s3 with s1 and s2 fixed"
    rated "$T/qf.json" s3 5 "$T/qf5.json"
    [ "$(placed_at "$T/qf5.json" s3)" = - ] || fail "s3 rated 5 is placed although the quota is full of fixed pairs"
    ok "s1 and s2 fixed: no rating of bob's brings s3 (solve at 5 agrees), and the quota is why"

    run "$BIN" preview "$T/q.json" --all -o "$T/qpages" --samples 5
    expect_exit 0 "preview --all of the quota document"
    check_page "$T/qpages/bob.html" --text 'Quotas that count your applicants' \
        --text 'quota "uni-cap": at most 2 per org with university "MIT"; org "kvm" has 2 of 2, at its max'
    ok "HTML: bob's page parses strictly and has the quotas section"
}

echo "mentormatch preview pages, group $GROUP: $BIN"
case $GROUP in
    usage | files | content | rate | numbers | html | quotas | screenshot | phone | print | dom) "group_$GROUP" ;;
    *) echo "unknown group '$GROUP'" >&2; exit 2 ;;
esac
echo "PASS $GROUP: $N checks"
exit 0
