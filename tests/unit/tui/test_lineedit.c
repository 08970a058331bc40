/*
 * test_lineedit.c: the form's line editor: insertion, movement and
 * deletion over multi-byte and wide (CJK) characters and combining marks,
 * the Ctrl-U/K/W kills, refusal of control characters, and the horizontal
 * scroll that keeps the cursor visible with wide characters at the edges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lineedit.h"

static void test_insert_ascii_and_cjk(void **state)
{
    (void)state;
    struct tui_lineedit le;
    assert_int_equal(tui_le_init(&le, NULL), 0);
    assert_string_equal(le.buf, "");
    assert_int_equal(tui_le_insert_cp(&le, 'a'), 1);
    assert_int_equal(tui_le_insert_cp(&le, 0x5F20), 1);   /* 张 */
    assert_int_equal(tui_le_insert_cp(&le, 0x4F1F), 1);   /* 伟 */
    assert_string_equal(le.buf, "a张伟");
    assert_int_equal(le.cur, 7);
    assert_int_equal(tui_le_cursor_col(&le), 5);
    assert_int_equal(tui_le_width(&le), 5);
    /* insert in the middle */
    tui_le_apply(&le, TUI_LE_LEFT);
    assert_int_equal(le.cur, 4);
    assert_int_equal(tui_le_insert_cp(&le, 'b'), 1);
    assert_string_equal(le.buf, "a张b伟");
    assert_int_equal(tui_le_cursor_col(&le), 4);
    tui_le_free(&le);
}

static void test_move_over_multibyte(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "a张é😀");          /* 1 + 3 + 2 + 4 bytes */
    assert_int_equal(le.cur, 10);
    tui_le_apply(&le, TUI_LE_HOME);
    assert_int_equal(le.cur, 0);
    size_t expect[] = {1, 4, 6, 10, 10};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(tui_le_apply(&le, TUI_LE_RIGHT), 0);
        assert_int_equal(le.cur, expect[i]);
    }
    size_t back[] = {6, 4, 1, 0, 0};
    for (size_t i = 0; i < 5; i++) {
        tui_le_apply(&le, TUI_LE_LEFT);
        assert_int_equal(le.cur, back[i]);
    }
    tui_le_apply(&le, TUI_LE_END);
    assert_int_equal(le.cur, 10);
    tui_le_free(&le);
}

static void test_combining_mark_moves_with_base(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "e\xCC\x81x");        /* e + U+0301 + x */
    tui_le_apply(&le, TUI_LE_HOME);
    tui_le_apply(&le, TUI_LE_RIGHT);
    assert_int_equal(le.cur, 3);
    tui_le_apply(&le, TUI_LE_LEFT);
    assert_int_equal(le.cur, 0);
    tui_le_apply(&le, TUI_LE_DELETE);
    assert_string_equal(le.buf, "x");
    tui_le_set(&le, "e\xCC\x81");
    assert_int_equal(tui_le_apply(&le, TUI_LE_BACKSPACE), 1);
    assert_string_equal(le.buf, "");
    tui_le_free(&le);
}

static void test_backspace_and_delete_wide(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "ab张伟");
    assert_int_equal(tui_le_apply(&le, TUI_LE_BACKSPACE), 1);
    assert_string_equal(le.buf, "ab张");
    assert_int_equal(tui_le_cursor_col(&le), 4);
    assert_int_equal(tui_le_apply(&le, TUI_LE_BACKSPACE), 1);
    assert_string_equal(le.buf, "ab");
    tui_le_apply(&le, TUI_LE_HOME);
    assert_int_equal(tui_le_apply(&le, TUI_LE_BACKSPACE), 0);
    assert_int_equal(tui_le_apply(&le, TUI_LE_DELETE), 1);
    assert_string_equal(le.buf, "b");
    tui_le_apply(&le, TUI_LE_END);
    assert_int_equal(tui_le_apply(&le, TUI_LE_DELETE), 0);
    assert_string_equal(le.buf, "b");
    tui_le_set(&le, "张伟");
    tui_le_apply(&le, TUI_LE_HOME);
    tui_le_apply(&le, TUI_LE_DELETE);
    assert_string_equal(le.buf, "伟");
    assert_int_equal(le.cur, 0);
    tui_le_free(&le);
}

static void test_kills(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "hello big world");
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_WORD), 1);
    assert_string_equal(le.buf, "hello big ");
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_WORD), 1);
    assert_string_equal(le.buf, "hello ");
    tui_le_set(&le, "foo bar  ");
    tui_le_apply(&le, TUI_LE_KILL_WORD);
    assert_string_equal(le.buf, "foo ");
    tui_le_set(&le, "张伟\xE3\x80\x80华为");   /* ideographic space */
    tui_le_apply(&le, TUI_LE_KILL_WORD);
    assert_string_equal(le.buf, "张伟\xE3\x80\x80");
    tui_le_apply(&le, TUI_LE_HOME);
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_WORD), 0);

    tui_le_set(&le, "abcdef");
    tui_le_apply(&le, TUI_LE_LEFT);
    tui_le_apply(&le, TUI_LE_LEFT);
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_START), 1);
    assert_string_equal(le.buf, "ef");
    assert_int_equal(le.cur, 0);
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_START), 0);
    tui_le_apply(&le, TUI_LE_RIGHT);
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_END), 1);
    assert_string_equal(le.buf, "e");
    assert_int_equal(tui_le_apply(&le, TUI_LE_KILL_END), 0);
    tui_le_free(&le);
}

static void test_control_characters_refused(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "x");
    uint32_t bad[] = {0x1B, 0x00, 0x09, 0x0A, 0x7F, 0x85, 0x9B, 0xD800,
                      0x110000};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(tui_le_insert_cp(&le, bad[i]), 0);
    assert_string_equal(le.buf, "x");
    /* pasted text: controls become spaces, a newline ends it */
    assert_int_equal(tui_le_insert(&le, "ab\x1b[1mc\nzz"), 7);
    assert_string_equal(le.buf, "xab [1mc");
    tui_le_free(&le);
}

static void test_max_length(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "abcd");
    le.max = 6;
    assert_int_equal(tui_le_insert_cp(&le, 'e'), 1);
    assert_int_equal(tui_le_insert_cp(&le, 0x5F20), 0);   /* 3 bytes: no */
    assert_int_equal(tui_le_insert_cp(&le, 'f'), 1);
    assert_int_equal(tui_le_insert_cp(&le, 'g'), 0);
    assert_string_equal(le.buf, "abcdef");
    tui_le_free(&le);
}

static void test_ctrl_ops(void **state)
{
    (void)state;
    struct { uint32_t ch; enum tui_le_op op; } t[] = {
        {0x01, TUI_LE_HOME}, {0x05, TUI_LE_END}, {0x02, TUI_LE_LEFT},
        {0x06, TUI_LE_RIGHT}, {0x04, TUI_LE_DELETE},
        {0x08, TUI_LE_BACKSPACE}, {0x7F, TUI_LE_BACKSPACE},
        {0x15, TUI_LE_KILL_START}, {0x0B, TUI_LE_KILL_END},
        {0x17, TUI_LE_KILL_WORD}, {'a', TUI_LE_NONE}, {0x1B, TUI_LE_NONE},
        {0x5F20, TUI_LE_NONE},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        assert_int_equal(tui_le_ctrl_op(t[i].ch), t[i].op);
}

static void view_is(struct tui_lineedit *le, int width, const char *text,
                    int cols, int cursor_x)
{
    char out[256];
    int cx = -1;
    assert_int_equal(tui_le_view(le, width, out, sizeof out, &cx), cols);
    assert_string_equal(out, text);
    assert_int_equal(cx, cursor_x);
    assert_true(cx >= 0 && cx < width);
}

static void test_scroll_ascii(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "abcdefghij");
    view_is(&le, 5, "ghij", 4, 4);
    assert_int_equal(le.scroll, 6);
    tui_le_apply(&le, TUI_LE_HOME);
    view_is(&le, 5, "abcde", 5, 0);
    tui_le_apply(&le, TUI_LE_END);
    view_is(&le, 5, "ghij", 4, 4);
    /* deleting pulls hidden text back into view */
    for (int i = 0; i < 3; i++)
        tui_le_apply(&le, TUI_LE_BACKSPACE);
    view_is(&le, 5, "defg", 4, 4);
    tui_le_free(&le);
}

static void test_scroll_wide(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "一二三四五");
    view_is(&le, 5, "四五", 4, 4);
    tui_le_apply(&le, TUI_LE_HOME);
    tui_le_apply(&le, TUI_LE_RIGHT);
    tui_le_apply(&le, TUI_LE_RIGHT);
    /* cursor before 三: 三 and 四 fit, 五 is cut by the right edge */
    view_is(&le, 5, "三四 ", 5, 0);
    /* a scroll of 3 cuts 二 at the left edge: a space in its place */
    tui_le_set(&le, "一二三");
    view_is(&le, 4, " 三", 3, 3);
    tui_le_free(&le);
}

static void test_view_sanitizes_stored_text(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_le_init(&le, "a\x1b[31mb");
    char out[64];
    int cx;
    tui_le_view(&le, 20, out, sizeof out, &cx);
    assert_null(strchr(out, 0x1b));
    assert_string_equal(out, "a\xE2\x90\x9B[31mb");
    assert_int_equal(cx, tui_le_width(&le));
    tui_le_free(&le);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_ascii_and_cjk),
        cmocka_unit_test(test_move_over_multibyte),
        cmocka_unit_test(test_combining_mark_moves_with_base),
        cmocka_unit_test(test_backspace_and_delete_wide),
        cmocka_unit_test(test_kills),
        cmocka_unit_test(test_control_characters_refused),
        cmocka_unit_test(test_max_length),
        cmocka_unit_test(test_ctrl_ops),
        cmocka_unit_test(test_scroll_ascii),
        cmocka_unit_test(test_scroll_wide),
        cmocka_unit_test(test_view_sanitizes_stored_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
