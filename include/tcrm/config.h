/*
 * config.h: tcrm's settings, read once from an INI file into one struct.
 *
 * Nobody outside src/config reads the file or calls iniparser; everybody
 * reads struct tcrm_config. Every field has a default, so running with no
 * file at all is normal.
 *
 * Where the file is looked for, first found wins:
 *   1. the path given with --config (explicit_path; must exist)
 *   2. $TCRM_CONFIG (must exist)
 *   3. $XDG_CONFIG_HOME/tcrm/tcrm.conf, or ~/.config/tcrm/tcrm.conf
 *   4. /etc/tcrm/tcrm.conf
 * and none at all is fine. An unknown section or key, a bad value or a
 * malformed line is an error naming the place and what was expected:
 *   "/home/ann/.config/tcrm/tcrm.conf:12: [reminders] quiet_days: 'soon'
 *    is not a whole number from 1 to 3650"
 *   "tcrm.conf:3: [display] colour: unknown key (known: date_format,
 *    colors, language, cursor)"
 * data/tcrm.conf is the documented default file; man/tcrm.conf.5 lists
 * every key.
 */
#ifndef TCRM_CONFIG_H
#define TCRM_CONFIG_H

#include <stddef.h>

#include "tcrm/error.h"

enum tcrm_colors { TCRM_COLORS_AUTO, TCRM_COLORS_ON, TCRM_COLORS_OFF };

#define TCRM_MAX_STAGES 16

struct tcrm_config {
    char *path;              /* file that was read, NULL when none */

    /* [database] */
    char *db_path;           /* path = ...; NULL: use the default */
    int busy_timeout_ms;     /* busy_timeout = 5000 (ms, 0..600000) */

    /* [user] */
    char *user;              /* name = ...; default: $USER, else the
                                login name, else "unknown" */

    /* [display] */
    char *date_format;       /* date_format = %Y-%m-%d (strftime) */
    enum tcrm_colors colors; /* colors = auto|yes|no (auto honours
                                NO_COLOR and the terminal) */
    char *language;          /* language = zh_CN, en ... ("" default: from
                                LANGUAGE/LC_ALL/LC_MESSAGES/LANG); letters,
                                digits, '_', '-', '.', '@' only. The front
                                ends pass it to tcrm_os_i18n_language */
    int cursor_arrow;        /* cursor = bar|arrow (default bar): the list's
                                selected row in the cursor colours, or
                                only its ">" marker (fewer bytes a step,
                                for a slow link) */

    /* [pipeline] */
    char *stages[TCRM_MAX_STAGES]; /* stages = Lead, Qualified, Proposal,
                                      Negotiation (comma-separated, in
                                      order, 1..16 names, unique) */
    int stage_probability[TCRM_MAX_STAGES]; /* probabilities = 10, 25, 50,
                                      75 (percent per stage; default as
                                      shown, or 0 for added stages) */
    size_t n_stages;
    char *currency;          /* currency = EUR (3 upper-case letters) */

    /* [reminders] */
    int days_ahead;          /* days_ahead = 7 (1..365) */
    int quiet_days;          /* quiet_days = 30 (1..3650) */

    /* [reports] */
    char *print_command;     /* print_command = lpr */

    /* [import] */
    int max_field_mb;        /* max_field_mb = 1 (1..64): a longer field
                                is an error at its line */
    int max_row_mb;          /* max_row_mb = 16 (1..256): likewise a row */
    /* [sales] */
    char *quote_number;      /* quote_number = Q%Y-%04n (quote.h: %Y year,
                                %m month, %0Nn the counter) */
    char *order_number;      /* order_number = O%Y-%04n (likewise) */
    char *delivery_number;   /* delivery_number = D%Y-%04n (likewise) */
    int max_discount;        /* max_discount = 100 (0..100): an order line
                                with a larger discount percent needs a
                                manager's approval (order.h) */
    char *invoice_number;    /* invoice_number = I%Y-%04n (invoice.h) */
    char *payment_number;    /* payment_number = R%Y-%04n */
    int payment_days;        /* payment_days = 30 (0..3650): an invoice is
                                due this many days after its date unless
                                the customer has their own terms */
    char *base_currency;     /* base_currency = CNY: what receivables and
                                payments are reported in (rate.h) */
    int credit_enforce;      /* credit_limit = warn|enforce (default warn):
                                past a customer's credit limit, a new
                                invoice or order warns, or needs a
                                manager (receivable.h) */
    /* [service] (ticket.h) */
    char *ticket_number;     /* ticket_number = T%Y-%04n */
    int response_hours[4];   /* response_hours_low/normal/high/urgent =
                                72, 24, 8, 2 (1..8760): a ticket is
                                answered within them */
    int resolve_hours[4];    /* resolve_hours_low/... = 240, 120, 48, 8
                                (1..8760): and resolved */
    int ticket_warn_hours;   /* warn_hours = 24 (0..8760): `due` lists a
                                ticket this close to a deadline */
    /* [company]: your own, the header of printed documents (all NULL
     * unless set) */
    char *company_name, *company_address, *company_phone, *company_email,
         *company_tax_id, *company_bank;
#define TCRM_CONFIG_COMPANY_KEYS 6
    /* [calendar] (iCalendar export of follow-ups) */
    int calendar_timed_as_event; /* timed_as = todo|event (default todo):
                                    a follow-up with a time as VEVENT */
    int calendar_alarm_minutes;  /* alarm_minutes = 15 (0..10080; 0: no
                                    VALARM) before a timed follow-up */
    /* [attachments] */
    int attach_max_mb;           /* max_mb = 20 (1..1024): the largest file
                                    tcrm attach takes, in MB (MiB) */
    /* [access]: what `tcrm init` writes into a new database's own
     * settings (access.h, pool.h); -1 when not set. The database's
     * settings are what count afterwards: a different mode here only
     * makes the command line warn (tcrm_config_access_warning). */
    int access_mode;             /* mode = open|owned */
    int pool_after_days;         /* pool_after_days = N (0..3650) */
};

/* Fill cfg with the defaults (allocates; free with tcrm_config_free). */
int tcrm_config_defaults(struct tcrm_config *cfg);

/* Defaults, then the first file found in the order above. On error cfg
 * is still freeable and holds the defaults. */
int tcrm_config_load(const char *explicit_path, struct tcrm_config *cfg,
                     struct tcrm_error *err);

/* Read one given file over what cfg holds (for tests and --config). */
int tcrm_config_load_file(const char *path, struct tcrm_config *cfg,
                          struct tcrm_error *err);

void tcrm_config_free(struct tcrm_config *cfg);

/* The database to open: explicit (--db), else $TCRM_DB, else cfg->db_path,
 * else $XDG_DATA_HOME/tcrm/tcrm.db (~/.local/share/tcrm/tcrm.db). A leading
 * "~/" is expanded. *path is malloc'd. */
int tcrm_config_db_path(const char *explicit_db, const struct tcrm_config *cfg,
                        char **path, struct tcrm_error *err);

/* The user's own tcrm folder for extra files (import profiles):
 * $XDG_CONFIG_HOME/tcrm or ~/.config/tcrm. malloc'd; not created. */
char *tcrm_config_user_dir(void);

/* Index of a stage name (case-insensitive) or -1. */
int tcrm_config_stage_index(const struct tcrm_config *cfg, const char *name);

#endif
