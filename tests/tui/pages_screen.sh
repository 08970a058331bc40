#!/usr/bin/env bash
# Screen tests of issue 12's "one keyset list primitive": the Deals and
# Follow-ups views page through the database (tcrm_deal_page,
# tcrm_followup_page) as Contacts do, with no cap on the rows. More than
# 5,000 deals and follow-ups (the old in-memory cap), made with sqlite3:
# the count is right, G reaches the last row, g the first, k walks back
# over page boundaries; a deal moved or trashed and a follow-up done
# through the CLI leave the lists.
#
#   tests/tui/pages_screen.sh path/to/tcrm
#
# Same helpers as tests/tui/run.sh (lib.sh). The last line is "N passed,
# N failed"; the exit status is 1 when anything failed.
set -u

. "$(dirname "$0")/lib.sh"
tui_begin tui-pages "$1"
command -v sqlite3 >/dev/null || { echo "sqlite3 not found: skipped"; exit 77; }
NOW="2026-11-18 10:00"

# 6,001 open deals "Deal 00001".. in Lead on Acme Ltd and Anna Silva, and
# 5,500 open follow-ups "Call 00001".. of Acme Ltd, 100 a day from
# 2026-11-01, every third without a time (so first on its day).
big_data() {
    cli company add "Acme Ltd"
    cli contact add "Anna Silva" --company "Acme Ltd"
    sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
      FROM n WHERE i < 6001) INSERT INTO deals(id, title, company_id,
      contact_id, stage, amount_minor, currency, probability, created_at,
      updated_at, created_by, updated_by) SELECT i, printf('Deal %05d', i),
      1, 1, 'Lead', 10000, 'EUR', 10, '2026-11-01 09:00:00',
      '2026-11-01 09:00:00', 'root', 'root' FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
      WHERE i < 5500) INSERT INTO follow_ups(title, company_id, due_date,
      due_time, status, created_at, updated_at, created_by, updated_by)
      SELECT printf('Call %05d', i), 1,
      date('2026-11-01', '+' || (i / 100) || ' days'),
      CASE WHEN i % 3 = 0 THEN NULL ELSE printf('%02d:%02d', i % 24, i % 60)
      END, 'open', 'x', 'x', 'root', 'root' FROM n"
}

# The view's count and position, G to the last deal and back.
deals_past_5000() {
    big_data
    start 80 24
    keys 3
    expect "Deals 6,001"
    expect "Lead 6001"
    expect_line '^>Deal 00001 '
    expect "1/6,001"
    keys G
    expect_line '^>Deal 06001 '
    expect "6,001/6,"
    keys k k k
    expect_line '^>Deal 05998 '
    keys PPage PPage PPage PPage PPage
    expect_line '^>Deal 059[0-9][0-9] '
    keys g
    expect_line '^>Deal 00001 '
    keys q
    expect "EXIT=0"
}

# Deals moved to another stage or to the trash leave the Lead list and
# its count; the other stage lists the moved one.
deals_moved_and_trashed() {
    big_data
    cli deal move 6001 Proposal
    cli deal delete 6000
    cli deal delete 1
    start 80 24
    keys 3
    expect "Deals 5,998"
    expect_line '^>Deal 00002 '
    keys G
    expect_line '^>Deal 05999 '
    expect_no_line 'Deal 0600[01]'
    keys q
    expect "EXIT=0"
}

# Follow-ups by due date and time (untimed first on a day), to the last.
followups_past_5000() {
    big_data
    cli follow-up done 3
    start 80 24
    keys 4
    expect "Follow-ups 5,499"
    expect_line '^>2026-11-01 OVERDUE +Call 00006( |$)'
    expect_line '^ 2026-11-01 OVERDUE +Call 00009( |$)'
    keys G
    expect_line '^>2026-12-26 .*Call 05500( |$)'
    keys k
    expect_line '^>2026-12-25 .*Call 05447( |$)'
    keys g
    expect_line '^>2026-11-01 OVERDUE +Call 00006( |$)'
    keys q
    expect "EXIT=0"
}

CASES="deals_past_5000 deals_moved_and_trashed followups_past_5000"
run_cases
