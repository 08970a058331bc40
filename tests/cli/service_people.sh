#!/bin/bash
# tests/cli/service_people.sh: service tickets, tested as people (issue
# 14), in the pattern of money_people.sh.
#
#   service_people.sh /path/to/tcrm
#
# Needs root (CI runs as root): it creates Unix accounts with a prefix
# unique to this run, runs tcrm as each of them with runuser and a clean
# environment, and deletes them at the end. One database in owned mode:
#
#   login   role      manager
#   root    admin
#   M       manager
#   S1      sales     M         owns Acme Ltd, opens its tickets
#   S2      sales     M         owns Bolt Co
#
# A salesperson sees only the tickets they own or of customers they see
# (not another's), cannot act on another's ticket, and gives away only
# their own (a ticket given away stays in sight through its customer);
# the manager sees and moves both; the history says who.
set -u
TCRM=$(realpath "$1")
. "$(dirname "$0")/as_users.sh"
office service_people.sh tcrmv M=m S1=a S2=b
export TCRM_NOW="2026-03-02 09:00:00" LC_ALL=C.UTF-8 TZ=UTC
printf '[service]\nwarn_hours = 24\n' > "$ROOT/service.conf"
chmod 644 "$ROOT/service.conf"

AS_ARGS=(--config "$ROOT/service.conf")

# ---- the office --------------------------------------------------------
as root init >/dev/null
chmod 666 "$DB"
as root init --shared
[[ $RC == 0 ]] && ok || bad init-shared "$ERR"
as root user add "$M" --role manager
as root user add "$S1" --role sales --manager "$M"
as root user add "$S2" --role sales --manager "$M"
as "$S1" company add "Acme Ltd"
as "$S2" company add "Bolt Co"
as "$S1" ticket add --company "Acme Ltd" --type fault Jam
expect s1-add 0 "added ticket 1: T2026-0001, answer by 2026-03-03 09:00, resolve by 2026-03-07 09:00" ""
as "$S2" ticket add --company "Bolt Co" --type complaint Late
expect s2-add 0 "added ticket 2: T2026-0002, answer by 2026-03-03 09:00, resolve by 2026-03-07 09:00" ""

# ---- who sees what --------------------------------------------------------
as "$S1" ticket list --format csv
expect s1-sees-own 0 "id,number,customer,contact,type,priority,state,subject,owner,opened,due,responded,resolved,score
1,T2026-0001,Acme Ltd,,fault,normal,new,Jam,$S1,2026-03-02 09:00:00,2026-03-03 09:00:00,,," ""
refused s1-other-show 1 "tcrm: ticket 'T2026-0002': not found" "$S1" ticket show T2026-0002
refused s1-other-note 1 "tcrm: ticket 2: not found" "$S1" ticket note 2 hello
refused s1-other-company 1 "tcrm: company 2: not found" \
    "$S1" ticket add --company "Bolt Co" X
as "$M" ticket list --format csv
[[ $RC == 0 && $(printf '%s\n' "$OUT" | wc -l) == 3 ]] && ok || bad manager-sees-both "$OUT" "$ERR"
as "$S2" report service --format csv
[[ $RC == 0 && "$OUT" == *"times by type,complaint,1,"* && "$OUT" != *"fault"* ]] \
    && ok || bad s2-report-own "$OUT" "$ERR"

# ---- owners: through the guards of access.c ------------------------------------
refused s1-gives-other 1 "tcrm: ticket 2: not found" "$S1" ticket assign 2 --to "$S1"
as "$S1" ticket assign 1 --to "$S2"
expect s1-gives-own 0 "ticket T2026-0001 is now $S2's" ""
# still seen through Acme Ltd, S1's customer (the rule of access.c)
as "$S1" ticket show T2026-0001
[[ $RC == 0 && "$OUT" == *"owner         $S2"* ]] && ok || bad s1-sees-through-company "$OUT" "$ERR"
as "$M" ticket assign 1 --to "$S1"
expect manager-moves 0 "ticket T2026-0001 is now $S1's" ""
as "$S1" ticket note 1 Looking
expect s1-note 0 "ticket T2026-0001 is in progress" ""
as "$M" ticket show 1
[[ $RC == 0 && "$OUT" == *"owner $S2 -> $S1"* ]] && ok || bad history-assign "$OUT" "$ERR"

as root check
[[ $RC == 0 ]] && ok || bad check "$ERR"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
