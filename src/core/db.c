/*
 * db.c: opening a tcrm database, migrations, the statement cache and the
 * small helpers every core file shares (db_internal.h); transactions and
 * the audit actor are in db_tx.c.
 *
 * Opening is careful not to write a byte to a file that is not ours:
 *   1. the folder is created (0700) and a missing file is created empty
 *      (0600) with O_EXCL, unless the caller asked for read-only or for
 *      an existing file (tcrm_db_open_existing: every command but `tcrm init`);
 *   2. an existing non-empty file must start with the 16-byte SQLite
 *      header, read with plain read(2) before SQLite sees it;
 *   3. user_version and sqlite_master are read BEFORE any pragma that
 *      writes (journal_mode=WAL rewrites the header): user_version 0 with
 *      tables means another program's database, a version above the
 *      newest migration means a newer tcrm; both are refused.
 * Only then are WAL, synchronous=NORMAL and foreign keys turned on and the
 * missing migrations run, all in one BEGIN IMMEDIATE transaction (a
 * failure leaves the file at the schema it had), each re-reading
 * user_version first (two processes may open a new file at once).
 * Read-only (opt->readonly): nothing is created or migrated, and a WAL
 * file whose -shm cannot be made is read as immutable (open_readonly).
 *
 * Statements are cached per connection keyed by the SQL pointer (callers
 * pass string literals, so the pointer compare nearly always hits), with a
 * strcmp fallback for equal text at another address.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "tcrm/date.h"
#include "tcrm/import_batch.h"
#include "tcrm/migrations.h"
#include "tcrm/pool.h"
#include "tcrm/search.h"

static const char sqlite_magic[16] = "SQLite format 3";

/* ---- small helpers ---------------------------------------------------- */

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void tcrm_db_now(char out[20])
{
    tcrm_date_timestamp(tcrm_clock_now(), out);
}

/* Whether an I/O error of db (SQLite says SQLITE_FULL only for ENOSPC on
 * some writes) came from a full disk or a file-size limit. SQLite's
 * system errno is often gone by the time the error reaches us, so also:
 * a file-size limit that the database or its WAL has (nearly) reached. */
static int out_of_room(struct tcrm_db *db, int sys)
{
    if (sys == EFBIG || sys == ENOSPC)
        return 1;
    struct rlimit rl;
    if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", db->path);
    const char *files[] = {db->path, wal};
    for (int i = 0; i < 2; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 &&
            (uint64_t)st.st_size + 65536 >= (uint64_t)rl.rlim_cur)
            return 1;
    }
    return 0;
}

/* Every `what` that reaches tcrm_db_fail and every entity of "%s %lld:
 * not found", marked for translation in context "entity"
 * (tcrm_db_noun). Not used at run time. */
static const char *const nouns[] __attribute__((unused)) = {
    NC_("entity", "contact"), NC_("entity", "company"),
    NC_("entity", "deal"), NC_("entity", "interaction"),
    NC_("entity", "follow-up"), NC_("entity", "user"),
    NC_("entity", "contacts"), NC_("entity", "companies"),
    NC_("entity", "deals"), NC_("entity", "interactions"),
    NC_("entity", "follow-ups"), NC_("entity", "users"),
    NC_("entity", "tag"), NC_("entity", "tags"),
    NC_("entity", "channels"), NC_("entity", "audit"),
    NC_("entity", "import"), NC_("entity", "import undo"),
    NC_("entity", "import rollback"), NC_("entity", "import recovery"),
    NC_("entity", "import list"), NC_("entity", "search"),
    NC_("entity", "search index"), NC_("entity", "settings"),
    NC_("entity", "owner"), NC_("entity", "export"),
    NC_("entity", "duplicate check"), NC_("entity", "contact list"),
    NC_("entity", "contact export"), NC_("entity", "contact count"),
    NC_("entity", "company list"), NC_("entity", "company count"),
    NC_("entity", "trash"), NC_("entity", "share"),
    NC_("entity", "reminders"), NC_("entity", "gone quiet"),
    NC_("entity", "demo"), NC_("entity", "assign"),
    NC_("entity", "product"), NC_("entity", "products"),
    NC_("entity", "quote"), NC_("entity", "quotes"),
    NC_("entity", "order"), NC_("entity", "orders"),
    NC_("entity", "delivery"), NC_("entity", "deliveries"),
    NC_("entity", "invoice"), NC_("entity", "invoices"),
    NC_("entity", "payment"), NC_("entity", "payments"),
    NC_("entity", "rate"), NC_("entity", "rates"),
    NC_("entity", "terms"), NC_("entity", "balance"),
    NC_("entity", "receivables"),
    NC_("entity", "ticket"), NC_("entity", "tickets"),
    NC_("entity", "campaign"), NC_("entity", "campaigns"),
    NC_("entity", "campaign member"),
    NC_("entity", "attachment"), NC_("entity", "attachments"),
    NC_("entity", "comment"),
};

int tcrm_db_fail(struct tcrm_db *db, const char *what, struct tcrm_error *err)
{
    what = tcrm_db_noun(what);
    int rc = db && db->sql ? sqlite3_errcode(db->sql) : SQLITE_ERROR;
    const char *msg = db && db->sql ? sqlite3_errmsg(db->sql) : "no database";
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return tcrm_error_set(err, TCRM_EBUSY, "%s: database is busy "
                              "(another tcrm is writing); try again", what);
    case SQLITE_READONLY:
        return tcrm_error_set(err, TCRM_EREADONLY,
                              "%s: cannot write (read-only)", what);
    /* A full disk is the database file's, wherever in a change it was
     * found: "FILE: disk full: nothing was changed". */
    case SQLITE_FULL:
        return tcrm_error_set(err, TCRM_EIO, "%s: disk full: nothing was "
                              "changed", db->path);
    case SQLITE_IOERR: {
        int sys = sqlite3_system_errno(db->sql);
        if (out_of_room(db, sys))
            return tcrm_error_set(err, TCRM_EIO, "%s: disk full: nothing "
                                  "was changed", db->path);
        if (sys)
            return tcrm_error_set(err, TCRM_EIO, "%s: %s (%s)", what, msg,
                                  strerror(sys));
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", what, msg);
    }
    case SQLITE_NOMEM:
        return tcrm_error_set(err, TCRM_ENOMEM, "%s: out of memory", what);
    case SQLITE_NOTADB:
        return tcrm_error_set(err, TCRM_ENOTDB, "%s: not a tcrm database "
                              "(not an SQLite file)", what);
    case SQLITE_CORRUPT:        /* no more writes until check passes */
        if (db && db->path)
            tcrm_db_damage_note(db, msg);
        return tcrm_error_set(err, TCRM_EDB, "%s: %s", what, msg);
    case SQLITE_CONSTRAINT:
        /* A guard trigger of access.c: RAISE(ABORT, 'tcrm-denied: ...'). */
        if (strncmp(msg, "tcrm-denied: ", 13) == 0)
            return tcrm_error_set(err, TCRM_EPERM, "%s: %s", what, msg + 13);
        return tcrm_error_set(err, TCRM_EDB, "%s: %s", what, msg);
    default:
        return tcrm_error_set(err, TCRM_EDB, "%s: %s", what, msg);
    }
}

int tcrm_db_exec(struct tcrm_db *db, const char *sql, struct tcrm_error *err)
{
    if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
        return tcrm_db_fail(db, db->path, err);
    return 0;
}

int tcrm_db_step_done(struct tcrm_db *db, sqlite3_stmt *st, const char *what,
                      struct tcrm_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        tcrm_db_done(st);
        return 0;
    }
    rc = tcrm_db_fail(db, what, err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (!s || !*s)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

int tcrm_db_bind_key(sqlite3_stmt *st, int idx, const char *s)
{
    return sqlite3_bind_text(st, idx, s ? s : "", -1, SQLITE_TRANSIENT);
}

int tcrm_db_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
    if (id == 0)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_int64(st, idx, id);
}

char *tcrm_db_col_text(sqlite3_stmt *st, int idx)
{
    const unsigned char *t = sqlite3_column_text(st, idx);
    return t ? dup_str((const char *)t) : NULL;
}

/* ---- statement cache -------------------------------------------------- */

static sqlite3_stmt *cache_find(struct tcrm_db *db, const char *sql)
{
    for (size_t i = 0; i < db->n_cache; i++)
        if (db->cache[i].sql == sql)
            return db->cache[i].stmt;
    for (size_t i = 0; i < db->n_cache; i++)
        if (strcmp(db->cache[i].sql, sql) == 0)
            return db->cache[i].stmt;
    return NULL;
}

sqlite3_stmt *tcrm_db_prepare(struct tcrm_db *db, const char *sql,
                              struct tcrm_error *err)
{
    sqlite3_stmt *st = cache_find(db, sql);
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (db->n_cache == db->cap_cache) {
        size_t cap = db->cap_cache ? db->cap_cache * 2 : 32;
        void *p = realloc(db->cache, cap * sizeof *db->cache);
        if (!p) {
            tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            return NULL;
        }
        db->cache = p;
        db->cap_cache = cap;
    }
    if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK) {
        tcrm_db_fail(db, db->path, err);
        return NULL;
    }
    db->cache[db->n_cache].sql = sql;
    db->cache[db->n_cache].stmt = st;
    db->n_cache++;
    return st;
}

void tcrm_db_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

/* ---- accessors -------------------------------------------------------- */

const char *tcrm_db_path(const struct tcrm_db *db) { return db->path; }
const char *tcrm_db_user(const struct tcrm_db *db) { return db->user; }
const char *tcrm_db_login(const struct tcrm_db *db) { return db->login; }

int tcrm_db_schema_latest(void)
{
    return tcrm_migrations_count > 0
               ? tcrm_migrations[tcrm_migrations_count - 1].number : 0;
}

int tcrm_db_query_int(struct tcrm_db *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static void set_cache(struct tcrm_db *db, int v)    /* v < 0: in KiB */
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", v);
    sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

int tcrm_db_cache_raise(struct tcrm_db *db, int kb)
{
    int old = 0;
    tcrm_db_query_int(db, "PRAGMA cache_size", &old);
    if (old > -kb)
        set_cache(db, -kb);
    return old;
}

void tcrm_db_cache_restore(struct tcrm_db *db, int old, int kb)
{
    if (old > -kb)
        set_cache(db, old);
}

int tcrm_db_schema_version(struct tcrm_db *db)
{
    int v = -1;
    if (tcrm_db_query_int(db, "PRAGMA user_version", &v) != SQLITE_OK)
        return -1;
    return v;
}

/* ---- opening ---------------------------------------------------------- */

/* mkdir -p of the folder holding path, new folders 0700. */
static int make_parent(const char *path, struct tcrm_error *err)
{
    char *dir = dup_str(path);
    if (!dir)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; ; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                rc = tcrm_error_set(err, errno == EACCES || errno == EROFS
                                             ? TCRM_EREADONLY : TCRM_EIO,
                                    "%s: cannot create folder %s: %s", path,
                                    dir, strerror(errno));
                break;
            }
            *p = c;
            if (c == '\0')
                break;
        }
    }
    free(dir);
    return rc;
}

/* 1 when the file is missing, 0 when it is empty or SQLite, else error. */
static int check_file(const char *path, struct tcrm_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT)
            return 1;
        return tcrm_error_set(err, TCRM_EIO, "%s: cannot open: %s", path,
                              strerror(errno));
    }
    if (S_ISDIR(sb.st_mode))
        return tcrm_error_set(err, TCRM_ENOTDB, "%s: is a folder, not a "
                              "database file", path);
    if (!S_ISREG(sb.st_mode))
        return tcrm_error_set(err, TCRM_ENOTDB, "%s: not a tcrm database "
                              "(not a regular file)", path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tcrm_error_set(err, errno == EACCES ? TCRM_EREADONLY : TCRM_EIO,
                              "%s: cannot open: %s", path, strerror(errno));
    char head[16];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == 0)
        return 0;
    if (n != (ssize_t)sizeof head || memcmp(head, sqlite_magic, 16) != 0)
        return tcrm_error_set(err, TCRM_ENOTDB, "%s: not a tcrm database "
                              "(not an SQLite file)", path);
    return 0;
}

static int check_writable(const char *path, struct tcrm_error *err)
{
    char *dir = dup_str(path);
    if (!dir)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    const char *d = ".";
    if (slash) {
        slash[slash == dir ? 1 : 0] = '\0';
        d = dir;
    }
    /* The effective ids: a setgid tcrm writes with its group (os.h). */
    int ok = faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 &&
             faccessat(AT_FDCWD, d, W_OK, AT_EACCESS) == 0;
    free(dir);
    if (!ok)
        return tcrm_error_set(err, TCRM_EREADONLY, "%s: cannot write "
                              "(read-only)", path);
    return 0;
}

static int create_file(const char *path, struct tcrm_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        return tcrm_error_set(err, errno == EACCES || errno == EROFS
                                       ? TCRM_EREADONLY : TCRM_EIO,
                              "%s: cannot create: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    return 0;
}

/* Refuse other programs' databases and newer schemas; reads only. */
static int check_schema(struct tcrm_db *db, struct tcrm_error *err)
{
    int version = 0, tables = 0;
    if (tcrm_db_query_int(db, "PRAGMA user_version", &version) != SQLITE_OK ||
        tcrm_db_query_int(db, "SELECT count(*) FROM sqlite_master", &tables)
            != SQLITE_OK)
        return tcrm_db_fail(db, db->path, err);
    if (version == 0 && tables > 0)
        return tcrm_error_set(err, TCRM_ENOTDB, "%s: not a tcrm database "
                              "(it has tables tcrm did not make)", db->path);
    if (version > tcrm_db_schema_latest())
        return tcrm_error_set(err, TCRM_EVERSION, "%s: made by a newer tcrm "
                              "(schema %d, this tcrm knows %d); upgrade tcrm",
                              db->path, version, tcrm_db_schema_latest());
    return 0;
}

static int run_migration(struct tcrm_db *db, const struct tcrm_migration *m,
                         struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    int version = 0;
    if (tcrm_db_query_int(db, "PRAGMA user_version", &version) != SQLITE_OK) {
        rc = tcrm_db_fail(db, db->path, err);
    } else if (version < m->number) {
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
                 m->number);
        if (sqlite3_exec(db->sql, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
            rc = tcrm_db_fail(db, m->name, err);
            /* A full disk already names the file ("FILE: disk full: ..."). */
            if (!err || strncmp(err->msg, db->path, strlen(db->path)) != 0)
                tcrm_error_prefix(err, "%s: migration", db->path);
        } else {
            rc = tcrm_db_exec(db, pragma, err);
        }
    }
    return tcrm_db_end(db, rc, err);
}

static int migrate(struct tcrm_db *db, int readonly, struct tcrm_error *err)
{
    int version = tcrm_db_schema_version(db);
    if (version >= tcrm_db_schema_latest())
        return 0;
    if (readonly)
        return tcrm_error_set(err, TCRM_EREADONLY, "%s: cannot upgrade a "
                              "read-only database (schema %d, this tcrm needs "
                              "%d); open it once as someone who may write it",
                              db->path, version, tcrm_db_schema_latest());
    /* all of them or none: a full disk at the third leaves the file as
     * it was, not half upgraded */
    int rc = tcrm_db_begin(db, err);
    for (int i = 0; rc == 0 && i < tcrm_migrations_count; i++)
        if (tcrm_migrations[i].number > version)
            rc = run_migration(db, &tcrm_migrations[i], err);
    return tcrm_db_end(db, rc, err);
}

/* The busy handler: SQLite's own (sqlite3_busy_timeout) sleeps longer and
 * longer between tries, up to 100 ms, so a writer waiting for an import,
 * which commits and begins again at once, kept waking up inside the
 * import's next transaction and failed. This one raises its hand while it
 * waits (the import commits then: db_hand.c) and tries every
 * BUSY_POLL_MS until the timeout, so it finds the import's gap between
 * two transactions (src/io/import_run.c leaves one). */
#define BUSY_POLL_MS 2
#define BUSY_TELL_MS 20
#define BUSY_HAND_TRIES 10

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int busy_wait(void *ctx, int tries)
{
    struct tcrm_db *db = ctx;
    int64_t now = monotonic_ms();
    if (tries == 0) {
        db->busy_since = now;
        db->busy_told = -BUSY_TELL_MS;
    }
    /* An import commits when it sees a hand (db_hand.c); raised again
     * every BUSY_HAND_TRIES, since this process may sleep through the
     * import's gap after a commit on a busy machine. */
    if (tries % BUSY_HAND_TRIES == 0)
        tcrm_db_hand_raise(db);
    int64_t waited = now - db->busy_since;
    if (waited >= db->busy_timeout_ms)
        return 0;
    /* tcrm_db_on_wait: told about every BUSY_TELL_MS, may give up. */
    if (db->wait_fn && waited - db->busy_told >= BUSY_TELL_MS) {
        db->busy_told = waited;
        if (db->wait_fn(db->wait_ud, (int)waited))
            return 0;
    }
    struct timespec pause = { 0, BUSY_POLL_MS * 1000000L };
    nanosleep(&pause, NULL);
    return 1;
}

static void set_busy_timeout(struct tcrm_db *db, int timeout)
{
    db->busy_timeout_ms = timeout;
    sqlite3_busy_handler(db->sql, timeout > 0 ? busy_wait : NULL, db);
}

void tcrm_db_on_wait(struct tcrm_db *db, tcrm_db_wait_fn fn, void *ud)
{
    db->wait_fn = fn;
    db->wait_ud = ud;
}

void tcrm_db_on_progress(struct tcrm_db *db, int (*stop)(void *), void *ud)
{
    sqlite3_progress_handler(db->sql, stop ? 10000 : 0, stop, ud);
}

static int set_pragmas(struct tcrm_db *db, int readonly, int timeout,
                       struct tcrm_error *err)
{
    set_busy_timeout(db, timeout);
    int rc = tcrm_db_exec(db, "PRAGMA foreign_keys = ON", err);
    if (rc == 0 && !readonly)
        rc = tcrm_db_exec(db, "PRAGMA journal_mode = WAL", err);
    if (rc == 0)
        rc = tcrm_db_exec(db, "PRAGMA synchronous = NORMAL", err);
    return rc;
}

/* 1 when path-wal is missing or empty: every committed change is then in
 * the main file (a connection with the database open in WAL mode keeps
 * a -wal file until it closes). */
static int wal_empty(const char *path)
{
    char wal[4096];
    struct stat sb;
    if ((size_t)snprintf(wal, sizeof wal, "%s-wal", path) >= sizeof wal)
        return 0;
    if (stat(wal, &sb) != 0)
        return errno == ENOENT;
    return sb.st_size == 0;
}

static int prepare_file(const struct tcrm_db_options *opt, int must_exist,
                        struct tcrm_error *err)
{
    const char *path = opt->path;
    if (!opt->readonly && !must_exist) {
        int rc = make_parent(path, err);
        if (rc)
            return rc;
    }
    int missing = check_file(path, err);
    if (missing < 0)
        return missing;
    if (missing && (opt->readonly || must_exist))
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s: no such database",
                              path);
    if (opt->readonly)
        return 0;
    if (missing) {
        int rc = create_file(path, err);
        if (rc)
            return rc;
    } else {
        int rc = tcrm_db_damage_refuse(path, wal_empty(path), err);
        if (rc)
            return rc;
    }
    return check_writable(path, err);
}

/* TCRM_TRACE_SQL=1 in the environment: every statement, when it finishes,
 * is written to stderr with its run time, for finding a slow query. */
static int trace_profile(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    if (type == SQLITE_TRACE_PROFILE)
        fprintf(stderr, "tcrm: sql %8.2f ms  %.160s\n",
                (double)*(sqlite3_int64 *)x / 1e6, sqlite3_sql(p));
    return 0;
}

/* Open name with flags, then read the schema (the first read: this is
 * where a WAL database that cannot be read fails). */
static int connect_db(struct tcrm_db *db, const char *name, int flags,
                      int timeout, struct tcrm_error *err)
{
    if (sqlite3_open_v2(name, &db->sql, flags | SQLITE_OPEN_NOMUTEX, NULL)
            != SQLITE_OK)
        return tcrm_db_fail(db, db->path, err);
    sqlite3_extended_result_codes(db->sql, 1);
    set_busy_timeout(db, timeout);
    const char *trace = getenv("TCRM_TRACE_SQL");
    if (trace && *trace && strcmp(trace, "0"))
        sqlite3_trace_v2(db->sql, SQLITE_TRACE_PROFILE, trace_profile, NULL);
    return check_schema(db, err);
}

char *tcrm_db_immutable_uri(const char *path)
{
    char *uri = malloc(3 * strlen(path) + sizeof "file://?immutable=1");
    if (!uri)
        return NULL;
    char *o = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            o += sprintf(o, "%%%02X", (unsigned)(unsigned char)*p);
        else
            *o++ = *p;
    }
    strcpy(o, "?immutable=1");
    return uri;
}

/*
 * Read-only. A tcrm database is in WAL mode, and since SQLite 3.22 a
 * reader that may not write can read a WAL database when (sqlite.org
 * wal.html, "Read-Only Databases"):
 *   a. it may write the folder, so SQLite can create -wal and -shm; or
 *   b. the -wal and -shm files both exist and it may read them (a
 *      writer has the database open, or left them there). SQLite opens
 *      the -shm read-only and takes the usual locks;
 *   c. or the connection says immutable=1.
 * So first a plain SQLITE_OPEN_READONLY connection (a and b, and a file
 * that is not in WAL mode): it takes the usual locks and sees a
 * consistent snapshot while someone who may write keeps writing.
 * Only when its first read fails for want of the -shm (SQLITE_READONLY
 * or SQLITE_CANTOPEN), and the -wal is missing or empty, is the file
 * reopened with immutable=1 (a read-only mount, a read-only folder no
 * one has open): no locks, no -wal, no -shm. The caveat: immutable
 * tells SQLite the file cannot change. Should someone who may write
 * open it meanwhile, this connection does not see their changes and
 * may read half-written pages; it is right for a file nobody writes.
 * A -wal with changes and no -shm (a writer crashed) is refused:
 * immutable=1 would ignore the -wal and show old data.
 */
static int open_readonly(struct tcrm_db *db, int timeout,
                         struct tcrm_error *err)
{
    int rc = connect_db(db, db->path, SQLITE_OPEN_READONLY, timeout, err);
    if (rc == 0 || !(rc == TCRM_EREADONLY ||
                     (sqlite3_errcode(db->sql) & 0xff) == SQLITE_CANTOPEN))
        return rc;
    sqlite3_close(db->sql);
    db->sql = NULL;
    if (!wal_empty(db->path))
        return tcrm_error_set(err, TCRM_EREADONLY, "%s: cannot read "
                              "(read-only): recent changes are in its -wal "
                              "file and there is no -shm file; open it once "
                              "as someone who may write the folder",
                              db->path);
    char *uri = tcrm_db_immutable_uri(db->path);
    if (!uri)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    tcrm_error_clear(err);
    rc = connect_db(db, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, timeout,
                    err);
    free(uri);
    return rc;
}

static int open_connection(struct tcrm_db *db, const struct tcrm_db_options *opt,
                   struct tcrm_error *err)
{
    int rc = opt->readonly
                 ? open_readonly(db, opt->busy_timeout_ms, err)
                 : connect_db(db, db->path, SQLITE_OPEN_READWRITE,
                              opt->busy_timeout_ms, err);
    if (rc == 0)
        rc = set_pragmas(db, opt->readonly, opt->busy_timeout_ms, err);
    if (rc == 0)
        rc = migrate(db, opt->readonly, err);
    if (rc == 0)
        db->audit_ready = !opt->readonly && tcrm_db_schema_version(db) >= 6;
    if (rc == 0)
        rc = tcrm_name_order_open(db, opt->readonly, err);
    if (rc == 0 && !opt->readonly) {
        /* An import whose process died is taken back here (import_batch.h),
         * before the session's access rules exist: it is the file's
         * repair, not this user's change. A failure (another writer holds
         * the lock, a full disk) must not keep anyone out: the batch stays
         * 'running' and the next open tries again. */
        int64_t recovered;
        struct tcrm_error ignored;
        tcrm_import_recover(db, &recovered, &ignored);
        /* The pool rule's daily release (pool.h), the same kind of work:
         * for the file, once a day, and never a reason to refuse. */
        char today[11];
        tcrm_date_today(tcrm_clock_now(), today);
        tcrm_pool_release(db, today, &recovered, &ignored);
    }
    if (rc == 0 && !opt->readonly) /* a migration may ask for it */
        rc = tcrm_search_rebuild_pending(db, err);
    if (rc == 0)
        rc = tcrm_access_open(db, opt->readonly, err);
    return rc;
}

static int open_db(const struct tcrm_db_options *opt, int must_exist,
                   struct tcrm_db **out, struct tcrm_error *err)
{
    *out = NULL;
    if (!opt || !opt->path || !*opt->path)
        return tcrm_error_set(err, TCRM_EINVAL, "database: no file given");
    int rc = prepare_file(opt, must_exist, err);
    if (rc)
        return rc;
    struct tcrm_db *db = calloc(1, sizeof *db);
    if (!db)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    db->hand_fd = -1;
    db->path = dup_str(opt->path);
    db->user = dup_str(opt->user && *opt->user ? opt->user : "unknown");
    db->login = dup_str(opt->login && *opt->login ? opt->login : db->user);
    if (!db->path || !db->user || !db->login) {
        tcrm_db_close(db);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    /* SQLite makes FILE-wal and FILE-shm with the database file's mode,
     * but creates them under the umask and widens them a moment later:
     * another person's tcrm opening the file in that moment (two people
     * of a shared database starting at once) found a -shm it could not
     * write and was read-only. No umask while they are made. */
    mode_t mask = umask(0);
    rc = open_connection(db, opt, err);
    umask(mask);
    if (rc) {
        tcrm_db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

int tcrm_db_open(const struct tcrm_db_options *opt, struct tcrm_db **out,
                 struct tcrm_error *err)
{
    return open_db(opt, 0, out, err);
}

int tcrm_db_open_existing(const struct tcrm_db_options *opt,
                          struct tcrm_db **out, struct tcrm_error *err)
{
    return open_db(opt, 1, out, err);
}

void tcrm_db_close(struct tcrm_db *db)
{
    if (!db)
        return;
    tcrm_db_hand_stop(db);
    for (size_t i = 0; i < db->n_cache; i++)
        sqlite3_finalize(db->cache[i].stmt);
    free(db->cache);
    if (db->sql) {
        if (!sqlite3_get_autocommit(db->sql))
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db->sql);
    }
    free(db->path);
    free(db->user);
    free(db->login);
    free(db);
}
