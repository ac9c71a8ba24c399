#!/bin/sh
# Tests of `mentormatch export` (CPLEX LP and free MPS files).
#
#   test_export.sh BINARY EXAMPLES_DIR GROUP [MM_GEN]
#
# GROUP is one of:
#   usage      options, help, exit code 2
#   examples   both examples to LP and MPS, solved by glpsol, optimum and
#              count compared with `mentormatch solve`; names checked
#   generated  mm_gen instances (several seeds, both objectives), likewise;
#              exits 77 (ctest SKIP_RETURN_CODE) without MM_GEN
#   names      ids that are not valid names (spaces, '-', UTF-8, quotes,
#              leading digits, 300 bytes, ids that collide once made safe)
#   io         atomic files: unwritable targets, /dev/full, infeasible and
#              invalid inputs leave nothing; the input is never written
# Each group prints one "ok N - ..." line per check and exits 0 when all
# pass; on the first failure it says what was expected and what came, and
# exits 1. Needs glpsol (Debian glpk-utils) and python3; POSIX sh.

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES_DIR GROUP [MM_GEN]" >&2
    exit 2
fi

BIN=$1
EX=$2
GROUP=$3
GEN=${4:-}

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $EX in /*) ;; *) EX=$(pwd)/$EX ;; esac
case $GEN in /* | '') ;; *) GEN=$(pwd)/$GEN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
INF=$HERE/infeasible

for tool in python3 glpsol; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "FAIL [$GROUP] $tool is needed (python3; glpsol from glpk-utils)" >&2
        exit 1
    fi
done
if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi

SUITE=export
. "$HERE/lib.sh"

first_example() {
    for f in "$EX"/*.json; do
        [ -f "$f" ] && echo "$f" && return 0
    done
    last=
    fail "expected an example *.json in $EX, found none"
}

# ---------------------------------------------------------------- the check

# check.py FORMAT MODEL SOLUTION INPUT RESULT: the names in MODEL (rows and
# columns: valid in both formats, unique, made from the ids of INPUT), the
# optimum glpsol wrote to SOLUTION (`glpsol -w`) against RESULT (`mentormatch
# solve`), and for count-then-score the count row. Prints a one-line summary
# "objective=... opt=... diff=..." or the first problem (exit 1).
write_check() {
    cat >"$T/check.py" <<'EOF'
import json, re, sys

fmt, model, solution, inp_path, res_path = sys.argv[1:6]
inp = json.load(open(inp_path, encoding='utf-8'))
res = json.load(open(res_path, encoding='utf-8'))

def die(msg):
    print(msg)
    sys.exit(1)

KEEP = set(b'!#%&()/,.;?@_{}')
def part(s):
    """An id made safe as mentormatch does (docs/commands.md, export)."""
    b, out, i = s.encode('utf-8'), [], 0
    while i < len(b) and len(out) < 80:
        c = b[i]
        i += 1
        if chr(c).isascii() and (chr(c).isalnum() or c in KEEP):
            out.append(chr(c))
        else:
            out.append('.' if c == 0x2d else '_')
            while i < len(b) and (b[i] & 0xC0) == 0x80:
                i += 1
    return ''.join(out)

def rows_cols_lp(text):
    rows, cols, section = [], [], None
    for line in text.splitlines():
        if line and not line[0].isspace():
            section = line.strip()
            continue
        if section == 'Subject To':
            m = re.match(r'^ (\S+):', line)
            if m:
                rows.append(m.group(1))
        elif section == 'Generals' and line.strip():
            cols.append(line.strip())
        elif section == 'Bounds' and line.strip().endswith('= 0'):
            cols.append(line.split()[0])  # the stand-in column of an empty model
    return rows, cols

def rows_cols_mps(text):
    rows, cols, section, rhs = [], [], None, {}
    for line in text.splitlines():
        if line.startswith('*'):
            continue
        if line and not line[0].isspace():
            section = line.split()[0]
            continue
        f = line.split()
        if section == 'ROWS' and f[0] != 'N':
            rows.append(f[1])
        elif section == 'COLUMNS' and "'MARKER'" not in f and (not cols or cols[-1] != f[0]):
            cols.append(f[0])
        elif section == 'RHS':
            for k in range(1, len(f) - 1, 2):
                rhs[f[k]] = float(f[k + 1])
    return rows, cols, rhs

text = open(model, encoding='ascii').read()
if fmt == 'lp':
    rows, cols = rows_cols_lp(text)
    rhs = {}
    for m in re.finditer(r'^ count:(?:.|\n)*?= (\S+)$', text, re.M):
        rhs['count'] = float(m.group(1))
else:
    rows, cols, rhs = rows_cols_mps(text)

# Names: the LP characters both formats accept, at most 255, unique.
ok_name = re.compile(r'^[A-Za-z][A-Za-z0-9!#%&()/,.;?@_{}~]{0,254}$')
for kind, names in (('row', rows), ('column', cols)):
    for n in names:
        if not ok_name.match(n):
            die('%s name %r is not a safe name' % (kind, n))
    if len(set(names)) != len(names):
        dup = sorted(n for n in set(names) if names.count(n) > 1)
        die('%s names are not unique: %r' % (kind, dup[:5]))
nvars = res['stats']['variables']
if len(cols) != max(nvars, 1):
    die('%d columns in the file, solve reports %d variables' % (len(cols), nvars))

# Readable: every column and row name is the ids it stands for.
base = lambda n: re.sub(r'~[0-9]+$', '', n)
ids = {k: {part(x['id']) for x in inp.get(k, [])} for k in ('students', 'ideas', 'mentors', 'orgs')}
prefix = {'student_': 'students', 'idea_': 'ideas', 'mentor_': 'mentors', 'org_': 'orgs'}
for r in rows:
    b = base(r)
    if b in ('program', 'count') or re.match(r'^fixed_[0-9]+$', b):
        continue
    # quota_ID_PER[_UNIT]_VALUE (tests/cli/test_quota_export.sh checks them whole)
    q = next((x for x in inp.get('quotas', []) if b.startswith('quota_%s_' % part(x['id']))), None)
    if q is not None:
        continue
    p = next((p for p in prefix if b.startswith(p)), None)
    if p is None or b[len(p):] not in ids[prefix[p]]:
        die('row %r is not named after an id of the input' % r)
colset = set(cols)
for a in res['assignments']:
    want = 'x_%s_%s_%s' % (part(a['student']), part(a['idea']), part(a['mentor']))
    if not any(base(c) == want for c in colset):
        die('no column %r for the assignment %r' % (want, a))

# The optimum glpsol found.
sol = open(solution).read().split('\n')
head = [l.split() for l in sol if l.startswith('s ')]
if not head or head[0][1] != 'mip' or head[0][4] != 'o':
    die('glpsol did not report an integer optimum: %r' % (head,))
opt = float(head[0][5])
if fmt == 'mps':
    opt = -opt  # the MPS file minimises -score
want = res['objective']['score']
diff = abs(opt - want)
if diff > 1e-6 * max(1.0, abs(want)):
    die('glpsol optimum %.15g, solve score %.15g (difference %.3g)' % (opt, want, diff))

objective = inp.get('settings', {}).get('objective', 'count-then-score')
if objective == 'count-then-score':
    if not rows or rows[-1] != 'count':
        die('count-then-score: expected the last row to be "count", rows end %r' % rows[-3:])
    if rhs.get('count') != res['objective']['assigned']:
        die('the count row fixes %r assignments, solve assigned %d' % (rhs.get('count'), res['objective']['assigned']))
    ival = {int(l.split()[1]): float(l.split()[2]) for l in sol if l.startswith('i ')}
    got = ival.get(len(rows))
    if got is None or abs(got - res['objective']['assigned']) > 1e-6:
        die('glpsol count row value %r, solve assigned %d' % (got, res['objective']['assigned']))
elif 'count' in rows:
    die('objective "score": expected no count row')
print('%s: %d rows, %d columns, optimum %.15g, solve %.15g, difference %.3g'
      % (fmt, len(rows), len(cols), opt, want, diff))
EOF
}

# roundtrip NAME INPUT: export INPUT to LP and MPS, solve both with glpsol,
# compare with `mentormatch solve`.
roundtrip() {
    run "$BIN" solve "$2"
    expect_exit 0 "solve $1"
    cp "$T/out" "$T/res.json"
    rm -f "$T/m.lp" "$T/m.mps"
    run "$BIN" export "$2" --lp "$T/m.lp" --mps "$T/m.mps"
    expect_exit 0 "export $1"
    out_empty "export $1"
    err_empty "export $1"
    ok "$1: export exits 0, nothing on standard output or error"
    for fmt in lp mps; do
        flag=--lp
        [ $fmt = mps ] && flag=--freemps
        run glpsol $flag "$T/m.$fmt" -w "$T/sol.$fmt"
        expect_exit 0 "glpsol $flag on the export of $1"
        msg=$(python3 "$T/check.py" $fmt "$T/m.$fmt" "$T/sol.$fmt" "$2" "$T/res.json") ||
            fail "$1 ($fmt): $msg"
        ok "$1: $msg"
        echo "$msg" | sed 's/.*difference //' >>"$T/diffs"
    done
}

max_diff() {
    [ -s "$T/diffs" ] && echo "max difference $(sort -g "$T/diffs" | tail -n 1)"
}

# ---------------------------------------------------------------- groups

group_usage() {
    f=$(first_example)
    run "$BIN" export --help
    expect_exit 0 "export --help"
    for opt in '--lp FILE' '--mps FILE'; do
        grep -q -e "$opt" "$T/out" || fail "export --help: expected '$opt' on standard output"
    done
    grep -q 'count-then-score' "$T/out" || fail "export --help: expected it to say what count-then-score writes"
    ok "export --help describes --lp, --mps and count-then-score"
    run "$BIN" --help
    grep -q '^  export ' "$T/out" || fail "mentormatch --help: expected the export command listed"
    ok "mentormatch --help lists export"
    for args in "$f" "--lp" "--lp $T/a.lp" "--lp $T/a.lp $f $f" "--bogus $f --lp $T/a.lp" \
        "--lp $T/a.lp --lp $T/b.lp $f" "--lp $T/a.lp --mps $T/a.lp $f"; do
        # shellcheck disable=SC2086
        run "$BIN" export $args
        expect_exit 2 "export $args"
        out_empty "export $args"
        err_has "try 'mentormatch export --help'" "export $args"
    done
    for left in "$T"/a.lp* "$T"/b.lp*; do
        [ -e "$left" ] && fail "a usage error left a file behind: $(lsdir "$T")"
    done
    ok "usage errors (no --lp/--mps, missing value, INPUT count, unknown option, repeated or same FILE) exit 2 and write nothing"
    cp "$f" "$T/in.json"
    run "$BIN" export "$T/in.json" --lp "$T/in.json"
    expect_exit 2 "export --lp INPUT"
    cmp -s "$f" "$T/in.json" || fail "export --lp INPUT changed INPUT"
    ok "--lp naming INPUT exits 2 and leaves INPUT as it was"
    python3 - "$f" "$T/extra.json" <<'EOF2' || fail "cannot add an unknown key"
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
doc['extra'] = 1
json.dump(doc, open(sys.argv[2], 'w', encoding='utf-8'))
EOF2
    run "$BIN" export "$T/extra.json" --lp "$T/x.lp"
    expect_exit 0 "export of an input with an unknown key"
    err_has "extra: warning: unknown key" "export of an input with an unknown key"
    [ -s "$T/x.lp" ] || fail "export with a warning: expected the LP file written"
    rm -f "$T/x.lp"
    run "$BIN" export --strict "$T/extra.json" --lp "$T/x.lp"
    expect_exit 1 "export --strict of an input with an unknown key"
    [ -e "$T/x.lp" ] && fail "export --strict of an invalid input wrote the LP file"
    ok "an unknown key is a warning (file written), with --strict an error (exit 1, no file)"
}

group_examples() {
    write_check
    for f in "$EX"/*.json; do
        roundtrip "$(basename "$f")" "$f"
        python3 - "$f" "$T/score.json" <<'EOF' || fail "cannot rewrite $f with objective score"
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
doc.setdefault('settings', {})['objective'] = 'score'
json.dump(doc, open(sys.argv[2], 'w', encoding='utf-8'))
EOF
        roundtrip "$(basename "$f") (objective score)" "$T/score.json"
    done
    max_diff
}

group_generated() {
    if [ -z "$GEN" ] || [ ! -x "$GEN" ]; then
        echo "skipped: no mm_gen instance generator given"
        exit 77
    fi
    write_check
    for seed in 1 2 3 4; do
        for objective in count-then-score score; do
            "$GEN" --students 300 --ideas 80 --mentors 50 --apps 4 --orgs 5 --seed $seed \
                -o "$T/gen.json" || fail "mm_gen --seed $seed failed"
            python3 - "$T/gen.json" $objective <<'EOF' || fail "cannot set the objective"
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
doc.setdefault('settings', {})['objective'] = sys.argv[2]
json.dump(doc, open(sys.argv[1], 'w', encoding='utf-8'))
EOF
            roundtrip "seed $seed, $objective" "$T/gen.json"
        done
    done
    max_diff
}

# Ids that are no valid names: each id kind gets a space, '-', UTF-8,
# quotes and '$', a leading digit, period or 'e', 300 bytes, and pairs that
# are equal once made safe ("a b" and "a_b", "m-1" and "m.1").
write_names_input() {
    python3 - "$T/names.json" "$1" <<'EOF'
import json, sys
long = lambda c: c * 300
mentors = ['m-1', 'm.1', 'ménté', '$"\'`|~', long('M') + '1', long('M') + '2']
ideas = ['a b', 'a_b', '1e5', '.dot', 'e1', long('I')]
students = ['s 1', 's_1', 'été', '9lives', 'E', long('S') + 'x', long('S') + 'y', 'q"uo\'te$']
doc = {
    'settings': {'objective': sys.argv[2]},
    'orgs': [{'id': 'o-1', 'slots': 3}, {'id': 'o.1', 'slots': 2}],
    'mentors': [{'id': m, 'capacity': 2} for m in mentors],
    'ideas': [{'id': i, 'org': ['o-1', 'o.1'][k % 2], 'slots': 1 + k % 2,
               'mentors': [mentors[k], mentors[(k + 1) % len(mentors)]]}
              for k, i in enumerate(ideas)],
    'students': [{'id': s, 'applications': [{'idea': ideas[(k + j) % len(ideas)]} for j in range(3)]}
                 for k, s in enumerate(students)],
    'fixed': [{'student': students[0], 'idea': ideas[0]}],
    'program': {'name': 'names "test" \u00e9', 'slots': 5},
}
json.dump(doc, open(sys.argv[1], 'w', encoding='utf-8'), ensure_ascii=False)
EOF
}

group_names() {
    write_check
    for objective in count-then-score score; do
        write_names_input $objective || fail "cannot write the names input"
        roundtrip "awkward ids, $objective" "$T/names.json"
    done
    grep -q '^ x_S\{80\}_' "$T/m.lp" || fail "expected a 300-byte id cut to 80 bytes in a column name"
    grep -q -e '~2' "$T/m.lp" || fail "expected colliding names to get a ~2 suffix"
    ok "long ids are cut to 80 bytes, colliding names get ~2"
    max_diff
}

group_io() {
    f=$(first_example)
    mkdir "$T/d"
    run "$BIN" export "$f" --lp "$T/nonexistent/m.lp"
    expect_exit 70 "export --lp into a missing directory"
    err_has "cannot write" "export --lp into a missing directory"
    ok "--lp into a missing directory exits 70 with a message"
    : >"$T/d/plain"
    run "$BIN" export "$f" --lp "$T/d/m.lp" --mps "$T/d/plain/m.mps"
    expect_exit 70 "export --mps under a regular file"
    [ "$(lsdir "$T/d")" = "plain" ] || fail "a failed export left files: $(lsdir "$T/d")"
    ok "an unwritable --mps (under a regular file) exits 70; the --lp file is not written either"
    run "$BIN" export "$f" --lp "$T/d/m.lp" --mps /dev/full
    expect_exit 70 "export --mps /dev/full"
    err_has "/dev/full" "export --mps /dev/full"
    [ "$(lsdir "$T/d")" = "plain" ] || fail "a failed write left files: $(lsdir "$T/d")"
    ok "a write error (/dev/full) exits 70, names the file and leaves no other file or temporary"
    echo old >"$T/d/m.lp"
    for inf in "$INF"/*.json; do
        run "$BIN" export "$inf" --lp "$T/d/m.lp"
        expect_exit 3 "export $(basename "$inf") (infeasible)"
        err_has "infeasible" "export $(basename "$inf")"
        out_empty "export $(basename "$inf")"
    done
    [ "$(cat "$T/d/m.lp")" = old ] || fail "an infeasible export changed the existing FILE"
    [ "$(lsdir "$T/d")" = "m.lp plain" ] || fail "an infeasible export left files: $(lsdir "$T/d")"
    ok "infeasible count phases exit 3 with the diagnosis; FILE kept as it was, no temporary"
    python3 - "$INF/min_load_one_student.json" "$T/inf-score.json" <<'EOF' || fail "cannot rewrite an infeasible input"
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
doc.setdefault('settings', {})['objective'] = 'score'
json.dump(doc, open(sys.argv[2], 'w', encoding='utf-8'))
EOF
    run "$BIN" export "$T/inf-score.json" --lp "$T/d/s.lp"
    expect_exit 0 "export of an infeasible instance under objective score"
    run glpsol --lp "$T/d/s.lp"
    grep -q 'NO PRIMAL FEASIBLE SOLUTION\|NO INTEGER FEASIBLE SOLUTION' "$T/out" ||
        fail "glpsol: expected the exported infeasible model to be infeasible"
    rm -f "$T/d/s.lp"
    ok "objective score solves nothing: an infeasible instance is exported, and glpsol finds it infeasible"
    echo '{"mentors": []' >"$T/bad.json"
    run "$BIN" export "$T/bad.json" --lp "$T/d/m.lp"
    expect_exit 1 "export of invalid JSON"
    [ "$(cat "$T/d/m.lp")" = old ] || fail "an invalid input changed the existing FILE"
    ok "invalid input exits 1 and leaves FILE as it was"
    cp "$f" "$T/in.json"
    chmod 444 "$T/in.json"
    run "$BIN" export "$T/in.json" --lp "$T/d/m.lp" --mps "$T/d/m.mps"
    expect_exit 0 "export to existing and new files"
    cmp -s "$f" "$T/in.json" || fail "export changed INPUT"
    [ "$(lsdir "$T/d")" = "m.lp m.mps plain" ] || fail "expected m.lp, m.mps and plain only: $(lsdir "$T/d")"
    head -n 1 "$T/d/m.lp" | grep -q 'Problem' || fail "the existing FILE was not replaced by the LP file"
    ok "a good export replaces FILE, adds the MPS file, leaves no temporary and does not touch INPUT"
}

case $GROUP in
    usage | examples | generated | names | io) "group_$GROUP" ;;
    *)
        echo "unknown group '$GROUP'" >&2
        exit 2
        ;;
esac
