-- tcrm schema, version 3: a summary for the segments report.
--
-- The segments report counts contacts and companies by tag, city, source
-- and industry and sums their open deals per currency. On a million
-- contacts, reading the rows took over a second (bench/README.md); this
-- table holds the same figures, kept by the triggers below, so the report
-- reads a few thousand rows instead.
--
-- A row of the summary is one segment (entity, dim, value) of the rows
-- created on one day by one owner, with one measure:
--   currency = ''   n = how many live rows, amount = 0;
--   currency = 'EUR' (etc.)   n = their open deals in that currency,
--                   amount = the sum of those deals' amount_minor.
-- "Live" means not in the trash; an open deal is status 'open' and not in
-- the trash. A deal counts for its contact's segments and for its
-- company's segments. The period filter of the report is on the day the
-- contact or company was created, the owner filter on its owner, as in the
-- queries over the rows (src/core/report_query.c), which still answer
-- when the report is limited to one tag.
--
-- Every live contact has exactly one 'city' and one 'source' row of
-- count 1 (an empty or missing value is ''), every live company one
-- 'industry' and one 'city'; a tag is its id. Rows that drop to zero stay
-- (the queries leave out sums of zero); they are at most one per segment,
-- day and owner.
--
-- The view segment_stats_expected computes the whole table from the rows;
-- the migration fills the table from it and tcrm_db_check compares the
-- two, so a trigger that misses a change shows up as a damaged database.

CREATE TABLE segment_stats (
    entity   TEXT NOT NULL,       -- 'contact' or 'company'
    dim      TEXT NOT NULL,       -- 'tag', 'city', 'source', 'industry'
    value    NOT NULL,            -- the tag's id, or the text ('' for none)
    currency TEXT NOT NULL,       -- '' for the row count, else open deals
    day      TEXT NOT NULL,       -- 'YYYY-MM-DD' the row was created
    owner    TEXT NOT NULL,       -- the row's owner, '' for none
    n        INTEGER NOT NULL,
    amount   INTEGER NOT NULL,
    PRIMARY KEY (entity, dim, value, currency, day, owner)
) WITHOUT ROWID;

-- The figures from the rows themselves (for the first fill and the check):
-- each segment's rows, then each segment's open deals, per day and owner.
CREATE VIEW segment_stats_expected(entity, dim, value, currency, day, owner,
                                   n, amount) AS
SELECT 'contact', 'city', coalesce(r.city, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  WHERE r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'contact', 'source', coalesce(r.source, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r
  WHERE r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'contact', 'tag', g.tag_id, '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM contacts r JOIN taggings g ON g.entity = 'contact' AND g.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'contact', 'city', coalesce(r.city, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'contact', 'source', coalesce(r.source, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'contact', 'tag', g.tag_id, d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN contacts r ON r.id = d.contact_id JOIN taggings g ON g.entity = 'contact' AND g.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'company', 'industry', coalesce(r.industry, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  WHERE r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'company', 'city', coalesce(r.city, ''), '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r
  WHERE r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'company', 'tag', g.tag_id, '',
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), 0
  FROM companies r JOIN taggings g ON g.entity = 'company' AND g.entity_id = r.id
  WHERE r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'company', 'industry', coalesce(r.industry, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'company', 'city', coalesce(r.city, ''), d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 3, 4, 5, 6
UNION ALL
SELECT 'company', 'tag', g.tag_id, d.currency,
       substr(r.created_at, 1, 10), coalesce(r.owner, ''), count(*), sum(d.amount_minor)
  FROM deals d JOIN companies r ON r.id = d.company_id JOIN taggings g ON g.entity = 'company' AND g.entity_id = r.id
  WHERE d.status = 'open' AND d.deleted_at IS NULL AND r.deleted_at IS NULL GROUP BY 3, 4, 5, 6;

INSERT INTO segment_stats SELECT * FROM segment_stats_expected;

-- The report reads the summary now; these indexes only served it.
DROP INDEX contacts_city;
DROP INDEX contacts_source;

-- ---- how a change moves the figures --------------------------------------
-- (Each open deal is its own measure row; the upsert adds rows that land
-- on the same key, so no statement needs a GROUP BY and its temporary
-- table on every insert.)
-- Each view below is a procedure: inserting a row into it runs its
-- INSTEAD OF trigger and stores nothing. The table triggers further down
-- take a row's old share away (sign -1) and add its new share (sign +1)
-- through them, so each rule is written once.

-- A contact's share: each of its segments (city, source, tags) times
-- each measure (the contact itself, its open deals per currency).
CREATE VIEW segment_contact_share(id, city, source, created_at, owner, sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_contact_share INSTEAD OF INSERT
ON segment_contact_share BEGIN
    INSERT INTO segment_stats(entity, dim, value, currency, day, owner,
                              n, amount)
    SELECT 'contact', k.dim, k.value, m.currency,
           substr(NEW.created_at, 1, 10), coalesce(NEW.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM (SELECT 'city' AS dim, coalesce(NEW.city, '') AS value
          UNION ALL SELECT 'source', coalesce(NEW.source, '')
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.id) AS k
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE contact_id = NEW.id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE true
    ON CONFLICT(entity, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- A company's share: industry, city and tags, times itself and its open
-- deals per currency.
CREATE VIEW segment_company_share(id, industry, city, created_at, owner,
                                  sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_company_share INSTEAD OF INSERT
ON segment_company_share BEGIN
    INSERT INTO segment_stats(entity, dim, value, currency, day, owner,
                              n, amount)
    SELECT 'company', k.dim, k.value, m.currency,
           substr(NEW.created_at, 1, 10), coalesce(NEW.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM (SELECT 'industry' AS dim, coalesce(NEW.industry, '') AS value
          UNION ALL SELECT 'city', coalesce(NEW.city, '')
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.id) AS k
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE company_id = NEW.id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE true
    ON CONFLICT(entity, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- One open deal's share: in every segment of its contact and of its
-- company (when they are live), one deal and its amount.
CREATE VIEW segment_deal_share(contact_id, company_id, currency, amount,
                               sign)
    AS SELECT NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_deal_share INSTEAD OF INSERT
ON segment_deal_share BEGIN
    INSERT INTO segment_stats(entity, dim, value, currency, day, owner,
                              n, amount)
    SELECT 'contact', k.dim, k.value, NEW.currency, c.day, c.owner,
           NEW.sign, NEW.sign * NEW.amount
    FROM (SELECT substr(created_at, 1, 10) AS day,
                 coalesce(owner, '') AS owner FROM contacts
          WHERE id = NEW.contact_id AND deleted_at IS NULL) AS c
    CROSS JOIN (SELECT 'city' AS dim, coalesce(city, '') AS value
          FROM contacts WHERE id = NEW.contact_id
          UNION ALL SELECT 'source', coalesce(source, '') FROM contacts
          WHERE id = NEW.contact_id
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'contact' AND entity_id = NEW.contact_id) AS k
    WHERE true
    ON CONFLICT(entity, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO segment_stats(entity, dim, value, currency, day, owner,
                              n, amount)
    SELECT 'company', k.dim, k.value, NEW.currency, co.day, co.owner,
           NEW.sign, NEW.sign * NEW.amount
    FROM (SELECT substr(created_at, 1, 10) AS day,
                 coalesce(owner, '') AS owner FROM companies
          WHERE id = NEW.company_id AND deleted_at IS NULL) AS co
    CROSS JOIN (SELECT 'industry' AS dim, coalesce(industry, '') AS value
          FROM companies WHERE id = NEW.company_id
          UNION ALL SELECT 'city', coalesce(city, '') FROM companies
          WHERE id = NEW.company_id
          UNION ALL SELECT 'tag', tag_id FROM taggings
          WHERE entity = 'company' AND entity_id = NEW.company_id) AS k
    WHERE true
    ON CONFLICT(entity, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- One tagging's share: the tag segment of a live contact or company,
-- times the row itself and its open deals per currency. (Two statements,
-- so that each finds the deals through its own index.)
CREATE VIEW segment_tagging_share(entity, entity_id, tag_id, sign)
    AS SELECT NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER segment_tagging_share INSTEAD OF INSERT
ON segment_tagging_share BEGIN
    INSERT INTO segment_stats(entity, dim, value, currency, day, owner,
                              n, amount)
    SELECT 'contact', 'tag', NEW.tag_id, m.currency,
           substr(c.created_at, 1, 10), coalesce(c.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM contacts c
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE contact_id = NEW.entity_id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE NEW.entity = 'contact' AND c.id = NEW.entity_id
    AND c.deleted_at IS NULL
    ON CONFLICT(entity, dim, value, currency, day, owner) DO UPDATE
    SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO segment_stats(entity, dim, value, currency, day, owner,
                              n, amount)
    SELECT 'company', 'tag', NEW.tag_id, m.currency,
           substr(co.created_at, 1, 10), coalesce(co.owner, ''),
           NEW.sign * m.n, NEW.sign * m.amount
    FROM companies co
    CROSS JOIN (SELECT '' AS currency, 1 AS n, 0 AS amount
          UNION ALL SELECT currency, 1, amount_minor FROM deals
          WHERE company_id = NEW.entity_id AND status = 'open'
          AND deleted_at IS NULL) AS m
    WHERE NEW.entity = 'company' AND co.id = NEW.entity_id
    AND co.deleted_at IS NULL
    ON CONFLICT(entity, dim, value, currency, day, owner) DO UPDATE
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
    INSERT INTO segment_company_share VALUES (NEW.id, NEW.industry,
        NEW.city, NEW.created_at, NEW.owner, 1);
END;
CREATE TRIGGER segment_companies_del AFTER DELETE ON companies
WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO segment_company_share VALUES (OLD.id, OLD.industry,
        OLD.city, OLD.created_at, OLD.owner, -1);
END;
CREATE TRIGGER segment_companies_upd
AFTER UPDATE OF industry, city, owner, created_at, deleted_at ON companies
BEGIN
    INSERT INTO segment_company_share SELECT OLD.id, OLD.industry,
        OLD.city, OLD.created_at, OLD.owner, -1 WHERE OLD.deleted_at IS NULL;
    INSERT INTO segment_company_share SELECT NEW.id, NEW.industry,
        NEW.city, NEW.created_at, NEW.owner, 1 WHERE NEW.deleted_at IS NULL;
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
CREATE TRIGGER segment_taggings_upd AFTER UPDATE ON taggings BEGIN
    INSERT INTO segment_tagging_share SELECT OLD.entity, OLD.entity_id,
        OLD.tag_id, -1 WHERE OLD.entity IN ('contact', 'company');
    INSERT INTO segment_tagging_share SELECT NEW.entity, NEW.entity_id,
        NEW.tag_id, 1 WHERE NEW.entity IN ('contact', 'company');
END;
