/*
 * cli_internal.h: what the files of src/cli share.
 *
 * - The command descriptors the table in cli.c collects (one per
 *   cmd_<name>.c). cmd_import.c, cmd_export.c and cmd_report.c are
 *   optional: src/cli/meson.build compiles each only when it exists and
 *   says so in the generated cli/cli_optional.h.
 * - Option parsing around getopt_long (cli_opts_*) that prints usage
 *   errors and --help in the one house style.
 * - Argument parsers (ids, whole numbers, dates, --format) that print a
 *   bad value's one line (exit 1) themselves; callers just return what
 *   they give.
 * - cli_s(): sanitized copies of stored text for printf, kept in a small
 *   ring so that a printf may take several without freeing each.
 * - The table printer (table.c): aligned columns at true display width,
 *   or CSV (RFC 4180 quoting) or TSV.
 * - Groups of subcommands (company, contact, follow-up, deal):
 *   cli_dispatch() picks the subcommand, handles "GROUP --help".
 */
#ifndef TCRM_CLI_INTERNAL_H
#define TCRM_CLI_INTERNAL_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcrm/cli.h"
#include "tcrm/date.h"
#include "tcrm/i18n.h"

extern const struct tcrm_cmd tcrm_cmd_init, tcrm_cmd_check, tcrm_cmd_company,
    tcrm_cmd_contact, tcrm_cmd_trash, tcrm_cmd_restore, tcrm_cmd_log,
    tcrm_cmd_followup, tcrm_cmd_due, tcrm_cmd_deal, tcrm_cmd_search;
/* People, ownership and shares (cmd_user.c, cmd_assign.c). */
extern const struct tcrm_cmd tcrm_cmd_user, tcrm_cmd_assign, tcrm_cmd_share,
    tcrm_cmd_unshare, tcrm_cmd_claim;
/* Optional (other engineers' files). */
extern const struct tcrm_cmd tcrm_cmd_import, tcrm_cmd_export,
    tcrm_cmd_report;
extern const struct tcrm_cmd tcrm_cmd_audit;
extern const struct tcrm_cmd tcrm_cmd_setting;
/* Sales documents (cmd_product.c, cmd_quote.c). */
extern const struct tcrm_cmd tcrm_cmd_product, tcrm_cmd_quote;
/* Orders and delivery notes (cmd_order.c, cmd_delivery.c). */
extern const struct tcrm_cmd tcrm_cmd_order, tcrm_cmd_delivery;
extern const struct tcrm_cmd tcrm_cmd_invoice, tcrm_cmd_payment,
    tcrm_cmd_balance, tcrm_cmd_rate;
/* Service tickets, satisfaction (cmd_ticket.c, cmd_ticket_state.c). */
extern const struct tcrm_cmd tcrm_cmd_ticket, tcrm_cmd_score;
/* Marketing campaigns (cmd_campaign.c); CID (an id or a name) to an id,
 * printing the error (exit 1). */
extern const struct tcrm_cmd tcrm_cmd_campaign;
int cli_campaign_id(struct tcrm_db *db, const char *ref, int64_t *id);
/* Attachments and comments (cmd_attach.c, cmd_comment.c). */
extern const struct tcrm_cmd tcrm_cmd_attach, tcrm_cmd_attachments,
    tcrm_cmd_detach, tcrm_cmd_attachment, tcrm_cmd_comment,
    tcrm_cmd_comments;
/* The COMMENTS section of `tcrm due`: n of total unread comments on the
 * user's log; nothing at all when total is 0. */
struct tcrm_comment;
int cli_due_comments(struct tcrm_cli *cli, const struct tcrm_comment *c,
                     size_t n, int64_t total);
extern const struct tcrm_cmd tcrm_cmd_statement; /* cmd_statement.c */

/* `tcrm quote|order|delivery print ID [-o FILE] [--format text|csv]`
 * (cmd_print.c): document kind of tcrm/document.h; find turns the ID
 * (an id or a number) into an id, printing its error. */
int cli_doc_print(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                  const char *kind, int argc, char **argv,
                  int (*find)(struct tcrm_db *, const char *, int64_t *));
/* Write a document to path, or to the output when path is NULL. */
struct tcrm_doc;
int cli_doc_write(struct tcrm_cli *cli, const struct tcrm_doc *doc,
                  const char *path);

/* ---- option parsing ------------------------------------------------ */

/* Every option table ends its entries with CLI_OPT_HELP then CLI_OPT_END. */
#define CLI_OPT_HELP { "help", no_argument, NULL, 'h' }
#define CLI_OPT_END { NULL, 0, NULL, 0 }

enum { CLI_OPT_DONE = -1, CLI_OPT_STOP = -2 };

struct cli_opts {
    const struct tcrm_cmd *cmd;
    int argc;
    char **argv;
    const struct option *lo;
    int status;     /* exit status when next() gave CLI_OPT_STOP */
    char **pos;     /* positional arguments, after CLI_OPT_DONE */
    int npos;
    const char *shorts; /* getopt's short options (NULL: ":h"; -o FILE of
                           the print commands: ":ho:") */
};

/* argv[0] is the (sub)command name. Options may come before or after the
 * positional arguments; "--" ends the options. */
void cli_opts_init(struct cli_opts *o, const struct tcrm_cmd *cmd, int argc,
                   char **argv, const struct option *lo);
/* The option's val, CLI_OPT_DONE at the end (o->pos/npos are then set),
 * or CLI_OPT_STOP after --help (status 0) or a usage error (status 2). */
int cli_opts_next(struct cli_opts *o);


/* Print `cmd --help` on stdout; returns 0. */
int cli_help(const struct tcrm_cmd *cmd);

/* A group: argv[0] is the group name, argv[1] the subcommand. subs[i]->name
 * is "GROUP SUB". Runs the subcommand with argv from argv[1]. */
int cli_dispatch(struct tcrm_cli *cli, const struct tcrm_cmd *group,
                 const struct tcrm_cmd *const *subs, size_t n, int argc,
                 char **argv);

/* tcrm_cli_db for commands that only read: a database that cannot be
 * written is opened read-only rather than refused. */
int cli_db_read(struct tcrm_cli *cli, struct tcrm_db **db);
/* tcrm_cli_db that creates a missing database: `tcrm init` only. Every
 * other opener fails on a missing file with "tcrm: FILE: no such database
 * (create it with: tcrm init)", exit 1, and creates nothing. */
int cli_db_create(struct tcrm_cli *cli, struct tcrm_db **db);

/* ---- argument parsing (a bad value: one line, returns 1) ----------- */

/* "what" names the thing in the message: N_("contact id"), translated
 * where shown. */
/* A subcommand that takes one argument (named `name` in the usage error)
 * and no option but --help. Returns 0 with *arg set, or the status to
 * return: a usage error, or TCRM_EXIT_HELPED after --help. */
int cli_one_arg(const struct tcrm_cmd *cmd, int argc, char **argv,
                const char *name, const char **arg);
/* The same for one ID: parse it. */
int cli_one_id(const struct tcrm_cmd *cmd, int argc, char **argv,
               const char *what, int64_t *id);
int cli_parse_id(const struct tcrm_cmd *cmd, const char *what, const char *s,
                 int64_t *id);
/* Whole number from lo to hi; opt names the option ("--days"). */
int cli_parse_int(const struct tcrm_cmd *cmd, const char *opt, const char *s,
                  int lo, int hi, int *out);
/* tcrm_date_parse at tcrm_clock_now(); opt names the option. */
int cli_parse_when(const struct tcrm_cmd *cmd, const char *opt, const char *s,
                   struct tcrm_when *w);

/* Exactly n positional arguments (names them in the message when not;
 * names is translated by the caller when it has words: _("ID and
 * TITLE"); a bare metavariable, "NAME", stays as it is). */
int cli_want_args(const struct tcrm_cmd *cmd, const struct cli_opts *o,
                  int min, int max, const char *names);

/* The positional arguments from `from` on, joined by spaces (malloc'd). */
char *cli_join(char **argv, int n);

/* ---- output helpers ------------------------------------------------- */

/* A sanitized copy of s ("" for NULL), valid until 32 more cli_s/
 * cli_keep calls or cli_ring_free(). */
const char *cli_s(const char *s);
/* A lower layer's error as the command line words it (cli.c): the
 * message, sanitized, with what the field it concerns means here (the
 * option that holds it, or the option that fixes it). Returns buf. */
const char *cli_error_text(const struct tcrm_error *err, char *buf, size_t cap);
/* Keep a malloc'd string in the ring (takes ownership); returns it. */
const char *cli_keep(char *s);
void cli_ring_free(void);
/* A stored date or timestamp in the configured [display] date_format
 * ("" for NULL/empty). Ring-owned. */
const char *cli_date(const struct tcrm_cli *cli, const char *iso);
/* "  label       value" (value sanitized) when value is not empty; the
 * label is padded by display width (pass it translated). */
void cli_field(struct tcrm_cli *cli, const char *label, const char *value);
/* s, then spaces up to cols columns of display width (never cut; ring). */
const char *cli_pad(const char *s, int cols);
/* "  label         " for a line of show output: the label padded to 13
 * columns of display width, after two spaces (ring-owned). */
const char *cli_label(const char *label);
/* printf into a new string (ring-owned). The format is not translated
 * here: pass _("..."). */
const char *cli_fmt(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* "2026-11-20 10:00:00 by ann (version 3)": the last change of a record,
 * for the "changed" line of the show commands (ring-owned). */
const char *cli_changed(const char *at, const char *by, long long version);
/* Valid stage names of the pipeline, comma-separated (ring-owned). */
const char *cli_stage_names(const struct tcrm_config *cfg);
/* A tag given to filter by (--tag) must exist, in every command: prints
 * "tcrm: tag 'T': not found" and returns 1, or 0 (also for tag NULL). */
int cli_check_tag(struct tcrm_db *db, const char *tag);
/* Check a stage against the pipeline; prints the error and returns 1, or
 * 0 with *idx set. */
int cli_check_stage(const struct tcrm_cli *cli, const char *stage, int *idx);

/* ---- paging (cli_pager.c) ------------------------------------------- */

/* Text longer than the screen through a pager, on a terminal only:
 * begin (cli->out then holds the first screenful), check after each
 * record, end (1 when the person quit the pager before the end: stop
 * quietly). Not for CSV. */
struct cli_pager {
    FILE *real, *mem;
    char *buf;
    size_t len, counted, lines;
    int rows, paging;
};
void cli_pager_begin(struct tcrm_cli *cli, struct cli_pager *p);
void cli_pager_check(struct tcrm_cli *cli, struct cli_pager *p);
int cli_pager_end(struct tcrm_cli *cli, struct cli_pager *p);

/* ---- tables (table.c) ----------------------------------------------- */

enum cli_format { CLI_FMT_TABLE, CLI_FMT_CSV, CLI_FMT_TSV };
/* Parse "table", "csv", "tsv"; a bad value (1) otherwise. */
int cli_parse_format(const struct tcrm_cmd *cmd, const char *s,
                     enum cli_format *f);

struct cli_table;
/* ncols columns; align: one char per column, 'l' or 'r'. headers NULL:
 * no header line (tables only; CSV/TSV always have one when given).
 * Headers are English, marked N_(): a table (CLI_FMT_TABLE) shows them
 * translated, CSV and TSV as they are. */
struct cli_table *cli_table_new(struct tcrm_cli *cli, enum cli_format fmt,
                                int ncols, const char *const *headers,
                                const char *align);
/* Column col shrinks last when the table must fit the terminal (a
 * phone: people dial it whole). */
void cli_table_keep(struct cli_table *t, int col);
/* The width tables fit: 0 (none) with --wide or off a terminal, else
 * $COLUMNS or the terminal's width (table.c). */
int cli_term_width(const struct tcrm_cli *cli);
/* Indent each line of a table by n spaces. */
void cli_table_indent(struct cli_table *t, int n);
/* Add one row (cells copied and sanitized; NULL is empty). */
int cli_table_add(struct cli_table *t, const char *const *cells);
/* Rows added so far. */
size_t cli_table_rows(const struct cli_table *t);
/* Print what is left and free (NULL is fine). Returns 0 or -1 on a write
 * error. */
int cli_table_end(struct cli_table *t);

/* ---- shared between commands ---------------------------------------- */

struct tcrm_contact_filter;
/* Print contacts matching f (search, tag, company, sort) as a table,
 * paging through the database; limit 0 = all. Returns an exit status. */
int cli_print_contacts(struct tcrm_cli *cli, const struct tcrm_contact_filter *f,
                       enum cli_format fmt, size_t limit, const char *empty);

#endif
