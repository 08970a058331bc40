/*
 * company.h: companies (organisations a contact may belong to).
 *
 * A company's name is required. Two companies may not share a name key
 * (normalize.h: "Acme Ltd" and "ACME" are the same company): insert gives
 * TCRM_EDUP "company 'ACME' already exists (id 3)".
 * Deleting moves the company to the trash; its contacts keep pointing at it
 * and show it again when it is restored.
 */
#ifndef TCRM_COMPANY_H
#define TCRM_COMPANY_H

#include "tcrm/db.h"
#include "tcrm/entity.h"

struct tcrm_company {
    int64_t id, version;
    char *name, *industry, *phone, *email, *website, *address, *city;
    char *notes, *owner;
    struct tcrm_strlist tags;
    /* read-only */
    int64_t n_contacts;          /* contacts not in the trash */
    struct tcrm_stamp stamp;
};

void tcrm_company_init(struct tcrm_company *c);
void tcrm_company_clear(struct tcrm_company *c);

/* Validates (name; e-mail and phone well-formed), sets c->id, version 1. */
int tcrm_company_insert(struct tcrm_db *db, struct tcrm_company *c,
                        struct tcrm_error *err);
int tcrm_company_get(struct tcrm_db *db, int64_t id, struct tcrm_company *out,
                     struct tcrm_error *err);
/* c->version must match the stored one, else TCRM_ECONFLICT; replaces all
 * fields and tags; c->version becomes the new version. When c equals the
 * stored company nothing is written and c->version stays the stored one. */
int tcrm_company_update(struct tcrm_db *db, struct tcrm_company *c,
                        struct tcrm_error *err);
int tcrm_company_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err);

/* By name key; *id = 0 when there is none (not an error). */
int tcrm_company_find(struct tcrm_db *db, const char *name, int64_t *id,
                      struct tcrm_error *err);
/* Find by name key, else insert a company with just that name. */
int tcrm_company_find_or_add(struct tcrm_db *db, const char *name,
                             int64_t *id, struct tcrm_error *err);

struct tcrm_company_row {
    int64_t id;
    char *name, *industry, *city;
    int64_t n_contacts;
    char *sort_key;              /* keyset cursor */
};
struct tcrm_company_page {
    struct tcrm_company_row *rows;
    size_t n;
    int more;                    /* more rows beyond this page */
};
/* Companies ordered by name (folded). search: case/accent-insensitive
 * substring of the name (NULL: all); tag: only companies with it.
 * after: the last row of the previous page (NULL: from the start);
 * backwards: the page before `after` (NULL + backwards: the last page),
 * rows still in ascending order. */
int tcrm_company_list(struct tcrm_db *db, const char *search, const char *tag,
                      const struct tcrm_company_row *after, int backwards,
                      size_t limit, struct tcrm_company_page *out,
                      struct tcrm_error *err);
int tcrm_company_count(struct tcrm_db *db, const char *search, const char *tag,
                       int64_t *n, struct tcrm_error *err);
void tcrm_company_page_free(struct tcrm_company_page *p);

#endif
