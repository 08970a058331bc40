#!/usr/bin/env bash
# Screen tests of service and marketing (issue 14, "Screen"): the built
# tcrm inside tmux at 80x24, on databases made with the CLI first. The
# Tickets view (9) lists tickets by state, the running deadline first,
# with the deadline in words and the late ones marked "overdue"; a adds a
# ticket through the form (a bad customer answered beside the field), r
# resolves it through the form, s rates it (a score out of range beside
# the field), x closes, u reopens, W waits, o shows the open ones only;
# the detail pane has the deadlines and the history. The Campaigns view
# (0) lists a campaign with its figures and a adds one through the form.
# Both views once under LANG=zh_CN.UTF-8, every line within 80 columns.
#
#   tests/tui/tickets_screen.sh path/to/tcrm
#
# Same helpers as tests/tui/run.sh (lib.sh: has, fits too). The last line is "N passed,
# N failed"; the exit status is 1 when anything failed.
set -u

. "$(dirname "$0")/lib.sh"
tui_begin tui-tickets "$1"
NOW="2026-11-18 10:00"
CASE_CONF='[pipeline]\ncurrency = CNY\n'     # each case's tcrm.conf

# ---- helpers ---------------------------------------------------------

# cli_at WHEN ARGS...: the CLI as if it were WHEN.
cli_at() {
    local NOW=$1
    shift
    cli "$@"
}

# ---- data --------------------------------------------------------------

# Acme Ltd (company 1) and Anna Silva its contact, Solo Wu (contact 2,
# no company); T2026-0001 of Acme, an urgent fault opened yesterday at
# 10:00 (answer by 12:00: 22 h overdue now); T2026-0002 of Solo Wu, a low
# question opened now (answer within 72 h). Campaign
# "Spring fair": Anna a member who responded, a won deal of 1,200.00.
service_data() {
    cli company add "Acme Ltd"
    cli contact add "Anna Silva" --company "Acme Ltd"
    cli contact add "Solo Wu"
    cli_at "2026-11-17 10:00" ticket add --company "Acme Ltd" --type fault \
        --priority urgent "Printer jams"
    cli ticket add --contact 2 --priority low "Invoice copy"
    cli campaign add "Spring fair" --kind event --start 2026-11-01 \
        --end 2026-11-30 --budget 1000 --cost 500
    cli campaign members 1 --add --contact 1
    cli campaign mark 1 1 responded
    cli deal add "Fair order" --company "Acme Ltd" --contact 1 \
        --amount 1200 --campaign 1
    cli deal won 1
}

HEAD=' Number     Customer Type     Priority State    Deadline'
ROW1=' T2026-0001 Acme Ltd fault    urgent   new      overdue 22 h'
ROW2=' T2026-0002 Solo Wu  question low      new      due in 3 d'

# ---- cases -------------------------------------------------------------

# The rows by deadline, the late one marked in words; its detail with
# the deadlines and the history; Enter reads it whole.
tickets_list_and_detail() {
    service_data
    start 80 24
    keys 9
    expect " Tickets 2"
    has "$HEAD"
    has ">${ROW1:1}"
    has "$ROW2"
    has ' T2026-0001 · Acme Ltd · fault · urgent · new'
    has ' Answer by 2026-11-17 12:00  resolve by 2026-11-17 18:00  overdue 22 h'
    has ' 2026-11-17 10:00  root  opened T2026-0001'
    keys Enter
    expect_line '^ *T2026-0001'
    expect "Printer jams"
    keys q
    expect " Tickets 2"
    keys D; expect "Tickets are closed, never deleted: x closes one"
    # A file kept with the ticket: in its detail, and F lists it.
    printf "log line\n" >"$CASE_HOME/printer.log"
    cli attach ticket 1 "$CASE_HOME/printer.log"
    keys 1 9
    expect_line '^ 1 attachment \(F lists it\): *$'
    has '   printer.log · 9 B · 2026-11-18'
    keys F
    expect "printer.log"
    keys q
}

# a: the form; no customer and an unknown company answered beside the
# field; saved, the new ticket in the list with its deadline in words;
# r resolves it through the form; s rates it (7 refused beside Score);
# x closes it, u reopens it; o shows the open ones only.
ticket_forms() {
    service_data
    start 80 24
    keys 9 a
    has ' New ticket                                    Enter save  Esc cancel  Tab next'
    has 'Type      < question >'
    has 'Priority  < normal >'
    keys Tab Tab Tab Tab Tab
    type_text "No dial tone"
    keys Enter
    expect_line '^Company +a ticket needs a company'
    type_text "Nobody"; keys Enter
    expect_line "^Company +Nobody +company 'Nobody': not found"
    keys C-u Tab; type_text "Anna"; keys Tab Right Tab Right Right
    has 'Type      < fault >'
    has 'Priority  < urgent >'
    keys Enter
    expect "Ticket added"
    has '>T2026-0003 Acme Ltd fault    urgent   new      due in 2 h'
    has ' Answer by 2026-11-18 12:00  resolve by 2026-11-18 18:00  due in 2 h'
    keys r
    expect " Resolve · T2026-0003 · No dial tone"
    keys Enter
    expect_line '^Resolution +'
    type_text "Replaced the cable"; keys Enter
    expect "Ticket resolved"
    has '>T2026-0003 Acme Ltd fault    urgent   resolved'
    has ' Resolution: Replaced the cable'
    cli ticket show T2026-0003
    grep -q "Replaced the cable" "$CASE_HOME/cli.log" ||
        bad "the CLI does not show the resolution"
    keys s; type_text "7"; keys Enter
    expect_line '^Score +7 +score: 7 is not from 1 to 5'
    keys C-u; type_text "5"; keys Tab; type_text "quick"; keys Enter
    expect "Score recorded"
    cli ticket show T2026-0003
    grep -q "5 of 5" "$CASE_HOME/cli.log" || bad "the CLI does not show the score"
    keys x; expect "T2026-0003 is closed now"
    has '>T2026-0003 Acme Ltd fault    urgent   closed'
    keys u; expect "T2026-0003 is in progress now"
    keys W; expect "T2026-0003 is waiting now"
    has '>T2026-0003 Acme Ltd fault    urgent   waiting  clock stopped'
    keys x; expect "ticket T2026-0003 is waiting: only a resolved"
    keys r; type_text "done"; keys Enter
    expect "Ticket resolved"
    keys o; expect " Tickets 2 · open only"
    expect_not "T2026-0003"
    keys Escape; expect "Showing all"
    expect " Tickets 3"
}

# Q on a company shows its tickets in 9; Esc all of them.
customer_tickets() {
    service_data
    start 80 24
    keys 2 Q 9
    expect " Tickets 1 · Acme Ltd"
    has ">${ROW1:1}"
    keys Escape
    expect " Tickets 2"
}

# The Campaigns view: the campaign with its figures, the detail; a adds
# one (the end before the start answered beside End).
campaigns_view() {
    service_data
    start 80 24
    keys 0
    expect " Campaigns 1"
    has ' Name        Kind   Dates            Members Resp Conv          Won'
    has '>Spring fair event  2026-11-01~11-30       1    1    0 1,200.00 CNY'
    has ' Members 1  contacted 1  responded 1  converted 0'
    has ' Deals opened 1  won 1  contacts brought 0'
    has ' Won revenue 1,200.00 CNY'
    has ' Cost per response 500.00 CNY  per won deal 500.00 CNY  return on cost 140.00%'
    keys a
    has ' New campaign                                  Enter save  Esc cancel  Tab next'
    type_text "Autumn mail"; keys Tab Tab
    type_text "2026-12-01"; keys Tab; type_text "2026-11-01"; keys Tab
    type_text "800"; keys Enter
    expect_line '^End +2026-11-01 +end: 2026-11-01 is before'
    keys C-u; type_text "2026-12-31"; keys Enter
    expect "Campaign added"
    expect " Campaigns 2"
    has '>Autumn mail email  2026-12-01~12-31       0    0    0'
    has ' 2026-12-01 ~ 2026-12-31  budget 800.00 CNY  cost 0.00 CNY'
}

# Both views in Chinese at 80x24, every line within 80 columns.
views_in_chinese() {
    have_zh || return 0
    service_data
    start 80 24 zh_CN.UTF-8
    keys 9
    expect " 工单 2"
    expect_line '^ 编号 +客户 +类型 +优先级 +状态 +时限'
    expect_line '^>T2026-0001 Acme Ltd +故障 +紧急 +新建 +逾期 22 小时'
    expect_line '^1帮助 +2新建 +3搜索 +4记录 +5跟进 +6导入 +7报表 +8发票 +9工单 +10退出 *$'
    fits 80
    keys 0
    expect " 营销活动 1"
    expect "赢单收入 1,200.00 CNY"
    fits 80
}

CASES="tickets_list_and_detail ticket_forms customer_tickets campaigns_view
views_in_chinese"
run_cases
