/*
 * report_people.c: the reports about people and time: agenda, activity,
 * gone-quiet.
 *
 * agenda: one section for everything overdue, then one per day that has
 * something due, in the order they come (time, then "some time that
 * day" first), each with contact, company and phone so it can be worked
 * down on paper.
 *
 * activity: the query returns counts per (day, person, kind); this file
 * folds them into a person x kind table and a day (or, for periods longer
 * than 31 days, week-from-Monday) x kind table, with totals, and a bar
 * chart of interactions by person.
 *
 * gone-quiet: the longest silences first, cut at the list limit, with
 * the full counts on top.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "tcrm/date.h"
#include "tcrm/followup.h"
#include "tcrm/text.h"

/* TRANSLATORS: weekdays, short, before a date in the agenda's headings
 * ("Fri 2026-11-20"). */
static const char *const rep_wday[7] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
    N_("Sun")
};

/* ---- agenda ------------------------------------------------------------ */

static const struct rep_col ag_cols[] = {
    { N_("When"), REP_TEXT, 0 }, { N_("Follow-up"), REP_TEXT, 1 },
    { N_("Contact"), REP_TEXT, 1 }, { N_("Company"), REP_TEXT, 1 },
    { N_("Phone"), REP_TEXT, 0 }, { N_("Owner"), REP_TEXT, 1 },
};

/* The widest "When" and cell of each column over all sections, so the
 * sections line up on paper. */
static void ag_widths(const struct tcrm_rq_table *q, const char *today,
                      int *w)
{
    size_t i;
    int c;

    for (c = 0; c < 6; c++)
        w[c] = 0;
    for (i = 0; i < q->nrows; i++) {
        int when = tcrm_followup_when(tcrm_rq_s(q, i, 0), today) < 0
                   ? (tcrm_rq_s(q, i, 1) ? 16 : 10)
                   : (tcrm_rq_s(q, i, 1) ? 5 : 1);
        w[0] = when > w[0] ? when : w[0];
        for (c = 1; c < 6; c++) {
            char *s = tcrm_text_sanitize(tcrm_rq_s(q, i, c + 1));
            int cw = tcrm_text_width(s);
            w[c] = cw > w[c] ? cw : w[c];
            free(s);
        }
    }
}

static void ag_section(struct rep *r, const struct tcrm_rq_table *q,
                       size_t *i, int overdue, const int *minw)
{
    const char *day = tcrm_rq_s(q, *i, 0);
    const char *wday = _(rep_wday[tcrm_date_weekday(day)]);
    char head[96], when[20];
    struct rep_table t;

    if (overdue)
        snprintf(head, sizeof head, "%s", _("Overdue"));
    else if (!strcmp(day, r->today))
        snprintf(head, sizeof head, _("Today, %s %s"), wday, day);
    else if (tcrm_date_days_between(r->today, day) == 1)
        snprintf(head, sizeof head, _("Tomorrow, %s %s"), wday, day);
    else
        snprintf(head, sizeof head, "%s %s", wday, day);
    rep_heading(r, "%s", head);
    rep_table_init(&t, overdue ? "overdue" : day, ag_cols, 6);
    t.minw = minw;
    for (; *i < q->nrows; ++*i) {
        const char *d = tcrm_rq_s(q, *i, 0), *tm = tcrm_rq_s(q, *i, 1);
        if (overdue ? tcrm_followup_when(d, r->today) >= 0
                    : strcmp(d, day) != 0)
            break;
        if (overdue)
            snprintf(when, sizeof when, "%s%s%s", d, tm ? " " : "",
                     tm ? tm : "");
        else
            snprintf(when, sizeof when, "%s", tm ? tm : "-");
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, when);
        rep_text(r, &t, 1, tcrm_rq_s(q, *i, 2));
        rep_text(r, &t, 2, tcrm_rq_s(q, *i, 3));
        rep_text(r, &t, 3, tcrm_rq_s(q, *i, 4));
        rep_text(r, &t, 4, tcrm_rq_s(q, *i, 5));
        rep_text(r, &t, 5, tcrm_rq_s(q, *i, 6));
    }
    rep_table_emit(r, &t);
}

void rep_agenda(struct rep *r)
{
    struct tcrm_rq_table q;
    long long over = 0, today = 0, later = 0;
    int minw[6];
    size_t i;

    if (rep_check(r, tcrm_rq_agenda(r->db, &r->f, &q, r->err)))
        return;
    for (i = 0; i < q.nrows; i++) {
        enum tcrm_followup_when c = tcrm_followup_when(tcrm_rq_s(&q, i, 0),
                                                       r->today);
        *(c < 0 ? &over : c == 0 ? &today : &later) += 1;
    }
    rep_line(r, "%s", "");
    rep_line(r, _("%lld overdue, %lld due today, %lld coming up."), over,
             today, later);
    ag_widths(&q, r->today, minw);
    i = 0;
    if (over)
        ag_section(r, &q, &i, 1, minw);
    while (i < q.nrows && !r->rc)
        ag_section(r, &q, &i, 0, minw);
    tcrm_rq_table_free(&q);
}

/* ---- activity ---------------------------------------------------------- */

#define ACT_KINDS 6
static const char *const act_kinds[ACT_KINDS] = {
    "call", "email", "visit", "meeting", "message", "note"
};

static const struct rep_col act_person_cols[] = {
    { N_("Person"), REP_TEXT, 1 }, { N_("Calls"), REP_INT, 0 },
    { N_("E-mails"), REP_INT, 0 }, { N_("Visits"), REP_INT, 0 },
    { N_("Meetings"), REP_INT, 0 }, { N_("Messages"), REP_INT, 0 },
    { N_("Notes"), REP_INT, 0 }, { N_("Total"), REP_INT, 0 },
};
static const struct rep_col act_day_cols[] = {
    { N_("Day"), REP_TEXT, 0 }, { N_("Calls"), REP_INT, 0 },
    { N_("E-mails"), REP_INT, 0 }, { N_("Visits"), REP_INT, 0 },
    { N_("Meetings"), REP_INT, 0 }, { N_("Messages"), REP_INT, 0 },
    { N_("Notes"), REP_INT, 0 }, { N_("Total"), REP_INT, 0 },
};
static const struct rep_col act_week_cols[] = {
    { N_("Week of"), REP_TEXT, 0 }, { N_("Calls"), REP_INT, 0 },
    { N_("E-mails"), REP_INT, 0 }, { N_("Visits"), REP_INT, 0 },
    { N_("Meetings"), REP_INT, 0 }, { N_("Messages"), REP_INT, 0 },
    { N_("Notes"), REP_INT, 0 }, { N_("Total"), REP_INT, 0 },
};
static const struct rep_col act_sum_cols[] = {
    { N_("Measure"), REP_TEXT, 1 }, { N_("Count"), REP_INT, 0 },
};

/* A group: a person or a day/week, with counts per kind. */
struct act_group {
    char key[128];
    int64_t n[ACT_KINDS + 1];   /* per kind, then total */
};

static int act_kind(const char *k)
{
    int i;

    for (i = 0; i < ACT_KINDS; i++)
        if (!strcmp(k, act_kinds[i]))
            return i;
    return ACT_KINDS - 1;
}

/* Add count to the group of key (groups kept sorted by key). */
static int act_add(struct act_group **g, size_t *n, const char *key,
                   int kind, int64_t count)
{
    size_t lo = 0, hi = *n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp((*g)[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == *n || strcmp((*g)[lo].key, key)) {
        struct act_group *p = realloc(*g, (*n + 1) * sizeof *p);
        if (!p)
            return TCRM_ENOMEM;
        *g = p;
        memmove(p + lo + 1, p + lo, (*n - lo) * sizeof *p);
        memset(&p[lo], 0, sizeof *p);
        snprintf(p[lo].key, sizeof p[lo].key, "%s", key);
        ++*n;
    }
    (*g)[lo].n[kind] += count;
    (*g)[lo].n[ACT_KINDS] += count;
    return 0;
}

static void act_table(struct rep *r, const char *section,
                      const struct rep_col *cols, const struct act_group *g,
                      size_t n)
{
    struct rep_table t;
    int64_t tot[ACT_KINDS + 1] = { 0 };
    size_t i;
    int k;

    rep_table_init(&t, section, cols, ACT_KINDS + 2);
    for (i = 0; i < n; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, g[i].key);
        for (k = 0; k <= ACT_KINDS; k++) {
            rep_int(&t, k + 1, g[i].n[k]);
            tot[k] += g[i].n[k];
        }
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    for (k = 0; k <= ACT_KINDS; k++)
        rep_int(&t, k + 1, tot[k]);
    rep_table_emit(r, &t);
}

static void act_bars(struct rep *r, const struct act_group *g, size_t n)
{
    const char **labels = calloc(n, sizeof *labels);
    const char **texts = calloc(n, sizeof *texts);
    int64_t *vals = calloc(n, sizeof *vals);
    char (*buf)[32] = calloc(n, sizeof *buf);
    size_t i;

    if (labels && texts && vals && buf) {
        for (i = 0; i < n; i++) {
            labels[i] = g[i].key;
            vals[i] = g[i].n[ACT_KINDS];
            texts[i] = rep_fmt_int(vals[i], buf[i]);
        }
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("Interactions by person"));
        rep_bars(r, labels, vals, texts, n);
    } else {
        rep_fail(r, TCRM_ENOMEM, "report: out of memory");
    }
    free(labels);
    free(texts);
    free(vals);
    free(buf);
}

static void act_summary(struct rep *r, int64_t total)
{
    struct tcrm_rq_table c;
    struct rep_table t;

    if (rep_check(r, tcrm_rq_activity_contacts(r->db, &r->f, &c, r->err)))
        return;
    rep_heading(r, "%s", _("Contacts"));
    rep_table_init(&t, "contacts", act_sum_cols, 2);
    rep_row(r, &t, 0);
    rep_text(r, &t, 0, rep_tr(r, N_("Interactions")));
    rep_int(&t, 1, total);
    rep_row(r, &t, 0);
    rep_text(r, &t, 0, rep_tr(r, N_("Contacts touched")));
    rep_int(&t, 1, tcrm_rq_i(&c, 0, 0));
    rep_row(r, &t, 0);
    rep_text(r, &t, 0, rep_tr(r, N_("New contacts added")));
    rep_int(&t, 1, tcrm_rq_i(&c, 0, 1));
    rep_table_emit(r, &t);
    tcrm_rq_table_free(&c);
}

void rep_activity(struct rep *r)
{
    struct tcrm_rq_table q;
    struct act_group *people = NULL, *days = NULL;
    size_t np = 0, nd = 0, i;
    int weekly = tcrm_date_days_between(r->from, r->to) >= 31, rc = 0;
    int64_t total = 0;

    if (rep_check(r, tcrm_rq_activity(r->db, &r->f, &q, r->err)))
        return;
    for (i = 0; i < q.nrows && !rc; i++) {
        const char *day = tcrm_rq_s(&q, i, 0);
        char key[11];
        int kind = act_kind(tcrm_rq_s(&q, i, 2));
        int64_t n = tcrm_rq_i(&q, i, 3);
        if (weekly)
            tcrm_date_add_days(day, -tcrm_date_weekday(day), key);
        else
            snprintf(key, sizeof key, "%s", day);
        rc = act_add(&people, &np, tcrm_rq_s(&q, i, 1), kind, n);
        if (!rc)
            rc = act_add(&days, &nd, key, kind, n);
        total += n;
    }
    if (rc) {
        rep_fail(r, TCRM_ENOMEM, "report: out of memory");
    } else if (!np) {
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("No interactions in this period."));
    } else {
        rep_heading(r, "%s", _("By person"));
        act_table(r, "by person", act_person_cols, people, np);
        rep_heading(r, "%s", weekly ? _("By week") : _("By day"));
        act_table(r, weekly ? "by week" : "by day",
                  weekly ? act_week_cols : act_day_cols, days, nd);
        act_bars(r, people, np);
    }
    act_summary(r, total);
    free(people);
    free(days);
    tcrm_rq_table_free(&q);
}

/* ---- gone quiet -------------------------------------------------------- */

static const struct rep_col quiet_contact_cols[] = {
    { N_("Contact"), REP_TEXT, 1 }, { N_("Company"), REP_TEXT, 1 },
    { N_("Owner"), REP_TEXT, 1 }, { N_("Last contact"), REP_TEXT, 0 },
    { N_("Days"), REP_INT, 0 },
};
static const struct rep_col quiet_company_cols[] = {
    { N_("Company"), REP_TEXT, 1 }, { N_("City"), REP_TEXT, 1 },
    { N_("Owner"), REP_TEXT, 1 }, { N_("Last contact"), REP_TEXT, 0 },
    { N_("Days"), REP_INT, 0 },
};

static void quiet_list(struct rep *r, const char *what,
                       const struct rep_col *cols,
                       const struct tcrm_rq_table *q, int64_t total)
{
    struct rep_table t;
    char day[11], a[32], b[32];
    size_t i;

    rep_heading(r, "%s", _(what));
    if (!q->nrows) {
        rep_line(r, "%s", _("None."));
        return;
    }
    rep_table_init(&t, what, cols, 5);
    for (i = 0; i < q->nrows; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, tcrm_rq_s(q, i, 1));
        rep_text(r, &t, 1, tcrm_rq_s(q, i, 2));
        rep_text(r, &t, 2, tcrm_rq_s(q, i, 3));
        rep_text(r, &t, 3, rep_day(r, tcrm_rq_s(q, i, 4), day));
        rep_int(&t, 4, tcrm_rq_i(q, i, 5));
    }
    rep_table_emit(r, &t);
    if ((int64_t)q->nrows < total)
        rep_line(r, _("(the %s longest silences of %s)"),
                 rep_fmt_int((int64_t)q->nrows, a), rep_fmt_int(total, b));
}

void rep_gone_quiet(struct rep *r)
{
    struct tcrm_rq_table n, c, co;
    char a[32], b[32];

    memset(&c, 0, sizeof c);
    memset(&co, 0, sizeof co);
    if (rep_check(r, tcrm_rq_quiet_contact_count(r->db, &r->f, &n, r->err)))
        return;
    if (rep_check(r, tcrm_rq_quiet_contacts(r->db, &r->f, &c, r->err)) ||
        rep_check(r, tcrm_rq_quiet_companies(r->db, &r->f, &co, r->err)))
        goto out;
    /* The companies' count ends each of their rows (none: none quiet). */
    int64_t n_co = co.nrows ? tcrm_rq_i(&co, 0, 6) : 0;
    rep_line(r, "%s", "");
    rep_line(r, _("No interaction for %d days or more: %s contacts, "
                  "%s companies."), r->f.quiet_days,
             rep_fmt_int(tcrm_rq_i(&n, 0, 0), a), rep_fmt_int(n_co, b));
    quiet_list(r, N_("Contacts"), quiet_contact_cols, &c,
               tcrm_rq_i(&n, 0, 0));
    quiet_list(r, N_("Companies"), quiet_company_cols, &co, n_co);
out:
    tcrm_rq_table_free(&n);
    tcrm_rq_table_free(&c);
    tcrm_rq_table_free(&co);
}
