#!/usr/bin/env bash
# Screen tests of issue 14's panes: the built tcrm inside tmux at 80x24, on
# databases made with the CLI first. A contact with a ticket and an
# attachment shows both in its detail pane (the ticket's deadline in
# words); F lists the record's files, saves one out byte for byte (and
# asks before overwriting), detaches one after a question; an overdue
# ticket in the reminder pane's TICKETS, Enter going to its contact; a
# manager comments on a salesperson's call through the interactions list
# (a salesperson is refused with the core's message), and the salesperson
# sees it in the pane's COMMENTS, reads it and it goes (run as two Unix
# users: root only, else that case is skipped); the panes in Chinese.
#
#   tests/tui/panes_screen.sh path/to/tcrm
#
# Same helpers as tests/tui/run.sh (lib.sh). The last line is "N passed,
# N failed"; the exit status is 1 when anything failed.
set -u

. "$(dirname "$0")/lib.sh"
tui_begin tui-panes "$1"
chmod 755 "$ROOT"
NOW="2026-11-18 10:00"
USERS=
trap 'cleanup_all; for u in $USERS; do userdel "$u" >/dev/null 2>&1; done' EXIT

# Anna Silva (contact 1) with a high-priority ticket opened yesterday at
# 10:00 (answer within 8 h: 16 h late now) and a 3000-byte binary file;
# Bo Li (contact 2) with a ticket opened now (due in 8 h).
panes_data() {
    cli contact add "Anna Silva"
    cli contact add "Bo Li"
    NOW="2026-11-17 10:00" cli ticket add --contact 1 --priority high \
        "Printer jams"
    cli ticket add --contact 2 --priority high "Toner low"
    head -c 3000 /dev/urandom > "$CASE_HOME/scan.bin"
    printf '\0\377\n' >> "$CASE_HOME/scan.bin"
    cli attach contact 1 "$CASE_HOME/scan.bin"
}

# ---- cases -------------------------------------------------------------

detail_blocks() {
    panes_data
    start 80 24
    expect ">Anna Silva"
    expect_line '^ Tickets: 1 open of 1 *$'
    expect_line '^   T2026-0001 · new · overdue 16 h · Printer jams *$'
    expect_line '^ 1 attachment \(F lists it\): *$'
    expect_line '^   scan\.bin · 3 KB · 2026-11-18 *$'
    keys j
    expect ">Bo Li"
    expect_line '^   T2026-0002 · new · due in 8 h · Toner low *$'
    expect_not "attachment (F"
    keys 4 F
    expect "F lists a record's files (not in this view)"
}

files_save_detach() {
    panes_data
    start 80 24
    expect ">Anna Silva"
    keys F
    expect "Attachments of Anna Silva"
    expect_line '^>scan\.bin +3 KB  2026-11-18 10:00  '
    keys s
    expect "Save to: ~/scan.bin"
    type_text "$CASE_HOME/out.bin"; keys Enter
    expect "Saved to $CASE_HOME/out.bin"
    cmp -s "$CASE_HOME/scan.bin" "$CASE_HOME/out.bin" ||
        bad "the saved file differs from the attached one"
    echo other > "$CASE_HOME/out.bin"
    keys Enter
    expect "Save to: ~/scan.bin"
    type_text "$CASE_HOME/out.bin"; keys Enter
    expect "exists: overwrite it? (y/n)"
    keys n
    expect "Not saved: $CASE_HOME/out.bin is there already"
    [ "$(cat "$CASE_HOME/out.bin")" = other ] || bad "overwritten after n"
    keys s; type_text "$CASE_HOME/out.bin"; keys Enter y
    expect "Saved to $CASE_HOME/out.bin"
    cmp -s "$CASE_HOME/scan.bin" "$CASE_HOME/out.bin" ||
        bad "the file saved over the old one differs"
    keys s; type_text "$CASE_HOME/nodir/x.bin"; keys Enter
    expect_line "nodir/x\.bin"
    keys D
    expect "Detach scan.bin? It is deleted for good. (y/n)"
    keys n; expect "Not detached"
    keys D y
    expect "Detached scan.bin"
    expect "No attachments"
    keys q
    expect ">Anna Silva"
    expect_not "attachment (F"
}

tickets_pane() {
    panes_data
    cli ticket wait 2
    start 80 24
    keys p
    expect_line '│TICKETS 1 *$'
    expect_line '│ overdue 16 h: T2026-0001…$'
    keys j
    expect ">Bo Li"
    expect_line '^   T2026-0002 · waiting · clock stopped · Toner low '
    keys Tab G
    expect_line '│>overdue 16 h: T2026-0001…$'
    keys Enter
    expect_line '^>Anna Silva'
}

# Chinese: the blocks, the file list, the pane's section fit 80 columns.
panes_in_chinese() {
    have_zh || return 0
    panes_data
    start 80 24 zh_CN.UTF-8
    expect ">Anna Silva"
    expect_line '^ 工单：'
    expect_line '^   T2026-0001 · '
    keys F
    expect_line 'scan\.bin'
    keys q p
    expect_line '│超时工单 1 *$'
}

# ---- as people: a manager comments, the salesperson reads ---------------

# as LOGIN ARGS...: tcrm as that Unix account on the office database.
as() {
    local u=$1
    shift
    (cd "$ROOT" && runuser -u "$u" -- env -i PATH=/usr/bin:/bin HOME="$ROOT" \
        USER="$u" TCRM_NOW="$NOW" TCRM_DATA_DIR="$SRC/data" LC_ALL=C.UTF-8 \
        "$TCRM" --db "$DB" "$@" >>"$CASE_HOME/cli.log" 2>&1)
}

# start_as LOGIN: the screen as that account (80x24).
start_as() {
    tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 80 -y 24 \
        "cd '$ROOT' && runuser -u '$1' -- env -i HOME='$ROOT' USER='$1' \
         LANG=C.UTF-8 TERM=xterm-256color TCRM_NOW='$NOW' \
         TCRM_DATA_DIR='$SRC/data' PATH=/usr/bin:/bin '$TCRM' --db '$DB'; \
         echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t t status off >/dev/null
    wait_started 5
}

comments_as_people() {
    if [ "$(id -u)" != 0 ] || ! command -v runuser >/dev/null; then
        echo "    (not root: skipped)"
        return 0
    fi
    local M=tcrmp$$m S=tcrmp$$s
    useradd -M -d "$ROOT" -s /bin/sh "$M" && USERS="$USERS $M"
    useradd -M -d "$ROOT" -s /bin/sh "$S" && USERS="$USERS $S"
    mkdir -m 1777 "$ROOT/db$N"
    DB=$ROOT/db$N/office.db
    as root init
    chmod 666 "$DB"
    as root init --shared
    as root user add "$M" --role manager
    as root user add "$S" --role sales --manager "$M"
    as "$S" contact add "Anna Silva"
    as "$S" log 1 --kind call "asked for a quote"
    # the salesperson may not comment: the core's message in the list
    start_as "$S"
    keys i
    expect "Interactions with Anna Silva"
    keys c; type_text "well done"; keys Enter
    expect "only a manager of $S or an admin may comment on $S's log"
    stop
    SOCK="$SOCK-m"
    start_as "$M"
    expect ">Anna Silva"
    keys i
    expect_line '^>2026-11-18 10:00  call +asked for a quote'
    keys c
    expect "Comment:"
    type_text "Send the quote today."; keys Enter
    expect "Comment added: Enter shows it"
    keys Enter
    expect "1 comment:"
    expect_line "^ 2026-11-18 10:00  $M: *\$"
    expect "Send the quote today."
    keys q q
    stop
    SOCK="$SOCK-s"
    start_as "$S"
    keys p
    expect_line '│COMMENTS 1 *$'
    expect_line "│ $M: Send the qu"
    keys Tab G Enter
    expect "Send the quote today."
    expect "$M, 2026-11-18 10:00, on Anna Silva: asked for a quote"
    keys q
    expect "1 comment marked read"
    expect_not "COMMENTS 1"
}

CASES="detail_blocks files_save_detach tickets_pane panes_in_chinese
comments_as_people"
run_cases
