#!/bin/bash
# tests/tui/charset.sh: the screen in a terminal that is not UTF-8.
#
#   charset.sh /path/to/tcrm
#
# - LC_ALL=C (tmux at 80x24): hanzi and accents become '?' (as many as
#   the character is wide), so every column still starts where the header
#   says; no raw UTF-8 byte reaches the terminal.
# - LC_ALL=zh_CN.GB18030 (under script(1), since tmux itself speaks
#   UTF-8): what reaches the terminal is GB18030: the Chinese interface
#   and the demo's Chinese names decode from it, and it is not UTF-8.
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-tui-cs.XXXXXX)
S=tcrmcs$$
trap 'tmux kill-session -t "$S" 2>/dev/null; rm -rf "$W"' EXIT
cd "$W" || exit 1
export TCRM_NOW="2026-11-20 10:00:00" TZ=UTC HOME=$W XDG_CONFIG_HOME=$W/.config
unset TCRM_CONFIG NO_COLOR LANGUAGE
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
LC_ALL=C.UTF-8 "$TCRM" --db "$W/d.db" init --demo >/dev/null || exit 1

# ---- LC_ALL=C ------------------------------------------------------------
tmux new-session -d -s "$S" -x 80 -y 24 \
    "env LC_ALL=C TERM=xterm-256color $TCRM --db $W/d.db"
screen=""
for _ in $(seq 50); do
    sleep 0.1
    screen=$(tmux capture-pane -p -t "$S")
    [[ "$screen" == *"Anna Silva"* ]] && break
done
head=$(printf '%s\n' "$screen" | sed -n 2p)
col=$(printf '%s\n' "$head" | grep -bo 'Company' | head -n 1 | cut -d: -f1)
cjk=$(printf '%s\n' "$screen" | grep -m 1 '^ ????  ')
[[ -n "$cjk" ]] && ok || bad "C: a Chinese name is not shown as '????': $screen"
# The company of that row starts under the header's Company.
rest=${cjk:$col:1}
[[ -n "$col" && "$rest" == "?" && "${cjk:$((col - 1)):1}" == " " ]] && ok ||
    bad "C: columns moved (Company at $col): '$cjk'"
[[ "$screen" == *"Bj?rn Andersson"* ]] && ok || bad "C: accents: $screen"
if printf '%s' "$screen" | LC_ALL=C grep -q $'[\x80-\xff]'; then
    bad "C: non-ASCII bytes on the screen"
else
    ok
fi
tmux send-keys -t "$S" q
sleep 0.3
tmux kill-session -t "$S" 2>/dev/null

# ---- LC_ALL=zh_CN.GB18030 -------------------------------------------------
if [ "$(LC_ALL=zh_CN.GB18030 locale charmap 2>/dev/null)" != GB18030 ]; then
    bad "the zh_CN.GB18030 locale is missing (scripts/setup.sh makes it)"
else
    (sleep 2; printf q) | LC_ALL=zh_CN.GB18030 TERM=xterm \
        script -qfc "stty cols 80 rows 24; $TCRM --db $W/d.db" "$W/raw" \
        >/dev/null 2>&1
    text=$(iconv -f GB18030 -t UTF-8 "$W/raw" 2>/dev/null)
    [[ "$text" == *"联系人"* && "$text" == *"陈静"* ]] && ok ||
        bad "GB18030: the Chinese screen does not decode from GB18030"
    if iconv -f UTF-8 -t UTF-8 "$W/raw" >/dev/null 2>&1; then
        bad "GB18030: the terminal was sent UTF-8"
    else
        ok
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
