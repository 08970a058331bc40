/*
 * ui_keys.h: which key does what on the main screen. Pure: a key code
 * (ncurses KEY_* values, characters as themselves) and the place the
 * keyboard is in go in, an action comes out. ui_help.c prints the same
 * table, so help and behaviour cannot drift apart.
 */
#ifndef TCRM_TUI_UI_KEYS_H
#define TCRM_TUI_UI_KEYS_H

enum tui_action {
    TUI_A_NONE,
    TUI_A_QUIT, TUI_A_HELP, TUI_A_REDRAW,
    TUI_A_DOWN, TUI_A_UP, TUI_A_PGDN, TUI_A_PGUP, TUI_A_HOME, TUI_A_END,
    TUI_A_LEFT, TUI_A_RIGHT,
    TUI_A_VIEW1, TUI_A_VIEW2, TUI_A_VIEW3, TUI_A_VIEW4, TUI_A_VIEW5,
    TUI_A_VIEW6, TUI_A_VIEW7, TUI_A_VIEW8,
    TUI_A_OPEN,          /* Enter: edit the row / jump to the contact */
    TUI_A_EDIT, TUI_A_ADD, TUI_A_DELETE,
    TUI_A_SEARCH, TUI_A_NEXT, TUI_A_PREV, TUI_A_CLEAR,
    TUI_A_SORT, TUI_A_TAG,
    TUI_A_LOG_CALL, TUI_A_LOG_EMAIL, TUI_A_LOG_VISIT, TUI_A_LOG_MEETING,
    TUI_A_LOG_MESSAGE, TUI_A_LOG_NOTE,
    TUI_A_FOLLOWUP, TUI_A_NEXT_STAGE, TUI_A_DEAL,
    TUI_A_IMPORT, TUI_A_REPORTS,
    TUI_A_PANE_TOGGLE, TUI_A_FOCUS,
    TUI_A_DONE, TUI_A_SNOOZE, TUI_A_RESCHEDULE,
    TUI_A_EXPORT_VCARD,
    TUI_A_HISTORY,
    TUI_A_INTERACTIONS,  /* i: the contact's interactions (ui_reader.c) */
    TUI_A_ASSIGN, TUI_A_SHARE, TUI_A_CLAIM, TUI_A_MINE,   /* ui_owner.c */
    TUI_A_DOCS,          /* Q: the quotes and orders of the row */
    TUI_A_ACCEPT,        /* y: accept the quote, confirm the order */
    TUI_A_PRINT,         /* P: print the quote or order */
    TUI_A_FILES,         /* F: the row's attachments (ui_attach.c) */
    TUI_A_APPROVE,       /* Y: approve the order (managers) */
    TUI_A_VIEW9, TUI_A_VIEW10,   /* 9 Tickets, 0 Campaigns */
    TUI_A_TICKET_WAIT,   /* W: the ticket waits for the customer */
    TUI_A_TICKET_CLOSE,  /* x: close the ticket */
    TUI_A_TICKET_REOPEN, /* u: reopen the ticket */
    TUI_A_COUNT
};

/* Where the keys go: the list of the current view, or the reminder pane. */
enum tui_focus { TUI_FOCUS_LIST, TUI_FOCUS_PANE };

enum tui_action tui_key_action(int key, enum tui_focus focus);

/* For help: each binding once, in the order help shows them. */
struct tui_key_help {
    const char *keys;    /* "j Down" */
    const char *what;    /* "next row" (English, marked N_: _() shows it) */
    int pane_only;       /* 1: only in the reminder pane */
};
const struct tui_key_help *tui_key_help_table(int *n);

#endif
