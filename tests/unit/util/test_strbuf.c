/*
 * test_strbuf.c: the growable string of src/util/strbuf.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcrm/error.h"
#include "tcrm/strbuf.h"

static void test_init_is_empty(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    assert_non_null(sb.buf);
    assert_string_equal(sb.buf, "");
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, 0);
    tcrm_strbuf_reset(&sb); /* must not write to the shared "" */
    tcrm_strbuf_free(&sb);
    assert_string_equal(sb.buf, "");
}

static void test_appends(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    assert_int_equal(tcrm_strbuf_append(&sb, "abc"), 0);
    assert_int_equal(tcrm_strbuf_appendn(&sb, "defgh", 2), 0);
    assert_int_equal(tcrm_strbuf_appendc(&sb, '!'), 0);
    assert_int_equal(tcrm_strbuf_appendf(&sb, " %d rows, %s", 42, "张伟"), 0);
    assert_string_equal(sb.buf, "abcde! 42 rows, 张伟");
    assert_int_equal(sb.len, strlen("abcde! 42 rows, 张伟"));
    assert_true(sb.cap > sb.len);
    assert_int_equal(tcrm_strbuf_append(&sb, ""), 0);
    assert_int_equal(tcrm_strbuf_appendf(&sb, "%s", ""), 0);
    assert_int_equal(sb.len, strlen("abcde! 42 rows, 张伟"));
    tcrm_strbuf_free(&sb);
}

static void test_grows_large(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(tcrm_strbuf_appendf(&sb, "%04d,", i % 10000), 0);
    assert_int_equal(sb.len, 50000);
    assert_int_equal(strlen(sb.buf), 50000);
    assert_memory_equal(sb.buf, "0000,0001,", 10);
    assert_string_equal(sb.buf + 49995, "9999,");
    tcrm_strbuf_free(&sb);
}

static void test_appendc_nul_and_self(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    assert_int_equal(tcrm_strbuf_append(&sb, "xy"), 0);
    /* appending its own contents must work even when it reallocates */
    for (int i = 0; i < 6; i++)
        assert_int_equal(tcrm_strbuf_appendn(&sb, sb.buf, sb.len), 0);
    assert_int_equal(sb.len, 128);
    for (size_t i = 0; i < sb.len; i++)
        assert_int_equal(sb.buf[i], i % 2 ? 'y' : 'x');
    tcrm_strbuf_free(&sb);
}

static void test_reset_keeps_memory(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    tcrm_strbuf_append(&sb, "hello world");
    size_t cap = sb.cap;
    char *mem = sb.buf;
    tcrm_strbuf_reset(&sb);
    assert_string_equal(sb.buf, "");
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, cap);
    assert_ptr_equal(sb.buf, mem);
    tcrm_strbuf_append(&sb, "again");
    assert_string_equal(sb.buf, "again");
    tcrm_strbuf_free(&sb);
}

static void test_steal(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    char *empty = tcrm_strbuf_steal(&sb);
    assert_non_null(empty);
    assert_string_equal(empty, "");
    free(empty);

    tcrm_strbuf_append(&sb, "taken");
    char *s = tcrm_strbuf_steal(&sb);
    assert_string_equal(s, "taken");
    assert_string_equal(sb.buf, "");
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, 0);
    tcrm_strbuf_append(&sb, "reused");
    assert_string_equal(sb.buf, "reused");
    assert_string_equal(s, "taken");
    free(s);
    tcrm_strbuf_free(&sb);
}

static void test_free_null(void **state)
{
    (void)state;
    tcrm_strbuf_free(NULL);
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    tcrm_strbuf_free(&sb);
    tcrm_strbuf_free(&sb); /* twice is harmless */
    assert_string_equal(sb.buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_is_empty),
        cmocka_unit_test(test_appends),
        cmocka_unit_test(test_grows_large),
        cmocka_unit_test(test_appendc_nul_and_self),
        cmocka_unit_test(test_reset_keeps_memory),
        cmocka_unit_test(test_steal),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
