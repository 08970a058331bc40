#!/bin/bash
# tests/cli/attachments.sh: files kept with a record (issue 14): byte for
# byte round trips (binary with NUL bytes, an empty file, exactly 20 MB),
# the SHA-256 shown and the one of sha256sum, the list, save refusing to
# overwrite unless -o names the file, detach (gone for good, in the audit
# trail), attachments hidden with their record in the trash and back on
# restore, [attachments] max_mb, and a bad-input table (one line, exit
# status, sqlite3 .dump unchanged): one byte over the limit, a directory,
# a FIFO, a missing or (not as root) unreadable file, an unknown kind, a
# missing record; several FILEs go in all or none.
#
#   attachments.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-attach.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-12-07 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
. "$(dirname "$0")/lib.sh"
DB=$W/attach.db
SQLITE=$(command -v sqlite3)
ME=$(id -un)
dump() { "$SQLITE" "$DB" .dump 2>&1; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

t init >/dev/null
t contact add "Anna Silva" >/dev/null
t company add "Acme Ltd" >/dev/null
t deal add "Big order" --company "Acme Ltd" --amount 100 >/dev/null
printf 'PK\0\0\1\2\0\377binary\0tail' > nul.bin
: > empty.txt
head -c 20971520 /dev/urandom > exact.bin
head -c 20971521 /dev/zero > over.bin
printf '%%PDF-1.4\n' > offer.pdf

# ---- round trips -------------------------------------------------------------
out=$(t attach contact 1 nul.bin empty.txt exact.bin)
same attach-three "$out" "attached 1: nul.bin (application/octet-stream, 19 B) to contact 1
  sha256 $(sha nul.bin)
attached 2: empty.txt (text/plain, 0 B) to contact 1
  sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
attached 3: exact.bin (application/octet-stream, 20.0 MB) to contact 1
  sha256 $(sha exact.bin)"
out=$(t attach deal 1 offer.pdf)
same attach-pdf "$out" "attached 4: offer.pdf (application/pdf, 9 B) to deal 1
  sha256 $(sha offer.pdf)"
out=$(t attachments contact 1)
same list "$out" "ID  NAME       TYPE                         SIZE  ADDED             BY
1   nul.bin    application/octet-stream     19 B  2026-12-07 10:00  $ME
2   empty.txt  text/plain                    0 B  2026-12-07 10:00  $ME
3   exact.bin  application/octet-stream  20.0 MB  2026-12-07 10:00  $ME"
out=$(t attachments contact 1 --format csv)
same list-csv "$out" "id,name,type,size,sha256,added,by
1,nul.bin,application/octet-stream,19,$(sha nul.bin),2026-12-07 10:00:00,$ME
2,empty.txt,text/plain,0,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,2026-12-07 10:00:00,$ME
3,exact.bin,application/octet-stream,20971520,$(sha exact.bin),2026-12-07 10:00:00,$ME"
same list-empty "$(t attachments company 1)" "no attachments"
same stored-sha "$("$SQLITE" "$DB" "SELECT sha256 FROM attachments WHERE id = 3")" "$(sha exact.bin)"

mkdir saved && cd saved || exit 1
for id in 1 2 3; do
    t attachment save $id >/dev/null || bad "save $id"
done
cmp -s nul.bin ../nul.bin && ok || bad "nul.bin differs"
cmp -s empty.txt ../empty.txt && [ ! -s empty.txt ] && ok || bad "empty.txt differs"
cmp -s exact.bin ../exact.bin && ok || bad "exact.bin differs"
# an existing file is kept unless -o names it
echo keep > offer.pdf
before=$(dump)
t attachment save 4 >/dev/null 2>"$W/err"; rc=$?
same save-refuses "$rc $(cat "$W/err")" "1 tcrm: offer.pdf: exists; give it with -o to replace it"
same save-kept "$(cat offer.pdf)" "keep"
same save-dump "$(dump)" "$before"
same save-o "$(t attachment save 4 -o offer.pdf)" "saved attachment 4 to offer.pdf (9 B)"
cmp -s offer.pdf ../offer.pdf && ok || bad "offer.pdf not replaced"
same save-o-new "$(t attachment save 1 -o copy.bin)" "saved attachment 1 to copy.bin (19 B)"
cmp -s copy.bin ../nul.bin && ok || bad "copy.bin differs"
same no-temp "$(ls | grep -c tcrm-)" "0"
cd "$W" || exit 1

# ---- bad input: one line, exit status, nothing changed ------------------------------
mkfifo pipe
printf 'x' > locked.bin
chmod 000 locked.bin
bad_input_table <<EOF2
1|attach contact 1 over.bin|tcrm: over.bin: 20971521 bytes is over the limit of 20 MB
1|attach contact 1 nul.bin over.bin|tcrm: over.bin: 20971521 bytes is over the limit of 20 MB
1|attach contact 1 nul.bin $W|tcrm: $W: is a directory
1|attach contact 1 pipe|tcrm: pipe: is a pipe (FIFO), not a file
1|attach contact 1 missing.bin|tcrm: missing.bin: No such file or directory
1|attach widget 1 nul.bin|tcrm: 'widget': attachments go on contact, company, deal, ticket, quote
1|attach contact 9 nul.bin|tcrm: contact 9: not found
1|attach contact x nul.bin|tcrm attach: 'x' is not a record id (a number such as 42)
2|attach contact 1|tcrm attach: missing a kind, an ID and a FILE
1|attachments deal 7|tcrm: deal 7: not found
1|detach 99|tcrm: attachment 99: not found
1|attachment save 99|tcrm: attachment 99: not found
2|attachment save|tcrm attachment save: missing AID
EOF2
if [ "$(id -u)" != 0 ]; then
    bad_input_table <<EOF2
1|attach contact 1 locked.bin|tcrm: locked.bin: Permission denied
EOF2
fi

# ---- the limit from the config ----------------------------------------------------
printf '[attachments]\nmax_mb = 1\n' >> fast.conf
head -c 1048577 /dev/zero > mb.bin
before=$(dump)
t attach contact 1 mb.bin >/dev/null 2>"$W/err"; rc=$?
same limit-1mb "$rc $(cat "$W/err")" "1 tcrm: mb.bin: 1048577 bytes is over the limit of 1 MB"
same limit-dump "$(dump)" "$before"
head -c 1048576 /dev/zero > mb.bin
t attach company 1 mb.bin >/dev/null && ok || bad "1 MB exactly refused"

# ---- the trash hides them, detach deletes them -------------------------------------------
t contact delete 1 >/dev/null
expect trashed 1 "tcrm: contact 1: not found" -- t attachments contact 1
t restore contact/1 >/dev/null
same restored "$(t attachments contact 1 --format csv | wc -l)" "4"
same detach "$(t detach 2)" "detached 2: empty.txt from contact 1"
same detached "$(t attachments contact 1 --format csv | cut -d, -f1 | tr '\n' ' ')" "id 1 3 "
same audit "$("$SQLITE" "$DB" "SELECT action || ' ' || details FROM audit_log WHERE entity = 'attachment' AND entity_id = 2 ORDER BY id")" \
"add contact/1 empty.txt 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
delete contact/1 empty.txt 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
expect detach-again 1 "tcrm: attachment 2: not found" -- t detach 2

t check >/dev/null && ok || bad "check"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
