/*
 * main.c: tcrm starts here. It sets the locale from the environment (so
 * wide characters are measured and drawn right) and hands everything to
 * the command line, passing the full-screen interface as the function to
 * run when no command is given: src/cli itself never links curses.
 *
 * SIGXFSZ is ignored for the whole run: a file-size limit (or a test's
 * `ulimit -f` standing in for a full disk) then makes a write fail with
 * EFBIG, SQLite rolls the transaction back and tcrm says "disk full",
 * instead of the signal killing tcrm in the middle of a write.
 */
#include <locale.h>
#include <signal.h>

#include "tcrm/cli.h"
#include "tcrm/tui.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    signal(SIGXFSZ, SIG_IGN);
    return tcrm_cli_main(argc, argv, tcrm_tui_run);
}
