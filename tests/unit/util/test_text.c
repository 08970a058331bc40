/*
 * test_text.c: UTF-8 decoding, column widths, fitting and sanitizing
 * (src/util/text.c).
 *
 * main() calls setlocale(LC_ALL, ""), and meson runs this program twice:
 * with LC_ALL=C (the built-in width table) and LC_ALL=C.UTF-8 (wcwidth).
 * Every expectation must hold in both.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcrm/text.h"

#define ZHANG "\xE5\xBC\xA0"     /* 张 U+5F20 */
#define WEI "\xE4\xBC\x9F"       /* 伟 U+4F1F */
#define GRIN "\xF0\x9F\x98\x80"  /* 😀 U+1F600 */
#define ACUTE "\xCC\x81"         /* U+0301 combining acute */
#define ELL "\xE2\x80\xA6"       /* … */
#define FFFD "\xEF\xBF\xBD"
#define ESC_PIC "\xE2\x90\x9B"   /* ␛ */
#define ZH5 "张伟工程师"

static void test_locale_as_requested(void **state)
{
    (void)state;
    const char *lc = getenv("LC_ALL");
    if (lc && strstr(lc, "UTF-8"))
        assert_true(MB_CUR_MAX > 1);
    else if (lc && strcmp(lc, "C") == 0)
        assert_int_equal(MB_CUR_MAX, 1);
}

static void test_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(tcrm_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(tcrm_utf8_decode("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(tcrm_utf8_decode(ZHANG "x", 4, &cp), 3);
    assert_int_equal(cp, 0x5F20);
    assert_int_equal(tcrm_utf8_decode(GRIN, 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(tcrm_utf8_decode("", 0, &cp), 0);
    static const struct { const char *s; size_t len; } bad[] = {
        {"\x80", 1}, {"\xBF", 1}, {"\xC0\xAF", 2}, {"\xC1\xBF", 2},
        {"\xE0\x80\xAF", 3}, {"\xED\xA0\x80", 3}, {"\xF0\x80\x80\xAF", 4},
        {"\xF4\x90\x80\x80", 4}, {"\xF5\x80\x80\x80", 4}, {"\xFF", 1},
        {"\xC3", 1}, {"\xE5\xBC", 2}, {ZHANG, 2}, {"\xC3" "A", 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cp = 0;
        if (tcrm_utf8_decode(bad[i].s, bad[i].len, &cp) != -1)
            fail_msg("bad sequence %zu decoded", i);
        assert_int_equal(cp, 0xFFFD);
    }
}

static void test_encode_valid(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800,
                                   0x5F20, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        uint32_t back;
        int n = tcrm_utf8_encode(cps[i], buf);
        assert_int_equal(tcrm_utf8_decode(buf, (size_t)n, &back), n);
        assert_int_equal(back, cps[i]);
    }
    char buf[4];
    assert_int_equal(tcrm_utf8_encode(0xD800, buf), 3);
    assert_memory_equal(buf, FFFD, 3);
    assert_int_equal(tcrm_utf8_encode(0x110000, buf), 3);
    assert_memory_equal(buf, FFFD, 3);

    assert_true(tcrm_utf8_valid("", 0));
    assert_true(tcrm_utf8_valid("Anna " ZHANG WEI GRIN, 16));
    assert_false(tcrm_utf8_valid("ab\xFF", 3));
    assert_false(tcrm_utf8_valid("\xED\xA0\x80", 3));
    assert_false(tcrm_utf8_valid(ZHANG, 2)); /* cut in the middle */
}

static void test_prev_next(void **state)
{
    (void)state;
    const char *s = "a" ZHANG GRIN "b"; /* starts 0 1 4 8, length 9 */
    size_t len = strlen(s);
    static const size_t starts[] = {0, 1, 4, 8, 9};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(tcrm_utf8_next(s, len, starts[i]), starts[i + 1]);
        assert_int_equal(tcrm_utf8_prev(s, starts[i + 1]), starts[i]);
    }
    assert_int_equal(tcrm_utf8_next(s, len, 9), 9);
    assert_int_equal(tcrm_utf8_prev(s, 0), 0);
    /* invalid bytes are stepped over one at a time */
    const char *bad = "a\x80\x80" "b";
    assert_int_equal(tcrm_utf8_next(bad, 4, 1), 2);
    assert_int_equal(tcrm_utf8_prev(bad, 3), 2);
    assert_int_equal(tcrm_utf8_prev(bad, 2), 1);
    const char *cut = "a\xE5\xBC" "x"; /* a truncated 张 */
    assert_int_equal(tcrm_utf8_prev(cut, 3), 2);
    assert_int_equal(tcrm_utf8_next(cut, 4, 1), 2);
}

static void test_char_width(void **state)
{
    (void)state;
    static const struct { uint32_t cp; int w; } t[] = {
        {'A', 1}, {' ', 1}, {0xE9, 1}, {0x416, 1} /* Ж */, {0x3B1, 1},
        {0x5F20, 2}, {0x4E00, 2}, {0x9FA5, 2}, {0x3400, 2}, {0x20000, 2},
        {0xAC00, 2} /* 가 */, {0xD7A3, 2}, {0x3042, 2} /* あ */,
        {0x30AB, 2} /* カ */, {0x3001, 2} /* 、 */, {0x3000, 2},
        {0xFF21, 2} /* Ａ */, {0xFF01, 2}, {0xFFE5, 2}, {0xFF76, 1} /* ｶ */,
        {0x1F600, 2}, {0x1F680, 2}, {0x1F44D, 2}, {0x1F9D1, 2}, {0x1FA70, 2},
        {0x0301, 0}, {0x0300, 0}, {0x036F, 0}, {0x200B, 0}, {0xFE0F, 0},
        {0x3099, 0}, {0x1160, 0},
        {0x00, 1}, {0x1B, 1}, {'\t', 1}, {'\n', 1}, {0x7F, 1}, {0x85, 1},
        {0x9B, 1},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (tcrm_char_width(t[i].cp) != t[i].w)
            fail_msg("U+%04X: width %d, want %d", (unsigned)t[i].cp,
                     tcrm_char_width(t[i].cp), t[i].w);
}

/* The built-in table must say what glibc's wcwidth says (C.UTF-8). */
static void test_table_agrees_with_wcwidth(void **state)
{
    (void)state;
    static const uint32_t ranges[][2] = {
        {0x20, 0x7E}, {0xA0, 0x24F}, {0x300, 0x36F}, {0x370, 0x52F},
        {0x1100, 0x11FF}, {0x2E80, 0x33FF}, {0x4E00, 0x4FFF},
        {0xAC00, 0xAD00}, {0xFE00, 0xFFEF}, {0x1F300, 0x1FAFF},
    };
    char *old = strdup(setlocale(LC_CTYPE, NULL));
    assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
    int *w = calloc(0x20000, sizeof *w);
    assert_non_null(w);
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++)
            w[c] = tcrm_char_width(c);
    setlocale(LC_CTYPE, "C");
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++)
            if (w[c] != tcrm_char_width(c))
                fail_msg("U+%04X: wcwidth %d, table %d", (unsigned)c, w[c],
                         tcrm_char_width(c));
    free(w);
    setlocale(LC_CTYPE, old);
    free(old);
}

static void test_is_cjk(void **state)
{
    (void)state;
    static const uint32_t yes[] = {0x5F20, 0x4E00, 0x3400, 0x20000, 0x3042,
        0x30AB, 0xAC00, 0x3001, 0x3002, 0xFF0C, 0xFF76, 0xF900};
    static const uint32_t no[] = {'A', 'z', '1', 0xE9, 0x416, 0x1F600,
        0xFF21, 0x2014};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!tcrm_char_is_cjk(yes[i]))
            fail_msg("U+%04X should be CJK", (unsigned)yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (tcrm_char_is_cjk(no[i]))
            fail_msg("U+%04X should not be CJK", (unsigned)no[i]);
}

static void test_text_width(void **state)
{
    (void)state;
    assert_int_equal(tcrm_text_width(NULL), 0);
    assert_int_equal(tcrm_text_width(""), 0);
    assert_int_equal(tcrm_text_width("Anna"), 4);
    assert_int_equal(tcrm_text_width(ZHANG WEI), 4);
    assert_int_equal(tcrm_text_width("华为 集团"), 9);
    assert_int_equal(tcrm_text_width("e" ACUTE), 1);
    assert_int_equal(tcrm_text_width(GRIN "!"), 3);
    assert_int_equal(tcrm_text_width("\x1b[0m"), 4); /* ␛ [ 0 m */
    assert_int_equal(tcrm_text_width("a\tb\nc"), 5);
    assert_int_equal(tcrm_text_width("a\xFF\xFE"), 3);
    assert_int_equal(tcrm_text_width("ｶﾀｶﾅ"), 4); /* half-width kana */
}

struct fit_case {
    const char *in;
    int cols;
    size_t outsz;
    const char *want;
    int width;
};

static void test_fit(void **state)
{
    (void)state;
    static const struct fit_case t[] = {
        {"Hello world", 5, 64, "Hell" ELL, 5},
        {"Hello", 5, 64, "Hello", 5},
        {"Hello", 9, 64, "Hello", 5},
        {ZH5, 10, 64, ZH5, 10},
        {ZH5, 9, 64, "张伟工程" ELL, 9},
        {ZH5, 5, 64, "张伟" ELL, 5},
        {ZH5, 6, 64, "张伟" ELL, 5},  /* 工 would straddle: dropped */
        {ZHANG WEI, 4, 64, ZHANG WEI, 4},
        {ZHANG WEI, 3, 64, ZHANG ELL, 3},
        {ZHANG WEI, 2, 64, ELL, 1},
        {ZHANG WEI, 1, 64, ELL, 1},
        {ZHANG WEI, 0, 64, "", 0},
        {"abc", -1, 64, "", 0},
        {"", 5, 64, "", 0},
        {"a" GRIN "b", 2, 64, "a" ELL, 2},
        {"e" ACUTE "e" ACUTE "e" ACUTE, 3, 64, "e" ACUTE "e" ACUTE "e" ACUTE, 3},
        {"e" ACUTE "e" ACUTE "e" ACUTE, 2, 64, "e" ACUTE ELL, 2},
        /* byte room, not columns, runs out */
        {ZH5, 20, 8, ZHANG ELL, 3},
        {ZH5, 20, 16, ZH5, 10},
        {ZH5, 20, 15, "张伟工" ELL, 7}, /* 14 bytes: 9 + 3 */
        {"abcdef", 20, 4, ELL, 1},     /* a cut is always shown... */
        {"abcdef", 20, 3, "ab", 2},    /* ...unless "…" cannot fit */
        {"abcdef", 20, 1, "", 0},
        /* what is copied is what is shown */
        {"\x1b[31mred", 20, 64, ESC_PIC "[31mred", 8},
        {"a\xFF" "b", 20, 64, "a" FFFD "b", 3},
        {"a\tb\nc", 20, 64, "a b\xE2\x86\xB5" "c", 5},
        {"\x1b\x1b\x1b", 2, 64, ESC_PIC ELL, 2},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char out[64];
        int w = -1;
        size_t n = tcrm_text_fit(t[i].in, t[i].cols, out, t[i].outsz, &w);
        if (strcmp(out, t[i].want) != 0 || w != t[i].width ||
            n != strlen(t[i].want))
            fail_msg("case %zu: '%s' (%d cols, %zu bytes) gave '%s' w%d n%zu",
                     i, t[i].in, t[i].cols, t[i].outsz, out, w, n);
    }
    char out[4] = "xyz";
    assert_int_equal(tcrm_text_fit("abc", 3, out, 0, NULL), 0);
    assert_string_equal(out, "xyz"); /* outsz 0: nothing written */
    assert_int_equal(tcrm_text_fit(NULL, 3, out, sizeof out, NULL), 0);
    assert_string_equal(out, "");
}

/* Whatever the columns and room: valid UTF-8, within bounds, the width
 * reported is the width of the result. */
static void test_fit_never_splits(void **state)
{
    (void)state;
    static const char *const ins[] = {
        ZH5 "abc", "a" GRIN GRIN "b" ZHANG, "Anna Silva", "e" ACUTE "x" ACUTE,
        "\x1b\xFF" ZHANG "\xC2\x85", "ｶﾀｶﾅ" ZHANG "Ω",
    };
    for (size_t i = 0; i < sizeof ins / sizeof ins[0]; i++)
        for (int cols = 0; cols <= 14; cols++)
            for (size_t outsz = 1; outsz <= 30; outsz++) {
                char out[32];
                int w;
                size_t n = tcrm_text_fit(ins[i], cols, out, outsz, &w);
                assert_true(n < outsz);
                assert_int_equal(strlen(out), n);
                assert_true(tcrm_utf8_valid(out, n));
                assert_true(w <= cols);
                assert_int_equal(tcrm_text_width(out), w);
            }
}

static void test_pad(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(tcrm_text_pad("ab", 5, 0, out, sizeof out), 5);
    assert_string_equal(out, "ab   ");
    tcrm_text_pad("ab", 5, 1, out, sizeof out);
    assert_string_equal(out, "   ab");
    tcrm_text_pad(ZH5, 6, 0, out, sizeof out);
    assert_string_equal(out, "张伟" ELL " ");
    tcrm_text_pad(ZH5, 6, 1, out, sizeof out);
    assert_string_equal(out, " 张伟" ELL);
    tcrm_text_pad(ZHANG, 4, 0, out, sizeof out);
    assert_string_equal(out, ZHANG "  ");
    tcrm_text_pad("", 3, 0, out, sizeof out);
    assert_string_equal(out, "   ");
    tcrm_text_pad(NULL, 2, 1, out, sizeof out);
    assert_string_equal(out, "  ");
    tcrm_text_pad("abc", 0, 0, out, sizeof out);
    assert_string_equal(out, "");
    /* room runs out: as many spaces as fit */
    assert_int_equal(tcrm_text_pad("ab", 10, 0, out, 6), 5);
    assert_string_equal(out, "ab   ");
    tcrm_text_pad("ab", 10, 1, out, 6);
    assert_string_equal(out, "   ab");

    static const char *const ins[] = {ZH5, "Anna", "a" GRIN, "e" ACUTE, ""};
    for (size_t i = 0; i < sizeof ins / sizeof ins[0]; i++)
        for (int cols = 1; cols <= 12; cols++)
            for (int right = 0; right <= 1; right++) {
                tcrm_text_pad(ins[i], cols, right, out, sizeof out);
                assert_int_equal(tcrm_text_width(out), cols);
            }
}

struct san_case {
    const char *in, *want;
};

static void test_sanitize(void **state)
{
    (void)state;
    static const struct san_case t[] = {
        {"plain " ZHANG WEI " " GRIN, "plain " ZHANG WEI " " GRIN},
        {"a\x1b[31mb", "a" ESC_PIC "[31mb"},
        {"\x1b]0;title\x07", ESC_PIC "]0;title\xE2\x90\x87"},
        {"\x01\x1f", "\xE2\x90\x81\xE2\x90\x9F"},
        {"\x7f", "\xE2\x90\xA1"},
        {"\r", "\xE2\x90\x8D"},
        {"a\tb", "a b"},
        {"a\nb", "a\xE2\x86\xB5" "b"},
        {"\xC2\x85", FFFD},               /* NEL, a C1 control */
        {"\xC2\x9B" "31m", FFFD "31m"},   /* CSI, a C1 control */
        {"\xC2\xA0", "\xC2\xA0"},         /* no-break space is fine */
        {"\xFF\xFE", FFFD FFFD},
        {"\xC0\xAF", FFFD FFFD},          /* overlong '/' */
        {"\xED\xA0\x80", FFFD FFFD FFFD}, /* surrogate */
        {"ab\xE5\xBC", "ab" FFFD FFFD},   /* truncated 张 */
        {"a\0b", "a"},                    /* a C string ends at NUL */
        {"", ""},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *s = tcrm_text_sanitize(t[i].in);
        assert_non_null(s);
        if (strcmp(s, t[i].want) != 0)
            fail_msg("case %zu gave '%s', want '%s'", i, s, t[i].want);
        free(s);
    }
    char *s = tcrm_text_sanitize(NULL);
    assert_string_equal(s, "");
    free(s);
    /* U+0000 (as a code point) is drawn as ␀ and is one column */
    assert_int_equal(tcrm_char_width(0), 1);
}

/* Every byte value, alone and after a lead byte: the result is valid UTF-8
 * with no C0, DEL or C1 control left. */
static void test_sanitize_all_bytes(void **state)
{
    (void)state;
    for (int lead = 0; lead < 256; lead += 1)
        for (int b = 1; b < 256; b++) {
            char in[3] = {(char)(lead ? lead : b), (char)(lead ? b : 0), 0};
            char *s = tcrm_text_sanitize(in);
            size_t n = strlen(s), pos = 0;
            assert_true(tcrm_utf8_valid(s, n));
            while (pos < n) {
                uint32_t cp;
                int k = tcrm_utf8_decode(s + pos, n - pos, &cp);
                assert_true(k > 0);
                assert_false(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
                pos += (size_t)k;
            }
            assert_int_equal(tcrm_text_width(s), tcrm_text_width(in));
            free(s);
        }
}

static void test_is_cjk_name(void **state)
{
    (void)state;
    assert_true(tcrm_text_is_cjk_name(ZHANG WEI));
    assert_true(tcrm_text_is_cjk_name("  " ZHANG " " WEI));
    assert_true(tcrm_text_is_cjk_name("山田太郎"));
    assert_true(tcrm_text_is_cjk_name("김민수"));
    assert_true(tcrm_text_is_cjk_name("やまだ"));
    assert_true(tcrm_text_is_cjk_name("123 " ZHANG));
    assert_true(tcrm_text_is_cjk_name("李小A"));
    assert_false(tcrm_text_is_cjk_name("李A"));
    assert_false(tcrm_text_is_cjk_name("Anna Silva"));
    assert_false(tcrm_text_is_cjk_name("Zhang Wei " ZHANG WEI));
    assert_false(tcrm_text_is_cjk_name("Åsa Öberg"));
    assert_false(tcrm_text_is_cjk_name("、。"));
    assert_false(tcrm_text_is_cjk_name(""));
    assert_false(tcrm_text_is_cjk_name(NULL));
}

/* Quoted values past TCRM_QUOTE_MAX bytes are cut (at a character
 * boundary, then …); the rest of the message stays whole. */
static void test_cut_quotes(void **state)
{
    (void)state;
    char x70[71], x60[61], out[512], want[512];
    memset(x70, 'x', 70);
    x70[70] = '\0';
    memcpy(x60, x70, 60);
    x60[60] = '\0';
    char in[512];
    snprintf(in, sizeof in, "--kind: '%s' is not one of call, email, "
             "visit, meeting, message, note", x70);
    snprintf(want, sizeof want, "--kind: '%s" ELL "' is not one of call, "
             "email, visit, meeting, message, note", x60);
    assert_int_equal(tcrm_text_cut_quotes(in, out, sizeof out), strlen(want));
    assert_string_equal(out, want);
    /* short values, two of them, and an apostrophe inside one */
    tcrm_text_cut_quotes("stage 'it's' not in 'A, B'", out, sizeof out);
    assert_string_equal(out, "stage 'it's' not in 'A, B'");
    snprintf(in, sizeof in, "e-mail 'ab'%s': bad", x70);
    snprintf(want, sizeof want, "e-mail 'ab'%.57s" ELL "': bad", x70);
    tcrm_text_cut_quotes(in, out, sizeof out);
    assert_string_equal(out, want);
    /* a cut never splits a character: 21 x 3-byte characters = 63 bytes */
    char zh[128] = "'";
    for (int i = 0; i < 21; i++)
        strcat(zh, ZHANG);
    strcat(zh, "'");
    tcrm_text_cut_quotes(zh, out, sizeof out);
    char zh20[128] = "'";
    for (int i = 0; i < 20; i++)
        strcat(zh20, ZHANG);
    strcat(zh20, ELL "'");
    assert_string_equal(out, zh20);
    /* an unclosed quote is left alone; a small buffer cuts the end */
    tcrm_text_cut_quotes("it's all", out, sizeof out);
    assert_string_equal(out, "it's all");
    assert_int_equal(tcrm_text_cut_quotes(ZHANG WEI, out, 5), 3);
    assert_string_equal(out, ZHANG);
}

int main(void)
{
    setlocale(LC_ALL, "");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locale_as_requested),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_encode_valid),
        cmocka_unit_test(test_prev_next),
        cmocka_unit_test(test_char_width),
        cmocka_unit_test(test_table_agrees_with_wcwidth),
        cmocka_unit_test(test_is_cjk),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_fit_never_splits),
        cmocka_unit_test(test_pad),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_sanitize_all_bytes),
        cmocka_unit_test(test_is_cjk_name),
        cmocka_unit_test(test_cut_quotes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
