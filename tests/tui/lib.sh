# tests/tui/lib.sh: the helpers every screen test shares (sourced by
# run.sh, zh_screen.sh, edit10.sh and sales_screen.sh). A script defines
# TCRM, ROOT, SOCK, PASS, FAIL, N, CASE_OK and its own new_case, start and
# wait_started (they differ in locale and database), then sources this.

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
