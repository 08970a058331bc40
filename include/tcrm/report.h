/*
 * report.h: the report engine (src/report). A report fills a document of
 * UTF-8 lines from the data layer's aggregates (report_query.h); it does
 * not know who shows it: `tcrm report` prints it, the screen scrolls it.
 *
 *   struct tcrm_report_opts o;
 *   struct tcrm_doc doc;
 *   tcrm_report_opts_init(&o);            // text, 80 columns, no period
 *   tcrm_report_period("this-month", now, o.from, o.to, &err);
 *   tcrm_report_run(db, cfg, "activity", &o, &doc, &err);
 *   for (i = 0; i < doc.n; i++) puts(doc.lines[i]);
 *   tcrm_doc_free(&doc);
 *
 * Reports (tcrm_report_names(), in this order): agenda, activity,
 * pipeline, forecast, won-lost, sales, products, gone-quiet, segments,
 * imports, receivables, payments. Text
 * output: a title, the period (or "as of" for snapshots), filters, when it
 * was made and by whom, the database; then aligned tables at true display
 * width (CJK is 2 columns), numbers with thousands separators, amounts
 * with their currency (never added across currencies), and bar charts
 * ("█" with eighths, or "#" when ascii). CSV output: the same figures,
 * one block per table (a header row, then rows, a blank line between
 * blocks), first column the section name, plain numbers (amounts "1200.50"
 * with a separate currency column), no charts.
 *
 * Errors (TCRM_EINVAL unless said, each one line):
 *   "report 'x': unknown (known: agenda, activity, ...)"
 *   "period 'x': unknown (known: this-week, last-week, this-month,
 *    last-month, this-quarter, this-year)"
 *   "period: from 2026-12-01 is after to 2026-11-01"
 *   "width 30: below the narrowest layout of report 'agenda' (50 columns)"
 *   "report 'pipeline' takes no period: it shows open deals now"
 *   "report 'sales' takes no --as-of" (only receivables does)
 *   "rate: no USD rate on or before 2026-11-30 (tcrm rate add ...)"
 *   (receivables, payments: TCRM_ENOTFOUND of rate.h)
 *   TCRM_ENOTFOUND "owner 'zed': not found", "tag 'x': not found"
 */
#ifndef TCRM_REPORT_H
#define TCRM_REPORT_H

#include <stddef.h>
#include <time.h>

#include "tcrm/config.h"
#include "tcrm/db.h"
#include "tcrm/error.h"

/* A document: lines of UTF-8 without newlines, owned by it. */
struct tcrm_doc {
    char **lines;
    size_t n, cap;
};
void tcrm_doc_init(struct tcrm_doc *doc);
/* Frees the lines (doc itself is the caller's); NULL is fine. */
void tcrm_doc_free(struct tcrm_doc *doc);
/* All lines joined, each ending in "\n" (free() it); NULL on ENOMEM. */
char *tcrm_doc_text(const struct tcrm_doc *doc);
/* Write the document to path (created 0644 / truncated); TCRM_EIO
 * "PATH: why" on failure. */
int tcrm_doc_save(const struct tcrm_doc *doc, const char *path,
                  struct tcrm_error *err);

enum tcrm_report_format { TCRM_REPORT_TEXT, TCRM_REPORT_CSV };

#define TCRM_REPORT_MAX_WIDTH 1000

struct tcrm_report_opts {
    char from[11], to[11];   /* "YYYY-MM-DD" inclusive; "" = the report's
                                default period */
    const char *owner;       /* NULL: everybody */
    const char *tag;         /* NULL: any */
    int width;               /* columns of text output (>= the report's
                                min_width, <= TCRM_REPORT_MAX_WIDTH) */
    int ascii;               /* bars drawn with '#' */
    enum tcrm_report_format format;
    int quiet_days;          /* gone-quiet: 0 = cfg->quiet_days */
    size_t limit;            /* longest lists (gone-quiet, late deals,
                                products of each currency);
                                0 = 50 */
    time_t now;              /* 0 = tcrm_clock_now() */
    int raw;                 /* csv: no formula rule on text cells */
    char as_of[11];          /* receivables: "YYYY-MM-DD", "" = today */
};
/* Text, width 80, no period, no filters. */
void tcrm_report_opts_init(struct tcrm_report_opts *o);

/* What a report is and which options it takes. */
struct tcrm_report_info {
    const char *name;        /* "won-lost" */
    const char *summary;     /* one line */
    int takes_period;        /* 0: a snapshot; a period is an error */
    const char *default_period; /* name of the period used when none */
    int min_width;           /* the narrowest layout */
};
/* NULL-terminated list of names, in menu order. */
const char *const *tcrm_report_names(void);
/* Info of a report, or NULL when there is none of that name. */
const struct tcrm_report_info *tcrm_report_info(const char *name);

/* Period names ("this-week" ...) into inclusive dates; weeks start on
 * Monday, quarters in January, April, July, October. */
int tcrm_report_period(const char *name, time_t now, char from[11],
                       char to[11], struct tcrm_error *err);
/* --from/--to in the date language of date.h. from_text NULL: no period
 * (to_text must be NULL too, else "period: --to needs --from");
 * to_text NULL: up to today. Checks the order. */
int tcrm_report_range(const char *from_text, const char *to_text,
                      time_t now, char from[11], char to[11],
                      struct tcrm_error *err);

/* Check the name and the options that need no database (width, period
 * against the report); the same errors tcrm_report_run gives. */
int tcrm_report_check(const char *name, const struct tcrm_report_opts *opts,
                      struct tcrm_error *err);

/* Run report `name` into out (initialised here; free with tcrm_doc_free
 * even on error). Checks the name, the options (period, owner, tag,
 * width) before reading anything. */
int tcrm_report_run(struct tcrm_db *db, const struct tcrm_config *cfg,
                    const char *name, const struct tcrm_report_opts *opts,
                    struct tcrm_doc *out, struct tcrm_error *err);

#endif
