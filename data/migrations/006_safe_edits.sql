-- tcrm schema 6: ids are never reused.
--
-- Before schema 6 the ids of companies, contacts, deals, interactions,
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

-- Refuse the migration (and leave schema 5 as it was) unless all seven
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

-- ---- the audit trail ------------------------------------------------------
--
-- Every change of a company, contact, deal, interaction or follow-up is
-- written to audit_log by the triggers below, whoever makes it: tcrm's
-- commands, the screen, an import, an undo, a merge, a restore, or
-- someone with sqlite3. An edit also writes each changed field with its
-- old and new value to audit_fields (a contact's phones, e-mails and tags
-- live in other tables; tcrm adds those fields itself). Audit rows are
-- never changed or deleted: the triggers refuse it.
--
-- Who and when: tcrm writes its acting user and its clock into the one
-- row of audit_actor at the start of each write transaction and clears
-- it before the commit (src/core/db.c), so the row is only ever set
-- inside a tcrm transaction. `action` names a change the triggers cannot
-- tell apart from an edit or a delete (merge, undo). A change made
-- outside tcrm finds the row empty: who is 'outside tcrm' and at is
-- the row's updated_at (the time now for a delete).

CREATE TABLE audit_actor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    who         TEXT,
    at          TEXT,
    action      TEXT
);
INSERT INTO audit_actor (id) VALUES (1);
CREATE TRIGGER audit_actor_keep BEFORE DELETE ON audit_actor BEGIN
    SELECT RAISE(ABORT, 'audit_actor: its one row stays');
END;

CREATE TABLE audit_fields (
    audit_id    INTEGER NOT NULL REFERENCES audit_log(id),
    field       TEXT NOT NULL,
    old_value,
    new_value,
    PRIMARY KEY (audit_id, field)
) WITHOUT ROWID;

-- One index per way the trail is read, newest first: one record's trail,
-- one person's changes, everything in a period.
DROP INDEX audit_by_entity;
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, at);
CREATE INDEX audit_by_who ON audit_log(who, at);
CREATE INDEX audit_by_at ON audit_log(at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit rows are never changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit rows are never deleted');
END;
CREATE TRIGGER audit_fields_no_update BEFORE UPDATE ON audit_fields BEGIN
    SELECT RAISE(ABORT, 'audit rows are never changed');
END;
CREATE TRIGGER audit_fields_no_delete BEFORE DELETE ON audit_fields BEGIN
    SELECT RAISE(ABORT, 'audit rows are never deleted');
END;

-- For each audited table: add, delete/restore (deleted_at set or
-- cleared: the trash), edit (the version or a field changed; the columns
-- triggers keep, such as last_interaction_at, are not fields), and
-- remove (the row deleted for good: an import undo).
-- companies
CREATE TRIGGER companies_audit_add AFTER INSERT ON companies BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'company', NEW.id, coalesce(a.action, 'add'), NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER companies_audit_trash AFTER UPDATE OF deleted_at ON companies
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'company', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER companies_audit_edit AFTER UPDATE ON companies
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.name IS NOT NEW.name OR OLD.industry IS NOT NEW.industry OR OLD.phone IS NOT NEW.phone OR OLD.email IS NOT NEW.email OR OLD.website IS NOT NEW.website OR OLD.address IS NOT NEW.address OR OLD.city IS NOT NEW.city OR OLD.notes IS NOT NEW.notes OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'company', NEW.id, coalesce(a.action, 'edit'), NEW.name
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'name' AS field, OLD.name AS o, NEW.name AS n
        UNION ALL SELECT 'industry', OLD.industry, NEW.industry
        UNION ALL SELECT 'phone', OLD.phone, NEW.phone
        UNION ALL SELECT 'email', OLD.email, NEW.email
        UNION ALL SELECT 'website', OLD.website, NEW.website
        UNION ALL SELECT 'address', OLD.address, NEW.address
        UNION ALL SELECT 'city', OLD.city, NEW.city
        UNION ALL SELECT 'notes', OLD.notes, NEW.notes
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER companies_audit_remove AFTER DELETE ON companies BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'company', OLD.id,
           coalesce(a.action, 'remove'), OLD.name
      FROM audit_actor a WHERE a.id = 1;
END;
-- contacts
CREATE TRIGGER contacts_audit_add AFTER INSERT ON contacts BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'contact', NEW.id, coalesce(a.action, 'add'), NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER contacts_audit_trash AFTER UPDATE OF deleted_at ON contacts
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'contact', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER contacts_audit_edit AFTER UPDATE ON contacts
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.name IS NOT NEW.name OR OLD.company_id IS NOT NEW.company_id OR OLD.title IS NOT NEW.title OR OLD.department IS NOT NEW.department OR OLD.address IS NOT NEW.address OR OLD.city IS NOT NEW.city OR OLD.birthday IS NOT NEW.birthday OR OLD.source IS NOT NEW.source OR OLD.notes IS NOT NEW.notes OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'contact', NEW.id, coalesce(a.action, 'edit'), NEW.name
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'name' AS field, OLD.name AS o, NEW.name AS n
        UNION ALL SELECT 'company', (SELECT name FROM companies WHERE id = OLD.company_id), (SELECT name FROM companies WHERE id = NEW.company_id)
        UNION ALL SELECT 'title', OLD.title, NEW.title
        UNION ALL SELECT 'department', OLD.department, NEW.department
        UNION ALL SELECT 'address', OLD.address, NEW.address
        UNION ALL SELECT 'city', OLD.city, NEW.city
        UNION ALL SELECT 'birthday', OLD.birthday, NEW.birthday
        UNION ALL SELECT 'source', OLD.source, NEW.source
        UNION ALL SELECT 'notes', OLD.notes, NEW.notes
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER contacts_audit_remove AFTER DELETE ON contacts BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'contact', OLD.id,
           coalesce(a.action, 'remove'), OLD.name
      FROM audit_actor a WHERE a.id = 1;
END;
-- deals
CREATE TRIGGER deals_audit_add AFTER INSERT ON deals BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'deal', NEW.id, coalesce(a.action, 'add'), NEW.title
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER deals_audit_trash AFTER UPDATE OF deleted_at ON deals
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'deal', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.title
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER deals_audit_edit AFTER UPDATE ON deals
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.title IS NOT NEW.title OR OLD.company_id IS NOT NEW.company_id OR OLD.contact_id IS NOT NEW.contact_id OR OLD.stage IS NOT NEW.stage OR OLD.amount_minor IS NOT NEW.amount_minor OR OLD.currency IS NOT NEW.currency OR OLD.probability IS NOT NEW.probability OR OLD.expected_close IS NOT NEW.expected_close OR OLD.status IS NOT NEW.status OR OLD.lost_reason IS NOT NEW.lost_reason OR OLD.closed_at IS NOT NEW.closed_at OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'deal', NEW.id, coalesce(a.action, 'edit'), NEW.title
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'title' AS field, OLD.title AS o, NEW.title AS n
        UNION ALL SELECT 'company', (SELECT name FROM companies WHERE id = OLD.company_id), (SELECT name FROM companies WHERE id = NEW.company_id)
        UNION ALL SELECT 'contact', (SELECT name FROM contacts WHERE id = OLD.contact_id), (SELECT name FROM contacts WHERE id = NEW.contact_id)
        UNION ALL SELECT 'stage', OLD.stage, NEW.stage
        UNION ALL SELECT 'amount_minor', OLD.amount_minor, NEW.amount_minor
        UNION ALL SELECT 'currency', OLD.currency, NEW.currency
        UNION ALL SELECT 'probability', OLD.probability, NEW.probability
        UNION ALL SELECT 'expected_close', OLD.expected_close, NEW.expected_close
        UNION ALL SELECT 'status', OLD.status, NEW.status
        UNION ALL SELECT 'lost_reason', OLD.lost_reason, NEW.lost_reason
        UNION ALL SELECT 'closed_at', OLD.closed_at, NEW.closed_at
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER deals_audit_remove AFTER DELETE ON deals BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'deal', OLD.id,
           coalesce(a.action, 'remove'), OLD.title
      FROM audit_actor a WHERE a.id = 1;
END;
-- interactions
CREATE TRIGGER interactions_audit_add AFTER INSERT ON interactions BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'interaction', NEW.id, coalesce(a.action, 'add'), NEW.summary
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER interactions_audit_trash AFTER UPDATE OF deleted_at ON interactions
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'interaction', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.summary
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER interactions_audit_edit AFTER UPDATE ON interactions
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.contact_id IS NOT NEW.contact_id OR OLD.company_id IS NOT NEW.company_id OR OLD.deal_id IS NOT NEW.deal_id OR OLD.kind IS NOT NEW.kind OR OLD.at IS NOT NEW.at OR OLD.summary IS NOT NEW.summary OR OLD.body IS NOT NEW.body OR OLD.logged_by IS NOT NEW.logged_by) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'interaction', NEW.id, coalesce(a.action, 'edit'), NEW.summary
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'contact' AS field, (SELECT name FROM contacts WHERE id = OLD.contact_id) AS o, (SELECT name FROM contacts WHERE id = NEW.contact_id) AS n
        UNION ALL SELECT 'company', (SELECT name FROM companies WHERE id = OLD.company_id), (SELECT name FROM companies WHERE id = NEW.company_id)
        UNION ALL SELECT 'deal', (SELECT title FROM deals WHERE id = OLD.deal_id), (SELECT title FROM deals WHERE id = NEW.deal_id)
        UNION ALL SELECT 'kind', OLD.kind, NEW.kind
        UNION ALL SELECT 'at', OLD.at, NEW.at
        UNION ALL SELECT 'summary', OLD.summary, NEW.summary
        UNION ALL SELECT 'body', OLD.body, NEW.body
        UNION ALL SELECT 'logged_by', OLD.logged_by, NEW.logged_by
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER interactions_audit_remove AFTER DELETE ON interactions BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'interaction', OLD.id,
           coalesce(a.action, 'remove'), OLD.summary
      FROM audit_actor a WHERE a.id = 1;
END;
-- follow_ups
CREATE TRIGGER follow_ups_audit_add AFTER INSERT ON follow_ups BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'follow-up', NEW.id, coalesce(a.action, 'add'), NEW.title
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER follow_ups_audit_trash AFTER UPDATE OF deleted_at ON follow_ups
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'follow-up', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.title
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER follow_ups_audit_edit AFTER UPDATE ON follow_ups
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.contact_id IS NOT NEW.contact_id OR OLD.company_id IS NOT NEW.company_id OR OLD.deal_id IS NOT NEW.deal_id OR OLD.title IS NOT NEW.title OR OLD.due_date IS NOT NEW.due_date OR OLD.due_time IS NOT NEW.due_time OR OLD.status IS NOT NEW.status OR OLD.repeat_days IS NOT NEW.repeat_days OR OLD.snoozed_from IS NOT NEW.snoozed_from OR OLD.done_at IS NOT NEW.done_at OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'follow-up', NEW.id, coalesce(a.action, 'edit'), NEW.title
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'contact' AS field, (SELECT name FROM contacts WHERE id = OLD.contact_id) AS o, (SELECT name FROM contacts WHERE id = NEW.contact_id) AS n
        UNION ALL SELECT 'company', (SELECT name FROM companies WHERE id = OLD.company_id), (SELECT name FROM companies WHERE id = NEW.company_id)
        UNION ALL SELECT 'deal', (SELECT title FROM deals WHERE id = OLD.deal_id), (SELECT title FROM deals WHERE id = NEW.deal_id)
        UNION ALL SELECT 'title', OLD.title, NEW.title
        UNION ALL SELECT 'due_date', OLD.due_date, NEW.due_date
        UNION ALL SELECT 'due_time', OLD.due_time, NEW.due_time
        UNION ALL SELECT 'status', OLD.status, NEW.status
        UNION ALL SELECT 'repeat_days', OLD.repeat_days, NEW.repeat_days
        UNION ALL SELECT 'snoozed_from', OLD.snoozed_from, NEW.snoozed_from
        UNION ALL SELECT 'done_at', OLD.done_at, NEW.done_at
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER follow_ups_audit_remove AFTER DELETE ON follow_ups BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'follow-up', OLD.id,
           coalesce(a.action, 'remove'), OLD.title
      FROM audit_actor a WHERE a.id = 1;
END;
