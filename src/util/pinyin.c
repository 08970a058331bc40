/*
 * pinyin.c: hanzi to pinyin search keys (include/tcrm/pinyin.h).
 *
 * The table is generated at build time (scripts/gen-pinyin-table.c) from
 * data/pinyin.txt: tcrm_pinyin_main holds one entry per character, its
 * common reading, as (code point << 9) | syllable number, sorted; the few
 * hundred further readings of polyphones are in tcrm_pinyin_more, the same
 * way. A look-up is a binary search in each (41,000 and 900 entries).
 *
 * Keys: the readings of the text's hanzi are collected first; then the
 * combinations are counted like an odometer (the last character turning
 * fastest), each giving a full key and an initials key; a key already
 * written for this text is not written again.
 */
#include "tcrm/pinyin.h"

#include <stdlib.h>
#include <string.h>

#include "tcrm/normalize.h"
#include "tcrm/text.h"

/* The generated table (pinyin_table.c). */
extern const char tcrm_pinyin_syllable[][8];
extern const size_t tcrm_pinyin_main_count;
extern const uint32_t tcrm_pinyin_main[];
extern const size_t tcrm_pinyin_more_count;
extern const uint32_t tcrm_pinyin_more[];

#define SYL_BITS 9
#define SYL_MASK ((1u << SYL_BITS) - 1)

/* First index in tab (sorted) whose code point is >= cp. */
static size_t lower_bound(const uint32_t *tab, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab[mid] >> SYL_BITS < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int tcrm_pinyin_readings(uint32_t cp, const char **out, int max)
{
    if (max <= 0 || cp < 0x2E80)
        return 0;
    size_t i = lower_bound(tcrm_pinyin_main, tcrm_pinyin_main_count, cp);
    if (i == tcrm_pinyin_main_count || tcrm_pinyin_main[i] >> SYL_BITS != cp)
        return 0;
    int n = 0;
    out[n++] = tcrm_pinyin_syllable[tcrm_pinyin_main[i] & SYL_MASK];
    for (size_t j = lower_bound(tcrm_pinyin_more, tcrm_pinyin_more_count, cp);
         n < max && j < tcrm_pinyin_more_count &&
         tcrm_pinyin_more[j] >> SYL_BITS == cp; j++)
        out[n++] = tcrm_pinyin_syllable[tcrm_pinyin_more[j] & SYL_MASK];
    return n;
}

/* The readings of one character of a text. */
struct spoken {
    const char *r[TCRM_PINYIN_MAX_READINGS];
    int n;
};

/* Collect the readings of text's hanzi (at most TCRM_PINYIN_MAX_CHARS);
 * then let the characters from the end on keep only their first reading
 * until the combinations fit TCRM_PINYIN_MAX_VARIANTS. */
static int collect(const char *text, struct spoken *ch)
{
    size_t len = strlen(text);
    int n = 0;
    for (size_t i = 0; i < len && n < TCRM_PINYIN_MAX_CHARS;) {
        uint32_t cp;
        int k = tcrm_utf8_decode(text + i, len - i, &cp);
        i += k > 0 ? (size_t)k : 1;
        if (k > 1) {
            ch[n].n = tcrm_pinyin_readings(cp, ch[n].r,
                                           TCRM_PINYIN_MAX_READINGS);
            if (ch[n].n > 0)
                n++;
        }
    }
    long combos = 1;
    for (int i = 0; i < n; i++)
        combos *= ch[i].n;
    for (int i = n - 1; i >= 0 && combos > TCRM_PINYIN_MAX_VARIANTS; i--) {
        combos /= ch[i].n;
        ch[i].n = 1;
    }
    return n;
}

/* Is the line key (len bytes) already among the lines of sb from start? */
static int written(const struct tcrm_strbuf *sb, size_t start,
                   const char *key, size_t len)
{
    for (const char *p = sb->buf + start; p < sb->buf + sb->len;) {
        const char *nl = memchr(p, '\n', (size_t)(sb->buf + sb->len - p));
        if (!nl)
            break;
        if ((size_t)(nl - p) == len && memcmp(p, key, len) == 0)
            return 1;
        p = nl + 1;
    }
    return 0;
}

static int add_line(struct tcrm_strbuf *sb, size_t start, const char *key,
                    size_t len)
{
    if (sb->buf && written(sb, start, key, len))
        return 0;
    int rc = tcrm_strbuf_appendn(sb, key, len);
    return rc ? rc : tcrm_strbuf_appendc(sb, '\n');
}

int tcrm_pinyin_keys(const char *text, struct tcrm_strbuf *sb)
{
    struct spoken ch[TCRM_PINYIN_MAX_CHARS];
    int n = text ? collect(text, ch) : 0, pick[TCRM_PINYIN_MAX_CHARS] = {0};
    size_t start = sb->len;
    char full[TCRM_PINYIN_MAX_CHARS * 8], initials[TCRM_PINYIN_MAX_CHARS];
    int rc = 0;
    while (n > 0 && rc == 0) {
        size_t fl = 0;
        for (int i = 0; i < n; i++) {
            const char *s = ch[i].r[pick[i]];
            size_t len = strlen(s);
            memcpy(full + fl, s, len);
            fl += len;
            initials[i] = s[0];
        }
        rc = add_line(sb, start, full, fl);
        if (rc == 0)
            rc = add_line(sb, start, initials, (size_t)n);
        int i = n - 1; /* next combination, the last character fastest */
        while (i >= 0 && ++pick[i] == ch[i].n)
            pick[i--] = 0;
        if (i < 0)
            break;
    }
    return rc;
}

char *tcrm_pinyin_fold_query(const char *q)
{
    /* ü Ü ǖ ǘ ǚ ǜ Ǖ Ǘ Ǚ Ǜ: U+00FC U+00DC U+01D5..U+01DC */
    size_t len = q ? strlen(q) : 0;
    char *v = malloc(len + 1);
    if (!v)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = tcrm_utf8_decode(q + i, len - i, &cp);
        if (k > 1 && (cp == 0xFC || cp == 0xDC ||
                      (cp >= 0x1D5 && cp <= 0x1DC))) {
            v[o++] = 'v';
            i += (size_t)k;
        } else {
            size_t step = k > 0 ? (size_t)k : 1;
            memcpy(v + o, q + i, step);
            o += step;
            i += step;
        }
    }
    v[o] = '\0';
    char *f = tcrm_norm_fold(v);
    free(v);
    return f;
}

/* ---- sort keys ------------------------------------------------------- */

char *tcrm_pinyin_sort_key(const char *text)
{
    char *f = tcrm_norm_fold(text);
    if (!f)
        return NULL;
    size_t len = strlen(f), pos = 0;
    int wide = 0;
    for (size_t i = 0; i < len; i++)
        wide |= (unsigned char)f[i] >= 0x80;
    if (!wide)
        return f;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    int rc = 0, after_han = 0;
    while (rc == 0 && pos < len) {
        uint32_t cp;
        int k = tcrm_utf8_decode(f + pos, len - pos, &cp);
        size_t n = k > 0 ? (size_t)k : 1;
        const char *reading;
        if (tcrm_pinyin_readings(cp, &reading, 1) > 0) {
            if (sb.len > 0 && sb.buf[sb.len - 1] != ' ')
                rc = tcrm_strbuf_appendc(&sb, ' ');
            rc = rc ? rc : tcrm_strbuf_append(&sb, reading);
            rc = rc ? rc : tcrm_strbuf_appendc(&sb, '\x1f');
            rc = rc ? rc : tcrm_strbuf_appendn(&sb, f + pos, n);
            after_han = 1;
        } else {
            if (after_han && f[pos] != ' ')
                rc = tcrm_strbuf_appendc(&sb, ' ');
            rc = rc ? rc : tcrm_strbuf_appendn(&sb, f + pos, n);
            after_han = 0;
        }
        pos += n;
    }
    free(f);
    char *out = rc ? NULL : tcrm_strbuf_steal(&sb);
    tcrm_strbuf_free(&sb);
    return out;
}
