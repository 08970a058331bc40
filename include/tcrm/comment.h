/*
 * comment.h: managers' comments on the log (批复).
 *
 * A manager comments on any interaction of the people under them (the
 * reach of access.c: the manager, and whoever reports to them, at any
 * depth), an admin on any interaction they see; anyone else is refused.
 * The interaction's owner sees new comments (tcrm due, the reminder pane,
 * tcrm comments) until they mark them read. Comments are never edited or
 * removed; they go with their interaction (and its trash).
 */
#ifndef TCRM_COMMENT_H
#define TCRM_COMMENT_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/db.h"
#include "tcrm/error.h"

#define TCRM_COMMENT_MAX 4000   /* bytes of a comment's text */

struct tcrm_comment {
    int64_t id, interaction_id;
    char *author;            /* login of the manager or admin */
    char *body;
    char *created_at, *read_at;   /* read_at NULL: unread */
    char *summary;           /* the interaction's summary */
    char *at;                /* the interaction's time */
    char *customer;          /* its contact's or company's name */
};
void tcrm_comment_clear(struct tcrm_comment *c);
void tcrm_comment_array_free(struct tcrm_comment *c, size_t n);

/* Comment on interaction iid. TCRM_ENOTFOUND "interaction 9: not found"
 * (also when not seen); TCRM_EPERM "only a manager of ann or an admin
 * may comment on her log..." for anyone else; TCRM_EINVAL (field
 * "text") for an empty text or one over TCRM_COMMENT_MAX bytes. */
int tcrm_comment_add(struct tcrm_db *db, int64_t iid, const char *text,
                     int64_t *id, struct tcrm_error *err);

/* Comments on the acting user's own interactions, newest first: only the
 * unread ones when unread, at most limit (0: all); *total counts them all
 * (NULL: not counted). */
int tcrm_comment_mine(struct tcrm_db *db, int unread, size_t limit,
                      struct tcrm_comment **out, size_t *n, int64_t *total,
                      struct tcrm_error *err);

/* The comments on interaction iid (one the session sees; none when it
 * does not), oldest first; customer is NULL. */
int tcrm_comment_of(struct tcrm_db *db, int64_t iid, struct tcrm_comment **out,
                    size_t *n, struct tcrm_error *err);

/* Mark read the acting user's unread comments with an id up to upto (the
 * newest one shown, so that one arriving meanwhile stays unread); *n how
 * many. */
int tcrm_comment_mark_read(struct tcrm_db *db, int64_t upto, int64_t *n,
                           struct tcrm_error *err);

#endif
