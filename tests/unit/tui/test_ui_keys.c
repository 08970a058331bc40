/*
 * test_ui_keys.c: the key map: vi keys and function keys agree, the pane
 * takes over the follow-up keys and refuses list-only ones, every action a
 * key can give appears in help.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <curses.h>

#include "ui_keys.h"

static void test_both_ways(void **state)
{
    (void)state;
    static const struct { int a, b; enum tui_action act; } pairs[] = {
        {'j', KEY_DOWN, TUI_A_DOWN}, {'k', KEY_UP, TUI_A_UP},
        {'g', KEY_HOME, TUI_A_HOME}, {'G', KEY_END, TUI_A_END},
        {'q', KEY_F(10), TUI_A_QUIT}, {'?', KEY_F(1), TUI_A_HELP},
        {'a', KEY_F(2), TUI_A_ADD}, {'/', KEY_F(3), TUI_A_SEARCH},
        {'c', KEY_F(4), TUI_A_LOG_CALL}, {'f', KEY_F(5), TUI_A_FOLLOWUP},
        {'I', KEY_F(6), TUI_A_IMPORT}, {'R', KEY_F(7), TUI_A_REPORTS},
        {' ', KEY_NPAGE, TUI_A_PGDN}, {'D', KEY_DC, TUI_A_DELETE},
        {'\n', KEY_ENTER, TUI_A_OPEN},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        assert_int_equal(tui_key_action(pairs[i].a, TUI_FOCUS_LIST),
                         pairs[i].act);
        assert_int_equal(tui_key_action(pairs[i].b, TUI_FOCUS_LIST),
                         pairs[i].act);
    }
}

static void test_views_and_logs(void **state)
{
    (void)state;
    assert_int_equal(tui_key_action('1', TUI_FOCUS_LIST), TUI_A_VIEW1);
    assert_int_equal(tui_key_action('5', TUI_FOCUS_LIST), TUI_A_VIEW5);
    assert_int_equal(tui_key_action('6', TUI_FOCUS_LIST), TUI_A_VIEW6);
    assert_int_equal(tui_key_action('7', TUI_FOCUS_LIST), TUI_A_VIEW7);
    assert_int_equal(tui_key_action('8', TUI_FOCUS_LIST), TUI_A_VIEW8);
    assert_int_equal(tui_key_action(KEY_F(8), TUI_FOCUS_LIST), TUI_A_VIEW8);
    assert_int_equal(tui_key_action('9', TUI_FOCUS_LIST), TUI_A_VIEW9);
    assert_int_equal(tui_key_action(KEY_F(9), TUI_FOCUS_LIST), TUI_A_VIEW9);
    assert_int_equal(tui_key_action('0', TUI_FOCUS_LIST), TUI_A_VIEW10);
    assert_int_equal(tui_key_action('W', TUI_FOCUS_LIST), TUI_A_TICKET_WAIT);
    assert_int_equal(tui_key_action('x', TUI_FOCUS_LIST), TUI_A_TICKET_CLOSE);
    assert_int_equal(tui_key_action('u', TUI_FOCUS_LIST), TUI_A_TICKET_REOPEN);
    assert_int_equal(tui_key_action('J', TUI_FOCUS_LIST), TUI_A_NONE);
    assert_int_equal(tui_key_action('Q', TUI_FOCUS_LIST), TUI_A_DOCS);
    assert_int_equal(tui_key_action('y', TUI_FOCUS_LIST), TUI_A_ACCEPT);
    assert_int_equal(tui_key_action('P', TUI_FOCUS_LIST), TUI_A_PRINT);
    assert_int_equal(tui_key_action('e', TUI_FOCUS_LIST), TUI_A_LOG_EMAIL);
    assert_int_equal(tui_key_action('v', TUI_FOCUS_LIST), TUI_A_LOG_VISIT);
    assert_int_equal(tui_key_action('m', TUI_FOCUS_LIST), TUI_A_LOG_MEETING);
    assert_int_equal(tui_key_action('M', TUI_FOCUS_LIST), TUI_A_LOG_MESSAGE);
    assert_int_equal(tui_key_action('w', TUI_FOCUS_LIST), TUI_A_LOG_NOTE);
    assert_int_equal(tui_key_action('n', TUI_FOCUS_LIST), TUI_A_NEXT);
    assert_int_equal(tui_key_action('N', TUI_FOCUS_LIST), TUI_A_PREV);
    assert_int_equal(tui_key_action('>', TUI_FOCUS_LIST), TUI_A_NEXT_STAGE);
    assert_int_equal(tui_key_action('o', TUI_FOCUS_LIST), TUI_A_SORT);
    assert_int_equal(tui_key_action('t', TUI_FOCUS_LIST), TUI_A_TAG);
    assert_int_equal(tui_key_action(27, TUI_FOCUS_LIST), TUI_A_CLEAR);
    assert_int_equal(tui_key_action('Z', TUI_FOCUS_LIST), TUI_A_NONE);
    assert_int_equal(tui_key_action(-1, TUI_FOCUS_LIST), TUI_A_NONE);
}

static void test_pane_focus(void **state)
{
    (void)state;
    assert_int_equal(tui_key_action('d', TUI_FOCUS_PANE), TUI_A_DONE);
    assert_int_equal(tui_key_action('s', TUI_FOCUS_PANE), TUI_A_SNOOZE);
    assert_int_equal(tui_key_action('r', TUI_FOCUS_PANE), TUI_A_RESCHEDULE);
    assert_int_equal(tui_key_action('\n', TUI_FOCUS_PANE), TUI_A_OPEN);
    assert_int_equal(tui_key_action('j', TUI_FOCUS_PANE), TUI_A_DOWN);
    assert_int_equal(tui_key_action('c', TUI_FOCUS_PANE), TUI_A_LOG_CALL);
    /* E edits the follow-up under the pane's cursor */
    assert_int_equal(tui_key_action('E', TUI_FOCUS_PANE), TUI_A_EDIT);
    /* list-only keys do nothing there; Esc goes back to the list */
    assert_int_equal(tui_key_action('a', TUI_FOCUS_PANE), TUI_A_NONE);
    assert_int_equal(tui_key_action('D', TUI_FOCUS_PANE), TUI_A_NONE);
    assert_int_equal(tui_key_action('/', TUI_FOCUS_PANE), TUI_A_NONE);
    assert_int_equal(tui_key_action(27, TUI_FOCUS_PANE), TUI_A_FOCUS);
}

static void test_help_covers_keys(void **state)
{
    (void)state;
    int n;
    const struct tui_key_help *t = tui_key_help_table(&n);
    assert_true(n > 20);
    /* every printable key that does something is named in help */
    for (int key = 33; key < 127; key++) {
        if (tui_key_action(key, TUI_FOCUS_LIST) == TUI_A_NONE)
            continue;
        int found = 0;
        for (int i = 0; i < n && !found; i++)
            for (const char *p = t[i].keys; *p; p++)
                if (*p == key && (p == t[i].keys || p[-1] == ' ')
                    && (p[1] == ' ' || p[1] == '\0'))
                    found = 1;
        if (!found)
            fail_msg("key '%c' is not in help", key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_ways),
        cmocka_unit_test(test_views_and_logs),
        cmocka_unit_test(test_pane_focus),
        cmocka_unit_test(test_help_covers_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
