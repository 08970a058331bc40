/*
 * campaign_internal.h: what campaign.c, campaign_member.c and
 * campaign_figures.c share.
 */
#ifndef TCRM_CAMPAIGN_INTERNAL_H
#define TCRM_CAMPAIGN_INTERNAL_H

#include "db_internal.h"
#include "tcrm/campaign.h"

/* The columns tcrm_campaign_read_row reads, of live_campaigns m. */
#define CAMPAIGN_COLS                                                      \
    "SELECT m.id, m.version, m.cost_minor, m.members_n, m.contacted_n,"    \
    " m.responded_n, m.converted_n, m.budget_minor, m.kind, m.name,"       \
    " m.starts_on, m.ends_on, m.currency, m.owner, m.created_at,"          \
    " m.updated_at, m.created_by, m.updated_by FROM live_campaigns m "

int tcrm_campaign_read_row(sqlite3_stmt *st, void *elem);

/* Inside a transaction, after a change of campaign id's members: bump its
 * version, so that access.c's guards decide who may (the audit trigger
 * of an edit does not fire on the version alone). */
int tcrm_campaign_touch(struct tcrm_db *db, int64_t id,
                        struct tcrm_error *err);

#endif
