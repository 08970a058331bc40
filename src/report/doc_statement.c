/*
 * doc_statement.c: the printable statement of account (对账单) of a
 * customer (tcrm/document.h, tcrm_statement_make): every live invoice
 * and payment up to the as-of day in date order with a running balance
 * (billed: the invoices, the debit; paid: the payments, the credit),
 * the opening balance first, the totals, and the invoices overdue then.
 *
 * The rows come from the core (statement.h), each in its own currency:
 * a customer billed in two currencies gets one ledger per currency, and
 * the totals name each currency; nothing is converted on a statement.
 * The balance is what the customer owes: invoices (debit) less payments
 * (credit), so a payment not applied yet lowers it too, as in the aging.
 * CSV: the ledger rows, English headers, plain decimals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "tcrm/date.h"
#include "tcrm/statement.h"

#define LEDGER_COLS 6
#define OVERDUE_COLS 4

/* The figures of one currency. */
enum { ST_INVOICED, ST_PAID, ST_BALANCE, ST_OVERDUE, ST_N };
struct st_sum {
    char cur[4];
    int64_t v[ST_N];
};

static char *st_money(int64_t minor)
{
    char buf[64];
    tcrm_money_format(minor, NULL, buf, sizeof buf);
    return strdup(buf);
}

/* What a row is, in words: "Opening balance", "Invoice, order O…",
 * "Payment, bank, invoice I…". */
static char *st_details(const struct tcrm_stmt_row *r)
{
    char buf[256];
    if (r->kind == TCRM_STMT_OPENING)
        snprintf(buf, sizeof buf, "%s", _("Opening balance"));
    else if (r->kind == TCRM_STMT_INVOICE && r->ref)
        snprintf(buf, sizeof buf, _("Invoice, order %s"), r->ref);
    else if (r->kind == TCRM_STMT_INVOICE)
        snprintf(buf, sizeof buf, "%s", _("Invoice"));
    else if (r->ref)
        /* TRANSLATORS: a payment on a statement: its method, then the
         * invoice or order it paid */
        snprintf(buf, sizeof buf, _("Payment, %s, for %s"),
                 tcrm_i18n_word("method", tcrm_pay_method_name(r->method)),
                 r->ref);
    else
        snprintf(buf, sizeof buf, _("Payment, %s"),
                 tcrm_i18n_word("method", tcrm_pay_method_name(r->method)));
    return strdup(buf);
}

static void st_free_cells(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

static int st_push(struct doc_fill *f, const char *line)
{
    if (doc_push(&f->lines, line))
        f->rc = TCRM_ENOMEM;
    return f->rc;
}

/* The ledger of rows [from, to) (one currency): an opening row first
 * (0.00 when the customer has no opening balance), then every row with
 * the balance after it. */
static void st_ledger(struct doc_fill *f, const struct tcrm_stmt_row *r,
                      size_t from, size_t to, struct st_sum *s)
{
    const struct doc_col cols[LEDGER_COLS] = {
        { _("Date"), 0, 0 }, { _("Document"), 0, 0 },
        { _("Details"), 0, 1 }, { _("Billed"), 1, 0 },
        { _("Paid"), 1, 0 }, { _("Balance"), 1, 0 },
    };
    size_t rows = to - from + (r[from].kind != TCRM_STMT_OPENING);
    char **cells = calloc(rows * LEDGER_COLS, sizeof *cells);
    int64_t bal = 0;
    size_t k = 0;
    if (!cells) {
        f->rc = TCRM_ENOMEM;
        return;
    }
    if (r[from].kind != TCRM_STMT_OPENING) {
        cells[2] = strdup(_("Opening balance"));
        cells[5] = st_money(0);
        k = 1;
        if (!cells[2] || !cells[5])
            f->rc = TCRM_ENOMEM;
    }
    for (size_t i = from; i < to; i++, k++) {
        char **c = cells + k * LEDGER_COLS;
        int pay = r[i].kind == TCRM_STMT_PAYMENT;
        bal += pay ? -r[i].amount : r[i].amount;
        s->v[pay ? ST_PAID : ST_INVOICED] += r[i].amount;
        s->v[ST_BALANCE] = bal;
        c[0] = strdup(r[i].day);
        c[1] = strdup(r[i].number ? r[i].number : "");
        c[2] = st_details(&r[i]);
        c[pay ? 4 : 3] = st_money(r[i].amount);
        c[5] = st_money(bal);
        if (!c[0] || !c[1] || !c[2] || !c[pay ? 4 : 3] || !c[5])
            f->rc = TCRM_ENOMEM;
    }
    if (f->rc == 0)
        doc_table(f, cols, LEDGER_COLS, cells, rows);
    st_free_cells(cells, rows * LEDGER_COLS);
}

/* The invoices of rows [from, to) overdue as of as_of. */
static void st_overdue(struct doc_fill *f, const struct tcrm_stmt_row *r,
                       size_t from, size_t to, const char *as_of,
                       struct st_sum *s)
{
    const struct doc_col cols[OVERDUE_COLS] = {
        { _("Invoice"), 0, 1 }, { _("Due"), 0, 0 },
        { _("Days overdue"), 1, 0 }, { _("Open"), 1, 0 },
    };
    size_t n = 0;
    char **cells = calloc((to - from) * OVERDUE_COLS, sizeof *cells);
    if (!cells) {
        f->rc = TCRM_ENOMEM;
        return;
    }
    for (size_t i = from; i < to; i++) {
        if (r[i].kind == TCRM_STMT_PAYMENT || r[i].open <= 0 ||
            strcmp(r[i].due, as_of) >= 0)
            continue;
        char **c = cells + n++ * OVERDUE_COLS, days[16];
        snprintf(days, sizeof days, "%d",
                 tcrm_date_days_between(r[i].due, as_of));
        c[0] = strdup(r[i].number ? r[i].number : _("Opening balance"));
        c[1] = strdup(r[i].due);
        c[2] = strdup(days);
        c[3] = st_money(r[i].open);
        s->v[ST_OVERDUE] += r[i].open;
        if (!c[0] || !c[1] || !c[2] || !c[3])
            f->rc = TCRM_ENOMEM;
    }
    if (n && f->rc == 0 && st_push(f, "") == 0) {
        char head[128];
        snprintf(head, sizeof head, _("Overdue as of %s:"), as_of);
        if (st_push(f, head) == 0)
            doc_table(f, cols, OVERDUE_COLS, cells, n);
    }
    st_free_cells(cells, (to - from) * OVERDUE_COLS);
}

/* "1,000.00 CNY; 20.00 USD": figure k of every currency. */
static void st_set_sums(struct doc_fill *f, const char *key,
                        const struct st_sum *s, size_t n, int k)
{
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        tcrm_money_format(s[i].v[k], s[i].cur, buf, sizeof buf);
        if (tcrm_strbuf_appendf(&sb, "%s%s", i ? "; " : "", buf))
            f->rc = TCRM_ENOMEM;
    }
    doc_set(f, key, sb.buf);
    tcrm_strbuf_free(&sb);
}

/* Rows [from, to) of one currency: a line naming it when the customer
 * has several, the ledger, the overdue invoices. */
static void st_currency(struct doc_fill *f, const struct tcrm_stmt_row *r,
                        size_t from, size_t to, int several,
                        const char *as_of, struct st_sum *s)
{
    char head[96];
    snprintf(s->cur, sizeof s->cur, "%s", r[from].currency);
    if (several) {
        if (f->lines.n)
            st_push(f, "");
        snprintf(head, sizeof head, _("Account in %s:"), s->cur);
        st_push(f, head);
    }
    st_ledger(f, r, from, to, s);
    st_overdue(f, r, from, to, as_of, s);
}

static void st_values(struct doc_fill *f, const struct tcrm_config *cfg,
                      const char *name, const char *as_of,
                      const char *today)
{
    doc_set_company(f, cfg);
    doc_set(f, "customer", name);
    doc_set(f, "as_of", as_of);
    doc_set(f, "date", today);
}

/* The ledgers into f; s gets the figures of each currency (*ns). */
static void st_fill(struct doc_fill *f, const struct tcrm_stmt_row *r,
                    size_t n, const char *as_of, struct st_sum *s,
                    size_t *ns)
{
    size_t from = 0, ncur = 0;
    *ns = 0;
    for (size_t i = 0; i < n; i++)
        ncur += i == 0 || strcmp(r[i - 1].currency, r[i].currency);
    for (size_t i = 1; i <= n && f->rc == 0; i++)
        if (i == n || strcmp(r[i - 1].currency, r[i].currency)) {
            memset(&s[*ns], 0, sizeof s[*ns]);
            st_currency(f, r, from, i, ncur > 1, as_of, &s[(*ns)++]);
            from = i;
        }
    if (!n)
        st_push(f, _("No invoices and no payments."));
}

/* "-1200.50": a plain decimal for CSV. */
static char *st_plain(int64_t v, char *out, size_t cap)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(out, cap, "%s%llu.%02u", v < 0 ? "-" : "",
             (unsigned long long)(u / 100), (unsigned)(u % 100));
    return out;
}

static int st_csv(struct tcrm_doc *out, const struct tcrm_stmt_row *r,
                  size_t n)
{
    static const char *const kinds[] = { "opening", "invoice", "payment" };
    static const char *const head[] = { "currency", "date", "kind",
        "number", "reference", "due", "debit", "credit", "balance", "open" };
    int rc = doc_csv_numbers(out, head, 10, 10);
    int64_t bal = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char v[3][32];
        int pay = r[i].kind == TCRM_STMT_PAYMENT;
        if (i && strcmp(r[i - 1].currency, r[i].currency))
            bal = 0;
        bal += pay ? -r[i].amount : r[i].amount;
        const char *row[] = { r[i].currency, r[i].day, kinds[r[i].kind],
            r[i].number, r[i].ref, r[i].due,
            pay ? "" : st_plain(r[i].amount, v[0], sizeof v[0]),
            pay ? st_plain(r[i].amount, v[0], sizeof v[0]) : "",
            st_plain(bal, v[1], sizeof v[1]),
            st_plain(r[i].open, v[2], sizeof v[2]) };
        rc = doc_csv_numbers(out, row, 10, 6);
    }
    return rc;
}

int tcrm_statement_make(struct tcrm_db *db, const struct tcrm_config *cfg,
                        int64_t company_id, int64_t contact_id,
                        const char *as_of, enum tcrm_report_format format,
                        struct tcrm_doc *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    struct tcrm_customer c;
    struct tcrm_stmt_row *r = NULL;
    char today[11], *name = NULL, *path = NULL;
    size_t n = 0;
    if (!err)
        err = &local;
    tcrm_doc_init(out);
    tcrm_date_today(tcrm_clock_now(), today);
    as_of = as_of && *as_of ? as_of : today;
    int rc = tcrm_statement_customer(db, company_id, contact_id, &c, &name,
                                     err);
    if (rc == 0)
        rc = tcrm_statement_rows(db, &c, as_of, &r, &n, err);
    if (rc == 0 && format == TCRM_REPORT_CSV) {
        if ((rc = st_csv(out, r, n)))
            tcrm_error_set(err, rc, "out of memory");
    } else if (rc == 0 &&
               (rc = tcrm_document_template("statement", &path, err)) == 0) {
        struct doc_fill f;
        struct st_sum *s = calloc(n ? n : 1, sizeof *s);
        size_t ns = 0;
        doc_fill_init(&f);
        f.rc = s ? 0 : TCRM_ENOMEM;
        st_values(&f, cfg, name, as_of, today);
        if (s)
            st_fill(&f, r, n, as_of, s, &ns);
        static const char *const keys[ST_N] = { "invoiced", "paid",
                                                "balance", "overdue" };
        for (int k = 0; k < ST_N; k++)
            st_set_sums(&f, keys[k], s, ns, k);
        rc = f.rc ? tcrm_error_set(err, f.rc, "out of memory")
                  : doc_template_fill(path, &f, out, err);
        doc_fill_free(&f);
        free(s);
    }
    free(path);
    free(name);
    tcrm_statement_rows_free(r, n);
    if (rc)
        tcrm_doc_free(out);
    return rc;
}
