/*
 * audit_internal.h: what the core's writers tell the audit trail that its
 * triggers cannot see (src/core/audit.c).
 *
 * A contact's phones, e-mails and tags live in their own tables; the
 * contacts trigger records the row's fields only. Around an update, the
 * writer reads them as text before (tcrm_audit_lists_read) and adds the
 * ones that changed to the edit's audit row after
 * (tcrm_audit_lists_changed): fields "phones and e-mails" and "tags".
 */
#ifndef TCRM_AUDIT_INTERNAL_H
#define TCRM_AUDIT_INTERNAL_H

#include "db_internal.h"

struct tcrm_audit_lists {
    char *channels;   /* "mobile +86 138 0000 0000, email a@x.example" */
    char *tags;       /* "lead, vip" */
};

int tcrm_audit_lists_read(struct tcrm_db *db, int64_t contact_id,
                          struct tcrm_audit_lists *out,
                          struct tcrm_error *err);
/* Compare with the lists as stored now and add the changed ones to the
 * newest audit row of the contact. */
int tcrm_audit_lists_changed(struct tcrm_db *db, int64_t contact_id,
                             const struct tcrm_audit_lists *before,
                             struct tcrm_error *err);
void tcrm_audit_lists_clear(struct tcrm_audit_lists *l);

#endif
