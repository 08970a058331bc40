-- tcrm schema 9: one descriptor per entity; products and quotes.
--
-- taggings named the three entities that carry tags in a CHECK
-- constraint, so a new taggable entity meant a new migration. Which
-- entities carry tags is now said once, by the entity table of tcrm
-- (src/core/entity_kind.c, TCRM_ENTITY_TAGS), and tcrm refuses tags on
-- any other; the column only has to name something. Loosening a CHECK
-- does not change how rows are stored, so the declaration is rewritten
-- in sqlite_master as 006_safe_edits.sql does (sqlite.org/lang_altertable
-- .html, "making other kinds of table schema changes").

PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql,
       'entity      TEXT NOT NULL CHECK (entity IN (''company'',''contact'',''deal'')),',
       'entity      TEXT NOT NULL CHECK (entity <> ''''),')
 WHERE type = 'table' AND name = 'taggings';
PRAGMA writable_schema = RESET;

-- Refuse the migration unless the declaration changed.
CREATE TEMP TABLE schema8_check (ok INTEGER CHECK (ok = 1));
INSERT INTO schema8_check
SELECT count(*) FROM sqlite_master
 WHERE type = 'table' AND name = 'taggings'
   AND sql LIKE '%entity      TEXT NOT NULL CHECK (entity <> ''''),%';
DROP TABLE schema8_check;

-- ---- products --------------------------------------------------------------
-- The catalogue is the office's: products have no owner. Money is integer
-- minor units of `currency` (12.50 CNY is 1250), the price per unit before
-- tax; the tax rate is in hundredths of a percent (13 % is 1300). A code,
-- and a name with its spec, name one product: the unique indexes keep
-- them so, trash included (a trashed product is restored, not
-- re-created). spec is '' when there is none, so that the index sees it.
CREATE TABLE products (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL COLLATE NOCASE CHECK (code <> ''),
    name        TEXT NOT NULL COLLATE NOCASE CHECK (name <> ''),
    spec        TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    unit        TEXT,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    tax_rate    INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 10000),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX products_by_code ON products(code);
CREATE UNIQUE INDEX products_by_name ON products(name, spec);

CREATE TRIGGER products_audit_add AFTER INSERT ON products BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'product', NEW.id, coalesce(a.action, 'add'), NEW.code || ' ' || NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER products_audit_trash AFTER UPDATE OF deleted_at ON products
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'product', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.code || ' ' || NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER products_audit_edit AFTER UPDATE ON products
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name OR OLD.spec IS NOT NEW.spec OR OLD.unit IS NOT NEW.unit OR OLD.price_minor IS NOT NEW.price_minor OR OLD.currency IS NOT NEW.currency OR OLD.tax_rate IS NOT NEW.tax_rate) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'product', NEW.id, coalesce(a.action, 'edit'), NEW.code || ' ' || NEW.name
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'code' AS field, OLD.code AS o, NEW.code AS n
        UNION ALL SELECT 'name', OLD.name, NEW.name
        UNION ALL SELECT 'spec', OLD.spec, NEW.spec
        UNION ALL SELECT 'unit', OLD.unit, NEW.unit
        UNION ALL SELECT 'price_minor', OLD.price_minor, NEW.price_minor
        UNION ALL SELECT 'currency', OLD.currency, NEW.currency
        UNION ALL SELECT 'tax_rate', OLD.tax_rate, NEW.tax_rate
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER products_audit_remove AFTER DELETE ON products BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'product', OLD.id,
           coalesce(a.action, 'remove'), OLD.code || ' ' || OLD.name
      FROM audit_actor a WHERE a.id = 1;
END;

-- ---- quotes ------------------------------------------------------------------
-- A quote is owned like a deal (the rule of src/core/access.c: its owner,
-- shares of its contact, company or deal, the people above the owner). Its
-- number comes from a pattern (tcrm.conf [sales] quote_number, Q%Y-%04n)
-- and doc_numbers, whose counters only go up: a number is never given
-- twice, even after a quote is deleted. state is draft, sent, accepted or
-- rejected; a draft or sent quote past valid_until (YYYY-MM-DD) is shown
-- as expired. One currency per quote.
CREATE TABLE doc_numbers (
    kind        TEXT NOT NULL,   -- 'quote'
    prefix      TEXT NOT NULL,   -- the number without its counter: 'Q2026-'
    last        INTEGER NOT NULL,
    PRIMARY KEY (kind, prefix)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    number      TEXT NOT NULL UNIQUE CHECK (number <> ''),
    company_id  INTEGER REFERENCES companies(id),
    contact_id  INTEGER REFERENCES contacts(id),
    deal_id     INTEGER REFERENCES deals(id),
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    state       TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft','sent','accepted','rejected')),
    valid_until TEXT,
    copied_from INTEGER REFERENCES quotes(id),
    sent_at     TEXT,
    decided_at  TEXT,
    owner       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT,
    CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX quotes_by_company ON quotes(company_id, decided_at);
CREATE INDEX quotes_by_contact ON quotes(contact_id, decided_at);
CREATE INDEX quotes_by_deal ON quotes(deal_id);
CREATE INDEX quotes_by_owner ON quotes(owner);

-- A line: a product of the catalogue or free text, a quantity in
-- thousandths, the unit price as entered (before tax, or with tax when
-- price_gross = 1), a discount and a tax rate in hundredths of a
-- percent, and its net, tax and gross amounts, computed once by the one
-- rounding rule of tcrm (src/util/money.c, tcrm_money_line) when the line
-- is written. A quote's totals are the sums of its lines' amounts.
CREATE TABLE quote_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    quote_id    INTEGER NOT NULL REFERENCES quotes(id),
    position    INTEGER NOT NULL,
    product_id  INTEGER REFERENCES products(id),
    description TEXT NOT NULL CHECK (description <> ''),
    unit        TEXT,
    qty_milli   INTEGER NOT NULL CHECK (qty_milli > 0),
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    price_gross INTEGER NOT NULL DEFAULT 0 CHECK (price_gross IN (0, 1)),
    discount    INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 10000),
    tax_rate    INTEGER NOT NULL CHECK (tax_rate BETWEEN 0 AND 10000),
    net_minor   INTEGER NOT NULL,
    tax_minor   INTEGER NOT NULL,
    gross_minor INTEGER NOT NULL CHECK (gross_minor = net_minor + tax_minor),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX quote_lines_by_quote ON quote_lines(quote_id, position);
CREATE INDEX quote_lines_by_product ON quote_lines(product_id, quote_id);

CREATE TRIGGER quotes_audit_add AFTER INSERT ON quotes BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'quote', NEW.id, coalesce(a.action, 'add'), NEW.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER quotes_audit_trash AFTER UPDATE OF deleted_at ON quotes
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'quote', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER quotes_audit_edit AFTER UPDATE ON quotes
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.state IS NOT NEW.state OR OLD.valid_until IS NOT NEW.valid_until OR OLD.currency IS NOT NEW.currency OR OLD.company_id IS NOT NEW.company_id OR OLD.contact_id IS NOT NEW.contact_id OR OLD.deal_id IS NOT NEW.deal_id OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'quote', NEW.id, coalesce(a.action, 'edit'), NEW.number
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'state' AS field, OLD.state AS o, NEW.state AS n
        UNION ALL SELECT 'valid_until', OLD.valid_until, NEW.valid_until
        UNION ALL SELECT 'currency', OLD.currency, NEW.currency
        UNION ALL SELECT 'company', (SELECT name FROM companies WHERE id = OLD.company_id), (SELECT name FROM companies WHERE id = NEW.company_id)
        UNION ALL SELECT 'contact', (SELECT name FROM contacts WHERE id = OLD.contact_id), (SELECT name FROM contacts WHERE id = NEW.contact_id)
        UNION ALL SELECT 'deal', (SELECT title FROM deals WHERE id = OLD.deal_id), (SELECT title FROM deals WHERE id = NEW.deal_id)
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER quotes_audit_remove AFTER DELETE ON quotes BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'quote', OLD.id,
           coalesce(a.action, 'remove'), OLD.number
      FROM audit_actor a WHERE a.id = 1;
END;
-- Lines are written only with a change of their quote's version (so the
-- guards of access.c decide who may) and never changed afterwards; the
-- quote's audit row says 'line'.
CREATE TRIGGER quote_lines_no_update BEFORE UPDATE ON quote_lines BEGIN
    SELECT RAISE(ABORT, 'quote lines are never changed');
END;
