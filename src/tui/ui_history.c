/*
 * ui_history.c: the History screen (H): the audit trail of the record
 * under the cursor (a contact, company, deal or follow-up), newest
 * first, as `tcrm audit ENTITY ID` prints it: a line per change and an
 * indented "field: old -> new" line per changed field. The lines are read
 * once when it opens (at most HISTORY_MAX changes); j/k, the arrows and
 * PgDn/PgUp scroll; any other key closes it.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "tcrm/audit.h"
#include "theme.h"
#include "ui.h"

#define HISTORY_MAX 500

struct history {
    char **lines;
    int n, cap;
};

static int add_line(struct history *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int add_line(struct history *h, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (h->n == h->cap) {
        int cap = h->cap ? h->cap * 2 : 64;
        char **p = realloc(h->lines, (size_t)cap * sizeof *p);
        if (!p)
            return TCRM_ENOMEM;
        h->lines = p;
        h->cap = cap;
    }
    if (!(h->lines[h->n] = strdup(buf)))
        return TCRM_ENOMEM;
    h->n++;
    return 0;
}

static int history_row(const struct tcrm_audit_row *r, void *ud)
{
    struct history *h = ud;
    int rc = add_line(h, "%.16s  %s  %s%s%s", r->at, r->who, r->action,
                      r->details && *r->details ? "  " : "",
                      r->details ? r->details : "");
    for (size_t i = 0; rc == 0 && i < r->n_fields; i++)
        rc = add_line(h, "    %s: %s -> %s", r->fields[i].field,
                      r->fields[i].old_value ? r->fields[i].old_value
                                             : _("(empty)"),
                      r->fields[i].new_value ? r->fields[i].new_value
                                             : _("(empty)"));
    return rc;
}

static void history_free(struct history *h)
{
    for (int i = 0; i < h->n; i++)
        free(h->lines[i]);
    free(h->lines);
}

static void draw_history(const char *title, const struct history *h,
                         int first)
{
    int w = COLS, rows = LINES;
    erase();
    tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
    tui_draw_fmt(stdscr, 0, 1, w - 2, tui_attr(TUI_TITLE),
                 _("History of %s, newest first"), title);
    for (int i = first, y = 2; i < h->n && y < rows - 1; i++, y++)
        tui_draw_text(stdscr, y, 1, w - 2, h->lines[i],
                      tui_attr(h->lines[i][0] == ' ' ? TUI_DIM : TUI_NORMAL));
    if (h->n == 0)
        tui_draw_text(stdscr, 2, 1, w - 2, _("No changes recorded"),
                      tui_attr(TUI_DIM));
    tui_draw_text(stdscr, rows - 1, 1, w - 2,
                  _("j/k PgDn/PgUp scroll, any other key closes"),
                  tui_attr(TUI_DIM));
}

/* The record under the cursor: entity name and id (0: none). */
static int64_t history_target(const struct tui_app *a, const char **entity)
{
    switch (a->view) {
    case TUI_V_COMPANIES: *entity = "company"; return tui_view_company(a);
    case TUI_V_DEALS: *entity = "deal"; return tui_view_deal(a);
    case TUI_V_FOLLOWUPS: *entity = "follow-up"; return tui_view_followup(a);
    default: *entity = "contact"; return tui_view_contact(a);
    }
}

static void history_loop(const char *title, const struct history *h)
{
    int first = 0;
    for (;;) {
        draw_history(title, h, first);
        refresh();
        int ch = getch(), page = LINES - 3 > 1 ? LINES - 3 : 1;
        if (ch == ERR && (tui_stop_requested() || tui_terminal_gone()))
            break;
        if (ch == ERR || ch == KEY_RESIZE)
            continue;
        if (ch == 'j' || ch == KEY_DOWN)
            first += first + page < h->n;
        else if (ch == 'k' || ch == KEY_UP)
            first -= first > 0;
        else if (ch == KEY_NPAGE || ch == ' ')
            first = first + page < h->n ? first + page : first;
        else if (ch == KEY_PPAGE)
            first = first > page ? first - page : 0;
        else
            break;
    }
    erase();
}

void tui_history_show(struct tui_app *a)
{
    const char *entity;
    int64_t id = history_target(a, &entity);
    if (!id) {
        tui_status(a, 0, "No record here to show the history of");
        return;
    }
    struct tcrm_audit_filter f = { entity, id, NULL, NULL, NULL };
    struct history h = { NULL, 0, 0 };
    struct tcrm_error err;
    char title[96];
    tcrm_error_clear(&err);
    if (tcrm_audit_each(a->db, &f, HISTORY_MAX, history_row, &h, &err)) {
        tui_status(a, 1, "%s", err.msg[0] ? err.msg : _("out of memory"));
        history_free(&h);
        return;
    }
    snprintf(title, sizeof title, "%s %lld",
             tcrm_i18n_word("entity", entity), (long long)id);
    timeout(-1);
    history_loop(title, &h);
    history_free(&h);
}
