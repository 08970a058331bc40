#!/usr/bin/env bash
# tests/po/check.sh: the Chinese catalogue is complete.
#
# Extracts the messages afresh from the sources (exactly as po/meson.build
# does, with po/xgettext.args), merges po/zh_CN.po with them, and fails when
# any message has no translation, is fuzzy (a changed English string whose
# old translation no longer fits), or breaks its format (msgfmt -c). Also
# fails when a source file under src/ is missing from po/POTFILES, so a new
# file's strings cannot go unnoticed.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for f in $(find src -name '*.c' | sort); do
  if ! grep -qx "$f" po/POTFILES; then
    echo "FAIL: $f is not listed in po/POTFILES"
    fail=1
  fi
done
while read -r f; do
  [ -z "$f" ] && continue
  [ -f "$f" ] || { echo "FAIL: po/POTFILES lists $f, which does not exist"; fail=1; }
done < po/POTFILES

mapfile -t args < po/xgettext.args
xgettext "${args[@]}" -f po/POTFILES -o "$tmp/tcrm.pot"
msgmerge --quiet --previous po/zh_CN.po "$tmp/tcrm.pot" -o "$tmp/zh_CN.po"

if ! stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$tmp/zh_CN.po" 2>&1); then
  echo "FAIL: msgfmt -c rejects po/zh_CN.po merged with the sources:"
  echo "$stats"
  fail=1
fi
echo "zh_CN: $stats"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/zh_CN.po" | grep -c '^msgid ' || true)
# Each listing has the header's empty msgid when it lists anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -ne 0 ]; then
  echo "FAIL: $untranslated messages have no Chinese translation, the first ones:"
  msgattrib --untranslated --no-obsolete --no-wrap "$tmp/zh_CN.po" |
    grep -A1 '^#:' | grep '^msgid ' | sed -n '1,20p'
  fail=1
fi
if [ "$fuzzy" -ne 0 ]; then
  echo "FAIL: $fuzzy messages are fuzzy (the English changed), the first ones:"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/zh_CN.po" |
    grep '^msgid ' | sed -n '2,21p'
  fail=1
fi
[ "$fail" -eq 0 ] && echo "ok: every message has a Chinese translation"
exit "$fail"
