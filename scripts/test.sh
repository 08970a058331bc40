#!/usr/bin/env bash
# scripts/test.sh: set up, build and run the whole test suite, twice, then
# the fuzz targets:
#   1. a normal build with warnings as errors (build/);
#   2. an AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/);
#   3. every libFuzzer target for TCRM_FUZZ_SECONDS seconds (default 20;
#      scripts/fuzz.sh, build-fuzz/).
# Exits non-zero when anything fails. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

run_suite() {
  local dir=$1; shift
  if [ -d "$dir" ] && [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    rm -rf "$dir"
    meson setup "$dir" "$@" >/dev/null
  fi
  ninja -C "$dir"
  meson test -C "$dir" --print-errorlogs --num-processes 2
}

echo "== build and test (warnings are errors)"
run_suite build --werror

echo "== sanitizer build and test (address, undefined)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false

# Every libFuzzer target for TCRM_FUZZ_SECONDS (default 20) each.
echo "== fuzz targets, ${TCRM_FUZZ_SECONDS:-20} s each"
bash scripts/fuzz.sh "${TCRM_FUZZ_SECONDS:-20}"

echo "== all tests passed"
