-- tcrm schema 12: customer service (issue 14): tickets, their history,
-- and the customer's satisfaction with an interaction.
--
-- A ticket (a question, fault, complaint or return) is a customer's: a
-- company, a contact, or both. It is owned and seen like an order (the
-- rule of src/core/access.c through src/core/entity_kind.c: its owner,
-- the people above them, visibility of its contact or company). Its
-- number comes from [service] ticket_number (T%Y-%04n, kind 'ticket' of
-- doc_numbers), UNIQUE over every ticket, so never used twice. Tickets
-- are closed, never deleted or trashed (deleted_at stays NULL).
--
-- state: new -> in_progress -> waiting (for the customer) -> resolved ->
-- closed; reopen from resolved or closed (src/core/ticket.c has the
-- rules). Times are local timestamps "YYYY-MM-DD HH:MM:SS". The response
-- and resolution deadlines come from the priority ([service] hours);
-- waiting for the customer stops the clock: while waiting, waiting_since
-- holds the start, and when the wait ends its length is added to
-- waited_seconds and to resolve_due (and to response_due while there was
-- no response yet). score (1-5) and score_comment: the customer's
-- satisfaction after resolution (a call back); reopening clears them
-- (the history keeps them).
CREATE TABLE tickets (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    number            TEXT NOT NULL UNIQUE CHECK (number <> ''),
    company_id        INTEGER REFERENCES companies(id),
    contact_id        INTEGER REFERENCES contacts(id),
    type              TEXT NOT NULL DEFAULT 'question' CHECK (type IN
                          ('question', 'fault', 'complaint', 'return')),
    priority          TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN
                          ('low', 'normal', 'high', 'urgent')),
    product_id        INTEGER REFERENCES products(id),
    subject           TEXT NOT NULL CHECK (subject <> ''),
    state             TEXT NOT NULL DEFAULT 'new' CHECK (state IN
                          ('new', 'in_progress', 'waiting', 'resolved',
                           'closed')),
    resolution        TEXT,
    response_due      TEXT NOT NULL,
    resolve_due       TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at       TEXT,
    closed_at         TEXT,
    waiting_since     TEXT,
    waited_seconds    INTEGER NOT NULL DEFAULT 0 CHECK (waited_seconds >= 0),
    score             INTEGER CHECK (score BETWEEN 1 AND 5),
    score_comment     TEXT,
    rated_at          TEXT,
    rated_by          TEXT,
    owner             TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    updated_by        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    deleted_at        TEXT,                -- always NULL: tickets are closed
    CHECK (company_id IS NOT NULL OR contact_id IS NOT NULL),
    CHECK ((state = 'waiting') = (waiting_since IS NOT NULL)),
    CHECK (score IS NULL OR state IN ('resolved', 'closed')),
    CHECK ((state IN ('resolved', 'closed')) = (resolved_at IS NOT NULL))
);
CREATE INDEX tickets_by_company ON tickets(company_id);
CREATE INDEX tickets_by_contact ON tickets(contact_id);
CREATE INDEX tickets_by_owner ON tickets(owner);
CREATE INDEX tickets_by_product ON tickets(product_id);
-- Open tickets by their next deadline (due, the reminder pane).
CREATE INDEX tickets_open ON tickets(state, resolve_due)
    WHERE state IN ('new', 'in_progress', 'waiting');

-- A ticket's history: its opening, every state change, note, new owner,
-- edit and rating, who and when. Never changed or removed.
CREATE TABLE ticket_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    at          TEXT NOT NULL,
    who         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('add', 'note', 'state',
                    'assign', 'edit', 'rate')),
    from_state  TEXT,
    to_state    TEXT,
    text        TEXT
);
CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id, id);
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events BEGIN
    SELECT RAISE(ABORT, 'ticket history is never changed');
END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events BEGIN
    SELECT RAISE(ABORT, 'ticket history is never removed');
END;

-- The customer's satisfaction with an interaction (a call back, a
-- visit): one score 1-5 and a comment per interaction, replaced when
-- given again (the audit trail keeps the old one).
CREATE TABLE interaction_scores (
    interaction_id INTEGER PRIMARY KEY REFERENCES interactions(id),
    score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment        TEXT,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL
);

-- ---- the audit trail ---------------------------------------------------------
CREATE TRIGGER tickets_audit_add AFTER INSERT ON tickets BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'ticket', NEW.id, coalesce(a.action, 'add'),
           NEW.number || ' ' || NEW.subject
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER tickets_audit_edit AFTER UPDATE ON tickets
WHEN OLD.version IS NOT NEW.version OR OLD.state IS NOT NEW.state
  OR OLD.owner IS NOT NEW.owner BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'ticket', NEW.id,
           coalesce(a.action, CASE WHEN OLD.state IS NOT NEW.state
                    THEN 'state' ELSE 'edit' END), NEW.number
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'state' AS field, OLD.state AS o, NEW.state AS n
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
        UNION ALL SELECT 'type', OLD.type, NEW.type
        UNION ALL SELECT 'priority', OLD.priority, NEW.priority
        UNION ALL SELECT 'subject', OLD.subject, NEW.subject
        UNION ALL SELECT 'product', OLD.product_id, NEW.product_id
        UNION ALL SELECT 'resolution', OLD.resolution, NEW.resolution
        UNION ALL SELECT 'score', OLD.score, NEW.score
        UNION ALL SELECT 'score_comment', OLD.score_comment, NEW.score_comment
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER interaction_scores_audit_add AFTER INSERT ON interaction_scores
BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'interaction', NEW.interaction_id, 'score', NEW.score
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER interaction_scores_audit_edit AFTER UPDATE ON interaction_scores
BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'interaction', NEW.interaction_id, 'score', NEW.score
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'score' AS field, OLD.score AS o, NEW.score AS n
        UNION ALL SELECT 'comment', OLD.comment, NEW.comment
    ) WHERE o IS NOT n;
END;
