#!/bin/bash
# bench/import_office.sh: how long the rest of the office waits while a
# clerk imports.
#
#   bench/import_office.sh BUILD_DIR [ROWS] [WORK_DIR]
#
# Generates ROWS business cards (default 200,000) with tcrm-bench-gen,
# starts `tcrm import` on a new database, and while it runs, a colleague
# adds a contact every 200 ms with `tcrm contact add` (a whole process:
# start, open, write, exit; busy timeout 5 s as in the default config).
# Prints, for those writes: how many were tried and failed, and their wall
# time p50 / p99 / max in milliseconds, next to the same write on an idle
# database; and the import's wall and CPU time. The import commits every
# TCRM_IMPORT_COMMIT_MS (csvio.h), so a write waits at most about that.
set -eu
build=${1:?usage: bench/import_office.sh BUILD_DIR [ROWS] [WORK_DIR]}
rows=${2:-200000}
work=${3:-/tmp/tcrm-bench-office}
tcrm=$(realpath "$build/src/tcrm")
gen=$build/bench/tcrm-bench-gen
mkdir -p "$work"
csv=$work/cards-$rows.csv
db=$work/office.db
[ -s "$csv" ] || "$gen" --csv "$csv" --contacts "$rows" >/dev/null

ms() { echo $(( $(date +%s%N) / 1000000 )); }
# write N LOGFILE: one contact add, its wall ms appended to LOGFILE, or FAIL
write_one() {
    local t0 t1
    t0=$(ms)
    if "$tcrm" --db "$db" contact add "Colleague $1" --email "c$1@office.example" \
            >/dev/null 2>"$work/write.err"; then
        t1=$(ms); echo $((t1 - t0)) >> "$2"
    else
        echo FAIL >> "$2"; head -1 "$work/write.err" >&2
    fi
}
stats() { # stats LOGFILE LABEL
    local tried failed
    tried=$(wc -l < "$1"); failed=$(grep -c FAIL "$1" || true)
    grep -v FAIL "$1" | sort -n > "$1.sorted"
    local n; n=$(wc -l < "$1.sorted")
    pick() { sed -n "$(( ($1 * n + 99) / 100 ))p" "$1.sorted" 2>/dev/null; }
    printf '%-22s tried %4d  failed %3d  ms p50 %5s  p99 %5s  max %5s\n' "$2" \
        "$tried" "$failed" "$(sed -n "$(( (50 * n + 99) / 100 ))p" "$1.sorted")" \
        "$(sed -n "$(( (99 * n + 99) / 100 ))p" "$1.sorted")" "$(tail -1 "$1.sorted")"
}

rm -f "$db" "$db-wal" "$db-shm" "$work"/idle.log "$work"/busy.log
"$tcrm" --db "$db" init >/dev/null
for i in $(seq 1 20); do write_one "idle$i" "$work/idle.log"; done

/usr/bin/time -f '%e %U %S' -o "$work/import.time" \
    "$tcrm" --db "$db" import "$csv" > "$work/import.out" 2>&1 &
pid=$!
i=0
while kill -0 $pid 2>/dev/null; do
    i=$((i + 1))
    write_one "busy$i" "$work/busy.log"
    sleep 0.2
done
wait $pid
stats "$work/idle.log" "idle database"
stats "$work/busy.log" "during the import"
read -r wall user sys < "$work/import.time"
printf 'import of %d cards: wall %.1f s, cpu %.1f s; %s\n' "$rows" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(head -1 "$work/import.out")"
