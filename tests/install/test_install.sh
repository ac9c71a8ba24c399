#!/bin/sh
# Install into a scratch prefix and use the result as a user would.
#
#   test_install.sh BUILD_DIR SOURCE_DIR CC LIBDIR
#
# 1. `cmake --install BUILD_DIR --prefix TMP` puts every file in its place;
# 2. the shared library exports exactly the functions the installed headers
#    declare;
# 3. use_mentormatch.c is built four ways: with pkg-config against the
#    shared and the static library, and through find_package(mentormatch)
#    with mentormatch::mentormatch and mentormatch::mentormatch_static;
# 4. each program, and the installed command, solve examples/xen-2015.json:
#    the programs print what `mentormatch solve` reports (version, status,
#    objective, assignments), and each is linked as it claims to be.
set -u

if [ "$#" -ne 4 ]; then
    echo "usage: $0 BUILD_DIR SOURCE_DIR CC LIBDIR" >&2
    exit 2
fi
build=$1
src=$2
cc=$3
libdir=$4
example=$src/examples/xen-2015.json

tmp=$(mktemp -d "${TMPDIR:-/tmp}/install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
prefix=$tmp/prefix
lib=$prefix/$libdir
failures=0

fail()
{
    echo "FAIL $*"
    failures=$((failures + 1))
}

# run LOG COMMAND...: run it, its output to LOG; on failure show the log.
run()
{
    log=$1
    shift
    "$@" >"$log" 2>&1
    status=$?
    if [ "$status" -ne 0 ]; then
        fail "$* (exit $status)"
        sed 's/^/  | /' "$log" | tail -n 30
        return 1
    fi
}

# ---- 1. the files
run "$tmp/install.log" cmake --install "$build" --prefix "$prefix" || exit 1
for file in bin/mentormatch include/mentormatch.h include/mentormatch/common.h \
    "$libdir/libmentormatch.a" "$libdir/libmentormatch.so" \
    "$libdir/pkgconfig/mentormatch.pc" "$libdir/cmake/mentormatch/mentormatchConfig.cmake" \
    "$libdir/cmake/mentormatch/mentormatchConfigVersion.cmake" \
    share/man/man1/mentormatch.1 share/bash-completion/completions/mentormatch \
    share/mentormatch/mentormatch-input.schema.json; do
    [ -e "$prefix/$file" ] || fail "cmake --install did not install $file"
done
for header in "$src"/include/mentormatch/*.h; do
    cmp -s "$header" "$prefix/include/mentormatch/$(basename "$header")" ||
        fail "header $(basename "$header") not installed as it is"
done
grep -q "^prefix=$prefix\$" "$lib/pkgconfig/mentormatch.pc" ||
    fail "mentormatch.pc does not name the prefix installed to"
[ -z "$(groff -man -ww -z "$prefix/share/man/man1/mentormatch.1" 2>&1)" ] ||
    fail "groff cannot render the installed man page cleanly"
bash -c ". '$prefix/share/bash-completion/completions/mentormatch' && complete -p mentormatch" \
    >/dev/null 2>&1 || fail "the installed completion does not register for mentormatch"
# The documents (issue 16 item 8): every docs/*.md as it is, and every
# share/doc/mentormatch/ file a --help or the man page names is there.
docdir=share/doc/mentormatch
for doc in "$src"/docs/*.md; do
    cmp -s "$doc" "$prefix/$docdir/$(basename "$doc")" ||
        fail "cmake --install did not install docs/$(basename "$doc") as $docdir/$(basename "$doc")"
done
{
    "$prefix/bin/mentormatch" --help
    for command in $("$prefix/bin/mentormatch" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
        "$prefix/bin/mentormatch" "$command" --help
    done
} >"$tmp/helps" 2>&1
# a name split over two help lines ("share/doc/mentormatch/" then "NAME.md") is joined
tr '\n' ' ' <"$tmp/helps" | sed 's|mentormatch/  *|mentormatch/|g' | grep -o "$docdir/[a-z-]*\.md" |
    sort -u >"$tmp/named"
sed 's/\\-/-/g' "$prefix/share/man/man1/mentormatch.1" | grep -o "$docdir/[a-z-]*\.md" | sort -u >>"$tmp/named"
[ "$(sort -u "$tmp/named" | wc -l)" -ge 5 ] || fail "the helps and the man page name too few documents: $(cat "$tmp/named")"
grep -n 'docs/[a-z-]*\.md' "$tmp/helps" && fail "a --help names docs/..., which is not installed (name $docdir/...)"
for doc in $(sort -u "$tmp/named"); do
    [ -f "$prefix/$doc" ] || fail "$doc, named by a --help or the man page, is not installed"
done

# ---- 2. exported symbols = declared functions
sed -n 's/^MM_EXTERN.*[ *]\(mm_[a-z0-9_]*\)(.*/\1/p' "$prefix"/include/mentormatch/*.h |
    sort >"$tmp/declared"
nm -D --defined-only "$lib/libmentormatch.so" | awk '{ print $3 }' | sort >"$tmp/exported"
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
    fail "the shared library's exports differ from the headers' declarations (< declared, > exported):"
    diff "$tmp/declared" "$tmp/exported" | grep '^[<>]' | sed 's/^/  /'
fi
[ "$(wc -l <"$tmp/declared")" -ge 40 ] || fail "too few declarations found: $(wc -l <"$tmp/declared")"
soname=$(readelf -d "$lib/libmentormatch.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ -e "$lib/$soname" ] || fail "no $soname (the soname) in $libdir"

# ---- what every program must print, from the installed command
mm=$prefix/bin/mentormatch
run "$tmp/cli.log" "$mm" solve "$example" -o "$tmp/result.json" || exit 1
run "$tmp/csv.log" "$mm" solve "$example" --format csv -o "$tmp/result.csv" || exit 1
{
    "$mm" --version
    sed -n 's/^  "status": "\([a-z]*\)",$/status \1/p' "$tmp/result.json"
    sed -n 's/^  "objective": {"assigned": \([0-9]*\), "score": \([-0-9.e+]*\)},$/objective \1 \2/p' \
        "$tmp/result.json"
    # the sheet's assigned rows (their idea cell filled), in student-id order:
    # student, idea, mentor, rank are columns 1, 3, 6 and 9, no cell quoted here
    tail -n +2 "$tmp/result.csv" | awk -F, '$3 != "" {print $1 "," $3 "," $6 "," $9}' | LC_ALL=C sort
} >"$tmp/expected"
[ "$(wc -l <"$tmp/expected")" -ge 8 ] || fail "the expected output is too short: $(cat "$tmp/expected")"

# check NAME PROGRAM LINKAGE [LIBRARY_PATH]: PROGRAM, run with
# LD_LIBRARY_PATH=LIBRARY_PATH, prints the expected output and is linked to
# libmentormatch.so from the prefix (shared) or not at all (static).
check()
{
    name=$1
    program=$2
    linkage=$3
    path=${4:-}
    LD_LIBRARY_PATH=$path "$program" "$example" >"$tmp/$name.out" 2>"$tmp/$name.err"
    status=$?
    if [ "$status" -ne 0 ]; then
        fail "$name: exit status $status: $(head -n 3 "$tmp/$name.err")"
        return
    fi
    if ! cmp -s "$tmp/expected" "$tmp/$name.out"; then
        fail "$name prints other than mentormatch solve (< expected, > printed):"
        diff "$tmp/expected" "$tmp/$name.out" | head -n 10 | sed 's/^/  /'
    fi
    needed=$(readelf -d "$program" | grep -c 'NEEDED.*libmentormatch')
    resolved=$(LD_LIBRARY_PATH=$path ldd "$program" | grep -c "libmentormatch.*=> $lib/")
    if [ "$linkage" = shared ] && { [ "$needed" -ne 1 ] || [ "$resolved" -ne 1 ]; }; then
        fail "$name is not linked to $lib/libmentormatch.so"
    elif [ "$linkage" = static ] && [ "$needed" -ne 0 ]; then
        fail "$name needs libmentormatch.so although linked statically"
    fi
    echo "ok $name ($linkage)"
}

# ---- 3 and 4. pkg-config
export PKG_CONFIG_PATH="$lib/pkgconfig"
cflags=$(pkg-config --cflags mentormatch) && libs=$(pkg-config --libs mentormatch) &&
    static_libs=$(pkg-config --static --libs mentormatch) || fail "pkg-config does not find mentormatch"
# shellcheck disable=SC2086 # the flags are words
if run "$tmp/pc.log" "$cc" -std=c11 -Wall -Wextra -Werror $cflags \
    "$src/tests/install/use_mentormatch.c" -o "$tmp/use_pc" $libs; then
    check pkg-config "$tmp/use_pc" shared "$lib"
fi
# -l:libmentormatch.a picks the archive; Libs.private must bring the rest.
static_libs=$(echo "$static_libs" | sed 's/-lmentormatch\b/-l:libmentormatch.a/')
# shellcheck disable=SC2086
if run "$tmp/pc-static.log" "$cc" -std=c11 -Wall -Wextra -Werror $cflags \
    "$src/tests/install/use_mentormatch.c" -o "$tmp/use_pc_static" $static_libs; then
    check pkg-config-static "$tmp/use_pc_static" static
fi

# ---- 3 and 4. find_package(mentormatch)
if run "$tmp/cmake.log" cmake -S "$src/tests/install/consumer" -B "$tmp/consumer" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON &&
    run "$tmp/cmake-build.log" cmake --build "$tmp/consumer"; then
    found=$(sed -n 's/^mentormatch_DIR:PATH=//p' "$tmp/consumer/CMakeCache.txt")
    [ "$found" = "$lib/cmake/mentormatch" ] || fail "find_package found mentormatch in '$found'"
    # CMake gives the build-tree program a run path to the library.
    check cmake-shared "$tmp/consumer/use_shared" shared
    check cmake-static "$tmp/consumer/use_static" static
fi

if [ "$failures" -ne 0 ]; then
    echo "install: $failures failed"
    exit 1
fi
echo "install: all files, $(wc -l <"$tmp/declared") exported functions, 4 programs agree with mentormatch solve"
