#!/bin/sh
# What-if options naming ids that hold ',' and '=' (issue 14, item 7).
#
#   test_whatif.sh BINARY GROUP
#
# GROUP is one of:
#   rate    preview --rate edits the rating of the --mentor given, whole,
#           even when that id holds a comma; escaped ids; errors say --rate
#   set     solve --set with escaped ids edits the intended rating; an
#           unescaped comma too many is exit 2, never another mentor's rating
#   pairs   --fix and --forbid with escaped '=' and bare ',' in ids
#   usage   malformed texts exit 2 naming the option as typed
#   score   (fix-review-cli) SCORE read as the numeric options are, a sign
#           allowed: hex, blanks, nan, inf refused with exit 2
# Each group prints one "ok N - ..." line per check and exits 0 when all
# pass; on the first failure it says what was expected and what came, and
# exits 1. Needs python3; POSIX sh.

if [ "$#" -lt 2 ]; then
    echo "usage: $0 BINARY GROUP" >&2
    exit 2
fi

BIN=$1
GROUP=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
if [ ! -x "$BIN" ]; then
    echo "FAIL [$GROUP] no executable binary at $BIN" >&2
    exit 1
fi

SUITE=whatif
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# Ids crafted so that splitting at the wrong separator names other ids that
# exist: "m1,s" + "t" + "i" against "m1" + "s" + "t,i". Idea i has one slot;
# t (rated 4) holds it against a=b (rated 2), who goes to e=q.
DOC=$T/ids.json
cat > "$DOC" <<'JSON'
{"mentors": [{"id": "m1,s", "capacity": 3}, {"id": "m1", "capacity": 3}],
 "ideas": [{"id": "i", "mentors": ["m1,s"]}, {"id": "t,i", "mentors": ["m1"]},
           {"id": "e=q", "mentors": ["m1"]}],
 "students": [{"id": "t", "applications": [{"idea": "i"}]},
              {"id": "s", "applications": [{"idea": "t,i"}]},
              {"id": "a=b", "applications": [{"idea": "i"}, {"idea": "e=q"}]}],
 "ratings": [{"mentor": "m1,s", "student": "t", "idea": "i", "score": 4},
             {"mentor": "m1", "student": "s", "idea": "t,i", "score": 2},
             {"mentor": "m1,s", "student": "a=b", "idea": "i", "score": 2}]}
JSON

# rating FILE IDEA STUDENT: the mentor's rating shown in a JSON preview.
rating() {
    python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print([a["your_rating"] for i in d["ideas"] if i["id"] == sys.argv[2]
       for a in i["applicants"] if a["student"] == sys.argv[3]])
PY
}

# assigned FILE STUDENT IDEA: exit 0 when a solve result holds the pair.
assigned() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(a["student"]==sys.argv[2] and a["idea"]==sys.argv[3] for a in d["assignments"]) else 1)' "$@"
}

# comp FILE STUDENT IDEA: got= the pair's rating component in a solve result.
comp() {
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([a["components"]["rating"] for a in d["assignments"] if a["student"]==sys.argv[2] and a["idea"]==sys.argv[3]])' "$@")
}

# no_rewrite WHAT: standard error never shows the --set spelling.
no_rewrite() {
    if grep -F -q -e "ratings:" -e "--set" "$T/err"; then
        fail "$1: the message names an internal --set rewrite"
    fi
}

group_rate() {
    run "$BIN" preview "$DOC" --mentor 'm1,s' --rate 't,i=5' --noise 0 --format json
    expect_exit 0 "preview --mentor 'm1,s' --rate 't,i=5'"
    got=$(rating "$T/out" i t)
    [ "$got" = "[5]" ] || fail "--mentor 'm1,s' --rate 't,i=5': expected t's rating at i [5], got $got"
    ok "--mentor 'm1,s' --rate 't,i=5' rates (m1,s; t; i), not (m1; s; t,i)"
    run "$BIN" preview "$DOC" --rate 't,i=5' --mentor 'm1,s' --noise 0
    expect_exit 0 "preview --rate before --mentor (text)"
    grep -E -q '^ *t +5\.00 ' "$T/out" || fail "preview text with --rate 't,i=5': expected t with rating 5.00"
    ok "the text preview shows the rating given, --rate before --mentor"
    run "$BIN" preview "$DOC" --mentor m1 --rate 's,t\,i=4' --noise 0 --format json
    expect_exit 0 "preview --mentor m1 --rate 's,t\\,i=4'"
    got=$(rating "$T/out" 't,i' s)
    [ "$got" = "[4]" ] || fail "--rate 's,t\\,i=4': expected s's rating at t,i [4], got $got"
    ok "--rate 's,t\\,i=4' names idea 't,i'"
    run "$BIN" preview "$DOC" --mentor 'm1,s' --rate 'a\=b,i=1' --noise 0 --format json
    expect_exit 0 "preview --rate 'a\\=b,i=1'"
    got=$(rating "$T/out" i 'a=b')
    [ "$got" = "[1]" ] || fail "--rate 'a\\=b,i=1': expected a=b's rating at i [1], got $got"
    ok "--rate 'a\\=b,i=1' names student 'a=b'"
    run "$BIN" preview "$DOC" --mentor 'm1,s' --rate 't,i=9'
    expect_exit 1 "--rate 't,i=9'"
    err_has "--rate t,i=9: score 9 is outside the rating scale" "--rate 't,i=9'"
    no_rewrite "--rate 't,i=9'"
    ok "a bad score is reported at --rate as typed"
    run "$BIN" preview "$DOC" --mentor 'm1,s' --rate 'nobody,i=3'
    expect_exit 1 "--rate 'nobody,i=3'"
    err_has '--rate nobody,i=3: unknown student "nobody"' "--rate 'nobody,i=3'"
    no_rewrite "--rate 'nobody,i=3'"
    ok "an unknown student is reported at --rate as typed"
}

group_set() {
    run "$BIN" solve "$DOC"
    expect_exit 0 "solve"
    assigned "$T/out" t i || fail "solve: expected t on i (rated 4 against 2)"
    comp "$T/out" t i
    [ "$got" = "[0.75]" ] || fail "solve: expected t's rating component at i [0.75], got $got"
    run "$BIN" solve "$DOC" --set 'ratings:m1\,s,t,i=5'
    expect_exit 0 "--set 'ratings:m1\\,s,t,i=5'"
    comp "$T/out" t i
    [ "$got" = "[1]" ] || fail "--set 'ratings:m1\\,s,t,i=5': expected t's rating component at i [1], got $got"
    comp "$T/out" s 't,i'
    [ "$got" = "[0.25]" ] || fail "--set 'ratings:m1\\,s,t,i=5': m1's rating of s at t,i moved: $got"
    ok "--set 'ratings:m1\\,s,t,i=5' rates (m1,s; t; i), not (m1; s; t,i)"
    run "$BIN" solve "$DOC" --set 'ratings:m1,a\=b,e\=q=5'
    expect_exit 0 "--set 'ratings:m1,a\\=b,e\\=q=5'"
    comp "$T/out" 'a=b' 'e=q'
    [ "$got" = "[1]" ] || fail "--set 'ratings:m1,a\\=b,e\\=q=5': expected a=b's rating component at e=q [1], got $got"
    ok "--set 'ratings:m1,a\\=b,e\\=q=5' names student 'a=b' and idea 'e=q'"
    run "$BIN" solve "$DOC" --set 'ratings:m1,s,t,i=5'
    expect_exit 2 "--set 'ratings:m1,s,t,i=5'"
    out_empty "--set 'ratings:m1,s,t,i=5'"
    err_has "--set takes 'ratings:MENTOR,STUDENT,IDEA=SCORE', not 'ratings:m1,s,t,i=5'" "--set with a comma too many"
    err_has "'\\,'" "--set with a comma too many"
    ok "--set with a comma too many: exit 2 with the escaping rule, no rating changed"
    run "$BIN" solve "$DOC" --set 'ratings:m1\,s,nobody,i=5'
    expect_exit 1 "--set with an unknown student"
    err_has '--set ratings:m1\,s,nobody,i=5: unknown student "nobody"' "--set with an unknown student"
    ok "an unknown id is reported at --set as typed"
}

group_pairs() {
    run "$BIN" solve "$DOC" --fix 'a\=b=i'
    expect_exit 0 "--fix 'a\\=b=i'"
    assigned "$T/out" 'a=b' i || fail "--fix 'a\\=b=i': expected a=b on i"
    ok "--fix 'a\\=b=i' fixes student 'a=b' to i"
    run "$BIN" solve "$DOC" --forbid 'a\=b=e\=q'
    expect_exit 0 "--forbid 'a\\=b=e\\=q'"
    assigned "$T/out" 'a=b' 'e=q' && fail "--forbid 'a\\=b=e\\=q': a=b is still on e=q"
    ok "--forbid 'a\\=b=e\\=q' forbids (a=b, e=q)"
    run "$BIN" solve "$DOC" --forbid 's=t,i'
    expect_exit 0 "--forbid 's=t,i'"
    assigned "$T/out" s 't,i' && fail "--forbid 's=t,i': s is still on t,i"
    run "$BIN" solve "$DOC" --forbid 's=t\,i'
    expect_exit 0 "--forbid 's=t\\,i'"
    assigned "$T/out" s 't,i' && fail "--forbid 's=t\\,i': s is still on t,i"
    ok "in a pair a comma is part of an id, bare or escaped"
    run "$BIN" solve "$DOC" --fix 'a\=b=nope'
    expect_exit 1 "--fix 'a\\=b=nope'"
    err_has '--fix a\=b=nope: unknown idea "nope"' "--fix 'a\\=b=nope'"
    ok "an unknown idea is reported at --fix as typed"
}

# bad COMMAND OPTION TEXT FORM [ARGS]: exit 2, a message naming OPTION and FORM.
bad() {
    cmd=$1 opt=$2 text=$3 form=$4
    shift 4
    run "$BIN" "$cmd" "$DOC" "$@" "$opt" "$text"
    expect_exit 2 "$cmd $opt '$text'"
    out_empty "$cmd $opt '$text'"
    err_has "mentormatch $cmd: $opt takes $form, not '$text'" "$cmd $opt '$text'"
}

group_usage() {
    for text in 's,t,i=4' 't,i=' 't,i=x' ',i=3' 't,=3' 't=i,3' 't\q,i=3' 't,i=3\' 't,i=3=4' 't,i'; do
        bad preview --rate "$text" STUDENT,IDEA=SCORE --mentor 'm1,s'
        no_rewrite "--rate '$text'"
    done
    ok "malformed --rate: exit 2 naming --rate, never --set"
    for opt in --fix --forbid; do
        for text in 'a=b=i' 'x\y=i' '=i' 't=' 't'; do
            bad solve "$opt" "$text" STUDENT=IDEA
        done
    done
    ok "malformed --fix/--forbid (an unescaped '=' too many, a bad escape): exit 2"
    for text in 'ratings:m1,s,t,i=5' 'ratings:m1\,s,t,i' 'm1\,s,t,i=5' 'ratings:m1\,s,t,i=5,6'; do
        bad solve --set "$text" "'ratings:MENTOR,STUDENT,IDEA=SCORE'"
        bad explain --set "$text" "'ratings:MENTOR,STUDENT,IDEA=SCORE'" --student t
    done
    ok "malformed --set: exit 2 naming --set (solve and explain)"
}

# (fix-review-cli) SCORE: decimal, a leading '-' allowed; nothing else.
group_score() {
    rule="SCORE is a decimal number such as 4, 2.5, -1 or 1e1"
    for score in 0x1p2 ' 5' '5 ' +5 nan inf -inf 1e999 0x10 1e 5.. '1 e1'; do
        bad solve --set "ratings:m1\\,s,t,i=$score" "'ratings:MENTOR,STUDENT,IDEA=SCORE'"
        err_has "$rule" "--set SCORE '$score'"
        bad preview --rate "t,i=$score" STUDENT,IDEA=SCORE --mentor 'm1,s'
        err_has "$rule" "--rate SCORE '$score'"
    done
    ok "--set and --rate refuse SCORE 0x1p2, blanks, +5, nan, inf, 1e999: exit 2 with the rule"
    for score in 4 2.5 1.5 5. 1e0 4E0; do
        run "$BIN" solve "$DOC" --set "ratings:m1\\,s,t,i=$score"
        expect_exit 0 "--set SCORE '$score'"
    done
    run "$BIN" solve "$DOC" --set 'ratings:m1\,s,t,i=-1'
    expect_exit 1 "--set SCORE -1"
    err_has "score -1 is outside the rating scale" "--set SCORE -1 (read, then checked by the input)"
    ok "--set takes 4, 2.5, 1.5, 5., 1e0, 4E0; -1 is read and refused by the rating scale (exit 1)"
}

case $GROUP in
rate | set | pairs | usage | score) "group_$GROUP" ;;
*)
    echo "unknown group '$GROUP'" >&2
    exit 2
    ;;
esac
