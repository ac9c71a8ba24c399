#!/bin/sh
# Command-level tests of `mentormatch evaluate` and `mentormatch diff`.
#
#   test_evaluate.sh BINARY EXAMPLES_DIR GROUP
#
# GROUP is one of: usage optimum broken suboptimal diff. Each group prints
# one "ok N - ..." line per check and exits 0 when all pass; on the first
# failure it prints what was expected and what came (the command, its exit
# code, standard error and the start of standard output) and exits 1.
# Broken assignments are built from each example's optimum by python3
# (evaluate_case.py below), which also says where the violation must be
# reported. Written for POSIX sh (runs under dash).

if [ "$#" -lt 3 ]; then
    echo "usage: $0 BINARY EXAMPLES_DIR GROUP" >&2
    echo "groups: usage optimum broken suboptimal diff" >&2
    exit 2
fi

BIN=$1
EX=$2
GROUP=$3

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $EX in /*) ;; *) EX=$(pwd)/$EX ;; esac

if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL [$GROUP] python3 is needed for the JSON checks" >&2
    exit 1
fi

SUITE=eval
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

examples() {
    for f in "$EX"/*.json; do
        [ -f "$f" ] && echo "$f"
    done
}

# optimum EXAMPLE: its result document, solved once, into $T/NAME.opt.json;
# sets opt to that path.
optimum() {
    opt=$T/$(basename "$1" .json).opt.json
    [ -f "$opt" ] && return 0
    run "$BIN" solve "$1"
    expect_exit 0 "solving $(basename "$1") for its optimum"
    cp "$T/out" "$opt"
}

# ---------------------------------------------------------------- python helpers

# evaluate_case.py INPUT OPTIMUM KIND OUT: writes an assignment of KIND built
# from the optimum to OUT, and prints one "PLACE<tab>TEXT" line per message
# that evaluate must print (as OUT: PLACE: ...TEXT...). Exits 3 when the
# instance offers no way to build KIND.
write_case_maker() {
    cat >"$T/evaluate_case.py" <<'EOF'
import json, sys

inp = json.load(open(sys.argv[1], encoding='utf-8'))
opt = json.load(open(sys.argv[2], encoding='utf-8'))
kind, out = sys.argv[3], sys.argv[4]

ideas = {i['id']: i for i in inp['ideas']}
mentors = {m['id']: m for m in inp['mentors']}
conflicts = {(c['mentor'], c['student']) for c in inp.get('conflicts', [])}
fixed = inp.get('fixed', [])
fixed_pairs = {(f['student'], f['idea']) for f in fixed}
org_of = {i['id']: i.get('org') for i in inp['ideas']}
orgs = {o['id']: o for o in inp.get('orgs', [])}
apps = {s['id']: [a['idea'] for a in s['applications']] for s in inp['students']}
rank = {}
for s in inp['students']:
    explicit = s['applications'] and 'rank' in s['applications'][0]
    for n, a in enumerate(s['applications']):
        rank[(s['id'], a['idea'])] = a['rank'] if explicit else n + 1
E = [{'student': a['student'], 'idea': a['idea'], 'mentor': a['mentor']} for a in opt['assignments']]
assigned = {e['student'] for e in E}
unassigned = [s['id'] for s in inp['students'] if s['id'] not in assigned]

def free_mentors(s, i):
    return [m for m in ideas[i]['mentors'] if (m, s) not in conflicts]

def load(entries, key, value):
    return [k for k, e in enumerate(entries) if key(e) == value]

def done(entries, expect, bare=False):
    json.dump(entries if bare else {'assignments': entries}, open(out, 'w', encoding='utf-8'))
    for place, text in expect:
        print('%s\t%s' % (place, text))
    sys.exit(0)

def nothing():
    sys.exit(3)

def q(s):
    return '"%s"' % s

if kind == 'twice':
    done(E + [dict(E[0])], [('assignments[%d]' % len(E), 'one idea per student: student %s' % q(E[0]['student']))])
if kind == 'unknown':
    E[0]['idea'] = 'no-such-idea'
    done(E, [('assignments[0].idea', 'unknown idea "no-such-idea"')])
if kind == 'not_application':
    for k, e in enumerate(E):
        if (e['student'], e['idea']) in fixed_pairs:
            continue
        for i in ideas:
            if i not in apps[e['student']]:
                E[k] = {'student': e['student'], 'idea': i, 'mentor': ideas[i]['mentors'][0]}
                done(E, [('assignments[%d]' % k, 'not an application: student %s did not apply to idea %s'
                          % (q(e['student']), q(i)))])
    nothing()
if kind in ('forbidden', 'max_rank'):
    if kind == 'forbidden':
        pairs = [(f['student'], f['idea']) for f in inp.get('forbidden', [])]
        why = 'forbidden'
    else:
        mr = inp.get('settings', {}).get('max_rank')
        pairs = [p for p, r in rank.items() if mr is not None and r > mr and p not in fixed_pairs]
    for s, i in pairs:
        if not free_mentors(s, i):
            continue
        entry = {'student': s, 'idea': i, 'mentor': free_mentors(s, i)[0]}
        k = next((k for k, e in enumerate(E) if e['student'] == s), len(E))
        E[k:k + 1] = [entry]
        text = 'not eligible: student %s on idea %s: ' % (q(s), q(i))
        if kind == 'forbidden':
            text += why
        else:
            text += 'rank %d above max_rank %d' % (rank[(s, i)], inp['settings']['max_rank'])
        done(E, [('assignments[%d]' % k, text)])
    nothing()
if kind == 'idea_slots':
    filled = {}
    for e in E:
        filled[e['idea']] = filled.get(e['idea'], 0) + 1
    for s in unassigned:
        for i in apps[s]:
            slots = ideas[i].get('slots', 1)
            if filled.get(i, 0) == slots and free_mentors(s, i):
                E.append({'student': s, 'idea': i, 'mentor': free_mentors(s, i)[0]})
                past = load(E, lambda e: e['idea'], i)[slots]
                done(E, [('assignments[%d]' % past, 'idea slots: idea %s filled %d, slots %d' % (q(i), slots + 1, slots))])
    nothing()
def over_capacity(m):
    cap = mentors[m].get('capacity', 1)
    past = load(E, lambda x: x['mentor'], m)[cap]
    done(E, [('assignments[%d]' % past, 'mentor capacity: mentor %s load %d, capacity %d' % (q(m), cap + 1, cap))])

if kind == 'capacity':
    full = [m for m in mentors if len(load(E, lambda x: x['mentor'], m)) == mentors[m].get('capacity', 1)]
    # Another mentor of the same idea, at capacity, takes over...
    for k, e in enumerate(E):
        for m in free_mentors(e['student'], e['idea']):
            if m != e['mentor'] and m in full:
                E[k] = dict(e, mentor=m)
                over_capacity(m)
    # ... or an unassigned applicant joins an idea with room under a full mentor.
    for s in unassigned:
        for i in apps[s]:
            room = len(load(E, lambda x: x['idea'], i)) < ideas[i].get('slots', 1)
            for m in free_mentors(s, i):
                if room and m in full:
                    E.append({'student': s, 'idea': i, 'mentor': m})
                    over_capacity(m)
    nothing()
if kind == 'fixed':
    f = fixed[0]
    E = [e for e in E if e['student'] != f['student']]
    done(E, [('assignments', 'fixed pair: fixed[0] (student %s, idea %s) is not assigned' % (q(f['student']), q(f['idea'])))])
if kind == 'org_slots':
    for s in unassigned:
        for i in apps[s]:
            o = org_of.get(i)
            if o is None or 'slots' not in orgs[o] or not free_mentors(s, i):
                continue
            in_org = load(E, lambda e: org_of.get(e['idea']), o)
            if len(in_org) == orgs[o]['slots']:
                E.append({'student': s, 'idea': i, 'mentor': free_mentors(s, i)[0]})
                past = load(E, lambda e: org_of.get(e['idea']), o)[orgs[o]['slots']]
                done(E, [('assignments[%d]' % past, 'org slots: org %s filled %d, slots %d'
                          % (q(o), orgs[o]['slots'] + 1, orgs[o]['slots']))])
    nothing()
if kind == 'program':
    slots = inp.get('program', {}).get('slots')
    if slots is None:
        nothing()
    for s in unassigned:
        if len(E) > slots:
            break
        for i in apps[s]:
            if free_mentors(s, i):
                E.append({'student': s, 'idea': i, 'mentor': free_mentors(s, i)[0]})
                break
    if len(E) <= slots:
        nothing()
    done(E, [('assignments[%d]' % slots, 'program slots: %d assigned, program slots %d' % (len(E), slots))])
if kind == 'no_mentor':
    for k, e in enumerate(E):
        n = len(free_mentors(e['student'], e['idea']))
        if n >= 2:
            del E[k]['mentor']
            done(E, [('assignments[%d].mentor' % k, 'lead mentor: none given, and idea %s has %d mentors who may lead student %s'
                      % (q(e['idea']), n, q(e['student'])))])
    nothing()
if kind == 'bare':
    # Left out where the idea has one mentor who may lead the student.
    for e in E:
        if len(free_mentors(e['student'], e['idea'])) == 1:
            del e['mentor']
    done(E, [], bare=True)
if kind == 'bare_twice':
    done(E + [dict(E[-1])], [('[%d]' % len(E), 'one idea per student: student %s is already assigned at [%d]'
                              % (q(E[-1]['student']), len(E) - 1))], bare=True)
def keeps_quota_mins(E, k):
    """Dropping E[k] leaves every quota min (SPEC 7) met."""
    attrs = {s['id']: s.get('attributes', {}) for s in inp['students']}
    unit_of = {'program': lambda e: None, 'org': lambda e: org_of.get(e['idea']),
               'idea': lambda e: e['idea'], 'mentor': lambda e: e['mentor']}
    for qu in inp.get('quotas', []):
        a, unit = qu['attribute'], unit_of[qu.get('per', 'program')]
        v = attrs[E[k]['student']].get(a)
        if 'min' not in qu or v is None or ('value' in qu and v != qu['value']):
            continue
        same = [e for e in E if unit(e) == unit(E[k]) and attrs[e['student']].get(a) == v]
        if len(same) - 1 < qu['min']:
            return False
    return True
if kind == 'drop':
    for k, e in enumerate(E):
        m = e['mentor']
        if (e['student'], e['idea']) in fixed_pairs or not keeps_quota_mins(E, k):
            continue
        if len(load(E, lambda x: x['mentor'], m)) - 1 < mentors[m].get('min_load', 0):
            continue
        done(E[:k] + E[k + 1:], [])
    nothing()
sys.exit('unknown kind ' + kind)
EOF
}

# check_eval.py OUT ERR [optimal|feasible|infeasible]: the evaluate document
# is consistent: its evaluation agrees with the stderr lines and the status.
write_eval_checker() {
    cat >"$T/check_eval.py" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
lines = [l for l in open(sys.argv[2], encoding='utf-8').read().splitlines() if l]
want = sys.argv[3]
e = doc.get('evaluation')
if e is None:
    sys.exit('no "evaluation" member')
if doc['status'] != want:
    sys.exit('status %r, expected %r' % (doc['status'], want))
if e['violations'] != len(lines):
    sys.exit('evaluation.violations %r but %d lines on standard error' % (e['violations'], len(lines)))
if e['feasible'] != (want != 'infeasible') or e['feasible'] != (e['violations'] == 0):
    sys.exit('evaluation.feasible %r with %r violations and status %r' % (e['feasible'], e['violations'], want))
opt, obj = e['optimum'], doc['objective']
if e['gap']['assigned'] != opt['assigned'] - obj['assigned']:
    sys.exit('gap.assigned %r is not optimum - objective' % e['gap']['assigned'])
if abs(e['gap']['score'] - (opt['score'] - obj['score'])) > 1e-6:
    sys.exit('gap.score %r is not optimum - objective' % e['gap']['score'])
if doc['bound'] != opt:
    sys.exit('bound %r is not the optimum %r' % (doc['bound'], opt))
if obj['assigned'] != len(doc['assignments']) or abs(obj['score'] - sum(a['score'] for a in doc['assignments'])) > 1e-6:
    sys.exit('objective does not sum the assignments')
print('%s, %d violations, gap (%d, %.6g)' % (want, e['violations'], e['gap']['assigned'], e['gap']['score']))
EOF
}

# same_but.py A B: two result documents agree except strategy, evaluation, stats.
write_same_but() {
    cat >"$T/same_but.py" <<'EOF'
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
for d in (a, b):
    for k in ('strategy', 'evaluation', 'stats'):
        d.pop(k, None)
if a != b:
    diff = [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
    sys.exit('the documents differ in %s' % ', '.join(sorted(diff)))
EOF
}

# moves.py A B: the students who moved, computed from two result documents,
# one "STUDENT KIND" line each, sorted.
write_moves() {
    cat >"$T/moves.py" <<'EOF'
import json, sys
a, b = ({x['student']: (x['idea'], x['mentor']) for x in json.load(open(p, encoding='utf-8'))['assignments']}
        for p in sys.argv[1:3])
for s in sorted(set(a) | set(b), key=lambda s: s.encode('utf-8')):
    if s not in b:
        print(s, 'only_in_a')
    elif s not in a:
        print(s, 'only_in_b')
    elif a[s] != b[s]:
        print(s, 'changed')
EOF
}

# ------------------------------------------------------------------- groups

group_usage() {
    ex=$(examples | head -n 1)
    optimum "$ex"

    run "$BIN" evaluate "$ex"
    expect_exit 2 "evaluate with INPUT only"
    out_empty "evaluate with INPUT only"
    err_has "expects INPUT and ASSIGNMENT" "evaluate with INPUT only"
    ok "evaluate with one file: exit 2"

    run "$BIN" evaluate --format xml "$ex" "$opt"
    expect_exit 2 "evaluate --format xml"
    out_empty "evaluate --format xml"
    ok "evaluate --format xml: exit 2"

    run "$BIN" evaluate --frob "$ex" "$opt"
    expect_exit 2 "evaluate --frob"
    ok "evaluate with an unknown option: exit 2"

    run "$BIN" evaluate --help
    expect_exit 0 "evaluate --help"
    out_has "usage: mentormatch evaluate" "evaluate --help"
    ok "evaluate --help: exit 0, usage on standard output"

    run "$BIN" diff "$opt"
    expect_exit 2 "diff with one file"
    out_empty "diff with one file"
    ok "diff with one file: exit 2"

    run "$BIN" diff --format csv "$opt" "$opt"
    expect_exit 2 "diff --format csv"
    ok "diff --format csv: exit 2"

    run "$BIN" diff --help
    expect_exit 0 "diff --help"
    out_has "usage: mentormatch diff" "diff --help"
    ok "diff --help: exit 0"

    printf '{"mentors": 3}' >"$T/bad_input.json"
    run "$BIN" evaluate "$T/bad_input.json" "$opt"
    expect_exit 1 "evaluate with an invalid INPUT"
    out_empty "evaluate with an invalid INPUT"
    err_has "$T/bad_input.json: mentors: must be an array" "evaluate with an invalid INPUT"
    ok "evaluate with an invalid INPUT: exit 1, INPUT's problems named"

    # Malformed assignment documents: exit 1, the place named, nothing written.
    printf '[{"student": "s1", ' >"$T/m1.json"
    printf '{"assignments": 3}' >"$T/m2.json"
    printf '[{"student": "x"}, 7, {"student": "y", "idea": 2, "mentor": null}]' >"$T/m3.json"
    printf '42' >"$T/m4.json"
    printf '{"status": "optimal"}' >"$T/m5.json"
    for c in "m1.json:1:" "m2.json: assignments: must be an array, not a number" \
        "m3.json: [0].idea: missing (required)" "m3.json: [1]: must be an object, not a number" \
        "m3.json: [2].idea: must be a string, not a number" "m3.json: [2].mentor: must be a string, not null" \
        "m4.json: (root): must be a result document" "m5.json: assignments: missing"; do
        f=${c%%:*}
        run "$BIN" evaluate "$ex" "$T/$f"
        expect_exit 1 "evaluate with a malformed $f"
        out_empty "evaluate with a malformed $f"
        err_has "$T/$c" "evaluate with a malformed $f"
        ok "malformed assignment: exit 1 with '$c'"
    done

    run "$BIN" evaluate "$ex" "$T/no-such-file.json"
    expect_exit 1 "evaluate with a missing ASSIGNMENT"
    err_has "$T/no-such-file.json: cannot open" "evaluate with a missing ASSIGNMENT"
    ok "missing ASSIGNMENT: exit 1"
}

group_optimum() {
    write_eval_checker
    write_same_but
    for ex in $(examples); do
        name=$(basename "$ex")
        optimum "$ex"
        run "$BIN" evaluate "$ex" "$opt"
        expect_exit 0 "evaluate $name's optimum"
        err_empty "evaluate $name's optimum"
        msg=$(python3 "$T/check_eval.py" "$T/out" "$T/err" optimal 2>&1) || fail "$name: $msg"
        ok "$name: its optimum evaluates feasible, optimal: $msg"
        python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["evaluation"]; sys.exit(e["gap"] != {"assigned": 0, "score": 0})' "$T/out" ||
            fail "$name: gap of the optimum is not exactly {0, 0}"
        ok "$name: gap exactly 0"
        msg=$(python3 "$T/same_but.py" "$opt" "$T/out" 2>&1) || fail "$name: evaluate vs solve: $msg"
        ok "$name: the document equals solve's but for strategy, evaluation and stats"

        run "$BIN" evaluate "$ex" "$opt" --format csv
        expect_exit 0 "evaluate --format csv"
        "$BIN" solve "$ex" --format csv >"$T/solve.csv" || fail "solve --format csv"
        cmp -s "$T/out" "$T/solve.csv" || fail "$name: evaluate --format csv differs from solve's"
        ok "$name: --format csv byte for byte as solve's"

        run "$BIN" evaluate "$ex" "$opt" --format table
        expect_exit 0 "evaluate --format table"
        # the line after the summary (after its quotas line where there is one)
        line=$(sed -n '4{/^quotas: /!p};5{/^evaluation/p}' "$T/out")
        printf '%s\n' "$line" | grep -q '^evaluation: feasible, 0 violations; optimum [0-9]*, [0-9.]*; gap 0, 0.0000$' ||
            fail "$name: --format table: the evaluation line is '$line'"
        ok "$name: --format table: '$line'"

        write_case_maker
        python3 "$T/evaluate_case.py" "$ex" "$opt" bare "$T/bare.json" >/dev/null || fail "building a bare array"
        run "$BIN" evaluate "$ex" "$T/bare.json"
        expect_exit 0 "evaluate a bare array"
        err_empty "evaluate a bare array"
        msg=$(python3 "$T/check_eval.py" "$T/out" "$T/err" optimal 2>&1) || fail "$name: bare array: $msg"
        ok "$name: the optimum as a bare array, mentors left out where implied: exit 0, $msg"
    done
}

# broken_case EXAMPLE KIND: build KIND, expect exit 3 and its messages; 1
# when the example offers no such case.
broken_case() {
    optimum "$1"
    python3 "$T/evaluate_case.py" "$1" "$opt" "$2" "$T/$2.json" >"$T/expect"
    made=$?
    [ "$made" -eq 3 ] && return 1
    [ "$made" -eq 0 ] || fail "building the $2 case from $(basename "$1")"
    run "$BIN" evaluate "$1" "$T/$2.json"
    expect_exit 3 "$(basename "$1"): $2"
    while IFS="$(printf '\t')" read -r place text; do
        err_has "$T/$2.json: $place: $text" "$(basename "$1"): $2"
        ok "$(basename "$1"): $2: exit 3, '$place: $text'"
    done <"$T/expect"
    msg=$(python3 "$T/check_eval.py" "$T/out" "$T/err" infeasible 2>&1) || fail "$(basename "$1"): $2: $msg"
    ok "$(basename "$1"): $2: the document still written: $msg"
    return 0
}

group_broken() {
    write_case_maker
    write_eval_checker
    for kind in twice unknown not_application forbidden max_rank idea_slots capacity fixed org_slots \
        program no_mentor bare_twice; do
        covered=0
        for ex in $(examples); do
            broken_case "$ex" "$kind" && covered=$((covered + 1))
        done
        [ "$covered" -gt 0 ] || { last=; fail "no example offers a '$kind' case"; }
    done
}

group_suboptimal() {
    write_case_maker
    write_eval_checker
    for ex in $(examples); do
        name=$(basename "$ex")
        optimum "$ex"
        python3 "$T/evaluate_case.py" "$ex" "$opt" drop "$T/drop.json" >/dev/null || fail "building the drop case"
        run "$BIN" evaluate "$ex" "$T/drop.json"
        expect_exit 0 "$name: one assignment dropped"
        err_empty "$name: one assignment dropped"
        msg=$(python3 "$T/check_eval.py" "$T/out" "$T/err" feasible 2>&1) || fail "$name: drop: $msg"
        python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["evaluation"]["gap"]; sys.exit(not (g["assigned"] == 1 and g["score"] > 0))' "$T/out" ||
            fail "$name: one dropped: expected gap assigned 1 and a positive score gap"
        ok "$name: one assignment dropped: exit 0, $msg"
        run "$BIN" evaluate "$ex" "$T/drop.json" --format table
        head -n 1 "$T/out" | grep -q '^status feasible, .* (bound ' || fail "$name: table line 1 '$(head -n 1 "$T/out")'"
        ok "$name: table: '$(head -n 1 "$T/out")'"
    done
}

# whatif EXAMPLE: B, the optimum with one more forbidden pair (the first
# assigned, unfixed student whose pair can be forbidden and stay feasible).
whatif() {
    optimum "$1"
    k=0
    while :; do
        python3 - "$1" "$opt" "$k" "$T/whatif.json" <<'EOF' || return 1
import json, sys
inp = json.load(open(sys.argv[1], encoding='utf-8'))
opt = json.load(open(sys.argv[2], encoding='utf-8'))
fixed = {(f['student'], f['idea']) for f in inp.get('fixed', [])}
free = [a for a in opt['assignments'] if (a['student'], a['idea']) not in fixed]
k = int(sys.argv[3])
if k >= len(free):
    sys.exit(1)
inp.setdefault('forbidden', []).append({'student': free[k]['student'], 'idea': free[k]['idea']})
json.dump(inp, open(sys.argv[4], 'w', encoding='utf-8'))
EOF
        "$BIN" solve "$T/whatif.json" >"$T/B.json" 2>/dev/null && return 0
        k=$((k + 1))
    done
}

group_diff() {
    write_moves
    for ex in $(examples); do
        name=$(basename "$ex")
        optimum "$ex"

        run "$BIN" diff "$opt" "$opt"
        expect_exit 0 "$name: diff A A"
        err_empty "$name: diff A A"
        [ "$(head -n 1 "$T/out")" = "no student moved" ] || fail "$name: diff A A: first line '$(head -n 1 "$T/out")'"
        [ "$(wc -l <"$T/out")" -eq 2 ] || fail "$name: diff A A: expected 2 lines"
        sed -n 2p "$T/out" | grep -q '^summary: 0 students moved; assigned \([0-9]*\) -> \1 (+0)' ||
            fail "$name: diff A A: summary '$(sed -n 2p "$T/out")'"
        ok "$name: diff A A: exit 0, 'no student moved' and a summary"

        run "$BIN" diff --format json "$opt" "$opt"
        expect_exit 0 "$name: diff --format json A A"
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["moved"] == 0 and d["moves"] == [] and d["objective"]["change"] == {"assigned": 0, "score": 0}))' "$T/out" ||
            fail "$name: diff --format json A A: expected nothing moved"
        ok "$name: diff --format json A A: moved 0"

        whatif "$ex" || { last=; fail "$name: no forbidden pair keeps the instance feasible"; }
        python3 "$T/moves.py" "$opt" "$T/B.json" >"$T/want"
        [ -s "$T/want" ] || { last=; fail "$name: the what-if moved nobody; the test needs a move"; }
        run "$BIN" diff --format json "$opt" "$T/B.json"
        expect_exit 0 "$name: diff A B"
        python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
if d["moved"] != len(d["moves"]):
    sys.exit("moved %r but %d moves" % (d["moved"], len(d["moves"])))
for m in d["moves"]:
    print(m["student"], m["change"])' "$T/out" >"$T/got" || fail "$name: diff A B: $(cat "$T/got")"
        cmp -s "$T/want" "$T/got" || fail "$name: diff A B lists $(tr '\n' ' ' <"$T/got"), python computes $(tr '\n' ' ' <"$T/want")"
        ok "$name: diff --format json A B lists exactly who moved: $(tr '\n' ' ' <"$T/want")"

        run "$BIN" diff "$opt" "$T/B.json"
        expect_exit 0 "$name: diff A B (text)"
        sed -n 's/^  \([^ ]*\)  .*/\1/p' "$T/out" >"$T/got_text"
        cut -d' ' -f1 "$T/want" >"$T/want_students"
        sort "$T/got_text" | cmp -s - "$(sort "$T/want_students" >"$T/ws"; echo "$T/ws")" ||
            fail "$name: text diff lists $(tr '\n' ' ' <"$T/got_text")"
        tail -n 1 "$T/out" | grep -q "^summary: $(wc -l <"$T/want" | tr -d ' ') students\? moved; " ||
            fail "$name: text summary '$(tail -n 1 "$T/out")'"
        ok "$name: text diff lists the same students, then '$(tail -n 1 "$T/out" | cut -c1-60)...'"

        run "$BIN" diff --format json "$T/B.json" "$opt"
        expect_exit 0 "$name: diff B A"
        python3 -c '
import json, sys
swap = {"only_in_a": "only_in_b", "only_in_b": "only_in_a", "changed": "changed"}
for m in json.load(open(sys.argv[1], encoding="utf-8"))["moves"]:
    print(m["student"], swap[m["change"]])' "$T/out" >"$T/got"
        cmp -s "$T/want" "$T/got" || fail "$name: diff B A is not diff A B mirrored"
        ok "$name: diff B A mirrors diff A B"

        run "$BIN" diff "$opt" "$ex"
        expect_exit 1 "$name: diff with the input as RESULT_B"
        out_empty "$name: diff with the input as RESULT_B"
        err_has "$ex: objective: missing" "$name: diff with the input"
        ok "$name: diff with a non-result: exit 1, '$ex: objective: missing...'"
    done
    optimum "$(examples | head -n 1)"
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["assignments"][1]["rank"] = "x"
d["assignments"].append(dict(d["assignments"][0]))
d["metrics"]["mean_rank"] = "y"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))' "$opt" "$T/bad_result.json"
    run "$BIN" diff "$T/bad_result.json" "$opt"
    expect_exit 1 "diff with a broken result document"
    err_has "$T/bad_result.json: assignments[1].rank: must be an integer" "broken result document"
    err_has "listed twice (assignments[0])" "broken result document"
    err_has "$T/bad_result.json: metrics.mean_rank: must be a number or null, not a string" "broken result document"
    ok "diff with a broken result document: exit 1, every problem named with its place"
}

echo "mentormatch evaluate/diff tests, group $GROUP: $BIN"
case $GROUP in
    usage) group_usage ;;
    optimum) group_optimum ;;
    broken) group_broken ;;
    suboptimal) group_suboptimal ;;
    diff) group_diff ;;
    *)
        echo "unknown group '$GROUP' (usage optimum broken suboptimal diff)" >&2
        exit 2
        ;;
esac
echo "PASS $GROUP: $N checks"
exit 0
