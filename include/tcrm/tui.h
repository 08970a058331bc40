/*
 * tui.h: the full-screen interface (src/tui), entered by `tcrm` with no
 * command. It owns the terminal from tcrm_tui_run until it returns and
 * always gives it back clean (also on SIGINT/SIGTERM).
 */
#ifndef TCRM_TUI_H
#define TCRM_TUI_H

#include "tcrm/config.h"
#include "tcrm/db.h"

/* Runs until the user quits. Returns 0, or a negative TCRM_E* with err
 * filled when the screen could not start (no terminal, TERM unknown). */
int tcrm_tui_run(struct tcrm_db *db, const struct tcrm_config *cfg,
                 struct tcrm_error *err);

#endif
