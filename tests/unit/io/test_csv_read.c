/*
 * test_csv_read.c: the streaming CSV reader: quoting, line numbers,
 * delimiters, byte order marks, encodings, and the bad-input table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "io_test_util.h"
#include "tcrm/csvio.h"

/* Read all rows of path; fields joined by '|', rows by '/', with line. */
static int read_all(const char *path, const char *enc, char delim, char *out,
                    size_t sz, struct tcrm_error *err)
{
    struct tcrm_csv_reader *r;
    int rc = tcrm_csv_open(path, enc, delim, &r, err);
    if (rc)
        return rc;
    struct tcrm_csv_row row;
    size_t used = 0;
    out[0] = '\0';
    while ((rc = tcrm_csv_next(r, &row, err)) > 0) {
        used += (size_t)snprintf(out + used, sz - used, "%ld:", row.line);
        for (size_t i = 0; i < row.n; i++)
            used += (size_t)snprintf(out + used, sz - used, "%s%s",
                                     i ? "|" : "", row.fields[i]);
        used += (size_t)snprintf(out + used, sz - used, "/");
    }
    tcrm_csv_close(r);
    return rc;
}

static void test_quoting(void **state)
{
    (void)state;
    char out[512];
    struct tcrm_error err;
    const char *p = IO_WRITE("q.csv",
        "a,b,c\r\n"
        "\"x, y\",\"say \"\"hi\"\"\",\"l1\r\nl2\nl3\"\r\n"
        "\r\n"
        "\n"
        "1, 2 ,\n");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:a|b|c/2:x, y|say \"hi\"|l1\r\nl2\nl3/"
                             "7:1| 2 |/");
}

static void test_cr_only_lines(void **state)
{
    (void)state;
    char out[256];
    struct tcrm_error err;
    const char *p = IO_WRITE("cr.csv", "a,b\rc,d\r\re,f");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:a|b/2:c|d/4:e|f/");
}

static void test_delimiters(void **state)
{
    (void)state;
    char out[256];
    struct tcrm_error err;
    struct tcrm_csv_reader *r;
    const char *p = IO_WRITE("semi.csv", "name;email;\"a,b\"\nAnn;a@x;1,5\n");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name|email|a,b/2:Ann|a@x|1,5/");
    p = IO_WRITE("tab.csv", "name\temail\nAnn\ta@x\n");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name|email/2:Ann|a@x/");
    assert_int_equal(tcrm_csv_open(p, NULL, 0, &r, &err), 0);
    assert_int_equal(tcrm_csv_delimiter(r), '\t');
    tcrm_csv_close(r);
    /* a given delimiter wins */
    assert_int_equal(read_all(p, NULL, ',', out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name\temail/2:Ann\ta@x/");
}

static void test_bom_and_encodings(void **state)
{
    (void)state;
    char out[256];
    struct tcrm_error err;
    struct tcrm_csv_reader *r;
    const char *p = IO_WRITE("bom.csv", "\xEF\xBB\xBFname\n\xE5\xBC\xA0\n");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name/2:张/");
    p = IO_WRITE("u16.csv", "\xFF\xFEn\0a\0\n\0\x20\x5F\n\0");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:na/2:张/");
    /* 张伟 in GB18030: read as GB18030 unless an encoding is named */
    p = IO_WRITE("gb.csv", "name\n\xD5\xC5\xCE\xB0\n");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name/2:张伟/");
    assert_int_equal(tcrm_csv_open(p, NULL, 0, &r, &err), 0);
    assert_string_equal(tcrm_csv_encoding(r), "GB18030");
    assert_int_equal(tcrm_csv_encoding_guessed(r), 1);
    tcrm_csv_close(r);
    assert_int_equal(read_all(p, "UTF-8", 0, out, sizeof out, &err), TCRM_EINVAL);
    assert_string_equal(strstr(err.msg, "gb.csv"), "gb.csv:2: not valid UTF-8 "
                        "(looks like GB18030): use --encoding GB18030");
    assert_int_equal(read_all(p, "GB18030", 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name/2:张伟/");
    assert_int_equal(tcrm_csv_open(p, "auto", 0, &r, &err), 0);
    assert_string_equal(tcrm_csv_encoding(r), "GB18030");
    assert_int_equal(tcrm_csv_encoding_guessed(r), 1);
    tcrm_csv_close(r);
    /* "Müller" in Latin-1: not GB18030 either (0xFC 0x6C is no pair), so
     * not read without a name */
    p = IO_WRITE("l1.csv", "name\nM\xFCller\xFF\n");
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), TCRM_EINVAL);
    assert_string_equal(strstr(err.msg, "l1.csv"), "l1.csv:2: not valid UTF-8 "
                        "(looks like ISO-8859-1): use --encoding ISO-8859-1");
    assert_int_equal(tcrm_csv_open(p, "auto", 0, &r, &err), 0);
    assert_string_equal(tcrm_csv_encoding(r), "ISO-8859-1");
    tcrm_csv_close(r);
    assert_int_equal(read_all(p, "latin1", 0, out, sizeof out, &err), 0);
    assert_string_equal(out, "1:name/2:Müllerÿ/");
    p = IO_WRITE("u8.csv", "name\nAnn\n");
    assert_int_equal(tcrm_csv_open(p, "auto", 0, &r, &err), 0);
    assert_string_equal(tcrm_csv_encoding(r), "UTF-8");
    assert_int_equal(tcrm_csv_encoding_guessed(r), 0);
    tcrm_csv_close(r);
}

/* A UTF-8 character split across the 64 KB read boundary. */
static void test_chunk_boundary(void **state)
{
    (void)state;
    size_t n = 64 * 1024 + 100;
    char *buf = malloc(n + 1);
    memset(buf, 'a', n);
    memcpy(buf, "h\n", 2);
    memcpy(buf + 64 * 1024 - 1, "\xE5\xBC\xA0", 3);
    buf[n - 1] = '\n';
    const char *p = io_write("split.csv", buf, n);
    struct tcrm_csv_reader *r;
    struct tcrm_error err;
    struct tcrm_csv_row row;
    assert_int_equal(tcrm_csv_open(p, NULL, 0, &r, &err), 0);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 1);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 1);
    assert_int_equal(row.lens[0], n - 3);
    assert_memory_equal(row.fields[0] + 64 * 1024 - 3, "\xE5\xBC\xA0", 3);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 0);
    tcrm_csv_close(r);
    free(buf);
}

struct bad_case {
    const char *name, *bytes;
    size_t n;
    const char *enc;
    const char *msg;       /* after the folder */
};

#define BAD(name, lit, enc, msg) { name, lit, sizeof lit - 1, enc, msg }

static void test_bad_input(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        BAD("quote.csv", "name\nAnn\n\"Bob\n", NULL,
            "quote.csv:3: quoted field not closed at end of file"),
        BAD("nul.csv", "name\nA\0nn\n", NULL,
            "nul.csv:2: NUL byte (not a text file?)"),
        BAD("utf.csv", "name\nok\n\xC3\x28\n", NULL,
            "utf.csv:3: not valid UTF-8 (looks like ISO-8859-1): use "
            "--encoding ISO-8859-1"),
        BAD("empty.csv", "", NULL, "empty.csv: empty file"),
        BAD("enc.csv", "name\n", "NO-SUCH-ENC",
            "--encoding: unknown encoding 'NO-SUCH-ENC'"),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        struct tcrm_error err;
        tcrm_error_clear(&err);
        const char *p = io_write(cases[i].name, cases[i].bytes, cases[i].n);
        int rc = read_all(p, cases[i].enc, 0, out, sizeof out, &err);
        assert_true(rc < 0);
        const char *m = strstr(err.msg, cases[i].name);
        if (!m || m == err.msg)
            m = err.msg;
        assert_string_equal(m, cases[i].msg);
    }
}

static void test_limits(void **state)
{
    (void)state;
    char out[64];
    struct tcrm_error err;
    size_t n = 10 * 1024 * 1024 + 20;
    char *big = malloc(n);
    memcpy(big, "h\n\"", 3);
    memset(big + 3, 'x', n - 5);
    memcpy(big + n - 2, "\"\n", 2);
    const char *p = io_write("big.csv", big, n);
    free(big);
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), TCRM_EINVAL);
    assert_non_null(strstr(err.msg, "big.csv:2: field longer than 1 MB"));
    char wide[4000];
    size_t k = 0;
    for (int i = 0; i < 1000; i++)
        k += (size_t)snprintf(wide + k, sizeof wide - k, "%sc", i ? "," : "");
    wide[k++] = '\n';
    p = io_write("wide.csv", wide, k);
    assert_int_equal(read_all(p, NULL, 0, out, sizeof out, &err), TCRM_EINVAL);
    assert_non_null(strstr(err.msg, "wide.csv:1: more than 256 fields in a row"));
    assert_int_equal(read_all(io_path(""), NULL, 0, out, sizeof out, &err),
                     TCRM_EIO);
    assert_non_null(strstr(err.msg, ": is a directory"));
    assert_int_equal(read_all(io_path("missing.csv"), NULL, 0, out, sizeof out,
                              &err), TCRM_EIO);
    assert_non_null(strstr(err.msg, "missing.csv: No such file or directory"));
}

/* tcrm_csv_set_limits: a field or a row past its cap is an error at the
 * line it starts on, in bytes when the cap is not whole megabytes; the
 * rows before it are read as usual. */
static void test_set_limits(void **state)
{
    (void)state;
    struct tcrm_error err;
    const char *p = IO_WRITE("caps.csv", "a,b\nshort,ok\n0123456789x,y\n");
    struct tcrm_csv_reader *r;
    struct tcrm_csv_row row;
    assert_int_equal(tcrm_csv_open(p, NULL, 0, &r, &err), 0);
    tcrm_csv_set_limits(r, 10, 0);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 1);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 1);
    assert_string_equal(row.fields[0], "short");
    assert_int_equal(tcrm_csv_next(r, &row, &err), TCRM_EINVAL);
    assert_non_null(strstr(err.msg, "caps.csv:3: field longer than 10 bytes"));
    tcrm_csv_close(r);
    assert_int_equal(tcrm_csv_open(p, NULL, 0, &r, &err), 0);
    tcrm_csv_set_limits(r, 0, 12);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 1);
    assert_int_equal(tcrm_csv_next(r, &row, &err), 1);
    assert_int_equal(tcrm_csv_next(r, &row, &err), TCRM_EINVAL);
    assert_non_null(strstr(err.msg, "caps.csv:3: row longer than 12 bytes"));
    tcrm_csv_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_cr_only_lines),
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_bom_and_encodings),
        cmocka_unit_test(test_chunk_boundary),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_set_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
