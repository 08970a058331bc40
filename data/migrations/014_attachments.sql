-- tcrm schema 14: attachments and manager comments on the log (issue 14).
--
-- An attachment is a file kept inside the database (one file to back up):
-- its bytes as a BLOB, its name (the base name it was attached with), a
-- media type guessed from the name and its first bytes, its size and the
-- SHA-256 of the bytes (64 lower-case hex digits). It belongs to one
-- record, named as the trash and the audit trail name rows: entity is the
-- kind's name of src/core/entity_kind.c ('contact', 'company', 'deal',
-- 'quote', 'ticket') and entity_id its id; it is seen, attached to and
-- detached through that record by the rule of src/core/access.c (a record
-- in the trash hides its attachments, and restoring it brings them back).
-- The size limit is [attachments] max_mb of tcrm.conf, checked by tcrm.
-- tcrm writes the bytes in place into a zero-filled BLOB, hashing them on
-- the way, and sets sha256 and media_type last, in the same transaction:
-- that update is the attachment's 'add' in the audit trail, and no row
-- without a sha256 is ever committed.
--
-- Detaching deletes the row and its bytes for good (no trash): a
-- detached 20 MB file kept in a trash would keep the database 20 MB
-- larger without anyone seeing why. The audit trail keeps what it was
-- (name, size, SHA-256), so a backup holding the bytes can be found.
-- SQLite reuses the freed pages; the file itself shrinks only after a
-- VACUUM.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entity      TEXT NOT NULL CHECK (entity IN
                  ('contact','company','deal','quote','ticket')),
    entity_id   INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT CHECK (length(sha256) = 64),   -- NULL while written
    owner       TEXT,                      -- the login that attached it
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    -- last, so that reading the columns before it never walks its pages
    content     BLOB NOT NULL
);
-- A record's attachments, with what the list shows (the bytes stay out).
CREATE INDEX attachments_by_record ON attachments(entity, entity_id, id,
    name, media_type, size, sha256, owner, created_at, created_by);

-- A comment (pifu, a reply) by a manager or an admin on an interaction of someone
-- under them; read_at is when the interaction's owner read it (NULL:
-- unread, shown in `tcrm due` and the reminder pane). Who may comment is
-- tcrm's rule (src/core/comment.c), by the reach of src/core/access.c.
-- Comments are never edited or removed; they go with their interaction.
CREATE TABLE interaction_comments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    interaction_id INTEGER NOT NULL REFERENCES interactions(id),
    author         TEXT NOT NULL,          -- the commenting login
    body           TEXT NOT NULL CHECK (body <> ''),
    created_at     TEXT NOT NULL,
    read_at        TEXT
);
CREATE INDEX interaction_comments_by_interaction
    ON interaction_comments(interaction_id, id);
CREATE INDEX interaction_comments_unread
    ON interaction_comments(interaction_id) WHERE read_at IS NULL;
CREATE TRIGGER interaction_comments_keep BEFORE UPDATE ON interaction_comments
WHEN OLD.body IS NOT NEW.body OR OLD.author IS NOT NEW.author
  OR OLD.interaction_id IS NOT NEW.interaction_id
  OR OLD.created_at IS NOT NEW.created_at
  OR (OLD.read_at IS NOT NULL AND OLD.read_at IS NOT NEW.read_at) BEGIN
    SELECT RAISE(ABORT, 'comments are never changed');
END;
CREATE TRIGGER interaction_comments_no_delete BEFORE DELETE
ON interaction_comments BEGIN
    SELECT RAISE(ABORT, 'comments are never removed');
END;

-- ---- the audit trail ---------------------------------------------------------
CREATE TRIGGER attachments_audit_add AFTER UPDATE OF sha256 ON attachments
WHEN OLD.sha256 IS NULL AND NEW.sha256 IS NOT NULL BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'attachment', NEW.id, coalesce(a.action, 'add'),
           NEW.entity || '/' || NEW.entity_id || ' ' || NEW.name || ' '
           || NEW.size || ' ' || NEW.sha256
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER attachments_keep BEFORE UPDATE ON attachments
WHEN OLD.sha256 IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'attachments are never changed');
END;
CREATE TRIGGER attachments_audit_delete AFTER DELETE ON attachments BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, datetime('now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'attachment', OLD.id,
           coalesce(a.action, 'delete'),
           OLD.entity || '/' || OLD.entity_id || ' ' || OLD.name || ' '
           || OLD.size || ' ' || OLD.sha256
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER interaction_comments_audit_add AFTER INSERT
ON interaction_comments BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'interaction', NEW.interaction_id, coalesce(a.action, 'comment'),
           NEW.body
      FROM audit_actor a WHERE a.id = 1;
END;
