#!/bin/bash
# tests/cli/io.sh: `tcrm import` and `tcrm export` through the built binary.
#
#   io.sh /path/to/tcrm
#
# Every import option, import list/undo, every export option, the round
# trip (export -> import into an empty database -> export: same bytes), the
# bad-input table (exact message, and nothing stored changed: the export
# and the import list are the same before and after), a locked database,
# a full disk (file-size limit) and a crash test (SIGKILL mid-import, then
# PRAGMA integrity_check and the same row count). Ends "N passed, N failed".
set -u
TCRM=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d /tmp/tcrm-cli-io.XXXXXX)
trap 'rm -rf "$W"' EXIT
. "$SRC/tests/cli/lib.sh"
snapshot() { t export contacts --raw --fields name,email,mobile,phone,notes,tags; t import list; }

cp "$SRC/data/samples/cards-en.csv" "$SRC/data/samples/cards-zh.csv" .

# ---- import: the samples, dry run, policies ---------------------------
DB=$W/a.db
t init >/dev/null
out=$(t import cards-en.csv --dry-run)
has dry-run-summary "dry run, nothing stored: cards-en.csv: 20 rows: 18 added, 0 merged, 1 skipped as duplicates, 1 rejected" "$out"
has dry-run-preview "Anna Silva | Acme Ltd | CEO" "$out"
has dry-run-columns "Mobile                       -> mobile" "$out"
has dry-run-reject "cards-en.csv:16: e-mail 'not-an-email': not a valid address" "$out"
same dry-run-stores-nothing "$(rows)" 0
out=$(t import cards-en.csv --tag fair --reject rej.csv)
has import-en "cards-en.csv: 20 rows: 18 added, 0 merged, 1 skipped as duplicates, 1 rejected" "$out"
has import-batch "import 1 (undo with: tcrm import undo 1)" "$out"
same reject-file "$(sed -n 2p rej.csv | tr -d '\r')" "bad row without a name,,,not-an-email,,,,,,e-mail 'not-an-email': not a valid address"
has tag-applied "fair" "$(t export contacts --tag fair --fields name,tags)"
same tag-count "$(t export contacts --tag fair --fields name | tail -n +2 | wc -l | tr -d ' ')" 18
out=$(t import cards-en.csv --on-duplicate skip)
has skip-all "20 rows: 0 added, 0 merged, 19 skipped as duplicates, 1 rejected" "$out"
out=$(t import cards-zh.csv --on-duplicate merge)
has merge-zh "cards-zh.csv: 20 rows: 18 added, 1 merged, 0 skipped as duplicates, 1 rejected" "$out"
has zh-reject "cards-zh.csv:14: e-mail 'bad@': not a valid address" "$out"
out=$(t import cards-en.csv --on-duplicate new --dry-run)
has new-policy "20 rows: 19 added, 0 merged, 0 skipped as duplicates, 1 rejected" "$out"
has list "cards-zh.csv" "$(t import list)"

# ---- undo ---------------------------------------------------------------
n=$(rows)
out=$(t import undo 3)
has undo "import 3 undone: 18 contacts removed, 0 restored as they were" "$out"
same undo-count "$(rows)" $((n - 18))
expect undo-again 1 "tcrm: import 3 was already undone at $(t import list | awk '$1==3 {print $(NF-1), $NF}')" -- t import undo 3
expect undo-missing 1 "tcrm: import 42: not found" -- t import undo 42
printf 'name,email,mobile\nZed Edit,zed@x.example,+1 555 0199\n' > one.csv
t import one.csv >/dev/null
zid=$(t export contacts --search Zed --fields id | tail -n 1 | tr -d '\r')
t contact edit "$zid" --title Boss >/dev/null 2>&1
expect undo-after-edit 1 "tcrm: import 4: contact $zid (Zed Edit) was changed since the import; nothing undone" -- t import undo 4

# ---- mapping options ------------------------------------------------------
printf 'Full Name;Org;Cell;Hobby\nMia Wong;Blue Ltd;+1 555 0111;chess\n' > semi.csv
out=$(t import semi.csv --map 'Full Name=name,Org=company,Cell=mobile' --dry-run)
has map-spec "Org                          -> company" "$out"
has delimiter-detected "delimiter: ;" "$out"
has unmapped-notes "Hobby                        -> notes (unmapped)" "$out"
out=$(t import semi.csv --map 'Org=company' --delimiter ';' --drop-unmapped --save-profile mine)
has drop-unmapped "1 row: 1 added" "$out"
same dropped-note "$(t export contacts --search Mia --fields notes | tail -n 1 | tr -d '\r')" ""
has saved-profile "Org = company" "$(cat "$XDG_CONFIG_HOME/tcrm/profiles/mine.ini")"
printf 'Vorname,Nachname,Firma,Handy\nLena,Fischer,Berg AG,+49 151 5550100\n' > de.csv
mkdir -p "$XDG_CONFIG_HOME/tcrm/profiles"
printf 'Vorname = given\nNachname = family\nFirma = company\nHandy = mobile\n' > "$XDG_CONFIG_HOME/tcrm/profiles/de.ini"
out=$(t import de.csv --profile de)
has profile-user "1 row: 1 added" "$out"
has profile-name "Lena Fischer" "$(t export contacts --search Fischer --fields name,company)"
printf 'First Name,Last Name,Company,E-mail Address,Mobile Phone\n伟,王,华为,wang.wei@hw.example,138 0000 0077\n' > outlook.csv
out=$(t import outlook.csv --profile outlook --dry-run)
has profile-builtin-cjk "王伟 | 华为" "$out"
printf 'name,company\n\xd5\xc5\xc8\xfd,\xbb\xaa\xce\xaa\n' > gbk.csv
out=$(t import gbk.csv --encoding GB18030)
has encoding "encoding: GB18030" "$out"
has encoding-stored "张三,华为" "$(t export contacts --search 张三 --fields name,company)"
out=$(t import gbk.csv --encoding auto --dry-run)
has encoding-guess "encoding: GB18030 (not UTF-8: read as GB18030, guessed), delimiter: ," "$out"
printf 'name\tmobile\nTab Person\t+1 555 0123\n' > tab.csv
out=$(t import tab.csv --delimiter tab)
has delimiter-tab "1 row: 1 added" "$out"
expect bad-policy 1 "tcrm import: --on-duplicate: 'maybe' is not skip, merge or new" -- t import one.csv --on-duplicate maybe
expect map-and-profile 2 "tcrm import: --map and --profile exclude each other" -- t import one.csv --map a=name --profile google

# ---- export options and the round trip ---------------------------------------
t export contacts -o all.csv 2>/dev/null
has export-header "name,company,title,department,address,city,birthday,source,notes,tags" "$(head -n 1 all.csv)"
has export-neutralized "\"'+44 7700 900123\"" "$(cat all.csv)"
# in the order the contacts were added (by id), with --tag too
for tag in "" fair; do
    ids=$(t export contacts ${tag:+--tag "$tag"} --fields id | tail -n +2 | tr -d '\r')
    if [ "$(printf '%s\n' "$ids" | wc -l)" -gt 2 ] && printf '%s\n' "$ids" | sort -n -u -c 2>/dev/null
    then ok; else bad "export order${tag:+ --tag $tag}: ids not ascending: $(echo $ids)"; fi
done
has export-raw "+44 7700 900123" "$(t export contacts --raw --search Anna --fields mobile)"
has export-search "Anna Silva" "$(t export contacts --search anna --fields name)"
same export-bom "$(t export contacts --bom --fields name | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf"
has export-gb18030 "$(printf '\xd5\xc5\xc8\xfd')" "$(t export contacts --encoding GB18030 --search 张三 --fields name)"
expect export-fields 1 "tcrm: --fields: unknown field 'boss' (fields: name, industry, phone, email, website, address, city, notes, tags, id, created_at, updated_at)" -- t export companies --fields name,boss
expect export-what 1 "tcrm export: 'people' is not contacts, companies, interactions, follow-ups or deals" -- t export people
for what in companies interactions follow-ups deals; do
    if t export $what -o "$what.csv" 2>/dev/null && [ -s "$what.csv" ]; then ok; else bad "export $what"; fi
done
DB=$W/b.db
t init >/dev/null
t import all.csv >/dev/null
t export contacts -o again.csv 2>/dev/null
if cmp -s all.csv again.csv; then ok; else bad "round trip: all.csv and again.csv differ"; fi
printf 'name,notes,title\r\n"Q ""x"", y","a\nb\r\nc, 😀",=1+1\r\n张伟,"@x\t-y",+z\r\n' > tricky.csv
DB=$W/c.db; t init >/dev/null; t import tricky.csv >/dev/null; t export contacts -o t1.csv 2>/dev/null
DB=$W/d.db; t init >/dev/null; t import t1.csv >/dev/null; t export contacts -o t2.csv 2>/dev/null
if cmp -s t1.csv t2.csv; then ok; else bad "round trip of quotes, newlines, CJK, emoji"; fi

# ---- bad input: exact message, nothing stored changed -------------------------
DB=$W/a.db
before=$(snapshot)
printf 'name,email\nAnn,a@x.example\n"Bob,b@x.example\n' > quote.csv
printf 'name,email\nAnn,a@x.example\nB\0b,b@x.example\n' > nul.csv
printf 'name,email\n' > header.csv
: > empty.csv
awk 'BEGIN { printf "name,notes\nAnn,\""; for (i = 0; i < 10240; i++) printf "%1024s", "x"; print "\"" }' > big.csv
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%sc%d", i ? "," : "", i; print ""; print "v" }' > wide.csv
printf 'Full Name,Org\nAnn,Acme\n' > nomap.csv
printf 'Org,City\nAcme,Rome\n' > noname.csv
mkdir -p adir
expect bad-quote 1 "tcrm: quote.csv:3: quoted field not closed at end of file; nothing imported" -- t import quote.csv
expect bad-nul 1 "tcrm: nul.csv:3: NUL byte (not a text file?); nothing imported" -- t import nul.csv
expect bad-utf8 1 "tcrm: gbk.csv:2: not valid UTF-8 (looks like GB18030): use --encoding GB18030; nothing imported" -- t import gbk.csv --encoding UTF-8
printf 'name\nM\374ller\377\n' > latin1.csv
expect bad-latin1 1 "tcrm: latin1.csv:2: not valid UTF-8 (looks like ISO-8859-1): use --encoding ISO-8859-1; nothing imported" -- t import latin1.csv
expect bad-header-only 1 "tcrm: header.csv: no rows after the header; nothing imported" -- t import header.csv
expect bad-empty 1 "tcrm: empty.csv: empty file; nothing imported" -- t import empty.csv
expect bad-10mb 1 "tcrm: big.csv:2: field longer than 1 MB; nothing imported" -- t import big.csv
w400k=$(head -c 400000 /dev/zero | tr '\0' w)
printf 'name,a,b,c\nWide Row,%s,%s,%s\n' "$w400k" "$w400k" "$w400k" > widerow.csv
printf '[database]\nbusy_timeout = 300\n[import]\nmax_row_mb = 1\nmax_field_mb = 2\n' > caps.conf
expect bad-row-cap 1 "tcrm: widerow.csv:2: row longer than 1 MB; nothing imported" -- "$TCRM" --config caps.conf --db "$DB" import widerow.csv
printf '[import]\nmax_row_mb = 0\n' > badcap.conf
expect bad-row-cap-config 1 "tcrm: badcap.conf:2: [import] max_row_mb: '0' is not a whole number from 1 to 256" -- "$TCRM" --config badcap.conf --db "$DB" import widerow.csv
expect bad-1000-cols 1 "tcrm: wide.csv:1: more than 256 fields in a row; nothing imported" -- t import wide.csv
expect bad-dir 1 "tcrm: adir: is a directory; nothing imported" -- t import adir
expect bad-missing 1 "tcrm: nosuch.csv: No such file or directory; nothing imported" -- t import nosuch.csv
if [ "$(id -u)" != 0 ]; then
    cp one.csv locked.csv; chmod 000 locked.csv
    expect bad-unreadable 1 "tcrm: locked.csv: Permission denied; nothing imported" -- t import locked.csv
fi
expect bad-map-column 1 "tcrm: --map: no column 'Fullname' (columns: Full Name, Org); nothing imported" -- t import nomap.csv --map 'Fullname=name'
expect bad-map-field 1 "tcrm: --map: 'Org=boss': unknown field 'boss'; nothing imported" -- t import nomap.csv --map 'Org=boss'
expect bad-no-name 1 "tcrm: noname.csv: no column gives the name: map one with --map 'COLUMN=name'; nothing imported" -- t import noname.csv
expect bad-profile 1 "tcrm: --profile: no profile 'nope' (built in: google, outlook, english, chinese); nothing imported" -- t import one.csv --profile nope
expect bad-encoding 1 "tcrm: --encoding: unknown encoding 'KLINGON'; nothing imported" -- t import one.csv --encoding KLINGON
same bad-input-changed-nothing "$(snapshot)" "$before"

# locked by another writer: waits busy_timeout, then fails clearly
( echo "BEGIN IMMEDIATE; INSERT INTO tags(name) VALUES ('lock');"; sleep 3; echo "ROLLBACK;" ) | sqlite3 "$DB" &
sleep 0.5
expect bad-locked 1 "tcrm: $DB: database is busy (another tcrm is writing); try again; nothing imported" -- t import one.csv --on-duplicate new
wait
same locked-changed-nothing "$(snapshot)" "$before"

# a disk that fills mid-import (file-size limit)
awk 'BEGIN { print "name,company,email,mobile,notes"; for (i = 1; i <= 20000; i++) printf "Person %d,Company %d,p%d@x.example,+1 555 %07d,\"note, \"\"quoted\"\" %d\"\n", i, i % 300, i, i, i }' > many.csv
got=$( (ulimit -f 2000; "$TCRM" --config "$W/fast.conf" --db "$DB" import many.csv 2>&1 >/dev/null); echo "rc=$?")
has disk-full "nothing imported" "$got"
has disk-full-status "rc=1" "$got"
same disk-full-changed-nothing "$(snapshot)" "$before"

# ---- crash: SIGKILL mid-import ---------------------------------------------------
DB=$W/crash.db
t init >/dev/null
t import cards-en.csv >/dev/null
n=$(rows)
awk 'BEGIN { print "name,email,notes"; for (i = 1; i <= 200000; i++) printf "Crash %d,c%d@x.example,\"n, %d\"\n", i, i, i }' > crash.csv
# Run the binary itself in the background (not the t function: $! would be
# a subshell, and killing that would leave the import running), wait until
# it has written into the WAL, then kill it.
"$TCRM" --config "$W/fast.conf" --db "$DB" import crash.csv >/dev/null 2>&1 &
pid=$!
wal0=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
for _ in $(seq 100); do
    wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
    [ "$wal" -gt $((wal0 + 65536)) ] && break
    sleep 0.05
done
kill -KILL $pid 2>/dev/null && ok || bad "crash: import finished before the kill"
wait $pid 2>/dev/null
kill -0 $pid 2>/dev/null && bad "crash: the import is still running" || ok
same crash-integrity "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
same crash-rows "$(rows)" "$n"
same crash-no-batch "$(t import list | tail -n +2 | wc -l | tr -d ' ')" 1

# ---- an import commits as it goes: others can write, a kill is taken back --
# (schema 5) The rows commit under a 'running' batch when another writer
# waits, at the latest every 3 s (db_hand.c). An idle machine imports
# these 60,000 rows in less than 3 s, so the wait raises a hand the way a
# waiting writer does (one byte onto DB-hand, which the import makes when
# it starts) until the first commit shows. Then another writer (busy
# timeout 300 ms) must get in while the import runs, and a SIGKILL leaves
# committed rows that the next tcrm to open the file takes back.
running() { sqlite3 "$DB" "SELECT coalesce(max(added), 0) FROM import_batches WHERE state = 'running'" 2>/dev/null || echo 0; }
wait_running() {
    for _ in $(seq 400); do
        [ "$(running)" -gt 0 ] && return 0
        [ -e "$DB-hand" ] && printf x >> "$DB-hand"
        sleep 0.05
    done
    return 1
}
DB=$W/office.db
t init >/dev/null
awk 'BEGIN { print "name,email"; for (i = 1; i <= 60000; i++) printf "Busy %d,b%d@x.example\n", i, i }' > busy.csv
"$TCRM" --config "$W/fast.conf" --db "$DB" import busy.csv > busy.out 2>&1 &
pid=$!
if wait_running; then ok; else bad "office: the import never committed a batch"; fi
expect office-writer-gets-in 0 "" -- t contact add "Colleague Meanwhile" --email colleague@x.example
has office-import-list-running "busy.csv" "$(t import list)"
expect office-undo-running 1 "tcrm: import 1 is still running" -- t import undo 1
wait $pid; rc=$?
same office-import-ok "$rc" 0
has office-import-summary "busy.csv: 60000 rows: 60000 added" "$(cat busy.out)"
same office-both-stored "$(rows)" 60001
same office-batch-done "$(sqlite3 "$DB" "SELECT state FROM import_batches")" done
same office-check "$(t check)" "ok: $DB (schema $(sqlite3 "$DB" 'PRAGMA user_version'))"

DB=$W/killed.db
t init >/dev/null
t import cards-en.csv >/dev/null
n=$(rows)
"$TCRM" --config "$W/fast.conf" --db "$DB" import busy.csv >/dev/null 2>&1 &
pid=$!
if wait_running; then ok; else bad "killed: the import never committed a batch"; fi
kill -KILL $pid 2>/dev/null && ok || bad "killed: import finished before the kill"
wait $pid 2>/dev/null
committed=$(sqlite3 "$DB" "SELECT count(*) FROM contacts")
[ "$committed" -gt "$n" ] && ok || bad "killed: no committed rows to take back ($committed)"
same killed-rows-taken-back "$(rows)" "$n"
same killed-no-rows-left "$(sqlite3 "$DB" "SELECT count(*) FROM contacts; SELECT count(*) FROM import_batches; SELECT count(*) FROM import_changes WHERE batch_id > 1")" "$n
1
0"
same killed-search-clean "$(sqlite3 "$DB" "SELECT count(*) FROM contact_search WHERE contact_search MATCH 'Busy'")" 0
same killed-check "$(t check)" "ok: $DB (schema $(sqlite3 "$DB" 'PRAGMA user_version'))"

# a dry run leaves nothing behind, not even its batch row
DB=$W/dry.db
t init >/dev/null
t import busy.csv --dry-run >/dev/null
same dry-run-no-batch "$(sqlite3 "$DB" "SELECT count(*) FROM import_batches; SELECT count(*) FROM contacts; SELECT count(*) FROM companies")" "0
0
0"

# companies export: every company once, in list order, tag filter, over
# more than one page (the walk reads 500 at a time)
DB=$W/companies.db
t init >/dev/null
awk 'BEGIN { print "name,company"; for (i = 1; i <= 1203; i++) printf "P %d,Co %04d\n", i, i }' > cos.csv
t import cos.csv >/dev/null
t company add "Tagged Co" --tag key >/dev/null
t export companies --fields name -o cos-out.csv >/dev/null
same export-companies-rows "$(tail -n +2 cos-out.csv | wc -l | tr -d ' ')" 1204
same export-companies-first "$(sed -n 2p cos-out.csv | tr -d '\r')" "Co 0001"
same export-companies-unique "$(tail -n +2 cos-out.csv | sort -u | wc -l | tr -d ' ')" 1204
same export-companies-tag "$(t export companies --tag key --fields name,tags | tr -d '\r')" "name,tags
Tagged Co,key"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
