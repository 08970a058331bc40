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
 *
 * Before all that, a setgid install cleans its environment and drops its
 * group (tcrm/os.h).
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "tcrm/cli.h"
#include "tcrm/os.h"
#include "tcrm/tui.h"

int main(int argc, char **argv)
{
    struct tcrm_error err;

    /* Installed setgid: clean up and drop the group before anything reads
     * the environment or a file (src/os/privilege.c). */
    if (tcrm_os_privilege_init(&err)) {
        fprintf(stderr, "tcrm: %s\n", err.msg);
        return 1;
    }
    setlocale(LC_ALL, "");
    tcrm_os_i18n_init();
    signal(SIGXFSZ, SIG_IGN);
    return tcrm_cli_main(argc, argv, tcrm_tui_run);
}
