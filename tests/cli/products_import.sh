#!/bin/bash
# tests/cli/products_import.sh: `tcrm import --products FILE` (issue 12):
# English and Chinese headers (UTF-8 and GB18030), rejected rows with
# their exact messages and the reject file, duplicates by code and by
# name and spec skipped or updated, the dry run (database unchanged),
# `import list` (its KIND column) and `import undo` (added products
# removed, updated ones given their old values back), a file whose every
# row is rejected (as for contacts: each row reported, exit 0, a batch),
# and a bad-input table that asserts the one-line error, the exit status
# and an unchanged `sqlite3 .dump`.
#
#   products_import.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-pimport.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR
. "$(dirname "$0")/lib.sh"
DB=$W/pimport.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }
list() { t product list --format csv 2>&1; }

t init >/dev/null
t product add OLD-1 "Old thing" --price 1 --currency CNY >/dev/null

# ---- English headers: adds, rejects with messages, duplicates skipped ----
cat > en.csv <<'CSV'
Code,Name,Spec,Unit,Price,Currency,Tax
A-1,Widget,10 mm,pc,"1,250.50",CNY,13
A-2,Bolt,,box,3,,9%
A-3,Nut,,pc,-1,CNY,13
A-4,Screw,,pc,1,CNY,120
A-1,Other,,pc,1,CNY,0
,No code,,pc,1,CNY,0
A-5,Widget,10 MM,pc,2,CNY,0
A-6,Washer,,pc,abc,CNY,0
A-7,Pin,,pc,1,EU,0
A-8,Clip,,pc,1,CNY
CSV
before=$(dump)
out=$(t import --products en.csv --dry-run 2>&1)
same "dry run" "$out" "columns:
  Code                         -> code
  Name                         -> name
  Spec                         -> spec
  Unit                         -> unit
  Price                        -> price
  Currency                     -> currency
  Tax                          -> tax
dry run, nothing stored: en.csv: 10 rows: 2 added, 0 updated, 2 skipped as duplicates, 6 rejected
en.csv:4: price: must not be negative
en.csv:5: tax: '120' is over 100
en.csv:7: code: required
en.csv:9: price: 'abc' is not a number
en.csv:10: currency: 'EU' is not a 3-letter code
en.csv:11: 6 fields, the header has 7"
same "dry run: dump unchanged" "$before" "$(dump)"

out=$(t import --products en.csv --reject rej.csv 2>&1)
same "import en" "$out" "en.csv: 10 rows: 2 added, 0 updated, 2 skipped as duplicates, 6 rejected
en.csv:4: price: must not be negative
en.csv:5: tax: '120' is over 100
en.csv:7: code: required
en.csv:9: price: 'abc' is not a number
en.csv:10: currency: 'EU' is not a 3-letter code
en.csv:11: 6 fields, the header has 7
import 1 (undo with: tcrm import undo 1)"
same "reject file" "$(head -n 3 rej.csv | tr -d '\r')" "Code,Name,Spec,Unit,Price,Currency,Tax,import error
A-3,Nut,,pc,-1,CNY,13,price: must not be negative
A-4,Screw,,pc,1,CNY,120,tax: '120' is over 100"
same "products after en" "$(list)" "id,code,name,spec,unit,price,currency,tax_rate
2,A-1,Widget,10 mm,pc,1250.5,CNY,13
3,A-2,Bolt,,box,3,EUR,9
1,OLD-1,Old thing,,,1,CNY,0"

# ---- Chinese headers, GB18030, --on-duplicate update ----------------------
printf '商品编码,商品名称,规格型号,单位,单价,税率,备注\nA-1,Widget,10 mm,件,1300,13,改价\nB-1,螺丝,M3,个,0.50,13,\nB-2,螺母,M3,个,0.30,6,\n' \
    | iconv -f UTF-8 -t GB18030 > zh.csv
out=$(t import --products zh.csv --on-duplicate update 2>&1)
same "import zh" "$out" "encoding: GB18030 (not UTF-8: read as GB18030, guessed)
zh.csv: 3 rows: 2 added, 1 updated, 0 skipped as duplicates, 0 rejected
import 2 (undo with: tcrm import undo 2)"
same "products after zh" "$(list)" "id,code,name,spec,unit,price,currency,tax_rate
2,A-1,Widget,10 mm,件,1300,CNY,13
3,A-2,Bolt,,box,3,EUR,9
4,B-1,螺丝,M3,个,0.5,EUR,13
5,B-2,螺母,M3,个,0.3,EUR,6
1,OLD-1,Old thing,,,1,CNY,0"

# The same again: nothing changes, so every row counts as skipped.
out=$(t import --products zh.csv --on-duplicate update 2>&1 | sed -n 2p)
same "update unchanged" "$out" "zh.csv: 3 rows: 0 added, 0 updated, 3 skipped as duplicates, 0 rejected"

same "import list head" "$(t import list 2>&1 | head -n 1)" "BATCH  KIND      FILE    STARTED              WHO    ADDED  MERGED  SKIPPED  REJECTED  UNDONE"
out=$(t import list 2>&1 | tail -n +2 | awk '{print $1, $2, $3, $7, $8, $9, $10}')
same "import list" "$out" "3 products zh.csv 0 0 3 0
2 products zh.csv 2 1 0 0
1 products en.csv 2 0 2 6"

# ---- undo: added products removed, updated ones as they were -------------
same "undo 2" "$(t import undo 2 2>&1)" "import 2 undone: 2 products removed, 1 restored as they were"
same "products after undo 2" "$(list)" "id,code,name,spec,unit,price,currency,tax_rate
2,A-1,Widget,10 mm,pc,1250.5,CNY,13
3,A-2,Bolt,,box,3,EUR,9
1,OLD-1,Old thing,,,1,CNY,0"
same "undo 2 again" "$(t import undo 2 2>&1)" "tcrm: import 2 was already undone at 2026-11-20 10:00:00"

# 编码 名称 规格 单位 价格, a duplicate by name and spec updated, --map
t import --products zh.csv >/dev/null 2>&1
printf '编码,名称,规格,单位,价格,税\nC-9,螺丝,m3,盒,0.55,13\n' > zh2.csv
out=$(t import --products zh2.csv --map '税=tax' --on-duplicate update 2>&1)
same "import zh2" "$out" "zh2.csv: 1 row: 0 added, 1 updated, 0 skipped as duplicates, 0 rejected
import 5 (undo with: tcrm import undo 5)"
same "B-1 is C-9 now" "$(list | grep 螺丝)" "6,C-9,螺丝,m3,盒,0.55,EUR,13"
same "undo 5" "$(t import undo 5 2>&1)" "import 5 undone: 0 products removed, 1 restored as they were"
same "B-1 again" "$(list | grep 螺丝)" "6,B-1,螺丝,M3,个,0.5,EUR,13"
# B-1 was changed (by import 5 and its undo) since import 4 added it
same "undo 4 refused" "$(t import undo 4 2>&1)" "tcrm: import 4: product 6 (B-1) was changed since the import; nothing undone"
t product edit B-2 --price 0.35 >/dev/null
same "undo 4 refused" "$(t import undo 4 2>&1)" "tcrm: import 4: product 7 (B-2) was changed since the import; nothing undone"

# ---- bad input: one line, status, the database unchanged -----------------
printf 'name,price\nX,1\n' > nocode.csv
printf 'code,name,price\nN-1,Neg,-5\n' > neg.csv
printf 'code,name,price,tax\nT-1,Tax,5,100.5\n' > tax.csv
printf 'code,name,price\nA-1,Dup,5\n' > dup.csv
printf 'code,name,price\n' > head.csv
bad_inputs() {
    cat <<'END'
1|import --products nocode.csv|tcrm: nocode.csv: no column gives the product code: map one with --map 'COLUMN=code'; nothing imported
1|import --products head.csv|tcrm: head.csv: no rows after the header; nothing imported
1|import --products nocode.csv --map 'name=cost'|tcrm: --map: 'name=cost': unknown field 'cost'; nothing imported
1|import --products missing.csv|tcrm: missing.csv: No such file or directory; nothing imported
1|import --products dup.csv --on-duplicate maybe|tcrm import: --on-duplicate: 'maybe' is not skip or update
1|import --products dup.csv --on-duplicate merge|tcrm import: --on-duplicate: products take skip or update
1|import en.csv --on-duplicate update|tcrm import: --on-duplicate: 'update' is for --products; contacts take skip, merge or new
2|import --products dup.csv --tag x|tcrm import: --products does not take --tag
2|import --products|tcrm import: missing FILE
END
}
bad_input_table < <(bad_inputs)

# ---- every row rejected: as a contacts file, no error ----------------------
# Each row reported with file:line, exit 0, nothing added, the batch
# listed as a products import with its counts; undone like any other.
# `import list` tells it from a contacts file whose rows were all rejected.
printf 'code,name,price\nN-2,Neg,-5\n,No code,1\n' > allbad.csv
printf 'name,email\n,x@\n' > allbad_contacts.csv
before=$(list)
out=$(t import --products neg.csv 2>&1); rc=$?
same "all rejected: status" "$rc" 0
same "all rejected" "$out" "neg.csv: 1 row: 0 added, 0 updated, 0 skipped as duplicates, 1 rejected
neg.csv:2: price: must not be negative
import 6 (undo with: tcrm import undo 6)"
out=$(t import --products allbad.csv --dry-run 2>&1); rc=$?
same "all rejected, dry run: status" "$rc" 0
same "all rejected, dry run" "$(echo "$out" | tail -n 3)" "dry run, nothing stored: allbad.csv: 2 rows: 0 added, 0 updated, 0 skipped as duplicates, 2 rejected
allbad.csv:2: price: must not be negative
allbad.csv:3: code: required"
out=$(t import --products tax.csv --reject tax_rej.csv 2>&1); rc=$?
same "all rejected, tax: status" "$rc" 0
same "all rejected, reject file" "$(tr -d '\r' < tax_rej.csv)" "code,name,price,tax,import error
T-1,Tax,5,100.5,tax: '100.5' is over 100"
t import allbad_contacts.csv >/dev/null 2>&1
same "all rejected: products unchanged" "$(list)" "$before"
out=$(t import list 2>&1 | sed -n 2,4p | awk '{print $1, $2, $3, $7, $8, $9, $10}')
same "all rejected: import list" "$out" "8 contacts allbad_contacts.csv 0 0 0 1
7 products tax.csv 0 0 0 1
6 products neg.csv 0 0 0 1"
same "all rejected: undo" "$(t import undo 6 2>&1)" "import 6 undone: 0 products removed, 0 restored as they were"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
