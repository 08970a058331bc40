/*
 * ui_keys.c: the key map of the main screen.
 *
 * One table maps key codes to actions; a second, smaller one overrides it
 * while the reminder pane has the focus (d, s, r act on the follow-up under
 * the pane's cursor there). Function keys mirror the bottom bar (htop/mc
 * style) and vi keys work alike. Only ncurses' KEY_* constants are used
 * (header macros), never a curses call, so this is unit-tested directly.
 */
#include <curses.h>
#include <stddef.h>

#include "tcrm/i18n.h"
#include "ui_keys.h"

#define CTRL(c) ((c) & 0x1f)

struct binding {
    int key;
    enum tui_action action;
};

static const struct binding list_keys[] = {
    {'q', TUI_A_QUIT}, {KEY_F(10), TUI_A_QUIT},
    {'?', TUI_A_HELP}, {KEY_F(1), TUI_A_HELP},
    {CTRL('l'), TUI_A_REDRAW},
    {'j', TUI_A_DOWN}, {KEY_DOWN, TUI_A_DOWN},
    {'k', TUI_A_UP}, {KEY_UP, TUI_A_UP},
    {KEY_NPAGE, TUI_A_PGDN}, {CTRL('f'), TUI_A_PGDN}, {' ', TUI_A_PGDN},
    {KEY_PPAGE, TUI_A_PGUP}, {CTRL('b'), TUI_A_PGUP},
    {'g', TUI_A_HOME}, {KEY_HOME, TUI_A_HOME},
    {'G', TUI_A_END}, {KEY_END, TUI_A_END},
    {'h', TUI_A_LEFT}, {KEY_LEFT, TUI_A_LEFT}, {'[', TUI_A_LEFT},
    {'l', TUI_A_RIGHT}, {KEY_RIGHT, TUI_A_RIGHT}, {']', TUI_A_RIGHT},
    {'1', TUI_A_VIEW1}, {'2', TUI_A_VIEW2}, {'3', TUI_A_VIEW3},
    {'4', TUI_A_VIEW4}, {'5', TUI_A_VIEW5}, {'6', TUI_A_VIEW6},
    {'7', TUI_A_VIEW7}, {'8', TUI_A_VIEW8}, {KEY_F(8), TUI_A_VIEW8},
    {'\n', TUI_A_OPEN}, {'\r', TUI_A_OPEN}, {KEY_ENTER, TUI_A_OPEN},
    {'E', TUI_A_EDIT},
    {'a', TUI_A_ADD}, {KEY_F(2), TUI_A_ADD}, {KEY_IC, TUI_A_ADD},
    {'D', TUI_A_DELETE}, {KEY_DC, TUI_A_DELETE},
    {'/', TUI_A_SEARCH}, {KEY_F(3), TUI_A_SEARCH},
    {'n', TUI_A_NEXT}, {'N', TUI_A_PREV},
    {27, TUI_A_CLEAR},
    {'o', TUI_A_SORT}, {'t', TUI_A_TAG},
    {'c', TUI_A_LOG_CALL}, {KEY_F(4), TUI_A_LOG_CALL},
    {'e', TUI_A_LOG_EMAIL}, {'v', TUI_A_LOG_VISIT},
    {'m', TUI_A_LOG_MEETING}, {'M', TUI_A_LOG_MESSAGE},
    {'w', TUI_A_LOG_NOTE},
    {'f', TUI_A_FOLLOWUP}, {KEY_F(5), TUI_A_FOLLOWUP},
    {'>', TUI_A_NEXT_STAGE}, {'$', TUI_A_DEAL},
    {'I', TUI_A_IMPORT}, {KEY_F(6), TUI_A_IMPORT},
    {'X', TUI_A_EXPORT_VCARD},
    {'R', TUI_A_REPORTS}, {KEY_F(7), TUI_A_REPORTS},
    {'p', TUI_A_PANE_TOGGLE}, {'\t', TUI_A_FOCUS},
    {'d', TUI_A_DONE}, {'s', TUI_A_SNOOZE}, {'r', TUI_A_RESCHEDULE},
    {'H', TUI_A_HISTORY}, {'i', TUI_A_INTERACTIONS},
    {'A', TUI_A_ASSIGN}, {'S', TUI_A_SHARE}, {'C', TUI_A_CLAIM},
    {'O', TUI_A_MINE},
    {'Q', TUI_A_DOCS}, {'y', TUI_A_ACCEPT}, {'P', TUI_A_PRINT},
    {'F', TUI_A_FILES},
    {'Y', TUI_A_APPROVE},
    {'9', TUI_A_VIEW9}, {KEY_F(9), TUI_A_VIEW9}, {'0', TUI_A_VIEW10},
    {'W', TUI_A_TICKET_WAIT}, {'x', TUI_A_TICKET_CLOSE},
    {'u', TUI_A_TICKET_REOPEN},
};

/* In the pane, keys that act on a contact of the list have no meaning. */
static const struct binding pane_keys[] = {
    {'a', TUI_A_NONE}, {KEY_F(2), TUI_A_NONE}, {'D', TUI_A_NONE},
    {'/', TUI_A_NONE}, {KEY_F(3), TUI_A_NONE}, {'o', TUI_A_NONE},
    {'t', TUI_A_NONE}, {'>', TUI_A_NONE},
    {27, TUI_A_FOCUS}, {'h', TUI_A_NONE}, {'l', TUI_A_NONE},
    {'A', TUI_A_NONE}, {'S', TUI_A_NONE}, {'C', TUI_A_NONE},
};

static int lookup(const struct binding *t, size_t n, int key,
                  enum tui_action *out)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].key == key) {
            *out = t[i].action;
            return 1;
        }
    return 0;
}

enum tui_action tui_key_action(int key, enum tui_focus focus)
{
    enum tui_action a = TUI_A_NONE;
    if (focus == TUI_FOCUS_PANE
        && lookup(pane_keys, sizeof pane_keys / sizeof *pane_keys, key, &a))
        return a;
    lookup(list_keys, sizeof list_keys / sizeof *list_keys, key, &a);
    return a;
}

/* TRANSLATORS: the help screen's lines: what a key does. At 80 columns
 * each gets 50 columns (a CJK character is 2). */
static const struct tui_key_help help[] = {
    {"1 2 3 4 5", N_("views: Contacts, Companies, Deals, Follow-ups, Reports"), 0},
    {"6 7", N_("views: Quotes, Orders"), 0},
    {"8  F8", N_("view: Invoices (what is owed, what was paid)"), 0},
    {"Q", N_("the quotes and orders of the contact, company or deal"), 0},
    {"j k  Down Up", N_("next / previous row"), 0},
    {"PgDn PgUp  Space ^F ^B", N_("next / previous page"), 0},
    {"g G  Home End", N_("first / last row"), 0},
    {"h l  Left Right  [ ]", N_("previous / next stage (Deals)"), 0},
    {"Enter", N_("edit the row (in the pane: go to the contact)"), 0},
    {"E", N_("edit the row (in the pane: the follow-up)"), 0},
    {"a  F2  Insert", N_("add (a contact, company, deal or follow-up)"), 0},
    {"D  Delete", N_("delete the row (to the trash, after a question)"), 0},
    {"/  F3", N_("search as you type; Enter keeps it, Esc drops it"), 0},
    {"n N", N_("next / previous match"), 0},
    {"Esc", N_("clear the search and the tag filter"), 0},
    {"o", N_("sort by the next column"), 0},
    {"t", N_("show only contacts or companies with a tag"), 0},
    {"c  F4", N_("log a call with the contact"), 0},
    {"e v m M w", N_("log an e-mail, visit, meeting, message, note"), 0},
    {"f  F5", N_("add a follow-up for the contact"), 0},
    {"$", N_("add a deal for the contact or company"), 0},
    {">", N_("move the deal to the next stage (last stage: won)"), 0},
    {"d", N_("mark the follow-up done (Follow-ups view, pane)"), 0},
    {"s", N_("snooze the follow-up to a date (tomorrow, +3d, fri)"), 0},
    {"r", N_("reschedule the follow-up to a date"), 0},
    {"s y r", N_("send, accept, reject the quote (y: confirm an order)"), 0},
    {"P", N_("print the quote or order: to a file or the printer"), 0},
    {"Y", N_("approve the order's discount (managers; Orders view)"), 0},
    {"p", N_("record a payment on the invoice (Invoices view)"), 0},
    {"v", N_("void the invoice, after a question (Invoices view)"), 0},
    {"o", N_("invoices: all, open only, voided too (Invoices view)"), 0},
    {"9  F9", N_("view: Tickets (by state, the deadline first)"), 0},
    {"0", N_("view: Campaigns (members, responses, won revenue)"), 0},
    {"a", N_("add a ticket or a campaign (their views)"), 0},
    {"r", N_("resolve the ticket: a form for the resolution"), 0},
    {"w W", N_("a note on the ticket / wait for the customer"), 0},
    {"x u", N_("close / reopen the ticket"), 0},
    {"s", N_("the customer's score 1-5 on a resolved ticket"), 0},
    {"o", N_("tickets: all or open only (Tickets view)"), 0},
    {"H", N_("history: who changed the row, when, and what"), 0},
    {"i", N_("the contact's interactions; Enter reads one in full"), 0},
    {"c", N_("in the interactions: comment on one (managers)"), 0},
    {"F", N_("the row's attachments: save one to a file, detach one"), 0},
    {"Tab", N_("move between the list and the reminder pane"), 0},
    {"p", N_("show / hide the reminder pane"), 0},
    {"A", N_("give the contact, company or deal to someone (login)"), 0},
    {"S", N_("share the contact, company or deal with someone"), 0},
    {"C", N_("claim the contact or company from the pool (no owner)"), 0},
    {"O", N_("show only your own rows / everything you may see"), 0},
    {"I  F6", N_("import contacts from a CSV or vCard file"), 0},
    {"X", N_("export the contacts listed as a vCard file"), 0},
    {"R  F7", N_("reports"), 0},
    {"^L", N_("redraw the screen"), 0},
    {"?  F1", N_("this help"), 0},
    {"q  F10", N_("quit"), 0},
};

const struct tui_key_help *tui_key_help_table(int *n)
{
    *n = (int)(sizeof help / sizeof *help);
    return help;
}
