#!/bin/bash
# tests/cli/people.sh: people, ownership and visibility, tested as people.
#
#   people.sh /path/to/tcrm
#
# Needs root (CI runs as root): it creates Unix accounts with a prefix
# unique to this run (tcrmt<pid>), runs tcrm as each of them with
# runuser and a clean environment, and deletes them at the end. One
# database in owned mode (tcrm init --shared, made by root, its admin):
#
#   login   role      manager   owns
#   root    admin               -
#   M       manager             -
#   S1      sales     M         contact 2 (+ follow-up, deal, call)
#   S2      sales     M         contact 3 (+ follow-up, deal)
#   S3      sales               contact 4 (+ follow-up); 2 is shared with
#                               S3 read-only
#   K       clerk               -
#   contact 1 and company 1 were added before the switch to owned mode:
#   the public pool.
#
# The second part installs tcrm shared (scripts/install-shared.sh) into a
# temporary prefix with its own group and proves, as those people, that
# the file cannot be opened directly, that --db and TCRM_DB cannot point
# the setgid tcrm elsewhere, and that import and export -o open files with
# the user's rights, not the group's.
#
# Then a table of command x person -> the ids (or names) each sees,
# asserted exactly, and the bad-input table of issue 9: each one exact
# line on stderr, exit 1 or 2, and the database unchanged (sqlite3 .dump
# before and after).
set -u
TCRM=$(realpath "$1")
if [[ $(id -u) != 0 ]]; then
    echo "people.sh: must run as root (it creates Unix users to run tcrm as)"
    exit 1
fi
ROOT=$(mktemp -d /tmp/tcrm-people.XXXXXX)
chmod 755 "$ROOT"
P=tcrmt$$
M=${P}m S1=${P}a S2=${P}b S3=${P}c K=${P}k X=${P}x
USERS="$M $S1 $S2 $S3 $K $X"
G=${P}g
cleanup() {
    for u in $USERS; do userdel "$u" >/dev/null 2>&1; done
    groupdel "$G" >/dev/null 2>&1
    rm -rf "$ROOT"
}
trap cleanup EXIT
for u in $USERS; do
    useradd -M -d "$ROOT" -s /bin/sh "$u" || { echo "useradd $u failed"; exit 1; }
done
export TCRM_NOW="2026-11-20 10:00:00" LC_ALL=C.UTF-8 TZ=UTC
# Everyone may write the folder and the file here (the shared install
# does it with a group instead: see scripts/install-shared.sh).
mkdir -m 1777 "$ROOT/db"
DB=$ROOT/db/office.db
pass=0 fail=0

. "$(dirname "$0")/as_users.sh"

# ids: the first CSV column of OUT without its header, sorted,
# space-separated.
ids() { printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | sort -n |
        tr '\n' ' ' | sed 's/ $//'; }

# sees NAME WANT LOGIN ARGS...: tcrm ARGS as LOGIN succeeds and the ids
# of its CSV output are exactly WANT.
sees() {
    local name=$1 want=$2
    shift 2
    as "$@"
    local got
    got=$(ids)
    if [[ $RC == 0 && "$got" == "$want" ]]; then
        ok
    else
        bad "$name" "status $RC, ids '$got', want '$want'" "$ERR"
    fi
}

# ---- the office --------------------------------------------------------

as root init >/dev/null
chmod 666 "$DB"
as root contact add "Pool Pat" --note zeta --phone "+1 555 0100"
as root company add "Pool Co"
as root init --shared
expect init-shared 0 "database ready: $DB (schema 19)
access: owned (admin: root)" ""
as root user add "$M" --role manager --name "Wang Fang"
expect user-add 0 "added user $M" ""
as root user add "$S1" --role sales --manager "$M"
as root user add "$S2" --role sales --manager "$M"
as root user add "$S3" --role sales
as root user add "$K" --role clerk
as root user list --format csv
expect user-list 0 "login,name,role,manager,active
root,root,admin,,yes
$S1,$S1,sales,$M,yes
$S2,$S2,sales,$M,yes
$S3,$S3,sales,,yes
$K,$K,clerk,,yes
$M,Wang Fang,manager,,yes" ""
as "$S1" user list --format csv
[[ $RC == 0 ]] && ok || bad "user-list-by-sales" "$ERR"

as "$S1" contact add "Sam One" --note zeta --phone "+1 555 0101"
expect s1-add 0 "added contact 2: Sam One" ""
as "$S2" contact add "Sue Two" --note zeta
as "$S3" contact add "Out Three" --note zeta
as "$S1" follow-up add 2 --due tomorrow fu-sam
as "$S2" follow-up add 3 --due tomorrow fu-sue
as "$S3" follow-up add 4 --due tomorrow fu-out
as "$S1" deal add deal-sam --contact 2 --amount 100
as "$S2" deal add deal-sue --contact 3 --amount 200
as "$S1" log 2 --kind call call-sam
as "$S1" share contact 2 --with "$S3" --read-only
expect share 0 "contact 2: shared with $S3 (read-only)" ""
OWNERS=$(sqlite3 "$DB" "SELECT group_concat(id || '=' || owner, ' ')
                        FROM (SELECT id, coalesce(owner, '-') AS owner
                              FROM contacts ORDER BY id)")
[[ "$OWNERS" == "1=- 2=$S1 3=$S2 4=$S3" ]] && ok ||
    bad owners-by-creator "$OWNERS"

# ---- tcrm.conf's [access]: what init makes; the database's setting counts

printf '[access]\nmode = owned\npool_after_days = 45\n' >"$ROOT/owned.conf"
printf '[access]\nmode = open\n' >"$ROOT/open.conf"
chmod 644 "$ROOT/owned.conf" "$ROOT/open.conf"
DB0=$DB DB=$ROOT/db/conf.db
AS_ARGS=(--config "$ROOT/owned.conf")
as root init
expect conf-init 0 "created $DB (schema 19)
access: owned (admin: root)" ""
chmod 666 "$DB"
as root setting
expect conf-settings 0 "name-order       pinyin
access-mode      owned
pool-after-days  45" ""
as "$S1" contact list
expect conf-owned-refuses 1 "" \
    "tcrm: $DB: $S1 is not a user of this database; an admin can add them with: tcrm user add $S1 --role sales"
AS_ARGS=(--config "$ROOT/open.conf")
as root setting access-mode
expect conf-differs-warns 0 "owned" \
    "tcrm: warning: tcrm.conf says [access] mode = open, but $DB is in owned mode (an admin changes it: tcrm setting access-mode open)"
AS_ARGS=()
DB=$DB0

# ---- who sees what -----------------------------------------------------

#        command           root      M        S1     S2     S3       K
table() {
    local name=$1 all=$2 m=$3 s1=$4 s2=$5 s3=$6 k=$7
    shift 7
    sees "$name root" "$all" root "$@"
    sees "$name manager" "$m" "$M" "$@"
    sees "$name sales1" "$s1" "$S1" "$@"
    sees "$name sales2" "$s2" "$S2" "$@"
    sees "$name sales3" "$s3" "$S3" "$@"
    sees "$name clerk" "$k" "$K" "$@"
}
table contact-list "1 2 3 4" "1 2 3" "1 2" "1 3" "1 2 4" "1" \
    contact list --format csv
table search "1 2 3 4" "1 2 3" "1 2" "1 3" "1 2 4" "1" \
    search zeta --format csv
table follow-ups "1 2 3" "1 2" "1" "2" "1 3" "" \
    follow-up list --format csv
table deals "1 2" "1 2" "1" "2" "1" "" \
    deal list --format csv
table companies "1" "1" "1" "1" "1" "1" \
    company list --format csv

# Pool Co's contacts, counted by each person: the ones they see (the
# counts kept per company and owner, schema 18), in the list and in show.
sqlite3 "$DB" "UPDATE contacts SET company_id = 1, version = version + 1"
for row in "root:4" "$M:3" "$S1:2" "$S2:2" "$S3:3" "$K:1"; do
    as "${row%%:*}" company list --format csv
    got=$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f5)
    as "${row%%:*}" company show 1
    [[ $RC == 0 && "$got" == "${row#*:}" &&
       "$OUT" == *"Contacts (${row#*:})"* ]] && ok ||
        bad "company-count ${row%%:*}" "got '$got' want '${row#*:}'" "$OUT"
done
sqlite3 "$DB" "UPDATE contacts SET company_id = NULL, version = version + 1"

# due: the titles each sees.
due_titles() { printf '%s\n' "$OUT" | grep -o 'fu-[a-z]*' | tr '\n' ' ' |
               sed 's/ $//'; }
for row in "root:fu-sam fu-sue fu-out" "$M:fu-sam fu-sue" "$S1:fu-sam" \
           "$S2:fu-sue" "$S3:fu-sam fu-out" "$K:"; do
    as "${row%%:*}" due
    got=$(due_titles)
    [[ $RC == 0 && "$got" == "${row#*:}" ]] && ok ||
        bad "due ${row%%:*}" "got '$got' want '${row#*:}'" "$ERR"
done

# export: the names each sees.
for row in "root:Out Three,Pool Pat,Sam One,Sue Two" "$S1:Pool Pat,Sam One" \
           "$S3:Out Three,Pool Pat,Sam One" "$K:Pool Pat"; do
    as "${row%%:*}" export contacts
    got=$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | sort |
          paste -sd, -)
    [[ $RC == 0 && "$got" == "${row#*:}" ]] && ok ||
        bad "export ${row%%:*}" "got '$got' want '${row#*:}'" "$ERR"
    # --search reads each page of matches together (contact_export.h):
    # the same people (zeta matches all four)
    as "${row%%:*}" export contacts --search zeta
    got=$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | sort |
          paste -sd, -)
    [[ $RC == 0 && "$got" == "${row#*:}" ]] && ok ||
        bad "export-search ${row%%:*}" "got '$got' want '${row#*:}'" "$ERR"
done

# contact show: one's own, a shared one, someone else's.
as "$S3" contact show 2
[[ $RC == 0 && "$OUT" == *"Sam One"* && "$OUT" == *call-sam* ]] && ok ||
    bad show-shared "$OUT" "$ERR"
as "$S1" contact show 3
expect show-hidden 1 "" "tcrm: contact 3: not found"
as "$S2" follow-up done 1
expect done-hidden 1 "" "tcrm: follow-up 1: not found"

# A share read-only: seen, not changed.
as "$S3" contact edit 2 --title Boss
expect edit-read-only 1 "" \
    "tcrm: contact: not yours to change; ask its owner or a manager"
# The manager changes a record of someone under them.
as "$M" contact edit 3 --title Lead
expect manager-edit 0 "changed contact 3: Sue Two" ""

# Reports: a salesperson's figures are their own; no one outside reach.
as "$S1" report pipeline --format csv
[[ $RC == 0 && "$OUT" == *100.00* && "$OUT" != *200.00* ]] && ok ||
    bad report-own "$OUT" "$ERR"
as "$M" report pipeline --owner "$S2" --format csv
[[ $RC == 0 && "$OUT" == *200.00* && "$OUT" != *100.00* ]] && ok ||
    bad report-team "$OUT" "$ERR"

# A manager with no --owner sees their team's figures: S1's 100 and S2's
# 200 (S3, not under them, is left out); the heading says whose.
as "$M" report pipeline --format csv
[[ $RC == 0 && "$OUT" == *300.00* ]] && ok || bad report-manager-team "$OUT" "$ERR"
as "$M" report pipeline
[[ $RC == 0 && "$OUT" == *"Team:      $M and everyone under them"* ]] && ok ||
    bad report-team-heading "$OUT" "$ERR"
as root report pipeline --format csv
[[ $RC == 0 && "$OUT" != *"Team"* ]] && ok || bad report-admin-all "$OUT" "$ERR"

# Trash: a deletion is seen by its owner and those above, not by others.
as "$S2" contact delete 3
as "$S2" trash --format csv
[[ $(ids) == contact/3 ]] && ok || bad trash-own "$OUT"
as "$M" trash --format csv
[[ $(ids) == contact/3 ]] && ok || bad trash-manager "$OUT"
as "$S1" trash --format csv
[[ $(ids) == "" ]] && ok || bad trash-other "$OUT"
as "$S1" restore contact/3
expect restore-hidden 1 "" "tcrm: contact/3: not in the trash"
as "$S2" restore contact/3
expect restore-own 0 "restored contact/3" ""

# Imports: listed and undone by who ran them and those above them.
printf 'name,phone\nImp Ida,+1 555 0300\n' >"$ROOT/in.csv"
chmod 644 "$ROOT/in.csv"
as "$S1" import "$ROOT/in.csv"
BATCH=$(sqlite3 "$DB" "SELECT max(id) FROM import_batches")
as "$M" import list
[[ $RC == 0 && "$OUT" == *in.csv* ]] && ok || bad import-list-manager "$OUT"
as "$S2" import list
[[ $RC == 0 && "$OUT" != *in.csv* ]] && ok || bad import-list-other "$OUT"
as "$S2" import undo "$BATCH"
expect import-undo-other 1 "" "tcrm: import $BATCH: not found"
as "$S1" import undo "$BATCH"
expect import-undo-own 0 "import $BATCH undone: 1 contact removed, 0 restored as they were" ""

# 防撞单: the match is told by its owner, never its fields.
as "$S2" contact add "Someone" --phone "+1 555 0101"
expect dup-hidden 1 "" \
    "tcrm: contact add: $S1 already owns a contact with this phone: ask them or a manager"

# ---- assign, claim -----------------------------------------------------

as "$S1" assign contact 2 --to "$S2"
expect assign-own 0 "contact 2: now owned by $S2 (with 1 open follow-up, 1 open deal)" ""
as "$S2" assign contact 2 --to "$S1" --dry-run
expect assign-dry 0 "would assign contact 2 to $S1
dry run: 1 contact, nothing changed" ""
as "$M" assign --owner "$S2" --to "$S1"
expect assign-bulk 0 "contact 2: now owned by $S1 (with 1 open follow-up, 1 open deal)
contact 3: now owned by $S1 (with 1 open follow-up, 1 open deal)" ""
MOVED=$(sqlite3 "$DB" "SELECT group_concat(owner, ' ') FROM (SELECT owner
                       FROM follow_ups ORDER BY id)")
[[ "$MOVED" == "$S1 $S1 $S3" ]] && ok || bad followups-moved "$MOVED"

# Two claims of the pool contact at once: exactly one wins.
( as "$S1" claim contact 1; echo "$RC" >"$ROOT/c1" ) &
( as "$S2" claim contact 1; echo "$RC" >"$ROOT/c2" ) &
wait
RCS="$(cat "$ROOT/c1") $(cat "$ROOT/c2")"
WINNER=$(sqlite3 "$DB" "SELECT owner FROM contacts WHERE id = 1")
[[ ( "$RCS" == "0 1" && "$WINNER" == "$S1" ) ||
   ( "$RCS" == "1 0" && "$WINNER" == "$S2" ) ]] && ok ||
    bad claim-race "statuses $RCS, owner $WINNER"
as "$S3" claim contact 1
expect claim-taken 1 "" "tcrm: contact 1: already owned by $WINNER"
as "$K" claim company 1
expect claim-clerk 1 "" "tcrm: company 1: a clerk cannot claim records"
as "$S3" claim company 1
expect claim-company 0 "company 1: now yours" ""

# ---- bad input: one line, status, nothing changed -----------------------

bad_case() {
    local name=$1 want_rc=$2 want_err=$3 who=$4
    shift 4
    local before after
    before=$(sqlite3 "$DB" .dump)
    as "$who" "$@"
    after=$(sqlite3 "$DB" .dump)
    if [[ $RC == "$want_rc" && "$ERR" == "$want_err" && -z "$OUT" &&
          "$before" == "$after" ]]; then
        ok
    else
        bad "$name" "status $RC (want $want_rc)" "stderr: $ERR" \
            "want:   $want_err" "stdout: $OUT" \
            "$( [[ "$before" == "$after" ]] || echo 'the database changed')"
    fi
}

as "$K" contact add "Kay Card"
# ids are never reused (schema 6): Kay's is the next after every id given
kid=$(sqlite3 "$DB" "SELECT id FROM contacts WHERE name = 'Kay Card'")
expect clerk-add 0 "added contact $kid: Kay Card" ""
as root user add "$X" --role sales
as root user deactivate "$X"
expect deactivate 0 "deactivated user $X" ""
bad_case to-unknown 1 "tcrm: --to nosuch: not a user" \
    root assign contact 2 --to nosuch
bad_case to-deactivated 1 "tcrm: --to $X: deactivated" \
    root assign contact 2 --to "$X"
bad_case sales-moves-other 1 \
    "tcrm: contact 2: owned by $S1; a salesperson gives away only their own" \
    "$S3" assign contact 2 --to "$S3"
bad_case manager-outside 1 "tcrm: --to $S3: not under you" \
    "$M" assign contact 2 --to "$S3"
bad_case manager-hidden 1 "tcrm: contact 4: not found" \
    "$M" assign contact 4 --to "$S1"
bad_case share-self 1 "tcrm: --with $S1: that is you" \
    "$S1" share contact 2 --with "$S1"
bad_case clerk-delete 1 "tcrm: contact: a clerk cannot delete" \
    "$K" contact delete "$kid"
bad_case clerk-assign 1 "tcrm: contact $kid: a clerk cannot move records" \
    "$K" assign contact "$kid" --to "$S1"
bad_case user-add-by-sales 1 \
    "tcrm: only an admin may manage people (you are $S1, sales)" \
    "$S1" user add "$K" --role sales
bad_case last-admin 1 \
    "tcrm: user root: the last admin; make another admin first" \
    root user deactivate root
bad_case last-admin-role 1 \
    "tcrm: user root: the last admin; make another admin first" \
    root user edit root --role sales
bad_case manager-cycle 1 "tcrm: --manager $S1: a cycle: $S1 is under $M" \
    root user edit "$M" --manager "$S1"
bad_case manager-self 1 "tcrm: --manager $M: a user cannot be their own manager" \
    root user edit "$M" --manager "$M"
bad_case unknown-manager 1 "tcrm: --manager nosuch: not a user" \
    root user edit "$M" --manager nosuch
bad_case not-a-user 1 \
    "tcrm: $DB: nobody is not a user of this database; an admin can add them with: tcrm user add nobody --role sales" \
    nobody contact list
bad_case deactivated-user 1 \
    "tcrm: $DB: $X is deactivated; an admin can turn them back on with: tcrm user edit $X --active" \
    "$X" contact list
bad_case bad-role 1 "tcrm user add: --role 'boss': not admin, manager, sales or clerk" \
    root user add "$X" --role boss
bad_case no-account 1 \
    "tcrm: user add nosuch: no such account on this machine (tcrm people are Unix accounts)" \
    root user add nosuch --role sales
bad_case report-outside 1 \
    "tcrm: owner '$S3': not yourself or someone under you" \
    "$M" report pipeline --owner "$S3"
bad_case unshare-none 1 "tcrm: contact 2: not shared with $S2" \
    "$S1" unshare contact 2 --with "$S2"

# ---- the public pool: back after N days without contact ---------------

OFFICE_DB=$DB
DB=$ROOT/db/pool.db
TCRM_NOW="2026-09-01 10:00:00"
as root init --shared >/dev/null
chmod 666 "$DB"
as root user add "$S1" --role sales >/dev/null
as root user add "$S2" --role sales >/dev/null
as "$S1" contact add "Never Called"          # 1: silent since 09-01
as "$S1" contact add "Called Once"           # 2
TCRM_NOW="2026-09-25 10:00:00"
as "$S1" log 2 --kind call "first call"      # 2: silent since 09-25
[[ $RC == 0 ]] && ok || bad pool-log "$ERR"
TCRM_NOW="2026-11-01 10:00:00"
as "$S1" contact add "Fresh Face"            # 3: silent since 11-01
TCRM_NOW="2026-11-19 10:00:00"
as "$S1" setting pool-after-days 60
expect pool-sales-may-not 1 "" "tcrm: pool after days: only an admin may change it"
as root setting pool-after-days 60
expect pool-set 0 "pool-after-days: 60" ""
owners() { sqlite3 "$DB" "SELECT group_concat(id || '=' || coalesce(owner, '-'), ' ') FROM (SELECT id, owner FROM contacts ORDER BY id)"; }
[[ $(owners) == "1=$S1 2=$S1 3=$S1" ]] && ok || bad pool-not-before-open "$(owners)"
# The first open on 11-20 releases what has been silent 60 days: 1 (80).
TCRM_NOW="2026-11-20 10:00:00"
as "$S2" contact list --format csv
[[ $RC == 0 && $(owners) == "1=- 2=$S1 3=$S1" ]] && ok || bad pool-released "$(owners)" "$ERR"
[[ $(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'pool_released_on'") == 2026-11-20 ]] &&
    ok || bad pool-released-on
got=$(sqlite3 "$DB" "SELECT l.action || ' ' || f.field || ' ' || f.old_value || ' -> ' || coalesce(f.new_value, '-') FROM audit_log l JOIN audit_fields f ON f.audit_id = l.id WHERE l.entity = 'contact' AND l.entity_id = 1 AND f.field = 'owner' AND l.action = 'pool'")
[[ "$got" == "pool owner $S1 -> -" ]] && ok || bad pool-audited "$got"
# Once a day: a contact made silent again by hand is left until tomorrow.
sqlite3 "$DB" "UPDATE contacts SET created_at = '2026-01-01 00:00:00' WHERE id = 3"
as "$S1" contact list --format csv
[[ $(owners) == "1=- 2=$S1 3=$S1" ]] && ok || bad pool-once-a-day "$(owners)"
sqlite3 "$DB" "UPDATE contacts SET created_at = '2026-11-01 10:00:00' WHERE id = 3"
# Anyone may claim it now; the old owner no longer owns it.
as "$S2" claim contact 1
[[ $RC == 0 && $(owners) == "1=$S2 2=$S1 3=$S1" ]] && ok || bad pool-claimed "$OUT" "$ERR"
as root setting pool-after-days 4000
expect pool-days-range 1 "" "tcrm setting: pool-after-days: '4000' is not a whole number from 0 to 3650"
# due warns the owner a week before: contact 2, silent 56 of 60 days.
as "$S1" due
got=$(printf '%s\n' "$OUT" | sed -n '/^BACK TO THE POOL/,$p')
[[ $RC == 0 && "$got" == "BACK TO THE POOL (1)
  2  Called Once    last: 2026-09-25 10:00  goes back 2026-11-24" ]] && ok || bad pool-due-warns "$OUT" "$ERR"
# S2 claimed contact 1 today: the full 60 days from the claim, no warning.
as "$S2" due
[[ $RC == 0 && "$OUT" != *"BACK TO THE POOL"* ]] && ok || bad pool-due-claim-resets "$OUT"
TCRM_NOW="2026-11-21 10:00:00"
as "$S2" contact list --format csv
[[ $(owners) == "1=$S2 2=$S1 3=$S1" ]] && ok || bad pool-claim-keeps "$(owners)"
TCRM_NOW="2026-11-20 10:00:00"
# import --owner: the batch's new rows go to that person, if the
# importer may give them records.
printf 'name,company\nOwen Import,Owned Co\n' >"$ROOT/own.csv"
chmod 644 "$ROOT/own.csv"
as "$S1" import "$ROOT/own.csv" --owner "$S2"
expect import-owner-not-yours 1 "" \
    "tcrm: owner '$S2': not yourself or someone under you; nothing imported"
as root import "$ROOT/own.csv" --owner nosuch
expect import-owner-unknown 1 "" \
    "tcrm: owner 'nosuch': not a user of this database; nothing imported"
as root import "$ROOT/own.csv" --owner "$S1"
got=$(sqlite3 "$DB" "SELECT (SELECT owner FROM contacts WHERE name = 'Owen Import') || ' ' || (SELECT owner FROM companies WHERE name = 'Owned Co')")
[[ $RC == 0 && "$got" == "$S1 $S1" ]] && ok || bad import-owner "$got" "$ERR"
DB=$OFFICE_DB

# ---- the shared server ------------------------------------------------

SRC=$(cd "$(dirname "$0")/../.." && pwd)
SH=$ROOT/shared
mkdir -m 755 "$SH"
OUT=$(bash "$SRC/scripts/install-shared.sh" --admin "$M" --prefix "$SH/inst" \
      --db "$SH/data/office.db" --group "$G" --binary "$TCRM" 2>&1)
RC=$? ERR=""
expect install 0 "created $SH/data/office.db (schema 19)
access: owned (admin: $M)
installed $SH/inst/bin/tcrm (setgid $G) for $SH/data/office.db; admin: $M" ""
MODES=$(stat -c '%U:%G %a' "$SH/inst/bin/tcrm" "$SH/data" "$SH/data/office.db" |
        paste -sd' ' -)
[[ "$MODES" == "root:$G 2755 root:$G 2770 root:$G 660" ]] && ok ||
    bad install-modes "$MODES"

# sh LOGIN ARGS...: the installed (setgid) tcrm, as that account.
sh_as() {
    local u=$1
    shift
    OUT=$(cd "$ROOT" && runuser -u "$u" -- env -i PATH=/usr/bin:/bin \
          HOME="$ROOT" USER="$u" LC_ALL=C.UTF-8 "$SH/inst/bin/tcrm" "$@" \
          2>"$ROOT/stderr")
    RC=$?
    ERR=$(cat "$ROOT/stderr")
}
sh_as "$S1" contact list
expect shared-not-user 1 "" "tcrm: $SH/data/office.db: $S1 is not a user of this database; an admin can add them with: tcrm user add $S1 --role sales"
sh_as "$M" user add "$S1" --role sales --manager "$M"
sh_as "$M" user add "$S2" --role sales --manager "$M"
sh_as "$S1" contact add "Shared Sam"
sh_as "$S2" contact add "Shared Sue"
sh_as "$S1" contact list --format csv
[[ $(ids) == 1 ]] && ok || bad shared-s1-sees "$OUT" "$ERR"
sh_as "$M" contact list --format csv
[[ $(ids) == "1 2" ]] && ok || bad shared-manager-sees "$OUT" "$ERR"
# check through the setgid install: its second reader (db_check.c) opens
# the file with the group as the first did
sh_as "$M" check
expect shared-check 0 "ok: $SH/data/office.db (schema 19)" ""
OUT=$(runuser -u "$S1" -- sqlite3 "$SH/data/office.db" \
      "SELECT count(*) FROM contacts" 2>&1)
[[ $? != 0 && "$OUT" != 2 ]] && ok || bad sqlite3-direct "$OUT"
sh_as "$S1" --db "$ROOT/db/office.db" contact list
expect shared-db-option 1 "" \
    "tcrm: --db: this tcrm is installed for the shared database $SH/data/office.db only"
OUT=$(cd "$ROOT" && runuser -u "$S1" -- env -i PATH=/usr/bin:/bin HOME="$ROOT" \
      TCRM_DB="$ROOT/db/office.db" "$SH/inst/bin/tcrm" contact list 2>&1)
RC=$?
[[ $RC == 1 && "$OUT" == "tcrm: TCRM_DB: this tcrm is installed for the shared database $SH/data/office.db only" ]] &&
    ok || bad shared-db-env "$RC $OUT"
# A file of S2 that the group may read: S1 cannot import it.
mkdir -m 755 "$SH/priv"
printf 'name,phone\nSecret Sid,+1 555 9999\n' >"$SH/priv/s2.csv"
chown "$S2:$G" "$SH/priv/s2.csv"
chmod 640 "$SH/priv/s2.csv"
sh_as "$S1" import "$SH/priv/s2.csv"
expect shared-import-private 1 "" \
    "tcrm: $SH/priv/s2.csv: Permission denied; nothing imported"
# The database's folder is the group's: S1 cannot write there.
sh_as "$S1" export contacts -o "$SH/data/leak.csv"
expect shared-export-group 1 "" "tcrm: $SH/data/leak.csv: Permission denied"
sh_as "$S1" report pipeline -o "$SH/data/leak.txt"
expect shared-report-group 1 "" "tcrm: $SH/data/leak.txt: Permission denied"
LEFT=$(ls "$SH/data")
[[ "$LEFT" == office.db ]] && ok || bad shared-nothing-written "$LEFT"

echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
