/*
 * contact_export.h: every contact in one ordered pass, for exports.
 *
 * Where tcrm_contact_get costs a few queries per contact, this iterator
 * runs three queries for the whole walk (the contacts; their channels;
 * their tags; all three in the same contact order) and merges them by id.
 * The order is by id (the order the contacts were added in, which is
 * also storage order: the cheapest walk) or by name (that of
 * tcrm_contact_list with TCRM_SORT_NAME; it reads the table pages in a
 * random order and costs about twice the CPU). Contacts in the trash are
 * skipped.
 *
 * A contact can be read two ways:
 *   - tcrm_contact_export_view: borrowed strings with their lengths, valid
 *     until the next call or the close; no allocation per contact (what
 *     the CSV export uses);
 *   - tcrm_contact_export_next: a struct tcrm_contact of its own, equal to
 *     what tcrm_contact_get returns for that id (fields, company, channels
 *     in display order, tags in name order without case, stamp, version).
 * Both give the same contacts with the same values.
 *
 * filter: NULL for every contact; its tag and company_id narrow the walk
 * (same order); a non-empty search is refused with TCRM_EINVAL
 * "contact export: search is not supported" (ranked lists go through
 * tcrm_contact_list). Its sort is ignored (order says).
 *
 * The iterator reads through the connection it was opened on, inside one
 * read transaction (one snapshot); do not write through that connection
 * until it is closed.
 */
#ifndef TCRM_CONTACT_EXPORT_H
#define TCRM_CONTACT_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/contact.h"

struct tcrm_contact_export;

enum tcrm_contact_export_order { TCRM_EXPORT_BY_NAME, TCRM_EXPORT_BY_ID };

/* The text fields of a view, in this order. */
enum tcrm_cx_field {
    TCRM_CX_NAME, TCRM_CX_COMPANY, TCRM_CX_TITLE, TCRM_CX_DEPARTMENT,
    TCRM_CX_ADDRESS, TCRM_CX_CITY, TCRM_CX_BIRTHDAY, TCRM_CX_SOURCE,
    TCRM_CX_NOTES, TCRM_CX_OWNER, TCRM_CX_LAST_INTERACTION_AT,
    TCRM_CX_NEXT_FOLLOWUP_DUE, TCRM_CX_CREATED_AT, TCRM_CX_UPDATED_AT,
    TCRM_CX_CREATED_BY, TCRM_CX_UPDATED_BY, TCRM_CX_NFIELDS
};

/* A borrowed string: s is NULL for an empty (NULL) field; len its bytes. */
struct tcrm_cx_text {
    const char *s;
    size_t len;
};

struct tcrm_cx_channel {
    enum tcrm_channel_kind kind;
    struct tcrm_cx_text value;
};

/* One contact, every string borrowed from the iterator. */
struct tcrm_contact_view {
    int64_t id, company_id, import_batch, version;
    struct tcrm_cx_text field[TCRM_CX_NFIELDS];
    const struct tcrm_cx_channel *channels;      /* in display order */
    size_t n_channels;
    const struct tcrm_cx_text *tags;             /* by name without case */
    size_t n_tags;
};

int tcrm_contact_export_open(struct tcrm_db *db,
                             const struct tcrm_contact_filter *filter,
                             enum tcrm_contact_export_order order,
                             struct tcrm_contact_export **out,
                             struct tcrm_error *err);
/* The same walk over a set of contacts, given (and given again, as often
 * as wanted: the statements are reused) with tcrm_contact_export_ids:
 * those of ids that are not in the trash and that the access rule lets
 * the user see, in id order, once each. For reading a ranked list's
 * page of ids with three queries instead of three per contact. */
int tcrm_contact_export_open_ids(struct tcrm_db *db,
                                 struct tcrm_contact_export **out,
                                 struct tcrm_error *err);
/* 0 or a TCRM_E* code; then tcrm_contact_export_view/_next as above. */
int tcrm_contact_export_ids(struct tcrm_contact_export *it,
                            const int64_t *ids, size_t n,
                            struct tcrm_error *err);

/* Point *out at the next contact (valid until the next call or the close):
 * 1 when there was one, 0 at the end (*out NULL), or a negative TCRM_E*
 * code (*out NULL). */
int tcrm_contact_export_view(struct tcrm_contact_export *it,
                             const struct tcrm_contact_view **out,
                             struct tcrm_error *err);
/* Fill *out (initialized here; clear it with tcrm_contact_clear) with a
 * copy of the next contact: 1, 0 at the end (out left empty), or a
 * negative TCRM_E* code. */
int tcrm_contact_export_next(struct tcrm_contact_export *it,
                             struct tcrm_contact *out, struct tcrm_error *err);
/* Accepts NULL. */
void tcrm_contact_export_close(struct tcrm_contact_export *it);

/* For each channel kind, the most channels of that kind one contact (not
 * in the trash) has: the numbered columns an export needs. */
int tcrm_contact_export_channel_max(struct tcrm_db *db,
                                    size_t max[TCRM_CH_COUNT],
                                    struct tcrm_error *err);

#endif
