/*
 * theme.h: colours and attributes of the screen, by role.
 *
 * Every piece of the screen asks for a role, never a colour, so that the
 * colourless case (vt100, NO_COLOR, [display] colors = no) is the same
 * code: roles then map to bold/reverse/underline only. Owned by the
 * screen's main part (ui.c engineer); dialogs use it too.
 */
#ifndef TCRM_TUI_THEME_H
#define TCRM_TUI_THEME_H

#include "tcrm/config.h"

enum tui_role {
    TUI_NORMAL,     /* list text */
    TUI_TITLE,      /* top bar */
    TUI_HEADER,     /* column headers, section names */
    TUI_CURSOR,     /* the selected row */
    TUI_STATUS,     /* the status line */
    TUI_ERROR,      /* an error in the status line or beside a field */
    TUI_OVERDUE,    /* overdue follow-ups (the text also says OVERDUE) */
    TUI_TODAY,      /* due today */
    TUI_DIM,        /* secondary text */
    TUI_KEY,        /* key names in the bottom bar ("F1") */
    TUI_KEYLABEL,   /* their labels ("Help") */
    TUI_FIELD,      /* an input field */
    TUI_FIELD_ACTIVE,
    TUI_ROLE_COUNT
};

/* After initscr(): decide colour from cfg->colors, NO_COLOR and
 * has_colors(), and set up the pairs. */
void tui_theme_init(const struct tcrm_config *cfg);
/* The curses attribute (A_* | COLOR_PAIR) for a role. */
int tui_attr(enum tui_role role);
/* 1 when colours are in use. */
int tui_theme_has_color(void);

#endif
