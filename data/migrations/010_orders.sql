-- tcrm schema 10: sales orders and delivery notes (issue 12).
--
-- An order (a sales order) is owned and seen like a quote (the rule of
-- src/core/access.c through the entity table of src/core/entity_kind.c):
-- its owner, the people above them, shares and visibility of its contact,
-- company or deal. It is made from an accepted quote (quote_id, its lines
-- copied) or from nothing, numbered by [sales] order_number (O%Y-%04n)
-- through doc_numbers (kind 'order'). One currency per order.
--
-- state: open (lines may be added) -> confirmed | cancelled.
-- approval: 'none'; 'waiting' when a line's discount was above the
-- [sales] max_discount of tcrm.conf when it was written: the order then
-- cannot be confirmed until a manager or an admin approves it
-- ('approved', approved_by, approved_at). A line added after an approval
-- that is again above the limit makes it wait again.
CREATE TABLE orders (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    number       TEXT NOT NULL UNIQUE CHECK (number <> ''),
    quote_id     INTEGER REFERENCES quotes(id),
    company_id   INTEGER REFERENCES companies(id),
    contact_id   INTEGER REFERENCES contacts(id),
    deal_id      INTEGER REFERENCES deals(id),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    state        TEXT NOT NULL DEFAULT 'open'
                 CHECK (state IN ('open','confirmed','cancelled')),
    approval     TEXT NOT NULL DEFAULT 'none'
                 CHECK (approval IN ('none','waiting','approved')),
    approved_by  TEXT,
    approved_at  TEXT,
    confirmed_at TEXT,
    cancelled_at TEXT,
    owner        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT,
    CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX orders_by_quote ON orders(quote_id);
CREATE INDEX orders_by_company ON orders(company_id);
CREATE INDEX orders_by_contact ON orders(contact_id);
CREATE INDEX orders_by_deal ON orders(deal_id);
CREATE INDEX orders_by_owner ON orders(owner);

-- The lines of an order: as quote_lines (009_sales.sql), amounts computed
-- once by the rounding rule of tcrm (src/util/money.c, tcrm_money_line).
-- Written with a change of their order's version (the guards of
-- access.c decide who may), never changed afterwards.
CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
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
    created_by  TEXT NOT NULL,
    UNIQUE (order_id, position)
);
CREATE INDEX order_lines_by_product ON order_lines(product_id, order_id);
CREATE TRIGGER order_lines_no_update BEFORE UPDATE ON order_lines BEGIN
    SELECT RAISE(ABORT, 'order lines are never changed');
END;

-- A delivery note ships some of a confirmed order's lines;
-- several notes per order. It carries its order's customer and owner, so
-- it is seen by the same rule. What is still to ship on a line is its
-- quantity less what the live (not trashed) notes ship of it; tcrm
-- refuses a note that would ship more than that. Numbered by [sales]
-- delivery_number (D%Y-%04n), kind 'delivery' of doc_numbers.
CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    number      TEXT NOT NULL UNIQUE CHECK (number <> ''),
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    company_id  INTEGER REFERENCES companies(id),
    contact_id  INTEGER REFERENCES contacts(id),
    deal_id     INTEGER REFERENCES deals(id),
    owner       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
CREATE INDEX deliveries_by_order ON deliveries(order_id);
CREATE INDEX deliveries_by_owner ON deliveries(owner);

CREATE TABLE delivery_lines (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id   INTEGER NOT NULL REFERENCES deliveries(id),
    order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
    qty_milli     INTEGER NOT NULL CHECK (qty_milli > 0),
    UNIQUE (delivery_id, order_line_id)
);
CREATE INDEX delivery_lines_by_order_line ON delivery_lines(order_line_id);
CREATE TRIGGER delivery_lines_no_update BEFORE UPDATE ON delivery_lines BEGIN
    SELECT RAISE(ABORT, 'delivery lines are never changed');
END;

CREATE TRIGGER orders_audit_add AFTER INSERT ON orders BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'order', NEW.id, coalesce(a.action, 'add'), NEW.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER orders_audit_trash AFTER UPDATE OF deleted_at ON orders
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'order', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER orders_audit_edit AFTER UPDATE ON orders
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.state IS NOT NEW.state OR OLD.approval IS NOT NEW.approval OR OLD.currency IS NOT NEW.currency OR OLD.company_id IS NOT NEW.company_id OR OLD.contact_id IS NOT NEW.contact_id OR OLD.deal_id IS NOT NEW.deal_id OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'order', NEW.id, coalesce(a.action, 'edit'), NEW.number
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'state' AS field, OLD.state AS o, NEW.state AS n
        UNION ALL SELECT 'approval', OLD.approval, NEW.approval
        UNION ALL SELECT 'currency', OLD.currency, NEW.currency
        UNION ALL SELECT 'company', (SELECT name FROM companies WHERE id = OLD.company_id), (SELECT name FROM companies WHERE id = NEW.company_id)
        UNION ALL SELECT 'contact', (SELECT name FROM contacts WHERE id = OLD.contact_id), (SELECT name FROM contacts WHERE id = NEW.contact_id)
        UNION ALL SELECT 'deal', (SELECT title FROM deals WHERE id = OLD.deal_id), (SELECT title FROM deals WHERE id = NEW.deal_id)
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER orders_audit_remove AFTER DELETE ON orders BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'order', OLD.id,
           coalesce(a.action, 'remove'), OLD.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER deliveries_audit_add AFTER INSERT ON deliveries BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'delivery', NEW.id, coalesce(a.action, 'add'), NEW.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER deliveries_audit_trash AFTER UPDATE OF deleted_at ON deliveries
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'delivery', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.number
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER deliveries_audit_edit AFTER UPDATE ON deliveries
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.version IS NOT NEW.version OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'delivery', NEW.id, coalesce(a.action, 'edit'), NEW.number
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'owner' AS field, OLD.owner AS o, NEW.owner AS n
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER deliveries_audit_remove AFTER DELETE ON deliveries BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'delivery', OLD.id,
           coalesce(a.action, 'remove'), OLD.number
      FROM audit_actor a WHERE a.id = 1;
END;
