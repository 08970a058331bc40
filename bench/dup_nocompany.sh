#!/bin/bash
# bench/dup_nocompany.sh: the duplicate check on cards without a company.
#
#   bench/dup_nocompany.sh BUILD_DIR [WORK_DIR]
#
# Writes 10,000, 20,000 and 40,000 cards of "name,email" with no company
# (names that repeat, as real ones do), and times a dry run of each on an
# empty database (CPU seconds, microseconds per row). Every duplicate
# look-up must be an index seek, so the time per row stays flat as the
# file doubles; when "same name at the same company" was planned through
# contacts_by_company, a card without a company walked every company-less
# contact, and 40,000 cards took 109 s.
set -eu
build=${1:?usage: bench/dup_nocompany.sh BUILD_DIR [WORK_DIR]}
work=${2:-/tmp/tcrm-bench-dup}
tcrm=$(realpath "$build/src/tcrm")
mkdir -p "$work"
db=$work/dup.db
for n in 10000 20000 40000; do
    csv=$work/nocompany-$n.csv
    awk -v n="$n" 'BEGIN { srand(1); print "name,email";
        split("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou", fam, " ");
        split("Wei Fang Na Min Jing Li Qiang Lei Jun Yang", giv, " ");
        for (i = 1; i <= n; i++)
            printf "%s %s %d,u%d@example.com\n", fam[int(rand() * 10) + 1],
                giv[int(rand() * 10) + 1], i % 997, i }' > "$csv"
    rm -f "$db" "$db-wal" "$db-shm"
    "$tcrm" --db "$db" init >/dev/null
    /usr/bin/time -f '%U %S' -o "$work/time" "$tcrm" --db "$db" import "$csv" \
        --dry-run > "$work/out"
    read -r user sys < "$work/time"
    cpu=$(echo "$user + $sys" | bc)
    printf '%6d cards without a company: dry run cpu %6.2f s, %6.1f us/row; %s\n' \
        "$n" "$cpu" "$(echo "$cpu * 1000000 / $n" | bc -l)" "$(tail -1 "$work/out")"
done
