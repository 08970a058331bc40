#!/bin/bash
# tests/cli/formats.sh: vCard in and out, follow-ups as iCalendar, through
# the built binary.
#
#   formats.sh /path/to/tcrm
#
# vCard import of the hand-written fixtures in tests/data/vcard (2.1 from
# an Android phone, 3.0 from iCloud, 4.0 from Google) with every import
# option that applies (dry run, --format, --tag, --on-duplicate, --reject,
# --encoding, undo); the bad-input table (exact message, exit status, and
# nothing stored: the export and the import list are the same before and
# after); vCard export (--version, --search, --tag, -o) read by real
# parsers (Python's vobject, abook, khard) and read back by tcrm field for
# field (the demo data, and contacts full of CJK, emoji, commas,
# semicolons and newlines); follow-ups as iCalendar (export --format ics
# with --all, --owner, --deals; due --ics; [calendar] timed_as and
# alarm_minutes) read by Python's icalendar and imported by calcurse.
# Ends "N passed, N failed".
set -u
TCRM=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
W=$(mktemp -d /tmp/tcrm-cli-formats.XXXXXX)
trap 'rm -rf "$W"' EXIT
. "$SRC/tests/cli/lib.sh"
export TCRM_NOW="2026-11-20 09:30:00" TZ=Europe/Berlin LC_ALL=C.UTF-8
hasnt() { # hasnt NAME PATTERN TEXT
    if printf '%s' "$3" | grep -qF -- "$2"; then bad "$1: '$2' in: $3"
    else ok; fi
}
snapshot() { t export contacts --raw; t import list; }
for tool in "$PY" calcurse abook khard; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/setup.sh installs it)"; exit 1; }
done

V=$SRC/tests/data/vcard
cp "$V"/*.vcf .

# ---- import: the fixtures ---------------------------------------------
DB=$W/a.db
t init >/dev/null
out=$(t import android-21.vcf --dry-run)
has dry-format "format: vCard, encoding: UTF-8" "$out"
has dry-card "  王芳 | 华为技术有限公司 | mobile +86 139 0000 0002 | work 010-5555 0102 | fax 010-5555 0103 | email wang.fang@example.cn" "$out"
has dry-gbk "  李娜 | Tencent | mobile 13700000003" "$out"
has dry-summary "dry run, nothing stored: android-21.vcf: 3 cards: 3 added, 0 merged, 0 skipped as duplicates, 0 rejected" "$out"
has dry-binary "binary properties skipped (photos, logos, sounds, keys): 1" "$out"
same dry-stores-nothing "$(rows)" 0
out=$(t import android-21.vcf --tag 名片 --tag phone)
has import-21 "android-21.vcf: 3 cards: 3 added, 0 merged, 0 skipped as duplicates, 0 rejected" "$out"
has import-21-batch "import 1 (undo with: tcrm import undo 1)" "$out"
same import-21-tags "$(t export contacts --tag 名片 --fields name,tags | tail -n +2 | tr -d '\r' | head -1)" "王芳,\"phone, 名片\""
show=$(t contact show 2)
has show-gbk-department "销售部" "$show"
has show-birthday "04-12" "$show"
out=$(t import icloud-30.vcf --reject rej.vcf)
has import-30 "icloud-30.vcf: 3 cards: 1 added, 0 merged, 1 skipped as duplicates, 1 rejected" "$out"
has import-30-reject "icloud-30.vcf:25: e-mail 'not-an-address': not a valid address" "$out"
same reject-card "$(tr -d '\r' < rej.vcf | head -3 | tr '\n' '|')" "BEGIN:VCARD|X-TCRM-IMPORT-ERROR:e-mail 'not-an-address': not a valid address|VERSION:3.0|"
same reject-has-the-card "$(tr -d '\r' < rej.vcf | tail -2 | tr '\n' '|')" "EMAIL:not-an-address|END:VCARD|"
sed -i 's/EMAIL:not-an-address/EMAIL:jose@alvarez.example.es/' rej.vcf
out=$(t import rej.vcf)
has reject-fixed "rej.vcf: 1 card: 1 added, 0 merged, 0 skipped as duplicates, 0 rejected" "$out"
hasnt reject-error-not-in-notes "IMPORT-ERROR" "$(t export contacts --raw --fields name,notes)"
out=$(t import icloud-30.vcf --on-duplicate merge)
# both Anna Silva cards match the stored one
has merge "3 cards: 0 added, 2 merged, 0 skipped as duplicates, 1 rejected" "$out"
has merged-phone "+351 21 999 0000" "$(t contact show 4 | grep '^  home')"
out=$(t import google-40.vcf --format vcard)
has import-40 "google-40.vcf: 1 card: 1 added" "$out"
n=$(rows)
out=$(t import google-40.vcf --on-duplicate new)
has dup-new "1 card: 1 added, 0 merged, 0 skipped" "$out"
same dup-new-rows "$(rows)" $((n + 1))
out=$(t import undo 6)
has undo "import 6 undone: 1 contact removed" "$out"
same undo-rows "$(rows)" "$n"
has list "android-21.vcf" "$(t import list)"
# a .txt file that is vCard is found by its content; a CSV named .vcf is CSV
cp google-40.vcf card.txt
has sniff "card.txt: 1 card: 0 added, 0 merged, 1 skipped" "$(t import card.txt)"
printf 'Name,Email\r\nPat Lee,pat@example.com\r\n' > csv.vcf
has csv-named-vcf "csv.vcf: 1 row: 1 added" "$(t import csv.vcf)"
# GBK without CHARSET: refused, then read with --encoding
printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\xd5\xc5\xc8\xfd\r\nEND:VCARD\r\n' > gbk.vcf
expect gbk-refused 1 "tcrm: gbk.vcf:3: FN: not valid UTF-8 (name its charset with --encoding, e.g. GB18030, or use --encoding auto); nothing imported" -- t import gbk.vcf
has gbk-encoding "1 card: 1 added" "$(t import gbk.vcf --encoding GB18030 --dry-run)"
has gbk-auto "张三" "$(t import gbk.vcf --encoding auto --dry-run)"

# ---- bad input: one line each, nothing stored --------------------------
before=$(snapshot)
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n' > open.vcf
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:9.9\r\nFN:Bob\r\nEND:VCARD\r\n' > version.vcf
printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=E7=8E=G\r\nEND:VCARD\r\n' > qp.vcf
printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=EBCDIC-XX:Ann\r\nEND:VCARD\r\n' > charset.vcf
printf 'Name,Email\r\nAnn,ann@example.com\r\n' > notvcard.txt
printf 'BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\nthis line is not in a card\r\n' > outside.vcf
$PY -c "
import sys
sys.stdout.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nNOTE:' + 'x' * (1024 * 1024 + 1) + '\r\nEND:VCARD\r\n')" > long.vcf
printf 'BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n' > ok.vcf
expect bad-unterminated 1 "tcrm: open.vcf:1: BEGIN:VCARD without END:VCARD; nothing imported" -- t import open.vcf
expect bad-version 1 "tcrm: version.vcf:6: VERSION '9.9' is not 2.1, 3.0 or 4.0; nothing imported" -- t import version.vcf
expect bad-qp 1 "tcrm: qp.vcf:7: N: broken quoted-printable; nothing imported" -- t import qp.vcf
expect bad-charset 1 "tcrm: charset.vcf:3: FN: unknown charset 'EBCDIC-XX'; nothing imported" -- t import charset.vcf
expect bad-not-vcard 1 "tcrm: notvcard.txt:1: not a vCard file (no BEGIN:VCARD); nothing imported" -- t import notvcard.txt --format vcard
expect bad-outside 1 "tcrm: outside.vcf:4: text outside a card; nothing imported" -- t import outside.vcf
expect bad-long 1 "tcrm: long.vcf:4: line longer than 1 MB; nothing imported" -- t import long.vcf
expect bad-missing 1 "tcrm: nothere.vcf: No such file or directory; nothing imported" -- t import nothere.vcf --format vcard
expect bad-map 1 "tcrm: ok.vcf: a vCard file has no columns to map (--map, --profile, --delimiter, --drop-unmapped are for CSV); nothing imported" -- t import ok.vcf --map 'FN=name'
expect bad-delimiter 1 "tcrm: ok.vcf: a vCard file has no columns to map (--map, --profile, --delimiter, --drop-unmapped are for CSV); nothing imported" -- t import ok.vcf --delimiter ';'
expect bad-save-profile 1 "tcrm: --save-profile: ok.vcf is vCard, which has no columns to map" -- t import ok.vcf --save-profile x
expect bad-format 1 "tcrm import: --format: 'xml' is not csv or vcard" -- t import ok.vcf --format xml
same bad-stores-nothing "$(snapshot)" "$before"

# ---- vCard export: real parsers, round trips ---------------------------
DB=$W/demo.db
t init --demo >/dev/null
for v in 3.0 4.0; do
    t export contacts --format vcard --version $v -o demo-$v.vcf 2>err.txt
    same "export-$v-count" "$(cat err.txt)" "exported 40 cards to demo-$v.vcf"
    out=$($PY - demo-$v.vcf <<'EOF' 2>&1
import sys, vobject
n = 0
for card in vobject.readComponents(open(sys.argv[1], newline='').read(), validate=True):
    card.fn.value
    n += 1
print(n)
EOF
)
    same "vobject-$v" "$out" 40
    long=$(tr -d '\r' < demo-$v.vcf | awk 'length($0) > 75' | wc -l)
    same "folded-$v" "$long" 0
    # the same contacts back from an empty database
    DB=$W/back-$v.db
    t init >/dev/null
    has "back-$v" "demo-$v.vcf: 40 cards: 40 added" "$(t import demo-$v.vcf --on-duplicate new)"
    same "back-$v-csv" "$(t export contacts --raw 2>&1)" "$(DB=$W/demo.db t export contacts --raw 2>&1)"
    same "back-$v-rows" "$(rows)" 40
    t export contacts --format vcard --version $v > again-$v.vcf
    if cmp -s again-$v.vcf demo-$v.vcf; then ok; else bad "back-$v-same-bytes"; fi
    DB=$W/demo.db
done
out=$(t export contacts --format vcard --search 华为)
same export-search "$(printf '%s' "$out" | grep -c '^BEGIN:VCARD')" 4
same export-tag "$(t export contacts --format vcard --tag vip | grep -c '^BEGIN:VCARD')" \
     "$(t export contacts --tag vip --fields name | tail -n +2 | wc -l | tr -d ' ')"
has export-stdout-crlf "VERSION:3.0"$'\r' "$(t export contacts --format vcard --search 张伟)"
# abook reads every card, with its phone
abook --convert --informat vcard --infile demo-3.0.vcf --outformat abook --outfile ab.txt
same abook-cards "$(grep -c '^name=' ab.txt)" 40
has abook-mobile "mobile=+86 138 0013 8001" "$(cat ab.txt)"
# khard reads an address book of one file per card
mkdir -p kh/book
$PY - demo-3.0.vcf kh/book <<'EOF'
import sys
s = open(sys.argv[1], newline='').read()
for i, c in enumerate(s.split('BEGIN:VCARD\r\n')[1:]):
    open('%s/%03d.vcf' % (sys.argv[2], i), 'w', newline='').write('BEGIN:VCARD\r\n' + c)
EOF
printf '[addressbooks]\n[[book]]\npath = %s/kh/book\n[general]\neditor = /bin/true\nmerge_editor = /bin/true\n' "$W" > kh/khard.conf
out=$(khard -c kh/khard.conf list --parsable 2>&1)
same khard-cards "$(printf '%s\n' "$out" | grep -c '	book$')" 40
hasnt khard-no-complaint "will not be available" "$out"
has khard-name "Zoë Müller" "$out"

same demo-csv-columns "$(DB=$W/demo.db t export contacts --raw | head -1 | tr -d '\r')" \
     "name,company,title,department,address,city,birthday,source,notes,tags,mobile,phone,email"
# contacts full of CJK, emoji, commas, semicolons and newlines
DB=$W/odd.db
t init >/dev/null
t contact add "欧阳娜娜 🎉" --company "Müller & Söhne; GmbH, Co" --department "研发部, 第二组" \
    --title "工程师;主管" --mobile "+86 138 0000 0001" --work "010-5555 0101" --fax "010-5555 0103" \
    --home "010-5555 0102" --email nana@example.cn --web "https://example.cn/a,b;c" --im "wechat: nana_88" \
    --address $'Rua Augusta 100;\n2º andar, Lisboa' --city "北京, 海淀" --birthday 02-29 \
    --source "展会; 2026" --tag "客户, 重要" --tag "vip;gold" \
    --note $'第一行\n第二行, with ; and \\ and "quotes" 😀\nX-QQ: 12345' >/dev/null
t contact add "Zoë O'Brien, Jr." --email zoe@example.ie --birthday 1985-04-12 \
    --note "$(printf 'long %.0s' $(seq 1 60))" >/dev/null
for v in 3.0 4.0; do
    t export contacts --format vcard --version $v > odd-$v.vcf
    same "odd-vobject-$v" "$($PY -c "
import sys, vobject
print(sum(1 for c in vobject.readComponents(open('odd-$v.vcf', newline='').read(), validate=True)))")" 2
    DB=$W/odd-back-$v.db
    t init >/dev/null
    t import odd-$v.vcf >/dev/null
    same "odd-back-$v" "$(t export contacts --raw 2>&1)" "$(DB=$W/odd.db t export contacts --raw 2>&1)"
    DB=$W/odd.db
done
same odd-csv-columns "$(t export contacts --raw | head -1 | tr -d '\r')" \
     "name,company,title,department,address,city,birthday,source,notes,tags,mobile,phone,home,fax,email,web,im"
same odd-csv-rows "$(t export contacts --raw | grep -c 'nana@example.cn')" 1

# ---- export options: bad usage ----------------------------------------
expect bad-version-value 1 "tcrm export: --version: '2.1' is not 3.0 or 4.0" -- t export contacts --format vcard --version 2.1
expect bad-version-csv 2 "tcrm export: --version: only with --format vcard" -- t export contacts --version 4.0
expect bad-vcard-companies 2 "tcrm export: --format vcard: only for contacts" -- t export companies --format vcard
expect bad-vcard-fields 2 "tcrm export: --fields, --encoding, --bom and --raw are for CSV" -- t export contacts --format vcard --fields name
expect bad-ics-contacts 2 "tcrm export: --format ics: only for follow-ups" -- t export contacts --format ics
expect bad-all-csv 2 "tcrm export: --all, --owner and --deals: only with --format ics" -- t export follow-ups --all
expect bad-export-format 1 "tcrm export: --format: 'json' is not csv, vcard or ics" -- t export contacts --format json
expect bad-export-path 1 "tcrm: nodir/x.vcf: No such file or directory" -- t export contacts --format vcard -o nodir/x.vcf

# ---- follow-ups as iCalendar -----------------------------------------
DB=$W/demo.db
t follow-up add 1 --due "2026-11-25 16:00" --every 14 "Fortnightly, call; check \\ stock" >/dev/null
t follow-up done 3 >/dev/null
t export follow-ups --format ics -o fu.ics 2>err.txt
n_open=$(t export follow-ups --fields status | grep -c '^open')
same ics-count "$(cat err.txt)" "exported $n_open calendar items to fu.ics"
check_ics() { # check_ics FILE: "VTODO n VEVENT m" as Python's icalendar reads it
    $PY - "$1" <<'EOF' 2>&1
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
kinds = {'VTODO': 0, 'VEVENT': 0}
uids = set()
for c in cal.walk():
    if c.name in kinds:
        kinds[c.name] += 1
        uids.add(str(c['UID']))
        (c.get('DUE') or c.get('DTSTART')).dt
        str(c['SUMMARY']); str(c['STATUS']); c['DTSTAMP'].dt
assert len(uids) == kinds['VTODO'] + kinds['VEVENT'], 'UIDs not unique'
tz = [str(c['TZID']) for c in cal.walk() if c.name == 'VTIMEZONE']
print('VTODO %d VEVENT %d TZ %s' % (kinds['VTODO'], kinds['VEVENT'], ','.join(tz)))
EOF
}
same ics-icalendar "$(check_ics fu.ics)" "VTODO $n_open VEVENT 0 TZ Europe/Berlin"
ics=$(tr -d '\r' < fu.ics | sed -e ':a' -e '$!N;s/\n //;ta' -e 'P;D')
has ics-due-time "DUE;TZID=Europe/Berlin:20261125T160000" "$ics"
has ics-rrule "RRULE:FREQ=WEEKLY;INTERVAL=2" "$ics"
has ics-summary 'SUMMARY:Fortnightly\, call\; check \\ stock' "$ics"
has ics-description 'DESCRIPTION:Contact: 张伟\nCompany: 华为技术有限公司\nPhone: +86 138 0013 8001' "$ics"
has ics-alarm "TRIGGER:-PT15M" "$ics"
has ics-date "DUE;VALUE=DATE:" "$ics"
hasnt ics-no-done "Chase the signed order" "$ics"
# the same follow-up keeps its UID
t export follow-ups --format ics -o fu2.ics 2>/dev/null
same ics-stable-uids "$(grep '^UID' fu.ics)" "$(grep '^UID' fu2.ics)"
# calcurse imports every item without a complaint
out=$(calcurse -D "$W/cc" -i fu.ics 2>&1)
has calcurse-import "0 apps / 0 events / $n_open todos / 0 skipped" "$out"
# --all: done ones too, COMPLETED
t export follow-ups --format ics --all -o all.ics 2>/dev/null
n_all=$(t export follow-ups --fields status | tail -n +2 | wc -l | tr -d ' ')
same ics-all "$(check_ics all.ics)" "VTODO $n_all VEVENT 0 TZ Europe/Berlin"
has ics-completed "STATUS:COMPLETED" "$(cat all.ics)"
# --owner: only that owner's (demo follow-ups belong to the user who made them)
owner=$(t export follow-ups --fields owner | sed -n 2p | tr -d '\r')
same ics-owner "$(t export follow-ups --format ics --owner "$owner" | grep -c '^BEGIN:VTODO')" \
     "$(t export follow-ups --fields status,owner | tr -d '\r' | grep -c "^open,$owner\$")"
same ics-owner-none "$(t export follow-ups --format ics --owner nobody-at-all | grep -c '^BEGIN:VTODO')" 0
# --deals: open deals' expected close dates as all-day events
t export follow-ups --format ics --deals -o deals.ics 2>/dev/null
n_deals=$(t export deals --fields status,expected_close | grep -c '^open,20')
same ics-deals "$(check_ics deals.ics)" "VTODO $n_open VEVENT $n_deals TZ Europe/Berlin"
has ics-deal-allday "DTSTART;VALUE=DATE:" "$(grep -A12 'tcrm-deal-' deals.ics)"
out=$(calcurse -D "$W/cc2" -i deals.ics 2>&1)
has calcurse-deals "0 apps / $n_deals events / $n_open todos / 0 skipped" "$out"
# [calendar] timed_as = event, alarm_minutes = 0
printf '[calendar]\ntimed_as = event\nalarm_minutes = 0\n' > cal.conf
"$TCRM" --config cal.conf --db "$DB" export follow-ups --format ics -o ev.ics 2>/dev/null
n_timed=$(t export follow-ups --fields status,due_time | grep -c '^open,[0-9]')
same ics-events "$(check_ics ev.ics)" "VTODO $((n_open - n_timed)) VEVENT $n_timed TZ Europe/Berlin"
hasnt ics-no-alarm "VALARM" "$(cat ev.ics)"
out=$(calcurse -D "$W/cc3" -i ev.ics 2>&1)
has calcurse-events "$n_timed apps / 0 events / $((n_open - n_timed)) todos / 0 skipped" "$out"
printf '[calendar]\ntimed_as = meeting\n' > badcal.conf
expect bad-timed-as 1 "tcrm: badcal.conf:2: [calendar] timed_as: 'meeting' is not todo or event" -- "$TCRM" --config badcal.conf --db "$DB" due --ics
# due --ics: overdue, today and the next 7 days
n_due=$(t export follow-ups --fields status,due_date | tr -d '\r' | awk -F, '$1 == "open" && $2 <= "2026-11-27"' | wc -l | tr -d ' ')
t due --ics > due.ics
same due-ics "$(check_ics due.ics)" "VTODO $n_due VEVENT 0 TZ Europe/Berlin"
same due-ics-days "$(t due --ics --days 0 | grep -c '^BEGIN:VTODO')" \
     "$(t export follow-ups --fields status,due_date | tr -d '\r' | awk -F, '$1 == "open" && $2 <= "2026-11-20"' | wc -l | tr -d ' ')"
# UTC: times in UTC, no VTIMEZONE
same due-ics-utc "$(TZ=UTC t due --ics | grep -c 'VTIMEZONE')" 0

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
