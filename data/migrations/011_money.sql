-- tcrm schema 11: getting paid (issue 13): invoices, payments, exchange
-- rates, payment terms and credit limits.
--
-- Money is integer minor units of a currency (1200.50 CNY is 120050),
-- never a float. An invoice and every payment applied to it are in one
-- currency; reports turn amounts into the base currency ([sales]
-- base_currency of tcrm.conf) through the rates below.
--
-- An invoice bills part or all of a confirmed order (several per order,
-- never more than the order's gross total), or is a customer's opening
-- balance (opening = 1, no order, no number; one live per customer). It
-- carries its order's customer, deal and owner, so it is seen by the rule
-- of src/core/access.c like the order. Numbers come from [sales]
-- invoice_number (I%Y-%04n, kind 'invoice' of doc_numbers) or are given
-- (a tax invoice's own number); UNIQUE over every invoice, voided ones
-- included, so a number is never used twice. Voiding keeps the row
-- (voided_at, voided_by); an invoice is never deleted or trashed.
--
-- paid_minor is what the live (not voided) payments apply to it, kept by
-- the triggers of payment_allocations and payments below, so the open
-- amount of an invoice (amount_minor - paid_minor) is read without a
-- join; `tcrm check` compares it with the allocations.
CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    number       TEXT UNIQUE CHECK (number <> ''),
    order_id     INTEGER REFERENCES orders(id),
    opening      INTEGER NOT NULL DEFAULT 0 CHECK (opening IN (0, 1)),
    company_id   INTEGER REFERENCES companies(id),
    contact_id   INTEGER REFERENCES contacts(id),
    deal_id      INTEGER REFERENCES deals(id),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    paid_minor   INTEGER NOT NULL DEFAULT 0,
    issued_on    TEXT NOT NULL,            -- YYYY-MM-DD
    due_on       TEXT NOT NULL,            -- YYYY-MM-DD
    note         TEXT,
    voided_at    TEXT,
    voided_by    TEXT,
    owner        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT,                     -- always NULL: invoices are voided
    CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL),
    CHECK ((opening = 1) = (order_id IS NULL)),
    CHECK (opening = 1 OR number IS NOT NULL),
    CHECK (paid_minor BETWEEN 0 AND amount_minor),
    CHECK (due_on >= issued_on)
);
CREATE INDEX invoices_by_order ON invoices(order_id);
CREATE INDEX invoices_by_company ON invoices(company_id);
CREATE INDEX invoices_by_contact ON invoices(contact_id);
CREATE INDEX invoices_by_owner ON invoices(owner);
-- What is still owed, with every column aging, `due`, the reminder pane
-- and the access rule read, so that they never touch the table
-- (bench/README.md, "Getting paid"): by due date, and by customer (aging
-- reads it in company order, so the rule's company look-ups are in order
-- too). voided_at is a column although the WHERE says it is NULL: SQLite
-- 3.40 does not take a partial index as covering otherwise.
CREATE INDEX invoices_open ON invoices(due_on, company_id, contact_id,
    currency, amount_minor, paid_minor, owner, deal_id, deleted_at,
    voided_at) WHERE voided_at IS NULL AND paid_minor < amount_minor;
CREATE INDEX invoices_open_by_customer ON invoices(company_id, contact_id,
    currency, due_on, amount_minor, paid_minor, owner, deal_id,
    deleted_at, voided_at) WHERE voided_at IS NULL AND paid_minor < amount_minor;
-- One live opening balance per customer (a company, or a contact without
-- one).
CREATE UNIQUE INDEX invoices_opening
    ON invoices(ifnull(company_id, 0), ifnull(contact_id, 0))
    WHERE opening = 1 AND voided_at IS NULL;

-- A payment received: against an invoice, an order, or a customer (a
-- prepayment, applied to their oldest open invoices later). What it pays
-- is in payment_allocations; applied_minor is their sum (kept by the
-- triggers below), so what is left of it (amount - applied) is credit of
-- the customer. Numbers: [sales] payment_number (R%Y-%04n, kind
-- 'payment'). Voiding keeps the row and takes back what it paid.
CREATE TABLE payments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    number        TEXT NOT NULL UNIQUE CHECK (number <> ''),
    company_id    INTEGER REFERENCES companies(id),
    contact_id    INTEGER REFERENCES contacts(id),
    deal_id       INTEGER REFERENCES deals(id),
    order_id      INTEGER REFERENCES orders(id),
    invoice_id    INTEGER REFERENCES invoices(id),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    applied_minor INTEGER NOT NULL DEFAULT 0,
    method        TEXT NOT NULL CHECK (method IN ('bank','cash','wechat',
                      'alipay','cheque','card','other')),
    account       TEXT,
    paid_on       TEXT NOT NULL,           -- YYYY-MM-DD
    note          TEXT,
    voided_at     TEXT,
    voided_by     TEXT,
    owner         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT,                    -- always NULL: payments are voided
    CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL),
    CHECK (applied_minor BETWEEN 0 AND amount_minor)
);
CREATE INDEX payments_by_company ON payments(company_id);
CREATE INDEX payments_by_contact ON payments(contact_id);
CREATE INDEX payments_by_order ON payments(order_id);
CREATE INDEX payments_by_invoice ON payments(invoice_id);
CREATE INDEX payments_by_owner ON payments(owner);
-- Live payments by day, with what the sums of `report payments` and the
-- access rule read (covering, as invoices_open).
CREATE INDEX payments_live_by_day ON payments(paid_on, currency, method,
    account, owner, amount_minor, company_id, contact_id, deal_id,
    deleted_at, voided_at) WHERE voided_at IS NULL;
-- Payments with something left to apply: credit.
CREATE INDEX payments_unapplied ON payments(company_id, contact_id)
    WHERE voided_at IS NULL AND applied_minor < amount_minor;

-- What a payment pays of an invoice. Never changed or removed: a voided
-- payment's allocations stay, and stop counting.
CREATE TABLE payment_allocations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id   INTEGER NOT NULL REFERENCES payments(id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX payment_allocations_by_payment ON payment_allocations(payment_id);
CREATE INDEX payment_allocations_by_invoice ON payment_allocations(invoice_id);
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations BEGIN
    SELECT RAISE(ABORT, 'payment allocations are never changed');
END;
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations BEGIN
    SELECT RAISE(ABORT, 'payment allocations are never removed');
END;
CREATE TRIGGER payment_allocations_keep AFTER INSERT ON payment_allocations BEGIN
    UPDATE invoices SET paid_minor = paid_minor + NEW.amount_minor
     WHERE id = NEW.invoice_id;
    UPDATE payments SET applied_minor = applied_minor + NEW.amount_minor
     WHERE id = NEW.payment_id;
END;
CREATE TRIGGER payments_void_keep AFTER UPDATE OF voided_at ON payments
WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL BEGIN
    UPDATE invoices SET paid_minor = paid_minor - (SELECT sum(a.amount_minor)
           FROM payment_allocations a WHERE a.payment_id = NEW.id
            AND a.invoice_id = invoices.id)
     WHERE id IN (SELECT invoice_id FROM payment_allocations
                   WHERE payment_id = NEW.id);
END;
CREATE TRIGGER payments_no_unvoid BEFORE UPDATE OF voided_at ON payments
WHEN OLD.voided_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided payment stays voided');
END;
CREATE TRIGGER invoices_no_unvoid BEFORE UPDATE OF voided_at ON invoices
WHEN OLD.voided_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided invoice stays voided');
END;

-- Exchange rates by day: one unit of `currency` is rate_micro / 1,000,000
-- units of `base` (USD 7.12 CNY: 7120000). A report converts an amount
-- of a day with the newest rate on or before that day.
CREATE TABLE rates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    base        TEXT NOT NULL CHECK (length(base) = 3 AND base <> currency),
    day         TEXT NOT NULL,             -- YYYY-MM-DD
    rate_micro  INTEGER NOT NULL CHECK (rate_micro > 0),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (currency, base, day)
);

-- A customer's payment terms and credit limit (one row per company, or
-- per contact without a company). payment_days NULL: [sales]
-- payment_days of tcrm.conf. credit_limit_minor is in the base currency;
-- NULL: no limit.
CREATE TABLE customer_terms (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id         INTEGER UNIQUE REFERENCES companies(id),
    contact_id         INTEGER UNIQUE REFERENCES contacts(id),
    payment_days       INTEGER CHECK (payment_days BETWEEN 0 AND 3650),
    credit_limit_minor INTEGER CHECK (credit_limit_minor >= 0),
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    CHECK ((company_id IS NULL) <> (contact_id IS NULL))
);

-- ---- the audit trail ---------------------------------------------------------
CREATE TRIGGER invoices_audit_add AFTER INSERT ON invoices BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'invoice', NEW.id, coalesce(a.action, 'add'),
           coalesce(NEW.number, 'opening') || ' ' || NEW.currency || ' '
           || NEW.amount_minor
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER invoices_audit_edit AFTER UPDATE ON invoices
WHEN OLD.version IS NOT NEW.version OR OLD.voided_at IS NOT NEW.voided_at
  OR OLD.owner IS NOT NEW.owner OR OLD.due_on IS NOT NEW.due_on BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'invoice', NEW.id,
           coalesce(a.action, CASE WHEN OLD.voided_at IS NULL
                    AND NEW.voided_at IS NOT NULL THEN 'void' ELSE 'edit' END),
           coalesce(NEW.number, 'opening')
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'voided' AS field, OLD.voided_at AS o, NEW.voided_at AS n
        UNION ALL SELECT 'due', OLD.due_on, NEW.due_on
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER payments_audit_add AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'payment', NEW.id, coalesce(a.action, 'add'),
           NEW.number || ' ' || NEW.currency || ' ' || NEW.amount_minor
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER payments_audit_edit AFTER UPDATE ON payments
WHEN OLD.version IS NOT NEW.version OR OLD.voided_at IS NOT NEW.voided_at
  OR OLD.owner IS NOT NEW.owner BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'payment', NEW.id,
           coalesce(a.action, CASE WHEN OLD.voided_at IS NULL
                    AND NEW.voided_at IS NOT NULL THEN 'void' ELSE 'edit' END),
           NEW.number
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'voided' AS field, OLD.voided_at AS o, NEW.voided_at AS n
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER rates_audit_add AFTER INSERT ON rates BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'rate', NEW.id, coalesce(a.action, 'add'),
           NEW.currency || ' ' || NEW.base || ' ' || NEW.day || ' '
           || NEW.rate_micro
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER customer_terms_audit AFTER UPDATE ON customer_terms BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           CASE WHEN NEW.company_id IS NOT NULL THEN 'company' ELSE 'contact' END,
           coalesce(NEW.company_id, NEW.contact_id), 'terms', NULL
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'payment_days' AS field, OLD.payment_days AS o,
               NEW.payment_days AS n
        UNION ALL SELECT 'credit_limit', OLD.credit_limit_minor,
               NEW.credit_limit_minor
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER customer_terms_audit_add AFTER INSERT ON customer_terms BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           CASE WHEN NEW.company_id IS NOT NULL THEN 'company' ELSE 'contact' END,
           coalesce(NEW.company_id, NEW.contact_id), 'terms', NULL
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, NULL, n FROM (
        SELECT 'payment_days' AS field, NEW.payment_days AS n
        UNION ALL SELECT 'credit_limit', NEW.credit_limit_minor
    ) WHERE n IS NOT NULL;
END;
