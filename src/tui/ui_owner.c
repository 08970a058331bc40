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

/* The kind of row as people read it (kind is the stored English word the
 * core takes: "contact", "company", "deal"). */
static const char *kind_word(const char *kind)
{
    /* TRANSLATORS: the kind of a record in messages ("contact 12: now
     * yours") */
    static const char *const words[] = {
        NC_("entity", "contact"), NC_("entity", "company"),
        NC_("entity", "deal"), NC_("entity", "follow-up")
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(kind, words[i]) == 0)
            return tcrm_i18n_word("entity", words[i]);
    return kind;
}

/* The question (a format with the kind and the id) on the last line; the
 * login typed, or NULL (and the status says why) when none is given. */
static char *ask_login(struct tui_app *a, const char *question,
                       const char *kind, int64_t id)
{
    char label[256];
    char *login = NULL;
    snprintf(label, sizeof label, question, kind_word(kind), (long long)id);
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
    /* TRANSLATORS: "Give contact 12 to (login):", asked on the last
     * line; the answer is a Unix login */
    char *to = ask_login(a, _("Give %s %lld to (login):"), kind, id);
    if (!to)
        return;
    struct tcrm_assign_result r;
    struct tcrm_error err = {0};
    if (tcrm_owner_assign(a->db, kind, id, to, &r, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
    } else {
        tui_data_changed(a);
        tui_status(a, 0, "%s %lld: now owned by %s (%lld open follow-ups, "
                   "%lld open deals went with it)", kind_word(kind),
                   (long long)id, to, (long long)r.followups,
                   (long long)r.deals);
    }
    free(to);
}

static void share(struct tui_app *a, const char *kind, int64_t id)
{
    /* TRANSLATORS: "Share contact 12 with (login):" */
    char *with = ask_login(a, _("Share %s %lld with (login):"), kind, id);
    if (!with)
        return;
    char q[160];
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(q, sizeof q, _("May %s change it too? (y/n)"), with);
    int edit = tui_confirm(q);
    touchwin(stdscr);
    struct tcrm_error err = {0};
    if (tcrm_owner_share(a->db, kind, id, with, !edit, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
    } else {
        tui_data_changed(a);
        if (edit)
            tui_status(a, 0, "%s %lld: shared with %s", kind_word(kind),
                       (long long)id, with);
        else
            tui_status(a, 0, "%s %lld: shared with %s (read-only)",
                       kind_word(kind), (long long)id, with);
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
        tui_status(a, 0, "%s %lld: now yours", kind_word(kind),
                   (long long)id);
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
    if (on)
        tui_status(a, 0, "Showing only yours (O: everything you may see)");
    else
        tui_status(a, 0, "Showing everything you may see");
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
