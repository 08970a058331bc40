/*
 * ui.c: the main screen: start, the key loop, and what navigation keys do.
 *
 * State lives in one struct tui_app (ui.h); the screen is drawn from it
 * and nothing else. Each turn of the loop waits for a key with a timeout,
 * so that the loop also runs when nobody types:
 *   - work put off to keep keys fast (counting the rows of a list, the
 *     reminder counts) runs when the keyboard is idle (timeout 0 while
 *     some is pending), so the first screen of a million contacts appears
 *     before anything is counted; while a search is typed, only after a
 *     pause of TYPING_PAUSE_MS, so the count of one key's results never
 *     holds up the next key;
 *   - every POLL_MS, and after every key, the database's change stamp is
 *     compared: another process's change reloads what is on screen in
 *     place.
 * Drawing erases and redraws stdscr into curses' buffer and then calls
 * refresh(): curses sends only the cells that differ from the terminal,
 * so one step down a list costs two rows and the detail lines, not a
 * screenful. clear() happens only on ^L and after full-screen dialogs.
 * No transaction is open while waiting for a key: every data call opens
 * and closes its own.
 */
#include <curses.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "draw.h"
#include "tcrm/date.h"
#include "tcrm/text.h"
#include "tcrm/tui.h"
#include "theme.h"
#include "ui.h"

#define POLL_MS 1500
/* While a search is being typed, put the count off until the keys pause
 * this long: a count over a million rows takes 100+ ms and would hold up
 * the next key (the results themselves are one keyset page per key). */
#define TYPING_PAUSE_MS 400

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

void tui_redraw_all(struct tui_app *a)
{
    if (a->lay.too_small) {
        tui_draw_too_small(a->lay.w, a->lay.h);
        curs_set(0);
        refresh();
        return;
    }
    erase();
    tui_view_draw(a);
    tui_detail_draw(a);
    tui_pane_draw(a);
    tui_bars_draw(a);       /* last: the search line places the cursor */
    curs_set(a->typing ? 1 : 0);
    refresh();
}

void tui_data_changed(struct tui_app *a)
{
    a->stamp = tcrm_db_change_stamp(a->db);
    for (int v = 0; v < TUI_V_LISTS; v++) {
        if (v != (int)a->view)
            a->loaded[v] = a->loaded[v] ? 2 : 0;   /* 2: reload on show */
        a->count_stale[v] = 1;
    }
    if (a->view < TUI_V_LISTS)
        tui_view_load(a, a->view, 1);
    tui_pane_load(a);
}

static void relayout(struct tui_app *a)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    int old_main = a->lay.main_h, old_pane = a->lay.pane_w;
    tui_layout_compute(w, h, a->pane_mode, &a->lay);
    if (a->lay.too_small)
        return;
    tui_view_resize(a);
    if (a->view < TUI_V_LISTS && !a->loaded[a->view])
        tui_view_load(a, a->view, 0);   /* started too small */
    if (a->lay.pane_w == 0 && a->focus == TUI_FOCUS_PANE)
        a->focus = TUI_FOCUS_LIST;
    if (a->pane.loaded && (old_main != a->lay.main_h || old_pane != a->lay.pane_w))
        tui_pane_load(a);
}

static void show_view(struct tui_app *a, enum tui_view v)
{
    if (v >= TUI_V_LISTS) {
        tui_action_run(a, TUI_A_REPORTS);
        return;
    }
    a->view = v;
    a->focus = TUI_FOCUS_LIST;
    if (a->loaded[v] != 1)
        tui_view_load(a, v, a->loaded[v] == 2);
}

static void list_nav(struct tui_app *a, enum tui_action act)
{
    struct tcrm_error err = {0};
    int page = a->lay.list_h > 3 ? a->lay.list_h - 2 : 1;
    int rc = 0;
    if (a->focus == TUI_FOCUS_PANE) {
        int d = act == TUI_A_DOWN || act == TUI_A_NEXT ? 1
              : act == TUI_A_UP || act == TUI_A_PREV ? -1
              : act == TUI_A_PGDN || act == TUI_A_END ? 1000 : -1000;
        tui_pane_move(a, d);
        return;
    }
    if (a->view >= TUI_V_LISTS)
        return;
    struct tui_list *l = &a->lists[a->view];
    switch (act) {
    case TUI_A_DOWN: case TUI_A_NEXT: rc = tui_list_move(l, 1, &err); break;
    case TUI_A_UP: case TUI_A_PREV: rc = tui_list_move(l, -1, &err); break;
    case TUI_A_PGDN: rc = tui_list_move(l, page, &err); break;
    case TUI_A_PGUP: rc = tui_list_move(l, -page, &err); break;
    case TUI_A_HOME: rc = tui_list_home(l, &err); break;
    case TUI_A_END: rc = tui_list_end(l, &err); break;
    default: break;
    }
    if (rc < 0)
        tui_status(a, 1, "%s", err.msg);
}

static void clear_filters(struct tui_app *a)
{
    if (tui_sales_clear(a)) {
        tui_status(a, 0, "Showing all");
        return;
    }
    if (a->view == TUI_V_INVOICES && a->inv_show) {
        a->inv_show = 0;
        tui_view_load(a, TUI_V_INVOICES, 0);
        tui_status(a, 0, "Showing all");
        return;
    }
    if (!a->search[0] && !a->tag)
        return;
    a->search[0] = '\0';
    free(a->tag);
    a->tag = NULL;
    for (int v = 0; v < 2; v++)
        a->loaded[v] = 0;
    tui_view_load(a, a->view, 0);
    tui_status(a, 0, "Showing all");
}

static void toggle_pane(struct tui_app *a, int focus)
{
    int shown = a->lay.pane_w > 0;
    if (focus && shown) {
        a->focus = a->focus == TUI_FOCUS_PANE ? TUI_FOCUS_LIST : TUI_FOCUS_PANE;
        return;
    }
    a->pane_mode = shown ? TUI_PANE_HIDE : TUI_PANE_SHOW;
    relayout(a);
    tui_pane_load(a);
    if (a->lay.pane_w > 0 && focus)
        a->focus = TUI_FOCUS_PANE;
    if (!shown && a->lay.pane_w == 0)
        tui_status(a, 0, "The reminder pane needs a wider terminal");
}

static void open_row(struct tui_app *a)
{
    if (a->focus == TUI_FOCUS_PANE) {
        const struct tui_pane_line *l = tui_pane_current(a);
        if (tui_pane_open(a))
            return;
        if (l && l->section == TUI_SEC_MONEY)
            tui_invoice_jump(a, l->invoice_id);
        else if (l && l->contact_id)
            tui_jump_to_contact(a, l->contact_id);
        else
            tui_status(a, 0, "That follow-up has no contact");
        return;
    }
    tui_action_run(a, TUI_A_EDIT);
}

static void start_search(struct tui_app *a)
{
    if (a->view != TUI_V_CONTACTS && a->view != TUI_V_COMPANIES)
        show_view(a, TUI_V_CONTACTS);
    a->focus = TUI_FOCUS_LIST;
    memcpy(a->search_saved, a->search, sizeof a->search);
    a->typing = 1;
}

static void do_action(struct tui_app *a, enum tui_action act)
{
    if (tui_invoice_action(a, act))     /* p, v, o, Enter are theirs */
        return;
    if (tui_ticket_action(a, act) || tui_campaign_action(a, act))
        return;
    switch (act) {
    case TUI_A_QUIT: a->quit = 1; break;
    case TUI_A_HELP: tui_help_show(a); break;
    case TUI_A_HISTORY: tui_history_show(a); break;
    case TUI_A_INTERACTIONS: tui_interactions_show(a); break;
    case TUI_A_FILES: tui_files_show(a); break;
    case TUI_A_REDRAW: clearok(curscr, TRUE); break;
    case TUI_A_DOWN: case TUI_A_UP: case TUI_A_PGDN: case TUI_A_PGUP:
    case TUI_A_HOME: case TUI_A_END: case TUI_A_NEXT: case TUI_A_PREV:
        list_nav(a, act);
        break;
    case TUI_A_LEFT: tui_view_stage_step(a, -1); break;
    case TUI_A_RIGHT: tui_view_stage_step(a, 1); break;
    case TUI_A_VIEW1: case TUI_A_VIEW2: case TUI_A_VIEW3: case TUI_A_VIEW4:
    case TUI_A_VIEW5: case TUI_A_VIEW6: case TUI_A_VIEW7: case TUI_A_VIEW8:
    case TUI_A_VIEW9: case TUI_A_VIEW10:
        show_view(a, tui_view_of_tab(act == TUI_A_VIEW9 ? 8
                                     : act == TUI_A_VIEW10 ? 9
                                     : (int)(act - TUI_A_VIEW1)));
        break;
    case TUI_A_OPEN: open_row(a); break;
    case TUI_A_SEARCH: start_search(a); break;
    case TUI_A_CLEAR: clear_filters(a); break;
    case TUI_A_SORT: tui_view_sort_next(a); break;
    case TUI_A_PANE_TOGGLE: toggle_pane(a, 0); break;
    case TUI_A_FOCUS: toggle_pane(a, 1); break;
    case TUI_A_NONE: break;
    default: tui_action_run(a, act); break;
    }
}

/* A key while the search line has the keyboard. */
static void search_key(struct tui_app *a, int is_code, wint_t wc)
{
    size_t len = strlen(a->search);
    if (!is_code && wc == 27) {
        memcpy(a->search, a->search_saved, sizeof a->search);
        a->typing = 0;
    } else if ((!is_code && (wc == '\n' || wc == '\r'))
               || (is_code && wc == KEY_ENTER)) {
        a->typing = 0;
        return;
    } else if ((is_code && wc == KEY_BACKSPACE) || (!is_code
               && (wc == 127 || wc == 8))) {
        if (len == 0)
            return;
        a->search[tcrm_utf8_prev(a->search, len)] = '\0';
    } else if (!is_code && wc == 21) {           /* ^U */
        a->search[0] = '\0';
    } else if (is_code && (wc == KEY_DOWN || wc == KEY_UP || wc == KEY_NPAGE
                           || wc == KEY_PPAGE)) {
        do_action(a, tui_key_action((int)wc, TUI_FOCUS_LIST));
        return;
    } else if (!is_code && wc >= 32 && wc != 127) {
        char enc[4];
        int n = tcrm_utf8_encode((uint32_t)wc, enc);
        if (len + (size_t)n >= sizeof a->search)
            return;
        memcpy(a->search + len, enc, (size_t)n);
        a->search[len + (size_t)n] = '\0';
    } else {
        return;
    }
    /* the search filters both contacts and companies */
    a->loaded[a->view == TUI_V_CONTACTS ? TUI_V_COMPANIES : TUI_V_CONTACTS] = 0;
    tui_view_load(a, a->view, 0);        /* results update per key */
}

static void mouse_event(struct tui_app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
#ifdef BUTTON5_PRESSED
    if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        list_nav(a, ev.bstate & BUTTON4_PRESSED ? TUI_A_UP : TUI_A_DOWN);
        return;
    }
#endif
    if (ev.y == 0) {
        for (int i = 0; i < TUI_V_COUNT; i++)
            if (ev.x >= a->tab_x[i] && ev.x < a->tab_x[i + 1])
                show_view(a, tui_view_of_tab(i));
        return;
    }
    int row = tui_view_row_at(a, ev.y);
    if (row >= 0 && ev.x < a->lay.list_x + a->lay.list_w) {
        a->focus = TUI_FOCUS_LIST;
        tui_list_select_visible(&a->lists[a->view], row);
        return;
    }
    int line = tui_pane_line_at(a, ev.y, ev.x);
    if (line >= 0) {
        a->focus = TUI_FOCUS_PANE;
        a->pane.cur = line;
    }
}

static void handle_key(struct tui_app *a, int is_code, wint_t wc)
{
    if (is_code && wc == KEY_RESIZE) {
        relayout(a);
        return;
    }
    if (a->lay.too_small) {
        if ((!is_code && wc == 'q') || (is_code && wc == KEY_F(10)))
            a->quit = 1;
        return;
    }
    if (is_code && wc == KEY_MOUSE) {
        mouse_event(a);
        return;
    }
    if (a->typing) {
        search_key(a, is_code, wc);
        return;
    }
    if (!is_code && wc >= 128)
        return;
    a->status[0] = '\0';
    do_action(a, tui_key_action((int)wc, a->focus));
}

/* Work put off while keys come: counts, the reminder pane, a new day. */
static int idle_pending(const struct tui_app *a)
{
    return (a->view < TUI_V_LISTS && a->count_stale[a->view])
        || !a->pane.loaded;
}

/* A key waits in the terminal (tcrm_db_on_progress): the count in hand
 * gives way and is made again when the keys stop. get_wch found none
 * before the count began, so curses holds none of its own. */
static int key_waiting(void *ud)
{
    struct tui_app *a = ud;
    struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
    if (poll(&p, 1, 0) > 0)
        a->count_gave_way = 1;
    return a->count_gave_way;
}

static void idle_work(struct tui_app *a)
{
    char today[11];
    tcrm_date_today(tcrm_clock_now(), today);
    if (strcmp(today, a->today) != 0) {      /* midnight passed */
        memcpy(a->today, today, sizeof today);
        tui_data_changed(a);
    }
    if (a->view < TUI_V_LISTS && a->count_stale[a->view]) {
        a->count_gave_way = 0;
        tcrm_db_on_progress(a->db, key_waiting, a);
        tui_view_count(a, a->view);
        tcrm_db_on_progress(a->db, NULL, NULL);
        a->count_gave_way = 0;
    } else if (!a->pane.loaded)
        tui_pane_load(a);
}

static void check_stamp(struct tui_app *a)
{
    if (tcrm_db_change_stamp(a->db) != a->stamp)
        tui_data_changed(a);
}

int tui_stop_requested(void)
{
    return got_signal != 0;
}

static void run_loop(struct tui_app *a)
{
    relayout(a);            /* loads the first page when the size allows */
    tui_redraw_all(a);
    while (!a->quit && !got_signal) {
        int pending = idle_pending(a);
        timeout(!pending ? POLL_MS : a->typing ? TYPING_PAUSE_MS : 0);
        wint_t wc = 0;
        int r = get_wch(&wc);
        if (got_signal)
            break;
        if (r == ERR && tui_terminal_gone()) {
            break;                  /* hung up: nobody to draw for */
        } else if (r == ERR) {
            if (pending && !a->lay.too_small)
                idle_work(a);
            else if (!pending)
                check_stamp(a);
        } else if (r == OK && wc == 27 && tui_drop_unknown_sequence()) {
            continue;               /* a key this terminal entry lacks */
        } else {
            handle_key(a, r == KEY_CODE_YES, wc);
            if (!a->lay.too_small)
                check_stamp(a);
        }
        tui_redraw_all(a);
    }
}

static void app_free(struct tui_app *a)
{
    tui_views_free(a);
    tui_pane_free(&a->pane);
    tui_detail_free(a);
    free(a->tag);
}

static int start_screen(SCREEN **scr, struct tcrm_error *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return tcrm_error_set(err, TCRM_EINVAL, "the screen needs a "
                              "terminal; see tcrm --help for the commands");
    const char *term = getenv("TERM");
    if (!term || !*term)
        return tcrm_error_set(err, TCRM_EINVAL, "TERM is not set; set it "
                              "to your terminal's type (e.g. xterm-256color)");
    *scr = newterm(NULL, stdout, stdin);
    if (!*scr)
        return tcrm_error_set(err, TCRM_EINVAL, "terminal type '%s' is "
                              "unknown here; try TERM=xterm or vt100", term);
    set_term(*scr);
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(50);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED
#ifdef BUTTON5_PRESSED
              | BUTTON4_PRESSED | BUTTON5_PRESSED
#endif
              , NULL);
    mouseinterval(0);
    return 0;
}

/* While a write waits for another writer (tcrm_db_on_wait): from 100 ms
 * on, "Database is busy, retrying..." on the last line, whatever screen
 * or dialog is up; Esc gives up (the write fails as busy and says so);
 * another key is kept for afterwards. */
static int db_wait(void *ud, int waited_ms)
{
    static int shown;
    (void)ud;
    if (waited_ms == 0)
        shown = 0;
    if (waited_ms < 100)
        return 0;
    if (!shown) {
        tui_draw_fill(stdscr, LINES - 1, 0, COLS, tui_attr(TUI_STATUS));
        tui_draw_text(stdscr, LINES - 1, 1, COLS - 2,
                      _("Database is busy, retrying... (Esc gives up)"),
                      tui_attr(TUI_STATUS));
        refresh();
        shown = 1;
    }
    int delay = wgetdelay(stdscr), ch;
    timeout(0);
    ch = getch();
    timeout(delay);
    if (ch == 27)
        return 1;
    if (ch != ERR)
        ungetch(ch);
    return 0;
}

int tcrm_tui_run(struct tcrm_db *db, const struct tcrm_config *cfg,
                 struct tcrm_error *err)
{
    setlocale(LC_CTYPE, "");
    SCREEN *scr = NULL;
    int rc = start_screen(&scr, err);
    if (rc < 0)
        return rc;
    struct sigaction sa, old_int, old_term, old_hup;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;        /* no SA_RESTART: get_wch returns */
    sigemptyset(&sa.sa_mask);
    got_signal = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    tui_theme_init(cfg);

    struct tui_app *a = calloc(1, sizeof *a);
    if (!a) {
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    } else {
        a->db = db;
        a->cfg = cfg;
        a->detail_id = -1;
        a->pane.cur = -1;
        tcrm_date_today(tcrm_clock_now(), a->today);
        a->stamp = tcrm_db_change_stamp(db);
        tui_views_init(a);
        tcrm_db_on_wait(db, db_wait, a);
        run_loop(a);
        tcrm_db_on_wait(db, NULL, NULL);
        app_free(a);
        free(a);
    }
    erase();
    refresh();
    endwin();
    delscreen(scr);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    return rc;
}
