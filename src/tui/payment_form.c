/*
 * payment_form.c: the form that records a payment (收款) against one
 * invoice: amount, method, account, date, note.
 *
 * Design. The same shape as the other forms (followup_form.c): fields,
 * then a save callback that hands a struct tcrm_payment_in to the data
 * layer (tcrm_payment_add, as `tcrm payment add --invoice` does), which
 * validates and writes in one transaction. The amount starts as what is
 * open on the invoice; a payment over it, a bad amount or a date in the
 * future comes back with err->field naming the field, and the form puts
 * the message beside it and stays open. The method is one of the stored
 * English keys (invoice.h), shown through tcrm_i18n_word("method", key);
 * the date is typed in the date language (today, yesterday, 2026-11-20)
 * and saved as YYYY-MM-DD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "modal.h"
#include "tcrm/date.h"
#include "tcrm/invoice.h"
#include "tcrm/money.h"

enum { P_AMOUNT, P_METHOD, P_ACCOUNT, P_DATE, P_NOTE, P_N };

struct pay_ctx {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    int64_t invoice_id;
    int64_t *out_id;
};

static int pay_fields(struct tui_field *f, const struct tcrm_invoice *v,
                      const char *const *methods, const char *today)
{
    char open[48];
    tcrm_money_format(v->amount - v->paid, NULL, open, sizeof open);
    int rc = tui_field_text(&f[P_AMOUNT], "Amount", open);
    rc |= tui_field_choice(&f[P_METHOD], "Method", methods, TCRM_PAY_METHODS,
                           TCRM_PAY_BANK);
    rc |= tui_field_text(&f[P_ACCOUNT], "Account", NULL);
    rc |= tui_field_text(&f[P_DATE], "Date", today);
    rc |= tui_field_text(&f[P_NOTE], "Note", NULL);
    f[P_AMOUNT].required = 1;
    f[P_AMOUNT].check = tui_check_money;
    /* TRANSLATORS: under the payment form's Amount field */
    f[P_AMOUNT].hint = _("what was received, at most what is open");
    f[P_METHOD].choice_ctx = "method";
    f[P_METHOD].hint = _("Left/Right or the first letter picks one");
    /* TRANSLATORS: under the payment form's Account field */
    f[P_ACCOUNT].hint = _("optional: the bank account or till it went into");
    f[P_DATE].required = 1;
    f[P_DATE].check = tui_check_date;
    /* TRANSLATORS: forms the date language accepts (tcrm/date.h) */
    f[P_DATE].hint = _("when it was received: today, yesterday, 2026-11-20");
    return rc ? TCRM_ENOMEM : 0;
}

static int pay_save(struct tui_form *fm, void *ud)
{
    struct pay_ctx *x = ud;
    struct tui_field *f = fm->f;
    struct tcrm_payment_in in = {.invoice_id = x->invoice_id,
                                 .pattern = x->cfg->payment_number};
    struct tcrm_error err = {0};
    struct tcrm_when w;
    char day[17];
    int64_t id = 0;
    char *amount = tui_field_dup(&f[P_AMOUNT]);
    char *account = tui_field_dup(&f[P_ACCOUNT]);
    char *note = tui_field_dup(&f[P_NOTE]);
    int rc = tcrm_money_parse(amount ? amount : "", &in.amount, &err);
    in.method = f[P_METHOD].choice;
    in.account = account;
    in.note = note;
    if (rc == 0 && tui_field_when(&f[P_DATE], &w) == 0) {
        tcrm_when_iso(&w, day);
        day[10] = '\0';
        in.paid_on = day;
    }
    if (rc == 0)
        rc = tcrm_payment_add(x->db, &in, &id, &err);
    free(amount);
    free(account);
    free(note);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = id;
    return TUI_SAVED;
}

int tui_payment_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                     int64_t invoice_id, int64_t *out_id)
{
    struct pay_ctx x = {db, cfg, invoice_id, out_id};
    struct tcrm_invoice v;
    struct tcrm_error err;
    struct tui_field f[P_N];
    struct tui_form fm;
    const char *methods[TCRM_PAY_METHODS];
    char title[300], open[64], today[11];
    if (tcrm_invoice_get(db, invoice_id, &v, &err) != 0) {
        tui_message(err.msg);
        return TUI_CANCELLED;
    }
    for (int i = 0; i < TCRM_PAY_METHODS; i++)
        methods[i] = tcrm_pay_method_name(i);
    tcrm_date_today(tcrm_clock_now(), today);
    tcrm_money_format(v.amount - v.paid, v.currency, open, sizeof open);
    /* TRANSLATORS: the title of the payment form: the invoice's number
     * (or "the opening balance"), its customer, what is open on it */
    snprintf(title, sizeof title, _("Payment on %s · %s · open %s"),
             v.number ? v.number : _("the opening balance"),
             v.company_name ? v.company_name
             : v.contact_name ? v.contact_name : "", open);
    int rc = pay_fields(f, &v, methods, today);
    tcrm_invoice_clear(&v);
    tui_form_init(&fm, title, f, P_N, db);
    rc = rc ? TCRM_ENOMEM : tui_form_run(&fm, pay_save, &x);
    tui_form_free(&fm);
    return rc;
}
