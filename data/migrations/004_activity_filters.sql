-- tcrm schema, version 4: the activity report limited to a tag or a
-- person.
--
-- Contacts touched by one person in a period (`tcrm report activity
-- --owner P`) counted the distinct contacts of every interaction in the
-- period: 4.7 s for a year at five million interactions. This index holds
-- each person's live interactions by contact, so the distinct contacts of
-- a period are one ordered walk of that person's entries (no temporary
-- table: 0.11 s for a year, 0.07 s for a month), and "has this person
-- talked to this contact in the period" is one lookup.
CREATE INDEX interactions_by_person ON interactions(logged_by, contact_id, at)
    WHERE deleted_at IS NULL;

-- The same report's "new contacts added" by that person read the whole
-- contacts table (0.5 s at a million). Keys arrive in time order for each
-- person (an import adds them all with one creator and one time), so the
-- index costs an append per contact.
CREATE INDEX contacts_by_creator ON contacts(created_by, created_at)
    WHERE deleted_at IS NULL;

-- Gone quiet for one owner (`tcrm report gone-quiet --owner P`): the
-- owner's contacts by silence. Without it an owner with few contacts had
-- every quiet contact read to find them (1.4 s at a million).
CREATE INDEX contacts_owner_quiet
    ON contacts(owner, last_interaction_at, created_at)
    WHERE deleted_at IS NULL;

-- The tag:
--
-- activity_daily (schema 2) counts interactions per day, person and kind,
-- but does not know whose they were, so `tcrm report activity --tag T`
-- read every interaction of the period and checked its contact's tags:
-- 16 s for a year at five million interactions (bench/README.md). This
-- table holds the same counts for the interactions with a contact that
-- carries each tag, kept by the triggers below.
--
-- A row: tag, day ('YYYY-MM-DD' of interactions.at), person (logged_by),
-- kind, and how many live interactions of contacts carrying the tag.
-- Interactions in the trash never count. Rows that drop to zero stay
-- (the report reads n > 0); there is at most one per tag, day, person and
-- kind. The view activity_by_tag_expected computes the table from the
-- rows, for the first fill and for tcrm_db_check.

CREATE TABLE activity_by_tag (
    tag_id      INTEGER NOT NULL,
    day         TEXT NOT NULL,
    logged_by   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (tag_id, day, logged_by, kind)
) WITHOUT ROWID;

CREATE VIEW activity_by_tag_expected(tag_id, day, logged_by, kind, n) AS
SELECT g.tag_id, substr(i.at, 1, 10), i.logged_by, i.kind, count(*)
  FROM interactions i
  JOIN taggings g ON g.entity = 'contact' AND g.entity_id = i.contact_id
  WHERE i.deleted_at IS NULL GROUP BY 1, 2, 3, 4;

INSERT INTO activity_by_tag SELECT * FROM activity_by_tag_expected;

-- One interaction's share: one in each tag of its contact (as the
-- contact's tags are now). A procedure, as in 003_segments.sql.
CREATE VIEW activity_interaction_share(contact_id, at, logged_by, kind, sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER activity_interaction_share INSTEAD OF INSERT
ON activity_interaction_share BEGIN
    INSERT INTO activity_by_tag(tag_id, day, logged_by, kind, n)
    SELECT tag_id, substr(NEW.at, 1, 10), NEW.logged_by, NEW.kind, NEW.sign
    FROM taggings WHERE entity = 'contact' AND entity_id = NEW.contact_id
    ON CONFLICT(tag_id, day, logged_by, kind) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER activity_by_tag_ins AFTER INSERT ON interactions
WHEN NEW.deleted_at IS NULL AND NEW.contact_id IS NOT NULL BEGIN
    INSERT INTO activity_interaction_share VALUES (NEW.contact_id, NEW.at,
        NEW.logged_by, NEW.kind, 1);
END;
CREATE TRIGGER activity_by_tag_del AFTER DELETE ON interactions
WHEN OLD.deleted_at IS NULL AND OLD.contact_id IS NOT NULL BEGIN
    INSERT INTO activity_interaction_share VALUES (OLD.contact_id, OLD.at,
        OLD.logged_by, OLD.kind, -1);
END;
CREATE TRIGGER activity_by_tag_upd AFTER UPDATE OF at, logged_by, kind,
    deleted_at, contact_id ON interactions
BEGIN
    INSERT INTO activity_interaction_share SELECT OLD.contact_id, OLD.at,
        OLD.logged_by, OLD.kind, -1
        WHERE OLD.deleted_at IS NULL AND OLD.contact_id IS NOT NULL;
    INSERT INTO activity_interaction_share SELECT NEW.contact_id, NEW.at,
        NEW.logged_by, NEW.kind, 1
        WHERE NEW.deleted_at IS NULL AND NEW.contact_id IS NOT NULL;
END;

-- A contact's tag added or removed: all of its live interactions in or
-- out of that tag (one row each; the upsert adds those that share a day,
-- person and kind, so no GROUP BY runs on every tagging an import adds). (taggings rows are never
-- updated; 003_segments.sql refuses that.)
CREATE TRIGGER activity_by_tag_tagging_ins AFTER INSERT ON taggings
WHEN NEW.entity = 'contact' BEGIN
    INSERT INTO activity_by_tag(tag_id, day, logged_by, kind, n)
    SELECT NEW.tag_id, substr(at, 1, 10), logged_by, kind, 1
    FROM interactions WHERE contact_id = NEW.entity_id
    AND deleted_at IS NULL
    ON CONFLICT(tag_id, day, logged_by, kind) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER activity_by_tag_tagging_del AFTER DELETE ON taggings
WHEN OLD.entity = 'contact' BEGIN
    INSERT INTO activity_by_tag(tag_id, day, logged_by, kind, n)
    SELECT OLD.tag_id, substr(at, 1, 10), logged_by, kind, -1
    FROM interactions WHERE contact_id = OLD.entity_id
    AND deleted_at IS NULL
    ON CONFLICT(tag_id, day, logged_by, kind) DO UPDATE SET n = n + excluded.n;
END;
