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

/* The same merge for a deal and a follow-up, through their tables: a
 * number, a company by name, a status, a time. */
static void test_merge3_records(void **state)
{
    (void)state;
    struct tcrm_deal base, mine, theirs;
    unsigned taken = 0, conflicts = 99;
    tcrm_deal_init(&base);
    tcrm_deal_init(&mine);
    tcrm_deal_init(&theirs);
    struct tcrm_deal *all[] = {&base, &mine, &theirs};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(tcrm_str_set(&all[i]->title, "Big order"), 0);
        assert_int_equal(tcrm_str_set(&all[i]->company_name, "Acme Ltd"), 0);
        all[i]->amount_minor = 100;
        all[i]->version = 1;
    }
    theirs.version = 3;
    theirs.amount_minor = 250;
    theirs.status = TCRM_DEAL_WON;
    assert_int_equal(tcrm_str_set(&theirs.company_name, "ACME"), 0);
    assert_int_equal(tcrm_str_set(&mine.title, "Bigger order"), 0);
    mine.status = TCRM_DEAL_LOST;
    assert_int_equal(tcrm_record_merge3(&tcrm_deal_record, &base, &mine,
                                        &theirs, &taken, &conflicts), 0);
    assert_int_equal(taken, TCRM_FIELD_BIT(TCRM_DF_AMOUNT));
    assert_int_equal(conflicts, TCRM_FIELD_BIT(TCRM_DF_STATUS));
    assert_int_equal(mine.amount_minor, 250);
    assert_string_equal(mine.title, "Bigger order");
    assert_int_equal(mine.version, 3);
    for (int i = 0; i < 3; i++)
        tcrm_deal_clear(all[i]);

    struct tcrm_followup fb, fm, ft;
    tcrm_followup_init(&fb);
    tcrm_followup_init(&fm);
    tcrm_followup_init(&ft);
    assert_int_equal(tcrm_str_set(&fb.due_date, "2026-12-01"), 0);
    assert_int_equal(tcrm_str_set(&fm.due_date, "2026-12-01"), 0);
    assert_int_equal(tcrm_str_set(&ft.due_date, "2026-12-01"), 0);
    assert_int_equal(tcrm_str_set(&ft.due_time, "09:30"), 0);
    fm.repeat_days = 7;
    assert_int_equal(tcrm_record_merge3(&tcrm_followup_record, &fb, &fm,
                                        &ft, &taken, &conflicts), 0);
    assert_int_equal(conflicts, 0);
    assert_string_equal(fm.due_time, "09:30");
    assert_int_equal(fm.repeat_days, 7);
    tcrm_followup_clear(&fb);
    tcrm_followup_clear(&fm);
    tcrm_followup_clear(&ft);
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
        cmocka_unit_test(test_merge3_records),
        cmocka_unit_test_setup_teardown(test_update_unchanged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
