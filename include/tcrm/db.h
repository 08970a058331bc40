/*
 * db.h: opening a tcrm database, transactions and change detection.
 *
 * One SQLite file holds everything. Opening it:
 *   - creates the file (mode 0600) and its folder (0700) when missing,
 *     unless opened with tcrm_db_open_existing (every tcrm command but
 *     init) or `readonly`: then a missing file or folder is
 *     TCRM_ENOTFOUND ("FILE: no such database") and nothing is created;
 *   - refuses, without writing a byte, a file that is not SQLite or is an
 *     SQLite file of some other program (TCRM_ENOTDB), and a database made
 *     by a newer tcrm (TCRM_EVERSION: "FILE: made by a newer tcrm (schema
 *     7, this tcrm knows 3); upgrade tcrm");
 *   - turns on foreign keys, WAL and a busy timeout, then runs the numbered
 *     migrations the file lacks, each in its own transaction.
 * With `readonly` nothing is created or migrated: reads work even in a
 * folder the user may not write (without a -shm beside the file it is
 * read as immutable, see db.c), every transaction fails with
 * TCRM_EREADONLY ("FILE: cannot write (read-only)"), and an older schema
 * is refused (TCRM_EREADONLY, "cannot upgrade a read-only database").
 * A database locked by another writer past the timeout gives TCRM_EBUSY
 * ("FILE: database is busy (another tcrm is writing); try again").
 *
 * Every change goes through a transaction: tcrm_db_begin/commit/rollback
 * nest (only the outermost commits; a rollback anywhere rolls back the
 * whole outermost transaction when it ends). Entity functions open their
 * own transaction, so a caller may wrap many of them in one.
 *
 * The struct is opaque; nothing outside src/core sees sqlite3.
 */
#ifndef TCRM_DB_H
#define TCRM_DB_H

#include <stdint.h>
#include <time.h>

#include "tcrm/error.h"

struct tcrm_db;

struct tcrm_db_options {
    const char *path;        /* database file */
    const char *user;        /* who: stored in created_by/updated_by, audit */
    int busy_timeout_ms;     /* how long to wait for another writer */
    int readonly;            /* open without writing (no create, no migrate) */
    const char *login;       /* the acting Unix login (tcrm_os_identity):
                                access rules, owners; NULL: same as user */
};

int tcrm_db_open(const struct tcrm_db_options *opt, struct tcrm_db **out,
                 struct tcrm_error *err);
/* For the process: called around making or removing a file beside a
 * database (the note that it is damaged, db_damage.c), so that a shared
 * install can hold the group's right to the folder there
 * (tcrm_os_group_raise/drop). Either may be NULL. */
void tcrm_db_file_hooks(void (*begin)(void), void (*end)(void));
/* tcrm_db_open of a database that must already exist: only `tcrm init`
 * creates one. */
int tcrm_db_open_existing(const struct tcrm_db_options *opt,
                          struct tcrm_db **out, struct tcrm_error *err);
void tcrm_db_close(struct tcrm_db *db);
/* A long writer's ear (db_hand.c): after tcrm_db_hand_listen returns 1,
 * tcrm_db_hand_raised returns 1 once for each time since it last asked
 * that another connection (any process) began to wait for the write
 * lock; commit then. 0 from listen: nobody can be heard, keep a short
 * clock. tcrm_db_hand_stop ends it (tcrm_db_close does too). */
int tcrm_db_hand_listen(struct tcrm_db *db);
int tcrm_db_hand_raised(struct tcrm_db *db);
void tcrm_db_hand_stop(struct tcrm_db *db);

const char *tcrm_db_path(const struct tcrm_db *db);
const char *tcrm_db_user(const struct tcrm_db *db);
const char *tcrm_db_login(const struct tcrm_db *db);
/* PRAGMA user_version, and the newest this binary knows. */
int tcrm_db_schema_version(struct tcrm_db *db);
int tcrm_db_schema_latest(void);

int tcrm_db_begin(struct tcrm_db *db, struct tcrm_error *err);
int tcrm_db_commit(struct tcrm_db *db, struct tcrm_error *err);
/* tcrm_db_begin for a transaction of many one-row writes (an import):
 * SQLite's statement journals stay in memory instead of a temporary file
 * until it ends. Outermost level only; inside a transaction it is
 * tcrm_db_begin. */
int tcrm_db_begin_many(struct tcrm_db *db, struct tcrm_error *err);
void tcrm_db_rollback(struct tcrm_db *db);

/* While a write waits for another writer's lock, fn(ud, ms) is called
 * about every 20 ms with the milliseconds waited so far (from 0), until
 * the lock comes free or the busy timeout passes (then TCRM_EBUSY).
 * fn returns 0 to go on waiting, non-zero to give up at once (the write
 * fails with TCRM_EBUSY). The screen says "Database is busy, retrying..."
 * and gives up on Esc. fn NULL: wait silently (the default). */
typedef int (*tcrm_db_wait_fn)(void *ud, int waited_ms);
void tcrm_db_on_wait(struct tcrm_db *db, tcrm_db_wait_fn fn, void *ud);

/* While a statement runs, stop(ud) is asked every few thousand SQLite
 * steps; when it returns non-zero the statement ends at once with an
 * error ("interrupted", TCRM_EDB). For reads that may give way: the
 * screen's counts in idle time stop when a key comes (a salesperson's
 * contact count is a 140 ms scan at 1M) and are made again later. stop
 * NULL: never (the default). */
void tcrm_db_on_progress(struct tcrm_db *db, int (*stop)(void *), void *ud);

/* A number that changes whenever anything in the database changed, by this
 * connection or any other process. Cheap (no table read): the screen polls
 * it to pick up other people's changes. */
uint64_t tcrm_db_change_stamp(struct tcrm_db *db);

/* The file's pages (PRAGMA quick_check; full: PRAGMA integrity_check,
 * which also compares every index with its table; damage found leaves
 * the note FILE-damaged that refuses writes, a clean file removes it),
 * then the summaries kept by triggers (activity, segments, what invoices
 * and payments applied, each customer's balance, contacts per company,
 * campaign members) against the rows they summarise, then the rules of
 * tickets and campaign members (db_check.c). Reads with a second,
 * read-only connection on a thread of its own beside db's. 0 when all
 * is well, else TCRM_EDB with the first problem. Reads every row: about
 * 20 s on a million contacts and five million interactions, minutes
 * with full. */
int tcrm_db_check(struct tcrm_db *db, int full, struct tcrm_error *err);

/* Fill an empty database with demo data (a few dozen contacts in Latin and
 * Chinese script, companies, interactions, follow-ups overdue/today/
 * upcoming, deals in every stage of `stages`, tags, orders, invoices and
 * payments, tickets, campaigns), dated relative to
 * now. Refuses (TCRM_EINVAL) when the database already has contacts. */
int tcrm_db_fill_demo(struct tcrm_db *db, time_t now,
                      const char *const *stages, int n_stages,
                      const char *currency, struct tcrm_error *err);

#endif
