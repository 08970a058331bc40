/*
 * ui_report.c: the reports screen: pick a report, change its period,
 * scroll it, search inside it, save it to a file, or pipe it to the
 * configured print command.
 *
 * Design. The report engine (report.h) fills a document of text lines
 * for a given width; this screen asks for one as wide as the terminal (or
 * the report's narrowest layout, then Left/Right scroll sideways), keeps
 * it, and only draws the lines that show. Every line goes through
 * draw.h, so whatever text came from the database cannot reach the
 * terminal raw. Search folds case and accents (normalize.h) and moves the
 * view to the next line that holds the text.
 *
 * Printing runs cfg->print_command through popen with its output and
 * errors sent to a temporary file, never to the screen, and the first
 * line of its complaint (if any) comes back on the status line.
 */
#include <curses.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/date.h"
#include "tcrm/normalize.h"
#include "tcrm/report.h"
#include "tcrm/text.h"
#include "theme.h"

struct rep {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    const char *const *names;
    int n_names, which;
    char *period;                 /* as typed; NULL: the default */
    struct tcrm_doc doc;
    int top, left, width;
    char *search;
    int hit;                      /* line of the last match, -1 none */
    char status[512];
    int status_err;
};

static void rep_status(struct rep *r, int is_err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* fmt is translated here: rep_status is a keyword of xgettext
 * (po/xgettext.args), so pass a literal, never _(). */
static void rep_status(struct rep *r, int is_err, const char *fmt, ...)
{
    va_list ap;
    fmt = _(fmt);
    va_start(ap, fmt);
    vsnprintf(r->status, sizeof r->status, fmt, ap);
    va_end(ap);
    r->status_err = is_err;
}

/* ---- running a report ----------------------------------------------- */

/* period text: a period name, or "FROM TO" / "FROM..TO" in the date
 * language. */
static int rep_period(struct rep *r, struct tcrm_report_opts *o,
                      struct tcrm_error *err)
{
    char from[64], to[64];
    const char *p = r->period;
    if (!p)
        return 0;
    if (tcrm_report_period(p, o->now, o->from, o->to, NULL) == 0)
        return 0;
    const char *dots = strstr(p, "..");
    if (dots && dots - p < (long)sizeof from) {
        snprintf(from, sizeof from, "%.*s", (int)(dots - p), p);
        snprintf(to, sizeof to, "%s", dots + 2);
    } else if (sscanf(p, "%63s %63s", from, to) != 2) {
        snprintf(to, sizeof to, "today");
        snprintf(from, sizeof from, "%s", p);
    }
    return tcrm_report_range(from, to, o->now, o->from, o->to, err);
}

/* 0, or <0 with the error on the status line (the document is empty). */
static int rep_run(struct rep *r)
{
    struct tcrm_report_opts o;
    struct tcrm_error err;
    const char *name = r->names[r->which];
    const struct tcrm_report_info *info = tcrm_report_info(name);
    int h, w;
    getmaxyx(stdscr, h, w);
    (void)h;
    tcrm_doc_free(&r->doc);
    tcrm_doc_init(&r->doc);
    tcrm_report_opts_init(&o);
    o.now = tcrm_clock_now();
    o.width = w;
    if (info && o.width < info->min_width)
        o.width = info->min_width;
    if (o.width > TCRM_REPORT_MAX_WIDTH)
        o.width = TCRM_REPORT_MAX_WIDTH;
    const char *cs = nl_langinfo(CODESET);
    o.ascii = !(cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
    r->width = o.width;
    r->top = r->left = 0;
    r->hit = -1;
    int rc = 0;
    if (info && info->takes_period)
        rc = rep_period(r, &o, &err);
    if (rc == 0)
        rc = tcrm_report_run(r->db, r->cfg, name, &o, &r->doc, &err);
    if (rc != 0 && strcmp(err.field, "from") == 0)
        rep_status(r, 1, "period start: %s", err.msg);
    else if (rc != 0 && strcmp(err.field, "to") == 0)
        rep_status(r, 1, "period end: %s", err.msg);
    else if (rc != 0)
        rep_status(r, 1, "%s", err.msg);
    else if (info && !info->takes_period && r->period)
        rep_status(r, 0, "%s shows things as they are now (no period)",
                   name);
    return rc;
}

/* ---- drawing -------------------------------------------------------- */

static int body_rows(void)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    (void)w;
    return h - 3 > 1 ? h - 3 : 1;
}

/* Line text from column `left` on (never splitting a character). */
static const char *skip_cols(const char *s, int cols)
{
    size_t len = strlen(s), pos = 0;
    while (cols > 0 && pos < len) {
        uint32_t cp;
        int n = tcrm_utf8_decode(s + pos, len - pos, &cp);
        cols -= tcrm_char_width(n > 0 ? cp : 0xFFFD);
        pos += n > 0 ? (size_t)n : 1;
    }
    return s + pos;
}

static void rep_draw(struct rep *r)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    werase(stdscr);
    int title = tui_attr(TUI_TITLE);
    tui_draw_fill(stdscr, 0, 0, w, title);
    int x = tui_draw_fmt(stdscr, 0, 1, w - 1, title, _("Report: %s"),
                         r->names[r->which]);
    const struct tcrm_report_info *info =
        tcrm_report_info(r->names[r->which]);
    /* TRANSLATORS: the report's period: "now" for a report of how things
     * are now, "default" for the report's own default period */
    x += 2 + tui_draw_fmt(stdscr, 0, x + 2, w - x - 2, title, _("period: %s"),
                          info && !info->takes_period ? C_("period", "now")
                          : r->period ? r->period
                          : C_("period", "default"));
    if (r->search && x + 2 < w)
        tui_draw_fmt(stdscr, 0, x + 2, w - x - 2, title, _("search: %s"),
                     r->search);
    int rows = body_rows();
    for (int i = 0; i < rows && r->top + i < (int)r->doc.n; i++) {
        int ln = r->top + i;
        const char *s = skip_cols(r->doc.lines[ln], r->left);
        tui_draw_text(stdscr, 1 + i, 0, w, s,
                      tui_attr(ln == r->hit ? TUI_CURSOR : TUI_NORMAL));
    }
    /* TRANSLATORS: the report screen's keys; keep the key names */
    tui_draw_text(stdscr, h - 2, 0, w, _("Tab/r report  p period  / search "
                  "n/N  s save  P print  arrows PgUp/PgDn scroll  q back"),
                  tui_attr(TUI_KEY));
    tui_draw_fill(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS));
    if (r->status[0])
        tui_draw_text(stdscr, h - 1, 0, w, r->status,
                      tui_attr(r->status_err ? TUI_ERROR : TUI_STATUS));
    else
        tui_draw_fmt(stdscr, h - 1, 0, w, tui_attr(TUI_DIM),
                     _("lines %d-%d of %zu"), r->doc.n ? r->top + 1 : 0,
                     r->top + rows < (int)r->doc.n ? r->top + rows
                                                   : (int)r->doc.n,
                     r->doc.n);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- search, save, print -------------------------------------------- */

static void rep_find(struct rep *r, int dir)
{
    if (!r->search || r->doc.n == 0)
        return;
    char *needle = tcrm_norm_fold(r->search);
    int n = (int)r->doc.n, start = r->hit >= 0 ? r->hit : r->top - dir;
    for (int k = 1; needle && k <= n; k++) {
        int ln = ((start + dir * k) % n + n) % n;
        char *hay = tcrm_norm_fold(r->doc.lines[ln]);
        int found = hay && strstr(hay, needle) != NULL;
        free(hay);
        if (found) {
            r->hit = ln;
            if (ln < r->top || ln >= r->top + body_rows())
                r->top = ln > 2 ? ln - 2 : 0;
            free(needle);
            return;
        }
    }
    free(needle);
    rep_status(r, 1, "'%s' not found", r->search);
}

static void rep_save(struct rep *r)
{
    char def[64], today[11], msg[600];
    int is_err;
    tcrm_date_today(tcrm_clock_now(), today);
    snprintf(def, sizeof def, "%s-%s.txt", r->names[r->which], today);
    tui_doc_save_ask(&r->doc, _("Save report to"), def, msg, sizeof msg,
                     &is_err);
    rep_status(r, is_err, "%s", msg);
}

static void rep_print(struct rep *r)
{
    const char *pc = r->cfg->print_command ? r->cfg->print_command : "lpr";
    char q[300], msg[600];
    int is_err;
    /* TRANSLATORS: the print command; y and n stay the keys that answer */
    snprintf(q, sizeof q, _("Send this report to '%s'? (y/n)"), pc);
    tui_doc_print(&r->doc, q, pc, msg, sizeof msg, &is_err);
    rep_status(r, is_err, "%s", msg);
}

/* ---- picking -------------------------------------------------------- */

static int rep_pick(struct rep *r)
{
    int sel = r->which;
    for (;;) {
        struct tui_key k;
        int h, w;
        getmaxyx(stdscr, h, w);
        werase(stdscr);
        tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
        tui_draw_text(stdscr, 0, 1, w - 1, _("Reports: Enter opens, Esc back"),
                      tui_attr(TUI_TITLE));
        for (int i = 0; i < r->n_names && i + 2 < h; i++) {
            const struct tcrm_report_info *in = tcrm_report_info(r->names[i]);
            int attr = tui_attr(i == sel ? TUI_CURSOR : TUI_NORMAL);
            tui_draw_fill(stdscr, 1 + i, 0, w, attr);
            tui_draw_fmt(stdscr, 1 + i, 1, w - 1, attr, "%c %-11s %s",
                         i == sel ? '>' : ' ', r->names[i],
                         in && in->summary && *in->summary
                         ? _(in->summary) : "");
        }
        wnoutrefresh(stdscr);
        doupdate();
        if (tui_read_key(&k) != 0 || tui_key_is(&k, 27) ||
            tui_key_is(&k, 'q'))
            return -1;
        if (tui_key_is(&k, '\n'))
            return sel;
        if ((k.fn == KEY_DOWN || tui_key_is(&k, 'j')) && sel + 1 < r->n_names)
            sel++;
        if ((k.fn == KEY_UP || tui_key_is(&k, 'k')) && sel > 0)
            sel--;
    }
}

static void rep_choose(struct rep *r, int which)
{
    if (which < 0 || which == r->which)
        return;
    r->which = which;
    rep_run(r);
}

static void rep_ask_period(struct rep *r)
{
    char *v;
    /* TRANSLATORS: the period names (this-week...) are typed as they are;
     * FROM..TO in the date language */
    if (tui_prompt(_("Period (this-week, last-month, this-year... or "
                     "FROM..TO; empty: default)"), r->period, &v) != 1)
        return;
    char *old = r->period;
    r->period = *v ? v : NULL;
    if (!*v)
        free(v);
    if (rep_run(r) == 0) {
        free(old);
        return;
    }
    /* A period that does not work keeps the report as it was. */
    char msg[sizeof r->status];
    memcpy(msg, r->status, sizeof msg);
    free(r->period);
    r->period = old;
    rep_run(r);
    rep_status(r, 1, "%s", msg);
}

static void rep_ask_search(struct rep *r)
{
    char *v;
    if (tui_prompt(_("Search"), r->search, &v) != 1)
        return;
    free(r->search);
    r->search = *v ? v : NULL;
    if (!*v)
        free(v);
    r->hit = -1;
    rep_find(r, 1);
}

/* 1 when the screen is done. */
static int rep_key(struct rep *r, const struct tui_key *k)
{
    int rows = body_rows(), last = (int)r->doc.n - rows;
    r->status[0] = '\0';
    if (tui_key_is(k, 'q') || tui_key_is(k, 27) || k->fn == KEY_F(10))
        return 1;
    if (k->fn == KEY_DOWN || tui_key_is(k, 'j'))
        r->top++;
    else if (k->fn == KEY_UP || tui_key_is(k, 'k'))
        r->top--;
    else if (k->fn == KEY_NPAGE || tui_key_is(k, ' '))
        r->top += rows;
    else if (k->fn == KEY_PPAGE || tui_key_is(k, 'b'))
        r->top -= rows;
    else if (k->fn == KEY_HOME || tui_key_is(k, 'g'))
        r->top = 0;
    else if (k->fn == KEY_END || tui_key_is(k, 'G'))
        r->top = last;
    else if (k->fn == KEY_RIGHT || tui_key_is(k, 'l'))
        r->left += 8;
    else if (k->fn == KEY_LEFT || tui_key_is(k, 'h'))
        r->left = r->left > 8 ? r->left - 8 : 0;
    else if (tui_key_is(k, '\t'))
        rep_choose(r, (r->which + 1) % r->n_names);
    else if (k->fn == KEY_BTAB)
        rep_choose(r, (r->which + r->n_names - 1) % r->n_names);
    else if (tui_key_is(k, 'r'))
        rep_choose(r, rep_pick(r));
    else if (tui_key_is(k, 'p'))
        rep_ask_period(r);
    else if (tui_key_is(k, '/'))
        rep_ask_search(r);
    else if (tui_key_is(k, 'n') || tui_key_is(k, 'N'))
        rep_find(r, tui_key_is(k, 'n') ? 1 : -1);
    else if (tui_key_is(k, 's'))
        rep_save(r);
    else if (tui_key_is(k, 'P') || tui_key_is(k, '|'))
        rep_print(r);
    else if (k->fn == KEY_RESIZE)
        rep_run(r);
    if (r->top > last)
        r->top = last;
    if (r->top < 0)
        r->top = 0;
    if (r->left > r->width - 8)
        r->left = r->width > 8 ? r->width - 8 : 0;
    return 0;
}

int tui_report_screen(struct tcrm_db *db, const struct tcrm_config *cfg)
{
    struct rep r;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.cfg = cfg;
    r.names = tcrm_report_names();
    while (r.names[r.n_names])
        r.n_names++;
    if (r.n_names == 0)
        return TUI_CANCELLED;
    int vis = curs_set(0);
    tcrm_doc_init(&r.doc);
    r.which = rep_pick(&r);
    if (r.which >= 0) {
        rep_run(&r);
        for (int done = 0; !done;) {
            struct tui_key k;
            rep_draw(&r);
            done = tui_read_key(&k) != 0 || rep_key(&r, &k);
        }
    }
    tcrm_doc_free(&r.doc);
    free(r.period);
    free(r.search);
    if (vis != ERR)
        curs_set(vis);
    return TUI_CANCELLED;
}
