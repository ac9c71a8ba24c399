#!/bin/sh
# Install what is missing (building and testing: scripts/setup.sh --test),
# then build and run every test four ways:
#   1. plain build, warnings as errors: the whole suite;
#   2. -fsanitize=address,undefined: the whole suite again (any report fails);
#   3. clang, warnings as errors: every target builds, the unit tests pass;
#   4. valgrind memcheck on the shipped examples (errors or leaks fail).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --test
jobs=$(nproc)

echo "== plain build"
# BUILD_TESTING=ON: scripts/try.sh configures the same build/ without tests.
cmake -S . -B build -DMM_WERROR=ON -DBUILD_TESTING=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest -j"$jobs" --output-on-failure)

echo "== sanitizer build (address, undefined)"
cmake -S . -B build-asan -DMM_WERROR=ON -DMM_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest -j"$jobs" --output-on-failure)

echo "== clang build (every target, warnings as errors)"
CC=clang cmake -S . -B build-clang -DMM_WERROR=ON >/dev/null
cmake --build build-clang -j"$jobs"
(cd build-clang && ctest -j"$jobs" --output-on-failure -R '^unit\.')

echo "== valgrind memcheck on the examples"
for example in examples/*.json; do
    for command in check solve; do
        valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            ./build/mentormatch "$command" "$example" >/dev/null
    done
    echo "valgrind: $example clean"
done
