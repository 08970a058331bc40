-- tcrm schema, version 3: a summary for the segments report.
--
-- The segments report counts contacts and companies by tag, city, source
-- and industry and sums their open deals per currency, for rows created
-- in a period, by an owner, carrying a tag. On a million contacts,
-- reading the rows took over a second (bench/README.md); this table holds
-- the same figures, kept by the triggers below, so the report reads a few
-- thousand rows instead.
--
-- A row of the summary is one segment (entity, dim, value) of the rows
-- that carry tag `filter` (0: all rows), created on one day by one owner,
-- with one measure:
--   currency = ''   n = how many live rows, amount = 0;
--   currency = 'EUR' (etc.)   n = their open deals in that currency,
--                   amount = the sum of those deals' amount_minor.
-- "Live" means not in the trash; an open deal is status 'open' and not in
-- the trash. A deal counts for its contact's segments and for its
-- company's segments. The report's period is the day the contact or
-- company was created, its owner filter the row's owner, its tag filter
-- `filter` (src/core/report_query.c).
--
-- So a live contact with tags S has, for each filter in {0} and S, one
-- row of count 1 in each of its segments: 'city' and 'source' (an empty
-- or missing value is '') and 'tag' (each tag of S, by id). A live
-- company likewise with 'industry', 'city' and its tags. Rows that drop
-- to zero stay (the queries leave out sums of zero); there is at most one
-- per segment, filter, day and owner.
--
-- The view segment_stats_expected computes the whole table from the rows;
-- the migration fills the table from it and tcrm_db_check compares the
-- two, so a trigger that misses a change shows up as a damaged database.

CREATE TABLE segment_stats (
    entity   TEXT NOT NULL,       -- 'contact' or 'company'
    filter   INTEGER NOT NULL,    -- a tag id: rows carrying it; 0: all
    dim      TEXT NOT NULL,       -- 'tag', 'city', 'source', 'industry'
    value    NOT NULL,            -- the tag's id, or the text ('' for none)
    currency TEXT NOT NULL,       -- '' for the row count, else open deals
    day      TEXT NOT NULL,       -- 'YYYY-MM-DD' the row was created
    owner    TEXT NOT NULL,       -- the row's owner, '' for none
    n        INTEGER NOT NULL,
    amount   INTEGER NOT NULL,
    PRIMARY KEY (entity, filter, dim, value, currency, day, owner)
) WITHOUT ROWID;

-- The figures from the rows themselves (for the first fill and the check):
-- for all rows, then for the rows of each tag (ft), each segment's rows
-- and each segment's open deals, per day and owner.
CREATE VIEW segment_stats_expected(entity, filter, dim, value, currency, day,
                                   owner, n, amount) AS
SELECT 'contact', 0, 'city', coalesce(r.city, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', 0, 'source', coalesce(r.source, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', 0, 'tag', g.tag_id, '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  JOIN taggings g ON g.entity = 'contact' AND g.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', 0, 'city', coalesce(r.city, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', 0, 'source', coalesce(r.source, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', 0, 'tag', g.tag_id, d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  JOIN taggings g ON g.entity = 'contact' AND g.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'city', coalesce(r.city, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  JOIN taggings ft ON ft.entity = 'contact' AND ft.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'source', coalesce(r.source, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  JOIN taggings ft ON ft.entity = 'contact' AND ft.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'tag', g.tag_id, '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  JOIN taggings g ON g.entity = 'contact' AND g.entity_id = r.id
  JOIN taggings ft ON ft.entity = 'contact' AND ft.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'city', coalesce(r.city, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  JOIN taggings ft ON ft.entity = 'contact' AND ft.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'source', coalesce(r.source, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  JOIN taggings ft ON ft.entity = 'contact' AND ft.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'tag', g.tag_id, d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  JOIN taggings g ON g.entity = 'contact' AND g.entity_id = r.id
  JOIN taggings ft ON ft.entity = 'contact' AND ft.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', 0, 'industry', coalesce(r.industry, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', 0, 'city', coalesce(r.city, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', 0, 'tag', g.tag_id, '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  JOIN taggings g ON g.entity = 'company' AND g.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', 0, 'industry', coalesce(r.industry, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', 0, 'city', coalesce(r.city, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', 0, 'tag', g.tag_id, d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  JOIN taggings g ON g.entity = 'company' AND g.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'industry', coalesce(r.industry, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  JOIN taggings ft ON ft.entity = 'company' AND ft.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'city', coalesce(r.city, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  JOIN taggings ft ON ft.entity = 'company' AND ft.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'tag', g.tag_id, '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  JOIN taggings g ON g.entity = 'company' AND g.entity_id = r.id
  JOIN taggings ft ON ft.entity = 'company' AND ft.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'industry', coalesce(r.industry, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  JOIN taggings ft ON ft.entity = 'company' AND ft.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'city', coalesce(r.city, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  JOIN taggings ft ON ft.entity = 'company' AND ft.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'tag', g.tag_id, d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  JOIN taggings g ON g.entity = 'company' AND g.entity_id = r.id
  JOIN taggings ft ON ft.entity = 'company' AND ft.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 2, 4, 5, 6, 7;

INSERT INTO segment_stats SELECT * FROM segment_stats_expected;

-- The report reads the summary now; these indexes only served it.
DROP INDEX contacts_city;
DROP INDEX contacts_source;

-- ---- how a change moves the figures --------------------------------------
-- Each view below is a procedure: inserting a row into it runs its
-- INSTEAD OF trigger and stores nothing. The table triggers further down
-- take a row's old share away (sign -1) and add its new share (sign +1)
-- through them, so each rule is written once. Each open deal is its own
-- measure row; the upsert adds rows that land on the same key, so no
-- statement needs a GROUP BY (and its temporary table) on every insert.

-- A contact's share: for each filter (0 and each of its tags), each of its
-- segments (city, source, tags) times each measure (the contact itself, its
-- open deals).
CREATE VIEW segment_contact_share(id, city, source, created_at, owner, sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_contact_share INSTEAD OF INSERT
ON segment_contact_share BEGIN
    INSERT INTO segment_stats(entity, filter, dim, value, currency, day,
                              owner, n, amount)
    SELECT 'contact', f.tag, k.dim, k.value, m.currency,
           substr(NEW.created_at, 1, 10), coalesce(NEW.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM (SELECT 0 AS tag UNION ALL SELECT tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.id) AS f
    CROSS JOIN (SELECT 'city' AS dim, coalesce(NEW.city, '') AS value
          UNION ALL SELECT 'source', coalesce(NEW.source, '')
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.id) AS k
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE contact_id = NEW.id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE true
    ON CONFLICT(entity, filter, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- A company's share: for each filter (0 and each of its tags), each of its
-- segments (industry, city, tags) times each measure (the company itself, its
-- open deals).
CREATE VIEW segment_company_share(id, industry, city, created_at, owner, sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_company_share INSTEAD OF INSERT
ON segment_company_share BEGIN
    INSERT INTO segment_stats(entity, filter, dim, value, currency, day,
                              owner, n, amount)
    SELECT 'company', f.tag, k.dim, k.value, m.currency,
           substr(NEW.created_at, 1, 10), coalesce(NEW.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM (SELECT 0 AS tag UNION ALL SELECT tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.id) AS f
    CROSS JOIN (SELECT 'industry' AS dim, coalesce(NEW.industry, '') AS value
          UNION ALL SELECT 'city', coalesce(NEW.city, '')
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.id) AS k
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE company_id = NEW.id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE true
    ON CONFLICT(entity, filter, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- One open deal's share: for each filter of its contact (0 and the
-- contact's tags), in every segment of the contact, one deal and its
-- amount; the same for its company. Only live contacts and companies.
CREATE VIEW segment_deal_share(contact_id, company_id, currency, amount,
                               sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_deal_share INSTEAD OF INSERT
ON segment_deal_share BEGIN
    INSERT INTO segment_stats(entity, filter, dim, value, currency, day,
                              owner, n, amount)
    SELECT 'contact', f.tag, k.dim, k.value, NEW.currency, r.day, r.owner,
           NEW.sign, NEW.sign * NEW.amount
    FROM (SELECT substr(created_at, 1, 10) AS day,
                 coalesce(owner, '') AS owner FROM contacts
          WHERE id = NEW.contact_id AND deleted_at IS NULL) AS r
    CROSS JOIN (SELECT 0 AS tag UNION ALL SELECT tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.contact_id) AS f
    CROSS JOIN (SELECT 'city' AS dim, coalesce(city, '') AS value
          FROM contacts WHERE id = NEW.contact_id
          UNION ALL SELECT 'source', coalesce(source, '') FROM contacts
          WHERE id = NEW.contact_id
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.contact_id) AS k
    WHERE true
    ON CONFLICT(entity, filter, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO segment_stats(entity, filter, dim, value, currency, day,
                              owner, n, amount)
    SELECT 'company', f.tag, k.dim, k.value, NEW.currency, r.day, r.owner,
           NEW.sign, NEW.sign * NEW.amount
    FROM (SELECT substr(created_at, 1, 10) AS day,
                 coalesce(owner, '') AS owner FROM companies
          WHERE id = NEW.company_id AND deleted_at IS NULL) AS r
    CROSS JOIN (SELECT 0 AS tag UNION ALL SELECT tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.company_id) AS f
    CROSS JOIN (SELECT 'industry' AS dim, coalesce(industry, '') AS value
          FROM companies WHERE id = NEW.company_id
          UNION ALL SELECT 'city', coalesce(city, '') FROM companies
          WHERE id = NEW.company_id
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.company_id) AS k
    WHERE true
    ON CONFLICT(entity, filter, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- One tagging's share, tag T on a live row with other tags S: what the
-- row adds under filter T (all its segments, T's own included) and what
-- it adds to the segment "tag T" under filter 0 and each tag of S; times
-- the row itself and its open deals. The same for a company. (One
-- statement each, so that each finds the deals through its own index.)
CREATE VIEW segment_tagging_share(entity, entity_id, tag_id, sign)
    AS SELECT NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_tagging_share INSTEAD OF INSERT
ON segment_tagging_share BEGIN
    INSERT INTO segment_stats(entity, filter, dim, value, currency, day,
                              owner, n, amount)
    SELECT 'contact', p.filter, p.dim, p.value, m.currency,
           substr(r.created_at, 1, 10), coalesce(r.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM contacts r
    CROSS JOIN (SELECT NEW.tag_id AS filter, 'city' AS dim,
                 coalesce(city, '') AS value FROM contacts WHERE id = NEW.entity_id
          UNION ALL SELECT NEW.tag_id, 'source', coalesce(source, '') FROM contacts
          WHERE id = NEW.entity_id
          UNION ALL SELECT NEW.tag_id, 'tag', tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.entity_id
          AND tag_id <> NEW.tag_id
          UNION ALL SELECT NEW.tag_id, 'tag', NEW.tag_id
          UNION ALL SELECT 0, 'tag', NEW.tag_id
          UNION ALL SELECT tag_id, 'tag', NEW.tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.entity_id
          AND tag_id <> NEW.tag_id) AS p
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE contact_id = NEW.entity_id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE NEW.entity = 'contact' AND r.id = NEW.entity_id
    AND r.deleted_at IS NULL
    ON CONFLICT(entity, filter, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO segment_stats(entity, filter, dim, value, currency, day,
                              owner, n, amount)
    SELECT 'company', p.filter, p.dim, p.value, m.currency,
           substr(r.created_at, 1, 10), coalesce(r.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM companies r
    CROSS JOIN (SELECT NEW.tag_id AS filter, 'industry' AS dim,
                 coalesce(industry, '') AS value FROM companies WHERE id = NEW.entity_id
          UNION ALL SELECT NEW.tag_id, 'city', coalesce(city, '') FROM companies
          WHERE id = NEW.entity_id
          UNION ALL SELECT NEW.tag_id, 'tag', tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.entity_id
          AND tag_id <> NEW.tag_id
          UNION ALL SELECT NEW.tag_id, 'tag', NEW.tag_id
          UNION ALL SELECT 0, 'tag', NEW.tag_id
          UNION ALL SELECT tag_id, 'tag', NEW.tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.entity_id
          AND tag_id <> NEW.tag_id) AS p
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE company_id = NEW.entity_id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE NEW.entity = 'company' AND r.id = NEW.entity_id
    AND r.deleted_at IS NULL
    ON CONFLICT(entity, filter, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- ---- the table triggers ----------------------------------------------------

CREATE TRIGGER segment_contacts_ins AFTER INSERT ON contacts
WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO segment_contact_share VALUES (NEW.id, NEW.city, NEW.source,
        NEW.created_at, NEW.owner, 1);
END;
CREATE TRIGGER segment_contacts_del AFTER DELETE ON contacts
WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO segment_contact_share VALUES (OLD.id, OLD.city, OLD.source,
        OLD.created_at, OLD.owner, -1);
END;
CREATE TRIGGER segment_contacts_upd
AFTER UPDATE OF city, source, owner, created_at, deleted_at ON contacts
BEGIN
    INSERT INTO segment_contact_share SELECT OLD.id, OLD.city, OLD.source,
        OLD.created_at, OLD.owner, -1 WHERE OLD.deleted_at IS NULL;
    INSERT INTO segment_contact_share SELECT NEW.id, NEW.city, NEW.source,
        NEW.created_at, NEW.owner, 1 WHERE NEW.deleted_at IS NULL;
END;

CREATE TRIGGER segment_companies_ins AFTER INSERT ON companies
WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO segment_company_share VALUES (NEW.id, NEW.industry, NEW.city,
        NEW.created_at, NEW.owner, 1);
END;
CREATE TRIGGER segment_companies_del AFTER DELETE ON companies
WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO segment_company_share VALUES (OLD.id, OLD.industry, OLD.city,
        OLD.created_at, OLD.owner, -1);
END;
CREATE TRIGGER segment_companies_upd
AFTER UPDATE OF industry, city, owner, created_at, deleted_at ON companies
BEGIN
    INSERT INTO segment_company_share SELECT OLD.id, OLD.industry, OLD.city,
        OLD.created_at, OLD.owner, -1 WHERE OLD.deleted_at IS NULL;
    INSERT INTO segment_company_share SELECT NEW.id, NEW.industry, NEW.city,
        NEW.created_at, NEW.owner, 1 WHERE NEW.deleted_at IS NULL;
END;

CREATE TRIGGER segment_deals_ins AFTER INSERT ON deals
WHEN NEW.status = 'open' AND NEW.deleted_at IS NULL BEGIN
    INSERT INTO segment_deal_share VALUES (NEW.contact_id, NEW.company_id,
        NEW.currency, NEW.amount_minor, 1);
END;
CREATE TRIGGER segment_deals_del AFTER DELETE ON deals
WHEN OLD.status = 'open' AND OLD.deleted_at IS NULL BEGIN
    INSERT INTO segment_deal_share VALUES (OLD.contact_id, OLD.company_id,
        OLD.currency, OLD.amount_minor, -1);
END;
CREATE TRIGGER segment_deals_upd AFTER UPDATE OF status, deleted_at,
    amount_minor, currency, contact_id, company_id ON deals
BEGIN
    INSERT INTO segment_deal_share SELECT OLD.contact_id, OLD.company_id,
        OLD.currency, OLD.amount_minor, -1
        WHERE OLD.status = 'open' AND OLD.deleted_at IS NULL;
    INSERT INTO segment_deal_share SELECT NEW.contact_id, NEW.company_id,
        NEW.currency, NEW.amount_minor, 1
        WHERE NEW.status = 'open' AND NEW.deleted_at IS NULL;
END;

CREATE TRIGGER segment_taggings_ins AFTER INSERT ON taggings
WHEN NEW.entity IN ('contact', 'company') BEGIN
    INSERT INTO segment_tagging_share VALUES (NEW.entity, NEW.entity_id,
        NEW.tag_id, 1);
END;
CREATE TRIGGER segment_taggings_del AFTER DELETE ON taggings
WHEN OLD.entity IN ('contact', 'company') BEGIN
    INSERT INTO segment_tagging_share VALUES (OLD.entity, OLD.entity_id,
        OLD.tag_id, -1);
END;
-- tcrm adds and removes taggings, it never changes one; the other tags of
-- a row are not known as they were before an UPDATE, so one is refused.
CREATE TRIGGER segment_taggings_upd BEFORE UPDATE ON taggings BEGIN
    SELECT RAISE(ABORT, 'taggings are not updated: delete and insert');
END;
