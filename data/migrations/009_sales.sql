-- tcrm schema 9: one descriptor per entity.
--
-- taggings named the three entities that carry tags in a CHECK
-- constraint, so a new taggable entity meant a new migration. Which
-- entities carry tags is now said once, by the entity table of tcrm
-- (src/core/entity_kind.c, TCRM_ENTITY_TAGS), and tcrm refuses tags on
-- any other; the column only has to name something. Loosening a CHECK
-- does not change how rows are stored, so the declaration is rewritten
-- in sqlite_master as 006_safe_edits.sql does (sqlite.org/lang_altertable
-- .html, "making other kinds of table schema changes").

PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql,
       'entity      TEXT NOT NULL CHECK (entity IN (''company'',''contact'',''deal'')),',
       'entity      TEXT NOT NULL CHECK (entity <> ''''),')
 WHERE type = 'table' AND name = 'taggings';
PRAGMA writable_schema = RESET;

-- Refuse the migration unless the declaration changed.
CREATE TEMP TABLE schema8_check (ok INTEGER CHECK (ok = 1));
INSERT INTO schema8_check
SELECT count(*) FROM sqlite_master
 WHERE type = 'table' AND name = 'taggings'
   AND sql LIKE '%entity      TEXT NOT NULL CHECK (entity <> ''''),%';
DROP TABLE schema8_check;
