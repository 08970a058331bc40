/*
 * test_contact_diff.c: which fields a save changes, the three-way merge
 * of a form with the stored row (src/core/contact_diff.c), and the no-op
 * save of tcrm_contact_update.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "tcrm/edit.h"

static int64_t fixture_i64(const char *q)
{
    char *t = text(q);
    int64_t v = t ? strtoll(t, NULL, 10) : -1;
    free(t);
    return v;
}

static int setup(void **state)
{
    (void)state;
    return fixture_open("ann");
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

static void fill(struct tcrm_contact *c)
{
    tcrm_contact_init(c);
    assert_int_equal(tcrm_str_set(&c->name, "Anna Silva"), 0);
    assert_int_equal(tcrm_str_set(&c->company, "Acme Ltd"), 0);
    assert_int_equal(tcrm_str_set(&c->title, "CEO"), 0);
    assert_int_equal(tcrm_contact_add_channel(c, TCRM_CH_EMAIL, "a@x.example"), 0);
    assert_int_equal(tcrm_strlist_add(&c->tags, "vip"), 0);
}

static void test_diff(void **state)
{
    (void)state;
    struct tcrm_contact a, b;
    char text[128];
    fill(&a);
    fill(&b);
    assert_int_equal(tcrm_contact_diff(&a, &b), 0);
    /* Same by the rules: trimmed name, company by key, tags by case, ""
     * and NULL. */
    assert_int_equal(tcrm_str_set(&b.name, " Anna Silva "), 0);
    assert_int_equal(tcrm_str_set(&b.company, "ACME"), 0);
    tcrm_strlist_clear(&b.tags);
    assert_int_equal(tcrm_strlist_add(&b.tags, "VIP"), 0);
    b.notes = calloc(1, 1);
    assert_int_equal(tcrm_contact_diff(&a, &b), 0);
    assert_int_equal(tcrm_str_set(&b.title, "CTO"), 0);
    assert_int_equal(tcrm_contact_add_channel(&b, TCRM_CH_MOBILE, "+1 555 0100"), 0);
    assert_int_equal(tcrm_strlist_add(&b.tags, "lead"), 0);
    unsigned d = tcrm_contact_diff(&a, &b);
    assert_int_equal(d, TCRM_CF_BIT(TCRM_CF_TITLE) | TCRM_CF_BIT(TCRM_CF_CHANNELS)
                        | TCRM_CF_BIT(TCRM_CF_TAGS));
    tcrm_contact_fields_text(d, text, sizeof text);
    assert_string_equal(text, "title, phones and e-mails, tags");
    tcrm_contact_clear(&a);
    tcrm_contact_clear(&b);
}

/* A's form and B's save: B changed the title, A the department and both
 * the city (to different values): A keeps the department and its city
 * (a conflict), and gets B's title. */
static void test_merge3(void **state)
{
    (void)state;
    struct tcrm_contact base, mine, theirs;
    unsigned conflicts = 99;
    fill(&base);
    fill(&mine);
    fill(&theirs);
    theirs.version = 2;
    assert_int_equal(tcrm_str_set(&theirs.title, "CTO"), 0);
    assert_int_equal(tcrm_str_set(&theirs.city, "Porto"), 0);
    assert_int_equal(tcrm_str_set(&mine.department, "Sales"), 0);
    assert_int_equal(tcrm_str_set(&mine.city, "Lisbon"), 0);
    assert_int_equal(tcrm_contact_merge3(&base, &mine, &theirs, &conflicts), 0);
    assert_int_equal(conflicts, TCRM_CF_BIT(TCRM_CF_CITY));
    assert_string_equal(mine.title, "CTO");
    assert_string_equal(mine.department, "Sales");
    assert_string_equal(mine.city, "Lisbon");
    assert_int_equal(mine.version, 2);
    /* Both made the same change: no conflict. */
    assert_int_equal(tcrm_str_set(&mine.city, "Porto"), 0);
    assert_int_equal(tcrm_contact_merge3(&base, &mine, &theirs, &conflicts), 0);
    assert_int_equal(conflicts, 0);
    tcrm_contact_clear(&base);
    tcrm_contact_clear(&mine);
    tcrm_contact_clear(&theirs);
}

/* A save equal to the stored row writes nothing. */
static void test_update_unchanged(void **state)
{
    (void)state;
    struct tcrm_contact c, again;
    struct tcrm_error err;
    fill(&c);
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    tcrm_contact_init(&again);
    assert_int_equal(tcrm_contact_get(db, c.id, &again, &err), 0);
    int64_t audits = fixture_i64("SELECT count(*) FROM audit_log");
    assert_int_equal(tcrm_contact_update(db, &again, &err), 0);
    assert_int_equal(again.version, 1);
    assert_int_equal(fixture_i64("SELECT version FROM contacts"), 1);
    assert_int_equal(fixture_i64("SELECT count(*) FROM audit_log"), audits);
    assert_int_equal(tcrm_str_set(&again.title, "CTO"), 0);
    assert_int_equal(tcrm_contact_update(db, &again, &err), 0);
    assert_int_equal(again.version, 2);
    assert_int_equal(fixture_i64("SELECT version FROM contacts"), 2);
    tcrm_contact_clear(&c);
    tcrm_contact_clear(&again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_merge3),
        cmocka_unit_test_setup_teardown(test_update_unchanged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
