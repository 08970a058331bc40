#!/bin/bash
# tests/cli/sales_people.sh: orders and their approval, tested as people
# (issue 12, second part).
#
#   sales_people.sh /path/to/tcrm
#
# Needs root (CI runs as root): it creates Unix accounts with a prefix
# unique to this run, runs tcrm as each of them with runuser and a clean
# environment, and deletes them at the end. One database in owned mode
# (tcrm init --shared by root, its admin), [sales] max_discount = 10:
#
#   login   role      manager
#   root    admin
#   M       manager
#   S1      sales     M         makes the quotes and orders
#   S2      sales     M
#   K       clerk
#
# An order with a line above the limit waits: its salesperson, another
# salesperson and a clerk cannot approve it (one line, exit 1, the
# database unchanged), nor can S1 confirm it before; the manager does;
# an admin approves another. Orders follow the rule of who sees what.
set -u
TCRM=$(realpath "$1")
. "$(dirname "$0")/as_users.sh"
office sales_people.sh tcrms M=m S1=a S2=b K=k
export TCRM_NOW="2026-11-20 10:00:00" LC_ALL=C.UTF-8 TZ=UTC
printf '[sales]\nmax_discount = 10\n' > "$ROOT/sales.conf"
chmod 644 "$ROOT/sales.conf"

AS_ARGS=(--config "$ROOT/sales.conf")

# ---- the office --------------------------------------------------------
as root init >/dev/null
chmod 666 "$DB"
as root init --shared
[[ $RC == 0 ]] && ok || bad init-shared "$ERR"
as root user add "$M" --role manager
as root user add "$S1" --role sales --manager "$M"
as root user add "$S2" --role sales --manager "$M"
as root user add "$K" --role clerk
as "$S1" company add "Acme Ltd"
as "$S1" quote add --company "Acme Ltd" --currency CNY
as "$S1" quote line 1 --text Widget --qty 10 --price 100 --discount 15 --tax 13
as "$S1" quote send 1
as "$S1" quote accept 1
as "$S1" order from-quote 1
expect from-quote 0 "added order 1: O2026-0001 (CNY, open)
order O2026-0001 waits for a manager's approval (a discount of 15%): tcrm order approve 1" ""

# ---- who may approve ------------------------------------------------------
refused confirm-before 1 "tcrm: order O2026-0001 waits for a manager's approval (a discount of 15%): tcrm order approve 1" \
    "$S1" order confirm 1
refused own-sales 1 "tcrm: only a manager or an admin may approve; $S1 is sales" \
    "$S1" order approve 1
refused other-sales 1 "tcrm: only a manager or an admin may approve; $S2 is sales" \
    "$S2" order approve 1
# another salesperson does not even see it
refused other-sales-number 1 "tcrm: order 'O2026-0001': not found" \
    "$S2" order approve O2026-0001
refused other-sales-show 1 "tcrm: order 1: not found" "$S2" order show 1
refused clerk 1 "tcrm: only a manager or an admin may approve; $K is clerk" \
    "$K" order approve 1
as "$S2" order list --format csv
expect not-seen-by-other 0 "id,number,customer,state,approval,quote,currency,net,tax,gross,to_ship,owner" ""
as "$M" order list --format csv
expect seen-by-manager 0 "id,number,customer,state,approval,quote,currency,net,tax,gross,to_ship,owner
1,O2026-0001,Acme Ltd,open,waiting,Q2026-0001,CNY,850,110.5,960.5,10,$S1" ""
as "$M" order approve 1
expect manager-approves 0 "order O2026-0001 is approved" ""
as "$M" order show 1
[[ "$OUT" == *"approved by $M"* ]] && ok || bad show-approved "$OUT"
as "$S1" order confirm 1
expect confirm-after 0 "order O2026-0001 is confirmed" ""
refused approve-twice 1 "tcrm: order O2026-0001 is already confirmed" \
    "$M" order approve 1

# an admin approves too; a line above the limit after approval waits again
as "$S1" order add --company "Acme Ltd" --currency CNY
as "$S1" order line 2 --text Bolt --qty 1 --price 10 --discount 20
[[ "$OUT" == *"order O2026-0002 waits for a manager's approval (a discount of 20%)"* ]] && ok ||
    bad line-waits "$OUT" "$ERR"
as root order approve 2
expect admin-approves 0 "order O2026-0002 is approved" ""
as "$S1" order line 2 --text Nut --qty 1 --price 10 --discount 30
refused waits-again 1 "tcrm: order O2026-0002 waits for a manager's approval (a discount of 30%): tcrm order approve 2" \
    "$S1" order confirm 2
as "$S1" order line 2 --text Washer --qty 1 --price 1 --discount 5
as "$S1" order show 2
[[ "$OUT" == *"approval      waiting"* ]] && ok || bad small-line-still-waits "$OUT"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
