/*
 * test_dup.c: the duplicate check: e-mail, phone and name-at-company
 * reasons, the exact "why" text, self and trashed rows never candidates,
 * and tcrm_dup_first (the import's check) naming tcrm_dup_find's first.
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
#include "tcrm/dup.h"

struct fx {
    struct tcrm_db *db;
    int64_t anna, bob, solo, gone;
};

static int64_t add(struct tcrm_db *db, const char *name, const char *company,
                   const char *phone, const char *email)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup(name);
    c.company = company ? strdup(company) : NULL;
    if (phone)
        tcrm_contact_add_channel(&c, TCRM_CH_WORK, phone);
    if (email)
        tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, email);
    if (tcrm_contact_insert(db, &c, &err))
        fail_msg("insert %s: %s", name, err.msg);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct tcrm_error err;
    if (!f || fixture_open("ann"))
        return -1;
    f->db = db;
    f->anna = add(f->db, "Anna Silva", "Acme Ltd", "+86 138 0000 0000", "anna@acme.com");
    f->bob = add(f->db, "Bob Stone", "Globex", "+1 555 123 4567", "bob@globex.com");
    f->solo = add(f->db, "Carla Dias", NULL, NULL, NULL);
    f->gone = add(f->db, "Dan Gone", NULL, "+49 30 1234 5678", "dan@gone.de");
    if (tcrm_contact_delete(f->db, f->gone, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return fixture_close();
}

struct probe {
    const char *name, *company, *phone, *email;
    int who;            /* 0 none, 1 anna, 2 bob, 3 solo */
    int reasons;
    const char *why;
};

/* tcrm_dup_first, given c's company as the import resolves it, names the
 * first candidate of list l (0 when l is empty). */
static void check_first(struct tcrm_db *db, const struct tcrm_contact *c,
                        const struct tcrm_dup_list *l)
{
    struct tcrm_error err;
    int64_t co = c->company_id, first = -1;
    if (!co && !tcrm_str_empty(c->company)) {
        assert_int_equal(tcrm_company_find(db, c->company, &co, &err), 0);
        co = co ? co : TCRM_DUP_NEW_COMPANY;
    }
    assert_int_equal(tcrm_dup_first(db, c, co, &first, &err), 0);
    assert_int_equal(first, l->n ? l->items[0].id : 0);
}

static void test_reasons(void **state)
{
    struct fx *f = *state;
    static const struct probe probes[] = {
        { "Silva, Anna", "ACME", "138-0000-0000", " Anna@ACME.com ", 1,
          TCRM_DUP_EMAIL | TCRM_DUP_PHONE | TCRM_DUP_NAME,
          "same e-mail anna@acme.com; same phone +86 138 0000 0000; same name at Acme Ltd" },
        { "Someone", NULL, NULL, "anna@acme.com", 1, TCRM_DUP_EMAIL,
          "same e-mail anna@acme.com" },
        { "Someone", NULL, "(555) 123-4567", NULL, 2, TCRM_DUP_PHONE,
          "same phone +1 555 123 4567" },
        { "anna  SILVA", "Acme", NULL, NULL, 1, TCRM_DUP_NAME, "same name at Acme Ltd" },
        { "Dias Carla", NULL, NULL, NULL, 3, TCRM_DUP_NAME, "same name" },
        /* same name, other company or no company: not a duplicate */
        { "Anna Silva", "Globex", NULL, NULL, 0, 0, NULL },
        { "Anna Silva", NULL, NULL, NULL, 0, 0, NULL },
        { "Carla Dias", "Newco", NULL, NULL, 0, 0, NULL },
        /* the same last 9 digits: the same number with or without its
         * country code, but not another country's number */
        { "Someone", NULL, "+86 13800000000", NULL, 1, TCRM_DUP_PHONE,
          "same phone +86 138 0000 0000" },
        { "Lars Berg", NULL, "+46 8 000 000 00", NULL, 0, 0, NULL },
        /* short phones have no key; trashed contacts are never candidates */
        { "X", NULL, "4567", NULL, 0, 0, NULL },
        { "Dan Gone", NULL, "+49 30 1234 5678", "dan@gone.de", 0, 0, NULL },
    };
    int64_t ids[4] = { 0, f->anna, f->bob, f->solo };
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
        const struct probe *p = &probes[i];
        struct tcrm_contact c;
        struct tcrm_dup_list l;
        struct tcrm_error err;
        tcrm_contact_init(&c);
        c.name = strdup(p->name);
        c.company = p->company ? strdup(p->company) : NULL;
        if (p->phone)
            tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, p->phone);
        if (p->email)
            tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, p->email);
        assert_int_equal(tcrm_dup_find(f->db, &c, &l, &err), 0);
        check_first(f->db, &c, &l);
        if (!p->who) {
            if (l.n)
                fail_msg("probe %zu: unexpected candidate %s", i, l.items[0].why);
        } else {
            assert_int_equal(l.n, 1);
            assert_int_equal(l.items[0].id, ids[p->who]);
            assert_int_equal(l.items[0].reasons, p->reasons);
            assert_string_equal(l.items[0].why, p->why);
        }
        tcrm_dup_list_free(&l);
        tcrm_contact_clear(&c);
    }
    tcrm_dup_list_free(NULL);
}

static void test_self_and_many(void **state)
{
    struct fx *f = *state;
    struct tcrm_contact c;
    struct tcrm_dup_list l;
    struct tcrm_error err;
    assert_int_equal(tcrm_contact_get(f->db, f->anna, &c, &err), 0);
    assert_int_equal(tcrm_dup_find(f->db, &c, &l, &err), 0);
    assert_int_equal(l.n, 0);                    /* never its own candidate */
    check_first(f->db, &c, &l);
    tcrm_dup_list_free(&l);
    /* two candidates, each with its own reasons, name and company */
    tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, "bob@globex.com");
    c.id = 0;
    assert_int_equal(tcrm_dup_find(f->db, &c, &l, &err), 0);
    assert_int_equal(l.n, 2);
    check_first(f->db, &c, &l);
    assert_int_equal(l.items[0].id, f->anna);
    assert_string_equal(l.items[0].name, "Anna Silva");
    assert_string_equal(l.items[0].company, "Acme Ltd");
    assert_int_equal(l.items[1].id, f->bob);
    assert_string_equal(l.items[1].name, "Bob Stone");
    assert_string_equal(l.items[1].company, "Globex");
    assert_string_equal(l.items[1].why, "same e-mail bob@globex.com");
    tcrm_dup_list_free(&l);
    tcrm_contact_clear(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_and_many, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
