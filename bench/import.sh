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
# three times each (the medians are compared). Issue 17's yardstick for
# the import is `sqlite3 .import` plus an FTS5 trigram index built over
# the same text (every column of the card, a line each), both timed. Prints
# wall and CPU (user+sys) seconds, rows/s, the ratios, the peak memory (max
# RSS) and what each wrote to disk (file system output), and the database's
# size after a checkpoint against the CSV's. CPU time is the fair comparison on a loaded machine; wall time is
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
    /usr/bin/time -f '%e %U %S %M %O' -o "$work/time" "$@" >"$work/$name.out"
    set -- $(cat "$work/time")
    wall=$1
    cpu=$(echo "$2 + $3" | bc)
    rss=$(( $4 / 1024 ))
    printf '%-16s wall %8.2f s  cpu %8.2f s  rows/s (cpu) %9.0f  max RSS %5d MB  wrote %6d MB\n' \
        "$name" "$wall" "$cpu" "$(echo "$rows / $cpu" | bc -l)" "$rss" \
        "$(( $5 / 2048 ))"
}

rm -f "$db" "$db-wal" "$db-shm" "$raw"
"$tcrm" --db "$db" init >/dev/null
measure "tcrm import" "$tcrm" --db "$db" import "$csv"
tw=$wall tc=$cpu
measure "sqlite3 .import" sqlite3 "$raw" ".import --csv $csv cards"
sc=$cpu sw=$wall
body=$(head -1 "$csv" | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++)
    printf "%scoalesce(\"%s\", \x27\x27)", (i > 1 ? " || char(10) || " : ""), $i }')
measure "FTS5 trigram" sqlite3 "$raw" "CREATE VIRTUAL TABLE cards_fts USING
    fts5(body, tokenize = 'trigram'); INSERT INTO cards_fts SELECT $body FROM cards"
sc=$(echo "$sc + $cpu" | bc) sw=$(echo "$sw + $wall" | bc)
printf 'import ratio tcrm/(sqlite3 .import + FTS5 trigram): cpu %.2fx, wall %.2fx\n' \
    "$(echo "$tc / $sc" | bc -l)" "$(echo "$tw / $sw" | bc -l)"
head -1 "$work/tcrm import.out"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
printf 'database after a checkpoint: %d MB, %.1f times the CSV (%d MB)\n' \
    "$(( $(stat -c %s "$db") / 1048576 ))" \
    "$(echo "$(stat -c %s "$db") / $(stat -c %s "$csv")" | bc -l)" \
    "$(( $(stat -c %s "$csv") / 1048576 ))"

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
