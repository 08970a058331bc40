#!/bin/bash
# tests/tui/cursor.sh: [display] cursor = bar | arrow (tcrm.conf(5)).
#
#   cursor.sh /path/to/tcrm
#
# In tmux at 80x24 on the demo data, one `j` down the contact list:
# - bar (the default): the selected row, marker and text, is drawn in the
#   cursor colours (black on cyan), the row left behind in the normal ones;
# - arrow: only the ">" marker is in the cursor colours, the row's text is
#   not, and the marker moved with the key;
# - the bytes one step writes (tcrm on a pseudo-terminal, python3's pty):
#   arrow writes at least 100 fewer than bar (two whole rows are not
#   rewritten; bench/README.md has the numbers at 1,000,000 contacts);
# - a bad value is one line naming file:line, the key and what is allowed.
# Ends "N passed, N failed".
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-tui-cur.XXXXXX)
S=tcrmcur$$
trap 'tmux kill-session -t "$S" 2>/dev/null; rm -rf "$W"' EXIT
cd "$W" || exit 1
export TCRM_NOW="2026-11-20 10:00:00" TZ=UTC HOME=$W XDG_CONFIG_HOME=$W/.config
export LC_ALL=C.UTF-8
unset TCRM_CONFIG NO_COLOR LANGUAGE
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
"$TCRM" --db "$W/d.db" init --demo >/dev/null || exit 1
printf '[display]\ncursor = bar\n' >"$W/bar.conf"
printf '[display]\ncursor = arrow\n' >"$W/arrow.conf"
ESC=$'\e'

# rows CONF: start tcrm with CONF, press j once, print rows 3 and 4 of
# the screen with their colours (tmux capture-pane -e).
rows() {
    tmux kill-session -t "$S" 2>/dev/null
    tmux new-session -d -s "$S" -x 80 -y 24 \
        "env TERM=xterm-256color $TCRM --config $1 --db $W/d.db"
    local screen=""
    for _ in $(seq 50); do
        sleep 0.1
        screen=$(tmux capture-pane -p -t "$S")
        [[ "$screen" == *"Anna Silva"* ]] && break
    done
    tmux send-keys -t "$S" j
    for _ in $(seq 30); do
        sleep 0.1
        screen=$(tmux capture-pane -e -p -t "$S" | sed -n 4p)
        [[ "$screen" == *">"* ]] && break
    done
    tmux capture-pane -e -p -t "$S" | sed -n 3,4p
    tmux send-keys -t "$S" q
}

bar=$(rows "$W/bar.conf")
old=$(printf '%s\n' "$bar" | sed -n 1p) new=$(printf '%s\n' "$bar" | sed -n 2p)
[[ "$new" == "${ESC}[30m${ESC}[46m>Bj"*"rn Andersson"* ]] && ok ||
    bad "bar: the selected row is not all in the cursor colours: '$new'"
[[ "$old" == *" Anna Silva"* && "$old" != *"46m"* ]] && ok ||
    bad "bar: the row left behind keeps the cursor colours: '$old'"

arrow=$(rows "$W/arrow.conf")
old=$(printf '%s\n' "$arrow" | sed -n 1p) new=$(printf '%s\n' "$arrow" | sed -n 2p)
[[ "$new" == "${ESC}[30m${ESC}[46m>${ESC}[39m${ESC}[49mBj"*"rn Andersson"* ]] && ok ||
    bad "arrow: the marker alone should be in the cursor colours: '$new'"
[[ "$old" == *" Anna Silva"* && "$old" != *"46m"* && "$old" != *">"* ]] && ok ||
    bad "arrow: the marker did not leave the row above: '$old'"

# step_bytes CONF: what tcrm writes for one `j` once the screen is at rest.
step_bytes() {
    python3 - "$TCRM" "$1" "$W/d.db" <<'EOF'
import os, pty, select, struct, sys, time, fcntl, termios
tcrm, conf, db = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.execv(tcrm, [tcrm, '--config', conf, '--db', db])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
def drain(quiet):
    out, end = b'', time.time() + quiet
    while True:
        r, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if not r:
            return out
        try:
            out += os.read(fd, 65536)
        except OSError:
            return out
        end = time.time() + quiet
drain(1.5)
os.write(fd, b'j')
print(len(drain(0.5)))
os.write(fd, b'q')
drain(0.5)
EOF
}
nb=$(step_bytes "$W/bar.conf") na=$(step_bytes "$W/arrow.conf")
[[ "$nb" =~ ^[0-9]+$ && "$na" =~ ^[0-9]+$ ]] && [ $((nb - na)) -ge 100 ] && ok ||
    bad "bytes of one step: bar $nb, arrow $na (arrow should save 100 or more)"

printf '[display]\ncursor = blink\n' >"$W/bad.conf"
out=$("$TCRM" --config "$W/bad.conf" --db "$W/d.db" contact list 2>&1); rc=$?
[ "$rc" = 1 ] && [ "$out" = "tcrm: $W/bad.conf:2: [display] cursor: 'blink' is not bar or arrow" ] && ok ||
    bad "bad value: status $rc, '$out'"

echo "$pass passed, $fail failed (one step: bar $nb bytes, arrow $na)"
[ "$fail" -eq 0 ]
