#!/bin/bash
# tests/cli/money_people.sh: getting paid, tested as people (issue 13).
#
#   money_people.sh /path/to/tcrm
#
# Needs root (CI runs as root): it creates Unix accounts with a prefix
# unique to this run, runs tcrm as each of them with runuser and a clean
# environment, and deletes them at the end. One database in owned mode
# (tcrm init --shared by root, its admin), [sales] credit_limit = enforce:
#
#   login   role      manager
#   root    admin
#   M       manager
#   S1      sales     M         owns Acme Ltd, bills and is paid
#   S2      sales     M         owns Bolt Co
#
# Each salesperson sees only their own customers' invoices and payments
# (the manager sees both); only a manager or an admin sets terms, credit
# limits and rates; past an enforced credit limit a salesperson's invoice
# is refused (one line, exit 1, the database unchanged) and their order
# cannot be confirmed until a manager approves it; a manager's invoice
# passes.
set -u
TCRM=$(realpath "$1")
. "$(dirname "$0")/as_users.sh"
office money_people.sh tcrmm M=m S1=a S2=b
export TCRM_NOW="2026-12-07 10:00:00" LC_ALL=C.UTF-8 TZ=UTC
printf '[sales]\ncredit_limit = enforce\n' > "$ROOT/money.conf"
chmod 644 "$ROOT/money.conf"

AS_ARGS=(--config "$ROOT/money.conf")

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
as "$S1" order add --company "Acme Ltd" --currency CNY
as "$S1" order line 1 --text Widget --qty 1 --price 1000 --tax 0
as "$S1" order confirm 1
expect confirm-no-limit 0 "order O2026-0001 is confirmed" ""
as "$S2" order add --company "Bolt Co" --currency CNY
as "$S2" order line 2 --text Bolt --qty 1 --price 300 --tax 0
as "$S2" order confirm 2
as "$S1" invoice add 1 --amount 400
expect s1-invoice 0 "added invoice 1: I2026-0001 of order O2026-0001, 400.00 CNY, due 2027-01-06" ""
as "$S2" invoice add 2 --amount 300
as "$S2" payment add --invoice I2026-0002 --amount 100 --method alipay
expect s2-pays 0 "added payment 1: R2026-0001, 100.00 CNY by alipay
  paid 100.00 CNY of invoice I2026-0002" ""

# ---- who sees what --------------------------------------------------------
as "$S1" invoice list --format csv
expect s1-sees-own 0 "id,number,customer,order,date,due,currency,amount,paid,open,state,owner
1,I2026-0001,Acme Ltd,O2026-0001,2026-12-07,2027-01-06,CNY,400,0,400,open,$S1" ""
as "$S2" payment list --format csv
expect s2-sees-own-payment 0 "id,number,customer,date,currency,amount,applied,method,account,invoice,order,state,owner
1,R2026-0001,Bolt Co,2026-12-07,CNY,100,100,alipay,,I2026-0002,O2026-0002,,$S2" ""
as "$S1" payment list --format csv
expect s1-no-payments 0 "id,number,customer,date,currency,amount,applied,method,account,invoice,order,state,owner" ""
as "$M" invoice list --format csv
[[ $RC == 0 && $(printf '%s\n' "$OUT" | wc -l) == 3 ]] && ok || bad manager-sees-both "$OUT" "$ERR"
refused s1-other-invoice 1 "tcrm: invoice 'I2026-0002': not found" "$S1" invoice show I2026-0002
refused s1-pays-other 1 "tcrm: invoice 'I2026-0002': not found" \
    "$S1" payment add --invoice I2026-0002 --amount 1 --method cash
refused s1-balance-other 1 "tcrm: company 2: not found" \
    "$S1" balance --company "Bolt Co"

# ---- terms, limits and rates: managers and admins --------------------------------
refused s1-terms 1 "tcrm: only a manager or an admin may approve; $S1 is sales" \
    "$S1" balance --company "Acme Ltd" --credit-limit 500
refused s1-rate 1 "tcrm: only a manager or an admin may approve; $S1 is sales" \
    "$S1" rate add USD 7.1
as "$M" rate add USD 7.1
expect manager-rate 0 "1 USD = 7.1 CNY from 2026-12-07" ""
as "$M" balance --company "Acme Ltd" --credit-limit 500
[[ $RC == 0 && "$OUT" == *"credit limit  500.00 CNY"* ]] && ok || bad manager-limit "$OUT" "$ERR"

# ---- past the limit: the salesperson is refused, the manager passes ----------------
refused s1-over-limit 1 "tcrm: I2026-0003 would take the customer to 600.00 CNY, past their credit limit of 500.00 CNY: a manager or an admin must approve it" \
    "$S1" invoice add 1 --amount 200
as "$S1" invoice add 1 --amount 100
expect s1-within 0 "added invoice 3: I2026-0003 of order O2026-0001, 100.00 CNY, due 2027-01-06" ""
as "$M" invoice add 1 --amount 200
expect manager-passes 0 "added invoice 4: I2026-0004 of order O2026-0001, 200.00 CNY, due 2027-01-06" ""
# an order that would go past it waits for the manager
as "$S1" order add --company "Acme Ltd" --currency CNY
as "$S1" order line 3 --text More --qty 1 --price 50 --tax 0
refused s1-order-over 1 "tcrm: O2026-0003 would take the customer to 750.00 CNY, past their credit limit of 500.00 CNY: a manager or an admin must approve it" \
    "$S1" order confirm 3
as "$M" order approve 3
expect manager-approves-credit 0 "order O2026-0003 is approved" ""
as "$S1" order confirm 3
expect confirm-after-approval 0 "order O2026-0003 is confirmed" ""

as root check
[[ $RC == 0 ]] && ok || bad check "$ERR"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
