/*
 * test_access_bulk.c: the rule's bulk form (access.c: bulk_<table> read
 * after tcrm_access_bulk) gives exactly the rows of the plain one
 * (live_<table>), for every role, with "mine" on, and after shares and
 * moves made by this connection or another; and `report service`'s rows
 * (tcrm_ticket_stats, tcrm_ticket_complaints and
 * tcrm_ticket_complaints_of, which counts from the stats' rows), which
 * read it, are those the plain rule gives.
 *
 * The office: ann admin, bob manager over cat (sales) and fay (manager)
 * over gus (sales); dan sales; eve clerk. Every owner (and the pool: NULL
 * and '') holds a contact and a company, live and in the trash; a ticket
 * for every pair of those (or one of them alone) and every owner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "../../../src/core/id_set.h"
#include "tcrm/access.h"
#include "tcrm/ticket.h"

static char path[128];

static const char *const logins[] = { "ann", "bob", "cat", "dan", "eve",
                                      "fay", "gus" };
#define N_LOGINS (sizeof logins / sizeof logins[0])

static struct tcrm_db *open_as(const char *login)
{
    struct tcrm_db_options o = { path, login, 1000, 0, login };
    struct tcrm_error err;
    struct tcrm_db *d = NULL;
    assert_int_equal(tcrm_db_open(&o, &d, &err), 0);
    return d;
}

static void as(const char *login)
{
    tcrm_db_close(db);
    db = open_as(login);
}

/* The owners of the rows: every login, NULL and ''. */
#define OWNERS                                                              \
    "WITH o(owner) AS (SELECT login FROM users UNION ALL SELECT NULL"       \
    " UNION ALL SELECT '')"

/* Run SQL that must succeed on the fixture's handle. */
static void run(const char *q)
{
    char *msg = NULL;
    if (sqlite3_exec(db->sql, q, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", q, msg ? msg : "?");
}

static void office(void)
{
    snprintf(path, sizeof path, "%s/t.db", dir);
    run("INSERT INTO users(login, name, role, manager, created_at,"
        " updated_at) VALUES"
        " ('bob', 'Bob', 'manager', NULL, '2026-01-01', '2026-01-01'),"
        " ('cat', 'Cat', 'sales', 'bob', '2026-01-01', '2026-01-01'),"
        " ('fay', 'Fay', 'manager', 'bob', '2026-01-01', '2026-01-01'),"
        " ('gus', 'Gus', 'sales', 'fay', '2026-01-01', '2026-01-01'),"
        " ('dan', 'Dan', 'sales', NULL, '2026-01-01', '2026-01-01'),"
        " ('eve', 'Eve', 'clerk', NULL, '2026-01-01', '2026-01-01')");
    run(OWNERS ", d(del) AS (SELECT NULL UNION ALL SELECT '2026-02-01')"
        " INSERT INTO contacts(name, name_key, sort_key, owner, deleted_at,"
        " created_at, updated_at, created_by, updated_by)"
        " SELECT 'c', 'c', 'c', owner, del, '2026-01-01', '2026-01-01',"
        " 'ann', 'ann' FROM o, d");
    run(OWNERS ", d(del) AS (SELECT NULL UNION ALL SELECT '2026-02-01')"
        " INSERT INTO companies(name, name_key, sort_key, owner, deleted_at,"
        " created_at, updated_at, created_by, updated_by)"
        " SELECT 'co', 'co', 'co', owner, del, '2026-01-01', '2026-01-01',"
        " 'ann', 'ann' FROM o, d");
    /* Every contact (or none) with every company (or none), each owner;
     * complaints and questions, open and closed, in and out of 2026. */
    run(OWNERS ", ct(id) AS (SELECT id FROM contacts UNION ALL SELECT NULL),"
        " co(id) AS (SELECT id FROM companies UNION ALL SELECT NULL)"
        " INSERT INTO tickets(number, company_id, contact_id, type, subject,"
        " state, resolved_at, response_due, resolve_due, owner, created_at,"
        " updated_at, created_by, updated_by)"
        " SELECT 'T' || row_number() OVER (), co.id, ct.id,"
        " CASE WHEN (co.id + ct.id) % 2 THEN 'complaint' ELSE 'question'"
        " END, 's', CASE WHEN coalesce(ct.id, 0) % 3 THEN 'new' ELSE"
        " 'closed' END, CASE WHEN coalesce(ct.id, 0) % 3 THEN NULL ELSE"
        " '2026-03-01' END, '2026-01-02', '2026-01-03', o.owner,"
        " CASE WHEN coalesce(co.id, 0) % 4 THEN '2026-02-01 10:00:00'"
        " ELSE '2025-06-01 10:00:00' END, '2026-01-01', 'ann', 'ann'"
        " FROM o, ct, co"
        " WHERE ct.id IS NOT NULL OR co.id IS NOT NULL");
    run("INSERT INTO shares(entity, entity_id, login, read_only, created_at,"
        " created_by) VALUES"
        " ('contact', 4, 'cat', 1, '2026-01-01', 'ann'),"
        " ('contact', 13, 'cat', 0, '2026-01-01', 'ann'),"
        " ('company', 6, 'cat', 1, '2026-01-01', 'ann'),"
        " ('company', 9, 'dan', 1, '2026-01-01', 'ann'),"
        " ('contact', 9, 'gus', 1, '2026-01-01', 'ann'),"
        " ('company', 2, 'bob', 1, '2026-01-01', 'ann'),"
        " ('contact', 7, 'eve', 1, '2026-01-01', 'ann')");
    struct tcrm_error err;
    assert_int_equal(tcrm_access_set_mode(db, 1, &err), 0);
}

/* The ids a query gives on d, as one string. */
static char *ids(struct tcrm_db *d, const char *from)
{
    char q[1024];
    snprintf(q, sizeof q, "SELECT count(*) || ':' || coalesce(group_concat("
             "id, ','), '') FROM (SELECT id FROM %s ORDER BY id)", from);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(d->sql, q, -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *r = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return r;
}

/* bulk_tickets on d gives live_tickets' rows. */
static void same_rows(struct tcrm_db *d, const char *login)
{
    struct tcrm_error err;
    assert_int_equal(tcrm_access_bulk(d, "tickets", &err), 0);
    char *plain = ids(d, "live_tickets"), *bulk = ids(d, "bulk_tickets");
    if (strcmp(plain, bulk)) {
        char *more = ids(d, "(SELECT id FROM live_tickets EXCEPT SELECT id"
                         " FROM bulk_tickets)");
        char *less = ids(d, "(SELECT id FROM bulk_tickets EXCEPT SELECT id"
                         " FROM live_tickets)");
        fail_msg("%s: only the plain rule %s; only the bulk one %s", login,
                 more, less);
    }
    free(plain);
    free(bulk);
}

FIXTURE_AT("2026-06-01 10:00:00", "ann")

static void test_same_rows_each_role(void **state)
{
    (void)state;
    office();
    char *all = ids(db, "main.tickets");
    for (size_t i = 0; i < N_LOGINS; i++) {
        as(logins[i]);
        same_rows(db, logins[i]);
        char *seen = ids(db, "live_tickets");
        /* The fixture means something: some rows in, some out. */
        if (i > 0 && (!strcmp(seen, all) || !strncmp(seen, "0:", 2)))
            fail_msg("%s sees %s", logins[i], seen);
        free(seen);
        struct tcrm_error err;
        assert_int_equal(tcrm_access_set_mine(db, 1, &err), 0);
        same_rows(db, logins[i]);
        assert_int_equal(tcrm_access_set_mine(db, 0, &err), 0);
    }
    free(all);
}

/* A share and a move made by this connection, then by another one while
 * this one stays open: the sets are read again. */
static void test_sets_follow_changes(void **state)
{
    (void)state;
    office();
    as("cat");
    same_rows(db, "cat");
    run("INSERT INTO shares(entity, entity_id, login, read_only,"
        " created_at, created_by) VALUES ('company', 10, 'cat', 1,"
        " '2026-01-01', 'ann')");
    same_rows(db, "cat, after its own change");
    struct tcrm_db *other = open_as("ann");
    assert_int_equal(sqlite3_exec(other->sql, "UPDATE contacts SET owner ="
                                  " 'cat' WHERE id = 6; DELETE FROM shares"
                                  " WHERE login = 'cat' AND entity ="
                                  " 'contact'", NULL, NULL, NULL),
                     SQLITE_OK);
    tcrm_db_close(other);
    same_rows(db, "cat, after another connection's");
}

/* Complaints counted from the stats' rows: those read apart, in the same
 * order, with the same names and total, cut at limit. */
static void same_complaints(const struct tcrm_ticket_stat *t, size_t nt,
                            size_t limit)
{
    struct tcrm_ticket_complaint *a = NULL, *b = NULL;
    struct tcrm_error err;
    size_t na = 0, nb = 0;
    assert_int_equal(tcrm_ticket_complaints(db, "2026-01-01", "2026-12-31",
                                            NULL, limit, &a, &na, &err), 0);
    assert_int_equal(tcrm_ticket_complaints_of(db, t, nt, limit, &b, &nb,
                                               &err), 0);
    assert_int_equal(na, nb);
    assert_true(na <= limit);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].company_id, b[i].company_id);
        assert_int_equal(a[i].contact_id, b[i].contact_id);
        assert_int_equal(a[i].count, b[i].count);
        assert_int_equal(a[i].open, b[i].open);
        assert_int_equal(a[i].total, b[i].total);
        assert_string_equal(a[i].customer ? a[i].customer : "-",
                            b[i].customer ? b[i].customer : "-");
    }
    tcrm_ticket_complaints_free(a, na);
    tcrm_ticket_complaints_free(b, nb);
}

/* The report's rows for each role (a manager first of all): those of
 * the plain rule. */
static void test_report_rows_manager(void **state)
{
    (void)state;
    office();
    for (size_t i = 0; i < N_LOGINS; i++) {
        as(logins[i]);
        struct tcrm_ticket_stat *t = NULL;
        struct tcrm_error err;
        size_t n = 0;
        assert_int_equal(tcrm_ticket_stats(db, "2026-01-01", "2026-12-31",
                                           NULL, &t, &n, &err), 0);
        char *want = ids(db, "live_tickets WHERE substr(created_at, 1, 10)"
                         " >= '2026-01-01' OR state IN ('new',"
                         " 'in_progress', 'waiting')");
        static char got[65536];
        int len = snprintf(got, sizeof got, "%zu:", n);
        for (size_t j = 0; j < n; j++)
            len += snprintf(got + len, sizeof got - (size_t)len, "%s%lld",
                            j ? "," : "", (long long)t[j].id);
        assert_string_equal(got, want);
        free(want);
        size_t nt = n;
        same_complaints(t, nt, 1000);
        same_complaints(t, nt, 3);
        tcrm_ticket_stats_free(t, nt);

        struct tcrm_ticket_complaint *c = NULL;
        assert_int_equal(tcrm_ticket_complaints(db, "2026-01-01",
                                                "2026-12-31", NULL, 1000,
                                                &c, &n, &err), 0);
        char *groups = text("SELECT count(*) || ':' || sum(n) FROM (SELECT"
                            " count(*) AS n FROM live_tickets WHERE type ="
                            " 'complaint' AND created_at >= '2026-01-01'"
                            " GROUP BY company_id, CASE WHEN company_id IS"
                            " NULL THEN contact_id END)");
        int64_t sum = 0;
        for (size_t j = 0; j < n; j++)
            sum += c[j].count;
        snprintf(got, sizeof got, "%zu:%lld", n, (long long)sum);
        assert_string_equal(got, groups);
        free(groups);
        tcrm_ticket_complaints_free(c, n);
    }
}

/* The sets behind it (id_set.c): a bitmap up to the last id, a hash set
 * past TCRM_ID_SET_BITS_MAX, through growing. */
static void test_id_set(void **state)
{
    (void)state;
    struct tcrm_id_set s = { 0 };
    assert_int_equal(tcrm_id_set_clear(&s, 100), 0);
    assert_non_null(s.bits);
    for (int64_t id = 0; id <= 120; id += 3)
        assert_int_equal(tcrm_id_set_add(&s, id), 0);
    for (int64_t id = -5; id <= 130; id++)
        assert_int_equal(tcrm_id_set_has(&s, id), id > 0 && id <= 100 &&
                                                      id % 3 == 0);
    assert_int_equal(tcrm_id_set_clear(&s, TCRM_ID_SET_BITS_MAX + 1), 0);
    assert_null(s.bits);
    assert_false(tcrm_id_set_has(&s, 7));
    for (int64_t i = 0; i < 20000; i++)
        assert_int_equal(tcrm_id_set_add(&s, i * 7919 - 5000), 0);
    assert_int_equal(tcrm_id_set_add(&s, (int64_t)1 << 40), 0);
    for (int64_t i = 0; i < 20000; i++) {
        assert_true(tcrm_id_set_has(&s, i * 7919 - 5000));
        assert_false(tcrm_id_set_has(&s, i * 7919 - 4999));
    }
    assert_true(tcrm_id_set_has(&s, (int64_t)1 << 40));
    assert_int_equal(s.n, 20001);
    tcrm_id_set_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_rows_each_role, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sets_follow_changes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_rows_manager, setup,
                                        teardown),
        cmocka_unit_test(test_id_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
