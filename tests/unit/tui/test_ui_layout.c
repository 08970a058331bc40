/*
 * test_ui_layout.c: the screen's geometry at the sizes people have:
 * 80x24, wide, the minimum, below it; columns that fit any width; the
 * reminder pane's lines shared between its sections.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "ui_layout.h"

static void check_sane(const struct tui_layout *l)
{
    assert_false(l->too_small);
    /* the list, detail and bars tile the height exactly */
    assert_int_equal(l->list_y, 1);
    assert_int_equal(l->list_y + l->list_h + l->detail_h, l->status_y);
    assert_int_equal(l->status_y, l->h - 2);
    assert_int_equal(l->bar_y, l->h - 1);
    /* list + separator + pane tile the width */
    if (l->pane_w)
        assert_int_equal(l->list_w + 1 + l->pane_w, l->w);
    else
        assert_int_equal(l->list_w, l->w);
    assert_true(l->list_h >= 4);   /* header and a few rows at least */
}

static void test_80x24(void **state)
{
    (void)state;
    struct tui_layout l;
    tui_layout_compute(80, 24, TUI_PANE_AUTO, &l);
    check_sane(&l);
    assert_int_equal(l.pane_w, 0);          /* narrow: pane on request */
    assert_int_equal(l.main_h, 21);
    assert_int_equal(l.detail_h, 7);
    assert_int_equal(l.list_h, 14);
    assert_int_equal(l.detail_y, 15);
    tui_layout_compute(80, 24, TUI_PANE_SHOW, &l);
    check_sane(&l);
    assert_int_equal(l.pane_w, 26);
    assert_int_equal(l.pane_x, 54);
    assert_int_equal(l.list_w, 53);
}

static void test_wide(void **state)
{
    (void)state;
    struct tui_layout l;
    tui_layout_compute(160, 50, TUI_PANE_AUTO, &l);
    check_sane(&l);
    assert_int_equal(l.pane_w, 40);
    assert_int_equal(l.detail_h, 12);
    tui_layout_compute(160, 50, TUI_PANE_HIDE, &l);
    check_sane(&l);
    assert_int_equal(l.pane_w, 0);
    tui_layout_compute(100, 30, TUI_PANE_AUTO, &l);
    assert_int_equal(l.pane_w, 26);
    tui_layout_compute(99, 30, TUI_PANE_AUTO, &l);
    assert_int_equal(l.pane_w, 0);
}

static void test_small_sizes(void **state)
{
    (void)state;
    static const struct { int w, h, too_small; } cases[] = {
        {60, 16, 0}, {59, 16, 1}, {60, 15, 1}, {40, 10, 1}, {0, 0, 1},
        {60, 20, 0}, {1000, 16, 0}, {60, 1000, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct tui_layout l;
        tui_layout_compute(cases[i].w, cases[i].h, TUI_PANE_SHOW, &l);
        assert_int_equal(l.too_small, cases[i].too_small);
        if (!l.too_small)
            check_sane(&l);
    }
    struct tui_layout l;
    tui_layout_compute(60, 16, TUI_PANE_AUTO, &l);
    assert_int_equal(l.detail_h, 4);
    assert_int_equal(l.list_h, 9);
    /* at 60 columns the pane would leave the list too little */
    tui_layout_compute(60, 16, TUI_PANE_SHOW, &l);
    assert_int_equal(l.pane_w, 26);
    assert_int_equal(l.list_w, 33);
}

static int sum(const int *w, int n)
{
    int s = 0, shown = 0;
    for (int i = 0; i < n; i++)
        if (w[i] > 0) {
            s += w[i];
            shown++;
        }
    return s + (shown ? shown - 1 : 0);
}

static void test_columns(void **state)
{
    (void)state;
    const struct tui_colspec spec[] = {
        {12, 3, 0}, {10, 2, 0}, {8, 1, 24}, {12, 0, 0}, {10, 1, 20},
    };
    int w[5];
    /* wide: everything shows, uses the full width, caps hold */
    assert_int_equal(tui_layout_columns(spec, 5, 200, w), 5);
    assert_int_equal(sum(w, 5), 200);
    assert_int_equal(w[2], 24);
    assert_int_equal(w[3], 12);
    assert_int_equal(w[4], 20);
    assert_true(w[0] > w[1]);
    /* 79 columns: all five at or above their minimum */
    assert_int_equal(tui_layout_columns(spec, 5, 79, w), 5);
    assert_int_equal(sum(w, 5), 79);
    for (int i = 0; i < 5; i++)
        assert_true(w[i] >= spec[i].min);
    /* 52: the last column drops, the rest fill the width */
    assert_int_equal(tui_layout_columns(spec, 5, 52, w), 4);
    assert_int_equal(w[4], 0);
    assert_int_equal(sum(w, 5), 52);
    /* too narrow for even the first */
    assert_int_equal(tui_layout_columns(spec, 5, 5, w), 0);
    assert_int_equal(w[0], 0);
    /* exactly the minimum */
    assert_int_equal(tui_layout_columns(spec, 2, 23, w), 2);
    assert_int_equal(w[0], 12);
    assert_int_equal(w[1], 10);
}

static void test_pane_sections(void **state)
{
    (void)state;
    int shown[4];
    const long long few[4] = {1, 2, 0, 3};
    tui_layout_pane_sections(21, 4, few, shown);
    assert_int_equal(shown[0], 1);
    assert_int_equal(shown[1], 2);
    assert_int_equal(shown[2], 0);
    assert_int_equal(shown[3], 3);
    const long long many[4] = {100, 1, 100, 100};
    tui_layout_pane_sections(21, 4, many, shown);   /* 17 lines for items */
    assert_int_equal(shown[0] + shown[1] + shown[2] + shown[3], 17);
    assert_int_equal(shown[1], 1);
    assert_int_equal(shown[0], 8);      /* 4 + the 3 TODAY left unused + 1 */
    const long long none[4] = {0, 0, 0, 0};
    tui_layout_pane_sections(21, 4, none, shown);
    assert_int_equal(shown[0] + shown[1] + shown[2] + shown[3], 0);
    tui_layout_pane_sections(3, 4, many, shown);   /* not even the headers */
    assert_int_equal(shown[0] + shown[1] + shown[2] + shown[3], 0);
    /* five sections (RECEIVABLES): 16 lines for items, 3 each, then the
     * rest in order */
    int five[5];
    const long long money[5] = {1, 0, 0, 2, 50};
    tui_layout_pane_sections(21, 5, money, five);
    assert_int_equal(five[0], 1);
    assert_int_equal(five[3], 2);
    assert_int_equal(five[4], 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_80x24),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_small_sizes),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_pane_sections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
