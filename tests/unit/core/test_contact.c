/*
 * test_contact.c: contacts on a temporary database: insert/get/update/
 * delete, version conflicts, channels and tags, validation messages,
 * merge/unmerge, keyset paging in every sort order, and bulk adds
 * (bulk.h: its duplicate check agrees with dup.h; rows, tags, batch
 * records, the deferred search index, undo).
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

#include "tcrm/bulk.h"
#include "tcrm/company.h"
#include "tcrm/dup.h"
#include "tcrm/import_batch.h"
#include "tcrm/search.h"
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

static int64_t add(struct tcrm_db *db, const char *name, const char *company,
                   const char *title, const char *tag)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup(name);
    c.company = company ? strdup(company) : NULL;
    c.title = title ? strdup(title) : NULL;
    if (tag)
        tcrm_strlist_add(&c.tags, tag);
    int rc = tcrm_contact_insert(db, &c, &err);
    if (rc)
        fail_msg("insert %s: %s", name, err.msg);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static void test_crud(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    struct tcrm_contact c, g;
    tcrm_contact_init(&c);
    c.name = strdup("  Anna Silva ");
    c.company = strdup("Acme Ltd");
    c.title = strdup("CEO");
    c.birthday = strdup("1980-02-29");
    c.notes = strdup("likes tea");
    assert_int_equal(tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, "anna@acme.com"), 0);
    assert_int_equal(tcrm_contact_add_channel(&c, TCRM_CH_WORK, "+1 555 0100 200"), 0);
    assert_int_equal(tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, "+86 138 0000 0000"), 0);
    assert_int_equal(tcrm_contact_add_channel(&c, TCRM_CH_WEB, "acme.com"), 0);
    tcrm_strlist_add(&c.tags, "vip");
    tcrm_strlist_add(&c.tags, "Beijing");
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    assert_true(c.id > 0);
    assert_int_equal(c.version, 1);
    assert_true(c.company_id > 0);
    assert_string_equal(tcrm_contact_phone(&c), "+86 138 0000 0000");
    assert_string_equal(tcrm_contact_email(&c), "anna@acme.com");

    assert_int_equal(tcrm_contact_get(db, c.id, &g, &err), 0);
    assert_string_equal(g.name, "Anna Silva");
    assert_string_equal(g.company, "Acme Ltd");
    assert_int_equal(g.company_id, c.company_id);
    assert_string_equal(g.title, "CEO");
    assert_string_equal(g.birthday, "1980-02-29");
    assert_int_equal(g.n_channels, 4);
    assert_int_equal(g.channels[0].kind, TCRM_CH_EMAIL);
    assert_string_equal(g.channels[1].value, "+1 555 0100 200");
    assert_int_equal(g.channels[3].kind, TCRM_CH_WEB);
    assert_int_equal(g.tags.n, 2);
    assert_true(tcrm_strlist_has(&g.tags, "VIP"));
    assert_string_equal(g.stamp.created_by, "ann");
    assert_int_equal(g.version, 1);

    /* update: fields, channels and tags replaced; version goes up */
    free(g.title);
    g.title = strdup("CTO");
    free(g.channels[0].value);
    g.channels[0].value = strdup("anna@new.org");
    g.n_channels = 1;          /* the rest are freed below by hand */
    tcrm_strlist_clear(&g.tags);
    tcrm_strlist_add(&g.tags, "partner");
    struct tcrm_contact stale;
    assert_int_equal(tcrm_contact_get(db, c.id, &stale, &err), 0);
    for (size_t i = 1; i < 4; i++)
        free(g.channels[i].value);
    assert_int_equal(tcrm_contact_update(db, &g, &err), 0);
    assert_int_equal(g.version, 2);
    tcrm_contact_clear(&g);
    assert_int_equal(tcrm_contact_get(db, c.id, &g, &err), 0);
    assert_string_equal(g.title, "CTO");
    assert_int_equal(g.n_channels, 1);
    assert_string_equal(g.channels[0].value, "anna@new.org");
    assert_int_equal(g.tags.n, 1);
    assert_string_equal(g.tags.items[0], "partner");

    /* stale version: conflict naming who and when */
    assert_int_equal(tcrm_contact_update(db, &stale, &err), TCRM_ECONFLICT);
    char want[200];
    snprintf(want, sizeof want, "contact %lld was changed by ann at %s since you read it",
             (long long)c.id, g.stamp.updated_at);
    assert_string_equal(err.msg, want);

    /* delete: gone for get, update and a second delete */
    assert_int_equal(tcrm_contact_delete(db, c.id, &err), 0);
    tcrm_contact_clear(&stale);
    assert_int_equal(tcrm_contact_get(db, c.id, &stale, &err), TCRM_ENOTFOUND);
    snprintf(want, sizeof want, "contact %lld: not found", (long long)c.id);
    assert_string_equal(err.msg, want);
    assert_int_equal(tcrm_contact_update(db, &g, &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, want);
    assert_int_equal(tcrm_contact_delete(db, c.id, &err), TCRM_ENOTFOUND);
    tcrm_contact_clear(&g);
    tcrm_contact_clear(&c);
}

static void test_company_link(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    int64_t a = add(db, "Bob", "ACME", NULL, NULL);
    int64_t b = add(db, "Carl", "Acme Ltd.", NULL, NULL);
    struct tcrm_contact x, y;
    assert_int_equal(tcrm_contact_get(db, a, &x, &err), 0);
    assert_int_equal(tcrm_contact_get(db, b, &y, &err), 0);
    assert_int_equal(x.company_id, y.company_id);   /* same name key */
    /* company_id wins over a name */
    free(y.company);
    y.company = strdup("Other Corp");
    y.company_id = x.company_id;
    assert_int_equal(tcrm_contact_update(db, &y, &err), 0);
    assert_int_equal(y.company_id, x.company_id);
    y.company_id = 999;
    assert_int_equal(tcrm_contact_update(db, &y, &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "company 999: not found");
    tcrm_contact_clear(&x);
    tcrm_contact_clear(&y);
}

struct bad { const char *name, *email, *phone, *birthday, *msg; };

static void test_validation(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    static const struct bad cases[] = {
        { NULL, NULL, NULL, NULL, "name: required" },
        { "   ", NULL, NULL, NULL, "name: required" },
        { "A", "bob@", NULL, NULL, "e-mail 'bob@': not a valid address" },
        { "A", "", NULL, NULL, "email: empty value" },
        { "A", NULL, "12", NULL, "phone '12': not a valid number" },
        { "A", NULL, "call me", NULL, "phone 'call me': not a valid number" },
        { "A", NULL, NULL, "2023-02-29", "birthday '2023-02-29': not a date (YYYY-MM-DD or MM-DD)" },
        { "A", NULL, NULL, "13-01", "birthday '13-01': not a date (YYYY-MM-DD or MM-DD)" },
        { "A", NULL, NULL, "1990-1-1", "birthday '1990-1-1': not a date (YYYY-MM-DD or MM-DD)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct tcrm_contact c;
        struct tcrm_error err;
        tcrm_contact_init(&c);
        c.name = cases[i].name ? strdup(cases[i].name) : NULL;
        c.birthday = cases[i].birthday ? strdup(cases[i].birthday) : NULL;
        if (cases[i].email)
            tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, cases[i].email);
        if (cases[i].phone)
            tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, cases[i].phone);
        assert_int_equal(tcrm_contact_insert(db, &c, &err), TCRM_EINVAL);
        assert_string_equal(err.msg, cases[i].msg);
        tcrm_contact_clear(&c);
    }
    struct tcrm_contact_filter f = { 0 };
    int64_t n;
    assert_int_equal(tcrm_contact_count(db, &f, &n, NULL), 0);
    assert_int_equal(n, 0);       /* nothing stored */
    struct tcrm_contact ok;
    tcrm_contact_init(&ok);
    ok.name = strdup("A");
    ok.birthday = strdup("02-29");
    assert_int_equal(tcrm_contact_validate(&ok, NULL), 0);
    tcrm_contact_clear(&ok);
    assert_int_equal(tcrm_channel_kind_parse("e-mail"), TCRM_CH_EMAIL);
    assert_int_equal(tcrm_channel_kind_parse("phone"), TCRM_CH_WORK);
    assert_int_equal(tcrm_channel_kind_parse("Mobile"), TCRM_CH_MOBILE);
    assert_int_equal(tcrm_channel_kind_parse("pager"), -1);
    assert_string_equal(tcrm_channel_kind_name(TCRM_CH_IM), "im");
}

static void test_merge_unmerge(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    struct tcrm_contact c, in, g;
    tcrm_contact_init(&c);
    c.name = strdup("Anna Silva");
    c.title = strdup("CEO");
    tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, "+86 138 0000 0000");
    tcrm_strlist_add(&c.tags, "vip");
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);

    tcrm_contact_init(&in);
    in.name = strdup("Anna Silva");
    in.title = strdup("Boss");               /* not overwritten */
    in.city = strdup("Lisbon\tOld town\n2");  /* filled; escapes round trip */
    in.company = strdup("Acme");
    tcrm_contact_add_channel(&in, TCRM_CH_WORK, "138-0000-0000");  /* same key */
    tcrm_contact_add_channel(&in, TCRM_CH_EMAIL, "anna@acme.com");
    tcrm_strlist_add(&in.tags, "VIP");
    tcrm_strlist_add(&in.tags, "import");
    struct tcrm_strbuf before;
    tcrm_strbuf_init(&before);
    int64_t v = 0;
    assert_int_equal(tcrm_contact_merge(db, c.id, &in, &before, &v, &err), 0);
    assert_int_equal(v, 2);
    assert_int_equal(tcrm_contact_get(db, c.id, &g, &err), 0);
    assert_string_equal(g.title, "CEO");
    assert_string_equal(g.city, "Lisbon\tOld town\n2");
    assert_string_equal(g.company, "Acme");
    assert_int_equal(g.n_channels, 2);
    assert_string_equal(g.channels[1].value, "anna@acme.com");
    assert_int_equal(g.tags.n, 2);
    tcrm_contact_clear(&g);

    /* unmerge with a wrong version is refused; the right one restores */
    assert_int_equal(tcrm_contact_unmerge(db, c.id, before.buf, 1, &err), TCRM_ECONFLICT);
    assert_non_null(strstr(err.msg, "was changed by ann at"));
    assert_int_equal(tcrm_contact_unmerge(db, c.id, before.buf, v, &err), 0);
    assert_int_equal(tcrm_contact_get(db, c.id, &g, &err), 0);
    assert_null(g.city);
    assert_null(g.company);
    assert_int_equal(g.company_id, 0);
    assert_string_equal(g.title, "CEO");
    assert_int_equal(g.n_channels, 1);
    assert_string_equal(g.channels[0].value, "+86 138 0000 0000");
    assert_int_equal(g.tags.n, 1);
    assert_string_equal(g.tags.items[0], "vip");
    assert_int_equal(g.version, 3);
    /* a bad record */
    assert_int_equal(tcrm_contact_unmerge(db, c.id, "colour=red\n", 3, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "merge record: unknown field 'colour'");
    assert_int_equal(tcrm_contact_merge(db, 4242, &in, NULL, NULL, &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "contact 4242: not found");
    tcrm_contact_clear(&g);
    tcrm_contact_clear(&in);
    tcrm_contact_clear(&c);
    tcrm_strbuf_free(&before);
}

/* ---- paging --------------------------------------------------------- */

static const char *order_sql[] = {
    "SELECT id FROM contacts WHERE deleted_at IS NULL%s ORDER BY sort_key, id",
    "SELECT id FROM contacts WHERE deleted_at IS NULL%s ORDER BY company_sort, id",
    "SELECT id FROM contacts WHERE deleted_at IS NULL%s ORDER BY title_sort, id",
    "SELECT id FROM contacts WHERE deleted_at IS NULL%s ORDER BY"
    " last_interaction_at IS NOT NULL, last_interaction_at, id",
};

static size_t expected(struct tcrm_db *db, int sort, const char *filter, int64_t *ids)
{
    char sql[400];
    snprintf(sql, sizeof sql, order_sql[sort], filter);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void copy_row(struct tcrm_contact_row *dst, const struct tcrm_contact_row *src)
{
    *dst = (struct tcrm_contact_row){ 0 };
    dst->id = src->id;
    dst->tier = src->tier;
    dst->cursor_key = strdup(src->cursor_key);
}

/* Page through f forwards and backwards with page size lim; compare. */
static void check_paging(struct tcrm_db *db, struct tcrm_contact_filter *f,
                         const int64_t *want, size_t n_want, size_t lim)
{
    int64_t *got = calloc(n_want + 1, sizeof *got);
    size_t n = 0;
    struct tcrm_contact_row cur = { 0 };
    struct tcrm_error err;
    for (int first = 1;; first = 0) {
        struct tcrm_contact_page p;
        assert_int_equal(tcrm_contact_list(db, f, first ? NULL : &cur, 0, lim, &p, &err), 0);
        assert_true(n + p.n <= n_want);
        for (size_t i = 0; i < p.n; i++)
            got[n++] = p.rows[i].id;
        if (p.n) {
            free(cur.cursor_key);
            copy_row(&cur, &p.rows[p.n - 1]);
        }
        int more = p.more;
        assert_true(more ? p.n == lim : 1);
        tcrm_contact_page_free(&p);
        if (!more)
            break;
    }
    assert_int_equal(n, n_want);
    assert_memory_equal(got, want, n * sizeof *got);
    /* backwards from the end */
    n = n_want;
    for (int first = 1;; first = 0) {
        struct tcrm_contact_page p;
        assert_int_equal(tcrm_contact_list(db, f, first ? NULL : &cur, 1, lim, &p, &err), 0);
        assert_true(p.n <= n);
        n -= p.n;
        for (size_t i = 0; i < p.n; i++)
            assert_int_equal(p.rows[i].id, want[n + i]);
        if (p.n) {
            free(cur.cursor_key);
            copy_row(&cur, &p.rows[0]);
        }
        int more = p.more;
        tcrm_contact_page_free(&p);
        if (!more)
            break;
    }
    assert_int_equal(n, 0);
    free(cur.cursor_key);
    free(got);
}

static void test_paging(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    static const char *first[] = { "Anna", "Bob", "Zoë", "Émile", "张", "李", "anna" };
    static const char *companies[] = { NULL, "Acme", "Globex", "华为", "Initech" };
    static const char *titles[] = { NULL, NULL, "CEO", "Engineer", "工程师" };
    struct tcrm_error err;
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    for (int i = 0; i < 500; i++) {
        char name[64];
        /* many repeated names, companies and titles: equal keys span pages */
        snprintf(name, sizeof name, "%s %d", first[i % 7], (i * 37) % 60);
        add(db, name, companies[i % 5], titles[(i / 3) % 5], i % 4 == 0 ? "even" : NULL);
    }
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(tcrm_db_exec(db, "UPDATE contacts SET last_interaction_at ="
        " '2026-0' || (1 + id % 9) || '-01 10:00' WHERE id % 3 <> 0;"
        " UPDATE contacts SET deleted_at = '2026-01-01' WHERE id % 50 = 7", &err), 0);
    int64_t *want = calloc(600, sizeof *want);
    int64_t acme;
    assert_int_equal(tcrm_company_find(db, "ACME", &acme, &err), 0);
    assert_true(acme > 0);
    char cofilter[64];
    snprintf(cofilter, sizeof cofilter, " AND company_id = %lld", (long long)acme);
    for (int sort = 0; sort < 4; sort++) {
        struct tcrm_contact_filter f = { NULL, NULL, 0, (enum tcrm_contact_sort)sort };
        size_t n = expected(db, sort, "", want);
        assert_int_equal(n, 490);
        check_paging(db, &f, want, n, 23);
        check_paging(db, &f, want, n, 1);
        check_paging(db, &f, want, n, 1000);
        f.tag = "EVEN";
        n = expected(db, sort, " AND id IN (SELECT entity_id FROM taggings)", want);
        assert_int_equal(n, 120);
        check_paging(db, &f, want, n, 17);
        f.tag = NULL;
        f.company_id = acme;
        n = expected(db, sort, cofilter, want);
        assert_int_equal(n, 90);
        check_paging(db, &f, want, n, 10);
        int64_t cnt;
        assert_int_equal(tcrm_contact_count(db, &f, &cnt, &err), 0);
        assert_int_equal(cnt, (int64_t)n);
    }
    /* an unknown tag is an empty list, not an error */
    struct tcrm_contact_filter f = { NULL, "nope", 0, TCRM_SORT_NAME };
    struct tcrm_contact_page p;
    assert_int_equal(tcrm_contact_list(db, &f, NULL, 0, 10, &p, &err), 0);
    assert_int_equal(p.n, 0);
    assert_int_equal(p.more, 0);
    tcrm_contact_page_free(&p);
    /* row contents */
    f.tag = NULL;
    assert_int_equal(tcrm_contact_list(db, &f, NULL, 0, 1, &p, &err), 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.rows[0].name, "Anna 0");
    assert_int_equal(p.more, 1);
    tcrm_contact_page_free(&p);
    tcrm_contact_page_free(NULL);
    free(want);
}

/* A list row's phone and e-mail (contact_list.c picks them from all the
 * channels in one string): the phone by kind (mobile, work, home, fax)
 * then position, the first e-mail; values holding the string's own
 * separators (",", ":", digits) do not confuse it. */
static void test_list_channels(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    static const struct { enum tcrm_channel_kind k; const char *v; } ch[3][6] = {
        { { TCRM_CH_EMAIL, "b@x.com" }, { TCRM_CH_WORK, "+1 555 0100 200" },
          { TCRM_CH_IM, "12,3,mobile:9" }, { TCRM_CH_WEB, "x.com/a:b,c" },
          { TCRM_CH_MOBILE, "+86 138 0000 0000" }, { TCRM_CH_EMAIL, "a@x.com" } },
        { { TCRM_CH_FAX, "+1 555 0100 201" }, { TCRM_CH_HOME, "+1 555 0100 202" },
          { TCRM_CH_FAX, "+1 555 0100 203" } },
        { { TCRM_CH_IM, "5,email:z@z.z" } },
    };
    static const char *const want[3][2] = {
        { "+86 138 0000 0000", "b@x.com" }, { "+1 555 0100 202", NULL },
        { NULL, NULL },
    };
    struct tcrm_error err;
    for (int i = 0; i < 3; i++) {
        struct tcrm_contact c;
        tcrm_contact_init(&c);
        c.name = strdup(i == 0 ? "Ann" : i == 1 ? "Bob" : "Cat");
        for (int j = 0; j < 6 && ch[i][j].v; j++)
            assert_int_equal(tcrm_contact_add_channel(&c, ch[i][j].k, ch[i][j].v), 0);
        assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
        tcrm_contact_clear(&c);
    }
    struct tcrm_contact_page p;
    assert_int_equal(tcrm_contact_list(db, NULL, NULL, 0, 10, &p, &err), 0);
    assert_int_equal(p.n, 3);
    for (int i = 0; i < 3; i++) {
        if (want[i][0])
            assert_string_equal(p.rows[i].phone, want[i][0]);
        else
            assert_null(p.rows[i].phone);
        if (want[i][1])
            assert_string_equal(p.rows[i].email, want[i][1]);
        else
            assert_null(p.rows[i].email);
    }
    tcrm_contact_page_free(&p);
}

/* ---- bulk adds (bulk.h) ---------------------------------------------- */

static void test_bulk_outside_tx(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    struct tcrm_bulk *b = (struct tcrm_bulk *)1;
    assert_int_equal(tcrm_bulk_open(db, 1, &b, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "bulk add: not inside a transaction");
    assert_null(b);
    tcrm_bulk_close(NULL);
}

static void card(struct tcrm_contact *c, const char *name, const char *company,
                 const char *email, const char *phone, const char *tag)
{
    tcrm_contact_init(c);
    c->name = strdup(name);
    c->company = company ? strdup(company) : NULL;
    if (email)
        assert_int_equal(tcrm_contact_add_channel(c, TCRM_CH_EMAIL, email), 0);
    if (phone)
        assert_int_equal(tcrm_contact_add_channel(c, TCRM_CH_MOBILE, phone), 0);
    if (tag)
        assert_int_equal(tcrm_strlist_add(&c->tags, tag), 0);
}

/* tcrm_bulk_dup agrees with the first candidate of tcrm_dup_find. */
static void check_dup(struct tcrm_db *db, struct tcrm_bulk *b,
                      const struct tcrm_contact *c, int64_t want)
{
    struct tcrm_error err;
    struct tcrm_dup_list l;
    int64_t got = -1;
    assert_int_equal(tcrm_bulk_dup(b, c, &got, &err), 0);
    assert_int_equal(tcrm_dup_find(db, c, &l, &err), 0);
    assert_int_equal(got, want);
    assert_int_equal(l.n ? l.items[0].id : 0, want);
    tcrm_dup_list_free(&l);
}

static void test_bulk_dup(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    struct tcrm_contact c;
    int64_t id[3];
    const char *seed[3][4] = {
        { "Anna Silva", NULL, "anna@acme.com", "+1 555 0100 200" },
        { "Bob Lee", "Acme Ltd", NULL, NULL },
        { "Chen Wei", NULL, NULL, "+86 138 0000 0001" },
    };
    for (int i = 0; i < 3; i++) {
        card(&c, seed[i][0], seed[i][1], seed[i][2], seed[i][3], NULL);
        assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
        id[i] = c.id;
        tcrm_contact_clear(&c);
    }
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    int64_t batch = 0;
    struct tcrm_bulk *b = NULL;
    assert_int_equal(tcrm_import_batch_start(db, "t.csv", &batch, &err), 0);
    assert_int_equal(tcrm_bulk_open(db, batch, &b, &err), 0);
    const struct { const char *name, *co, *email, *phone; int want; } t[] = {
        { "Zed", NULL, "ANNA@acme.com", "+86 138 0000 0001", 0 }, /* e-mail first */
        { "Zed", NULL, NULL, "+86 13800000001", 2 },
        { "bob  lee", "Acme Ltd", NULL, NULL, 1 },
        { "Bob Lee", "New Co", NULL, NULL, -1 },    /* company not stored */
        { "Bob Lee", NULL, NULL, NULL, -1 },        /* no company != Acme */
        { "Nobody", NULL, "no@where.org", "+44 20 7946 0000", -1 },
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        card(&c, t[i].name, t[i].co, t[i].email, t[i].phone, NULL);
        check_dup(db, b, &c, t[i].want < 0 ? 0 : id[t[i].want]);
        tcrm_contact_clear(&c);
    }
    /* rows added in the batch are found by the next rows */
    card(&c, "Dana Ray", "New Co", "dana@new.co", NULL, "vip");
    assert_int_equal(tcrm_bulk_add(b, &c, &err), 0);
    int64_t dana = c.id;
    tcrm_contact_clear(&c);
    card(&c, "Dana Ray", "New Co", NULL, NULL, NULL);
    check_dup(db, b, &c, dana);
    tcrm_contact_clear(&c);
    tcrm_bulk_close(b);
    tcrm_db_rollback(db);
}

static int64_t search_count(struct tcrm_db *db, const char *q)
{
    struct tcrm_contact_filter f;
    struct tcrm_contact_page p;
    struct tcrm_error err;
    memset(&f, 0, sizeof f);
    assert_int_equal(tcrm_search_contacts(db, q, &f, NULL, 10, &p, &err), 0);
    int64_t n = (int64_t)p.n;
    tcrm_contact_page_free(&p);
    return n;
}

static void test_bulk_add(void **state)
{
    struct tcrm_db *db = ((struct fx *)*state)->db;
    struct tcrm_error err;
    struct tcrm_contact c, g;
    int64_t batch = 0, removed = 0, restored = 0;
    struct tcrm_bulk *b = NULL;
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_import_batch_start(db, "t.csv", &batch, &err), 0);
    assert_int_equal(tcrm_bulk_open(db, batch, &b, &err), 0);
    for (int i = 0; i < 2; i++) {
        card(&c, i ? "李娜" : "Zoë Quill", "Quillworks", i ? NULL : "zoe@quill.io",
             i ? "+86 139 1234 5678" : NULL, i ? "VIP" : "vip");
        assert_int_equal(tcrm_bulk_add(b, &c, &err), 0);
        assert_int_equal(c.version, 1);
        assert_int_equal(c.import_batch, batch);
        tcrm_contact_clear(&c);
    }
    assert_int_equal(tcrm_bulk_added(b), 2);
    assert_int_equal(tcrm_bulk_companies_added(b), 1);
    assert_int_equal(search_count(db, "quill"), 0);   /* not indexed yet */
    assert_int_equal(tcrm_bulk_finish(b, &err), 0);
    tcrm_bulk_close(b);
    assert_int_equal(tcrm_import_batch_finish(db, batch, 2, 0, 0, 0, &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(search_count(db, "quill"), 2);
    assert_int_equal(search_count(db, "李娜"), 1);
    assert_int_equal(search_count(db, "1391234"), 1);
    int64_t cid = 0;
    assert_int_equal(tcrm_company_find(db, "Quillworks", &cid, &err), 0);
    assert_true(cid > 0);
    struct tcrm_contact_filter f;
    struct tcrm_contact_page p;
    memset(&f, 0, sizeof f);
    f.tag = "vip";
    assert_int_equal(tcrm_contact_list(db, &f, NULL, 0, 10, &p, &err), 0);
    assert_int_equal(p.n, 2);                          /* one tag, any case */
    assert_int_equal(tcrm_contact_get(db, p.rows[0].id, &g, &err), 0);
    assert_int_equal(g.company_id, cid);
    assert_int_equal(g.import_batch, batch);
    assert_int_equal(g.version, 1);
    tcrm_contact_clear(&g);
    tcrm_contact_page_free(&p);
    assert_int_equal(tcrm_import_batch_undo(db, batch, &removed, &restored, &err), 0);
    assert_int_equal(search_count(db, "quill"), 0);
    assert_int_equal(tcrm_company_find(db, "Quillworks", &cid, &err), 0);
    assert_int_equal(cid, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crud, setup, teardown),
        cmocka_unit_test_setup_teardown(test_company_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_unmerge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_channels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_outside_tx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_dup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_add, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
