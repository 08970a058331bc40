/*
 * mapping.c: which column holds which field (csvio.h, "mapping").
 *
 * A map is one int per column. The guess looks each header up in the
 * table of known headers (mapping_table.c), then tries the patterns the
 * table cannot list: Google's numbered groups ("Phone 2 - Value" with its
 * "Phone 2 - Type", "E-mail 1 - Value", "Organization 1 - Name",
 * "Address 1 - Formatted", ...) and a trailing column number ("email 2",
 * "mobile 1", which is how `tcrm export` names repeated columns). Outlook's
 * "Title" is an honorific when a "Job Title" column exists, so it is then
 * left unmapped (it goes to the notes). Unknown headers stay unmapped.
 *
 * Profiles are read with a small reader of `Header = field` lines ('#' and
 * ';' comments, [sections] ignored): iniparser belongs to src/config, and
 * a profile needs nothing more. A profile name without a '/' is looked for
 * as profiles/NAME.ini in the user's tcrm folder, then in the installed
 * data folder ($TCRM_DATA_DIR overrides it), then among the built-in
 * profiles (the table).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mapping_internal.h"
#include "tcrm/config.h"
#include "tcrm/strbuf.h"

static const char *const field_names[TCRM_CF_COUNT] = {
    "unmapped", "skip", "name", "given", "middle", "family", "company",
    "title", "department", "address", "city", "birthday", "source", "notes",
    "tags", "mobile", "phone", "home", "fax", "email", "web", "im",
    "phone-typed", "type"
};

static const struct { const char *alias; int field; } aliases[] = {
    {"first", TCRM_CF_GIVEN}, {"last", TCRM_CF_FAMILY},
    {"surname", TCRM_CF_FAMILY}, {"work", TCRM_CF_PHONE},
    {"e-mail", TCRM_CF_EMAIL}, {"-", TCRM_CF_SKIP}, {"drop", TCRM_CF_SKIP},
    {"ignore", TCRM_CF_SKIP}, {"organization", TCRM_CF_COMPANY},
    {"note", TCRM_CF_NOTES}, {"tag", TCRM_CF_TAGS},
    {"cell", TCRM_CF_MOBILE}, {"website", TCRM_CF_WEB},
};

const char *tcrm_csv_field_name(enum tcrm_csv_field f)
{
    return (unsigned)f < TCRM_CF_COUNT ? field_names[f] : "?";
}

int tcrm_csv_field_parse(const char *s)
{
    for (int i = 0; i < TCRM_CF_PHONE_TYPED; i++)
        if (!strcasecmp(s, field_names[i]))
            return i;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcasecmp(s, aliases[i].alias))
            return aliases[i].field;
    return -1;
}

int tcrm_map_header_eq(const char *a, const char *b)
{
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    while (*a && *b) {
        if (*a == ' ' && *b == ' ') {
            while (*a == ' ')
                a++;
            while (*b == ' ')
                b++;
            continue;
        }
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        a++, b++;
    }
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    return !*a && !*b;
}

int tcrm_map_lookup(const struct tcrm_map_entry *table, const char *profile,
                    const char *h)
{
    for (const struct tcrm_map_entry *e = table; e->header; e++)
        if ((!profile || !strcmp(profile, e->profile)) &&
            tcrm_map_header_eq(e->header, h))
            return e->field;
    return -1;
}

/* Google "Group N - Part": group and part in lower case, N in *num. */
static int google_group(const char *h, char *group, size_t gsz, char *part,
                        size_t psz, int *num)
{
    const char *dash = strstr(h, " - ");
    if (!dash)
        return 0;
    const char *p = dash;
    while (p > h && p[-1] >= '0' && p[-1] <= '9')
        p--;
    if (p == dash || p == h || p[-1] != ' ')
        return 0;
    *num = atoi(p);
    size_t gl = (size_t)(p - 1 - h);
    if (gl + 1 > gsz || strlen(dash + 3) + 1 > psz)
        return 0;
    for (size_t i = 0; i < gl; i++)
        group[i] = (char)tolower((unsigned char)h[i]);
    group[gl] = '\0';
    size_t i = 0;
    for (const char *q = dash + 3; *q; q++)
        part[i++] = (char)tolower((unsigned char)*q);
    part[i] = '\0';
    return 1;
}

static int google_field(const char *group, const char *part)
{
    int is_value = !strcmp(part, "value");
    int is_type = !strcmp(part, "type") || !strcmp(part, "label");
    if (!strcmp(group, "phone"))
        return is_value ? TCRM_CF_PHONE_TYPED : is_type ? TCRM_CF_TYPE : -1;
    if (!strcmp(group, "e-mail"))
        return is_value ? TCRM_CF_EMAIL : is_type ? TCRM_CF_TYPE : -1;
    if (!strcmp(group, "website"))
        return is_value ? TCRM_CF_WEB : is_type ? TCRM_CF_TYPE : -1;
    if (!strcmp(group, "im"))
        return is_value ? TCRM_CF_IM : is_type ? TCRM_CF_TYPE : -1;
    if (!strcmp(group, "organization"))
        return !strcmp(part, "name") ? TCRM_CF_COMPANY
             : !strcmp(part, "title") ? TCRM_CF_TITLE
             : !strcmp(part, "department") ? TCRM_CF_DEPARTMENT : -1;
    if (!strcmp(group, "address"))
        return !strcmp(part, "formatted") ? TCRM_CF_ADDRESS
             : !strcmp(part, "city") ? TCRM_CF_CITY
             : is_type ? TCRM_CF_TYPE : -1;
    return -1;
}

/* Column of "Phone N - Type" for "Phone N - Value", or -1. */
static int google_type_col(const struct tcrm_csv_map *m, const char *group,
                           int num)
{
    char g[64], p[64];
    int k;
    for (size_t i = 0; i < m->n; i++)
        if (google_group(m->headers[i], g, sizeof g, p, sizeof p, &k) &&
            k == num && !strcmp(g, group) &&
            (!strcmp(p, "type") || !strcmp(p, "label")))
            return (int)i;
    return -1;
}

static int guess_one(const struct tcrm_csv_map *m, size_t i)
{
    const char *h = m->headers[i];
    int f = tcrm_map_lookup(tcrm_map_table, NULL, h);
    if (f >= 0)
        return f;
    char g[64], p[64];
    int num;
    if (google_group(h, g, sizeof g, p, sizeof p, &num)) {
        f = google_field(g, p);
        if (f == TCRM_CF_PHONE_TYPED) {
            m->type_col[i] = google_type_col(m, g, num);
            if (m->type_col[i] < 0)
                f = TCRM_CF_PHONE;
        }
        return f >= 0 ? f : TCRM_CF_UNMAPPED;
    }
    size_t n = strlen(h);            /* "email 2" -> "email" */
    while (n > 0 && h[n - 1] >= '0' && h[n - 1] <= '9')
        n--;
    if (n > 1 && n < strlen(h) && h[n - 1] == ' ' && n < 64) {
        char base[64];
        memcpy(base, h, n - 1);
        base[n - 1] = '\0';
        f = tcrm_map_lookup(tcrm_map_table, NULL, base);
        if (f >= 0)
            return f;
    }
    return TCRM_CF_UNMAPPED;
}

int tcrm_map_alloc(const char *const *headers, size_t n,
                   struct tcrm_csv_map *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    out->headers = calloc(n ? n : 1, sizeof *out->headers);
    out->field = calloc(n ? n : 1, sizeof *out->field);
    out->type_col = calloc(n ? n : 1, sizeof *out->type_col);
    if (!out->headers || !out->field || !out->type_col)
        goto oom;
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        out->type_col[i] = -1;
        if (!(out->headers[i] = strdup(headers[i])))
            goto oom;
    }
    return 0;
oom:
    tcrm_csv_map_free(out);
    return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

int tcrm_csv_map_guess(const char *const *headers, size_t n,
                       struct tcrm_csv_map *out, struct tcrm_error *err)
{
    int rc = tcrm_map_alloc(headers, n, out, err);
    if (rc)
        return rc;
    int job_title = 0;
    for (size_t i = 0; i < n; i++) {
        out->field[i] = guess_one(out, i);
        if (tcrm_map_header_eq(headers[i], "job title"))
            job_title = 1;
    }
    for (size_t i = 0; job_title && i < n; i++)
        if (tcrm_map_header_eq(headers[i], "title"))
            out->field[i] = TCRM_CF_UNMAPPED;
    return 0;
}

static int column_of(const struct tcrm_csv_map *m, const char *h)
{
    for (size_t i = 0; i < m->n; i++)
        if (tcrm_map_header_eq(m->headers[i], h))
            return (int)i;
    return -1;
}

static void list_columns(const struct tcrm_csv_map *m, char *out, size_t sz)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < m->n && used + 4 < sz; i++) {
        int k = snprintf(out + used, sz - used, "%s%s", i ? ", " : "",
                         m->headers[i]);
        if (k < 0 || (size_t)k >= sz - used) {
            snprintf(out + (sz > 4 ? sz - 4 : 0), 4, "...");
            break;
        }
        used += (size_t)k;
    }
}

static char *trim_inplace(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                 s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* One "Header = field" (sep '=') pair onto m. what: "--map" or a file:line. */
static int apply_pair(struct tcrm_csv_map *m, char *pair, const char *what,
                      int must_exist, int (*parse)(const char *),
                      struct tcrm_error *err)
{
    char *eq = strrchr(pair, '=');
    if (!eq)
        return tcrm_error_set(err, TCRM_EINVAL,
                              "%s: '%s': expected COLUMN=FIELD", what,
                              trim_inplace(pair));
    *eq = '\0';
    char *h = trim_inplace(pair), *fs = trim_inplace(eq + 1);
    int f = parse(fs);
    if (f < 0)
        return tcrm_error_set(err, TCRM_EINVAL,
                              "%s: '%s=%s': unknown field '%s'", what, h, fs,
                              fs);
    int col = column_of(m, h);
    if (col < 0 && must_exist) {
        char cols[300];
        list_columns(m, cols, sizeof cols);
        return tcrm_error_set(err, TCRM_EINVAL,
                              "%s: no column '%s' (columns: %s)", what, h,
                              cols);
    }
    if (col >= 0) {
        m->field[col] = f;
        m->type_col[col] = -1;
    }
    return 0;
}

int tcrm_csv_map_spec(struct tcrm_csv_map *m, const char *spec,
                      struct tcrm_error *err)
{
    return tcrm_map_spec_with(m, spec, tcrm_csv_field_parse, err);
}

int tcrm_map_spec_with(struct tcrm_csv_map *m, const char *spec,
                       int (*parse)(const char *), struct tcrm_error *err)
{
    char *copy = strdup(spec);
    if (!copy)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = 0;
    char *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p && !rc;
         p = strtok_r(NULL, ",", &save))
        if (*trim_inplace(p))
            rc = apply_pair(m, p, "--map", 1, parse, err);
    free(copy);
    return rc;
}

/* Apply a profile file: `Header = field` lines. 1 if opened. */
static int apply_file(struct tcrm_csv_map *m, const char *path,
                      struct tcrm_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? 0
             : tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    char line[1024], what[600];
    int rc = 0;
    for (long no = 1; !rc && fgets(line, sizeof line, f); no++) {
        char *s = trim_inplace(line);
        if (!*s || *s == '#' || *s == ';' || *s == '[')
            continue;
        snprintf(what, sizeof what, "%s:%ld", path, no);
        rc = apply_pair(m, s, what, 0, tcrm_csv_field_parse, err);
    }
    fclose(f);
    return rc ? rc : 1;
}

static int apply_builtin(struct tcrm_csv_map *m, const char *name)
{
    int found = 0;
    for (const struct tcrm_map_entry *e = tcrm_map_table; e->header; e++) {
        if (strcmp(e->profile, name))
            continue;
        found = 1;
        int col = column_of(m, e->header);
        if (col >= 0) {
            m->field[col] = e->field;
            m->type_col[col] = -1;
        }
    }
    return found;
}

static int try_dir(struct tcrm_csv_map *m, const char *dir, const char *name,
                   struct tcrm_error *err)
{
    if (!dir || !*dir)
        return 0;
    struct tcrm_strbuf p;
    tcrm_strbuf_init(&p);
    if (tcrm_strbuf_appendf(&p, "%s/profiles/%s.ini", dir, name))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = apply_file(m, p.buf, err);
    tcrm_strbuf_free(&p);
    return rc;
}

int tcrm_csv_map_profile(struct tcrm_csv_map *m, const char *name,
                         struct tcrm_error *err)
{
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && !strcmp(name + n - 4, ".ini"))) {
        int rc = apply_file(m, name, err);
        if (rc == 0)
            return tcrm_error_set(err, TCRM_EINVAL, "--profile: %s: %s", name,
                                  strerror(ENOENT));
        return rc < 0 ? rc : 0;
    }
    char *user = tcrm_config_user_dir();
    int rc = try_dir(m, user, name, err);
    free(user);
    if (rc == 0)
        rc = try_dir(m, getenv("TCRM_DATA_DIR"), name, err);
    if (rc == 0)
        rc = try_dir(m, TCRM_DATADIR, name, err);
    if (rc == 0)
        rc = apply_builtin(m, name);
    if (rc == 0)
        return tcrm_error_set(err, TCRM_EINVAL,
                              "--profile: no profile '%s' (built in: google, "
                              "outlook, english, chinese)", name);
    return rc < 0 ? rc : 0;
}

int tcrm_csv_map_save(const struct tcrm_csv_map *m, const char *path,
                      struct tcrm_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    fprintf(f, "# tcrm import profile: Header = field\n");
    for (size_t i = 0; i < m->n; i++) {
        int fl = m->field[i];
        if (fl == TCRM_CF_UNMAPPED || fl == TCRM_CF_TYPE ||
            strchr(m->headers[i], '=') || strchr(m->headers[i], '\n'))
            continue;
        fprintf(f, "%s = %s\n", m->headers[i],
                tcrm_csv_field_name(fl == TCRM_CF_PHONE_TYPED ? TCRM_CF_PHONE
                                                              : fl));
    }
    if (fclose(f) != 0)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    return 0;
}

int tcrm_csv_map_check(const struct tcrm_csv_map *m, struct tcrm_error *err)
{
    for (size_t i = 0; i < m->n; i++) {
        int f = m->field[i];
        if (f == TCRM_CF_NAME || f == TCRM_CF_GIVEN || f == TCRM_CF_FAMILY ||
            f == TCRM_CF_EMAIL)
            return 0;
    }
    /* field "map": each front end says how to map one (cli.c, ui_import.c) */
    return tcrm_error_field(err, TCRM_EINVAL, "map",
                            "no column gives the name");
}

void tcrm_csv_map_free(struct tcrm_csv_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->headers && i < m->n; i++)
        free(m->headers[i]);
    free(m->headers);
    free(m->field);
    free(m->type_col);
    memset(m, 0, sizeof *m);
}
