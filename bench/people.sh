#!/bin/sh
# bench/people.sh: what the access rule (src/core/access.c) costs.
#
#   sh bench/people.sh BUILD DB
#
# DB is a database made by tcrm-bench-gen (its first opener, "bench", is
# its admin). This script gives its rows to 20 salespeople (s01..s20)
# under 3 managers (m1: s01-s07, m2: s08-s14, m3: s15-s20) and shares
# every 50th contact of s01 with s02 read-only (and has tcrm rebuild the
# search index's visibility tokens), then runs
# tcrm-bench-search and tcrm-bench-report (--only agenda, pipeline,
# activity) in open mode, then in owned mode as the admin, a manager (m1;
# reports for s01, one of the team) and a salesperson (s01). It changes
# DB (once: a second run only measures).
set -eu
BUILD=$1 DB=$2
now="'2026-11-20 10:00:00'"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM users WHERE login = 'm1'")" = 1 ] ||
sqlite3 "$DB" <<SQL
PRAGMA foreign_keys = ON;
INSERT OR IGNORE INTO users(login, name, role, created_at, updated_at)
  VALUES ('m1', 'm1', 'manager', $now, $now), ('m2', 'm2', 'manager', $now, $now),
         ('m3', 'm3', 'manager', $now, $now);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT OR IGNORE INTO users(login, name, role, manager, created_at, updated_at)
  SELECT printf('s%02d', i), printf('s%02d', i), 'sales',
         CASE WHEN i <= 7 THEN 'm1' WHEN i <= 14 THEN 'm2' ELSE 'm3' END,
         $now, $now FROM n;
UPDATE contacts SET owner = printf('s%02d', id % 20 + 1);
UPDATE companies SET owner = printf('s%02d', id % 20 + 1);
UPDATE deals SET owner = (SELECT owner FROM contacts WHERE id = deals.contact_id)
  WHERE contact_id IS NOT NULL;
UPDATE follow_ups SET owner = (SELECT owner FROM contacts
  WHERE id = follow_ups.contact_id) WHERE contact_id IS NOT NULL;
UPDATE interactions SET owner = (SELECT owner FROM contacts
  WHERE id = interactions.contact_id) WHERE contact_id IS NOT NULL;
INSERT OR IGNORE INTO shares(entity, entity_id, login, read_only, created_at, created_by)
  SELECT 'contact', id, 's02', 1, $now, 's01' FROM contacts
  WHERE owner = 's01' AND id % 50 = 0;
-- The owners and shares changed behind tcrm's back: the visibility tokens
-- of the search index (schema 17) are rebuilt on the next open.
CREATE TABLE IF NOT EXISTS search_rebuild (reason TEXT NOT NULL);
INSERT INTO search_rebuild (reason) VALUES ('bench/people.sh: owners in SQL');
SQL
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'search_rebuild'")" = 0 ] ||
    "$BUILD/src/tcrm" --db "$DB" contact list --limit 1 >/dev/null
run() {
    echo "== $1"
    shift
    "$BUILD/bench/tcrm-bench-search" --db "$DB" --rounds 3 $1 |
        grep -E '^(first|next) page'
    for r in agenda pipeline activity; do
        "$BUILD/bench/tcrm-bench-report" --db "$DB" --rounds 3 --only $r $1 $2 |
            grep -E "^$r "
    done
}
sqlite3 "$DB" "UPDATE settings SET value = 'open' WHERE key = 'access_mode'"
run "open mode" "" ""
sqlite3 "$DB" "UPDATE settings SET value = 'owned' WHERE key = 'access_mode'"
run "owned, admin" "--login=bench" ""
run "owned, manager m1" "--login=m1" "--owner=s01"
run "owned, sales s01" "--login=s01" ""
sqlite3 "$DB" "UPDATE settings SET value = 'open' WHERE key = 'access_mode'"
run "open mode, reports for s01" "" "--owner=s01"
