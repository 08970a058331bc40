/*
 * test_config.c: src/config (include/tcrm/config.h).
 *
 * Every test runs inside a fresh temporary folder (mkdtemp), which is
 * also the working directory, with HOME pointing into it and the other
 * variables the module reads (XDG_CONFIG_HOME, XDG_DATA_HOME, TCRM_CONFIG,
 * TCRM_DB) unset, and the system file (/etc/tcrm/tcrm.conf) redirected
 * through the seam in config_internal.h. So nothing depends on the real
 * home folder or /etc.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_internal.h"
#include "tcrm/config.h"

#ifndef TCRM_SOURCE_ROOT
#error "TCRM_SOURCE_ROOT must be defined by meson"
#endif

static char tmp[PATH_MAX];
static char oldcwd[PATH_MAX];
static char sysfile[PATH_MAX + 32];

/* tmp/rel in a rotating static buffer (enough for one assertion). */
static const char *at(const char *rel)
{
    static char bufs[4][PATH_MAX + 256];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmp, rel);
    return b;
}

static void mkdirs_for(const char *path)
{
    char buf[PATH_MAX + 256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0700);
            *p = '/';
        }
    }
}

/* Write text (len bytes, or strlen when len is 0) to tmp/rel. */
static const char *put(const char *rel, const char *text, size_t len)
{
    const char *path = at(rel);
    mkdirs_for(path);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    size_t n = len ? len : strlen(text);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static int rm_one(const char *path, const struct stat *st, int flag,
                  struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/tcrm-config-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(tmp) || !getcwd(oldcwd, sizeof oldcwd) || chdir(tmp) != 0)
        return -1;
    setenv("HOME", at("home"), 1);
    mkdir(at("home"), 0700);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DATA_HOME");
    unsetenv("TCRM_CONFIG");
    unsetenv("TCRM_DB");
    setenv("USER", "tester", 1);
    snprintf(sysfile, sizeof sysfile, "%s/etc/tcrm/tcrm.conf", tmp);
    tcrm_config_system_file = sysfile;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (chdir(oldcwd) != 0)
        return -1;
    return nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void assert_same_config(const struct tcrm_config *a,
                               const struct tcrm_config *b)
{
    if (a->db_path || b->db_path)
        assert_string_equal(a->db_path ? a->db_path : "(null)",
                            b->db_path ? b->db_path : "(null)");
    assert_int_equal(a->busy_timeout_ms, b->busy_timeout_ms);
    assert_string_equal(a->user, b->user);
    assert_string_equal(a->date_format, b->date_format);
    assert_string_equal(a->language, b->language);
    assert_int_equal(a->colors, b->colors);
    assert_int_equal(a->cursor_arrow, b->cursor_arrow);
    assert_int_equal(a->n_stages, b->n_stages);
    for (size_t i = 0; i < a->n_stages; i++) {
        assert_string_equal(a->stages[i], b->stages[i]);
        assert_int_equal(a->stage_probability[i], b->stage_probability[i]);
    }
    assert_string_equal(a->currency, b->currency);
    assert_int_equal(a->days_ahead, b->days_ahead);
    assert_int_equal(a->quiet_days, b->quiet_days);
    assert_string_equal(a->print_command, b->print_command);
    assert_int_equal(a->access_mode, b->access_mode);
    assert_int_equal(a->pool_after_days, b->pool_after_days);
}

/* ------------------------------------------------------------ defaults */

static void test_defaults(void **state)
{
    (void)state;
    struct tcrm_config c;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_null(c.path);
    assert_null(c.db_path);
    assert_int_equal(c.busy_timeout_ms, 5000);
    assert_string_equal(c.user, "tester");
    assert_string_equal(c.date_format, "%Y-%m-%d");
    assert_string_equal(c.language, "");
    assert_int_equal(c.colors, TCRM_COLORS_AUTO);
    assert_int_equal(c.cursor_arrow, 0);
    assert_int_equal(c.n_stages, 4);
    const char *names[] = {"Lead", "Qualified", "Proposal", "Negotiation"};
    const int pct[] = {10, 25, 50, 75};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(c.stages[i], names[i]);
        assert_int_equal(c.stage_probability[i], pct[i]);
    }
    assert_null(c.stages[4]);
    assert_string_equal(c.currency, "EUR");
    assert_int_equal(c.days_ahead, 7);
    assert_int_equal(c.calendar_timed_as_event, 0);
    assert_int_equal(c.calendar_alarm_minutes, 15);
    assert_int_equal(c.access_mode, -1);     /* not set: init's default */
    assert_int_equal(c.pool_after_days, -1);
    assert_int_equal(c.quiet_days, 30);
    assert_string_equal(c.print_command, "lpr");
    tcrm_config_free(&c);
    tcrm_config_free(&c); /* zeroed: freeing again is harmless */
    tcrm_config_free(NULL);
}

static void test_default_user_without_USER(void **state)
{
    (void)state;
    struct tcrm_config c;
    setenv("USER", "", 1);
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_non_null(c.user);
    assert_true(strlen(c.user) > 0);
    assert_string_not_equal(c.user, "");
    tcrm_config_free(&c);
    unsetenv("USER");
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_true(strlen(c.user) > 0);
    tcrm_config_free(&c);
}

static void test_stage_index(void **state)
{
    (void)state;
    struct tcrm_config c;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_stage_index(&c, "Lead"), 0);
    assert_int_equal(tcrm_config_stage_index(&c, "lead"), 0);
    assert_int_equal(tcrm_config_stage_index(&c, "NEGOTIATION"), 3);
    assert_int_equal(tcrm_config_stage_index(&c, "Won"), -1);
    assert_int_equal(tcrm_config_stage_index(&c, ""), -1);
    assert_int_equal(tcrm_config_stage_index(&c, NULL), -1);
    assert_int_equal(tcrm_config_stage_index(NULL, "Lead"), -1);
    tcrm_config_free(&c);
}

/* ------------------------------------------------------------ good files */

static void test_all_keys(void **state)
{
    (void)state;
    put("all.conf",
        "; comment\r\n# comment\r\n\r\n  [Database]  \r\n"
        "Path = ~/crm/x.db\r\nbusy_timeout = 0\r\n"
        "[user]\r\nname = \"Ann Lee\"  ; trailing comment\r\n"
        "[display]\r\ndate_format = \"%d.%m.%Y\"\r\nCOLORS = Off\r\n"
        "cursor = arrow\r\n"
        "[pipeline]\r\nprobabilities = 5, 95 ,0\r\n"
        "stages =  Lead , Won,Lost  \r\ncurrency = USD\r\n"
        "[reminders]\r\ndays_ahead = 365\r\nquiet_days = 3650\r\n"
        "[reports]\r\nprint_command = lp -d office # printer\r\n"
        "[calendar]\r\ntimed_as = event\r\nalarm_minutes = 0\r\n"
        "[access]\r\nmode = owned\r\npool_after_days = 0\r\n", 0);
    struct tcrm_config c;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_load_file("all.conf", &c, &e), 0);
    assert_string_equal(c.path, "all.conf");
    assert_string_equal(c.db_path, "~/crm/x.db");
    assert_int_equal(c.busy_timeout_ms, 0);
    assert_string_equal(c.user, "Ann Lee");
    assert_string_equal(c.date_format, "%d.%m.%Y");
    assert_int_equal(c.colors, TCRM_COLORS_OFF);
    assert_int_equal(c.cursor_arrow, 1);
    assert_int_equal(c.n_stages, 3);
    assert_string_equal(c.stages[0], "Lead");
    assert_string_equal(c.stages[1], "Won");
    assert_string_equal(c.stages[2], "Lost");
    assert_null(c.stages[3]);
    assert_int_equal(c.stage_probability[0], 5);
    assert_int_equal(c.stage_probability[1], 95);
    assert_int_equal(c.stage_probability[2], 0);
    assert_string_equal(c.currency, "USD");
    assert_int_equal(c.days_ahead, 365);
    assert_int_equal(c.quiet_days, 3650);
    assert_string_equal(c.print_command, "lp -d office");
    assert_int_equal(c.calendar_timed_as_event, 1);
    assert_int_equal(c.calendar_alarm_minutes, 0);
    assert_int_equal(c.access_mode, 1);
    assert_int_equal(c.pool_after_days, 0);
    tcrm_config_free(&c);
}

/* [display] language: a code for LANGUAGE, or "" for the environment. */
static void test_language(void **state)
{
    (void)state;
    static const struct { const char *line, *want; } t[] = {
        {"language = zh_CN", "zh_CN"},
        {"language = zh_CN.UTF-8", "zh_CN.UTF-8"},
        {"language = en", "en"},
        {"language = sr@latin", "sr@latin"},
        {"language = zh-Hans", "zh-Hans"},
        {"language = \"\"", ""},
        {"language =", ""},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char text[96];
        snprintf(text, sizeof text, "[display]\n%s\n", t[i].line);
        put("l.conf", text, 0);
        struct tcrm_config c;
        struct tcrm_error e;
        assert_int_equal(tcrm_config_defaults(&c), 0);
        free(c.language);
        c.language = strdup("fr");
        if (tcrm_config_load_file("l.conf", &c, &e) != 0)
            fail_msg("%s: %s", t[i].line, e.msg);
        assert_string_equal(c.language, t[i].want);
        tcrm_config_free(&c);
    }
}

static void test_colors_words(void **state)
{
    (void)state;
    static const struct { const char *word; enum tcrm_colors want; } t[] = {
        {"auto", TCRM_COLORS_AUTO}, {"AUTO", TCRM_COLORS_AUTO},
        {"yes", TCRM_COLORS_ON},    {"true", TCRM_COLORS_ON},
        {"On", TCRM_COLORS_ON},     {"1", TCRM_COLORS_ON},
        {"no", TCRM_COLORS_OFF},    {"FALSE", TCRM_COLORS_OFF},
        {"off", TCRM_COLORS_OFF},   {"0", TCRM_COLORS_OFF},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "[display]\ncolors = %s\n", t[i].word);
        put("c.conf", text, 0);
        struct tcrm_config c;
        struct tcrm_error e;
        assert_int_equal(tcrm_config_defaults(&c), 0);
        c.colors = t[i].want == TCRM_COLORS_ON ? TCRM_COLORS_OFF
                                                : TCRM_COLORS_ON;
        assert_int_equal(tcrm_config_load_file("c.conf", &c, &e), 0);
        assert_int_equal(c.colors, t[i].want);
        tcrm_config_free(&c);
    }
}

/* New stages without probabilities keep the percent of a stage of the
 * same name (any case) and get 0 otherwise. */
static void test_stages_keep_known_percent(void **state)
{
    (void)state;
    put("s.conf", "[pipeline]\nstages = New, proposal, Lead\n", 0);
    struct tcrm_config c;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_load_file("s.conf", &c, &e), 0);
    assert_int_equal(c.n_stages, 3);
    assert_string_equal(c.stages[1], "proposal");
    assert_int_equal(c.stage_probability[0], 0);
    assert_int_equal(c.stage_probability[1], 50);
    assert_int_equal(c.stage_probability[2], 10);
    assert_null(c.stages[3]);
    tcrm_config_free(&c);
}

static void test_sixteen_stages(void **state)
{
    (void)state;
    put("s.conf", "[pipeline]\nstages = a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p\n"
        "probabilities = 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,100\n", 0);
    struct tcrm_config c;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_load_file("s.conf", &c, &e), 0);
    assert_int_equal(c.n_stages, 16);
    assert_string_equal(c.stages[15], "p");
    assert_int_equal(c.stage_probability[15], 100);
    assert_int_equal(tcrm_config_stage_index(&c, "P"), 15);
    tcrm_config_free(&c);
}

/* A second file goes over the first: only the keys it sets change. */
static void test_layered_files(void **state)
{
    (void)state;
    put("one.conf", "[pipeline]\ncurrency = USD\n", 0);
    put("two.conf", "[reminders]\ndays_ahead = 3\n"
        "[reports]\nprint_command = \"lp -d office#2\" ; quoted\n", 0);
    struct tcrm_config c;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_load_file("one.conf", &c, &e), 0);
    assert_int_equal(tcrm_config_load_file("two.conf", &c, &e), 0);
    assert_string_equal(c.currency, "USD");
    assert_int_equal(c.days_ahead, 3);
    assert_string_equal(c.print_command, "lp -d office#2");
    assert_string_equal(c.path, "two.conf");
    tcrm_config_free(&c);
}

static void test_shipped_file_is_the_defaults(void **state)
{
    (void)state;
    const char *path = TCRM_SOURCE_ROOT "/data/tcrm.conf";
    struct tcrm_config c, d;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_defaults(&d), 0);
    c.busy_timeout_ms = c.days_ahead = c.quiet_days = -1; /* must be set */
    c.colors = TCRM_COLORS_OFF;
    int rc = tcrm_config_load_file(path, &c, &e);
    if (rc)
        fail_msg("%s", e.msg);
    assert_string_equal(c.path, path);
    assert_same_config(&c, &d);
    /* and it names every key */
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char text[65536];
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    const char *keys[] = {"[database]", "path =", "busy_timeout =", "[user]",
        "name =", "[display]", "date_format =", "colors =", "cursor =",
        "[pipeline]",
        "stages =", "probabilities =", "currency =", "[reminders]",
        "days_ahead =", "quiet_days =", "[reports]", "print_command =",
        "[import]", "max_field_mb =", "max_row_mb =", "[calendar]",
        "timed_as =", "alarm_minutes =", "[sales]", "quote_number =",
        "order_number =", "delivery_number =", "max_discount =",
        "[company]", ";name =", ";address =", ";phone =", ";email =",
        ";tax_id =", ";bank =", "[access]", ";mode =", ";pool_after_days ="};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strstr(text, keys[i]))
            fail_msg("data/tcrm.conf lacks %s", keys[i]);
    tcrm_config_free(&c);
    tcrm_config_free(&d);
}

/* ------------------------------------------------------------- bad files */

#define B16 "bbbbbbbbbbbbbbbb"
#define NAME65 "B" B16 B16 B16 B16 /* one byte over the limit */
#define NAME60 "B" B16 B16 B16 "bbbbbbbbbbb" /* as an error quotes it */

static const struct bad_case {
    const char *text;
    const char *msg;
} bad_cases[] = {
    {"[database]\ngarbage without equals\n",
     "bad.conf:2: expected 'key = value' or '[section]'"},
    {"[user]\n= ann\n", "bad.conf:2: expected 'key = value' or '[section]'"},
    {"[user]\nfull name = ann\n",
     "bad.conf:2: expected 'key = value' or '[section]'"},
    {"[display\n", "bad.conf:1: expected '[section]' with nothing after it"},
    {"[display] ; colours\n",
     "bad.conf:1: expected '[section]' with nothing after it"},
    {"\n[colour]\n", "bad.conf:2: [colour]: unknown section (known: "
     "database, user, display, pipeline, reminders, reports, import, "
     "calendar, sales, company, service, attachments, access)"},
    {"[]\n", "bad.conf:1: []: unknown section (known: database, user, "
     "display, pipeline, reminders, reports, import, calendar, sales, company, "
     "service, attachments, access)"},
    {"[access]\nmode = shared\n", "bad.conf:2: [access] mode: 'shared' "
     "is not open or owned"},
    {"[access]\npool_after_days = -1\n", "bad.conf:2: [access] "
     "pool_after_days: '-1' is not a whole number from 0 to 3650"},
    {"[sales]\ncredit_limit = stop\n", "bad.conf:2: [sales] credit_limit: "
     "'stop' is not warn or enforce"},
    {"[attachments]\nmax_mb = 0\n", "bad.conf:2: [attachments] max_mb: "
     "'0' is not a whole number from 1 to 1024"},
    {"[attachments]\nmax_mb = 1025\n", "bad.conf:2: [attachments] max_mb: "
     "'1025' is not a whole number from 1 to 1024"},
    {"[calendar]\ntimed_as = meeting\n", "bad.conf:2: [calendar] timed_as: "
     "'meeting' is not todo or event"},
    {"[display]\ncursor = blink\n", "bad.conf:2: [display] cursor: "
     "'blink' is not bar or arrow"},
    {"[calendar]\nalarm_minutes = 10081\n", "bad.conf:2: [calendar] "
     "alarm_minutes: '10081' is not a whole number from 0 to 10080"},
    {"[display]\ncolour = yes\n", "bad.conf:2: [display] colour: unknown "
     "key (known: date_format, colors, language, cursor)"},
    {"[reports]\ndays_ahead = 3\n", "bad.conf:2: [reports] days_ahead: "
     "unknown key (known: print_command)"},
    {"; top\nname = ann\n",
     "bad.conf:2: key 'name' comes before any [section]"},
    {"[display]\ncolors = no\n[Display]\nCOLORS = yes\n",
     "bad.conf:4: [display] colors: already set on line 2"},
    {"[reports]\nprint_command = lpr \\\n  -P office\n",
     "bad.conf:2: a line may not end with '\\' (continued lines are not "
     "supported)"},
    {"\xEF\xBB\xBF[user]\nname = ann\n", "bad.conf:1: starts with a byte "
     "order mark; save it as UTF-8 without one"},
    {"[reminders]\n\n; how long\nquiet_days = soon\n",
     "bad.conf:4: [reminders] quiet_days: 'soon' is not a whole number "
     "from 1 to 3650"},
    {"[reminders]\nquiet_days =\n", "bad.conf:2: [reminders] quiet_days: "
     "empty value; expected a whole number from 1 to 3650"},
    {"[reminders]\ndays_ahead = 0\n", "bad.conf:2: [reminders] days_ahead: "
     "'0' is not a whole number from 1 to 365"},
    {"[reminders]\ndays_ahead = 366\n", "bad.conf:2: [reminders] "
     "days_ahead: '366' is not a whole number from 1 to 365"},
    {"[database]\nbusy_timeout = -1\n", "bad.conf:2: [database] "
     "busy_timeout: '-1' is not a whole number from 0 to 600000"},
    {"[database]\nbusy_timeout = 5e3\n", "bad.conf:2: [database] "
     "busy_timeout: '5e3' is not a whole number from 0 to 600000"},
    {"[database]\nbusy_timeout = 99999999999999999999\n",
     "bad.conf:2: [database] busy_timeout: '99999999999999999999' is not "
     "a whole number from 0 to 600000"},
    {"[database]\npath = ; later\n", "bad.conf:2: [database] path: empty "
     "value; expected a file path"},
    {"[user]\nname = \"\"\n",
     "bad.conf:2: [user] name: empty value; expected a user name"},
    {"[display]\ncolors = maybe\n",
     "bad.conf:2: [display] colors: 'maybe' is not auto, yes or no"},
    {"[display]\ncolors =\n", "bad.conf:2: [display] colors: empty value; "
     "expected auto, yes or no"},
    {"[display]\ndate_format = %c%c%c%c%c%c\n", "bad.conf:2: [display] "
     "date_format: '%c%c%c%c%c%c' gives an empty date or one longer than "
     "127 bytes"},
    {"[pipeline]\nstages = Lead,,Won\n", "bad.conf:2: [pipeline] stages: "
     "empty stage name in 'Lead,,Won'"},
    {"[pipeline]\nstages = Lead, Won,\n", "bad.conf:2: [pipeline] stages: "
     "empty stage name in 'Lead, Won,'"},
    {"[pipeline]\nstages = Lead, Won, lead\n", "bad.conf:2: [pipeline] "
     "stages: stage 'lead' is listed twice"},
    {"[pipeline]\nstages = a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\n",
     "bad.conf:2: [pipeline] stages: 17 stages; at most 16 are allowed"},
    {"[pipeline]\nstages = A, " NAME65 "\n", "bad.conf:2: [pipeline] "
     "stages: stage name '" NAME60 "\xE2\x80\xA6' is longer than 64 bytes"},
    {"[pipeline]\nprobabilities = 10, 20\n", "bad.conf:2: [pipeline] "
     "probabilities: 2 values for 4 stages; expected one percent per stage"},
    {"[pipeline]\nprobabilities = 10, 20, 30, 101\n", "bad.conf:2: "
     "[pipeline] probabilities: '101' is not a whole number from 0 to 100"},
    {"[pipeline]\nprobabilities = 1,2,3\nstages = A, B\n",
     "bad.conf:2: [pipeline] probabilities: 3 values for 2 stages; "
     "expected one percent per stage"},
    {"[pipeline]\nstages = A, B\nprobabilities = 10, x\n", "bad.conf:3: "
     "[pipeline] probabilities: 'x' is not a whole number from 0 to 100"},
    {"[pipeline]\nprobabilities = 10,,20,30\n", "bad.conf:2: [pipeline] "
     "probabilities: empty percent in '10,,20,30'"},
    {"[pipeline]\ncurrency = eur\n", "bad.conf:2: [pipeline] currency: "
     "'eur' is not 3 upper-case letters such as EUR"},
    {"[pipeline]\ncurrency = EURO\n", "bad.conf:2: [pipeline] currency: "
     "'EURO' is not 3 upper-case letters such as EUR"},
    {"[reports]\nprint_command = \"\"\n", "bad.conf:2: [reports] "
     "print_command: empty value; expected a command such as lpr"},
    {"[display]\nlanguage = ../../tmp/x\n", "bad.conf:2: [display] "
     "language: '../../tmp/x' is not a language such as zh_CN or en, or "
     "\"\" for the environment's"},
    {"[display]\nlanguage = zh CN\n", "bad.conf:2: [display] "
     "language: 'zh CN' is not a language such as zh_CN or en, or "
     "\"\" for the environment's"},
    {"[display]\nlanguage = _zh\n", "bad.conf:2: [display] "
     "language: '_zh' is not a language such as zh_CN or en, or "
     "\"\" for the environment's"},
};

static void check_bad(const char *text, size_t len, const char *want)
{
    put("bad.conf", text, len);
    struct tcrm_config c, d;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_defaults(&d), 0);
    int rc = tcrm_config_load_file("bad.conf", &c, &e);
    if (rc != TCRM_EINVAL)
        fail_msg("rc %d for: %s", rc, text);
    assert_int_equal(e.code, TCRM_EINVAL);
    assert_string_equal(e.msg, want);
    assert_null(c.path);           /* cfg left as it was */
    assert_same_config(&c, &d);
    tcrm_config_free(&c);
    tcrm_config_free(&d);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
        check_bad(bad_cases[i].text, 0, bad_cases[i].msg);
}

static void test_bad_long_line_and_nul(void **state)
{
    (void)state;
    char text[1200];
    int n = snprintf(text, sizeof text, "[reports]\nprint_command = ");
    memset(text + n, 'x', 990);
    strcpy(text + n + 990, "\n");
    check_bad(text, 0, "bad.conf:2: line longer than 1000 bytes");
    check_bad("[user]\nna\0me = x\n", 17,
              "bad.conf: contains a NUL byte; expected a text file");
}

static void test_missing_file(void **state)
{
    (void)state;
    struct tcrm_config c;
    struct tcrm_error e;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    assert_int_equal(tcrm_config_load_file("nope.conf", &c, &e), TCRM_EIO);
    assert_string_equal(e.msg, "nope.conf: cannot read: No such file or "
                        "directory");
    mkdir(at("adir"), 0700);
    assert_int_equal(tcrm_config_load_file("adir", &c, &e), TCRM_EINVAL);
    assert_string_equal(e.msg, "adir: is a directory; a config file must be "
                        "a regular file");
    assert_null(c.path);
    tcrm_config_free(&c);
}

/* A FIFO (nobody writing) or a device is refused at once, never waited on,
 * whether named with --config, TCRM_CONFIG or found in the user folder. */
static void test_not_regular(void **state)
{
    (void)state;
    struct tcrm_config c;
    struct tcrm_error e;
    assert_int_equal(mkfifo(at("fifo"), 0600), 0);
    assert_int_equal(tcrm_config_load_file("fifo", &c, &e), TCRM_EINVAL);
    assert_string_equal(e.msg, "fifo: is a pipe (FIFO); a config file must "
                        "be a regular file");
    setenv("TCRM_CONFIG", at("fifo"), 1);
    assert_int_equal(tcrm_config_load(NULL, &c, &e), TCRM_EINVAL);
    tcrm_config_free(&c);
    unsetenv("TCRM_CONFIG");
    mkdir(at("home/.config"), 0700);
    mkdir(at("home/.config/tcrm"), 0700);
    assert_int_equal(mkfifo(at("home/.config/tcrm/tcrm.conf"), 0600), 0);
    assert_int_equal(tcrm_config_load(NULL, &c, &e), TCRM_EINVAL);
    tcrm_config_free(&c);
    assert_int_equal(tcrm_config_load("/dev/zero", &c, &e), TCRM_EINVAL);
    assert_string_equal(e.msg, "/dev/zero: is a character device; a config "
                        "file must be a regular file");
    tcrm_config_free(&c);
}

/* --------------------------------------------------------------- lookup */

static void expect_currency(const char *explicit_path, const char *cur,
                            const char *path)
{
    struct tcrm_config c;
    struct tcrm_error e;
    int rc = tcrm_config_load(explicit_path, &c, &e);
    if (rc)
        fail_msg("%s", e.msg);
    assert_string_equal(c.currency, cur);
    if (path)
        assert_string_equal(c.path, path);
    else
        assert_null(c.path);
    tcrm_config_free(&c);
}

static void test_lookup_order(void **state)
{
    (void)state;
    char expl[PATH_MAX + 256], envf[PATH_MAX + 256];
    snprintf(expl, sizeof expl, "%s",
             put("explicit.conf", "[pipeline]\ncurrency = AAA\n", 0));
    snprintf(envf, sizeof envf, "%s",
             put("env.conf", "[pipeline]\ncurrency = BBB\n", 0));
    put("xdg/tcrm/tcrm.conf", "[pipeline]\ncurrency = CCC\n", 0);
    put("home/.config/tcrm/tcrm.conf", "[pipeline]\ncurrency = DDD\n", 0);
    put("etc/tcrm/tcrm.conf", "[pipeline]\ncurrency = GBP\n", 0);
    setenv("TCRM_CONFIG", envf, 1);
    setenv("XDG_CONFIG_HOME", at("xdg"), 1);

    expect_currency(expl, "AAA", expl);                   /* 1. --config */
    expect_currency(NULL, "BBB", envf);                   /* 2. env */
    setenv("TCRM_CONFIG", "", 1);                         /* empty: unset */
    expect_currency(NULL, "CCC", at("xdg/tcrm/tcrm.conf")); /* 3. XDG */
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);         /* not absolute */
    expect_currency(NULL, "DDD", at("home/.config/tcrm/tcrm.conf"));
    unsetenv("XDG_CONFIG_HOME");                          /* 3. ~/.config */
    expect_currency(NULL, "DDD", at("home/.config/tcrm/tcrm.conf"));
    assert_int_equal(remove(at("home/.config/tcrm/tcrm.conf")), 0);
    expect_currency(NULL, "GBP", sysfile);                /* 4. /etc */
    assert_int_equal(remove(sysfile), 0);
    expect_currency(NULL, "EUR", NULL);                   /* none: fine */
}

static void test_lookup_required_files(void **state)
{
    (void)state;
    put("xdg/tcrm/tcrm.conf", "[pipeline]\ncurrency = CCC\n", 0);
    setenv("XDG_CONFIG_HOME", at("xdg"), 1);
    struct tcrm_config c;
    struct tcrm_error e;
    char want[PATH_MAX + 128];

    setenv("TCRM_CONFIG", at("missing.conf"), 1);
    assert_int_equal(tcrm_config_load(NULL, &c, &e), TCRM_EIO);
    snprintf(want, sizeof want, "%s: cannot read: No such file or directory",
             at("missing.conf"));
    assert_string_equal(e.msg, want);
    assert_string_equal(c.currency, "EUR"); /* still the defaults */
    assert_null(c.path);
    tcrm_config_free(&c);

    assert_int_equal(tcrm_config_load("gone.conf", &c, &e), TCRM_EIO);
    assert_string_equal(e.msg,
                        "gone.conf: cannot read: No such file or directory");
    tcrm_config_free(&c);
}

static void test_lookup_bad_user_file(void **state)
{
    (void)state;
    put("home/.config/tcrm/tcrm.conf", "[display]\n\ncolors = blue\n", 0);
    struct tcrm_config c;
    struct tcrm_error e;
    char want[PATH_MAX + 128];
    assert_int_equal(tcrm_config_load(NULL, &c, &e), TCRM_EINVAL);
    snprintf(want, sizeof want, "%s:3: [display] colors: 'blue' is not "
             "auto, yes or no", at("home/.config/tcrm/tcrm.conf"));
    assert_string_equal(e.msg, want);
    assert_int_equal(c.colors, TCRM_COLORS_AUTO);
    assert_null(c.path);
    tcrm_config_free(&c);
}

/* ---------------------------------------------------- database and dirs */

static void expect_db(const char *explicit_db, const struct tcrm_config *c,
                      const char *want)
{
    char *path = NULL;
    struct tcrm_error e;
    int rc = tcrm_config_db_path(explicit_db, c, &path, &e);
    if (rc)
        fail_msg("%s", e.msg);
    assert_string_equal(path, want);
    free(path);
}

static void test_db_path(void **state)
{
    (void)state;
    struct tcrm_config c;
    assert_int_equal(tcrm_config_defaults(&c), 0);
    expect_db(NULL, &c, at("home/.local/share/tcrm/tcrm.db"));
    expect_db(NULL, NULL, at("home/.local/share/tcrm/tcrm.db"));
    setenv("XDG_DATA_HOME", at("data"), 1);
    expect_db(NULL, &c, at("data/tcrm/tcrm.db"));
    setenv("XDG_DATA_HOME", "not/absolute", 1);
    expect_db(NULL, &c, at("home/.local/share/tcrm/tcrm.db"));
    c.db_path = strdup("~/crm/office.db");
    expect_db(NULL, &c, at("home/crm/office.db"));
    setenv("TCRM_DB", "/srv/crm/shared.db", 1);
    expect_db(NULL, &c, "/srv/crm/shared.db");
    expect_db("~", &c, at("home"));
    expect_db("~/mine.db", &c, at("home/mine.db"));
    expect_db("~bob/x.db", &c, "~bob/x.db");
    expect_db("rel/x.db", &c, "rel/x.db");
    expect_db("", &c, "/srv/crm/shared.db");   /* empty: not given */
    struct stat st;
    assert_int_equal(stat(at("home/.local"), &st), -1); /* nothing made */
    assert_int_equal(stat(at("home/crm"), &st), -1);
    tcrm_config_free(&c);
}

static void test_user_dir(void **state)
{
    (void)state;
    char *dir = tcrm_config_user_dir();
    assert_string_equal(dir, at("home/.config/tcrm"));
    free(dir);
    setenv("XDG_CONFIG_HOME", at("xdg"), 1);
    dir = tcrm_config_user_dir();
    assert_string_equal(dir, at("xdg/tcrm"));
    free(dir);
    struct stat st;
    assert_int_equal(stat(at("xdg"), &st), -1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_defaults),
        T(test_default_user_without_USER),
        T(test_stage_index),
        T(test_all_keys),
        T(test_colors_words),
        T(test_language),
        T(test_stages_keep_known_percent),
        T(test_sixteen_stages),
        T(test_layered_files),
        T(test_shipped_file_is_the_defaults),
        T(test_bad_inputs),
        T(test_bad_long_line_and_nul),
        T(test_missing_file),
        T(test_not_regular),
        T(test_lookup_order),
        T(test_lookup_required_files),
        T(test_lookup_bad_user_file),
        T(test_db_path),
        T(test_user_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
