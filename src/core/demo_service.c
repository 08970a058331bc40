/*
 * demo_service.c: service and marketing in the demo (`tcrm init --demo`):
 * tickets in every state (one urgent fault past its response deadline,
 * one waiting for the customer, resolved and closed ones rated) and two
 * campaigns, a spring fair whose members are the people tagged 2026-expo
 * (some contacted, responded, converted; demo.c makes its first won deal
 * one the fair brought) and a newsletter still running.
 *
 * Tickets are opened, answered and resolved at times in the past: the
 * clock is pinned to each moment (tcrm_clock_pin), so their deadlines,
 * history and audit trail agree as if typed then. Written through the
 * public functions inside the demo's one transaction (demo.c).
 */
#include <string.h>

#include "db_internal.h"
#include "tcrm/campaign.h"
#include "tcrm/date.h"
#include "tcrm/ticket.h"

/* What happens to a demo ticket, in hours before now (0: never). */
struct demo_ticket {
    int company, person;      /* indexes in demo.c's tables; -1: none */
    int type, priority;
    const char *subject;
    int opened, answered, waits, resolved, closed;
    const char *note, *resolution;
    int score;                /* 1-5 after resolution; 0: not rated */
    const char *comment;
};

static const struct demo_ticket tickets[] = {
    { 0, 0, TCRM_TICKET_FAULT, TCRM_PRIORITY_URGENT, "服务器 R5300 无法开机",
      26, 0, 0, 0, 0, NULL, NULL, 0, NULL },
    { 1, -1, TCRM_TICKET_QUESTION, TCRM_PRIORITY_NORMAL, "软件许可如何续期",
      3, 0, 0, 0, 0, NULL, NULL, 0, NULL },
    { 6, 23, TCRM_TICKET_COMPLAINT, TCRM_PRIORITY_HIGH,
      "Invoice sent twice", 50, 30, 0, 0, 0,
      "Called John: the second invoice is a copy, checking with finance.",
      NULL, 0, NULL },
    { 2, 4, TCRM_TICKET_RETURN, TCRM_PRIORITY_LOW, "退回多余的打印纸",
      120, 100, 96, 0, 0, "已发退货地址，等客户寄回。", NULL, 0, NULL },
    { 3, 6, TCRM_TICKET_FAULT, TCRM_PRIORITY_NORMAL, "激光打印机卡纸",
      480, 476, 0, 440, 0, "工程师上门检查。", "更换搓纸轮，已恢复正常。", 5,
      "工程师很及时" },
    { 9, 25, TCRM_TICKET_QUESTION, TCRM_PRIORITY_LOW,
      "How to export the quarterly report", 960, 950, 0, 940, 900,
      "Sent the steps by e-mail.", "Explained the export; sent a guide.", 3,
      "Took a while to get an answer" },
};
#define N_TICKETS (sizeof tickets / sizeof tickets[0])

static int ticket_life(struct tcrm_db *db, const struct demo_ticket *d,
                       int64_t id, time_t now, struct tcrm_error *err)
{
    int rc = 0;
    if (d->answered) {
        tcrm_clock_pin(now - (time_t)d->answered * 3600);
        rc = tcrm_ticket_note(db, id, d->note, err);
    }
    if (rc == 0 && d->waits) {
        tcrm_clock_pin(now - (time_t)d->waits * 3600);
        rc = tcrm_ticket_wait(db, id, err);
    }
    if (rc == 0 && d->resolved) {
        tcrm_clock_pin(now - (time_t)d->resolved * 3600);
        rc = tcrm_ticket_resolve(db, id, d->resolution, err);
        if (rc == 0 && d->score)
            rc = tcrm_ticket_rate(db, id, d->score, d->comment, err);
    }
    if (rc == 0 && d->closed) {
        tcrm_clock_pin(now - (time_t)d->closed * 3600);
        rc = tcrm_ticket_close(db, id, err);
    }
    return rc;
}

static int add_tickets(struct tcrm_db *db, const int64_t company_ids[],
                       const int64_t people_ids[], time_t now,
                       struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < N_TICKETS; i++) {
        const struct demo_ticket *d = &tickets[i];
        struct tcrm_ticket_in in;
        memset(&in, 0, sizeof in);
        in.company_id = d->company >= 0 ? company_ids[d->company] : 0;
        in.contact_id = d->person >= 0 ? people_ids[d->person] : 0;
        in.type = d->type;
        in.priority = d->priority;
        in.subject = d->subject;
        int64_t id = 0;
        tcrm_clock_pin(now - (time_t)d->opened * 3600);
        rc = tcrm_ticket_add(db, &in, &id, err);
        if (rc == 0)
            rc = ticket_life(db, d, id, now, err);
    }
    tcrm_clock_pin(0);
    return rc;
}

/* The spring fair: everyone tagged 2026-expo, then some of them
 * contacted, responded and converted. */
static int add_fair(struct tcrm_db *db, const int64_t people_ids[],
                    time_t now, int64_t *fair, struct tcrm_error *err)
{
    char from[11], to[11];
    tcrm_date_today(now - 40 * 86400, from);
    tcrm_date_today(now - 30 * 86400, to);
    struct tcrm_campaign_in in = { "2026 春季展会", TCRM_CAMPAIGN_EVENT, from,
                                   to, "CNY", 3000000, 2400000 };
    struct tcrm_member_source src = { NULL, "2026-expo", NULL, 0 };
    int64_t id = 0, added = 0, already = 0;
    int rc = tcrm_campaign_add(db, &in, &id, err);
    *fair = id;
    if (rc == 0)
        rc = tcrm_campaign_members_add(db, id, &src, &added, &already, err);
    static const struct { int person, state; } marks[] = {
        { 1, TCRM_MEMBER_CONVERTED }, { 4, TCRM_MEMBER_RESPONDED },
        { 11, TCRM_MEMBER_CONTACTED }, { 21, TCRM_MEMBER_RESPONDED },
        { 27, TCRM_MEMBER_CONTACTED },
    };
    for (size_t i = 0; rc == 0 && i < sizeof marks / sizeof marks[0]; i++)
        rc = tcrm_campaign_mark(db, id, people_ids[marks[i].person],
                                marks[i].state, err);
    return rc;
}

/* A newsletter to the VIP customers, running this month. */
static int add_newsletter(struct tcrm_db *db, time_t now,
                          struct tcrm_error *err)
{
    char from[11], to[11];
    tcrm_date_today(now - 5 * 86400, from);
    tcrm_date_today(now + 25 * 86400, to);
    struct tcrm_campaign_in in = { "VIP newsletter", TCRM_CAMPAIGN_EMAIL, from,
                                   to, "EUR", -1, 20000 };
    struct tcrm_member_source src = { NULL, "vip", NULL, 0 };
    int64_t id = 0, added = 0, already = 0;
    int rc = tcrm_campaign_add(db, &in, &id, err);
    if (rc == 0)
        rc = tcrm_campaign_members_add(db, id, &src, &added, &already, err);
    return rc;
}

int tcrm_demo_campaigns(struct tcrm_db *db, const int64_t people_ids[],
                        time_t now, int64_t *fair, struct tcrm_error *err)
{
    int rc = add_fair(db, people_ids, now, fair, err);
    return rc ? rc : add_newsletter(db, now, err);
}

int tcrm_demo_tickets(struct tcrm_db *db, const int64_t company_ids[],
                      const int64_t people_ids[], time_t now,
                      struct tcrm_error *err)
{
    return add_tickets(db, company_ids, people_ids, now, err);
}
