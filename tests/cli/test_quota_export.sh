#!/bin/sh
# Quota rows in `export --lp/--mps` (issue 17 item 5), against the real
# binary and glpsol:
#
#   test_quota_export.sh BINARY GROUP
#
# GROUP is one of:
#   trip   a document with a quota of every `per` (with and without a value,
#          min and max), both objectives: the LP and MPS files solved by
#          glpsol give the optimum `solve` reports (and its count), and the
#          quota rows are named quota_ID_PER_UNIT_VALUE, exactly the set
#          expected
#   names  ids and values that are not valid names (300 bytes, UTF-8, '-',
#          spaces) and values that collide once made safe: every name is
#          safe, at most 255 bytes, unique, and glpsol still reads both files
#          to the same optimum
# Needs glpsol (Debian glpk-utils) and python3; POSIX sh.
BIN=$1
GROUP=$2
SUITE=quota_export
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

for tool in python3 glpsol; do
    command -v $tool >/dev/null 2>&1 || fail "$tool is needed (python3; glpsol from glpk-utils)"
done

# check.py FORMAT MODEL SOLUTION RESULT [NAME...]: the optimum glpsol wrote
# to SOLUTION equals RESULT's score (and the count row its count); every row
# name is safe (the LP characters both formats take, at most 255 bytes) and
# unique; the quota rows (quota_*, the "~N" of a collision kept) are exactly
# the NAMEs given, when any are.
cat >"$T/check.py" <<'EOF'
import json, re, sys

fmt, model, solution, res_path = sys.argv[1:5]
want_quota = sorted(sys.argv[5:])
res = json.load(open(res_path, encoding='utf-8'))

def die(msg):
    print(msg)
    sys.exit(1)

rows, section = [], None
for line in open(model, encoding='ascii').read().splitlines():
    if line.startswith('*'):
        continue
    if line and not line[0].isspace():
        section = line.split()[0]
        continue
    if fmt == 'lp' and section == 'Subject':
        m = re.match(r'^ (\S+):', line)
        if m:
            rows.append(m.group(1))
    elif fmt == 'mps' and section == 'ROWS' and line.split()[0] != 'N':
        rows.append(line.split()[1])

safe = re.compile(r'^[A-Za-z][A-Za-z0-9!#%&()/,.;?@_{}~]{0,254}$')
for r in rows:
    if not safe.match(r):
        die('row name %r (%d bytes) is not a safe name' % (r, len(r)))
if len(set(rows)) != len(rows):
    die('row names are not unique: %r' % sorted(r for r in set(rows) if rows.count(r) > 1))
quota = sorted(r for r in rows if r.startswith('quota'))
if not quota:
    die('no quota row in %r' % rows)
if want_quota and quota != want_quota:
    die('quota rows %r, expected %r' % (quota, want_quota))

head = [l.split() for l in open(solution).read().split('\n') if l.startswith('s ')]
if not head or head[0][1] != 'mip' or head[0][4] != 'o':
    die('glpsol did not report an integer optimum: %r' % (head,))
opt = float(head[0][5]) * (-1 if fmt == 'mps' else 1)  # the MPS file minimises -score
want = res['objective']['score']
if abs(opt - want) > 1e-6 * max(1.0, abs(want)):
    die('glpsol optimum %.15g, solve score %.15g' % (opt, want))
if 'count' in rows:
    ival = {int(l.split()[1]): float(l.split()[2])
            for l in open(solution).read().split('\n') if l.startswith('i ')}
    got = ival.get(rows.index('count') + 1)
    if got is None or abs(got - res['objective']['assigned']) > 1e-6:
        die('count row value %r, solve assigned %d' % (got, res['objective']['assigned']))
print('%s: %d rows, %d quota rows, optimum %.15g = solve %.15g' % (fmt, len(rows), len(quota), opt, want))
EOF

# solve_model FORMAT WHAT [NAME...]: glpsol reads $T/m.FORMAT (lp or
# free mps) and solves it; check.py compares with $T/res.json.
solve_model() {
    fmt=$1
    label="$2 ($1)"
    shift 2
    case $fmt in lp) run glpsol --lp "$T/m.lp" -w "$T/sol.lp" ;; *) run glpsol --freemps "$T/m.mps" -w "$T/sol.mps" ;; esac
    expect_exit 0 "glpsol on $label"
    msg=$(python3 "$T/check.py" "$fmt" "$T/m.$fmt" "$T/sol.$fmt" "$T/res.json" "$@") || fail "$label: $msg"
    ok "$label: $msg"
}

# trip_file DOC WHAT [NAME...]: solve DOC, export it to LP and MPS, solve
# both with glpsol and check them.
trip_file() {
    doc=$1
    what=$2
    shift 2
    run "$BIN" solve "$doc" -o "$T/res.json"
    expect_exit 0 "solve $what"
    rm -f "$T/m.lp" "$T/m.mps"
    run "$BIN" export "$doc" --lp "$T/m.lp" --mps "$T/m.mps"
    expect_exit 0 "export $what"
    err_empty "export $what"
    solve_model lp "$what" "$@"
    solve_model mps "$what" "$@"
}

# Six students; a quota of each `per`: per org without a value (max), the
# program with a boolean value (min), per idea with a text value, per mentor
# with a number value.
document() {
    cat >"$T/doc.json" <<EOF
{"settings": {"objective": "$1"},
 "orgs": [{"id": "xen"}, {"id": "kvm"}],
 "mentors": [{"id": "m1", "capacity": 4}, {"id": "m2", "capacity": 3},
             {"id": "m3", "capacity": 2}],
 "ideas": [{"id": "i1", "org": "xen", "mentors": ["m1"], "slots": 4},
           {"id": "i2", "org": "kvm", "mentors": ["m2", "m3"], "slots": 3},
           {"id": "i3", "org": "kvm", "mentors": ["m3"], "slots": 2}],
 "students": [
  {"id": "s1", "attributes": {"university": "MIT", "first_time": true, "year": 2},
   "applications": [{"idea": "i1"}, {"idea": "i2"}]},
  {"id": "s2", "attributes": {"university": "MIT", "first_time": false, "year": 3},
   "applications": [{"idea": "i1"}, {"idea": "i2"}, {"idea": "i3"}]},
  {"id": "s3", "attributes": {"university": "MIT", "first_time": false, "year": 2},
   "applications": [{"idea": "i1"}, {"idea": "i3"}]},
  {"id": "s4", "attributes": {"university": "TU Delft", "first_time": true},
   "applications": [{"idea": "i1"}, {"idea": "i2"}]},
  {"id": "s5", "attributes": {"university": "TU Delft", "year": 2},
   "applications": [{"idea": "i1"}, {"idea": "i3"}]},
  {"id": "s6", "attributes": {"university": "TU Delft", "first_time": false, "year": 2},
   "applications": [{"idea": "i2"}, {"idea": "i1"}]}],
 "ratings": [{"mentor": "m1", "student": "s1", "idea": "i1", "score": 5},
  {"mentor": "m2", "student": "s6", "idea": "i2", "score": 2},
  {"mentor": "m3", "student": "s2", "idea": "i3", "score": 4}],
 "quotas": [{"id": "uni-cap", "attribute": "university", "per": "org", "max": 2},
  {"id": "first-timers", "attribute": "first_time", "value": true, "min": 2},
  {"id": "delft", "attribute": "university", "value": "TU Delft", "per": "idea", "max": 1},
  {"id": "year-2", "attribute": "year", "value": 2, "per": "mentor", "max": 1}]}
EOF
}

group_trip() {
    # Every cell that can bind (more variables than its max, or a min).
    for objective in count-then-score score; do
        document $objective
        trip_file "$T/doc.json" "$objective" \
            quota_uni.cap_org_xen_MIT quota_uni.cap_org_xen_TU_Delft \
            quota_uni.cap_org_kvm_MIT quota_uni.cap_org_kvm_TU_Delft \
            quota_first.timers_program_true \
            quota_delft_idea_i1_TU_Delft quota_delft_idea_i2_TU_Delft \
            quota_year.2_mentor_m1_2 quota_year.2_mentor_m2_2 quota_year.2_mentor_m3_2
    done
}

group_names() {
    long=$(printf 'q%.0s' $(seq 300))
    org=$(printf 'o%.0s' $(seq 300))
    value=$(printf 'v%.0s' $(seq 300))
    cat >"$T/doc.json" <<EOF
{"orgs": [{"id": "$org"}],
 "mentors": [{"id": "m1", "capacity": 5}],
 "ideas": [{"id": "i1", "org": "$org", "mentors": ["m1"], "slots": 5}],
 "students": [
  {"id": "s1", "attributes": {"u": "TU Delft", "k": "$value"}, "applications": [{"idea": "i1"}]},
  {"id": "s2", "attributes": {"u": "TU_Delft", "k": "$value"}, "applications": [{"idea": "i1"}]},
  {"id": "s3", "attributes": {"u": "Université", "k": "$value"}, "applications": [{"idea": "i1"}]},
  {"id": "s4", "attributes": {"u": "Universit\u00e8"}, "applications": [{"idea": "i1"}]},
  {"id": "s5", "attributes": {"u": "TU Delft"}, "applications": [{"idea": "i1"}]},
  {"id": "s6", "applications": [{"idea": "i1"}]}],
 "quotas": [{"id": "$long", "attribute": "u", "per": "org", "max": 0},
            {"id": "$long-2", "attribute": "k", "per": "org", "max": 2}]}
EOF
    trip_file "$T/doc.json" "300-byte ids and values, values that collide once made safe"
    for v in TU_Delft Universit_; do
        grep -q " quota_q*_org_o*_$v:" "$T/m.lp" && grep -q " quota_q*_org_o*_$v~2:" "$T/m.lp" ||
            fail "expected two values as $v and $v~2 in $(grep quota "$T/m.lp")"
    done
    ok "values that collide once made safe get a ~N suffix"
}

case $GROUP in
trip) group_trip ;;
names) group_names ;;
*) fail "unknown group '$GROUP'" ;;
esac
