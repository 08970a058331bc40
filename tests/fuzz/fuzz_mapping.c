/*
 * fuzz_mapping.c: header mapping (csvio.h, tcrm_csv_map_*). The input's
 * first line is a --map spec; the rest is lines of tab-separated cells:
 * the first such line the headers, each later one a row mapped to a
 * contact. Headers are recognised, the spec applied, the map checked and
 * every row mapped; nothing may crash or leak whatever the text.
 */
#include "fuzz.h"
#include "tcrm/contact.h"
#include "tcrm/csvio.h"

#define MAXC 64

/* Split s at tabs into cells (pointers into s). */
static size_t cells(char *s, const char **out, size_t *lens)
{
    size_t n = 0;
    for (char *p = s; n < MAXC;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        out[n] = p;
        lens[n++] = strlen(p);
        if (!tab)
            break;
        p = tab + 1;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec, *rest;
    fuzz_split(data, size, &spec, &rest);
    const char *head[MAXC], *f[MAXC];
    size_t hl[MAXC], fl[MAXC];
    char *save = NULL, *line = strtok_r(rest, "\n", &save);
    size_t nh = line ? cells(line, head, hl) : 0;
    struct tcrm_csv_map m;
    struct tcrm_error err;
    if (nh && tcrm_csv_map_guess(head, nh, &m, &err) == 0) {
        if (*spec)
            tcrm_csv_map_spec(&m, spec, &err);
        if (tcrm_csv_map_check(&m, &err) == 0) {
            for (long no = 2; (line = strtok_r(NULL, "\n", &save)); no++) {
                struct tcrm_csv_row row = {cells(line, f, fl), f, fl, no};
                struct tcrm_contact c;
                tcrm_contact_init(&c);
                if (tcrm_csv_map_row(&m, &row, &c, &err) == 0)
                    tcrm_contact_validate(&c, &err);
                tcrm_contact_clear(&c);
            }
        }
        tcrm_csv_map_free(&m);
    }
    for (int i = 0; i < TCRM_CF_COUNT + 2; i++)
        tcrm_csv_field_name((enum tcrm_csv_field)(i % TCRM_CF_COUNT));
    tcrm_csv_field_parse(spec);
    free(spec);
    free(rest);
    return 0;
}
