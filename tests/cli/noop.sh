#!/bin/bash
# tests/cli/noop.sh: a save that changes nothing writes nothing (issue 10),
# for every entity a person edits from the command line: contact, company,
# follow-up and deal. Each no-op save leaves the database byte for byte
# as it was (sqlite3 .dump: no version bump, no audit row, no updated_at)
# and says "no change to ..."; a real change still writes.
#
#   noop.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-noop.XXXXXX)
trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC TCRM_NOW="2026-11-20 10:00:00"
DB=$W/t.db
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3"; exit 77; }
dump() { sqlite3 "$DB" .dump; }

t init >/dev/null
t company add "Acme Ltd" --city Lyon >/dev/null
t contact add "Bob Lee" --company "Acme Ltd" --phone 555-0100 --tag vip \
    >/dev/null
t follow-up add 1 "Send the quote" --due "2026-11-25 14:00" >/dev/null
t deal add "Annual order" --company "Acme Ltd" --contact 1 --amount 1200 \
    --stage Proposal >/dev/null
export TCRM_NOW="2026-11-21 09:00:00"   # a later save would show in the dump

# unchanged NAME WANT -- command...: the exact output, exit 0, same dump
unchanged() {
    local name=$1 want=$2 before out rc; shift 3
    before=$(dump)
    out=$("$@" 2>&1); rc=$?
    same "$name: output" "$rc $out" "0 $want"
    same "$name: nothing written" "$(dump)" "$before"
}
unchanged contact-none "no change to contact 1: Bob Lee" -- t contact edit 1
unchanged contact-same "no change to contact 1: Bob Lee" -- \
    t contact edit 1 --phone 555-0100 --tag VIP
unchanged company-none "no change to company 1: Acme Ltd" -- \
    t company edit 1
unchanged company-same "no change to company 1: Acme Ltd" -- \
    t company edit 1 --city Lyon
unchanged follow-up-same \
    "no change to follow-up 1 (Send the quote) due 2026-11-25 14:00" -- \
    t follow-up edit 1 --due "2026-11-25 14:00" --title "Send the quote"
unchanged deal-same-stage "no change to deal 1" -- t deal move 1 Proposal

# a real change writes once, with its audit row
audits() { sqlite3 "$DB" "SELECT count(*) FROM audit_log"; }
a=$(audits)
same deal-move "$(t deal move 1 Negotiation)" \
    "deal 1 moved to Negotiation (75%)"
same deal-version "$(sqlite3 "$DB" "SELECT version FROM deals WHERE id = 1")" 2
same deal-audit "$(audits)" $((a + 1))
unchanged deal-same-again "no change to deal 1" -- t deal move 1 Negotiation

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
