-- tcrm schema, version 1.
--
-- Plain English names: people open this file with sqlite3. Conventions:
--   * times are local-time text: dates 'YYYY-MM-DD', timestamps
--     'YYYY-MM-DD HH:MM:SS', follow-up times 'HH:MM';
--   * every main row has created_at/updated_at, created_by/updated_by (the
--     user name from the config), a version that goes up by one on every
--     change (edits check it, so two people cannot overwrite each other),
--     and deleted_at: a row with deleted_at set is in the trash;
--   * *_key columns are normalized copies tcrm keeps for sorting, searching
--     and finding duplicates (see src/util/normalize.c); never edit them by
--     hand: tcrm rewrites them on every change.
--   * amounts are integers in minor units (cents) with an ISO currency code.

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    who         TEXT NOT NULL,
    added       INTEGER NOT NULL DEFAULT 0,
    merged      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    undone_at   TEXT
);

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    industry    TEXT,
    phone       TEXT,
    email       TEXT,
    website     TEXT,
    address     TEXT,
    city        TEXT,
    notes       TEXT,
    owner       TEXT,
    name_key    TEXT NOT NULL,   -- duplicate key (legal form dropped)
    sort_key    TEXT NOT NULL,   -- folded name, for ordering
    import_batch INTEGER REFERENCES import_batches(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
CREATE INDEX companies_by_sort ON companies(sort_key, id);
CREATE INDEX companies_by_name_key ON companies(name_key);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    company_id  INTEGER REFERENCES companies(id),
    title       TEXT,
    department  TEXT,
    address     TEXT,
    city        TEXT,
    birthday    TEXT,            -- 'YYYY-MM-DD' or 'MM-DD'
    source      TEXT,            -- where the contact came from
    notes       TEXT,
    owner       TEXT,
    name_key    TEXT NOT NULL,   -- duplicate key
    sort_key    TEXT NOT NULL,   -- folded name
    company_sort TEXT NOT NULL DEFAULT '', -- folded company name (kept by triggers)
    title_sort  TEXT NOT NULL DEFAULT '',  -- folded title
    last_interaction_at TEXT,    -- kept by triggers on interactions
    next_followup_due  TEXT,     -- kept by triggers on follow_ups
    import_batch INTEGER REFERENCES import_batches(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
CREATE INDEX contacts_by_sort ON contacts(sort_key, id);
CREATE INDEX contacts_by_company_sort ON contacts(company_sort, id);
CREATE INDEX contacts_by_title_sort ON contacts(title_sort, id);
CREATE INDEX contacts_by_last ON contacts(last_interaction_at, id);
CREATE INDEX contacts_by_name_key ON contacts(name_key);
CREATE INDEX contacts_by_company ON contacts(company_id);

-- Phones, e-mails, web sites and IM handles of a contact, in display order.
CREATE TABLE contact_channels (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN
                  ('mobile','work','home','fax','email','web','im')),
    value       TEXT NOT NULL CHECK (value <> ''),
    value_key   TEXT NOT NULL,   -- phone key or e-mail key ('' for web/im)
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX channels_by_contact ON contact_channels(contact_id, position);
CREATE INDEX channels_by_key ON contact_channels(value_key) WHERE value_key <> '';

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '')
);

-- Which tag is on which company, contact or deal.
CREATE TABLE taggings (
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('company','contact','deal')),
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (tag_id, entity, entity_id)
) WITHOUT ROWID;
CREATE INDEX taggings_by_entity ON taggings(entity, entity_id);

CREATE TABLE deals (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (title <> ''),
    company_id  INTEGER REFERENCES companies(id),
    contact_id  INTEGER REFERENCES contacts(id),
    stage       TEXT NOT NULL,   -- a name from [pipeline] stages
    amount_minor INTEGER NOT NULL DEFAULT 0, -- 1200.50 EUR is 120050
    currency    TEXT NOT NULL,
    probability INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
    expected_close TEXT,         -- 'YYYY-MM-DD'
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost')),
    lost_reason TEXT,
    closed_at   TEXT,
    owner       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT,
    CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX deals_by_stage ON deals(status, stage);
CREATE INDEX deals_by_company ON deals(company_id);
CREATE INDEX deals_by_contact ON deals(contact_id);
CREATE INDEX deals_by_close ON deals(expected_close);

-- Calls, e-mails, visits, meetings, messages and notes.
CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER REFERENCES contacts(id),
    company_id  INTEGER REFERENCES companies(id),
    deal_id     INTEGER REFERENCES deals(id),
    kind        TEXT NOT NULL CHECK (kind IN
                  ('call','email','visit','meeting','message','note')),
    at          TEXT NOT NULL,   -- 'YYYY-MM-DD HH:MM'
    summary     TEXT NOT NULL CHECK (summary <> ''),
    body        TEXT,
    logged_by   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT,
    CHECK (contact_id IS NOT NULL OR company_id IS NOT NULL)
);
CREATE INDEX interactions_by_contact ON interactions(contact_id, at);
CREATE INDEX interactions_by_company ON interactions(company_id, at);
CREATE INDEX interactions_by_at ON interactions(at);

CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER REFERENCES contacts(id),
    company_id  INTEGER REFERENCES companies(id),
    deal_id     INTEGER REFERENCES deals(id),
    title       TEXT NOT NULL CHECK (title <> ''),
    due_date    TEXT NOT NULL,   -- 'YYYY-MM-DD'
    due_time    TEXT,            -- 'HH:MM' or NULL for "some time that day"
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
    repeat_days INTEGER CHECK (repeat_days IS NULL OR repeat_days > 0),
    snoozed_from TEXT,           -- the due date before the last snooze
    done_at     TEXT,
    owner       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT,
    CHECK (contact_id IS NOT NULL OR company_id IS NOT NULL OR deal_id IS NOT NULL)
);
CREATE INDEX follow_ups_open_by_due ON follow_ups(due_date, due_time)
    WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX follow_ups_by_contact ON follow_ups(contact_id, due_date);

-- Who changed what, when. details is a short human-readable text.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    who         TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL,   -- add, edit, delete, restore, merge, import, undo
    details     TEXT
);
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id);

-- What an import did to each row, so `tcrm import undo` can take it back:
-- action 'add' (the row is deleted on undo) or 'merge' (before holds the
-- row's fields as they were, as tab-separated name=value lines, and the
-- version the import left, so an undo after a later edit is refused).
CREATE TABLE import_changes (
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('add','merge')),
    before      TEXT,
    version_after INTEGER NOT NULL
);
CREATE INDEX import_changes_by_batch ON import_changes(batch_id);

-- The search index of contacts (rowid = contacts.id). body holds the folded
-- name, company, title, e-mails, phones (as written and as digits), tags
-- and notes. The trigram index answers queries of three characters or
-- more; contact_search_short holds words and CJK one- and two-character
-- pieces for shorter queries.
CREATE VIRTUAL TABLE contact_search USING fts5(body, tokenize = 'trigram');
CREATE VIRTUAL TABLE contact_search_short USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

-- Derived columns, kept correct here so every writer (tcrm, an import, a
-- hand-written UPDATE) leaves them right.
CREATE TRIGGER interactions_last_ins AFTER INSERT ON interactions
WHEN NEW.contact_id IS NOT NULL BEGIN
    UPDATE contacts SET last_interaction_at = (
        SELECT max(at) FROM interactions
        WHERE contact_id = NEW.contact_id AND deleted_at IS NULL)
    WHERE id = NEW.contact_id;
END;
CREATE TRIGGER interactions_last_upd AFTER UPDATE OF at, deleted_at, contact_id ON interactions
BEGIN
    UPDATE contacts SET last_interaction_at = (
        SELECT max(at) FROM interactions
        WHERE contact_id = contacts.id AND deleted_at IS NULL)
    WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER interactions_last_del AFTER DELETE ON interactions
WHEN OLD.contact_id IS NOT NULL BEGIN
    UPDATE contacts SET last_interaction_at = (
        SELECT max(at) FROM interactions
        WHERE contact_id = OLD.contact_id AND deleted_at IS NULL)
    WHERE id = OLD.contact_id;
END;

CREATE TRIGGER follow_ups_next_ins AFTER INSERT ON follow_ups
WHEN NEW.contact_id IS NOT NULL BEGIN
    UPDATE contacts SET next_followup_due = (
        SELECT min(due_date || coalesce(' ' || due_time, '')) FROM follow_ups
        WHERE contact_id = NEW.contact_id AND status = 'open' AND deleted_at IS NULL)
    WHERE id = NEW.contact_id;
END;
CREATE TRIGGER follow_ups_next_upd AFTER UPDATE OF due_date, due_time, status, deleted_at, contact_id ON follow_ups
BEGIN
    UPDATE contacts SET next_followup_due = (
        SELECT min(due_date || coalesce(' ' || due_time, '')) FROM follow_ups
        WHERE contact_id = contacts.id AND status = 'open' AND deleted_at IS NULL)
    WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER follow_ups_next_del AFTER DELETE ON follow_ups
WHEN OLD.contact_id IS NOT NULL BEGIN
    UPDATE contacts SET next_followup_due = (
        SELECT min(due_date || coalesce(' ' || due_time, '')) FROM follow_ups
        WHERE contact_id = OLD.contact_id AND status = 'open' AND deleted_at IS NULL)
    WHERE id = OLD.contact_id;
END;

-- A company rename re-sorts its contacts.
CREATE TRIGGER companies_sort_upd AFTER UPDATE OF sort_key ON companies
BEGIN
    UPDATE contacts SET company_sort = NEW.sort_key WHERE company_id = NEW.id;
END;
CREATE TRIGGER contacts_company_sort AFTER UPDATE OF company_id ON contacts
BEGIN
    UPDATE contacts SET company_sort = coalesce(
        (SELECT sort_key FROM companies WHERE id = NEW.company_id), '')
    WHERE id = NEW.id;
END;
