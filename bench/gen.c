/*
 * tcrm-bench-gen: make a realistic database (or business-card CSV) of N
 * contacts for the benchmarks in bench/.
 *
 *   tcrm-bench-gen --db FILE --contacts N [--interactions M] [--seed S]
 *   tcrm-bench-gen --csv FILE --contacts N [--seed S]
 *
 * Contacts are half Chinese (family name first, no space), half Latin
 * (with accents now and then), spread over N/50 companies; each has one or
 * two phones, an e-mail, a title, a tag or two, and now and then a note
 * with commas and quotes. --interactions adds M calls/e-mails/visits over
 * the last two years, plus follow-ups and deals in proportion (one
 * follow-up per 20 contacts, one deal per 10). The database is written
 * through the public data-layer functions, in transactions of 10,000
 * rows, so it measures and exercises the real write path. The output is
 * the same for the same seed.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen_words.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/db.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static size_t pick(size_t n) { return (size_t)(rnd() % n); }
#define PICK(arr) (arr)[pick(sizeof(arr) / sizeof((arr)[0]))]

/* A person: name, e-mail local part, phone. */
static void make_person(uint64_t i, char *name, size_t nn, char *mail,
                        size_t mn, char *phone, size_t pn)
{
    if (i % 2 == 0) {
        const char *fam = PICK(gen_cjk_family);
        const char *giv = PICK(gen_cjk_given);
        if (rnd() % 2)
            snprintf(name, nn, "%s%s%s", fam, giv, PICK(gen_cjk_given));
        else
            snprintf(name, nn, "%s%s", fam, giv);
        snprintf(mail, mn, "%s.%s%" PRIu64, PICK(gen_pinyin), PICK(gen_pinyin), i);
        snprintf(phone, pn, "+86 1%02d %04d %04d", 30 + (int)pick(70),
                 (int)pick(10000), (int)pick(10000));
    } else {
        const char *first = PICK(gen_first);
        const char *last = PICK(gen_last);
        snprintf(name, nn, "%s %s", first, last);
        /* an ASCII initial: a non-ASCII first letter would make a bad address */
        snprintf(mail, mn, "%c.%s%" PRIu64, (first[0] & 0x80) ? 'x' : first[0] | 0x20,
                 PICK(gen_pinyin), i);
        snprintf(phone, pn, "+%d %d %04d %04d", PICK(gen_country), 20 + (int)pick(80),
                 (int)pick(10000), (int)pick(10000));
    }
}

static void make_company(uint64_t i, char *out, size_t n)
{
    if (i % 2 == 0)
        snprintf(out, n, "%s%s%s %" PRIu64, PICK(gen_cjk_city), PICK(gen_cjk_word),
                 PICK(gen_cjk_form), i);
    else
        snprintf(out, n, "%s %s %s %" PRIu64, PICK(gen_latin_word),
                 PICK(gen_latin_word2), PICK(gen_latin_form), i);
}

static void make_note(char *out, size_t n)
{
    if (rnd() % 4 == 0)
        snprintf(out, n, "Met at %s, asked for a \"quote\", call back %s",
                 PICK(gen_event), PICK(gen_when));
    else if (rnd() % 3 == 0)
        snprintf(out, n, "%s", PICK(gen_cjk_note));
    else
        out[0] = '\0';
}

struct gen_opts {
    const char *db, *csv;
    uint64_t contacts, interactions;
};

static int usage(void)
{
    fprintf(stderr, "usage: tcrm-bench-gen (--db FILE | --csv FILE) --contacts N "
                    "[--interactions M] [--seed S]\n");
    return 2;
}

static void csv_field(FILE *f, const char *s, int last)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputs(last ? "\"\r\n" : "\",", f);
}

static int write_csv(const struct gen_opts *o)
{
    FILE *f = fopen(o->csv, "w");
    if (!f) {
        fprintf(stderr, "tcrm-bench-gen: %s: %s\n", o->csv, strerror(errno));
        return 1;
    }
    fputs("Name,Company,Title,E-mail,Mobile,Notes,Tags\r\n", f);
    for (uint64_t i = 0; i < o->contacts; i++) {
        char name[128], mail[96], phone[48], comp[160], note[200], email[128];
        make_person(i, name, sizeof name, mail, sizeof mail, phone, sizeof phone);
        make_company(pick(o->contacts / 50 + 1), comp, sizeof comp);
        make_note(note, sizeof note);
        snprintf(email, sizeof email, "%s@%s", mail, PICK(gen_domain));
        csv_field(f, name, 0);
        csv_field(f, comp, 0);
        csv_field(f, PICK(gen_title), 0);
        csv_field(f, email, 0);
        csv_field(f, phone, 0);
        csv_field(f, note, 0);
        csv_field(f, PICK(gen_tag), 1);
    }
    return fclose(f) == 0 ? 0 : 1;
}

static int fail(const struct tcrm_error *err)
{
    fprintf(stderr, "tcrm-bench-gen: %s\n", err->msg);
    return 1;
}

/* Companies first (ids 1..nc), then contacts pointing at them. */
static int gen_contacts(struct tcrm_db *db, uint64_t n, struct tcrm_error *err)
{
    uint64_t nc = n / 50 + 1;
    int rc = 0;
    for (uint64_t i = 0; i < nc + n && rc == 0; i++) {
        if (i % 10000 == 0 && (rc = tcrm_db_begin_many(db, err)) != 0)
            break;
        if (i < nc) {
            struct tcrm_company c;
            char name[160];
            tcrm_company_init(&c);
            make_company(i, name, sizeof name);
            c.name = strdup(name);
            c.industry = strdup(PICK(gen_industry));
            c.city = strdup(PICK(gen_city));
            rc = tcrm_company_insert(db, &c, err);
            tcrm_company_clear(&c);
        } else {
            struct tcrm_contact c;
            char name[128], mail[96], phone[48], note[200], email[128];
            tcrm_contact_init(&c);
            make_person(i, name, sizeof name, mail, sizeof mail, phone, sizeof phone);
            make_note(note, sizeof note);
            snprintf(email, sizeof email, "%s@%s", mail, PICK(gen_domain));
            c.name = strdup(name);
            c.company_id = (int64_t)(1 + pick(nc));
            c.title = strdup(PICK(gen_title));
            c.city = strdup(PICK(gen_city));
            c.owner = strdup(PICK(gen_owner));
            c.notes = note[0] ? strdup(note) : NULL;
            tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, phone);
            tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, email);
            tcrm_strlist_add(&c.tags, PICK(gen_tag));
            rc = tcrm_contact_insert(db, &c, err);
            tcrm_contact_clear(&c);
        }
        if (rc == 0 && (i % 10000 == 9999 || i == nc + n - 1))
            rc = tcrm_db_commit(db, err);
        else if (rc != 0)
            tcrm_db_rollback(db);
        if (i % 100000 == 0 && i)
            fprintf(stderr, "  %" PRIu64 " rows\n", i);
    }
    return rc;
}

static int gen_activity(struct tcrm_db *db, uint64_t ncontacts, uint64_t n,
                        struct tcrm_error *err)
{
    char today[11];
    tcrm_date_today(tcrm_clock_now(), today);
    int rc = 0;
    for (uint64_t i = 0; i < n && rc == 0; i++) {
        if (i % 10000 == 0 && (rc = tcrm_db_begin_many(db, err)) != 0)
            break;
        int64_t contact = (int64_t)(1 + pick(ncontacts)); /* contacts are ids 1..n */
        char at[17], day[11];
        tcrm_date_add_days(today, -(int)pick(730), day);
        snprintf(at, sizeof at, "%s %02d:%02d", day, 8 + (int)pick(10), (int)pick(60));
        struct tcrm_interaction ia;
        tcrm_interaction_init(&ia);
        ia.contact_id = contact;
        ia.kind = (enum tcrm_interaction_kind)pick(TCRM_IA_COUNT);
        ia.at = strdup(at);
        ia.summary = strdup(PICK(gen_summary));
        ia.logged_by = strdup(PICK(gen_owner));
        rc = tcrm_interaction_insert(db, &ia, err);
        tcrm_interaction_clear(&ia);
        if (rc == 0 && i % 4 == 0 && i / 4 < ncontacts / 20) {
            struct tcrm_followup f;
            tcrm_followup_init(&f);
            f.contact_id = contact;
            f.title = strdup(PICK(gen_summary));
            tcrm_date_add_days(today, (int)pick(60) - 20, day);
            f.due_date = strdup(day);
            f.owner = strdup(PICK(gen_owner));
            rc = tcrm_followup_insert(db, &f, err);
            tcrm_followup_clear(&f);
        }
        if (rc == 0 && i % 10 == 0 && i / 10 < ncontacts / 10) {
            struct tcrm_deal d;
            tcrm_deal_init(&d);
            d.title = strdup(PICK(gen_deal));
            d.contact_id = contact;
            d.stage = strdup(PICK(gen_stage));
            d.amount_minor = (int64_t)(1000 + pick(5000000));
            d.currency = strdup(PICK(gen_currency));
            d.probability = (int)pick(101);
            tcrm_date_add_days(today, (int)pick(365) - 90, day);
            d.expected_close = strdup(day);
            d.owner = strdup(PICK(gen_owner));
            rc = tcrm_deal_insert(db, &d, err);
            tcrm_deal_clear(&d);
        }
        if (rc == 0 && (i % 10000 == 9999 || i == n - 1))
            rc = tcrm_db_commit(db, err);
        else if (rc != 0)
            tcrm_db_rollback(db);
        if (i % 500000 == 0 && i)
            fprintf(stderr, "  %" PRIu64 " interactions\n", i);
    }
    return rc;
}

int main(int argc, char **argv)
{
    struct gen_opts o = {0};
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"csv", required_argument, NULL, 'c'},
        {"contacts", required_argument, NULL, 'n'},
        {"interactions", required_argument, NULL, 'i'},
        {"seed", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': o.db = optarg; break;
        case 'c': o.csv = optarg; break;
        case 'n': o.contacts = strtoull(optarg, NULL, 10); break;
        case 'i': o.interactions = strtoull(optarg, NULL, 10); break;
        case 's': rng_state ^= strtoull(optarg, NULL, 10) * 2654435761ULL; break;
        default: return usage();
        }
    }
    if ((!o.db == !o.csv) || o.contacts == 0)
        return usage();
    if (o.csv)
        return write_csv(&o);

    struct tcrm_error err = {0};
    struct tcrm_db *db = NULL;
    struct tcrm_db_options dbo = {.path = o.db, .user = "bench", .busy_timeout_ms = 5000};
    if (tcrm_db_open(&dbo, &db, &err) != 0)
        return fail(&err);
    if (gen_contacts(db, o.contacts, &err) != 0 ||
        gen_activity(db, o.contacts, o.interactions, &err) != 0) {
        tcrm_db_close(db);
        return fail(&err);
    }
    tcrm_db_close(db);
    return 0;
}
