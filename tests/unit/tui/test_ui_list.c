/*
 * test_ui_list.c: the paged list window over a fake keyset source of ids
 * 1..N (some ids may be "deleted" between calls). Checks that the cursor
 * lands on the right row after every kind of move, that memory stays
 * bounded while scrolling far, and that refresh keeps the person's place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui_list.h"

struct fake {
    int64_t n;
    char *deleted;     /* deleted[id] */
    int fetches;
    long rows_out;     /* rows alive (allocated minus freed) */
};

static int alive(struct fake *f, int64_t id)
{
    return id >= 1 && id <= f->n && !f->deleted[id];
}

static int fake_fetch(void *ctx, const void *after, int backwards,
                      size_t limit, void **rows, size_t *n, int *more,
                      struct tcrm_error *err)
{
    (void)err;
    struct fake *f = ctx;
    int64_t id = after ? *(const int64_t *)after : (backwards ? f->n + 1 : 0);
    int64_t got[4096];
    size_t k = 0;
    f->fetches++;
    int step = backwards ? -1 : 1;
    for (int64_t i = id + step; i >= 1 && i <= f->n && k < limit; i += step)
        if (alive(f, i))
            got[k++] = i;
    *more = 0;
    int64_t last = k ? got[k - 1] : id;
    for (int64_t i = last + step; i >= 1 && i <= f->n; i += step)
        if (alive(f, i)) {
            *more = 1;
            break;
        }
    for (size_t i = 0; i < k; i++) {
        int64_t *r = malloc(sizeof *r);
        *r = got[backwards ? k - 1 - i : i];
        rows[i] = r;
        f->rows_out++;
    }
    *n = k;
    return 0;
}

static void fake_free(void *ctx, void *row)
{
    ((struct fake *)ctx)->rows_out--;
    free(row);
}

static int64_t fake_id(const void *row)
{
    return *(const int64_t *)row;
}

static struct fake *fake_new(int64_t n)
{
    struct fake *f = calloc(1, sizeof *f);
    f->n = n;
    f->deleted = calloc((size_t)n + 2, 1);
    return f;
}

static void setup_list(struct tui_list *l, struct fake *f, int height)
{
    struct tui_list_src src = {f, fake_fetch, fake_free, fake_id};
    tui_list_init(l, &src);
    tui_list_set_height(l, height);
}

static int64_t cur_id(struct tui_list *l)
{
    void *r = tui_list_current(l);
    return r ? *(int64_t *)r : 0;
}

static void done(struct tui_list *l, struct fake *f)
{
    tui_list_free(l);
    assert_int_equal(f->rows_out, 0);
    free(f->deleted);
    free(f);
}

static void test_empty(void **state)
{
    (void)state;
    struct fake *f = fake_new(0);
    struct tui_list l;
    setup_list(&l, f, 10);
    assert_int_equal(tui_list_home(&l, NULL), 0);
    assert_null(tui_list_current(&l));
    assert_int_equal(tui_list_move(&l, 5, NULL), 0);
    assert_null(tui_list_current(&l));
    assert_int_equal(tui_list_position(&l), -1);
    assert_int_equal(tui_list_end(&l, NULL), 0);
    assert_null(tui_list_current(&l));
    done(&l, f);
}

static void test_step_through_all(void **state)
{
    (void)state;
    struct fake *f = fake_new(10000);
    struct tui_list l;
    setup_list(&l, f, 20);
    tui_list_home(&l, NULL);
    for (int64_t i = 1; i <= 10000; i++) {
        assert_int_equal(cur_id(&l), i);
        assert_int_equal(tui_list_position(&l), i - 1);
        /* the cursor is always on screen */
        assert_true(l.cur >= l.top && l.cur < l.top + 20);
        /* memory stays bounded however far we go */
        assert_true(f->rows_out <= 20 * 4 + 64 + 40);
        tui_list_move(&l, 1, NULL);
    }
    assert_int_equal(cur_id(&l), 10000);    /* stops at the end */
    /* and all the way back */
    for (int64_t i = 10000; i >= 1; i--) {
        assert_int_equal(cur_id(&l), i);
        tui_list_move(&l, -1, NULL);
    }
    assert_int_equal(cur_id(&l), 1);
    /* pages of two screens, not rows: 250 each way */
    assert_true(f->fetches <= 2 * 10000 / 40 + 4);
    done(&l, f);
}

static void test_pages_and_ends(void **state)
{
    (void)state;
    struct fake *f = fake_new(1000);
    struct tui_list l;
    setup_list(&l, f, 10);
    tui_list_home(&l, NULL);
    tui_list_move(&l, 10, NULL);
    assert_int_equal(cur_id(&l), 11);
    assert_int_equal(*(int64_t *)tui_list_visible(&l, 0), 11);
    tui_list_move(&l, -10, NULL);
    assert_int_equal(cur_id(&l), 1);
    assert_int_equal(*(int64_t *)tui_list_visible(&l, 0), 1);
    tui_list_move(&l, -10, NULL);
    assert_int_equal(cur_id(&l), 1);

    l.count = 1000;
    tui_list_end(&l, NULL);
    assert_int_equal(cur_id(&l), 1000);
    assert_int_equal(tui_list_position(&l), 999);
    assert_int_equal(*(int64_t *)tui_list_visible(&l, 0), 991);
    assert_null(tui_list_visible(&l, 10));
    tui_list_move(&l, -10, NULL);
    assert_int_equal(cur_id(&l), 990);
    /* page up far past what was fetched */
    for (int i = 0; i < 50; i++)
        tui_list_move(&l, -10, NULL);
    assert_int_equal(cur_id(&l), 490);
    assert_int_equal(tui_list_position(&l), 489);
    tui_list_move(&l, 100000, NULL);
    assert_int_equal(cur_id(&l), 1000);
    done(&l, f);
}

static void test_short_list(void **state)
{
    (void)state;
    struct fake *f = fake_new(3);
    struct tui_list l;
    setup_list(&l, f, 10);
    tui_list_end(&l, NULL);
    assert_int_equal(cur_id(&l), 3);
    assert_int_equal(tui_list_position(&l), 2);
    assert_int_equal(*(int64_t *)tui_list_visible(&l, 0), 1);
    assert_int_equal(tui_list_select_visible(&l, 1), 1);
    assert_int_equal(cur_id(&l), 2);
    assert_int_equal(tui_list_select_visible(&l, 3), 0);
    assert_int_equal(cur_id(&l), 2);
    done(&l, f);
}

static void test_refresh_keeps_place(void **state)
{
    (void)state;
    struct fake *f = fake_new(500);
    struct tui_list l;
    setup_list(&l, f, 10);
    tui_list_home(&l, NULL);
    tui_list_move(&l, 200, NULL);     /* cursor on 201 */
    int64_t top = *(int64_t *)tui_list_visible(&l, 0);
    f->deleted[150] = 1;              /* before the window: no effect */
    assert_int_equal(tui_list_refresh(&l, NULL), 0);
    assert_int_equal(cur_id(&l), 201);
    assert_int_equal(*(int64_t *)tui_list_visible(&l, 0), top);
    /* the row under the cursor disappears: the next one takes its place */
    f->deleted[201] = 1;
    tui_list_refresh(&l, NULL);
    assert_int_equal(cur_id(&l), 202);
    /* the top row disappears too */
    f->deleted[top] = 1;
    tui_list_refresh(&l, NULL);
    assert_int_equal(cur_id(&l), 202);
    assert_int_equal(*(int64_t *)tui_list_visible(&l, 0), top + 1);
    /* still moves both ways after a refresh */
    tui_list_move(&l, -1, NULL);
    assert_int_equal(cur_id(&l), 200);
    tui_list_move(&l, 2, NULL);
    assert_int_equal(cur_id(&l), 203);
    done(&l, f);
}

static void test_refresh_after_growth(void **state)
{
    (void)state;
    struct fake *f = fake_new(40);
    struct tui_list l;
    setup_list(&l, f, 10);
    f->n = 5;                 /* only 5 rows at first */
    tui_list_home(&l, NULL);
    assert_int_equal(l.n, 5);
    f->n = 40;                /* someone else adds rows */
    tui_list_refresh(&l, NULL);
    assert_int_equal(l.n > 5, 1);
    tui_list_move(&l, 100, NULL);
    assert_int_equal(cur_id(&l), 40);
    done(&l, f);
}

static void test_resize(void **state)
{
    (void)state;
    struct fake *f = fake_new(100);
    struct tui_list l;
    setup_list(&l, f, 20);
    tui_list_home(&l, NULL);
    tui_list_move(&l, 19, NULL);
    assert_int_equal(cur_id(&l), 20);
    tui_list_set_height(&l, 5);       /* the terminal got smaller */
    assert_true(l.cur >= l.top && l.cur < l.top + 5);
    assert_int_equal(cur_id(&l), 20);
    done(&l, f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_step_through_all),
        cmocka_unit_test(test_pages_and_ends),
        cmocka_unit_test(test_short_list),
        cmocka_unit_test(test_refresh_keeps_place),
        cmocka_unit_test(test_refresh_after_growth),
        cmocka_unit_test(test_resize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
