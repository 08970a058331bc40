/*
 * main.c: tcrm starts here. It sets the locale from the environment (so
 * wide characters are measured and drawn right) and hands everything to
 * the command line, passing the full-screen interface as the function to
 * run when no command is given: src/cli itself never links curses.
 */
#include <locale.h>

#include "tcrm/cli.h"
#include "tcrm/tui.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    return tcrm_cli_main(argc, argv, tcrm_tui_run);
}
