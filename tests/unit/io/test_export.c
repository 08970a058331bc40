/*
 * test_export.c: export then import into an empty database gives the
 * same records (matched by name, field by field) and, exported again, the
 * same bytes; contacts come in the order they were added; formula cells
 * are neutralized unless raw; --fields and --encoding.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "io_test_util.h"
#include "tcrm/csvcell.h"
#include "tcrm/csvio.h"

static struct tcrm_db *open_db(const char *name)
{
    struct tcrm_db_options o = {io_path(name), "tester", 200, 0, NULL };
    struct tcrm_db *db;
    struct tcrm_error err;
    unlink(o.path);
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
    return db;
}

static void add(struct tcrm_db *db, const char *name, const char *company,
                const char *title, const char *notes, const char *const *ch,
                const char *tag)
{
    struct tcrm_contact c;
    struct tcrm_error err;
    tcrm_contact_init(&c);
    tcrm_str_set(&c.name, name);
    tcrm_str_set(&c.company, company);
    tcrm_str_set(&c.title, title);
    tcrm_str_set(&c.notes, notes);
    for (; ch && ch[0]; ch += 2)
        tcrm_contact_add_channel(&c, tcrm_channel_kind_parse(ch[0]), ch[1]);
    if (tag)
        tcrm_strlist_add(&c.tags, tag);
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    tcrm_contact_clear(&c);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *b = malloc(1 << 20);
    *n = fread(b, 1, (1 << 20) - 1, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

static void export_to(struct tcrm_db *db, const char *path, int raw,
                      const char *fields, const char *enc)
{
    struct tcrm_export_opts x;
    memset(&x, 0, sizeof x);
    x.what = TCRM_EXPORT_CONTACTS;
    x.out = fopen(path, "wb");
    x.raw = raw;
    x.fields = fields;
    x.encoding = enc;
    int64_t rows;
    struct tcrm_error err;
    assert_int_equal(tcrm_export_run(db, &x, &rows, &err), 0);
    fclose(x.out);
}

static void fill(struct tcrm_db *db)
{
    static const char *const ch1[] = {"mobile", "+1 555 0100", "mobile",
        "+1 555 0101", "email", "q@x.example", "email", "q2@x.example",
        "work", "-12 345", NULL};
    static const char *const ch2[] = {"email", "zw@hw.example", "fax",
        "010 5555 0101", NULL};
    add(db, "Quote \"Q\" Man", "Comma, Inc", "=SUM(A1)",
        "line1\nline2\r\nline3, \"quoted\"", ch1, "vip");
    add(db, "张伟", "华为", "工程师 😀", "@home\t+plus;semi", ch2, "客户");
    add(db, "Emoji 🎉", NULL, "'=already", "'plain", NULL, NULL);
}

/* x and y hold the same values (ids and stamps aside): every exported
 * field, the channels of each kind in order, the tags in order. */
static void same_contact(const struct tcrm_contact *x,
                         const struct tcrm_contact *y)
{
    const char *fx[] = {x->name, x->company, x->title, x->department,
                        x->address, x->city, x->birthday, x->source,
                        x->notes};
    const char *fy[] = {y->name, y->company, y->title, y->department,
                        y->address, y->city, y->birthday, y->source,
                        y->notes};
    for (size_t k = 0; k < sizeof fx / sizeof *fx; k++)
        assert_string_equal(fx[k] ? fx[k] : "", fy[k] ? fy[k] : "");
    /* a CSV has a column per kind: the order holds within each kind */
    assert_int_equal(x->n_channels, y->n_channels);
    for (int kind = 0; kind < TCRM_CH_COUNT; kind++)
        for (size_t i = 0, j = 0;; i++, j++) {
            while (i < x->n_channels && (int)x->channels[i].kind != kind)
                i++;
            while (j < y->n_channels && (int)y->channels[j].kind != kind)
                j++;
            assert_int_equal(i < x->n_channels, j < y->n_channels);
            if (i == x->n_channels)
                break;
            assert_string_equal(x->channels[i].value, y->channels[j].value);
        }
    assert_int_equal(x->tags.n, y->tags.n);
    for (size_t k = 0; k < x->tags.n; k++)
        assert_string_equal(x->tags.items[k], y->tags.items[k]);
}

static void test_round_trip(void **state)
{
    (void)state;
    struct tcrm_db *a = open_db("a.db"), *b = open_db("b.db");
    fill(a);
    const char *e1 = io_path("e1.csv");
    export_to(a, e1, 0, NULL, NULL);
    struct tcrm_import_opts o;
    memset(&o, 0, sizeof o);
    o.path = e1;
    struct tcrm_import_summary s;
    struct tcrm_error err;
    assert_int_equal(tcrm_import_run(b, &o, &s, &err), 0);
    assert_int_equal(s.added, 3);
    assert_int_equal(s.rejected, 0);
    tcrm_import_summary_free(&s);
    const char *e2 = io_path("e2.csv");
    export_to(b, e2, 0, NULL, NULL);
    size_t n1, n2;
    char *b1 = slurp(io_path("e1.csv"), &n1), *b2 = slurp(e2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(b1, b2, n1);
    /* field by field, too, matched by name (both sides listed by name):
     * the check does not depend on the order the export writes */
    struct tcrm_contact_filter f = {NULL, NULL, 0, TCRM_SORT_NAME};
    struct tcrm_contact_page pa, pb;
    assert_int_equal(tcrm_contact_list(a, &f, NULL, 0, 10, &pa, &err), 0);
    assert_int_equal(tcrm_contact_list(b, &f, NULL, 0, 10, &pb, &err), 0);
    assert_int_equal(pa.n, 3);
    assert_int_equal(pb.n, 3);
    for (size_t i = 0; i < pa.n; i++) {
        struct tcrm_contact x, y;
        assert_int_equal(tcrm_contact_get(a, pa.rows[i].id, &x, &err), 0);
        assert_int_equal(tcrm_contact_get(b, pb.rows[i].id, &y, &err), 0);
        same_contact(&x, &y);
        tcrm_contact_clear(&x);
        tcrm_contact_clear(&y);
    }
    tcrm_contact_page_free(&pa);
    tcrm_contact_page_free(&pb);
    /* the order is that of entry (id): fill() added them in this order */
    const char *q = strstr(b1, "\r\n\"Quote"), *z = strstr(b1, "\r\n张伟,"),
               *e = strstr(b1, "\r\nEmoji");
    assert_true(q && z && e && q < z && z < e);
    assert_non_null(strstr(b1, "\"'=SUM(A1)\""));
    assert_non_null(strstr(b1, "\"''=already\""));
    assert_non_null(strstr(b1, "\"'-12 345\""));
    assert_non_null(strstr(b1, "\"line1\nline2\r\nline3, \"\"quoted\"\"\""));
    assert_non_null(strstr(b1, "mobile 1,mobile 2,phone,fax,email 1,email 2"));
    free(b1);
    free(b2);
    tcrm_db_close(a);
    tcrm_db_close(b);
}

static void test_raw_fields_encoding(void **state)
{
    (void)state;
    struct tcrm_db *a = open_db("c.db");
    fill(a);
    const char *p = io_path("raw.csv");
    export_to(a, p, 1, "name,title,email", NULL);
    size_t n;
    char *buf = slurp(p, &n);
    assert_non_null(strstr(buf, "name,title,email 1,email 2\r\n"));
    assert_non_null(strstr(buf, "\r\n\"Quote \"\"Q\"\" Man\",=SUM(A1),q@"));
    assert_non_null(strstr(buf, ",=SUM(A1),"));
    assert_null(strstr(buf, "'=SUM"));
    free(buf);
    p = io_path("gb.csv");
    export_to(a, p, 0, "name", "GB18030");
    buf = slurp(p, &n);
    assert_non_null(strstr(buf, "\xD5\xC5\xCE\xB0"));     /* 张伟 */
    free(buf);
    struct tcrm_export_opts x;
    memset(&x, 0, sizeof x);
    x.out = fopen(io_path("no.csv"), "wb");
    x.fields = "name,boss";
    x.what = TCRM_EXPORT_COMPANIES;
    struct tcrm_error err;
    assert_int_equal(tcrm_export_run(a, &x, NULL, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "--fields: unknown field 'boss' (fields: "
                        "name, industry, phone, email, website, address, "
                        "city, notes, tags, id, created_at, updated_at)");
    x.fields = NULL;
    x.encoding = "NO-SUCH";
    assert_int_equal(tcrm_export_run(a, &x, NULL, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "--encoding: unknown encoding 'NO-SUCH'");
    fclose(x.out);
    assert_int_equal(tcrm_export_what_parse("follow-ups"),
                     TCRM_EXPORT_FOLLOWUPS);
    assert_int_equal(tcrm_export_what_parse("people"), -1);
    tcrm_db_close(a);
}

static void test_write_row(void **state)
{
    (void)state;
    const char *p = io_path("row.csv");
    FILE *f = fopen(p, "wb");
    static const char *const cells[] = {"a", " lead", "x\"y", "+1", "", NULL};
    struct tcrm_error err;
    assert_int_equal(tcrm_csv_write_row(f, cells, 6, 0, &err), 0);
    assert_int_equal(tcrm_csv_write_row(f, cells, 4, 1, &err), 0);
    fclose(f);
    size_t n;
    char *buf = slurp(p, &n);
    assert_string_equal(buf, "a,\" lead\",\"x\"\"y\",\"'+1\",,\r\n"
                             "a,\" lead\",\"x\"\"y\",+1\r\n");
    free(buf);
}

/* The export writer and the cell rule of the lists and reports
 * (csvcell.h) write every cell the same: each byte between two letters,
 * and each byte in front (the formula rule), raw and not. */
static void test_one_cell_rule(void **state)
{
    (void)state;
    for (int raw = 0; raw < 2; raw++)
        for (int c = 1; c < 256; c++)
            for (int front = 0; front < 2; front++) {
                char cell[4], *buf = NULL;
                size_t n = 0;
                struct tcrm_strbuf sb;
                struct tcrm_error err;
                snprintf(cell, sizeof cell, front ? "%cab" : "a%cb", c);
                FILE *f = open_memstream(&buf, &n);
                assert_non_null(f);
                assert_int_equal(tcrm_csv_write_row(f, (const char *[]){cell},
                                                    1, raw, &err), 0);
                fclose(f);
                tcrm_strbuf_init(&sb);
                assert_int_equal(tcrm_csv_cell(&sb, cell, raw), 0);
                assert_int_equal(tcrm_strbuf_append(&sb, "\r\n"), 0);
                assert_string_equal(buf, sb.buf);
                tcrm_strbuf_free(&sb);
                free(buf);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_raw_fields_encoding),
        cmocka_unit_test(test_write_row),
        cmocka_unit_test(test_one_cell_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
