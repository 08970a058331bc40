#!/bin/bash
# tests/cli/audit_trail.sh: `tcrm audit` through a pager on a terminal, as
# `git log` does, and the rows an import adds labelled 'import' in the
# audit trail (issue 10).
#   - on a pseudo-terminal (script(1)), output longer than the screen
#     ($LINES) goes through $PAGER; a screenful or less does not; into a
#     pipe it never does; PAGER=cat means no pager; quitting the pager
#     early is no error;
#   - `tcrm import` labels the contacts (and companies) it adds 'import',
#     a merge into an existing contact 'merge', what it leaves alone
#     keeps its own rows.
#
#   audit_trail.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-audit.XXXXXX)
trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC TCRM_NOW="2026-11-20 10:00:00"
DB=$W/t.db
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }

t init >/dev/null
t contact add "Anna Silva" --email anna@acme.example >/dev/null
for i in $(seq 1 12); do t contact add "Person $i" >/dev/null; done

# on_tty ENV... -- ARGS...: tcrm ARGS on a pseudo-terminal
on_tty() {
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    env "${envs[@]}" script -qec "$(printf '%q ' "$TCRM" --config \
        "$W/fast.conf" --db "$DB" "$@")" /dev/null | tr -d '\r'
}
P="PAGER=sed s/^/paged:/"

out=$(on_tty "$P" LINES=10 -- audit)
same pager-long "$(printf '%s\n' "$out" | grep -c '^paged:')" 13
same pager-long-all "$(printf '%s\n' "$out" | grep -vc '^paged:')" 0
out=$(on_tty "$P" LINES=10 -- audit --limit 9)
same pager-short "$(printf '%s\n' "$out" | grep -c '^paged:')" 0
same pager-short-rows "$(printf '%s\n' "$out" | grep -c ' add ')" 9
out=$(on_tty "$P" LINES=40 -- audit)
same pager-fits "$(printf '%s\n' "$out" | grep -c '^paged:')" 0
out=$(env "$P" LINES=10 "$TCRM" --config "$W/fast.conf" --db "$DB" audit)
same pager-pipe "$(printf '%s\n' "$out" | grep -c '^paged:')" 0
same pager-pipe-rows "$(printf '%s\n' "$out" | grep -c ' add ')" 13
out=$(on_tty PAGER=cat LINES=10 -- audit)
same pager-cat "$(printf '%s\n' "$out" | grep -c ' add ')" 13
# the person quits after one line: exit 0, nothing on stderr
out=$(env PAGER="head -n 1" LINES=5 script -qec "$(printf '%q ' "$TCRM" \
    --config "$W/fast.conf" --db "$DB" audit) 2>$W/quit.err; echo rc=\$?" \
    /dev/null | tr -d '\r')
has pager-quit-status "rc=0" "$out"
same pager-quit-stderr "$(cat "$W/quit.err")" ""
# csv is for programs: never paged
out=$(on_tty "$P" LINES=5 -- audit --format csv)
same pager-csv "$(printf '%s\n' "$out" | grep -c '^paged:')" 0

# ---- an import's rows are 'import' ----------------------------------------
printf 'name,company,email\nAnna Silva,Acme,anna@acme.example\nBo Chen,Beta Ltd,bo@beta.example\nCy Diaz,,cy@diaz.example\n' \
    > "$W/in.csv"
t import "$W/in.csv" --on-duplicate merge >/dev/null
rows=$(t audit --format csv | awk -F, 'NR > 1 { print $3 " " $5 }' | sort -u)
has import-contact-bo "contact import" "$rows"
same import-adds "$(t audit contact --format csv | grep -c ',import,')" 2
same import-no-add "$(t audit --since 2026-11-20 --format csv |
    awk -F, 'NR > 1 && $5 == "add" && $6 ~ /Bo Chen|Cy Diaz|Beta/' | wc -l |
    tr -d ' ')" 0
has import-merge "contact 1  merge  Anna Silva" "$(t audit contact 1)"
has import-company "company 2  import  Beta Ltd" "$(t audit company)"
has import-batch "import 1  import" "$(t audit import)"
# an ordinary add after the import is 'add' again
t contact add "Dee Evans" >/dev/null
has add-after-import "add  Dee Evans" "$(t audit contact --limit 1)"
# undoing the import: the rows it takes away and the merge it takes back
# are the undo's in the trail, not plain removals
t import undo 1 >/dev/null
same undo-removes "$(t audit contact --format csv | awk -F, 'NR > 1 && $5 == "undo"' | wc -l | tr -d ' ')" 3
same undo-no-remove "$(t audit contact --format csv | awk -F, 'NR > 1 && $5 == "remove"' | wc -l | tr -d ' ')" 0

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
