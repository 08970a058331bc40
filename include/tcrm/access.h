/*
 * access.h: who the session is and what it may see and change.
 *
 * A database is in one of two access modes (settings.access_mode):
 *   open   everyone sees and edits everything (the default);
 *   owned  a user sees what they own, what is shared with them, the
 *          public pool (companies and contacts without owner) and, for
 *          a manager, what anyone under them owns; an admin sees all.
 *          A contact's deals, follow-ups and interactions follow the
 *          contact (and a company's its company). Changing a row needs
 *          ownership, an edit share or being above the owner; a clerk
 *          never deletes or moves; a salesperson gives away only their
 *          own; a manager moves rows only among the people under them.
 *
 * The rule lives in src/core/access.c and nowhere else: opening a
 * database builds, per connection, temp views live_<table> (visible and
 * not in the trash) and seen_<table> (visible, trash included) for
 * companies, contacts, deals, follow_ups and interactions, which every
 * read path in core selects from, and in owned mode temp triggers that
 * refuse a forbidden change with TCRM_EPERM and give a new row without
 * owner the acting user as owner. The acting user is the Unix login
 * passed in tcrm_db_options.login.
 */
#ifndef TCRM_ACCESS_H
#define TCRM_ACCESS_H

#include "tcrm/db.h"

enum tcrm_role {
    TCRM_ROLE_NONE = 0,   /* not in users (only possible in open mode) */
    TCRM_ROLE_ADMIN,
    TCRM_ROLE_MANAGER,
    TCRM_ROLE_SALES,
    TCRM_ROLE_CLERK,
};

/* "admin", "manager", "sales", "clerk" (NULL for NONE) and back (0 for
 * an unknown name). */
const char *tcrm_role_name(int role);
int tcrm_role_parse(const char *name);

/* 1 in owned mode, 0 in open mode. */
int tcrm_access_owned(const struct tcrm_db *db);
/* The acting user's role (TCRM_ROLE_NONE when not a user). */
int tcrm_access_role(const struct tcrm_db *db);

/* "Mine": narrow the live_* views (every list, search, count and the
 * reminder pane) to the rows the user owns, or (0) widen them back to all
 * the user may see. The trash, shares and the duplicate check keep the
 * whole scope. Per connection, for the screen's filter. */
int tcrm_access_set_mine(struct tcrm_db *db, int mine,
                         struct tcrm_error *err);
int tcrm_access_mine(const struct tcrm_db *db);

/* *n = the live contacts of company that the session sees (the
 * Companies view's count): from the counts kept per company and owner
 * (schema 18), never a walk of the company's contacts. */
int tcrm_access_company_contacts(struct tcrm_db *db, int64_t company,
                                 int64_t *n, struct tcrm_error *err);

/* Whether the acting user may give login's name as a new row's owner (an
 * import's --owner): login is an active user and, unless the user sees
 * all, themselves or someone under them. TCRM_EINVAL / TCRM_EPERM with
 * err->field "owner" otherwise. */
int tcrm_access_may_own(struct tcrm_db *db, const char *login,
                        struct tcrm_error *err);

/* Whether the acting user may approve what waits for a manager (an
 * order's discount, order.h): managers and admins, in either mode;
 * TCRM_EPERM "only a manager or an admin may approve; ann is sales". */
int tcrm_access_may_approve(const struct tcrm_db *db,
                            struct tcrm_error *err);

/* Switch the database to owned (1) or open (0) mode; admin only in
 * owned mode (TCRM_EPERM). Takes effect for connections opened after. */
int tcrm_access_set_mode(struct tcrm_db *db, int owned,
                         struct tcrm_error *err);

#endif
