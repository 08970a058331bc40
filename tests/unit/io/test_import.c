/*
 * test_import.c: the import engine on real temporary databases: counts,
 * duplicates against the database and within the file, the three
 * policies, dry run, reject file, undo (and its refusal after an edit),
 * bad input that must leave the database as it was, and the search index
 * entries the import writes from memory against a rebuild from the rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../../src/core/db_internal.h"
#include "io_test_util.h"
#include "tcrm/company.h"
#include "tcrm/csvio.h"
#include "tcrm/dup.h"
#include "tcrm/import_batch.h"
#include "tcrm/search.h"
#include "tcrm/strbuf.h"

static struct tcrm_db *open_db(const char *name)
{
    struct tcrm_db_options o = {io_path(name), "tester", 200, 0, NULL };
    struct tcrm_db *db;
    struct tcrm_error err;
    unlink(o.path);
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
    return db;
}

static int64_t count(struct tcrm_db *db)
{
    struct tcrm_contact_filter f = {NULL, NULL, 0, TCRM_SORT_NAME};
    int64_t n = -1;
    struct tcrm_error err;
    assert_int_equal(tcrm_contact_count(db, &f, &n, &err), 0);
    return n;
}

static const char cards[] =
    "Name,Company,Email,Mobile,Notes\n"
    "Anna Silva,Acme,anna@acme.example,+44 7700 900123,\n"
    "Ben Carter,Northwind,ben@nw.example,,\"multi\nline\"\n"
    "Bob Bad,,bob@,,\n"
    "Anna Silva,Acme,anna@acme.example,+44 7700 900999,second card\n"
    "张伟,华为,zw@hw.example,+86 138 0000 0001,\n";

static void add_existing(struct tcrm_db *db)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    tcrm_str_set(&c.name, "Wei Zhang");
    tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, "ZW@hw.example");
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    tcrm_contact_clear(&c);
}

static int run(struct tcrm_db *db, const char *path, enum tcrm_dup_policy p,
               int dry, struct tcrm_import_summary *s, struct tcrm_error *err)
{
    struct tcrm_import_opts o;
    memset(&o, 0, sizeof o);
    o.path = path;
    o.on_duplicate = p;
    o.dry_run = dry;
    return tcrm_import_run(db, &o, s, err);
}

static void test_skip_and_dry_run(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("skip.db");
    add_existing(db);
    const char *p = IO_WRITE("cards.csv", cards);
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(run(db, p, TCRM_DUP_SKIP, 1, &s, &err), 0);
    assert_int_equal(s.rows, 5);
    assert_int_equal(s.added, 2);
    assert_int_equal(s.skipped, 2);       /* within the file and in the db */
    assert_int_equal(s.rejected, 1);
    assert_int_equal(s.batch_id, 0);
    assert_int_equal(s.n_messages, 1);
    char want[600];
    snprintf(want, sizeof want, "%s:5: e-mail 'bob@': not a valid address", p);
    assert_string_equal(s.messages[0], want);
    tcrm_import_summary_free(&s);
    assert_int_equal(count(db), 1);
    assert_int_equal(run(db, p, TCRM_DUP_SKIP, 0, &s, &err), 0);
    assert_int_equal(s.added, 2);
    assert_true(s.batch_id > 0);
    tcrm_import_summary_free(&s);
    assert_int_equal(count(db), 3);
    tcrm_db_close(db);
}

static void test_merge_new_and_undo(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("merge.db");
    add_existing(db);
    const char *p = IO_WRITE("cards.csv", cards);
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(run(db, p, TCRM_DUP_MERGE, 0, &s, &err), 0);
    assert_int_equal(s.added, 2);
    assert_int_equal(s.merged, 2);
    int64_t batch = s.batch_id;
    tcrm_import_summary_free(&s);
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_contact_get(db, 1, &c, &err), 0);
    assert_string_equal(c.company, "华为");        /* filled, was empty */
    assert_string_equal(c.name, "Wei Zhang");     /* never overwritten */
    assert_int_equal(c.n_channels, 2);
    tcrm_contact_clear(&c);
    struct tcrm_import_batch *b;
    size_t n;
    assert_int_equal(tcrm_import_batch_list(db, &b, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].merged, 2);
    assert_int_equal(b[0].rejected, 1);
    tcrm_import_batch_array_free(b, n);
    int64_t removed, restored;
    assert_int_equal(tcrm_import_batch_undo(db, batch, &removed, &restored,
                                            &err), 0);
    assert_int_equal(removed, 2);
    assert_int_equal(restored, 1);
    assert_int_equal(count(db), 1);
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_contact_get(db, 1, &c, &err), 0);
    assert_true(tcrm_str_empty(c.company));
    assert_int_equal(c.n_channels, 1);
    tcrm_contact_clear(&c);
    assert_int_equal(tcrm_import_batch_undo(db, batch, NULL, NULL, &err),
                     TCRM_EINVAL);
    assert_non_null(strstr(err.msg, "was already undone at"));
    assert_int_equal(tcrm_import_batch_undo(db, 99, NULL, NULL, &err),
                     TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "import 99: not found");
    assert_int_equal(run(db, p, TCRM_DUP_NEW, 0, &s, &err), 0);
    assert_int_equal(s.added, 4);
    tcrm_import_summary_free(&s);
    tcrm_db_close(db);
}

static void test_undo_refused_after_edit(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("edit.db");
    const char *p = IO_WRITE("cards.csv", cards);
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(run(db, p, TCRM_DUP_SKIP, 0, &s, &err), 0);
    int64_t batch = s.batch_id;
    tcrm_import_summary_free(&s);
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_contact_get(db, 2, &c, &err), 0);
    tcrm_str_set(&c.title, "Buyer");
    assert_int_equal(tcrm_contact_update(db, &c, &err), 0);
    tcrm_contact_clear(&c);
    assert_int_equal(tcrm_import_batch_undo(db, batch, NULL, NULL, &err),
                     TCRM_ECONFLICT);
    char want[200];
    snprintf(want, sizeof want, "import %lld: contact 2 (Ben Carter) was "
             "changed since the import; nothing undone", (long long)batch);
    assert_string_equal(err.msg, want);
    assert_int_equal(count(db), 3);
    tcrm_db_close(db);
}

static void test_reject_file_and_tags(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("rej.db");
    const char *p = IO_WRITE("cards.csv", cards);
    const char *rej = io_path("rejects.csv");
    static const char *const tags[] = {"fair-2026"};
    struct tcrm_import_opts o;
    memset(&o, 0, sizeof o);
    o.path = p;
    o.reject_path = rej;
    o.tags = tags;
    o.n_tags = 1;
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(tcrm_import_run(db, &o, &s, &err), 0);
    tcrm_import_summary_free(&s);
    FILE *f = fopen(rej, "rb");
    char buf[512] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, "Name,Company,Email,Mobile,Notes,import error\r\n"
                        "Bob Bad,,bob@,,,e-mail 'bob@': not a valid "
                        "address\r\n");
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_contact_get(db, 1, &c, &err), 0);
    assert_true(tcrm_strlist_has(&c.tags, "fair-2026"));
    tcrm_contact_clear(&c);
    tcrm_db_close(db);
}

struct bad { const char *name, *text, *map, *msg; };

static void test_bad_input_changes_nothing(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("bad.db");
    add_existing(db);
    static const struct bad cases[] = {
        {"hdr.csv", "name,email\n", NULL, "hdr.csv: no rows after the header"},
        {"nomap.csv", "Who,Org\nAnn,Acme\n", "Whom=name",
         "--map: no column 'Whom' (columns: Who, Org)"},
        {"noname.csv", "Org,City\nAcme,Rome\n", NULL,
         "noname.csv: no column gives the name"},
        {"late.csv", "name\nAnn\nBob\n\"Cy\n", NULL,
         "late.csv:4: quoted field not closed at end of file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = io_write(cases[i].name, cases[i].text,
                                 strlen(cases[i].text));
        struct tcrm_import_opts o;
        memset(&o, 0, sizeof o);
        o.path = p;
        o.map_spec = cases[i].map;
        struct tcrm_import_summary s;
        struct tcrm_error err;
        assert_true(tcrm_import_run(db, &o, &s, &err) < 0);
        tcrm_import_summary_free(&s);
        const char *m = strstr(err.msg, cases[i].name);
        assert_string_equal(m && m != err.msg ? m : err.msg, cases[i].msg);
        assert_int_equal(count(db), 1);
        struct tcrm_import_batch *b;
        size_t n;
        assert_int_equal(tcrm_import_batch_list(db, &b, &n, &err), 0);
        assert_int_equal(n, 0);
        tcrm_import_batch_array_free(b, n);
    }
    tcrm_db_close(db);
}

static void on_progress(void *ud, uint64_t rows, uint64_t done, uint64_t total)
{
    uint64_t *calls = ud;
    assert_true(done <= total);
    assert_true(rows % 1000 == 0);
    (*calls)++;
}

static void test_progress_many_rows(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("many.db");
    const char *p = io_path("many.csv");
    FILE *f = fopen(p, "w");
    fprintf(f, "name,email\n");
    for (int i = 0; i < 2500; i++)
        fprintf(f, "Person %d,p%d@x.example\n", i, i);
    fclose(f);
    uint64_t calls = 0;
    struct tcrm_import_opts o;
    memset(&o, 0, sizeof o);
    o.path = p;
    o.progress = on_progress;
    o.progress_ud = &calls;
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(tcrm_import_run(db, &o, &s, &err), 0);
    assert_int_equal(s.added, 2500);
    assert_int_equal(calls, 2);
    tcrm_import_summary_free(&s);
    assert_int_equal(count(db), 2500);
    tcrm_db_close(db);
}

static void test_preview(void **state)
{
    (void)state;
    const char *p = IO_WRITE("cards.csv", cards);
    struct tcrm_import_opts o;
    memset(&o, 0, sizeof o);
    o.path = p;
    struct tcrm_import_preview pv;
    struct tcrm_error err;
    assert_int_equal(tcrm_import_preview(&o, 3, &pv, &err), 0);
    assert_int_equal(pv.n, 3);
    assert_string_equal(pv.rows[1].notes, "multi\nline");
    assert_null(pv.error[1]);
    assert_string_equal(pv.error[2], "e-mail 'bob@': not a valid address");
    assert_int_equal(pv.line[2], 5);
    assert_int_equal(pv.map.field[3], TCRM_CF_MOBILE);
    tcrm_import_preview_free(&pv);
}

/* ---- the search index an import writes -------------------------------- */

/* Every entry of both search indexes, "table rowid body" a line. */
static char *index_dump(struct tcrm_db *db)
{
    static const char *const q[] = {
        "SELECT 't', rowid, body FROM contact_search ORDER BY rowid",
        "SELECT 's', rowid, body FROM contact_search_short ORDER BY rowid",
    };
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db->sql, q[i], -1, &st, NULL),
                         SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            assert_int_equal(tcrm_strbuf_appendf(&sb, "%s %lld %s\n",
                (const char *)sqlite3_column_text(st, 0),
                (long long)sqlite3_column_int64(st, 1),
                (const char *)sqlite3_column_text(st, 2)), 0);
        sqlite3_finalize(st);
    }
    return tcrm_strbuf_steal(&sb);
}

/* Rows whose index text the import builds in memory: a company stored
 * under another spelling, tags in any case and order (one stored as
 * "VIP" before), every channel kind, padded and CJK names, an empty
 * title, and a duplicate merged into a row of the same file. */
static const char index_cards[] =
    "Name,Company,Title,Email,Mobile,Work,Fax,Website,IM,Notes,Tags\n"
    " Zoë  Quill ,ACME ltd,CEO,zoe@quill.io,+44 7700 900123,"
    "+44 20 7946 0001,+44 20 7946 0002,https://quill.io,zoe_q,"
    "\"said \"\"hi\"\"\",vip;Beta;alpha;VIP\n"
    "张伟,华为 集团,,zw@hw.example,+86 138 0000 0001,,,,,老客户,重点客户;vip\n"
    "Ann Lee,,  ,,,,,,,,\n"
    "张伟,华为 集团,经理,zw@hw.example,+86 139 0000 0002,,,,,second,partner\n";

static void add_seed(struct tcrm_db *db)
{
    struct tcrm_company co;
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_company_init(&co);
    co.name = "Acme Ltd.";
    assert_int_equal(tcrm_company_insert(db, &co, &err), 0);
    tcrm_contact_init(&c);
    tcrm_str_set(&c.name, "Old Friend");
    assert_int_equal(tcrm_strlist_add(&c.tags, "VIP"), 0);
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    tcrm_contact_clear(&c);
}

/* The entries written from memory are the ones tcrm_search_rebuild writes
 * from the stored rows, byte for byte; the long notes make the import
 * write its buffer of index texts several times on the way. */
static void test_index_from_memory(void **state)
{
    (void)state;
    struct tcrm_db *db = open_db("index.db");
    add_seed(db);
    const char *p = io_path("index.csv");
    FILE *f = fopen(p, "w");
    fputs(index_cards, f);
    for (int i = 0; i < 3000; i++) {
        fprintf(f, "Person %d,Firm %d,,p%d@x.example,,,,,,", i, i % 7, i);
        for (int k = 0; k < 100; k++)
            fprintf(f, "note %d word %d; ", i, k);
        fprintf(f, ",t%d\n", i % 5);
    }
    fclose(f);
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(run(db, p, TCRM_DUP_MERGE, 0, &s, &err), 0);
    assert_int_equal(s.added, 3003);
    assert_int_equal(s.merged, 1);
    tcrm_import_summary_free(&s);
    char *imported = index_dump(db);
    assert_int_equal(tcrm_search_rebuild(db, &err), 0);
    char *rebuilt = index_dump(db);
    size_t at = 0;
    while (imported[at] && imported[at] == rebuilt[at])
        at++;
    while (at > 0 && imported[at - 1] != '\n')
        at--;
    if (strcmp(imported + at, rebuilt + at) != 0)
        fail_msg("index differs:\n  import  %.120s\n  rebuild %.120s",
                 imported + at, rebuilt + at);
    assert_non_null(strstr(imported, "acme ltd.\nceo\n"));  /* as stored */
    assert_null(strstr(imported, "zoe_q"));                  /* no IM */
    free(imported);
    free(rebuilt);
    tcrm_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skip_and_dry_run),
        cmocka_unit_test(test_merge_new_and_undo),
        cmocka_unit_test(test_undo_refused_after_edit),
        cmocka_unit_test(test_reject_file_and_tags),
        cmocka_unit_test(test_bad_input_changes_nothing),
        cmocka_unit_test(test_progress_many_rows),
        cmocka_unit_test(test_preview),
        cmocka_unit_test(test_index_from_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
