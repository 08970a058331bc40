#!/bin/bash
# tests/cli/documents.sh: printable sales documents and orders (issue 12,
# second part): quote print from its template (built-in, Chinese, the
# user's own) compared with golden files in tests/data/documents, the
# lines as CSV, orders from quotes and their approval, delivery notes,
# and bad-input tables (one line, the status, the database unchanged).
#
#   documents.sh /path/to/tcrm
#   TCRM_UPDATE_GOLDEN=1 documents.sh ...   rewrites the golden files
set -u
TCRM=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d /tmp/tcrm-cli-documents.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
export TCRM_DATA_DIR=$SRC/data
unset NO_COLOR LANGUAGE LANG
. "$SRC/tests/cli/lib.sh"
DB=$W/docs.db
GOLD=$SRC/tests/data/documents
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }

# golden NAME FILE: FILE is exactly tests/data/documents/NAME
golden() {
    if [ "${TCRM_UPDATE_GOLDEN:-}" = 1 ]; then cp "$2" "$GOLD/$1"; ok; return; fi
    if cmp -s "$2" "$GOLD/$1"; then ok
    else bad "golden $1: $(diff "$GOLD/$1" "$2" | head -20)"; fi
}
# fits NAME FILE: no line wider than 80 columns (display width)
fits() {
    local w
    w=$(python3 -c 'import sys,unicodedata
m=0
for l in open(sys.argv[1],encoding="utf-8"):
    m=max(m,sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")))
print(m)' "$2")
    if [ "$w" -le 80 ]; then ok; else bad "$1: a line of $w columns"; fi
}

cat > latin.conf <<'CONF'
[database]
busy_timeout = 300
[company]
name = Lotus Trading GmbH
address = Hauptstraße 1, 10115 Berlin
phone = +49 30 1234567
email = sales@lotus.example
tax_id = DE123456789
CONF
cat > cjk.conf <<'CONF'
[database]
busy_timeout = 300
[company]
name = 莲花贸易有限公司
address = 上海市浦东新区世纪大道100号
phone = 021-5888 8888
tax_id = 91310000MA1FL0000X
bank = 中国工商银行上海分行 1001 2345 6789 0123 456
CONF
tl() { "$TCRM" --config "$W/latin.conf" --db "$DB" "$@"; }
tc() { "$TCRM" --config "$W/cjk.conf" --db "$DB" "$@"; }

t init >/dev/null
t company add "Acme Ltd" >/dev/null
t company add "华为技术有限公司" >/dev/null
t contact add "Anna Silva" --company "Acme Ltd" >/dev/null
t product add A-1 Widget --spec '10 mm' --unit pc --price 99.99 --currency EUR --tax 19 >/dev/null
t product add C-1 服务器机柜 --spec '42U 标准' --unit 台 --price 4,580 --currency CNY --tax 13 >/dev/null
t product add C-2 技术服务费 --unit 项 --price 1,000 --currency CNY --tax 6 >/dev/null

# ---- quote print ------------------------------------------------------------
# Latin: EUR, no capitals; a long text line wraps inside its column
t quote add --company Acme --currency EUR --valid 2026-12-31 >/dev/null
t quote line 1 --product A-1 --qty 3 >/dev/null
t quote line 1 --text "Installation and commissioning on site, including travel and two days of training for the operators" --qty 1 --price 1,200 --discount 12.5 --tax 19 >/dev/null
t quote line 1 --text "Freight" --qty 0.5 --price 119 --gross --tax 19 >/dev/null
tl quote print 1 > q-latin.txt
golden quote-latin.txt q-latin.txt
fits quote-latin-fits q-latin.txt
# CJK: CNY, the amount in capitals, CJK names aligned by display width
t quote add --company 华为技术有限公司 --currency CNY >/dev/null
t quote line 2 --product C-1 --qty 2 >/dev/null
t quote line 2 --product C-2 --qty 1 --discount 5 >/dev/null
t quote line 2 --text "上门安装调试，含差旅费用及两天的操作人员培训，培训地点由客户指定" --qty 1 --price 3,000 --tax 6 >/dev/null
tc quote print Q2026-0002 -o q-cjk.txt
golden quote-cjk.txt q-cjk.txt
fits quote-cjk-fits q-cjk.txt
# the Chinese interface takes the Chinese template
LC_ALL=zh_CN.UTF-8 tc quote print 2 > q-zh.txt
golden quote-zh.txt q-zh.txt
fits quote-zh-fits q-zh.txt
# the lines as CSV
t quote print 2 --format csv > q-cjk.csv
golden quote-cjk.csv q-cjk.csv
# the user's own template wins; widths, {{, an empty line left out
mkdir -p "$XDG_CONFIG_HOME/tcrm/templates"
printf '%s\n' '{{{number}}} for {customer:12}|' '{gross:>12} {currency}' \
    'Deal: {deal}' '{lines}' '大写: {gross_capitals}' > "$XDG_CONFIG_HOME/tcrm/templates/quote.txt"
same user-template "$(t quote print 1 | head -2)" "{Q2026-0001} for Acme Ltd    |
    1,665.96 EUR"
same user-template-cjk "$(t quote print 2 | head -2)" "{Q2026-0002} for 华为技术有限公司|
   14,537.80 CNY"
has user-template-capitals "大写: 壹万肆仟伍佰叁拾柒元捌角" "$(t quote print 2)"

rm -f "$XDG_CONFIG_HOME/tcrm/templates/quote.txt"

# ---- orders ---------------------------------------------------------------
printf '[database]\nbusy_timeout = 300\n[sales]\nmax_discount = 10\n' > orders.conf
to() { "$TCRM" --config "$W/orders.conf" --db "$DB" "$@"; }
t quote send 2 >/dev/null
t quote accept 2 >/dev/null
same order-from-quote "$(to order from-quote Q2026-0002)" "added order 1: O2026-0001 (CNY, open)"
has order-lines-copied "gross         14,537.80 CNY" "$(t order show 1)"
same order-line-over "$(to order line 1 --text 运费 --qty 1 --price 200 --discount 12.5 --tax 9)" \
"line 4: 1 x 运费 at 200.00 (218.00 with tax), less 12.5%, tax 9%: 175.00 + 15.75 = 190.75 CNY
O2026-0001: net 13,285.00, tax 1,443.55, gross 14,728.55 CNY
order O2026-0001 waits for a manager's approval (a discount of 12.5%): tcrm order approve 1"
# the quote's lines carry 5% at most; a limit of 3% makes the copy wait
printf '[sales]\nmax_discount = 3\n' > strict.conf
t quote copy 2 >/dev/null
t quote send 3 >/dev/null && t quote accept 3 >/dev/null
same order-waits-from-quote "$("$TCRM" --config "$W/strict.conf" --db "$DB" order from-quote 3)" \
"added order 2: O2026-0002 (CNY, open)
order O2026-0002 waits for a manager's approval (a discount of 5%): tcrm order approve 2"
# USER=ann made the database: its admin approves (as "clerk", the
# [user] name of fast.conf)
same order-approve "$(t order approve O2026-0001)" "order O2026-0001 is approved"
same order-confirm "$(t order confirm 1)" "order O2026-0001 is confirmed"
has order-show-approved "approval      approved by clerk, 2026-11-20 10:00" "$(t order show 1)"
same order-add "$(t order add --company 'Acme Ltd' --currency EUR)" "added order 3: O2026-0003 (EUR, open)"
t order line 3 --product A-1 --qty 2 >/dev/null
same order-cancel "$(t order cancel 3)" "order O2026-0003 is cancelled"
same order-list "$(t order list --format csv)" 'id,number,customer,state,approval,quote,currency,net,tax,gross,to_ship,owner
3,O2026-0003,Acme Ltd,cancelled,none,,EUR,199.98,38,237.98,2,
2,O2026-0002,华为技术有限公司,open,waiting,Q2026-0003,CNY,13110,1427.8,14537.8,4,
1,O2026-0001,华为技术有限公司,confirmed,approved,Q2026-0002,CNY,13285,1443.55,14728.55,5,'
tc order print 1 > o-cjk.txt
golden order-cjk.txt o-cjk.txt
fits order-cjk-fits o-cjk.txt
t order print O2026-0003 --format csv > o-latin.csv
golden order-latin.csv o-latin.csv

# ---- delivery notes ---------------------------------------------------------
same delivery-part "$(t delivery add O2026-0001 --line 1=1 --line 3=0.5)" \
    "added delivery note 1: D2026-0001 (order O2026-0001, 2 lines)"
same delivery-pending "$(t delivery list --pending --format csv)" 'order,customer,line,code,description,unit,ordered,shipped,left
O2026-0001,华为技术有限公司,1,C-1,服务器机柜 42U 标准,台,2,1,1
O2026-0001,华为技术有限公司,2,C-2,技术服务费,项,1,0,1
O2026-0001,华为技术有限公司,3,,上门安装调试，含差旅费用及两天的操作人员培训，培训地点由客户指定,,1,0.5,0.5
O2026-0001,华为技术有限公司,4,,运费,,1,0,1'
same delivery-rest "$(t delivery add 1)" "added delivery note 2: D2026-0002 (order O2026-0001, 4 lines)"
same delivery-none-pending "$(t delivery list --pending)" "nothing left to ship"
tc delivery print D2026-0001 > d-cjk.txt
golden delivery-cjk.txt d-cjk.txt
fits delivery-cjk-fits d-cjk.txt
LC_ALL=zh_CN.UTF-8 tc delivery print 2 > d-zh.txt
golden delivery-zh.txt d-zh.txt
t delivery print 2 --format csv > d.csv
golden delivery.csv d.csv
same delivery-list "$(t delivery list --format csv)" 'id,number,order,customer,lines,created_at,created_by
2,D2026-0002,O2026-0001,华为技术有限公司,4,2026-11-20 10:00:00,clerk
1,D2026-0001,O2026-0001,华为技术有限公司,2,2026-11-20 10:00:00,clerk'
# trashing a note gives its quantities back
same delivery-delete "$(t delivery delete 2)" "moved delivery note D2026-0002 to the trash; tcrm restore delivery/2 brings it back"
same delivery-back "$(t delivery list --pending --format csv | cut -d, -f3,9 | tr '\n' ' ')" "line,left 1,1 2,1 3,0.5 4,1 "
same delivery-restore "$(t restore delivery/2)" "restored delivery/2"

# ---- bad input: one line, the status, nothing changed ---------------------
# run_bad: read "STATUS|ARGS|STDERR" lines from stdin
run_bad() {
    while IFS='|' read -r want_rc args want_err; do
        before=$(dump)
        eval "set -- $args"
        t "$@" >"$W/out" 2>"$W/err"
        rc=$?
        first=$(head -n 1 "$W/err")
        if [ "$rc" != "$want_rc" ] || [ "$first" != "$want_err" ] || [ -s "$W/out" ]; then
            bad "bad input: $args: status $rc (want $want_rc), stderr '$(cat "$W/err")', want '$want_err'"
        elif [ "$want_rc" = 1 ] && [ "$(wc -l < "$W/err")" != 1 ]; then
            bad "bad input: $args: more than one line: $(cat "$W/err")"
        elif [ "$before" != "$(dump)" ]; then
            bad "bad input: $args: the database changed"
        else
            ok
        fi
    done
}
UT=$XDG_CONFIG_HOME/tcrm/templates/quote.txt
run_bad <<END
1|quote print 9|tcrm: quote 9: not found
1|quote print Q2099-0001|tcrm: quote 'Q2099-0001': not found
2|quote print|tcrm quote print: missing ID
2|quote print 1 2|tcrm quote print: unexpected argument '2'
1|quote print 1 --format pdf|tcrm quote print: --format: 'pdf' is not text or csv
2|quote print 1 -o|tcrm quote print: option '-o' needs a value
1|quote print 1 -o $W/no/such/dir/q.txt|tcrm: $W/no/such/dir/q.txt: No such file or directory
END
printf 'Dear {custmer}\n' > "$UT"
echo "1|quote print 1|tcrm: $UT:1: unknown placeholder {custmer}" | run_bad
printf 'x\nTotal {lines}\n' > "$UT"
echo "1|quote print 1|tcrm: $UT:2: {lines} must stand alone on its line" | run_bad
printf 'x\ny\n{number\n' > "$UT"
echo "1|quote print 1|tcrm: $UT:3: '{' not closed (write {{ for a brace)" | run_bad
printf '{gross:>90}\n' > "$UT"
echo "1|quote print 1|tcrm: $UT:1: {gross}: the width must be from 1 to 80" | run_bad
printf '\xff\xfe{number}\n' > "$UT"
echo "1|quote print 1|tcrm: $UT: not UTF-8 text" | run_bad
rm -f "$UT"
run_bad <<'END'
1|order from-quote 1|tcrm: quote Q2026-0001 is draft: only an accepted quote becomes an order
1|order from-quote 2|tcrm: quote Q2026-0002 is already ordered: order O2026-0001
1|order from-quote 99|tcrm: quote 99: not found
1|order confirm 2|tcrm: order O2026-0002 waits for a manager's approval (a discount of 5%): tcrm order approve 2
1|order confirm 1|tcrm: order O2026-0001 is already confirmed
1|order approve 1|tcrm: order O2026-0001 is already confirmed
1|order approve 3|tcrm: order O2026-0003 is already cancelled
1|order line 1 --text x --qty 1 --price 1|tcrm: order O2026-0001 is confirmed: it cannot be changed
1|order line 2 --text x --qty -1 --price 1|tcrm: --qty: must not be negative
1|order line 2 --text x --qty 1 --price -1|tcrm: --price: must not be negative
1|order line 2 --product NOPE --qty 1|tcrm: product 'NOPE': not found
1|order line 2 --product A-1 --qty 1|tcrm: currency: product A-1 is priced in EUR, order O2026-0002 is in CNY (give --price)
1|order line 2 --text x --qty 1 --price 1 --discount 101|tcrm: --discount: '101' is over 100
1|order show 9|tcrm: order 9: not found
1|order show O2099-0001|tcrm: order 'O2099-0001': not found
1|order cancel 3|tcrm: order O2026-0003 is already cancelled
1|order add --company Nobody|tcrm: company 'Nobody': not found (add it with: tcrm company add NAME)
1|order add --contact 1 --currency EURO|tcrm: currency: 'EURO' is not a 3-letter code
2|order add|tcrm order add: give --company or --contact
2|order line 2 --qty 1|tcrm order line: give --product or --text
1|order list --state done|tcrm order list: --state: 'done' is not one of open, confirmed, cancelled
2|order approve|tcrm order approve: missing OID
1|delivery add 1|tcrm: order O2026-0001 has nothing left to ship
1|delivery add 1 --line 1=1|tcrm: line 1 of order O2026-0001: 1 to ship, 0 left
1|delivery add 2|tcrm: order O2026-0002 is open: only a confirmed order is shipped
1|delivery add 3 --line 1=1|tcrm: order O2026-0003 is cancelled: only a confirmed order is shipped
1|delivery add 9|tcrm: order 9: not found
1|delivery add 1 --line 1=-1|tcrm: --line: must not be negative
1|delivery add 1 --line 1=0|tcrm: --line: the quantity must be more than 0
1|delivery add 1 --line 1=1.0001|tcrm: --line: '1.0001' has more than 3 decimals
1|delivery add 1 --line x=1|tcrm delivery add: --line: 'x=1' is not N=QTY (a line number of the order, a quantity)
1|delivery add 1 --line 0=1|tcrm delivery add: --line: '0=1' is not N=QTY (a line number of the order, a quantity)
2|delivery add --line 1=1|tcrm delivery add: missing OID
1|delivery print 9|tcrm: delivery note 9: not found
1|delivery print D2099-0001|tcrm: delivery note 'D2099-0001': not found
1|delivery list --format pdf|tcrm delivery list: --format: 'pdf' is not one of table, csv, tsv
END
# over-shipping a confirmed order with something left
t order add --company 'Acme Ltd' --currency EUR >/dev/null
t order line 4 --text Box --qty 5 --price 1 >/dev/null
t order confirm 4 >/dev/null
t delivery add 4 --line 1=2 >/dev/null
run_bad <<'END'
1|delivery add 4 --line 1=4|tcrm: line 1 of order O2026-0004: 4 to ship, 3 left
1|delivery add 4 --line 1=1 --line 1=1|tcrm: line 1 is given twice
1|delivery add 4 --line 2=1|tcrm: order O2026-0004 has no line 2
1|order cancel 4|tcrm: order O2026-0004 has delivery notes: it cannot be cancelled
END
same delivery-left "$(t delivery list --pending --format csv | tail -1)" "O2026-0004,Acme Ltd,1,,Box,,5,2,3"

# ---- deal won --order ---------------------------------------------------------
t deal add 机柜项目 --company 华为技术有限公司 --amount 20000 >/dev/null
t deal add "Acme renewal" --company "Acme Ltd" --amount 500 >/dev/null
t quote add --company 华为技术有限公司 --currency CNY --deal 1 >/dev/null
t quote line 4 --product C-1 --qty 1 >/dev/null
t quote send 4 >/dev/null
echo "1|deal won 1 --order|tcrm: deal 1 has no accepted quote without an order (accept one first: tcrm quote accept QID)" | run_bad
echo "1|deal won 2 --order|tcrm: deal 2 has no accepted quote without an order (accept one first: tcrm quote accept QID)" | run_bad
t quote accept 4 >/dev/null
same deal-won-order "$(t deal won 1 --order)" "deal 1 won: 机柜项目 (20,000.00 EUR)
added order 5: O2026-0005 (CNY, open)"
has deal-order-show "deal          机柜项目" "$(t order show 5)"
same deal-won-plain "$(t deal won 2)" "deal 2 won: Acme renewal (500.00 EUR)"
TCRM_DATA_DIR=$W/nowhere
echo "1|quote print 1|tcrm: template quote.txt: not found (in $XDG_CONFIG_HOME/tcrm/templates, $(strings "$TCRM" | grep -m1 '/share/tcrm$')/templates)" | TCRM_DATA_DIR=$W/nowhere run_bad

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
