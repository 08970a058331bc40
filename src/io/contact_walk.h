/*
 * contact_walk.h: the contacts a search finds, in its ranked order, and
 * the companies of a list, one id at a time: the paging loops the CSV and
 * vCard exports share. Only src/io includes this.
 */
#ifndef TCRM_CONTACT_WALK_H
#define TCRM_CONTACT_WALK_H

#include "tcrm/contact.h"

typedef int (*tcrm_contact_id_fn)(void *ud, int64_t id,
                                  struct tcrm_error *err);

/* fn for every contact of f's list (tcrm_contact_list, a page at a time),
 * in list order; stops at the first non-zero return. */
int tcrm_contact_walk(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                      tcrm_contact_id_fn fn, void *ud, struct tcrm_error *err);

/* The same for the companies with tag (NULL: all), in list order. */
int tcrm_company_walk(struct tcrm_db *db, const char *tag,
                      tcrm_contact_id_fn fn, void *ud, struct tcrm_error *err);

#endif
