-- tcrm schema 19: the two views `tcrm check` compares the largest
-- summaries with, computed the same way in fewer passes (issue 17: check
-- on 1,000,000 contacts and 5,000,000 interactions within 20 s). Nothing
-- is stored differently; the figures are the same rows.
--
-- segment_stats_expected (003_segments.sql) scanned the whole contacts
-- table once for each of its six contact branches, and companies six
-- times likewise: the wide rows read again and again (19 s at 1M).
-- Here the live contacts' few columns that the figures use are read once
-- (rc), joined with their tags once (rct), and every branch groups those
-- narrow rows (7 s); companies the same (ro, rot). The deal branches
-- are as they were: they start from the open deals, not from every
-- contact.
DROP VIEW segment_stats_expected;
CREATE VIEW segment_stats_expected(entity, filter, dim, value, currency, day,
                                   owner, n, amount) AS
WITH rc AS MATERIALIZED (
    SELECT id, coalesce(city, '') AS city, coalesce(source, '') AS source,
           substr(created_at, 1, 10) AS day, coalesce(owner, '') AS owner
      FROM contacts NOT INDEXED WHERE deleted_at IS NULL),
rct AS MATERIALIZED (
    SELECT rc.*, g.tag_id FROM rc
      JOIN taggings g ON g.entity = 'contact' AND g.entity_id = rc.id),
ro AS MATERIALIZED (
    SELECT id, coalesce(industry, '') AS industry, coalesce(city, '') AS city,
           substr(created_at, 1, 10) AS day, coalesce(owner, '') AS owner
      FROM companies NOT INDEXED WHERE deleted_at IS NULL),
rot AS MATERIALIZED (
    SELECT ro.*, g.tag_id FROM ro
      JOIN taggings g ON g.entity = 'company' AND g.entity_id = ro.id)
SELECT 'contact', 0, 'city', city, '', day, owner, count(*), 0
  FROM rc GROUP BY 4, 6, 7
UNION ALL
SELECT 'contact', 0, 'source', source, '', day, owner, count(*), 0
  FROM rc GROUP BY 4, 6, 7
UNION ALL
SELECT 'contact', 0, 'tag', tag_id, '', day, owner, count(*), 0
  FROM rct GROUP BY 4, 6, 7
UNION ALL
SELECT 'contact', tag_id, 'city', city, '', day, owner, count(*), 0
  FROM rct GROUP BY 2, 4, 6, 7
UNION ALL
SELECT 'contact', tag_id, 'source', source, '', day, owner, count(*), 0
  FROM rct GROUP BY 2, 4, 6, 7
UNION ALL
SELECT 'contact', ft.tag_id, 'tag', g.tag_id, '', ft.day, ft.owner, count(*), 0
  FROM rct ft JOIN taggings g ON g.entity = 'contact' AND g.entity_id = ft.id
  GROUP BY 2, 4, 6, 7
UNION ALL
SELECT 'company', 0, 'industry', industry, '', day, owner, count(*), 0
  FROM ro GROUP BY 4, 6, 7
UNION ALL
SELECT 'company', 0, 'city', city, '', day, owner, count(*), 0
  FROM ro GROUP BY 4, 6, 7
UNION ALL
SELECT 'company', 0, 'tag', tag_id, '', day, owner, count(*), 0
  FROM rot GROUP BY 4, 6, 7
UNION ALL
SELECT 'company', tag_id, 'industry', industry, '', day, owner, count(*), 0
  FROM rot GROUP BY 2, 4, 6, 7
UNION ALL
SELECT 'company', tag_id, 'city', city, '', day, owner, count(*), 0
  FROM rot GROUP BY 2, 4, 6, 7
UNION ALL
SELECT 'company', ft.tag_id, 'tag', g.tag_id, '', ft.day, ft.owner, count(*), 0
  FROM rot ft JOIN taggings g ON g.entity = 'company' AND g.entity_id = ft.id
  GROUP BY 2, 4, 6, 7
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

-- activity_by_tag_expected (004_activity_filters.sql) was planned from
-- the taggings, looking each tagged contact's interactions up through
-- interactions_by_contact: one row read at random per interaction (25 s
-- on 5,000,000). Reading interactions in the order they are stored and
-- looking each one's tags up in taggings_by_entity is the cheaper side
-- (17 s): CROSS JOIN keeps that order, NOT INDEXED the plain scan.
-- activity_by_tag_rows is that join, one row per interaction and tag:
-- `tcrm check` adds them up into a table of its own (a look-up per row
-- in 32,880 sums instead of sorting 5,000,000 rows: 13 s), and the view
-- of the sums is made from the same rows.
DROP VIEW activity_by_tag_expected;
CREATE VIEW activity_by_tag_rows(tag_id, day, logged_by, kind) AS
SELECT g.tag_id, substr(i.at, 1, 10), i.logged_by, i.kind
  FROM interactions i NOT INDEXED
  CROSS JOIN taggings g ON g.entity = 'contact' AND g.entity_id = i.contact_id
  WHERE i.deleted_at IS NULL;
CREATE VIEW activity_by_tag_expected(tag_id, day, logged_by, kind, n) AS
SELECT tag_id, day, logged_by, kind, count(*) FROM activity_by_tag_rows
  GROUP BY 1, 2, 3, 4;
