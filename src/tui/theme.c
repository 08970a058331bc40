/*
 * theme.c: screen roles to curses attributes.
 *
 * Two tables, one per case: with colour, roles get a colour pair plus an
 * attribute; without (vt100, NO_COLOR set to anything non-empty, or
 * [display] colors = no), roles get bold/reverse/underline only, chosen so
 * that every role stays distinguishable on a monochrome terminal. Colour is
 * never the only signal: the text itself says OVERDUE or TODAY.
 */
#include <curses.h>
#include <stdlib.h>

#include "theme.h"

struct role_style {
    short fg, bg;       /* -1: the terminal's default */
    int attr;           /* added to the pair when in colour */
    int mono;           /* attribute when colourless */
};

static const struct role_style styles[TUI_ROLE_COUNT] = {
    [TUI_NORMAL]       = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_TITLE]        = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [TUI_HEADER]       = {COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [TUI_CURSOR]       = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TUI_STATUS]       = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [TUI_ERROR]        = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [TUI_OVERDUE]      = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [TUI_TODAY]        = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [TUI_DIM]          = {COLOR_BLUE, -1, A_BOLD, A_NORMAL},
    [TUI_KEY]          = {-1, -1, A_BOLD, A_BOLD},
    [TUI_KEYLABEL]     = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TUI_FIELD]        = {-1, -1, A_UNDERLINE, A_UNDERLINE},
    [TUI_FIELD_ACTIVE] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
};

static int use_color;
static int attrs[TUI_ROLE_COUNT];

static int want_color(const struct tcrm_config *cfg)
{
    if (cfg && cfg->colors == TCRM_COLORS_OFF)
        return 0;
    if (!has_colors())
        return 0;
    if (cfg && cfg->colors == TCRM_COLORS_ON)
        return 1;
    const char *nc = getenv("NO_COLOR");
    return !(nc && *nc);
}

void tui_theme_init(const struct tcrm_config *cfg)
{
    use_color = want_color(cfg) && start_color() == OK;
    int defaults = use_color && use_default_colors() == OK;
    for (int r = 0; r < TUI_ROLE_COUNT; r++) {
        const struct role_style *s = &styles[r];
        if (!use_color) {
            attrs[r] = s->mono;
            continue;
        }
        short fg = s->fg, bg = s->bg;
        if (!defaults) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
        }
        if ((s->fg < 0 && s->bg < 0) || r + 1 >= COLOR_PAIRS) {
            attrs[r] = s->attr;
            continue;
        }
        init_pair((short)(r + 1), fg, bg);
        attrs[r] = (int)COLOR_PAIR(r + 1) | s->attr;
    }
}

int tui_attr(enum tui_role role)
{
    if ((int)role < 0 || role >= TUI_ROLE_COUNT)
        return A_NORMAL;
    return attrs[role];
}

int tui_theme_has_color(void)
{
    return use_color;
}
