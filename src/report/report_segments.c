/*
 * report_segments.c: segments (who the customers are) and imports (what
 * the batch imports did).
 *
 * segments: six breakdowns (contacts by tag, city, source; companies by
 * tag, industry, city), each with its count, its share of all contacts
 * (companies) that pass the filter, and the open deal value of the
 * segment in one column per currency (never added together). A tag's
 * shares do not add up to 100%: a row may carry several tags. Largest
 * segments first, cut at the list limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define SEG_MAX_CUR 8

struct seg_def {
    enum tcrm_rq_segment seg;
    const char *heading, *section, *label, *what;
    int companies;
};

/* heading, label and what are for people (marked, translated where
 * shown); section is the CSV block's name. */
static const struct seg_def seg_defs[] = {
    { TCRM_SEG_CONTACT_TAG, N_("Contacts by tag"), "contacts by tag",
      N_("Tag"), N_("Contacts"), 0 },
    { TCRM_SEG_CONTACT_CITY, N_("Contacts by city"), "contacts by city",
      N_("City"), N_("Contacts"), 0 },
    { TCRM_SEG_CONTACT_SOURCE, N_("Contacts by source"), "contacts by source",
      N_("Source"), N_("Contacts"), 0 },
    { TCRM_SEG_COMPANY_TAG, N_("Companies by tag"), "companies by tag",
      N_("Tag"), N_("Companies"), 1 },
    { TCRM_SEG_COMPANY_INDUSTRY, N_("Companies by industry"),
      "companies by industry", N_("Industry"), N_("Companies"), 1 },
    { TCRM_SEG_COMPANY_CITY, N_("Companies by city"), "companies by city",
      N_("City"), N_("Companies"), 1 },
};

static int seg_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void seg_rows(struct rep *r, struct rep_table *t,
                     const struct tcrm_rq_table *cnt,
                     const struct tcrm_rq_table *deals, char (*cur)[4],
                     size_t ncur, int64_t total)
{
    size_t i, j, k;

    for (i = 0; i < cnt->nrows; i++) {
        const char *name = tcrm_rq_s(cnt, i, 0);
        rep_row(r, t, 0);
        rep_text(r, t, 0, name ? name : rep_tr(r, N_("(none)")));
        rep_int(t, 1, tcrm_rq_i(cnt, i, 1));
        rep_pct(t, 2, rep_permille(tcrm_rq_i(cnt, i, 1), total));
        for (j = 0; j < ncur; j++)
            for (k = 0; k < deals->nrows; k++)
                if (seg_same(tcrm_rq_s(deals, k, 0), name) &&
                    !strcmp(tcrm_rq_s(deals, k, 1), cur[j]))
                    rep_money(t, 3 + (int)j, tcrm_rq_i(deals, k, 3), cur[j]);
    }
}

static void seg_one(struct rep *r, const struct seg_def *d, int64_t total)
{
    struct tcrm_rq_table cnt, deals;
    struct rep_col cols[3 + SEG_MAX_CUR];
    char cur[SEG_MAX_CUR][4], head[SEG_MAX_CUR][48];
    struct rep_table t;
    size_t ncur, j;

    memset(&deals, 0, sizeof deals);
    if (rep_check(r, tcrm_rq_segment_counts(r->db, &r->f, d->seg, &cnt,
                                            r->err)) ||
        rep_check(r, tcrm_rq_segment_deals(r->db, &r->f, d->seg, &deals,
                                           r->err)))
        goto out;
    rep_heading(r, "%s", _(d->heading));
    if (!cnt.nrows) {
        rep_line(r, "%s", _("None."));
        goto out;
    }
    ncur = rep_currencies(&deals, 1, cur, SEG_MAX_CUR);
    cols[0] = (struct rep_col){ d->label, REP_TEXT, 1 };
    cols[1] = (struct rep_col){ d->what, REP_INT, 0 };
    cols[2] = (struct rep_col){ N_("Share"), REP_PCT, 0 };
    for (j = 0; j < ncur; j++) {
        /* TRANSLATORS: a column head: open deal value in a currency */
        snprintf(head[j], sizeof head[j], r->csv ? "Open %s" : _("Open %s"),
                 cur[j]);
        cols[3 + j] = (struct rep_col){ head[j], REP_MONEY, 0 };
    }
    rep_table_init(&t, d->section, cols, 3 + (int)ncur);
    seg_rows(r, &t, &cnt, &deals, cur, ncur, total);
    rep_table_emit(r, &t);
out:
    tcrm_rq_table_free(&cnt);
    tcrm_rq_table_free(&deals);
}

void rep_segments(struct rep *r)
{
    struct tcrm_rq_table tot;
    char a[32], b[32];
    size_t i;

    if (rep_check(r, tcrm_rq_segment_totals(r->db, &r->f, &tot, r->err)))
        return;
    rep_line(r, "%s", "");
    rep_line(r, _("%s contacts, %s companies. Open deal value per "
                  "currency."),
             rep_fmt_int(tcrm_rq_i(&tot, 0, 0), a),
             rep_fmt_int(tcrm_rq_i(&tot, 0, 1), b));
    for (i = 0; i < sizeof seg_defs / sizeof seg_defs[0] && !r->rc; i++)
        seg_one(r, &seg_defs[i],
                tcrm_rq_i(&tot, 0, seg_defs[i].companies ? 1 : 0));
    tcrm_rq_table_free(&tot);
}

/* ---- imports ----------------------------------------------------------- */

static const struct rep_col imp_cols[] = {
    { "#", REP_INT, 0 }, { N_("File"), REP_TEXT, 1 },
    { N_("Started"), REP_TEXT, 0 }, { N_("By"), REP_TEXT, 1 },
    { N_("Added"), REP_INT, 0 }, { N_("Merged"), REP_INT, 0 },
    { N_("Skipped"), REP_INT, 0 }, { N_("Rejected"), REP_INT, 0 },
    { N_("Undone"), REP_TEXT, 0 },
};

void rep_imports(struct rep *r)
{
    struct tcrm_rq_table q;
    struct rep_table t;
    int64_t sum[4] = { 0, 0, 0, 0 };
    char day[11];
    size_t i;
    int k;

    if (rep_check(r, tcrm_rq_imports(r->db, &r->f, &q, r->err)))
        return;
    if (!q.nrows) {
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("No imports in this period."));
        tcrm_rq_table_free(&q);
        return;
    }
    rep_heading(r, "%s", _("Import batches"));
    rep_table_init(&t, "imports", imp_cols, 9);
    for (i = 0; i < q.nrows; i++) {
        rep_row(r, &t, 0);
        rep_int(&t, 0, tcrm_rq_i(&q, i, 0));
        rep_text(r, &t, 1, tcrm_rq_s(&q, i, 1));
        rep_text(r, &t, 2, rep_day(r, tcrm_rq_s(&q, i, 2), day));
        rep_text(r, &t, 3, tcrm_rq_s(&q, i, 3));
        for (k = 0; k < 4; k++) {
            rep_int(&t, 4 + k, tcrm_rq_i(&q, i, 4 + (size_t)k));
            sum[k] += tcrm_rq_i(&q, i, 4 + (size_t)k);
        }
        if (!tcrm_rq_null(&q, i, 8))
            rep_text(r, &t, 8, rep_day(r, tcrm_rq_s(&q, i, 8), day));
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 1, rep_tr(r, N_("Total")));
    for (k = 0; k < 4; k++)
        rep_int(&t, 4 + k, sum[k]);
    rep_table_emit(r, &t);
    tcrm_rq_table_free(&q);
}
