#!/bin/sh
# mentormatch import and export --csv against the real binary:
#   test_import.sh MENTORMATCH SOURCE_DIR GROUP
# Groups:
#   usage      options, operands, --dir, -o, help
#   roundtrip  both examples and a generated instance: export --csv, import,
#              the same document (tests/import/same_document.py), the same
#              solution; a second round gives the same bytes
#   format     what a spreadsheet writes: BOM, CRLF, quoting, column order and
#              case, blank rows, multi-line cells; the list notation with every
#              character that needs escaping; bad bytes
#   export     export --csv: invalid input, a DIR that cannot be made, with --lp
#   attributes issue 17 item 1 (iss17-csvlp): students' attr.NAME cells read
#              as booleans, numbers and text (a backslash forcing text);
#              a document with attributes and quotas (values that need the
#              backslash, names that need quoting) exported, imported: the
#              same document, the same solution and quotas
#   spreadsheet  issue 16 item 3: both examples exported, rewritten with
#              semicolons and with tabs, imported back to the same document;
#              a Latin-1 file: one message
# The error cases, one rule each, are tests/import/cases/ (run_case.sh).
# shellcheck shell=sh
BIN=$1
SRC=$2
GROUP=$3
SUITE=import
. "$SRC/tests/cli/lib.sh"

BASE=$SRC/tests/import/base
EXAMPLES=$SRC/examples
SAME="python3 $SRC/tests/import/same_document.py"

# import_dir DIR [OPTIONS...]: import DIR's tables to $T/out.json.
import_dir() {
    dir=$1
    shift
    run "$BIN" import --dir "$dir" -o "$T/out.json" "$@"
}

# same A B WHAT: the two documents say the same.
same() {
    $SAME "$1" "$2" >"$T/same" 2>&1 || fail "$3: $(cat "$T/same")"
}

# The assignments part of solve's result (stats vary).
assignments() {
    "$BIN" solve "$1" --format csv >"$2" || fail "solve $1 failed"
}

group_usage() {
    run "$BIN" import
    expect_exit 2 "no files"
    err_has "mentormatch import: needs --mentors FILE (or --dir DIR)" "no files"
    out_empty "no files"
    ok "import without files is wrong usage"

    run "$BIN" import --dir "$BASE" "$EXAMPLES/xen-2015.json"
    expect_exit 2 "an operand"
    err_has "takes no INPUT" "an operand"
    ok "import takes no operand"

    run "$BIN" import --dir "$BASE" --colour
    expect_exit 2 "unknown option"
    run "$BIN" import --dir
    expect_exit 2 "no value"
    err_has "--dir needs a value" "no value"
    ok "unknown options and missing values are wrong usage"

    run "$BIN" import --help
    expect_exit 0 "--help"
    err_empty "--help"
    for option in --dir --program --orgs --mentors --ideas --students --applications \
        --ratings --conflicts --fixed --forbidden --quotas --strict --output --delimiter; do
        grep -q -e "$option" "$T/out" || fail "--help does not mention $option"
    done
    run "$BIN" --help
    grep -q "^  import " "$T/out" || fail "mentormatch --help does not list import"
    ok "--help lists every option; the tool's help lists import"

    run "$BIN" import --dir "$BASE"
    expect_exit 0 "to standard output"
    err_empty "to standard output"
    "$BIN" check --strict /dev/stdin <"$T/out" >/dev/null || fail "standard output is not a valid document"
    ok "without -o the document goes to standard output"

    mkdir "$T/nomentors"
    cp "$BASE"/*.csv "$T/nomentors/"
    rm "$T/nomentors/mentors.csv" "$T/nomentors/ratings.csv"
    import_dir "$T/nomentors"
    expect_exit 1 "a required table missing from --dir"
    err_has "$T/nomentors/mentors.csv: cannot open: No such file or directory" "missing mentors.csv"
    [ -e "$T/out.json" ] && fail "a failed import wrote its output"
    cp "$BASE/mentors.csv" "$T/nomentors/"
    import_dir "$T/nomentors"
    expect_exit 0 "an optional table missing from --dir"
    grep -q '"ratings"' "$T/out.json" && fail "ratings appeared from nowhere"
    ok "--dir: a required table must be there, an optional one may not"

    sed 's/^ann,Ann Archer,2,1$/ann,Ann Archer,2,2/' "$BASE/mentors.csv" >"$T/mentors.csv"
    import_dir "$BASE" --mentors "$T/mentors.csv"
    expect_exit 0 "an option over --dir"
    grep -q '"min_load": 2' "$T/out.json" || fail "--mentors did not win over --dir"
    ok "a table named by its option wins over --dir's"

    echo "keep me" >"$T/kept.json"
    run "$BIN" import --dir "$T/nomentors" --ideas "$T/nowhere.csv" -o "$T/kept.json"
    expect_exit 1 "a failing import over an existing file"
    [ "$(cat "$T/kept.json")" = "keep me" ] || fail "a failed import changed the -o file"
    ls "$T" | grep -q 'kept.json.tmp' && fail "a temporary file was left behind"
    run "$BIN" import --dir "$T/nomentors" -o "$T/nomentors/ideas.csv"
    expect_exit 2 "-o over an input"
    err_has "refusing to write the output over the input" "-o over an input"
    cmp -s "$T/nomentors/ideas.csv" "$BASE/ideas.csv" || fail "-o over an input changed it"
    ok "-o: a failed import leaves the file as it was; never over an input"
}

# round_trip NAME DOCUMENT: export, import, compare; solve both; a second round.
round_trip() {
    name=$1
    doc=$2
    mkdir "$T/$name" "$T/$name.2"
    run "$BIN" export --csv "$T/$name" "$doc"
    expect_exit 0 "export --csv $name"
    [ "$(ls "$T/$name" | wc -l)" -eq 11 ] || fail "export --csv $name: not eleven files: $(ls "$T/$name")"
    import_dir "$T/$name"
    expect_exit 0 "import $name"
    err_empty "import $name"
    same "$doc" "$T/out.json" "$name: import after export"
    assignments "$doc" "$T/a"
    assignments "$T/out.json" "$T/b"
    cmp -s "$T/a" "$T/b" || fail "$name: the imported document solves differently"
    mv "$T/out.json" "$T/$name.json"
    run "$BIN" export --csv "$T/$name.2" "$T/$name.json"
    expect_exit 0 "second export $name"
    for f in "$T/$name"/*.csv; do
        cmp -s "$f" "$T/$name.2/$(basename "$f")" || fail "$name: $(basename "$f") differs the second time"
    done
    import_dir "$T/$name.2"
    cmp -s "$T/out.json" "$T/$name.json" || fail "$name: the second import differs in its bytes"
}

# no_formula FILE...: no cell of these CSV files starts a spreadsheet formula.
no_formula() {
    python3 - "$@" <<'PY' || fail "a cell starts a formula"
import csv, sys
for name in sys.argv[1:]:
    with open(name, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    sys.exit("%s: %r" % (name, cell))
PY
}

# issue 14 item 4 (fix-escape): ids, names and list items that a spreadsheet
# would take for formulas, and ones that start with the text marker ', go
# out with one ' before them and come back exactly.
hostile_round_trip() {
    cat >"$T/hostile.json" <<'EOF'
{"program": {"name": "=cmd|' /C calc'!A0", "slots": 3},
 "settings": {"rating_scale": [-2, 2]},
 "orgs": [{"id": "+org", "name": "@SUM(A1:A9)"}],
 "mentors": [{"id": "=HYPERLINK(\"http://evil.example/\",\"click\")", "name": "+cmd|' /C calc'!A0"},
             {"id": "-1", "name": "@SUM(1+1)"}, {"id": "\tlead", "name": "'quoted"},
             {"id": "''two", "name": "\rcarriage"}],
 "ideas": [{"id": "=1+1", "title": "-2+3", "org": "+org", "slots": 2, "requires": {"=c": 3, "'k": 1},
            "mentors": ["-1", "=HYPERLINK(\"http://evil.example/\",\"click\")", "\tlead", "''two"]},
           {"id": "'plain", "mentors": ["''two"]}],
 "students": [{"id": "@s1", "name": "-x", "skills": {"+k": 2},
               "applications": [{"idea": "=1+1"}, {"idea": "'plain"}]},
              {"id": "'s2", "name": "'", "applications": [{"idea": "'plain"}]},
              {"id": "-3", "applications": [{"idea": "=1+1"}]}],
 "ratings": [{"mentor": "-1", "student": "-3", "idea": "=1+1", "score": -1.5}],
 "conflicts": [{"mentor": "\tlead", "student": "@s1"}],
 "forbidden": [{"student": "'s2", "idea": "=1+1"}]}
EOF
    mkdir "$T/hostile"
    run "$BIN" export --csv "$T/hostile" "$T/hostile.json"
    expect_exit 0 "export --csv of formula-like ids"
    no_formula "$T/hostile"/*.csv
    grep -q "^'-1,'@SUM(1+1),," "$T/hostile/mentors.csv" ||
        fail "-1 and @SUM(1+1) without a ' before them: $(cat "$T/hostile/mentors.csv")"
    grep -q "^'''two," "$T/hostile/mentors.csv" ||
        fail "''two is not written '''two: $(cat "$T/hostile/mentors.csv")"
    grep -q "^''s2,''plain," "$T/hostile/applications.csv" ||
        fail "'s2 and 'plain are not written ''s2 and ''plain: $(cat "$T/hostile/applications.csv")"
    import_dir "$T/hostile"
    expect_exit 0 "import of formula-like ids"
    err_empty "import of formula-like ids"
    python3 - "$T/hostile.json" "$T/out.json" <<'PY' || fail "formula-like ids: not the same document, exactly"
import json, sys
sys.exit(json.load(open(sys.argv[1], encoding="utf-8")) != json.load(open(sys.argv[2], encoding="utf-8")))
PY
    run "$BIN" solve --format csv "$T/hostile.json"
    expect_exit 0 "solve --format csv of formula-like ids"
    no_formula "$T/out"
    grep -q -F -e "'@s1,'-x,'=1+1,'-2+3,'+org,'-1,'@SUM(1+1),\"\\=HYPERLINK(" "$T/out" ||
        fail "solve --format csv does not mark cells as export does: $(cat "$T/out")"
    ok "formula-like ids and names: export --csv and solve -f csv write no cell that starts a formula; import gives them back exactly"
}

group_roundtrip() {
    round_trip xen-2010 "$EXAMPLES/xen-2010-xcp.json"
    cmp -s "$T/xen-2010.json" "$EXAMPLES/xen-2010-xcp.json" ||
        fail "xen-2010: the imported document is not the example, byte for byte"
    ok "xen-2010-xcp.json: export, import: the same bytes; the same solution"

    round_trip xen-2015 "$EXAMPLES/xen-2015.json"
    ok "xen-2015.json: export, import: the same document (its null default_rating left out)"

    "$BIN" generate --students 400 --ideas 60 --mentors 40 --orgs 4 --seed 11 -o "$T/gen.json" ||
        fail "generate failed"
    round_trip generated "$T/gen.json"
    ok "a generated instance: export, import: the same document and solution"

    hostile_round_trip

    import_dir "$BASE"
    expect_exit 0 "the base set"
    python3 - "$SRC/docs/input-format.md" "$T/out.json" <<'PY' || fail "the base set is not the small example"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read().split("`small-example.json` uses every key", 1)[1]
want = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
sys.exit(0 if want == json.load(open(sys.argv[2], encoding="utf-8")) else "differs")
PY
    ok "tests/import/base is the small example of docs/input-format.md"
}

# A copy of the base set in $T/$1, each file passed through the command $2.
transformed() {
    mkdir "$T/$1"
    for f in "$BASE"/*.csv; do
        sh -c "$2" <"$f" >"$T/$1/$(basename "$f")" || fail "transforming $f"
    done
}

# The base set's document, as a reference.
reference() {
    import_dir "$BASE"
    expect_exit 0 "the base set"
    mv "$T/out.json" "$T/ref.json"
}

# expect_reference NAME: the set in $T/NAME imports to the reference bytes.
expect_reference() {
    import_dir "$T/$1"
    expect_exit 0 "$1"
    err_empty "$1"
    cmp -s "$T/out.json" "$T/ref.json" || fail "$1: a different document: $(diff "$T/ref.json" "$T/out.json" | head -5)"
}

group_format() {
    reference
    transformed bom "printf '\357\273\277'; cat"
    expect_reference bom
    transformed crlf "sed 's/\$/\r/'"
    expect_reference crlf
    transformed both "printf '\357\273\277'; sed 's/\$/\r/'"
    expect_reference both
    ok "a byte-order mark and CRLF line ends change nothing"

    # Every cell quoted, as some spreadsheets write them.
    transformed quoted2 "python3 -c 'import csv,sys; w=csv.writer(sys.stdout, quoting=csv.QUOTE_ALL, lineterminator=\"\\n\"); [w.writerow([c or None for c in r]) for r in csv.reader(sys.stdin)]'"
    expect_reference quoted2
    # Columns in another order, names in capitals, a blank row and a row of
    # empty cells, and a trailing empty column.
    transformed shuffled "python3 -c 'import csv,sys; rows=list(csv.reader(sys.stdin)); n=len(rows[0]); order=list(range(n))[::-1]; w=csv.writer(sys.stdout, lineterminator=\"\\n\"); w.writerow([rows[0][k].upper() for k in order]+[\"\"]); [w.writerow([r[k] for k in order]+[\"\"]) for r in rows[1:]]; sys.stdout.write(\"\\n\" + \",\" * n + \"\\n\")'"
    expect_reference shuffled
    ok "quoting, column order, capitals, blank rows and trailing empty columns change nothing"

    # A title over two lines, quoted; the rows after it keep their numbers.
    mkdir "$T/multiline"
    cp "$BASE"/*.csv "$T/multiline/"
    sed -e 's/^pv-drivers,PV drivers for a new OS,/pv-drivers,"PV drivers\nfor a new OS, ""quoted""",/' \
        -e 's/^unikernel-fs,A file system for unikernels,mirage,cho,,/unikernel-fs,A,mirage,cho,z,/' \
        "$BASE/ideas.csv" >"$T/multiline/ideas.csv"
    import_dir "$T/multiline"
    expect_exit 1 "a bad cell after a multi-line one"
    err_has "ideas.csv:4: column 'slots': expected a whole number, got 'z'" "row number after a multi-line cell"
    sed -i 's/,z,/,,/' "$T/multiline/ideas.csv"
    import_dir "$T/multiline"
    expect_exit 0 "a multi-line title"
    grep -q '"title": "PV drivers\\nfor a new OS, \\"quoted\\""' "$T/out.json" || fail "the multi-line title was not kept"
    ok "a quoted cell may hold line breaks, commas and quotes; rows count as a spreadsheet shows them"

    # issue 14 item 4 (fix-escape): one leading ' (a spreadsheet's text
    # marker) is dropped from every cell, numbers and list cells included.
    mkdir "$T/marked"
    cp "$BASE"/*.csv "$T/marked/"
    sed -e "s/^ann,Ann Archer,2,1\$/'ann,'Ann Archer,'2,'1/" -e "s/^bob,/''bob,/" "$BASE/mentors.csv" >"$T/marked/mentors.csv"
    sed -e "s/,ann; bob,/,'ann; 'bob,/" -e "s/,bob,/,''bob,/" "$BASE/ideas.csv" >"$T/marked/ideas.csv"
    sed -e "s/^bob,/''bob,/" "$BASE/ratings.csv" >"$T/marked/ratings.csv"
    sed -e "s/^bob,/''bob,/" "$BASE/conflicts.csv" >"$T/marked/conflicts.csv"
    sed -e "s/,bob\$/,''bob/" "$BASE/fixed.csv" >"$T/marked/fixed.csv"
    sed -e "s/^s06,Ida,\$/s06,',/" -e "s/^s01,Dana,c=5; Linux=3\$/'s01,Dana,'c=5; Linux=3/" "$BASE/students.csv" >"$T/marked/students.csv"
    sed -e "s/^s01,/'s01,/" "$BASE/applications.csv" >"$T/marked/applications.csv"
    import_dir "$T/marked"
    expect_exit 0 "cells with a leading '"
    err_empty "cells with a leading '"
    python3 - "$T/ref.json" "$T/out.json" <<'PY' || fail "a leading ' was not dropped exactly once"
import json, sys
ref, got = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
def rename(x):
    if isinstance(x, dict):
        return {k: rename(v) for k, v in x.items()}
    if isinstance(x, list):
        return [rename(v) for v in x]
    return "'bob" if x == "bob" else x
want = rename(ref)
for s in want["students"]:
    if s["id"] == "s06":
        s["name"] = ""
sys.exit(0 if want == got else "%s\n%s" % (json.dumps(want, sort_keys=True), json.dumps(got, sort_keys=True)))
PY
    ok "import drops one leading ' from every cell, not from each list item: 'ann is ann, '2 is 2, ''bob is 'bob, ' is empty text"

    # Ids and skill names with every character the list notation escapes.
    cat >"$T/odd.json" <<'EOF'
{"mentors": [{"id": "a;b", "name": ""}, {"id": " lead\\"}, {"id": "x,y \"z\""}],
 "ideas": [{"id": "i1", "title": "line\nbreak", "mentors": ["a;b", " lead\\", "x,y \"z\""],
            "requires": {"c++": 3, "a=b": 2, " sp ": 1, "": 0.5}}],
 "students": [{"id": "s\u00e9", "skills": {"C;D": 2.25, "\\": 0.1}, "applications": [{"idea": "i1"}]},
              {"id": "empty", "skills": {}, "applications": []}]}
EOF
    mkdir "$T/odd"
    run "$BIN" export --csv "$T/odd" "$T/odd.json"
    expect_exit 0 "export of odd ids"
    grep -q 'a\\;b; \\ lead\\\\; x,y ""z"""' "$T/odd/ideas.csv" ||
        fail "the list notation is not as documented: $(cat "$T/odd/ideas.csv")"
    import_dir "$T/odd"
    expect_exit 0 "import of odd ids"
    same "$T/odd.json" "$T/out.json" "odd ids"
    ok "ids and skill names with ; = \\ , quotes, spaces and line breaks survive the round trip"

    mkdir "$T/bad"
    cp "$BASE"/*.csv "$T/bad/"
    printf 'id,name\nann,A\000B\nbob,\ncho,\n' >"$T/bad/mentors.csv"
    import_dir "$T/bad"
    expect_exit 1 "a NUL byte"
    err_has "mentors.csv:2: column 'name': holds a NUL byte" "a NUL byte"
    printf 'id,name\nann,A\nbob,\377\376\ncho,\n' >"$T/bad/mentors.csv"
    import_dir "$T/bad"
    expect_exit 1 "invalid UTF-8"
    err_has "mentors.csv:3:5: not UTF-8: byte 0xFF is Latin-1 or Windows-1252 text" "invalid UTF-8"
    [ "$(wc -l <"$T/err")" -eq 1 ] || fail "invalid UTF-8: more than one message: $(cat "$T/err")"
    : >"$T/bad/mentors.csv"
    import_dir "$T/bad"
    expect_exit 1 "an empty file"
    err_has "mentors.csv: no header row" "an empty file"
    ok "NUL bytes, invalid UTF-8 and an empty file are reported at their place"
}

group_export() {
    mkdir "$T/x"
    run "$BIN" export --csv "$T/x" "$SRC/tests/cases/input/capacity_negative.json"
    expect_exit 1 "export of an invalid document"
    err_has "capacity_negative.json: mentors[1].capacity: must be between 0 and 2147483647, not -1" "invalid"
    [ -z "$(ls "$T/x")" ] || fail "an invalid document left files: $(ls "$T/x")"
    ok "an invalid document: its problems at their JSON places, nothing written"

    : >"$T/file"
    run "$BIN" export --csv "$T/file" "$EXAMPLES/xen-2015.json"
    expect_exit 70 "--csv over a file"
    err_has "cannot make the directory" "--csv over a file"
    run "$BIN" export --csv "$T/no/such" "$EXAMPLES/xen-2015.json"
    expect_exit 70 "--csv in a missing directory"
    ok "a DIR that cannot be made: exit 70"

    run "$BIN" export --csv "$T/x" --lp "$T/model.lp" "$EXAMPLES/xen-2015.json"
    expect_exit 0 "--csv with --lp"
    [ -s "$T/model.lp" ] && [ -s "$T/x/ideas.csv" ] || fail "--csv with --lp did not write both"
    run "$BIN" export "$EXAMPLES/xen-2015.json"
    expect_exit 2 "export with nothing to write"
    err_has "needs --lp FILE, --mps FILE or --csv DIR" "export with nothing to write"
    run "$BIN" export --help
    grep -q -e "--csv DIR" "$T/out" || fail "export --help does not mention --csv"
    ok "--csv combines with --lp; export names it in its help"
}

# resep FROM TO DELIMITER: the CSV files of FROM rewritten with DELIMITER
# (';' or tab), quoted where that needs, with CRLF line ends, as Excel does.
resep() {
    python3 - "$1" "$2" "$3" <<'PY' || fail "rewriting $1 with $3"
import csv, os, sys
src, dst, delim = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(dst)
for name in os.listdir(src):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as i, \
         open(os.path.join(dst, name), "w", newline="", encoding="utf-8") as o:
        w = csv.writer(o, delimiter="\t" if delim == "tab" else delim, lineterminator="\r\n")
        for row in csv.reader(i):
            w.writerow(row)
PY
}

group_spreadsheet() {
    for ex in xen-2010-xcp xen-2015; do
        mkdir "$T/$ex"
        run "$BIN" export --csv "$T/$ex" "$EXAMPLES/$ex.json"
        expect_exit 0 "export --csv $ex"
        for delim in ';' tab; do
            resep "$T/$ex" "$T/$ex.$delim" "$delim"
            import_dir "$T/$ex.$delim"
            expect_exit 0 "import $ex with $delim"
            err_empty "import $ex with $delim"
            same "$EXAMPLES/$ex.json" "$T/out.json" "$ex with $delim"
            import_dir "$T/$ex.$delim" --delimiter "$delim"
            expect_exit 0 "import $ex --delimiter $delim"
            same "$EXAMPLES/$ex.json" "$T/out.json" "$ex --delimiter $delim"
        done
        grep -q '^id;title;' "$T/$ex.;/ideas.csv" || fail "$ex: not rewritten with ';'"
        import_dir "$T/$ex.tab" --delimiter '\t'
        expect_exit 0 "--delimiter \\t"
    done
    import_dir "$T/xen-2010-xcp.;"
    cmp -s "$T/out.json" "$EXAMPLES/xen-2010-xcp.json" || fail "xen-2010-xcp with ';': not the same bytes"
    ok "both examples, exported, rewritten with ';' and with tabs: detected, or forced, the same document"

    import_dir "$T/xen-2015.;" --delimiter ,
    expect_exit 1 "forced comma on semicolons"
    [ "$(wc -l <"$T/err")" -eq 11 ] || fail "not one line per file"
    err_has "$T/xen-2015.;/ideas.csv:1: this file looks semicolon-separated; use --delimiter ';'" "forced"
    ok "--delimiter , on semicolon files: one line per file naming the right option"

    mkdir "$T/latin1"
    cp "$T/xen-2015"/*.csv "$T/latin1/"
    iconv -f UTF-8 -t LATIN1 "$T/xen-2015/mentors.csv" >"$T/latin1/mentors.csv" || fail "iconv"
    import_dir "$T/latin1"
    expect_exit 1 "Latin-1"
    printf '%s\n' "$T/latin1/mentors.csv:11:20: not UTF-8: byte 0xE9 is Latin-1 or Windows-1252 text; save the file as 'CSV UTF-8' in Excel, or convert it: iconv -f WINDOWS-1252 -t UTF-8 $T/latin1/mentors.csv > $T/latin1/mentors-utf8.csv" >"$T/want"
    cmp -s "$T/want" "$T/err" || fail "Latin-1: $(diff "$T/want" "$T/err")"
    iconv -f WINDOWS-1252 -t UTF-8 "$T/latin1/mentors.csv" >"$T/latin1/mentors-utf8.csv"
    mv "$T/latin1/mentors-utf8.csv" "$T/latin1/mentors.csv"
    import_dir "$T/latin1"
    expect_exit 0 "converted as told"
    same "$EXAMPLES/xen-2015.json" "$T/out.json" "converted"
    ok "xen-2015 with mentors.csv in Latin-1: one message at its line and column; converted as it says, it imports"
}

# issue 17 item 1 (iss17-csvlp): attributes and quotas in CSV.
group_attributes() {
    mkdir "$T/typed"
    cp "$BASE"/*.csv "$T/typed/"
    cat >"$T/typed/students.csv" <<'EOF'
id,name,skills,attr.t,ATTR.f,attr.n,attr.x,attr.text,attr.forced,attr.seven,attr.back,attr.empty,attr.none,attr.neg,attr.T
s01,Dana,,true,FALSE,7,2.5e1,TU Delft,\true,\007,\\x,\,,'-1,"a,b"
s02,Eli,,True,false,0.5,-0,"  x ",\,\-2,,"",,,
s03,Fay
s04,Gus
s05,Hal
s06,Ida
s07,Jo
s08,Kai
EOF
    cat >"$T/typed/quotas.csv" <<'EOF'
id,attribute,value,per,min,max
q1,t,true,org,,1
q2,text,\true,,,3
q3,n,7,,0,
EOF
    import_dir "$T/typed"
    expect_exit 0 "typed attribute cells"
    err_has "quotas.csv:3: column 'value': warning: no student has this value of attribute \"text\": the quota counts nobody" \
        "a forced text value that nobody has"
    python3 - "$T/out.json" <<'PY' || fail "attribute cells read as the wrong values"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = [s.get("attributes") for s in d["students"][:3]]
want = [{"t": True, "f": False, "n": 7, "x": 25.0, "text": "TU Delft", "forced": "true",
         "seven": "007", "back": "\\x", "empty": "", "neg": -1, "T": "a,b"},
        {"t": True, "f": False, "n": 0.5, "x": -0.0, "text": "  x ", "forced": "", "seven": "-2"},
        None]
kind = lambda v: {bool: "boolean", str: "text"}.get(type(v), "number")
for g, w in zip(got, want):
    if g != w or (g and any(kind(g[k]) != kind(w[k]) for k in w)):
        sys.exit("got %r, expected %r" % (g, w))
q = [x.get("value") for x in d["quotas"]]
if q != [True, "true", 7] or type(q[0]) is not bool:
    sys.exit("quota values %r" % (q,))
PY
    ok "attribute cells: true/false in any case, numbers, text; a backslash forces text; empty is absent; attr.T and attr.t differ"

    cat >"$T/attrs-in.json" <<'EOF'
{"orgs": [{"id": "mirage", "slots": 3}, {"id": "qemu"}],
 "mentors": [{"id": "ann", "capacity": 2}, {"id": "bob", "capacity": 3, "min_load": 1}],
 "ideas": [{"id": "i1", "org": "mirage", "mentors": ["ann", "bob"], "slots": 2},
           {"id": "i2", "org": "qemu", "mentors": ["bob"], "slots": 3}],
 "students": [
  {"id": "s1", "attributes": {"university": "MIT", "first_time": true, "year": 2, "Uni": "true"},
   "applications": [{"idea": "i1"}, {"idea": "i2"}]},
  {"id": "s2", "attributes": {"university": "MIT", "first_time": false, "year": -1.5, "a,b c": "7"},
   "applications": [{"idea": "i1"}, {"idea": "i2"}]},
  {"id": "s3", "attributes": {"university": "=MIT", "first_time": false, "Uni": "", "tag": "\\x"},
   "applications": [{"idea": "i1"}]},
  {"id": "s4", "attributes": {"university": "TU Delft", "first_time": true, "tag": " pad, \"q\" "},
   "applications": [{"idea": "i1"}]},
  {"id": "s5", "applications": [{"idea": "i2"}]}],
 "quotas": [{"id": "uni-cap", "attribute": "university", "per": "org", "max": 1},
            {"id": "first-timers", "attribute": "first_time", "value": true, "min": 1},
            {"id": "text-true", "attribute": "Uni", "value": "true", "per": "idea", "max": 0},
            {"id": "year", "attribute": "year", "value": -1.5, "per": "mentor", "min": 0, "max": 1}]}
EOF
    round_trip attrs "$T/attrs-in.json" # the imported document: $T/attrs.json
    grep -q '^s1,,,MIT,true,2,\\true,,$' "$T/attrs/students.csv" ||
        fail "the text \"true\" is not written \\true: $(cat "$T/attrs/students.csv")"
    "$BIN" solve "$T/attrs-in.json" -o "$T/r1.json" || fail "solve the document"
    "$BIN" solve "$T/attrs.json" -o "$T/r2.json" || fail "solve the imported document"
    python3 - "$T/r1.json" "$T/r2.json" <<'PY' || fail "the imported document solves differently"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
for key in ("objective", "assignments", "quotas", "unassigned"):
    if a.get(key) != b.get(key):
        sys.exit("%s: %r against %r" % (key, a.get(key), b.get(key)))
if not a.get("quotas"):
    sys.exit("no quotas member in the result")
PY
    ok "attributes and quotas: export --csv, import: the same document, the same result (objective, assignments, quotas)"
}

case "$GROUP" in
attributes) group_attributes ;;
usage) group_usage ;;
roundtrip) group_roundtrip ;;
format) group_format ;;
export) group_export ;;
spreadsheet) group_spreadsheet ;;
*) echo "unknown group $GROUP" >&2; exit 2 ;;
esac
echo "# $GROUP: $N checks passed"
