/*
 * interaction.h: the history: calls, e-mails, visits, meetings, messages
 * and notes, each about a contact and/or a company (and maybe a deal).
 * Adding or deleting one keeps contacts.last_interaction_at right (schema
 * triggers).
 */
#ifndef TCRM_INTERACTION_H
#define TCRM_INTERACTION_H

#include "tcrm/db.h"
#include "tcrm/entity.h"

enum tcrm_interaction_kind {
    TCRM_IA_CALL, TCRM_IA_EMAIL, TCRM_IA_VISIT, TCRM_IA_MEETING,
    TCRM_IA_MESSAGE, TCRM_IA_NOTE, TCRM_IA_COUNT
};
/* "call", "email", "visit", "meeting", "message", "note". */
const char *tcrm_interaction_kind_name(enum tcrm_interaction_kind k);
/* -1 when unknown ("e-mail" is accepted for email). */
int tcrm_interaction_kind_parse(const char *s);

struct tcrm_interaction {
    int64_t id, version;
    int64_t contact_id, company_id, deal_id;
    enum tcrm_interaction_kind kind;
    char *at;              /* "YYYY-MM-DD HH:MM"; NULL on insert = now */
    char *summary, *body;
    char *logged_by;       /* NULL on insert = the db user */
    /* read-only */
    char *contact_name, *company_name;
    struct tcrm_stamp stamp;
};

void tcrm_interaction_init(struct tcrm_interaction *ia);
void tcrm_interaction_clear(struct tcrm_interaction *ia);
/* A contact given without company gets the contact's company too.
 * Errors: "summary: required", "contact 9: not found". */
int tcrm_interaction_insert(struct tcrm_db *db, struct tcrm_interaction *ia,
                            struct tcrm_error *err);
int tcrm_interaction_delete(struct tcrm_db *db, int64_t id,
                            struct tcrm_error *err);

/* Newest first, at most limit; contact_id or company_id (the other 0). */
int tcrm_interaction_recent(struct tcrm_db *db, int64_t contact_id,
                            int64_t company_id, size_t limit,
                            struct tcrm_interaction **out, size_t *n,
                            struct tcrm_error *err);
void tcrm_interaction_array_free(struct tcrm_interaction *a, size_t n);

#endif
