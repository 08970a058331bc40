/*
 * test_vcard.c: content lines (folding at 75 octets without splitting a
 * UTF-8 character, escaping, quoted-printable), the reader's table of bad
 * inputs (exact message each), the hand-written fixtures in
 * tests/data/vcard mapped field by field, and contacts written as 3.0 and
 * 4.0 read back the same.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "io_test_util.h"
#include "tcrm/text.h"
#include "tcrm/vcard.h"

/* ---- content lines ---------------------------------------------------- */

/* Every physical line of s (CRLF-separated) at most 75 octets and valid
 * UTF-8; returns the unfolded text. */
static char *check_folded(const char *s)
{
    struct tcrm_strbuf u;
    tcrm_strbuf_init(&u);
    const char *p = s;
    int first = 1;
    while (*p) {
        const char *e = strstr(p, "\r\n");
        assert_non_null(e);
        size_t n = (size_t)(e - p);
        assert_true(n <= 75);
        assert_true(tcrm_utf8_valid(p, n));
        if (!first) {
            assert_int_equal(p[0], ' ');
            tcrm_strbuf_appendn(&u, p + 1, n - 1);
        } else {
            tcrm_strbuf_appendn(&u, p, n);
        }
        first = 0;
        p = e + 2;
    }
    return tcrm_strbuf_steal(&u);
}

/* Every line of a card (CRLF-separated) at most 75 octets, valid UTF-8. */
static void check_lines(const char *s)
{
    for (const char *e; *s; s = e + 2) {
        e = strstr(s, "\r\n");
        assert_non_null(e);
        assert_true(e - s <= 75);
        assert_true(tcrm_utf8_valid(s, (size_t)(e - s)));
    }
}

static void test_fold(void **state)
{
    (void)state;
    const char *values[] = {
        "short",
        "0123456789012345678901234567890123456789012345678901234567890123456789"
        "0123456789012345678901234567890123456789",
        "华为技术有限公司华为技术有限公司华为技术有限公司华为技术有限公司华为",
        "a华b为c技d术e有f限g公h司🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉xyz",
        "",
    };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        struct tcrm_strbuf out;
        tcrm_strbuf_init(&out);
        assert_int_equal(tcrm_cl_fold(&out, "NOTE", values[i],
                                      strlen(values[i])), 0);
        char *u = check_folded(out.buf);
        char want[512];
        snprintf(want, sizeof want, "NOTE:%s", values[i]);
        assert_string_equal(u, want);
        free(u);
        tcrm_strbuf_free(&out);
    }
    /* exactly 75 octets stays one line; 76 folds */
    struct tcrm_strbuf out;
    tcrm_strbuf_init(&out);
    char v[80];
    memset(v, 'x', sizeof v);
    tcrm_cl_fold(&out, "NOTE", v, 70);
    assert_int_equal(out.len, 77);
    tcrm_strbuf_reset(&out);
    tcrm_cl_fold(&out, "NOTE", v, 71);
    assert_int_equal(out.len, 78 + 3);
    assert_memory_equal(out.buf + 75, "\r\n x\r\n", 6);
    tcrm_strbuf_free(&out);
}

static void test_escape(void **state)
{
    (void)state;
    struct tcrm_strbuf out;
    tcrm_strbuf_init(&out);
    assert_int_equal(tcrm_cl_escape(&out, "a,b;c\\d\r\ne\nf\rg"), 0);
    assert_string_equal(out.buf, "a\\,b\\;c\\\\d\\ne\\nf\\ng");
    tcrm_strbuf_free(&out);
}

static void test_qp(void **state)
{
    (void)state;
    static const struct { const char *in, *out; int rc; } t[] = {
        {"=E7=8E=8B=e8=8a=b3", "王芳", 0},
        {"a=\r\nb=\nc", "abc", 0},
        {"line=0D=0Anext", "line\r\nnext", 0},
        {"soft at end=", "soft at end", 0},
        {"=ZZ", NULL, -1},
        {"=4", NULL, -1},
        {"=4G", NULL, -1},
        {"= 41", NULL, -1},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct tcrm_strbuf out;
        tcrm_strbuf_init(&out);
        assert_int_equal(tcrm_cl_qp_decode(&out, t[i].in, strlen(t[i].in)),
                         t[i].rc);
        if (t[i].out)
            assert_string_equal(out.buf, t[i].out);
        tcrm_strbuf_free(&out);
    }
}

/* ---- bad input -------------------------------------------------------- */

static void test_bad_inputs(void **state)
{
    (void)state;
    static const struct { const char *in, *msg; } t[] = {
        {"", "x.vcf: empty file"},
        {"Name,Email\r\nAnn,ann@example.com\r\n",
         "x.vcf:1: not a vCard file (no BEGIN:VCARD)"},
        {"\r\n\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n",
         "x.vcf:3: BEGIN:VCARD without END:VCARD"},
        {"BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n",
         "x.vcf:1: BEGIN:VCARD without END:VCARD"},
        {"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nFN:B\r\n",
         "x.vcf:4: text outside a card"},
        {"BEGIN:VCARD\r\nVERSION:5.0\r\nFN:A\r\nEND:VCARD\r\n",
         "x.vcf:2: VERSION '5.0' is not 2.1, 3.0 or 4.0"},
        {"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:=E7=8\r\n"
         "END:VCARD\r\n", "x.vcf:3: FN: broken quoted-printable"},
        {"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;QUOTED-PRINTABLE:a=XYb\r\n"
         "END:VCARD\r\n", "x.vcf:3: FN: broken quoted-printable"},
        {"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=KLINGON:a\r\nEND:VCARD\r\n",
         "x.vcf:3: FN: unknown charset 'KLINGON'"},
        {"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xD5\xC5\r\nEND:VCARD\r\n",
         "x.vcf:3: FN: not valid UTF-8 (name its charset with --encoding, "
         "e.g. GB18030, or use --encoding auto)"},
        {"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;QUOTED-PRINTABLE:"
         "=FF\r\nEND:VCARD\r\n", "x.vcf:3: FN: not valid UTF-8"},
        {"BEGIN:VCARD\r\nFN:A\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=00b\r\n"
         "END:VCARD\r\n", "x.vcf:3: NOTE: NUL byte in the value"},
        {"BEGIN:VCARD\r\nFN:A\r\njust some words\r\nEND:VCARD\r\n",
         "x.vcf:3: not a property (NAME:VALUE)"},
        {"BEGIN:VCARD\r\nF N:A\r\nEND:VCARD\r\n",
         "x.vcf:2: not a property (NAME:VALUE)"},
        {"BEGIN:VCARD\r\nFN;ENCODING=UUENCODE:A\r\nEND:VCARD\r\n",
         "x.vcf:2: FN: unknown ENCODING 'UUENCODE'"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct tcrm_vcard_reader *r = (void *)1;
        struct tcrm_error err;
        tcrm_error_clear(&err);
        int rc = tcrm_vcard_open_mem("x.vcf", t[i].in, strlen(t[i].in), NULL,
                                     &r, &err);
        if (rc == 0)
            fail_msg("case %zu: accepted", i);
        assert_null(r);
        if (strcmp(err.msg, t[i].msg))
            fail_msg("case %zu: '%s', wanted '%s'", i, err.msg, t[i].msg);
    }
}

static void test_long_line(void **state)
{
    (void)state;
    size_t n = TCRM_VCARD_MAX_LINE + TCRM_VCARD_MAX_LINE / 10;
    char *b = malloc(n + 64);
    strcpy(b, "BEGIN:VCARD\r\nNOTE:");
    size_t at = strlen(b);
    /* folded into lines of 70: the unfolded line is over 1 MB */
    for (size_t k = 0; at < n; k++)
        at += (size_t)sprintf(b + at, k % 70 ? "x" : "\r\n x");
    strcpy(b + at, "\r\nEND:VCARD\r\n");
    struct tcrm_vcard_reader *r;
    struct tcrm_error err;
    assert_int_not_equal(tcrm_vcard_open_mem("x.vcf", b, strlen(b), NULL, &r,
                                             &err), 0);
    assert_string_equal(err.msg, "x.vcf:2: line longer than 1 MB");
    free(b);
}

/* ---- fixtures --------------------------------------------------------- */

static struct tcrm_vcard_reader *open_fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/vcard/%s", TCRM_SRCDIR, name);
    struct tcrm_vcard_reader *r = NULL;
    struct tcrm_error err;
    if (tcrm_vcard_open(path, NULL, &r, &err))
        fail_msg("%s", err.msg);
    return r;
}

static void next_contact(struct tcrm_vcard_reader *r, struct tcrm_contact *c,
                         long want_line)
{
    long line;
    const char *text;
    size_t len;
    struct tcrm_error err;
    assert_int_equal(tcrm_vcard_next(r, &line, &text, &len), 1);
    assert_int_equal(line, want_line);
    assert_memory_equal(text, "BEGIN:VCARD", 11);
    assert_int_equal(tcrm_vcard_contact(r, c, &err), 0);
}

static void channels_are(const struct tcrm_contact *c, const char *want)
{
    struct tcrm_strbuf got;
    tcrm_strbuf_init(&got);
    for (size_t i = 0; i < c->n_channels; i++)
        tcrm_strbuf_appendf(&got, "%s%s %s", i ? " | " : "",
                            tcrm_channel_kind_name(c->channels[i].kind),
                            c->channels[i].value);
    assert_string_equal(got.buf, want);
    tcrm_strbuf_free(&got);
}

static void test_android_21(void **state)
{
    (void)state;
    struct tcrm_vcard_reader *r = open_fixture("android-21.vcf");
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_vcard_cards(r), 3);
    next_contact(r, &c, 1);
    assert_string_equal(c.name, "王芳");
    assert_string_equal(c.company, "华为技术有限公司");
    assert_string_equal(c.address, "北京市海淀区中关村大街1号, 100080");
    assert_string_equal(c.city, "北京");
    assert_string_equal(c.notes, "X-QQ: 123456789");
    channels_are(&c, "mobile +86 139 0000 0002 | work 010-5555 0102 | "
                 "fax 010-5555 0103 | email wang.fang@example.cn");
    assert_int_equal(tcrm_vcard_binary_skipped(r), 1);
    next_contact(r, &c, 18);
    assert_string_equal(c.name, "李娜");            /* GB2312, from N */
    assert_string_equal(c.company, "Tencent");
    assert_string_equal(c.department, "销售部");    /* GBK */
    assert_string_equal(c.birthday, "04-12");
    channels_are(&c, "mobile 13700000003");
    next_contact(r, &c, 25);
    assert_string_equal(c.name, "John Q. Smith");
    assert_string_equal(c.notes, "Met at the fair\nwants a quote for 200 "
                        "units");
    channels_are(&c, "mobile +44 7700 900999 | email "
                 "john.smith@example.co.uk");
    long line;
    const char *text;
    size_t len;
    assert_int_equal(tcrm_vcard_next(r, &line, &text, &len), 0);
    tcrm_contact_clear(&c);
    tcrm_vcard_close(r);
}

static void test_icloud_30(void **state)
{
    (void)state;
    struct tcrm_vcard_reader *r = open_fixture("icloud-30.vcf");
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    next_contact(r, &c, 1);
    assert_string_equal(c.name, "Anna Silva");
    assert_string_equal(c.company, "Silva Consultoria, Lda.");
    assert_string_equal(c.department, "Vendas");
    assert_string_equal(c.title, "CEO");
    assert_string_equal(c.address,
                        "Piso 3, Rua Augusta 100, 1100-053, Portugal");
    assert_string_equal(c.city, "Lisboa");
    assert_string_equal(c.birthday, "1980-02-29");
    assert_int_equal(c.tags.n, 2);
    assert_string_equal(c.tags.items[0], "vip");
    assert_string_equal(c.tags.items[1], "Lisbon, Portugal");
    assert_string_equal(c.notes, "Prefers e-mail; calls only after 14:00.\n"
                        "Backslash: C:\\data\nX-SOCIALPROFILE: "
                        "https://www.linkedin.com/in/anna-silva-example");
    channels_are(&c, "mobile +351 912 345 678 | work +351 21 123 4567 | "
                 "email anna@silva.example.pt | email anna.silva@mail.example"
                 " | web https://silva.example.pt");
    next_contact(r, &c, 25);
    assert_string_equal(c.name, "José Álvarez");
    channels_are(&c, "mobile +34 612 345 678 | email not-an-address");
    next_contact(r, &c, 33);
    channels_are(&c, "email anna@silva.example.pt | home +351 21 999 0000");
    assert_int_equal(tcrm_vcard_binary_skipped(r), 1);
    tcrm_contact_clear(&c);
    tcrm_vcard_close(r);
}

static void test_google_40(void **state)
{
    (void)state;
    struct tcrm_vcard_reader *r = open_fixture("google-40.vcf");
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    next_contact(r, &c, 1);
    assert_string_equal(c.name, "陈静 🎉");
    assert_string_equal(c.company, "小米科技");
    assert_string_equal(c.department, "销售部, 华东区");
    assert_string_equal(c.title, "销售总监");
    assert_string_equal(c.birthday, "1990-01-05");
    assert_int_equal(c.tags.n, 2);
    assert_string_equal(c.notes, "第一行\n第二行，逗号,分号;反斜杠\\\n"
                        "ANNIVERSARY: 20150610\nNICKNAME: 静静\nLANG: zh\n"
                        "X-WECHAT: chenjing_wx");
    channels_are(&c, "mobile +86-135-0000-0005 | work +86-571-5555-0505 | "
                 "email chen.jing@xiaomi.example | im "
                 "xmpp:chen.jing@example.cn");
    tcrm_contact_clear(&c);
    tcrm_vcard_close(r);
}

static void test_encoding_option(void **state)
{
    (void)state;
    static const char gbk[] = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\xD5\xC5\xCE\xB0"
                              "\r\nEND:VCARD\r\n";
    const char *encs[] = { "GB18030", "auto" };
    for (int i = 0; i < 2; i++) {
        struct tcrm_vcard_reader *r;
        struct tcrm_error err;
        struct tcrm_contact c;
        tcrm_contact_init(&c);
        assert_int_equal(tcrm_vcard_open_mem("g.vcf", gbk, sizeof gbk - 1,
                                             encs[i], &r, &err), 0);
        next_contact(r, &c, 1);
        assert_string_equal(c.name, "张伟");
        tcrm_contact_clear(&c);
        tcrm_vcard_close(r);
    }
}

/* ---- write then read -------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    struct tcrm_contact a;
    tcrm_contact_init(&a);
    tcrm_str_set(&a.name, "欧阳娜娜, \"Nana\"; 🎉");
    tcrm_str_set(&a.company, "Müller & Söhne; GmbH, Co\\KG");
    tcrm_str_set(&a.department, "研发部, 第二组");
    tcrm_str_set(&a.title, "工程师;主管");
    tcrm_str_set(&a.address, "Rua Augusta 100;\n2º andar, Lisboa");
    tcrm_str_set(&a.city, "北京, 海淀");
    tcrm_str_set(&a.birthday, "02-29");
    tcrm_str_set(&a.source, "展会; 2026");
    tcrm_str_set(&a.notes, "第一行\n第二行, with ; and \\ and \"quotes\"\n"
                 "X-QQ: 12345\n" "a very long line 很长很长很长很长很长很长很长"
                 "很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长");
    tcrm_contact_add_channel(&a, TCRM_CH_MOBILE, "+86 138 0000 0001");
    tcrm_contact_add_channel(&a, TCRM_CH_WORK, "010-5555 0101");
    tcrm_contact_add_channel(&a, TCRM_CH_HOME, "010-5555 0102");
    tcrm_contact_add_channel(&a, TCRM_CH_FAX, "010-5555 0103");
    tcrm_contact_add_channel(&a, TCRM_CH_EMAIL, "nana@example.cn");
    tcrm_contact_add_channel(&a, TCRM_CH_WEB, "https://example.cn/a,b;c");
    tcrm_contact_add_channel(&a, TCRM_CH_IM, "wechat: nana_88");
    tcrm_strlist_add(&a.tags, "客户, 重要");
    tcrm_strlist_add(&a.tags, "vip;gold");
    for (int v = TCRM_VCARD_30; v <= TCRM_VCARD_40; v++) {
        struct tcrm_strbuf out;
        tcrm_strbuf_init(&out);
        assert_int_equal(tcrm_vcard_write_contact(&out, &a, v), 0);
        check_lines(out.buf);
        struct tcrm_vcard_reader *r;
        struct tcrm_error err;
        struct tcrm_contact b;
        tcrm_contact_init(&b);
        if (tcrm_vcard_open_mem("rt.vcf", out.buf, out.len, NULL, &r, &err))
            fail_msg("%s", err.msg);
        next_contact(r, &b, 1);
        const char *fa[] = { a.name, a.company, a.department, a.title,
                             a.address, a.city, a.birthday, a.source,
                             a.notes };
        const char *fb[] = { b.name, b.company, b.department, b.title,
                             b.address, b.city, b.birthday, b.source,
                             b.notes };
        for (size_t i = 0; i < sizeof fa / sizeof *fa; i++)
            assert_string_equal(fa[i], fb[i]);
        assert_int_equal(b.n_channels, a.n_channels);
        for (size_t i = 0; i < a.n_channels; i++) {
            assert_int_equal(b.channels[i].kind, a.channels[i].kind);
            assert_string_equal(b.channels[i].value, a.channels[i].value);
        }
        assert_int_equal(b.tags.n, 2);
        assert_string_equal(b.tags.items[0], a.tags.items[0]);
        assert_string_equal(b.tags.items[1], a.tags.items[1]);
        tcrm_contact_clear(&b);
        tcrm_vcard_close(r);
        tcrm_strbuf_free(&out);
    }
    tcrm_contact_clear(&a);
}

static void test_sniff(void **state)
{
    (void)state;
    assert_true(tcrm_vcard_sniff("\xEF\xBB\xBF\r\n begin:vcard\r\n", 20));
    assert_true(tcrm_vcard_sniff("BEGIN:VCARD", 11));
    assert_false(tcrm_vcard_sniff("Name,BEGIN:VCARD\r\n", 18));
    assert_false(tcrm_vcard_sniff("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_qp),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_android_21),
        cmocka_unit_test(test_icloud_30),
        cmocka_unit_test(test_google_40),
        cmocka_unit_test(test_encoding_option),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
