#!/bin/bash
# tests/cli/sales_reports.sh: `tcrm report sales` and `tcrm report
# products` through the built binary (issue 12): what counts (confirmed
# orders only: an open order and one cancelled after its confirmation do
# not), amounts per currency (CNY and USD never added), by salesperson,
# product and month; text with its charts, CSV with English headers,
# --owner, a Chinese run, the product picker's search (`product list
# --search`) and a bad-input table that asserts the one-line error, the
# exit status and that the database is unchanged (sqlite3 .dump before
# and after).
#
#   sales_reports.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-sales-reports.XXXXXX)
trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR COLUMNS LANG LANGUAGE
. "$(dirname "$0")/lib.sh"
DB=$W/sales.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }
# at WHEN ARGS...: tcrm at that moment (orders are confirmed "now")
at() { local when=$1; shift; TCRM_NOW="$when" t "$@" >/dev/null; }
# rep ARGS...: a report, the database's path made "DB"
rep() { t report "$@" | sed "s|$DB|DB|"; }

at "2026-01-05 09:00:00" init
at "2026-01-05 09:00:00" company add "Acme Ltd"
at "2026-01-05 09:00:00" company add "华为技术有限公司"
at "2026-01-05 09:00:00" product add A-1 Widget --spec "10 mm" --unit pc --price 99.99 --currency CNY --tax 13
at "2026-01-05 09:00:00" product add S-9 服务费 --price 1000 --currency CNY --tax 6
at "2026-01-05 09:00:00" product add U-1 Gadget --price 20 --currency USD --tax 0
# 1: Acme, CNY, confirmed in January (ann); a catalogue line and free text
at "2026-01-10 10:00:00" order add --company Acme --currency CNY
at "2026-01-10 10:00:00" order line 1 --product A-1 --qty 3
at "2026-01-10 10:00:00" order line 1 --text Delivery --qty 1 --price 109 --gross --tax 9
at "2026-01-12 10:00:00" order confirm 1
# 2: 华为, CNY, confirmed in February (bob)
at "2026-02-01 10:00:00" order add --company 华为技术有限公司 --currency CNY
at "2026-02-01 10:00:00" order line 2 --product S-9 --qty 2
at "2026-02-01 10:00:00" order line 2 --product A-1 --qty 0.5
at "2026-02-15 10:00:00" order confirm 2
# 3: Acme, USD, confirmed in February (ann)
at "2026-02-01 10:00:00" order add --company Acme --currency USD
at "2026-02-01 10:00:00" order line 3 --product U-1 --qty 10
at "2026-02-20 10:00:00" order confirm 3
# 4: confirmed, then cancelled: never counts
at "2026-02-01 10:00:00" order add --company Acme --currency CNY
at "2026-02-01 10:00:00" order line 4 --product S-9 --qty 5
at "2026-02-02 10:00:00" order confirm 4
at "2026-02-03 10:00:00" order cancel 4
# 5: open: not sold yet
at "2026-03-01 10:00:00" order add --company Acme --currency CNY
at "2026-03-01 10:00:00" order line 5 --product S-9 --qty 7
# 6: Acme, CNY, confirmed in March (bob)
at "2026-03-01 10:00:00" order add --company Acme --currency CNY
at "2026-03-01 10:00:00" order line 6 --product A-1 --qty 1
at "2026-03-02 10:00:00" order confirm 6
# 7: confirmed in December 2025: outside this year
at "2025-12-01 10:00:00" order add --company Acme --currency CNY
at "2025-12-01 10:00:00" order line 7 --product S-9 --qty 1
at "2025-12-02 10:00:00" order confirm 7
# The salespeople: orders get their owner in owned mode (people.sh,
# sales_people.sh: real Unix users, root); here the fixture writes them.
"$SQLITE" "$DB" "UPDATE orders SET owner = CASE WHEN id IN (2, 6) THEN 'bob' ELSE 'ann' END"
export TCRM_NOW="2026-03-20 10:00:00"


# ---- sales: confirmed orders only, per currency, by salesperson and month
same sales-quarter "$(rep sales --period this-quarter)" "$(cat <<'EOF'
Sales: confirmed orders and revenue by salesperson and month
============================================================
Period:    2026-01-01 to 2026-03-31
Made:      2026-03-20 10:00:00 by clerk
Database:  DB

Sales in CNY
------------
Salesperson  Month    Orders           Net         Gross
-----------  -------  ------  ------------  ------------
ann          2026-01       1    399.97 CNY    447.97 CNY
bob          2026-02       1  2,050.00 CNY  2,176.50 CNY
bob          2026-03       1     99.99 CNY    112.99 CNY
-----------  -------  ------  ------------  ------------
Total                      3  2,549.96 CNY  2,737.46 CNY

Net by salesperson (CNY)
ann  ███████████▍                                                     399.97 CNY
bob  █████████████████████████████████████████████████████████████  2,149.99 CNY

Net by month (CNY)
2026-01  ███████████▏                                                 399.97 CNY
2026-02  █████████████████████████████████████████████████████████  2,050.00 CNY
2026-03  ██▊                                                           99.99 CNY

Sales in USD
------------
Salesperson  Month    Orders         Net       Gross
-----------  -------  ------  ----------  ----------
ann          2026-02       1  200.00 USD  200.00 USD
-----------  -------  ------  ----------  ----------
Total                      1  200.00 USD  200.00 USD

Net by salesperson (USD)
ann  ███████████████████████████████████████████████████████████████  200.00 USD

Net by month (USD)
2026-01                                                                 0.00 USD
2026-02  ███████████████████████████████████████████████████████████  200.00 USD
2026-03                                                                 0.00 USD
EOF
)"
same sales-owner-csv "$(rep sales --owner bob --format csv)" "$(cat <<'EOF'
section,report,from,to,owner,tag,made,by,database
report,sales,2026-01-01,2026-12-31,bob,,2026-03-20 10:00:00,clerk,DB

section,salesperson,month,orders,net,net currency,gross,gross currency
sales,bob,2026-02,1,2050.00,CNY,2176.50,CNY
sales,bob,2026-03,1,99.99,CNY,112.99,CNY
sales,Total,,2,2149.99,CNY,2289.49,CNY
EOF
)"
same sales-2025 "$(rep sales --from 2025-12-01 --to 2025-12-31 --ascii --width 64)" "$(cat <<'EOF'
Sales: confirmed orders and revenue by salesperson and month
============================================================
Period:    2025-12-01 to 2025-12-31
Made:      2026-03-20 10:00:00 by clerk
Database:  DB

Sales in CNY
------------
Salesperson  Month    Orders           Net         Gross
-----------  -------  ------  ------------  ------------
ann          2025-12       1  1,000.00 CNY  1,060.00 CNY
-----------  -------  ------  ------------  ------------
Total                      1  1,000.00 CNY  1,060.00 CNY

Net by salesperson (CNY)
ann  #############################################  1,000.00 CNY

Net by month (CNY)
2025-12  #########################################  1,000.00 CNY
EOF
)"
# ---- products: by product and month; free-text lines together
same products-feb "$(rep products --from 2026-02-01 --to 2026-02-28)" "$(cat <<'EOF'
Products: quantity and revenue by product and month
===================================================
Period:    2026-02-01 to 2026-02-28
Made:      2026-03-20 10:00:00 by clerk
Database:  DB

Products sold in CNY
--------------------
Code  Product              Month    Quantity           Net         Gross
----  -------------------  -------  --------  ------------  ------------
S-9   服务费               2026-02         2  2,000.00 CNY  2,120.00 CNY
A-1   Widget 10 mm         2026-02       0.5     50.00 CNY     56.50 CNY
----  -------------------  -------  --------  ------------  ------------
      Total, all products                     2,050.00 CNY  2,176.50 CNY

Net by product (CNY)
S-9  █████████████████████████████████████████████████████████████  2,000.00 CNY
A-1  █▌                                                                50.00 CNY

Net by month (CNY)
2026-02  █████████████████████████████████████████████████████████  2,050.00 CNY

Products sold in USD
--------------------
Code  Product              Month    Quantity         Net       Gross
----  -------------------  -------  --------  ----------  ----------
U-1   Gadget               2026-02        10  200.00 USD  200.00 USD
----  -------------------  -------  --------  ----------  ----------
      Total, all products                     200.00 USD  200.00 USD

Net by product (USD)
U-1  ███████████████████████████████████████████████████████████████  200.00 USD

Net by month (USD)
2026-02  ███████████████████████████████████████████████████████████  200.00 USD
EOF
)"
same products-csv "$(rep products --format csv --period this-quarter)" "$(cat <<'EOF'
section,report,from,to,owner,tag,made,by,database
report,products,2026-01-01,2026-03-31,,,2026-03-20 10:00:00,clerk,DB

section,code,product,month,quantity,net,net currency,gross,gross currency
products,S-9,服务费,2026-02,2,2000.00,CNY,2120.00,CNY
products,A-1,Widget 10 mm,2026-01,3,299.97,CNY,338.97,CNY
products,A-1,Widget 10 mm,2026-02,0.5,50.00,CNY,56.50,CNY
products,A-1,Widget 10 mm,2026-03,1,99.99,CNY,112.99,CNY
products,,(free text lines),2026-01,1,100.00,CNY,109.00,CNY
products,,"Total, all products",,,2549.96,CNY,2737.46,CNY

section,code,product,month,quantity,net,net currency,gross,gross currency
products,U-1,Gadget,2026-02,10,200.00,USD,200.00,USD
products,,"Total, all products",,,200.00,USD,200.00,USD
EOF
)"
same products-owner-ann "$(rep products --owner ann --from 2026-01-01 --to 2026-02-28 --format csv)" "$(cat <<'EOF'
section,report,from,to,owner,tag,made,by,database
report,products,2026-01-01,2026-02-28,ann,,2026-03-20 10:00:00,clerk,DB

section,code,product,month,quantity,net,net currency,gross,gross currency
products,A-1,Widget 10 mm,2026-01,3,299.97,CNY,338.97,CNY
products,,(free text lines),2026-01,1,100.00,CNY,109.00,CNY
products,,"Total, all products",,,399.97,CNY,447.97,CNY

section,code,product,month,quantity,net,net currency,gross,gross currency
products,U-1,Gadget,2026-02,10,200.00,USD,200.00,USD
products,,"Total, all products",,,200.00,USD,200.00,USD
EOF
)"
# ---- nothing to show
same sales-none "$(rep sales --owner bob --from 2026-01-01 --to 2026-01-31)" "$(cat <<'EOF'
Sales: confirmed orders and revenue by salesperson and month
============================================================
Period:    2026-01-01 to 2026-01-31
Owner:     bob
Made:      2026-03-20 10:00:00 by clerk
Database:  DB

No confirmed orders in this period.
EOF
)"
same sales-empty "$(rep sales --from 2026-04-01 --to 2026-04-30)" "$(cat <<'EOF'
Sales: confirmed orders and revenue by salesperson and month
============================================================
Period:    2026-04-01 to 2026-04-30
Made:      2026-03-20 10:00:00 by clerk
Database:  DB

No confirmed orders in this period.
EOF
)"
# ---- Chinese (LANG; column heads and words translated, CSV would stay English)
same zh-products "$(LC_ALL= LANG=zh_CN.UTF-8 rep products --period this-quarter)" "$(cat <<'EOF'
商品: 按商品和月份统计销售数量与收入
====================================
统计期间：2026-01-01 至 2026-03-31
生成时间：2026-03-20 10:00:00，生成人 clerk
数据库：  DB

已售商品（CNY）
---------------
编码  商品                月份     数量    不含税金额      价税合计
----  ------------------  -------  ----  ------------  ------------
S-9   服务费              2026-02     2  2,000.00 CNY  2,120.00 CNY
A-1   Widget 10 mm        2026-01     3    299.97 CNY    338.97 CNY
                          2026-02   0.5     50.00 CNY     56.50 CNY
                          2026-03     1     99.99 CNY    112.99 CNY
      （非目录商品的行）  2026-01     1    100.00 CNY    109.00 CNY
----  ------------------  -------  ----  ------------  ------------
      合计（全部商品）                   2,549.96 CNY  2,737.46 CNY

各商品不含税金额（CNY）
S-9                 ██████████████████████████████████████████████  2,000.00 CNY
A-1                 ██████████▍                                       449.96 CNY
（非目录商品的行）  ██▎                                               100.00 CNY

各月不含税金额（CNY）
2026-01  ███████████▏                                                 399.97 CNY
2026-02  █████████████████████████████████████████████████████████  2,050.00 CNY
2026-03  ██▊                                                           99.99 CNY

已售商品（USD）
---------------
编码  商品              月份     数量  不含税金额    价税合计
----  ----------------  -------  ----  ----------  ----------
U-1   Gadget            2026-02    10  200.00 USD  200.00 USD
----  ----------------  -------  ----  ----------  ----------
      合计（全部商品）                 200.00 USD  200.00 USD

各商品不含税金额（USD）
U-1  ███████████████████████████████████████████████████████████████  200.00 USD

各月不含税金额（USD）
2026-01                                                                 0.00 USD
2026-02  ███████████████████████████████████████████████████████████  200.00 USD
2026-03                                                                 0.00 USD
EOF
)"
# ---- the product picker's search: code or name prefix, ASCII case ignored
same search-code "$(t product list --search a- --format csv)" "$(cat <<'EOF'
id,code,name,spec,unit,price,currency,tax_rate
1,A-1,Widget,10 mm,pc,99.99,CNY,13
EOF
)"
same search-name "$(t product list --search 服务 --format csv)" "$(cat <<'EOF'
id,code,name,spec,unit,price,currency,tax_rate
2,S-9,服务费,,,1000,CNY,6
EOF
)"
same search-case "$(t product list --search "  g" --format csv)" "$(cat <<'EOF'
id,code,name,spec,unit,price,currency,tax_rate
3,U-1,Gadget,,,20,USD,0
EOF
)"
same search-none "$(t product list --search x)" "$(cat <<'EOF'
no products
EOF
)"

# report --list and the screen's picker read the same list
out=$(t report --list)
has list-sales "sales       confirmed orders and revenue by salesperson and month" "$out"
has list-products "products    quantity and revenue by product and month" "$out"

# ---- bad input: one line, exit 1 (a bad value) or 2 (usage), nothing changed
before=$(dump)
expect unknown-owner 1 "tcrm report: owner 'zed': not found" -- t report sales --owner zed
expect unknown-owner-products 1 "tcrm report: owner 'zed': not found" -- t report products --owner zed --format csv
expect unknown-period 1 "tcrm report: period 'someday': unknown (known: this-week, last-week, this-month, last-month, this-quarter, this-year)" -- t report products --period someday
expect bad-date 1 "tcrm report: --from: '2026-13-01' is not a date: there is no month 13" -- t report sales --from 2026-13-01
expect inverted-period 1 "tcrm report: period: from 2026-03-01 is after to 2026-02-01" -- t report products --from 2026-03-01 --to 2026-02-01
expect too-narrow 1 "tcrm report: width 71: below the narrowest layout of report 'products' (72 columns)" -- t report products --width 71
expect too-narrow-sales 1 "tcrm report: width 63: below the narrowest layout of report 'sales' (64 columns)" -- t report sales --width 63
expect unknown-tag 1 "tcrm report: tag 'nosuch': not found" -- t report sales --tag nosuch
expect bad-format 1 "tcrm report: --format: 'xml' is not text or csv" -- t report sales --format xml
expect period-and-from 2 "tcrm report: --period and --from/--to do not go together" -- t report sales --period this-year --from 2026-01-01
expect unknown-report 2 "tcrm report: report 'sale': unknown (known: agenda, activity, pipeline, forecast, won-lost, sales, products, gone-quiet, segments, imports, receivables, payments, service, campaigns)" -- t report sale
expect search-no-text 2 "tcrm product list: option '--search' needs a value" -- t product list --search
same bad-input-unchanged "$(dump)" "$before"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
