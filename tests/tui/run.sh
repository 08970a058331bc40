#!/usr/bin/env bash
# Screen tests: tcrm runs inside a detached tmux session of a given size,
# keys go in with send-keys, the screen comes back with capture-pane, and
# each case asserts what a person would see. Every case has its own tmux
# server (-L), HOME and database, so cases cannot disturb each other or
# the person running them.
#
#   tests/tui/run.sh path/to/tcrm
#
# Cases marked (form) drive the add/edit dialogs; they pass once those
# exist. The last line is "N passed, N failed"; the exit status is 1 when
# anything failed.
set -u

TCRM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v tmux >/dev/null || { echo "tmux not found"; echo "0 passed, 1 failed"; exit 1; }
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/tcrm-tui.XXXXXX")
PASS=0
FAIL=0
N=0
SOCK=
CASE_OK=1
trap 'cleanup_all' EXIT

cleanup_all() {
    [ -n "$SOCK" ] && tmux -L "$SOCK" kill-server 2>/dev/null
    rm -rf "$ROOT"
}

# ---- helpers ---------------------------------------------------------

# new_case: a fresh HOME and database for the next case.
new_case() {
    N=$((N + 1))
    SOCK="tcrm-tui-$$-$N"
    CASE_HOME="$ROOT/case$N"
    mkdir -p "$CASE_HOME"
    DB="$CASE_HOME/tcrm.db"
    CASE_OK=1
}

# cli ARGS...: the same binary as a command, on the case's database.
cli() {
    env -i HOME="$CASE_HOME" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        "$TCRM" "$@" >>"$CASE_HOME/cli.log" 2>&1
}

# start W H [TERM [extra env...]]: tcrm in a detached session of W x H.
start() {
    local w=$1 h=$2 term=${3:-xterm-256color}
    shift 3 2>/dev/null || shift $#
    tmux -L "$SOCK" -f /dev/null new-session -d -s t -x "$w" -y "$h" \
        "env -i HOME='$CASE_HOME' TCRM_DB='$DB' LC_ALL=C.UTF-8 TERM=$term \
         PATH='$PATH' $* '$TCRM'; echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t t status off >/dev/null
    wait_for "10Quit" 5 || wait_for "Quit" 1 || wait_for "too small" 1
}

stop() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    SOCK=
}

screen() { tmux -L "$SOCK" capture-pane -p -t t; }
keys() { tmux -L "$SOCK" send-keys -t t "$@"; }
# type TEXT: literal text (UTF-8 too).
type_text() { tmux -L "$SOCK" send-keys -t t -l "$1"; }
resize() { tmux -L "$SOCK" resize-window -t t -x "$1" -y "$2"; }

# wait_for TEXT [SECONDS]: until TEXT is on screen.
wait_for() {
    local text=$1 limit=${2:-5} i=0
    while [ "$i" -lt $((limit * 10)) ]; do
        screen | grep -qF -- "$text" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# wait_gone TEXT [SECONDS]: until TEXT is not on screen.
wait_gone() {
    local text=$1 limit=${2:-5} i=0
    while [ "$i" -lt $((limit * 10)) ]; do
        screen | grep -qF -- "$text" || return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

bad() {
    CASE_OK=0
    echo "    $*"
    screen | sed 's/^/    | /'
}

expect() { wait_for "$1" "${2:-5}" || bad "expected on screen: '$1'"; }
expect_not() { wait_gone "$1" "${2:-2}" || bad "expected NOT on screen: '$1'"; }
# expect_line REGEX: a screen line matches an extended regex.
expect_line() {
    local i=0
    while [ $i -lt 30 ]; do
        screen | grep -qE -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    bad "expected a line matching /$1/"
}

# expect_no_line REGEX: no screen line matches (within 2 s).
expect_no_line() {
    local i=0
    while [ $i -lt 20 ]; do
        screen | grep -qE -- "$1" || return 0
        sleep 0.1; i=$((i + 1))
    done
    bad "expected no line matching /$1/"
}

run_case() {
    local name=$1
    new_case
    "$name"
    stop
    if [ "$CASE_OK" = 1 ]; then
        PASS=$((PASS + 1)); echo "ok $N - $name"
    else
        FAIL=$((FAIL + 1)); echo "not ok $N - $name"
    fi
}

# ---- cases -----------------------------------------------------------

first_run_empty() {
    start 80 24
    expect "No contacts yet"
    expect "1Contacts"
    expect "Contacts 0"
    expect "1Help"
    expect "10Quit"
    keys '?'
    expect "tcrm help"
    expect "log a call"
    keys x
    expect "No contacts yet"
    keys q
    expect "EXIT=0"
}

views_switch() {
    cli contact add "Anna Silva" --company "Acme Ltd" --title CEO
    cli deal add "Big order" --company "Acme Ltd" --contact 1 --amount 1200.50
    start 80 24
    expect "Anna Silva"
    keys 2; expect "Industry"; expect "Acme Ltd"
    keys 3; expect "[Lead 1"; expect "1,200.50"
    keys '>'; expect "Moved Big order to Qualified"
    keys l; expect "[Qualified 1"
    keys 4; expect "No open follow-ups"
    keys 1; expect "Last contact"
    keys o; expect "Sorted by company"
    keys q; expect "EXIT=0"
}

paging() {
    for i in $(seq -w 1 60); do cli contact add "Person $i"; done
    start 80 24
    expect "Person 01"
    expect "1/60"
    keys G; expect ">Person 60"; expect "60/60"
    keys g; expect ">Person 01"
    keys NPage; expect "13/60"
    keys j j; expect ">Person 15"
    keys k; expect ">Person 14"
}

cjk_add_and_search() {   # (form)
    cli contact add "Anna Silva"
    start 80 24
    expect "Anna Silva"
    keys a; sleep 0.5
    type_text "张伟明"; keys Enter
    expect "张伟明"
    keys Escape
    keys /; type_text "伟明"
    expect "/伟明"
    expect ">张伟明"
    expect_not "Anna Silva"
    keys Enter; keys Escape
    expect "Anna Silva"
}

duplicate_warning() {    # (form)
    cli contact add "Anna Silva" --email anna@acme.example
    start 80 24
    expect "Anna Silva"
    keys a; sleep 0.5
    type_text "Anna Silva"; keys Enter
    expect_line "[Dd]uplicate|[Ss]imilar|[Aa]lready"
    keys Escape; keys Escape; sleep 0.3; keys y
}

log_call_and_followup() {   # (form)
    cli contact add "Anna Silva"
    start 120 30
    expect "TODAY 0"
    keys c; sleep 0.5
    type_text "asked for a quote"; keys Enter
    expect "Saved"
    expect "asked for a quote"
    keys f; sleep 0.5
    type_text "Send the quote"; keys Tab; keys C-u; type_text "today"
    keys Enter
    expect "TODAY 1"
    expect "Anna Silva: Send the quote"
}

followup_done() {
    cli contact add "Anna Silva"
    cli follow-up add 1 --due today "Call back"
    start 120 30
    expect "TODAY 1"
    expect "Anna Silva: Call back"
    keys Tab; keys d
    expect "Done: Call back"
    expect "TODAY 0"
}

snooze_followup() {      # (prompt)
    cli contact add "Anna Silva"
    cli follow-up add 1 --due today "Call back"
    start 120 30
    expect "TODAY 1"
    keys Tab; keys s; sleep 0.3
    keys C-u; type_text "+3d"; keys Enter
    expect "Snoozed: Call back"
    expect "TODAY 0"
    expect "NEXT 7 DAYS 1"
}

overdue_words_vt100() {
    cli contact add "Anna Silva"
    cli follow-up add 1 --due yesterday "Late call"
    start 80 24 vt100 NO_COLOR=1
    expect "OVERDUE 1"
    keys 4
    expect "OVERDUE"
    expect "Late call"
    if tmux -L "$SOCK" capture-pane -p -e -t t | grep -qE $'\e\\[[0-9;]*3[0-7]m'; then
        bad "colour codes on a vt100 with NO_COLOR"
    fi
}

resize_60x20_and_back() {
    cli contact add "Anna Silva" --company "Acme Ltd"
    start 80 24
    expect "1Contacts"
    resize 60 20
    expect "1Cont"
    expect ">Anna Silva"
    expect_not "too small"
    resize 80 24
    expect "1Contacts"
    expect ">Anna Silva"
    expect "10Quit"
}

tiny_terminal() {
    cli contact add "Anna Silva"
    start 40 10
    expect "Terminal too small"
    expect "need 60x16"
    resize 80 24
    expect ">Anna Silva"
    resize 40 10
    expect "Terminal too small"
    keys q
    expect "EXIT=0"
}

escape_in_name() {
    cli contact add "Anna Silva"
    cli contact add "$(printf 'Evil\033[2J\033]0;pwned\007Name')"
    start 80 24
    expect "Evil␛[2J␛]0;pwned␇Name"
    expect "Anna Silva"
    expect "1Contacts"
    keys j
    expect ">Evil"
    expect "10Quit"
}

two_processes() {
    cli contact add "Anna Silva"
    start 120 30
    expect "TODAY 0"
    cli contact add "Bruno Costa"
    cli follow-up add 2 --due today "Ring Bruno"
    # no key pressed: the other process's change shows by itself
    expect "Bruno Costa" 5
    expect "TODAY 1" 5
    expect "Bruno Costa: Ring Bruno" 5
}

delete_to_trash() {      # (confirm)
    cli contact add "Anna Silva"
    cli contact add "Bob Stone"
    start 80 24
    expect ">Anna Silva"
    keys D; sleep 0.3; keys y
    expect "Moved Anna Silva to the trash"
    expect ">Bob Stone"
    expect_no_line "^[ >]Anna Silva"
}

CASES="first_run_empty views_switch paging cjk_add_and_search
duplicate_warning log_call_and_followup followup_done snooze_followup
overdue_words_vt100 resize_60x20_and_back tiny_terminal escape_in_name
two_processes delete_to_trash"
for c in ${ONLY:-$CASES}; do
    run_case "$c"
done
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
