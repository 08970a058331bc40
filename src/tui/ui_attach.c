/*
 * ui_attach.c: a record's files and tickets on the screen.
 *
 * The detail panes of a contact, company, deal (and a quote) end with two
 * short blocks: "Tickets: 1 open of 3" and the open ones (number, state,
 * the running deadline in words, late ones in the alert colour), read by
 * tcrm_ticket_of; and "2 attachments (F lists them):" with name, size and
 * date, by tcrm_attachment_list. Each block shows only when there is
 * something, a few lines at most.
 *
 * F opens the record's attachments as a modal list (the frame and keys of
 * the interactions reader): s or Enter saves the one under the cursor to
 * a path asked for (~/NAME offered; a file there is overwritten only
 * after a question; tcrm_attach_save writes it with the person's own
 * rights), D detaches it after a y/n question (the core decides who may).
 * The outcome shows on the list's own status line, one line.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "modal.h"
#include "tcrm/attach_file.h"
#include "tcrm/attachment.h"
#include "tcrm/date.h"
#include "tcrm/text.h"
#include "tcrm/ticket.h"
#include "theme.h"
#include "ui.h"

#define SHOW_MAX 3      /* lines of each block in a detail pane */

void tui_ticket_lines(struct tui_app *a, int64_t company_id,
                      int64_t contact_id)
{
    struct tcrm_ticket *t = NULL;
    size_t n = 0;
    int64_t open = 0, total = 0;
    if (tcrm_ticket_of(a->db, company_id, contact_id, SHOW_MAX, &t, &n, &open,
                       &total, NULL) || total == 0)
        return;
    /* TRANSLATORS: the tickets block of a detail pane */
    tui_detail_add(a, TUI_HEADER, P_("Tickets: %lld open of %lld",
                                     "Tickets: %lld open of %lld", total),
                   (long long)open, (long long)total);
    for (size_t i = 0; i < n; i++) {
        char when[64];
        int late = tui_ticket_when(&t[i], when, sizeof when);
        tui_detail_add(a, late ? TUI_OVERDUE : TUI_NORMAL, "  %s · %s%s%s · %s",
                       t[i].number ? t[i].number : "",
                       tcrm_ticket_state_word(t[i].state), when[0] ? " · " : "",
                       when, t[i].subject ? t[i].subject : "");
    }
    tcrm_ticket_array_free(t, n);
}

void tui_attach_lines(struct tui_app *a, const char *entity, int64_t id)
{
    struct tcrm_attachment *f = NULL;
    size_t n = 0;
    if (tcrm_attachment_list(a->db, entity, id, &f, &n, NULL) || n == 0) {
        tcrm_attachment_array_free(f, n);
        return;
    }
    /* TRANSLATORS: the attachments block of a detail pane */
    tui_detail_add(a, TUI_HEADER, P_("%zu attachment (F lists it):",
                                     "%zu attachments (F lists them):", n), n);
    for (size_t i = 0; i < n && i < SHOW_MAX; i++) {
        char size[32];
        tcrm_attachment_size_words(f[i].size, size, sizeof size);
        tui_detail_add(a, TUI_NORMAL, "  %s · %s · %.10s", f[i].name, size,
                       f[i].created_at ? f[i].created_at : "");
    }
    tcrm_attachment_array_free(f, n);
}

/* ---- F: the list ------------------------------------------------------- */

struct files {
    struct tui_app *a;
    const char *entity;
    int64_t id;
    struct tcrm_attachment *v;
    size_t n;
    char msg[512];
    int msg_err;
};

static void files_load(struct files *fs)
{
    struct tcrm_error err = {0};
    tcrm_attachment_array_free(fs->v, fs->n);
    fs->v = NULL;
    fs->n = 0;
    if (tcrm_attachment_list(fs->a->db, fs->entity, fs->id, &fs->v, &fs->n,
                             &err)) {
        snprintf(fs->msg, sizeof fs->msg, "%s", err.msg);
        fs->msg_err = 1;
    }
}

static void files_draw(const struct files *fs, const char *title, int cur,
                       int top)
{
    tui_modal_frame(title, _("s or Enter saves the file, D detaches it, "
                             "j/k move, q or Esc back"));
    if (fs->n == 0)
        tui_draw_text(stdscr, 2, 1, COLS - 2, _("No attachments"),
                      tui_attr(TUI_DIM));
    for (int i = top, y = 2; i < (int)fs->n && y < LINES - 2; i++, y++) {
        const struct tcrm_attachment *f = &fs->v[i];
        char name[200], size[32];
        int attr = tui_attr(i == cur ? TUI_CURSOR : TUI_NORMAL);
        tcrm_text_pad(f->name, 30, 0, name, sizeof name);
        tcrm_attachment_size_words(f->size, size, sizeof size);
        tui_draw_fill(stdscr, y, 0, COLS, attr);
        tui_draw_fmt(stdscr, y, 0, COLS, attr, "%s%s %9s  %.16s  %s",
                     i == cur ? ">" : " ", name, size,
                     f->created_at ? f->created_at : "",
                     f->owner ? f->owner : "");
    }
    tui_draw_text(stdscr, LINES - 2, 1, COLS - 2, fs->msg,
                  tui_attr(fs->msg_err ? TUI_ERROR : TUI_STATUS));
}

struct save_ud {
    struct tcrm_db *db;
    int64_t aid;
};

static int save_one(const void *ud, const char *path, struct tcrm_error *err)
{
    const struct save_ud *s = ud;
    return tcrm_attach_save(s->db, s->aid, path, 1, err);
}

static void files_save(struct files *fs, const struct tcrm_attachment *f)
{
    char def[600];
    struct save_ud ud = {fs->a->db, f->id};
    snprintf(def, sizeof def, "~/%s", f->name);
    tui_save_ask(_("Save to:"), def, save_one, &ud, fs->msg, sizeof fs->msg,
                 &fs->msg_err);
}

static void files_detach(struct files *fs, const struct tcrm_attachment *f)
{
    char ask[600];
    struct tcrm_error err = {0};
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(ask, sizeof ask, _("Detach %.400s? It is deleted for good. (y/n)"),
             f->name);
    fs->msg_err = 0;
    if (!tui_confirm(ask)) {
        snprintf(fs->msg, sizeof fs->msg, "%s", _("Not detached"));
        return;
    }
    if (tcrm_attachment_delete(fs->a->db, f->id, &err)) {
        snprintf(fs->msg, sizeof fs->msg, "%s", err.msg);
        fs->msg_err = 1;
        return;
    }
    snprintf(fs->msg, sizeof fs->msg, _("Detached %s"), f->name);
    tui_data_changed(fs->a);
    files_load(fs);
}

void tui_files_of(struct tui_app *a, const char *entity, int64_t id,
                  const char *label)
{
    struct files fs = {a, entity, id, NULL, 0, "", 0};
    char title[300];
    /* TRANSLATORS: the title of the list of a record's attachments */
    snprintf(title, sizeof title, _("Attachments of %s"), label);
    files_load(&fs);
    if (fs.msg_err) {
        tui_status(a, 1, "%s", fs.msg);
        return;
    }
    timeout(-1);
    int cur = 0, top = 0;
    for (;;) {
        int page = LINES - 4 > 1 ? LINES - 4 : 1;
        if (cur >= (int)fs.n)
            cur = fs.n ? (int)fs.n - 1 : 0;
        if (cur < top)
            top = cur;
        if (cur >= top + page)
            top = cur - page + 1;
        files_draw(&fs, title, cur, top);
        refresh();
        int ch = tui_modal_key(), to;
        if (ch == ERR || ch == 'q' || ch == 27)
            break;
        fs.msg[0] = '\0';
        fs.msg_err = 0;
        if (fs.n && (ch == 's' || ch == '\n' || ch == '\r' || ch == KEY_ENTER))
            files_save(&fs, &fs.v[cur]);
        else if (fs.n && (ch == 'D' || ch == KEY_DC))
            files_detach(&fs, &fs.v[cur]);
        else if (fs.n && (to = tui_scroll_key(ch, cur, (int)fs.n, page)) >= 0)
            cur = to;
    }
    tcrm_attachment_array_free(fs.v, fs.n);
    erase();
}

void tui_files_show(struct tui_app *a)
{
    const char *entity = NULL;
    int64_t id = 0;
    const struct tui_list *q = &a->lists[TUI_V_QUOTES];
    const struct tui_list *t = &a->lists[TUI_V_TICKETS];
    switch (a->view) {
    case TUI_V_CONTACTS: entity = "contact"; id = tui_view_contact(a); break;
    case TUI_V_COMPANIES: entity = "company"; id = tui_view_company(a); break;
    case TUI_V_DEALS: entity = "deal"; id = tui_view_deal(a); break;
    case TUI_V_QUOTES:
        entity = "quote";
        id = tui_list_current(q) ? q->src.row_id(tui_list_current(q)) : 0;
        break;
    case TUI_V_TICKETS:
        entity = "ticket";
        id = tui_list_current(t) ? t->src.row_id(tui_list_current(t)) : 0;
        break;
    default: break;
    }
    if (!entity) {
        /* TRANSLATORS: F in a view whose rows have no attachments */
        tui_status(a, 0, "F lists a record's files (not in this view)");
        return;
    }
    if (!id) {
        tui_status(a, 0, "Nothing selected");
        return;
    }
    tui_files_of(a, entity, id, tui_view_label(a));
}
