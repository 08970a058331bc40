#!/bin/bash
# tests/cli/outside.sh: bad input found from outside (issue 16), kept fixed.
#
#   outside.sh /path/to/tcrm
#
# Each case asserts the exit status and the exact first line on stderr, and
# that the database did not change (sqlite3 .dump before and after):
#   - a config file that is a FIFO (--config, TCRM_CONFIG, the user file)
#     or a device: refused at once, never waited on;
#   - import of a FIFO, a process substitution, /dev/zero, a directory:
#     says what it is; `-` imports standard input (a pipe), also on a dry
#     run (read twice), and refuses a terminal;
#   - --encoding TSCII, whose characters take up to 12 bytes of UTF-8;
#   - 128 KB option values: every error quotes at most 60 bytes of them.
# Ends "N passed, N failed"; exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-outside.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_DATA_HOME=$W/home/data
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
export TCRM_DB=$W/t.db
unset TCRM_CONFIG
mkdir -p "$HOME"
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
dump() { sqlite3 "$TCRM_DB" .dump; }

# expect NAME STATUS FIRST-LINE -- command...: status and first stderr line
# exactly, within 5 seconds, and the database unchanged unless STATUS is 0.
expect() {
    local name=$1 status=$2 want=$3 before got rc
    shift 4
    before=$(dump)
    timeout 5 "$@" >"$W/out" 2>"$W/err"; rc=$?
    got=$(head -n 1 "$W/err")
    if [ "$rc" != "$status" ] || [ "$got" != "$want" ]; then
        bad "$name: status $rc, stderr '${got:0:300}', wanted $status '$want'"
    elif [ "$status" != 0 ] && [ "$before" != "$(dump)" ]; then
        bad "$name: the database changed"
    else
        ok
    fi
}

"$TCRM" init >/dev/null
"$TCRM" contact add "Anna Silva" --email anna@acme.example >/dev/null
"$TCRM" deal add Pilot --contact 1 --amount 100 >/dev/null

# ---- config files must be regular files --------------------------------
mkfifo fifo
expect config-fifo 1 "tcrm: fifo: is a pipe (FIFO); a config file must be a regular file" \
    -- "$TCRM" --config fifo contact list
expect config-env-fifo 1 "tcrm: $W/fifo: is a pipe (FIFO); a config file must be a regular file" \
    -- env TCRM_CONFIG="$W/fifo" "$TCRM" contact list
expect config-dev 1 "tcrm: /dev/zero: is a character device; a config file must be a regular file" \
    -- "$TCRM" --config /dev/zero contact list
mkdir -p "$XDG_CONFIG_HOME/tcrm"
mkfifo "$XDG_CONFIG_HOME/tcrm/tcrm.conf"
expect config-user-fifo 1 "tcrm: $XDG_CONFIG_HOME/tcrm/tcrm.conf: is a pipe (FIFO); a config file must be a regular file" \
    -- "$TCRM" contact list
rm "$XDG_CONFIG_HOME/tcrm/tcrm.conf"

# ---- import: what the file is, and standard input ------------------------
pipe_msg="is a pipe, not a file; to import from a pipe, give - as the file and send it to standard input; nothing imported"
expect import-fifo 1 "tcrm: fifo: $pipe_msg" -- "$TCRM" import fifo
expect import-procsub 1 "tcrm: /dev/fd/63: $pipe_msg" \
    -- bash -c '"$0" import <(printf "name\nZed\n")' "$TCRM"
expect import-dev-zero 1 "tcrm: /dev/zero: is a character device, not a file; nothing imported" \
    -- "$TCRM" import /dev/zero
mkdir adir
expect import-dir 1 "tcrm: adir: is a directory; nothing imported" -- "$TCRM" import adir
expect import-stdin-empty 1 "tcrm: -: empty file; nothing imported" \
    -- bash -c '"$0" import - </dev/null' "$TCRM"
expect import-stdin-dry 0 "" \
    -- bash -c 'printf "name,email\nBob,bob@x.example\n" | "$0" import - --dry-run' "$TCRM"
if grep -qx "dry run, nothing stored: -: 1 row: 1 added, 0 merged, 0 skipped as duplicates, 0 rejected" out &&
   grep -q "^  Bob | email bob@x.example$" out; then ok; else bad "import-stdin-dry output: $(cat out)"; fi
expect import-stdin 0 "" \
    -- bash -c 'printf "name,email\nBob,bob@x.example\nBad,bad@\n" | "$0" import -' "$TCRM"
if grep -qx -- "-: 2 rows: 1 added, 0 merged, 0 skipped as duplicates, 1 rejected" out &&
   grep -qx -- "-:3: e-mail 'bad@': not a valid address" out
then ok; else bad "import-stdin output: $(cat out)"; fi
if [ "$(sqlite3 "$TCRM_DB" "SELECT file FROM import_batches")" = "-" ]; then ok
else bad "import-stdin: batch file name"; fi
# standard input a terminal (script(1) gives one): refused, never read
script -qec "\"$TCRM\" import - 2>$W/tty.err" /dev/null >/dev/null
got=$(tr -d '\r' <tty.err)
if [ "$got" = "tcrm: -: standard input is a terminal; send the file in with a pipe or < FILE; nothing imported" ]
then ok; else bad "import-stdin-tty: $got"; fi

# ---- an encoding that expands more than 4 times ------------------------
# TSCII 0x82 is one byte for four Tamil code points (12 bytes of UTF-8).
if iconv -l | grep -q '^TSCII'; then
    { printf 'name,notes\n'
      for i in $(seq 1 200); do
          printf 'Tamil %d,' "$i"; head -c 400 /dev/zero | tr '\0' '\202'; printf '\n'
      done; } > tscii.csv
    expect tscii 0 "" -- "$TCRM" import tscii.csv --encoding TSCII
    if grep -qx "tscii.csv: 200 rows: 200 added, 0 merged, 0 skipped as duplicates, 0 rejected" out
    then ok; else bad "tscii summary: $(cat out)"; fi
    want=$(head -c 400 /dev/zero | tr '\0' '\202' | iconv -f TSCII -t UTF-8)
    got=$(sqlite3 "$TCRM_DB" "SELECT notes FROM contacts WHERE name = 'Tamil 200'")
    if [ "$got" = "$want" ] && [ "${#want}" = 1600 ]; then ok
    else bad "tscii: stored text differs (${#got} bytes)"; fi
else
    bad "glibc has no TSCII (iconv -l)"
fi

# ---- long option values are cut in errors --------------------------------
L=$(head -c 131000 /dev/zero | tr '\0' x)
X60=${L:0:60}
E=$'\u2026'
expect long-kind 1 "tcrm log: --kind: '$X60$E' is not one of call, email, visit, meeting, message, note" \
    -- "$TCRM" log 1 --kind "$L" hello
expect long-stage 1 "tcrm: stage '$X60$E' is not in the pipeline (stages: Lead, Qualified, Proposal, Negotiation)" \
    -- "$TCRM" deal move 1 "$L"
expect long-id 1 "tcrm contact show: '$X60$E' is not a contact id (a number such as 42)" \
    -- "$TCRM" contact show "$L"
expect long-sort 1 "tcrm contact list: --sort: '$X60$E' is not one of name, company, title, last" \
    -- "$TCRM" contact list --sort "$L"
expect long-export 1 "tcrm export: '$X60$E' is not contacts, companies, interactions, follow-ups or deals" \
    -- "$TCRM" export "$L"
expect long-limit 1 "tcrm contact list: --limit: '$X60$E' is not a whole number from 1 to 1000000000" \
    -- "$TCRM" contact list --limit "$L"
expect long-command 2 "tcrm: unknown command '$X60$E' (tcrm --help lists them)" \
    -- "$TCRM" "$L"
expect long-report 2 "tcrm report: report '$X60$E': unknown (known: agenda, activity, pipeline, forecast, won-lost, sales, products, gone-quiet, segments, imports, receivables, payments, service, campaigns)" \
    -- "$TCRM" report "$L"
expect long-email 1 "tcrm: e-mail 'ab'${L:0:57}$E': not a valid address" \
    -- "$TCRM" contact add Zed --email "ab'$L"
expect long-date 1 "tcrm report: --from: '$X60$E' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday" \
    -- "$TCRM" report pipeline --from "$L"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
