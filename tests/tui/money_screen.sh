#!/usr/bin/env bash
# Screen tests of getting paid (issue 13, "The screen"): the built tcrm
# inside tmux at 80x24, on databases whose invoices and payments are made
# with the CLI first. The Invoices view (8) lists them with their open
# amounts and states and shows an invoice's payments in the detail pane;
# p records a payment through the form (a bad amount and one over what is
# open answered beside the Amount field); v voids after a question; o
# shows the open ones only, then the voided ones too; a company's and a
# contact's balance in their detail panes; RECEIVABLES in the reminder
# pane, Enter jumping to the invoice; the view under LANG=zh_CN.UTF-8; a
# tiny terminal.
#
#   tests/tui/money_screen.sh path/to/tcrm
#
# Same helpers as tests/tui/run.sh (lib.sh). The last line is "N passed,
# N failed"; the exit status is 1 when anything failed.
set -u

. "$(dirname "$0")/lib.sh"
tui_begin tui-money "$1"
NOW="2026-11-18 10:00"
CASE_CONF='[pipeline]\ncurrency = CNY\n'     # each case's tcrm.conf

# ---- data --------------------------------------------------------------

# Acme Ltd (company 1, Anna Silva its contact), Bolt GmbH (company 2, no
# invoices), Solo Wu (contact 2, no company). Order O2026-0001 of Acme for
# 1,000.00 CNY, confirmed; invoice I2026-0001 of 400.00 issued 2026-10-01,
# due 2026-10-31 (18 days overdue today), 100.00 paid in cash; I2026-0002
# of 600.00 issued 2026-11-15, due 2026-12-15 (30 days); an opening
# balance of 250.00 for Solo Wu, due today.
money_data() {
    cli company add "Acme Ltd"
    cli company add "Bolt GmbH"
    cli contact add "Anna Silva" --company "Acme Ltd"
    cli contact add "Solo Wu"
    cli quote add --company "Acme Ltd" --currency CNY
    cli quote line 1 --text "Work" --qty 1 --price 1000 --tax 0
    cli quote send 1
    cli quote accept 1
    cli order from-quote 1
    cli order confirm 1
    cli invoice add 1 --amount 400 --date 2026-10-01 --due 2026-10-31
    cli invoice add 1 --amount 600 --date 2026-11-15
    cli payment add --invoice 1 --amount 100 --method cash --date 2026-11-10
    cli balance --contact 2 --opening 250 --currency CNY
}

HEAD=' Number     Customer Due          Amount         Open State           Date'
ROW_OPENING=' opening    Solo Wu  2026-11-18   250.00   250.00 CNY open            2026-11-18'
ROW_I2=' I2026-0002 Acme Ltd 2026-12-15   600.00   600.00 CNY open            2026-11-15'
ROW_I1=' I2026-0001 Acme Ltd 2026-10-31   400.00   300.00 CNY overdue 18 days 2026-10-01'

# ---- cases -------------------------------------------------------------

# The rows, newest first, with open amounts and states; the detail pane
# with the payments; Enter reads it all; o and Esc; a and D explain.
invoices_list_and_detail() {
    money_data
    start 80 24
    keys 8
    expect " Invoices 3"
    has "$HEAD"
    has ">${ROW_OPENING:1}"
    has "$ROW_I2"
    has "$ROW_I1"
    has ' Opening balance · Solo Wu · open'
    has ' Issued 2026-11-18  due 2026-11-18  amount 250.00 CNY  paid 0.00  open 250.00'
    has ' No payments yet: p records one.'
    keys j j
    has ' I2026-0001 · Acme Ltd · order O2026-0001 · overdue 18 days'
    has ' Issued 2026-10-01  due 2026-10-31  amount 400.00 CNY  paid 100.00  open 300.00'
    has ' R2026-0001  2026-11-10  100.00 CNY  cash'
    keys Enter
    expect_line '^ *I2026-0001'
    expect "R2026-0001  2026-11-10  100.00 CNY  cash"
    keys q
    expect " Invoices 3"
    keys a; expect "Invoices bill confirmed orders: tcrm invoice add"
    keys D; expect "Invoices are not deleted: v voids one"
}

# p: the form, its amount what is open; a bad amount and one over what is
# open beside the field; then saved, seen in the list, the detail and the
# CLI.
payment_form() {
    money_data
    start 80 24
    keys 8 j j p
    has ' Payment on I2026-0001 · Acme Ltd · open 300.00 CNY'
    has 'Amount   300.00'
    has 'Method   < bank >'
    has "Date     ${NOW:0:10}"
    keys C-u; type_text "12x"; keys Tab
    expect_line '^Amount +12x +amount: .12x. is not a num'
    keys BTab C-u; type_text "500"; keys Enter
    expect_line '^Amount +500 +a payment of 500\.00 CNY is'
    expect "more than the 300.00 CNY open on invoice I2026-0001"
    keys C-u; type_text "120"; keys Tab Right Tab
    type_text "ICBC"; keys Tab C-u; type_text "2026-11-17"; keys Tab
    type_text "second instalment"
    has 'Method   < cash >'
    keys Enter
    expect "Payment recorded"
    has '>I2026-0001 Acme Ltd 2026-10-31   400.00   180.00 CNY overdue 18 days 2026-10-01'
    has ' Issued 2026-10-01  due 2026-10-31  amount 400.00 CNY  paid 220.00  open 180.00'
    has ' R2026-0002  2026-11-17  120.00 CNY  cash · ICBC'
    cli payment show R2026-0002
    grep -q "second instalment" "$CASE_HOME/cli.log" ||
        bad "the CLI does not show the payment's note"
    keys k p
    has ' Payment on I2026-0002 · Acme Ltd · open 600.00 CNY'
    keys Escape
    expect "Cancelled"
    # the opening balance paid in full: paid, then hidden by o (open only)
    keys g p
    has ' Payment on the opening balance · Solo Wu · open 250.00 CNY'
    keys Enter
    expect "Payment recorded"
    has '>opening    Solo Wu  2026-11-18   250.00     0.00 CNY paid            2026-11-18'
    keys p; expect "Nothing is open on the opening balance"
    keys o; expect " Invoices 2 · open only"
    expect "Open invoices only (o: voided ones too)"
    expect_no_line '^.opening '
    keys o; expect "Invoices 3 · voided too"
    keys Escape; expect "Showing all"
    expect_line '^.opening +Solo Wu +2026-11-18 +250\.00 +0\.00 CNY paid '
}

# v: a question; n keeps it, y voids it (the CLI agrees); an invoice with
# payments is not voided, the core's message says why.
void_invoice() {
    money_data
    start 80 24
    keys 8 j v
    expect "Void I2026-0002? It stays on record and stops counting. (y/n)"
    keys n; expect "Not voided"
    keys v y; expect "Voided I2026-0002"
    expect " Invoices 2"
    cli invoice show I2026-0002
    grep -q "^  voided" "$CASE_HOME/cli.log" || bad "the CLI does not see it voided"
    keys o o
    has ' I2026-0002 Acme Ltd 2026-12-15   600.00     0.00 CNY voided          2026-11-15'
    keys 8 G v y
    expect "invoice I2026-0001 has payments"
}

# The balance: Acme's in its pane, Anna's company's in hers, Solo Wu's
# own; nothing for Bolt, which owes nothing.
balance_in_detail() {
    money_data
    start 80 24
    keys 2
    expect ">Acme Ltd"
    has ' Balance CNY  owed 900.00  overdue 300.00'
    keys j
    expect ">Bolt GmbH"
    expect_not "Balance"
    keys 1
    expect ">Anna Silva"
    has ' Acme Ltd · Balance CNY  owed 900.00  overdue 300.00'
    keys j
    has ' Balance CNY  owed 250.00'
}

# RECEIVABLES: the overdue invoice and the one due today (not the one
# due in a month); Enter shows it in the Invoices view.
receivables_pane() {
    money_data
    start 80 24
    keys p
    expect_line '│RECEIVABLES 2 *$'
    expect_line '│ 18d late: 300\.00 CNY Acm…$'
    expect_line '│ today: 250\.00 CNY Solo Wu *$'
    expect_not "600.00"
    keys Tab
    expect_line '│>18d late: 300\.00 CNY Acm…$'
    keys Enter
    expect " Invoices 3"
    expect_line '^>I2026-0001 Acme Ltd 2026-10-31 '
    expect_line '^ I2026-0001 · Acme Ltd · order O2026-0001 · overdue'
    keys Tab j Enter
    expect_line '^>opening +Solo Wu '
}

# The view in Chinese at 80x24: headers, states, the detail, the key bar
# with every label whole, the pane's section.
invoices_in_chinese() {
    have_zh || return 0
    money_data
    start 80 24 zh_CN.UTF-8
    keys 8
    expect " 发票 3"
    has ' 编号       客户     到期日         金额         未收 状态       开票日'
    has '>期初       Solo Wu  2026-11-18   250.00   250.00 CNY 未结清     2026-11-18'
    has ' I2026-0001 Acme Ltd 2026-10-31   400.00   300.00 CNY 逾期 18 天 2026-10-01'
    expect_line '^1帮助 +2新建 +3搜索 +4记录 +5跟进 +6导入 +7报表 +8发票 +9工单 +10退出 *$'
    keys G
    has ' I2026-0001 · Acme Ltd · 订单 O2026-0001 · 逾期 18 天'
    has ' 开票 2026-10-01  到期 2026-10-31  金额 400.00 CNY  已收 100.00  未收 300.00'
    has ' R2026-0001  2026-11-10  100.00 CNY  现金'
    keys p
    has ' 收款：I2026-0001 · Acme Ltd · 未收 300.00 CNY'
    has '收款方式  < 银行转账 >'
    keys Escape
    keys 1 p
    expect_line '│应收款 2 *$'
    expect_line '│ 逾期18天：300\.00 CNY Acm… *$'
}

# The key bar fits 80 columns in English too, every label whole.
key_bar_80() {
    start 80 24
    expect_line '^1Help +2Add +3Search +4Log +5Follow +6Import +7Reports +8Invoices +9Tickets +10Quit *$'
    keys 8
    expect "No invoices yet: they bill confirmed orders (tcrm invoice add)."
}

# Too small: a message, no crash; back to the view on growing again.
tiny_terminal() {
    money_data
    start 80 24
    keys 8 j
    expect_line '^>I2026-0002 '     # j taken before the resize swallows keys
    resize 20 6
    expect "Terminal to"
    resize 80 24
    has "$HEAD"
    expect_line '^>I2026-0002 '
    keys q
    expect "EXIT=0"
    stop
    SOCK="$SOCK-b"
    start 12 4
    expect "Terminal to"
    keys 8 p q
    expect "EXIT=0"
}

CASES="invoices_list_and_detail payment_form void_invoice balance_in_detail
receivables_pane invoices_in_chinese key_bar_80 tiny_terminal"
run_cases
