#!/bin/bash
# The bash completion (completions/mentormatch.bash) against the real binary.
#
#   test_completion.sh MENTORMATCH COMPLETION EXAMPLES_DIR
#
# Sources the completion, then completes command lines by setting COMP_WORDS
# and COMP_CWORD and calling _mentormatch, as bash does on TAB. What it should
# offer is read from the binary's help in another way than the completion
# reads it: commands from `--help`, and every --option the text of
# `COMMAND --help` mentions anywhere. Values offered for --format and
# --strategy must be accepted by the commands; files are completed in a
# scratch folder.
set -u

if [ "$#" -ne 3 ]; then
    echo "usage: $0 MENTORMATCH COMPLETION EXAMPLES_DIR" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
example=$(cd "$3" && pwd)/xen-2010-xcp.json
# shellcheck source=/dev/null
. "$2" || exit 1

failures=0
checks=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/completion.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# complete WORD...: the completions of the line WORD... (the last word is
# the one under the cursor), sorted, one a line.
complete_words()
{
    COMP_WORDS=("$bin" "$@")
    COMP_CWORD=$#
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _mentormatch 2>/dev/null
    if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}" | sort; fi
}

# expect WHAT WANT WORD...: the completions of WORD... are the lines of WANT.
expect()
{
    local what=$1 want=$2 got
    shift 2
    got=$(complete_words "$@")
    checks=$((checks + 1))
    if [ "$got" != "$want" ]; then
        failures=$((failures + 1))
        echo "FAIL $what: 'mentormatch $*<TAB>'"
        echo "  want: $(echo $want)"
        echo "  got:  $(echo $got)"
    fi
}

# accepted COMMAND...: the command exits 0.
accepted()
{
    local code
    checks=$((checks + 1))
    "$@" >/dev/null 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 0 ]; then
        failures=$((failures + 1))
        echo "FAIL '$*' exits $code: $(head -n 1 "$tmp/err")"
    fi
}

# ---- registration, commands and options
checks=$((checks + 1))
if [ "$(complete -p mentormatch 2>/dev/null)" != "complete -F _mentormatch mentormatch" ]; then
    failures=$((failures + 1))
    echo "FAIL sourcing the file does not register _mentormatch for mentormatch"
fi

commands=$("$bin" --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }' | sort)
if [ "$(echo "$commands" | wc -l)" -lt 8 ]; then
    echo "FAIL 'mentormatch --help' lists too few commands: $commands"
    exit 1
fi
expect "commands" "$commands" ""
expect "commands starting with e" "$(echo "$commands" | grep '^e')" "e"
expect "top-level options" "$(printf '%s\n' --help --version)" "-"

for command in $commands; do
    options=$("$bin" "$command" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
    expect "$command options" "$options" "$command" "--"
    expect "$command options after an operand" "$options" "$command" "in.json" "--"
done
expect "options by prefix" "$(printf '%s\n' --time-limit)" solve --ti

# ---- values: formats and strategies, each accepted by the command
formats=$(complete_words solve --format "")
expect "solve formats" "$(printf '%s\n' csv json table)" solve --format ""
expect "solve formats, short option" "$formats" solve -f ""
expect "solve formats, --format=" "$formats" solve --format "="
expect "solve formats, --format=j" "json" solve --format "=" "j"
for format in $formats; do
    accepted "$bin" solve --format "$format" -q "$example"
done
"$bin" solve -q "$example" -o "$tmp/result.json"
expect "diff formats" "$(printf '%s\n' json text)" diff --format ""
# issue 16 item 3 (iss16-import): import --delimiter's values, ';' escaped
expect "import delimiters" "$(printf '%s\n' , '\;' tab)" import --delimiter ""
for format in $(complete_words diff --format ""); do
    accepted "$bin" diff --format "$format" "$tmp/result.json" "$tmp/result.json"
done
strategies=$(complete_words solve --strategy "")
expect "strategies" "$(printf '%s\n' greedy ilp lp rank-maximal rsd stable stable-optimal)" \
    solve --strategy ""
for strategy in $strategies; do
    accepted "$bin" solve --strategy "$strategy" -q "$example" -o /dev/null
done
checks=$((checks + 1))
if "$bin" solve --strategy nonesuch -q "$example" >/dev/null 2>&1; then
    failures=$((failures + 1))
    echo "FAIL solve accepts an unknown strategy, so accepting the completed ones proves nothing"
fi

# ---- files: JSON documents for operands, any file for FILE options
mkdir "$tmp/files" "$tmp/files/sub" && cd "$tmp/files" || exit 1
touch in.json notes.txt
expect "INPUT operand" "$(printf '%s\n' in.json sub)" solve ""
expect "INPUT after a flag" "$(printf '%s\n' in.json sub)" solve --strict ""
expect "INPUT after a short flag" "$(printf '%s\n' in.json sub)" solve -q ""
expect "second operand of diff" "$(printf '%s\n' in.json sub)" diff in.json ""
expect "--output FILE" "$(printf '%s\n' in.json notes.txt sub)" solve --output ""
expect "-o FILE" "$(printf '%s\n' in.json notes.txt sub)" solve -o ""
expect "--lp FILE" "$(printf '%s\n' in.json notes.txt sub)" export --lp ""
expect "generate takes no operand" "" generate ""
expect "a number is not completed" "" solve --time-limit ""
expect "an id is not completed" "" explain in.json --student ""

echo "completion: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
