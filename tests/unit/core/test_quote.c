/*
 * test_quote.c: products and quotes in the core (src/core/product.c,
 * quote.c, quote_line.c): number patterns, duplicates, lines and totals
 * by the rounding rule, the last price paid, states, and who sees a
 * quote in owned mode (the rule of access.c, as for deals).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "tcrm/access.h"
#include "tcrm/contact.h"
#include "tcrm/product.h"
#include "tcrm/quote.h"
#include "tcrm/user.h"

static char path[128];

static int setup(void **state)
{
    (void)state;
    if (fixture_open("ann") != 0)
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    setenv("TCRM_NOW", "2026-11-20 10:00:00", 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unsetenv("TCRM_NOW");
    return fixture_close();
}

static void as(const char *login)
{
    struct tcrm_db_options o = { path, login, 1000, 0, login };
    struct tcrm_error err;
    tcrm_db_close(db);
    db = NULL;
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
}

static int64_t contact(const char *name)
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

static int64_t quote(int64_t contact_id)
{
    struct tcrm_quote q;
    struct tcrm_error err;
    tcrm_quote_init(&q);
    q.contact_id = contact_id;
    q.currency = strdup("cny");
    assert_int_equal(tcrm_quote_insert(db, &q, NULL, &err), 0);
    int64_t id = q.id;
    tcrm_quote_clear(&q);
    return id;
}

static void test_numbers(void **state)
{
    (void)state;
    char out[32], prefix[32];
    assert_int_equal(tcrm_quote_number("Q%Y-%04n", 2026, 11, 7, out,
                                       sizeof out, prefix, sizeof prefix), 0);
    assert_string_equal(out, "Q2026-0007");
    assert_string_equal(prefix, "Q2026-#");
    assert_int_equal(tcrm_quote_number("%m/%n%%", 2026, 3, 12345, out,
                                       sizeof out, prefix, sizeof prefix), 0);
    assert_string_equal(out, "03/12345%");
    static const char *const bad[] = { "Q%Y", "%n%n", "%x%n", "%0n", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(tcrm_quote_number(bad[i], 2026, 1, 1, out,
                         sizeof out, prefix, sizeof prefix), -1);
}

static void test_products(void **state)
{
    (void)state;
    struct tcrm_product p;
    struct tcrm_error err;
    tcrm_product_init(&p);
    p.code = strdup(" A-1 ");
    p.name = strdup("Widget");
    p.currency = strdup("CNY");
    p.price_minor = 9999;
    p.tax_rate = 1300;
    assert_int_equal(tcrm_product_insert(db, &p, &err), 0);
    assert_string_equal(p.code, "A-1");
    free(p.code);
    p.code = strdup("a-2");
    assert_int_equal(tcrm_product_insert(db, &p, &err), TCRM_EDUP);
    assert_string_equal(err.msg, "product 'Widget' already exists: code A-1");
    assert_string_equal(err.field, "name");
    p.tax_rate = 10001;
    assert_int_equal(tcrm_product_insert(db, &p, &err), TCRM_EINVAL);
    tcrm_product_clear(&p);
    assert_int_equal(tcrm_product_find(db, "a-1", &p, &err), 0);
    assert_int_equal(p.price_minor, 9999);
    tcrm_product_clear(&p);
}

/* 99.99 x 3 at 13%, a gross line at 9%: totals are the sums. */
static void test_lines_and_states(void **state)
{
    (void)state;
    struct tcrm_error err;
    test_products(state);
    int64_t c = contact("Anna"), id = quote(c);
    struct tcrm_quote_line l;
    struct tcrm_price_source src;
    tcrm_quote_line_init(&l);
    l.quote_id = id;
    l.in.qty = 3000;
    assert_int_equal(tcrm_quote_add_line(db, &l, "A-1", &src, &err), 0);
    assert_int_equal(src.kind, 2);
    assert_int_equal(l.am.gross, 33897);
    tcrm_quote_line_clear(&l);
    tcrm_quote_line_init(&l);
    l.quote_id = id;
    l.description = strdup("Freight");
    l.in = (struct tcrm_line_in){ 1000, 10000, 0, 900, 1 };
    assert_int_equal(tcrm_quote_add_line(db, &l, NULL, &src, &err), 0);
    tcrm_quote_line_clear(&l);
    struct tcrm_quote q;
    assert_int_equal(tcrm_quote_get(db, id, &q, &err), 0);
    assert_string_equal(q.number, "Q2026-0001");
    assert_int_equal(q.net, 29997 + 9174);
    assert_int_equal(q.tax, 3900 + 826);
    assert_int_equal(q.gross, q.net + q.tax);
    tcrm_quote_clear(&q);
    assert_int_equal(tcrm_quote_set_state(db, id, TCRM_QUOTE_ACCEPTED, &err),
                     TCRM_EINVAL);
    assert_int_equal(tcrm_quote_set_state(db, id, TCRM_QUOTE_SENT, &err), 0);
    assert_int_equal(tcrm_quote_set_state(db, id, TCRM_QUOTE_ACCEPTED, &err),
                     0);
    /* nothing changes on an accepted quote */
    char *before = text("SELECT group_concat(id) FROM quote_lines");
    tcrm_quote_line_init(&l);
    l.quote_id = id;
    l.in.qty = 1000;
    assert_int_equal(tcrm_quote_add_line(db, &l, "A-1", &src, &err),
                     TCRM_EINVAL);
    assert_string_equal(err.field, "state");
    char *after = text("SELECT group_concat(id) FROM quote_lines");
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* the next quote of the same customer is offered what was paid */
    l.quote_id = quote(c);
    assert_int_equal(tcrm_quote_add_line(db, &l, "A-1", &src, &err), 0);
    assert_int_equal(src.kind, 1);
    assert_string_equal(src.number, "Q2026-0001");
    tcrm_quote_line_clear(&l);
}

/* Owned mode: a salesperson sees the quotes of their own customers, not
 * a colleague's; the manager above both sees both. */
/* The keyset page: newest first, both ways, `more`, a customer's only. */
static void test_page(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_quote *q = NULL;
    size_t n = 0;
    int more = 0;
    int64_t a = contact("Anna"), b = contact("Bo"), id[5];
    for (int i = 0; i < 5; i++)
        id[i] = quote(i == 2 ? b : a);
    assert_int_equal(tcrm_quote_page(db, NULL, 0, 0, 2, &q, &n, &more, &err),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(more, 1);
    assert_int_equal(q[0].id, id[4]);
    assert_int_equal(q[1].id, id[3]);
    tcrm_quote_array_free(q, n);
    assert_int_equal(tcrm_quote_page(db, NULL, id[3], 0, 5, &q, &n, &more,
                                     &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(more, 0);
    assert_int_equal(q[2].id, id[0]);
    tcrm_quote_array_free(q, n);
    /* backwards from id[1]: the rows just before it, in list order */
    assert_int_equal(tcrm_quote_page(db, NULL, id[1], 1, 2, &q, &n, &more,
                                     &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(more, 1);
    assert_int_equal(q[0].id, id[3]);
    assert_int_equal(q[1].id, id[2]);
    tcrm_quote_array_free(q, n);
    struct tcrm_doc_filter f = { -1, 0, a, 0 };
    int64_t count = 0;
    assert_int_equal(tcrm_quote_page(db, &f, 0, 0, 10, &q, &n, &more, &err),
                     0);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(q[i].contact_id, a);
    tcrm_quote_array_free(q, n);
    assert_int_equal(tcrm_quote_count(db, &f, &count, &err), 0);
    assert_int_equal(count, 4);
    f.contact_id = b;
    f.state = TCRM_QUOTE_SENT;
    assert_int_equal(tcrm_quote_count(db, &f, &count, &err), 0);
    assert_int_equal(count, 0);
}

static void test_owned(void **state)
{
    (void)state;
    struct tcrm_user_change m = { NULL, TCRM_ROLE_MANAGER, NULL, -1 };
    struct tcrm_user_change s = { NULL, TCRM_ROLE_SALES, "boss", -1 };
    struct tcrm_error err;
    assert_int_equal(tcrm_user_add(db, "boss", &m, &err), 0);
    assert_int_equal(tcrm_user_add(db, "li", &s, &err), 0);
    assert_int_equal(tcrm_user_add(db, "wang", &s, &err), 0);
    assert_int_equal(tcrm_access_set_mode(db, 1, &err), 0);
    as("li");
    int64_t qli = quote(contact("Li's customer"));
    as("wang");
    int64_t qwang = quote(contact("Wang's customer"));
    struct tcrm_quote q;
    assert_int_equal(tcrm_quote_get(db, qli, &q, &err), TCRM_ENOTFOUND);
    assert_int_equal(tcrm_quote_get(db, qwang, &q, &err), 0);
    assert_string_equal(q.owner, "wang");
    tcrm_quote_clear(&q);
    as("boss");
    struct tcrm_quote *a;
    size_t n;
    assert_int_equal(tcrm_quote_list(db, -1, 0, 10, &a, &n, &err), 0);
    assert_int_equal(n, 2);
    tcrm_quote_array_free(a, n);
}

/* A draft's header: a stale read is a conflict, a contact the session
 * does not see is not found, nothing changed writes nothing. */
static void test_header(void **state)
{
    (void)state;
    struct tcrm_user_change s = { NULL, TCRM_ROLE_SALES, NULL, -1 };
    struct tcrm_error err;
    struct tcrm_quote q, stale;
    assert_int_equal(tcrm_user_add(db, "li", &s, &err), 0);
    assert_int_equal(tcrm_user_add(db, "wang", &s, &err), 0);
    assert_int_equal(tcrm_access_set_mode(db, 1, &err), 0);
    as("li");
    int64_t theirs = contact("Li's customer");
    as("wang");
    int64_t mine = contact("Wang's customer"), id = quote(mine);
    assert_int_equal(tcrm_quote_get(db, id, &q, &err), 0);
    assert_int_equal(tcrm_quote_get(db, id, &stale, &err), 0);
    int64_t v = q.version;
    assert_int_equal(tcrm_quote_update(db, &q, &err), 0);
    assert_int_equal(q.version, v);                 /* nothing changed */
    free(q.valid_until);
    q.valid_until = strdup("2027-01-31");
    assert_int_equal(tcrm_quote_update(db, &q, &err), 0);
    assert_int_equal(q.version, v + 1);
    free(stale.valid_until);
    stale.valid_until = strdup("2027-02-28");
    assert_int_equal(tcrm_quote_update(db, &stale, &err), TCRM_ECONFLICT);
    q.contact_id = theirs;
    assert_int_equal(tcrm_quote_update(db, &q, &err), TCRM_ENOTFOUND);
    tcrm_quote_clear(&q);
    tcrm_quote_clear(&stale);
    assert_int_equal(tcrm_quote_get(db, id, &q, &err), 0);
    assert_string_equal(q.valid_until, "2027-01-31");
    assert_int_equal(q.contact_id, mine);
    tcrm_quote_clear(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test_setup_teardown(test_products, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lines_and_states, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
