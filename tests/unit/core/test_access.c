/*
 * test_access.c: the access rule (access.c), people (user.c) and moves
 * (owner.c) through the core, with the acting login given to
 * tcrm_db_open as the command line gives it from the real uid. The same
 * rules as real Unix users are in tests/cli/people.sh.
 *
 * The office: ann admin (the first opener), bob manager, cat sales under
 * bob, dan sales, eve clerk; contacts C (cat's), D (dan's) and P (pool).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "tcrm/access.h"
#include "tcrm/contact.h"
#include "tcrm/owner.h"
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
