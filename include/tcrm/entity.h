/*
 * entity.h: small pieces every entity module shares.
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

/* Audit columns every main row has (read-only). */
struct tcrm_stamp {
    char *created_at, *updated_at, *created_by, *updated_by;
};
void tcrm_stamp_clear(struct tcrm_stamp *s);

#endif
