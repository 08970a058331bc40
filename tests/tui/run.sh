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

command -v tmux >/dev/null || { echo "tmux not found"; echo "0 passed, 1 failed"; exit 1; }
. "$(dirname "$0")/lib.sh"
tui_begin tui "$1"

# ---- helpers (lib.sh's new_case; cli and start without a fixed clock) --

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
    wait_started 5
}

# ---- cases -----------------------------------------------------------

first_run_empty() {
    start 80 24
    expect "No contacts yet"
    expect_line '^ tcrm  1Cont  2  3  4  5  6  7  8  9  0 +Contacts 0 *$'
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
    expect "tomorrow"
    # the first key typed replaces the pre-filled value (no ^U needed)
    type_text "+3d"; keys Enter
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
    expect "1Cont  2  3"
    resize 60 20
    expect_line '^ tcrm  1Cont  2  3  4  5  6  7  8  9  0 +Contacts 1 *$'
    expect ">Anna Silva"
    expect_not "too small"
    resize 80 24
    expect "1Cont  2  3"
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
    expect "1Cont  2  3"
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

# Enter on a form nobody changed writes nothing: no version bump, no
# audit row, and the status says so.
unchanged_save() {
    cli contact add "Anna Silva" --company "Acme Ltd" --mobile "+86 138 0000 0000" --tag vip --birthday 03-15
    start 80 24
    expect ">Anna Silva"
    keys E; expect "Edit contact"
    keys Enter
    expect "No change: nothing saved"
    local v
    v=$(sqlite3 "$DB" "SELECT version FROM contacts WHERE id = 1")
    [ "$v" = 1 ] || bad "unchanged save wrote: version $v"
    keys 2; expect ">Acme Ltd"
    keys E; expect "Edit company"
    keys Enter
    expect "No change: nothing saved"
    v=$(sqlite3 "$DB" "SELECT version FROM companies WHERE id = 1")
    [ "$v" = 1 ] || bad "unchanged company save wrote: version $v"
}

# H shows the audit trail of the row under the cursor.
history_screen() {
    cli contact add "Anna Silva"
    cli contact edit 1 --title CEO
    cli company add "Acme Ltd" --city Porto
    start 100 30
    expect ">Anna Silva"
    keys H
    expect "History of contact 1, newest first"
    expect "title: (empty) -> CEO"
    expect_line "  [a-z]+  add  Anna Silva"
    keys q
    expect ">Anna Silva"
    keys 2; expect "Acme Ltd"
    keys H
    expect "History of company 1"
    expect_line "  [a-z]+  add  Acme Ltd"
    keys Escape
    expect "Acme Ltd"
}

# Owned mode (tcrm(1), ACCESS): the owner column, claim from the pool,
# give a contact away, and "mine". The case runs as root, the database's
# admin; `nobody` (every Debian system has it) is the other person.
owned_mode_keys() {
    cli init
    cli contact add "Pool Pat"           # added in open mode: no owner
    cli init --shared
    cli contact add "Anna Silva"         # owned mode: owner is root
    cli user add nobody --role sales
    start 100 24
    expect_line "Name.? +Company +Title +Last contact +Phone +Owner"
    expect_line "^>Anna Silva +.*root"
    keys j; expect ">Pool Pat"
    keys C; expect "contact 1: now yours"
    expect_line "^>Pool Pat +.*root"
    keys A; expect "Give contact 1 to (login):"
    type_text "nobody"; keys Enter
    expect "contact 1: now owned by nobody"
    expect_line "^>Pool Pat +.*nobody"
    keys O; expect "Showing only yours"
    expect_no_line "Pool Pat"
    expect "Anna Silva"
    keys O; expect "Showing everything you may see"
    expect "Pool Pat"
    keys S; expect "Share contact"
    type_text "root"; keys Enter
    expect "May root change it too? (y/n)"; keys y
    expect "--with root: that is you"
}

# ---- forms and dialogs (qa) ------------------------------------------

contact_form_full() {    # CJK name, picker, several phones/e-mails, tags
    cli company add "华为技术有限公司" --city 深圳
    start 80 24
    expect "No contacts yet"
    keys a; expect "Add contact"
    type_text "李小龍"; keys BSpace; type_text "龙"
    keys Left Left BSpace           # the wide 李 goes as one character
    expect_line "^Name +小龙$"
    keys C-a; type_text "李"
    keys Tab; type_text "华为"
    expect " 华为技术有限公司"      # the picker offers it
    keys Down Enter
    expect_line "^Company +华为技术有限公司$"
    keys Tab; type_text "工程师"
    keys Tab Tab; type_text "+86 138 1234 5678"
    keys Tab; type_text "li@example.cn"
    expect_line "^ +email +li@example.cn"
    keys Tab; type_text "010 8888 7777"; keys C-t
    expect_line "^ +work +010 8888 7777"
    for _ in 1 2 3 4 5 6; do keys Tab; done
    type_text "vip, 展会"
    keys Enter
    expect "Saved"
    expect ">李小龙"
    expect "mobile +86 138 1234 5678"
    expect "email li@example.cn"
    expect "work 010 8888 7777"
    expect "Tags: vip, 展会"
    cli contact show 1
    grep -q "company *华为技术有限公司 (company 1)" "$CASE_HOME/cli.log" ||
        bad "contact show: no company link"
}

duplicate_merge() {
    cli contact add "Anna Silva" --email anna@acme.example --title CEO
    start 80 24
    expect ">Anna Silva"
    keys a; expect "Add contact"
    type_text "Anna Silva"; keys Tab Tab; type_text "Chief"
    keys Tab; type_text "Board"
    keys Tab; type_text "anna@acme.example"
    keys Tab; type_text "+351 999 000 111"
    keys Enter
    expect "Possible duplicates of Anna Silva"
    expect "same e-mail anna@acme.example"
    expect "o open  m merge into  s save anyway  Esc back"
    keys Escape
    expect "Add contact *"; expect_not "Possible duplicates"
    keys Enter; expect "Possible duplicates"
    keys m
    expect "Saved"
    expect "Contacts 1"
    expect "+351 999 000 111"
    cli contact show 1
    grep -q "title *CEO" "$CASE_HOME/cli.log" || bad "merge overwrote the title"
    grep -q "department *Board" "$CASE_HOME/cli.log" || bad "merge lost the department"
}

duplicate_open_and_save_anyway() {
    cli contact add "Anna Silva" --email anna@acme.example
    cli contact add "Bob Stone"
    start 80 24
    expect ">Anna Silva"
    keys j; expect ">Bob Stone"
    keys a; type_text "Anna Silva"; keys Tab Tab Tab Tab
    type_text "anna@acme.example"; keys Enter
    expect "Possible duplicates"
    keys o
    expect "Showing Anna Silva"
    expect ">Anna Silva"
    expect "Contacts 1"
    keys Escape; expect "Contacts 2"
    keys a; type_text "Anna Silva"; keys Tab Tab Tab Tab
    type_text "anna@acme.example"; keys Enter
    expect "Possible duplicates"
    keys s
    expect "Saved"
    expect "Contacts 3"
}

dirty_form_escape() {
    cli contact add "Anna Silva"
    start 80 24
    expect ">Anna Silva"
    keys a; expect "Add contact"
    keys Escape                          # nothing typed: closes at once
    expect ">Anna Silva"; expect_not "Add contact"
    keys E; expect "Edit contact"
    type_text "x"; expect "Edit contact *"
    keys Escape; expect "Discard changes? (y/n)"
    keys n; expect_not "Discard changes"
    expect_line "^Name +Anna Silvax$"
    keys Escape; expect "Discard changes? (y/n)"
    keys y
    expect_line "^>Anna Silva *$"
    cli contact show 1
    grep -q "version 1" "$CASE_HOME/cli.log" || bad "the cancelled edit wrote"
}

unknown_key_sequence_in_form() {
    # tmux sends Home as ESC [1~, which xterm's terminfo does not know:
    # the form must neither type "[1~" nor take its Esc as cancel.
    start 80 24
    keys a; expect "Add contact"
    type_text "Anna"; keys Home End
    type_text "X"
    expect_line "^Name +AnnaX$"
    expect_not "Discard changes"
    expect_no_line "\[1~|\[4~"
}

home_end_on_screen_term() {
    start 80 24 screen
    keys a; expect "Add contact"
    type_text "张伟"; keys Home; type_text "X"; keys End; type_text "Y"
    expect_line "^Name +X张伟Y$"
    keys Escape; keys y
    expect "No contacts yet"
}

log_every_kind() {
    cli contact add "Anna Silva"
    start 80 24
    expect ">Anna Silva"
    for kk in "c call" "e email" "v visit" "m meeting" "M message" "w note"; do
        keys "${kk%% *}"; expect "Log for Anna Silva"
        expect "< ${kk#* } >"
        keys Escape; expect_not "Log for"
    done
    keys m; expect "< meeting >"
    keys Enter; expect_line "^Summary .*required"
    type_text "kick-off"; keys BTab; keys C-u; type_text "blah"; keys Enter
    expect "'blah' is not a date"
    keys C-u; type_text "yesterday 15:00"; keys BTab; keys Right
    expect "< message >"
    keys Enter
    expect "Saved"
    expect_line "15:00 message +kick-off"
}

followup_form_validation() {
    cli contact add "Anna Silva"
    start 120 30
    expect "TODAY 0"
    keys f; expect "Follow-up for Anna Silva"
    type_text "Send contract"; keys Tab; keys C-u; type_text "today"
    keys Tab; type_text "25:00"; keys Tab; type_text "abc"; keys Enter
    expect "'25:00' is not a time"
    keys C-u; type_text "09:30"; keys Tab; keys C-u; type_text "7"
    keys Enter
    expect "Saved"
    expect "TODAY 1"
    expect "09:30 Anna Silva: Send contr"
}

deal_add_and_move() {
    cli contact add "Anna Silva" --company "Acme Ltd"
    start 80 24
    expect ">Anna Silva"
    keys '$'; expect "Add deal"
    expect_line "^Company +Acme Ltd$"
    type_text "Big order"; keys Tab Tab Tab; type_text "1,234.5x"; keys Enter
    expect "'1,234.5x' is not a number"
    expect_no_line "Amount: amount:"
    keys C-u; type_text "1,234.50"; keys Enter
    expect "Saved"
    keys 3; expect "[Lead 1"; expect "1,234.50"
    keys '>'; expect "Moved Big order to Qualified"
    keys l; expect "[Qualified 1"; expect ">Big order"
    keys D; expect "Delete Big order? (y/n)"
    keys n; expect "Not deleted"
    keys D; keys y; expect "Moved Big order to the trash"
    expect "[Qualified 0"
}

company_form() {
    cli company add "Acme Ltd"
    start 80 24
    keys 2; expect "Acme Ltd"
    keys a; expect "Add company"
    type_text "ACME"; keys Enter
    expect "already exists"
    keys C-u; type_text "QA 株式会社"; keys Tab Tab Tab; type_text "bad@"
    keys Tab; expect "e-mail 'bad@' is not a val"
    keys BTab; keys C-u; type_text "info@qa.example.jp"; keys Enter
    expect "Saved"
    expect "QA 株式会社"
}

# ---- import screen (issue 4) -----------------------------------------

import_screen() {
    cli contact add "Anna Silva" --email anna@silva.example
    printf '%s\n' "Name,Company,Email,Mobile,Notes" \
        "Anna Silva,Silva Lda,anna@silva.example,,dup row" \
        "New Person,New Co,new@x.example,+44 7700 900999,fresh" \
        "Bad Row,,not-an-email,,broken" \
        "陈新,新公司,chen@x.cn,+86 139 0000 1111,中文" > "$CASE_HOME/cards.csv"
    start 80 24
    expect ">Anna Silva"
    keys I; expect "File to import"
    type_text "$CASE_HOME/nope.csv"; keys Enter
    expect "nope.csv: No such file or directory"
    keys C-u; type_text "$CASE_HOME/cards.csv"; keys Enter
    expect "encoding UTF-8, delimiter ',', duplicates: skip"
    expect_line "^> Name +-> name$"
    expect_line "^  Company +-> company$"
    expect "line 3  New Person | New Co |  | +44 7700 900999 | new@x.example"
    expect "line 4  REJECT e-mail 'not-an-email': not a valid address"
    expect "line 5  陈新 | 新公司"
    keys Down Right                     # Company -> title
    expect_line "^> Company +-> title$"
    expect "line 3  New Person |  | New Co | +44 7700 900999"
    keys Left; expect_line "^> Company +-> company$"
    keys d; expect "duplicates: merge"
    keys d; expect "duplicates: new"
    keys d; expect "duplicates: skip"
    keys t
    expect "Dry run (nothing written): 4 rows, 2 added, 0 merged, 1 skipped, 1 rejected"
    expect "cards.csv:4: e-mail 'not-an-email'"
    keys x; expect "Enter import"
    keys Enter; expect "Import this file now? (y/n)"
    keys y
    expect "Imported: 4 rows, 2 added, 0 merged, 1 skipped, 1 rejected"
    expect "(undo with: tcrm import undo 1)"
    keys x; expect "Contacts 3"
    expect "New Person"
    cli import list
    grep -q "cards.csv" "$CASE_HOME/cli.log" || bad "import list has no batch"
}

import_pick_name_column() {
    printf 'Org,Cell\nAcme,+44 7700 900111\n' > "$CASE_HOME/noname.csv"
    start 80 24
    keys I; expect "File to import"
    type_text "$CASE_HOME/noname.csv"; keys Enter
    expect "no column gives the name: choose 'name' for a column with Left/Right"
    expect_line "^> Org +-> unmapped"
    keys Right Right
    expect_line "^> Org +-> name$"
    expect "line 2  Acme |  |  | +44 7700 900111"
    keys Enter; keys y
    expect "Imported: 1 row, 1 added"
    keys x; keys Escape
    expect ">Acme"
}

# A phone's vCard 2.1 file (quoted-printable UTF-8 names, a photo) from
# the same screen: the cards' preview, no columns, a reject, the import.
import_vcard_screen() {
    cli contact add "Anna Silva" --email anna@silva.example
    printf '%s\r\n' "BEGIN:VCARD" "VERSION:2.1" \
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E8=8A=B3;;;" \
        "TEL;CELL:+86 139 0000 0002" "EMAIL;INTERNET:wang.fang@example.cn" \
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD" "" \
        "END:VCARD" "BEGIN:VCARD" "VERSION:3.0" "FN:Anna Silva" \
        "EMAIL:anna@silva.example" "END:VCARD" "BEGIN:VCARD" "VERSION:3.0" \
        "FN:Bad Card" "EMAIL:not-an-email" "END:VCARD" \
        > "$CASE_HOME/phone.vcf"
    start 80 24
    expect ">Anna Silva"
    keys I; expect "File to import"
    type_text "$CASE_HOME/phone.vcf"; keys Enter
    expect "vCard, encoding UTF-8, duplicates: skip, reject file: none"
    expect "line 1  王芳 |  |  | +86 139 0000 0002 | wang.fang@example.cn"
    expect "line 9  Anna Silva |  |  |  | anna@silva.example"
    expect "line 14  REJECT e-mail 'not-an-email': not a valid address"
    expect "Enter import  t dry run  d dups  e encoding  r rejects  Esc back"
    screen | grep -q "Columns" && bad "a vCard file shows columns"
    keys t
    expect "Dry run (nothing written): 3 cards, 1 added, 0 merged, 1 skipped, 1 rejected"
    expect "binary properties skipped (photos, logos, sounds, keys): 1"
    expect "phone.vcf:14: e-mail 'not-an-email'"
    keys x; keys Enter; expect "Import this file now? (y/n)"
    keys y
    expect "Imported: 3 cards, 1 added, 0 merged, 1 skipped, 1 rejected"
    expect "(undo with: tcrm import undo 1)"
    keys x; expect "Contacts 2"
    expect "王芳"
}

# X writes the contacts listed (here a search) as vCard.
export_vcard_screen() {
    cli init --demo
    start 80 24
    expect "Contacts 40"
    keys /; type_text "华为"; keys Enter
    expect "Contacts 4"
    keys X; expect "Export the contacts listed as vCard to"
    type_text "$CASE_HOME/huawei.vcf"; keys Enter
    expect "Exported 4 cards to /"
    [ "$(grep -c '^BEGIN:VCARD' "$CASE_HOME/huawei.vcf")" = 4 ] ||
        bad "huawei.vcf does not hold 4 cards"
    grep -q '^ORG:华为技术有限公司' "$CASE_HOME/huawei.vcf" ||
        bad "huawei.vcf has no ORG:华为技术有限公司"
    keys X; type_text "/nodir/x.vcf"; keys Enter
    expect "/nodir/x.vcf: No such file or directory"
    keys 2; keys X
    expect "Export works on the Contacts view (1)"
}

# ---- reports screen (issue 5) ----------------------------------------

reports_screen() {
    env -i HOME="$CASE_HOME" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        TCRM_NOW="2026-11-18 10:00" "$TCRM" init --demo >/dev/null 2>&1
    start 100 30 xterm-256color TCRM_NOW="'2026-11-18 10:00'"
    expect "Contacts 40"
    keys R; expect "Reports: Enter opens"
    keys j j; expect "> pipeline"
    keys Enter
    expect "Report: pipeline"
    expect "Pipeline: open deals by stage, per currency"
    expect "As of:     2026-11-18"
    expect "Total            8  411,306.00 EUR  230,173.40 EUR"
    expect "Proposal     ███"
    keys Tab
    expect "Forecast: expected revenue by month of expected close"
    expect "Period:    2026-10-01 to 2026-12-31"
    keys p; keys C-u; type_text "2026-12-01..2026-11-01"; keys Enter
    expect "period: from 2026-12-01 is after to 2026-11-01"
    expect "Period:    2026-10-01 to 2026-12-31"    # the report stays
    keys p; keys C-u; type_text "last-month"; keys Enter
    expect "Period:    2026-10-01 to 2026-10-31"
    keys p; keys C-u; keys Enter        # empty: the default period
    expect "period: default"
    expect "Period:    2026-10-01 to 2026-12-31"
    keys r; expect "Reports: Enter opens"
    keys k k k; expect "> agenda"; keys Enter
    expect "3 overdue, 3 due today, 5 coming up."
    keys /; type_text "tomorrow"; keys Enter
    expect "Tomorrow, Thu 2026-11-19"
    keys s; expect "Save report to"
    keys C-u; type_text "$CASE_HOME/agenda.txt"; keys Enter
    expect "Saved to $CASE_HOME/agenda.txt"
    grep -q "^3 overdue, 3 due today, 5 coming up.$" "$CASE_HOME/agenda.txt" ||
        bad "the saved report lacks its figures"
    # again: it asks before overwriting; ~ is the home folder
    echo keep >"$CASE_HOME/agenda.txt"
    keys s; expect "Save report to"
    keys C-u; type_text "$CASE_HOME/agenda.txt"; keys Enter
    expect "agenda.txt exists: overwrite it? (y/n)"
    keys n
    expect "Not saved: $CASE_HOME/agenda.txt is there already"
    [ "$(cat "$CASE_HOME/agenda.txt")" = keep ] || bad "agenda.txt overwritten after n"
    keys s; expect "Save report to"
    keys C-u; type_text "~/agenda2.txt"; keys Enter
    expect "Saved to $CASE_HOME/agenda2.txt"
    [ -s "$CASE_HOME/agenda2.txt" ] || bad "~/agenda2.txt not written"
    keys q; expect "Contacts 40"
}

# ---- start-up, busy database, hostile data ---------------------------

broken_config() {
    printf '[database]\nbusy_timeout = abc\n' > "$CASE_HOME/bad.conf"
    start 120 24 xterm-256color TCRM_CONFIG="'$CASE_HOME/bad.conf'"
    expect "EXIT=1"
    expect "bad.conf:2: [database] busy_timeout: 'abc' is not a whole number"
    expect_not "10Quit"
    [ "$(screen | grep -c .)" -le 3 ] || bad "more than the one-line error"
}

missing_config() {
    start 120 24 xterm-256color TCRM_CONFIG="'$CASE_HOME/none.conf'"
    expect "EXIT=1"
    expect "none.conf: cannot read: No such file or directory"
    stop
    SOCK="$SOCK-b"
    start 80 24                         # no config anywhere: defaults
    expect "No contacts yet"
}

# hold_lock SECONDS: another writer holds the database's lock that long.
hold_lock() {
    ( printf 'BEGIN IMMEDIATE;\nINSERT INTO tags(name) VALUES (%s);\n' "'lock'"
      sleep "$1"; printf 'ROLLBACK;\n' ) | sqlite3 "$DB"
}

busy_database() {
    cli contact add "Anna Silva"
    printf '[database]\nbusy_timeout = 300\n' > "$CASE_HOME/fast.conf"
    start 80 24 xterm-256color TCRM_CONFIG="'$CASE_HOME/fast.conf'"
    expect ">Anna Silva"
    hold_lock 6 &
    local lock=$!
    sleep 0.5
    keys a; type_text "Busy Person"; keys Enter
    expect "database is busy" 5
    expect "Add contact *"
    expect_line "^Name +Busy Person$"
    wait $lock
    keys Enter
    expect "Saved"
    expect "Contacts 2"
    expect "10Quit"
}

# A write that waits for another writer says so at once, and Esc gives up.
busy_message() {
    cli contact add "Anna Silva"
    printf '[database]\nbusy_timeout = 8000\n' > "$CASE_HOME/slow.conf"
    start 80 24 xterm-256color TCRM_CONFIG="'$CASE_HOME/slow.conf'"
    expect ">Anna Silva"
    hold_lock 4 &
    local lock=$!
    sleep 0.5
    keys a; type_text "Busy Person"; keys Enter
    expect "Database is busy, retrying... (Esc gives up)" 1
    keys Escape
    expect "database is busy" 3
    expect "Add contact"
    wait $lock
    keys Enter
    expect "Saved"
    expect "Contacts 2"
}

escape_everywhere() {
    local evil
    evil=$(printf 'Evil\033[2J\033]0;pwned\007Name')
    cli contact add "$evil" --company "$(printf 'Bad\033[31mCo')"
    cli follow-up add 1 --due today "$(printf 'Ring\033[5m')"
    start 120 30 xterm-256color TCRM_NOW="'$(date +%F) 10:00'"
    expect ">Evil␛[2J␛]0;pwned␇Name"        # list
    expect " Evil␛[2J␛]0;pwned␇Name ·"      # detail pane
    expect "Bad␛[31mCo"
    expect "Evil␛[2J␛]0;pwned␇Name: Ring"   # reminder pane
    keys E; expect "Edit contact"
    expect_line "^Name +Evil␛\[2J␛\]0;pwned␇Name$"   # form
    keys Escape
    keys R; expect "Reports: Enter opens"; keys Enter
    expect "Ring␛[5m"                         # report
    expect "Evil␛[2J␛]0;pwne"
    tmux -L "$SOCK" display -p -t t '#{pane_title}' | grep -q pwned &&
        bad "the title escape reached the terminal"
    keys q; expect "10Quit"
}

terminals_and_sizes() {
    cli contact add "张伟" --company "华为" --phone "+86 138 0000 0000"
    cli follow-up add 1 --due yesterday "Late"
    start 120 40 vt100 NO_COLOR=1
    expect ">张伟"; expect "OVERDUE 1"; expect "│"
    resize 60 16
    expect ">张伟"; expect_not "too small"
    resize 59 16; expect "Terminal too small"
    resize 80 24; expect ">张伟"; expect "10Quit"
    keys a; expect "Add contact"
    resize 40 10; sleep 0.3
    resize 80 24; expect "Add contact"
    keys Escape; expect "10Quit"
    stop
    SOCK="$SOCK-b"; DB="$CASE_HOME/second.db"
    cli init
    cli contact add "Anna Silva"
    start 80 24 screen
    expect ">Anna Silva"; keys End; expect ">Anna Silva"
    keys '?'; expect "tcrm help"; keys q
    keys R; expect "Reports: Enter opens"; keys Escape
    expect "10Quit"
}

# The terminal goes away (SSH link dropped, pane killed) while the help
# screen waits for a key: tcrm must exit, not spin on failed reads.
hangup_in_help() {
    cli contact add "Anna Silva"
    start 80 24
    keys '?'; expect "tcrm help"
    local pid
    pid=$(pgrep -n -P "$(tmux -L "$SOCK" display -p -t t '#{pane_pid}')" -f "$TCRM")
    [ -n "$pid" ] || { bad "no tcrm process found"; return; }
    stop
    local i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do
        sleep 0.1; i=$((i + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid"
        bad "tcrm still running 5 s after its terminal hung up"
    fi
}

# ---- Chinese: pinyin search as you type, a GBK file in the import screen

pinyin_search() {
    cli contact add "张伟" --company "华为技术有限公司"
    cli contact add "Anna Silva"
    start 80 24
    expect "Anna Silva"
    keys /; type_text "zw"
    expect "/zw"
    expect ">张伟"
    expect_not "Anna Silva"
    keys C-u; type_text "hwjs"
    expect ">张伟"
    keys C-u; type_text "silva anna"
    expect ">Anna Silva"
    expect_not "张伟"
}

followup_form_chinese_date() {
    cli contact add "张伟"
    start 120 30
    expect "TODAY 0"
    keys f; expect "Follow-up for 张伟"
    type_text "寄送样品"; keys Tab; keys C-u; type_text "2月30日"; keys Enter
    expect "'2月30日' is not a date: February 2026 has 28 days"
    keys C-u; type_text "今天"; keys Enter
    expect "Saved"
    expect "TODAY 1"
}

import_gbk() {
    # 姓名,公司 / 张伟,华为 in GBK
    printf '\xd0\xd5\xc3\xfb,\xb9\xab\xcb\xbe\n\xd5\xc5\xce\xb0,\xbb\xaa\xce\xaa\n' \
        > "$CASE_HOME/gbk.csv"
    start 80 24
    keys I; expect "File to import"
    type_text "$CASE_HOME/gbk.csv"; keys Enter
    expect "encoding GB18030 (not UTF-8: read as GB18030, guessed)"
    expect "line 2  张伟 | 华为"
    keys e; expect "Encoding"
    keys C-u; type_text "GBK"; keys Enter
    expect "encoding GBK, delimiter"
    expect "line 2  张伟 | 华为"
    keys Enter; expect "Import this file now? (y/n)"
    keys y
    expect "Imported: 1 row, 1 added"
}

CASES="first_run_empty views_switch paging cjk_add_and_search
duplicate_warning log_call_and_followup followup_done snooze_followup
overdue_words_vt100 resize_60x20_and_back tiny_terminal escape_in_name
two_processes delete_to_trash unchanged_save history_screen owned_mode_keys
contact_form_full duplicate_merge duplicate_open_and_save_anyway
dirty_form_escape unknown_key_sequence_in_form home_end_on_screen_term
log_every_kind followup_form_validation deal_add_and_move company_form
import_screen import_pick_name_column import_vcard_screen export_vcard_screen
reports_screen
broken_config
missing_config busy_database busy_message escape_everywhere terminals_and_sizes
hangup_in_help pinyin_search import_gbk followup_form_chinese_date"
run_cases
