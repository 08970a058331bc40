#!/bin/bash
# tests/cli/zh.sh: Chinese on the command line, through the built binary:
# the Chinese date words in every kind of date option (--due, --to of a
# snooze, --at of a log, a report period), and their mistakes; search by
# pinyin and by several words; GBK files read on a guess, GB18030 export;
# a GB18030 terminal (arguments and output converted).
#
#   zh.sh /path/to/tcrm
#
# One temporary home and database per section; the clock is fixed at
# Friday 2026-11-20 10:00 (TCRM_NOW). Asserts exit status and exact
# output; ends "N passed, N failed" and exits non-zero on any failure.
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-zh.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export TCRM_NOW="2026-11-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_DATA_HOME=$W/home/data
unset TCRM_CONFIG NO_COLOR
mkdir -p "$HOME"
pass=0 fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
t()   { "$TCRM" --db "$DB" "$@"; }
same() { if [ "$2" = "$3" ]; then ok; else bad "$1: '$2' != '$3'"; fi; }
# expect NAME STATUS STDOUT STDERR -- command...: stdout exactly, and
# stderr exactly (its first line when an error is wanted: usage follows)
expect() {
    local name=$1 status=$2 want_out=$3 want_err=$4; shift 5
    local out err rc
    out=$("$@" 2>"$W/stderr"); rc=$?
    err=$(cat "$W/stderr")
    [ -n "$want_err" ] && err=$(head -n 1 "$W/stderr")
    if [ "$rc" = "$status" ] && [ "$out" = "$want_out" ] &&
       [ "$err" = "$want_err" ]; then ok
    else bad "$name: status $rc (want $status)
    stdout: $out
    want:   $want_out
    stderr: $err
    want:   $want_err"; fi
}

# ---- Chinese dates -----------------------------------------------------
DB=$W/dates.db
t init >/dev/null
t contact add "张伟" --company "华为技术有限公司" >/dev/null
expect "due 明天下午3点" 0 "follow-up 1 for 张伟 due 2026-11-21 15:00" "" -- \
    t follow-up add 1 --due 明天下午3点 寄送样品
expect "due 周五" 0 "follow-up 2 for 张伟 due 2026-11-27" "" -- \
    t follow-up add 1 --due 周五 回访
expect "due 下周一 9:00" 0 "follow-up 3 for 张伟 due 2026-11-23 09:00" "" -- \
    t follow-up add 1 --due "下周一 9:00" 开会
expect "due 12月20日 14:30" 0 "follow-up 4 for 张伟 due 2026-12-20 14:30" "" -- \
    t follow-up add 1 --due "12月20日 14:30" 年底拜访
expect "due 3天后" 0 "follow-up 5 for 张伟 due 2026-11-23" "" -- \
    t follow-up add 1 --due 3天后 报价
expect "snooze --to 下个月" 0 "follow-up 5 snoozed to 2026-12-20" "" -- \
    t follow-up snooze 5 --to 下个月
expect "log --at 昨天 下午2点" 0 "logged call with 张伟 (interaction 1)" "" -- \
    t log 1 --kind call --at "昨天 下午2点" 电话沟通
got=$(t export interactions --fields at 2>&1 | tail -n 1 | tr -d '\r')
[ "$got" = "2026-11-19 14:00" ] && ok || bad "log --at stored: '$got'"
expect "due 13月" 1 "" "tcrm follow-up add: --due: '13月' is not a date: there is no month 13" -- \
    t follow-up add 1 --due 13月 x
expect "due 2月30日" 1 "" "tcrm follow-up add: --due: '2月30日' is not a date: February 2026 has 28 days" -- \
    t follow-up add 1 --due 2月30日 x
expect "due 下周" 1 "" "tcrm follow-up add: --due: '下周' is not a date: use 今天, 明天, 周五, 下周一, 3天后, 下个月, 12月20日 or 2026年12月20日" -- \
    t follow-up add 1 --due 下周 x
got=$(t report activity --from 上个月 --to 今天 | grep -m1 '^Period')
[ "$got" = "Period:    2026-10-20 to 2026-11-20" ] && ok || bad "report --from 上个月: '$got'"

# ---- pinyin and several words ------------------------------------------
DB=$W/search.db
t init >/dev/null
t contact add "张伟" --company "华为技术有限公司" --title 采购经理 >/dev/null
t contact add "曾伟" --company 腾讯 >/dev/null
t contact add "吕娜" --company 阿里巴巴 --title 销售总监 >/dev/null
t contact add "Anna Silva" --company "Acme Ltd" >/dev/null
t contact add "John Smith" --company "Acme Ltd" >/dev/null
# names QUERY: the names it finds, one line, in order
names() { t search "$1" --format tsv | tail -n +2 | cut -f2 | tr '\n' ' '; }
found() { # found QUERY WANT
    local got
    got=$(names "$1")
    [ "$got" = "$2" ] && ok || bad "search '$1': '$got', want '$2'"
}
found zhangwei "张伟 "
found "zhang wei" "张伟 "
found zhangw "张伟 "
found ZW "张伟 曾伟 "
found hwjs "张伟 "
found zengwei "曾伟 "
found cengwei "曾伟 "
found "zhāng wěi" "张伟 "
found lü "吕娜 "
found lv "吕娜 "
found "lǚna" "吕娜 "
found "lv na" ""
found huaweijishu "张伟 "
found hwjsyxgs ""
found xszj "吕娜 "
found "silva anna" "Anna Silva "
found "john acme" "John Smith "
found "acme" "Anna Silva John Smith "
found "华为 采购" "张伟 "
found "zhang 华为" "张伟 "
found "华为 anna" ""
found zhangwie ""
expect "search no match" 0 "no contacts match 'silva john'" "" -- t search "silva john"

# ---- GBK / GB18030 files -------------------------------------------------
DB=$W/gbk.db
t init >/dev/null
# 姓名,公司,手机 / 张伟,华为,13800000001 / 李娜,腾讯,13900000002 in GBK
printf '\xd0\xd5\xc3\xfb,\xb9\xab\xcb\xbe,\xca\xd6\xbb\xfa\r\n\xd5\xc5\xce\xb0,\xbb\xaa\xce\xaa,13800000001\r\n\xc0\xee\xc4\xc8,\xcc\xda\xd1\xb6,13900000002\r\n' > gbk.csv
out=$(t import gbk.csv --dry-run)
[ "$(printf '%s\n' "$out" | head -n 1)" = "encoding: GB18030 (not UTF-8: read as GB18030, guessed), delimiter: ," ] && ok || bad "gbk preview: $out"
case "$out" in *"张伟 | 华为 | mobile 13800000001"*) ok ;; *) bad "gbk preview rows: $out" ;; esac
expect "gbk import" 0 "encoding: GB18030 (not UTF-8: read as GB18030, guessed)
gbk.csv: 2 rows: 2 added, 0 merged, 0 skipped as duplicates, 0 rejected
import 1 (undo with: tcrm import undo 1)" "" -- t import gbk.csv
found lina "李娜 "
expect "gbk --encoding overrides" 0 "encoding: GBK
gbk.csv: 2 rows: 0 added, 0 merged, 2 skipped as duplicates, 0 rejected
import 2 (undo with: tcrm import undo 2)" "" -- t import gbk.csv --encoding GBK
expect "gbk --encoding UTF-8" 1 "" "tcrm: gbk.csv:1: not valid UTF-8 (looks like GB18030): use --encoding GB18030; nothing imported" -- \
    t import gbk.csv --encoding UTF-8
# export for Excel on Chinese Windows: GB18030, and no byte order mark
# (Excel reads a file without a UTF mark in the system's code page, 936)
expect "export --encoding GB18030 --bom" 0 "" "exported 2 rows to out.csv" -- \
    t export contacts --fields name,company --encoding GB18030 --bom -o out.csv
want=$(printf 'name,company\r\n\xd5\xc5\xce\xb0,\xbb\xaa\xce\xaa\r\n\xc0\xee\xc4\xc8,\xcc\xda\xd1\xb6\r\n' | od -An -tx1)
[ "$(od -An -tx1 out.csv)" = "$want" ] && ok || bad "GB18030 export bytes: $(od -An -tx1 out.csv)"
t export contacts --fields name,company --bom -o out8.csv 2>/dev/null
[ "$(head -c 3 out8.csv | od -An -tx1)" = " ef bb bf" ] && ok || bad "UTF-8 --bom"
DB=$W/gbk2.db
t init >/dev/null
out=$(t import out.csv)
case "$out" in "encoding: GB18030 (not UTF-8: read as GB18030, guessed)"*"2 added"*) ok ;; *) bad "GB18030 round trip: $out" ;; esac

# ---- a GB18030 terminal ---------------------------------------------------
# (scripts/setup.sh generates zh_CN.GB18030)
if [ "$(LC_ALL=zh_CN.GB18030 locale charmap 2>/dev/null)" != GB18030 ]; then
    bad "locale zh_CN.GB18030 missing: run scripts/setup.sh as root"
else
    DB=$W/gb.db
    t init >/dev/null
    gb() { printf '%s' "$1" | iconv -f UTF-8 -t GB18030; }
    # what is typed arrives in GB18030; what is printed leaves in it
    out=$(LC_ALL=zh_CN.GB18030 t contact add "$(gb 张伟)" --company "$(gb 华为)" | iconv -f GB18030 -t UTF-8)
    [ "$out" = "已添加联系人 1：张伟" ] && ok || bad "GB18030 add: '$out'"
    got=$(t search zhangwei --format tsv | tail -n 1 | cut -f2,3)
    [ "$got" = "$(printf '张伟\t华为')" ] && ok || bad "GB18030 add stored: '$got'"
    want=$(LC_ALL=zh_CN.UTF-8 t search zw | iconv -f UTF-8 -t GB18030 | od -An -tx1)
    got=$(LC_ALL=zh_CN.GB18030 t search zw | od -An -tx1)
    [ "$got" = "$want" ] && ok || bad "GB18030 search output: $got"
    got=$(LC_ALL=zh_CN.GB18030 t follow-up add 1 --due "$(gb 2月30日)" x 2>&1 >/dev/null | head -n 1 | iconv -f GB18030 -t UTF-8)
    [ "$got" = "tcrm follow-up add: --due: '2月30日' 不是日期：2026年2月有 28 天" ] &&
        ok || bad "GB18030 error: '$got'"
    got=$(LC_ALL=zh_CN.GB18030 t follow-up add 1 --due "$(gb 明天下午3点)" "$(gb 寄送样品)" | iconv -f GB18030 -t UTF-8)
    [ "$got" = "跟进 1：张伟，2026-11-21 15:00 到期" ] && ok || bad "GB18030 date: '$got'"
    # export to standard output keeps its own encoding (UTF-8 by default)
    got=$(LC_ALL=zh_CN.GB18030 t export contacts --fields name | tail -n 1 | tr -d '\r')
    [ "$got" = "张伟" ] && ok || bad "GB18030 export stays UTF-8: '$got'"
fi

# ---- name order: pinyin by default, codepoint on request --------------
DB=$W/order.db
t init >/dev/null
for n in 张伟 王芳 "Zhang Anna" 李娜 章子怡 zoe "ABC科技"; do
    t contact add "$n" >/dev/null
done
t company add "华为技术有限公司" >/dev/null
names() { t contact list --format tsv | tail -n +2 | cut -f2 | tr '\n' ' '; }
same "pinyin order" "$(names)" "ABC科技 李娜 王芳 张伟 章子怡 Zhang Anna zoe "
expect "setting list" 0 "name-order       pinyin
access-mode      open
pool-after-days  0" "" -- t setting
expect "name-order codepoint" 0 "name-order: codepoint" "" -- \
    t setting name-order codepoint
same "codepoint order" "$(names)" "ABC科技 Zhang Anna zoe 张伟 李娜 王芳 章子怡 "
expect "name-order back" 0 "name-order: pinyin" "" -- t setting name-order pinyin
same "pinyin again" "$(names)" "ABC科技 李娜 王芳 张伟 章子怡 Zhang Anna zoe "
expect "name-order bad" 1 "" "tcrm: name order 'abc': use pinyin or codepoint" -- \
    t setting name-order abc
expect "setting unknown" 1 "" "tcrm setting: unknown setting 'sort' (known: name-order, access-mode, pool-after-days)" -- \
    t setting sort
same "audited" "$(t audit --raw | grep -c 'name_order=')" "2"
# hanzi typed at the search still meet hanzi keys: exact first, then "starts with"
got=$(t search 张 --format tsv | tail -n +2 | cut -f2 | tr '\n' ' ')
same "search 张" "$got" "张伟 "
got=$(t company list --search 华为 --format tsv | tail -n +2 | cut -f2)
same "company search 华为" "$got" "华为技术有限公司"
got=$(t company list --search hua --format tsv | tail -n +2 | cut -f2)
same "company search by a syllable of pinyin" "$got" "华为技术有限公司"
# a database from before the setting: codepoint keys, no setting row; the
# first writable open re-keys it
sqlite3 "$DB" "DELETE FROM settings WHERE key = 'name_order';
  UPDATE contacts SET sort_key = lower(name);"
same "old file re-keyed" "$(names)" "ABC科技 李娜 王芳 张伟 章子怡 Zhang Anna zoe "
same "setting recorded" "$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'name_order'")" "pinyin"

# ---- a report and the contact card in Chinese --------------------------
DB=$W/report.db
t init >/dev/null
t contact add 张伟 --company 华为技术 >/dev/null
t deal add 年度采购 --contact 1 --amount 12000 --currency CNY >/dev/null
t deal add 服务器 --contact 1 --amount 3000.5 --currency CNY --stage Proposal >/dev/null
zh() { LC_ALL=zh_CN.UTF-8 "$TCRM" --db "$DB" "$@"; }
expect "report pipeline in Chinese" 0 "销售漏斗: 按阶段列出进行中的商机，按币种分列
============================================
截至日期：2026-11-20
生成时间：2026-11-20 10:00:00，生成人 ann
数据库：  $DB

进行中的商机（CNY）
-------------------
阶段        商机           金额      加权金额  最早的商机
----------  ----  -------------  ------------  ----------------
线索           1  12,000.00 CNY  1,200.00 CNY  年度采购（0 天）
已确认需求     0       0.00 CNY      0.00 CNY
方案报价       1   3,000.50 CNY  1,500.25 CNY  服务器（0 天）
谈判           0       0.00 CNY      0.00 CNY
----------  ----  -------------  ------------  ----------------
合计           2  15,000.50 CNY  2,700.25 CNY

各阶段金额（CNY）
线索        █████████████████████████████████████████████████████  12,000.00 CNY
已确认需求                                                              0.00 CNY
方案报价    █████████████▎                                          3,000.50 CNY
谈判                                                                    0.00 CNY" "" -- zh report pipeline
expect "log in Chinese" 0 "已记录电话：张伟（沟通记录 1）" "" -- zh log 1 --kind call 打过电话
got=$(zh contact show 1 | sed -n '7,8p')
same "kind shown in Chinese" "$got" "近期沟通记录
  2026-11-20 10:00  电话    打过电话"
# the stored keys stay English
same "stage key stored" "$(sqlite3 "$DB" "SELECT stage FROM deals WHERE id = 2")" "Proposal"
same "csv stays English" "$(zh report pipeline --format csv | head -n 1 | cut -d, -f1-2)" "$(t report pipeline --format csv | head -n 1 | cut -d, -f1-2)"
# [display] language in the config file, under an English environment
mkdir -p "$HOME/.config/tcrm"
printf '[display]\nlanguage = zh_CN\n' >"$HOME/.config/tcrm/tcrm.conf"
expect "config language" 0 "已记录电话：张伟（沟通记录 2）" "" -- t log 1 --kind call 又打了
printf '[display]\nlanguage = "../x"\n' >"$HOME/.config/tcrm/tcrm.conf"
got=$(t due 2>&1 >/dev/null)
case "$got" in *"[display] language"*) ok ;; *) bad "bad language: '$got'" ;; esac
rm -f "$HOME/.config/tcrm/tcrm.conf"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
