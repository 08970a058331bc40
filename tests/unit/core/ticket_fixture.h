/*
 * ticket_fixture.h: what the tickets' core tests share (test_ticket.c,
 * test_ticket_of.c): a company made by name and a ticket added, each
 * asserted to succeed. Include it after fixture.h.
 */
#ifndef TCRM_TEST_CORE_TICKET_FIXTURE_H
#define TCRM_TEST_CORE_TICKET_FIXTURE_H

#include "tcrm/company.h"
#include "tcrm/ticket.h"

/* A new company called name: its id. */
static inline int64_t fixture_company(const char *name)
{
    struct tcrm_error err;
    struct tcrm_company c;
    tcrm_company_init(&c);
    tcrm_str_set(&c.name, name);
    assert_int_equal(tcrm_company_insert(db, &c, &err), 0);
    int64_t id = c.id;
    tcrm_company_clear(&c);
    return id;
}

/* A new ticket of the company or the contact: its id. h: the hours to
 * answer and resolve (NULL: the priority's defaults). */
static inline int64_t fixture_ticket(int64_t company, int64_t contact,
                                     int type, int priority,
                                     const char *subject,
                                     const struct tcrm_ticket_hours *h)
{
    int64_t id;
    struct tcrm_error err;
    struct tcrm_ticket_in in = { company, contact, type, priority, 0,
                                 subject, NULL, h };
    assert_int_equal(tcrm_ticket_add(db, &in, &id, &err), 0);
    return id;
}

#endif
