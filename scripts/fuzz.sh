#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS]: build the libFuzzer targets (tests/fuzz/,
# clang, -fsanitize=fuzzer,address,undefined) in build-fuzz/ and run each
# for SECONDS (default 60) on a copy of its committed seed corpus, with its
# dictionary when it has one, and the flags in its NAME.options (one line,
# e.g. a smaller -max_len). Fails on any crash, leak, timeout (an input
# taking over 10 s) or out-of-memory (over 2 GB); the input that did it is
# left in build-fuzz/fuzz-artifacts/TARGET/ and the log beside it.
# Prints executions per target. FUZZ_TARGETS="date money" runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
case $secs in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;; esac

dir=build-fuzz
if [ -f "$dir/build.ninja" ]; then
  meson setup --reconfigure "$dir" -Dfuzz=true -Dtests=false -Db_lundef=false >/dev/null
else
  rm -rf "$dir"
  CC=clang meson setup "$dir" -Dfuzz=true -Dtests=false -Db_lundef=false >/dev/null
fi
ninja -C "$dir" >/dev/null

targets=${FUZZ_TARGETS:-$(sed -n "s/^  '\([a-z_0-9]*\)' : .*/\1/p" tests/fuzz/meson.build)}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
printf '%-10s %10s %8s  %s\n' TARGET RUNS EXEC/S RESULT
for t in $targets; do
  work=$dir/fuzz-corpus/$t art=$dir/fuzz-artifacts/$t
  mkdir -p "$work" "$art"
  dict=() opts=()
  [ -e "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  # NAME.options: more libFuzzer flags for one target, on one line
  [ -e "tests/fuzz/$t.options" ] && read -r -a opts <"tests/fuzz/$t.options"
  log=$art/log
  rc=0
  "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$art/" "${dict[@]}" "${opts[@]}" "$work" \
      "tests/fuzz/corpus/$t" \
      >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  if [ "$rc" = 0 ]; then
    result=ok
  else
    failed=1
    result="FAILED (exit $rc): $(grep -m1 -E 'ERROR|invariant|SUMMARY|Timeout|out-of-memory' "$log" || true)"
  fi
  printf '%-10s %10s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "$result"
  if [ "$rc" != 0 ]; then
    tail -n 40 "$log" | sed 's/^/    /'
    echo "    input and log: $art/"
  fi
done
exit $failed
