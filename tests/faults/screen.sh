#!/bin/bash
# tests/faults/screen.sh: a write that fails under the full-screen
# interface (a dying disk: EIO; a full disk: ENOSPC, both through the
# failwrite.so shim) gives a clear error on the screen, keeps what was
# typed, and leaves the screen usable: the form can be left, the list is
# still there, q quits with status 0, the database is unchanged.
#
#   screen.sh /path/to/tcrm /path/to/failwrite.so
#
# tcrm runs in a detached tmux session (its own -L socket) at 80x24.
# Ends "N passed, N failed"; exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
SHIM=$(realpath "$2")
W=$(mktemp -d /tmp/tcrm-fault-screen.XXXXXX)
SOCK=tcrm-fault-screen-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; screen | sed 's/^/    | /'; }
screen() { tmux -L "$SOCK" capture-pane -p -t t 2>/dev/null; }
keys() { tmux -L "$SOCK" send-keys -t t "$@"; }
expect() { # expect NAME TEXT: TEXT on the screen within 5 s
    local i=0
    while [ $i -lt 50 ]; do
        screen | grep -qF -- "$2" && { ok; return; }
        sleep 0.1; i=$((i + 1))
    done
    bad "$1: no '$2' on the screen"
}

for fault in eio enospc; do
    case $fault in
    eio) want="disk I/O error" ;;
    enospc) want="disk full: nothing was changed" ;;
    esac
    DB=$W/$fault.db
    env -i HOME="$W" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        "$TCRM" init >/dev/null
    env -i HOME="$W" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        "$TCRM" contact add "Anna Silva" >/dev/null
    before=$(sqlite3 "$DB" .dump)
    tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 80 -y 24 \
        "env -i HOME='$W' TCRM_DB='$DB' LC_ALL=C.UTF-8 TERM=xterm-256color \
         PATH='$PATH' ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1 \
         LD_PRELOAD='$SHIM' TCRM_FAULT=$fault '$TCRM'; echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t t status off >/dev/null
    expect "$fault: start" ">Anna Silva"
    keys a
    expect "$fault: form" "Add contact"
    tmux -L "$SOCK" send-keys -t t -l "Bob Broken"
    keys Enter
    expect "$fault: error shown" "$want"
    expect "$fault: form kept" "Add contact *"
    screen | grep -qE "^Name +Bob Broken$" && ok || bad "$fault: typed name lost"
    keys Escape
    expect "$fault: discard asked" "Discard changes? (y/n)"
    keys y
    expect "$fault: list back" ">Anna Silva"
    expect "$fault: bottom bar" "10Quit"
    keys q
    expect "$fault: quits cleanly" "EXIT=0"
    tmux -L "$SOCK" kill-server 2>/dev/null
    [ "$(sqlite3 "$DB" .dump)" = "$before" ] && ok || bad "$fault: database changed"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
