#!/usr/bin/env bash
# scripts/demo.sh: set up, build, fill a database with demo data and open
# tcrm on it. The demo database is demo/tcrm.db in this folder; running the
# script again reopens it (delete the folder for fresh demo data).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ ! -f build/build.ninja ]; then
  meson setup build >/dev/null
fi
ninja -C build >/dev/null

mkdir -p demo
db=demo/tcrm.db
if [ ! -f "$db" ]; then
  ./build/src/tcrm --db "$db" init --demo
fi
if [ -t 1 ]; then
  exec ./build/src/tcrm --db "$db"
else
  # No terminal to draw on: show the demo data through the command line.
  ./build/src/tcrm --db "$db" contact list
  ./build/src/tcrm --db "$db" due
fi
