/*
 * test_trash.c: deleting to the trash, listing it and restoring by
 * reference or bare id (src/core/trash.c, tcrm_db_trash_row).
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

#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"
#include "tcrm/trash.h"

#include "fixture.h"

static int setup(void **state)
{
    (void)state;
    int rc = fixture_open("bob");
    if (rc == 0)
        rc = sqlite3_exec(db->sql,
            "INSERT INTO companies(id, name, name_key, sort_key, created_at,"
            " updated_at, created_by, updated_by) VALUES (1, 'Acme', 'acme',"
            " 'acme', 'x', 'x', 'x', 'x');"
            "INSERT INTO contacts(id, name, company_id, name_key, sort_key,"
            " created_at, updated_at, created_by, updated_by) VALUES"
            " (1, 'Zoë Müller', 1, 'zoe muller', 'zoe muller', 'x', 'x', 'x',"
            " 'x'), (2, '王芳', NULL, '王芳', '王芳', 'x', 'x', 'x', 'x')",
            NULL, NULL, NULL);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    unsetenv("TCRM_NOW");
    return fixture_close();
}

static void expect(const char *q, const char *want)
{
    char *got = text(q);
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got, want);
    free(got);
}

/* Deal 1, interaction 1, follow-up 1 (and follow-up 2) on contact 1. */
static void fixtures(void)
{
    struct tcrm_error err;
    struct tcrm_deal d;
    tcrm_deal_init(&d);
    d.contact_id = 1;
    tcrm_str_set(&d.title, "Order");
    tcrm_str_set(&d.stage, "Lead");
    tcrm_str_set(&d.currency, "EUR");
    assert_int_equal(tcrm_deal_insert(db, &d, &err), 0);
    tcrm_deal_clear(&d);
    struct tcrm_interaction ia;
    tcrm_interaction_init(&ia);
    ia.contact_id = 1;
    tcrm_str_set(&ia.summary, "Called");
    tcrm_str_set(&ia.at, "2026-11-01 10:00");
    assert_int_equal(tcrm_interaction_insert(db, &ia, &err), 0);
    tcrm_interaction_clear(&ia);
    for (int i = 0; i < 2; i++) {
        struct tcrm_followup f;
        tcrm_followup_init(&f);
        f.contact_id = 1;
        tcrm_str_set(&f.title, i ? "Second" : "Call back");
        tcrm_str_set(&f.due_date, "2026-11-25");
        assert_int_equal(tcrm_followup_insert(db, &f, &err), 0);
        tcrm_followup_clear(&f);
    }
}

static void test_list_and_restore(void **state)
{
    (void)state;
    struct tcrm_error err;
    fixtures();
    setenv("TCRM_NOW", "2026-11-20 10:00:01", 1);
    assert_int_equal(tcrm_interaction_delete(db, 1, &err), 0);
    setenv("TCRM_NOW", "2026-11-20 10:00:02", 1);
    assert_int_equal(tcrm_followup_delete(db, 1, &err), 0);
    setenv("TCRM_NOW", "2026-11-20 10:00:03", 1);
    assert_int_equal(tcrm_deal_delete(db, 1, &err), 0);
    setenv("TCRM_NOW", "2026-11-20 10:00:04", 1);
    assert_int_equal(tcrm_db_trash_row(db, "contacts", "contact", 2, &err), 0);
    expect("SELECT last_interaction_at FROM contacts WHERE id = 1", NULL);
    expect("SELECT next_followup_due FROM contacts WHERE id = 1",
           "2026-11-25");

    struct tcrm_trash_item *t;
    size_t n;
    assert_int_equal(tcrm_trash_list(db, 10, &t, &n, &err), 0);
    assert_int_equal(n, 4);
    static const char *refs[] = { "contact/2", "deal/1", "follow-up/1",
                                  "interaction/1" };
    static const char *labels[] = { "王芳", "Order", "Call back", "Called" };
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(t[i].ref, refs[i]);
        assert_string_equal(t[i].label, labels[i]);
        assert_string_equal(t[i].deleted_by, "bob");
    }
    assert_string_equal(t[0].deleted_at, "2026-11-20 10:00:04");
    tcrm_trash_array_free(t, n);
    assert_int_equal(tcrm_trash_list(db, 2, &t, &n, &err), 0);
    assert_int_equal(n, 2);
    tcrm_trash_array_free(t, n);

    /* bare 1 names three rows */
    assert_int_equal(tcrm_trash_restore(db, "1", &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "1 is ambiguous: deal/1, interaction/1, "
                        "follow-up/1");
    assert_int_equal(tcrm_trash_restore(db, "interaction/1", &err), 0);
    expect("SELECT last_interaction_at FROM contacts WHERE id = 1",
           "2026-11-01 10:00");
    assert_int_equal(tcrm_trash_restore(db, "followup/1", &err), 0);
    assert_int_equal(tcrm_trash_restore(db, "1", &err), 0);   /* the deal */
    expect("SELECT deleted_at IS NULL FROM deals WHERE id = 1", "1");
    expect("SELECT version FROM deals WHERE id = 1", "3");
    assert_int_equal(tcrm_trash_restore(db, "2", &err), 0);
    expect("SELECT count(*) FROM contacts WHERE deleted_at IS NULL", "2");
    assert_int_equal(tcrm_trash_list(db, 10, &t, &n, &err), 0);
    assert_int_equal(n, 0);
    tcrm_trash_array_free(t, n);
    expect("SELECT group_concat(entity || ':' || action, ',') FROM"
           " (SELECT * FROM audit_log WHERE action = 'restore' ORDER BY id)",
           "interaction:restore,follow-up:restore,deal:restore,"
           "contact:restore");
    tcrm_trash_array_free(NULL, 0);
}

static void test_bad_refs(void **state)
{
    (void)state;
    fixtures();
    struct tcrm_error err;
    assert_int_equal(tcrm_followup_delete(db, 2, &err), 0);
    static const struct { const char *ref; int code; const char *msg; } c[] = {
        { "contact/1", TCRM_ENOTFOUND, "contact/1: not in the trash" },
        { "deal/1", TCRM_ENOTFOUND, "deal/1: not in the trash" },
        { "follow-up/9", TCRM_ENOTFOUND, "follow-up/9: not in the trash" },
        { "7", TCRM_ENOTFOUND, "7: not in the trash" },
        { "person/1", TCRM_EINVAL, "'person/1' is not a trash item: use "
          "KIND/ID (contact, company, deal, interaction, follow-up, product, "
          "quote, order, delivery, campaign) or an id" },
        { "deal/x", TCRM_EINVAL, "'deal/x' is not a trash item: use "
          "KIND/ID (contact, company, deal, interaction, follow-up, product, "
          "quote, order, delivery, campaign) or an id" },
        { "deal/", TCRM_EINVAL, "'deal/' is not a trash item: use "
          "KIND/ID (contact, company, deal, interaction, follow-up, product, "
          "quote, order, delivery, campaign) or an id" },
        { "-1", TCRM_EINVAL, "'-1' is not a trash item: use KIND/ID (contact, "
          "company, deal, interaction, follow-up, product, quote, order, "
          "delivery, campaign) or an id" },
        { "", TCRM_EINVAL, "'' is not a trash item: use KIND/ID (contact, "
          "company, deal, interaction, follow-up, product, quote, order, "
          "delivery, campaign) or an id" },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        assert_int_equal(tcrm_trash_restore(db, c[i].ref, &err), c[i].code);
        assert_string_equal(err.msg, c[i].msg);
    }
    expect("SELECT deleted_at IS NOT NULL FROM follow_ups WHERE id = 2", "1");

    static const struct { const char *table, *entity; int64_t id;
                          int code; const char *msg; } d[] = {
        { "follow_ups", "follow-up", 2, TCRM_ENOTFOUND,
          "follow-up 2: not found" },
        { "contacts", "contact", 42, TCRM_ENOTFOUND, "contact 42: not found" },
        { "users", "user", 1, TCRM_EINVAL, "user: no trash for table users" },
    };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        assert_int_equal(tcrm_db_trash_row(db, d[i].table, d[i].entity,
                                           d[i].id, &err), d[i].code);
        assert_string_equal(err.msg, d[i].msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_and_restore, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_refs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
