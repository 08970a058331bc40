/*
 * deal_form.c: the deal form (add or edit): title, company, stage from
 * the pipeline, amount, currency, probability, expected close, status,
 * the reason a deal was lost, tags.
 *
 * Design. The same shape as the other forms (ui_forms.c). The stage is
 * a choice of the configured pipeline, plus the deal's own stage when it
 * is no longer in it; the amount goes through tcrm_money_parse; a company
 * typed by name is found or added inside the save's transaction. An edit
 * keeps the version it read: a save after someone else's is merged by
 * field (form_merge.c), never written over theirs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "modal.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/deal.h"
#include "tcrm/edit.h"
#include "tcrm/money.h"

enum {
    D_TITLE, D_COMPANY, D_STAGE, D_AMOUNT, D_CURRENCY, D_PROB, D_CLOSE,
    D_STATUS, D_REASON, D_TAGS, D_N
};

struct deal_ctx {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    struct tcrm_deal d;
    struct tcrm_deal base;       /* as the form read it (edit) */
    const char *stages[TCRM_MAX_STAGES + 2];
    char *gone[2];               /* stages no longer in the pipeline */
    int n_stages;
    int64_t *out_id;
};

/* The choice of a stage; one no longer in the pipeline is added (the
 * deal's own, and the one someone else saved meanwhile). */
static int stage_choice(struct deal_ctx *x, const char *stage)
{
    int i = stage ? tcrm_config_stage_index(x->cfg, stage) : 0;
    if (i >= 0)
        return i;
    for (i = (int)x->cfg->n_stages; i < x->n_stages; i++)
        if (strcmp(x->stages[i], stage) == 0)
            return i;
    int g = x->n_stages - (int)x->cfg->n_stages;
    if (g >= 2 || !(x->gone[g] = strdup(stage)))
        return 0;
    x->stages[x->n_stages] = x->gone[g];
    return x->n_stages++;
}

/* The stored keys of enum tcrm_deal_status, shown in context "status". */
static const char *const deal_status[] = {
    NC_("status", "open"), NC_("status", "won"), NC_("status", "lost")
};

static int deal_fields(struct tui_field *f, struct deal_ctx *x,
                       const struct tcrm_deal *d)
{
    char amount[64] = "", prob[16] = "";
    int stage = stage_choice(x, d->stage), rc = 0;
    if (d->id) {
        tcrm_money_format(d->amount_minor, NULL, amount, sizeof amount);
        snprintf(prob, sizeof prob, "%d", d->probability);
    }
    /* TRANSLATORS: the name of a deal */
    rc |= tui_field_text(&f[D_TITLE], NC_("deal", "Title"), d->title);
    f[D_TITLE].label_ctx = "deal";
    rc |= tui_field_company(&f[D_COMPANY], "Company", d->company_name,
                            d->company_id);
    rc |= tui_field_choice(&f[D_STAGE], "Stage", x->stages, x->n_stages,
                           stage);
    rc |= tui_field_text(&f[D_AMOUNT], "Amount", amount);
    rc |= tui_field_text(&f[D_CURRENCY], "Currency",
                         d->currency ? d->currency : x->cfg->currency);
    /* TRANSLATORS: the chance of winning the deal, in per cent */
    rc |= tui_field_text(&f[D_PROB], "Probability %", prob);
    rc |= tui_field_text(&f[D_CLOSE], "Expected close", d->expected_close);
    rc |= tui_field_choice(&f[D_STATUS], "Status", deal_status, 3,
                           (int)d->status);
    /* TRANSLATORS: why the deal was lost */
    rc |= tui_field_text(&f[D_REASON], "Reason", d->lost_reason);
    char *tags = tui_tags_join(&d->tags);
    rc |= tui_field_text(&f[D_TAGS], "Tags", tags);
    free(tags);
    f[D_STAGE].choice_ctx = "stage";
    f[D_STATUS].choice_ctx = "status";
    f[D_TITLE].required = 1;
    f[D_AMOUNT].check = tui_check_money;
    f[D_AMOUNT].hint = _("e.g. 1200.50 or 1,200");
    f[D_PROB].check = tui_check_percent;
    f[D_PROB].hint = _("empty: the stage's probability");
    f[D_CLOSE].check = tui_check_date;
    /* TRANSLATORS: forms the date language accepts (tcrm/date.h): keep
     * them forms it accepts (明天, 周五, 12月20日...) */
    f[D_CLOSE].hint = _("a date: 2026-12-01, +2w, +1m, fri");
    f[D_REASON].hint = _("why it was lost (needed when lost)");
    f[D_TAGS].hint = _("comma-separated");
    return rc ? TCRM_ENOMEM : 0;
}

static int deal_numbers(struct tui_form *fm, struct deal_ctx *x)
{
    struct tui_field *f = fm->f;
    struct tcrm_deal *d = &x->d;
    struct tcrm_error err;
    struct tcrm_when w;
    char *v = tui_field_dup(&f[D_AMOUNT]);
    int rc = v ? tcrm_money_parse(v, &d->amount_minor, &err) : 0;
    free(v);
    if (!v)
        d->amount_minor = 0;
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return rc;
    }
    int stage = f[D_STAGE].choice;
    v = tui_field_dup(&f[D_PROB]);
    d->probability = v ? atoi(v)
        : stage < (int)x->cfg->n_stages ? x->cfg->stage_probability[stage]
        : 0;
    free(v);
    char iso[11];
    if (tui_field_when(&f[D_CLOSE], &w) == 0) {
        tcrm_when_date(&w, iso);
        return tcrm_str_set(&d->expected_close, iso);
    }
    return tcrm_str_set(&d->expected_close, NULL);
}

static int deal_company(struct tui_form *fm, struct deal_ctx *x)
{
    struct tui_field *cf = &fm->f[D_COMPANY];
    struct tcrm_error err;
    char *name = tui_field_dup(cf);
    int rc = tcrm_str_set(&x->d.company_name, name);
    x->d.company_id = cf->company_id;
    if (!name)
        x->d.company_id = 0;
    else if (!cf->company_id && rc == 0)
        rc = tcrm_company_find_or_add(x->db, name, &x->d.company_id, &err);
    free(name);
    if (rc != 0)
        tui_form_show_error(fm, &err);
    return rc;
}

static const unsigned deal_bits[D_N] = {
    [D_TITLE] = TCRM_FIELD_BIT(TCRM_DF_TITLE),
    [D_COMPANY] = TCRM_FIELD_BIT(TCRM_DF_COMPANY),
    [D_STAGE] = TCRM_FIELD_BIT(TCRM_DF_STAGE),
    [D_AMOUNT] = TCRM_FIELD_BIT(TCRM_DF_AMOUNT),
    [D_CURRENCY] = TCRM_FIELD_BIT(TCRM_DF_CURRENCY),
    [D_PROB] = TCRM_FIELD_BIT(TCRM_DF_PROBABILITY),
    [D_CLOSE] = TCRM_FIELD_BIT(TCRM_DF_CLOSE),
    [D_STATUS] = TCRM_FIELD_BIT(TCRM_DF_STATUS),
    [D_REASON] = TCRM_FIELD_BIT(TCRM_DF_REASON),
    [D_TAGS] = TCRM_FIELD_BIT(TCRM_DF_TAGS),
};

static int deal_fields_of(struct tui_field *f, const void *rec, void *ud)
{
    return deal_fields(f, ud, rec);
}

/* Someone saved the deal since the form read it: merge by field
 * (form_merge.c); the form stays open. */
static int deal_conflict(struct tui_form *fm, struct deal_ctx *x)
{
    struct tcrm_deal theirs;
    struct tcrm_error err;
    x->d.company_id = fm->f[D_COMPANY].company_id;  /* as typed: a company
                                                     * added was undone */
    int rc = tcrm_deal_get(x->db, x->d.id, &theirs, &err);
    if (rc == 0 && tui_form_merge(fm, &tcrm_deal_record, deal_bits, &x->base,
                                  &x->d, &theirs, deal_fields_of, x,
                                  theirs.stamp.updated_by) != 0)
        rc = tcrm_error_set(&err, TCRM_ENOMEM, "out of memory");
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        tcrm_deal_clear(&theirs);
        return 0;
    }
    tcrm_deal_clear(&x->base);
    x->base = theirs;
    return 0;
}

static int deal_save(struct tui_form *fm, void *ud)
{
    struct deal_ctx *x = ud;
    struct tui_field *f = fm->f;
    struct tcrm_deal *d = &x->d;
    struct tcrm_error err;
    int64_t version = d->version;
    int rc = tui_field_set(&d->title, &f[D_TITLE]);
    rc |= tcrm_str_set(&d->stage, x->stages[f[D_STAGE].choice]);
    rc |= tui_field_set(&d->currency, &f[D_CURRENCY]);
    if (!d->currency)
        rc |= tcrm_str_set(&d->currency, x->cfg->currency);
    rc |= tui_field_set(&d->lost_reason, &f[D_REASON]);
    rc |= tui_tags_parse(f[D_TAGS].ed.buf, &d->tags);
    d->status = (enum tcrm_deal_status)f[D_STATUS].choice;
    if (rc != 0 || deal_numbers(fm, x) != 0)
        return 0;
    if (tcrm_db_begin(x->db, &err) != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (deal_company(fm, x) != 0) {
        tcrm_db_rollback(x->db);
        return 0;
    }
    rc = d->id ? tcrm_deal_update(x->db, d, &err)
               : tcrm_deal_insert(x->db, d, &err);
    if (rc == 0)
        rc = tcrm_db_commit(x->db, &err);
    if (rc != 0)
        tcrm_db_rollback(x->db);
    if (rc == TCRM_ECONFLICT && d->id)
        return deal_conflict(fm, x);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = d->id;
    return version && d->version == version ? TUI_UNCHANGED : TUI_SAVED;
}

int tui_deal_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                  int64_t id, int64_t contact_id, int64_t company_id,
                  int64_t *out_id)
{
    struct deal_ctx x = {.db = db, .cfg = cfg, .out_id = out_id};
    struct tui_field f[D_N];
    struct tui_form fm;
    struct tcrm_error err;
    tcrm_deal_init(&x.d);
    tcrm_deal_init(&x.base);
    for (size_t i = 0; i < cfg->n_stages; i++)
        x.stages[x.n_stages++] = cfg->stages[i];
    if (id && (tcrm_deal_get(db, id, &x.d, &err) != 0
               || tcrm_deal_get(db, id, &x.base, &err) != 0)) {
        tcrm_deal_clear(&x.d);
        tui_message(err.msg);
        return TUI_CANCELLED;
    }
    if (!id) {
        struct tcrm_company co;
        x.d.contact_id = contact_id;
        x.d.company_id = company_id;
        struct tcrm_contact c;
        tcrm_company_init(&co);
        tcrm_contact_init(&c);
        if (company_id && tcrm_company_get(db, company_id, &co, NULL) == 0)
            tcrm_str_set(&x.d.company_name, co.name);
        else if (contact_id && tcrm_contact_get(db, contact_id, &c, NULL) == 0
                 && c.company_id) {
            x.d.company_id = c.company_id;      /* the contact's company */
            tcrm_str_set(&x.d.company_name, c.company);
        }
        tcrm_company_clear(&co);
        tcrm_contact_clear(&c);
    }
    int rc = deal_fields(f, &x, &x.d);
    tui_form_init(&fm, id ? _("Edit deal") : _("Add deal"), f, D_N, db);
    if (rc == 0)
        rc = tui_form_run(&fm, deal_save, &x);
    tui_form_free(&fm);
    tcrm_deal_clear(&x.d);
    tcrm_deal_clear(&x.base);
    free(x.gone[0]);
    free(x.gone[1]);
    return rc;
}

