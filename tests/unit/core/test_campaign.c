/*
 * test_campaign.c: the campaign rules of the core (src/core/campaign*.c):
 * members frozen when added by a tag, states going forward only (a later
 * state fills the earlier ones), a non-member's mark refused with nothing
 * changed, and the figures of the report on a known data set, exact:
 * counts, won revenue per currency, cost per response and per won deal
 * rounded half away from zero, the return on cost through a rate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "tcrm/campaign.h"
#include "tcrm/contact.h"
#include "tcrm/deal.h"
#include "tcrm/rate.h"

FIXTURE_AT("2026-04-20 10:00:00", "ann")

static int64_t contact(const char *name, const char *tag)
{
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    tcrm_str_set(&c.name, name);
    if (tag)
        tcrm_strlist_add(&c.tags, tag);
    assert_int_equal(tcrm_contact_insert(db, &c, NULL), 0);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static void deal(int64_t contact_id, int64_t amount, const char *cur,
                 int64_t campaign, int won)
{
    struct tcrm_deal d;
    tcrm_deal_init(&d);
    tcrm_str_set(&d.title, "Deal");
    tcrm_str_set(&d.stage, "Lead");
    tcrm_str_set(&d.currency, cur);
    d.contact_id = contact_id;
    d.amount_minor = amount;
    d.campaign_id = campaign;
    assert_int_equal(tcrm_deal_insert(db, &d, NULL), 0);
    if (won)
        assert_int_equal(tcrm_deal_won(db, d.id, NULL), 0);
    tcrm_deal_clear(&d);
}

static int64_t campaign(const char *name, int64_t cost)
{
    struct tcrm_campaign_in in = { name, TCRM_CAMPAIGN_EVENT, NULL, NULL,
                                   "CNY", -1, cost };
    int64_t id = 0;
    assert_int_equal(tcrm_campaign_add(db, &in, &id, NULL), 0);
    return id;
}

static void test_frozen_and_marks(void **state)
{
    (void)state;
    struct tcrm_error err;
    int64_t a = contact("Anna", "fair"), b = contact("Bob", "fair");
    int64_t k = campaign("Fair", 0), added = 0, already = 0;
    struct tcrm_member_source tag = { NULL, "fair", NULL, 0 };
    assert_int_equal(tcrm_campaign_members_add(db, k, &tag, &added, &already,
                                               &err), 0);
    assert_int_equal(added, 2);
    contact("Carl", "fair");          /* the tag grows: the members do not */
    char *n = text("SELECT count(*) FROM campaign_members");
    assert_string_equal(n, "2");
    free(n);
    assert_int_equal(tcrm_campaign_mark(db, k, b, TCRM_MEMBER_RESPONDED,
                                        &err), 0);
    n = text("SELECT state || (contacted_at IS NOT NULL) ||"
             " (responded_at IS NOT NULL) FROM campaign_members"
             " WHERE contact_id = 2");
    assert_string_equal(n, "responded11");
    free(n);
    assert_int_equal(tcrm_campaign_mark(db, k, b, TCRM_MEMBER_CONTACTED,
                                        &err), TCRM_EINVAL);
    assert_string_equal(err.field, "state");
    char *before = text("SELECT group_concat(version) FROM campaigns");
    assert_int_equal(tcrm_campaign_mark(db, k, 3, TCRM_MEMBER_CONTACTED,
                                        &err), TCRM_EINVAL);
    assert_string_equal(err.msg,
                        "contact 3 is not a member of campaign 1 (Fair)");
    char *after = text("SELECT group_concat(version) FROM campaigns");
    assert_string_equal(before, after);
    free(before);
    free(after);
    (void)a;
}

static void test_figures(void **state)
{
    (void)state;
    struct tcrm_error err;
    int64_t c[3] = { contact("Anna", NULL), contact("Bob", NULL),
                     contact("Carl", NULL) };
    int64_t k = campaign("Expo", 100001), added, already;
    struct tcrm_member_source ids = { NULL, NULL, c, 3 };
    assert_int_equal(tcrm_campaign_members_add(db, k, &ids, &added, &already,
                                               &err), 0);
    tcrm_campaign_mark(db, k, c[0], TCRM_MEMBER_RESPONDED, &err);
    tcrm_campaign_mark(db, k, c[1], TCRM_MEMBER_CONVERTED, &err);
    deal(c[0], 300000, "CNY", k, 1);
    deal(c[1], 10000, "USD", k, 1);
    deal(c[2], 99900, "CNY", k, 0);
    deal(c[2], 55500, "CNY", 0, 1);    /* not the campaign's */
    struct tcrm_rate r = { "USD", "CNY", "2026-04-01", 7123456 };
    assert_int_equal(tcrm_rate_add(db, &r, &err), 0);

    struct tcrm_campaign_figures *f = NULL;
    size_t n = 0;
    assert_int_equal(tcrm_campaign_figures(db, 0, "2026-04-20", &f, &n,
                                           &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(f->c.members, 3);
    assert_int_equal(f->c.contacted, 2);
    assert_int_equal(f->c.responded, 2);
    assert_int_equal(f->c.converted, 1);
    assert_int_equal(f->deals, 3);
    assert_int_equal(f->won, 2);
    assert_int_equal(f->n_revenue, 2);
    assert_string_equal(f->revenue[0].currency, "CNY");
    assert_int_equal(f->revenue[0].won, 300000);
    assert_string_equal(f->revenue[1].currency, "USD");
    assert_int_equal(f->revenue[1].won, 10000);
    /* 1,000.01 / 2 = 500.005 -> 500.01, half away from zero */
    assert_int_equal(f->per_response, 50001);
    assert_int_equal(f->per_won, 50001);
    /* 100.00 USD x 7.123456 = 712.3456 -> 712.35 CNY; (3,712.35 -
     * 1,000.01) / 1,000.01 = 271.2313% -> 27123 hundredths */
    assert_int_equal(f->roc_known, 1);
    assert_int_equal(f->roc_bp, 27123);
    tcrm_campaign_figures_free(f, n);
}

static void test_no_rate(void **state)
{
    (void)state;
    int64_t a = contact("Anna", NULL);
    int64_t k = campaign("Web", 5000);
    deal(a, 700, "EUR", k, 1);
    struct tcrm_campaign_figures *f = NULL;
    size_t n = 0;
    assert_int_equal(tcrm_campaign_figures(db, k, "2026-04-20", &f, &n,
                                           NULL), 0);
    assert_int_equal(f->roc_known, 0);
    assert_string_equal(f->roc_missing, "EUR");
    assert_int_equal(f->per_response, -1);
    tcrm_campaign_figures_free(f, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_frozen_and_marks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_rate, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
