#!/bin/sh
# bench/kill.sh [BUILD] [RUNS]: the SIGKILL harness of tests/faults/kill.sh
# with RUNS (default 100) random kills per write path instead of the 5 of
# `meson test`. Numbers in bench/README.md ("Death at any moment").
cd "$(dirname "$0")/.." || exit 1
exec bash tests/faults/kill.sh "${1:-build}/src/tcrm" "${2:-100}"
