/*
 * test_pinyin.c: the hanzi-to-pinyin table and search keys of
 * src/util/pinyin.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcrm/pinyin.h"
#include "tcrm/text.h"

/* The readings of the one character in s, joined with "/". */
static void readings_of(const char *s, char *out, size_t outsz)
{
    uint32_t cp;
    const char *r[TCRM_PINYIN_MAX_READINGS];
    assert_true(tcrm_utf8_decode(s, strlen(s), &cp) > 1);
    int n = tcrm_pinyin_readings(cp, r, TCRM_PINYIN_MAX_READINGS);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i)
            strncat(out, "/", outsz - strlen(out) - 1);
        strncat(out, r[i], outsz - strlen(out) - 1);
    }
}

static void test_readings(void **state)
{
    (void)state;
    static const struct { const char *ch, *want; } t[] = {
        {"张", "zhang"}, {"伟", "wei"}, {"王", "wang"}, {"华", "hua"},
        {"曾", "ceng/zeng"},      /* common reading first */
        {"单", "dan/chan/shan"},
        {"解", "jie/xie"},
        {"行", "xing/hang/heng"},
        {"长", "zhang/chang"},
        {"吕", "lv"},             /* ü is v */
        {"女", "nv"},
        {"娜", "na/nuo"},
        {"略", "lve"},
        {"𠀀", "he"},              /* beyond the BMP (U+20000) */
    };
    char got[64];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        readings_of(t[i].ch, got, sizeof got);
        if (strcmp(got, t[i].want) != 0)
            fail_msg("%s: '%s', want '%s'", t[i].ch, got, t[i].want);
    }
    const char *r[4];
    assert_int_equal(tcrm_pinyin_readings('a', r, 4), 0);
    assert_int_equal(tcrm_pinyin_readings(0x3042 /* あ */, r, 4), 0);
    assert_int_equal(tcrm_pinyin_readings(0x66FE /* 曾 */, r, 1), 1);
    assert_string_equal(r[0], "ceng");
    assert_int_equal(tcrm_pinyin_readings(0x66FE, r, 0), 0);
}

static void test_keys(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } t[] = {
        {"张伟", "zhangwei\nzw\n"},
        {"张 伟", "zhangwei\nzw\n"},
        {"华为技术", "huaweijishu\nhwjs\nhuaweijizhu\nhwjz\n"},
        {"曾伟", "cengwei\ncw\nzengwei\nzw\n"},
        {"单", "dan\nd\nchan\nc\nshan\ns\n"},
        {"解放", "jiefang\njf\nxiefang\nxf\n"},
        {"吕娜", "lvna\nln\nlvnuo\n"},
        {"ABC科技 Ltd.", "keji\nkj\n"},
        {"Anna Silva", ""},
        {"", ""},
        {"\xff\xfe张", "zhang\nz\n"}, /* bad UTF-8 is skipped */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        struct tcrm_strbuf sb;
        tcrm_strbuf_init(&sb);
        assert_int_equal(tcrm_pinyin_keys(t[i].in, &sb), 0);
        const char *got = sb.buf ? sb.buf : "";
        if (strcmp(got, t[i].want) != 0)
            fail_msg("'%s': '%s', want '%s'", t[i].in, got, t[i].want);
        tcrm_strbuf_free(&sb);
    }
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    assert_int_equal(tcrm_pinyin_keys(NULL, &sb), 0);
    assert_int_equal(sb.len, 0);
    /* appends after what is there; repeats are judged on its own lines */
    tcrm_strbuf_append(&sb, "zw\n");
    assert_int_equal(tcrm_pinyin_keys("张伟", &sb), 0);
    assert_string_equal(sb.buf, "zw\nzhangwei\nzw\n");
    tcrm_strbuf_free(&sb);
}

/* Polyphones are bounded: at most TCRM_PINYIN_MAX_VARIANTS combinations,
 * the characters from the end on losing their further readings first. */
static void test_keys_bounded(void **state)
{
    (void)state;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    /* 单 has 3 readings, 行 3, 曾 2, 解 2: 36 combinations */
    assert_int_equal(tcrm_pinyin_keys("单行曾解", &sb), 0);
    size_t lines = 0;
    for (size_t i = 0; i < sb.len; i++)
        lines += sb.buf[i] == '\n';
    assert_true(lines <= 2 * TCRM_PINYIN_MAX_VARIANTS);
    assert_non_null(strstr(sb.buf, "danxingcengjie\n"));
    assert_non_null(strstr(sb.buf, "shanxingcengjie\n"));
    /* 解, 曾 and 行 lost their further readings, 单 kept all three */
    assert_null(strstr(sb.buf, "xie"));
    assert_null(strstr(sb.buf, "zeng"));
    assert_null(strstr(sb.buf, "hang"));
    assert_int_equal(lines, 6);
    tcrm_strbuf_free(&sb);
    /* only the first TCRM_PINYIN_MAX_CHARS hanzi count */
    char many[4 * 3 * TCRM_PINYIN_MAX_CHARS + 1] = "";
    for (int i = 0; i < 4 * TCRM_PINYIN_MAX_CHARS; i++)
        strcat(many, "张");
    tcrm_strbuf_init(&sb);
    assert_int_equal(tcrm_pinyin_keys(many, &sb), 0);
    /* zhang... (5 each), z... (1 each), each with its newline */
    assert_int_equal(sb.len, (5 + 1) * TCRM_PINYIN_MAX_CHARS + 2);
    tcrm_strbuf_free(&sb);
}

static void test_fold_query(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } t[] = {
        {"Zhāng Wěi", "zhang wei"},
        {"lǚ", "lv"}, {"LÜ", "lv"}, {"lü", "lv"}, {"nǘ", "nv"},
        {"lv", "lv"}, {"ZHANGWEI", "zhangwei"}, {"  zhang   wei ", "zhang wei"},
        {"张伟", "张伟"}, {"Müller", "mvller"}, {"", ""},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *got = tcrm_pinyin_fold_query(t[i].in);
        assert_non_null(got);
        if (strcmp(got, t[i].want) != 0)
            fail_msg("'%s': '%s', want '%s'", t[i].in, got, t[i].want);
        free(got);
    }
    char *e = tcrm_pinyin_fold_query(NULL);
    assert_string_equal(e, "");
    free(e);
}

static int by_key(const void *a, const void *b)
{
    char *ka = tcrm_pinyin_sort_key(*(const char *const *)a);
    char *kb = tcrm_pinyin_sort_key(*(const char *const *)b);
    int c = strcmp(ka, kb);
    free(ka);
    free(kb);
    return c;
}

static void test_sort_key(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } t[] = {
        {"张伟", "zhang\x1f张 wei\x1f伟"}, {"张 伟", "zhang\x1f张 wei\x1f伟"},
        {"ABC科技", "abc ke\x1f科 ji\x1f技"}, {"张abc", "zhang\x1f张 abc"},
        {"Anna Silva", "anna silva"}, {"", ""}, {"Ünal", "unal"},
        {"曾伟", "ceng\x1f曾 wei\x1f伟"},   /* the common reading only */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *got = tcrm_pinyin_sort_key(t[i].in);
        assert_non_null(got);
        if (strcmp(got, t[i].want) != 0)
            fail_msg("'%s': '%s', want '%s'", t[i].in, got, t[i].want);
        free(got);
    }
    /* The order a Chinese office expects, Latin names in their place. */
    const char *names[] = {"zoe", "章子怡", "张伟", "Zhang Anna", "王芳",
                           "李娜", "Anna", "ABC科技", "黄强", "胡军"};
    const char *want[] = {"ABC科技", "Anna", "胡军", "黄强", "李娜", "王芳",
                          "张伟", "章子怡", "Zhang Anna", "zoe"};
    qsort(names, 10, sizeof names[0], by_key);
    for (int i = 0; i < 10; i++)
        assert_string_equal(names[i], want[i]);
    /* The key of a name's start is a prefix of the name's key. */
    char *whole = tcrm_pinyin_sort_key("华为技术");
    char *start = tcrm_pinyin_sort_key("华为");
    assert_int_equal(strncmp(whole, start, strlen(start)), 0);
    free(whole);
    free(start);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readings),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_keys_bounded),
        cmocka_unit_test(test_fold_query),
        cmocka_unit_test(test_sort_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
