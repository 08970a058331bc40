# tests/tui/lib.sh: the helpers every screen test shares (sourced by
# run.sh, zh_screen.sh, edit10.sh, sales_screen.sh, money_screen.sh,
# panes_screen.sh, pages_screen.sh and tickets_screen.sh). A script sources
# this, then calls tui_begin NAME "$1" (TCRM, SRC, ROOT, the counters, the
# EXIT trap), sets its own NOW, locale checks and CASE_CONF, lists its
# CASES and ends with run_cases. new_case (new_case_home, then cli init),
# start, wait_started and cli below serve a database made with the CLI
# (SRC, NOW, CASE_HOME, DB); a script whose locale or database differs
# defines its own after sourcing this.

# tui_begin NAME TCRM: the prologue. TCRM made absolute, SRC the source
# tree; exit 77 (skipped) without tmux; ROOT a fresh folder
# tcrm-NAME.XXXXXX, removed on exit with the case's tmux server (a script
# with more to undo sets its own EXIT trap after); PASS, FAIL, N, SOCK,
# CASE_OK for run_case. NAME names the cases' tmux servers too.
tui_begin() {
    TUI_NAME=$1
    TCRM=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
    SRC=$(cd "$(dirname "$0")/../.." && pwd)
    command -v tmux >/dev/null || { echo "tmux not found: skipped"; exit 77; }
    ROOT=$(mktemp -d "${TMPDIR:-/tmp}/tcrm-$TUI_NAME.XXXXXX")
    PASS=0
    FAIL=0
    N=0
    SOCK=
    CASE_OK=1
    trap 'cleanup_all' EXIT
}

# have_zh: the zh_CN.UTF-8 locale is installed.
have_zh() { locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; }

# new_case_home [CONF]: the next case: N, its tmux server SOCK, a fresh
# HOME (CASE_HOME, with a .config/tcrm folder) and DB; CASE_OK=1. CONF, when
# given and not empty, is printf'd into .config/tcrm/tcrm.conf, with
# CASE_HOME for a %s in it.
new_case_home() {
    N=$((N + 1))
    SOCK="tcrm-$TUI_NAME-$$-$N"
    CASE_HOME="$ROOT/case$N"
    mkdir -p "$CASE_HOME/.config/tcrm"
    DB="$CASE_HOME/tcrm.db"
    CASE_OK=1
    [ -z "${1:-}" ] ||
        printf "$1" "$CASE_HOME" > "$CASE_HOME/.config/tcrm/tcrm.conf"
}

# new_case: a fresh HOME (CASE_CONF its tcrm.conf, if set) and database.
new_case() {
    new_case_home "${CASE_CONF:-}"
    cli init
}

cleanup_all() {
    [ -n "$SOCK" ] && tmux -L "$SOCK" kill-server 2>/dev/null
    rm -rf "$ROOT"
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

# cli ARGS...: the same binary as a command, on the case's database.
cli() {
    env -i HOME="$CASE_HOME" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        TCRM_NOW="$NOW" TCRM_DATA_DIR="$SRC/data" "$TCRM" "$@" \
        >>"$CASE_HOME/cli.log" 2>&1
}

# start W H [LANG]: tcrm in a detached session of W x H (LANG only, as a
# person's login sets it; C.UTF-8 by default).
start() {
    local w=$1 h=$2 lang=${3:-C.UTF-8}
    tmux -L "$SOCK" -f /dev/null new-session -d -s t -x "$w" -y "$h" \
        "env -i HOME='$CASE_HOME' TCRM_DB='$DB' LANG=$lang \
         TERM=xterm-256color TCRM_NOW='$NOW' TCRM_DATA_DIR='$SRC/data' \
         PATH='$PATH' '$TCRM'; echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t t status off >/dev/null
    wait_started 5
}

# wait_started SECONDS: until the screen is up (either language), too
# small, or tcrm exited.
wait_started() {
    local i=0
    while [ "$i" -lt $(($1 * 10)) ]; do
        screen | grep -qE -- "Quit|退出|too small|太小|EXIT=" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# run_cases: each case of ONLY (else CASES) in turn; the last line is
# "N passed, N failed", the status 1 when anything failed.
run_cases() {
    local c
    for c in ${ONLY:-$CASES}; do
        run_case "$c"
    done
    echo "$PASS passed, $FAIL failed"
    [ "$FAIL" = 0 ]
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

# has LINE: the screen has this exact line (trailing blanks aside).
has() {
    local i=0
    while [ $i -lt 30 ]; do
        screen | sed 's/ *$//' | grep -qxF -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    bad "expected the line '$1'"
}

# fits W: no screen line is wider than W columns (CJK counted as 2):
# capture-pane gives each cell once, so a line wider than the terminal
# means something was drawn past the edge.
fits() {
    local w=$1 line cols
    while IFS= read -r line; do
        cols=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -L)
        [ "$cols" -le "$w" ] || { bad "line wider than $w: '$line'"; return; }
    done < <(screen)
}
