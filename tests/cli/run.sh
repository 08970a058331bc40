#!/bin/bash
# tests/cli/run.sh: the tcrm command line, through the built binary.
#
#   run.sh /path/to/tcrm
#
# Every case runs on its own fresh database in its own temporary home
# (HOME and XDG_* point into it, TCRM_NOW fixes the clock at Friday
# 2026-11-20 10:00) and asserts the exit status and the exact output.
# The bad-input table asserts the exact error AND that the database is
# unchanged (sqlite3 .dump before and after). Ends with "N passed,
# N failed" and exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
ROOT=$(mktemp -d /tmp/tcrm-cli.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset TCRM_DB TCRM_CONFIG NO_COLOR
pass=0 fail=0 n=0
SQLITE=$(command -v sqlite3 || true)

# ---- helpers -----------------------------------------------------------

# fresh: a new home with no database yet; sets H, DB.
fresh() {
    n=$((n + 1))
    H=$ROOT/case$n
    mkdir -p "$H"
    export HOME=$H XDG_CONFIG_HOME=$H/config XDG_DATA_HOME=$H/data \
           XDG_CACHE_HOME=$H/cache XDG_STATE_HOME=$H/state
    DB=$H/data/tcrm/tcrm.db
}

# run ARGS...: runs tcrm (10 s at most), sets OUT, ERR, RC.
run() {
    OUT=$(timeout 10 "$TCRM" "$@" 2>"$H/stderr")
    RC=$?
    ERR=$(cat "$H/stderr")
}

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    printf '%s\n' "$@" | sed 's/^/    /'
}

# expect NAME RC STDOUT STDERR: the last run, exactly.
expect() {
    if [[ $RC == "$2" && "$OUT" == "$3" && "$ERR" == "$4" ]]; then
        ok
    else
        bad "$1" "status $RC (want $2)" "--- stdout:" "$OUT" "--- want:" \
            "$3" "--- stderr:" "$ERR" "--- want:" "$4"
    fi
}

# check NAME CONDITION...: a test expression.
check() {
    local name=$1
    shift
    if "$@"; then ok; else bad "$name" "failed: $*"; fi
}

dump() { "$SQLITE" "$1" .dump 2>&1; }

# A database with a company, two contacts, a follow-up, a deal.
seed() {
    "$TCRM" init >/dev/null &&
    "$TCRM" company add "Acme Ltd" --industry Tools >/dev/null &&
    "$TCRM" contact add "Anna Silva" --company "Acme Ltd" \
        --email anna@acme.com --mobile "+86 138 0000 0000" >/dev/null &&
    "$TCRM" contact add "张伟" --company "华为 集团" --title 工程师 >/dev/null &&
    "$TCRM" follow-up add 1 --due tomorrow Send the quote >/dev/null &&
    "$TCRM" deal add Website --company Acme --amount 1200.50 >/dev/null
}

# ---- global options and help -------------------------------------------

fresh
run --version
check "--version" [ "$RC" = 0 ]
check "--version text" bash -c '[[ "$0" =~ ^tcrm\ [0-9]+\.[0-9]+\.[0-9]+$ ]]' "$OUT"
run --help
check "--help status" [ "$RC" = 0 ]
check "--help lists every command" bash -c 'for c in init contact company log follow-up due deal search trash restore; do grep -q "^  $c " <<<"$0" || exit 1; done' "$OUT"
run contact add --help
check "contact add --help" [ "$RC" = 0 ]
check "contact add --help usage" bash -c '[[ "$0" == "usage: tcrm contact add NAME"* ]]' "$OUT"
check "--help never creates a database" [ ! -e "$DB" ]
# --help on a subcommand that takes one argument prints the usage and
# stops there (it once went on with no argument: "company 1396...: not found")
for sub in "company show" "contact delete" "user show" "follow-up done"; do
    run $sub --help
    check "$sub --help: status 0, usage only" \
        bash -c '[ "$0" = 0 ] && grep -q "^usage: tcrm $1" <<<"$2" && [ -z "$3" ]' "$RC" "$sub" "$OUT" "$ERR"
done
run
expect "no command, no terminal" 1 "" \
    "tcrm: the full-screen interface needs a terminal; see tcrm --help for the commands"

# ---- init --------------------------------------------------------------

fresh
run init
expect "init" 0 "created $DB (schema $("$SQLITE" "$DB" 'PRAGMA user_version'))" ""
check "init: mode 0600" [ "$(stat -c %a "$DB")" = 600 ]
run init
expect "init again" 0 "database ready: $DB (schema $("$SQLITE" "$DB" 'PRAGMA user_version'))" ""
"$TCRM" contact add Anna >/dev/null
before=$(dump "$DB")
run init --demo
expect "init --demo with contacts" 1 "" \
    "tcrm: init --demo: $DB already has 1 contact; demo data goes only into an empty database"
check "init --demo refused: unchanged" [ "$before" = "$(dump "$DB")" ]

fresh
run init --demo
check "init --demo" [ "$RC" = 0 ]
check "init --demo added contacts" [ "$("$SQLITE" "$DB" 'SELECT count(*) > 10 FROM contacts')" = 1 ]

# TCRM_DB and --db
fresh
TCRM_DB=$H/env.db run init
expect "TCRM_DB" 0 "created $H/env.db (schema $("$SQLITE" "$H/env.db" 'PRAGMA user_version'))" ""
run --db "$H/opt.db" init
check "--db" [ "$RC" = 0 -a -f "$H/opt.db" ]

# Only init creates a database: every other command on a missing file or
# folder (a typo in --db, a cron job) says so, exits 1 and creates nothing.
fresh
for args in "contact list" "due" "contact add Anna" "check" "search x" \
            "report agenda" "export contacts" "import list" "trash"; do
    # shellcheck disable=SC2086
    run --db "$H/no/such/dir/x.db" $args
    expect "missing folder: $args" 1 "" \
        "tcrm: $H/no/such/dir/x.db: no such database (create it with: tcrm init)"
    run --db "$H/typo.db" $args
    expect "missing file: $args" 1 "" \
        "tcrm: $H/typo.db: no such database (create it with: tcrm init)"
    run $args
    expect "missing default: $args" 1 "" \
        "tcrm: $DB: no such database (create it with: tcrm init)"
done
check "missing database: nothing created" \
    [ ! -e "$H/no" -a ! -e "$H/typo.db" -a ! -e "$H/data" ]

# ---- companies and contacts --------------------------------------------

fresh
seed
run company list
expect "company list" 0 "ID  NAME       INDUSTRY  CITY  CONTACTS
 1  Acme Ltd   Tools                  1
 2  华为 集团                         1" ""
run contact list
expect "contact list (CJK widths)" 0 "ID  NAME        COMPANY    TITLE   PHONE              EMAIL          LAST CONTACT
 1  Anna Silva  Acme Ltd           +86 138 0000 0000  anna@acme.com
 2  张伟        华为 集团  工程师" ""
run company show 1
expect "company show" 0 "Acme Ltd  (company 1)
  industry      Tools
  changed       2026-11-20 10:00:00 by ann (version 1)

Contacts (1)
ID  NAME        COMPANY   TITLE  PHONE              EMAIL          LAST CONTACT
 1  Anna Silva  Acme Ltd         +86 138 0000 0000  anna@acme.com

Open deals (1)
  1  Website  Lead  1,200.50 EUR" ""
run contact add "Bob Lee" --company ACME --title CEO --tag vip --tag Lead \
    --phone "+1 555 0100" --birthday 03-15 --note "met at the fair"
expect "contact add (existing company by key)" 0 "added contact 3: Bob Lee" ""
run contact list --company "acme ltd" --format csv
expect "contact list --company --format csv" 0 "id,name,company,title,phone,email,last_contact
1,Anna Silva,Acme Ltd,,\"'+86 138 0000 0000\",anna@acme.com,
3,Bob Lee,Acme Ltd,CEO,\"'+1 555 0100\",," ""
run contact list --tag vip --format tsv
expect "contact list --tag --format tsv" 0 "$(printf 'id\tname\tcompany\ttitle\tphone\temail\tlast_contact\n3\tBob Lee\tAcme Ltd\tCEO\t+1 555 0100\t\t')" ""
run contact list --sort title --limit 1 --format csv
expect "contact list --sort title --limit 1" 0 "id,name,company,title,phone,email,last_contact
1,Anna Silva,Acme Ltd,,\"'+86 138 0000 0000\",anna@acme.com," ""
run contact edit 3 --email bob@acme.com --email b.lee@acme.com --untag lead --title "" --city Porto
expect "contact edit" 0 "changed contact 3: Bob Lee" ""
run contact show 3
expect "contact show" 0 "Bob Lee  (contact 3)
  company       Acme Ltd (company 1)
  work          +1 555 0100
  email         bob@acme.com
  email         b.lee@acme.com
  city          Porto
  birthday      03-15
  tags          vip
  notes         met at the fair
  added         2026-11-20 10:00:00 by ann
  changed       2026-11-20 10:00:00 by ann (version 2)" ""

# A save that changes nothing writes nothing: no version bump, no audit row.
audit_n() { "$SQLITE" "$DB" "SELECT count(*) FROM audit_log"; }
before=$(audit_n)
run contact edit 3
expect "contact edit, no options" 0 "no change to contact 3: Bob Lee" ""
run contact edit 3 --city Porto --tag VIP --company "acme"
expect "contact edit, same values" 0 "no change to contact 3: Bob Lee" ""
check "no-op edits: version 2" [ "$("$SQLITE" "$DB" "SELECT version FROM contacts WHERE id = 3")" = 2 ]
check "no-op edits: no audit row" [ "$(audit_n)" = "$before" ]

# The same for a company.
run company edit 1 --industry Tools
expect "company edit, same value" 0 "no change to company 1: Acme Ltd" ""
run company edit 1
expect "company edit, no options" 0 "no change to company 1: Acme Ltd" ""
check "no-op company edits: version 1" [ "$("$SQLITE" "$DB" "SELECT version FROM companies WHERE id = 1")" = 1 ]
check "no-op company edits: no audit row" [ "$(audit_n)" = "$before" ]
run company edit 1 --industry Hardware
expect "company edit" 0 "changed company 1: Acme Ltd" ""

# Edits of different fields of one contact at the same moment all succeed
# and all survive (each reads the contact inside its write transaction).
pids=()
for f in title department address city source notes; do
    "$TCRM" contact edit 3 --$f "new $f" >"$H/edit-$f.out" 2>&1 &
    pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
check "concurrent edits: all exit 0" [ "$failed" = 0 ]
check "concurrent edits: no error" [ -z "$(grep -v '^changed contact 3' "$H"/edit-*.out)" ]
check "concurrent edits: every field survives" [ "$("$SQLITE" "$DB" "SELECT title||'|'||department||'|'||address||'|'||city||'|'||source||'|'||notes||'|'||version FROM contacts WHERE id = 3")" = "new title|new department|new address|new city|new source|new notes|8" ]

# CSV quoting (RFC 4180) and sanitizing of stored text.
fresh
"$TCRM" init >/dev/null
"$TCRM" contact add 'Silva, "Ann"' --title $'Boss\e[31mRED' >/dev/null
run contact list --format csv
expect "csv quoting and sanitizing" 0 'id,name,company,title,phone,email,last_contact
1,"Silva, ""Ann""",,Boss␛[31mRED,,,' ""
run search boss
check "search output has no ESC byte" bash -c '[[ "$0" != *$'"'"'\e'"'"'* && "$0" == *"␛[31mRED"* ]]' "$OUT"

# ---- duplicates ----------------------------------------------------------

fresh
seed
before=$(dump "$DB")
run contact add "anna  SILVA" --company acme --email ANNA@acme.com
expect "contact add duplicate" 1 "" "tcrm: contact add: 'anna  SILVA' looks like a contact already here:
  ID  NAME        COMPANY   WHY
   1  Anna Silva  Acme Ltd  same e-mail anna@acme.com; same name at Acme Ltd
nothing added; use --force to add it anyway"
check "duplicate refused: unchanged" [ "$before" = "$(dump "$DB")" ]
run contact add "Anna Silva" --company acme --force
expect "contact add --force" 0 "added contact 3: Anna Silva" ""

# ---- interactions, follow-ups, due ---------------------------------------

fresh
seed
run log 1 --kind call asked for a quote
expect "log" 0 "logged call with Anna Silva (interaction 1)" ""
run log 2 --kind email --at "2026-09-01 09:00" -- -5% discount offered
expect "log --at, summary after --" 0 "logged email with 张伟 (interaction 2)" ""
run follow-up add 2 --due "fri 09:00" Call back
expect "follow-up add weekday+time" 0 "follow-up 2 for 张伟 due 2026-11-27 09:00" ""
run follow-up add 1 --due -3d --every 7 Weekly check
expect "follow-up add repeating" 0 "follow-up 3 for Anna Silva due 2026-11-17, then every 7 days" ""
run follow-up add 1 --due today Send brochure
expect "follow-up add today" 0 "follow-up 4 for Anna Silva due 2026-11-20" ""
run follow-up list
expect "follow-up list" 0 "FID  DUE         TIME   STATUS  EVERY  CONTACT     TITLE
  3  2026-11-17         open        7  Anna Silva  Weekly check
  4  2026-11-20         open           Anna Silva  Send brochure
  1  2026-11-21         open           Anna Silva  Send the quote
  2  2026-11-27  09:00  open           张伟        Call back" ""
run due
expect "due" 0 "OVERDUE (1)
  #3  2026-11-17  3 days ago  Weekly check  Anna Silva (Acme Ltd)  +86 138 0000 0000
TODAY (1)
  #4  all day  Send brochure  Anna Silva (Acme Ltd)  +86 138 0000 0000
NEXT 7 DAYS (2)
  #1  2026-11-21  tomorrow   Send the quote  Anna Silva (Acme Ltd)  +86 138 0000 0000
  #2  2026-11-27  in 7 days  Call back       张伟 (华为 集团)
GONE QUIET (1)
  2  张伟  华为 集团  last: 2026-09-01 09:00  80 days" ""
run due --days 0 --quiet-days 365
expect "due --days 0" 0 "OVERDUE (1)
  #3  2026-11-17  3 days ago  Weekly check  Anna Silva (Acme Ltd)  +86 138 0000 0000
TODAY (1)
  #4  all day  Send brochure  Anna Silva (Acme Ltd)  +86 138 0000 0000" ""
run follow-up done 4
expect "follow-up done" 0 "done: follow-up 4 (Send brochure)" ""
run follow-up done 4
expect "follow-up done twice" 1 "" "tcrm: follow-up 4 is already done"
run follow-up done 3
expect "follow-up done repeating" 0 "done: follow-up 3 (Weekly check)
next: follow-up 5 due 2026-11-24" ""
run follow-up snooze 2 --to +1w
expect "follow-up snooze keeps the time" 0 "follow-up 2 snoozed to 2026-11-27 09:00" ""
run follow-up cancel 1
expect "follow-up cancel" 0 "cancelled follow-up 1" ""
run contact show 2
expect "contact show: follow-ups and history" 0 "张伟  (contact 2)
  company       华为 集团 (company 2)
  title         工程师
  last contact  2026-09-01 09:00
  next due      2026-11-27 09:00
  added         2026-11-20 10:00:00 by ann
  changed       2026-11-20 10:00:00 by ann (version 1)

Open follow-ups (1)
  2     2026-11-27 09:00  Call back

Recent interactions
  2026-09-01 09:00  email   -5% discount offered" ""

fresh
"$TCRM" init >/dev/null
run due
expect "due, nothing" 0 "nothing due in the next 7 days; nobody gone quiet" ""

# ---- deals ---------------------------------------------------------------

fresh
seed
run deal add Support contract --company "ACME" --contact 1 --amount 1,000 --stage proposal --close 2026-12-31 --currency usd
expect "deal add" 0 "added deal 2: Support contract (1,000.00 USD, Proposal)" ""
run deal add Hardware --company 华为集团 --amount 0.5
expect "deal add (CJK company key)" 0 "added deal 3: Hardware (0.50 EUR, Lead)" ""
run deal list
expect "deal list" 0 "ID  TITLE             COMPANY    CONTACT     STAGE           AMOUNT  PROB  CLOSE       STATUS
 1  Website           Acme Ltd               Lead      1,200.50 EUR   10%              open
 3  Hardware          华为 集团              Lead          0.50 EUR   10%              open
 2  Support contract  Acme Ltd   Anna Silva  Proposal  1,000.00 USD   50%  2026-12-31  open

Open pipeline
  Lead      2  1,201.00 EUR  weighted 120.10 EUR
  Proposal  1  1,000.00 USD  weighted 500.00 USD" ""
run deal move 1 negotiation
expect "deal move" 0 "deal 1 moved to Negotiation (75%)" ""
run deal won 1
expect "deal won" 0 "deal 1 won: Website (1,200.50 EUR)" ""
run deal lost 3 --reason "too small"
expect "deal lost" 0 "deal 3 lost: Hardware (0.50 EUR)" ""
run deal list --stage Proposal --format csv
expect "deal list --stage --format csv" 0 "id,title,company,contact,stage,amount,currency,probability,expected_close,status
2,Support contract,Acme Ltd,Anna Silva,Proposal,1000.00,USD,50,2026-12-31,open" ""
run deal list --status won
expect "deal list --status won" 0 "ID  TITLE    COMPANY   CONTACT  STAGE              AMOUNT  PROB  CLOSE  STATUS
 1  Website  Acme Ltd           Negotiation  1,200.50 EUR   75%         won" ""

# ---- the audit trail -------------------------------------------------------

fresh
"$TCRM" init >/dev/null
"$TCRM" contact add Anna --mobile "+1 555 0100" >/dev/null
"$TCRM" contact edit 1 --title CEO --tag vip --email a@x.example >/dev/null
"$TCRM" follow-up add 1 --due tomorrow Call >/dev/null
"$TCRM" follow-up done 1 >/dev/null
"$TCRM" contact delete 1 >/dev/null
"$TCRM" restore contact/1 >/dev/null
run audit contact 1
expect "audit of a contact" 0 "2026-11-20 10:00  ann  contact 1  restore  Anna
2026-11-20 10:00  ann  contact 1  delete  Anna
2026-11-20 10:00  ann  contact 1  edit  Anna
    phones and e-mails: mobile +1 555 0100 -> mobile +1 555 0100, email a@x.example
    tags: (empty) -> vip
    title: (empty) -> CEO
2026-11-20 10:00  ann  contact 1  add  Anna" ""
run audit follow-up/1 --format csv
expect "audit csv" 0 "at,who,entity,id,action,details,field,old,new
2026-11-20 10:00:00,ann,follow-up,1,edit,Call,done_at,,2026-11-20 10:00:00
2026-11-20 10:00:00,ann,follow-up,1,edit,Call,status,open,done
2026-11-20 10:00:00,ann,follow-up,1,add,Call,,," ""
run audit --user ann --limit 1
expect "audit --user --limit" 0 "2026-11-20 10:00  ann  contact 1  restore  Anna" ""
run audit --user bob
expect "audit --user nobody" 0 "no changes recorded" ""
run audit --since tomorrow
expect "audit --since" 0 "no changes recorded" ""
run audit --until yesterday
expect "audit --until" 0 "no changes recorded" ""
check "audit --until today" [ "$("$TCRM" audit --until today --format csv | wc -l)" = 10 ]
# Another user, and a change made outside tcrm.
USER=bob "$TCRM" contact edit 1 --city Porto >/dev/null
"$SQLITE" "$DB" "UPDATE contacts SET department = 'Ops' WHERE id = 1"
run audit contact 1 --limit 2
expect "audit: another user and outside tcrm" 0 "2026-11-20 10:00  outside tcrm  contact 1  edit  Anna
    department: (empty) -> Ops
2026-11-20 10:00  bob  contact 1  edit  Anna
    city: (empty) -> Porto" ""
# tcrm itself never changes or deletes audit rows: the triggers refuse.
check "audit rows cannot be updated" bash -c '! "$0" "$1" "UPDATE audit_log SET who = 1" 2>/dev/null' "$SQLITE" "$DB"
check "audit rows cannot be deleted" bash -c '! "$0" "$1" "DELETE FROM audit_fields" 2>/dev/null' "$SQLITE" "$DB"
run audit person 1
check "audit: unknown entity is a bad value" [ "$RC" = 1 ]
run audit contact x
check "audit: bad id is a bad value" [ "$RC" = 1 ]
run audit --since someday
check "audit: bad date is a bad value" [ "$RC" = 1 ]

# ---- follow-up edit ------------------------------------------------------------

fresh
seed
run follow-up edit 1 --due "2026-11-25 14:00" --title "Send the new quote" --every 7
expect "follow-up edit" 0 "changed follow-up 1 (Send the new quote) due 2026-11-25 14:00" ""
check "follow-up edit stored" [ "$("$SQLITE" "$DB" "SELECT title || '|' || due_date || '|' || due_time || '|' || repeat_days || '|' || version FROM follow_ups WHERE id = 1")" = "Send the new quote|2026-11-25|14:00|7|2" ]
run follow-up edit 1 --title "Send the new quote"
expect "follow-up edit, nothing changed" 0 "no change to follow-up 1 (Send the new quote) due 2026-11-25 14:00" ""
run follow-up edit 1 --every 0 --due 2026-11-26
expect "follow-up edit: no repeat, no time" 0 "changed follow-up 1 (Send the new quote) due 2026-11-26" ""
check "follow-up edit: repeat cleared" [ "$("$SQLITE" "$DB" "SELECT ifnull(repeat_days, 'none') || ifnull(due_time, '') FROM follow_ups WHERE id = 1")" = "none" ]
run audit follow-up 1 --limit 1 --format csv
check "follow-up edit: audited" bash -c '[[ "$0" == *"due_date,2026-11-25,2026-11-26"* && "$0" == *"repeat_days,7,"* ]]' "$OUT"
run follow-up edit 99 --title x
expect "follow-up edit: unknown id" 1 "" "tcrm: follow-up 99: not found"
run follow-up edit 1 --due someday
check "follow-up edit: bad date is a bad value" [ "$RC" = 1 ]
run follow-up edit 1 --title ""
check "follow-up edit: empty title is a bad value" [ "$RC" = 1 ]

# ---- follow-ups of deleted records -------------------------------------------

# They leave due, follow-up list and report agenda with their contact (or
# deal), and come back when it is restored.
fresh
"$TCRM" init >/dev/null
"$TCRM" contact add Anna >/dev/null
"$TCRM" contact add Bob >/dev/null
"$TCRM" company add Acme >/dev/null
"$TCRM" deal add Web --company Acme --amount 5 >/dev/null
"$TCRM" follow-up add 1 --due today "Call Anna" >/dev/null
"$TCRM" follow-up add 2 --due today "Ring Bob" >/dev/null
"$SQLITE" "$DB" "INSERT INTO follow_ups(deal_id, title, due_date, created_at, updated_at, created_by, updated_by) VALUES (1, 'Chase Web', '2026-11-20', 'x', 'x', 'ann', 'ann')"
"$TCRM" contact delete 1 >/dev/null
"$TCRM" deal delete 1 >/dev/null
run due
expect "due without deleted records' follow-ups" 0 "TODAY (1)
  #2  all day  Ring Bob  Bob" ""
run follow-up list --format csv
check "follow-up list without them" [ "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" = "2 " ]
run report agenda
check "agenda without them" bash -c '[[ "$0" == *"Ring Bob"* && "$0" != *"Call Anna"* && "$0" != *"Chase Web"* && "$0" == *"1 due today"* ]]' "$OUT"
"$TCRM" restore contact/1 >/dev/null
"$TCRM" restore deal/1 >/dev/null
run follow-up list --format csv
check "restored: the follow-ups are back" [ "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" = "1 2 3 " ]

# ---- one CSV writer, and nothing raw to a terminal ---------------------------

fresh
"$TCRM" init >/dev/null
"$TCRM" contact add "=1+2" --title "@boss" --note $'hi\e]0;PWNED\a there' >/dev/null
"$TCRM" company add -- "-Evil" >/dev/null
run contact list --format csv
expect "contact list csv: formula rule" 0 "id,name,company,title,phone,email,last_contact
1,\"'=1+2\",,\"'@boss\",,," ""
run contact list --format csv --raw
expect "contact list csv --raw" 0 "id,name,company,title,phone,email,last_contact
1,=1+2,,@boss,,," ""
run company list --format csv
expect "company list csv: lower-case header, formula rule" 0 "id,name,industry,city,contacts
1,\"'-Evil\",,,0" ""
run company list --format csv --raw
expect "company list csv --raw" 0 "id,name,industry,city,contacts
1,-Evil,,,0" ""
# export into a pipe: the bytes exactly; onto a terminal: visible symbols.
run export contacts --fields name,notes --raw
check "export to a pipe keeps the bytes" bash -c '[[ "$0" == *$'"'"'\e]0;PWNED\a'"'"'* ]]' "$OUT"
if command -v script >/dev/null; then
    tty_out=$(script -qec "$TCRM export contacts --fields name,notes" /dev/null)
    check "export to a terminal: no ESC or BEL byte" bash -c '[[ "$0" != *$'"'"'\e'"'"'* && "$0" != *$'"'"'\a'"'"'* ]]' "$tty_out"
    check "export to a terminal: visible symbols" bash -c '[[ "$0" == *"hi␛]0;PWNED␇ there"* ]]' "$tty_out"
else
    bad "export to a terminal: script(1) is missing (util-linux)"
fi

# ---- ids are never reused -------------------------------------------------

# The issue's case: an import adds contact 3, its undo deletes it, the next
# contact must not get id 3, and an edit of contact 3 (a form still open on
# it) finds nothing instead of overwriting the newer contact.
fresh
seed
printf 'name,email\nImported Person,ip@x.example\n' >"$H/f.csv"
run import "$H/f.csv"
check "id reuse: import added contact 3" [ "$("$SQLITE" "$DB" "SELECT id FROM contacts WHERE name = 'Imported Person'")" = 3 ]
run import undo 1
run contact add 王五
expect "id reuse: next contact is 4" 0 "added contact 4: 王五" ""
run contact edit 3 --title Boss
expect "id reuse: the deleted id stays deleted" 1 "" "tcrm: contact 3: not found"
check "id reuse: 王五 untouched" [ "$("$SQLITE" "$DB" "SELECT ifnull(title, '-') || version FROM contacts WHERE id = 4")" = "-1" ]

# ---- search, trash -------------------------------------------------------

fresh
seed
run search 张伟
expect "search CJK two characters" 0 "ID  NAME  COMPANY    TITLE   PHONE  EMAIL  LAST CONTACT
 2  张伟  华为 集团  工程师" ""
run search 1380000 --format csv
expect "search phone digits" 0 "id,name,company,title,phone,email,last_contact
1,Anna Silva,Acme Ltd,,\"'+86 138 0000 0000\",anna@acme.com," ""
run search nobody here
expect "search, no match" 0 "no contacts match 'nobody here'" ""
run contact delete 1
expect "contact delete" 0 "moved contact 1 (Anna Silva) to the trash; tcrm restore contact/1 brings it back" ""
run trash
expect "trash" 0 "ITEM       NAME        DELETED              BY
contact/1  Anna Silva  2026-11-20 10:00:00  ann" ""
run contact show 1
expect "show a trashed contact" 1 "" "tcrm: contact 1: not found"
run restore contact/1
expect "restore" 0 "restored contact/1" ""
run trash
expect "trash empty" 0 "the trash is empty" ""

# ---- the bad-input table ---------------------------------------------------
# STATUS | ARGS (shell words) | STDERR, exactly: a usage error (2) is its
# first line, then the "usage: tcrm ..." lines checked by prefix; a bad
# value (1), whether it cannot be read or is refused, is one line.

fresh
seed
TEMPLATE=$H
bad_inputs() {
cat <<'EOF'
2|frob|tcrm: unknown command 'frob' (tcrm --help lists them)
2|--frob|tcrm: unknown option '--frob'
2|--db|tcrm: option '--db' needs a value
2|contact|tcrm contact: missing a subcommand
2|contact frob|tcrm contact: unknown subcommand 'frob'
2|contact add|tcrm contact add: missing NAME
2|contact add Anna --x|tcrm contact add: unknown option '--x'
2|contact add Anna --x=1|tcrm contact add: unknown option '--x'
2|contact add Anna -q|tcrm contact add: unknown option '-q'
2|contact add Anna --company|tcrm contact add: option '--company' needs a value
2|contact add Anna Bob|tcrm contact add: unexpected argument 'Bob'
2|contact add Anna --name X|tcrm contact add: unknown option '--name'
1|contact add Anna --birthday 2026-02-30|tcrm contact add: --birthday: '2026-02-30' is not a date: February 2026 has 28 days
1|contact add Anna --birthday 02-30|tcrm contact add: --birthday: '02-30' is not a birthday: use YYYY-MM-DD, or MM-DD without the year
1|contact add Anna --birthday 13-01|tcrm contact add: --birthday: '13-01' is not a birthday: use YYYY-MM-DD, or MM-DD without the year
1|contact add X --email bob@|tcrm: e-mail 'bob@': not a valid address
1|contact add X --phone 12|tcrm: phone '12': not a valid number
2|contact show|tcrm contact show: missing ID
1|contact show abc|tcrm contact show: 'abc' is not a contact id (a number such as 42)
1|contact show 0|tcrm contact show: '0' is not a contact id (a number such as 42)
1|contact show -- -1|tcrm contact show: '-1' is not a contact id (a number such as 42)
1|contact show 99999999999999999999|tcrm contact show: '99999999999999999999' is not a contact id (a number such as 42)
1|contact show 99|tcrm: contact 99: not found
1|contact edit 99 --title X|tcrm: contact 99: not found
1|contact edit 1 --email x@|tcrm: e-mail 'x@': not a valid address
1|contact delete 99|tcrm: contact 99: not found
1|contact list --format xml|tcrm contact list: --format: 'xml' is not one of table, csv, tsv
1|contact list --sort age|tcrm contact list: --sort: 'age' is not one of name, company, title, last
1|contact list --limit 0|tcrm contact list: --limit: '0' is not a whole number from 1 to 1000000000
1|contact list --limit 5x|tcrm contact list: --limit: '5x' is not a whole number from 1 to 1000000000
1|contact list --tag nope|tcrm: tag 'nope': not found
1|contact list --company Nope|tcrm: company 'Nope': not found
1|company add "ACME"|tcrm: company 'ACME' already exists (id 1)
1|company show x1|tcrm company show: 'x1' is not a company id (a number such as 42)
1|company show 7|tcrm: company 7: not found
2|log 1 hello|tcrm log: missing --kind
1|log 1 --kind chat hello|tcrm log: --kind: 'chat' is not one of call, email, visit, meeting, message, note
2|log 1 --kind call|tcrm log: missing SUMMARY
1|log x --kind call hi|tcrm log: 'x' is not a contact id (a number such as 42)
1|log 1 --kind call --at 25:00 hi|tcrm log: --at: '25:00' is not a time: use HH:MM from 00:00 to 23:59
1|log 99 --kind call hi|tcrm: contact 99: not found
2|follow-up add 1 Call|tcrm follow-up add: missing --due
1|follow-up add 1 --due 2026-02-30 Call|tcrm follow-up add: --due: '2026-02-30' is not a date: February 2026 has 28 days
1|follow-up add 1 --due +3x Call|tcrm follow-up add: --due: '+3x' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday
1|follow-up add 1 --due today --every 0 Call|tcrm follow-up add: --every: '0' is not a whole number from 1 to 3650
2|follow-up add 1 --due today|tcrm follow-up add: missing TITLE
1|follow-up add 99 --due today Call|tcrm: contact 99: not found
2|follow-up snooze 1|tcrm follow-up snooze: missing --to
1|follow-up snooze 1 --to someday|tcrm follow-up snooze: --to: 'someday' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday
1|follow-up done abc|tcrm follow-up done: 'abc' is not a follow-up id (a number such as 42)
1|follow-up done 99|tcrm: follow-up 99: not found
1|due --days x|tcrm due: --days: 'x' is not a whole number from 0 to 365
1|due --days 400|tcrm due: --days: '400' is not a whole number from 0 to 365
2|deal add X --company Acme|tcrm deal add: missing --amount
2|deal add X --amount 5|tcrm deal add: missing --company (or --contact)
1|deal add X --company Acme --amount abc|tcrm deal add: amount: 'abc' is not a number
1|deal add X --company Acme --amount 12.345|tcrm deal add: amount: '12.345' has more than 2 decimals
1|deal add X --company Acme --amount -5|tcrm deal add: amount: must not be negative
1|deal add X --company Acme --amount 5 --close 2026-13-01|tcrm deal add: --close: '2026-13-01' is not a date: there is no month 13
1|deal add X --company Acme --amount 5 --probability 120|tcrm deal add: --probability: '120' is not a whole number from 0 to 100
1|deal add X --company Acme --amount 5 --stage Won|tcrm: stage 'Won' is not in the pipeline (stages: Lead, Qualified, Proposal, Negotiation)
1|deal add X --company Nope --amount 5|tcrm: company 'Nope': not found (add it with: tcrm company add NAME)
1|deal add X --company Acme --amount 5 --currency euro|tcrm: currency: 'EURO' is not a 3-letter code
1|deal move 1 Closed|tcrm: stage 'Closed' is not in the pipeline (stages: Lead, Qualified, Proposal, Negotiation)
2|deal move 1|tcrm deal move: missing STAGE
2|deal move|tcrm deal move: missing DID and STAGE
2|deal lost 1|tcrm deal lost: missing --reason
1|deal won 9|tcrm: deal 9: not found
1|deal list --status maybe|tcrm deal list: --status: 'maybe' is not one of open, won, lost, all
2|search|tcrm search: missing QUERY
1|restore abc|tcrm restore: 'abc' is not an item such as contact/42
1|restore contact/x|tcrm restore: 'contact/x' is not an item such as contact/42
1|restore contact/1|tcrm: contact/1: not in the trash
2|init --demo extra|tcrm init: unexpected argument 'extra'
EOF
}

while IFS='|' read -r want_rc args want_err; do
    fresh
    cp "$TEMPLATE/data/tcrm/tcrm.db" "$DB" 2>/dev/null ||
        { mkdir -p "$(dirname "$DB")"; cp "$TEMPLATE/data/tcrm/tcrm.db" "$DB"; }
    before=$(dump "$DB")
    eval "set -- $args"
    run "$@"
    first=${ERR%%$'\n'*}
    second=$(sed -n 2p <<<"$ERR")
    name="bad input: tcrm $args"
    if [[ $RC != "$want_rc" || "$OUT" != "" || "$first" != "$want_err" ]]; then
        bad "$name" "status $RC (want $want_rc)" "stdout: $OUT" \
            "stderr: $ERR" "want:   $want_err"
    elif [[ $want_rc == 2 && "$second" != "usage: tcrm "* ]]; then
        bad "$name" "no usage line: $ERR"
    elif [[ $want_rc == 1 && "$ERR" != "$want_err" ]]; then
        bad "$name" "more than one line: $ERR"
    elif [[ "$before" != "$(dump "$DB")" ]]; then
        bad "$name" "the database changed"
    else
        ok
    fi
done < <(bad_inputs)

# ---- databases that cannot be used -----------------------------------------

# bad_db NAME FILE WANT ARGS...: exact one-line error, exit 1, file unchanged.
bad_db() {
    local name=$1 file=$2 want=$3 sum
    shift 3
    sum=$(md5sum <"$file")
    run --db "$file" "$@"
    expect "$name" 1 "" "$want"
    check "$name: file unchanged" [ "$sum" = "$(md5sum <"$file")" ]
}

fresh
mkdir -p "$H"
printf 'name,phone\nAnna,123\n' >"$H/text.db"
bad_db "text file" "$H/text.db" "tcrm: $H/text.db: not a tcrm database (not an SQLite file)" contact list
"$SQLITE" "$H/other.db" 'CREATE TABLE songs(title); INSERT INTO songs VALUES (1);'
bad_db "another program's SQLite file" "$H/other.db" "tcrm: $H/other.db: not a tcrm database (it has tables tcrm did not make)" contact add Anna
cp "$TEMPLATE/data/tcrm/tcrm.db" "$H/newer.db"
"$SQLITE" "$H/newer.db" 'PRAGMA user_version = 999' >/dev/null
latest=$("$SQLITE" "$TEMPLATE/data/tcrm/tcrm.db" 'PRAGMA user_version')
bad_db "newer schema" "$H/newer.db" "tcrm: $H/newer.db: made by a newer tcrm (schema 999, this tcrm knows $latest); upgrade tcrm" contact list
head -c 4096 "$TEMPLATE/data/tcrm/tcrm.db" >"$H/cut.db"
bad_db "truncated (corrupt) database" "$H/cut.db" "tcrm: $H/cut.db: database disk image is malformed" contact list

# A config file that is wrong.
fresh
printf '[display]\ncolour = yes\n' >"$H/bad.conf"
run --config "$H/bad.conf" contact list
check "bad config: exit 1" [ "$RC" = 1 ]
check "bad config: names the file" bash -c '[[ "$0" == "tcrm: $1:2: "* ]]' "$ERR" "$H/bad.conf"
check "bad config: no database made" [ ! -e "$DB" ]
run --config "$H/missing.conf" contact add X
check "missing --config file: exit 1" [ "$RC" = 1 ]

# Locked: another writer holds the database; tcrm gives up after 200 ms.
fresh
cp -r "$TEMPLATE/data" "$H/"
printf '[database]\nbusy_timeout = 200\n' >"$H/fast.conf"
before=$(dump "$DB")
"$SQLITE" "$DB" 'BEGIN IMMEDIATE;' 'INSERT INTO tags(name) VALUES ("held");' \
    '.shell touch '"$H/locked" '.shell sleep 3' 'ROLLBACK;' >/dev/null 2>&1 &
locker=$!
for _ in $(seq 50); do [ -e "$H/locked" ] && break; sleep 0.1; done
run --config "$H/fast.conf" contact add "Bob"
expect "locked database" 1 "" "tcrm: $DB: database is busy (another tcrm is writing); try again"
run --config "$H/fast.conf" contact list --format csv
check "locked database: readers still read" [ "$RC" = 0 ]
wait "$locker"
check "locked database: unchanged" [ "$before" = "$(dump "$DB")" ]

# Read-only: a file the user may not write (in a folder they may): writes
# are refused, listings still work. Root ignores file modes, so as root
# the commands run as nobody through setpriv.
as_user=()
if [ "$(id -u)" = 0 ]; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod 0755 "$ROOT"
fi
# run_ro DB ARGS...: like run, as that user, on DB.
run_ro() {
    OUT=$("${as_user[@]}" timeout 10 "$TCRM" --db "$@" 2>"$H/stderr")
    RC=$?
    ERR=$(cat "$H/stderr")
}
# ro_db NAME: a copy of the template database, mode 0444, in folder
# $H/NAME (left writable: the caller sets its mode); sets RO.
ro_db() {
    mkdir -p "$H/$1"
    chmod 0755 "$H"
    RO=$H/$1/ro.db
    cp "$TEMPLATE/data/tcrm/tcrm.db" "$RO"
    chmod 0444 "$RO"
}
ro_list="id,name,company,title,phone,email,last_contact
1,Anna Silva,Acme Ltd,,\"'+86 138 0000 0000\",anna@acme.com,
2,张伟,华为 集团,工程师,,,"
fresh
ro_db ro
chmod 0777 "$H/ro"   # SQLite needs the folder to read a WAL file read-only
sum=$(md5sum <"$RO")
run_ro "$RO" contact add Carl
expect "read-only database" 1 "" "tcrm: $RO: cannot write (read-only)"
check "read-only database: unchanged" [ "$sum" = "$(md5sum <"$RO")" ]
run_ro "$RO" contact list --format csv
expect "read-only database: listing works" 0 "$ro_list" ""

# A read-only file in a read-only folder, no -wal or -shm beside it (a
# read-only share or mount): SQLite cannot make the -shm, so tcrm reads
# it as immutable. Reads work, writes say read-only, nothing is created.
fresh
ro_db rodir
chmod 0555 "$H/rodir"
sum=$(md5sum <"$RO")
run_ro "$RO" contact list --format csv
expect "read-only folder: listing works" 0 "$ro_list" ""
run_ro "$RO" search anna --format csv
expect "read-only folder: search works" 0 "id,name,company,title,phone,email,last_contact
1,Anna Silva,Acme Ltd,,\"'+86 138 0000 0000\",anna@acme.com," ""
run_ro "$RO" report segments
check "read-only folder: report works" [ "$RC:$ERR" = 0: ]
check "read-only folder: report has rows" grep -q "^Segments" <<<"$OUT"
run_ro "$RO" contact add Carl
expect "read-only folder: add refused" 1 "" "tcrm: $RO: cannot write (read-only)"
run_ro "$RO" contact edit 1 --tag vip
expect "read-only folder: edit refused" 1 "" "tcrm: $RO: cannot write (read-only)"
check "read-only folder: unchanged" [ "$sum" = "$(md5sum <"$RO")" ]
check "read-only folder: nothing created" [ "$(ls -A "$H/rodir")" = ro.db ]

# The same folder while a writer (who may write it) has the database
# open: -wal and -shm exist, tcrm reads through them and so sees the
# writer's change that is still only in the -wal (an immutable read,
# which ignores the -wal, would not).
chmod 0755 "$H/rodir"
chmod 0644 "$RO"
"$SQLITE" "$RO" "UPDATE contacts SET title = 'Boss' WHERE id = 1;" \
    '.shell touch '"$H/held" '.shell sleep 3' >/dev/null 2>&1 &
writer=$!
for _ in $(seq 50); do [ -e "$H/held" ] && break; sleep 0.1; done
chmod 0444 "$RO"
chmod 0555 "$H/rodir"
run_ro "$RO" contact list --format csv
expect "read-only folder, -shm present: sees the -wal" 0 "${ro_list/Acme Ltd,,/Acme Ltd,Boss,}" ""
run_ro "$RO" contact add Carl
expect "read-only folder, -shm present: add refused" 1 "" "tcrm: $RO: cannot write (read-only)"
# A -wal holding that change and no -shm (a writer crashed): refused,
# never old data.
mkdir "$H/crash"
cp "$RO" "$RO-wal" "$H/crash/"
chmod 0444 "$H/crash/"*
chmod 0555 "$H/crash"
run_ro "$H/crash/ro.db" contact list
expect "read-only folder, -wal without -shm" 1 "" "tcrm: $H/crash/ro.db: cannot read (read-only): recent changes are in its -wal file and there is no -shm file; open it once as someone who may write the folder"
wait "$writer"
chmod 0755 "$H/rodir" "$H/crash"

# An older schema, read-only: no upgrade is tried, nothing changes.
fresh
mkdir -p "$H/old"
chmod 0755 "$H"
"$SQLITE" "$H/old/old.db" <"$SRC/data/migrations/001_init.sql"
"$SQLITE" "$H/old/old.db" 'PRAGMA user_version = 1' 'PRAGMA journal_mode = WAL' >/dev/null
chmod 0444 "$H/old/old.db"
chmod 0555 "$H/old"
sum=$(md5sum <"$H/old/old.db")
run_ro "$H/old/old.db" contact list
expect "read-only older schema" 1 "" "tcrm: $H/old/old.db: cannot upgrade a read-only database (schema 1, this tcrm needs $latest); open it once as someone who may write it"
check "read-only older schema: unchanged" [ "$sum" = "$(md5sum <"$H/old/old.db")" ]
check "read-only older schema: nothing created" [ "$(ls -A "$H/old")" = old.db ]
chmod 0755 "$H/old"

# On a terminal `search` shows the first 100 matches and says there are
# more; --limit 0 shows all; into a pipe everything comes.
fresh
"$TCRM" init >/dev/null
for i in $(seq 1 120); do printf 'Lee %03d,lee%d@x.example\n' "$i" "$i"; done |
    { echo "name,email"; cat; } > "$H/lee.csv"
"$TCRM" import "$H/lee.csv" >/dev/null
tty_lines() { script -qec "$TCRM search $1 2>&1" /dev/null | tr -d '\r'; }
OUT=$(tty_lines lee)
check "search on a tty: 100 rows + header + note" \
    [ "$(printf '%s\n' "$OUT" | grep -c '^ *[0-9]* *Lee [0-9]')" = 100 ]
check "search on a tty: says there are more" \
    grep -q "^(the first 100 shown; more match: --limit N, or --limit 0 for all)$" <<<"$OUT"
OUT=$(tty_lines "lee --limit 0")
check "search on a tty, --limit 0: all" \
    [ "$(printf '%s\n' "$OUT" | grep -c '^ *[0-9]* *Lee [0-9]')" = 120 ]
run search lee
check "search into a pipe: all" [ "$(printf '%s\n' "$OUT" | grep -c 'Lee ')" = 120 ]

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
