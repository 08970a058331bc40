#!/bin/bash
# tests/cli/sales.sh: products and quotes through the built binary (issue
# 12): the catalogue and its duplicates, quotes with their numbers, lines,
# totals (the rounding rule of tcrm/money.h), the price suggested from
# what the customer last paid, states and copies, the trash, and a
# bad-input table that asserts the one-line error, the exit status and
# that the database is unchanged (sqlite3 .dump before and after).
#
#   sales.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-sales.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR
. "$(dirname "$0")/lib.sh"
DB=$W/sales.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }

t init >/dev/null
t company add "Acme Ltd" >/dev/null
t company add "华为技术有限公司" >/dev/null
t contact add "Anna Silva" --company "Acme Ltd" >/dev/null

# ---- products --------------------------------------------------------------
same product-add "$(t product add A-1 Widget --spec '10 mm' --unit pc --price 99.99 --currency cny --tax 13)" \
    "added product 1: A-1 Widget (99.99 CNY / pc, tax 13%)"
same product-add-2 "$(t product add S-9 服务费 --price 1,000 --currency CNY --tax 6)" \
    "added product 2: S-9 服务费 (1,000.00 CNY, tax 6%)"
t product add B-7 Bolt --price 0.5 --currency CNY --tax 13 >/dev/null
same product-list "$(t product list --format csv)" 'id,code,name,spec,unit,price,currency,tax_rate
1,A-1,Widget,10 mm,pc,99.99,CNY,13
3,B-7,Bolt,,,0.5,CNY,13
2,S-9,服务费,,,1000,CNY,6'
has product-show "with tax      112.99 CNY" "$(t product show a-1)"
same product-edit "$(t product edit B-7 --price 0.55 --tax 9)" "saved product 3"
same product-edit-none "$(t product edit B-7 --price 0.55)" "no change to product 3"
same product-edit-check "$(t product list --format csv | grep B-7)" "3,B-7,Bolt,,,0.55,CNY,9"

# ---- quotes ----------------------------------------------------------------
same quote-add "$(t quote add --company Acme --currency CNY --valid 2026-12-31)" \
    "added quote 1: Q2026-0001 (CNY, draft)"
same line-catalogue "$(t quote line 1 --product A-1 --qty 3)" \
"price 99.99 CNY: the catalogue's, before tax
line 1: 3 x Widget 10 mm at 99.99 (112.99 with tax), tax 13%: 299.97 + 39.00 = 338.97 CNY
Q2026-0001: net 299.97, tax 39.00, gross 338.97 CNY"
same line-gross "$(t quote line Q2026-0001 --text Delivery --qty 1 --price 109 --gross --tax 9)" \
"line 2: 1 x Delivery at 100.00 (109.00 with tax), tax 9%: 100.00 + 9.00 = 109.00 CNY
Q2026-0001: net 399.97, tax 48.00, gross 447.97 CNY"
same line-third "$(t quote line 1 --text Setup --qty 0.333 --price 100 --discount 10 --tax 6)" \
"line 3: 0.333 x Setup at 100.00 (106.00 with tax), less 10%, tax 6%: 29.97 + 1.80 = 31.77 CNY
Q2026-0001: net 429.94, tax 49.80, gross 479.74 CNY"
out=$(t quote show 1)
has show-head "Q2026-0001  (quote 1, draft)" "$out"
has show-gross "gross         479.74 CNY" "$out"
has show-line "0.333" "$out"
same send "$(t quote send 1)" "quote Q2026-0001 is sent"
same accept "$(t quote accept Q2026-0001)" "quote Q2026-0001 is accepted"
# the last price this customer paid is suggested
t quote add --company Acme --currency CNY >/dev/null
same last-paid "$(t quote line 2 --product A-1 --qty 1 | head -1)" \
    "price 99.99 CNY: what Acme Ltd last paid (quote Q2026-0001, accepted 2026-11-20)"
# another customer gets the catalogue price
t quote add --company 华为技术有限公司 --currency CNY >/dev/null
same other-customer "$(t quote line 3 --product A-1 --qty 1 | head -1)" \
    "price 99.99 CNY: the catalogue's, before tax"
same copy "$(t quote copy 1)" "copied quote 1 to 4: Q2026-0004 (draft)"
has copy-lines "gross         479.74 CNY" "$(t quote show 4)"
same list "$(t quote list --format csv)" 'id,number,customer,state,valid_until,currency,net,tax,gross,owner
4,Q2026-0004,Acme Ltd,draft,,CNY,429.94,49.8,479.74,
3,Q2026-0003,华为技术有限公司,draft,,CNY,99.99,13,112.99,
2,Q2026-0002,Acme Ltd,draft,,CNY,99.99,13,112.99,
1,Q2026-0001,Acme Ltd,accepted,2026-12-31,CNY,429.94,49.8,479.74,'
# expired by --valid; numbers never reused after a delete
t quote add --contact 1 --currency CNY --valid 2026-11-19 >/dev/null
same expired "$(t quote list --state expired --format csv | tail -n +2 | cut -d, -f2,4)" "Q2026-0005,expired"
same delete "$(t quote delete 5)" "moved quote Q2026-0005 to the trash; tcrm restore quote/5 brings it back"
same next-number "$(t quote add --contact 1 --currency CNY)" "added quote 6: Q2026-0006 (CNY, draft)"
same restore "$(t restore quote/5)" "restored quote/5"
same product-trash "$(t product delete S-9 && t trash --format csv | cut -d, -f1 | tail -n +2 | sort | tr '\n' ' ')" \
    "moved product 2 (S-9 服务费) to the trash; tcrm restore product/2 brings it back
product/2 "
# a pattern from tcrm.conf
printf '[sales]\nquote_number = OF-%%m/%%n\n' > sales.conf
same pattern "$("$TCRM" --config "$W/sales.conf" --db "$DB" quote add --contact 1 --currency CNY)" \
    "added quote 7: OF-11/1 (CNY, draft)"
# a draft's header changes (quote edit): contact, validity, customer
t contact add "Li Wei" --company 华为技术有限公司 >/dev/null
same edit-contact "$(t quote edit 2 --contact 1 --valid 2027-01-31)" "saved quote Q2026-0002"
has edit-show "valid until   2027-01-31" "$(t quote show 2)"
has edit-show-contact "contact       Anna Silva" "$(t quote show 2)"
same edit-none "$(t quote edit 2 --valid 2027-01-31)" "no change to quote Q2026-0002"
same edit-customer "$(t quote edit 6 --company 华为技术有限公司 --contact 2 --currency usd)" "saved quote Q2026-0006"
same edit-check "$(t quote list --format csv | grep Q2026-0006 | cut -d, -f3,6)" "华为技术有限公司,USD"
has edit-audit "contact: Anna Silva -> Li Wei" "$(t audit quote/6)"
t quote edit 6 --currency CNY >/dev/null
t quote send 4 >/dev/null
same check "$(t check)" "ok: $DB (schema $("$SQLITE" "$DB" 'PRAGMA user_version'))"

# ---- bad input: one line, the status, nothing changed ---------------------
bad_inputs() {
cat <<'END'
1|product add A-1 Again --price 1|tcrm: product code 'A-1' already exists (product 1, Widget)
1|product add Z-1 widget --spec '10 MM' --price 1|tcrm: product 'widget' (spec '10 MM') already exists: code A-1
1|product add S-9 X --price 1|tcrm: product code 'S-9' is in the trash: tcrm restore product/2
1|product add Z-1 Zed --price -5|tcrm: --price: must not be negative
1|product add Z-1 Zed --price 1.234|tcrm: --price: '1.234' has more than 2 decimals
1|product add Z-1 Zed --price abc|tcrm: --price: 'abc' is not a number
1|product add Z-1 Zed --price 1 --tax 101|tcrm: --tax: '101' is over 100
1|product add Z-1 Zed --price 1 --currency EURO|tcrm: currency: 'EURO' is not a 3-letter code
2|product add Z-1 Zed|tcrm product add: missing --price
2|product add Z-1 --price 1|tcrm product add: missing NAME
1|product edit NOPE --price 1|tcrm: product 'NOPE': not found
1|product edit B-7 --code A-1|tcrm: product code 'A-1' already exists (product 1, Widget)
1|product show NOPE|tcrm: product 'NOPE': not found
1|quote line 1 --text x --qty 1 --price 1|tcrm: quote Q2026-0001 is accepted: it cannot be changed (copy it: tcrm quote copy 1)
1|quote line 2 --product NOPE --qty 1|tcrm: product 'NOPE': not found
1|quote line 2 --product A-1 --qty -1|tcrm: --qty: must not be negative
1|quote line 2 --product A-1 --qty 0|tcrm: --qty: must be more than 0
1|quote line 2 --product A-1 --qty 1.0001|tcrm: --qty: '1.0001' has more than 3 decimals
1|quote line 2 --product A-1 --qty 1 --price -1|tcrm: --price: must not be negative
1|quote line 2 --product A-1 --qty 1 --discount 120|tcrm: --discount: '120' is over 100
1|quote line 2 --product A-1 --qty 1 --tax 100.5|tcrm: --tax: '100.5' is over 100
1|quote line 9 --text x --qty 1 --price 1|tcrm: quote 9: not found
1|quote line Q2099-0001 --text x --qty 1 --price 1|tcrm: quote 'Q2099-0001': not found
1|quote line 5 --text x --qty 1 --price 1|tcrm: quote Q2026-0005 expired on 2026-11-19: it cannot be changed (copy it: tcrm quote copy 5)
2|quote line 2 --qty 1|tcrm quote line: give --product or --text
2|quote line 2 --text x --qty 1|tcrm quote line: missing --price (a line of text has no catalogue price)
2|quote line 2 --product A-1|tcrm quote line: missing --qty
2|quote add --currency CNY|tcrm quote add: give --company or --contact
1|quote add --company Nobody|tcrm: company 'Nobody': not found (add it with: tcrm company add NAME)
1|quote add --contact 99|tcrm: contact 99: not found
1|quote add --contact 1 --currency US|tcrm: currency: 'US' is not a 3-letter code
1|quote accept 2|tcrm: quote Q2026-0002 is a draft: send it first
1|quote send 1|tcrm: quote Q2026-0001 is already accepted
1|quote send 6|tcrm: quote Q2026-0006 has no lines to send
1|quote reject 5|tcrm: quote Q2026-0005 expired on 2026-11-19: copy it (tcrm quote copy 5)
1|quote edit 1 --valid 2027-01-31|tcrm: quote Q2026-0001 is accepted: it cannot be changed (copy it: tcrm quote copy 1)
1|quote edit 4 --valid 2027-01-31|tcrm: quote Q2026-0004 is sent: only a draft's customer, currency and validity can change
1|quote edit 5 --valid 2027-01-31|tcrm: quote Q2026-0005 expired on 2026-11-19: it cannot be changed (copy it: tcrm quote copy 5)
1|quote edit 2 --company Nobody|tcrm: company 'Nobody': not found (add it with: tcrm company add NAME)
1|quote edit 2 --contact 2|tcrm: contact 2 is not a contact of Acme Ltd
1|quote edit 2 --contact 99|tcrm: contact 99: not found
1|quote edit 2 --currency US|tcrm: currency: 'US' is not a 3-letter code
1|quote edit 2 --currency USD|tcrm: currency: quote Q2026-0002 has lines priced in CNY: copy it to a quote in USD instead
1|quote edit 2 --valid 2026-13-01|tcrm quote edit: --valid: '2026-13-01' is not a date: there is no month 13
1|quote edit Q2099-0001 --valid 2027-01-31|tcrm: quote 'Q2099-0001': not found
2|quote edit 2|tcrm quote edit: give what changes: --company, --contact, --deal, --currency or --valid
2|quote edit --valid 2027-01-31|tcrm quote edit: missing QID
1|quote list --state open|tcrm quote list: --state: 'open' is not one of draft, sent, accepted, rejected, expired
END
}

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
done < <(bad_inputs)

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
