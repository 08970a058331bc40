#!/bin/sh
# bench/output.sh: search and list output into a pipe, in rows per second.
#
#   bench/output.sh BUILD_DIR DB [WORD] [ROUNDS] [WORK_DIR]
#
# Runs, ROUNDS times each (default 3), with stdout a pipe into `cat`:
#   tcrm search WORD                      (a table, every match)
#   tcrm search WORD --format csv
#   tcrm contact list                     (every contact, a table)
#   tcrm contact list --format csv
#   tcrm export contacts --search WORD    (CSV, every field)
#   tcrm export contacts                  (CSV, every contact)
# and, as the yardstick, `sqlite3 -csv` of the bare contacts table.
# Every command only reads DB (never give it one you care about being
# written: these do not write, but use a copy if in doubt). WORD should
# match tens of thousands of contacts (default "B.V.", about 60,000 of
# tcrm-bench-gen's million). For each it prints the rows (lines less the
# header), the median wall and CPU (user + sys) seconds, rows per second
# by each, and the peak memory. CPU is the fair figure on a shared
# machine; wall includes waiting for a core. Not run by `meson test`.
# Needs GNU time (/usr/bin/time).
set -eu
build=${1:?usage: bench/output.sh BUILD_DIR DB [WORD] [ROUNDS] [WORK_DIR]}
db=${2:?usage: bench/output.sh BUILD_DIR DB [WORD] [ROUNDS] [WORK_DIR]}
word=${3:-B.V.}
rounds=${4:-3}
work=${5:-/tmp/tcrm-bench-output}
tcrm=$build/src/tcrm
mkdir -p "$work"

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# measure NAME HEADER_LINES COMMAND...: ROUNDS runs into a pipe, one line.
measure() {
    name=$1 head=$2
    shift 2
    walls= cpus= rss=0
    for _ in $(seq "$rounds"); do
        /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" |
            cat | wc -l >"$work/lines"
        read -r w u s m <"$work/time"
        walls="$walls $w"
        cpus="$cpus $(echo "$u + $s" | bc)"
        [ "$m" -gt "$rss" ] && rss=$m
    done
    rows=$(( $(cat "$work/lines") - head ))
    wall=$(median $walls) cpu=$(median $cpus)
    printf '%-34s %8d rows  wall %6.2f s %9.0f rows/s  cpu %6.2f s %9.0f rows/s  %4d MB\n' \
        "$name" "$rows" "$wall" "$(echo "$rows / $wall" | bc -l)" "$cpu" \
        "$(echo "$rows / $cpu" | bc -l)" "$(( rss / 1024 ))"
}

export TCRM_DB="$db"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, medians"
measure "search $word" 1 "$tcrm" search "$word"
measure "search $word --format csv" 1 "$tcrm" search "$word" --format csv
measure "export contacts --search $word" 1 "$tcrm" export contacts --search "$word"
measure "contact list" 1 "$tcrm" contact list
measure "contact list --format csv" 1 "$tcrm" contact list --format csv
measure "export contacts" 1 "$tcrm" export contacts
measure "sqlite3 -csv contacts (bare)" 0 sqlite3 -readonly -csv "$db" \
    "SELECT * FROM contacts"
