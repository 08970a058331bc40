#!/usr/bin/env bash
# Screen tests of issue 10's screen items: the follow-up edit form, a
# save after someone else's (merged by field, a chooser where both
# changed a field), the cursor on a contact just added, the reader of an
# interaction's body and the multi-line editor, and the columns' widths
# at 80 and 100 columns in English and Chinese. tcrm runs in tmux as in
# run.sh (helpers as there); a second tcrm (the command line) writes to
# the same database while a form is open.
#
#   tests/tui/edit10.sh path/to/tcrm
#
# The last line is "N passed, N failed"; the exit status is 1 when
# anything failed.
set -u

. "$(dirname "$0")/lib.sh"
tui_begin edit10 "$1"
HAVE_ZH=0
have_zh && HAVE_ZH=1

# ---- helpers (as in run.sh: lib.sh's new_case, no fixed clock) -------

# cli ARGS...: the same binary as a command, on the case's database.
cli() {
    env -i HOME="$CASE_HOME" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        "$TCRM" "$@" >>"$CASE_HOME/cli.log" 2>&1
}

# out ARGS...: the command's output.
out() {
    env -i HOME="$CASE_HOME" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        "$TCRM" "$@" 2>&1
}

# start W H [LANG]: tcrm in a detached session of W x H (LANG only, as a
# login sets it; C.UTF-8 when not given).
start() {
    local w=$1 h=$2 lang=${3:-C.UTF-8}
    tmux -L "$SOCK" -f /dev/null new-session -d -s t -x "$w" -y "$h" \
        "env -i HOME='$CASE_HOME' TCRM_DB='$DB' LANG=$lang \
         TERM=xterm-256color PATH='$PATH' '$TCRM'; echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t t status off >/dev/null
    wait_started 5
}

# same WHAT GOT WANT: a command's output.
same() {
    [ "$2" = "$3" ] && return 0
    CASE_OK=0
    echo "    $1: got '$2', want '$3'"
}

# field ID COLUMN: a contact's column as the database holds it.
field() {
    sqlite3 "$DB" "SELECT $2 FROM contacts WHERE id = $1"
}

# ---- 1. the follow-up edit form ---------------------------------------

followup_edit_in_view() {
    cli contact add "Anna Silva"
    cli follow-up add 1 --due 2030-01-10 "Call back"
    start 100 30
    keys 4; expect "Call back"
    keys Enter
    expect "Edit follow-up: Call back"
    expect "2030-01-10"
    keys C-u; type_text "Send the quote"
    keys Tab; keys C-u; type_text "2030-02-01"
    keys Tab; type_text "09:30"
    keys Tab; type_text "7"
    keys Enter
    expect "Saved"
    expect "Send the quote"
    same "follow-up" "$(sqlite3 "$DB" "SELECT title, due_date, due_time, \
        repeat_days, version FROM follow_ups WHERE id = 1")" \
        "Send the quote|2030-02-01|09:30|7|2"
    # E opens it too; nothing changed: nothing saved
    keys E; expect "Edit follow-up: Send the quote"
    expect "09:30"
    keys Enter; expect "No change: nothing saved"
}

followup_edit_from_pane() {
    cli contact add "Anna Silva"
    cli follow-up add 1 --due today "Call back"
    start 120 30
    expect "Anna Silva: Call back"
    keys Tab; keys E
    expect "Edit follow-up: Call back"
    keys C-u; type_text "Call back at noon"; keys Tab; keys Tab
    type_text "12:00"; keys Enter
    expect "Saved"
    expect "Call back at noon"
    same "follow-up" "$(sqlite3 "$DB" "SELECT title, due_time FROM \
        follow_ups WHERE id = 1")" "Call back at noon|12:00"
    # Enter in the pane still goes to the contact
    keys Tab; keys Tab; keys Enter; expect "Showing Anna Silva"
}

# ---- 2. a save after someone else's: merged, a chooser where both changed

# start2 W H: a second tcrm (another person's screen) in session u.
start2() {
    tmux -L "$SOCK" new-session -d -s u -x "$1" -y "$2" \
        "env -i HOME='$CASE_HOME' TCRM_DB='$DB' LANG=C.UTF-8 \
         TERM=xterm-256color PATH='$PATH' '$TCRM'; echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t u status off >/dev/null
    wait2 Quit
}
screen2() { tmux -L "$SOCK" capture-pane -p -t u; }
keys2() { tmux -L "$SOCK" send-keys -t u "$@"; }
# wait2 TEXT: until TEXT is on the second screen (5 s).
wait2() {
    local i=0
    while [ $i -lt 50 ] && ! screen2 | grep -qF -- "$1"; do
        sleep 0.1; i=$((i + 1))
    done
}
type2() { tmux -L "$SOCK" send-keys -t u -l "$1"; }

# The issue's story with two screens: A has the form open, B changes the
# title and saves, A changes the department and the city (B's city too)
# and saves: B's title comes in by itself, the city is a question.
contact_conflict_two_screens() {
    cli contact add "Anna Silva" --title Engineer --city Porto
    start 80 24
    start2 80 24
    expect ">Anna Silva"
    keys Enter; expect "Edit contact"
    keys2 Enter; wait2 "Edit contact"
    keys2 Tab Tab; keys2 C-u; type2 "CTO"
    keys2 Tab Tab Tab Tab; keys2 C-u; type2 "Lisbon"; keys2 Enter
    wait2 Saved
    same "B saved" "$(field 1 title)" "CTO"
    keys Tab Tab Tab; type_text "Sales"
    keys Tab Tab Tab; keys C-u; type_text "Braga"
    keys Enter
    expect "root saved this meanwhile: pick theirs or yours"
    expect_line "^Title +CTO"
    expect_line "^Department +Sales"
    expect_line "^City +>theirs: Lisbon +yours: Braga"
    expect "Left/Right or Tab picks theirs or yours"
    # nothing written yet; a save is refused while the question stands
    same "not yet" "$(field 1 department)" ""
    keys Right
    expect_line "^City +theirs: Lisbon +>yours: Braga"
    keys Up; keys Enter
    expect "Pick theirs or yours for City first"
    keys Enter
    expect "Enter saves"
    expect_line "^City +Braga"
    keys Enter
    expect "Saved"
    same "merged" "$(sqlite3 "$DB" "SELECT title, department, city, version \
        FROM contacts WHERE id = 1")" "CTO|Sales|Braga|3"
}

# Theirs taken by Enter on the chooser; a field only they changed comes
# in; the command line is the other writer.
company_conflict() {
    cli company add "Acme Ltd" --industry Steel --city Porto
    start 80 24
    keys 2; expect ">Acme Ltd"
    keys Enter; expect "Edit company"
    cli company edit 1 --industry Mining --city Lisbon
    keys Tab Tab Tab Tab; type_text "acme.example"
    keys Tab Tab; keys C-u; type_text "Faro"
    keys Enter
    expect_line "^City +>theirs: Lisbon +yours: Faro"
    expect_line "^Industry +Mining"
    keys Enter; expect_line "^City +Lisbon"
    keys Enter; expect "Saved"
    same "merged" "$(sqlite3 "$DB" "SELECT industry, website, city FROM \
        companies WHERE id = 1")" "Mining|acme.example|Lisbon"
}

# A deal moved meanwhile: the stage comes in by itself (no question), then
# a stage both changed is a question.
deal_conflict() {
    cli company add "Acme Ltd"
    cli deal add "Big order" --company "Acme Ltd" --amount 1000
    start 80 24
    keys 3; expect ">Big order"
    keys Enter; expect "Edit deal"
    cli deal move 1 Qualified
    keys Tab Tab Tab; keys C-u; type_text "2000"
    keys Enter
    expect "root saved this meanwhile: their changes are merged in; Enter saves"
    expect_line "^Stage +< Qualified >"
    keys Enter; expect "Saved"
    same "merged" "$(sqlite3 "$DB" "SELECT stage, amount_minor FROM deals")" \
        "Qualified|200000"
    keys l; expect ">Big order"
    keys Enter; expect "Edit deal"
    cli deal move 1 Negotiation
    keys Tab Tab Right
    keys Enter
    expect_line "^Stage +>theirs: Negotiation +yours: Proposal"
    keys Left; expect_line "^Stage +theirs: Negotiation +>yours: Proposal"
    keys Enter; keys Enter; expect "Saved"
    same "yours" "$(sqlite3 "$DB" "SELECT stage FROM deals")" "Proposal"
}

followup_conflict() {
    cli contact add "Anna Silva"
    cli follow-up add 1 --due 2030-01-10 "Call back"
    start 100 30
    keys 4; expect "Call back"
    keys Enter; expect "Edit follow-up: Call back"
    cli follow-up edit 1 --title "Call Anna" --due 2030-02-02
    keys C-u; type_text "Call Anna at noon"
    keys Tab Tab Tab; type_text "7"
    keys Enter
    expect_line "^Title +>theirs: Call Anna +yours: Call Anna at noon"
    expect_line "^Due +2030-02-02"
    keys Tab; keys Enter; keys Enter
    expect "Saved"
    same "merged" "$(sqlite3 "$DB" "SELECT title, due_date, repeat_days \
        FROM follow_ups WHERE id = 1")" "Call Anna at noon|2030-02-02|7"
}

# ---- 3. the cursor on the contact just added ---------------------------

cursor_on_added_contact() {
    for i in $(seq -w 1 60); do cli contact add "Person $i"; done
    start 80 24
    expect ">Person 01"
    # far down the list (not among the rows held), with notes
    keys a; expect "Add contact"
    type_text "Person 45b"
    for i in 1 2 3 4 5 6 7 8 9 10; do keys Tab; done
    type_text "met at the fair"; keys Up; keys Enter   # Enter on Notes
    expect "Saved"                                   # opens the editor
    expect ">Person 45b"
    expect "met at the fair"
    keys j; expect ">Person 46"
    keys g; expect ">Person 01"
    # the last one
    keys a; expect "Add contact"
    type_text "Zoe Last"; keys Enter
    expect ">Zoe Last"
    expect "62/62"
}

# ---- 4. the reader of a body, the multi-line editor ---------------------

interaction_reader() {
    cli contact add "Anna Silva"
    body="Line one of the body.
She wants 40 units delivered before the end of the month, and ten per cent off if we ship by Friday.

第三行：中文内容"
    cli log 1 --kind call --body "$body" "asked for a quote"
    cli log 1 --kind note "short one"
    long=$(for i in $(seq 1 40); do echo "row $i"; done)
    cli log 1 --kind email --at yesterday --body "$long" "price list"
    start 80 24
    expect ">Anna Silva"
    keys i
    expect "Interactions with Anna Silva, newest first"
    expect_line "call +asked for a quote \[\+\]"
    keys j; expect_line "^>.*call +asked for a quote"
    keys Enter
    expect "by root"
    expect_line "^ Line one of the body\.$"
    # wrapped at the width, at a space; the empty line and CJK kept
    expect_line "^ She wants 40 units delivered before the end of the month, and ten per cent$"
    expect_line "^ off if we ship by Friday\.$"
    expect_line "^ 第三行：中文内容$"
    keys q; expect "Interactions with Anna Silva"
    keys j; keys Enter
    expect "lines 1-21 of 42"
    expect_line "^ row 19$"
    keys G; expect "lines 22-42 of 42"; expect_line "^ row 40$"
    keys Escape; keys q
    expect ">Anna Silva"
}

multiline_notes_and_body() {
    cli contact add "Anna Silva"
    start 80 24
    keys Enter; expect "Edit contact"
    for i in 1 2 3 4 5 6 7 8 9 10; do keys Tab; done
    expect "Enter or Ctrl-E: edit in several lines"
    keys Enter
    expect "Ctrl-X or F10 keep"
    type_text "Met at the fair."; keys Enter
    type_text "Wants a quote"; keys Enter; keys Enter
    type_text "张伟 knows her"
    expect "line 4 of 4"
    keys Up Up Up; keys C-e; type_text " (2026)"
    keys C-x
    expect_line "^Notes +Met at the fair\. \(2026\)↵Wants a quote↵↵"
    keys Up; keys Enter
    expect "Saved"
    same "notes" "$(field 1 notes)" "Met at the fair. (2026)
Wants a quote

张伟 knows her"
    # Esc in the editor asks, and keeps nothing
    keys Enter; expect "Edit contact"
    keys BTab; keys C-e; expect "line 1 of 4"
    keys C-k; keys Escape; expect "Discard changes? (y/n)"; keys y
    expect_line "^Notes +.*knows her"
    keys Escape
    # a body of several lines from the log form
    keys c; expect "Log for Anna Silva"
    type_text "visit notes"; keys Tab; keys C-e
    type_text "first"; keys Enter; type_text "second"; keys F10
    keys Up; keys Enter; expect "Saved"
    same "body" "$(sqlite3 "$DB" "SELECT body FROM interactions")" "first
second"
}

# ---- 5. columns as wide as the data needs -------------------------------

columns_data() {
    cli contact add "Anna Silva-Pereira" --company "Acme International Holdings Ltd" \
        --title "Chief Executive Officer" --phone "+86 138 0000 0000"
    cli contact add "张伟明" --company "华为技术有限公司" --title "高级工程师" \
        --phone "+44 20 7946 0958"
    cli follow-up add 1 --due "today 09:30" "Call about the order"
    cli follow-up add 2 --due "+3d" "Send the catalogue"
    cli company add Big
    cli deal add "Huge order" --company Big --amount 1234567.89
    cli deal add "Other" --company Big --amount 99 --currency USD
    cli deal add "Next one" --company Big --amount 5000
    cli deal move 3 Qualified
}

# columns WIDTH LANG TODAY LEAD QUALIFIED
columns_at() {
    SOCK="tcrm-edit10-$$-$N-$1"          # stop below forgets the last one
    start "$1" 24 "$2"
    expect_line "^>Anna Silva-Pe.* \+86 138 0000 0000"
    expect_line "^ 张伟明 .* \+44 20 7946 0958"
    keys 4
    expect_line "^>2026-..-.. $3 09:30 .* \+86 138 0000 0000"
    keys 3
    expect "[$4 2 · 1,234,567.89 EUR + 99.00 USD]"
    expect_line "\]  $5 1( |$)"
    stop
}

columns_english() {
    columns_data
    columns_at 80 C.UTF-8 TODAY Lead Qualified
    columns_at 100 C.UTF-8 TODAY Lead Qualified
}

columns_chinese() {
    [ "$HAVE_ZH" = 1 ] || { echo "    no zh_CN.UTF-8 locale: skipped"; return; }
    columns_data
    columns_at 80 zh_CN.UTF-8 今天 线索 已确认需求
    columns_at 100 zh_CN.UTF-8 今天 线索 已确认需求
}

CASES="columns_english columns_chinese interaction_reader multiline_notes_and_body
followup_edit_in_view followup_edit_from_pane
contact_conflict_two_screens company_conflict deal_conflict followup_conflict
cursor_on_added_contact"
run_cases
