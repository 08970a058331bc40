/*
 * entity_kind.c: the one table of entities (see tcrm/entity.h), and the
 * statements every trashable table shares.
 *
 * Table names cannot be bound as SQL parameters and the statement cache
 * of db.c is keyed by the SQL text's pointer, so each kind carries its
 * own literal statements, made by the macros below from its table name:
 * a new kind gets them by being a line of the table.
 *
 * The order matters: a kind that others belong to (contact, company,
 * deal) comes before them, since access.c builds the views of the rows
 * that belong to them from their views; the trash lists and names kinds
 * in this order.
 */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/entity.h"
#include "tcrm/i18n.h"

/* Move to the trash: ?1 now, ?2 who, ?3 id. */
#define TRASH_SQL(t)                                                      \
    "UPDATE " t " SET deleted_at = ?1, updated_at = ?1, updated_by = ?2," \
    " version = version + 1 WHERE id = ?3 AND deleted_at IS NULL"
/* Restore; only a row the session may see (access.h): another's is not
 * there. */
#define RESTORE_SQL(t)                                                    \
    "UPDATE " t " SET deleted_at = NULL, updated_at = ?1, updated_by = ?2," \
    " version = version + 1 WHERE id = ?3 AND deleted_at IS NOT NULL"     \
    " AND EXISTS (SELECT 1 FROM seen_" t " s WHERE s.id = " t ".id)"
#define KIND_SQL(t)                                                       \
    &(const struct tcrm_entity_sql) {                                     \
        TRASH_SQL(t), RESTORE_SQL(t),                                     \
        "SELECT 1 FROM seen_" t " WHERE id = ?1 AND deleted_at IS NOT NULL", \
        "SELECT 1 FROM " t " WHERE id = ?1 AND deleted_at IS NULL",       \
    }

#define CHILD (TCRM_ENTITY_IN_CONTACT | TCRM_ENTITY_IN_COMPANY |          \
               TCRM_ENTITY_IN_DEAL)

static const struct tcrm_entity_kind kinds[] = {
    { "contact", NULL, "contacts", "name", N_("contact"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_TAGS | TCRM_ENTITY_AUDIT |
      TCRM_ENTITY_OWNED | TCRM_ENTITY_POOL | TCRM_ENTITY_SHARES,
      TCRM_ENTITY_IN_CONTACT, "contact_id", KIND_SQL("contacts") },
    { "company", NULL, "companies", "name", N_("company"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_TAGS | TCRM_ENTITY_AUDIT |
      TCRM_ENTITY_OWNED | TCRM_ENTITY_POOL | TCRM_ENTITY_SHARES,
      TCRM_ENTITY_IN_COMPANY, "company_id", KIND_SQL("companies") },
    { "deal", NULL, "deals", "title", N_("deal"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_TAGS | TCRM_ENTITY_AUDIT |
      TCRM_ENTITY_OWNED | TCRM_ENTITY_SHARES | TCRM_ENTITY_IN_CONTACT |
      TCRM_ENTITY_IN_COMPANY,
      TCRM_ENTITY_IN_DEAL, "deal_id", KIND_SQL("deals") },
    { "interaction", NULL, "interactions", "summary", N_("interaction"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("interactions") },
    { "follow-up", "followup", "follow_ups", "title", N_("follow-up"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("follow_ups") },
    { "product", NULL, "products", "name", N_("product"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT, 0, NULL, KIND_SQL("products") },
    { "quote", NULL, "quotes", "number", N_("quote"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("quotes") },
    { "order", NULL, "orders", "number", N_("order"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("orders") },
    { "delivery", NULL, "deliveries", "number", N_("delivery note"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("deliveries") },
    /* Voided, never trashed: their deleted_at stays NULL. */
    { "invoice", NULL, "invoices", "number", N_("invoice"),
      TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("invoices") },
    { "payment", NULL, "payments", "number", N_("payment"),
      TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | CHILD,
      0, NULL, KIND_SQL("payments") },
    /* Closed, never trashed: deleted_at stays NULL. */
    { "ticket", NULL, "tickets", "number", N_("ticket"),
      TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED | TCRM_ENTITY_IN_CONTACT |
      TCRM_ENTITY_IN_COMPANY, 0, NULL, KIND_SQL("tickets") },
    /* Marketing campaigns (013_campaigns.sql): the owner's and those
     * above; their members are contacts the owner saw when adding them. */
    { "campaign", NULL, "campaigns", "name", N_("campaign"),
      TCRM_ENTITY_TRASH | TCRM_ENTITY_AUDIT | TCRM_ENTITY_OWNED,
      0, NULL, KIND_SQL("campaigns") },
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

const struct tcrm_entity_kind *tcrm_entity_kinds(size_t *n)
{
    *n = N_KINDS;
    return kinds;
}

const struct tcrm_entity_kind *tcrm_entity_kind(const char *name)
{
    for (size_t i = 0; name && i < N_KINDS; i++)
        if (strcmp(kinds[i].name, name) == 0 ||
            (kinds[i].alias && strcmp(kinds[i].alias, name) == 0))
            return &kinds[i];
    return NULL;
}

const struct tcrm_entity_kind *tcrm_entity_by_table(const char *table)
{
    for (size_t i = 0; table && i < N_KINDS; i++)
        if (strcmp(kinds[i].table, table) == 0)
            return &kinds[i];
    return NULL;
}

const char *tcrm_entity_names(unsigned flags)
{
    static char buf[256];
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_KINDS; i++) {
        if ((kinds[i].flags & flags) != flags)
            continue;
        int w = snprintf(buf + len, sizeof buf - len, "%s%s",
                         len ? ", " : "", kinds[i].name);
        if (w < 0 || (size_t)w >= sizeof buf - len)
            break;
        len += (size_t)w;
    }
    return buf;
}
