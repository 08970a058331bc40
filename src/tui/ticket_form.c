/*
 * ticket_form.c: the Tickets view's dialogs: a new ticket (customer,
 * type, priority, product, subject), the resolution of one, and the
 * customer's score after it.
 *
 * Design. The same shape as the other forms (payment_form.c): fields,
 * then a save callback handing the values to the core (tcrm_ticket_add,
 * _resolve, _rate, as `tcrm ticket add/resolve/rate` do), which checks
 * them and writes in one transaction; its refusals come back with
 * err->field and the form puts them beside that field (or on its status
 * line for a refusal about the ticket's state) and stays open.
 *
 * The customer is a company (picked by typing part of its name) or a
 * contact (typed by name: the one contact whose name it is, or the only
 * one the search finds; else a line saying to type more), or both. The
 * deadlines come from the priority and [service]'s hours in tcrm.conf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form.h"
#include "modal.h"
#include "tcrm/contact.h"
#include "tcrm/product.h"
#include "tcrm/ticket.h"

/* ---- a new ticket ------------------------------------------------------- */

enum { T_COMPANY, T_CONTACT, T_TYPE, T_PRIORITY, T_PRODUCT, T_SUBJECT, T_N };

struct add_ctx {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    int64_t *out_id;
};

static int add_fields(struct tui_field *f, const char *const *types,
                      const char *const *prios)
{
    int rc = tui_field_company(&f[T_COMPANY], "Company", NULL, 0);
    rc |= tui_field_text(&f[T_CONTACT], "Contact", NULL);
    rc |= tui_field_choice(&f[T_TYPE], "Type", types, TCRM_TICKET_TYPES,
                           TCRM_TICKET_QUESTION);
    rc |= tui_field_choice(&f[T_PRIORITY], "Priority", prios,
                           TCRM_PRIORITIES, TCRM_PRIORITY_NORMAL);
    rc |= tui_field_text(&f[T_PRODUCT], "Product", NULL);
    rc |= tui_field_text(&f[T_SUBJECT], "Subject", NULL);
    /* TRANSLATORS: under the ticket form's Company and Contact fields */
    f[T_COMPANY].hint = _("the customer: a company, a contact, or both");
    f[T_CONTACT].hint = _("the customer: a contact's name (or #id)");
    f[T_TYPE].choice_ctx = "ticket type";
    f[T_TYPE].hint = _("Left/Right or the first letter picks one");
    f[T_PRIORITY].choice_ctx = "priority";
    /* TRANSLATORS: under the ticket form's Priority field */
    f[T_PRIORITY].hint = _("sets the deadlines to answer and to resolve");
    /* TRANSLATORS: under the ticket form's Product field */
    f[T_PRODUCT].hint = _("optional: the product's code");
    f[T_SUBJECT].required = 1;
    return rc ? TCRM_ENOMEM : 0;
}

/* The contact typed: "#12" or "12", the one whose name it is, or the
 * only match of a search. */
static int find_contact(struct tcrm_db *db, const char *text, int64_t *id,
                        struct tcrm_error *err)
{
    struct tcrm_contact_filter f = {0};
    struct tcrm_contact_page page = {0};
    char *end;
    long long n = strtoll(text + (text[0] == '#'), &end, 10);
    if (end != text + (text[0] == '#') && *end == '\0' && n > 0) {
        *id = n;
        return 0;
    }
    f.search = text;
    int rc = tcrm_contact_list(db, &f, NULL, 0, 20, &page, err);
    for (size_t i = 0; rc == 0 && i < page.n && !*id; i++)
        if (page.rows[i].name && strcasecmp(page.rows[i].name, text) == 0)
            *id = page.rows[i].id;
    if (rc == 0 && !*id && page.n == 1)
        *id = page.rows[0].id;
    else if (rc == 0 && !*id)
        rc = page.n == 0
           ? tcrm_error_field(err, TCRM_ENOTFOUND, "contact", "contact: no "
                              "one matches '%s'", text)
           : tcrm_error_field(err, TCRM_EINVAL, "contact", "contact: '%s' "
                              "matches several contacts: type more of the "
                              "name", text);
    tcrm_contact_page_free(&page);
    return rc;
}

/* The company and contact of the customer fields into in. */
static int customer(struct add_ctx *x, struct tui_field *f,
                    struct tcrm_ticket_in *in, struct tcrm_error *err)
{
    char *company = tui_field_dup(&f[T_COMPANY]);
    char *contact = tui_field_dup(&f[T_CONTACT]);
    int rc = 0;
    in->company_id = company ? f[T_COMPANY].company_id : 0;
    if (company && !in->company_id &&
        (rc = tcrm_company_find(x->db, company, &in->company_id, err)) == 0
        && !in->company_id)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "company", "company '%s': "
                              "not found", company);
    if (rc == 0 && contact)
        rc = find_contact(x->db, contact, &in->contact_id, err);
    if (rc == 0 && !company && !contact)
        rc = tcrm_error_field(err, TCRM_EINVAL, "company", "a ticket needs a "
                              "company or a contact");
    free(company);
    free(contact);
    return rc;
}

static int add_save(struct tui_form *fm, void *ud)
{
    struct add_ctx *x = ud;
    struct tui_field *f = fm->f;
    struct tcrm_ticket_hours h;
    struct tcrm_ticket_in in = {0};
    struct tcrm_error err = {0};
    struct tcrm_product p;
    int64_t id = 0;
    memcpy(h.response, x->cfg->response_hours, sizeof h.response);
    memcpy(h.resolve, x->cfg->resolve_hours, sizeof h.resolve);
    in.type = f[T_TYPE].choice;
    in.priority = f[T_PRIORITY].choice;
    in.hours = &h;
    in.pattern = x->cfg->ticket_number;
    char *product = tui_field_dup(&f[T_PRODUCT]);
    char *subject = tui_field_dup(&f[T_SUBJECT]);
    in.subject = subject;
    int rc = customer(x, f, &in, &err);
    if (rc == 0 && product && (rc = tcrm_product_find(x->db, product, &p,
                                                      &err)) == 0) {
        in.product_id = p.id;
        tcrm_product_clear(&p);
    }
    if (rc == 0)
        rc = tcrm_ticket_add(x->db, &in, &id, &err);
    int had_product = product != NULL;
    free(product);
    free(subject);
    if (rc != 0) {
        if (!err.field[0] && had_product && rc == TCRM_ENOTFOUND)
            snprintf(err.field, sizeof err.field, "%s", "product");
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = id;
    return TUI_SAVED;
}

int tui_ticket_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                    int64_t *out_id)
{
    struct add_ctx x = {db, cfg, out_id};
    struct tui_field f[T_N];
    struct tui_form fm;
    const char *types[TCRM_TICKET_TYPES], *prios[TCRM_PRIORITIES];
    for (int i = 0; i < TCRM_TICKET_TYPES; i++)
        types[i] = tcrm_ticket_type_name(i);
    for (int i = 0; i < TCRM_PRIORITIES; i++)
        prios[i] = tcrm_ticket_priority_name(i);
    int rc = add_fields(f, types, prios);
    /* TRANSLATORS: the title of the new ticket form */
    tui_form_init(&fm, _("New ticket"), f, T_N, db);
    rc = rc ? TCRM_ENOMEM : tui_form_run(&fm, add_save, &x);
    tui_form_free(&fm);
    return rc;
}

/* ---- resolve, rate ------------------------------------------------------ */

struct one_ctx {
    struct tcrm_db *db;
    int64_t id;
};

static int resolve_save(struct tui_form *fm, void *ud)
{
    struct one_ctx *x = ud;
    struct tcrm_error err = {0};
    char *text = tui_field_dup(&fm->f[0]);
    int rc = tcrm_ticket_resolve(x->db, x->id, text, &err);
    free(text);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    return TUI_SAVED;
}

static int rate_save(struct tui_form *fm, void *ud)
{
    struct one_ctx *x = ud;
    struct tcrm_error err = {0};
    char *score = tui_field_dup(&fm->f[0]);
    char *comment = tui_field_dup(&fm->f[1]);
    char *end = NULL;
    long v = score ? strtol(score, &end, 10) : 0;
    int rc = score && end && *end == '\0'
           ? tcrm_ticket_rate(x->db, x->id, (int)v, comment, &err)
           : tcrm_error_field(&err, TCRM_EINVAL, "score", "score: '%s' is "
                              "not from 1 to 5", score ? score : "");
    free(score);
    free(comment);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    return TUI_SAVED;
}

/* A form about ticket id: its number and subject in the title. */
static int one_form(struct tcrm_db *db, int64_t id, const char *what,
                    struct tui_field *f, int n, tui_form_save_fn save)
{
    struct one_ctx x = {db, id};
    struct tcrm_ticket t;
    struct tcrm_error err = {0};
    struct tui_form fm;
    char title[300];
    if (tcrm_ticket_get(db, id, &t, &err) != 0) {
        tui_message(err.msg);
        for (int i = 0; i < n; i++)
            tui_field_free(&f[i]);
        return TUI_CANCELLED;
    }
    snprintf(title, sizeof title, "%s · %s · %s", what, t.number ? t.number
             : "", t.subject ? t.subject : "");
    tcrm_ticket_clear(&t);
    tui_form_init(&fm, title, f, n, db);
    int rc = tui_form_run(&fm, save, &x);
    tui_form_free(&fm);
    return rc;
}

int tui_ticket_resolve_form(struct tcrm_db *db, int64_t id)
{
    struct tui_field f[1];
    if (tui_field_text(&f[0], "Resolution", NULL))
        return TCRM_ENOMEM;
    f[0].required = 1;
    /* TRANSLATORS: under the resolve form's Resolution field */
    f[0].hint = _("what was done to resolve it");
    /* TRANSLATORS: the title of the resolve form, before the ticket */
    return one_form(db, id, _("Resolve"), f, 1, resolve_save);
}

int tui_ticket_rate_form(struct tcrm_db *db, int64_t id)
{
    struct tui_field f[2];
    int rc = tui_field_text(&f[0], "Score", NULL);
    rc |= tui_field_text(&f[1], "Comment", NULL);
    if (rc)
        return TCRM_ENOMEM;
    f[0].required = 1;
    /* TRANSLATORS: under the rate form's Score field */
    f[0].hint = _("the customer's satisfaction, 1 (poor) to 5 (very good)");
    /* TRANSLATORS: the title of the rate form, before the ticket */
    return one_form(db, id, _("Satisfaction"), f, 2, rate_save);
}
