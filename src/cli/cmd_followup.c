/*
 * cmd_followup.c: `tcrm follow-up add|edit|done|snooze|cancel|list`.
 *
 * A follow-up is something to do for a contact by a day, maybe at a time
 * ("--due fri 09:00"), maybe again every N days. Marking a repeating one
 * done makes the core schedule the next, which is reported. The title is
 * every remaining argument joined by spaces.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/contact.h"
#include "tcrm/followup.h"

static int fu_add(struct tcrm_cli *cli, int argc, char **argv);
static int fu_done(struct tcrm_cli *cli, int argc, char **argv);
static int fu_snooze(struct tcrm_cli *cli, int argc, char **argv);
static int fu_cancel(struct tcrm_cli *cli, int argc, char **argv);
static int fu_list(struct tcrm_cli *cli, int argc, char **argv);
static int fu_edit(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "follow-up add ID --due WHEN [--every DAYS] TITLE"
#define U_DONE "follow-up done FID"
#define U_SNOOZE "follow-up snooze FID --to WHEN"
#define U_CANCEL "follow-up cancel FID"
#define U_EDIT "follow-up edit FID [--due WHEN] [--title T] [--every DAYS]"
#define U_LIST "follow-up list [--all] [--contact ID] [--limit N]\n" \
    "   [--format table|csv|tsv] [--wide]"

static const struct tcrm_cmd sub_add = { "follow-up add", U_ADD,
    N_("Add a follow-up for contact ID, due WHEN (date language of tcrm(1))."),
    fu_add };
static const struct tcrm_cmd sub_done = { "follow-up done", U_DONE,
    N_("Mark a follow-up done (a repeating one schedules the next)."),
    fu_done };
static const struct tcrm_cmd sub_snooze = { "follow-up snooze", U_SNOOZE,
    N_("Move a follow-up to another day."), fu_snooze };
static const struct tcrm_cmd sub_cancel = { "follow-up cancel", U_CANCEL,
    N_("Cancel a follow-up."), fu_cancel };
static const struct tcrm_cmd sub_list = { "follow-up list", U_LIST,
    N_("List open follow-ups by due date (--all: done and cancelled too)."),
    fu_list };
static const struct tcrm_cmd sub_edit = { "follow-up edit", U_EDIT,
    N_("Change a follow-up's due date and time, title or repeat (--every 0: "
    "none)."), fu_edit };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_edit, &sub_done, &sub_snooze, &sub_cancel, &sub_list,
};

static int fu_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_followup, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_followup = {
    "follow-up",
    U_ADD "\n" U_EDIT "\n" U_DONE "\n" U_SNOOZE "\n" U_CANCEL "\n" U_LIST,
    N_("Things to do by a date: add, edit, done, snooze, cancel, list."),
    fu_exec,
};

/* "2026-11-25" or "2026-11-25 14:00", in the display format (ring). */
static const char *fu_when(struct tcrm_cli *cli, const char *date,
                           const char *time)
{
    char iso[32];

    if (!time || !*time)
        return cli_date(cli, date);
    snprintf(iso, sizeof iso, "%.10s %.5s", date ? date : "", time);
    return cli_date(cli, iso);
}

static int fu_add(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "due", required_argument, NULL, 'd' },
        { "every", required_argument, NULL, 'e' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    struct tcrm_followup f;
    struct tcrm_contact who;
    struct tcrm_error err;
    struct tcrm_when w;
    struct tcrm_db *db;
    struct cli_opts o;
    const char *due = NULL;
    char date[11], time[16], rep[80] = "", *title;
    int c, rc = 0, every = 0;
    int64_t id;

    cli_opts_init(&o, &sub_add, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'd') due = optarg;
        if (c == 'e')
            rc = cli_parse_int(&sub_add, "--every", optarg, 1, 3650, &every);
    }
    if (rc || (rc = cli_want_args(&sub_add, &o, 2, -1,
                                  o.npos == 1 ? "TITLE"
                                  : _("ID and TITLE"))) ||
        (rc = cli_parse_id(&sub_add, N_("contact id"), o.pos[0], &id)))
        return rc;
    if (!due)
        return tcrm_cli_usage(&sub_add, "missing --due");
    if ((rc = cli_parse_when(&sub_add, "--due", due, &w)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    tcrm_contact_init(&who);
    tcrm_followup_init(&f);
    tcrm_when_date(&w, date);
    snprintf(time, sizeof time, "%02d:%02d", w.hour % 100, w.minute % 100);
    title = cli_join(o.pos + 1, o.npos - 1);
    if (every)
        snprintf(rep, sizeof rep, P_(", then every %d day",
                                     ", then every %d days", every), every);
    f.contact_id = id;
    f.repeat_days = every;
    tcrm_str_set(&f.title, title);
    tcrm_str_set(&f.due_date, date);
    tcrm_str_set(&f.due_time, w.has_time ? time : NULL);
    free(title);
    if (tcrm_contact_get(db, id, &who, &err) ||
        tcrm_followup_insert(db, &f, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        /* TRANSLATORS: follow-up id, contact, due date, then maybe
         * ", then every 7 days" */
        fprintf(cli->out, _("follow-up %lld for %s due %s%s\n"),
                (long long)f.id,
                cli_s(who.name), fu_when(cli, f.due_date, f.due_time), rep);
    tcrm_followup_clear(&f);
    tcrm_contact_clear(&who);
    return rc;
}

/* FID plus the options of `lo` (already including help); returns -1 to go
 * on. */
static int fu_id(const struct tcrm_cmd *cmd, struct cli_opts *o, int argc,
                 char **argv, const struct option *lo, const char **to,
                 int64_t *id)
{
    int c, rc;

    cli_opts_init(o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 't')
            *to = optarg;
    }
    if ((rc = cli_want_args(cmd, o, 1, 1, "FID")) ||
        (rc = cli_parse_id(cmd, N_("follow-up id"), o->pos[0], id)))
        return rc;
    return -1;
}

static int fu_done(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct tcrm_followup f, next;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    const char *to = NULL;
    int64_t id, next_id = 0;
    int rc;

    if ((rc = fu_id(&sub_done, &o, argc, argv, lo, &to, &id)) >= 0 ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_followup_init(&f);
    tcrm_followup_init(&next);
    tcrm_error_clear(&err);
    if (tcrm_followup_get(db, id, &f, &err) ||
        tcrm_followup_done(db, id, tcrm_clock_now(), &next_id, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        fprintf(cli->out, _("done: follow-up %lld (%s)\n"), (long long)id,
                cli_s(f.title));
        if (next_id && tcrm_followup_get(db, next_id, &next, &err) == 0)
            fprintf(cli->out, _("next: follow-up %lld due %s\n"),
                    (long long)next_id,
                    fu_when(cli, next.due_date, next.due_time));
    }
    tcrm_followup_clear(&f);
    tcrm_followup_clear(&next);
    return rc;
}

static int fu_snooze(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "to", required_argument, NULL, 't' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    struct tcrm_followup f;
    struct tcrm_error err;
    struct tcrm_when w;
    struct tcrm_db *db;
    struct cli_opts o;
    const char *to = NULL;
    char date[11], time[16];
    int64_t id;
    int rc;

    if ((rc = fu_id(&sub_snooze, &o, argc, argv, lo, &to, &id)) >= 0)
        return rc;
    if (!to)
        return tcrm_cli_usage(&sub_snooze, "missing --to");
    if ((rc = cli_parse_when(&sub_snooze, "--to", to, &w)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_when_date(&w, date);
    tcrm_error_clear(&err);
    tcrm_followup_init(&f);
    if (tcrm_followup_get(db, id, &f, &err)) {
        tcrm_followup_clear(&f);
        return tcrm_cli_fail_err(&err);
    }
    /* A date alone keeps the time of day the follow-up had. */
    snprintf(time, sizeof time, "%02d:%02d", w.hour % 100, w.minute % 100);
    if (!w.has_time)
        snprintf(time, sizeof time, "%s", f.due_time ? f.due_time : "");
    tcrm_followup_clear(&f);
    if (tcrm_followup_snooze(db, id, date, *time ? time : NULL, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("follow-up %lld snoozed to %s\n"), (long long)id,
            fu_when(cli, date, *time ? time : NULL));
    return TCRM_EXIT_OK;
}

static int fu_cancel(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    const char *to = NULL;
    int64_t id;
    int rc;

    if ((rc = fu_id(&sub_cancel, &o, argc, argv, lo, &to, &id)) >= 0 ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_followup_cancel(db, id, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("cancelled follow-up %lld\n"), (long long)id);
    return TCRM_EXIT_OK;
}

static void fu_row(struct tcrm_cli *cli, struct cli_table *t,
                   enum cli_format fmt, const struct tcrm_followup *f)
{
    char id[24], every[24] = "";
    const char *due = fmt == CLI_FMT_TABLE ? cli_date(cli, f->due_date)
                                           : f->due_date;

    snprintf(id, sizeof id, "%lld", (long long)f->id);
    if (f->repeat_days)
        snprintf(every, sizeof every, "%d", f->repeat_days);
    const char *state = tcrm_followup_status_name(f->status);

    cli_table_add(t, (const char *const[]){
        id, due, f->due_time,
        fmt == CLI_FMT_TABLE ? tcrm_i18n_word("state", state) : state, every,
        f->contact_name ? f->contact_name : f->company_name, f->title });
}

static int fu_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "all", no_argument, NULL, 'a' },
        { "contact", required_argument, NULL, 'c' },
        { "limit", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' },
        { "wide", no_argument, NULL, 'W' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *const head[] = { N_("FID"), N_("DUE"), N_("TIME"),
        N_("STATUS"),
        /* TRANSLATORS: columns of follow-ups: the repeat in days, and
         * what is to be done (TITLE: hence the context) */
        N_("EVERY"), N_("CONTACT"), C_("follow-up", "TITLE") };
    static const char *const head_csv[] = { "id", "due_date", "due_time",
        "status", "repeat_days", "contact", "title" };
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_followup *fu = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc = 0, all = 0, limit = 1000;
    int64_t contact = 0;
    size_t n = 0, i;

    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'a') all = 1;
        if (c == 'c') rc = cli_parse_id(&sub_list, N_("contact id"), optarg,
                                        &contact);
        if (c == 'l') rc = cli_parse_int(&sub_list, "--limit", optarg, 1,
                                         1000000000, &limit);
        if (c == 'f') rc = cli_parse_format(&sub_list, optarg, &fmt);
        if (c == 'W') cli->wide = 1;
    }
    if (rc || (rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_followup_list(db, !all, contact, NULL, NULL, (size_t)limit, &fu,
                           &n, &err))
        return tcrm_cli_fail_err(&err);
    t = cli_table_new(cli, fmt, 7, fmt == CLI_FMT_TABLE ? head : head_csv,
                      "rlllrll");
    for (i = 0; i < n; i++)
        fu_row(cli, t, fmt, &fu[i]);
    rc = cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
    if (fmt == CLI_FMT_TABLE && n == 0)
        fprintf(cli->out, "%s", all ? _("no follow-ups\n")
                                    : _("no open follow-ups\n"));
    tcrm_followup_array_free(fu, n);
    return rc;
}

/* The options of edit onto f; 0, or an exit status. */
static int fu_edit_apply(struct cli_opts *o, struct tcrm_followup *f)
{
    char time[16];
    struct tcrm_when w;
    char date[11];
    int c, rc = 0, every;

    while (!rc && (c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'd' && !(rc = cli_parse_when(&sub_edit, "--due", optarg,
                                              &w))) {
            tcrm_when_date(&w, date);
            snprintf(time, sizeof time, "%02d:%02d", w.hour % 100,
                     w.minute % 100);
            if (tcrm_str_set(&f->due_date, date) ||
                tcrm_str_set(&f->due_time, w.has_time ? time : NULL))
                rc = TCRM_EXIT_FAIL;
        }
        if (c == 't' && !*optarg)
            rc = tcrm_cli_bad(&sub_edit, "--title: must not be empty");
        else if (c == 't' && tcrm_str_set(&f->title, optarg))
            rc = TCRM_EXIT_FAIL;
        if (c == 'e' && !(rc = cli_parse_int(&sub_edit, "--every", optarg, 0,
                                             3650, &every)))
            f->repeat_days = every;
    }
    return rc ? rc : cli_want_args(&sub_edit, o, 1, 1, "FID");
}

/* Read and write in one transaction, as contact edit does. */
static int fu_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "due", required_argument, NULL, 'd' },
        { "title", required_argument, NULL, 't' },
        { "every", required_argument, NULL, 'e' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    struct tcrm_followup f;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id, version;
    int rc;

    tcrm_followup_init(&f);
    cli_opts_init(&o, &sub_edit, argc, argv, lo);
    rc = fu_edit_apply(&o, &f);
    tcrm_followup_clear(&f);
    if (rc || (rc = cli_parse_id(&sub_edit, N_("follow-up id"), o.pos[0],
                                 &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_db_begin(db, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_followup_get(db, id, &f, &err)) {
        tcrm_db_rollback(db);
        return tcrm_cli_fail_err(&err);
    }
    version = f.version;
    cli_opts_init(&o, &sub_edit, argc, argv, lo);
    fu_edit_apply(&o, &f);
    if (tcrm_followup_update(db, &f, &err)) {
        tcrm_db_rollback(db);
        rc = tcrm_cli_fail_err(&err);
    } else if (tcrm_db_commit(db, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        fprintf(cli->out, f.version == version
                    ? _("no change to follow-up %lld (%s) due %s\n")
                    : _("changed follow-up %lld (%s) due %s\n"),
                (long long)id, cli_s(f.title),
                fu_when(cli, f.due_date, f.due_time));
    }
    tcrm_followup_clear(&f);
    return rc;
}
