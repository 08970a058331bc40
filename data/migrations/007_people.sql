-- tcrm schema, version 7: people, ownership and shares.
--
-- Every person is a Unix account: users.login is the login name of the
-- real uid (see src/os). Record owners (companies, contacts, deals,
-- follow_ups, interactions: column owner) hold a login, so the report
-- summaries keyed by owner stay as they are and the file reads plainly
-- in sqlite3. An owner of NULL (or '') puts a company or contact in the
-- public pool, which anyone may claim.
--
-- Who sees and changes what is decided in one place, src/core/access.c,
-- from settings.access_mode ('open': everyone everything; 'owned': the
-- rules of tcrm(1), ACCESS), users and shares. The owners of rows that
-- existed before this schema are filled in by tcrm when it first opens
-- the upgraded file (the creator when that is a user, else the first
-- admin): see tcrm_access_open.

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    login       TEXT NOT NULL UNIQUE CHECK (login <> ''),
    name        TEXT NOT NULL,   -- display name
    role        TEXT NOT NULL CHECK (role IN ('admin','manager','sales','clerk')),
    manager     TEXT REFERENCES users(login),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (manager IS NULL OR manager <> login)
);
CREATE INDEX users_by_manager ON users(manager);

-- Who else may see (read_only = 1) or also edit (0) a company, contact or
-- deal. A contact's interactions, follow-ups and deals follow it.
CREATE TABLE shares (
    entity      TEXT NOT NULL CHECK (entity IN ('company','contact','deal')),
    entity_id   INTEGER NOT NULL,
    login       TEXT NOT NULL REFERENCES users(login),
    read_only   INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, login)
) WITHOUT ROWID;
CREATE INDEX shares_by_login ON shares(login, entity, entity_id);

-- The database's own settings: access_mode is 'open' or 'owned'.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO settings(key, value) VALUES ('access_mode', 'open');

ALTER TABLE interactions ADD COLUMN owner TEXT;
-- Who ran an import (a login; import_batches.who is the display name).
ALTER TABLE import_batches ADD COLUMN owner TEXT;

CREATE INDEX companies_by_owner ON companies(owner);
CREATE INDEX contacts_by_owner ON contacts(owner);
CREATE INDEX deals_by_owner ON deals(owner);
CREATE INDEX follow_ups_by_owner ON follow_ups(owner);
CREATE INDEX interactions_by_owner ON interactions(owner);
