-- bench/gen_money.sql: the receivables of the issue-13 benchmark, written
-- straight into a fresh database that tcrm made (schema 11 or later):
--
--   tcrm --db money.db init
--   sqlite3 money.db < bench/gen_money.sql
--   tcrm-bench-money --db money.db --rekey
--   tcrm --db money.db check
--
-- (--rekey makes the companies' name_key and sort_key as tcrm does, which
-- SQL cannot: without it `--company NAME` finds none of them.)
--
-- "Today" is 2026-12-07 (run the benchmark and the commands with
-- TCRM_NOW="2026-12-07 10:00:00" so that the buckets are the ones below).
--
-- People: an admin `bench`, managers m1 (s01-s07), m2 (s08-s14) and m3
-- (s15-s20), salespeople s01..s20; the database is put in owned mode.
-- 100,000 companies (the customers), owned by s01..s20 in turn; one in
-- ten has 60-day terms, one in twenty 15 days, one in twenty pays on
-- receipt (0 days), the rest [sales] payment_days (30); one in ten has a
-- credit limit. 250,000 confirmed orders (every company at least one),
-- 88 % in CNY, 9 % USD, 3 % EUR, one line each (net + 13 % tax), placed
-- over the two years before today; each billed by two invoices (60 % and
-- 40 % of the gross, the second 10 to 40 days after the first): 500,000
-- invoices, due by the customer's terms. Daily USD and EUR rates into CNY
-- over the same two years.
-- What was paid: of the invoices issued in the last 45 days half are
-- unpaid and 15 % partly paid; of the older ones 6 % unpaid and 5 %
-- partly paid (the bad debts of the older buckets); the rest are paid in
-- full by one (40 %), two (44 %) or three (16 %) payments spread until a
-- day up to 60 days past the due date. Every such payment has one
-- allocation; the triggers of 011_money.sql keep invoices.paid_minor and
-- payments.applied_minor. Prepayments (no invoice, wholly unapplied: the
-- customers' credit) make up the rest of 800,000 payments.
-- Pseudo-random but the same every time (multiplicative hashes of the row
-- number). One transaction; about a minute or two on the 2-core machine.
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -262144;
BEGIN;

CREATE TEMP TABLE cfg AS SELECT '2026-12-07' AS today,
       '2026-12-07 09:00:00' AS stamp;
CREATE TEMP TABLE seq(n INTEGER PRIMARY KEY);
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 1000000)
INSERT INTO seq SELECT n FROM s;
-- h(n): three hashes in 0 .. 2^32 - 1
CREATE TEMP VIEW h AS SELECT n, ((n * 2654435761) % 4294967296) AS a,
       ((n * 2246822519 + 374761393) % 4294967296) AS b,
       ((n * 3266489917 + 668265263) % 4294967296) AS c FROM seq;

-- ---- people ----------------------------------------------------------------
INSERT OR IGNORE INTO users(login, name, role, created_at, updated_at)
SELECT 'bench', 'bench', 'admin', stamp, stamp FROM cfg UNION ALL
SELECT 'm' || n, 'Manager ' || n, 'manager', stamp, stamp FROM cfg, seq
 WHERE n <= 3;
INSERT OR IGNORE INTO users(login, name, role, manager, created_at, updated_at)
SELECT printf('s%02d', n), printf('Sales %02d', n), 'sales',
       CASE WHEN n <= 7 THEN 'm1' WHEN n <= 14 THEN 'm2' ELSE 'm3' END,
       stamp, stamp FROM cfg, seq WHERE n <= 20;
INSERT OR REPLACE INTO settings(key, value) VALUES ('access_mode', 'owned');

-- ---- customers ---------------------------------------------------------------
CREATE TEMP TABLE words(i INTEGER PRIMARY KEY, w TEXT);
INSERT INTO words(i, w) VALUES
 (0, '上海'), (1, '北京'), (2, '深圳'), (3, '杭州'), (4, '苏州'), (5, '成都'),
 (6, 'Nordic'), (7, 'Pacific'), (8, '广州'), (9, '宁波'), (10, 'Apex'),
 (11, '天津'), (12, '武汉'), (13, 'Delta'), (14, '南京'), (15, '青岛');
CREATE TEMP TABLE trades(i INTEGER PRIMARY KEY, w TEXT);
INSERT INTO trades(i, w) VALUES
 (0, '机械'), (1, '电子'), (2, '贸易'), (3, '科技'), (4, '化工'),
 (5, '物流'), (6, '纺织'), (7, '建材');

INSERT INTO companies(id, name, industry, city, owner, name_key, sort_key,
                      created_at, updated_at, created_by, updated_by)
SELECT n, nm, t, w, printf('s%02d', n % 20 + 1), lower(nm), lower(nm),
       '2024-11-01 09:00:00', '2024-11-01 09:00:00', 'bench', 'bench'
  FROM (SELECT h.n, (SELECT w FROM words WHERE i = h.a % 16) AS w,
               (SELECT w FROM trades WHERE i = h.b % 8) AS t,
               (SELECT w FROM words WHERE i = h.a % 16)
               || (SELECT w FROM trades WHERE i = h.b % 8)
               || printf(' %06d', h.n) || CASE WHEN h.a % 16 IN (6, 7, 10, 13)
                  THEN ' Ltd' ELSE '有限公司' END AS nm
          FROM h WHERE h.n <= 100000);

INSERT INTO customer_terms(company_id, payment_days, credit_limit_minor,
                           updated_at, updated_by)
SELECT n, CASE c % 20 WHEN 0 THEN 60 WHEN 1 THEN 60 WHEN 2 THEN 15
                      WHEN 3 THEN 0 ELSE NULL END,
       CASE WHEN c % 10 = 5 THEN 10000000 * (1 + a % 20) END,
       '2024-11-01 09:00:00', 'bench'
  FROM h WHERE n <= 100000 AND (c % 20 < 4 OR c % 10 = 5);

-- ---- rates: USD and EUR into CNY, every day of the two years ------------------
INSERT INTO rates(currency, base, day, rate_micro, created_at, created_by)
SELECT cur, 'CNY', date(today, '-' || (n - 1) || ' days'),
       CASE cur WHEN 'USD' THEN 7050000 ELSE 7650000 END + a % 250000,
       date(today, '-' || (n - 1) || ' days') || ' 08:00:00', 'bench'
  FROM h, cfg, (SELECT 'USD' AS cur UNION ALL SELECT 'EUR')
 WHERE n <= 800;

-- ---- orders: 250,000, confirmed, one line each ------------------------------------
CREATE TEMP TABLE oh AS
SELECT n AS id, CASE WHEN n <= 100000 THEN n ELSE 1 + a % 100000 END AS co,
       CASE WHEN b % 100 < 88 THEN 'CNY' WHEN b % 100 < 97 THEN 'USD'
            ELSE 'EUR' END AS cur,
       date(today, '-' || (10 + c % 720) || ' days') AS day,
       10000 * (1 + a % 500) + b % 10000 AS net
  FROM h, cfg WHERE n <= 250000;
UPDATE oh SET net = net / 7 + 1 WHERE cur <> 'CNY';

INSERT INTO orders(id, number, company_id, currency, state, confirmed_at,
                   owner, created_at, updated_at, created_by, updated_by)
SELECT o.id, printf('OM%07d', o.id), o.co, o.cur, 'confirmed',
       o.day || ' 10:00:00', c.owner, o.day || ' 09:00:00',
       o.day || ' 10:00:00', c.owner, c.owner
  FROM oh o JOIN companies c ON c.id = o.co ORDER BY o.id;
INSERT INTO order_lines(order_id, position, description, unit, qty_milli,
                        price_minor, tax_rate, net_minor, tax_minor,
                        gross_minor, created_at, created_by)
SELECT id, 1, '货物 Goods', 'pc', 1000, net, 1300, net, (net * 13 + 50) / 100,
       net + (net * 13 + 50) / 100, day || ' 09:00:00', 'bench'
  FROM oh ORDER BY id;

-- ---- invoices: two per order ---------------------------------------------------
CREATE TEMP TABLE ih AS
SELECT 2 * (o.id - 1) + k.k AS id, o.id AS oid, o.co, o.cur,
       CASE k.k WHEN 1 THEN (o.net + (o.net * 13 + 50) / 100) * 60 / 100
            ELSE (o.net + (o.net * 13 + 50) / 100)
                 - (o.net + (o.net * 13 + 50) / 100) * 60 / 100 END AS amt,
       min(date(o.day, '+' || CASE k.k WHEN 1 THEN o.id % 5
                                  ELSE 10 + o.id % 31 END || ' days'),
           cfg.today) AS issued,
       coalesce(t.payment_days, 30) AS days
  FROM oh o CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2) k CROSS JOIN cfg
  LEFT JOIN customer_terms t ON t.company_id = o.co;

INSERT INTO invoices(id, number, order_id, company_id, currency,
                     amount_minor, issued_on, due_on, owner, created_at,
                     updated_at, created_by, updated_by)
SELECT i.id, printf('IM%07d', i.id), i.oid, i.co, i.cur, i.amt, i.issued,
       date(i.issued, '+' || i.days || ' days'), c.owner,
       i.issued || ' 10:00:00', i.issued || ' 10:00:00', c.owner, c.owner
  FROM ih i JOIN companies c ON c.id = i.co ORDER BY i.id;

-- What each invoice gets: n payments (0 unpaid; -1 one partial payment).
CREATE TEMP TABLE plan AS
SELECT i.id AS inv, i.co, i.cur, i.amt, i.issued, i.days,
       CASE WHEN julianday(cfg.today) - julianday(i.issued) < 45
            THEN CASE WHEN x.a % 100 < 50 THEN 0 WHEN x.a % 100 < 65 THEN -1
                      ELSE NULL END
            ELSE CASE WHEN x.a % 100 < 6 THEN 0 WHEN x.a % 100 < 11 THEN -1
                      ELSE NULL END END AS kind,
       CASE WHEN x.b % 100 < 40 THEN 1 WHEN x.b % 100 < 84 THEN 2 ELSE 3 END
           AS parts,
       20 + x.c % 61 AS pct, x.c % (i.days + 61) AS lag, x.a AS r
  FROM ih i JOIN h x ON x.n = i.id CROSS JOIN cfg;
UPDATE plan SET kind = parts WHERE kind IS NULL;

CREATE TEMP TABLE pp AS
SELECT p.inv, p.co, p.cur, j.j AS part,
       CASE WHEN p.kind = -1 THEN max(1, p.amt * p.pct / 100)
            WHEN j.j < p.kind THEN p.amt / p.kind
            ELSE p.amt - (p.kind - 1) * (p.amt / p.kind) END AS amt,
       min(date(p.issued, '+' || (p.lag * j.j / max(p.kind, 1)) || ' days'),
           cfg.today) AS day,
       (p.r / 7 + j.j * 13) % 100 AS m
  FROM plan p JOIN (SELECT 1 AS j UNION ALL SELECT 2 UNION ALL SELECT 3) j
    ON j.j <= max(p.kind, 1) AND p.kind <> 0
  CROSS JOIN cfg;

-- Prepayments: the rest of 800,000, wholly unapplied.
INSERT INTO pp(inv, co, cur, part, amt, day, m)
SELECT NULL, 1 + x.a % 100000, CASE WHEN x.b % 10 = 0 THEN 'USD' ELSE 'CNY' END,
       0, 1000 * (1 + x.b % 5000), date(cfg.today, '-' || (x.c % 365) || ' days'),
       x.c % 100
  FROM h x CROSS JOIN cfg
 WHERE x.n <= 800000 - (SELECT count(*) FROM pp);

INSERT INTO payments(id, number, company_id, order_id, invoice_id, currency,
                     amount_minor, method, account, paid_on, owner, created_at,
                     updated_at, created_by, updated_by)
SELECT q.rowid, printf('RM%07d', q.rowid), q.co,
       CASE WHEN q.inv IS NOT NULL THEN (q.inv + 1) / 2 END, q.inv, q.cur,
       q.amt,
       CASE WHEN q.m < 55 THEN 'bank' WHEN q.m < 70 THEN 'wechat'
            WHEN q.m < 80 THEN 'alipay' WHEN q.m < 88 THEN 'cash'
            WHEN q.m < 93 THEN 'cheque' WHEN q.m < 98 THEN 'card'
            ELSE 'other' END,
       CASE WHEN q.m < 40 THEN '工商银行 基本户' WHEN q.m < 55 THEN '招商银行 一般户'
            WHEN q.m < 80 THEN '收款码' END,
       q.day, c.owner, q.day || ' 11:00:00', q.day || ' 11:00:00', c.owner,
       c.owner
  FROM (SELECT rowid, * FROM pp) q JOIN companies c ON c.id = q.co
 ORDER BY q.rowid;

INSERT INTO payment_allocations(payment_id, invoice_id, amount_minor,
                                created_at, created_by)
SELECT rowid, inv, amt, day || ' 11:00:00', 'bench' FROM pp
 WHERE inv IS NOT NULL ORDER BY rowid;

COMMIT;
ANALYZE;
SELECT 'companies', count(*) FROM companies UNION ALL
SELECT 'orders', count(*) FROM orders UNION ALL
SELECT 'invoices', count(*) FROM invoices UNION ALL
SELECT 'invoices open', count(*) FROM invoices
 WHERE paid_minor < amount_minor UNION ALL
SELECT 'invoices partly paid', count(*) FROM invoices
 WHERE paid_minor > 0 AND paid_minor < amount_minor UNION ALL
SELECT 'payments', count(*) FROM payments UNION ALL
SELECT 'prepayments (unapplied)', count(*) FROM payments
 WHERE applied_minor = 0 UNION ALL
SELECT 'allocations', count(*) FROM payment_allocations UNION ALL
SELECT 'rates', count(*) FROM rates;
