-- tcrm schema 5: ids are never reused.
--
-- Before schema 5 the ids of companies, contacts, deals, interactions,
-- follow-ups, imports and audit rows were plain INTEGER PRIMARY KEYs:
-- SQLite gives a new row max(id) + 1, so after an import undo (which
-- deletes the rows it added) the next contact got the id of a deleted
-- one, and a screen that still had the old contact's form open saved
-- over the new one. With AUTOINCREMENT SQLite remembers the largest id
-- ever given in sqlite_sequence and never gives it again, so an id names
-- one row for the life of the database: a save of "contact 45 at
-- version 1" can only ever reach the row it read.
--
-- How: adding AUTOINCREMENT changes only the declaration, not how the
-- rows are stored, so the declarations are rewritten in sqlite_master
-- (the procedure of sqlite.org/lang_altertable.html, "making other kinds
-- of table schema changes") instead of copying every table: rows,
-- indexes, triggers, views, foreign keys and columns other migrations
-- add stay exactly as they are, and a million-contact database upgrades
-- in milliseconds. PRAGMA writable_schema = RESET makes this connection
-- re-read the schema; the CREATE TABLE below changes the schema cookie,
-- so every other open connection re-reads it too.
--
-- sqlite_sequence starts at the largest id each table is known to have
-- given: its rows, and the rows imports added (import_changes) and the
-- audit trail names, which may since have been deleted.

PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, 'id          INTEGER PRIMARY KEY,',
                          'id          INTEGER PRIMARY KEY AUTOINCREMENT,')
 WHERE type = 'table'
   AND name IN ('import_batches', 'companies', 'contacts', 'deals',
                'interactions', 'follow_ups', 'audit_log');
PRAGMA writable_schema = RESET;

-- Refuse the migration (and leave schema 4 as it was) unless all seven
-- declarations changed.
CREATE TEMP TABLE schema5_check (ok INTEGER CHECK (ok = 7));
INSERT INTO schema5_check
SELECT count(*) FROM sqlite_master
 WHERE type = 'table' AND sql LIKE '%id          INTEGER PRIMARY KEY AUTOINCREMENT,%'
   AND name IN ('import_batches', 'companies', 'contacts', 'deals',
                'interactions', 'follow_ups', 'audit_log');
DROP TABLE schema5_check;

-- Creates sqlite_sequence if no table had AUTOINCREMENT yet (a table
-- of the same shape as the one SQLite makes), and changes the schema
-- cookie.
CREATE TABLE schema5_sequence_maker (id INTEGER PRIMARY KEY AUTOINCREMENT);
DROP TABLE schema5_sequence_maker;
DELETE FROM sqlite_sequence WHERE name = 'schema5_sequence_maker';

INSERT INTO sqlite_sequence (name, seq)
SELECT t.name, max(coalesce(t.top, 0), coalesce(i.top, 0), coalesce(a.top, 0))
  FROM (SELECT 'import_batches' AS name, (SELECT max(id) FROM import_batches) AS top, NULL AS entity
        UNION ALL SELECT 'companies', (SELECT max(id) FROM companies), 'company'
        UNION ALL SELECT 'contacts', (SELECT max(id) FROM contacts), 'contact'
        UNION ALL SELECT 'deals', (SELECT max(id) FROM deals), 'deal'
        UNION ALL SELECT 'interactions', (SELECT max(id) FROM interactions), 'interaction'
        UNION ALL SELECT 'follow_ups', (SELECT max(id) FROM follow_ups), 'follow-up'
        UNION ALL SELECT 'audit_log', (SELECT max(id) FROM audit_log), NULL) AS t
  LEFT JOIN (SELECT entity, max(entity_id) AS top FROM import_changes
              GROUP BY entity) AS i ON i.entity = t.entity
  LEFT JOIN (SELECT entity, max(entity_id) AS top FROM audit_log
              GROUP BY entity) AS a ON a.entity = t.entity
 WHERE t.name NOT IN (SELECT name FROM sqlite_sequence);
