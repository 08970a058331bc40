/*
 * ui_list.h: a cursor over a list that lives in the database, seen
 * through a small window of rows. Pure (no curses): the rows come from a
 * source that pages with keyset queries (contact.h's after/backwards), so
 * a list of a million rows costs what a list of ten does, and memory stays
 * bounded however far the person scrolls.
 */
#ifndef TCRM_TUI_UI_LIST_H
#define TCRM_TUI_UI_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/error.h"

struct tui_list_src {
    void *ctx;
    /* Up to limit rows into rows[]: after `after` (NULL: from the start),
     * or when backwards the rows just before it (NULL: the last rows),
     * always in list order. *more: rows remain beyond, that way. */
    int (*fetch)(void *ctx, const void *after, int backwards, size_t limit,
                 void **rows, size_t *n, int *more, struct tcrm_error *err);
    void (*free_row)(void *ctx, void *row);
    int64_t (*row_id)(const void *row);
};

struct tui_list {
    struct tui_list_src src;
    void **rows;        /* the window: rows[0..n) in list order */
    size_t n, cap;
    size_t top, cur;    /* first visible row, cursor (indexes in rows) */
    int more_before, more_after;
    long long base;     /* list position of rows[0]; -1 when unknown */
    long long count;    /* rows in the whole list; -1 when unknown */
    int height;         /* visible rows (>= 1) */
};

void tui_list_init(struct tui_list *l, const struct tui_list_src *src);
void tui_list_free(struct tui_list *l);
/* Forget the rows (the source changed its filter). */
void tui_list_clear(struct tui_list *l);
void tui_list_set_height(struct tui_list *l, int height);

/* First rows, cursor on the first. */
int tui_list_home(struct tui_list *l, struct tcrm_error *err);
/* Last rows, cursor on the last. */
int tui_list_end(struct tui_list *l, struct tcrm_error *err);
/* Move the cursor by delta rows (PgDn: +height), fetching as needed. */
int tui_list_move(struct tui_list *l, long delta, struct tcrm_error *err);
/* Fetch the visible rows again from where the top row was (data changed
 * elsewhere); the cursor stays on the same row id when it still exists. */
int tui_list_refresh(struct tui_list *l, struct tcrm_error *err);
/* The window around row (in the source's row type, as a cursor: the
 * list's own rows stay its own), the cursor on it; the place in the
 * whole list becomes unknown. */
int tui_list_goto(struct tui_list *l, const void *row, struct tcrm_error *err);
/* Put the cursor on visible row i (a mouse click); 0 if there is none. */
int tui_list_select_visible(struct tui_list *l, int i);
/* Cursor onto the row with this id if it is in the window; 1 if found. */
int tui_list_select_id(struct tui_list *l, int64_t id);

/* A source's page of k rows of size bytes each (page[0..k)) into rows[],
 * each row copied into its own allocation so the list can drop them one
 * by one; the page's copied rows are zeroed (free the page as usual).
 * *n: the rows made (fewer when memory ran out). */
void tui_list_split(void *page, size_t k, size_t size, void **rows,
                    size_t *n);

/* The row under the cursor, or NULL when the list is empty. */
void *tui_list_current(const struct tui_list *l);
/* Visible row i (0 = top), or NULL. */
void *tui_list_visible(const struct tui_list *l, int i);
/* Cursor position in the whole list, -1 when unknown. */
long long tui_list_position(const struct tui_list *l);

#endif
