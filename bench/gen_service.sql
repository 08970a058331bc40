-- bench/gen_service.sql: the service and marketing data of the issue-14
-- benchmark, written straight into the 1,000,000-contact bench database
-- (tcrm-bench-gen --contacts 1000000, opened once by tcrm so that it is at
-- schema 14 or later, with the users bench, m1-m3, s01-s20 of that
-- database or of gen_money.sql):
--
--   build/src/tcrm --db 1m.db campaign list      (migrates it)
--   sqlite3 1m.db < bench/gen_service.sql
--   build/bench/tcrm-bench-service --db 1m.db
--
-- "Today" is 2026-12-07 (run with TCRM_NOW="2026-12-07 10:00:00").
--
-- 200 products. 200,000 tickets of the contacts (and their companies),
-- opened over the 12 months before today, owned by the contact's owner:
-- types question 45 %, fault 30 %, complaint 15 %, return 10 %;
-- priorities low 20 %, normal 50 %, high 22 %, urgent 8 %; 70 % about a
-- product. Those opened in the last 14 days are mostly open (new 30 %,
-- in progress 30 %, waiting 15 %, resolved 20 %, closed 5 %), older ones
-- mostly done (new 2 %, in progress 4 %, waiting 2 %, resolved 22 %,
-- closed 70 %). Answered 0.1 to 1.5 times the response hours after
-- opening, resolved 0.2 to 1.6 times the resolution hours after (plus
-- any wait, a third of them waited 1 to 48 hours); 60 % of the resolved
-- and closed ones rated 1-5 (mostly 4 and 5). Each ticket's history: its
-- opening and each state change, as tcrm writes them (ticket_events).
-- 50 campaigns (all kinds, over the year, cost and budget in CNY), each
-- with 100,000 frozen members (contacts spread over the whole table):
-- targeted 40 %, contacted 35 %, responded 18 %, converted 7 %; 60,000
-- deals that campaigns brought (1,200 each; won 30 %, lost 30 %, open
-- 40 %; 90 % CNY, 10 % USD) and 20,000 contacts they brought.
-- The database is put in owned mode (salespeople see their own rows).
-- Pseudo-random but the same every time. Several minutes on 2 cores.
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -262144;
BEGIN;

CREATE TEMP TABLE cfg AS SELECT '2026-12-07' AS today,
       '2026-12-07 09:00:00' AS stamp,
       (SELECT count(*) FROM contacts WHERE deleted_at IS NULL) AS nc;
CREATE TEMP TABLE cids(rn INTEGER PRIMARY KEY, id INTEGER, company_id INTEGER,
                       owner TEXT);
INSERT INTO cids(id, company_id, owner)
SELECT id, company_id, owner FROM contacts WHERE deleted_at IS NULL ORDER BY id;
CREATE TEMP TABLE seq(n INTEGER PRIMARY KEY);
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 200000)
INSERT INTO seq SELECT n FROM s;
CREATE TEMP VIEW h AS SELECT n, ((n * 2654435761) % 4294967296) AS a,
       ((n * 2246822519 + 374761393) % 4294967296) AS b,
       ((n * 3266489917 + 668265263) % 4294967296) AS c FROM seq;

INSERT OR REPLACE INTO settings(key, value) VALUES ('access_mode', 'owned');

.print 'products'
-- ---- products ----------------------------------------------------------------
INSERT INTO products(code, name, unit, price_minor, currency, tax_rate,
                     created_at, updated_at, created_by, updated_by)
SELECT printf('SV%03d', n), printf('Service product %03d', n), 'pc',
       1000 * (1 + a % 900), 'CNY', 1300, stamp, stamp, 'bench', 'bench'
  FROM h, cfg WHERE n <= 200;

.print 'tickets'
-- ---- tickets -------------------------------------------------------------------
CREATE TEMP TABLE tk AS
SELECT x.n AS id, k.id AS contact, k.company_id AS company, k.owner,
       CASE WHEN x.b % 100 < 45 THEN 'question' WHEN x.b % 100 < 75 THEN 'fault'
            WHEN x.b % 100 < 90 THEN 'complaint' ELSE 'return' END AS type,
       CASE WHEN x.c % 100 < 20 THEN 0 WHEN x.c % 100 < 70 THEN 1
            WHEN x.c % 100 < 92 THEN 2 ELSE 3 END AS pri,
       CASE WHEN x.a % 10 < 7 THEN 1 + x.b % 200 END AS product,
       datetime(cfg.stamp, '-' || (x.a % 365) || ' days',
                '-' || (x.b % 600) || ' minutes') AS created,
       x.a % 365 AS age, (x.c / 100) % 100 AS r, x.a / 7 % 1000 AS r2,
       x.b / 11 % 1000 AS r3
  FROM h x CROSS JOIN cfg CROSS JOIN cids k ON k.rn = 1 + x.a % cfg.nc;
CREATE TEMP TABLE hrs(pri INTEGER PRIMARY KEY, name TEXT, resp INTEGER,
                      reso INTEGER);
INSERT INTO hrs VALUES (0, 'low', 72, 240), (1, 'normal', 24, 120),
                       (2, 'high', 8, 48), (3, 'urgent', 2, 8);
ALTER TABLE tk ADD COLUMN state TEXT;
UPDATE tk SET state = CASE WHEN age < 14 THEN
        CASE WHEN r < 30 THEN 'new' WHEN r < 60 THEN 'in_progress'
             WHEN r < 75 THEN 'waiting' WHEN r < 95 THEN 'resolved'
             ELSE 'closed' END
    ELSE CASE WHEN r < 2 THEN 'new' WHEN r < 6 THEN 'in_progress'
              WHEN r < 8 THEN 'waiting' WHEN r < 30 THEN 'resolved'
              ELSE 'closed' END END;
CREATE TEMP TABLE tt AS
SELECT t.*, h.name AS priority,
       CASE WHEN t.r2 % 3 = 0 THEN 3600 * (1 + t.r3 % 48) ELSE 0 END AS waited,
       CASE WHEN t.state <> 'new' THEN datetime(t.created, '+' ||
            (h.resp * 60 * (100 + t.r2 % 1400) / 1000) || ' minutes') END
           AS responded,
       datetime(t.created, '+' || h.resp || ' hours') AS resp_due,
       datetime(t.created, '+' || h.reso || ' hours') AS reso_due0,
       h.reso AS reso
  FROM tk t CROSS JOIN hrs h ON h.pri = t.pri;
ALTER TABLE tt ADD COLUMN resolved TEXT;
UPDATE tt SET resolved = datetime(created, '+' || (reso * 60 *
                 (200 + r3 % 1400) / 1000 + waited / 60) || ' minutes')
 WHERE state IN ('resolved', 'closed');
UPDATE tt SET responded = resolved WHERE responded > resolved;
-- Nothing after "now": a response or resolution still to come is not
-- there yet.
UPDATE tt SET state = 'in_progress', resolved = NULL
 WHERE resolved > (SELECT stamp FROM cfg);
UPDATE tt SET state = 'new', responded = NULL
 WHERE responded > (SELECT stamp FROM cfg);

INSERT INTO tickets(id, number, company_id, contact_id, type, priority,
                    product_id, subject, state, resolution, response_due,
                    resolve_due, first_response_at, resolved_at, closed_at,
                    waiting_since, waited_seconds, score, score_comment,
                    rated_at, rated_by, owner, created_at, updated_at,
                    created_by, updated_by)
SELECT t.id, printf('TB%06d', t.id), t.company, t.contact, t.type, t.priority,
       (SELECT id FROM products WHERE code = printf('SV%03d', t.product)),
       CASE t.type WHEN 'question' THEN '请问如何设置 ' WHEN 'fault'
            THEN 'Device fault ' WHEN 'complaint' THEN '投诉 delivery late '
            ELSE 'Return request ' END || t.id,
       t.state, CASE WHEN t.resolved IS NOT NULL THEN 'Solved: steps sent' END,
       CASE WHEN t.responded IS NULL
            THEN datetime(t.resp_due, '+' || t.waited || ' seconds')
            ELSE t.resp_due END,
       datetime(t.reso_due0, '+' || t.waited || ' seconds'),
       t.responded, t.resolved,
       CASE WHEN t.state = 'closed' THEN datetime(t.resolved, '+2 days') END,
       CASE WHEN t.state = 'waiting' THEN t.responded END,
       CASE WHEN t.state = 'waiting' THEN 0 ELSE t.waited END,
       CASE WHEN t.resolved IS NOT NULL AND t.r2 % 10 < 6 THEN
            CASE WHEN t.r3 % 100 < 5 THEN 1 WHEN t.r3 % 100 < 12 THEN 2
                 WHEN t.r3 % 100 < 30 THEN 3 WHEN t.r3 % 100 < 65 THEN 4
                 ELSE 5 END END,
       NULL,
       CASE WHEN t.resolved IS NOT NULL AND t.r2 % 10 < 6
            THEN datetime(t.resolved, '+1 days') END,
       CASE WHEN t.resolved IS NOT NULL AND t.r2 % 10 < 6 THEN t.owner END,
       t.owner, t.created, coalesce(t.resolved, t.responded, t.created),
       t.owner, t.owner
  FROM tt t ORDER BY t.id;
UPDATE tickets SET closed_at = NULL, state = 'resolved'
 WHERE closed_at > (SELECT stamp FROM cfg);

.print 'ticket history'
-- The history: the opening, the first response, the wait, resolving,
-- closing, rating (kind, from, to as src/core/ticket_state.c writes them).
INSERT INTO ticket_events(ticket_id, at, who, kind, from_state, to_state, text)
SELECT id, at, who, kind, f, t, x FROM (
  SELECT id, created_at AS at, owner AS who, 'add' AS kind, NULL AS f,
         'new' AS t, number AS x, 1 AS o FROM tickets
  UNION ALL
  SELECT id, first_response_at, owner, 'state', 'new', 'in_progress', NULL, 2
    FROM tickets WHERE first_response_at IS NOT NULL
  UNION ALL
  SELECT id, waiting_since, owner, 'state', 'in_progress', 'waiting', NULL, 3
    FROM tickets WHERE state = 'waiting'
  UNION ALL
  SELECT id, resolved_at, owner, 'state', 'in_progress', 'resolved',
         resolution, 4 FROM tickets WHERE resolved_at IS NOT NULL
  UNION ALL
  SELECT id, closed_at, owner, 'state', 'resolved', 'closed', NULL, 5
    FROM tickets WHERE closed_at IS NOT NULL
  UNION ALL
  SELECT id, rated_at, rated_by, 'rate', NULL, score, NULL, 6
    FROM tickets WHERE score IS NOT NULL)
 ORDER BY id, o;

.print 'campaigns'
-- ---- campaigns ----------------------------------------------------------------
INSERT INTO campaigns(id, name, kind, starts_on, ends_on, currency,
                      budget_minor, cost_minor, owner, created_at, updated_at,
                      created_by, updated_by)
SELECT n, printf('Campaign %02d %s', n, CASE n % 5 WHEN 0 THEN '春季促销'
            WHEN 1 THEN 'Webinar' WHEN 2 THEN '电话回访' WHEN 3 THEN 'Trade fair'
            ELSE 'Newsletter' END),
       CASE n % 5 WHEN 0 THEN 'ad' WHEN 1 THEN 'event' WHEN 2 THEN 'call'
            WHEN 3 THEN 'other' ELSE 'email' END,
       date(today, '-' || (7 * n) || ' days'),
       date(today, '-' || (7 * n - 30) || ' days'), 'CNY',
       10000000 * (1 + a % 20), 5000000 * (1 + b % 30),
       printf('s%02d', n % 20 + 1), stamp, stamp, 'bench', 'bench'
  FROM h, cfg WHERE n <= 50;

.print 'members'
-- 100,000 members each; member n of campaign k is contact row
-- ((k - 1) * 19997 + n * 9) mod the contacts, all different within one
-- campaign (9 is prime to the count).
INSERT INTO campaign_members(campaign_id, contact_id, state, contacted_at,
                             responded_at, converted_at, added_at, added_by)
SELECT k.n, c.id,
       CASE WHEN m.r < 40 THEN 'targeted' WHEN m.r < 75 THEN 'contacted'
            WHEN m.r < 93 THEN 'responded' ELSE 'converted' END,
       CASE WHEN m.r >= 40 THEN date(cf.today, '-' || (7 * k.n - 3) || ' days')
            || ' 10:00:00' END,
       CASE WHEN m.r >= 75 THEN date(cf.today, '-' || (7 * k.n - 6) || ' days')
            || ' 10:00:00' END,
       CASE WHEN m.r >= 93 THEN date(cf.today, '-' || max(7 * k.n - 20, 0) || ' days')
            || ' 10:00:00' END,
       date(cf.today, '-' || (7 * k.n) || ' days') || ' 09:00:00', 'bench'
  FROM (SELECT n FROM seq WHERE n <= 50) k
  CROSS JOIN (SELECT n, (n * 40503 + 7) % 100 AS r FROM seq WHERE n <= 100000) m
  CROSS JOIN cfg cf
  CROSS JOIN cids c ON c.rn = 1 + ((k.n - 1) * 19997 + m.n * 9) % cf.nc
 ORDER BY k.n, c.id;

.print 'deals'
-- Deals the campaigns brought: 1,200 each, for members that converted or
-- responded (their contact and company, owned by the contact's owner).
INSERT INTO deals(title, company_id, contact_id, stage, amount_minor,
                  currency, probability, expected_close, status, closed_at,
                  owner, created_at, updated_at, created_by, updated_by,
                  campaign_id)
SELECT 'Campaign deal ' || x.n, k.company_id, k.id,
       CASE x.c % 4 WHEN 0 THEN 'Lead' WHEN 1 THEN 'Qualified'
            WHEN 2 THEN 'Proposal' ELSE 'Negotiation' END,
       CASE WHEN x.b % 10 = 0 THEN 10000 * (1 + x.a % 300)
            ELSE 100000 * (1 + x.a % 500) END,
       CASE WHEN x.b % 10 = 0 THEN 'USD' ELSE 'CNY' END, 50,
       date(cfg.today, '+' || (x.c % 90) || ' days'),
       CASE WHEN x.c / 7 % 10 < 3 THEN 'won' WHEN x.c / 7 % 10 < 6 THEN 'lost'
            ELSE 'open' END,
       CASE WHEN x.c / 7 % 10 < 6 THEN cfg.stamp END,
       k.owner, cfg.stamp, cfg.stamp, 'bench', 'bench', 1 + (x.n - 1) / 1200
  FROM h x CROSS JOIN cfg
  CROSS JOIN cids k ON k.rn = 1 + (((x.n - 1) / 1200) * 19997 + (x.a % 100000) * 9)
                            % cfg.nc
 WHERE x.n <= 60000 ORDER BY x.n;
UPDATE deals SET lost_reason = 'price' WHERE status = 'lost'
   AND campaign_id IS NOT NULL AND lost_reason IS NULL;

UPDATE contacts SET campaign_id = 1 + id % 50
 WHERE id IN (SELECT id FROM cids WHERE rn % 50 = 7) AND campaign_id IS NULL;

.print 'commit'
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
