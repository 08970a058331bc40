/*
 * contact.h: people, with several phones and e-mails, tags, and the
 * list/page queries the screen and the command line scroll through.
 *
 * Writing a contact (insert/update/merge) validates it (a name; every
 * e-mail and phone well-formed; birthday a date), stores normalized keys,
 * rewrites its channels and tags, refreshes its search index entry and
 * writes the audit trail, all in one transaction. The duplicate check is
 * NOT done here: callers ask dup.h first, so that they can show the
 * candidates and let the person decide.
 *
 * company: on write, company_id wins when set; else a non-empty `company`
 * name is looked up by name key and created when new (find_or_add). On
 * read both are filled.
 */
#ifndef TCRM_CONTACT_H
#define TCRM_CONTACT_H

#include "tcrm/db.h"
#include "tcrm/entity.h"
#include "tcrm/strbuf.h"

enum tcrm_channel_kind {
    TCRM_CH_MOBILE, TCRM_CH_WORK, TCRM_CH_HOME, TCRM_CH_FAX,
    TCRM_CH_EMAIL, TCRM_CH_WEB, TCRM_CH_IM, TCRM_CH_COUNT
};
/* "mobile", "work", "home", "fax", "email", "web", "im". */
const char *tcrm_channel_kind_name(enum tcrm_channel_kind k);
/* Parse one of those names (also "e-mail", "phone" = work); -1 if unknown. */
int tcrm_channel_kind_parse(const char *s);
/* 1 for mobile, work, home, fax. */
int tcrm_channel_is_phone(enum tcrm_channel_kind k);

struct tcrm_channel {
    enum tcrm_channel_kind kind;
    char *value;
};

struct tcrm_contact {
    int64_t id, version;
    char *name;
    int64_t company_id;
    char *company;
    char *title, *department, *address, *city, *birthday, *source, *notes;
    char *owner;
    struct tcrm_channel *channels;   /* in display order */
    size_t n_channels;
    struct tcrm_strlist tags;
    /* read-only */
    char *last_interaction_at, *next_followup_due;
    int64_t import_batch;
    struct tcrm_stamp stamp;
};

void tcrm_contact_init(struct tcrm_contact *c);
void tcrm_contact_clear(struct tcrm_contact *c);
/* Append a channel (copy of value). */
int tcrm_contact_add_channel(struct tcrm_contact *c, enum tcrm_channel_kind k,
                             const char *value);
/* First channel of a kind class: phone (mobile before work before home
 * before fax) or e-mail; NULL when none. */
const char *tcrm_contact_phone(const struct tcrm_contact *c);
const char *tcrm_contact_email(const struct tcrm_contact *c);

/* Validation alone, with a message naming the field:
 * "name: required", "e-mail 'bob@': not a valid address". */
int tcrm_contact_validate(const struct tcrm_contact *c, struct tcrm_error *err);

int tcrm_contact_insert(struct tcrm_db *db, struct tcrm_contact *c,
                        struct tcrm_error *err);
/* TCRM_ENOTFOUND "contact 42: not found" when missing or in the trash. */
int tcrm_contact_get(struct tcrm_db *db, int64_t id, struct tcrm_contact *out,
                     struct tcrm_error *err);
/* c->version must equal the stored version, else TCRM_ECONFLICT
 * "contact 42 was changed by ann at 2026-11-20 10:12:03 since you read it".
 * When c equals the stored row (edit.h) nothing is written and c->version
 * stays the stored version; else c->version goes up by one. */
int tcrm_contact_update(struct tcrm_db *db, struct tcrm_contact *c,
                        struct tcrm_error *err);
int tcrm_contact_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err);

/* Merge `incoming` into contact `into`: fill fields that are empty there
 * (never overwrite a non-empty one), add channels whose key is new and tags
 * that are new. When before is not NULL, the fields and channels as they
 * were are appended to it in a form tcrm_contact_unmerge reads back; the
 * version after the merge goes to *version_after (may be NULL). */
int tcrm_contact_merge(struct tcrm_db *db, int64_t into,
                       const struct tcrm_contact *incoming,
                       struct tcrm_strbuf *before, int64_t *version_after,
                       struct tcrm_error *err);
/* Put back what a merge changed; refuses with TCRM_ECONFLICT when the
 * contact's version is no longer expected_version (edited since). */
int tcrm_contact_unmerge(struct tcrm_db *db, int64_t id, const char *before,
                         int64_t expected_version, struct tcrm_error *err);

/* ---- lists ---------------------------------------------------------- */

enum tcrm_contact_sort {
    TCRM_SORT_NAME, TCRM_SORT_COMPANY, TCRM_SORT_TITLE, TCRM_SORT_LAST_CONTACT
};

struct tcrm_contact_filter {
    const char *search;          /* search.h semantics; NULL/"": no search */
    const char *tag;             /* only contacts with this tag */
    int64_t company_id;          /* only contacts of this company */
    enum tcrm_contact_sort sort; /* ignored while searching (ranked) */
};

struct tcrm_contact_row {
    int64_t id;
    char *name, *company, *title, *phone, *email;
    char *last_interaction_at, *next_followup_due;
    /* keyset cursor: pass the row back as `after` */
    int tier;
    char *cursor_key;
    char *owner;                 /* login, NULL for none (the pool) */
};

struct tcrm_contact_page {
    struct tcrm_contact_row *rows;
    size_t n;
    int more;                    /* more rows beyond this page, that way */
};

/* One page of contacts not in the trash. after = the last row of the page
 * before (NULL: from the start). backwards: the page that ends just before
 * `after` (NULL + backwards: the last page); rows are always returned in
 * list order. Keyset paging through indexes: the cost of a page does not
 * grow with the table. With a search, rows come ranked (search.h). */
int tcrm_contact_list(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                      const struct tcrm_contact_row *after, int backwards,
                      size_t limit, struct tcrm_contact_page *out,
                      struct tcrm_error *err);
/* How many rows the filter gives (may take tens of ms on a million rows:
 * call it when the filter or the data changes, not per key). */
int tcrm_contact_count(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                       int64_t *n, struct tcrm_error *err);
void tcrm_contact_page_free(struct tcrm_contact_page *p);
/* Contact id as the list of f shows it (its place for paging from it):
 * out->n is 1, or 0 when f does not list it (and always 0 for a search,
 * whose ranks are not kept per row). Free with tcrm_contact_page_free. */
int tcrm_contact_list_row(struct tcrm_db *db,
                          const struct tcrm_contact_filter *f, int64_t id,
                          struct tcrm_contact_page *out,
                          struct tcrm_error *err);

#endif
