/*
 * campaign_form.c: the form that adds a marketing campaign: name, kind,
 * start, end, budget, cost.
 *
 * Design. The same shape as payment_form.c: fields, then a save callback
 * that hands a struct tcrm_campaign_in to the core (tcrm_campaign_add,
 * as `tcrm campaign add` does), which checks the name (required, not
 * used by another live campaign), the kind and the dates (the end not
 * before the start) and writes; its refusals come back with err->field
 * and the form shows them beside that field. Dates are typed in the date
 * language (today, +7d, 2026-04-01) and saved as YYYY-MM-DD; amounts as
 * tcrm_money_parse reads them, in the base currency ([sales]).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "modal.h"
#include "tcrm/campaign.h"
#include "tcrm/date.h"
#include "tcrm/money.h"

enum { C_NAME, C_KIND, C_START, C_END, C_BUDGET, C_COST, C_N };

struct camp_ctx {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    int64_t *out_id;
};

static int camp_fields(struct tui_field *f, const char *const *kinds)
{
    int rc = tui_field_text(&f[C_NAME], "Name", NULL);
    rc |= tui_field_choice(&f[C_KIND], "Kind", kinds, TCRM_CAMPAIGN_KINDS,
                           TCRM_CAMPAIGN_EMAIL);
    rc |= tui_field_text(&f[C_START], "Start", NULL);
    rc |= tui_field_text(&f[C_END], "End", NULL);
    rc |= tui_field_text(&f[C_BUDGET], "Budget", NULL);
    rc |= tui_field_text(&f[C_COST], "Cost", NULL);
    f[C_NAME].required = 1;
    f[C_KIND].choice_ctx = "kind";
    f[C_KIND].hint = _("Left/Right or the first letter picks one");
    f[C_START].check = f[C_END].check = tui_check_date;
    /* TRANSLATORS: under the campaign form's Start and End fields */
    f[C_START].hint = f[C_END].hint =
        _("optional: a day such as today, +7d, 2026-04-01");
    f[C_BUDGET].check = f[C_COST].check = tui_check_money;
    /* TRANSLATORS: under the campaign form's Budget and Cost fields */
    f[C_BUDGET].hint = f[C_COST].hint =
        _("optional: an amount in the base currency");
    return rc ? TCRM_ENOMEM : 0;
}

/* A date field as YYYY-MM-DD into day (NULL when empty). */
static const char *day_of(const struct tui_field *f, char day[17])
{
    struct tcrm_when w;
    if (tui_field_when(f, &w) != 0)
        return NULL;
    tcrm_when_iso(&w, day);
    day[10] = '\0';
    return day;
}

/* An amount field into *out (unchanged when empty). */
static int amount_of(const struct tui_field *f, int64_t *out,
                     struct tcrm_error *err)
{
    char *text = tui_field_dup(f);
    int rc = text ? tcrm_money_parse(text, out, err) : 0;
    free(text);
    return rc;
}

static int camp_save(struct tui_form *fm, void *ud)
{
    struct camp_ctx *x = ud;
    struct tui_field *f = fm->f;
    struct tcrm_campaign_in in = {0};
    struct tcrm_error err = {0};
    char start[17], end[17];
    int64_t id = 0;
    char *name = tui_field_dup(&f[C_NAME]);
    in.name = name;
    in.kind = f[C_KIND].choice;
    in.starts_on = day_of(&f[C_START], start);
    in.ends_on = day_of(&f[C_END], end);
    in.currency = x->cfg->base_currency;
    in.budget = -1;
    int rc = amount_of(&f[C_BUDGET], &in.budget, &err);
    if (rc && !err.field[0])
        snprintf(err.field, sizeof err.field, "%s", "budget");
    if (rc == 0 && (rc = amount_of(&f[C_COST], &in.cost, &err)) &&
        !err.field[0])
        snprintf(err.field, sizeof err.field, "%s", "cost");
    if (rc == 0)
        rc = tcrm_campaign_add(x->db, &in, &id, &err);
    free(name);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = id;
    return TUI_SAVED;
}

int tui_campaign_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                      int64_t *out_id)
{
    struct camp_ctx x = {db, cfg, out_id};
    struct tui_field f[C_N];
    struct tui_form fm;
    const char *kinds[TCRM_CAMPAIGN_KINDS];
    for (int i = 0; i < TCRM_CAMPAIGN_KINDS; i++)
        kinds[i] = tcrm_campaign_kind_name(i);
    int rc = camp_fields(f, kinds);
    /* TRANSLATORS: the title of the new campaign form */
    tui_form_init(&fm, _("New campaign"), f, C_N, db);
    rc = rc ? TCRM_ENOMEM : tui_form_run(&fm, camp_save, &x);
    tui_form_free(&fm);
    return rc;
}
