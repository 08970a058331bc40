#!/usr/bin/env bash
# Screen tests of quotes and orders (issue 12, "Screen"): the built tcrm
# inside tmux at 80x24, on databases whose quotes are made with the CLI
# first. The Quotes view lists them with exact totals and shows a quote's
# lines and totals in the detail pane; the quote form's totals change as
# lines are typed; y accepts and makes an order, seen in the Orders view;
# P prints to a file (compared with `tcrm quote print`) and to the print
# command; Q on a company shows its quotes only; Y approves an order that
# waits for a manager; and the same screen under LANG=zh_CN.UTF-8.
#
#   tests/tui/sales_screen.sh path/to/tcrm
#
# Same helpers as tests/tui/run.sh. The last line is "N passed, N
# failed"; the exit status is 1 when anything failed.
set -u

. "$(dirname "$0")/lib.sh"
tui_begin tui-sales "$1"
NOW="2026-11-18 10:00"
# each case's tcrm.conf (%s: its HOME), for lib.sh's new_case
CASE_CONF='[pipeline]\ncurrency = CNY\n[reports]\nprint_command = cat > %s/printed.txt\n'

# ---- cases -----------------------------------------------------------

# Acme Ltd (company 1, Anna Silva), Bolt GmbH (company 2); product A-1 at
# 150.00 CNY, 13 %; quote 1 for Acme: 2 x A-1 less 10 %, 1 x text 99.99 at
# 6 % (net 369.99, tax 41.10, gross 411.09); quote 2 for Bolt: 3 x 99.99
# at 13 % (net 299.97, tax 39.00, gross 338.97).
sales_data() {
    cli company add "Acme Ltd"
    cli company add "Bolt GmbH"
    cli contact add "Anna Silva" --company "Acme Ltd"
    cli product add A-1 Widget --price 150 --tax 13 --currency CNY
    cli quote add --company "Acme Ltd" --currency CNY --valid 2026-12-31
    cli quote line 1 --product A-1 --qty 2 --discount 10
    cli quote line 1 --text "Setup 安装" --qty 1 --price 99.99 --tax 6
    cli quote add --company "Bolt GmbH" --currency CNY
    cli quote line 2 --text "Bolts" --qty 3 --price 99.99 --tax 13
}

quotes_list_and_detail() {
    sales_data
    start 80 24
    keys 6
    expect_line '^ Number +Customer +State +Date +Total *$'
    expect_line '^>Q2026-0002 +Bolt GmbH +draft +2026-11-18 +338\.97 CNY *$'
    expect_line '^ Q2026-0001 +Acme Ltd +draft +2026-11-18 +411\.09 CNY *$'
    expect " Quotes 2"
    expect_line '^ Q2026-0002 · Bolt GmbH · draft · valid until - *$'
    expect_line '^ Net 299\.97  Tax 39\.00  Gross 338\.97 CNY *$'
    expect_line '^  1 Bolts  3 x 99\.99  tax 13%  = 338\.97 *$'
    keys j
    expect_line '^ Net 369\.99  Tax 41\.10  Gross 411\.09 CNY *$'
    expect_line '^  1 A-1 Widget  2 x 150\.00  -10%  tax 13%  = 305\.10 *$'
    expect_line '^  2 Setup 安装  1 x 99\.99  tax 6%  = 105\.99 *$'
    keys s; expect "Q2026-0001 is now sent"
    expect_line '^>Q2026-0001 +Acme Ltd +sent '
    keys r; expect "Q2026-0001 is now rejected"
    keys r; expect "quote Q2026-0001 is already rejected"
    keys Enter; expect "Quote Q2026-0001 is rejected: it cannot be changed"
}

# The form: two lines, the totals after each; saved, accepted, ordered.
quote_form_totals() {
    sales_data
    start 80 24
    keys 6 a
    expect "New quote"
    type_text "Acme Ltd"; keys Tab Tab Tab Tab
    expect_line '^ Totals: net 0\.00  tax 0\.00  gross 0\.00 CNY *$'
    type_text "A-1"; keys Tab
    expect "Product A-1: Widget"
    type_text "3"
    expect_line '^  1 A-1 +3 +150 +13 +- +508\.50 *$'
    expect_line '^ Totals: net 450\.00  tax 58\.50  gross 508\.50 CNY *$'
    keys Tab Tab; type_text "5"
    expect_line '^ Totals: net 427\.50  tax 55\.58  gross 483\.08 CNY *$'
    keys Tab Tab Tab; type_text "Service 服务"; keys Tab; type_text "1.5"
    keys Tab; type_text "99.99"; keys Tab Tab; type_text "9"
    expect_line '^  2 Service 服务 +1\.5 +99\.99 +9 +- +163\.49 *$'
    expect_line '^ Totals: net 577\.49  tax 69\.08  gross 646\.57 CNY *$'
    keys Tab Space
    expect_line '^  2 Service 服务 +1\.5 +99\.99 +9 +yes +149\.99 *$'
    expect_line '^ Totals: net 565\.11  tax 67\.96  gross 633\.07 CNY *$'
    keys Enter
    expect "Saved"
    expect_line '^>Q2026-0003 +Acme Ltd +draft +2026-11-18 +633\.07 CNY *$'
    expect_line '^ Net 565\.11  Tax 67\.96  Gross 633\.07 CNY *$'
    cli quote show Q2026-0003
    grep -q "gross         633.07 CNY" "$CASE_HOME/cli.log" ||
        bad "the CLI does not show the form's totals"
    keys y; expect "quote Q2026-0003 is a draft: send it first"
    keys s; expect "Q2026-0003 is now sent"
    keys y; expect "Accepted Q2026-0003. Make an order from it? (y/n)"
    keys y; expect "Order O2026-0001 made from Q2026-0003"
    keys 7
    expect_line '^>O2026-0001 +Acme Ltd +open +2026-11-18 +633\.07 CNY *$'
    expect "approval none · quote Q2026-0003"
    expect_line '^ Net 565\.11  Tax 67\.96  Gross 633\.07 CNY *$'
}

# A bad line stays in the form, its message naming the line.
quote_form_bad_line() {
    sales_data
    start 80 24
    keys 6 a
    type_text "Nobody Inc"; keys Tab Tab Tab Tab
    type_text "Thing"; keys Tab; type_text "1"; keys Tab; type_text "5"
    keys Enter
    expect "company 'Nobody Inc': not found"
    keys C-u; type_text "Acme Ltd"
    keys Down Down Down Down; keys Tab; keys C-u
    keys Enter
    expect "line 1: quantity: required"
    keys Escape; expect "Discard changes? (y/n)"; keys y
    expect "Cancelled"
    cli quote list
    grep -q "Q2026-0003" "$CASE_HOME/cli.log" && bad "a quote was written"
}

# A draft's header changes in the form (issue 12, session 5): its contact
# (typed by name) and valid-until, seen in the detail; a sent quote's
# header stays as it is (the cursor never reaches it).
quote_form_header() {
    sales_data
    cli contact add "Bo Li" --company "Bolt GmbH"
    start 80 24
    keys 6 j Enter
    expect "Quote Q2026-0001: its header and more lines"
    keys Up; expect_line '^ Valid until +2026-12-31 *$'
    keys C-u; type_text "2027-01-31"
    keys Up Up; type_text "Bo Li"
    keys Enter
    expect "contact 2 is not a contact of Acme Ltd"
    keys C-u; type_text "Anna Silva"
    keys Enter
    expect "Saved"
    expect_line '^ Q2026-0001 · Acme Ltd · draft · valid until 2027-01-31 *$'
    expect_line '^ Contact: Anna Silva *$'
    cli audit quote/1
    grep -q "contact: (empty) -> Anna Silva" "$CASE_HOME/cli.log" ||
        bad "the change is not in the audit trail"
    keys s; expect "Q2026-0001 is now sent"
    keys Enter
    expect "Quote Q2026-0001: more lines"
    keys Up Up Up Up; type_text "X"
    expect_line '^ Valid until +2027-01-31 *$'
    expect_line '^ Customer +Acme Ltd *$'
    keys Escape; expect "Discard changes? (y/n)"; keys y
    cli quote show 1
    grep -q "valid until   2027-01-31" "$CASE_HOME/cli.log" ||
        bad "the sent quote changed"
}

# An order made with the CLI (order from-quote) shows in the Orders view;
# Q on a company shows its documents only; Esc shows all again.
orders_of_company() {
    sales_data
    cli quote send 2
    cli quote accept 2
    cli order from-quote 2
    start 80 24
    keys 7
    expect_line '^>O2026-0001 +Bolt GmbH +open +2026-11-18 +338\.97 CNY *$'
    keys 2; expect ">Acme Ltd"
    keys Q
    expect " Quotes 1 · Acme Ltd"
    expect_line '^>Q2026-0001 +Acme Ltd '
    expect_not "Q2026-0002"
    keys 7; expect "No orders of Acme Ltd. Esc shows all."
    keys Escape
    expect_line '^>O2026-0001 +Bolt GmbH '
    keys 1; expect ">Anna Silva"; keys Q
    expect "No quotes of Anna Silva. a adds one, Esc shows all."
}

# P: to a file (as `quote print` writes it, ~ expanded, an overwrite
# asked), and to the print command.
print_quote() {
    sales_data
    start 80 24
    keys 6 j P
    expect "Print Q2026-0001: f to a file, p to"
    keys f; expect "Save to file:"
    keys C-u; type_text "~/q1.txt"; keys Enter
    expect "Saved to $CASE_HOME/q1.txt"
    cli quote print 1 -o "$CASE_HOME/cli-q1.txt"
    cmp -s "$CASE_HOME/q1.txt" "$CASE_HOME/cli-q1.txt" ||
        bad "the printed file differs from tcrm quote print"
    grep -q "411.09" "$CASE_HOME/q1.txt" || bad "no gross total in the file"
    keys P f; expect "Save to file:"
    keys C-u; type_text "~/q1.txt"; keys Enter
    expect "exists: overwrite it? (y/n)"; keys n
    expect "Not saved: $CASE_HOME/"
    keys P p; expect "Send Q2026-0001 to"
    keys y; expect "Sent to cat > "
    cmp -s "$CASE_HOME/printed.txt" "$CASE_HOME/cli-q1.txt" ||
        bad "the printed text differs from tcrm quote print"
    keys P Escape; expect "Cancelled"
}

# The same screen in Chinese: words, state words, totals.
quotes_in_chinese() {
    have_zh || return 0
    sales_data
    start 80 24 zh_CN.UTF-8
    keys 6
    expect "6报价  7"
    expect_line '^ 编号 +客户 +状态 +日期 +价税合计 *$'
    expect_line '^>Q2026-0002 +Bolt GmbH +草稿 +2026-11-18 +338\.97 CNY *$'
    expect_line '^ Q2026-0002 · Bolt GmbH · 草稿 · 有效期至 - *$'
    expect_line '^ 小计 299\.97  税额 39\.00  价税合计 338\.97 CNY *$'
    expect_line '^  1 Bolts  3 x 99\.99  税率 13%  = 338\.97 *$'
    keys a; expect "新报价单"
    type_text "Acme Ltd"; keys Tab Tab Tab Tab
    type_text "A-1"; keys Tab; type_text "2"
    expect "商品 A-1：Widget"
    expect_line '^ 合计：小计 300\.00  税额 39\.00  价税合计 339\.00 CNY *$'
    keys Enter; expect "已保存"
    keys s; expect "Q2026-0003 现在是已发送"
    keys y; expect "已接受 Q2026-0003。据此生成订单？(y/n)"
    keys y; expect "已由 Q2026-0003 生成订单 O2026-0001（7 查看订单）"
    keys 7
    expect_line '^>O2026-0001 +Acme Ltd +未确认 +2026-11-18 +339\.00 CNY *$'
}

# Y approves an order whose discount is above [sales] max_discount (the
# admin who made the database; core refuses others, tests/cli), after a
# question; y confirms it only then.
order_approval() {
    printf '[sales]\nmax_discount = 10\n' >> "$CASE_HOME/.config/tcrm/tcrm.conf"
    cli company add "Acme Ltd"
    cli quote add --company "Acme Ltd" --currency CNY
    cli quote line 1 --text Work --qty 1 --price 1000 --discount 12.5 --tax 0
    cli quote send 1
    cli quote accept 1
    cli order from-quote 1
    start 80 24
    keys 7
    expect_line '^>O2026-0001 '
    expect "approval waiting"
    keys y
    expect "order O2026-0001 waits for a manager's approval"
    keys Y
    expect "Approve O2026-0001 with a discount of 12.5%? (y/n)"
    keys n
    expect "Cancelled"
    keys Y
    expect "Approve O2026-0001 with a discount of 12.5%? (y/n)"
    keys y
    expect "Approved O2026-0001: y confirms it"
    expect "approval approved"
    keys Y
    expect "O2026-0001 does not wait for approval"
    keys y
    expect "Confirmed O2026-0001"
}

CASES="quotes_list_and_detail quote_form_totals quote_form_bad_line quote_form_header
orders_of_company print_quote quotes_in_chinese order_approval"
run_cases
