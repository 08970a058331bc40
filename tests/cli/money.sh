#!/bin/bash
# tests/cli/money.sh: invoices, payments, balances and rates through the
# built binary (issue 13): an order billed in two invoices and never
# above its total, numbers given and never used twice, due dates from
# the terms, payments against an invoice, an order (oldest due first,
# the rest kept as a deposit that pays the next invoice) and a customer
# (credit, applied later across two invoices), voids, a USD order with
# its own currency, opening balances, credit limits that warn, and a
# bad-input table asserting the one-line error, the exit status and
# that nothing changed (sqlite3 .dump before and after). `tcrm check`
# (what the triggers keep, and owed = open - credit = invoices -
# payments for every customer) says ok at the end.
#
#   money.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-money.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-12-07 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR
. "$(dirname "$0")/lib.sh"
DB=$W/money.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }

t init >/dev/null
t company add "Acme Ltd" >/dev/null
t company add "Bolt Co" >/dev/null
t contact add "Wang Fang" >/dev/null
# order 1: 1,130.00 CNY; order 2: 500.00 USD; order 3 stays open
t order add --company "Acme Ltd" --currency CNY >/dev/null
t order line 1 --text Widget --qty 10 --price 100 --tax 13 >/dev/null
t order confirm 1 >/dev/null
t order add --company "Bolt Co" --currency USD >/dev/null
t order line 2 --text Service --qty 1 --price 500 --tax 0 >/dev/null
t order confirm 2 >/dev/null
t order add --contact 1 --currency CNY >/dev/null
t order line 3 --text Pen --qty 2 --price 10 --tax 0 >/dev/null

# ---- invoices ----------------------------------------------------------------
same inv-1 "$(t invoice add 1 --amount 500 --date 2026-10-01)" \
    "added invoice 1: I2026-0001 of order O2026-0001, 500.00 CNY, due 2026-10-31"
same inv-given "$(t invoice add O2026-0001 --amount 600 --number FP-88 --due 2026-12-20)" \
    "added invoice 2: FP-88 of order O2026-0001, 600.00 CNY, due 2026-12-20"
same inv-usd "$(t invoice add 2 --amount 500)" \
    "added invoice 3: I2026-0002 of order O2026-0002, 500.00 USD, due 2027-01-06"
same inv-list "$(t invoice list --format csv)" \
'id,number,customer,order,date,due,currency,amount,paid,open,state,owner
3,I2026-0002,Bolt Co,O2026-0002,2026-12-07,2027-01-06,USD,500,0,500,open,
2,FP-88,Acme Ltd,O2026-0001,2026-12-07,2026-12-20,CNY,600,0,600,open,
1,I2026-0001,Acme Ltd,O2026-0001,2026-10-01,2026-10-31,CNY,500,0,500,overdue,'
has inv-overdue "overdue 37 days" "$(t invoice list)"

# ---- payments ----------------------------------------------------------------
same pay-invoice "$(t payment add --invoice I2026-0001 --amount 200 --method bank --account ICBC)" \
"added payment 1: R2026-0001, 200.00 CNY by bank
  paid 200.00 CNY of invoice I2026-0001"
# against the order: oldest due first (300 of I2026-0001, 600 of FP-88);
# 30 is left of the order's 1,130 (200 + 900 paid), and 30 is kept
same pay-order "$(t payment add --order 1 --amount 930 --method wechat)" \
"added payment 2: R2026-0002, 930.00 CNY by wechat
  paid 300.00 CNY of invoice I2026-0001
  paid 600.00 CNY of invoice FP-88
  30.00 CNY kept as credit of Acme Ltd"
# the deposit pays the order's next invoice at once
same inv-deposit "$(t invoice add 1 --amount 30)" \
"added invoice 4: I2026-0003 of order O2026-0001, 30.00 CNY, due 2027-01-06
  30.00 CNY paid by the order's deposit"
same state-paid "$(t invoice list --order 1 --format csv | cut -d, -f2,10,11)" \
'number,open,state
I2026-0003,0,paid
FP-88,0,paid
I2026-0001,0,paid'
same nothing-open "$(t invoice list --company 'Acme Ltd' --open)" "no invoices"

# a customer's prepayment, applied later across two invoices
t order add --company "Bolt Co" --currency CNY >/dev/null
t order line 4 --text Gear --qty 3 --price 100 --tax 0 >/dev/null
t order confirm 4 >/dev/null
same prepay "$(t payment add --company 'Bolt Co' --amount 250 --method cash --prepay --date 2026-12-01)" \
"added payment 3: R2026-0003, 250.00 CNY by cash
  250.00 CNY kept as credit of Bolt Co"
t invoice add 4 --amount 100 --date 2026-11-01 >/dev/null
t invoice add 4 --amount 200 >/dev/null
same apply "$(t payment apply --company 'Bolt Co')" "applied 250.00 of credit (2 allocations)"
same apply-again "$(t payment apply --company 'Bolt Co')" \
    "nothing to apply: no credit, or no open invoice in its currency"
same bolt-open "$(t invoice list --company 'Bolt Co' --format csv | cut -d, -f2,7,10)" \
'number,currency,open
I2026-0005,CNY,50
I2026-0004,CNY,0
I2026-0002,USD,500'
# USD against the USD invoice
same pay-usd "$(t payment add --invoice I2026-0002 --amount 120.50 --method card --currency USD)" \
"added payment 4: R2026-0004, 120.50 USD by card
  paid 120.50 USD of invoice I2026-0002"

# ---- balances ------------------------------------------------------------------
same balance-bolt "$(t balance --company 'Bolt Co')" \
'Bolt Co
  terms         30 days (tcrm.conf)
  credit limit  none
  CURRENCY  INVOICED    PAID    OPEN  OVERDUE  CREDIT    OWED
  CNY         300.00  250.00   50.00     0.00    0.00   50.00
  USD         500.00  120.50  379.50     0.00    0.00  379.50'
same terms "$(t balance --company 'Acme Ltd' --terms 45 --credit-limit 1,000 | sed -n 2,3p)" \
'  terms         45 days
  credit limit  1,000.00 CNY'
same opening "$(t balance --contact 1 --opening 88 --date 2026-01-15 | tail -n 1)" \
    "  CNY          88.00  0.00  88.00    88.00    0.00  88.00"
same opening-list "$(t invoice list --contact 1 --format csv | tail -n 1 | cut -d, -f2,3,5,6,8)" \
    ",Wang Fang,2026-01-15,2026-01-15,88"
# terms from the customer: 45 days; past the limit of 1,000: a warning
t order add --company "Acme Ltd" --currency CNY >/dev/null
t order line 5 --text Big --qty 1 --price 2000 --tax 0 >/dev/null
t order confirm 5 >/dev/null
t invoice add 5 --amount 1500 >"$W/out" 2>"$W/err"
same terms-due "$(cat "$W/out")" \
    "added invoice 8: I2026-0006 of order O2026-0005, 1,500.00 CNY, due 2027-01-21"
same credit-warn "$(cat "$W/err")" \
    "tcrm: warning: Acme Ltd would owe 1,500.00 CNY, past their credit limit of 1,000.00 CNY"

# ---- voids ------------------------------------------------------------------------
same void-pay "$(t payment void R2026-0004)" "payment R2026-0004 is voided; what it paid is open again"
same after-void "$(t invoice list --format csv | grep I2026-0002 | cut -d, -f9,10)" "0,500"
same void-inv "$(t invoice void I2026-0002)" "invoice I2026-0002 is voided"
same void-hidden "$(t invoice list --company 'Bolt Co' --format csv | cut -d, -f2)" \
'number
I2026-0005
I2026-0004'
same void-all "$(t invoice list --company 'Bolt Co' --all --format csv | cut -d, -f2,11 | tail -n 1)" \
    "I2026-0002,voided"
# the number stays used: the next comes after it, FP-88 is refused
same next-number "$(t invoice add 2 --amount 1 | cut -d: -f2 | cut -d' ' -f2)" "I2026-0007"

same balance-empty "$(t balance --company 'Acme Ltd' >/dev/null; t company add Zed >/dev/null; t balance --company Zed; echo "rc=$?")" \
'Zed
  terms         30 days (tcrm.conf)
  credit limit  none
  no invoices and no payments
rc=0'

# ---- rates --------------------------------------------------------------------------
same rate-add "$(t rate add usd 7.12 --date 2026-12-01)" "1 USD = 7.12 CNY from 2026-12-01"
same rate-list "$(t rate list)" 'CURRENCY  RATE  BASE  FROM
USD       7.12  CNY   2026-12-01'

# ---- bad input: one line, the status, nothing changed ------------------------------
bad_inputs() {
cat <<'END'
1|invoice add 1 --amount 10|tcrm: an invoice of 10.00 CNY is more than the 0.00 CNY of order O2026-0001 left to bill
1|invoice add 5 --amount 600|tcrm: an invoice of 600.00 CNY is more than the 500.00 CNY of order O2026-0005 left to bill
1|invoice add 3 --amount 1|tcrm: order O2026-0003 is open: only a confirmed order is invoiced
1|invoice add 5 --amount -5|tcrm invoice add: --amount: must not be negative
1|invoice add 5 --amount 0|tcrm invoice add: --amount: must be more than 0
1|invoice add 5 --amount 1.234|tcrm invoice add: --amount: '1.234' has more than 2 decimals
1|invoice add 5 --amount 1 --number FP-88|tcrm: invoice number 'FP-88' is already used (invoice 2)
1|invoice add 5 --amount 1 --number I2026-0002|tcrm: invoice number 'I2026-0002' is already used (invoice 3)
1|invoice add 5 --amount 1 --date 2026-12-08|tcrm: date: 2026-12-08 is in the future
1|invoice add 5 --amount 1 --date 2026-12-01 --due 2026-11-30|tcrm: due: 2026-11-30 is before the invoice date 2026-12-01
1|invoice add 5 --amount 1 --date nonsense|tcrm invoice add: --date: 'nonsense' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday
1|invoice add 99 --amount 1|tcrm: order 99: not found
2|invoice add 5|tcrm invoice add: missing --amount
2|invoice add --amount 5|tcrm invoice add: missing OID
1|invoice void I2026-0002|tcrm: invoice I2026-0002 is already voided
1|invoice void I2026-0001|tcrm: invoice I2026-0001 has payments of 500.00 CNY: void them first
1|invoice show NOPE|tcrm: invoice 'NOPE': not found
1|payment add --invoice I2026-0005 --amount 60 --method cash|tcrm: a payment of 60.00 CNY is more than the 50.00 CNY open on invoice I2026-0005 (--prepay keeps the rest as credit)
1|payment add --invoice I2026-0005 --amount 10 --method paypal|tcrm payment add: --method: 'paypal' is not one of bank, cash, wechat, alipay, cheque, card, other
1|payment add --invoice I2026-0005 --amount 10 --method cash --currency USD|tcrm: currency: the payment is in USD, invoice I2026-0005 in CNY
1|payment add --invoice I2026-0005 --amount -1 --method cash|tcrm payment add: --amount: must not be negative
1|payment add --invoice I2026-0002 --amount 1 --method cash|tcrm: invoice I2026-0002 is voided
1|payment add --order 3 --amount 100 --method cash|tcrm: a payment of 100.00 CNY is more than the 20.00 CNY open on order O2026-0003 (--prepay keeps the rest as credit)
1|payment add --company 'Bolt Co' --amount 51 --method cash|tcrm: a payment of 51.00 CNY is more than the 50.00 CNY open on the customer's account (--prepay keeps the rest as credit)
1|payment add --company Nobody --amount 1 --method cash|tcrm: company 'Nobody': not found (add it with: tcrm company add NAME)
1|payment add --invoice 4 --amount 1 --method cash --date 2027-01-01|tcrm: date: 2027-01-01 is in the future
2|payment add --amount 1 --method cash|tcrm payment add: give one of --invoice, --order, --company, --contact
2|payment add --invoice 4 --order 1 --amount 1 --method cash|tcrm payment add: give one of --invoice, --order, --company, --contact
2|payment add --invoice 4 --method cash|tcrm payment add: missing --amount
2|payment add --invoice 4 --amount 1|tcrm payment add: missing --method
1|payment void R2026-0004|tcrm: payment R2026-0004 is already voided
1|balance --contact 1 --opening 5|tcrm: the customer already has an opening balance (void it first to enter another)
1|balance --company 'Acme Ltd' --terms 4000|tcrm balance: --terms: '4000' is not a whole number from 0 to 3650
1|balance --company 'Acme Ltd' --credit-limit -1|tcrm balance: --credit-limit: must not be negative
2|balance --company 'Acme Ltd' --currency USD|tcrm balance: --currency and --date go with --opening
2|balance|tcrm balance: give --company or --contact
1|rate add CNY 1|tcrm: currency: CNY is the base currency
1|rate add USD 0|tcrm: rate: must be more than 0
1|rate add USD abc|tcrm rate add: RATE: 'abc' is not a number
1|rate add EURO 7|tcrm rate add: CUR: 'EURO' is not a 3-letter code
END
}
bad_input_table < <(bad_inputs)

# ---- what tcrm check verifies --------------------------------------------------------
same check "$(t check)" "ok: $DB (schema 19)"
# a hand-made disagreement is found
"$SQLITE" "$DB" "UPDATE invoices SET paid_minor = 0 WHERE number = 'FP-88'"
t check >/dev/null 2>"$W/err"
has check-paid "summary invoices.paid_minor disagrees with the rows in 2 places" "$(cat "$W/err")"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
