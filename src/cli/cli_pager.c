/*
 * cli_pager.c: a listing longer than the screen goes through a pager on
 * a terminal, as `git log` does; into a pipe or file it never does.
 *
 * cli_pager_begin holds the output in memory (cli->out becomes a memory
 * stream) while stdout is a terminal; cli_pager_check, called after each
 * record, starts the pager (tcrm_os_pager_start: $PAGER or less -FRX)
 * once the held text has as many lines as the screen ($LINES, else the
 * terminal's rows, else 24), writes what was held into it and lets the
 * rest stream; cli_pager_end writes a short listing straight to the
 * terminal, or waits for the pager. A pager quit early is no error.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/os.h"

static int screen_rows(void)
{
    struct winsize ws;
    const char *env = getenv("LINES");
    char *end;
    long n;

    if (env && *env) {
        n = strtol(env, &end, 10);
        if (!*end && n > 0 && n < 100000)
            return (int)n;
    }
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
        return ws.ws_row;
    return 24;
}

void cli_pager_begin(struct tcrm_cli *cli, struct cli_pager *p)
{
    memset(p, 0, sizeof *p);
    p->real = cli->out;
    if (!cli->out_is_tty || cli->out != stdout)
        return;
    p->rows = screen_rows();
    p->mem = open_memstream(&p->buf, &p->len);
    if (p->mem)
        cli->out = p->mem;
}

/* Stop holding: what was held goes to the terminal (or the pager). */
static void release(struct tcrm_cli *cli, struct cli_pager *p)
{
    fclose(p->mem);
    p->mem = NULL;
    cli->out = p->real;
    if (p->len)
        fwrite(p->buf, 1, p->len, cli->out);
    free(p->buf);
    p->buf = NULL;
}

void cli_pager_check(struct tcrm_cli *cli, struct cli_pager *p)
{
    if (!p->mem || fflush(p->mem) != 0)
        return;
    for (; p->counted < p->len; p->counted++)
        p->lines += p->buf[p->counted] == '\n';
    if (p->lines < (size_t)p->rows)
        return;
    p->paging = tcrm_os_pager_start() == 0;
    release(cli, p);
}

int cli_pager_end(struct tcrm_cli *cli, struct cli_pager *p)
{
    if (p->mem)
        release(cli, p);
    return p->paging ? tcrm_os_pager_end() : 0;
}
