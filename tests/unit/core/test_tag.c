/*
 * test_tag.c: tags on rows (tcrm_db_set_tags/get_tags), the tags-in-use
 * list and the small entity.h helpers (src/core/tag.c, entity.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/entity.h"
#include "tcrm/tag.h"

#include "fixture.h"

static int setup(void **state)
{
    (void)state;
    int rc = fixture_open("ann");
    if (rc == 0)
        rc = sqlite3_exec(db->sql,
            "INSERT INTO companies(id, name, name_key, sort_key, created_at,"
            " updated_at, created_by, updated_by) VALUES (1, 'Acme', 'acme',"
            " 'acme', 'x', 'x', 'x', 'x');"
            "INSERT INTO contacts(id, name, name_key, sort_key, created_at,"
            " updated_at, created_by, updated_by) VALUES"
            " (1, 'A', 'a', 'a', 'x', 'x', 'x', 'x'),"
            " (2, 'B', 'b', 'b', 'x', 'x', 'x', 'x')", NULL, NULL, NULL);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

static void test_helpers(void **state)
{
    (void)state;
    char *s = NULL;
    assert_int_equal(tcrm_str_set(&s, "x"), 0);
    assert_string_equal(s, "x");
    assert_int_equal(tcrm_str_set(&s, ""), 0);
    assert_null(s);
    assert_true(tcrm_str_empty(NULL));
    assert_true(tcrm_str_empty(""));
    assert_false(tcrm_str_empty(" "));
    struct tcrm_strlist l = { 0 };
    assert_int_equal(tcrm_strlist_add(&l, "VIP"), 0);
    assert_int_equal(tcrm_strlist_add(&l, "供应商"), 0);
    assert_true(tcrm_strlist_has(&l, "vip"));
    assert_true(tcrm_strlist_has(&l, "供应商"));
    assert_false(tcrm_strlist_has(&l, "vi"));
    tcrm_strlist_clear(&l);
    assert_int_equal(l.n, 0);
    tcrm_strlist_clear(NULL);
    tcrm_stamp_clear(NULL);
}

static void set(const char *entity, int64_t id, const char *a, const char *b)
{
    struct tcrm_strlist l = { 0 };
    struct tcrm_error err;
    if (a)
        tcrm_strlist_add(&l, a);
    if (b)
        tcrm_strlist_add(&l, b);
    assert_int_equal(tcrm_db_set_tags(db, entity, id, &l, &err), 0);
    tcrm_strlist_clear(&l);
}

static void test_set_get_list(void **state)
{
    (void)state;
    struct tcrm_error err;
    set("contact", 1, "vip", "2026-expo");
    set("contact", 2, "VIP", "");          /* same tag, any case */
    set("company", 1, "supplier", NULL);
    struct tcrm_strlist l = { 0 };
    assert_int_equal(tcrm_db_get_tags(db, "contact", 1, &l, &err), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0], "2026-expo");
    assert_string_equal(l.items[1], "vip");
    tcrm_strlist_clear(&l);

    set("contact", 1, "vip", NULL);        /* replaces */
    assert_int_equal(tcrm_db_get_tags(db, "contact", 1, &l, &err), 0);
    assert_int_equal(l.n, 1);
    tcrm_strlist_clear(&l);

    struct tcrm_tag_count *t;
    size_t n;
    assert_int_equal(tcrm_tag_list(db, &t, &n, &err), 0);
    assert_int_equal(n, 2);                /* 2026-expo no longer used */
    assert_string_equal(t[0].name, "supplier");
    assert_int_equal(t[0].companies, 1);
    assert_string_equal(t[1].name, "vip");
    assert_int_equal(t[1].contacts, 2);
    tcrm_tag_array_free(t, n);

    assert_int_equal(tcrm_db_trash_row(db, "contacts", "contact", 2, &err), 0);
    assert_int_equal(tcrm_tag_list(db, &t, &n, &err), 0);
    assert_int_equal(t[1].contacts, 1);
    tcrm_tag_array_free(t, n);

    assert_int_equal(tcrm_tag_exists(db, "VIP", &err), 0);
    assert_int_equal(tcrm_tag_exists(db, "2026-expo", &err), 0);
    assert_int_equal(tcrm_tag_exists(db, "nope", &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "tag 'nope': not found");
    tcrm_tag_array_free(NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helpers),
        cmocka_unit_test_setup_teardown(test_set_get_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
