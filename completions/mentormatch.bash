# bash completion for mentormatch                          -*- shell-script -*-
#
# Installed as share/bash-completion/completions/mentormatch, where
# bash-completion loads it on first use; or source it from ~/.bashrc.
# Commands, options and the values of FORMAT and NAME options are read from
# the program's own help (`mentormatch --help`, `mentormatch COMMAND --help`),
# so the completion follows the binary being completed, new commands included.
# It needs nothing from the bash-completion package.

# The commands listed by `PROGRAM --help`.
_mentormatch_commands()
{
    "$1" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

# The option lines of `PROGRAM COMMAND --help`: those that start with a dash,
# each followed by its continuation lines (indented further, no dash).
_mentormatch_option_lines()
{
    "$1" "$2" --help 2>/dev/null | awk '
        /^ +-/ { if (line) print line; line = $0; next }
        /^      +[^ -]/ && line { sub(/^ +/, " "); line = line $0; next }
        { if (line) print line; line = "" }
        END { if (line) print line }'
}

# The long options of COMMAND.
_mentormatch_options()
{
    _mentormatch_option_lines "$1" "$2" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# The option's value placeholder in COMMAND's help ("FILE", "FORMAT", ...),
# or nothing for an option that takes no value.
_mentormatch_metavar()
{
    _mentormatch_option_lines "$1" "$2" | sed -n "s/.*\\($3\\)[ =]\\([A-Z'][^ ]*\\).*/\\2/p" | head -n 1
}

# The values an enumerated option lists in its help line: "json (default),
# table or csv" gives json, table and csv.
_mentormatch_choices()
{
    _mentormatch_option_lines "$1" "$2" | grep -E -- "(^|[ ,])$3 " | head -n 1 |
        sed -e "s/.*$3 [A-Z][A-Z]* *//" -e 's/([^)]*)//g' -e 's/,/ /g' -e 's/ or / /g' |
        tr ' ' '\n' | grep -E '^[a-z][a-z0-9-]*$'
}

# The long option that a short one stands for in COMMAND's help (-f: --format).
_mentormatch_long_option()
{
    case $3 in
    --*) printf '%s\n' "$3" ;;
    -?) _mentormatch_option_lines "$1" "$2" | sed -n "s/^ *$3, \\(--[a-z0-9-]*\\).*/\\1/p" |
            head -n 1 ;;
    esac
}

_mentormatch_files()
{
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    if [[ $2 == json ]]; then
        COMPREPLY=($(compgen -f -X '!*.json' -- "$1") $(compgen -d -- "$1"))
    else
        COMPREPLY=($(compgen -f -- "$1"))
    fi
}

# Complete the value of OPTION (long form) for COMMAND. @return 1 when the
# option takes no value.
_mentormatch_value()
{
    local prog=$1 command=$2 option=$3 cur=$4 metavar
    metavar=$(_mentormatch_metavar "$prog" "$command" "$option")
    case $metavar in
    '') return 1 ;;
    FILE) _mentormatch_files "$cur" any ;;
    DIR) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    C) # import --delimiter: ';' offered escaped, so it does not end the command
        COMPREPLY=($(compgen -W ", tab" -- "$cur"))
        [[ -z $cur || $cur == '\' ]] && COMPREPLY+=('\;') ;;
    FORMAT | NAME)
        COMPREPLY=($(compgen -W "$(_mentormatch_choices "$prog" "$command" "$option")" -- "$cur")) ;;
    *) COMPREPLY=() ;; # a number, an id, ...: nothing to offer
    esac
    return 0
}

_mentormatch()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]} command=${COMP_WORDS[1]} option usage
    COMPREPLY=()

    if ((COMP_CWORD == 1)); then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_mentormatch_commands "$prog")" -- "$cur"))
        fi
        return 0
    fi

    # --option=value: bash splits it into --option, = and value.
    if [[ $prev == = ]] && ((COMP_CWORD >= 3)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        cur=
    fi
    if [[ $prev == -* ]] && ((COMP_CWORD >= 3)); then
        option=$(_mentormatch_long_option "$prog" "$command" "$prev")
        [[ -n $option ]] && _mentormatch_value "$prog" "$command" "$option" "$cur" && return 0
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_mentormatch_options "$prog" "$command")" -- "$cur"))
        return 0
    fi
    # Operands: JSON documents, where the usage line names any.
    usage=$("$prog" "$command" --help 2>/dev/null | head -n 1)
    case $usage in
    *INPUT* | *RESULT* | *ASSIGNMENT*) _mentormatch_files "$cur" json ;;
    *\]\ [A-Z]*) _mentormatch_files "$cur" any ;;
    esac
    return 0
}

complete -F _mentormatch mentormatch
