/*
 * config.c: tcrm's settings from an INI file (see include/tcrm/config.h).
 *
 * A config file is read in two passes over the same file:
 *
 *  1. Our own scan (scan_text) walks the lines. It knows the dialect that
 *     iniparser 4.1 accepts (blank lines, ';' and '#' comment lines,
 *     "[section]" and "key = value") and checks every line against it and
 *     against the table of known sections and keys (key_table), and it
 *     remembers the line where each key was set. That is what lets every
 *     error say "file:line", which iniparser cannot do. The few things
 *     iniparser would read differently from what a person means (a line
 *     ending in a backslash joins the next one; a byte order mark; very
 *     long lines) are refused here with a message.
 *  2. iniparser then loads the file and hands over the values (it applies
 *     the quoting and trailing-comment rules). Its own messages to stderr
 *     are silenced: a library never prints.
 *
 * Values are then checked key by key (apply_key) into a deep copy of the
 * caller's struct, which replaces the caller's only when the whole file
 * is good, so a bad file leaves the struct as it was.
 *
 * Finding the file and the database is in config_paths.c; reading its
 * text (a regular file, at most 1 MiB) in config_file.c.
 */
#include "tcrm/config.h"
#include "config_internal.h"
#include "tcrm/i18n.h"
#include "tcrm/os.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MAX_LINE_BYTES 1000 /* iniparser 4.1 refuses lines over 1022 */
#define MAX_STAGE_BYTES 64

/* Stored keys (deals keep their stage's name), shown with
 * tcrm_i18n_word("stage", key); an office's own stages are shown as
 * they are written. */
static const char *const default_stages[] = {NC_("stage", "Lead"),
                                             NC_("stage", "Qualified"),
                                             NC_("stage", "Proposal"),
                                             NC_("stage", "Negotiation")};
static const int default_probability[] = {10, 25, 50, 75};
#define N_DEFAULT_STAGES (sizeof default_stages / sizeof default_stages[0])

enum key_kind { KIND_TEXT, KIND_INT, KIND_COLORS, KIND_STAGES, KIND_PROBS,
                KIND_CURRENCY, KIND_DATEFMT, KIND_LANGUAGE,
                KIND_CHOICE };

struct key_def {
    const char *section;
    const char *name;
    enum key_kind kind;
    size_t offset;        /* of the char * or int field (TEXT, INT, ...) */
    int min, max;         /* KIND_INT; KIND_CHOICE: min, see below */
    const char *expected; /* what a good value looks like (not KIND_INT);
                             marked N_, translated where shown */
};

/* KIND_CHOICE: min is a row here, the words stored as 0 and 1. */
enum { CHOICE_TIMED_AS, CHOICE_CREDIT, CHOICE_ACCESS, CHOICE_CURSOR };
static const char *const choice_words[][2] = {
    [CHOICE_TIMED_AS] = {"todo", "event"},
    [CHOICE_CREDIT] = {"warn", "enforce"},
    [CHOICE_ACCESS] = {"open", "owned"},
    [CHOICE_CURSOR] = {"bar", "arrow"},
};

#define OFF(field) offsetof(struct tcrm_config, field)

/* In file order; stages come before probabilities on purpose. */
static const struct key_def key_table[] = {
    {"database", "path", KIND_TEXT, OFF(db_path), 0, 0, N_("a file path")},
    {"database", "busy_timeout", KIND_INT, OFF(busy_timeout_ms), 0, 600000,
     NULL},
    {"user", "name", KIND_TEXT, OFF(user), 0, 0, N_("a user name")},
    {"display", "date_format", KIND_DATEFMT, OFF(date_format), 0, 0,
     N_("a strftime format such as %Y-%m-%d")},
    {"display", "colors", KIND_COLORS, 0, 0, 0, N_("auto, yes or no")},
    {"display", "language", KIND_LANGUAGE, OFF(language), 0, 0,
     N_("a language such as zh_CN or en, or \"\" for the environment's")},
    {"display", "cursor", KIND_CHOICE, OFF(cursor_arrow), CHOICE_CURSOR, 0,
     N_("bar or arrow")},
    {"pipeline", "stages", KIND_STAGES, 0, 0, 0,
     N_("1 to 16 stage names separated by commas")},
    {"pipeline", "probabilities", KIND_PROBS, 0, 0, 100,
     N_("one percent from 0 to 100 per stage, separated by commas")},
    {"pipeline", "currency", KIND_CURRENCY, OFF(currency), 0, 0,
     N_("3 upper-case letters such as EUR")},
    {"reminders", "days_ahead", KIND_INT, OFF(days_ahead), 1, 365, NULL},
    {"reminders", "quiet_days", KIND_INT, OFF(quiet_days), 1, 3650, NULL},
    {"reports", "print_command", KIND_TEXT, OFF(print_command), 0, 0,
     N_("a command such as lpr")},
    {"import", "max_field_mb", KIND_INT, OFF(max_field_mb), 1, 64, NULL},
    {"import", "max_row_mb", KIND_INT, OFF(max_row_mb), 1, 256, NULL},
    {"calendar", "timed_as", KIND_CHOICE, OFF(calendar_timed_as_event),
     CHOICE_TIMED_AS, 0, N_("todo or event")},
    {"calendar", "alarm_minutes", KIND_INT, OFF(calendar_alarm_minutes), 0,
     10080, NULL},
    {"sales", "quote_number", KIND_TEXT, OFF(quote_number), 0, 0,
     "a number pattern such as Q%Y-%04n"},
    {"sales", "order_number", KIND_TEXT, OFF(order_number), 0, 0,
     "a number pattern such as O%Y-%04n"},
    {"sales", "delivery_number", KIND_TEXT, OFF(delivery_number), 0, 0,
     "a number pattern such as D%Y-%04n"},
    {"sales", "max_discount", KIND_INT, OFF(max_discount), 0, 100, NULL},
    {"sales", "invoice_number", KIND_TEXT, OFF(invoice_number), 0, 0,
     "a number pattern such as I%Y-%04n"},
    {"sales", "payment_number", KIND_TEXT, OFF(payment_number), 0, 0,
     "a number pattern such as R%Y-%04n"},
    {"sales", "payment_days", KIND_INT, OFF(payment_days), 0, 3650, NULL},
    {"sales", "base_currency", KIND_CURRENCY, OFF(base_currency), 0, 0,
     N_("3 upper-case letters such as EUR")},
    {"sales", "credit_limit", KIND_CHOICE, OFF(credit_enforce),
     CHOICE_CREDIT, 0, N_("warn or enforce")},
    {"service", "ticket_number", KIND_TEXT, OFF(ticket_number), 0, 0,
     "a number pattern such as T%Y-%04n"},
    {"service", "response_hours_low", KIND_INT, OFF(response_hours[0]), 1,
     8760, NULL},
    {"service", "response_hours_normal", KIND_INT, OFF(response_hours[1]), 1,
     8760, NULL},
    {"service", "response_hours_high", KIND_INT, OFF(response_hours[2]), 1,
     8760, NULL},
    {"service", "response_hours_urgent", KIND_INT, OFF(response_hours[3]), 1,
     8760, NULL},
    {"service", "resolve_hours_low", KIND_INT, OFF(resolve_hours[0]), 1,
     8760, NULL},
    {"service", "resolve_hours_normal", KIND_INT, OFF(resolve_hours[1]), 1,
     8760, NULL},
    {"service", "resolve_hours_high", KIND_INT, OFF(resolve_hours[2]), 1,
     8760, NULL},
    {"service", "resolve_hours_urgent", KIND_INT, OFF(resolve_hours[3]), 1,
     8760, NULL},
    {"service", "warn_hours", KIND_INT, OFF(ticket_warn_hours), 0, 8760,
     NULL},
    {"company", "name", KIND_TEXT, OFF(company_name), 0, 0,
     N_("your company's name")},
    {"company", "address", KIND_TEXT, OFF(company_address), 0, 0,
     N_("an address")},
    {"company", "phone", KIND_TEXT, OFF(company_phone), 0, 0,
     N_("a phone number")},
    {"company", "email", KIND_TEXT, OFF(company_email), 0, 0,
     N_("an e-mail address")},
    {"company", "tax_id", KIND_TEXT, OFF(company_tax_id), 0, 0,
     N_("a tax number")},
    {"company", "bank", KIND_TEXT, OFF(company_bank), 0, 0,
     N_("a bank and account number")},
    {"attachments", "max_mb", KIND_INT, OFF(attach_max_mb), 1, 1024, NULL},
    {"access", "mode", KIND_CHOICE, OFF(access_mode),
     CHOICE_ACCESS, 0, N_("open or owned")},
    {"access", "pool_after_days", KIND_INT, OFF(pool_after_days), 0, 3650,
     NULL},
};
#define N_KEYS (sizeof key_table / sizeof key_table[0])

static const char *const section_names[] = {"database", "user", "display",
                                            "pipeline", "reminders",
                                            "reports", "import",
                                            "calendar", "sales",
                                            "company", "service",
                                            "attachments", "access"};
#define N_SECTIONS (sizeof section_names / sizeof section_names[0])

#define STR_FIELD(cfg, off) ((char **)(void *)((char *)(cfg) + (off)))
#define INT_FIELD(cfg, off) ((int *)(void *)((char *)(cfg) + (off)))

/* ---------------------------------------------------------------- memory */

/* The [company] strings. */
static const size_t company_off[TCRM_CONFIG_COMPANY_KEYS] = {
    OFF(company_name), OFF(company_address), OFF(company_phone),
    OFF(company_email), OFF(company_tax_id), OFF(company_bank)};
#define company_field(cfg, i) STR_FIELD(cfg, company_off[i])

static int set_str(char **field, const char *value)
{
    char *copy = value ? strdup(value) : NULL;
    if (value && !copy)
        return TCRM_ENOMEM;
    free(*field);
    *field = copy;
    return 0;
}

static void free_stages(struct tcrm_config *cfg)
{
    for (size_t i = 0; i < TCRM_MAX_STAGES; i++) {
        free(cfg->stages[i]);
        cfg->stages[i] = NULL;
    }
    cfg->n_stages = 0;
}

void tcrm_config_free(struct tcrm_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->path);
    free(cfg->db_path);
    free(cfg->user);
    free(cfg->date_format);
    free(cfg->language);
    free(cfg->currency);
    free(cfg->print_command);
    free(cfg->quote_number);
    free(cfg->order_number);
    free(cfg->delivery_number);
    free(cfg->invoice_number);
    free(cfg->payment_number);
    free(cfg->base_currency);
    free(cfg->ticket_number);
    for (size_t i = 0; i < TCRM_CONFIG_COMPANY_KEYS; i++)
        free(*company_field(cfg, i));
    free_stages(cfg);
    memset(cfg, 0, sizeof *cfg);
}

/* Deep copy of src into dst (dst is overwritten, not freed). */
static int config_copy(struct tcrm_config *dst, const struct tcrm_config *src)
{
    *dst = *src;
    dst->path = dst->db_path = dst->user = dst->date_format = NULL;
    dst->language = NULL;
    dst->currency = dst->print_command = dst->quote_number = NULL;
    dst->order_number = dst->delivery_number = NULL;
    dst->invoice_number = dst->payment_number = dst->base_currency = NULL;
    dst->ticket_number = NULL;
    for (size_t i = 0; i < TCRM_CONFIG_COMPANY_KEYS; i++)
        *company_field(dst, i) = NULL;
    memset(dst->stages, 0, sizeof dst->stages);
    if (set_str(&dst->path, src->path) || set_str(&dst->db_path, src->db_path)
        || set_str(&dst->user, src->user)
        || set_str(&dst->date_format, src->date_format)
        || set_str(&dst->language, src->language)
        || set_str(&dst->currency, src->currency)
        || set_str(&dst->print_command, src->print_command)
        || set_str(&dst->quote_number, src->quote_number)
        || set_str(&dst->order_number, src->order_number)
        || set_str(&dst->delivery_number, src->delivery_number)
        || set_str(&dst->invoice_number, src->invoice_number)
        || set_str(&dst->payment_number, src->payment_number)
        || set_str(&dst->base_currency, src->base_currency)
        || set_str(&dst->ticket_number, src->ticket_number))
        goto nomem;
    for (size_t i = 0; i < TCRM_CONFIG_COMPANY_KEYS; i++)
        if (set_str(company_field(dst, i), *company_field(src, i)))
            goto nomem;
    for (size_t i = 0; i < src->n_stages; i++)
        if (set_str(&dst->stages[i], src->stages[i]))
            goto nomem;
    return 0;
nomem:
    tcrm_config_free(dst);
    return TCRM_ENOMEM;
}

/* -------------------------------------------------------------- defaults */

static const char *default_user(void)
{
    const char *name = getenv("USER");
    if (name && *name)
        return name;
    static struct tcrm_os_identity me;
    if (tcrm_os_identity(&me, NULL) == 0)
        return me.login;
    return "unknown";
}

int tcrm_config_defaults(struct tcrm_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->busy_timeout_ms = 5000;
    cfg->colors = TCRM_COLORS_AUTO;
    cfg->days_ahead = 7;
    cfg->quiet_days = 30;
    cfg->max_field_mb = 1;
    cfg->max_row_mb = 16;
    cfg->calendar_alarm_minutes = 15;
    cfg->attach_max_mb = 20;
    if (set_str(&cfg->user, default_user())
        || set_str(&cfg->date_format, "%Y-%m-%d")
        || set_str(&cfg->language, "")
        || set_str(&cfg->currency, "EUR")
        || set_str(&cfg->print_command, "lpr")
        || set_str(&cfg->quote_number, "Q%Y-%04n")
        || set_str(&cfg->order_number, "O%Y-%04n")
        || set_str(&cfg->delivery_number, "D%Y-%04n")
        || set_str(&cfg->invoice_number, "I%Y-%04n")
        || set_str(&cfg->payment_number, "R%Y-%04n")
        || set_str(&cfg->base_currency, "CNY")
        || set_str(&cfg->ticket_number, "T%Y-%04n"))
        goto nomem;
    static const int respond[4] = { 72, 24, 8, 2 }, resolve[4] = { 240, 120,
                                                                    48, 8 };
    memcpy(cfg->response_hours, respond, sizeof respond);
    memcpy(cfg->resolve_hours, resolve, sizeof resolve);
    cfg->ticket_warn_hours = 24;
    cfg->access_mode = -1;
    cfg->pool_after_days = -1;
    cfg->max_discount = 100;
    cfg->payment_days = 30;
    for (size_t i = 0; i < N_DEFAULT_STAGES; i++) {
        if (set_str(&cfg->stages[i], default_stages[i]))
            goto nomem;
        cfg->stage_probability[i] = default_probability[i];
        cfg->n_stages = i + 1;
    }
    return 0;
nomem:
    tcrm_config_free(cfg);
    return TCRM_ENOMEM;
}

/* ------------------------------------------------------------- the scan */

struct scan {
    const char *path;
    int section;               /* index in section_names; -1 before any */
    unsigned line_of[N_KEYS];  /* where each key was set; 0: not set */
    struct tcrm_error *err;
};

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static void list_known(char *buf, size_t size, const char *section)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < (section ? N_KEYS : N_SECTIONS); i++) {
        const char *name = section ? key_table[i].name : section_names[i];
        if (section && strcmp(key_table[i].section, section) != 0)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                         name);
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
}

static int scan_section(struct scan *sc, char *line, unsigned lineno)
{
    size_t len = strlen(line);
    if (line[len - 1] != ']')
        return tcrm_error_set(sc->err, TCRM_EINVAL,
                              "%s:%u: expected '[section]' with nothing "
                              "after it", sc->path, lineno);
    line[strcspn(line, "]")] = '\0';
    char *name = trim(line + 1);
    for (size_t i = 0; i < N_SECTIONS; i++) {
        if (strcasecmp(name, section_names[i]) == 0) {
            sc->section = (int)i;
            return 0;
        }
    }
    char known[256];
    list_known(known, sizeof known, NULL);
    return tcrm_error_set(sc->err, TCRM_EINVAL,
                          "%s:%u: [%s]: unknown section (known: %s)",
                          sc->path, lineno, name, known);
}

static int valid_key_name(const char *key)
{
    if (!*key)
        return 0;
    for (; *key; key++)
        if (!isalnum((unsigned char)*key) && !strchr("_.-", *key))
            return 0;
    return 1;
}

static int scan_key(struct scan *sc, char *line, unsigned lineno)
{
    char *eq = strchr(line, '=');
    if (!eq)
        return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: expected 'key = "
                              "value' or '[section]'", sc->path, lineno);
    *eq = '\0';
    char *key = trim(line);
    if (!valid_key_name(key))
        return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: expected 'key = "
                              "value' or '[section]'", sc->path, lineno);
    if (sc->section < 0)
        return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: key '%s' comes "
                              "before any [section]", sc->path, lineno, key);
    const char *section = section_names[sc->section];
    for (size_t i = 0; i < N_KEYS; i++) {
        if (strcmp(key_table[i].section, section) != 0
            || strcasecmp(key_table[i].name, key) != 0)
            continue;
        if (sc->line_of[i])
            return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: [%s] %s: "
                                  "already set on line %u", sc->path, lineno,
                                  section, key_table[i].name, sc->line_of[i]);
        sc->line_of[i] = lineno;
        return 0;
    }
    char known[256];
    list_known(known, sizeof known, section);
    return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: [%s] %s: unknown key "
                          "(known: %s)", sc->path, lineno, section, key, known);
}

static int scan_line(struct scan *sc, char *line, unsigned lineno)
{
    if (strlen(line) > MAX_LINE_BYTES)
        return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: line longer than "
                              "%d bytes", sc->path, lineno, MAX_LINE_BYTES);
    line = trim(line);
    size_t len = strlen(line);
    if (len == 0 || line[0] == ';' || line[0] == '#') {
        if (len > 0 && line[len - 1] == '\\')
            goto backslash;
        return 0;
    }
    if (line[len - 1] == '\\')
        goto backslash;
    if (line[0] == '[')
        return scan_section(sc, line, lineno);
    return scan_key(sc, line, lineno);
backslash:
    return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:%u: a line may not end "
                          "with '\\' (continued lines are not supported)",
                          sc->path, lineno);
}

/* Check every line of text (modified in place). */
static int scan_text(struct scan *sc, char *text, size_t len)
{
    if (memchr(text, '\0', len))
        return tcrm_error_set(sc->err, TCRM_EINVAL, "%s: contains a NUL "
                              "byte; expected a text file", sc->path);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        return tcrm_error_set(sc->err, TCRM_EINVAL, "%s:1: starts with a "
                              "byte order mark; save it as UTF-8 without "
                              "one", sc->path);
    char *line = text;
    for (unsigned lineno = 1; line; lineno++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        int rc = scan_line(sc, line, lineno);
        if (rc)
            return rc;
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

/* --------------------------------------------------------------- values */

struct place {
    const char *path;
    unsigned line;
    const struct key_def *def;
    struct tcrm_error *err;
};

static int bad_config_value(const struct place *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "FILE:LINE: [section] key: WHAT", WHAT made from fmt in the user's
 * language (fmt is a keyword of xgettext: po/xgettext.args). */
static int bad_config_value(const struct place *p, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, _(fmt), ap);
    va_end(ap);
    return tcrm_error_set(p->err, TCRM_EINVAL, "%s:%u: [%s] %s: %s", p->path,
                          p->line, p->def->section, p->def->name, what);
}

/* A whole decimal number in [min, max]; 0 or -1. */
static int parse_int(const char *s, int min, int max, int *out)
{
    const char *d = (*s == '-' || *s == '+') ? s + 1 : s;
    if (!isdigit((unsigned char)*d))
        return -1;
    for (; *d; d++)
        if (!isdigit((unsigned char)*d))
            return -1;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

static int apply_colors(const struct place *p, const char *v,
                        struct tcrm_config *cfg)
{
    static const char *const on[] = {"yes", "true", "on", "1"};
    static const char *const off[] = {"no", "false", "off", "0"};
    if (strcasecmp(v, "auto") == 0) {
        cfg->colors = TCRM_COLORS_AUTO;
        return 0;
    }
    for (size_t i = 0; i < sizeof on / sizeof on[0]; i++) {
        if (strcasecmp(v, on[i]) == 0) {
            cfg->colors = TCRM_COLORS_ON;
            return 0;
        }
        if (strcasecmp(v, off[i]) == 0) {
            cfg->colors = TCRM_COLORS_OFF;
            return 0;
        }
    }
    return bad_config_value(p, "'%s' is not auto, yes or no", v);
}

/* Split a comma list in place into trimmed items (the first max of them
 * land in items); returns how many there are, or -1 on an empty item. */
static int split_list(char *s, char **items, int max)
{
    int n = 0;
    for (char *item = s; item; n++) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        char *t = trim(item);
        if (!*t)
            return -1;
        if (n < max)
            items[n] = t;
        item = comma ? comma + 1 : NULL;
    }
    return n;
}

static int old_probability(const struct tcrm_config *cfg, const char *name)
{
    int i = tcrm_config_stage_index(cfg, name);
    return i < 0 ? 0 : cfg->stage_probability[i];
}

static int apply_stages(const struct place *p, const char *v,
                        struct tcrm_config *cfg)
{
    char buf[MAX_LINE_BYTES + 1], *names[TCRM_MAX_STAGES];
    snprintf(buf, sizeof buf, "%s", v);
    int n = split_list(buf, names, TCRM_MAX_STAGES);
    if (n < 0)
        return bad_config_value(p, "empty stage name in '%s'", v);
    if (n > TCRM_MAX_STAGES)
        return bad_config_value(p, "%d stages; at most %d are allowed", n,
                         TCRM_MAX_STAGES);
    struct tcrm_config fresh = {0};
    for (int i = 0; i < n; i++) {
        if (strlen(names[i]) > MAX_STAGE_BYTES)
            return bad_config_value(p, "stage name '%s' is longer than "
                                    "%d bytes",
                             names[i], MAX_STAGE_BYTES);
        for (int j = 0; j < i; j++)
            if (strcasecmp(names[i], names[j]) == 0)
                return bad_config_value(p, "stage '%s' is listed twice",
                                        names[i]);
    }
    for (int i = 0; i < n; i++) {
        if (set_str(&fresh.stages[i], names[i])) {
            free_stages(&fresh);
            return tcrm_error_set(p->err, TCRM_ENOMEM, "out of memory");
        }
        fresh.stage_probability[i] = old_probability(cfg, names[i]);
    }
    free_stages(cfg);
    memcpy(cfg->stages, fresh.stages, sizeof cfg->stages);
    memcpy(cfg->stage_probability, fresh.stage_probability,
           sizeof cfg->stage_probability);
    cfg->n_stages = (size_t)n;
    return 0;
}

static int apply_probs(const struct place *p, const char *v,
                       struct tcrm_config *cfg)
{
    char buf[MAX_LINE_BYTES + 1], *items[TCRM_MAX_STAGES];
    int pct[TCRM_MAX_STAGES];
    snprintf(buf, sizeof buf, "%s", v);
    int n = split_list(buf, items, TCRM_MAX_STAGES);
    if (n < 0)
        return bad_config_value(p, "empty percent in '%s'", v);
    for (int i = 0; i < n && i < TCRM_MAX_STAGES; i++)
        if (parse_int(items[i], 0, 100, &pct[i]))
            return bad_config_value(p, "'%s' is not a whole number from "
                                    "0 to 100",
                             items[i]);
    if ((size_t)n != cfg->n_stages)
        return bad_config_value(p, "%d values for %zu stages; expected one "
                         "percent per stage", n, cfg->n_stages);
    memcpy(cfg->stage_probability, pct, (size_t)n * sizeof pct[0]);
    return 0;
}

static int check_currency(const char *v)
{
    if (strlen(v) != 3)
        return -1;
    for (int i = 0; i < 3; i++)
        if (v[i] < 'A' || v[i] > 'Z')
            return -1;
    return 0;
}

static int check_datefmt(const char *v)
{
    struct tm tm = {.tm_year = 124, .tm_mon = 0, .tm_mday = 31,
                    .tm_hour = 12, .tm_wday = 3, .tm_yday = 30};
    char out[128];
    return strftime(out, sizeof out, v, &tm) == 0 ? -1 : 0;
}

/* zh_CN, zh_CN.UTF-8, en, en_US, sr@latin, zh-Hans: at most 64 bytes,
 * starting with a letter, of letters, '_', '-', '.' and '@' only (the
 * value goes into LANGUAGE; a '/' could name a file). */
static int check_language(const char *v)
{
    size_t n = strlen(v);
    if (n > 64 || !isalpha((unsigned char)v[0]))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)v[i]) && !strchr("_-.@", v[i]))
            return -1;
    return 0;
}

static int apply_value(const struct place *p, const char *v,
                       struct tcrm_config *cfg)
{
    const struct key_def *d = p->def;
    int n;
    switch (d->kind) {
    case KIND_INT:
        if (parse_int(v, d->min, d->max, &n))
            return bad_config_value(p, "'%s' is not a whole number "
                                    "from %d to %d",
                             v, d->min, d->max);
        *INT_FIELD(cfg, d->offset) = n;
        return 0;
    case KIND_COLORS:
        return apply_colors(p, v, cfg);
    case KIND_STAGES:
        return apply_stages(p, v, cfg);
    case KIND_PROBS:
        return apply_probs(p, v, cfg);
    case KIND_CURRENCY:
        if (check_currency(v))
            return bad_config_value(p, "'%s' is not %s", v, _(d->expected));
        break;
    case KIND_DATEFMT:
        if (check_datefmt(v))
            return bad_config_value(p, "'%s' gives an empty date or one longer "
                             "than 127 bytes", v);
        break;
    case KIND_CHOICE: {
        const char *const *w = choice_words[d->min];
        if (strcmp(v, w[0]) && strcmp(v, w[1]))
            return bad_config_value(p, "'%s' is not %s", v, _(d->expected));
        *INT_FIELD(cfg, d->offset) = !strcmp(v, w[1]);
        return 0;
    }
    case KIND_LANGUAGE:
        if (check_language(v))
            return bad_config_value(p, "'%s' is not %s", v, _(d->expected));
        break;
    case KIND_TEXT:
        break;
    }
    if (set_str(STR_FIELD(cfg, d->offset), v))
        return tcrm_error_set(p->err, TCRM_ENOMEM, "out of memory");
    return 0;
}

static int apply_key(const struct place *p, dictionary *dict,
                     struct tcrm_config *cfg)
{
    char name[64];
    snprintf(name, sizeof name, "%s:%s", p->def->section, p->def->name);
    const char *v = iniparser_getstring(dict, name, NULL);
    if (p->def->kind == KIND_LANGUAGE && v && !*v) /* "": the environment's */
        return set_str(STR_FIELD(cfg, p->def->offset), "")
                   ? tcrm_error_set(p->err, TCRM_ENOMEM, "out of memory") : 0;
    if (!v || !*v) {
        if (p->def->kind == KIND_INT)
            return bad_config_value(p, "empty value; expected a whole "
                                    "number from "
                             "%d to %d", p->def->min, p->def->max);
        return bad_config_value(p, "empty value; expected %s",
                                _(p->def->expected));
    }
    return apply_value(p, v, cfg);
}

/* ------------------------------------------------------------- loading */

static int silent(const char *fmt, ...)
{
    (void)fmt;
    return 0;
}

static int apply_file(const struct scan *sc, struct tcrm_config *cfg)
{
    iniparser_set_error_callback(silent);
    dictionary *dict = iniparser_load(sc->path);
    iniparser_set_error_callback(NULL);
    if (!dict)
        return tcrm_error_set(sc->err, TCRM_EIO, "%s: cannot read: the INI "
                              "parser refused it", sc->path);
    int rc = 0;
    for (size_t i = 0; i < N_KEYS && rc == 0; i++) {
        if (!sc->line_of[i])
            continue;
        struct place p = {sc->path, sc->line_of[i], &key_table[i], sc->err};
        rc = apply_key(&p, dict, cfg);
    }
    iniparser_freedict(dict);
    return rc;
}

int tcrm_config_load_file(const char *path, struct tcrm_config *cfg,
                          struct tcrm_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = tcrm_config_read_text(path, &text, &len, err);
    if (rc)
        return rc;
    struct scan sc = {.path = path, .section = -1, .err = err};
    rc = scan_text(&sc, text, len);
    free(text);
    if (rc)
        return rc;
    struct tcrm_config next;
    if (config_copy(&next, cfg) || set_str(&next.path, path)) {
        tcrm_config_free(&next);
        return tcrm_error_set(err, TCRM_ENOMEM, "%s: out of memory", path);
    }
    rc = apply_file(&sc, &next);
    if (rc) {
        tcrm_config_free(&next);
        return rc;
    }
    tcrm_config_free(cfg);
    *cfg = next;
    return 0;
}
