-- tcrm schema, version 2: what the reports and reminder counts need to
-- stay fast on a million contacts (bench/README.md has the numbers).
--
-- Every index here was measured against its cost on inserts; see the
-- benchmark notes before adding more.

-- Contacts gone quiet: the counts (tcrm due, the gone-quiet report) and
-- the live-contact count read only this index, never the table.
CREATE INDEX contacts_quiet ON contacts(last_interaction_at, created_at, owner)
    WHERE deleted_at IS NULL;

-- Segments by city and by source read these instead of the table; the
-- trashed-row index lets tag counts take the trash away from the
-- taggings' own counts.
CREATE INDEX contacts_city ON contacts(city, created_at, owner)
    WHERE deleted_at IS NULL;
CREATE INDEX contacts_source ON contacts(source, created_at, owner)
    WHERE deleted_at IS NULL;
CREATE INDEX contacts_trashed ON contacts(deleted_at)
    WHERE deleted_at IS NOT NULL;
CREATE INDEX companies_trashed ON companies(deleted_at)
    WHERE deleted_at IS NOT NULL;

-- Interactions per day, person and kind, kept by the triggers below so
-- the activity report over a year reads a few thousand rows instead of
-- millions. Rows in the trash never count; n never goes below 1 (a row
-- whose count reaches 0 is removed).
CREATE TABLE activity_daily (
    day         TEXT NOT NULL,   -- 'YYYY-MM-DD' of interactions.at
    logged_by   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (day, logged_by, kind)
) WITHOUT ROWID;

INSERT INTO activity_daily(day, logged_by, kind, n)
    SELECT substr(at, 1, 10), logged_by, kind, count(*) FROM interactions
    WHERE deleted_at IS NULL GROUP BY 1, 2, 3;

CREATE TRIGGER activity_daily_ins AFTER INSERT ON interactions
WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO activity_daily(day, logged_by, kind, n)
        VALUES (substr(NEW.at, 1, 10), NEW.logged_by, NEW.kind, 1)
        ON CONFLICT(day, logged_by, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER activity_daily_del AFTER DELETE ON interactions
WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE activity_daily SET n = n - 1 WHERE day = substr(OLD.at, 1, 10)
        AND logged_by = OLD.logged_by AND kind = OLD.kind;
    DELETE FROM activity_daily WHERE day = substr(OLD.at, 1, 10)
        AND logged_by = OLD.logged_by AND kind = OLD.kind AND n <= 0;
END;
CREATE TRIGGER activity_daily_upd AFTER UPDATE OF at, logged_by, kind, deleted_at
ON interactions BEGIN
    UPDATE activity_daily SET n = n - 1 WHERE OLD.deleted_at IS NULL
        AND day = substr(OLD.at, 1, 10) AND logged_by = OLD.logged_by
        AND kind = OLD.kind;
    DELETE FROM activity_daily WHERE OLD.deleted_at IS NULL
        AND day = substr(OLD.at, 1, 10) AND logged_by = OLD.logged_by
        AND kind = OLD.kind AND n <= 0;
    INSERT INTO activity_daily(day, logged_by, kind, n)
        SELECT substr(NEW.at, 1, 10), NEW.logged_by, NEW.kind, 1
        WHERE NEW.deleted_at IS NULL
        ON CONFLICT(day, logged_by, kind) DO UPDATE SET n = n + 1;
END;
