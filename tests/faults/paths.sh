# tests/faults/paths.sh: every write path of tcrm as a command line, and the
# database each starts from; sourced by faults.sh and kill.sh.
#
#   make_template DIR   fills DIR (the test's folder, $W) with template.db
#                       (companies, contacts, a follow-up, a deal, a log
#                       entry, an import, a contact in the trash), old.db
#                       (schema 1 with a company: the migration path),
#                       cards.csv and merge.csv
#   PATHS               the names of the paths, in order
#   path_args NAME      sets ARGS (the tcrm arguments) and BASE (template or
#                       old) for path NAME
#   fresh               $W/run/ holds a copy of $W/$BASE.db as db, and the
#                       CSV files (the path runs there)
#   ok, bad MESSAGE     count a pass, or a failure (printed)
#
# Sourcing it (with W set to the test's temporary folder) also moves into
# W and makes it the home (HOME, XDG_*), fixes the clock (TCRM_NOW), the
# user, the locale and the time zone, and unsets TCRM_DB and TCRM_CONFIG.
# As TCRM_NOW is fixed, the state after a path is the same on every run:
# a test can compare the rows with the state before or the state after.

cd "$W" || exit 1
export HOME=$W XDG_CONFIG_HOME=$W/config XDG_DATA_HOME=$W/data
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset TCRM_DB TCRM_CONFIG

PATHS="contact-add contact-edit contact-delete company-add company-edit
company-delete deal-add deal-move deal-won follow-up-add follow-up-done
follow-up-snooze log import import-merge import-undo restore migrate check"

path_args() {
    BASE=template
    case $1 in
    contact-add) ARGS=(contact add "Zoë Neu" --company Acme --email zoe@neu.example --mobile "+49 151 000 1111" --tag vip --note "met at the fair") ;;
    contact-edit) ARGS=(contact edit 1 --title Boss --email anna2@acme.example --tag key --untag vip) ;;
    contact-delete) ARGS=(contact delete 2) ;;
    company-add) ARGS=(company add "Neu GmbH" --industry Tools --city Berlin --tag new) ;;
    company-edit) ARGS=(company edit 1 --industry Machines --phone "+44 20 7946 0000") ;;
    company-delete) ARGS=(company delete 2) ;;
    deal-add) ARGS=(deal add "Big order" --company Acme --contact 1 --amount 12000.50 --stage Proposal --tag q4) ;;
    deal-move) ARGS=(deal move 1 Negotiation) ;;
    deal-won) ARGS=(deal won 1) ;;
    follow-up-add) ARGS=(follow-up add 1 --due fri "send the price list") ;;
    follow-up-done) ARGS=(follow-up done 1) ;;
    follow-up-snooze) ARGS=(follow-up snooze 1 --to +1w) ;;
    log) ARGS=(log 1 --kind call asked for a quote) ;;
    import) ARGS=(import cards.csv --tag fair) ;;
    import-merge) ARGS=(import merge.csv --on-duplicate merge) ;;
    import-undo) ARGS=(import undo 1) ;;
    restore) ARGS=(restore contact/3) ;;
    migrate) ARGS=(contact list); BASE=old ;;
    check) ARGS=(check) ;;
    *) echo "paths.sh: no path $1" >&2; return 1 ;;
    esac
}

make_template() {
    local dir=$1 src
    src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    cp "$src/data/samples/cards-en.csv" "$dir/cards.csv"
    printf 'name,email,title,city\nAnna Silva,anna@acme.example,CEO,Lisbon\n' >"$dir/merge.csv"
    local db=$dir/template.db
    {
        "$TCRM" --db "$db" init &&
        "$TCRM" --db "$db" company add "Acme Ltd" --industry Tools &&
        "$TCRM" --db "$db" company add "Empty Co" &&
        "$TCRM" --db "$db" contact add "Anna Silva" --company "Acme Ltd" \
            --email anna@acme.example --mobile "+86 138 0000 0000" --tag vip &&
        "$TCRM" --db "$db" contact add "张伟" --company "华为 集团" --title 工程师 &&
        "$TCRM" --db "$db" contact add "Gone Away" --email gone@x.example &&
        "$TCRM" --db "$db" contact delete 3 &&
        "$TCRM" --db "$db" follow-up add 1 --due tomorrow Send the quote &&
        "$TCRM" --db "$db" deal add Website --company Acme --amount 1200.50 &&
        "$TCRM" --db "$db" log 2 --kind visit showed the samples &&
        printf 'name,email\nImported One,one@imp.example\nImported Two,two@imp.example\n' >"$dir/first.csv" &&
        "$TCRM" --db "$db" import "$dir/first.csv"
    } >/dev/null || { echo "paths.sh: cannot make the template" >&2; return 1; }
    # schema 1, as the first tcrm made it, with a company in it
    sqlite3 "$dir/old.db" <"$src/data/migrations/001_init.sql" &&
    sqlite3 "$dir/old.db" "PRAGMA user_version = 1;
        INSERT INTO companies (name, name_key, sort_key, created_at, updated_at, created_by, updated_by)
        VALUES ('Old Co', 'old co', 'old co', '2026-01-01 09:00:00', '2026-01-01 09:00:00', 'ann', 'ann');" ||
        { echo "paths.sh: cannot make old.db" >&2; return 1; }
}

# state DB: what a path may change, as text (every table, every row).
# An import commits as it goes; one that failed or was killed is taken back
# change by change, by itself or by the next tcrm that opens the file, so
# a copy with a running import is opened by tcrm first (check; the file
# itself is left as it is). What a taken-back import leaves is the
# rows as before, with these differences, which are left out here:
#   - the audit trail says what it did and what was taken back, and the
#     ids it used are not given again (audit_log, audit_fields,
#     sqlite_sequence);
#   - a contact it merged into has its fields back, at a new version
#     (contacts.version, updated_at, updated_by);
#   - the full-text index holds the same entries in differently shaped
#     segments (contact_search*_data, _idx, _config; its _content and
#     _docsize rows are compared).
state() {
    rm -f "$1.state"
    sqlite3 "$1" ".backup '$1.state'" || return 1
    [ "$(sqlite3 "$1.state" "SELECT count(*) FROM import_batches WHERE state = 'running'" 2>/dev/null)" = 0 ] ||
        "$TCRM" --db "$1.state" check >/dev/null 2>&1
    sqlite3 "$1.state" "$(sqlite3 "$1.state" "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_master WHERE type = 'trigger'")
        UPDATE contacts SET version = 0, updated_at = '', updated_by = '';
        DELETE FROM sqlite_sequence;" 2>/dev/null
    sqlite3 "$1.state" "DROP TABLE IF EXISTS audit_fields; DELETE FROM audit_log;" 2>/dev/null
    sqlite3 "$1.state" .dump |
        grep -Ev '^INSERT INTO "?contact_search(_short)?_(data|idx|config)"? '
    rm -f "$1.state"
}

fresh() {
    rm -rf "$W/run"
    mkdir "$W/run"
    cp "$W/$BASE.db" "$W/run/db"
    cp "$W/cards.csv" "$W/merge.csv" "$W/run/"
}

pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
