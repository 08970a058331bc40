/*
 * contact_export.c: every contact in one ordered pass (contact_export.h).
 *
 * Design. Three statements step side by side on one connection, all in
 * the same contact order:
 *
 *   rows  - the contacts not in the trash, with the filters, by id or by
 *           name (contacts_by_sort: sort_key, id);
 *   chans - channels by contact, then position, id (channels_by_contact),
 *           the order contact.c reads them in;
 *   tags  - tag names by contact.
 *
 * chans and tags come in two shapes. By id they read their own table
 * alone, in the order of its index by contact (channels_by_contact;
 * taggings_by_entity), without looking up the contact row, and whatever
 * the filters; rows of contacts the walk does not give (in the trash, or
 * filtered out) are stepped over: any row whose contact id is below the
 * current contact's. By name they join the contacts with the same
 * conditions and order as `rows`, so they list the same contacts in the
 * same order.
 *
 * Either way a contact's channels and tags are the rows at their cursors
 * that carry its id: take them while the id matches, then the cursor is
 * already on a later contact's. A merge join: no query per contact, one
 * step per stored row. Their strings are copied into one arena reused
 * from contact to contact (the statements step on); the contact's own
 * fields are read in place from `rows`, which is stepped only at the next
 * call, so a view costs no allocation. A contact's few tags are put in
 * name order here (sqlite3_stricmp, the NOCASE collation) rather than by
 * a sort of the whole walk in SQL.
 *
 * Company names come from a direct-mapped cache by company id, filled by
 * one lookup on a miss. Companies are few next to contacts; a join looked
 * a company row up for every contact (about 0.8 s of CPU for 1,000,000
 * contacts and 20,000 companies; the cache does 20,000 lookups).
 *
 * `rows` is stepped first at open so that, while it has rows, all the
 * statements read inside one read transaction (one snapshot), which the
 * merge relies on. Statements are prepared for this walk alone (not the
 * cache) and finalized at close.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/contact_export.h"

#define COMPANY_SLOTS_MAX 65536

struct company_slot {
    int64_t id;              /* 0: empty slot */
    char *name;              /* NULL: no such company, or in the trash */
    size_t len;
};

struct tcrm_contact_export {
    struct tcrm_db *db;
    sqlite3_stmt *rows, *chans, *tags, *company;
    int rows_rc, chans_rc, tags_rc;   /* last step: SQLITE_ROW or DONE */
    int fresh;        /* rows holds a contact not given out yet */
    int by_id;        /* chans and tags read alone: step over lower ids */
    int ids;          /* a set of ids (tcrm_contact_export_ids), by id */
    struct company_slot *slots;
    size_t slot_mask;
    struct tcrm_contact_view view;
    /* the contact's channel and tag strings, copied out of statements
     * that step on, one after another with their NULs; the buffer may
     * move as it grows, so they are found by offset until all are in */
    struct tcrm_strbuf arena;
    struct tcrm_cx_channel *chan;
    struct tcrm_cx_text *tag;
    size_t *chan_off, *tag_off, cap;
};

/* rows: column i + 1 is field i of the view (company_id stands at the
 * company's place: its name comes from the cache). */
#define ROWS_HEAD \
    "SELECT c.id, c.name, c.company_id, c.title, c.department, c.address," \
    " c.city, c.birthday, c.source, c.notes, c.owner," \
    " c.last_interaction_at, c.next_followup_due, c.created_at," \
    " c.updated_at, c.created_by, c.updated_by, c.import_batch, c.version" \
    " FROM live_contacts c WHERE 1"
#define CHANS_HEAD \
    "SELECT c.id, h.kind, h.value FROM live_contacts c" \
    " JOIN contact_channels h ON h.contact_id = c.id WHERE 1"
#define TAGS_HEAD \
    "SELECT c.id, t.name FROM live_contacts c" \
    " JOIN taggings tg ON tg.entity = 'contact' AND tg.entity_id = c.id" \
    " JOIN tags t ON t.id = tg.tag_id WHERE 1"
/* A set of ids (tcrm_contact_export_ids): a JSON array of them bound to
 * :ids, each looked up by its key, in id order. */
#define IDS_FILTER " AND c.id IN (SELECT value FROM json_each(:ids))"

/* rows, and chans and tags joined to the contacts: head + filters +
 * order + tail; [1]: for a set of ids. */
static const char *const rows_sql[2] = { ROWS_HEAD, ROWS_HEAD IDS_FILTER };
static const char *const joined_sql[2][3] = {
    { CHANS_HEAD, ", h.position, h.id", CHANS_HEAD IDS_FILTER },
    { TAGS_HEAD, "", TAGS_HEAD IDS_FILTER },
};

/* chans and tags alone, by contact id. */
static const char *const alone_sql[2] = {
    "SELECT h.contact_id, h.kind, h.value FROM contact_channels h"
    " ORDER BY h.contact_id, h.position, h.id",
    "SELECT tg.entity_id, t.name FROM taggings tg"
    " JOIN tags t ON t.id = tg.tag_id WHERE tg.entity = 'contact'"
    " ORDER BY tg.entity_id",
};

static int oom(struct tcrm_error *err)
{
    return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

/* Step st; SQLITE_ROW/DONE go to *state, anything else is an error. */
static int step(struct tcrm_contact_export *it, sqlite3_stmt *st, int *state,
                struct tcrm_error *err)
{
    *state = sqlite3_step(st);
    if (*state == SQLITE_ROW || *state == SQLITE_DONE)
        return 0;
    return tcrm_db_fail(it->db, "contact export", err);
}

/* head + the filters + the order + tail, prepared and bound. */
static int prepare_walk(struct tcrm_contact_export *it, const char *head,
                        const char *tail, const struct tcrm_cl_plan *plan,
                        int by_id, sqlite3_stmt **out, struct tcrm_error *err)
{
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    if (tcrm_strbuf_append(&sb, head) ||
        tcrm_cl_append_filters(&sb, plan) ||
        tcrm_strbuf_append(&sb, by_id ? " ORDER BY c.id"
                                      : " ORDER BY c.sort_key, c.id") ||
        tcrm_strbuf_append(&sb, tail)) {
        tcrm_strbuf_free(&sb);
        return oom(err);
    }
    *out = tcrm_cl_prepare(it->db, sb.buf, err);
    tcrm_strbuf_free(&sb);
    if (!*out)
        return TCRM_EDB;
    tcrm_cl_bind_plan(*out, plan);
    return 0;
}

static int prepare_all(struct tcrm_contact_export *it,
                       const struct tcrm_contact_filter *f,
                       enum tcrm_contact_export_order order,
                       struct tcrm_error *err)
{
    struct tcrm_cl_plan plan;
    memset(&plan, 0, sizeof plan);
    int by_id = order == TCRM_EXPORT_BY_ID;
    int rc = tcrm_cl_plan_filters(it->db, f, &plan, err);
    it->by_id = by_id && !it->ids;
    sqlite3_stmt **st[2] = { &it->chans, &it->tags };
    if (!rc)
        rc = prepare_walk(it, rows_sql[it->ids], "", &plan, by_id, &it->rows,
                          err);
    for (int i = 0; i < 2 && !rc; i++) {
        if (it->by_id)
            *st[i] = tcrm_cl_prepare(it->db, alone_sql[i], err);
        else
            rc = prepare_walk(it, joined_sql[i][it->ids ? 2 : 0],
                              joined_sql[i][1], &plan, by_id, st[i], err);
        if (!rc && !*st[i])
            rc = TCRM_EDB;
    }
    if (!rc && !(it->company = tcrm_cl_prepare(it->db, "SELECT name FROM"
                 " companies WHERE id = ?1 AND deleted_at IS NULL", err)))
        rc = TCRM_EDB;
    return rc;
}

/* The company cache: a power of two slots, enough for every company id
 * when ids run up to COMPANY_SLOTS_MAX. */
static int company_cache_init(struct tcrm_contact_export *it,
                              struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_cl_prepare(it->db, "SELECT max(id) FROM companies",
                                       err);
    if (!st)
        return TCRM_EDB;
    int64_t top = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                                 : 0;
    sqlite3_finalize(st);
    size_t n = 16;
    while (n < COMPANY_SLOTS_MAX && (int64_t)n <= top)
        n *= 2;
    it->slots = calloc(n, sizeof *it->slots);
    if (!it->slots)
        return oom(err);
    it->slot_mask = n - 1;
    return 0;
}

/* Step each statement once: rows first, so that while it has rows all
 * three read inside one read transaction (one snapshot). */
static int start(struct tcrm_contact_export *it, struct tcrm_error *err)
{
    int rc = step(it, it->rows, &it->rows_rc, err);
    if (!rc)
        rc = step(it, it->chans, &it->chans_rc, err);
    if (!rc)
        rc = step(it, it->tags, &it->tags_rc, err);
    it->fresh = !rc;
    return rc;
}

static int open_walk(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                     enum tcrm_contact_export_order order, int ids,
                     struct tcrm_contact_export **out, struct tcrm_error *err)
{
    *out = NULL;
    if (f && !tcrm_str_empty(f->search))
        return tcrm_error_set(err, TCRM_EINVAL,
                              "contact export: search is not supported");
    struct tcrm_contact_export *it = calloc(1, sizeof *it);
    if (!it)
        return oom(err);
    it->db = db;
    it->ids = ids;
    tcrm_strbuf_init(&it->arena);
    int rc = prepare_all(it, f, order, err);
    if (!rc)
        rc = company_cache_init(it, err);
    if (!rc && !ids)
        rc = start(it, err);
    if (rc) {
        tcrm_contact_export_close(it);
        return rc;
    }
    *out = it;
    return 0;
}

int tcrm_contact_export_open(struct tcrm_db *db,
                             const struct tcrm_contact_filter *filter,
                             enum tcrm_contact_export_order order,
                             struct tcrm_contact_export **out,
                             struct tcrm_error *err)
{
    return open_walk(db, filter, order, 0, out, err);
}

int tcrm_contact_export_open_ids(struct tcrm_db *db,
                                 struct tcrm_contact_export **out,
                                 struct tcrm_error *err)
{
    return open_walk(db, NULL, TCRM_EXPORT_BY_ID, 1, out, err);
}

int tcrm_contact_export_ids(struct tcrm_contact_export *it,
                            const int64_t *ids, size_t n,
                            struct tcrm_error *err)
{
    struct tcrm_strbuf json;
    tcrm_strbuf_init(&json);
    int rc = tcrm_strbuf_appendc(&json, '[');
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = tcrm_strbuf_appendf(&json, "%s%" PRId64, i ? "," : "", ids[i]);
    if (rc == 0)
        rc = tcrm_strbuf_appendc(&json, ']');
    if (rc) {
        tcrm_strbuf_free(&json);
        return oom(err);
    }
    sqlite3_stmt *st[3] = { it->rows, it->chans, it->tags };
    for (int i = 0; i < 3; i++) {
        sqlite3_reset(st[i]);
        sqlite3_bind_text(st[i], sqlite3_bind_parameter_index(st[i], ":ids"),
                          json.buf, (int)json.len, SQLITE_TRANSIENT);
    }
    tcrm_strbuf_free(&json);
    return start(it, err);
}

/* ---- one contact ------------------------------------------------------ */

/* Column col of st as borrowed text; NULL stays NULL. */
static int col_text(sqlite3_stmt *st, int col, struct tcrm_cx_text *t,
                    struct tcrm_error *err)
{
    t->s = (const char *)sqlite3_column_text(st, col);
    t->len = t->s ? (size_t)sqlite3_column_bytes(st, col) : 0;
    if (!t->s && sqlite3_column_type(st, col) != SQLITE_NULL)
        return oom(err);
    return 0;
}

static int company_name(struct tcrm_contact_export *it, int64_t id,
                        struct tcrm_cx_text *out, struct tcrm_error *err)
{
    out->s = NULL;
    out->len = 0;
    if (id <= 0)
        return 0;
    struct company_slot *sl = &it->slots[(uint64_t)id & it->slot_mask];
    if (sl->id != id) {
        struct tcrm_cx_text t = { NULL, 0 };
        int state, rc;
        sqlite3_bind_int64(it->company, 1, id);
        rc = step(it, it->company, &state, err);
        if (!rc && state == SQLITE_ROW)
            rc = col_text(it->company, 0, &t, err);
        char *copy = t.s ? malloc(t.len + 1) : NULL;
        if (!rc && t.s && !copy)
            rc = oom(err);
        if (copy)
            memcpy(copy, t.s, t.len + 1);
        sqlite3_reset(it->company);
        if (rc) {
            free(copy);
            return rc;
        }
        free(sl->name);
        *sl = (struct company_slot){ id, copy, t.len };
    }
    out->s = sl->name;
    out->len = sl->len;
    return 0;
}

static int fill_fields(struct tcrm_contact_export *it, struct tcrm_error *err)
{
    sqlite3_stmt *st = it->rows;
    struct tcrm_contact_view *v = &it->view;
    v->id = sqlite3_column_int64(st, 0);
    v->company_id = sqlite3_column_int64(st, 2);
    v->import_batch = sqlite3_column_int64(st, 17);
    v->version = sqlite3_column_int64(st, 18);
    int rc = company_name(it, v->company_id, &v->field[TCRM_CX_COMPANY], err);
    for (int i = 0; i < TCRM_CX_NFIELDS && !rc; i++)
        if (i != TCRM_CX_COMPANY)
            rc = col_text(st, i + 1, &v->field[i], err);
    return rc;
}

/* Room for entry n in the channel and tag arrays and their offsets (one
 * capacity for all four). */
static int room(struct tcrm_contact_export *it, size_t n)
{
    if (n < it->cap)
        return 0;
    size_t c = it->cap ? it->cap * 2 : 8;
    struct tcrm_cx_channel *ch = realloc(it->chan, c * sizeof *ch);
    if (ch)
        it->chan = ch;
    struct tcrm_cx_text *tg = ch ? realloc(it->tag, c * sizeof *tg) : NULL;
    if (tg)
        it->tag = tg;
    size_t *co = tg ? realloc(it->chan_off, c * sizeof *co) : NULL;
    if (co)
        it->chan_off = co;
    size_t *to = co ? realloc(it->tag_off, c * sizeof *to) : NULL;
    if (!to)
        return TCRM_ENOMEM;
    it->tag_off = to;
    it->cap = c;
    return 0;
}

/* Copy column col of st (text, not NULL by the schema) with its NUL to
 * the arena: 0 or TCRM_ENOMEM. */
static int arena_put(struct tcrm_strbuf *a, sqlite3_stmt *st, int col,
                     size_t *off, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    *len = s ? (size_t)sqlite3_column_bytes(st, col) : 0;
    *off = a->len;
    return tcrm_strbuf_appendn(a, s ? s : "", *len + 1);
}

/* Whether the row st is on belongs to contact id: 1 yes, 0 no, <0 an
 * error. By id, rows of lower ids (contacts the walk leaves out) are
 * stepped over first. */
static int at_contact(struct tcrm_contact_export *it, sqlite3_stmt *st,
                      int *state, int64_t id, struct tcrm_error *err)
{
    while (*state == SQLITE_ROW) {
        int64_t cid = sqlite3_column_int64(st, 0);
        if (cid == id)
            return 1;
        if (!it->by_id || cid > id)
            return 0;
        int rc = step(it, st, state, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* The kind of a stored channel: the schema keeps the lower-case names, so
 * the first letters pick the candidate and one compare checks it (the
 * general parser tries every name without case). Unknown kinds read as
 * IM, as in contact.c. */
static enum tcrm_channel_kind kind_of(const char *s)
{
    int k = -1;
    switch (s ? s[0] : 0) {
    case 'm': k = TCRM_CH_MOBILE; break;
    case 'w': k = s[1] == 'o' ? TCRM_CH_WORK : TCRM_CH_WEB; break;
    case 'h': k = TCRM_CH_HOME; break;
    case 'f': k = TCRM_CH_FAX; break;
    case 'e': k = TCRM_CH_EMAIL; break;
    case 'i': k = TCRM_CH_IM; break;
    }
    if (k < 0 || strcmp(s, tcrm_channel_kind_name((enum tcrm_channel_kind)k)))
        k = tcrm_channel_kind_parse(s);
    return k < 0 ? TCRM_CH_IM : (enum tcrm_channel_kind)k;
}

static int take_channels(struct tcrm_contact_export *it, int64_t id,
                         struct tcrm_error *err)
{
    sqlite3_stmt *st = it->chans;
    size_t n = 0;
    int rc;
    while ((rc = at_contact(it, st, &it->chans_rc, id, err)) == 1) {
        if (room(it, n) ||
            arena_put(&it->arena, st, 2, &it->chan_off[n],
                      &it->chan[n].value.len))
            return oom(err);
        it->chan[n++].kind = kind_of((const char *)sqlite3_column_text(st, 1));
        if ((rc = step(it, st, &it->chans_rc, err)))
            return rc;
    }
    it->view.n_channels = n;
    return rc;
}

/* Insertion sort by name without case: a contact has a few tags. */
static void sort_tags(struct tcrm_cx_text *t, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct tcrm_cx_text x = t[i];
        size_t j = i;
        for (; j > 0 && sqlite3_stricmp(t[j - 1].s, x.s) > 0; j--)
            t[j] = t[j - 1];
        t[j] = x;
    }
}

static int take_tags(struct tcrm_contact_export *it, int64_t id,
                     struct tcrm_error *err)
{
    sqlite3_stmt *st = it->tags;
    size_t n = 0;
    int rc;
    while ((rc = at_contact(it, st, &it->tags_rc, id, err)) == 1) {
        if (room(it, n) ||
            arena_put(&it->arena, st, 1, &it->tag_off[n], &it->tag[n].len))
            return oom(err);
        n++;
        if ((rc = step(it, st, &it->tags_rc, err)))
            return rc;
    }
    it->view.n_tags = n;
    return rc;
}

/* Once a contact's channels and tags are all in the arena (which no
 * longer moves): point at them, and put the tags in order. */
static void locate(struct tcrm_contact_export *it)
{
    struct tcrm_contact_view *v = &it->view;
    for (size_t i = 0; i < v->n_channels; i++)
        it->chan[i].value.s = it->arena.buf + it->chan_off[i];
    for (size_t i = 0; i < v->n_tags; i++)
        it->tag[i].s = it->arena.buf + it->tag_off[i];
    sort_tags(it->tag, v->n_tags);
    v->channels = it->chan;
    v->tags = it->tag;
}

int tcrm_contact_export_view(struct tcrm_contact_export *it,
                             const struct tcrm_contact_view **out,
                             struct tcrm_error *err)
{
    *out = NULL;
    int rc = 0;
    /* never step a finished statement: SQLite would start it again */
    if (!it->fresh && it->rows_rc == SQLITE_ROW)
        rc = step(it, it->rows, &it->rows_rc, err);
    it->fresh = 0;
    if (rc || it->rows_rc != SQLITE_ROW)
        return rc;
    tcrm_strbuf_reset(&it->arena);
    rc = fill_fields(it, err);
    if (!rc)
        rc = take_channels(it, it->view.id, err);
    if (!rc)
        rc = take_tags(it, it->view.id, err);
    if (rc)
        return rc;
    locate(it);
    *out = &it->view;
    return 1;
}

/* ---- a copy of one contact ------------------------------------------- */

/* A copy of t; NULL stays NULL. 0 or TCRM_ENOMEM. */
static int copy_text(char **dst, const struct tcrm_cx_text *t)
{
    *dst = NULL;
    if (!t->s)
        return 0;
    if (!(*dst = malloc(t->len + 1)))
        return TCRM_ENOMEM;
    memcpy(*dst, t->s, t->len + 1);
    return 0;
}

static int copy_view(const struct tcrm_contact_view *v, struct tcrm_contact *c)
{
    char **s[TCRM_CX_NFIELDS] = { &c->name, &c->company, &c->title,
        &c->department, &c->address, &c->city, &c->birthday, &c->source,
        &c->notes, &c->owner, &c->last_interaction_at, &c->next_followup_due,
        &c->stamp.created_at, &c->stamp.updated_at, &c->stamp.created_by,
        &c->stamp.updated_by };
    c->id = v->id;
    c->company_id = v->company_id;
    c->import_batch = v->import_batch;
    c->version = v->version;
    for (int i = 0; i < TCRM_CX_NFIELDS; i++)
        if (copy_text(s[i], &v->field[i]))
            return TCRM_ENOMEM;
    for (size_t i = 0; i < v->n_channels; i++)
        if (tcrm_contact_add_channel(c, v->channels[i].kind,
                                     v->channels[i].value.s))
            return TCRM_ENOMEM;
    for (size_t i = 0; i < v->n_tags; i++)
        if (tcrm_strlist_add(&c->tags, v->tags[i].s))
            return TCRM_ENOMEM;
    return 0;
}

int tcrm_contact_export_next(struct tcrm_contact_export *it,
                             struct tcrm_contact *out, struct tcrm_error *err)
{
    tcrm_contact_init(out);
    const struct tcrm_contact_view *v;
    int rc = tcrm_contact_export_view(it, &v, err);
    if (rc == 1 && copy_view(v, out)) {
        tcrm_contact_clear(out);
        return oom(err);
    }
    return rc;
}

void tcrm_contact_export_close(struct tcrm_contact_export *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->rows);
    sqlite3_finalize(it->chans);
    sqlite3_finalize(it->tags);
    sqlite3_finalize(it->company);
    for (size_t i = 0; it->slots && i <= it->slot_mask; i++)
        free(it->slots[i].name);
    free(it->slots);
    tcrm_strbuf_free(&it->arena);
    free(it->chan);
    free(it->chan_off);
    free(it->tag);
    free(it->tag_off);
    free(it);
}

/* ---- columns ---------------------------------------------------------- */

/* Fold one contact's counts by kind into max, and clear them. */
static void fold_counts(size_t n[TCRM_CH_COUNT], size_t max[TCRM_CH_COUNT])
{
    for (int k = 0; k < TCRM_CH_COUNT; k++) {
        if (n[k] > max[k])
            max[k] = n[k];
        n[k] = 0;
    }
}

/* One walk of the channel index by contact, counted here: a GROUP BY
 * contact, kind in SQL sorts all channels, and a join to the contacts to
 * leave out those in the trash reads every contact row; the trashed ids
 * are few and come from their own partial index (contacts_trashed). */
int tcrm_contact_export_channel_max(struct tcrm_db *db,
                                    size_t max[TCRM_CH_COUNT],
                                    struct tcrm_error *err)
{
    size_t n[TCRM_CH_COUNT] = {0};
    for (int k = 0; k < TCRM_CH_COUNT; k++)
        max[k] = 0;
    sqlite3_stmt *st = tcrm_cl_prepare(db,
        "SELECT h.contact_id, h.kind FROM contact_channels h"
        " WHERE h.contact_id NOT IN"
        " (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)"
        " ORDER BY h.contact_id", err);
    if (!st)
        return TCRM_EDB;
    int64_t cur = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id != cur)
            fold_counts(n, max);
        cur = id;
        n[kind_of((const char *)sqlite3_column_text(st, 1))]++;
    }
    fold_counts(n, max);
    rc = rc == SQLITE_DONE ? 0 : tcrm_db_fail(db, "export", err);
    sqlite3_finalize(st);
    return rc;
}
