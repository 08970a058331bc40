/*
 * cmd_import.c: `tcrm import FILE [options]`, `tcrm import list`,
 * `tcrm import undo BATCH`.
 *
 * The work is src/io's (csvio.h): this file parses the options, prints
 * the column mapping and a preview on --dry-run, draws a progress bar on
 * stderr (only when stderr is a terminal and the import has run for more
 * than a second), and prints the summary: the counts, the batch to undo,
 * and every rejected row as "file:line: reason".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/csvio.h"
#include "tcrm/import_batch.h"
#include "tcrm/text.h"

#define U_FILE "import FILE [--format csv|vcard] [--map SPEC | --profile NAME]\n" \
    "   [--dry-run]\n" \
    "   [--on-duplicate skip|merge|new] [--encoding E|auto] [--delimiter C]\n" \
    "   [--tag T]... [--reject FILE] [--drop-unmapped] [--save-profile NAME]\n" \
    "   [--owner LOGIN] [--campaign CID]"
#define U_PRODUCTS "import --products FILE [--map SPEC] [--dry-run]\n" \
    "   [--encoding E|auto] [--delimiter C] [--on-duplicate skip|update]\n" \
    "   [--reject FILE]"
#define U_LIST "import list"
#define U_UNDO "import undo BATCH"

static int import_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_import = {
    "import",
    U_FILE "\n" U_PRODUCTS "\n" U_LIST "\n" U_UNDO,
    N_("Import business cards from CSV or vCard (FILE - reads standard "
    "input), or products from CSV; list imports; undo one."),
    import_exec,
};

static const struct tcrm_cmd sub_list = { "import list", U_LIST,
    N_("List imports, newest first."), NULL };
static const struct tcrm_cmd sub_undo = { "import undo", U_UNDO,
    N_("Take an import back (refused when its rows were edited since)."),
    NULL };

enum { O_MAP = 256, O_PROFILE, O_DRY, O_ONDUP, O_ENC, O_DELIM, O_TAG,
       O_REJECT, O_DROP, O_SAVE, O_FORMAT, O_OWNER, O_PRODUCTS,
       O_CAMPAIGN };

static const struct option import_lo[] = {
    { "map", required_argument, NULL, O_MAP },
    { "profile", required_argument, NULL, O_PROFILE },
    { "dry-run", no_argument, NULL, O_DRY },
    { "on-duplicate", required_argument, NULL, O_ONDUP },
    { "encoding", required_argument, NULL, O_ENC },
    { "delimiter", required_argument, NULL, O_DELIM },
    { "tag", required_argument, NULL, O_TAG },
    { "reject", required_argument, NULL, O_REJECT },
    { "drop-unmapped", no_argument, NULL, O_DROP },
    { "save-profile", required_argument, NULL, O_SAVE },
    { "format", required_argument, NULL, O_FORMAT },
    { "owner", required_argument, NULL, O_OWNER },
    { "products", no_argument, NULL, O_PRODUCTS },
    { "campaign", required_argument, NULL, O_CAMPAIGN },
    CLI_OPT_HELP,
    CLI_OPT_END
};

struct progress {
    struct timespec start;
    int drawn;
};

static double since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void draw_progress(void *ud, uint64_t rows, uint64_t done,
                          uint64_t total)
{
    struct progress *p = ud;
    double t = since(&p->start);
    if (t < 1.0 || total == 0)
        return;
    double frac = (double)done / (double)total;
    if (frac > 1)
        frac = 1;
    double rate = (double)rows / t;
    double left = frac > 0 ? t / frac - t : 0;
    char bar[31];
    int fill = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : ' ';
    bar[30] = '\0';
    /* TRANSLATORS: the progress line of an import: bar, percent done,
     * rows read, rows per second, minutes:seconds left */
    fputc('\r', stderr);
    fprintf(stderr, _("[%s] %3d%%  %llu rows  %.0f rows/s  %d:%02d left "),
            bar, (int)(frac * 100), (unsigned long long)rows, rate,
            (int)left / 60, (int)left % 60);
    p->drawn = 1;
}

static int parse_delim(const char *s, char *out)
{
    if (!strcmp(s, "tab") || !strcmp(s, "\\t") || !strcmp(s, "\t"))
        *out = '\t';
    else if (!strcmp(s, ",") || !strcmp(s, ";") || !strcmp(s, "|"))
        *out = s[0];
    else if (!strcmp(s, "comma"))
        *out = ',';
    else if (!strcmp(s, "semicolon"))
        *out = ';';
    else
        return -1;
    return 0;
}

static int parse_policy(const char *s, enum tcrm_dup_policy *p)
{
    if (!strcmp(s, "skip"))
        *p = TCRM_DUP_SKIP;
    else if (!strcmp(s, "merge"))
        *p = TCRM_DUP_MERGE;
    else if (!strcmp(s, "new"))
        *p = TCRM_DUP_NEW;
    else if (!strcmp(s, "update"))
        *p = TCRM_DUP_UPDATE;
    else
        return -1;
    return 0;
}

struct import_args {
    struct tcrm_import_opts o;
    const char *tags[64];
    const char *save;
    int products;               /* --products */
    const char *contact_only;   /* an option products do not take */
    const char *bad_policy;     /* an unknown --on-duplicate */
    const char *campaign;       /* --campaign CID */
};

/* "--tag" for O_TAG. */
static const char *option_name(int c)
{
    static char buf[32];
    for (const struct option *l = import_lo; l->name; l++)
        if (l->val == c) {
            snprintf(buf, sizeof buf, "--%s", l->name);
            return buf;
        }
    return "?";
}

/* --products takes the CSV options only; skip|update, not merge|new. */
static int check_products(const struct import_args *a)
{
    if (a->bad_policy && a->products)
        return tcrm_cli_bad(&tcrm_cmd_import, "--on-duplicate: '%s' is not "
                            "skip or update", a->bad_policy);
    if (a->bad_policy)
        return tcrm_cli_bad(&tcrm_cmd_import, "--on-duplicate: '%s' is not "
                            "skip, merge or new", a->bad_policy);
    if (!a->products && a->o.on_duplicate == TCRM_DUP_UPDATE)
        return tcrm_cli_bad(&tcrm_cmd_import, "--on-duplicate: 'update' is "
                            "for --products; contacts take skip, merge or "
                            "new");
    if (!a->products)
        return -1;
    if (a->contact_only)
        return tcrm_cli_usage(&tcrm_cmd_import, "--products does not take "
                              "%s", a->contact_only);
    if (a->o.on_duplicate == TCRM_DUP_MERGE ||
        a->o.on_duplicate == TCRM_DUP_NEW)
        return tcrm_cli_bad(&tcrm_cmd_import, "--on-duplicate: products take "
                            "skip or update");
    return -1;
}

/* Options into a; returns -1 to go on, else the exit status. */
static int parse_import(int argc, char **argv, struct import_args *a)
{
    struct cli_opts o;
    int c;
    cli_opts_init(&o, &tcrm_cmd_import, argc, argv, import_lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == O_MAP) a->o.map_spec = optarg;
        if (c == O_PROFILE) a->o.profile = optarg;
        if (c == O_DRY) a->o.dry_run = 1;
        if (c == O_ENC) a->o.encoding = optarg;
        if (c == O_REJECT) a->o.reject_path = optarg;
        if (c == O_DROP) a->o.drop_unmapped = 1;
        if (c == O_SAVE) a->save = optarg;
        if (c == O_OWNER) a->o.owner = optarg;
        if (c == O_PRODUCTS) a->products = 1;
        if (c == O_CAMPAIGN) a->campaign = optarg;
        if (c == O_PROFILE || c == O_TAG || c == O_DROP || c == O_SAVE ||
            c == O_FORMAT || c == O_OWNER || c == O_CAMPAIGN)
            a->contact_only = option_name(c);
        if (c == O_FORMAT && !strcmp(optarg, "csv"))
            a->o.format = TCRM_IMPORT_CSV;
        else if (c == O_FORMAT && !strcmp(optarg, "vcard"))
            a->o.format = TCRM_IMPORT_VCARD;
        else if (c == O_FORMAT)
            return tcrm_cli_bad(&tcrm_cmd_import, "--format: '%s' is not "
                                "csv or vcard", optarg);
        if (c == O_ONDUP && parse_policy(optarg, &a->o.on_duplicate))
            a->bad_policy = optarg;
        if (c == O_DELIM && parse_delim(optarg, &a->o.delimiter))
            return tcrm_cli_bad(&tcrm_cmd_import, "--delimiter: '%s' is not "
                                "one of , ; tab |", optarg);
        if (c == O_TAG && a->o.n_tags == 64)
            return tcrm_cli_bad(&tcrm_cmd_import, "--tag: at most 64");
        if (c == O_TAG)
            a->tags[a->o.n_tags++] = optarg;
    }
    if (a->o.map_spec && a->o.profile)
        return tcrm_cli_usage(&tcrm_cmd_import, "--map and --profile "
                              "exclude each other");
    int rc = check_products(a);
    if (rc >= 0)
        return rc;
    rc = cli_want_args(&tcrm_cmd_import, &o, 1, 1, "FILE");
    if (rc)
        return rc;
    a->o.path = o.pos[0];
    a->o.tags = a->tags;
    return -1;
}

static void print_map(struct tcrm_cli *cli, const struct tcrm_csv_map *m)
{
    fprintf(cli->out, "%s", _("columns:\n"));
    for (size_t i = 0; i < m->n; i++) {
        int f = m->field[i];
        /* the field names stay English: they are what --map takes */
        const char *to = f == TCRM_CF_UNMAPPED
            ? (m->drop_unmapped ? _("(dropped)") : _("notes (unmapped)"))
            : f == TCRM_CF_TYPE ? _("(type of a phone or e-mail)")
            : f == TCRM_CF_PHONE_TYPED ? _("phone (kind from its type column)")
            : tcrm_csv_field_name(f);
        char head[256];
        /* pad by display width, so Chinese headers line up too */
        tcrm_text_pad(m->headers[i], 28, 0, head, sizeof head);
        fprintf(cli->out, "  %s -> %s\n", head, to);
    }
}

static void print_contact(struct tcrm_cli *cli, const struct tcrm_contact *c)
{
    fprintf(cli->out, "  %s", cli_s(c->name));
    if (!tcrm_str_empty(c->company))
        fprintf(cli->out, " | %s", cli_s(c->company));
    if (!tcrm_str_empty(c->title))
        fprintf(cli->out, " | %s", cli_s(c->title));
    for (size_t i = 0; i < c->n_channels; i++)
        fprintf(cli->out, " | %s %s",
                tcrm_i18n_word("channel",
                               tcrm_channel_kind_name(c->channels[i].kind)),
                cli_s(c->channels[i].value));
    fputc('\n', cli->out);
}

static int preview(struct tcrm_cli *cli, const struct import_args *a)
{
    struct tcrm_import_preview p;
    struct tcrm_error err;
    if (tcrm_import_preview(&a->o, 5, &p, &err))
        return tcrm_cli_fail_err(&err);
    /* TRANSLATORS: the delimiter of a CSV file when it is a tab */
    const char *delim = p.delimiter == '\t' ? _("tab")
                        : p.delimiter == ';' ? ";" : ",";
    if (p.vcard)
        fprintf(cli->out, _("format: vCard, encoding: %s\n"), p.encoding);
    else if (p.encoding_guessed)
        fprintf(cli->out, _("encoding: %s (not UTF-8: read as %s, guessed), "
                            "delimiter: %s\n"), p.encoding, p.encoding,
                delim);
    else
        fprintf(cli->out, _("encoding: %s, delimiter: %s\n"), p.encoding,
                delim);
    p.map.drop_unmapped = a->o.drop_unmapped;
    if (!p.vcard)
        print_map(cli, &p.map);
    fprintf(cli->out, "%s",
            p.vcard ? _("first cards as they will be stored:\n")
                    : _("first rows as they will be stored:\n"));
    for (size_t i = 0; i < p.n; i++) {
        if (p.error[i])
            fprintf(cli->out, _("  line %ld: rejected: %s\n"), p.line[i],
                    cli_s(p.error[i]));
        else
            print_contact(cli, &p.rows[i]);
    }
    tcrm_import_preview_free(&p);
    return 0;
}

/* --products --dry-run: how the file is read and its columns. */
static int preview_products(struct tcrm_cli *cli, const struct import_args *a)
{
    struct tcrm_csv_map m;
    struct tcrm_error err;
    if (tcrm_product_import_map(&a->o, &m, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, "%s", _("columns:\n"));
    for (size_t i = 0; i < m.n; i++) {
        char head[256];
        tcrm_text_pad(m.headers[i], 28, 0, head, sizeof head);
        fprintf(cli->out, "  %s -> %s\n", head, m.field[i] > TCRM_PF_SKIP
                ? tcrm_product_field_name(m.field[i]) : _("(ignored)"));
    }
    tcrm_csv_map_free(&m);
    return 0;
}

/* mkdir -p for the folders of path (not the last part). */
static void make_parents(char *path)
{
    for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(path, 0700);
        *s = '/';
    }
}

static int save_profile(const struct import_args *a)
{
    struct tcrm_import_preview p;
    struct tcrm_error err;
    if (tcrm_import_preview(&a->o, 0, &p, &err))
        return tcrm_cli_fail_err(&err);
    if (p.vcard) {
        tcrm_import_preview_free(&p);
        return tcrm_cli_fail("--save-profile: %s is vCard, which has no "
                             "columns to map", a->o.path);
    }
    char *dir = tcrm_config_user_dir();
    char path[4096];
    int rc = 0;
    if (!dir)
        rc = tcrm_cli_fail("--save-profile: no user folder ($HOME not set)");
    if (!rc) {
        snprintf(path, sizeof path, "%s/profiles/%s.ini", dir, a->save);
        make_parents(path);
        if (tcrm_csv_map_save(&p.map, path, &err))
            rc = tcrm_cli_fail_err(&err);
    }
    free(dir);
    tcrm_import_preview_free(&p);
    return rc;
}

static void print_summary(struct tcrm_cli *cli, const struct import_args *a,
                          const struct tcrm_import_summary *s)
{
    char rows[64];

    if (s->encoding_guessed)
        fprintf(cli->out, _("encoding: %s (not UTF-8: read as %s, guessed)\n"),
                s->encoding, s->encoding);
    else if (strcmp(s->encoding, "UTF-8"))
        fprintf(cli->out, _("encoding: %s\n"), s->encoding);
    if (s->vcard)
        snprintf(rows, sizeof rows, P_("%lld card", "%lld cards", s->rows),
                 (long long)s->rows);
    else
        snprintf(rows, sizeof rows, P_("%lld row", "%lld rows", s->rows),
                 (long long)s->rows);
    const char *fmt;
    /* TRANSLATORS: file: "12 rows": the counts */
    if (a->products)
        fmt = a->o.dry_run
            ? _("dry run, nothing stored: %s: %s: %lld added, %lld updated, "
                "%lld skipped as duplicates, %lld rejected\n")
            : _("%s: %s: %lld added, %lld updated, %lld skipped as "
                "duplicates, %lld rejected\n");
    else
        fmt = a->o.dry_run
            ? _("dry run, nothing stored: %s: %s: %lld added, %lld merged, "
                "%lld skipped as duplicates, %lld rejected\n")
            : _("%s: %s: %lld added, %lld merged, %lld skipped as "
                "duplicates, %lld rejected\n");
    fprintf(cli->out, fmt, cli_s(a->o.path), rows, (long long)s->added,
            (long long)s->merged, (long long)s->skipped,
            (long long)s->rejected);
    if (s->binary_skipped)
        fprintf(cli->out, _("binary properties skipped (photos, logos, "
                "sounds, keys): %lld\n"), (long long)s->binary_skipped);
    for (size_t i = 0; i < s->n_messages; i++)
        fprintf(cli->out, "%s\n", cli_s(s->messages[i]));
    if (s->more_messages)
        fprintf(cli->out, P_("... and %lld more rejected row\n",
                             "... and %lld more rejected rows\n",
                             s->more_messages),
                (long long)s->more_messages);
    if (a->o.campaign_id)
        fprintf(cli->out, P_("%lld contact added to campaign %lld\n",
                             "%lld contacts added to campaign %lld\n",
                             s->campaign_added),
                (long long)s->campaign_added, (long long)a->o.campaign_id);
    if (s->batch_id)
        fprintf(cli->out,
                _("import %lld (undo with: tcrm import undo %lld)\n"),
                (long long)s->batch_id, (long long)s->batch_id);
}

static int import_file(struct tcrm_cli *cli, int argc, char **argv)
{
    struct import_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_import(argc, argv, &a);
    if (rc >= 0)
        return rc;
    if (a.save && (rc = save_profile(&a)))
        return rc;
    struct tcrm_db *db;
    if ((rc = tcrm_cli_db(cli, &db)) ||
        (a.campaign && (rc = cli_campaign_id(db, a.campaign,
                                             &a.o.campaign_id))))
        return rc;
    a.o.max_field = (size_t)cli->cfg.max_field_mb << 20;
    a.o.max_row = (size_t)cli->cfg.max_row_mb << 20;
    if (a.products)
        a.o.currency = cli->cfg.currency;
    if (a.o.dry_run && (rc = a.products ? preview_products(cli, &a)
                                        : preview(cli, &a)))
        return rc;
    struct progress pr = { {0, 0}, 0 };
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    if (isatty(STDERR_FILENO)) {
        a.o.progress = draw_progress;
        a.o.progress_ud = &pr;
    }
    struct tcrm_import_summary s;
    struct tcrm_error err;
    rc = a.products ? tcrm_product_import_run(db, &a.o, &s, &err)
                    : tcrm_import_run(db, &a.o, &s, &err);
    if (pr.drawn)
        fprintf(stderr, "\r%*s\r", 79, "");
    if (rc) {
        tcrm_import_summary_free(&s);
        char text[sizeof err.msg + 128];
        return tcrm_cli_fail("%s; nothing imported",
                             cli_error_text(&err, text, sizeof text));
    }
    print_summary(cli, &a, &s);
    tcrm_import_summary_free(&s);
    return TCRM_EXIT_OK;
}

static int import_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    static const char *const head[] = { N_("BATCH"), N_("KIND"), N_("FILE"),
        N_("STARTED"), N_("WHO"), N_("ADDED"), N_("MERGED"), N_("SKIPPED"),
        N_("REJECTED"), N_("UNDONE") };
    struct cli_opts o;
    int c, rc;
    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    struct tcrm_db *db;
    if ((rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    struct tcrm_import_batch *b;
    size_t n;
    struct tcrm_error err;
    if (tcrm_import_batch_list(db, &b, &n, &err))
        return tcrm_cli_fail_err(&err);
    if (n == 0) {
        fprintf(cli->out, "%s", _("no imports yet\n"));
        return 0;
    }
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 10, head,
                                        "lllllrrrrl");
    for (size_t i = 0; t && i < n; i++) {
        char v[5][24];
        snprintf(v[0], 24, "%lld", (long long)b[i].id);
        snprintf(v[1], 24, "%lld", (long long)b[i].added);
        snprintf(v[2], 24, "%lld", (long long)b[i].merged);
        snprintf(v[3], 24, "%lld", (long long)b[i].skipped);
        snprintf(v[4], 24, "%lld", (long long)b[i].rejected);
        const char *cells[] = { v[0],
            tcrm_i18n_word("kind", b[i].kind ? b[i].kind : "contacts"),
            b[i].file, b[i].started_at, b[i].who,
            v[1], v[2], v[3], v[4], b[i].undone_at ? b[i].undone_at : "" };
        cli_table_add(t, cells);
    }
    tcrm_import_batch_array_free(b, n);
    return cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
}

static int import_undo(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct cli_opts o;
    int c, rc;
    cli_opts_init(&o, &sub_undo, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    int64_t id, removed, restored;
    struct tcrm_db *db;
    if ((rc = cli_want_args(&sub_undo, &o, 1, 1, "BATCH")) ||
        (rc = cli_parse_id(&sub_undo, N_("import batch"), o.pos[0], &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    struct tcrm_error err;
    int products = 0;
    if (tcrm_import_batch_undo(db, id, &removed, &restored, &err) ||
        tcrm_import_batch_of_products(db, id, &products, &err))
        return tcrm_cli_fail_err(&err);
    const char *fmt = products
        ? P_("import %lld undone: %lld product removed, %lld restored as "
             "they were\n", "import %lld undone: %lld products removed, "
             "%lld restored as they were\n", removed)
        : P_("import %lld undone: %lld contact removed, %lld restored as "
             "they were\n", "import %lld undone: %lld contacts removed, "
             "%lld restored as they were\n", removed);
    fprintf(cli->out, fmt, (long long)id, (long long)removed,
            (long long)restored);
    return TCRM_EXIT_OK;
}

static int import_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "list"))
        return import_list(cli, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "undo"))
        return import_undo(cli, argc - 1, argv + 1);
    return import_file(cli, argc, argv);
}
