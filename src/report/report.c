/*
 * report.c: the report engine: the list of reports, periods, checking the
 * options, the document, the heading every report starts with.
 *
 * tcrm_report_run does everything that can fail on bad input before it
 * reads a row (name, width, period, owner, tag), so a bad option costs
 * nothing and always gives the same one-line error. It then resolves the
 * period (the one given, or the report's default), writes the heading
 * (text) or a "report" block (CSV) and hands over to the report's body
 * function, which lays out tables and bars from report_query.h results.
 * The body functions live in report_sales.c (pipeline, forecast,
 * won-lost), report_orders.c (sales, products), report_people.c (agenda, activity, gone-quiet),
 * report_segments.c (segments, imports), report_receivables.c
 * (receivables) and report_payments.c (payments).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "tcrm/date.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"

struct rep_def {
    struct tcrm_report_info info;
    const char *title;
    void (*body)(struct rep *r);
};

/* The summary (info.summary, also listed by the front ends: _() it) and
 * the title are marked for translation; the name is a command word. */
static const struct rep_def rep_defs[] = {
    { { "agenda", N_("follow-ups overdue, due today and coming up, by day"),
        1, NULL, 60 }, N_("Agenda"), rep_agenda },
    { { "activity", N_("interactions by person and kind, per day or week"),
        1, "this-week", 70 }, N_("Activity"), rep_activity },
    { { "pipeline", N_("open deals by stage, per currency"),
        0, NULL, 60 }, N_("Pipeline"), rep_pipeline },
    { { "forecast", N_("expected revenue by month of expected close"),
        1, "this-quarter", 60 }, N_("Forecast"), rep_forecast },
    { { "won-lost", N_("deals won and lost, win rate, lost reasons"),
        1, "this-month", 64 }, N_("Won and lost"), rep_won_lost },
    { { "sales", N_("confirmed orders and revenue by salesperson and month"),
        1, "this-year", 64 }, N_("Sales"), rep_sales },
    { { "products", N_("quantity and revenue by product and month"),
        1, "this-year", 72 }, N_("Products"), rep_products },
    { { "gone-quiet", N_("contacts and companies not heard from for a while"),
        0, NULL, 60 }, N_("Gone quiet"), rep_gone_quiet },
    { { "segments", N_("contacts and companies by tag, industry, city, source"),
        1, NULL, 50 }, N_("Segments"), rep_segments },
    { { "imports", N_("import batches: rows added, merged, skipped, rejected"),
        1, NULL, 78 }, N_("Imports"), rep_imports },
    { { "receivables", N_("what customers owe, not yet due and overdue by "
        "days"), 0, NULL, 70 }, N_("Receivables"), rep_receivables },
    { { "payments", N_("payments received by method, account, salesperson "
        "and month"), 1, "this-month", 60 }, N_("Payments"), rep_payments },
    { { "service", N_("open tickets by age, answer and resolution times, "
        "complaints, satisfaction"), 1, "this-year", 72 }, N_("Service"),
      rep_service },
    { { "campaigns", N_("members reached, deals won, cost per response and "
        "return on cost, by campaign"), 0, NULL, 72 }, N_("Campaigns"),
      rep_campaigns },
};
#define REP_NDEFS (sizeof rep_defs / sizeof rep_defs[0])

static const char *const rep_names[] = {
    "agenda", "activity", "pipeline", "forecast", "won-lost", "sales",
    "products", "gone-quiet", "segments", "imports", "receivables",
    "payments", "service", "campaigns", NULL
};

static const char *const rep_periods[] = {
    "this-week", "last-week", "this-month", "last-month", "this-quarter",
    "this-year", NULL
};

/* ---- the document --------------------------------------------------------- */

void tcrm_doc_init(struct tcrm_doc *doc)
{
    memset(doc, 0, sizeof *doc);
}

void tcrm_doc_free(struct tcrm_doc *doc)
{
    size_t i;

    if (!doc)
        return;
    for (i = 0; i < doc->n; i++)
        free(doc->lines[i]);
    free(doc->lines);
    memset(doc, 0, sizeof *doc);
}

char *tcrm_doc_text(const struct tcrm_doc *doc)
{
    struct tcrm_strbuf sb;
    size_t i;

    tcrm_strbuf_init(&sb);
    for (i = 0; i < doc->n; i++)
        if (tcrm_strbuf_append(&sb, doc->lines[i]) ||
            tcrm_strbuf_appendc(&sb, '\n')) {
            tcrm_strbuf_free(&sb);
            return NULL;
        }
    return tcrm_strbuf_steal(&sb);
}

int tcrm_doc_save(const struct tcrm_doc *doc, const char *path,
                  struct tcrm_error *err)
{
    FILE *f = fopen(path, "w");
    size_t i;
    int bad = 0;

    if (!f)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    for (i = 0; i < doc->n && !bad; i++)
        bad = fputs(doc->lines[i], f) == EOF || fputc('\n', f) == EOF;
    if (fclose(f) != 0 || bad)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", path,
                              errno ? strerror(errno) : _("write failed"));
    return 0;
}

void rep_push(struct rep *r, const char *line)
{
    struct tcrm_doc *d = r->doc;
    char *copy;

    if (r->rc)
        return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        char **p = realloc(d->lines, cap * sizeof *p);
        if (!p) {
            rep_fail(r, TCRM_ENOMEM, "report: out of memory");
            return;
        }
        d->lines = p;
        d->cap = cap;
    }
    copy = strdup(line);
    if (!copy) {
        rep_fail(r, TCRM_ENOMEM, "report: out of memory");
        return;
    }
    d->lines[d->n++] = copy;
}

static void rep_vline(struct rep *r, const char *fmt, va_list ap)
{
    char buf[512];
    char *big = NULL;
    int n;
    va_list ap2;

    va_copy(ap2, ap);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n >= (int)sizeof buf && (big = malloc((size_t)n + 1)) != NULL)
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    rep_push(r, big ? big : buf);
    free(big);
}

void rep_line(struct rep *r, const char *fmt, ...)
{
    va_list ap;

    if (r->csv)
        return;
    va_start(ap, fmt);
    rep_vline(r, fmt, ap);
    va_end(ap);
}

void rep_heading(struct rep *r, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int w, i;

    if (r->csv)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rep_push(r, "");
    rep_push(r, buf);
    w = tcrm_text_width(buf);
    w = w > r->width ? r->width : w;
    for (i = 0; i < w && i < (int)sizeof buf - 1; i++)
        buf[i] = '-';
    buf[i] = '\0';
    rep_push(r, buf);
}

int rep_fail(struct rep *r, int code, const char *fmt, ...)
{
    va_list ap;

    if (r->rc)
        return r->rc;
    r->rc = code;
    if (r->err) {
        r->err->code = code;
        va_start(ap, fmt);
        vsnprintf(r->err->msg, sizeof r->err->msg, _(fmt), ap);
        va_end(ap);
    }
    return code;
}

int rep_check(struct rep *r, int rc)
{
    if (rc && !r->rc)
        r->rc = rc;
    return r->rc;
}

/* ---- names and periods ---------------------------------------------------- */

const char *const *tcrm_report_names(void)
{
    return rep_names;
}

static const struct rep_def *rep_find(const char *name)
{
    size_t i;

    for (i = 0; name && i < REP_NDEFS; i++)
        if (!strcmp(rep_defs[i].info.name, name))
            return &rep_defs[i];
    return NULL;
}

const struct tcrm_report_info *tcrm_report_info(const char *name)
{
    const struct rep_def *d = rep_find(name);

    return d ? &d->info : NULL;
}

void tcrm_report_opts_init(struct tcrm_report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->width = 80;
    o->format = TCRM_REPORT_TEXT;
}

static void rep_month_first(int y, int m, char out[11])
{
    while (m > 12) {
        m -= 12;
        y++;
    }
    while (m < 1) {
        m += 12;
        y--;
    }
    /* Dates are years 0-9999 (util/date.c); the modulo tells the
     * compiler the text fits (-Wformat-truncation in release builds). */
    snprintf(out, 11, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* months from the first of month (y, m), n months long. */
static void rep_months(int y, int m, int n, char from[11], char to[11])
{
    char next[11];

    rep_month_first(y, m, from);
    rep_month_first(y, m + n, next);
    tcrm_date_add_days(next, -1, to);
}

static void rep_join(struct tcrm_strbuf *sb, const char *const *names)
{
    size_t i;

    for (i = 0; names[i]; i++)
        tcrm_strbuf_appendf(sb, "%s%s", i ? ", " : "", names[i]);
}

int tcrm_report_period(const char *name, time_t now, char from[11],
                       char to[11], struct tcrm_error *err)
{
    char today[11];
    int y, m, wd;

    tcrm_date_today(now, today);
    y = atoi(today);
    m = atoi(today + 5);
    wd = tcrm_date_weekday(today);
    if (name && !strcmp(name, "this-week")) {
        tcrm_date_add_days(today, -wd, from);
        tcrm_date_add_days(from, 6, to);
    } else if (name && !strcmp(name, "last-week")) {
        tcrm_date_add_days(today, -wd - 7, from);
        tcrm_date_add_days(from, 6, to);
    } else if (name && !strcmp(name, "this-month")) {
        rep_months(y, m, 1, from, to);
    } else if (name && !strcmp(name, "last-month")) {
        rep_months(y, m - 1, 1, from, to);
    } else if (name && !strcmp(name, "this-quarter")) {
        rep_months(y, (m - 1) / 3 * 3 + 1, 3, from, to);
    } else if (name && !strcmp(name, "this-year")) {
        rep_months(y, 1, 12, from, to);
    } else {
        struct tcrm_strbuf sb;
        tcrm_strbuf_init(&sb);
        rep_join(&sb, rep_periods);
        tcrm_error_set(err, TCRM_EINVAL, "period '%s': unknown (known: %s)",
                       name ? name : "", sb.buf);
        tcrm_strbuf_free(&sb);
        return TCRM_EINVAL;
    }
    return 0;
}

static int rep_order(const char *from, const char *to, struct tcrm_error *err)
{
    if (strcmp(from, to) > 0)
        return tcrm_error_set(err, TCRM_EINVAL,
                              "period: from %s is after to %s", from, to);
    return 0;
}

int tcrm_report_range(const char *from_text, const char *to_text,
                      time_t now, char from[11], char to[11],
                      struct tcrm_error *err)
{
    struct tcrm_when w;
    int rc;

    from[0] = to[0] = '\0';
    if (!from_text) {
        if (to_text)
            return tcrm_error_set(err, TCRM_EINVAL,
                                  "period: --to needs --from");
        return 0;
    }
    if ((rc = tcrm_date_parse(from_text, now, &w, err)) != 0) {
        snprintf(err->field, sizeof err->field, "from");
        return rc;
    }
    tcrm_when_date(&w, from);
    if (!to_text) {
        tcrm_date_today(now, to);
    } else {
        if ((rc = tcrm_date_parse(to_text, now, &w, err)) != 0) {
            snprintf(err->field, sizeof err->field, "to");
            return rc;
        }
        tcrm_when_date(&w, to);
    }
    return rep_order(from, to, err);
}

/* ---- running a report ------------------------------------------------------ */

static int rep_valid_day(const char *s)
{
    struct tcrm_when w;
    char back[11];

    if (strlen(s) != 10 || tcrm_date_parse_iso(s, &w) != 0)
        return 0;
    tcrm_when_date(&w, back);
    return !strcmp(back, s);
}

/* Everything about the options that does not need the database. */
static int rep_check_opts(const struct rep_def *d,
                          const struct tcrm_report_opts *o,
                          struct tcrm_error *err)
{
    if (o->format == TCRM_REPORT_TEXT &&
        (o->width < d->info.min_width || o->width > TCRM_REPORT_MAX_WIDTH)) {
        if (o->width < d->info.min_width)
            return tcrm_error_set(err, TCRM_EINVAL, "width %d: below the "
                                  "narrowest layout of report '%s' "
                                  "(%d columns)", o->width, d->info.name,
                                  d->info.min_width);
        return tcrm_error_set(err, TCRM_EINVAL, "width %d: above the widest "
                              "layout (%d columns)", o->width,
                              TCRM_REPORT_MAX_WIDTH);
    }
    if (o->as_of[0] && d->body != rep_receivables)
        return tcrm_error_set(err, TCRM_EINVAL, "report '%s' takes no "
                              "--as-of", d->info.name);
    if (o->as_of[0] && !rep_valid_day(o->as_of))
        return tcrm_error_set(err, TCRM_EINVAL, "--as-of: '%s' is not a "
                              "date YYYY-MM-DD", o->as_of);
    if (!o->from[0] && !o->to[0])
        return 0;
    if (d->body == rep_receivables)
        return tcrm_error_set(err, TCRM_EINVAL, "report '%s' takes no "
                              "period: it shows what is owed as of a day "
                              "(--as-of)", d->info.name);
    if (!d->info.takes_period)
        return d->body == rep_pipeline
            ? tcrm_error_set(err, TCRM_EINVAL, "report '%s' takes no "
                             "period: it shows open deals now", d->info.name)
            : d->body == rep_campaigns
            ? tcrm_error_set(err, TCRM_EINVAL, "report '%s' takes no "
                             "period: it shows every campaign as it stands",
                             d->info.name)
            : tcrm_error_set(err, TCRM_EINVAL, "report '%s' takes no "
                             "period: it shows silence up to today",
                             d->info.name);
    if (!rep_valid_day(o->from) || (o->to[0] && !rep_valid_day(o->to)))
        return tcrm_error_set(err, TCRM_EINVAL, "period: '%s' to '%s' is "
                              "not two dates YYYY-MM-DD", o->from, o->to);
    return o->to[0] ? rep_order(o->from, o->to, err) : 0;
}

static void rep_resolve_period(struct rep *r, const struct rep_def *d)
{
    const struct tcrm_report_opts *o = r->o;

    if (o->from[0]) {
        snprintf(r->from, sizeof r->from, "%s", o->from);
        snprintf(r->to, sizeof r->to, "%s", o->to[0] ? o->to : r->today);
    } else if (d->body == rep_agenda) {
        snprintf(r->from, sizeof r->from, "%s", r->today);
        tcrm_date_add_days(r->today, r->cfg->days_ahead, r->to);
    } else if (d->info.default_period) {
        tcrm_report_period(d->info.default_period, r->now, r->from, r->to,
                           NULL);
    }
    r->f.from = r->from[0] ? r->from : NULL;
    r->f.to = r->to[0] ? r->to : NULL;
}

static void rep_header(struct rep *r, const struct rep_def *d)
{
    char made[20], title[256], rule[256];
    int w, i;
    const char *user = tcrm_db_user(r->db), *path = tcrm_db_path(r->db);

    tcrm_date_timestamp(r->now, made);
    if (r->csv) {
        static const struct rep_col cols[] = {
            { "Report", REP_TEXT, 0 }, { "From", REP_TEXT, 0 },
            { "To", REP_TEXT, 0 }, { "Owner", REP_TEXT, 0 },
            { "Tag", REP_TEXT, 0 }, { "Made", REP_TEXT, 0 },
            { "By", REP_TEXT, 0 }, { "Database", REP_TEXT, 0 } };
        struct rep_table t;
        rep_table_init(&t, "report", cols, 8);
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, d->info.name);
        rep_text(r, &t, 1, r->from);
        rep_text(r, &t, 2, d->info.takes_period ? r->to : r->today);
        rep_text(r, &t, 3, r->o->owner);
        rep_text(r, &t, 4, r->o->tag);
        rep_text(r, &t, 5, made);
        rep_text(r, &t, 6, user);
        rep_text(r, &t, 7, path);
        rep_table_emit(r, &t);
        return;
    }
    snprintf(title, sizeof title, "%s: %s", _(d->title), _(d->info.summary));
    rep_push(r, title);
    /* the rule under the title: as wide as the title (display columns) */
    w = tcrm_text_width(title);
    w = w > r->width ? r->width : w;
    for (i = 0; i < w && i < (int)sizeof rule - 1; i++)
        rule[i] = '=';
    rule[i] = '\0';
    rep_push(r, rule);
    /* TRANSLATORS: the labels of the report's header lines are padded so
     * the values line up (in display columns; a CJK character is 2). */
    if (!d->info.takes_period)
        rep_line(r, _("As of:     %s"), r->today);
    else if (r->from[0])
        rep_line(r, _("Period:    %s to %s"), r->from, r->to);
    else
        rep_line(r, "%s", _("Period:    all time"));
    if (r->o->owner)
        rep_line(r, _("Owner:     %s"), r->o->owner);
    else if (r->f.team)
        rep_line(r, _("Team:      %s and everyone under them"), r->f.owner);
    if (r->o->tag)
        rep_line(r, _("Tag:       %s"), r->o->tag);
    rep_line(r, _("Made:      %s by %s"), made, user ? user : "");
    rep_line(r, _("Database:  %s"), path ? path : "");
}

static int rep_unknown(const char *name, struct tcrm_error *err)
{
    struct tcrm_strbuf sb;

    tcrm_strbuf_init(&sb);
    rep_join(&sb, rep_names);
    tcrm_error_set(err, TCRM_EINVAL, "report '%s': unknown (known: %s)",
                   name ? name : "", sb.buf);
    tcrm_strbuf_free(&sb);
    return TCRM_EINVAL;
}

int tcrm_report_check(const char *name, const struct tcrm_report_opts *opts,
                      struct tcrm_error *err)
{
    const struct rep_def *d = rep_find(name);

    return d ? rep_check_opts(d, opts, err) : rep_unknown(name, err);
}

int tcrm_report_run(struct tcrm_db *db, const struct tcrm_config *cfg,
                    const char *name, const struct tcrm_report_opts *opts,
                    struct tcrm_doc *out, struct tcrm_error *err)
{
    const struct rep_def *d = rep_find(name);
    struct rep r;
    int rc;

    tcrm_doc_init(out);
    if ((rc = tcrm_report_check(name, opts, err)) != 0)
        return rc;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.cfg = cfg;
    r.o = opts;
    r.info = &d->info;
    r.doc = out;
    r.err = err;
    r.csv = opts->format == TCRM_REPORT_CSV;
    r.width = opts->width;
    r.ascii = opts->ascii;
    r.now = opts->now ? opts->now : tcrm_clock_now();
    tcrm_date_today(r.now, r.today);
    if (opts->as_of[0])
        snprintf(r.today, sizeof r.today, "%s", opts->as_of);
    if ((rc = tcrm_rq_check(db, opts->owner, opts->tag, &r.f.tag_id, err)))
        return rc;
    r.f.owner = tcrm_rq_scope_owner(db, opts->owner);
    r.f.team = tcrm_rq_scope_team(db, opts->owner);
    r.f.today = r.today;
    r.f.quiet_days = opts->quiet_days > 0 ? opts->quiet_days
                                          : cfg->quiet_days;
    r.f.limit = opts->limit ? opts->limit : 50;
    rep_resolve_period(&r, d);
    rep_header(&r, d);
    d->body(&r);
    if (r.rc)
        tcrm_doc_free(out);
    return r.rc;
}

void rep_each_currency(struct rep *r, const struct tcrm_rq_table *q,
                       size_t col, const char *none,
                       void (*fn)(struct rep *r, const char *cur,
                                  void *ctx),
                       void *ctx)
{
    char cur[REP_MAX_CUR][4];
    size_t i, n = rep_currencies(q, col, cur, REP_MAX_CUR);

    if (!n) {
        rep_line(r, "%s", "");
        rep_line(r, "%s", none);
    }
    for (i = 0; i < n; i++)
        fn(r, cur[i], ctx);
}

void rep_month_start(const struct rep *r, struct rep_month *it)
{
    snprintf(it->end, sizeof it->end, "%.7s", r->to);
    it->y = atoi(r->from);
    it->m = atoi(r->from + 5);
}

int rep_month_next(struct rep_month *it)
{
    if (it->m > 12) {
        it->m = 1;
        it->y++;
    }
    snprintf(it->month, sizeof it->month, "%04d-%02d", it->y % 10000,
             (it->m - 1) % 12 + 1);
    if (strcmp(it->month, it->end) > 0)
        return 0;
    it->m++;
    return 1;
}
