#!/bin/bash
# tests/cli/load.sh: many people writing one database at once.
#
#   load.sh /path/to/tcrm [PROCS [WRITES [DB]]]
#
# PROCS processes (default 8) each make WRITES writes (default 100), one
# tcrm command per write, mixed in turn: log an interaction, edit a field
# of contact 1 (each process its own field, so edits of different fields
# of one record meet), add a follow-up, mark it done, move a deal. Then it
# checks, and fails on any miss:
#   - every command exited 0 and printed nothing on stderr (so no raw
#     SQLite message, no "busy");
#   - nothing was lost: every interaction, follow-up and deal move a
#     command reported as done is stored;
#   - no lost update: contact 1 holds every process's last value of its
#     field.
# It prints the writes per second and the 50th/99th percentile latency
# of one command (process start included). With DB, that database (a big
# one made by tcrm-bench-gen, bench/README.md) is used as it is: it must
# have contact 1 and the deals it moves are added first; without, a fresh
# one in a temporary folder.
set -u
TCRM=$(realpath "$1")
PROCS=${2:-8}
WRITES=${3:-100}
ROOT=$(mktemp -d /tmp/tcrm-load.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC HOME=$ROOT USER=load
unset TCRM_CONFIG TCRM_NOW
DB=${4:-$ROOT/load.db}
export TCRM_DB=$DB
FIELDS=(title department address city source note owner birthday)

if [ -z "${4:-}" ]; then
    "$TCRM" init >/dev/null || exit 1
    "$TCRM" contact add "Load Person" >/dev/null || exit 1
fi
CO="Load Co $$"
"$TCRM" company add "$CO" >/dev/null || exit 1
for p in $(seq "$PROCS"); do
    "$TCRM" deal add "Deal $p" --company "$CO" --amount 100 >/dev/null || exit 1
done
DEAL0=$(( $(sqlite3 "$DB" "SELECT max(id) FROM deals") - PROCS ))
IA0=$(sqlite3 "$DB" "SELECT count(*) FROM interactions")
FU0=$(sqlite3 "$DB" "SELECT count(*) FROM follow_ups")

# worker P: WRITES commands; one line per command in $ROOT/w$P.log:
# "ns status what".
worker() {
    local p=$1 field=${FIELDS[$(( ($1 - 1) % ${#FIELDS[@]} ))]} i t0 t1 rc
    local stages=(Qualified Proposal Negotiation Lead) fid=
    for i in $(seq "$WRITES"); do
        t0=$(date +%s%N)
        case $((i % 5)) in
        0) "$TCRM" log 1 --kind call "w$p call $i" >/dev/null 2>>"$ROOT/w$p.err"
           rc=$?; what=log ;;
        1) if [ "$field" = birthday ]; then
               v=$(printf '2000-%02d-%02d' $(( i % 12 + 1 )) $(( i % 28 + 1 )))
           else
               v="w$p-$i"
           fi
           "$TCRM" contact edit 1 --"$field" "$v" >/dev/null 2>>"$ROOT/w$p.err"
           rc=$?; what="edit $field $v" ;;
        2) out=$("$TCRM" follow-up add 1 --due tomorrow "w$p task $i" 2>>"$ROOT/w$p.err")
           rc=$?; fid=$(printf '%s' "$out" | sed -n 's/^follow-up \([0-9]*\) .*/\1/p')
           what="fu-add $fid" ;;
        3) if [ -n "$fid" ]; then
               "$TCRM" follow-up done "$fid" >/dev/null 2>>"$ROOT/w$p.err"
               rc=$?; what="fu-done $fid"
           else
               rc=1; what="fu-done none"
           fi ;;
        4) "$TCRM" deal move $((DEAL0 + p)) "${stages[$(( (i / 5) % 4 ))]}" \
               >/dev/null 2>>"$ROOT/w$p.err"
           rc=$?; what="move ${stages[$(( (i / 5) % 4 ))]}" ;;
        esac
        t1=$(date +%s%N)
        echo "$((t1 - t0)) $rc $what" >>"$ROOT/w$p.log"
    done
}

start=$(date +%s%N)
for p in $(seq "$PROCS"); do worker "$p" & done
wait
end=$(date +%s%N)

fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
total=$(cat "$ROOT"/w*.log | wc -l)
[ "$total" = $((PROCS * WRITES)) ] || bad "$total commands ran, not $((PROCS * WRITES))"
failed=$(cat "$ROOT"/w*.log | awk '$2 != 0' | wc -l)
[ "$failed" = 0 ] || bad "$failed commands failed: $(cat "$ROOT"/w*.log | awk '$2 != 0' | head -3)"
errs=$(cat "$ROOT"/w*.err 2>/dev/null)
[ -z "$errs" ] || bad "messages on stderr: $(printf '%s\n' "$errs" | sort | uniq -c | head -5)"
sqlite_msgs=$(printf '%s\n' "$errs" | grep -ciE 'sqlite|database is locked|constraint' || true)

# Nothing lost.
logs=$(cat "$ROOT"/w*.log | awk '$2 == 0 && $3 == "log"' | wc -l)
ia=$(( $(sqlite3 "$DB" "SELECT count(*) FROM interactions") - IA0 ))
[ "$ia" = "$logs" ] || bad "lost interactions: $logs logged, $ia stored"
adds=$(cat "$ROOT"/w*.log | awk '$2 == 0 && $3 == "fu-add"' | wc -l)
fu=$(( $(sqlite3 "$DB" "SELECT count(*) FROM follow_ups") - FU0 ))
[ "$fu" = "$adds" ] || bad "lost follow-ups: $adds added, $fu stored"
for f in $(cat "$ROOT"/w*.log | awk '$2 == 0 && $3 == "fu-done" {print $4}'); do
    st=$(sqlite3 "$DB" "SELECT status FROM follow_ups WHERE id = $f")
    [ "$st" = done ] || bad "follow-up $f reported done is '$st'"
done
for p in $(seq "$PROCS"); do
    want=$(awk '$2 == 0 && $3 == "move" {s = $4} END {print s}' "$ROOT/w$p.log")
    got=$(sqlite3 "$DB" "SELECT stage FROM deals WHERE id = $((DEAL0 + p))")
    [ -z "$want" ] || [ "$want" = "$got" ] || bad "deal $((DEAL0 + p)): last move $want, stored $got"
done

# No lost update: each process's last value of its field is there.
for p in $(seq "$PROCS"); do
    last=$(awk '$2 == 0 && $3 == "edit" {f = $4; v = $5} END {print f, v}' "$ROOT/w$p.log")
    f=${last% *} v=${last#* }
    [ -n "$v" ] || continue
    col=$f; [ "$col" = note ] && col=notes
    got=$(sqlite3 "$DB" "SELECT $col FROM contacts WHERE id = 1")
    [ "$got" = "$v" ] || bad "lost update: contact 1 $col is '$got', process $p wrote '$v' last"
done

ms=$(( (end - start) / 1000000 ))
cat "$ROOT"/w*.log | awk '{print $1}' | sort -n >"$ROOT/lat"
n=$(wc -l <"$ROOT/lat")
p50=$(sed -n "$(( (n + 1) / 2 ))p" "$ROOT/lat")
p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$ROOT/lat")
echo "$PROCS processes x $WRITES writes: $total commands in $ms ms," \
     "$(( total * 1000 / (ms > 0 ? ms : 1) )) writes/s," \
     "p50 $(( p50 / 1000000 )) ms, p99 $(( p99 / 1000000 )) ms;" \
     "failed $failed, raw SQLite messages $sqlite_msgs"
[ "$fail" = 0 ] && echo "0 lost, 0 lost updates" && exit 0
echo "$fail problems"
exit 1
