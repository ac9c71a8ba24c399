#!/bin/sh
# The set-up scripts (issue 16 item 7), with the package manager stubbed:
# scripts/try.sh, scripts/test.sh and scripts/setup.sh are copied into a
# scratch tree and run with apt-get, dpkg-query, sudo, id, sleep, cmake, ctest
# and valgrind replaced by stubs on PATH that record how they were called.
# Nothing is installed, nothing built, no lock taken.
#
#   test_setup.sh SOURCE_DIR
# shellcheck disable=SC2034,SC2016 # lib.sh reads GROUP and SUITE; stub bodies expand when run
GROUP=setup
SUITE=setup
src=$1
. "$src/tests/cli/lib.sh"

RUN="build-essential cmake pkg-config libglpk-dev libjansson-dev libcsv-dev libsimdjson-dev"  # simdjson: iss19-simd
TESTING="clang libcmocka-dev python3 python3-jsonschema glpk-utils groff-base valgrind chromium parallel python3-matplotlib"  # parallel, matplotlib: iss18-python

stubs=$T/stubs
log=$T/calls
mkdir -p "$stubs"
# stub NAME BODY: a command NAME on PATH that logs "NAME ARGS" and runs BODY.
stub() {
    printf '#!/bin/sh\necho "%s $*" >>"%s"\n%s\n' "$1" "$log" "$2" >"$stubs/$1"
    chmod +x "$stubs/$1"
}
# A fresh system: no package installed. FAKE_INSTALLED lists the ones that are.
stub dpkg-query 'for p in $FAKE_INSTALLED; do [ "$p" = "$3" ] && { echo "install ok installed"; exit 0; }; done; exit 1'
# apt-get: FAKE_LOCKED_CALLS calls fail on the lock, as apt 2.6 says it.
stub apt-get 'n=$(cat "$FAKE_STATE" 2>/dev/null || echo 0); echo $((n + 1)) >"$FAKE_STATE"
if [ "$n" -lt "${FAKE_LOCKED_CALLS:-0}" ]; then
    echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 812 (apt-get)" >&2
    echo "N: Be aware that removing the lock file is not a solution and may break your system." >&2
    echo "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?" >&2
    exit 100
fi'
stub id 'echo "${FAKE_UID:-0}"'
stub sudo 'exec "$@"'
stub sleep ':'
# cmake: makes the -B folder; --build DIR leaves a DIR/mentormatch that echoes.
stub cmake 'while [ "$#" -gt 0 ]; do
    case $1 in
    -B) mkdir -p "$2" ;;
    --build) mkdir -p "$2" && printf "#!/bin/sh\necho solved \$*\n" >"$2/mentormatch" && chmod +x "$2/mentormatch" ;;
    esac
    shift
done'
stub ctest ':'
stub valgrind ':'

# fresh: a scratch copy of the scripts, no call recorded yet.
fresh() {
    rm -rf "$T/repo" "$log" "$T/state"
    mkdir -p "$T/repo/scripts" "$T/repo/examples"
    cp "$src/scripts/setup.sh" "$src/scripts/try.sh" "$src/scripts/test.sh" "$T/repo/scripts/"
    : >"$T/repo/examples/xen-2015.json"
    : >"$log"
}
# sandboxed [NAME=VALUE...] CMD...: run with the stubs first on PATH.
sandboxed() {
    run env PATH="$stubs:$PATH" FAKE_STATE="$T/state" "$@"
}
# installed: the packages of the recorded 'apt-get install' call, one line.
installed() {
    sed -n 's/^apt-get .*install -y -qq --no-install-recommends //p' "$log"
}

# ---- try.sh on a fresh system installs what building and running need, no more
fresh
sandboxed sh "$T/repo/scripts/try.sh"
expect_exit 0 "try.sh on a fresh system"
out_has "solved solve examples/xen-2015.json --format table" "try.sh solves the example"
[ "$(installed)" = "$RUN" ] || fail "try.sh installs '$(installed)', not '$RUN'"
for p in $TESTING; do
    installed | tr ' ' '\n' | grep -qx "$p" && fail "try.sh installs $p, which only the tests need"
done
grep -q '^apt-get update -qq$' "$log" || fail "try.sh does not update the package lists first"
grep -q '^cmake .*-DBUILD_TESTING=OFF' "$log" ||
    fail "try.sh configures the tests, which need what it does not install: $(grep '^cmake' "$log")"
ok "try.sh on a fresh system installs only: $RUN"

# ---- try.sh --dry-run says so and installs nothing
fresh
sandboxed sh "$T/repo/scripts/try.sh" --dry-run
expect_exit 0 "try.sh --dry-run"
[ "$(cat "$T/out")" = "setup: would install $RUN" ] || fail "try.sh --dry-run prints '$(cat "$T/out")'"
grep -q '^apt-get' "$log" && fail "try.sh --dry-run ran apt-get: $(grep '^apt-get' "$log")"
grep -q '^cmake' "$log" && fail "try.sh --dry-run ran cmake"
ok "try.sh --dry-run lists the packages and runs nothing"

# ---- only what is missing
fresh
sandboxed FAKE_INSTALLED="build-essential cmake pkg-config" sh "$T/repo/scripts/setup.sh" --dry-run
[ "$(cat "$T/out")" = "setup: would install libglpk-dev libjansson-dev libcsv-dev libsimdjson-dev" ] ||
    fail "setup.sh --dry-run with three installed prints '$(cat "$T/out")'"
sandboxed FAKE_INSTALLED="$RUN" sh "$T/repo/scripts/setup.sh"
expect_exit 0 "setup.sh with everything installed"
grep -q '^apt-get' "$log" && fail "setup.sh ran apt-get with nothing missing"
ok "setup.sh installs only what is missing"

# ---- test.sh installs what the tests need, and .ci/run runs the README's command
fresh
sandboxed sh "$T/repo/scripts/test.sh"
expect_exit 0 "test.sh, everything stubbed"
[ "$(installed)" = "$RUN $TESTING" ] || fail "test.sh installs '$(installed)', not '$RUN $TESTING'"
grep -q '^cmake -S . -B build .*-DBUILD_TESTING=ON' "$log" ||
    fail "test.sh does not turn the tests on in build/ (try.sh turned them off): $(grep '^cmake -S' "$log")"
grep -q '^exec sh scripts/test.sh$' "$src/.ci/run" || fail ".ci/run does not run sh scripts/test.sh"
grep -q '^sh scripts/test.sh ' "$src/README.md" || fail "the README's quick start does not give sh scripts/test.sh"
ok "test.sh installs the test tools too; .ci/run runs the README's command"

# ---- another package manager holds the lock: a wait, then one clear line
fresh
sandboxed FAKE_LOCKED_CALLS=1000 MM_APT_LOCK_WAIT=0 sh "$T/repo/scripts/try.sh"
expect_exit 1 "try.sh while another apt holds the lock"
[ "$(grep -c '^apt-get' "$log")" -eq 1 ] || fail "apt-get was called $(grep -c '^apt-get' "$log") times, not once"
busy="setup: the package manager is busy: process 812 (apt-get) holds its lock (waited 0 s); run this again once it is done, or wait longer with MM_APT_LOCK_WAIT=SECONDS"
[ "$(tail -n 1 "$T/err")" = "$busy" ] || fail "the last line is '$(tail -n 1 "$T/err")', not '$busy'"
grep -q 'Could not get lock' "$T/err" && fail "apt-get's own lock messages are passed on"
grep -q '^cmake' "$log" && fail "try.sh went on to build after the set-up failed"
ok "a busy package manager: exit 1 and '$busy'"

fresh
sandboxed FAKE_LOCKED_CALLS=2 MM_APT_LOCK_WAIT=60 sh "$T/repo/scripts/setup.sh"
expect_exit 0 "setup.sh once the lock is released"
err_has "setup: waiting for the package manager: process 812 (apt-get) holds its lock (up to 60 s)" \
    "setup.sh says it waits"
[ "$(grep -c '^setup: waiting' "$T/err")" -eq 1 ] || fail "the waiting line is printed more than once"
[ "$(grep -c '^sleep 2$' "$log")" -eq 2 ] || fail "expected 2 waits of 2 s, got: $(grep '^sleep' "$log")"
[ "$(installed)" = "$RUN" ] || fail "after the wait setup.sh installs '$(installed)'"
ok "setup.sh waits for the lock, says so once, then installs"

# ---- other failures: apt-get's message and one line, never a bare exit 100
fresh
stub apt-get 'echo "E: Unable to locate package libcsv-dev" >&2; exit 100'
sandboxed sh "$T/repo/scripts/setup.sh"
expect_exit 1 "setup.sh when apt-get fails"
err_has "E: Unable to locate package libcsv-dev" "apt-get's own message is shown"
[ "$(tail -n 1 "$T/err")" = "setup: apt-get update failed (exit 100); see its messages above" ] ||
    fail "the last line is '$(tail -n 1 "$T/err")'"
ok "setup.sh when apt-get fails otherwise: its message, then one line, exit 1"

# ---- not root: through sudo; usage errors
fresh
stub apt-get ':'
sandboxed FAKE_UID=1000 sh "$T/repo/scripts/setup.sh"
expect_exit 0 "setup.sh as a user"
grep -q '^sudo env DEBIAN_FRONTEND=noninteractive apt-get install' "$log" || fail "setup.sh as a user does not use sudo"
sandboxed MM_APT_LOCK_WAIT=soon sh "$T/repo/scripts/setup.sh"
expect_exit 2 "MM_APT_LOCK_WAIT=soon"
err_has "setup: MM_APT_LOCK_WAIT takes whole seconds, not 'soon'" "MM_APT_LOCK_WAIT=soon"
sandboxed sh "$T/repo/scripts/setup.sh" --tset
expect_exit 2 "setup.sh --tset"
err_has "setup: unknown option '--tset'" "setup.sh --tset"
ok "sudo for a user; usage errors exit 2"

echo "setup: all $N checks passed"
