#!/bin/bash
# tests/cli/wide.sh: tables fit the terminal, --wide cuts nothing (issue 10).
# On a pseudo-terminal (script(1)) the tables of contact list, search,
# company list, deal list, follow-up list and due fit $COLUMNS by cutting
# the widest text columns first and the phone column last; with --wide,
# or into a pipe, every cell is whole.
#
#   wide.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-wide.XXXXXX)
trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC TCRM_NOW="2026-11-20 10:00:00"
DB=$W/t.db
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }

PHONE="+86 138 0000 0000"
t init >/dev/null
t company add "Shenzhen Longwinded Industrial Holdings Group Ltd" \
    --industry "Electronic components and assorted hardware" \
    --city "Shenzhen, Guangdong Province" >/dev/null
t contact add "Maximiliane Theodora Featherstonehaugh-Worthington" \
    --company "Shenzhen Longwinded Industrial Holdings Group Ltd" \
    --title "Senior Vice President of International Procurement" \
    --phone "$PHONE" --email "maximiliane.featherstonehaugh@longwinded.example" \
    >/dev/null
t contact add "张伟" --company "华为技术有限公司深圳总部研发中心" \
    --title "高级工程师" --phone "+86 139 1111 2222" >/dev/null
t follow-up add 1 "Send the revised quotation for the annual framework agreement" \
    --due 2026-11-20 >/dev/null
t follow-up add 1 "Call about the delayed shipment of the second batch of parts" \
    --due 2026-11-18 >/dev/null
t deal add "Annual framework agreement for electronic components" \
    --company "Shenzhen Longwinded Industrial Holdings Group Ltd" --contact 1 \
    --amount 1234567.89 >/dev/null

# on_tty COLS ARGS...: tcrm ARGS on a pseudo-terminal COLS wide
on_tty() {
    local cols=$1; shift
    COLUMNS=$cols script -qec "$(printf '%q ' "$TCRM" --config "$W/fast.conf" \
        --db "$DB" "$@")" /dev/null | tr -d '\r'
}
widest() { printf '%s\n' "$1" | wc -L | tr -d ' '; }

for cols in 60 80 100; do
    for cmd in "contact list" "search Shenzhen" "company list" "deal list" \
               "follow-up list" "due"; do
        # shellcheck disable=SC2086
        out=$(on_tty $cols $cmd)
        w=$(widest "$out")
        # the deals' numbers (amount, probability) are never cut, and
        # with the text at its narrowest they need more than 60 columns
        if [ "$w" -le "$cols" ] ||
           { [ "$cmd $cols" = "deal list 60" ] && [ "$w" -le 72 ]; }; then ok
        else bad "$cmd at $cols: a line is $w wide"; printf '%s\n' "$out"; fi
        # shellcheck disable=SC2086
        out=$(on_tty $cols $cmd --wide)
        if [ "$(widest "$out")" -gt "$cols" ]; then ok
        else bad "$cmd --wide at $cols: cut to the terminal"; fi
        # shellcheck disable=SC2086
        same "$cmd --wide at $cols: as into a pipe" "$out" "$(t $cmd)"
    done
    # the phone column shrinks last: whole at 80 and 100 columns
    if [ "$cols" -ge 80 ]; then
        has "contact list at $cols: the phone" "$PHONE" \
            "$(on_tty $cols contact list)"
        has "contact list at $cols: a Chinese phone" "+86 139 1111 2222" \
            "$(on_tty $cols contact list)"
        has "search at $cols: the phone" "$PHONE" \
            "$(on_tty $cols search Shenzhen)"
        has "due at $cols: the phone" "$PHONE" "$(on_tty $cols due)"
    fi
done
# into a pipe nothing is cut, whatever COLUMNS says
out=$(COLUMNS=40 t contact list)
has "pipe: the e-mail whole" "maximiliane.featherstonehaugh@longwinded.example" \
    "$out"
# a COLUMNS that is not a number: the terminal's own width (80 here)
w=$(widest "$(on_tty x contact list)")
if [ "$w" -le 80 ]; then ok; else bad "COLUMNS=x: a line is $w wide"; fi
# numbers are never cut
has "deal list at 60: the amount whole" "1,234,567.89" \
    "$(on_tty 60 deal list)"
# the help says so
has "contact list --help" "[--wide]" "$(t contact list --help)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
