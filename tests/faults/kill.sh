#!/bin/bash
# tests/faults/kill.sh: death at any moment. For every write path of
# paths.sh, RUNS times (default 5; bench/kill.sh runs 100): start tcrm on
# a fresh copy of the path's database, SIGKILL it after a random delay
# between 0 and 1.2 times what the path takes when left alone, then
#   - PRAGMA integrity_check says ok,
#   - `tcrm check` passes (the summaries kept by triggers match the rows),
#   - the rows are exactly those before the path or those after it, never
#     a mixture.
#
#   kill.sh /path/to/tcrm [RUNS]
#
# Prints per path how many runs were killed while tcrm was still running
# (not yet exited), how many ended in the before and in the after state,
# and how long the path takes undisturbed (the first, cold run). Ends "N passed,
# N failed"; exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/tcrm-kill.XXXXXX)
trap 'rm -rf "$W"' EXIT
source "$HERE/paths.sh"
make_template "$W" || exit 1

now_us() { echo $(( $(date +%s%N) / 1000 )); }

printf '%-17s %5s %7s %6s %6s %9s\n' PATH RUNS KILLED BEFORE AFTER TIME_MS
for p in $PATHS; do
    path_args "$p"
    before=$(state "$W/$BASE.db")
    fresh
    t0=$(now_us)
    (cd "$W/run" && "$TCRM" --db "$W/run/db" "${ARGS[@]}" >/dev/null 2>&1) ||
        bad "$p: fails without a fault"
    took=$(( $(now_us) - t0 ))
    after=$(state "$W/run/db")
    killed=0 nbefore=0 nafter=0
    for ((i = 0; i < RUNS; i++)); do
        fresh
        delay=$(( (RANDOM * 32768 + RANDOM) % (took * 12 / 10 + 1) ))
        cd "$W/run"
        "$TCRM" --db "$W/run/db" "${ARGS[@]}" >/dev/null 2>&1 &
        pid=$!
        cd "$W"
        sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
        # counted as killed mid-run only if it was not already a zombie
        st=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
        kill -KILL "$pid" 2>/dev/null && [ -n "$st" ] && [ "$st" != Z ] &&
            killed=$((killed + 1))
        wait "$pid" 2>/dev/null
        ic=$(sqlite3 "$W/run/db" 'PRAGMA integrity_check' 2>&1)
        [ "$ic" = ok ] && ok || bad "$p: run $i (killed after ${delay} us): integrity_check: $ic"
        out=$("$TCRM" --db "$W/run/db" check 2>&1) && ok ||
            bad "$p: run $i (killed after ${delay} us): tcrm check: $out"
        now=$(state "$W/run/db")
        if [ "$now" = "$before" ]; then
            nbefore=$((nbefore + 1)); ok
        elif [ "$now" = "$after" ]; then
            nafter=$((nafter + 1)); ok
        else
            bad "$p: run $i (killed after ${delay} us): rows neither as before nor as after"
            cp "$W/run/db" "$W/../tcrm-kill-mixed-$p.db" 2>/dev/null
        fi
    done
    printf '%-17s %5d %7d %6d %6d %9d\n' "$p" "$RUNS" "$killed" "$nbefore" "$nafter" $((took / 1000))
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
