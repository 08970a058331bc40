/*
 * ui_owner.c: the screen's keys for people and ownership (tcrm/owner.h,
 * tcrm/access.h): A gives the selected contact, company or deal to
 * someone, S shares it, C claims a contact or company from the pool, O
 * shows only one's own rows in every view (or all again). The core
 * decides what is allowed; this file asks the questions and shows the
 * answer on the status line.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modal.h"
#include "tcrm/access.h"
#include "tcrm/owner.h"
#include "ui.h"

/* The kind and id of the selected list row (NULL when none). */
static const char *selected(struct tui_app *a, int64_t *id)
{
    *id = 0;
    if (a->focus != TUI_FOCUS_LIST)
        return NULL;
    switch (a->view) {
    case TUI_V_CONTACTS: *id = tui_view_contact(a); return "contact";
    case TUI_V_COMPANIES: *id = tui_view_company(a); return "company";
    case TUI_V_DEALS: *id = tui_view_deal(a); return "deal";
    default: return NULL;
    }
}

/* "VERB KIND ID to/with (login):"; NULL (and the status says why) when
 * none is given. */
static char *ask_login(struct tui_app *a, const char *verb, const char *kind,
                       int64_t id, const char *prep)
{
    char label[96];
    char *login = NULL;
    snprintf(label, sizeof label, "%s %s %lld %s (login):", verb, kind,
             (long long)id, prep);
    timeout(-1);
    curs_set(1);
    int ok = tui_prompt(label, NULL, &login);
    touchwin(stdscr);
    if (ok != 1 || !login || !*login) {
        free(login);
        tui_status(a, 0, "Cancelled");
        return NULL;
    }
    return login;
}

static void assign(struct tui_app *a, const char *kind, int64_t id)
{
    char *to = ask_login(a, "Give", kind, id, "to");
    if (!to)
        return;
    struct tcrm_assign_result r;
    struct tcrm_error err = {0};
    if (tcrm_owner_assign(a->db, kind, id, to, &r, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
    } else {
        tui_data_changed(a);
        tui_status(a, 0, "%s %lld: now owned by %s (%lld open follow-ups, "
                   "%lld open deals went with it)", kind, (long long)id, to,
                   (long long)r.followups, (long long)r.deals);
    }
    free(to);
}

static void share(struct tui_app *a, const char *kind, int64_t id)
{
    char *with = ask_login(a, "Share", kind, id, "with");
    if (!with)
        return;
    char q[160];
    snprintf(q, sizeof q, "May %s change it too? (y/n)", with);
    int edit = tui_confirm(q);
    touchwin(stdscr);
    struct tcrm_error err = {0};
    if (tcrm_owner_share(a->db, kind, id, with, !edit, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
    } else {
        tui_data_changed(a);
        tui_status(a, 0, "%s %lld: shared with %s%s", kind, (long long)id,
                   with, edit ? "" : " (read-only)");
    }
    free(with);
}

static void claim(struct tui_app *a, const char *kind, int64_t id)
{
    struct tcrm_error err = {0};
    if (strcmp(kind, "deal") == 0) {
        tui_status(a, 1, "Only a contact or a company can be claimed");
    } else if (tcrm_owner_claim(a->db, kind, id, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
    } else {
        tui_data_changed(a);
        tui_status(a, 0, "%s %lld: now yours", kind, (long long)id);
    }
}

static void mine(struct tui_app *a)
{
    struct tcrm_error err = {0};
    int on = !tcrm_access_mine(a->db);
    if (tcrm_access_set_mine(a->db, on, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
        return;
    }
    tui_data_changed(a);
    tui_status(a, 0, on ? "Showing only yours (O: everything you may see)"
                        : "Showing everything you may see");
}

void tui_owner_action(struct tui_app *a, enum tui_action act)
{
    int64_t id;
    const char *kind = selected(a, &id);
    if (act == TUI_A_MINE) {
        mine(a);
        return;
    }
    if (!kind || !id) {
        tui_status(a, 0, "Pick a contact, company or deal first");
        return;
    }
    if (act == TUI_A_ASSIGN)
        assign(a, kind, id);
    else if (act == TUI_A_SHARE)
        share(a, kind, id);
    else
        claim(a, kind, id);
}
