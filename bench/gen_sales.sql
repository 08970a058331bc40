-- bench/gen_sales.sql: the sales documents of the issue-12 benchmark,
-- written straight into a database that tcrm made (schema 10 or later)
-- and that has companies (tcrm-bench-gen --contacts N makes N/50):
--
--   tcrm-bench-gen --db sales.db --contacts 20000
--   sqlite3 sales.db < bench/gen_sales.sql
--
-- 50,000 products (45,000 in CNY, 5,000 in USD; tax 13, 9, 6 or 0 %),
-- 100,000 quotes with 3 lines each (300,000 lines; one in ten in USD),
-- over 2025 and 2026, owned by 20 salespeople sales01..sales20; 40 % of
-- the quotes are accepted and each of those has an order with the same
-- lines (40,000 orders, 120,000 lines), 90 % of them confirmed two days
-- later, the rest open or cancelled. Amounts follow the rounding rule of
-- src/util/money.c for a net price: net = round(qty x price x (1 -
-- discount)), tax = round(net x rate). Pseudo-random but the same every
-- time (a multiplicative hash of the row number), so runs compare.
-- SQL rather than the API: through tcrm_quote_add_line the 300,000 lines
-- take minutes and this benchmark is about reading them.
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;

CREATE TEMP TABLE seq(n INTEGER PRIMARY KEY);
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 100000)
INSERT INTO seq SELECT n FROM s;
CREATE TEMP TABLE words(i INTEGER PRIMARY KEY, w TEXT);
INSERT INTO words(i, w) VALUES
 (0, '螺丝'), (1, 'Bolt'), (2, '轴承'), (3, 'Bearing'), (4, '电机'),
 (5, 'Motor'), (6, '阀门'), (7, 'Valve'), (8, '传感器'), (9, 'Sensor'),
 (10, '电缆'), (11, 'Cable'), (12, '服务费'), (13, 'Service'),
 (14, '控制器'), (15, 'Controller');
-- h(n, salt): a hash in 0 .. 2^32 - 1
CREATE TEMP VIEW h AS SELECT n, ((n * 2654435761) % 4294967296) AS a,
       ((n * 2246822519 + 374761393) % 4294967296) AS b,
       ((n * 3266489917 + 668265263) % 4294967296) AS c FROM seq;

INSERT INTO products(id, code, name, spec, unit, price_minor, currency,
                     tax_rate, created_at, updated_at, created_by, updated_by)
SELECT n, char(65 + n % 26) || printf('%02d', (n / 26) % 100) || '-'
          || printf('%05d', n),
       (SELECT w FROM words WHERE i = n % 16) || ' ' || (n / 100),
       (n % 100) || ' mm', CASE n % 3 WHEN 0 THEN 'pc' WHEN 1 THEN '个' ELSE 'kg' END,
       100 + a % 100000, CASE WHEN n <= 45000 THEN 'CNY' ELSE 'USD' END,
       CASE n % 4 WHEN 0 THEN 1300 WHEN 1 THEN 900 WHEN 2 THEN 600 ELSE 0 END,
       '2024-12-01 09:00:00', '2024-12-01 09:00:00', 'bench', 'bench'
  FROM h WHERE n <= 50000;

CREATE TEMP TABLE cos AS
SELECT row_number() OVER (ORDER BY id) AS k, id FROM companies;
CREATE TEMP TABLE qh AS
SELECT n AS id, 1 + a % (SELECT count(*) FROM companies) AS ci,
       CASE WHEN n % 10 = 0 THEN 'USD' ELSE 'CNY' END AS cur,
       CASE n % 5 WHEN 0 THEN 'accepted' WHEN 1 THEN 'accepted'
                  WHEN 2 THEN 'rejected' WHEN 3 THEN 'sent' ELSE 'draft' END AS st,
       date('2025-01-01', '+' || (b % 727) || ' days') AS day,
       printf('sales%02d', 1 + c % 20) AS owner
  FROM h;

INSERT INTO quotes(id, number, company_id, currency, state, valid_until,
                   sent_at, decided_at, owner, created_at, updated_at,
                   created_by, updated_by)
SELECT q.id, 'QB' || printf('%06d', q.id),
       (SELECT id FROM cos WHERE k = q.ci),
       q.cur, q.st, date(q.day, '+30 days'),
       CASE WHEN q.st <> 'draft' THEN q.day || ' 11:00:00' END,
       CASE WHEN q.st IN ('accepted', 'rejected')
            THEN date(q.day, '+3 days') || ' 15:00:00' END,
       q.owner, q.day || ' 10:00:00', q.day || ' 10:00:00', q.owner, q.owner
  FROM qh q;

-- three lines a quote: line k of quote q is row (q - 1) * 3 + k
CREATE TEMP TABLE lh AS
SELECT (s.n - 1) / 3 + 1 AS qid, (s.n - 1) % 3 + 1 AS pos,
       ((s.n * 2654435761) % 4294967296) AS a,
       ((s.n * 2246822519 + 374761393) % 4294967296) AS b
  FROM (SELECT n FROM seq UNION ALL SELECT n + 100000 FROM seq
        UNION ALL SELECT n + 200000 FROM seq) s;
CREATE TEMP TABLE lv AS
SELECT l.qid, l.pos,
       CASE WHEN q.cur = 'USD' THEN 45001 + l.a % 5000 ELSE 1 + l.a % 45000 END AS pid,
       1000 * (1 + l.b % 20) AS qty,
       CASE WHEN l.b % 10 = 0 THEN 500 ELSE 0 END AS disc
  FROM lh l JOIN qh q ON q.id = l.qid;

INSERT INTO quote_lines(quote_id, position, product_id, description, unit,
                        qty_milli, price_minor, discount, tax_rate,
                        net_minor, tax_minor, gross_minor, created_at,
                        created_by)
SELECT qid, pos, pid, descr, unit, qty, price, disc, rate, net,
       (net * rate + 5000) / 10000, net + (net * rate + 5000) / 10000,
       created_at, created_by
  FROM (SELECT v.qid, v.pos, p.id AS pid, p.name || ' ' || p.spec AS descr,
               p.unit, v.qty, p.price_minor AS price, v.disc,
               p.tax_rate AS rate, q.created_at, q.created_by,
               (v.qty * p.price_minor * (10000 - v.disc) + 5000000)
               / 10000000 AS net
          FROM lv v JOIN products p ON p.id = v.pid
          JOIN quotes q ON q.id = v.qid)
 ORDER BY qid, pos;

INSERT INTO orders(number, quote_id, company_id, currency, state,
                   confirmed_at, cancelled_at, owner, created_at, updated_at,
                   created_by, updated_by)
SELECT 'OB' || printf('%06d', q.id), q.id,
       q.company_id, q.currency,
       CASE q.id % 50 WHEN 0 THEN 'open' WHEN 1 THEN 'cancelled'
            ELSE 'confirmed' END,
       date(q.decided_at, '+2 days') || ' 09:30:00', NULL, q.owner,
       q.decided_at, q.decided_at, q.owner, q.owner
  FROM quotes q WHERE q.state = 'accepted' ORDER BY q.id;
UPDATE orders SET confirmed_at = NULL, cancelled_at = updated_at
 WHERE state = 'cancelled';
UPDATE orders SET confirmed_at = NULL WHERE state = 'open';

INSERT INTO order_lines(order_id, position, product_id, description, unit,
                        qty_milli, price_minor, price_gross, discount,
                        tax_rate, net_minor, tax_minor, gross_minor,
                        created_at, created_by)
SELECT o.id, l.position, l.product_id, l.description, l.unit, l.qty_milli,
       l.price_minor, l.price_gross, l.discount, l.tax_rate, l.net_minor,
       l.tax_minor, l.gross_minor, o.created_at, o.created_by
  FROM orders o JOIN quote_lines l ON l.quote_id = o.quote_id
 ORDER BY o.id, l.position;

COMMIT;
ANALYZE;
SELECT 'products', count(*) FROM products UNION ALL
SELECT 'quotes', count(*) FROM quotes UNION ALL
SELECT 'quote lines', count(*) FROM quote_lines UNION ALL
SELECT 'orders', count(*) FROM orders UNION ALL
SELECT 'confirmed', count(*) FROM orders WHERE state = 'confirmed' UNION ALL
SELECT 'order lines', count(*) FROM order_lines;
