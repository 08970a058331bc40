/*
 * test_contact_export.c: the one-pass contact reader (contact_export.h)
 * gives, in both orders and with a tag filter, exactly the contacts
 * tcrm_contact_get gives, field by field: company (also a trashed one),
 * channels in display order after an update reordered them, tags in name
 * order without case, stamps; contacts in the trash are skipped and their
 * channels and tags do not leak into a neighbour; an empty table ends at
 * once; a search is refused with its message; the most channels of each
 * kind leaves out contacts in the trash; company names through the cache.
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

#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/contact_export.h"
#include "tcrm/db.h"

struct fx {
    char dir[64], path[96];
    struct tcrm_db *db;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/tcrm-cexport-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    struct tcrm_db_options o = { f->path, "ann", 1000, 0, NULL };
    struct tcrm_error err;
    if (tcrm_db_open(&o, &f->db, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char p[128];
    tcrm_db_close(f->db);
    const char *sfx[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, sfx[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* name, company, then (kind, value) pairs up to NULL, then tags up to NULL */
static int64_t add(struct tcrm_db *db, const char *name, const char *company,
                   const char *const *chans, const char *const *tags)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup(name);
    c.company = company ? strdup(company) : NULL;
    c.notes = strdup("line1\nline2, \"q\"");
    c.birthday = strdup("05-17");
    for (size_t i = 0; chans && chans[i]; i += 2)
        assert_int_equal(tcrm_contact_add_channel(&c,
            (enum tcrm_channel_kind)tcrm_channel_kind_parse(chans[i]),
            chans[i + 1]), 0);
    for (size_t i = 0; tags && tags[i]; i++)
        assert_int_equal(tcrm_strlist_add(&c.tags, tags[i]), 0);
    if (tcrm_contact_insert(db, &c, &err))
        fail_msg("insert %s: %s", name, err.msg);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static void same_str(const char *a, const char *b)
{
    assert_true((a == NULL) == (b == NULL));
    if (a)
        assert_string_equal(a, b);
}

static void same_contact(const struct tcrm_contact *x,
                         const struct tcrm_contact *y)
{
    assert_int_equal(x->id, y->id);
    assert_int_equal(x->version, y->version);
    assert_int_equal(x->company_id, y->company_id);
    assert_int_equal(x->import_batch, y->import_batch);
    const char *a[] = { x->name, x->company, x->title, x->department,
        x->address, x->city, x->birthday, x->source, x->notes, x->owner,
        x->last_interaction_at, x->next_followup_due, x->stamp.created_at,
        x->stamp.updated_at, x->stamp.created_by, x->stamp.updated_by };
    const char *b[] = { y->name, y->company, y->title, y->department,
        y->address, y->city, y->birthday, y->source, y->notes, y->owner,
        y->last_interaction_at, y->next_followup_due, y->stamp.created_at,
        y->stamp.updated_at, y->stamp.created_by, y->stamp.updated_by };
    for (size_t i = 0; i < sizeof a / sizeof *a; i++)
        same_str(a[i], b[i]);
    assert_int_equal(x->n_channels, y->n_channels);
    for (size_t i = 0; i < x->n_channels; i++) {
        assert_int_equal(x->channels[i].kind, y->channels[i].kind);
        assert_string_equal(x->channels[i].value, y->channels[i].value);
    }
    assert_int_equal(x->tags.n, y->tags.n);
    for (size_t i = 0; i < x->tags.n; i++)
        assert_string_equal(x->tags.items[i], y->tags.items[i]);
}

/* Walk the iterator; each contact must equal tcrm_contact_get's; the ids
 * come out in *ids (up to 64); returns how many. */
static size_t walk(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                   enum tcrm_contact_export_order order, int64_t *ids)
{
    struct tcrm_contact_export *it = NULL;
    struct tcrm_error err;
    struct tcrm_contact c, g;
    size_t n = 0;
    assert_int_equal(tcrm_contact_export_open(db, f, order, &it, &err), 0);
    int rc;
    while ((rc = tcrm_contact_export_next(it, &c, &err)) == 1) {
        assert_true(n < 64);
        ids[n++] = c.id;
        assert_int_equal(tcrm_contact_get(db, c.id, &g, &err), 0);
        same_contact(&c, &g);
        tcrm_contact_clear(&c);
        tcrm_contact_clear(&g);
    }
    assert_int_equal(rc, 0);
    assert_null(c.name);
    tcrm_contact_export_close(it);
    return n;
}

/* The ids tcrm_contact_list gives for f in name order. */
static size_t list_ids(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                       int64_t *ids)
{
    struct tcrm_contact_page pg;
    struct tcrm_error err;
    assert_int_equal(tcrm_contact_list(db, f, NULL, 0, 16, &pg, &err), 0);
    for (size_t i = 0; i < pg.n; i++)
        ids[i] = pg.rows[i].id;
    size_t n = pg.n;
    tcrm_contact_page_free(&pg);
    return n;
}

static void fill(struct tcrm_db *db, int64_t *trashed)
{
    static const char *const ch_a[] = { "email", "zoe@x.example", "mobile",
        "+1 555 0100", "web", "zoe.example", "email", "z2@x.example", NULL };
    static const char *const ch_b[] = { "fax", "010 5555 0101", NULL };
    static const char *const tg_a[] = { "vip", "Beijing", "alpha", NULL };
    static const char *const tg_b[] = { "vip", NULL };
    static const char *const tg_c[] = { "Zeta", "beta", NULL };
    struct tcrm_error err;
    add(db, "Zoe Zhang", "Acme", ch_a, tg_a);
    int64_t t = add(db, "Mia Trash", "Acme", ch_b, tg_c);
    add(db, "Adam Ant", NULL, NULL, NULL);
    int64_t b = add(db, "张伟", "华为", ch_b, tg_b);
    add(db, "Mia Moe", "Gone Ltd", ch_a, tg_c);
    add(db, "Bob Last", NULL, ch_b, NULL);
    assert_int_equal(tcrm_contact_delete(db, t, &err), 0);
    *trashed = t;
    /* reorder b's channels and give it more, through an update */
    struct tcrm_contact c;
    assert_int_equal(tcrm_contact_get(db, b, &c, &err), 0);
    assert_int_equal(tcrm_contact_add_channel(&c, TCRM_CH_MOBILE,
                                              "+86 138 0000 0000"), 0);
    struct tcrm_channel first = c.channels[0];
    c.channels[0] = c.channels[1];
    c.channels[1] = first;
    assert_int_equal(tcrm_contact_update(db, &c, &err), 0);
    tcrm_contact_clear(&c);
    /* a company in the trash: get shows no company name; so must we */
    struct tcrm_contact m;
    assert_int_equal(tcrm_contact_get(db, t + 3, &m, &err), 0);
    assert_int_equal(tcrm_company_delete(db, m.company_id, &err), 0);
    tcrm_contact_clear(&m);
}

static void test_orders(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    int64_t trashed, ids[64], want[64];
    fill(db, &trashed);
    size_t n = walk(db, NULL, TCRM_EXPORT_BY_NAME, ids);
    assert_int_equal(n, 5);
    assert_int_equal(list_ids(db, NULL, want), 5);
    assert_memory_equal(ids, want, n * sizeof *ids);
    n = walk(db, NULL, TCRM_EXPORT_BY_ID, ids);
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_true(ids[i] != trashed);
        if (i)
            assert_true(ids[i] > ids[i - 1]);
    }
    struct tcrm_error err;
    struct tcrm_contact g;
    assert_int_equal(tcrm_contact_get(db, trashed + 2, &g, &err), 0);
    assert_int_equal(g.n_channels, 2);      /* the update's new order */
    assert_int_equal(g.channels[0].kind, TCRM_CH_MOBILE);
    tcrm_contact_clear(&g);
}

static void test_tag_filter(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    int64_t trashed, ids[64], want[64];
    fill(db, &trashed);
    struct tcrm_contact_filter f = { NULL, "VIP", 0, TCRM_SORT_NAME };
    size_t n = walk(db, &f, TCRM_EXPORT_BY_NAME, ids);
    assert_int_equal(n, 2);
    assert_int_equal(list_ids(db, &f, want), 2);
    assert_memory_equal(ids, want, n * sizeof *ids);
    /* by id the channel and tag walks read every row and step over the
     * contacts left out (2 in the trash, 3 without the tag) */
    n = walk(db, &f, TCRM_EXPORT_BY_ID, ids);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], trashed - 1);
    assert_int_equal(ids[1], trashed + 2);
    f.tag = "beta";                         /* only on the trashed one... */
    n = walk(db, &f, TCRM_EXPORT_BY_ID, ids);
    assert_int_equal(n, 1);                 /* ...and on Mia Moe */
    f.tag = "nosuchtag";
    assert_int_equal(walk(db, &f, TCRM_EXPORT_BY_ID, ids), 0);
}

static void test_empty_and_search(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    int64_t ids[64];
    assert_int_equal(walk(db, NULL, TCRM_EXPORT_BY_NAME, ids), 0);
    struct tcrm_contact_filter f = { "anna", NULL, 0, TCRM_SORT_NAME };
    struct tcrm_contact_export *it = (struct tcrm_contact_export *)&f;
    struct tcrm_error err;
    assert_int_equal(tcrm_contact_export_open(db, &f, TCRM_EXPORT_BY_ID, &it,
                                              &err), TCRM_EINVAL);
    assert_null(it);
    assert_string_equal(err.msg, "contact export: search is not supported");
    tcrm_contact_export_close(NULL);
}

/* A set of ids, given three times to one iterator: the live ones of the
 * set, in id order, each equal to tcrm_contact_get's; the trashed one
 * and ids that are no contact left out; an empty set gives none. */
static void test_id_sets(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    int64_t trashed;
    fill(db, &trashed);
    struct tcrm_contact_export *it = NULL;
    struct tcrm_error err;
    struct tcrm_contact c, g;
    assert_int_equal(tcrm_contact_export_open_ids(db, &it, &err), 0);
    assert_int_equal(tcrm_contact_export_next(it, &c, &err), 0);
    const int64_t sets[3][4] = {
        { trashed + 3, trashed - 1, trashed, 999 },     /* 2 live */
        { trashed + 2, trashed + 1, 0, 0 },             /* 2, 0 is none */
        { 0, 0, 0, 0 },
    };
    const size_t lens[3] = { 4, 3, 0 }, want[3] = { 2, 2, 0 };
    for (int k = 0; k < 3; k++) {
        assert_int_equal(tcrm_contact_export_ids(it, sets[k], lens[k], &err),
                         0);
        size_t n = 0;
        int64_t last = 0;
        int rc;
        while ((rc = tcrm_contact_export_next(it, &c, &err)) == 1) {
            assert_true(c.id > last && c.id != trashed);
            last = c.id;
            assert_int_equal(tcrm_contact_get(db, c.id, &g, &err), 0);
            same_contact(&c, &g);
            tcrm_contact_clear(&c);
            tcrm_contact_clear(&g);
            n++;
        }
        assert_int_equal(rc, 0);
        assert_int_equal(n, want[k]);
    }
    tcrm_contact_export_close(it);
}

static void test_channel_max(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    int64_t trashed;
    size_t max[TCRM_CH_COUNT];
    struct tcrm_error err;
    assert_int_equal(tcrm_contact_export_channel_max(db, max, &err), 0);
    for (int k = 0; k < TCRM_CH_COUNT; k++)
        assert_int_equal(max[k], 0);
    fill(db, &trashed);
    assert_int_equal(tcrm_contact_export_channel_max(db, max, &err), 0);
    const size_t want[TCRM_CH_COUNT] = { 1, 0, 0, 1, 2, 1, 0 };
    assert_memory_equal(max, want, sizeof want);
    /* the two with two e-mails go to the trash: they count no more */
    assert_int_equal(tcrm_contact_delete(db, trashed - 1, &err), 0);
    assert_int_equal(tcrm_contact_delete(db, trashed + 3, &err), 0);
    assert_int_equal(tcrm_contact_export_channel_max(db, max, &err), 0);
    const size_t left[TCRM_CH_COUNT] = { 1, 0, 0, 1, 0, 0, 0 };
    assert_memory_equal(max, left, sizeof left);
}

/* Forty contacts in twenty companies, added out of company order: the
 * names come from the company cache (looked up on the first use, reused
 * after) the same in both orders. */
static void test_many_companies(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    char name[32], company[32];
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "Person %02d", i);
        snprintf(company, sizeof company, "Firm %d", i % 20 * 7 % 20);
        add(db, name, company, NULL, NULL);
    }
    int64_t ids[64];
    assert_int_equal(walk(db, NULL, TCRM_EXPORT_BY_ID, ids), 40);
    assert_int_equal(walk(db, NULL, TCRM_EXPORT_BY_NAME, ids), 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_orders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tag_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_search, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_id_sets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_channel_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_companies, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
