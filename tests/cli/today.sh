#!/bin/bash
# tests/cli/today.sh: one rule for OVERDUE and TODAY (issue 10). A timed
# follow-up whose time has passed today is still TODAY in `due`, `report
# agenda` and `follow-up list`; overdue means a due date before today,
# also around midnight. The clock is fixed with TCRM_NOW.
#
#   today.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-today.XXXXXX)
trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC
DB=$W/t.db
. "$(dirname "$0")/lib.sh"

export TCRM_NOW="2026-03-10 08:00:00"
t init >/dev/null
t contact add Anna --phone 555-0100 >/dev/null
t follow-up add 1 "early call" --due "2026-03-10 09:00" >/dev/null
t follow-up add 1 "late call" --due "2026-03-10 18:00" >/dev/null
t follow-up add 1 "all day" --due 2026-03-10 >/dev/null
t follow-up add 1 "last night" --due "2026-03-09 23:30" >/dev/null
t follow-up add 1 "tomorrow early" --due "2026-03-11 00:00" >/dev/null

# 15:00: the 09:00 call has passed, it is still today's
export TCRM_NOW="2026-03-10 15:00:00"
same due-afternoon "$(t due)" "OVERDUE (1)
  #4  2026-03-09  yesterday  last night  Anna  555-0100
TODAY (3)
  #3  all day  all day     Anna  555-0100
  #1  09:00    early call  Anna  555-0100
  #2  18:00    late call   Anna  555-0100
NEXT 7 DAYS (1)
  #5  2026-03-11  tomorrow  tomorrow early  Anna  555-0100"
agenda=$(t report agenda)
has agenda-counts "1 overdue, 3 due today, 1 coming up." "$agenda"
same agenda-overdue "$(printf '%s\n' "$agenda" | sed -n '/^Overdue/,/^$/p' |
    grep -c 'call')" 0
same agenda-today "$(printf '%s\n' "$agenda" |
    sed -n '/^Today, /,/^$/p' | grep -c ' call ')" 2
same list-order "$(t follow-up list | awk 'NR > 1 { print $1 }' | tr '\n' ' ')" \
    "4 3 1 2 5 "

# one second before midnight: 23:30 yesterday is overdue, 18:00 is today
export TCRM_NOW="2026-03-10 23:59:59"
has due-late "TODAY (3)" "$(t due)"
has agenda-late "1 overdue, 3 due today, 1 coming up." "$(t report agenda)"
# midnight: everything of the 10th is overdue now, at any time of day
export TCRM_NOW="2026-03-11 00:00:00"
out=$(t due)
has due-midnight-over "OVERDUE (4)" "$out"
has due-midnight-today "TODAY (1)" "$out"
has agenda-midnight "4 overdue, 1 due today, 0 coming up." \
    "$(t report agenda)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
