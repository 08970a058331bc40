/*
 * test_access.c: the access rule (access.c), people (user.c) and moves
 * (owner.c) through the core, with the acting login given to
 * tcrm_db_open as the command line gives it from the real uid. The same
 * rules as real Unix users are in tests/cli/people.sh.
 *
 * The office: ann admin (the first opener), bob manager, cat sales under
 * bob, dan sales, eve clerk; contacts C (cat's), D (dan's) and P (pool).
 * test_search_tokens: the visibility tokens of the search index
 * (search_see.c) give each person exactly the rows of the plain rule.
 * test_company_counts: the contacts per company each person sees, read
 * from the counts kept per company and owner (schema 18), are a count of
 * the contacts the rule lets them see, through every kind of change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "tcrm/access.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/owner.h"
#include "tcrm/pool.h"
#include "tcrm/search.h"
#include "tcrm/user.h"

static char path[128];

/* Close the fixture's handle and open the same file as login. */
static void as(const char *login)
{
    struct tcrm_db_options o = { path, login, 1000, 0, login };
    struct tcrm_error err;
    tcrm_db_close(db);
    db = NULL;
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
}

static int64_t count(void)
{
    struct tcrm_contact_filter f = { NULL, NULL, 0, TCRM_SORT_NAME };
    struct tcrm_error err;
    int64_t n = -1;
    assert_int_equal(tcrm_contact_count(db, &f, &n, &err), 0);
    return n;
}

static int64_t add(const char *name)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup(name);
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static void user(const char *login, int role, const char *manager)
{
    struct tcrm_user_change c = { NULL, role, manager, -1 };
    struct tcrm_error err;
    assert_int_equal(tcrm_user_add(db, login, &c, &err), 0);
}

static int setup(void **state)
{
    (void)state;
    if (fixture_open("ann") != 0)
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

/* ann made the file: admin, open mode, owners left empty. Then the
 * office, owned mode, and one contact each. */
static void office(void)
{
    struct tcrm_error err;
    char *role = text("SELECT role FROM users WHERE login = 'ann'");
    assert_string_equal(role, "admin");
    free(role);
    assert_int_equal(tcrm_access_owned(db), 0);
    add("P");
    user("bob", TCRM_ROLE_MANAGER, NULL);
    user("cat", TCRM_ROLE_SALES, "bob");
    user("dan", TCRM_ROLE_SALES, NULL);
    user("eve", TCRM_ROLE_CLERK, NULL);
    assert_int_equal(tcrm_access_set_mode(db, 1, &err), 0);
    as("cat");
    add("C");
    as("dan");
    add("D");
}

static void test_visibility(void **state)
{
    (void)state;
    office();
    char *owners = text("SELECT group_concat(coalesce(owner, '-'), ' ') FROM"
                        " (SELECT owner FROM main.contacts ORDER BY id)");
    assert_string_equal(owners, "- cat dan");
    free(owners);
    static const struct { const char *login; int64_t n; } seen[] = {
        { "ann", 3 }, { "bob", 2 }, { "cat", 2 }, { "dan", 2 }, { "eve", 1 },
    };
    for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++) {
        as(seen[i].login);
        assert_int_equal(count(), seen[i].n);
    }
    /* Shared read-only: seen, not changed. */
    struct tcrm_error err;
    as("cat");
    assert_int_equal(tcrm_owner_share(db, "contact", 2, "dan", 1, &err), 0);
    as("dan");
    assert_int_equal(count(), 3);
    assert_int_equal(tcrm_db_exec(db, "UPDATE contacts SET title = 'x',"
                                  " version = version + 1 WHERE id = 2", &err),
                     TCRM_EPERM);
    assert_non_null(strstr(err.msg, "not yours to change"));
    /* "Mine" narrows the lists, and back. */
    assert_int_equal(tcrm_access_set_mine(db, 1, &err), 0);
    assert_int_equal(count(), 1);
    assert_int_equal(tcrm_access_set_mine(db, 0, &err), 0);
    assert_int_equal(count(), 3);
}

static void test_unknown_and_clerk(void **state)
{
    (void)state;
    office();
    struct tcrm_db_options o = { path, "zed", 1000, 0, "zed" };
    struct tcrm_db *other = NULL;
    struct tcrm_error err;
    assert_int_equal(tcrm_db_open(&o, &other, &err), TCRM_EPERM);
    assert_non_null(strstr(err.msg, "zed is not a user of this database; an"
                           " admin can add them with: tcrm user add zed"));
    as("eve");
    int64_t k = add("K");
    assert_int_equal(tcrm_contact_delete(db, k, &err), TCRM_EPERM);
    assert_non_null(strstr(err.msg, "a clerk cannot delete"));
    assert_int_equal(tcrm_owner_claim(db, "contact", 1, &err), TCRM_EPERM);
}

static void test_assign_and_claim(void **state)
{
    (void)state;
    office();
    struct tcrm_assign_result r;
    struct tcrm_error err;
    as("dan");
    assert_int_equal(tcrm_owner_assign(db, "contact", 2, "dan", &r, &err),
                     TCRM_ENOTFOUND);          /* cat's: dan cannot see it */
    assert_int_equal(tcrm_owner_claim(db, "contact", 1, &err), 0);
    as("cat");      /* first come wins; the loser hears only who has it */
    assert_int_equal(tcrm_owner_claim(db, "contact", 1, &err), TCRM_ECONFLICT);
    assert_string_equal(err.msg, "contact 1: already owned by dan");
    as("bob");
    assert_int_equal(tcrm_owner_assign(db, "contact", 2, "dan", &r, &err),
                     TCRM_EPERM);
    assert_string_equal(err.msg, "--to dan: not under you");
    as("cat");
    assert_int_equal(tcrm_owner_assign(db, "contact", 2, "bob", &r, &err), 0);
    assert_int_equal(count(), 0);              /* given away */
    assert_int_equal(tcrm_owner_share(db, "contact", 3, "bob", 0, &err),
                     TCRM_ENOTFOUND);
}

/* ---- search with visibility tokens (search_see.c) ---------------------- */

static const char *const see_queries[] = {
    "wang", "wei", "wa", "w", "ei 7", "wang wei 1", "ei 2", "P", "wang zed",
    "wang 1 z", "zed 1", "ang 1", "wangwei", "wangwei 1", "angwei zed 1",
    "angwei 1 z",
    "" };               /* no search: the plain list in name order */
#define N_SEE_Q (sizeof see_queries / sizeof see_queries[0])
static char *see_all[N_SEE_Q];   /* ann's results: every row, in order */

/* The ids of every page of query in a sort order (the plain list when q
 * is ""), in order, "1 5 9 " (count checked). */
static char *list_ids(const char *q, enum tcrm_contact_sort sort)
{
    struct tcrm_contact_filter f = { q, NULL, 0, sort };
    struct tcrm_contact_page p;
    struct tcrm_error err;
    char buf[8192] = "";
    size_t len = 0, rows = 0;
    struct tcrm_contact_row last;
    const struct tcrm_contact_row *after = NULL;
    do {
        assert_int_equal(tcrm_contact_list(db, &f, after, 0, 4, &p, &err), 0);
        for (size_t i = 0; i < p.n; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%lld ",
                                    (long long)p.rows[i].id);
        rows += p.n;
        free(after ? last.cursor_key : NULL);
        if (p.n) {
            last = (struct tcrm_contact_row){ .id = p.rows[p.n - 1].id,
                .tier = p.rows[p.n - 1].tier,
                .cursor_key = strdup(p.rows[p.n - 1].cursor_key) };
            after = &last;
        }
        int more = p.more;
        tcrm_contact_page_free(&p);
        if (!more)
            break;
    } while (1);
    free(after ? last.cursor_key : NULL);
    int64_t n = -1;
    assert_int_equal(tcrm_contact_count(db, &f, &n, &err), 0);
    assert_int_equal(n, (int64_t)rows);
    return strdup(buf);
}

static char *search_ids(const char *q)
{
    return list_ids(q, TCRM_SORT_NAME);
}

/* ann's ids of q kept when the acting login's live_contacts has them. */
static char *rule_ids(size_t qi)
{
    char buf[8192] = "", *save = NULL, *all = strdup(see_all[qi]);
    size_t len = 0;
    for (char *w = strtok_r(all, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        char q[96];
        snprintf(q, sizeof q, "SELECT 1 FROM live_contacts WHERE id = %s", w);
        char *seen = text(q);
        if (seen)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ", w);
        free(seen);
    }
    free(all);
    return strdup(buf);
}

/* Every person's search equals ann's filtered by the rule. */
static void same_as_rule(void)
{
    static const char *const people[] = { "bob", "cat", "dan", "eve" };
    as("ann");
    for (size_t i = 0; i < N_SEE_Q; i++) {
        free(see_all[i]);
        see_all[i] = search_ids(see_queries[i]);
    }
    assert_non_null(strchr(see_all[0], ' '));
    for (size_t p = 0; p < sizeof people / sizeof *people; p++) {
        as(people[p]);
        for (size_t i = 0; i < N_SEE_Q; i++) {
            char *got = search_ids(see_queries[i]), *want = rule_ids(i);
            if (strcmp(got, want) != 0)
                print_error("%s '%s': %s, rule %s\n", people[p],
                            see_queries[i], got, want);
            assert_string_equal(got, want);
            free(got);
            free(want);
        }
    }
}


static int64_t add_at(const char *name, const char *owner, int64_t company,
                      const char *title)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup(name);
    c.owner = owner ? strdup(owner) : NULL;
    c.company_id = company;
    c.title = title ? strdup(title) : NULL;
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static int64_t add_owned(const char *name, const char *owner)
{
    return add_at(name, owner, 0, NULL);
}

static void test_search_tokens(void **state)
{
    (void)state;
    static const char *const owners[] = { "cat", "dan", "bob", "eve", "ann" };
    char name[32];
    for (int i = 0; i < 6; i++) {         /* the pool: ann, open mode */
        snprintf(name, sizeof name, "Wangwei %d", i);
        add_owned(name, NULL);
    }
    office();
    as("ann");
    for (int i = 6; i < 30; i++) {
        snprintf(name, sizeof name, "Wangwei %d", i);
        add_owned(name, owners[i % 5]);
    }
    /* Enough rows that "wan", "ang" and the words starting with "1" and
     * "z" count as common: search_see.c thins "wangwei" for cat, dan, eve
     * (alone, with "zed", with one or two short words). */
    for (int i = 0; i < 210; i++) {
        snprintf(name, sizeof name, "Wang Zed 1%03d", i);
        add_owned(name, owners[i % 4]);
    }
    same_as_rule();
    struct tcrm_assign_result r;
    struct tcrm_error err;
    as("cat");          /* cat's: 14, 19, 24, 29 ("Wangwei 10"...) */
    assert_int_equal(tcrm_owner_share(db, "contact", 14, "dan", 1, &err), 0);
    assert_int_equal(tcrm_owner_share(db, "contact", 19, "eve", 0, &err), 0);
    assert_int_equal(tcrm_owner_assign(db, "contact", 24, "dan", &r, &err), 0);
    as("dan");
    assert_int_equal(tcrm_owner_claim(db, "contact", 4, &err), 0);
    same_as_rule();
    as("cat");
    assert_int_equal(tcrm_owner_unshare(db, "contact", 19, "eve", &err), 0);
    as("bob");
    assert_int_equal(tcrm_owner_assign(db, "contact", 29, "bob", &r, &err), 0);
    same_as_rule();
    /* The pool takes back dan's silent contacts. */
    as("ann");
    sql("INSERT OR REPLACE INTO settings(key, value) VALUES"
        " ('pool_after_days', '30');"
        "UPDATE contacts SET created_at = '2020-01-01 10:00:00'"
        " WHERE owner = 'dan'");
    int64_t n = 0;
    assert_int_equal(tcrm_pool_release(db, "2026-12-01", &n, &err), 0);
    assert_true(n >= 3);
    same_as_rule();
    /* The tokens' characters typed are no part of the query. */
    as("ann");
    char *typed = search_ids("wang\xf3\xb0\x80\x80");
    assert_string_equal(typed, see_all[0]);
    free(typed);
    for (size_t i = 0; i < N_SEE_Q; i++)
        free(see_all[i]);
}


/* The plain contact list in each order, page by page, is the rows of
 * live_contacts in that order (for a salesperson the index ranges of
 * contact_list.c's list_from). */
static void same_lists(const char *who)
{
    static const char *const order[] = { "sort_key", "company_sort",
                                         "title_sort", "last_interaction_at" };
    for (int sort = 0; sort < 4; sort++) {
        char q[160], want[8192] = "";
        snprintf(q, sizeof q, "SELECT group_concat(id, ' ') FROM (SELECT id"
                 " FROM live_contacts ORDER BY %s, id)", order[sort]);
        char *ids = text(q);
        if (ids)
            snprintf(want, sizeof want, "%s ", ids);
        free(ids);
        char *got = list_ids("", (enum tcrm_contact_sort)sort);
        if (strcmp(got, want) != 0)
            print_error("%s, order %s: %s, rule %s\n", who, order[sort], got,
                        want);
        assert_string_equal(got, want);
        free(got);
    }
}

/* For each person, with "mine" off and on: the count of every company
 * they list, from the Companies list and from tcrm_company_get, equals a
 * count of live_contacts; the list holds every company of
 * live_companies; and tcrm check finds the kept counts right. */
static void same_counts(void)
{
    static const char *const people[] = { "ann", "bob", "cat", "dan", "eve" };
    struct tcrm_error err;
    for (size_t p = 0; p < sizeof people / sizeof people[0]; p++) {
        as(people[p]);
        for (int mine = 0; mine < 2; mine++) {
            assert_int_equal(tcrm_access_set_mine(db, mine, &err), 0);
            struct tcrm_company_page page = { 0 };
            assert_int_equal(tcrm_company_list(db, NULL, NULL, NULL, 0, 100,
                                               &page, &err), 0);
            char *seen = text("SELECT count(*) FROM live_companies");
            char listed[32];
            snprintf(listed, sizeof listed, "%zu", page.n);
            assert_string_equal(listed, seen);
            free(seen);
            for (size_t r = 0; r < page.n; r++) {
                char q[128];
                snprintf(q, sizeof q, "SELECT count(*) FROM live_contacts"
                         " WHERE company_id = %lld", (long long)page.rows[r].id);
                char *want = text(q);
                char got[32];
                snprintf(got, sizeof got, "%lld",
                         (long long)page.rows[r].n_contacts);
                assert_string_equal(got, want);
                struct tcrm_company c;
                assert_int_equal(tcrm_company_get(db, page.rows[r].id, &c,
                                                  &err), 0);
                snprintf(got, sizeof got, "%lld", (long long)c.n_contacts);
                assert_string_equal(got, want);
                tcrm_company_clear(&c);
                free(want);
            }
            tcrm_company_page_free(&page);
            same_lists(people[p]);
        }
        assert_int_equal(tcrm_access_set_mine(db, 0, &err), 0);
    }
    assert_int_equal(tcrm_db_check(db, 0, &err), 0);
}

static void test_company_counts(void **state)
{
    (void)state;
    int64_t co[3];
    static const char *const names[] = { "Acme", "Bolt", "Cogs" };
    for (int i = 0; i < 3; i++) {           /* the pool's: everyone sees them */
        struct tcrm_company c;
        struct tcrm_error err;
        tcrm_company_init(&c);
        c.name = strdup(names[i]);
        assert_int_equal(tcrm_company_insert(db, &c, &err), 0);
        co[i] = c.id;
        tcrm_company_clear(&c);
    }
    office();
    as("ann");
    static const char *const owners[] = { "cat", "dan", "bob", NULL, "eve",
                                          "ann", "" };
    char name[32];
    for (int i = 0; i < 42; i++) {
        snprintf(name, sizeof name, "K %d", i);
        add_at(name, owners[i % 7], i % 5 ? co[i % 3] : 0, i % 4 ? "Buyer"
               : NULL);
    }
    add_at("No company", "cat", 0, "CEO");
    same_counts();
    /* Bolt becomes cat's, Cogs dan's: "mine" lists them to their owners,
     * and dan no longer sees Bolt, cat no longer Cogs. */
    struct tcrm_assign_result ra;
    struct tcrm_error e2;
    as("ann");
    assert_int_equal(tcrm_owner_assign(db, "company", co[1], "cat", &ra, &e2),
                     0);
    assert_int_equal(tcrm_owner_assign(db, "company", co[2], "dan", &ra, &e2),
                     0);
    same_counts();
    struct tcrm_assign_result r;
    struct tcrm_error err;
    int64_t cats = 0, dans = 0;
    for (int64_t id = 4; id < 50 && !(cats && dans); id++) {
        char q[96];
        snprintf(q, sizeof q, "SELECT owner FROM contacts WHERE id = %lld",
                 (long long)id);
        char *o = text(q);
        if (o && strcmp(o, "cat") == 0 && !cats)
            cats = id;
        else if (o && strcmp(o, "dan") == 0 && !dans)
            dans = id;
        free(o);
    }
    assert_true(cats && dans);
    as("cat");      /* shared with dan: dan counts it; then given to dan */
    assert_int_equal(tcrm_owner_share(db, "contact", cats, "dan", 1, &err), 0);
    same_counts();
    as("ann");
    assert_int_equal(tcrm_owner_assign(db, "contact", cats, "dan", &r, &err), 0);
    same_counts();
    as("ann");      /* to the pool, moved, trashed, restored, purged,
                     * company let go */
    char q[256];
    snprintf(q, sizeof q, "UPDATE contacts SET owner = '', version = version"
             " + 1 WHERE id = %lld", (long long)dans);
    sql(q);
    snprintf(q, sizeof q, "UPDATE contacts SET company_id = %lld,"
             " version = version + 1 WHERE id = %lld", (long long)co[2],
             (long long)cats);
    sql(q);
    sql("UPDATE contacts SET deleted_at = '2026-12-01 10:00:00',"
        " version = version + 1 WHERE id IN (5, 6, 7)");
    same_counts();
    as("ann");
    sql("UPDATE contacts SET deleted_at = NULL, version = version + 1"
        " WHERE id = 6; DELETE FROM contacts WHERE id IN (5, 7);"
        " UPDATE contacts SET company_id = NULL, version = version + 1"
        " WHERE id = 9; UPDATE contacts SET last_interaction_at = '2026-0'"
        " || (1 + id % 5) || '-01 10:00' WHERE id % 3 = 0;"
        " UPDATE contacts SET owner = NULL,"
        " version = version + 1 WHERE id = 10");
    same_counts();
    char *rows = text("SELECT count(*) FROM company_owner_contacts"
                      " WHERE n <= 0");   /* none left at 0 or below */
    assert_string_equal(rows, "0");
    free(rows);
}

static void test_user_rules(void **state)
{
    (void)state;
    office();
    struct tcrm_user_change c = { NULL, 0, "cat", -1 };
    struct tcrm_error err;
    as("cat");
    assert_int_equal(tcrm_user_add(db, "fay", &c, &err), TCRM_EPERM);
    assert_string_equal(err.msg, "only an admin may manage people (you are"
                        " cat, sales)");
    as("ann");
    assert_int_equal(tcrm_user_edit(db, "bob", &c, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "--manager cat: a cycle: cat is under bob");
    struct tcrm_user_change off = { NULL, 0, NULL, 0 };
    assert_int_equal(tcrm_user_edit(db, "ann", &off, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "user ann: the last admin; make another"
                        " admin first");
    struct tcrm_user_change admin = { NULL, TCRM_ROLE_ADMIN, NULL, -1 };
    assert_int_equal(tcrm_user_edit(db, "dan", &admin, &err), 0);
    assert_int_equal(tcrm_user_edit(db, "ann", &off, &err), 0);
    assert_int_equal(tcrm_user_add(db, "dan", &admin, &err), TCRM_EDUP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_visibility, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_and_clerk, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_assign_and_claim, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_user_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_company_counts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
