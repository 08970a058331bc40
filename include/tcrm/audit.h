/*
 * audit.h: reading the audit trail.
 *
 * Every change of a company, contact, deal, interaction or follow-up is
 * recorded by triggers in the database (data/migrations/005_safe_edits.sql),
 * whoever made it: who (the acting user of the connection, tcrm_db_user),
 * when, the entity and its id, the action (add, edit, delete, restore,
 * remove, merge, undo; "import" and "undo" of entity "import" for a
 * batch) and, for an edit, each changed field with its old and new
 * value. Audit rows are never changed or deleted (the triggers refuse).
 *
 * tcrm_audit_each reads the trail newest first (by time, then id),
 * through an index for each way it is read: one record, one user, a
 * period; rows are passed one at a time, so a million rows cost no
 * memory.
 */
#ifndef TCRM_AUDIT_H
#define TCRM_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/db.h"

struct tcrm_audit_filter {
    const char *entity;      /* "contact", "company", ...; NULL: all */
    int64_t entity_id;       /* with entity: one record; 0: all of it */
    const char *user;        /* only this user's changes; NULL: all */
    const char *since;       /* at >= since ("YYYY-MM-DD[ HH:MM:SS]") */
    const char *until;       /* at <= until (a date: that whole day) */
};

struct tcrm_audit_field {
    const char *field, *old_value, *new_value;   /* NULL: empty */
};

struct tcrm_audit_row {
    int64_t id;
    const char *at, *who, *entity, *action, *details;
    int64_t entity_id;
    const struct tcrm_audit_field *fields;       /* edits: what changed */
    size_t n_fields;
};

/* Call fn for each row (valid only during the call), newest first, at
 * most limit rows (0: all). fn returns 0 to go on, else that value stops
 * the walk and is returned. */
typedef int (*tcrm_audit_fn)(const struct tcrm_audit_row *row, void *ud);
int tcrm_audit_each(struct tcrm_db *db, const struct tcrm_audit_filter *f,
                    size_t limit, tcrm_audit_fn fn, void *ud,
                    struct tcrm_error *err);

/* The entity names the trail uses: "company", "contact", "deal",
 * "interaction", "follow-up", "import"; also "followup" and "follow_up"
 * as aliases. NULL when name is none of them. */
const char *tcrm_audit_entity(const char *name);

#endif
