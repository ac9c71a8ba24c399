#!/bin/sh
# Tests of `mentormatch generate`.
#
#   test_generate.sh BINARY GROUP [MM_GEN]
#
# GROUP is one of:
#   usage        --help lists every parameter with its default; wrong values
#                exit 2 with a message and write nothing
#   grid         some 300 instances over a grid of parameters and seeds: each
#                passes `check --strict` with nothing on standard error; one
#                in four is solved (exit 0, status optimal)
#   determinism  same options, same bytes (stdout and -o alike, and pinned
#                checksums); other seeds or parameters, other bytes; MM_GEN
#                (bench/mm_gen), when given, writes what `generate` writes
#   params       the parameters take effect: counts, applications, shares of
#                multi-mentor ideas and rated applications, skills, levels,
#                capacities, slots, caps, min_load, conflicts, noise, skew
#                (python3)
#   io           -o is atomic: a FILE that cannot be written exits 70 and
#                leaves nothing; an existing FILE is replaced
# Each group prints one "ok N - ..." line per check and exits 0 when all
# pass; on the first failure it says what was expected and what came, and
# exits 1. Needs python3 (params); POSIX sh.

if [ "$#" -lt 2 ]; then
    echo "usage: $0 BINARY GROUP [MM_GEN]" >&2
    exit 2
fi

BIN=$1
GROUP=$2
GEN=${3:-}

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $GEN in /* | '') ;; *) GEN=$(pwd)/$GEN ;; esac

if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi

SUITE=gen
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# ------------------------------------------------------------------ usage

# Every option of mm_generate_options and its default, as --help prints it.
# issue 18 item 4 (gen-attrs): ideas and mentors default to sizes derived
# from the students, checked below; issue 17 item 6: the attributes.
PARAMS_AND_DEFAULTS="students:200 orgs:5 apps:3 zipf:1 skills:20
student-skills:2-5 idea-skills:1-3 student-levels:0-5 idea-levels:1-5 multi-mentor:0.3
rating-density:0.7 rating-noise:1 capacity:1-4 slots:1-2 org-slots:0.8
min-load:0.0078125 program-slots:0.9 conflicts:1 seed:1 name:generated
universities:0 university-zipf:1 first-time:none"

group_usage() {
    run "$BIN" generate --help
    expect_exit 0 "generate --help"
    err_empty "generate --help"
    for pd in $PARAMS_AND_DEFAULTS; do
        p=${pd%%:*} d=${pd#*:}
        grep -q -e "--$p .*\[$d\]\$" "$T/out" || fail "--help: expected a line for --$p with default [$d]"
    done
    grep -q -e '--ideas N .*\[1 per 4 students\]$' "$T/out" || fail "--help: --ideas [1 per 4 students]"
    grep -q -e '--mentors N .*\[3 per 5 ideas\]$' "$T/out" || fail "--help: --mentors [3 per 5 ideas]"
    grep -q -e '--quota SPEC .*ATTRIBUTE\[=VALUE\]:PER:MIN:MAX' "$T/out" || fail "--help: no --quota SPEC"
    ok "--help lists every parameter with its default"
    grep -q -e '-o, --output FILE' "$T/out" || fail "--help: no -o, --output"
    ok "--help lists -o, --output"

    mkdir "$T/d"
    while IFS='|' read -r args message; do
        [ -z "$args" ] && continue
        # shellcheck disable=SC2086 # the arguments are split on purpose
        run "$BIN" generate $args -o "$T/d/out.json"
        expect_exit 2 "generate $args"
        out_empty "generate $args"
        err_has "$message" "generate $args"
        [ -z "$(lsdir "$T/d")" ] || fail "generate $args: exit 2 left files: $(lsdir "$T/d")"
        ok "generate $args: exit 2, '$message'"
    done <<'EOF'
--students -1|--students takes a whole number from 0 to 1000000, not '-1'
--students 1000001|--students takes a whole number
--students 1.5|--students takes a whole number
--ideas 4 --apps 5|5 applications per student exceed the 4 ideas
--ideas 50 --apps 51|51 applications per student exceed the 50 ideas
--mentors 0|ideas need at least one mentor
--zipf -1|--zipf takes a decimal number, 0 or from 1e-9 to 20
--zipf 21|--zipf takes a decimal number, 0 or from 1e-9 to 20
--multi-mentor 1.01|--multi-mentor takes a decimal number, 0 or from 1e-9 to 1
--rating-density nan|--rating-density takes a decimal number, 0 or from 1e-9 to 1
--rating-noise 4.5|--rating-noise takes a decimal number, 0 or from 1e-9 to 4
--conflicts 1001|--conflicts takes a decimal number, 0 or from 1e-9 to 1000
--min-load -0.1|--min-load takes a decimal number, 0 or from 1e-9 to 1
--program-slots x|--program-slots takes a decimal number, 0 or from 1e-9 to 1
--org-slots 2|--org-slots takes a decimal number, 0 or from 1e-9 to 1
--capacity 4-1|--capacity takes LO-HI
--capacity 1-1001|--capacity takes LO-HI
--slots 1-|--slots takes LO-HI
--student-skills 17|--student-skills takes LO-HI
--skills 3|skills per student 2-5 is not a range within 0-3
--skills 4 --student-skills 1 --idea-skills 2-5|skills per idea 2-5 is not a range within 0-4
--skills 1001|--skills takes a whole number from 0 to 1000
--student-levels 0-6|--student-levels takes LO-HI
--idea-levels 0-5|required skill levels 0-5 are not a range within 1-5
--seed -1|--seed takes a whole number
--universities 1000001|--universities takes a whole number from 0 to 1000000
--university-zipf 21|--university-zipf takes a decimal number, 0 or from 1e-9 to 20
--first-time 1.5|--first-time takes a decimal number, 0 or from 1e-9 to 1
--first-time -1|--first-time takes a decimal number, 0 or from 1e-9 to 1
--quota university:org::2|quotas[0].attribute: no student carries a university (the pool of universities is empty)
--first-time 0.5 --quota first_time=yes:program:1:|quotas[0].value: first_time is true or false
--universities 9 --quota university=uni10:org::1|quotas[0].value: not one of the 9 universities (uni1 to uni9)
--universities 9 --quota gpa:org::1|quotas[0].attribute: the students carry only university and first_time, not "gpa"
--universities 9 --quota university:team::1|quotas[0].per: "team" is not program, org, idea or mentor
--universities 9 --quota university:org:3:2|quotas[0]: min 3 exceeds max 2
--universities 9 --quota university:org::|--quota takes ATTRIBUTE[=VALUE]:PER:MIN:MAX (MIN or MAX may be empty, not both), not 'university:org::'
--universities 9 --quota university:org:1|--quota takes ATTRIBUTE[=VALUE]:PER:MIN:MAX
--universities 9 --quota university:org:1:2:3|--quota takes ATTRIBUTE[=VALUE]:PER:MIN:MAX
--universities 9 --quota =uni1:org:1:|--quota takes ATTRIBUTE[=VALUE]:PER:MIN:MAX
--universities 9 --quota university:org:x:|--quota MIN takes a whole number from 0 to 1000000, not 'x'
--universities 9 --quota university:org::1000001|--quota MAX takes a whole number from 0 to 1000000
--students 0 --universities 9 --quota university:org::1|quotas need students
--seed 18446744073709551616|--seed takes a whole number
--frobnicate 3|unknown option '--frobnicate'
input.json|takes no INPUT, got 'input.json'
EOF
    run "$BIN" generate --students
    expect_exit 2 "generate --students (no value)"
    out_empty "generate --students (no value)"
    err_has "--students needs a value" "generate --students (no value)"
    ok "generate --students (no value): exit 2, '--students needs a value'"
    run "$BIN" generate --name "$(printf 'a\377b')"
    expect_exit 2 "generate --name with a byte that is not UTF-8"
    err_has "the program name is not UTF-8 text" "generate --name 'a\\377b'"
    ok "a program name that is not UTF-8 is refused (the document would not be)"
}

# ------------------------------------------------------------------- grid

SIZES="--students 40 --ideas 12 --mentors 8 --apps 3 --orgs 3
--students 120 --ideas 30 --mentors 20 --apps 5 --orgs 0
--students 25 --ideas 40 --mentors 5 --apps 2 --orgs 6
--students 150 --ideas 6 --mentors 2 --apps 6 --orgs 1"

VARIANTS="--seed-only
--zipf 0
--zipf 20
--multi-mentor 1 --conflicts 1000
--multi-mentor 0 --rating-density 0
--rating-density 1 --rating-noise 4
--rating-noise 0 --skills 3 --student-skills 0-3 --idea-skills 0-3
--skills 0 --student-skills 0 --idea-skills 0
--skills 200 --student-skills 16 --idea-skills 5-16 --student-levels 5 --idea-levels 1
--capacity 0-2 --slots 0-3 --min-load 1
--capacity 3 --slots 5 --org-slots 1 --program-slots 1 --min-load 0.5
--org-slots 0 --program-slots 0 --min-load 1
--min-load 1 --conflicts 500 --multi-mentor 0.6 --zipf 3
--universities 30 --first-time 0.4 --quota university:org::3 --quota first_time=false:idea::1"

EDGES="--students 0
--ideas 0 --apps 0 --mentors 0 --orgs 0
--ideas 0 --apps 0 --mentors 3 --orgs 9
--students 1 --ideas 1 --mentors 1 --apps 1 --orgs 1 --min-load 1
--students 300 --ideas 1 --mentors 3 --apps 1 --orgs 0 --multi-mentor 1 --conflicts 1000 --min-load 1
--students 60 --ideas 10 --mentors 30 --apps 10 --orgs 0 --zipf 20
--students 1 --universities 1 --first-time 1 --quota university:mentor::1 --quota first_time=true:program::1
--students 700 --universities 1000000 --university-zipf 0 --first-time 0 --orgs 0 --quota university=uni0999999:org::0"

SEEDS="1 2 3 0 18446744073709551615 4294967296"

# grid_one ARGS: generate, check with nothing on standard error, and solve
# one in four.
grid_one() {
    count=$((count + 1))
    # shellcheck disable=SC2086
    run "$BIN" generate $1 -o "$T/g.json"
    expect_exit 0 "generate $1"
    err_empty "generate $1"
    run "$BIN" check --strict "$T/g.json"
    expect_exit 0 "check --strict of generate $1"
    # issue 16 item 5 (iss16-import): check's advice about what a document
    # may not mean (unused ideas and capacity, unrated applications) is
    # expected of random instances; any other warning is not.
    grep -v -E 'warning: (capacity [0-9]+ can never be used in full|no student applies to idea|mentor .* (can lead no student|mentors no idea)|[0-9]+ of [0-9]+ applications are unrated)' \
        "$T/err" >"$T/err.kept"
    mv "$T/err.kept" "$T/err"
    err_empty "check --strict of generate $1 (no warnings)"
    if [ $((count % 4)) -eq 0 ]; then
        run "$BIN" solve -o "$T/r.json" "$T/g.json"
        expect_exit 0 "solve of generate $1"
        grep -q '"status": *"optimal"' "$T/r.json" || fail "solve of generate $1: status is not optimal"
        solved=$((solved + 1))
    fi
}

group_grid() {
    count=0 solved=0
    while IFS= read -r size; do
        while IFS= read -r variant; do
            [ "$variant" = --seed-only ] && variant=
            for seed in $SEEDS; do
                grid_one "$size $variant --seed $seed"
            done
        done <<EOF
$VARIANTS
EOF
    done <<EOF
$SIZES
EOF
    while IFS= read -r edge; do
        for seed in $SEEDS; do
            grid_one "$edge --seed $seed"
        done
    done <<EOF
$EDGES
EOF
    for seed in 1 2; do
        grid_one "--seed $seed"
    done
    ok "$count generated instances pass check --strict without warnings; $solved of them solved to optimality"
}

# ------------------------------------------------------------ determinism

group_determinism() {
    a="--students 300 --ideas 60 --mentors 40 --apps 4 --orgs 4 --seed 9"
    # shellcheck disable=SC2086
    "$BIN" generate $a >"$T/a1.json" && "$BIN" generate $a >"$T/a2.json" &&
        "$BIN" generate $a -o "$T/a3.json" || fail "generate $a failed"
    last=
    cmp -s "$T/a1.json" "$T/a2.json" || fail "generate $a twice: the bytes differ"
    cmp -s "$T/a1.json" "$T/a3.json" || fail "generate $a: -o and standard output differ"
    ok "same options, same bytes (standard output twice, and -o)"

    "$BIN" generate --seed 1 >"$T/s1.json" && "$BIN" generate --seed 2 >"$T/s2.json" &&
        "$BIN" generate --seed 18446744073709551615 >"$T/s3.json" || fail "generate --seed failed"
    for p in "s1 s2" "s1 s3" "s2 s3"; do
        # shellcheck disable=SC2086
        set -- $p
        cmp -s "$T/$1.json" "$T/$2.json" && fail "$1 and $2 (different seeds): identical bytes"
    done
    ok "different seeds, different bytes"

    "$BIN" generate --seed 1 --rating-noise 2 >"$T/n.json" || fail "generate --rating-noise 2 failed"
    cmp -s "$T/s1.json" "$T/n.json" && fail "--rating-noise 2: the same bytes as the default"
    # Only the ratings depend on the noise: everything before them stays.
    sed '/^"ratings"/,$d' "$T/s1.json" >"$T/h1" && sed '/^"ratings"/,$d' "$T/n.json" >"$T/h2"
    cmp -s "$T/h1" "$T/h2" || fail "--rating-noise changed more than the ratings"
    ok "another parameter, other bytes; a phase's parameter leaves the other phases alone"

    # Pinned: a change here changes every generated instance (and the
    # benchmark's tiers, whose cache is keyed by GEN_TAG in bench_solve.c).
    sum=$("$BIN" generate | cksum)
    [ "$sum" = "1051574822 60879" ] || fail "generate (defaults): cksum '$sum', expected '1051574822 60879'"
    sum=$("$BIN" generate --students 200 --ideas 50 --mentors 30 --apps 3 --orgs 5 --name bench | cksum)
    [ "$sum" = "1422794399 60875" ] || fail "benchmark tier t1: cksum '$sum', expected '1422794399 60875'"
    ok "the default instance and the benchmark's tier t1 have their pinned checksums"

    if [ -n "$GEN" ] && [ -x "$GEN" ]; then
        for g in "--students 200 --ideas 50 --mentors 30 --apps 3 --orgs 5" \
            "--students 300 --ideas 80 --mentors 50 --apps 4 --orgs 5 --seed 7" \
            "--students 50 --ideas 10 --mentors 40 --apps 10 --zipf 5 --multi-mentor 0.9 --seed 99"; do
            # shellcheck disable=SC2086
            "$GEN" $g >"$T/m.json" || fail "mm_gen $g failed"
            # shellcheck disable=SC2086
            "$BIN" generate --orgs 0 --name bench $g >"$T/c.json" || fail "generate $g failed"
            cmp -s "$T/m.json" "$T/c.json" || fail "mm_gen $g and generate --orgs 0 --name bench $g differ"
        done
        ok "mm_gen writes what generate writes with its defaults (--orgs 0 --name bench)"
    fi
}

# ----------------------------------------------------------------- params

# stats.py FILE KEY=VALUE...: check a generated instance against the
# parameters it was made with. Prints one summary line, or the first
# problem (exit 1).
write_stats() {
    cat >"$T/stats.py" <<'EOF'
import json, math, sys

path = sys.argv[1]
p = dict(a.split('=', 1) for a in sys.argv[2:])
d = json.load(open(path, encoding='utf-8'))
summary = []

def die(msg):
    print(msg)
    sys.exit(1)

def rng(key):
    lo, _, hi = p[key].partition('-')
    return int(lo), int(hi or lo)

def near(what, got, want, n):
    """A share of n draws within four standard deviations (and 0.01)."""
    tol = 4 * math.sqrt(max(want * (1 - want), 1e-9) / max(n, 1)) + 0.01
    if abs(got - want) > tol:
        die(f'{what}: {got:.4f}, expected {want} +- {tol:.4f} (n={n})')
    summary.append(f'{what} {got:.3f}')

def round_half_up(num, den):
    return (2 * num + den) // (2 * den)

S, I, M, O, K = (int(p[k]) for k in ('students', 'ideas', 'mentors', 'orgs', 'apps'))
students, ideas, mentors = d['students'], d['ideas'], d['mentors']
orgs = d.get('orgs', [])
if (len(students), len(ideas), len(mentors), len(orgs)) != (S, I, M, O):
    die(f'counts {len(students)} {len(ideas)} {len(mentors)} {len(orgs)}, expected {S} {I} {M} {O}')
if O == 0 and 'orgs' in d:
    die('"orgs" present with --orgs 0')
for s in students:
    apps = [a['idea'] for a in s['applications']]
    if len(apps) != K or len(set(apps)) != K or any('rank' in a for a in s['applications']):
        die(f'{s["id"]}: {len(apps)} applications ({len(set(apps))} distinct), expected {K}')
summary.append(f'{S} students x {K} applications')

if 'multi' in p:
    multi = sum(len(i['mentors']) > 1 for i in ideas) / max(I, 1)
    near('multi-mentor share', multi, float(p['multi']), I)
if any(not 1 <= len(i['mentors']) <= 3 for i in ideas):
    die('an idea with no mentor, or more than 3')

ratings = d['ratings']
if 'density' in p:
    near('rating density', len(ratings) / max(S * K, 1), float(p['density']), S * K)

def check_skills(kind, objs, key, count, levels):
    clo, chi = rng(count)
    llo, lhi = rng(levels)
    for o in objs:
        sk = o[key]
        if not clo <= len(sk) <= chi:
            die(f'{o["id"]}: {len(sk)} skills, expected {p[count]}')
        for name, level in sk.items():
            if not llo <= level <= lhi:
                die(f'{o["id"]}: {key} level {level}, expected {p[levels]}')
    return {name for o in objs for name in o[key]}

names = check_skills('student', students, 'skills', 'student_skills', 'student_levels')
names |= check_skills('idea', ideas, 'requires', 'idea_skills', 'idea_levels')
if len(names) > int(p['skills']):
    die(f'{len(names)} skill names, vocabulary {p["skills"]}')
if 'all_skills' in p and len(names) != int(p['skills']):
    die(f'{len(names)} skill names used, expected the whole vocabulary {p["skills"]}')
summary.append(f'{len(names)} skills')

lo, hi = rng('capacity')
caps = [m['capacity'] for m in mentors]
if any(not lo <= c <= hi for c in caps):
    die(f'a capacity outside {p["capacity"]}')
if 'capacity_shares' in p:   # lo..hi weighted n, n-1, ..., 1
    n = hi - lo + 1
    for k in range(n):
        near(f'capacity {lo + k}', caps.count(lo + k) / M, (n - k) / (n * (n + 1) / 2), M)
lo, hi = rng('slots')
slots = {i['id']: i['slots'] for i in ideas}
if any(not lo <= s <= hi for s in slots.values()):
    die(f'idea slots outside {p["slots"]}')
if 'slots_shares' in p:
    near(f'ideas with {lo} slots', list(slots.values()).count(lo) / I, 0.75, I)

if d['program']['slots'] != round_half_up(S * round(float(p['program_slots']) * 1e9), 10**9):
    die(f'program slots {d["program"]["slots"]}, expected {p["program_slots"]} x {S}')
org_share = round(float(p['org_slots']) * 1e9)
for o in orgs:
    total = sum(i['slots'] for i in ideas if i.get('org') == o['id'])
    if o['slots'] != round_half_up(total * org_share, 10**9):
        die(f'{o["id"]}: slots {o["slots"]}, expected {p["org_slots"]} x {total}')

loaded = [m for m in mentors if m.get('min_load')]
most = M * round(float(p['min_load']) * 1e9) // 10**9
if len(loaded) > most or any(m['min_load'] != 1 for m in loaded):
    die(f'{len(loaded)} mentors with min_load, expected at most {most}, each 1')
if 'min_load_some' in p and len(loaded) < int(p['min_load_some']):
    die(f'{len(loaded)} mentors with min_load, expected at least {p["min_load_some"]}')
summary.append(f'{len(loaded)} min_load')

conflicts = d['conflicts']
want = -(-S * round(float(p['conflicts']) * 1000) // 10**6)
if len(conflicts) > want or ('conflicts_exact' in p and len(conflicts) != want):
    die(f'{len(conflicts)} conflicts, expected {want}')
summary.append(f'{len(conflicts)} conflicts')

# Scores: 2 + 3 x skill match, in halves, plus noise within the bound.
noise = round(float(p['noise']) * 2)
req = {i['id']: i['requires'] for i in ideas}
skills = {s['id']: s['skills'] for s in students}
off = 0
for r in ratings:
    rq, have = req[r['idea']], skills[r['student']]
    num = sum(min(have.get(k, 0), v) for k, v in rq.items())
    den = sum(rq.values())
    centre = 4 + ((12 * num + den) // (2 * den) if den else 6)
    halves = round(r['score'] * 2)
    if halves != r['score'] * 2 or not 2 <= halves <= 10:
        die(f'rating {r}: not 1..5 in steps of 0.5')
    if abs(halves - centre) > noise and 2 < halves < 10:
        die(f'rating {r}: {halves / 2} is more than {noise / 2} from {centre / 2}')
    off += halves != max(2, min(10, centre))
if noise and len(ratings) > 50 and off == 0:
    die(f'--rating-noise {p["noise"]}: every rating sits on the skill match')
summary.append(f'{off} of {len(ratings)} ratings off the skill match')

if 'top_share' in p:   # the most popular idea's share of applications
    count = {}
    for s in students:
        for a in s['applications']:
            count[a['idea']] = count.get(a['idea'], 0) + 1
    top = max(count.values()) / (S * K)
    lo, hi = (float(x) for x in p['top_share'].split(':'))
    if not lo <= top <= hi:
        die(f'the most popular idea has {top:.3f} of the applications, expected {lo}..{hi}')
    summary.append(f'top idea {top:.3f}')
print(', '.join(summary))
EOF
}

# params_case WHAT GENERATE-ARGS -- STATS-ARGS
params_case() {
    what=$1
    shift
    gargs=
    while [ "$1" != -- ]; do
        gargs="$gargs $1"
        shift
    done
    shift
    # shellcheck disable=SC2086
    run "$BIN" generate $gargs -o "$T/p.json"
    expect_exit 0 "generate$gargs"
    run python3 "$T/stats.py" "$T/p.json" "$@"
    expect_exit 0 "$what (generate$gargs)"
    ok "$what: $(cat "$T/out")"
}

# The defaults, as stats.py keys; a case overrides some.
D="skills=20 student_skills=2-5 idea_skills=1-3 student_levels=0-5 idea_levels=1-5
capacity=1-4 slots=1-2 program_slots=0.9 org_slots=0.8 min_load=0.0078125 conflicts=1 noise=1"

group_params() {
    command -v python3 >/dev/null 2>&1 || fail "python3 is needed"
    write_stats
    # shellcheck disable=SC2086
    params_case "defaults" -- students=200 ideas=50 mentors=30 orgs=5 apps=3 $D \
        multi=0.3 density=0.7
    # shellcheck disable=SC2086
    params_case "counts and shares at scale" --students 2000 --ideas 1500 --mentors 900 --apps 4 \
        --orgs 0 --seed 4 -- students=2000 ideas=1500 mentors=900 orgs=0 apps=4 $D multi=0.3 \
        density=0.7 capacity_shares=1 slots_shares=1 conflicts_exact=1 all_skills=1
    # shellcheck disable=SC2086
    params_case "other shares" --students 1500 --ideas 1200 --mentors 900 --apps 2 --orgs 0 \
        --multi-mentor 0.75 --rating-density 0.25 --seed 5 -- students=1500 ideas=1200 \
        mentors=900 orgs=0 apps=2 $D multi=0.75 density=0.25
    # shellcheck disable=SC2086
    params_case "no multi-mentor ideas, every application rated" --students 300 --ideas 200 \
        --mentors 100 --apps 6 --orgs 7 --multi-mentor 0 --rating-density 1 -- students=300 \
        ideas=200 mentors=100 orgs=7 apps=6 $D multi=0 density=1
    params_case "skills, levels, capacities, slots, caps" --students 400 --ideas 300 \
        --mentors 200 --apps 3 --orgs 12 --skills 40 --student-skills 4-9 --idea-skills 2 \
        --student-levels 2-4 --idea-levels 3-5 --capacity 2-7 --slots 3-6 --org-slots 0.5 \
        --program-slots 0.25 --seed 6 -- students=400 ideas=300 mentors=200 orgs=12 apps=3 \
        skills=40 student_skills=4-9 idea_skills=2 student_levels=2-4 idea_levels=3-5 \
        capacity=2-7 slots=3-6 org_slots=0.5 program_slots=0.25 min_load=0.0078125 \
        conflicts=1 noise=1 capacity_shares=1 all_skills=1
    # shellcheck disable=SC2086
    params_case "min_load share and conflicts per 1,000" --students 1000 --ideas 100 \
        --mentors 40 --apps 5 --orgs 0 --multi-mentor 1 --min-load 0.25 --conflicts 50 \
        --program-slots 1 -- students=1000 ideas=100 mentors=40 orgs=0 apps=5 $D multi=1 \
        min_load=0.25 min_load_some=5 conflicts=50 conflicts_exact=1 program_slots=1
    # shellcheck disable=SC2086
    params_case "no rating noise: every score on the skill match" --students 300 --ideas 50 \
        --mentors 30 --apps 4 --rating-noise 0 -- students=300 ideas=50 mentors=30 orgs=5 \
        apps=4 $D noise=0
    # shellcheck disable=SC2086
    params_case "rating noise 2.5" --students 300 --ideas 50 --mentors 30 --apps 4 \
        --rating-noise 2.5 -- students=300 ideas=50 mentors=30 orgs=5 apps=4 $D noise=2.5
    # shellcheck disable=SC2086
    params_case "no skew: popularity flat" --students 2000 --ideas 100 --mentors 60 --apps 1 \
        --zipf 0 -- students=2000 ideas=100 mentors=60 orgs=5 apps=1 $D top_share=0:0.03
    # shellcheck disable=SC2086
    params_case "skew 2: one idea takes most first choices" --students 2000 --ideas 100 \
        --mentors 60 --apps 1 --zipf 2 -- students=2000 ideas=100 mentors=60 orgs=5 apps=1 $D \
        top_share=0.5:0.7
}

# --------------------------------------------------------------------- io

group_io() {
    mkdir "$T/d"
    run "$BIN" generate -o "$T/d/new.json"
    expect_exit 0 "generate -o new file"
    out_empty "generate -o"
    err_empty "generate -o"
    [ "$(lsdir "$T/d")" = "new.json" ] || fail "expected new.json only: $(lsdir "$T/d")"
    ok "-o writes FILE, nothing on standard output, no temporary left"

    echo old >"$T/d/old.json"
    run "$BIN" generate --seed 2 -o "$T/d/old.json"
    expect_exit 0 "generate -o existing file"
    "$BIN" generate --seed 2 | cmp -s - "$T/d/old.json" || fail "-o over an existing file: not the document"
    ok "-o replaces an existing FILE"

    run "$BIN" generate -o "$T/missing/dir/x.json"
    expect_exit 70 "generate -o into a missing directory"
    err_has "cannot write" "generate -o into a missing directory"
    ok "-o into a missing directory: exit 70, cannot write"

    if [ -w /dev/full ]; then
        run "$BIN" generate -o /dev/full
        expect_exit 70 "generate -o /dev/full"
        err_has "cannot write" "generate -o /dev/full"
        last="$BIN generate >/dev/full"
        "$BIN" generate >/dev/full 2>"$T/err"
        rc=$?
        expect_exit 70 "generate >/dev/full"
        ok "a full device (-o and standard output): exit 70, cannot write"
    fi
    [ "$(lsdir "$T/d")" = "new.json old.json" ] || fail "files left behind: $(lsdir "$T/d")"
    ok "no temporary file left behind"
}

case $GROUP in
    usage | grid | determinism | params | io) "group_$GROUP" ;;
    *)
        echo "unknown group '$GROUP'" >&2
        exit 2
        ;;
esac
