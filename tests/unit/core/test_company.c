/*
 * test_company.c: companies on a temporary database: insert/get/update/
 * delete, name-key uniqueness, find/find_or_add, version conflicts, tags,
 * n_contacts, validation messages, and keyset paging with search and tag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/db.h"

struct fx {
    struct tcrm_db *db;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f || fixture_open("ann"))
        return -1;
    f->db = db;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return fixture_close();
}

static int64_t add(struct tcrm_db *db, const char *name, const char *tag)
{
    struct tcrm_company c;
    struct tcrm_error err;
    tcrm_company_init(&c);
    c.name = strdup(name);
    if (tag)
        tcrm_strlist_add(&c.tags, tag);
    if (tcrm_company_insert(db, &c, &err))
        fail_msg("insert %s: %s", name, err.msg);
    int64_t id = c.id;
    tcrm_company_clear(&c);
    return id;
}

static void test_crud(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    struct tcrm_company c, g, stale;
    tcrm_company_init(&c);
    c.name = strdup("Acme Ltd");
    c.industry = strdup("Anvils");
    c.email = strdup("info@acme.com");
    c.phone = strdup("+1 555 0100");
    tcrm_strlist_add(&c.tags, "supplier");
    assert_int_equal(tcrm_company_insert(db, &c, &err), 0);
    assert_int_equal(c.version, 1);
    assert_int_equal(tcrm_company_get(db, c.id, &g, &err), 0);
    assert_string_equal(g.name, "Acme Ltd");
    assert_string_equal(g.industry, "Anvils");
    assert_string_equal(g.email, "info@acme.com");
    assert_string_equal(g.tags.items[0], "supplier");
    assert_string_equal(g.stamp.created_by, "ann");
    assert_int_equal(g.n_contacts, 0);

    /* same name key: refused, naming the existing one */
    struct tcrm_company d;
    tcrm_company_init(&d);
    d.name = strdup("ACME");
    assert_int_equal(tcrm_company_insert(db, &d, &err), TCRM_EDUP);
    char want[160];
    snprintf(want, sizeof want, "company 'ACME' already exists (id %lld)", (long long)c.id);
    assert_string_equal(err.msg, want);
    int64_t id;
    assert_int_equal(tcrm_company_find(db, "acme, ltd.", &id, &err), 0);
    assert_int_equal(id, c.id);
    assert_int_equal(tcrm_company_find(db, "Globex", &id, &err), 0);
    assert_int_equal(id, 0);
    assert_int_equal(tcrm_company_find_or_add(db, "Globex", &id, &err), 0);
    assert_true(id > c.id);
    int64_t again;
    assert_int_equal(tcrm_company_find_or_add(db, "GLOBEX", &again, &err), 0);
    assert_int_equal(again, id);
    /* renaming onto another's key is refused too */
    assert_int_equal(tcrm_company_get(db, id, &stale, &err), 0);
    free(stale.name);
    stale.name = strdup("Acme Inc");
    assert_int_equal(tcrm_company_update(db, &stale, &err), TCRM_EDUP);
    tcrm_company_clear(&stale);

    /* update and a stale update */
    assert_int_equal(tcrm_company_get(db, c.id, &stale, &err), 0);
    free(g.city);
    g.city = strdup("Springfield");
    tcrm_strlist_clear(&g.tags);
    assert_int_equal(tcrm_company_update(db, &g, &err), 0);
    assert_int_equal(g.version, 2);
    tcrm_company_clear(&g);
    assert_int_equal(tcrm_company_get(db, c.id, &g, &err), 0);
    assert_string_equal(g.city, "Springfield");
    assert_int_equal(g.tags.n, 0);
    assert_int_equal(tcrm_company_update(db, &stale, &err), TCRM_ECONFLICT);
    snprintf(want, sizeof want, "company %lld was changed by ann at %s since you read it",
             (long long)c.id, g.stamp.updated_at);
    assert_string_equal(err.msg, want);

    /* contacts count; delete keeps contacts pointing at it */
    struct tcrm_contact k;
    tcrm_contact_init(&k);
    k.name = strdup("Wile");
    k.company_id = c.id;
    assert_int_equal(tcrm_contact_insert(db, &k, &err), 0);
    tcrm_company_clear(&g);
    assert_int_equal(tcrm_company_get(db, c.id, &g, &err), 0);
    assert_int_equal(g.n_contacts, 1);
    assert_int_equal(tcrm_company_delete(db, c.id, &err), 0);
    tcrm_company_clear(&g);
    assert_int_equal(tcrm_company_get(db, c.id, &g, &err), TCRM_ENOTFOUND);
    snprintf(want, sizeof want, "company %lld: not found", (long long)c.id);
    assert_string_equal(err.msg, want);
    assert_int_equal(tcrm_company_delete(db, c.id, &err), TCRM_ENOTFOUND);
    struct tcrm_contact kk;
    assert_int_equal(tcrm_contact_get(db, k.id, &kk, &err), 0);
    assert_int_equal(kk.company_id, c.id);
    assert_null(kk.company);                 /* hidden while in the trash */
    /* the name is free again once the old one is in the trash */
    assert_int_equal(tcrm_company_insert(db, &d, &err), 0);
    tcrm_contact_clear(&kk);
    tcrm_contact_clear(&k);
    tcrm_company_clear(&stale);
    tcrm_company_clear(&g);
    tcrm_company_clear(&d);
    tcrm_company_clear(&c);
}

struct bad { const char *name, *email, *phone, *msg; };

static void test_validation(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    static const struct bad cases[] = {
        { NULL, NULL, NULL, "name: required" },
        { " \t", NULL, NULL, "name: required" },
        { "A", "a@", NULL, "e-mail 'a@': not a valid address" },
        { "A", NULL, "12", "phone '12': not a valid number" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct tcrm_company c;
        struct tcrm_error err;
        tcrm_company_init(&c);
        c.name = cases[i].name ? strdup(cases[i].name) : NULL;
        c.email = cases[i].email ? strdup(cases[i].email) : NULL;
        c.phone = cases[i].phone ? strdup(cases[i].phone) : NULL;
        assert_int_equal(tcrm_company_insert(db, &c, &err), TCRM_EINVAL);
        assert_string_equal(err.msg, cases[i].msg);
        tcrm_company_clear(&c);
    }
    int64_t n;
    assert_int_equal(tcrm_company_count(db, NULL, NULL, &n, NULL), 0);
    assert_int_equal(n, 0);
}

/* Page through with page size lim both ways; return the names seen. */
static size_t walk(struct tcrm_db *db, const char *search, const char *tag,
                   size_t lim, int64_t *ids)
{
    struct tcrm_company_row cur = { 0 };
    struct tcrm_error err;
    size_t n = 0;
    for (int first = 1;; first = 0) {
        struct tcrm_company_page p;
        assert_int_equal(tcrm_company_list(db, search, tag, first ? NULL : &cur, 0,
                                           lim, &p, &err), 0);
        for (size_t i = 0; i < p.n; i++) {
            ids[n++] = p.rows[i].id;
            assert_true(i == 0 || strcmp(p.rows[i - 1].sort_key, p.rows[i].sort_key) <= 0);
        }
        if (p.n) {
            free(cur.sort_key);
            cur = (struct tcrm_company_row){ .id = p.rows[p.n - 1].id,
                                             .sort_key = strdup(p.rows[p.n - 1].sort_key) };
        }
        int more = p.more;
        tcrm_company_page_free(&p);
        if (!more)
            break;
    }
    size_t back = n;
    for (int first = 1;; first = 0) {
        struct tcrm_company_page p;
        assert_int_equal(tcrm_company_list(db, search, tag, first ? NULL : &cur, 1,
                                           lim, &p, &err), 0);
        assert_true(p.n <= back);
        back -= p.n;
        for (size_t i = 0; i < p.n; i++)
            assert_int_equal(p.rows[i].id, ids[back + i]);
        if (p.n) {
            free(cur.sort_key);
            cur = (struct tcrm_company_row){ .id = p.rows[0].id,
                                             .sort_key = strdup(p.rows[0].sort_key) };
        }
        int more = p.more;
        tcrm_company_page_free(&p);
        if (!more)
            break;
    }
    assert_int_equal(back, 0);
    free(cur.sort_key);
    int64_t cnt;
    assert_int_equal(tcrm_company_count(db, search, tag, &cnt, &err), 0);
    assert_int_equal(cnt, (int64_t)n);
    return n;
}

static void test_list(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    static const char *words[] = { "Alpha", "Beta", "Gamma", "Delta", "Épsilon",
                                   "华为", "Zeta_%" };
    char name[64];
    for (int i = 0; i < 140; i++) {
        snprintf(name, sizeof name, "%s %d", words[i % 7], i);
        add(db, name, i % 3 == 0 ? "three" : NULL);
    }
    int64_t ids[200];
    assert_int_equal(walk(db, NULL, NULL, 9, ids), 140);
    assert_int_equal(walk(db, NULL, NULL, 1000, ids), 140);
    assert_int_equal(walk(db, "EPSILON", NULL, 3, ids), 20);
    assert_int_equal(walk(db, "华为", NULL, 7, ids), 20);
    assert_int_equal(walk(db, "_%", NULL, 7, ids), 20);     /* LIKE characters literal */
    assert_int_equal(walk(db, "a 1", NULL, 4, ids), 28);
    assert_int_equal(walk(db, NULL, "THREE", 5, ids), 47);
    assert_int_equal(walk(db, "beta", "three", 5, ids), 6);
    assert_int_equal(walk(db, NULL, "none", 5, ids), 0);
    /* rows carry their fields */
    struct tcrm_company_page p;
    assert_int_equal(tcrm_company_list(db, "alpha 0", NULL, NULL, 0, 5, &p, NULL), 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.rows[0].name, "Alpha 0");
    assert_int_equal(p.rows[0].n_contacts, 0);
    assert_int_equal(p.more, 0);
    tcrm_company_page_free(&p);
    tcrm_company_page_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crud, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
