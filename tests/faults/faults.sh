#!/bin/bash
# tests/faults/faults.sh: what tcrm does when the disk fills, a write fails
# or the database file is damaged.
#
#   faults.sh /path/to/tcrm /path/to/failwrite.so
#
# For every write path of paths.sh (add, edit, delete of each entity, log,
# import, import with merge, undo, restore, the migration of a schema-1
# database, check), each on a fresh copy of its database:
#   - full disk (failwrite.so: writes to the WAL fail with ENOSPC at once,
#     or after 4200, 12500, 33000 bytes: 1, 3, 8 pages): with no room,
#     exit 1, one line "tcrm: FILE: disk full: nothing was changed", the
#     rows exactly as before, PRAGMA integrity_check and `tcrm check` ok
#     (`check` writes nothing and must simply work); with some room, that
#     or (a change that fits) done, the rows as after a normal run;
#   - a file-size limit (ulimit -f, SIGXFSZ ignored by tcrm) of 32 (the
#     -shm file needs 32), 36, 48, 64, 96 and 160 KB, so that the
#     write-ahead log fills at some point of the path (a small change may
#     fit in all of them): every run ends either done (the rows as after a
#     normal run) or with the disk-full line and the rows as before, never
#     a mixture; which limits stopped which path is printed;
#   - a failing disk (EIO on every WAL write): exit 1, one line naming the
#     file and the I/O error, rows as before.
# Then a damaged database (truncated; the root page of a table overwritten
# with garbage): `tcrm check` says so in one line, a write that meets the
# damage is refused in one line and writes nothing, nothing crashes; once
# the damage is found (by check or any command) every write is refused
# until check passes again (the note FILE-damaged, src/core/db_damage.c).
# Ends "N passed, N failed"; exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
SHIM=$(realpath "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/tcrm-faults.XXXXXX)
trap 'rm -rf "$W"' EXIT
# the shim is not built with ASan; it may come first in the sanitizer build
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
source "$HERE/paths.sh"
declare -a stops
make_template "$W" || exit 1

# sound NAME: the database passes integrity_check and tcrm check
sound() {
    local ic
    ic=$(sqlite3 "$W/run/db" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || { bad "$1: integrity_check: $ic"; return; }
    "$TCRM" --db "$W/run/db" check >/dev/null 2>&1 || { bad "$1: tcrm check failed"; return; }
    ok
}

full_line() {
    if [ "$1" = import ] || [ "$1" = import-merge ]; then
        echo "tcrm: $W/run/db: disk full: nothing was changed; nothing imported"
    else
        echo "tcrm: $W/run/db: disk full: nothing was changed"
    fi
}

for p in $PATHS; do
    path_args "$p"
    before=$(state "$W/$BASE.db")
    fresh
    (cd "$W/run" && "$TCRM" --db "$W/run/db" "${ARGS[@]}" >/dev/null 2>&1) ||
        bad "$p: fails without a fault"
    after=$(state "$W/run/db")
    want=$(full_line "$p")

    # ---- full disk: the WAL cannot grow at all, or fills after 1, 3 or
    # 8 pages (a disk that fills in the middle of the change)
    for room in 0 4200 12500 33000; do
        fresh
        (cd "$W/run" && LD_PRELOAD=$SHIM TCRM_FAULT=enospc TCRM_FAULT_AFTER=$room \
            "$TCRM" --db "$W/run/db" "${ARGS[@]}" >/dev/null 2>"$W/err"); rc=$?
        err=$(cat "$W/err")
        now=$(state "$W/run/db")
        if [ "$p" = check ]; then
            [ "$rc:$err" = "0:" ] && [ "$now" = "$before" ] && ok ||
                bad "$p: full disk: status $rc, '$err'"
        elif [ "$rc" = 1 ] && [ "$err" = "$want" ] && [ "$now" = "$before" ]; then
            ok
            stops[$room]=$((${stops[$room]:-0} + 1))
        elif [ "$room" != 0 ] && [ "$rc" = 0 ] && [ "$now" = "$after" ]; then
            ok
        else
            bad "$p: full disk after $room bytes: status $rc, stderr '$err', wanted 1 '$want' (rows $([ "$now" = "$before" ] && echo as before || { [ "$now" = "$after" ] && echo as after || echo MIXED; }))"
        fi
        sound "$p: full disk after $room bytes"
    done

    # ---- a file-size limit reached somewhere along the path
    stopped=
    for kb in 32 36 48 64 96 160; do
        fresh
        (ulimit -f "$kb"; cd "$W/run" &&
            "$TCRM" --db "$W/run/db" "${ARGS[@]}" >/dev/null 2>"$W/err"); rc=$?
        err=$(cat "$W/err")
        now=$(state "$W/run/db")
        if [ "$rc" = 0 ] && [ "$now" = "$after" ]; then
            ok
        elif [ "$rc" = 1 ] && [ "$err" = "$want" ] && [ "$now" = "$before" ]; then
            ok
            stopped="$stopped $kb"
        elif [ "$rc" = 1 ] && [ "$err" = "$want" ]; then
            bad "$p: limit $kb KB: said nothing was changed, but rows changed"
        else
            bad "$p: limit $kb KB: status $rc, stderr '$err' (rows $([ "$now" = "$before" ] && echo as before || { [ "$now" = "$after" ] && echo as after || echo MIXED; }))"
        fi
        sound "$p: limit $kb KB"
    done
    printf '%-17s stopped by a file-size limit of (KB):%s\n' "$p" "${stopped:- none}"

    # ---- a failing disk: every write to the WAL gets EIO
    if [ "$p" != check ]; then
        fresh
        (cd "$W/run" && LD_PRELOAD=$SHIM TCRM_FAULT=eio \
            "$TCRM" --db "$W/run/db" "${ARGS[@]}" >/dev/null 2>"$W/err"); rc=$?
        err=$(cat "$W/err")
        case $err in
        "tcrm: $W/run/db: disk I/O error"*) [ "$rc" = 1 ] && [ "$(wc -l <"$W/err")" = 1 ] && ok ||
            bad "$p: EIO: status $rc, stderr '$err'" ;;
        *) bad "$p: EIO: status $rc, stderr '$err'" ;;
        esac
        [ "$(state "$W/run/db")" = "$before" ] && ok || bad "$p: EIO: rows changed"
        sound "$p: EIO"
    fi
done

printf 'write paths stopped by a full disk after 0/4200/12500/33000 bytes of WAL: %d/%d/%d/%d\n' \
    "${stops[0]:-0}" "${stops[4200]:-0}" "${stops[12500]:-0}" "${stops[33000]:-0}"

# ---- a damaged database file ----------------------------------------------
BASE=template
# damage_line TEXT: TEXT is the one line of a write refused because the
# file is damaged: damage found before (the note) or the file cut short.
damage_line() {
    case $1 in
    "tcrm: $W/run/db: damaged (found "*"); nothing is written to it until tcrm check passes (go back to a copy first)") return 0 ;;
    "tcrm: $W/run/db: damaged: the file is "*"; it was cut short, so nothing is written to it (tcrm check; go back to a copy)") return 0 ;;
    esac
    return 1
}

# damaged NAME: the file run/db is damaged; check says so in one line, a
# write is refused, a read fails or works but nothing crashes (status < 128)
damaged() {
    local name=$1 rc out
    out=$("$TCRM" --db "$W/run/db" check 2>&1); rc=$?
    [ "$rc" = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] &&
        printf '%s' "$out" | grep -q "^tcrm: $W/run/db: " && ok ||
        bad "$name: check: status $rc, '$out'"
    for cmd in "contact list" "search anna" "due" "report pipeline" "export contacts"; do
        # shellcheck disable=SC2086
        "$TCRM" --db "$W/run/db" $cmd >/dev/null 2>&1; rc=$?
        [ "$rc" -lt 128 ] && ok || bad "$name: $cmd: died with status $rc"
    done
    # check has found the damage and left the note run/db-damaged: from
    # now on every write is refused in one line and writes nothing, also
    # one that never reads the damaged page (SQLite alone would let it
    # through: it knows a page is bad only when it reads it).
    [ -f "$W/run/db-damaged" ] && ok || bad "$name: check left no note"
    sum=$(md5sum <"$W/run/db")
    "$TCRM" --db "$W/run/db" "${@:2}" >/dev/null 2>"$W/err"; rc=$?
    if [ "$rc" = 1 ]; then
        [ "$(wc -l <"$W/err")" = 1 ] && [ "$(md5sum <"$W/run/db")" = "$sum" ] && ok ||
            bad "$name: ${*:2}: refused but '$(cat "$W/err")' or the file changed"
    else
        bad "$name: ${*:2}: status $rc, not refused"
    fi
    sum=$(md5sum <"$W/run/db")
    out=$("$TCRM" --db "$W/run/db" contact add "New Person" 2>&1); rc=$?
    [ "$rc" = 1 ] && [ "$(md5sum <"$W/run/db")" = "$sum" ] &&
        damage_line "$out" &&
        ok || bad "$name: contact add: status $rc, '$out'"
    "$TCRM" --db "$W/run/db" check >/dev/null 2>&1 && bad "$name: check passes after a write" || ok
}

# damage_page TABLE: overwrite the root page of TABLE with random bytes
damage_page() {
    local page
    page=$(sqlite3 "$W/run/db" "SELECT rootpage FROM sqlite_master WHERE name = '$1'")
    dd if=/dev/urandom of="$W/run/db" bs=4096 seek=$((page - 1)) count=1 conv=notrunc status=none
}
fresh
size=$(stat -c %s "$W/run/db")
truncate -s $((size / 2)) "$W/run/db"
damaged truncated contact add "Truncated Person"
# Cut short, the file takes no write at all, even one that never reads
# the missing end: the header says how long it should be (db_header.c).
sum=$(md5sum <"$W/run/db")
out=$("$TCRM" --db "$W/run/db" setting pool-after-days 9 2>&1); rc=$?
[ "$rc" = 1 ] && [ "$(md5sum <"$W/run/db")" = "$sum" ] &&
    case $out in "tcrm: $W/run/db: damaged: the file is "*", its header says "*"; it was cut short, so nothing is written to it (tcrm check; go back to a copy)") true ;; *) false ;; esac &&
    ok || bad "truncated: setting: status $rc, '$out'"
fresh; damage_page contacts
damaged "contacts page garbage" contact edit 1 --title Boss
fresh; damage_page companies
damaged "companies page garbage" company add "Garbage Co"
fresh; damage_page import_batches
damaged "import_batches page garbage" import cards.csv
fresh; damage_page deals
damaged "deals page garbage" deal move 1 Proposal

# Damage met by any command (not only check) leaves the note: a list
# reads the garbage, then a write elsewhere (a company) is refused.
fresh; damage_page contacts
"$TCRM" --db "$W/run/db" contact list >/dev/null 2>&1
[ -f "$W/run/db-damaged" ] && ok || bad "contact list left no note"
sum=$(md5sum <"$W/run/db")
"$TCRM" --db "$W/run/db" company add "Elsewhere Co" >/dev/null 2>&1; rc=$?
[ "$rc" = 1 ] && [ "$(md5sum <"$W/run/db")" = "$sum" ] && ok ||
    bad "company add after damage: status $rc or the file changed"
# Going back to a copy: writes stay refused until check passes, which
# removes the note; then they work again.
cp "$W/$BASE.db" "$W/run/db"
"$TCRM" --db "$W/run/db" company add "Too Soon Co" >/dev/null 2>&1 &&
    bad "a write before check after going back to a copy" || ok
out=$("$TCRM" --db "$W/run/db" check 2>&1) && [ ! -e "$W/run/db-damaged" ] && ok ||
    bad "check of the copy: '$out', note left: $(ls "$W/run")"
"$TCRM" --db "$W/run/db" company add "Back Co" >/dev/null 2>&1 && ok ||
    bad "a write after check passed"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
