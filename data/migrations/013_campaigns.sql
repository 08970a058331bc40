-- tcrm schema 13: marketing campaigns (issue 14): a campaign, the
-- contacts it targets (its members) and how far each got, and the deals
-- and contacts it brought.
--
-- A campaign is owned (access.c: seen and changed by its owner, the people
-- above them, and admins) and goes to the trash like a deal. Its name is
-- unique among live campaigns, whatever the case. Money is integer minor
-- units of the campaign's currency ([sales] base_currency unless given):
-- budget_minor what was planned (NULL: none), cost_minor what it cost.
--
-- Members are frozen when added: adding a search or a tag copies the
-- contacts it gives at that moment, so a segment that changes later does
-- not rewrite who was targeted. A member's state only goes forward,
-- targeted -> contacted -> responded -> converted, with the time each was
-- reached (a later state fills the earlier ones it skipped). The counts
-- of members per state are kept on the campaign by the triggers below
-- (members_n ... converted_n: "reached at least that state"), so the
-- report reads one row per campaign, never the members.
--
-- Members are changed only together with a change of their campaign's
-- version (src/core/campaign.c), so the guards of access.c decide who
-- may; the audit trail gets one row per change of the members (written by
-- the core: 'members') and one per mark (the trigger below).
CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('email','event','call','ad',
                                                'other')),
    starts_on    TEXT,                     -- YYYY-MM-DD
    ends_on      TEXT,                     -- YYYY-MM-DD
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    budget_minor INTEGER CHECK (budget_minor >= 0),
    cost_minor   INTEGER NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
    members_n    INTEGER NOT NULL DEFAULT 0,
    contacted_n  INTEGER NOT NULL DEFAULT 0,
    responded_n  INTEGER NOT NULL DEFAULT 0,
    converted_n  INTEGER NOT NULL DEFAULT 0,
    owner        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT,
    CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX campaigns_name_live ON campaigns(name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
CREATE INDEX campaigns_by_owner ON campaigns(owner);

CREATE TABLE campaign_members (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    -- an import taken back deletes the contacts it added, and their
    -- memberships with them
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    state        TEXT NOT NULL DEFAULT 'targeted'
                 CHECK (state IN ('targeted','contacted','responded',
                                  'converted')),
    contacted_at TEXT,
    responded_at TEXT,
    converted_at TEXT,
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX campaign_members_by_contact ON campaign_members(contact_id);

-- The campaign that brought a deal or a contact.
ALTER TABLE deals ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id);
ALTER TABLE contacts ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id);
CREATE INDEX deals_by_campaign ON deals(campaign_id, status, currency,
    amount_minor) WHERE campaign_id IS NOT NULL;
CREATE INDEX contacts_by_campaign ON contacts(campaign_id)
    WHERE campaign_id IS NOT NULL;

-- ---- the counts per state ---------------------------------------------------
CREATE TRIGGER campaign_members_count_add AFTER INSERT ON campaign_members BEGIN
    UPDATE campaigns SET members_n = members_n + 1,
           contacted_n = contacted_n + (NEW.contacted_at IS NOT NULL),
           responded_n = responded_n + (NEW.responded_at IS NOT NULL),
           converted_n = converted_n + (NEW.converted_at IS NOT NULL)
     WHERE id = NEW.campaign_id;
END;
CREATE TRIGGER campaign_members_count_edit AFTER UPDATE ON campaign_members BEGIN
    UPDATE campaigns SET
           contacted_n = contacted_n + (NEW.contacted_at IS NOT NULL)
                                     - (OLD.contacted_at IS NOT NULL),
           responded_n = responded_n + (NEW.responded_at IS NOT NULL)
                                     - (OLD.responded_at IS NOT NULL),
           converted_n = converted_n + (NEW.converted_at IS NOT NULL)
                                     - (OLD.converted_at IS NOT NULL)
     WHERE id = NEW.campaign_id;
END;
CREATE TRIGGER campaign_members_count_remove AFTER DELETE ON campaign_members BEGIN
    UPDATE campaigns SET members_n = members_n - 1,
           contacted_n = contacted_n - (OLD.contacted_at IS NOT NULL),
           responded_n = responded_n - (OLD.responded_at IS NOT NULL),
           converted_n = converted_n - (OLD.converted_at IS NOT NULL)
     WHERE id = OLD.campaign_id;
END;

-- ---- the audit trail ---------------------------------------------------------
CREATE TRIGGER campaigns_audit_add AFTER INSERT ON campaigns BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.created_at), coalesce(a.who, 'outside tcrm'),
           'campaign', NEW.id, coalesce(a.action, 'add'),
           NEW.name || ' ' || NEW.kind
      FROM audit_actor a WHERE a.id = 1;
END;
CREATE TRIGGER campaigns_audit_trash AFTER UPDATE OF deleted_at ON campaigns
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'campaign', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END,
           NEW.name
      FROM audit_actor a WHERE a.id = 1;
END;
-- An edit of what the campaign is (a change of its members alone bumps
-- the version and is audited by the core or the mark trigger).
CREATE TRIGGER campaigns_audit_edit AFTER UPDATE ON campaigns
WHEN (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL)
 AND (OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind
  OR OLD.starts_on IS NOT NEW.starts_on OR OLD.ends_on IS NOT NEW.ends_on
  OR OLD.currency IS NOT NEW.currency
  OR OLD.budget_minor IS NOT NEW.budget_minor
  OR OLD.cost_minor IS NOT NEW.cost_minor OR OLD.owner IS NOT NEW.owner) BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, NEW.updated_at), coalesce(a.who, 'outside tcrm'),
           'campaign', NEW.id, coalesce(a.action, 'edit'), NEW.name
      FROM audit_actor a WHERE a.id = 1;
    INSERT INTO audit_fields(audit_id, field, old_value, new_value)
    SELECT (SELECT max(id) FROM audit_log), field, o, n FROM (
        SELECT 'name' AS field, OLD.name AS o, NEW.name AS n
        UNION ALL SELECT 'kind', OLD.kind, NEW.kind
        UNION ALL SELECT 'start', OLD.starts_on, NEW.starts_on
        UNION ALL SELECT 'end', OLD.ends_on, NEW.ends_on
        UNION ALL SELECT 'currency', OLD.currency, NEW.currency
        UNION ALL SELECT 'budget', OLD.budget_minor, NEW.budget_minor
        UNION ALL SELECT 'cost', OLD.cost_minor, NEW.cost_minor
        UNION ALL SELECT 'owner', OLD.owner, NEW.owner
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER campaign_members_audit_mark AFTER UPDATE OF state
ON campaign_members WHEN OLD.state IS NOT NEW.state BEGIN
    INSERT INTO audit_log(at, who, entity, entity_id, action, details)
    SELECT coalesce(a.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
           coalesce(a.who, 'outside tcrm'), 'campaign', NEW.campaign_id,
           'mark', 'contact ' || NEW.contact_id || ' ' || NEW.state
      FROM audit_actor a WHERE a.id = 1;
END;
