/*
 * cli.h: the command line (src/cli). main() hands it argv; it parses the
 * global options, finds the command in the command table and runs it.
 *
 * Each command lives in src/cli/cmd_<name>.c and exports one descriptor
 * (tmux style): name, usage, one-line summary and exec. exec gets argv
 * starting at the command name and returns the exit status: 0 ok,
 * 1 failure or a bad value, 2 usage error (man/tcrm.1, EXIT STATUS: the
 * command line's shape is wrong: an unknown command, subcommand or
 * option, an option without its value, a missing or extra argument,
 * options that do not go together). A value that is wrong, whether it
 * cannot be read (a date, number, id, amount, birthday, a word not among
 * the choices) or the data refuses it (an unknown tag, company, stage or
 * id, an invalid e-mail), exits 1, the same in every command. Commands
 * print results on ctx->out and errors on stderr as "tcrm: what: why".
 */
#ifndef TCRM_CLI_H
#define TCRM_CLI_H

#include <stdio.h>

#include "tcrm/config.h"
#include "tcrm/db.h"

enum { TCRM_EXIT_OK = 0, TCRM_EXIT_FAIL = 1, TCRM_EXIT_USAGE = 2,
       /* returned by the argument helpers (cli_one_arg, cli_one_id) when
        * --help was printed: the command stops there, and tcrm exits 0 */
       TCRM_EXIT_HELPED = 256 };

struct tcrm_cli {
    const char *db_opt;        /* --db FILE */
    const char *config_opt;    /* --config FILE */
    struct tcrm_config cfg;    /* loaded before any command runs */
    struct tcrm_db *db;        /* opened on first tcrm_cli_db() */
    FILE *out;                 /* stdout */
    int out_is_tty;
    int csv_raw;               /* --raw: CSV without the formula rule */
    int wide;                  /* --wide: tables never cut to the terminal */
};

struct tcrm_cmd {
    const char *name;          /* "contact" */
    const char *usage;         /* "contact add NAME [--company NAME] ..." */
    const char *summary;       /* one line for `tcrm --help` */
    int (*exec)(struct tcrm_cli *cli, int argc, char **argv);
};

/* The whole program: returns the exit status. With no command it opens
 * the database and calls tcrm_tui_run through the function given (main
 * passes it, so the cli layer does not depend on the screen). */
typedef int (*tcrm_cli_tui_fn)(struct tcrm_db *db, const struct tcrm_config *cfg,
                               struct tcrm_error *err);
int tcrm_cli_main(int argc, char **argv, tcrm_cli_tui_fn tui);

/* Open (once) the database named by --db / $TCRM_DB / config / default. */
int tcrm_cli_db(struct tcrm_cli *cli, struct tcrm_db **db);

/* "tcrm: MESSAGE" on stderr. Returns TCRM_EXIT_FAIL. */
int tcrm_cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "tcrm: error message" from a struct tcrm_error; returns TCRM_EXIT_FAIL. */
int tcrm_cli_fail_err(const struct tcrm_error *err);
/* "tcrm CMD: MESSAGE" then "usage: tcrm USAGE" on stderr; returns 2. */
int tcrm_cli_usage(const struct tcrm_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A bad value: "tcrm CMD: MESSAGE" on stderr, one line (no usage lines);
 * returns 1. The message names the option: "--due: 'x' is not a date". */
int tcrm_cli_bad(const struct tcrm_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
