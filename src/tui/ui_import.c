/*
 * ui_import.c: the import screen: a CSV file's path, a preview of its
 * first rows as they will be stored, the column mapping (editable per
 * column), the duplicate policy, then a progress bar and a summary.
 * A vCard file (found by its content, as on the command line) has no
 * columns: the screen shows the preview of its cards alone, and the keys
 * of the mapping (the arrows, u) do nothing.
 *
 * Design. Everything that knows CSV lives in src/io (csvio.h); this file
 * only holds the person's choices (struct imp: the import options and a
 * private copy of the column map) and asks tcrm_import_preview again after
 * every change, so the preview always shows exactly what the import would
 * store and which rows it would reject. The import itself is one call,
 * tcrm_import_run, which is all or nothing; its progress callback draws
 * the bar. A dry run shows the same summary and writes nothing.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/csvio.h"
#include "theme.h"

#define PREVIEW_ROWS 20

struct imp {
    struct tcrm_db *db;
    struct tcrm_import_opts o;
    char *path, *encoding, *reject;
    struct tcrm_csv_map map;      /* ours: edited per column */
    int have_map;
    struct tcrm_import_preview pv;
    int have_pv;
    int col, col_top;             /* selected column */
    int vcard;                    /* the file is vCard: no map */
    char status[512];
    int status_err;
};

/* The duplicate policies (tcrm import --on-duplicate), shown in context
 * "policy". */
static const char *const policy_names[] = {
    /* TRANSLATORS: what an import does with a row that duplicates a
     * contact: skip it, merge it into the contact, add it as new */
    NC_("policy", "skip"), NC_("policy", "merge"), NC_("policy", "new")
};

static const char *policy_word(int p)
{
    return tcrm_i18n_word("policy", policy_names[p]);
}

/* ---- the map -------------------------------------------------------- */

static int map_copy(struct tcrm_csv_map *dst, const struct tcrm_csv_map *src)
{
    memset(dst, 0, sizeof *dst);
    dst->headers = calloc(src->n ? src->n : 1, sizeof *dst->headers);
    dst->field = calloc(src->n ? src->n : 1, sizeof *dst->field);
    dst->type_col = calloc(src->n ? src->n : 1, sizeof *dst->type_col);
    if (!dst->headers || !dst->field || !dst->type_col) {
        tcrm_csv_map_free(dst);
        return TCRM_ENOMEM;
    }
    dst->n = src->n;
    dst->drop_unmapped = src->drop_unmapped;
    for (size_t i = 0; i < src->n; i++) {
        dst->headers[i] = strdup(src->headers[i] ? src->headers[i] : "");
        dst->field[i] = src->field[i];
        dst->type_col[i] = src->type_col[i];
        if (!dst->headers[i]) {
            tcrm_csv_map_free(dst);
            return TCRM_ENOMEM;
        }
    }
    return 0;
}

/* Next field for a column; the Google "type" pairs are not offered by
 * hand (they need their partner column). */
static void map_step(struct tcrm_csv_map *m, size_t col, int delta)
{
    int f = m->field[col];
    do {
        f = (f + delta + TCRM_CF_COUNT) % TCRM_CF_COUNT;
    } while (f == TCRM_CF_PHONE_TYPED || f == TCRM_CF_TYPE);
    m->field[col] = f;
    m->type_col[col] = -1;
}

/* ---- preview -------------------------------------------------------- */

static void imp_status(struct imp *s, int is_err, const char *msg)
{
    snprintf(s->status, sizeof s->status, "%s", msg);
    s->status_err = is_err;
}

/* The mapping's complaint (err->field "map"), with this screen's way to
 * fix it: the command line says --map, here the arrows do it. */
static void map_status(struct imp *s, const struct tcrm_error *err)
{
    if (strcmp(err->field, "map") != 0) {
        imp_status(s, 1, err->msg);
        return;
    }
    snprintf(s->status, sizeof s->status, _("%s: choose 'name' for a "
             "column with Left/Right"), err->msg);
    s->status_err = 1;
}

/* The guessed map from the file's header row alone (the preview refuses a
 * map without a name column, but the person must see the columns to pick
 * one). 0 and s->map set, or <0 when the file cannot be read. */
static int map_from_header(struct imp *s)
{
    struct tcrm_csv_reader *rd;
    struct tcrm_csv_row row;
    struct tcrm_error err;
    if (tcrm_csv_open(s->o.path, s->o.encoding, s->o.delimiter, &rd,
                      &err) != 0)
        return err.code;
    int rc = tcrm_csv_next(rd, &row, &err);
    if (rc == 1) {
        rc = tcrm_csv_map_guess(row.fields, row.n, &s->map, &err);
        s->have_map = rc == 0;
    } else if (rc == 0) {
        rc = TCRM_EINVAL;
    }
    tcrm_csv_close(rd);
    return rc;
}

static int imp_preview(struct imp *s)
{
    struct tcrm_error err;
    if (s->have_pv)
        tcrm_import_preview_free(&s->pv);
    s->have_pv = 0;
    s->o.map = s->have_map ? &s->map : NULL;
    if (tcrm_import_preview(&s->o, PREVIEW_ROWS, &s->pv, &err) != 0) {
        if (s->have_map || map_from_header(s) != 0) {
            imp_status(s, 1, err.msg);
            return s->have_map ? 0 : err.code;
        }
        /* Read, but no column gives the name: show the columns so the
         * person can choose one; the preview follows once they do. */
        if (tcrm_csv_map_check(&s->map, &err) != 0)
            map_status(s, &err);
        return 0;
    }
    s->have_pv = 1;
    s->vcard = s->pv.vcard;
    if (s->vcard)
        return 0;
    if (!s->have_map && map_copy(&s->map, &s->pv.map) == 0)
        s->have_map = 1;
    if (tcrm_csv_map_check(&s->map, &err) != 0)
        map_status(s, &err);
    return 0;
}

/* ---- drawing -------------------------------------------------------- */

static void draw_columns(struct imp *s, int y, int rows, int w)
{
    tui_draw_cell(stdscr, y++, 0, w, _("Columns (Up/Down choose, Left/Right "
                  "change the field)"), tui_attr(TUI_HEADER), 0);
    rows--;
    if (s->col < s->col_top)
        s->col_top = s->col;
    if (s->col >= s->col_top + rows)
        s->col_top = s->col - rows + 1;
    for (int i = 0; i < rows && s->col_top + i < (int)s->map.n; i++) {
        int c = s->col_top + i, cur = c == s->col;
        int attr = tui_attr(cur ? TUI_CURSOR : TUI_NORMAL);
        int f = s->map.field[c];
        tui_draw_fill(stdscr, y + i, 0, w, attr);
        tui_draw_cell(stdscr, y + i, 0, 2, cur ? ">" : " ", attr, 0);
        tui_draw_cell(stdscr, y + i, 2, w / 3, s->map.headers[c], attr, 0);
        tui_draw_fmt(stdscr, y + i, 3 + w / 3, w - 3 - w / 3, attr,
                     "-> %s%s", tcrm_csv_field_name(f),
                     f == TCRM_CF_UNMAPPED
                         ? (s->map.drop_unmapped ? _(" (dropped)")
                                                 : _(" (into notes)")) : "");
    }
}

static void preview_line(const struct tcrm_import_preview *pv, size_t i,
                         char *buf, size_t n)
{
    const struct tcrm_contact *c = &pv->rows[i];
    if (pv->error && pv->error[i]) {
        snprintf(buf, n, _("line %ld  REJECT %s"), pv->line[i],
                 pv->error[i]);
        return;
    }
    const char *ph = tcrm_contact_phone(c), *em = tcrm_contact_email(c);
    snprintf(buf, n, _("line %ld  %s | %s | %s | %s | %s"), pv->line[i],
             c->name ? c->name : "", c->company ? c->company : "",
             c->title ? c->title : "", ph ? ph : "", em ? em : "");
}

static void draw_preview(struct imp *s, int y, int rows, int w)
{
    char buf[1024];
    tui_draw_cell(stdscr, y++, 0, w, _("Preview (as it will be stored: name "
                  "| company | title | phone | e-mail)"),
                  tui_attr(TUI_HEADER), 0);
    for (int i = 0; i < rows - 1 && s->have_pv && i < (int)s->pv.n; i++) {
        preview_line(&s->pv, (size_t)i, buf, sizeof buf);
        int bad = s->pv.error && s->pv.error[i];
        tui_draw_text(stdscr, y + i, 1, w - 1, buf,
                      tui_attr(bad ? TUI_ERROR : TUI_NORMAL));
    }
}

static void imp_draw(struct imp *s)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    werase(stdscr);
    tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
    tui_draw_fmt(stdscr, 0, 1, w - 1, tui_attr(TUI_TITLE), _("Import %s"),
                 s->path);
    /* TRANSLATORS: no file for the rejected rows */
    const char *reject = s->reject ? s->reject : _("none");
    if (s->have_pv && s->vcard)
        tui_draw_fmt(stdscr, 1, 0, w, tui_attr(TUI_DIM),
                     _("vCard, encoding %s, duplicates: %s, reject file: %s"),
                     s->pv.encoding, policy_word(s->o.on_duplicate), reject);
    else if (s->have_pv && s->pv.encoding_guessed)
        /* TRANSLATORS: the encoding twice: "encoding GB18030 (not UTF-8:
         * read as GB18030, guessed)" */
        tui_draw_fmt(stdscr, 1, 0, w, tui_attr(TUI_DIM),
                     _("encoding %s (not UTF-8: read as %s, guessed), "
                       "delimiter '%c', duplicates: %s, reject file: %s"),
                     s->pv.encoding, s->pv.encoding,
                     s->pv.delimiter == '\t' ? 'T' : s->pv.delimiter,
                     policy_word(s->o.on_duplicate), reject);
    else if (s->have_pv)
        tui_draw_fmt(stdscr, 1, 0, w, tui_attr(TUI_DIM),
                     _("encoding %s, delimiter '%c', duplicates: %s, "
                       "reject file: %s"), s->pv.encoding,
                     s->pv.delimiter == '\t' ? 'T' : s->pv.delimiter,
                     policy_word(s->o.on_duplicate), reject);
    int body = h - 4;
    if (body >= 2 && s->vcard) {
        draw_preview(s, 2, body, w);
    } else if (body >= 4 && s->have_map) {
        int crows = (int)s->map.n + 1 < body / 2 ? (int)s->map.n + 1
                                                 : body / 2;
        draw_columns(s, 2, crows, w);
        draw_preview(s, 2 + crows, body - crows, w);
    }
    /* TRANSLATORS: the import screen's keys; keep the key letters */
    tui_draw_text(stdscr, h - 2, 0, w, s->vcard
                  ? _("Enter import  t dry run  d dups  e encoding  r rejects"
                      "  Esc back")
                  : _("Enter import  t dry run  d dups  u unmapped  e encoding"
                      "  r rejects  Esc back"), tui_attr(TUI_KEY));
    tui_draw_fill(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS));
    tui_draw_text(stdscr, h - 1, 0, w, s->status,
                  tui_attr(s->status_err ? TUI_ERROR : TUI_STATUS));
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- running -------------------------------------------------------- */

struct progress {
    time_t start;
};

static void on_progress(void *ud, uint64_t rows, uint64_t done,
                        uint64_t total)
{
    struct progress *p = ud;
    int h, w;
    getmaxyx(stdscr, h, w);
    double el = difftime(time(NULL), p->start);
    double frac = total ? (double)done / (double)total : 0;
    int bw = w - 40 > 10 ? (w - 40 < 1000 ? w - 40 : 1000) : 10;
    int fill = (int)(frac * bw);
    char bar[1100];
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '.', (size_t)(bw - fill));
    bar[bw] = '\0';
    double rate = el > 0 ? (double)rows / el : 0;
    double left = frac > 0 ? el / frac - el : 0;
    tui_draw_fill(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS));
    /* TRANSLATORS: the import's progress: the bar, per cent done, rows
     * read, rows per second, seconds left */
    tui_draw_fmt(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS),
                 P_("[%s] %3d%% %llu row %.0f/s %.0fs left",
                    "[%s] %3d%% %llu rows %.0f/s %.0fs left", rows), bar,
                 (int)(frac * 100), (unsigned long long)rows, rate, left);
    wnoutrefresh(stdscr);
    doupdate();
}

static void summary_show(const struct tcrm_import_summary *sum, int dry)
{
    int h, w, top = 0;
    for (;;) {
        struct tui_key k;
        getmaxyx(stdscr, h, w);
        werase(stdscr);
        tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
        const char *fmt =
            dry && sum->vcard
            ? P_("Dry run (nothing written): %lld card, %lld added, "
                 "%lld merged, %lld skipped, %lld rejected",
                 "Dry run (nothing written): %lld cards, %lld added, "
                 "%lld merged, %lld skipped, %lld rejected", sum->rows)
            : dry
            ? P_("Dry run (nothing written): %lld row, %lld added, "
                 "%lld merged, %lld skipped, %lld rejected",
                 "Dry run (nothing written): %lld rows, %lld added, "
                 "%lld merged, %lld skipped, %lld rejected", sum->rows)
            : sum->vcard
            ? P_("Imported: %lld card, %lld added, %lld merged, "
                 "%lld skipped, %lld rejected",
                 "Imported: %lld cards, %lld added, %lld merged, "
                 "%lld skipped, %lld rejected", sum->rows)
            : P_("Imported: %lld row, %lld added, %lld merged, "
                 "%lld skipped, %lld rejected",
                 "Imported: %lld rows, %lld added, %lld merged, "
                 "%lld skipped, %lld rejected", sum->rows);
        tui_draw_fmt(stdscr, 0, 1, w - 1, tui_attr(TUI_TITLE), fmt,
                     (long long)sum->rows,
                     (long long)sum->added, (long long)sum->merged,
                     (long long)sum->skipped, (long long)sum->rejected);
        char undo[96] = "", skipped[96] = "";
        if (sum->batch_id > 0)
            snprintf(undo, sizeof undo, _("import %lld (undo with: tcrm "
                     "import undo %lld)  "), (long long)sum->batch_id,
                     (long long)sum->batch_id);
        if (sum->binary_skipped)
            snprintf(skipped, sizeof skipped, _("binary properties skipped "
                     "(photos, logos, sounds, keys): %lld"),
                     (long long)sum->binary_skipped);
        tui_draw_fmt(stdscr, 1, 1, w - 1, tui_attr(TUI_DIM), "%s%s", undo,
                     skipped);
        for (int i = 0; i < h - 4 && top + i < (int)sum->n_messages; i++)
            tui_draw_text(stdscr, 2 + i, 0, w, sum->messages[top + i],
                          tui_attr(TUI_ERROR));
        tui_draw_fmt(stdscr, h - 1, 0, w, tui_attr(TUI_KEY),
                     "%s", sum->more_messages
                     ? _("more rejects not shown; Up/Down scroll  any other "
                         "key: back")
                     : _("Up/Down scroll  any other key: back"));
        wnoutrefresh(stdscr);
        doupdate();
        if (tui_read_key(&k) != 0)
            return;
        if (k.fn == KEY_DOWN && top + 1 < (int)sum->n_messages)
            top++;
        else if (k.fn == KEY_UP && top > 0)
            top--;
        else if (k.fn != KEY_RESIZE && k.fn != KEY_DOWN && k.fn != KEY_UP)
            return;
    }
}

/* 1 when an import was committed. */
static int imp_run(struct imp *s, int dry)
{
    struct tcrm_import_summary sum;
    struct tcrm_error err;
    struct progress p = {time(NULL)};
    if (!s->vcard && tcrm_csv_map_check(&s->map, &err) != 0) {
        map_status(s, &err);
        return 0;
    }
    if (!s->have_pv) {                  /* the rows could not be read */
        if (imp_preview(s) != 0 || !s->have_pv)
            return 0;
    }
    /* TRANSLATORS: y and n stay the keys that answer */
    if (!dry && !tui_confirm(_("Import this file now? (y/n)")))
        return 0;
    s->o.dry_run = dry;
    s->o.map = s->vcard ? NULL : &s->map;
    s->o.progress = on_progress;
    s->o.progress_ud = &p;
    imp_status(s, 0, _("Importing..."));
    imp_draw(s);
    memset(&sum, 0, sizeof sum);
    int rc = tcrm_import_run(s->db, &s->o, &sum, &err);
    if (rc != 0) {
        imp_status(s, 1, err.msg);
        tcrm_import_summary_free(&sum);
        return 0;
    }
    summary_show(&sum, dry);
    snprintf(s->status, sizeof s->status, dry
             ? _("Dry run: %lld added, %lld merged, %lld skipped, "
                 "%lld rejected")
             : _("Imported: %lld added, %lld merged, %lld skipped, "
                 "%lld rejected"),
             (long long)sum.added, (long long)sum.merged,
             (long long)sum.skipped, (long long)sum.rejected);
    s->status_err = 0;
    tcrm_import_summary_free(&sum);
    return !dry;
}

/* ---- keys ----------------------------------------------------------- */

static void ask(char **dst, const char *label)
{
    char *v;
    if (tui_prompt(label, *dst, &v) == 1) {
        free(*dst);
        *dst = *v ? v : NULL;
        if (!*v)
            free(v);
    }
}

/* 1 done (imported), 0 go on, -1 leave. */
static int imp_key(struct imp *s, const struct tui_key *k)
{
    s->status[0] = '\0';
    if (tui_key_is(k, 27) || tui_key_is(k, 'q'))
        return -1;
    if (tui_key_is(k, '\n'))
        return imp_run(s, 0);
    if (tui_key_is(k, 't')) {
        imp_run(s, 1);                  /* a dry run never ends the screen */
        return 0;
    }
    if ((k->fn == KEY_DOWN || tui_key_is(k, 'j')) &&
        s->col + 1 < (int)s->map.n)
        s->col++;
    else if ((k->fn == KEY_UP || tui_key_is(k, 'k')) && s->col > 0)
        s->col--;
    else if ((k->fn == KEY_LEFT || k->fn == KEY_RIGHT) && s->map.n) {
        map_step(&s->map, (size_t)s->col, k->fn == KEY_LEFT ? -1 : 1);
        imp_preview(s);
    } else if (tui_key_is(k, 'd')) {
        s->o.on_duplicate = (enum tcrm_dup_policy)((s->o.on_duplicate + 1)
                                                   % 3);
    } else if (tui_key_is(k, 'u') && !s->vcard) {
        s->map.drop_unmapped = !s->map.drop_unmapped;
        s->o.drop_unmapped = s->map.drop_unmapped;
        imp_preview(s);
    } else if (tui_key_is(k, 'e')) {
        ask(&s->encoding, _("Encoding (UTF-8/GB18030/ISO-8859-1/auto)"));
        s->o.encoding = s->encoding;
        imp_preview(s);
    } else if (tui_key_is(k, 'r')) {
        ask(&s->reject, _("Write rejected rows to (empty: none)"));
        s->o.reject_path = s->reject;
    }
    return 0;
}

/* Ask for the file until its first rows can be read (0) or the person
 * gives up with Esc or an empty name (-1); a file that cannot be read says
 * why on the line above the question and is offered again for editing. */
static int ask_file(struct imp *s)
{
    char *prev = NULL;
    for (;;) {
        char *path;
        if (tui_prompt(_("File to import"), prev, &path) != 1 || !*path) {
            free(path);
            free(prev);
            return -1;
        }
        free(prev);
        s->path = path;
        s->o.path = path;
        if (imp_preview(s) == 0)
            return 0;
        int h, w;
        getmaxyx(stdscr, h, w);
        if (h > 1) {
            tui_draw_fill(stdscr, h - 2, 0, w, tui_attr(TUI_ERROR));
            tui_draw_text(stdscr, h - 2, 0, w, s->status,
                          tui_attr(TUI_ERROR));
        }
        prev = path;
        s->path = NULL;
        s->o.path = NULL;
        s->status[0] = '\0';
    }
}

int tui_import_screen(struct tcrm_db *db, const struct tcrm_config *cfg)
{
    struct imp s;
    int r = 0, vis = curs_set(0);
    memset(&s, 0, sizeof s);
    s.db = db;
    s.o.on_duplicate = TCRM_DUP_SKIP;
    s.o.max_field = (size_t)cfg->max_field_mb << 20;
    s.o.max_row = (size_t)cfg->max_row_mb << 20;
    if (ask_file(&s) != 0) {
        if (vis != ERR)
            curs_set(vis);
        return TUI_CANCELLED;
    }
    while (r == 0) {
        struct tui_key k;
        imp_draw(&s);
        curs_set(0);
        r = tui_read_key(&k) != 0 ? -1 : imp_key(&s, &k);
    }
    if (s.have_pv)
        tcrm_import_preview_free(&s.pv);
    if (s.have_map)
        tcrm_csv_map_free(&s.map);
    free(s.path);
    free(s.encoding);
    free(s.reject);
    if (vis != ERR)
        curs_set(vis);
    return r == 1 ? TUI_SAVED : TUI_CANCELLED;
}
