#!/usr/bin/env bash
# Screen tests in Chinese: the built tcrm inside a detached tmux session
# under LANG=zh_CN.UTF-8, on the demo database (tcrm init --demo), asserts
# what a person reads: the key bar, the top bar and a list's column
# headers, the help screen, the add-contact form's labels, a form error
# beside its field (the form's own check and the data layer's err->field),
# the y/n question, the smallest size and a too small terminal; and that
# LANG=C.UTF-8 stays English. The words come from the build tree's
# catalogue (<build>/po/zh_CN/LC_MESSAGES/tcrm.mo, see src/os/i18n.c).
# Every line is matched whole where it matters, so a label that outgrew
# its room (CJK is 2 columns) shows as a cut line and fails.
#
#   tests/tui/zh_screen.sh path/to/tcrm
#
# Same helpers as tests/tui/run.sh. Exit 77 (skipped) when tmux or the
# zh_CN.UTF-8 locale is missing. The last line is "N passed, N failed".
set -u

. "$(dirname "$0")/lib.sh"
tui_begin tui-zh "$1"
have_zh || { echo "no zh_CN.UTF-8 locale: skipped"; exit 77; }
NOW="2026-11-18 10:00"

# ---- helpers (as in run.sh) ------------------------------------------

# new_case: a fresh HOME and the demo database for the next case.
new_case() {
    new_case_home
    env -i HOME="$CASE_HOME" TCRM_DB="$DB" LC_ALL=C.UTF-8 PATH="$PATH" \
        TCRM_NOW="$NOW" "$TCRM" init --demo >>"$CASE_HOME/cli.log" 2>&1
}

# start W H LANG: tcrm in a detached session of W x H, in that locale
# (LANG only: no LC_ALL, no LANGUAGE, as a person's login sets it).
start() {
    local w=$1 h=$2 lang=$3
    tmux -L "$SOCK" -f /dev/null new-session -d -s t -x "$w" -y "$h" \
        "env -i HOME='$CASE_HOME' TCRM_DB='$DB' LANG=$lang \
         TERM=xterm-256color TCRM_NOW='$NOW' PATH='$PATH' '$TCRM'; \
         echo EXIT=\$?; sleep 600"
    tmux -L "$SOCK" set-option -t t status off >/dev/null
    wait_started 5
}

# The key bar at 80 columns: every label whole, "10退出" last.
KEYBAR_80='^1帮助 +2新建 +3搜索 +4记录 +5跟进 +6导入 +7报表 +8发票 +9工单 +10退出 *$'

# ---- cases -----------------------------------------------------------

main_screen_80x24() {
    start 80 24 zh_CN.UTF-8
    expect_line "$KEYBAR_80"
    # the top bar: the views' tabs and the current view with its count
    expect_line '^ tcrm +1联系人 +2 +3 +4 +5 +6 +7 +8 +9 +0 +联系人 40 *$'
    # the contacts' column headers, sorted by name
    expect_line '^ 姓名▲ +公司 +职位 +最近联系 +电话 *$'
    # the reminder pane's gist on the status line (the pane is hidden)
    expect_line '逾期 [0-9]+  今天 [0-9]+  \(p\)'
    fits 80
    keys 3
    expect_line '^阶段 \['
    expect_line '^ 商机名称 +公司 +金额 +联系人 +赢率 +预计成交 *$'
    keys 4
    expect_line '^ 到期 +时间 +事项 +联系人 +电话 *$'
    expect "逾期"
    keys 2
    expect_line '^ 名称 +行业 +城市 +联系人 *$'
    fits 80
    keys q
    expect "EXIT=0"
}

reminder_pane_wide() {
    start 120 30 zh_CN.UTF-8
    expect_line '│逾期 [0-9]+ *$'
    expect_line '│今天 [0-9]+ *$'
    expect_line '│未来 7 天 [0-9]+ *$'
    expect_line '│沉默客户 [0-9]+ *$'
    expect_line '│ .+ [0-9]+天 *$'
    fits 120
}

help_screen() {
    start 80 24 zh_CN.UTF-8
    keys '?'
    expect_line '^ tcrm 帮助：联系人视图（按其他键关闭，j/k 滚动） *$'
    expect_line '^  1 2 3 4 5 +视图：联系人、公司、商机、跟进、报表 *$'
    expect_line '^  c  F4 +记录与该联系人的一次电话 *$'
    expect_line '^ 底栏：F1帮助 F2新建 F3搜索 F4记录 F5跟进 F6导入 F7报表 F8发票 F9工单 F10退出 *$'
    fits 80
    keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
    expect_line '^  q  F10 +退出 *$'
    fits 80
    keys x
    expect_line "$KEYBAR_80"
}

contact_form_labels_and_error() {
    start 80 24 zh_CN.UTF-8
    keys a
    expect_line '^ 新建联系人 +Enter 保存  Esc 取消  Tab 下一项 *$'
    for l in 姓名 公司 职位 部门 电话/邮箱 地址 城市 生日 来源 标签 备注; do
        expect_line "^$l( |\$)"
    done
    fits 80
    # saving with no name: "必填" beside the Name field and on the status
    # line, and the form stays open
    keys Enter
    expect_line '^姓名 +必填 *$'
    expect_line '^姓名：必填 *$'
    # a birthday the data layer refuses: its words beside 生日
    keys Tab Tab Tab Tab Tab Tab Tab
    type_text "13月45日"
    keys Tab
    expect_line '^生日 +13月45日 +[^ ]'
    # Esc on a changed form asks in Chinese; y still answers
    keys Escape
    expect_line '^放弃修改？\(y/n\) *$'
    keys y
    expect_line "$KEYBAR_80"
    expect "已取消"
}

deal_error_beside_field() {
    start 80 24 zh_CN.UTF-8
    keys 3
    expect_line '^ 商机名称'
    keys a
    expect_line '^ 新建商机'
    type_text "测试商机"
    # the status cycles stored keys shown in Chinese: "l" picks "lost"
    keys Tab Tab Tab Tab Tab Tab Tab
    expect_line '^状态 +< 进行中 > *$'
    keys l
    expect_line '^状态 +< 输单 > *$'
    # no company: the data layer names the field "company" (err->field)
    keys Enter
    expect_line '^公司 +[^ ]'
    type_text "腾讯"
    keys Tab                        # leave it (closes the matches)
    # lost without a reason: err->field "reason", beside 输单原因
    keys Enter
    expect_line '^输单原因 +[^ ]'
    keys Escape
    expect "放弃修改？(y/n)"
    keys n
    expect_line '^ 新建商机 \*'
    keys Escape; keys y
    expect_line "$KEYBAR_80"
}

smallest_size() {
    start 60 16 zh_CN.UTF-8
    expect_line '^1帮助 +2新建 +3搜索 +4记录 +5跟进 +6导入 +7报表 +8发票 +9工单 +10退出 *$'
    expect_line '^ tcrm +1联系人 +2 +3 +4 +5 +6 +7 +8 +9 +0 +联系人 40 *$'
    expect_line '^ 姓名▲ +公司 +职位 +最近联系 +电话 *$'
    fits 60
    keys '?'
    expect_line '^ tcrm 帮助：'
    expect_line '^  1 2 3 4 5 +视图：联系人、公司、商机、跟进、报表 *$'
    fits 60
    keys x
    keys a
    expect_line '^ 新建联系人'
    expect_line '^姓名( |$)'
    fits 60
    keys Escape
    keys q
    expect "EXIT=0"
}

too_small() {
    start 40 10 zh_CN.UTF-8
    expect_line '^ *终端窗口太小 *$'
    expect_line '^ *至少需要 60x16，当前 40x10 *$'
    expect_line '^ *按 q 退出 *$'
    fits 40
    resize 80 24
    expect_line "$KEYBAR_80"
    resize 40 10
    expect "终端窗口太小"
    keys q
    expect "EXIT=0"
}

english_stays_english() {
    start 80 24 C.UTF-8
    expect_line '^1Help +2Add +3Search +4Log +5Follow +6Import +7Reports +8Invoices +9Tickets +10Quit *$'
    expect_line '^ tcrm +1Cont +2 +3 +4 +5 +6 +7 +8 +9 +0 +Contacts 40 *$'
    expect_line '^ Name▲ +Company +Title +Last contact +Phone *$'
    keys a
    expect "Add contact"
    keys Enter
    expect_line '^Name +required *$'
    expect_line '^Name: required *$'
    keys Escape
    expect "Cancelled"                  # nothing typed: no question
    expect_not "放弃"
    expect_not "姓名"
}

CASES="main_screen_80x24 reminder_pane_wide help_screen
contact_form_labels_and_error deal_error_beside_field smallest_size too_small
english_stays_english"
run_cases
