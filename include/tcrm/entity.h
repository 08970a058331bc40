/*
 * entity.h: what an entity is, and small pieces every entity module shares.
 *
 * One descriptor per entity (struct tcrm_entity_kind, the table in
 * src/core/entity_kind.c) says what a row of it is: its name (the word of
 * trash references "contact/42", of the audit trail, of taggings and
 * shares), its table, the column that names a row, and what it takes part
 * in: the trash, tags, the audit trail, ownership (the rule of access.h),
 * the public pool, shares, and which rows it belongs to (a deal to its
 * contact and company: it is seen and changed through them). The trash,
 * tags, audit, the access views and owner.c read this table; a new entity
 * is a new line in it (and its table in a migration), not new branches.
 *
 * Strings in entity structs are owned by the struct (malloc'd) and freed by
 * its _clear(); NULL and "" both mean "empty". tcrm_str_set replaces one.
 * IDs are int64_t; 0 means "none".
 * "Read-only" fields are filled by _get/_list and ignored on write.
 */
#ifndef TCRM_ENTITY_H
#define TCRM_ENTITY_H

#include <stddef.h>
#include <stdint.h>

/* Replace *field with a copy of value (NULL or "" frees and sets NULL).
 * Returns 0 or TCRM_ENOMEM. */
int tcrm_str_set(char **field, const char *value);
/* 1 when s is NULL or "". */
int tcrm_str_empty(const char *s);

/* A list of owned strings (tags). */
struct tcrm_strlist {
    char **items;
    size_t n;
};
int tcrm_strlist_add(struct tcrm_strlist *l, const char *s);
/* 1 when l holds s (case-insensitive for ASCII). */
int tcrm_strlist_has(const struct tcrm_strlist *l, const char *s);
void tcrm_strlist_clear(struct tcrm_strlist *l);

/* What an entity takes part in (struct tcrm_entity_kind.flags). */
enum {
    TCRM_ENTITY_TRASH = 1 << 0,   /* deleted_at: delete moves to the trash */
    TCRM_ENTITY_TAGS = 1 << 1,    /* rows carry tags (taggings) */
    TCRM_ENTITY_AUDIT = 1 << 2,   /* its changes are in the audit trail */
    TCRM_ENTITY_OWNED = 1 << 3,   /* owner column under the rule of access.h */
    TCRM_ENTITY_POOL = 1 << 4,    /* owned: no owner puts a row in the pool */
    TCRM_ENTITY_SHARES = 1 << 5,  /* may be shared, assigned (owner.h) */
    /* owned: also seen and changed through the contact, company, deal it
     * names (contact_id, company_id, deal_id) */
    TCRM_ENTITY_IN_CONTACT = 1 << 8,
    TCRM_ENTITY_IN_COMPANY = 1 << 9,
    TCRM_ENTITY_IN_DEAL = 1 << 10,
};

struct tcrm_entity_sql;           /* the core's statements for a kind */

struct tcrm_entity_kind {
    const char *name;       /* "contact", "follow-up": stored in the file */
    const char *alias;      /* another spelling accepted ("followup"), NULL */
    const char *table;      /* "contacts" */
    const char *label_col;  /* the column that names a row: "name", "title" */
    const char *label;      /* for people, marked N_(): translate when shown */
    unsigned flags;         /* TCRM_ENTITY_* */
    unsigned link;          /* rows IN_* this one (contact: IN_CONTACT), 0 */
    const char *link_col;   /* their column naming it ("contact_id"), NULL */
    const struct tcrm_entity_sql *sql;
};

/* The kind named name or alias (NULL when none). */
const struct tcrm_entity_kind *tcrm_entity_kind(const char *name);
/* All kinds, in a fixed order (a kind others belong to comes first). */
const struct tcrm_entity_kind *tcrm_entity_kinds(size_t *n);
/* "contact, company, deal, ...": the names of the kinds with every flag
 * of `flags` (static; for messages). */
const char *tcrm_entity_names(unsigned flags);

/* Move row id of the kind named `name` to the trash, in its own
 * transaction: TCRM_ENOTFOUND "deal 9: not found" when it is not there
 * (or already in the trash), TCRM_EINVAL for a kind without a trash. */
struct tcrm_db;
struct tcrm_error;
int tcrm_entity_delete(struct tcrm_db *db, const char *name, int64_t id,
                       struct tcrm_error *err);

/* Audit columns every main row has (read-only). */
struct tcrm_stamp {
    char *created_at, *updated_at, *created_by, *updated_by;
};
void tcrm_stamp_clear(struct tcrm_stamp *s);

#endif
