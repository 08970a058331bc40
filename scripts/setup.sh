#!/usr/bin/env bash
# scripts/setup.sh: install what tcrm needs to build and test on Debian 12.
#
# As root it installs the missing packages with apt-get; as anyone else it
# prints the exact command to run. Installs nothing that is already there,
# and runs `apt-get update` only when something is missing.
set -euo pipefail

packages=(
  gcc pkgconf ninja-build meson           # build
  libncurses-dev libsqlite3-dev           # ncursesw, SQLite
  libcsv-dev libiniparser-dev             # CSV, INI
  libcmocka-dev                           # unit tests
  tmux sqlite3 procps                     # screen tests, CLI tests
  clang libclang-rt-14-dev                # fuzz targets (scripts/fuzz.sh)
  libical-dev                             # iCalendar time zones
  python3-vobject python3-icalendar       # vCard/iCalendar checks in tests
  calcurse abook khard                    # ... and real importers
  passwd util-linux                       # people.sh: useradd, runuser
  locales                                 # zh_CN locales (tests/cli/zh.sh)
  man-db groff-base                       # tests/man/check.sh: man --warnings
)

# The Chinese locales the tests run under (Chinese dates, a GB18030
# terminal), generated once with localedef.
zh_locales() {
  local cs name
  for cs in UTF-8 GB18030; do
    name=zh_CN.$cs
    [ "$(LC_ALL=$name locale charmap 2>/dev/null)" = "$cs" ] && continue
    if [ "$(id -u)" -ne 0 ]; then
      echo "setup: missing locale $name; run as root: localedef -i zh_CN -f $cs $name" >&2
      return 1
    fi
    echo "setup: generating the locale $name"
    localedef -i zh_CN -f "$cs" "$name" ||
      [ "$(LC_ALL=$name locale charmap 2>/dev/null)" = "$cs" ]
  done
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all build and test packages are installed"
  zh_locales
  exit $?
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run as root:  apt-get update && $cmd" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
$cmd -qq
zh_locales
