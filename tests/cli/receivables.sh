#!/bin/bash
# tests/cli/receivables.sh: getting paid, the reading side (issue 13):
# `report receivables` (buckets at their edges: 30/31, 60/61, 90/91,
# 180/181 days; partial payments; a prepayment first as credit, then
# applied across two invoices; voids; a USD invoice and payment in the
# CNY report with the rate beside it; as of an earlier day; a missing
# rate; --owner; CSV and the invariant total = invoices - payments per
# customer), `report payments`, `statement` (running balance, opening
# balance first, overdue, CSV), the RECEIVABLES section of `due`, a
# Chinese run, the bad-input table, and `tcrm check` ok after it all.
# The clock is fixed (TCRM_NOW): "today" is 2026-12-31.
#
#   receivables.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d /tmp/tcrm-cli-receivables.XXXXXX)
[ -n "${TCRM_KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC TCRM_DATA_DIR=$SRC/data
unset NO_COLOR COLUMNS LANG LANGUAGE
. "$SRC/tests/cli/lib.sh"
DB=$W/money.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }
# at WHEN ARGS...: tcrm at that moment, quietly; a failure is a failure
at() {
    local when=$1; shift
    TCRM_NOW="$when" t "$@" >/dev/null 2>"$W/at.err" || bad "at $when $*: $(cat "$W/at.err")"
}
# rep ARGS...: a report, the database's path made "DB"
rep() { t report "$@" | sed "s|$DB|DB|"; }
zh() { env -u LC_ALL LANG=zh_CN.UTF-8 "$TCRM" --config "$W/fast.conf" --db "$DB" "$@"; }

N="2026-06-01 09:00:00"
at "$N" init
# a fresh database: due is what it always was
same due-empty "$(TCRM_NOW="2026-12-31 10:00:00" t due)" \
    "nothing due in the next 7 days; nobody gone quiet"
# Edge Co: one invoice per edge, all issued on 2026-06-01; as of
# 2026-12-31 they are overdue 30, 31, 60, 61, 90, 91, 180 and 181 days;
# the last falls due today (not due yet).
at "$N" company add "Edge Co"
at "$N" order add --company "Edge Co" --currency CNY
at "$N" order line 1 --text Work --qty 1 --price 100000 --tax 0
at "$N" order confirm 1
for p in "100 2026-12-01" "200 2026-11-30" "300 2026-11-01" "400 2026-10-31" \
         "500 2026-10-02" "600 2026-10-01" "700 2026-07-04" "800 2026-07-03"; do
    set -- $p
    at "$N" invoice add 1 --amount "$1" --due "$2"
done
at "2026-12-01 09:00:00" invoice add 1 --amount 900 --due 2026-12-31
# Part Co: an opening balance, a partial payment, a voided invoice and a
# voided payment, and an invoice due within the next 7 days
at "$N" company add "Part Co"
at "$N" balance --company "Part Co" --opening 50 --currency CNY --date 2026-06-01
at "$N" order add --company "Part Co" --currency CNY
at "$N" order line 2 --text Goods --qty 1 --price 10000 --tax 0
at "$N" order confirm 2
at "2026-11-15 09:00:00" invoice add 2 --amount 1000 --due 2026-12-15
at "2026-11-16 09:00:00" invoice add 2 --amount 77 --due 2026-12-16
at "2026-11-17 09:00:00" invoice void I2026-0011
at "2026-12-10 09:00:00" payment add --invoice I2026-0010 --amount 300 --method bank --account "ICBC 1234"
at "2026-12-11 09:00:00" payment add --invoice I2026-0010 --amount 99 --method cash
at "2026-12-12 09:00:00" payment void R2026-0002
at "2026-12-28 09:00:00" invoice add 2 --amount 120 --due 2027-01-05
# Pre Co: 2,000.00 paid ahead, then two invoices (1,000.00 and 800.00)
at "$N" company add "Pre Co"
at "$N" order add --company "Pre Co" --currency CNY
at "$N" order line 3 --text Service --qty 1 --price 10000 --tax 0
at "$N" order confirm 3
at "2026-11-20 09:00:00" payment add --company "Pre Co" --amount 2000 --method wechat --currency CNY --prepay
at "2026-11-25 09:00:00" invoice add 3 --amount 1000 --due 2026-12-25
at "2026-11-26 09:00:00" invoice add 3 --amount 800 --due 2027-01-25
# Acme Inc: in USD; 1,000.00 billed, 250.00 paid; USD 7.12 from 2026-12-01
at "$N" company add "Acme Inc"
at "$N" order add --company "Acme Inc" --currency USD
at "$N" order line 4 --text Parts --qty 1 --price 5000 --tax 0
at "$N" order confirm 4
at "2026-11-15 09:00:00" invoice add 4 --amount 1000 --due 2026-12-20
at "2026-12-20 09:00:00" payment add --invoice I2026-0015 --amount 250 --method bank --account "HSBC USD"
at "2026-12-01 09:00:00" rate add USD 7.12 --date 2026-12-01
export TCRM_NOW="2026-12-31 10:00:00"

# ---- before the prepayment is applied: Pre Co's 2,000.00 is credit -----
same receivables-credit "$(rep receivables | sed -n '7,17p')" "$(cat <<'EOF'
Receivables in CNY
------------------
Customer  Rate       Not due    Overdue    Credit      Total
--------  --------  --------  ---------  --------  ---------
Acme Inc  USD 7.12      0.00   5,340.00      0.00   5,340.00
Edge Co               900.00   3,600.00      0.00   4,500.00
Part Co               120.00     750.00      0.00     870.00
Pre Co                800.00   1,000.00  2,000.00    -200.00
--------  --------  --------  ---------  --------  ---------
Total               1,820.00  10,690.00  2,000.00  10,510.00
EOF
)"
at "2026-12-30 09:00:00" payment apply --company "Pre Co"

# ---- applied: Pre Co's invoices are paid, 200.00 is left as credit ------
same receivables "$(rep receivables)" "$(cat <<'EOF'
Receivables: what customers owe, not yet due and overdue by days
================================================================
As of:     2026-12-31
Made:      2026-12-31 10:00:00 by clerk
Database:  DB

Receivables in CNY
------------------
Customer  Rate       Not due   Overdue  Credit      Total
--------  --------  --------  --------  ------  ---------
Acme Inc  USD 7.12      0.00  5,340.00    0.00   5,340.00
Edge Co               900.00  3,600.00    0.00   4,500.00
Part Co               120.00    750.00    0.00     870.00
Pre Co                  0.00      0.00  200.00    -200.00
--------  --------  --------  --------  ------  ---------
Total               1,020.00  9,690.00  200.00  10,510.00

Overdue by days in CNY
----------------------
Customer  Rate          1-30   31-60   61-90    91-180  Over 180
--------  --------  --------  ------  ------  --------  --------
Acme Inc  USD 7.12  5,340.00    0.00    0.00      0.00      0.00
Edge Co               100.00  500.00  900.00  1,300.00    800.00
Part Co               700.00    0.00    0.00      0.00     50.00
--------  --------  --------  ------  ------  --------  --------
Total               6,140.00  500.00  900.00  1,300.00    850.00

Owed by customer (CNY)
Acme Inc  ████████████████████████████████████████████████████████  5,340.00 CNY
Edge Co   ███████████████████████████████████████████████▎          4,500.00 CNY
Part Co   █████████▏                                                  870.00 CNY

Owed by age (CNY)
Not due   █████████▎                                                1,020.00 CNY
1-30      ████████████████████████████████████████████████████████  6,140.00 CNY
31-60     ████▌                                                       500.00 CNY
61-90     ████████▎                                                   900.00 CNY
91-180    ███████████▉                                              1,300.00 CNY
Over 180  ███████▊                                                    850.00 CNY
EOF
)"
same receivables-csv "$(rep receivables --format csv)" "$(cat <<'EOF'
section,report,from,to,owner,tag,made,by,database
report,receivables,,2026-12-31,,,2026-12-31 10:00:00,clerk,DB

section,customer,kind,id,owner,owed,owed currency,rate,not due,not due currency,1-30,1-30 currency,31-60,31-60 currency,61-90,61-90 currency,91-180,91-180 currency,over 180,over 180 currency,credit,credit currency,total,total currency
receivables,Acme Inc,company,4,,750.00,USD,7.12,0.00,CNY,5340.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,5340.00,CNY
receivables,Edge Co,company,1,,4500.00,CNY,1,900.00,CNY,100.00,CNY,500.00,CNY,900.00,CNY,1300.00,CNY,800.00,CNY,0.00,CNY,4500.00,CNY
receivables,Part Co,company,2,,870.00,CNY,1,120.00,CNY,700.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,50.00,CNY,0.00,CNY,870.00,CNY
receivables,Pre Co,company,3,,-200.00,CNY,1,0.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,0.00,CNY,200.00,CNY,-200.00,CNY
receivables,Total,,,,,,,1020.00,CNY,6140.00,CNY,500.00,CNY,900.00,CNY,1300.00,CNY,850.00,CNY,200.00,CNY,10510.00,CNY
EOF
)"

# the invariant: per customer, what the report says is owed (in its own
# currency) is the live invoices less the live payments
owed_db=$("$SQLITE" "$DB" "SELECT c.name || '|' || printf('%.2f', (
    (SELECT coalesce(sum(amount_minor), 0) FROM invoices WHERE company_id = c.id AND voided_at IS NULL) -
    (SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE company_id = c.id AND voided_at IS NULL)) / 100.0)
    FROM companies c ORDER BY c.name")
owed_csv=$(t report receivables --format csv | awk -F, '$1 == "receivables" && $2 != "Total" { print $2 "|" $6 }' | sort)
same invariant "$owed_csv" "$owed_db"
# as of an earlier day: invoices issued and payments made by then, the
# buckets counted from that day
same receivables-as-of "$(rep receivables --as-of 2026-12-19)" "$(cat <<'EOF'
Receivables: what customers owe, not yet due and overdue by days
================================================================
As of:     2026-12-19
Made:      2026-12-31 10:00:00 by clerk
Database:  DB

Receivables in CNY
------------------
Customer  Rate       Not due   Overdue  Credit      Total
--------  --------  --------  --------  ------  ---------
Acme Inc  USD 7.12  7,120.00      0.00    0.00   7,120.00
Edge Co               900.00  3,600.00    0.00   4,500.00
Part Co                 0.00    750.00    0.00     750.00
Pre Co                  0.00      0.00  200.00    -200.00
--------  --------  --------  --------  ------  ---------
Total               8,020.00  4,350.00  200.00  12,170.00

Overdue by days in CNY
----------------------
Customer  Rate      1-30   31-60     61-90    91-180  Over 180
--------  ----  --------  ------  --------  --------  --------
Edge Co           300.00  700.00  1,100.00  1,500.00      0.00
Part Co           700.00    0.00      0.00      0.00     50.00
--------  ----  --------  ------  --------  --------  --------
Total           1,000.00  700.00  1,100.00  1,500.00     50.00

Owed by customer (CNY)
Acme Inc  ████████████████████████████████████████████████████████  7,120.00 CNY
Edge Co   ███████████████████████████████████▍                      4,500.00 CNY
Part Co   █████▉                                                      750.00 CNY

Owed by age (CNY)
Not due   ████████████████████████████████████████████████████████  8,020.00 CNY
1-30      ███████                                                   1,000.00 CNY
31-60     ████▉                                                       700.00 CNY
61-90     ███████▋                                                  1,100.00 CNY
91-180    ██████████▌                                               1,500.00 CNY
Over 180  ▍                                                            50.00 CNY
EOF
)"

# ---- bad input: one line, the status, nothing changed ----------------------
bad_input_table <<'EOF'
1|report receivables --as-of 2026-11-30|tcrm report: rate: no USD rate on or before 2026-11-30 (tcrm rate add USD RATE --date 2026-11-30)
1|report sales --as-of 2026-12-01|tcrm report: report 'sales' takes no --as-of
1|report payments --as-of 2026-12-01|tcrm report: report 'payments' takes no --as-of
1|report receivables --as-of someday|tcrm report: --as-of: 'someday' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday
2|report receivables --period this-month|tcrm report: report 'receivables' takes no period: it shows what is owed as of a day (--as-of)
1|report receivables --owner zed|tcrm report: owner 'zed': not found
2|statement|tcrm statement: give --company or --contact
2|statement --company "Edge Co" --contact 1|tcrm statement: give --company or --contact
1|statement --company Nope|tcrm: company 'Nope': not found
1|statement --contact 99|tcrm: contact 99: not found
1|statement --company "Edge Co" --format pdf|tcrm statement: --format: 'pdf' is not text or csv
1|statement --company "Edge Co" --as-of nope|tcrm statement: --as-of: 'nope' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday
EOF

# ---- --owner: bob's invoices and payments (the fixture writes owners, as
# sales_reports.sh does; people.sh runs real users) ---------------------
"$SQLITE" "$DB" "UPDATE orders SET owner = 'bob' WHERE company_id IN (1, 4);
    UPDATE invoices SET owner = 'bob' WHERE company_id IN (1, 4);
    UPDATE payments SET owner = 'bob' WHERE company_id IN (1, 4)"
same receivables-owner "$(rep receivables --owner bob | sed -n '3,4p;7,16p')" "$(cat <<'EOF'
As of:     2026-12-31
Owner:     bob

Receivables in CNY
------------------
Customer  Rate      Not due   Overdue  Credit     Total
--------  --------  -------  --------  ------  --------
Acme Inc  USD 7.12     0.00  5,340.00    0.00  5,340.00
Edge Co              900.00  3,600.00    0.00  4,500.00
--------  --------  -------  --------  ------  --------
Total                900.00  8,940.00    0.00  9,840.00
EOF
)"

# ---- payments received: by method, account, salesperson, month; the
# voided cash payment does not count; USD at that day's rate -----------
same payments "$(rep payments --period this-year)" "$(cat <<'EOF'
Payments: payments received by method, account, salesperson and month
=====================================================================
Period:    2026-01-01 to 2026-12-31
Made:      2026-12-31 10:00:00 by clerk
Database:  DB

Received by method in CNY
-------------------------
Method  Payments        Amount
------  --------  ------------
bank           2  2,080.00 CNY
wechat         1  2,000.00 CNY
------  --------  ------------
Total          3  4,080.00 CNY

Received by account in CNY
--------------------------
Account       Payments        Amount
------------  --------  ------------
(no account)         1  2,000.00 CNY
HSBC USD             1  1,780.00 CNY
ICBC 1234            1    300.00 CNY
------------  --------  ------------
Total                3  4,080.00 CNY

Received by salesperson in CNY
------------------------------
Salesperson  Payments        Amount
-----------  --------  ------------
(no owner)          2  2,300.00 CNY
bob                 1  1,780.00 CNY
-----------  --------  ------------
Total               3  4,080.00 CNY

Received by month in CNY
------------------------
Month    Payments        Amount
-------  --------  ------------
2026-11         1  2,000.00 CNY
2026-12         2  2,080.00 CNY
-------  --------  ------------
Total           3  4,080.00 CNY

Received in other currencies, converted into CNY
------------------------------------------------
Rate      Payments    Received        Amount
--------  --------  ----------  ------------
USD 7.12         1  250.00 USD  1,780.00 CNY

Received by month (CNY)
2026-01                                                                 0.00 CNY
2026-02                                                                 0.00 CNY
2026-03                                                                 0.00 CNY
2026-04                                                                 0.00 CNY
2026-05                                                                 0.00 CNY
2026-06                                                                 0.00 CNY
2026-07                                                                 0.00 CNY
2026-08                                                                 0.00 CNY
2026-09                                                                 0.00 CNY
2026-10                                                                 0.00 CNY
2026-11  ██████████████████████████████████████████████████████▊    2,000.00 CNY
2026-12  █████████████████████████████████████████████████████████  2,080.00 CNY
EOF
)"
same payments-csv "$(rep payments --from 2026-12-01 --owner bob --format csv | tail -n +4)" "$(cat <<'EOF'
section,method,payments,amount,amount currency
method,bank,1,1780.00,CNY
method,Total,1,1780.00,CNY

section,account,payments,amount,amount currency
account,HSBC USD,1,1780.00,CNY
account,Total,1,1780.00,CNY

section,salesperson,payments,amount,amount currency
salesperson,bob,1,1780.00,CNY
salesperson,Total,1,1780.00,CNY

section,month,payments,amount,amount currency
month,2026-12,1,1780.00,CNY
month,Total,1,1780.00,CNY

section,rate,payments,received,received currency,amount,amount currency
rates,USD 7.12,1,250.00,USD,1780.00,CNY
EOF
)"

# ---- the statement of account ---------------------------------------------
same statement "$(t statement --company "Part Co")" "$(cat <<'EOF'

STATEMENT OF ACCOUNT
================================================================================
To:           Part Co
As of:        2026-12-31
Printed:      2026-12-31

Date       Document   Details                             Billed   Paid  Balance
--------------------------------------------------------------------------------
2026-06-01            Opening balance                      50.00           50.00
2026-11-15 I2026-0010 Invoice, order O2026-0002         1,000.00        1,050.00
2026-12-10 R2026-0001 Payment, bank, for I2026-0010              300.00   750.00
2026-12-28 I2026-0012 Invoice, order O2026-0002           120.00          870.00

Overdue as of 2026-12-31:
Invoice                                           Due        Days overdue   Open
--------------------------------------------------------------------------------
Opening balance                                   2026-06-01          213  50.00
I2026-0010                                        2026-12-15           16 700.00
--------------------------------------------------------------------------------
Invoiced:          1,170.00 CNY
Paid:              300.00 CNY
Balance due:       870.00 CNY
Of which overdue:  750.00 CNY

Please check this statement and tell us of any difference within 15 days.
Payments after 2026-12-31 are not shown.
EOF
)"
t statement --company "Part Co" -o "$W/statement.txt"
same statement-file "$(cat "$W/statement.txt")" "$(t statement --company "Part Co")"
same statement-csv "$(t statement --company "Pre Co" --format csv)" "$(cat <<'EOF'
currency,date,kind,number,reference,due,debit,credit,balance,open
CNY,2026-11-20,payment,R2026-0003,,,,2000.00,-2000.00,200.00
CNY,2026-11-25,invoice,I2026-0013,O2026-0003,2026-12-25,1000.00,,-1000.00,0.00
CNY,2026-11-26,invoice,I2026-0014,O2026-0003,2027-01-25,800.00,,-200.00,0.00
EOF
)"
same statement-as-of "$(t statement --company "Acme Inc" --as-of 2026-12-19 | sed -n 8,12p)" "$(cat <<'EOF'
Date       Document   Details                               Billed Paid  Balance
--------------------------------------------------------------------------------
                      Opening balance                                       0.00
2026-11-15 I2026-0015 Invoice, order O2026-0004           1,000.00      1,000.00
--------------------------------------------------------------------------------
EOF
)"
t contact add "Zhang Wei" >/dev/null
same statement-empty "$(t statement --contact 1 | sed -n 8p)" "$(cat <<'EOF'
No invoices and no payments.
EOF
)"

# ---- due: RECEIVABLES, overdue first, then due within the window ----------
same due "$(t due)" "$(cat <<'EOF'
RECEIVABLES (13)
  opening balance  Part Co    50.00 CNY  213 days overdue  2026-06-01
  I2026-0008       Edge Co   800.00 CNY  181 days overdue  2026-07-03
  I2026-0007       Edge Co   700.00 CNY  180 days overdue  2026-07-04
  I2026-0006       Edge Co   600.00 CNY   91 days overdue  2026-10-01
  I2026-0005       Edge Co   500.00 CNY   90 days overdue  2026-10-02
  I2026-0004       Edge Co   400.00 CNY   61 days overdue  2026-10-31
  I2026-0003       Edge Co   300.00 CNY   60 days overdue  2026-11-01
  I2026-0002       Edge Co   200.00 CNY   31 days overdue  2026-11-30
  I2026-0001       Edge Co   100.00 CNY   30 days overdue  2026-12-01
  I2026-0010       Part Co   700.00 CNY   16 days overdue  2026-12-15
  I2026-0015       Acme Inc  750.00 USD   11 days overdue  2026-12-20
  I2026-0009       Edge Co   900.00 CNY         due today  2026-12-31
  I2026-0012       Part Co   120.00 CNY     due in 5 days  2027-01-05
EOF
)"
same due-3 "$(t due --days 3 | sed -n '1p;12,14p')" "$(cat <<'EOF'
RECEIVABLES (12)
  I2026-0015       Acme Inc  750.00 USD   11 days overdue  2026-12-20
  I2026-0009       Edge Co   900.00 CNY         due today  2026-12-31
EOF
)"

# ---- Chinese -------------------------------------------------------------------
same zh-receivables "$(zh report receivables | sed "s|$DB|DB|" | sed -n '1,27p')" "$(cat <<'EOF'
应收账龄: 客户欠款：未到期与按天数逾期（账龄）
==============================================
截至日期：2026-12-31
生成时间：2026-12-31 10:00:00，生成人 clerk
数据库：  DB

应收款（CNY）
-------------
客户      汇率        未到期      逾期  预收款       合计
--------  --------  --------  --------  ------  ---------
Acme Inc  USD 7.12      0.00  5,340.00    0.00   5,340.00
Edge Co               900.00  3,600.00    0.00   4,500.00
Part Co               120.00    750.00    0.00     870.00
Pre Co                  0.00      0.00  200.00    -200.00
--------  --------  --------  --------  ------  ---------
合计                1,020.00  9,690.00  200.00  10,510.00

逾期账龄（CNY）
---------------
客户      汇率        1-30天  31-60天  61-90天  91-180天  180天以上
--------  --------  --------  -------  -------  --------  ---------
Acme Inc  USD 7.12  5,340.00     0.00     0.00      0.00       0.00
Edge Co               100.00   500.00   900.00  1,300.00     800.00
Part Co               700.00     0.00     0.00      0.00      50.00
--------  --------  --------  -------  -------  --------  ---------
合计                6,140.00   500.00   900.00  1,300.00     850.00
EOF
)"
same zh-due "$(zh due --days 3 | head -3)" "$(cat <<'EOF'
应收款（12）
  期初余额    Part Co    50.00 CNY  逾期 213 天  2026-06-01
  I2026-0008  Edge Co   800.00 CNY  逾期 181 天  2026-07-03
EOF
)"
same zh-statement "$(zh statement --company "Part Co" | sed -n 2,9p)" "$(cat <<'EOF'
对账单
================================================================================
客户：      Part Co
截止日期：  2026-12-31
打印日期：  2026-12-31

日期       单据号     摘要                                  应收   已收     余额
--------------------------------------------------------------------------------
EOF
)"

# ---- and the books still add up ----------------------------------------------
same check "$(t check | sed "s|$DB|DB|")" "ok: DB (schema 19)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
