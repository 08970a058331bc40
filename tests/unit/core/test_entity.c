/*
 * test_entity.c: the one table of entities (src/core/entity_kind.c) and
 * what reads it: lookups, tags only on taggable kinds, the taggings
 * column loosened by schema 9, the generic delete, the audit names.
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

#include "tcrm/audit.h"
#include "tcrm/entity.h"

#include "fixture.h"

static int setup(void **state)
{
    (void)state;
    int rc = fixture_open("ann");
    if (rc == 0)
        rc = sqlite3_exec(db->sql,
            "INSERT INTO companies(id, name, name_key, sort_key, created_at,"
            " updated_at, created_by, updated_by) VALUES (1, 'Acme', 'acme',"
            " 'acme', 'x', 'x', 'x', 'x')", NULL, NULL, NULL);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

static void test_lookup(void **state)
{
    (void)state;
    size_t n;
    const struct tcrm_entity_kind *k = tcrm_entity_kinds(&n);
    assert_true(n >= 5);
    assert_string_equal(k[0].name, "contact");
    assert_ptr_equal(tcrm_entity_kind("followup"), tcrm_entity_kind("follow-up"));
    assert_string_equal(tcrm_entity_kind("followup")->table, "follow_ups");
    assert_null(tcrm_entity_kind("person"));
    assert_null(tcrm_entity_kind(NULL));
    assert_null(tcrm_entity_by_table("users"));
    assert_string_equal(tcrm_entity_by_table("deals")->name, "deal");
    /* a kind others belong to comes before them */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            assert_false(k[i].link & k[j].flags);
    assert_string_equal(tcrm_entity_names(TCRM_ENTITY_POOL),
                        "contact, company");
    assert_string_equal(tcrm_entity_names(TCRM_ENTITY_TAGS),
                        "contact, company, deal");
    assert_string_equal(tcrm_audit_entity("follow_up"), "follow-up");
    assert_string_equal(tcrm_audit_entity("import"), "import");
    assert_null(tcrm_audit_entity("users"));
}

static void test_tags_by_kind(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_strlist l = { NULL, 0 };
    tcrm_strlist_add(&l, "vip");
    assert_int_equal(tcrm_db_set_tags(db, "company", 1, &l, &err), 0);
    assert_int_equal(tcrm_db_set_tags(db, "interaction", 1, &l, &err),
                     TCRM_EINVAL);
    assert_string_equal(err.msg, "interaction: carries no tags");
    tcrm_strlist_clear(&l);
    /* schema 9: the column names any entity, never nothing */
    sql("INSERT INTO taggings(tag_id, entity, entity_id) VALUES (1, 'quote', 4)");
    assert_int_not_equal(sqlite3_exec(db->sql, "INSERT INTO taggings(tag_id,"
                         " entity, entity_id) VALUES (1, '', 5)", NULL, NULL,
                         NULL), SQLITE_OK);
    char *c = text("SELECT count(*) FROM taggings");
    assert_string_equal(c, "2");
    free(c);
}

static void test_delete(void **state)
{
    (void)state;
    struct tcrm_error err;
    assert_int_equal(tcrm_entity_delete(db, "company", 1, &err), 0);
    assert_int_equal(tcrm_entity_delete(db, "company", 1, &err),
                     TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "company 1: not found");
    assert_int_equal(tcrm_entity_delete(db, "user", 1, &err), TCRM_EINVAL);
    assert_int_equal(tcrm_db_require_live(db, "company", 1, &err),
                     TCRM_ENOTFOUND);
    char *a = text("SELECT action FROM audit_log WHERE entity = 'company'"
                   " ORDER BY id DESC LIMIT 1");
    assert_string_equal(a, "delete");
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tags_by_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
