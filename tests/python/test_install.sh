#!/bin/sh
# The Python module as `cmake --install` puts it: in a scratch prefix's
# lib/python3.X/dist-packages (where /usr/local's is on the Debian system
# Python's sys.path), with _config.py naming the prefix's library, so that
# `python3 -m mentormatch` and `import mentormatch` work with no
# MENTORMATCH_LIBRARY, and solve as the installed command does.
#
#   test_install.sh BUILD_DIR SOURCE_DIR PYTHON
set -u
build=$1
src=$2
python=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/python-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; exit 1; }
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
site=$tmp/prefix/lib/python$version/dist-packages
[ -f "$site/mentormatch/__init__.py" ] || fail "no module in $site: $(grep -i python "$tmp/install.log")"
grep -qx "LIBRARY = '$tmp/prefix/lib[a-z0-9_/-]*/libmentormatch.so.[0-9]*.[0-9]*'" \
    "$site/mentormatch/_config.py" || fail "_config.py does not name the prefix's library: $(cat "$site/mentormatch/_config.py")"
# the default prefix's directory is on the system Python's path
case $("$python" -c 'import sys; print(" ".join(sys.path))') in
*"/usr/local/lib/python$version/dist-packages"*) ;;
*) [ "$python" = /usr/bin/python3 ] && fail "/usr/local/lib/python$version/dist-packages is not on $python's path" ;;
esac

cd "$tmp" || exit 1
run() { env -u MENTORMATCH_LIBRARY PYTHONPATH="$site" PYTHONDONTWRITEBYTECODE=1 "$python" "$@"; }
out=$(run -m mentormatch --version 2>&1) || fail "python3 -m mentormatch --version: $out"
case $out in
"mentormatch "*" (Python module), library "*" at $tmp/prefix/lib"*) ;;
*) fail "python3 -m mentormatch --version printed: $out" ;;
esac
got=$(run -c "import mentormatch; print(mentormatch.solve('$src/examples/xen-2015.json')['objective'])" 2>&1)
[ "$got" = "{'assigned': 8, 'score': 24.6704545454545}" ] || fail "solve from the installed module: $got"
want=$("$tmp/prefix/bin/mentormatch" solve "$src/examples/xen-2015.json" --quiet |
    sed -n 's/^  "objective": {"assigned": \([0-9]*\), "score": \([0-9.]*\)},$/\1 \2/p')
[ "$want" = "8 24.6704545454545" ] || fail "the installed command's objective: $want"

[ "$failures" -eq 0 ] || exit 1
echo "python install: module in $site, loads $tmp/prefix's library, solves as the command does"
