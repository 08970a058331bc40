/*
 * db_internal.h: what the core's files share about the open database.
 * Only src/core includes this; it is the one place sqlite3 is visible.
 *
 * Statements are prepared once and cached per connection by SQL text
 * (callers pass string literals): tcrm_db_prepare returns a ready, reset
 * statement; tcrm_db_done resets it for the next user. Never finalize a
 * cached statement.
 *
 * Entity functions follow one pattern:
 *     int rc = tcrm_db_begin(db, err);
 *     if (rc) return rc;
 *     rc = the_work(db, ..., err);
 *     return tcrm_db_end(db, rc, err);   // commit on 0, else roll back
 */
#ifndef TCRM_DB_INTERNAL_H
#define TCRM_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "tcrm/db.h"
#include "tcrm/i18n.h"

struct tcrm_stmt_cache {
    const char *sql;
    sqlite3_stmt *stmt;
};

struct tcrm_db {
    sqlite3 *sql;
    char *path;
    char *user;              /* display name: created_by, updated_by */
    char *login;             /* the acting Unix login (access.c) */
    int owned;               /* access mode 'owned' (else 'open') */
    int role;                /* enum tcrm_role of login; 0 when none */
    int mine;                /* live_* narrowed to the user's own rows */
    int tx_depth;            /* nesting of tcrm_db_begin */
    int tx_failed;           /* a nested level rolled back */
    int tx_temp_memory;      /* temp_store = MEMORY until the outermost end */
    uint64_t local_changes;  /* commits made through this connection */
    int busy_timeout_ms;     /* how long busy_wait (db.c) keeps trying */
    int64_t busy_since;      /* when the current wait began */
    int64_t busy_told;       /* ms waited when wait_fn was last told */
    tcrm_db_wait_fn wait_fn; /* tcrm_db_on_wait */
    void *wait_ud;
    int audit_ready;         /* the schema has audit_actor (schema 6) */
    int pinyin_order;        /* sort keys in pinyin order (name_order.c) */
    int credit_policy;       /* enum tcrm_credit_policy (receivable.h) */
    char base_currency[4];   /* [sales] base_currency, for credit limits */
    int actor_set;           /* this transaction set audit_actor */
    int64_t tx_serial;       /* counts the transactions that set it */
    int64_t changes_at_begin;/* sqlite3_total_changes once it was set */
    int64_t schema_at_begin; /* PRAGMA schema_version then */
    int hand_fd;             /* db_hand.c: listening, else -1 */
    int64_t hand_seen;       /* the hand file's size last looked at */
    struct tcrm_stmt_cache *cache;
    size_t n_cache, cap_cache;
    struct tcrm_bulk *bulk;  /* access.c's sets, owned by its SQL function */
};

/* followup.c: one quiet-contact row of a statement whose columns are id,
 * name, company, owner, last_interaction_at, and the day silence began
 * (gone-quiet, and pool.c's warning). 0 or TCRM_ENOMEM. */
struct tcrm_quiet_contact;
int tcrm_quiet_read(sqlite3_stmt *st, const char *today,
                    struct tcrm_quiet_contact *q);

/* name_order.c: the sort key of text in the database's name order (a new
 * string, NULL when out of memory); and, at open, the SQL function
 * tcrm_sort_key and the first re-key of an older file. */
char *tcrm_db_sort_key(struct tcrm_db *db, const char *text);
int tcrm_name_order_open(struct tcrm_db *db, int readonly,
                         struct tcrm_error *err);

/* demo_sales.c: the demo's orders, invoices and payments, for the
 * companies of demo.c (by their index there); inside its transaction. */
int tcrm_demo_sales(struct tcrm_db *db, const int64_t company_ids[],
                    time_t now, struct tcrm_error *err);
/* demo_service.c: the demo's campaigns (before the deals: *fair is the
 * spring fair's id, for the deal it brought), then its tickets, for
 * demo.c's companies and people (by their index there); inside its
 * transaction. */
int tcrm_demo_campaigns(struct tcrm_db *db, const int64_t people_ids[],
                        time_t now, int64_t *fair, struct tcrm_error *err);
int tcrm_demo_tickets(struct tcrm_db *db, const int64_t company_ids[],
                      const int64_t people_ids[], time_t now,
                      struct tcrm_error *err);

/* db_damage.c: TCRM_EREADONLY "FILE: damaged ..." when a note says damage
 * was found in the file at path, or (wal_empty: its -wal has nothing) the
 * file is shorter than its SQLite header says; else 0. Before a writable
 * open. */
int tcrm_db_damage_refuse(const char *path, int wal_empty,
                          struct tcrm_error *err);
/* Leave the note FILE-damaged saying what was found (best effort), and
 * remove it (tcrm check, when the file passes). */
void tcrm_db_damage_note(struct tcrm_db *db, const char *what);
void tcrm_db_damage_clear(struct tcrm_db *db);
/* db_damage.c: around making or writing a file beside the database, the
 * hooks of tcrm_db_file_hooks (on: begin, else end). */
void tcrm_db_file_hold(int on);
/* db_hand.c: a connection kept waiting for the write lock (busy_wait)
 * raises its hand to a listening writer (tcrm_db_hand_listen). */
void tcrm_db_hand_raise(struct tcrm_db *db);

/* Cached prepared statement for sql, reset and with bindings cleared;
 * NULL with err filled (TCRM_EDB) on failure. */
sqlite3_stmt *tcrm_db_prepare(struct tcrm_db *db, const char *sql,
                              struct tcrm_error *err);
/* Reset a cached statement after use (safe on NULL). */
void tcrm_db_done(sqlite3_stmt *st);

/* Turn the connection's last SQLite error into err, prefixed by what:
 * SQLITE_BUSY/LOCKED -> TCRM_EBUSY "database is busy (another tcrm is
 * writing); try again", SQLITE_READONLY -> TCRM_EREADONLY, SQLITE_FULL ->
 * TCRM_EIO "disk full", others TCRM_EDB with SQLite's message. Returns
 * the code. */
int tcrm_db_fail(struct tcrm_db *db, const char *what, struct tcrm_error *err);

/* The first column of the first row of sql (prepared once, not cached)
 * as an int: SQLITE_OK, or SQLite's code. */
int tcrm_db_query_int(struct tcrm_db *db, const char *sql, int *out);

/* A larger page cache for a while (a bulk add, a check's sums): PRAGMA
 * cache_size raised to at least kb KiB; returns the value before, to give
 * back with tcrm_db_cache_restore(db, old, kb), which puts it back only
 * when it was raised. */
int tcrm_db_cache_raise(struct tcrm_db *db, int kb);
void tcrm_db_cache_restore(struct tcrm_db *db, int old, int kb);

/* The word for a kind of row or a part of the database ("contact",
 * "follow-up", "search index": the `what` of tcrm_db_fail and the entity
 * of "contact 42: not found") in the user's language: gettext context
 * "entity"; a word the catalogue does not know (a file name) as it is.
 * The words are listed, marked, in db.c. */
#define tcrm_db_noun(what) tcrm_i18n_word("entity", (what))

/* Run SQL with no results (may hold several statements). */
int tcrm_db_exec(struct tcrm_db *db, const char *sql, struct tcrm_error *err);

/* Step a statement that returns no rows; SQLITE_DONE -> 0, else fail. */
int tcrm_db_step_done(struct tcrm_db *db, sqlite3_stmt *st, const char *what,
                      struct tcrm_error *err);

/* Run sql binding ?1 now, ?2 the user, ?3 id (a row of `what`), as
 * tcrm_db_step_done; *changed: the rows it changed (entity.c). */
int tcrm_db_stamp_run(struct tcrm_db *db, const char *sql, const char *what,
                      int64_t id, int *changed, struct tcrm_error *err);

/* End a transaction begun with tcrm_db_begin: commit when rc == 0, else
 * roll back. Returns rc, or the commit's error. */
int tcrm_db_end(struct tcrm_db *db, int rc, struct tcrm_error *err);

/* After the migrations: the first admin and the owners of older rows
 * (once, on a writable open), the access mode and the acting user's role
 * (refused in owned mode when unknown or deactivated), then the
 * per-connection scope: temp.live_* / temp.seen_* views and, in owned
 * mode, the guard triggers (access.c). */
int tcrm_access_open(struct tcrm_db *db, int readonly, struct tcrm_error *err);
/* Make the temp scope objects again (missing ones only): a change of
 * PRAGMA temp_store drops every temp object of the connection. */
int tcrm_access_scope(struct tcrm_db *db, struct tcrm_error *err);
/* Before reading a whole table through temp.bulk_<table> (the live rows
 * the session sees, for kinds tied to a contact, company or deal: the
 * same rows as live_<table>, decided for many rows at once; access.c):
 * read the visible ids of the parents it tests. Call it again before
 * each read: the sets are those of the moment. Nothing to do for a
 * session that sees all. */
int tcrm_access_bulk(struct tcrm_db *db, const char *table,
                     struct tcrm_error *err);
/* 1 when the session sees every row (open mode, or an admin): the live_*
 * views are then the bare tables, and a query that needs an INDEXED BY
 * may name the table itself. */
int tcrm_access_all(const struct tcrm_db *db);

/* Bind text; NULL or "" binds SQL NULL. bind_key binds "" as ''. */
int tcrm_db_bind_text(sqlite3_stmt *st, int idx, const char *s);
int tcrm_db_bind_key(sqlite3_stmt *st, int idx, const char *s);
/* Bind an id; 0 binds SQL NULL. */
int tcrm_db_bind_id(sqlite3_stmt *st, int idx, int64_t id);
/* Copy of a text column (NULL for SQL NULL); out-of-memory gives NULL. */
char *tcrm_db_col_text(sqlite3_stmt *st, int idx);

/* "file:" URI for path with immutable=1 ('%', '?', '#' escaped), for
 * reading a read-only WAL database without -shm (see db.c); free() it.
 * NULL when out of memory. */
char *tcrm_db_immutable_uri(const char *path);

/* "YYYY-MM-DD HH:MM:SS" now (tcrm_clock_now, local time). */
void tcrm_db_now(char out[20]);

/* Name the action the audit triggers give the changes that follow in
 * this transaction ("merge", "undo"; NULL: back to add/edit/delete).
 * The transaction must be open. */
int tcrm_db_audit_action(struct tcrm_db *db, const char *action,
                         struct tcrm_error *err);

/* One audit_log row written by tcrm itself, for what the triggers do not
 * see (an import batch: entity "import"); the rows of companies,
 * contacts, deals, interactions and follow-ups audit themselves. */
int tcrm_db_audit(struct tcrm_db *db, const char *entity, int64_t id,
                  const char *action, const char *details,
                  struct tcrm_error *err);

/* SQL condition (starting with " AND") that the follow-up, interaction
 * or other row aliased a is live through what it belongs to: its contact,
 * company and deal (those it names) are not in the trash. A follow-up of
 * a deleted contact leaves every list, count and report with it, and
 * comes back when the contact is restored. */
#define TCRM_PARENTS_LIVE(a)                                                \
    " AND (" a ".contact_id IS NULL OR EXISTS (SELECT 1 FROM contacts"      \
    " WHERE id = " a ".contact_id AND deleted_at IS NULL))"                 \
    " AND (" a ".company_id IS NULL OR EXISTS (SELECT 1 FROM companies"     \
    " WHERE id = " a ".company_id AND deleted_at IS NULL))"                 \
    " AND (" a ".deal_id IS NULL OR EXISTS (SELECT 1 FROM deals"            \
    " WHERE id = " a ".deal_id AND deleted_at IS NULL))"

/* The statements of a trashable kind (entity_kind.c): trash (?1 now, ?2
 * who, ?3 id), restore (the same), in_trash (?1 id: a row if trashed and
 * seen), live (?1 id: a row if there and not trashed). */
struct tcrm_entity_sql {
    const char *trash, *restore, *in_trash, *live;
};
struct tcrm_entity_kind;
/* The kind whose table is `table` (NULL when none). */
const struct tcrm_entity_kind *tcrm_entity_by_table(const char *table);

/* Move a row to the trash (set deleted_at, updated_*, version+1) in table
 * `table`, auditing as `entity`; TCRM_ENOTFOUND "ENTITY ID: not found"
 * when missing or already in the trash. */
int tcrm_db_trash_row(struct tcrm_db *db, const char *table,
                      const char *entity, int64_t id, struct tcrm_error *err);

/* 0 when `entity` ("company", "contact" or "deal") `id` exists and is not
 * in the trash (id 0 always passes); else TCRM_ENOTFOUND "contact 9: not
 * found". Used to check the links of a row before writing it. */
int tcrm_db_require_live(struct tcrm_db *db, const char *entity, int64_t id,
                         struct tcrm_error *err);

/* Step st to its end, reading each row into a new element of a growing
 * array of `size`-byte elements: read(st, elem) gets a zeroed element and
 * returns 0 or TCRM_ENOMEM. On success *out and *n hold the array (NULL, 0
 * when there are no rows); on failure free_array(array, rows read) is
 * called and err names `what`. Resets st either way. */
int tcrm_db_collect(struct tcrm_db *db, sqlite3_stmt *st, size_t size,
                    int (*read)(sqlite3_stmt *st, void *elem),
                    void (*free_array)(void *a, size_t n), const char *what,
                    void **out, size_t *n, struct tcrm_error *err);

/* The one keyset page primitive every list uses: st already binds its
 * key and filter; ?limit_param gets limit + 1 here (the one row more
 * tells *more: rows remain beyond, that way; more may be NULL) and rows
 * are read as tcrm_db_collect's, the extra one cleared with clear. A
 * backwards statement reads away from the list order (DESC for an ASC
 * list); its rows are turned into list order. */
int tcrm_db_page(struct tcrm_db *db, sqlite3_stmt *st, int limit_param,
                 size_t limit, size_t size,
                 int (*read)(sqlite3_stmt *st, void *elem),
                 void (*free_array)(void *a, size_t n),
                 void (*clear)(void *elem), const char *what, int backwards,
                 void **out, size_t *n, int *more, struct tcrm_error *err);

/* Step st, a count(*) already bound, into *n (0 on failure, err naming
 * `what`); st NULL: err already says why. Resets st either way. */
int tcrm_db_count(struct tcrm_db *db, sqlite3_stmt *st, const char *what,
                  int64_t *n, struct tcrm_error *err);

/* Read the one row of a literal statement binding ?1 the id into out
 * (read as tcrm_db_collect's; clear frees a half-read row). No row:
 * TCRM_ENOTFOUND with missing, an N_() format taking the id as %lld,
 * and field `what`. */
int tcrm_db_get_row(struct tcrm_db *db, const char *sql, int64_t id,
                    int (*read)(sqlite3_stmt *st, void *elem),
                    void (*clear)(void *elem), const char *what,
                    const char *missing, void *out, struct tcrm_error *err);

/* Replace the tags of (entity, id) with list (creating new tag names). */
struct tcrm_strlist;
int tcrm_db_set_tags(struct tcrm_db *db, const char *entity, int64_t id,
                     const struct tcrm_strlist *tags, struct tcrm_error *err);
/* Read the tags of (entity, id) in name order into list. */
int tcrm_db_get_tags(struct tcrm_db *db, const char *entity, int64_t id,
                     struct tcrm_strlist *tags, struct tcrm_error *err);

#endif
