/*
 * test_search.c: the contact search on a temporary database: accent- and
 * case-insensitive substrings, phone digits, CJK of one, two and more
 * characters, one- and two-letter Latin prefixes, ranking tiers, keyset
 * paging across tiers, filters, the trash, and the index staying right
 * through edits, company renames and a rebuild; pinyin; several words.
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
#include "tcrm/search.h"

struct fx {
    struct tcrm_db *db;
    int64_t ids[16];
};

enum { JOSE, ZHANG, ZHANGM, ANN, ANNA, ANNABEL, JOANN, MARIA, LI, TRASHED, N_PEOPLE };

static int64_t add(struct tcrm_db *db, const char *name, const char *company,
                   const char *phone, const char *email, const char *tag,
                   const char *notes)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup(name);
    c.company = company ? strdup(company) : NULL;
    c.notes = notes ? strdup(notes) : NULL;
    if (phone)
        tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, phone);
    if (email)
        tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, email);
    if (tag)
        tcrm_strlist_add(&c.tags, tag);
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
    struct tcrm_db *db = f->db;
    f->ids[JOSE] = add(db, "José Álvarez", "Acme Ltd", NULL, "jose@acme.com", NULL, NULL);
    f->ids[ZHANG] = add(db, "张伟", "华为 集团", "+86 138 0000 0000", NULL, "客户", NULL);
    f->ids[ZHANGM] = add(db, "张伟明", NULL, NULL, NULL, NULL, NULL);
    f->ids[ANNABEL] = add(db, "Annabel Lee", NULL, NULL, NULL, NULL, NULL);
    f->ids[ANNA] = add(db, "Anna", "Acme", NULL, NULL, "vip", NULL);
    f->ids[JOANN] = add(db, "Joann Smith", NULL, NULL, NULL, NULL, "met at \"Expo\"");
    f->ids[ANN] = add(db, "ANN", NULL, "555-0199 1", NULL, NULL, NULL);
    f->ids[MARIA] = add(db, "Maria", NULL, NULL, NULL, NULL, "knows ann well");
    f->ids[LI] = add(db, "李娜", NULL, NULL, "li.na@example.cn", NULL, NULL);
    f->ids[TRASHED] = add(db, "Anne Trash", NULL, "+86 138 0000 0000", NULL, NULL, NULL);
    if (tcrm_contact_delete(db, f->ids[TRASHED], &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return fixture_close();
}

/* ids found for q (all of them, one page), in order; returns count. */
static size_t find(struct tcrm_db *db, const char *q, int64_t *ids)
{
    struct tcrm_contact_page p;
    struct tcrm_error err;
    if (tcrm_search_contacts(db, q, NULL, NULL, 100, &p, &err))
        fail_msg("search %s: %s", q, err.msg);
    assert_int_equal(p.more, 0);
    for (size_t i = 0; i < p.n; i++)
        ids[i] = p.rows[i].id;
    size_t n = p.n;
    tcrm_contact_page_free(&p);
    struct tcrm_contact_filter f = { q, NULL, 0, TCRM_SORT_NAME };
    int64_t cnt;
    assert_int_equal(tcrm_contact_count(db, &f, &cnt, &err), 0);
    assert_int_equal(cnt, (int64_t)n);
    return n;
}

static int has(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

static void test_matches(void **state)
{
    struct fx *f = *state;
    int64_t ids[32];
    size_t n;
    static const struct { const char *q; int who; } hits[] = {
        { "jose", JOSE }, { "JOSÉ", JOSE }, { "alvarez", JOSE }, { "acme", JOSE },
        { "@acme.c", JOSE }, { "1380000", ZHANG }, { "138 0000", ZHANG },
        { "+86 138", ZHANG }, { "8613800000000", ZHANG }, { "张伟", ZHANG },
        { "张伟", ZHANGM }, { "伟明", ZHANGM }, { "伟", ZHANG }, { "华为", ZHANG },
        { "为", ZHANG }, { "客户", ZHANG }, { "vip", ANNA }, { "expo", JOANN },
        { "\"expo\"", JOANN }, { "an", ANNA }, { "a", ANN }, { "le", ANNABEL },
        { "li", LI }, { "娜", LI }, { "ann wel", MARIA }, { "5550199", ANN }, { "nna", ANNABEL },
    };
    for (size_t i = 0; i < sizeof hits / sizeof *hits; i++) {
        n = find(f->db, hits[i].q, ids);
        if (!has(ids, n, f->ids[hits[i].who]))
            fail_msg("'%s' does not find contact %d", hits[i].q, hits[i].who);
    }
    static const char *none[] = { "xyz", "nnx", "ri", "@", "\"", "伟张", "0000 1380",
                                  "Trash", "   " };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if ((n = find(f->db, none[i], ids)) != 0)
            fail_msg("'%s' finds %zu", none[i], n);
    /* the trashed contact shares the phone but never shows */
    n = find(f->db, "1380000", ids);
    assert_int_equal(n, 1);
}

static void test_ranking(void **state)
{
    struct fx *f = *state;
    int64_t ids[32];
    size_t n = find(f->db, "ann", ids);
    /* tier 0 ANN, tier 1 Anna, Annabel Lee (by name), tier 2 Joann, Maria */
    assert_int_equal(n, 5);
    assert_int_equal(ids[0], f->ids[ANN]);
    assert_int_equal(ids[1], f->ids[ANNA]);
    assert_int_equal(ids[2], f->ids[ANNABEL]);
    assert_true(has(ids + 3, 2, f->ids[JOANN]));
    assert_true(has(ids + 3, 2, f->ids[MARIA]));
    n = find(f->db, "张伟", ids);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], f->ids[ZHANG]);
    assert_int_equal(ids[1], f->ids[ZHANGM]);
    n = find(f->db, "An", ids);
    assert_int_equal(n, 4);
    assert_int_equal(ids[0], f->ids[ANN]);        /* tier 1 in name order */
    assert_int_equal(ids[1], f->ids[ANNA]);
    assert_int_equal(ids[2], f->ids[ANNABEL]);
    assert_int_equal(ids[3], f->ids[MARIA]);      /* the word "ann" in a note */

    /* paging one row at a time forwards and backwards gives the same list */
    assert_int_equal(find(f->db, "ann", ids), 5);
    struct tcrm_contact_filter flt = { "ann", NULL, 0, TCRM_SORT_NAME };
    struct tcrm_contact_row cur = { 0 };
    struct tcrm_error err;
    int64_t got[8];
    size_t k = 0;
    for (int first = 1;; first = 0) {
        struct tcrm_contact_page p;
        assert_int_equal(tcrm_contact_list(f->db, &flt, first ? NULL : &cur, 0, 1, &p, &err), 0);
        assert_true(k < 8);
        if (p.n) {
            got[k++] = p.rows[0].id;
            free(cur.cursor_key);
            cur = (struct tcrm_contact_row){ .id = p.rows[0].id, .tier = p.rows[0].tier,
                                             .cursor_key = strdup(p.rows[0].cursor_key) };
        }
        int more = p.more;
        tcrm_contact_page_free(&p);
        if (!more)
            break;
    }
    assert_int_equal(k, 5);
    assert_memory_equal(got, ids, 5 * sizeof *ids);
    for (int first = 1;; first = 0) {
        struct tcrm_contact_page p;
        assert_int_equal(tcrm_contact_list(f->db, &flt, first ? NULL : &cur, 1, 2, &p, &err), 0);
        assert_true(p.n <= k);
        k -= p.n;
        for (size_t i = 0; i < p.n; i++)
            assert_int_equal(p.rows[i].id, ids[k + i]);
        if (p.n) {
            free(cur.cursor_key);
            cur = (struct tcrm_contact_row){ .id = p.rows[0].id, .tier = p.rows[0].tier,
                                             .cursor_key = strdup(p.rows[0].cursor_key) };
        }
        int more = p.more;
        tcrm_contact_page_free(&p);
        if (!more)
            break;
    }
    assert_int_equal(k, 0);
    free(cur.cursor_key);
}

/* Forward pages of `limit` rows for q, their ids into out; the count. */
static size_t paged(struct tcrm_db *db, const char *q, size_t limit,
                    int64_t *out, size_t max)
{
    struct tcrm_contact_filter flt = { q, NULL, 0, TCRM_SORT_NAME };
    struct tcrm_contact_row cur = { 0 };
    struct tcrm_error err;
    size_t k = 0;
    for (int first = 1;; first = 0) {
        struct tcrm_contact_page p;
        assert_int_equal(tcrm_contact_list(db, &flt, first ? NULL : &cur, 0,
                                           limit, &p, &err), 0);
        for (size_t i = 0; i < p.n; i++) {
            assert_true(k < max);
            out[k++] = p.rows[i].id;
        }
        if (p.n) {
            free(cur.cursor_key);
            cur = (struct tcrm_contact_row){ .id = p.rows[p.n - 1].id,
                .tier = p.rows[p.n - 1].tier,
                .cursor_key = strdup(p.rows[p.n - 1].cursor_key) };
        }
        int more = p.more;
        tcrm_contact_page_free(&p);
        if (!more)
            break;
    }
    free(cur.cursor_key);
    return k;
}

/* Pages after the first keep every match: a second name equal to the
 * query (tier 0) and matches whose names sort before the query (tier 2)
 * were dropped when a page's cursor was bound over the query's key. */
static void test_paging_keeps_all(void **state)
{
    struct fx *f = *state;
    int64_t all[16], got[16];
    int64_t ann2 = add(f->db, "Ann", NULL, NULL, NULL, NULL, NULL);
    int64_t aaron = add(f->db, "Aaron Bell", NULL, NULL, NULL, NULL, "ann's");
    int64_t abe = add(f->db, "Abe Cole", "Joann Co", NULL, NULL, NULL, NULL);
    size_t n = find(f->db, "ann", all);
    assert_int_equal(n, 8);
    assert_true(has(all, 2, ann2));
    assert_true(has(all + 5, 3, aaron));
    assert_true(has(all + 5, 3, abe));
    for (size_t limit = 1; limit <= 3; limit++) {
        assert_int_equal(paged(f->db, "ann", limit, got, 16), n);
        assert_memory_equal(got, all, n * sizeof *all);
    }
}

static void test_filters_and_updates(void **state)
{
    struct fx *f = *state;
    struct tcrm_error err;
    struct tcrm_contact_page p;
    struct tcrm_contact_filter flt = { "ann", "VIP", 0, TCRM_SORT_NAME };
    assert_int_equal(tcrm_contact_list(f->db, &flt, NULL, 0, 10, &p, &err), 0);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.rows[0].id, f->ids[ANNA]);
    assert_string_equal(p.rows[0].company, "Acme Ltd"); /* same key as "Acme" */
    tcrm_contact_page_free(&p);
    flt.tag = NULL;
    assert_int_equal(tcrm_company_find(f->db, "acme", &flt.company_id, &err), 0);
    assert_int_equal(tcrm_contact_list(f->db, &flt, NULL, 0, 10, &p, &err), 0);
    assert_int_equal(p.n, 1);
    tcrm_contact_page_free(&p);

    /* an edit re-indexes: Maria's note no longer matches, her new e-mail does */
    struct tcrm_contact c;
    int64_t ids[32];
    assert_int_equal(tcrm_contact_get(f->db, f->ids[MARIA], &c, &err), 0);
    free(c.notes);
    c.notes = NULL;
    tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, "maria@zeta.io");
    assert_int_equal(tcrm_contact_update(f->db, &c, &err), 0);
    tcrm_contact_clear(&c);
    assert_int_equal(find(f->db, "ann", ids), 4);
    assert_int_equal(find(f->db, "zeta", ids), 1);

    /* renaming a company re-indexes its contacts */
    struct tcrm_company co;
    assert_int_equal(tcrm_company_get(f->db, flt.company_id, &co, &err), 0);
    free(co.name);
    co.name = strdup("Wonka Industries");
    assert_int_equal(tcrm_company_update(f->db, &co, &err), 0);
    tcrm_company_clear(&co);
    assert_int_equal(find(f->db, "wonka", ids), 2);    /* Anna and José */
    assert_true(has(ids, 2, f->ids[ANNA]));

    /* rebuild gives the same answers */
    assert_int_equal(tcrm_search_rebuild(f->db, &err), 0);
    assert_int_equal(find(f->db, "wonka", ids), 2);
    assert_int_equal(find(f->db, "1380000", ids), 1);
    assert_int_equal(find(f->db, "张伟", ids), 2);
}

/* Chinese names, companies and titles are found by their pinyin: full,
 * with or without spaces, a prefix, the initials; every reading of a
 * polyphone; tone marks and ü/v. */
static void test_pinyin(void **state)
{
    struct fx *f = *state;
    int64_t ids[32];
    size_t n;
    int64_t zeng = add(f->db, "曾伟", "腾讯", NULL, NULL, NULL, NULL);
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    c.name = strdup("吕娜");
    c.title = strdup("销售总监");
    assert_int_equal(tcrm_contact_insert(f->db, &c, &err), 0);
    int64_t lv = c.id;
    tcrm_contact_clear(&c);
    static const struct { const char *q; int64_t who; } hits[] = {
        { "zhangwei", 0 }, { "zhang wei", 0 }, { "zhangw", 0 }, { "zw", 0 },
        { "ZhāngWěi", 0 }, { "hw", 0 }, { "huawei", 0 },
        { "zhangweiming", 1 }, { "zwm", 1 },
        { "zengwei", 2 }, { "cengwei", 2 }, { "zw", 2 }, { "cw", 2 },
        { "tengxun", 2 },
        { "lvna", 3 }, { "lv", 3 }, { "lü", 3 }, { "lǚna", 3 }, { "xszj", 3 },
        { "xiaoshou", 3 }, { "ln", 3 },
    };
    int64_t who[4] = { f->ids[ZHANG], f->ids[ZHANGM], zeng, lv };
    for (size_t i = 0; i < sizeof hits / sizeof *hits; i++) {
        n = find(f->db, hits[i].q, ids);
        if (!has(ids, n, who[hits[i].who]))
            fail_msg("'%s' does not find contact %d", hits[i].q,
                     (int)hits[i].who);
    }
    /* "lv na": syllables of one or two letters are no words of their own */
    /* 华为 集团: the legal form 集团 gets no keys */
    static const char *none[] = { "zhangwie", "wz", "zhangwu", "lu na",
                                  "lv na", "hwjt", "jituan" };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if ((n = find(f->db, none[i], ids)) != 0)
            fail_msg("'%s' finds %zu", none[i], n);
    /* hanzi still rank first: the exact name, then the names it starts */
    n = find(f->db, "张伟", ids);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], f->ids[ZHANG]);
    assert_int_equal(ids[1], f->ids[ZHANGM]);
    /* "zw" finds exactly 张伟, 张伟明 (zwm) and 曾伟 (zw as zeng wei) */
    assert_int_equal(find(f->db, "zw", ids), 3);
    /* the keys survive a rebuild */
    assert_int_equal(tcrm_search_rebuild(f->db, &err), 0);
    assert_int_equal(find(f->db, "cengwei", ids), 1);
    assert_int_equal(ids[0], zeng);
}

/* A query of several words finds the contacts that match every word,
 * each in any field; short and long words, Chinese and Latin, mixed. */
static void test_several_words(void **state)
{
    struct fx *f = *state;
    int64_t ids[32];
    static const struct { const char *q; size_t n; int who; } t[] = {
        { "anna acme", 1, ANNA },    /* name and company */
        { "acme anna", 1, ANNA },
        { "acme  vip", 1, ANNA },    /* company and tag */
        { "jose acme", 1, JOSE },
        { "josé álvarez", 1, JOSE }, /* the whole name, as before */
        { "华为 客户", 1, ZHANG },     /* two short CJK words */
        { "an acme", 1, ANNA },      /* a short and a long word */
        { "zhang 华为", 1, ZHANG },    /* pinyin and hanzi */
        { "zw 客户", 1, ZHANG },
        { "ann wel", 1, MARIA },     /* words of the notes */
        { "well ann", 1, MARIA },
        { "anna - acme", 1, ANNA },  /* a word of punctuation restricts nothing */
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        size_t n = find(f->db, t[i].q, ids);
        if (n != t[i].n || !has(ids, n, f->ids[t[i].who]))
            fail_msg("'%s' finds %zu, want %zu with contact %d", t[i].q, n,
                     t[i].n, t[i].who);
    }
    static const char *none[] = { "anna xyz", "张伟 acme", "jose 华为",
                                  "zz acme", "- -" };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        size_t n = find(f->db, none[i], ids);
        if (n != 0)
            fail_msg("'%s' finds %zu", none[i], n);
    }
    /* Above, the short words were rare and walked. With "an" in 200+
     * rows the long words walk and the short ones are checked: the same
     * answers. */
    for (int i = 0; i < 210; i++) {
        char name[32];
        snprintf(name, sizeof name, "Anton Filler%d", i);
        add(f->db, name, "Zeta", NULL, NULL, NULL, NULL);
    }
    size_t n = find(f->db, "an acme", ids);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], f->ids[ANNA]);
    assert_int_equal(find(f->db, "an 华为", ids), 0);
    assert_int_equal(find(f->db, "an filler7", ids), 11); /* 7, 70..79 */
    struct tcrm_contact_filter flt = { "an zeta", NULL, 0, TCRM_SORT_NAME };
    int64_t cnt;
    struct tcrm_error err;
    assert_int_equal(tcrm_contact_count(f->db, &flt, &cnt, &err), 0);
    assert_int_equal(cnt, 210);
}

/* A digit query whose middle trigram ("861") is in most rows is matched
 * by its rare trigrams and then checked whole: "586 000 612" has "586" and
 * "612" but not "58612". */
static void test_common_trigram(void **state)
{
    struct fx *f = *state;
    struct tcrm_error err;
    int64_t ids[32];
    assert_int_equal(tcrm_db_begin(f->db, &err), 0);
    for (int i = 0; i < 230; i++) {
        char name[32];
        snprintf(name, sizeof name, "Filler %d", i);
        add(f->db, name, NULL, "861 861", NULL, NULL, NULL);
    }
    assert_int_equal(tcrm_db_commit(f->db, &err), 0);
    int64_t hit = add(f->db, "Hit", NULL, "58612", NULL, NULL, NULL);
    add(f->db, "Decoy", NULL, "586 000 612", NULL, NULL, NULL);
    assert_int_equal(find(f->db, "58612", ids), 1);
    assert_int_equal(ids[0], hit);
    assert_int_equal(find(f->db, "586 12", ids), 1);   /* phone spelling */
    assert_int_equal(find(f->db, "5861", ids), 1);
    assert_int_equal(find(f->db, "586000612", ids), 1);
    assert_int_equal(find(f->db, "5869", ids), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging_keeps_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters_and_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_common_trigram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pinyin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_words, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
