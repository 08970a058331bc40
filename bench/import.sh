#!/bin/sh
# bench/import.sh: CSV import and export speed against sqlite3's own.
#
#   bench/import.sh BUILD_DIR [ROWS] [WORK_DIR]
#
# Generates ROWS business cards (default 1,000,000) with tcrm-bench-gen,
# imports them into a new database with `tcrm import` (validation,
# normalization, duplicate keys, search index) and, in the same run, with
# sqlite3's `.import` into a bare table; then exports the contacts with
# `tcrm export contacts` and with `sqlite3 -csv` over the same table,
# three times each (the medians are compared). Prints wall and CPU
# (user+sys) seconds, rows/s, the ratios and the peak memory (max RSS) of
# each. CPU time is the fair comparison on a loaded machine; wall time is
# printed too. Needs GNU time (/usr/bin/time).
set -eu
build=${1:?usage: bench/import.sh BUILD_DIR [ROWS] [WORK_DIR]}
rows=${2:-1000000}
work=${3:-/tmp/tcrm-bench-import}
tcrm=$build/src/tcrm
gen=$build/bench/tcrm-bench-gen
mkdir -p "$work"
csv=$work/cards-$rows.csv
db=$work/tcrm.db
raw=$work/sqlite.db

if [ ! -s "$csv" ]; then
    "$gen" --csv "$csv" --contacts "$rows"
fi

# measure NAME COMMAND...: runs it, prints a line, sets $wall $cpu $rss
measure() {
    name=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/$name.out"
    set -- $(cat "$work/time")
    wall=$1
    cpu=$(echo "$2 + $3" | bc)
    rss=$(( $4 / 1024 ))
    printf '%-16s wall %8.2f s  cpu %8.2f s  rows/s (cpu) %9.0f  max RSS %5d MB\n' \
        "$name" "$wall" "$cpu" "$(echo "$rows / $cpu" | bc -l)" "$rss"
}

rm -f "$db" "$db-wal" "$db-shm" "$raw"
"$tcrm" --db "$db" init >/dev/null
measure "tcrm import" "$tcrm" --db "$db" import "$csv"
tw=$wall tc=$cpu
measure "sqlite3 .import" sqlite3 "$raw" ".import --csv $csv cards"
printf 'import ratio tcrm/sqlite3: cpu %.1fx, wall %.1fx\n' \
    "$(echo "$tc / $cpu" | bc -l)" "$(echo "$tw / $wall" | bc -l)"
head -1 "$work/tcrm import.out"

# Export: three runs of each, alternating (other work on the machine
# comes and goes), compared by their median CPU time.
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
tcs= scs= tms= sms=
for _ in 1 2 3; do
    measure "tcrm export" "$tcrm" --db "$db" export contacts -o "$work/export.csv"
    tcs="$tcs $cpu" tms="$tms $rss"
    measure "sqlite3 -csv" sqlite3 -csv -header "$db" \
        "SELECT * FROM contacts ORDER BY id"
    scs="$scs $cpu" sms="$sms $rss"
done
tc=$(median $tcs) sc=$(median $scs)
printf 'export median cpu: tcrm %.2f s (max RSS %d MB), sqlite3 %.2f s (max RSS %d MB); ratio tcrm/sqlite3 %.2fx\n' \
    "$tc" "$(median $tms)" "$sc" "$(median $sms)" "$(echo "$tc / $sc" | bc -l)"
