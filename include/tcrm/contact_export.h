/*
 * contact_export.h: every contact in one ordered pass, for exports.
 *
 * Where tcrm_contact_get costs a few queries per contact, this iterator
 * runs three queries for the whole walk (the contacts with their company;
 * their channels; their tags; all three in the same contact order) and
 * merges them by id. The order is by name (that of tcrm_contact_list with
 * TCRM_SORT_NAME) or, faster, by id (storage order: about half the CPU).
 * Each contact it gives equals what tcrm_contact_get returns for that id
 * (fields, company, channels in display order, tags in name order,
 * stamp, version); contacts in the trash are skipped.
 *
 * filter: NULL for every contact; its tag and company_id narrow the walk
 * (same order); a non-empty search is refused with TCRM_EINVAL
 * "contact export: search is not supported" (ranked lists go through
 * tcrm_contact_list). Its sort is ignored (order says).
 *
 * The iterator reads through the connection it was opened on; do not
 * write through that connection until it is closed.
 */
#ifndef TCRM_CONTACT_EXPORT_H
#define TCRM_CONTACT_EXPORT_H

#include "tcrm/contact.h"

struct tcrm_contact_export;

enum tcrm_contact_export_order { TCRM_EXPORT_BY_NAME, TCRM_EXPORT_BY_ID };

int tcrm_contact_export_open(struct tcrm_db *db,
                             const struct tcrm_contact_filter *filter,
                             enum tcrm_contact_export_order order,
                             struct tcrm_contact_export **out,
                             struct tcrm_error *err);
/* Fill *out (initialized here; clear it with tcrm_contact_clear) with the
 * next contact: 1 when there was one, 0 at the end (out left empty), or a
 * negative TCRM_E* code. */
int tcrm_contact_export_next(struct tcrm_contact_export *it,
                             struct tcrm_contact *out, struct tcrm_error *err);
/* Accepts NULL. */
void tcrm_contact_export_close(struct tcrm_contact_export *it);

#endif
