-- tcrm schema 18: contacts per company and owner (issue 17, the
-- Companies view of someone who does not see everything), and a
-- salesperson's contact list by company and by title (issue 9).
--
-- companies.n_contacts (005_import_batches.sql) counts every live contact
-- of a company; it is what an admin's Companies view shows. Anyone else
-- sees the contacts the access rule lets them see, and the view counted
-- those for every company on the page, row by row: a company of 42,000
-- contacts cost a walk of 42,000 rows per key. This table keeps the live
-- contacts of each company per owner ('' for the pool: an owner of NULL
-- or ''), so that the count of a salesperson or a manager is a sum over
-- the owners they hold plus the pool (and the few contacts shared with
-- them), read by tcrm_access_company_contacts (src/core/access.c).
-- A row whose count falls to 0 is deleted. `tcrm check` compares the
-- table with a count of the contacts.
--
-- Every trigger adds or takes one with an upsert (a row may go below 0
-- for a moment), never "update the row if it is there": a contact added
-- without an owner in owned mode gets one from a temp trigger of
-- access.c, an UPDATE that may run before the insert trigger here (which
-- still sees NEW.owner empty), so the owner's +1, the pool's -1 and the
-- pool's +1 arrive in either order and must add up the same.
CREATE TABLE company_owner_contacts (
    company_id INTEGER NOT NULL,
    owner      TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (company_id, owner)
) WITHOUT ROWID;
INSERT INTO company_owner_contacts(company_id, owner, n)
    SELECT company_id, coalesce(owner, ''), count(*) FROM contacts
    WHERE company_id IS NOT NULL AND deleted_at IS NULL
    GROUP BY company_id, coalesce(owner, '');

CREATE TRIGGER company_owner_contacts_ins AFTER INSERT ON contacts
WHEN NEW.company_id IS NOT NULL AND NEW.deleted_at IS NULL BEGIN
    INSERT INTO company_owner_contacts(company_id, owner, n)
        VALUES (NEW.company_id, coalesce(NEW.owner, ''), 1)
        ON CONFLICT (company_id, owner) DO UPDATE SET n = n + 1;
    DELETE FROM company_owner_contacts
        WHERE company_id = NEW.company_id AND owner = coalesce(NEW.owner, '')
          AND n = 0;
END;
CREATE TRIGGER company_owner_contacts_del AFTER DELETE ON contacts
WHEN OLD.company_id IS NOT NULL AND OLD.deleted_at IS NULL BEGIN
    INSERT INTO company_owner_contacts(company_id, owner, n)
        VALUES (OLD.company_id, coalesce(OLD.owner, ''), -1)
        ON CONFLICT (company_id, owner) DO UPDATE SET n = n - 1;
    DELETE FROM company_owner_contacts
        WHERE company_id = OLD.company_id AND owner = coalesce(OLD.owner, '')
          AND n = 0;
END;
CREATE TRIGGER company_owner_contacts_upd
AFTER UPDATE OF company_id, deleted_at, owner ON contacts
WHEN OLD.company_id IS NOT NEW.company_id
  OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
  OR coalesce(OLD.owner, '') <> coalesce(NEW.owner, '') BEGIN
    INSERT INTO company_owner_contacts(company_id, owner, n)
        SELECT OLD.company_id, coalesce(OLD.owner, ''), -1
        WHERE OLD.company_id IS NOT NULL AND OLD.deleted_at IS NULL
        ON CONFLICT (company_id, owner) DO UPDATE SET n = n - 1;
    INSERT INTO company_owner_contacts(company_id, owner, n)
        SELECT NEW.company_id, coalesce(NEW.owner, ''), 1
        WHERE NEW.company_id IS NOT NULL AND NEW.deleted_at IS NULL
        ON CONFLICT (company_id, owner) DO UPDATE SET n = n + 1;
    DELETE FROM company_owner_contacts
        WHERE n = 0 AND ((company_id = OLD.company_id
                          AND owner = coalesce(OLD.owner, ''))
                      OR (company_id = NEW.company_id
                          AND owner = coalesce(NEW.owner, '')));
END;

-- A salesperson's contact list reads their own rows, the pool's and their
-- shares as index ranges in the list's order (contact_list.c,
-- search_see.c), as contacts_by_owner_sort (017) does for names: in
-- company and in title order too. Walking contacts_by_company_sort
-- instead read every contact of each large company that held none of
-- theirs (180 ms a key at 1M, bench/README.md).
CREATE INDEX contacts_by_owner_company_sort ON contacts(owner, company_sort, id);
CREATE INDEX contacts_by_owner_title_sort ON contacts(owner, title_sort, id);
