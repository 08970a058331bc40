#!/bin/bash
# tests/cli/zh_cli.sh: the command line's own words in Chinese, through the
# built binary and the catalogue of the build tree (<build>/po/zh_CN/
# LC_MESSAGES/tcrm.mo, made from po/zh_CN.po): `tcrm --help`, a command's
# --help, a usage error, `tcrm due`, a table with Chinese headers lined up
# by display width; machine output (CSV) stays English under a Chinese
# locale, and LANG=C keeps every English word.
#
#   zh_cli.sh /path/to/tcrm
#
# Only words of src/cli are asserted (no stored keys such as stages or
# states, no dates: those are translated elsewhere). One temporary home
# and database; the clock is fixed at Friday 2026-11-20 10:00 (TCRM_NOW).
# Asserts exit status and exact output; ends "N passed, N failed" and
# exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-zh-cli.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export TCRM_NOW="2026-11-20 10:00:00" USER=ann TZ=UTC
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_DATA_HOME=$W/home/data
unset TCRM_CONFIG TCRM_DB NO_COLOR LC_ALL LC_MESSAGES LANGUAGE
mkdir -p "$HOME"
pass=0 fail=0
DB=$W/zh.db

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
zh()  { LANG=zh_CN.UTF-8 "$TCRM" --db "$DB" "$@"; }
en()  { LANG=C "$TCRM" --db "$DB" "$@"; }
# expect NAME STATUS STDOUT STDERR -- command...: stdout and stderr
# exactly, and the exit status
expect() {
    local name=$1 status=$2 want_out=$3 want_err=$4; shift 5
    local out err rc
    out=$("$@" 2>"$W/stderr"); rc=$?
    err=$(cat "$W/stderr")
    if [ "$rc" = "$status" ] && [ "$out" = "$want_out" ] &&
       [ "$err" = "$want_err" ]; then ok
    else bad "$name: status $rc (want $status)
    stdout: $out
    want:   $want_out
    stderr: $err
    want:   $want_err"; fi
}

if [ "$(LANG=zh_CN.UTF-8 locale charmap 2>/dev/null)" != UTF-8 ]; then
    echo "locale zh_CN.UTF-8 missing: run scripts/setup.sh as root"
    exit 1
fi

# ---- tcrm --help -------------------------------------------------------
got=$(zh --help | head -n 14)
want="用法：tcrm [--db FILE] [--config FILE] [COMMAND [ARG...]]

终端里的客户关系管理（CRM）工具。不带命令运行时，
tcrm 打开全屏界面。

选项：
  --db FILE       数据库（默认：\$TCRM_DB、配置文件中的
                  [database] path、~/.local/share/tcrm/tcrm.db）
  --config FILE   配置文件（默认：\$TCRM_CONFIG、
                  ~/.config/tcrm/tcrm.conf、/etc/tcrm/tcrm.conf）
  --help          显示本帮助；COMMAND --help 显示某个命令的帮助
  --version       显示版本

命令："
[ "$got" = "$want" ] && ok || bad "tcrm --help: $got"
# the command list: summaries wrapped by columns, under themselves
got=$(zh --help | grep -A 1 -E '^  (init|contact|report) ')
want="  init       创建数据库（--demo：同时填入演示数据；--shared：以归属模式创建，
             供办公室多人使用）。
--
  contact    添加、列出、查看、修改和删除联系人。
  company    添加、列出、查看、修改和删除公司。
--
  report     报表：agenda、activity、pipeline、forecast、won-lost、sales、
             products、gone-quiet、segments、imports、receivables、payments。"
[ "$got" = "$want" ] && ok || bad "tcrm --help commands: $got"
# no line of the help is wider than 79 columns
wide=$(zh --help | while IFS= read -r l; do
    [ "$(printf '%s' "$l" | LC_ALL=zh_CN.UTF-8 wc -L)" -gt 79 ] && printf '%s\n' "$l"; done)
[ -z "$wide" ] && ok || bad "tcrm --help: lines over 79 columns: $wide"

# ---- a command's --help, a usage error ----------------------------------
usage_add="用法：tcrm contact add NAME [--company NAME] [--title T] [--department D]
             [--email E]... [--phone P]... [--mobile P]... [--work P]...
             [--home P]... [--fax P]... [--web URL]... [--im HANDLE]...
             [--address A] [--city C] [--birthday DATE] [--source S]
             [--owner O] [--tag T]... [--note TEXT] [--force]"
expect "contact add --help" 0 "$usage_add

添加联系人（疑似重复时拒绝，除非加 --force）。
全部选项见 tcrm(1)。" "" -- zh contact add --help
expect "contact add: no name" 2 "" "tcrm contact add: 缺少 NAME
$usage_add" -- zh contact add --company 华为
expect "follow-up add: no title" 2 "" "tcrm follow-up add: 缺少 ID 和 TITLE
用法：tcrm follow-up add ID --due WHEN [--every DAYS] TITLE" -- \
    zh follow-up add --due 明天
expect "bad contact id" 1 "" "tcrm contact show: 'x' 不是有效的联系人 ID（应为数字，如 42）" -- zh contact show x
expect "unknown command" 2 "" "tcrm: 未知命令 'frob'（命令列表见 tcrm --help）
用法：tcrm [--db FILE] [--config FILE] [COMMAND [ARG...]]" -- zh frob

# ---- confirmations, tcrm due, a table ------------------------------------
zh init >/dev/null
expect "contact add" 0 "已添加联系人 1：张伟" "" -- \
    zh contact add 张伟 --company 华为技术 --title 采购经理 --mobile 13800000001
expect "contact add, Latin" 0 "已添加联系人 2：Anna Silva" "" -- \
    zh contact add "Anna Silva" --company "Acme Ltd" --email anna@acme.example
expect "due: nothing" 0 "未来 7 天没有到期的跟进，也没有沉默客户" "" -- zh due
zh follow-up add 1 --due "今天 15:00" 寄送样品 >/dev/null
zh follow-up add 2 --due today Send brochure >/dev/null
expect "due" 0 "今天（2）
  #2  全天   Send brochure  Anna Silva（Acme Ltd）
  #1  15:00  寄送样品       张伟（华为技术）        13800000001" "" -- zh due
# Chinese headers and names line up by display width
expect "contact list" 0 "ID  名称        公司      职位      电话         邮箱               最近联系
 2  Anna Silva  Acme Ltd                         anna@acme.example
 1  张伟        华为技术  采购经理  13800000001" "" -- zh contact list
# (the WHY column is dup.h's words: not asserted here)
out=$(zh contact add 张伟 --mobile 13800000001 2>&1); rc=$?
got=$(printf '%s\n' "$out" | sed 3d)
want="tcrm: contact add: '张伟' 疑似与已有联系人重复：
  ID  名称  公司      原因
未添加；如仍要添加，请加 --force"
[ "$rc" = 1 ] && [ "$got" = "$want" ] && ok || bad "duplicate refused: $rc $out"
case "$(printf '%s\n' "$out" | sed -n 3p)" in
    "   1  张伟  华为技术  "?*) ok ;;
    *) bad "duplicate refused, the row: $out" ;;
esac
expect "follow-up cancel" 0 "已取消跟进 2" "" -- zh follow-up cancel 2

# ---- machine output stays English ----------------------------------------
expect "csv under zh" 0 "id,due_date,due_time,status,repeat_days,contact,title
1,2026-11-20,15:00,open,,张伟,寄送样品" "" -- \
    zh follow-up list --format csv
expect "tsv under zh" 0 "$(printf 'id\tname\tcompany\ttitle\tphone\temail\tlast_contact\n1\t张伟\t华为技术\t采购经理\t13800000001\t\t')" "" -- \
    zh search zhangwei --format tsv

# ---- LANG=C: English -------------------------------------------------------
got=$(en --help | head -n 3)
want="usage: tcrm [--db FILE] [--config FILE] [COMMAND [ARG...]]

A customer-relationship manager for the terminal. With no command,"
[ "$got" = "$want" ] && ok || bad "LANG=C --help: $got"
expect "LANG=C due" 0 "TODAY (1)
  #1  15:00  寄送样品  张伟 (华为技术)  13800000001" "" -- en due
expect "LANG=C error" 2 "" "tcrm contact add: missing NAME
usage: tcrm contact add NAME [--company NAME] [--title T] [--department D]
              [--email E]... [--phone P]... [--mobile P]... [--work P]...
              [--home P]... [--fax P]... [--web URL]... [--im HANDLE]...
              [--address A] [--city C] [--birthday DATE] [--source S]
              [--owner O] [--tag T]... [--note TEXT] [--force]" -- en contact add
expect "LANG=C list" 0 "ID  NAME        COMPANY   TITLE     PHONE        EMAIL              LAST CONTACT
 2  Anna Silva  Acme Ltd                         anna@acme.example
 1  张伟        华为技术  采购经理  13800000001" "" -- en contact list

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
