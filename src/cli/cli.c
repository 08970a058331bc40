/*
 * cli.c: the front door of the command line.
 *
 * tcrm_cli_main parses the global options (--db, --config, --help,
 * --version) with getopt_long in "stop at the first non-option" mode, so
 * everything from the command name on belongs to the command. It then
 * loads the configuration (defaults only when the command asks for
 * --help, so a broken file never hides the help), finds the command in
 * the table below and runs it. The database is opened lazily, on the
 * first tcrm_cli_db(), so `--help` and usage errors never touch it.
 *
 * Commands are tmux-style descriptors, one per cmd_<name>.c; the table
 * lists them in the order `tcrm --help` shows them.
 *
 * Only this layer prints and decides exit codes: 0 ok, 1 failure, 2 usage.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/access.h"
#include "tcrm/config.h"
#include "tcrm/db.h"
#include "tcrm/os.h"
#include "tcrm/receivable.h"
#include "tcrm/text.h"

static const struct tcrm_cmd *const cli_table[] = {
    &tcrm_cmd_init,
    &tcrm_cmd_check,
    &tcrm_cmd_contact,
    &tcrm_cmd_company,
    &tcrm_cmd_log,
    &tcrm_cmd_followup,
    &tcrm_cmd_due,
    &tcrm_cmd_deal,
    &tcrm_cmd_product,
    &tcrm_cmd_quote,
    &tcrm_cmd_order,
    &tcrm_cmd_delivery,
    &tcrm_cmd_invoice,
    &tcrm_cmd_payment,
    &tcrm_cmd_balance,
    &tcrm_cmd_rate,
    &tcrm_cmd_ticket,
    &tcrm_cmd_score,
    &tcrm_cmd_campaign,
    &tcrm_cmd_attach,
    &tcrm_cmd_attachments,
    &tcrm_cmd_detach,
    &tcrm_cmd_attachment,
    &tcrm_cmd_comment,
    &tcrm_cmd_comments,
    &tcrm_cmd_statement,
    &tcrm_cmd_search,
    &tcrm_cmd_trash,
    &tcrm_cmd_restore,
    &tcrm_cmd_import,
    &tcrm_cmd_export,
    &tcrm_cmd_report,
    &tcrm_cmd_audit,
    &tcrm_cmd_user,
    &tcrm_cmd_assign,
    &tcrm_cmd_share,
    &tcrm_cmd_unshare,
    &tcrm_cmd_claim,
    &tcrm_cmd_setting,
};
#define CLI_NCMDS (sizeof cli_table / sizeof cli_table[0])

static const char cli_global_usage[] =
    "[--db FILE] [--config FILE] [COMMAND [ARG...]]";

/* Every error line goes out through here, with each quoted value cut to
 * TCRM_QUOTE_MAX bytes (tcrm_text_cut_quotes), so a 128 KB option value
 * never fills the screen. */
static void cli_vmessage(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    size_t cap = n >= 0 ? 2 * (size_t)n + 16 : 0;
    char *msg = cap ? malloc((size_t)n + 1) : NULL;
    char *cut = msg ? malloc(cap) : NULL;
    if (cut) {
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        tcrm_text_cut_quotes(msg, cut, cap);
        fputs(cut, stderr);
    } else {
        vfprintf(stderr, fmt, ap);
    }
    fputc('\n', stderr);
    free(msg);
    free(cut);
}

int tcrm_cli_fail(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("tcrm: ", stderr);
    va_start(ap, fmt);
    cli_vmessage(_(fmt), ap);
    va_end(ap);
    return TCRM_EXIT_FAIL;
}

const char *cli_error_text(const struct tcrm_error *err, char *buf, size_t cap)
{
    const char *msg = err->msg[0] ? err->msg : tcrm_error_name(err->code);
    char *clean = tcrm_text_sanitize(msg);
    const char *m = clean ? clean : msg;
    /* What the command line adds to a lower layer's message, by the field
     * it concerns: the option that holds it, or how to fix it with one
     * (the screen says these with its own keys). */
    if (strcmp(err->field, "map") == 0)
        snprintf(buf, cap, _("%s: map one with --map 'COLUMN=name'"), m);
    else if (strcmp(err->field, "from") == 0 || strcmp(err->field, "to") == 0)
        snprintf(buf, cap, "--%s: %s", err->field, m);
    else
        snprintf(buf, cap, "%s", m);
    free(clean);
    return buf;
}

int tcrm_cli_fail_err(const struct tcrm_error *err)
{
    char buf[sizeof err->msg + 128];
    return tcrm_cli_fail("%s", cli_error_text(err, buf, sizeof buf));
}

/* The usage lines of a command: the first after "usage: tcrm ", others
 * after "       tcrm ", continuation lines (starting with a space) under
 * the first word of the line before. */
static void cli_print_usage(FILE *f, const char *usage)
{
    /* TRANSLATORS: starts the usage lines ("usage: tcrm contact add
     * NAME ..."); the lines after it are indented by its width. */
    const char *head = _("usage: ");
    int indent = tcrm_text_width(head);
    const char *p = usage;
    int first = 1;

    while (*p) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);

        if (first)
            fprintf(f, "%stcrm %.*s\n", head, len, p);
        else if (*p == ' ')
            fprintf(f, "%*s    %.*s\n", indent, "", len, p);
        else
            fprintf(f, "%*stcrm %.*s\n", indent, "", len, p);
        first = 0;
        p += len;
        if (*p == '\n')
            p++;
    }
}

/* "tcrm CMD: MESSAGE" (or "tcrm: MESSAGE") on stderr, fmt translated. */
static void cli_vcmd_message(const struct tcrm_cmd *cmd, const char *fmt,
                             va_list ap)
{
    fflush(stdout);
    if (cmd)
        fprintf(stderr, "tcrm %s: ", cmd->name);
    else
        fputs("tcrm: ", stderr);
    cli_vmessage(_(fmt), ap);
}

int tcrm_cli_bad(const struct tcrm_cmd *cmd, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    cli_vcmd_message(cmd, fmt, ap);
    va_end(ap);
    return TCRM_EXIT_FAIL;
}

int tcrm_cli_usage(const struct tcrm_cmd *cmd, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    cli_vcmd_message(cmd, fmt, ap);
    va_end(ap);
    cli_print_usage(stderr, cmd ? cmd->usage : cli_global_usage);
    return TCRM_EXIT_USAGE;
}

int cli_help(const struct tcrm_cmd *cmd)
{
    cli_print_usage(stdout, cmd->usage);
    printf("\n%s\n%s\n", _(cmd->summary), _("See tcrm(1) for every option."));
    return TCRM_EXIT_OK;
}

/* The next piece of a summary that may start a line: a word (up to a
 * space), or one CJK character with the punctuation that may not begin a
 * line glued to it (Chinese has no spaces, so a line breaks between any
 * two characters). Sets *len (bytes) and *w (columns). */
static int cli_no_line_start(uint32_t cp)
{
    /* ，。、；：！？）」』》” and their ASCII-looking full-width forms */
    static const uint32_t closing[] = { 0xFF0C, 0x3002, 0x3001, 0xFF1B,
        0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300D, 0x300F, 0x300B, 0x201D };
    size_t i;

    for (i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (cp == closing[i])
            return 1;
    return 0;
}

static void cli_piece(const char *s, size_t avail, size_t *len, int *w)
{
    size_t i = 0;
    uint32_t cp;
    int k = tcrm_utf8_decode(s, avail, &cp);

    *w = 0;
    if (k > 0 && tcrm_char_is_cjk(cp) && !cli_no_line_start(cp)) {
        /* one CJK character, an opening bracket with the next one */
        int open = cp == 0xFF08 || cp == 0x300C || cp == 0x300E ||
                   cp == 0x300A || cp == 0x201C;
        i = (size_t)k;
        *w = tcrm_char_width(cp);
        if (open && i < avail && s[i] != ' ' &&
            (k = tcrm_utf8_decode(s + i, avail - i, &cp)) > 0) {
            i += (size_t)k;
            *w += tcrm_char_width(cp);
        }
        /* then whatever may not start a line */
        while (i < avail && (k = tcrm_utf8_decode(s + i, avail - i, &cp)) > 0
               && cli_no_line_start(cp)) {
            i += (size_t)k;
            *w += tcrm_char_width(cp);
        }
        *len = i;
        return;
    }
    /* a word: up to a space, a CJK character, or just after CJK
     * punctuation ("agenda、activity" may break after the "、") */
    while (i < avail && s[i] != ' ') {
        k = tcrm_utf8_decode(s + i, avail - i, &cp);
        if (k <= 0) {
            i++;
            (*w)++;
            continue;
        }
        if (i > 0 && tcrm_char_is_cjk(cp) && !cli_no_line_start(cp))
            break;
        i += (size_t)k;
        *w += tcrm_char_width(cp);
        if (cli_no_line_start(cp) && i < avail &&
            (k = tcrm_utf8_decode(s + i, avail - i, &cp)) > 0 &&
            !cli_no_line_start(cp))
            break;
    }
    *len = i;
}

/* "  NAME       summary", the summary's first line wrapped at 79 columns
 * under itself (measured in terminal columns: a Chinese summary breaks
 * between characters). */
static void cli_print_wrapped(const char *name, const char *summary)
{
    size_t len = strcspn(summary, "\n"), col = 13, i = 0;
    int first = 1;

    printf("  %-10s", name);
    while (i < len) {
        size_t n;
        int w, space = first || summary[i - 1] == ' ';

        cli_piece(summary + i, len - i, &n, &w);
        if (col + (size_t)space + (size_t)w > 79 && col > 13) {
            fputs("\n             ", stdout);
            col = 13;
        } else if (space) {
            putchar(' ');
            col++;
        }
        printf("%.*s", (int)n, summary + i);
        col += (size_t)w;
        i += n;
        first = 0;
        while (i < len && summary[i] == ' ')
            i++;
    }
    putchar('\n');
}

static int cli_global_help(void)
{
    size_t i;

    cli_print_usage(stdout, cli_global_usage);
    putchar('\n');
    fputs(_("A customer-relationship manager for the terminal. With no command,\n"
            "tcrm opens the full-screen interface.\n"), stdout);
    putchar('\n');
    /* TRANSLATORS: keep the option names and FILE; align the second
     * column by its display width (a Chinese character is 2 columns). */
    fputs(_("Options:\n"
            "  --db FILE       the database (default: $TCRM_DB, the config's\n"
            "                  [database] path, ~/.local/share/tcrm/tcrm.db)\n"
            "  --config FILE   the settings file (default: $TCRM_CONFIG,\n"
            "                  ~/.config/tcrm/tcrm.conf, /etc/tcrm/tcrm.conf)\n"
            "  --help          this help; COMMAND --help: help on a command\n"
            "  --version       the version\n"), stdout);
    putchar('\n');
    fputs(_("Commands:\n"), stdout);
    for (i = 0; i < CLI_NCMDS; i++)
        cli_print_wrapped(cli_table[i]->name, _(cli_table[i]->summary));
    putchar('\n');
    fputs(_("See tcrm(1) and tcrm.conf(5).\n"), stdout);
    return TCRM_EXIT_OK;
}

/* tcrm.conf's [access] mode is what `tcrm init` makes; the database's own
 * setting is what counts afterwards. When the two differ, say so (on
 * stderr, so scripts reading the output are not disturbed). */
static void warn_access_mode(struct tcrm_cli *cli)
{
    int owned = tcrm_access_owned(cli->db);
    if (cli->cfg.access_mode < 0 || cli->cfg.access_mode == owned)
        return;
    fprintf(stderr, owned
        ? _("tcrm: warning: tcrm.conf says [access] mode = open, but %s is "
            "in owned mode (an admin changes it: tcrm setting access-mode "
            "open)\n")
        : _("tcrm: warning: tcrm.conf says [access] mode = owned, but %s is "
            "in open mode (an admin changes it: tcrm setting access-mode "
            "owned)\n"), cli_s(tcrm_db_path(cli->db)));
}

/* Open the database; with may_read_only, a file that cannot be written is
 * opened read-only instead (listings work on a read-only copy). Only with
 * create (tcrm init) is a missing file made; for everything else a
 * missing file or folder is an error that creates nothing. */
static int cli_open(struct tcrm_cli *cli, struct tcrm_db **db,
                    int may_read_only, int create)
{
    struct tcrm_error err;
    struct tcrm_db_options opt;
    struct tcrm_os_identity me;
    char *path = NULL;
    int rc;

    if (cli->db) {
        *db = cli->db;
        return 0;
    }
    tcrm_error_clear(&err);
    if (tcrm_os_identity(&me, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_config_db_path(cli->db_opt, &cli->cfg, &path, &err))
        return tcrm_cli_fail_err(&err);
    memset(&opt, 0, sizeof opt);
    opt.path = path;
    opt.user = cli->cfg.user;
    opt.login = me.login;
    opt.busy_timeout_ms = cli->cfg.busy_timeout_ms;
    tcrm_db_file_hooks(tcrm_os_group_raise, tcrm_os_group_drop);
    /* Setgid: the group only while SQLite opens the file, its -wal and
     * -shm (it keeps them open); see src/os/privilege.c. */
    tcrm_os_group_raise();
    rc = (create ? tcrm_db_open : tcrm_db_open_existing)(&opt, &cli->db,
                                                         &err);
    if (rc == TCRM_EREADONLY && may_read_only) {
        opt.readonly = 1;
        tcrm_error_clear(&err);
        rc = tcrm_db_open_existing(&opt, &cli->db, &err);
    }
    tcrm_os_group_drop();
    if (rc == TCRM_ENOTFOUND) {
        char *p = tcrm_text_sanitize(path);
        rc = tcrm_cli_fail("%s: no such database (create it with: tcrm "
                           "init)", p ? p : path);
        free(p);
        free(path);
        cli->db = NULL;
        return rc;
    }
    free(path);
    if (rc) {
        cli->db = NULL;
        return tcrm_cli_fail_err(&err);
    }
    tcrm_credit_configure(cli->db, cli->cfg.credit_enforce
                          ? TCRM_CREDIT_ENFORCE : TCRM_CREDIT_WARN,
                          cli->cfg.base_currency);
    if (!create)
        warn_access_mode(cli);
    *db = cli->db;
    return 0;
}

int tcrm_cli_db(struct tcrm_cli *cli, struct tcrm_db **db)
{
    return cli_open(cli, db, 0, 0);
}

int cli_db_read(struct tcrm_cli *cli, struct tcrm_db **db)
{
    return cli_open(cli, db, 1, 0);
}

int cli_db_create(struct tcrm_cli *cli, struct tcrm_db **db)
{
    return cli_open(cli, db, 0, 1);
}

/* 1 when the command's arguments ask for help (before any "--"). */
static int cli_wants_help(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

static const struct tcrm_cmd *cli_find(const char *name)
{
    size_t i;

    for (i = 0; i < CLI_NCMDS; i++)
        if (strcmp(cli_table[i]->name, name) == 0)
            return cli_table[i];
    if (strcmp(name, "followup") == 0)
        return &tcrm_cmd_followup;
    return NULL;
}

/* Global options; returns -1 to go on, else an exit status. */
static int cli_globals(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "db", required_argument, NULL, 'd' },
        { "config", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:hV", lo, NULL)) != -1) {
        switch (c) {
        case 'd': cli->db_opt = optarg; break;
        case 'c': cli->config_opt = optarg; break;
        case 'h': return cli_global_help();
        case 'V':
            printf("tcrm %s\n", TCRM_VERSION);
            return TCRM_EXIT_OK;
        case ':':
            return tcrm_cli_usage(NULL, "option '%s' needs a value",
                                  argv[optind - 1]);
        default:
            if (optopt)
                return tcrm_cli_usage(NULL, "unknown option '-%c'", optopt);
            return tcrm_cli_usage(NULL, "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    return -1;
}

static int cli_tui(struct tcrm_cli *cli, tcrm_cli_tui_fn tui)
{
    struct tcrm_db *db;
    struct tcrm_error err;
    int rc;

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return tcrm_cli_fail("the full-screen interface needs a terminal; "
                             "see tcrm --help for the commands");
    if ((rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_os_charset_end(); /* curses writes to the terminal itself */
    cli->out = stdout;
    tcrm_error_clear(&err);
    if (tui(db, &cli->cfg, &err))
        return tcrm_cli_fail_err(&err);
    return TCRM_EXIT_OK;
}

static int cli_run(struct tcrm_cli *cli, int argc, char **argv,
                   tcrm_cli_tui_fn tui)
{
    const struct tcrm_cmd *cmd = NULL;
    struct tcrm_error err;
    int rc = cli_globals(cli, argc, argv);

    if (rc >= 0)
        return rc;
    /* A setgid install serves one database (tcrm/os.h). */
    if (tcrm_os_privileged() && cli->db_opt &&
        strcmp(cli->db_opt, tcrm_os_shared_db()) != 0)
        return tcrm_cli_fail("--db: this tcrm is installed for the shared "
                             "database %s only", tcrm_os_shared_db());
    if (tcrm_os_privileged())
        cli->db_opt = tcrm_os_shared_db();
    argc -= optind;
    argv += optind;
    if (argc > 0 && !(cmd = cli_find(argv[0])))
        return tcrm_cli_usage(NULL, "unknown command '%s' (tcrm --help "
                              "lists them)", argv[0]);
    tcrm_error_clear(&err);
    if (cmd && cli_wants_help(argc, argv))
        rc = tcrm_config_defaults(&cli->cfg);
    else
        rc = tcrm_config_load(cli->config_opt, &cli->cfg, &err);
    if (rc)
        return tcrm_cli_fail_err(&err);
    tcrm_os_i18n_language(cli->cfg.language);   /* [display] language */
    if (!cmd)
        return cli_tui(cli, tui);
    rc = cmd->exec(cli, argc, argv);
    return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
}

static char out_buf[1 << 16];

int tcrm_cli_main(int argc, char **argv, tcrm_cli_tui_fn tui)
{
    struct tcrm_cli cli;
    int rc;

    memset(&cli, 0, sizeof cli);
    /* Into a pipe or file, large writes (stdio would use 4 KiB): a
     * listing of a million rows is then a few thousand write calls. */
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
    tcrm_os_charset_begin(argc, argv);
    cli.out = stdout;
    cli.out_is_tty = isatty(STDOUT_FILENO);
    rc = cli_run(&cli, argc, argv, tui);
    tcrm_os_group_raise();   /* the last close removes -wal and -shm */
    tcrm_db_close(cli.db);
    tcrm_os_group_drop();
    tcrm_config_free(&cli.cfg);
    cli_ring_free();
    if (tcrm_os_charset_end() != 0 || fflush(stdout) != 0 || ferror(stdout)) {
        fputs(_("tcrm: standard output: write error\n"), stderr);
        return TCRM_EXIT_FAIL;
    }
    return rc;
}
