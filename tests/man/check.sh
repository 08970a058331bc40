#!/usr/bin/env bash
# tests/man/check.sh TCRM PAGE...: the manual pages are clean.
#
# 1. Each PAGE renders with `man --warnings=w -E UTF-8 -l PAGE` (every groff
#    warning category on, an 80-column terminal) and groff says nothing:
#    any warning or error fails, naming the page and showing the lines.
#    A page under zh_CN/ renders in a zh_CN.UTF-8 locale (C.UTF-8 when
#    that locale is not there), from a copy in share/man/zh_CN/manN/ as
#    it is installed: man-db treats a page there as Chinese (it adds .hla
#    zh, which sent groff 1.22.4 into an endless loop); the others render
#    in C.UTF-8.
# 2. Every command `TCRM --help` lists appears as `.Nm Cm COMMAND` in each
#    PAGE named tcrm.1 (the English and the Chinese one).
# Needs man-db and groff-base (scripts/setup.sh installs them).
set -u

tcrm=${1:?usage: check.sh TCRM PAGE...}
shift
[ $# -gt 0 ] || { echo "usage: check.sh TCRM PAGE..." >&2; exit 2; }

pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for tool in man groff; do
    command -v "$tool" >/dev/null ||
        { echo "FAIL: $tool is missing (scripts/setup.sh installs man-db and groff-base)"; exit 1; }
done

zh_locale=C.UTF-8
if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
    zh_locale=zh_CN.UTF-8
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# 1. groff warnings
for page in "$@"; do
    if [ ! -r "$page" ]; then
        bad "$page: cannot read it"
        continue
    fi
    src=$page
    case $page in
        */zh_CN/*)
            loc=$zh_locale
            name=${page##*/}
            src=$tmp/share/man/zh_CN/man${name##*.}/$name
            mkdir -p "${src%/*}" && cp "$page" "$src" || exit 1
            ;;
        *) loc=C.UTF-8 ;;
    esac
    # MANWIDTH fixes the width (the output is not a terminal); MANOPT and
    # MANPAGER from the caller's environment must not change the result;
    # timeout: a formatting loop fails instead of hanging the suite.
    env -u MANOPT -u MANPAGER -u PAGER LANG="$loc" LC_ALL="$loc" LANGUAGE= \
        MANWIDTH=80 MAN_KEEP_FORMATTING= \
        timeout 60 man --warnings=w -E UTF-8 -l "$src" \
        >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
        if [ $rc -eq 124 ]; then
            bad "$page ($loc): man did not finish in 60 s (groff looping?); it said:"
        else
            bad "$page ($loc): man exited $rc, groff said:"
        fi
        sed 's/^/    /' "$tmp/err"
    else
        ok "$page renders without a warning ($loc)"
    fi
done

# 2. every command of --help is documented in tcrm.1 (English and Chinese)
LANG=C LC_ALL=C LANGUAGE= "$tcrm" --help >"$tmp/help" 2>&1 ||
    { bad "$tcrm --help failed:"; sed 's/^/    /' "$tmp/help"; }
# The "Commands:" block: "  NAME   description", continuations indented more.
sed -n '/^Commands:/,/^$/p' "$tmp/help" |
    sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' >"$tmp/commands"
n=$(wc -l <"$tmp/commands")
if [ "$n" -lt 10 ]; then
    bad "tcrm --help lists $n commands; the Commands: block was not understood:"
    sed 's/^/    /' "$tmp/help"
fi
for page in "$@"; do
    case $page in */tcrm.1) ;; *) continue ;; esac
    missing=
    while read -r cmd; do
        grep -Eq "(^|[[:space:]])Nm Cm $cmd([[:space:]]|\$)" "$page" ||
            missing="$missing $cmd"
    done <"$tmp/commands"
    if [ -n "$missing" ]; then
        bad "$page does not document the command(s):$missing (as .It Nm Cm COMMAND)"
    else
        ok "$page documents all $n commands of tcrm --help"
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
