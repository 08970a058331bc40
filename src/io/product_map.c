/*
 * product_map.c: the columns of a product CSV (csvio.h, "products"): the
 * field names --map takes, the headers recognised on their own (English
 * and Chinese), and one row into a struct tcrm_product. The map itself is
 * the contact import's (struct tcrm_csv_map, mapping.c), holding enum
 * tcrm_product_field values.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mapping_internal.h"
#include "product_import.h"
#include "tcrm/money.h"

static const char *const field_names[TCRM_PF_COUNT] = {
    "unmapped", "skip", "code", "name", "spec", "unit", "price", "currency",
    "tax"
};

/* --map aliases and the headers recognised (profile "products"). */
static const struct tcrm_map_entry headers[] = {
    {"products", "code", TCRM_PF_CODE},
    {"products", "product code", TCRM_PF_CODE},
    {"products", "sku", TCRM_PF_CODE},
    {"products", "name", TCRM_PF_NAME},
    {"products", "product", TCRM_PF_NAME},
    {"products", "product name", TCRM_PF_NAME},
    {"products", "spec", TCRM_PF_SPEC},
    {"products", "specification", TCRM_PF_SPEC},
    {"products", "unit", TCRM_PF_UNIT},
    {"products", "price", TCRM_PF_PRICE},
    {"products", "unit price", TCRM_PF_PRICE},
    {"products", "currency", TCRM_PF_CURRENCY},
    {"products", "tax", TCRM_PF_TAX},
    {"products", "tax rate", TCRM_PF_TAX},
    {"products", "import error", TCRM_PF_SKIP},
    {"products", "编码", TCRM_PF_CODE},
    {"products", "商品编码", TCRM_PF_CODE},
    {"products", "名称", TCRM_PF_NAME},
    {"products", "商品名称", TCRM_PF_NAME},
    {"products", "规格", TCRM_PF_SPEC},
    {"products", "规格型号", TCRM_PF_SPEC},
    {"products", "单位", TCRM_PF_UNIT},
    {"products", "单价", TCRM_PF_PRICE},
    {"products", "价格", TCRM_PF_PRICE},
    {"products", "币种", TCRM_PF_CURRENCY},
    {"products", "税率", TCRM_PF_TAX},
    {NULL, NULL, 0}
};

const char *tcrm_product_field_name(int f)
{
    return f >= 0 && f < TCRM_PF_COUNT ? field_names[f] : "?";
}

int tcrm_product_field_parse(const char *s)
{
    for (int i = 0; i < TCRM_PF_COUNT; i++)
        if (!strcasecmp(s, field_names[i]))
            return i;
    if (!strcmp(s, "-") || !strcasecmp(s, "drop") || !strcasecmp(s, "ignore"))
        return TCRM_PF_SKIP;
    return tcrm_map_lookup(headers, NULL, s);
}

int tcrm_product_map_guess(const char *const *head, size_t n,
                           struct tcrm_csv_map *out, struct tcrm_error *err)
{
    int rc = tcrm_map_alloc(head, n, out, err);
    for (size_t i = 0; !rc && i < n; i++) {
        int f = tcrm_map_lookup(headers, NULL, head[i]);
        out->field[i] = f >= 0 ? f : TCRM_PF_UNMAPPED;
    }
    return rc;
}

int tcrm_product_map_check(const struct tcrm_csv_map *m,
                           struct tcrm_error *err)
{
    static const int need[] = { TCRM_PF_CODE, TCRM_PF_NAME, TCRM_PF_PRICE };
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++) {
        size_t i = 0;
        while (i < m->n && m->field[i] != need[k])
            i++;
        if (i == m->n)
            return tcrm_error_set(err, TCRM_EINVAL, "no column gives the "
                                  "product %s: map one with --map "
                                  "'COLUMN=%s'", field_names[need[k]],
                                  field_names[need[k]]);
    }
    return 0;
}

/* A tax rate cell: "13", "13%", "13 %". */
static int read_tax(const char *s, int64_t *out, struct tcrm_error *err)
{
    char buf[64];
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '%'))
        n--;
    if (n >= sizeof buf || n == strlen(s))
        return tcrm_percent_read(s, "tax", out, err);
    memcpy(buf, s, n);
    buf[n] = '\0';
    return tcrm_percent_read(buf, "tax", out, err);
}

static int read_cell(struct tcrm_product *p, int f, const char *v,
                     struct tcrm_error *err)
{
    char **text[TCRM_PF_COUNT] = { [TCRM_PF_CODE] = &p->code,
        [TCRM_PF_NAME] = &p->name, [TCRM_PF_SPEC] = &p->spec,
        [TCRM_PF_UNIT] = &p->unit, [TCRM_PF_CURRENCY] = &p->currency };
    if (f == TCRM_PF_PRICE)
        return tcrm_decimal_read(v, "price", TCRM_MONEY_PLACES,
                                 &p->price_minor, err);
    if (f == TCRM_PF_TAX)
        return *v ? read_tax(v, &p->tax_rate, err) : 0;
    if (f <= TCRM_PF_SKIP || f >= TCRM_PF_COUNT || !text[f] || !*v)
        return 0;
    return tcrm_str_set(text[f], v)
         ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
}

int tcrm_product_map_row(const struct tcrm_csv_map *m,
                         const struct tcrm_csv_row *row,
                         struct tcrm_product *p, unsigned *have,
                         struct tcrm_error *err)
{
    tcrm_product_clear(p);
    *have = 0;
    if (row->n != m->n)
        return tcrm_error_set(err, TCRM_EINVAL, "%zu fields, the header has %zu",
                              row->n, m->n);
    for (size_t i = 0; i < m->n; i++) {
        int f = m->field[i];
        if (f <= TCRM_PF_SKIP)
            continue;
        *have |= 1u << f;
        int rc = read_cell(p, f, tcrm_csv_unneutralize(row->fields[i]), err);
        if (rc)
            return rc;
    }
    return 0;
}
