/*
 * ui_list.c: the paged list window behind every list of the screen.
 *
 * The list never knows how many rows there are or where they are stored:
 * it holds a window of rows (a few screens around the cursor) and asks
 * its source for the page after the last row it has, or before the first,
 * when the cursor runs off an edge. The source answers with keyset queries
 * (WHERE key > last key ... LIMIT n), so stepping through row 900,000 of
 * a million costs what row 9 does. When the window grows past a few
 * screens the far end is dropped, so memory stays flat while scrolling.
 *
 * base is the list position of rows[0] when it is known (after Home, or
 * after End with a known count); the top bar shows "row 12 of 340" from it.
 * refresh() re-reads the window starting from the row that was on top, so
 * another process's change shows without moving the person's place.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_list.h"

#define FETCH_MAX 2000

static size_t window_max(const struct tui_list *l)
{
    return (size_t)l->height * 4 + 64;
}

void tui_list_init(struct tui_list *l, const struct tui_list_src *src)
{
    memset(l, 0, sizeof *l);
    l->src = *src;
    l->base = 0;
    l->count = -1;
    l->height = 1;
}

void tui_list_clear(struct tui_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        l->src.free_row(l->src.ctx, l->rows[i]);
    l->n = l->top = l->cur = 0;
    l->more_before = l->more_after = 0;
    l->base = 0;
}

void tui_list_free(struct tui_list *l)
{
    if (!l)
        return;
    tui_list_clear(l);
    free(l->rows);
    l->rows = NULL;
    l->cap = 0;
}

static int reserve(struct tui_list *l, size_t need)
{
    if (need <= l->cap)
        return 0;
    size_t cap = l->cap ? l->cap : 64;
    while (cap < need)
        cap *= 2;
    void **p = realloc(l->rows, cap * sizeof *p);
    if (!p)
        return TCRM_ENOMEM;
    l->rows = p;
    l->cap = cap;
    return 0;
}

/* Fetch into a new array *out (free()d by the caller after taking rows). */
static int fetch(struct tui_list *l, const void *after, int backwards,
                 size_t limit, void ***out, size_t *n, int *more,
                 struct tcrm_error *err)
{
    if (limit > FETCH_MAX)
        limit = FETCH_MAX;
    *out = calloc(limit ? limit : 1, sizeof **out);
    *n = 0;
    *more = 0;
    if (!*out)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = l->src.fetch(l->src.ctx, after, backwards, limit, *out, n, more,
                          err);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

static void keep_visible(struct tui_list *l)
{
    size_t h = (size_t)l->height;
    if (l->n == 0) {
        l->top = l->cur = 0;
        return;
    }
    if (l->cur >= l->n)
        l->cur = l->n - 1;
    if (l->cur < l->top)
        l->top = l->cur;
    if (l->cur >= l->top + h)
        l->top = l->cur - h + 1;
    /* No empty space at the bottom while rows above could fill it. */
    if (!l->more_after && l->top + h > l->n)
        l->top = l->n > h ? l->n - h : 0;
}

static void trim(struct tui_list *l)
{
    size_t max = window_max(l);
    if (l->n <= max)
        return;
    /* Keep the rows centred on the screen: both directions stay cheap. */
    size_t mid = l->top + (size_t)l->height / 2;
    size_t start = mid > max / 2 ? mid - max / 2 : 0;
    if (start + max > l->n)
        start = l->n - max;
    size_t end = start + max;
    for (size_t i = 0; i < start; i++)
        l->src.free_row(l->src.ctx, l->rows[i]);
    for (size_t i = end; i < l->n; i++)
        l->src.free_row(l->src.ctx, l->rows[i]);
    memmove(l->rows, l->rows + start, (end - start) * sizeof *l->rows);
    if (start) {
        l->more_before = 1;
        if (l->base >= 0)
            l->base += (long long)start;
    }
    if (end < l->n)
        l->more_after = 1;
    l->n = end - start;
    l->top -= start;
    l->cur -= start;
}

static int load_edge(struct tui_list *l, int backwards, struct tcrm_error *err)
{
    void **got;
    size_t n;
    int more;
    tui_list_clear(l);
    int rc = fetch(l, NULL, backwards, (size_t)l->height * 2, &got, &n,
                   &more, err);
    if (rc < 0)
        return rc;
    if (reserve(l, n) < 0) {
        for (size_t i = 0; i < n; i++)
            l->src.free_row(l->src.ctx, got[i]);
        free(got);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    if (n)
        memcpy(l->rows, got, n * sizeof *got);
    free(got);
    l->n = n;
    if (backwards) {
        l->more_before = more;
        l->cur = n ? n - 1 : 0;
        l->base = l->count >= 0 ? l->count - (long long)n : -1;
        if (l->base < 0 && more == 0)
            l->base = 0;
    } else {
        l->more_after = more;
        l->base = 0;
    }
    keep_visible(l);
    return 0;
}

int tui_list_home(struct tui_list *l, struct tcrm_error *err)
{
    return load_edge(l, 0, err);
}

int tui_list_end(struct tui_list *l, struct tcrm_error *err)
{
    return load_edge(l, 1, err);
}

/* Add a page after the window (or before it); *got_n: rows added. */
static int extend(struct tui_list *l, int backwards, size_t limit,
                  size_t *got_n, struct tcrm_error *err)
{
    void **got;
    size_t n;
    int more;
    *got_n = 0;
    const void *after = backwards ? l->rows[0] : l->rows[l->n - 1];
    int rc = fetch(l, after, backwards, limit, &got, &n, &more, err);
    if (rc < 0)
        return rc;
    if (reserve(l, l->n + n) < 0) {
        for (size_t i = 0; i < n; i++)
            l->src.free_row(l->src.ctx, got[i]);
        free(got);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    if (n == 0) {
        free(got);
        if (backwards)
            l->more_before = 0;
        else
            l->more_after = 0;
        return 0;
    }
    if (backwards) {
        memmove(l->rows + n, l->rows, l->n * sizeof *l->rows);
        memcpy(l->rows, got, n * sizeof *got);
        l->top += n;
        l->cur += n;
        if (l->base >= 0)
            l->base = l->base >= (long long)n ? l->base - (long long)n : 0;
        l->more_before = n ? more : 0;
    } else {
        memcpy(l->rows + l->n, got, n * sizeof *got);
        l->more_after = n ? more : 0;
    }
    l->n += n;
    free(got);
    *got_n = n;
    return 0;
}

int tui_list_move(struct tui_list *l, long delta, struct tcrm_error *err)
{
    if (l->n == 0)
        return 0;
    long long target = (long long)l->cur + delta;
    size_t page = (size_t)l->height * 2;
    while (target >= (long long)l->n && l->more_after) {
        size_t got, want = (size_t)(target - (long long)l->n) + page;
        int rc = extend(l, 0, want, &got, err);
        if (rc < 0)
            return rc;
        if (got == 0)
            break;
    }
    while (target < 0 && l->more_before) {
        size_t got, want = (size_t)(-target) + page;
        int rc = extend(l, 1, want, &got, err);
        if (rc < 0)
            return rc;
        if (got == 0)
            break;
        target += (long long)got;
    }
    if (target < 0)
        target = 0;
    if (target >= (long long)l->n)
        target = (long long)l->n - 1;
    long span = delta < 0 ? -delta : delta;
    if (span >= l->height) {     /* a page: the view moves with the cursor */
        long long t = (long long)l->top + (target - (long long)l->cur);
        l->top = t < 0 ? 0 : (size_t)t;
    }
    l->cur = (size_t)target;
    keep_visible(l);
    trim(l);
    return 0;
}

/* The window again, anchor's row on top: a screen of rows before it,
 * two from it on. The cursor goes to cur_id, else cur_off rows down. */
static int load_around(struct tui_list *l, const void *anchor, int64_t cur_id,
                       size_t cur_off, long long old_base,
                       struct tcrm_error *err)
{
    void **before = NULL, **after = NULL;
    size_t nb = 0, na = 0;
    int mb = 0, ma = 0;
    int rc = fetch(l, anchor, 1, (size_t)l->height, &before, &nb, &mb, err);
    if (rc == 0)
        rc = fetch(l, nb ? before[nb - 1] : NULL, 0, (size_t)l->height * 2,
                   &after, &na, &ma, err);
    if (rc == 0 && reserve(l, nb + na) < 0)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc < 0) {
        for (size_t i = 0; i < nb; i++)
            l->src.free_row(l->src.ctx, before[i]);
        free(before);
        return rc;
    }
    tui_list_clear(l);
    if (nb)
        memcpy(l->rows, before, nb * sizeof *before);
    if (na)
        memcpy(l->rows + nb, after, na * sizeof *after);
    free(before);
    free(after);
    l->n = nb + na;
    l->more_before = nb ? mb : 0;
    l->more_after = ma;
    l->top = nb;
    l->base = nb == 0 ? 0 : old_base >= 0 ? old_base - (long long)nb : -1;
    if (l->base < -1)
        l->base = -1;
    if (!tui_list_select_id(l, cur_id))
        l->cur = l->top + cur_off;
    keep_visible(l);
    return 0;
}

int tui_list_refresh(struct tui_list *l, struct tcrm_error *err)
{
    if (l->n == 0)
        return tui_list_home(l, err);
    return load_around(l, l->rows[l->top], l->src.row_id(l->rows[l->cur]),
                       l->cur - l->top,
                       l->base >= 0 ? l->base + (long long)l->top : -1, err);
}

int tui_list_goto(struct tui_list *l, const void *row, struct tcrm_error *err)
{
    return load_around(l, row, l->src.row_id(row), 0, -1, err);
}

void tui_list_set_height(struct tui_list *l, int height)
{
    l->height = height < 1 ? 1 : height;
    keep_visible(l);
}

int tui_list_select_visible(struct tui_list *l, int i)
{
    if (i < 0 || l->top + (size_t)i >= l->n)
        return 0;
    l->cur = l->top + (size_t)i;
    return 1;
}

int tui_list_select_id(struct tui_list *l, int64_t id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->src.row_id(l->rows[i]) == id) {
            l->cur = i;
            keep_visible(l);
            return 1;
        }
    return 0;
}

void *tui_list_current(const struct tui_list *l)
{
    return l->n ? l->rows[l->cur] : NULL;
}

void *tui_list_visible(const struct tui_list *l, int i)
{
    if (i < 0 || l->top + (size_t)i >= l->n)
        return NULL;
    return l->rows[l->top + (size_t)i];
}

long long tui_list_position(const struct tui_list *l)
{
    if (l->n == 0)
        return -1;
    if (l->base >= 0)
        return l->base + (long long)l->cur;
    if (!l->more_after && l->count >= 0)
        return l->count - (long long)l->n + (long long)l->cur;
    return -1;
}

void tui_list_split(void *page, size_t k, size_t size, void **rows,
                    size_t *n)
{
    char *p = page;
    *n = 0;
    for (size_t i = 0; i < k; i++) {
        void *r = malloc(size);
        if (!r)
            break;
        memcpy(r, p + i * size, size);
        memset(p + i * size, 0, size);      /* now the row's */
        rows[(*n)++] = r;
    }
}
