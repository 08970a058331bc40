/*
 * campaign_member.c: a campaign's members (see tcrm/campaign.h).
 *
 * Members are copied in when added (frozen): a search or a tag is run
 * once, through the one contact list of contact.h (so only the contacts
 * the session sees, and the search of search.h), and its contacts are
 * written as rows of campaign_members. A change of the members bumps the
 * campaign's version in the same transaction (campaign_internal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_internal.h"
#include "tcrm/contact.h"
#include "tcrm/tag.h"

/* A growing list of contact ids. */
struct ids {
    int64_t *v;
    size_t n, cap;
};

static int ids_push(struct ids *l, int64_t id, struct tcrm_error *err)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        int64_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = id;
    return 0;
}

/* The contacts of a search or a tag, now, as contact.h lists them. */
static int ids_of_filter(struct tcrm_db *db, const struct tcrm_member_source *s,
                         struct ids *out, struct tcrm_error *err)
{
    struct tcrm_contact_filter f;
    struct tcrm_contact_page page, prev;
    memset(&f, 0, sizeof f);
    memset(&prev, 0, sizeof prev);
    f.search = s->search;
    f.tag = s->tag;
    int rc = s->tag ? tcrm_tag_exists(db, s->tag, err) : 0;
    while (rc == 0) {
        memset(&page, 0, sizeof page);
        rc = tcrm_contact_list(db, &f, prev.n ? &prev.rows[prev.n - 1] : NULL,
                               0, 1000, &page, err);
        for (size_t i = 0; rc == 0 && i < page.n; i++)
            rc = ids_push(out, page.rows[i].id, err);
        tcrm_contact_page_free(&prev);
        prev = page;
        if (!page.more || page.n == 0)
            break;
    }
    tcrm_contact_page_free(&prev);
    return rc;
}

/* Each id a live contact the session sees. */
static int ids_given(struct tcrm_db *db, const struct tcrm_member_source *s,
                     struct ids *out, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT 1 FROM live_contacts"
                                       " WHERE id = ?1", err);
    if (!st)
        return err->code;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < s->n_ids; i++) {
        sqlite3_bind_int64(st, 1, s->ids[i]);
        int r = sqlite3_step(st);
        sqlite3_reset(st);
        if (r == SQLITE_DONE)
            rc = tcrm_error_field(err, TCRM_ENOTFOUND, "contact", "contact "
                                  "%lld: not found", (long long)s->ids[i]);
        else if (r != SQLITE_ROW)
            rc = tcrm_db_fail(db, "contact", err);
        else
            rc = ids_push(out, s->ids[i], err);
    }
    tcrm_db_done(st);
    return rc;
}

static int collect(struct tcrm_db *db, const struct tcrm_member_source *s,
                   struct ids *out, struct tcrm_error *err)
{
    int given = !tcrm_str_empty(s->search) + !tcrm_str_empty(s->tag) +
                (s->n_ids > 0);
    if (given != 1)
        return tcrm_error_field(err, TCRM_EINVAL, "contact", "give a search, "
                                "a tag or contact ids");
    return s->n_ids ? ids_given(db, s, out, err)
                    : ids_of_filter(db, s, out, err);
}

/* Run sql (?1 campaign, ?2 contact, ?3 now, ?4 who) per id; *changed
 * counts the rows it wrote. */
static int each_id(struct tcrm_db *db, const char *sql, int64_t campaign,
                   const struct ids *l, int64_t *changed,
                   struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < l->n; i++) {
        sqlite3_bind_int64(st, 1, campaign);
        sqlite3_bind_int64(st, 2, l->v[i]);
        tcrm_db_bind_text(st, 3, now);
        tcrm_db_bind_text(st, 4, tcrm_db_user(db));
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = tcrm_db_fail(db, "campaign member", err);
        else
            *changed += sqlite3_changes(db->sql);
        sqlite3_reset(st);
    }
    tcrm_db_done(st);
    return rc;
}

static int change_members(struct tcrm_db *db, int64_t campaign,
                          const struct tcrm_member_source *src, int add,
                          int64_t *changed, int64_t *seen,
                          struct tcrm_error *err)
{
    struct ids l = { 0 };
    char details[64];
    *changed = 0;
    int rc = tcrm_campaign_require(db, campaign, err);
    if (rc == 0)
        rc = collect(db, src, &l, err);
    if (rc == 0)
        rc = each_id(db, add
            ? "INSERT OR IGNORE INTO campaign_members(campaign_id, contact_id,"
              " added_at, added_by) VALUES (?1, ?2, ?3, ?4)"
            : "DELETE FROM campaign_members WHERE campaign_id = ?1 AND"
              " contact_id = ?2 AND ?3 IS NOT NULL AND ?4 IS NOT NULL",
            campaign, &l, changed, err);
    if (rc == 0 && *changed)
        rc = tcrm_campaign_touch(db, campaign, err);
    if (rc == 0 && *changed) {
        snprintf(details, sizeof details, "%s%lld", add ? "+" : "-",
                 (long long)*changed);
        rc = tcrm_db_audit(db, "campaign", campaign, "members", details, err);
    }
    *seen = (int64_t)l.n;
    free(l.v);
    return rc;
}

/* change_members in its own transaction; *seen: the contacts given. */
static int members_tx(struct tcrm_db *db, int64_t campaign,
                      const struct tcrm_member_source *src, int add,
                      int64_t *changed, int64_t *seen, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    return tcrm_db_end(db, change_members(db, campaign, src, add, changed,
                                          seen, err), err);
}

int tcrm_campaign_members_add(struct tcrm_db *db, int64_t campaign,
                              const struct tcrm_member_source *src,
                              int64_t *added, int64_t *already,
                              struct tcrm_error *err)
{
    int64_t n = 0;
    int rc = members_tx(db, campaign, src, 1, added, &n, err);
    if (already)
        *already = rc ? 0 : n - *added;
    return rc;
}

int tcrm_campaign_members_remove(struct tcrm_db *db, int64_t campaign,
                                 const struct tcrm_member_source *src,
                                 int64_t *removed, struct tcrm_error *err)
{
    int64_t n = 0;
    return members_tx(db, campaign, src, 0, removed, &n, err);
}

/* The contacts of import batch `batch`: brought by the campaign. */
static int import_brought(struct tcrm_db *db, int64_t campaign, int64_t batch,
                          struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "UPDATE contacts SET"
        " campaign_id = ?1 WHERE import_batch = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_int64(st, 2, batch);
    return tcrm_db_step_done(db, st, "contact", err);
}

int tcrm_campaign_import(struct tcrm_db *db, int64_t campaign, int64_t batch,
                         int64_t *added, struct tcrm_error *err)
{
    char now[20], details[64];
    int rc = tcrm_campaign_require(db, campaign, err);
    *added = 0;
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "INSERT OR IGNORE INTO campaign_members(campaign_id, contact_id,"
        " added_at, added_by) SELECT ?1, id, ?3, ?4 FROM contacts"
        " WHERE import_batch = ?2 AND deleted_at IS NULL", err);
    if (!st)
        return rc ? rc : err->code;
    tcrm_db_now(now);
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_int64(st, 2, batch);
    tcrm_db_bind_text(st, 3, now);
    tcrm_db_bind_text(st, 4, tcrm_db_user(db));
    rc = tcrm_db_step_done(db, st, "campaign member", err);
    *added = rc ? 0 : sqlite3_changes(db->sql);
    if (rc == 0)
        rc = import_brought(db, campaign, batch, err);
    if (rc == 0 && *added) {
        snprintf(details, sizeof details, "+%lld import %lld",
                 (long long)*added, (long long)batch);
        rc = tcrm_campaign_touch(db, campaign, err);
        if (rc == 0)
            rc = tcrm_db_audit(db, "campaign", campaign, "members", details,
                               err);
    }
    return rc;
}

/* ---- marks ------------------------------------------------------------------------ */

static int member_state(struct tcrm_db *db, int64_t campaign, int64_t contact,
                        int *state, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT state FROM"
        " campaign_members WHERE campaign_id = ?1 AND contact_id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_int64(st, 2, contact);
    int s = sqlite3_step(st);
    *state = s == SQLITE_ROW ? tcrm_member_state_parse(
        (const char *)sqlite3_column_text(st, 0)) : -1;
    tcrm_db_done(st);
    return s == SQLITE_ROW || s == SQLITE_DONE
        ? 0 : tcrm_db_fail(db, "campaign member", err);
}

static int mark_work(struct tcrm_db *db, int64_t campaign, int64_t contact,
                     int state, struct tcrm_error *err)
{
    struct tcrm_campaign c;
    int now_state = -1;
    int rc = tcrm_campaign_get(db, campaign, &c, err);
    if (rc == 0)
        rc = member_state(db, campaign, contact, &now_state, err);
    if (rc == 0 && now_state < 0)
        rc = tcrm_error_field(err, TCRM_EINVAL, "contact", "contact %lld is "
                              "not a member of campaign %lld (%s)",
                              (long long)contact, (long long)campaign, c.name);
    else if (rc == 0 && now_state >= state)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "contact %lld "
                              "already reached %s in campaign %lld",
                              (long long)contact,
                              tcrm_i18n_word("state",
                                             tcrm_member_state_name(now_state)),
                              (long long)campaign);
    tcrm_campaign_clear(&c);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "UPDATE campaign_members SET state = ?4,"
        " contacted_at = coalesce(contacted_at, ?3),"
        " responded_at = CASE WHEN ?5 >= 2 THEN coalesce(responded_at, ?3)"
        " ELSE responded_at END,"
        " converted_at = CASE WHEN ?5 >= 3 THEN coalesce(converted_at, ?3)"
        " ELSE converted_at END"
        " WHERE campaign_id = ?1 AND contact_id = ?2", err);
    if (!st)
        return rc ? rc : err->code;
    char now[20];
    tcrm_db_now(now);
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_int64(st, 2, contact);
    tcrm_db_bind_text(st, 3, now);
    tcrm_db_bind_text(st, 4, tcrm_member_state_name(state));
    sqlite3_bind_int(st, 5, state);
    rc = tcrm_db_step_done(db, st, "campaign member", err);
    return rc ? rc : tcrm_campaign_touch(db, campaign, err);
}

int tcrm_campaign_mark(struct tcrm_db *db, int64_t campaign, int64_t contact,
                       int state, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (state <= TCRM_MEMBER_TARGETED || state >= TCRM_MEMBER_STATES)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "state: not one "
                                "of %s", tcrm_member_mark_list());
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    return tcrm_db_end(db, mark_work(db, campaign, contact, state, err), err);
}

/* ---- the list ---------------------------------------------------------------------- */

static void member_clear(struct tcrm_campaign_member *m)
{
    char *s[] = { m->name, m->company, m->contacted_at, m->responded_at,
                  m->converted_at, m->added_at, m->added_by };
    for (size_t j = 0; j < sizeof s / sizeof s[0]; j++)
        free(s[j]);
    memset(m, 0, sizeof *m);
}

void tcrm_campaign_members_free(struct tcrm_campaign_member *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        member_clear(&a[i]);
    free(a);
}

static int read_member(sqlite3_stmt *st, void *elem)
{
    struct tcrm_campaign_member *m = elem;
    m->contact_id = sqlite3_column_int64(st, 0);
    m->state = tcrm_member_state_parse(
        (const char *)sqlite3_column_text(st, 1));
    char **col[] = { &m->name, &m->company, &m->contacted_at,
                     &m->responded_at, &m->converted_at, &m->added_at,
                     &m->added_by };
    for (int i = 0; i < 7; i++)
        if (sqlite3_column_type(st, 2 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 2 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_members(void *a, size_t n)
{
    tcrm_campaign_members_free(a, n);
}

int tcrm_campaign_members(struct tcrm_db *db, int64_t campaign,
                          int64_t after, size_t limit,
                          struct tcrm_campaign_member **out, size_t *n,
                          int *more, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    *more = 0;
    /* A member the session no longer sees keeps its place, nameless. */
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT m.contact_id, m.state,"
        " c.name, co.name, m.contacted_at, m.responded_at, m.converted_at,"
        " m.added_at, m.added_by FROM campaign_members m"
        " JOIN live_campaigns k ON k.id = m.campaign_id"
        " LEFT JOIN seen_contacts c ON c.id = m.contact_id"
        " LEFT JOIN companies co ON co.id = c.company_id"
        " WHERE m.campaign_id = ?1 AND m.contact_id > ?2"
        " ORDER BY m.contact_id LIMIT ?3", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_int64(st, 2, after);
    sqlite3_bind_int64(st, 3, (int64_t)limit + 1);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof **out, read_member, free_members,
                             "campaign member", &a, n, err);
    *out = a;
    if (rc == 0 && *n > limit) {
        member_clear(&(*out)[limit]);
        *n = limit;
        *more = 1;
    }
    return rc;
}
