/*
 * normalize.c: the canonical forms tcrm compares, searches and de-duplicates
 * by (include/tcrm/normalize.h).
 *
 * Folding runs on every name of every contact at import (a million rows), so
 * it is one pass over the bytes into one allocation: ASCII goes through a
 * fast path, everything else is decoded once and mapped by plain range
 * tests and a 192-entry table for U+00C0..U+017F (Latin-1 Supplement and
 * Latin Extended-A). No locale is consulted, so keys are the same on every
 * machine. Beyond the two tables the fold also knows the Vietnamese letters
 * (U+1EA0..U+1EF9), pinyin tone letters (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ), ơ ư ș ț, and
 * drops combining accents (U+0300..U+036F) so decomposed text folds like
 * precomposed text. Invalid UTF-8 bytes become U+FFFD.
 *
 * Duplicate keys are built on the fold: the folded text is cut into words
 * at white space and punctuation (apostrophes are dropped instead, so
 * "O'Brien" and "OBrien" agree), words that meet CJK to CJK are joined, and
 * the words are sorted. Phone keys stop at an extension ("x12", "ext 12"):
 * an extension is not part of the number.
 */
#include "tcrm/normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/i18n.h"
#include "tcrm/text.h"

/* ---- folding ------------------------------------------------------- */

/* U+00C0..U+017F: a base letter, '.' for unchanged, or a capital naming
 * a two-letter expansion (A ae, O oe, S ss, T th, I ij). */
static const char latin_fold[] =
    "aaaaaaAceeeeiiii" "dnooooo.ouuuuyTS"   /* U+00C0 */
    "aaaaaaAceeeeiiii" "dnooooo.ouuuuyTy"   /* U+00E0 */
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg"   /* U+0100 */
    "gggghhhhiiiiiiii" "iiIIjjkkklllllll"   /* U+0120 */
    "lllnnnnnnnnnoooo" "ooOOrrrrrrssssss"   /* U+0140 */
    "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";  /* U+0160 */

_Static_assert(sizeof latin_fold == 0x180 - 0xC0 + 1, "latin_fold size");

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int put_expansion(char c, char *out)
{
    static const char *const exp[] = {"ae", "oe", "ss", "th", "ij"};
    const char *e = exp[c == 'A' ? 0 : c == 'O' ? 1 : c == 'S' ? 2 :
                        c == 'T' ? 3 : 4];
    out[0] = e[0];
    out[1] = e[1];
    return 2;
}

/* Latin beyond the table: a base letter, or 0. */
static char latin_extra(uint32_t cp)
{
    if (cp == 0x01A0 || cp == 0x01A1 || cp == 0x01D1 || cp == 0x01D2)
        return 'o';
    if (cp == 0x01AF || cp == 0x01B0 || (cp >= 0x01D3 && cp <= 0x01DC))
        return 'u';
    if (cp == 0x01CD || cp == 0x01CE)
        return 'a';
    if (cp == 0x01CF || cp == 0x01D0)
        return 'i';
    if (cp == 0x0218 || cp == 0x0219)
        return 's';
    if (cp == 0x021A || cp == 0x021B)
        return 't';
    if (cp >= 0x1EA0 && cp <= 0x1EF9)  /* Vietnamese */
        return cp <= 0x1EB7 ? 'a' : cp <= 0x1EC7 ? 'e' : cp <= 0x1ECB ? 'i'
             : cp <= 0x1EE3 ? 'o' : cp <= 0x1EF1 ? 'u' : 'y';
    return 0;
}

/* Lower case of Greek and Cyrillic capitals; cp itself otherwise. */
static uint32_t lower_greek_cyrillic(uint32_t cp)
{
    if (cp >= 0x0391 && cp <= 0x03AB && cp != 0x03A2)
        return cp + 0x20;
    if (cp == 0x0386)
        return 0x03AC;
    if (cp >= 0x0388 && cp <= 0x038A)
        return cp + 0x25;
    if (cp == 0x038C)
        return 0x03CC;
    if (cp == 0x038E || cp == 0x038F)
        return cp + 0x3F;
    if (cp == 0x03C2) /* final sigma folds like sigma */
        return 0x03C3;
    if (cp >= 0x0410 && cp <= 0x042F)
        return cp + 0x20;
    if (cp >= 0x0400 && cp <= 0x040F)
        return cp + 0x50;
    if (((cp >= 0x0460 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x04BF) ||
         (cp >= 0x04D0 && cp <= 0x052F)) && cp % 2 == 0)
        return cp + 1;
    if (cp >= 0x04C1 && cp <= 0x04CE && cp % 2 == 1)
        return cp + 1;
    if (cp == 0x04C0)
        return 0x04CF;
    return cp;
}

/* Fold one non-ASCII, non-space code point into out; returns bytes. */
static int fold_cp(uint32_t cp, char *out)
{
    if (cp >= 0xC0 && cp < 0x180) {
        char c = latin_fold[cp - 0xC0];
        if (c >= 'a' && c <= 'z') {
            out[0] = c;
            return 1;
        }
        if (c != '.')
            return put_expansion(c, out);
        return tcrm_utf8_encode(cp, out);
    }
    if (cp == 0x1E9E)
        return put_expansion('S', out);
    char base = latin_extra(cp);
    if (base) {
        out[0] = base;
        return 1;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        char c = (char)(cp - 0xFEE0);
        out[0] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        return 1;
    }
    return tcrm_utf8_encode(lower_greek_cyrillic(cp), out);
}

char *tcrm_norm_fold(const char *s)
{
    if (!s)
        s = "";
    size_t len = strlen(s), pos = 0, b = 0;
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(len * 3 + 1); /* worst case: bad byte -> U+FFFD */
    if (!out)
        return NULL;
    int space = 0;
    while (pos < len) {
        unsigned char c = (unsigned char)s[pos];
        uint32_t cp = c;
        if (c < 0x80) {
            pos++;
        } else {
            int k = tcrm_utf8_decode(s + pos, len - pos, &cp);
            pos += k > 0 ? (size_t)k : 1;
            if (cp >= 0x0300 && cp <= 0x036F)
                continue; /* combining accent */
        }
        if (is_space_cp(cp)) {
            space = b > 0;
            continue;
        }
        if (space)
            out[b++] = ' ';
        space = 0;
        if (cp < 0x80)
            out[b++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        else
            b += (size_t)fold_cp(cp, out + b);
    }
    out[b] = '\0';
    return out;
}

/* ---- trimming and e-mail keys -------------------------------------- */

static int is_trim_space(const char *s, size_t len, size_t *n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
        *n = 1;
        return 1;
    }
    if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
        *n = 3;
        return 1;
    }
    return 0;
}

/* Bounds of s without leading/trailing white space. */
static void trim_bounds(const char *s, size_t *start, size_t *end)
{
    size_t len = strlen(s), a = 0, z = len, n;
    while (a < z && is_trim_space(s + a, z - a, &n))
        a += n;
    while (z > a) {
        if (is_trim_space(s + z - 1, 1, &n))
            z--;
        else if (z - a >= 3 && memcmp(s + z - 3, "\xE3\x80\x80", 3) == 0)
            z -= 3;
        else
            break;
    }
    *start = a;
    *end = z;
}

static char *dup_range(const char *s, size_t a, size_t z)
{
    char *out = malloc(z - a + 1);
    if (out) {
        memcpy(out, s + a, z - a);
        out[z - a] = '\0';
    }
    return out;
}

char *tcrm_norm_trim(const char *s)
{
    size_t a, z;
    if (!s)
        s = "";
    trim_bounds(s, &a, &z);
    return dup_range(s, a, z);
}

char *tcrm_norm_email_key(const char *email)
{
    char *out = tcrm_norm_trim(email);
    for (char *p = out; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return out;
}

/* ---- name keys ----------------------------------------------------- */

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0xB4 || cp == 0x2BC ||
           cp == 0x2018 || cp == 0x2019;
}

/* Punctuation and symbols that separate the words of a name. */
static int is_name_punct(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
                 (cp >= 'A' && cp <= 'Z'));
    return (cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 &&
            cp != 0xBA) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x3004) ||
           (cp >= 0x3008 && cp <= 0x3020) || cp == 0x3030 ||
           (cp >= 0x303D && cp <= 0x303F) || cp == 0x30A0 || cp == 0x30FB ||
           (cp >= 0xFE30 && cp <= 0xFE6B) || (cp >= 0xFF61 && cp <= 0xFF65);
}

/* Rewrite folded text f in place as words separated by one space:
 * apostrophes dropped, punctuation separates, no space between two CJK
 * characters. Returns the new length. */
static size_t name_words(char *f)
{
    size_t len = strlen(f), pos = 0, b = 0;
    int pending = 0;
    uint32_t last = 0;
    while (pos < len) {
        uint32_t cp;
        int k = tcrm_utf8_decode(f + pos, len - pos, &cp);
        size_t n = k > 0 ? (size_t)k : 1;
        if (is_apostrophe(cp)) {
            pos += n;
            continue;
        }
        if (cp == ' ' || is_name_punct(cp)) {
            pending = b > 0;
            pos += n;
            continue;
        }
        if (pending && !(tcrm_char_is_cjk(last) && tcrm_char_is_cjk(cp)))
            f[b++] = ' ';
        pending = 0;
        memmove(f + b, f + pos, n);
        b += n;
        pos += n;
        last = cp;
    }
    f[b] = '\0';
    return b;
}

static const char *const legal_words[] = {
    "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co",
    "company", "llc", "llp", "plc", "gmbh", "ag", "kg", "sa", "srl", "bv",
    "nv", "pty", NULL};

/* Longest first: the first match wins. */
static const char *const legal_suffixes[] = {
    "股份有限公司", "有限责任公司", "有限責任公司", "集团有限公司",
    "有限公司", "集团公司", "集團公司", "株式会社", "集团", "集團", "公司",
    NULL};

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* Drop trailing legal forms: whole words, or a CJK suffix of the last
 * word; never the whole name. Returns the new word count. */
static size_t strip_legal(char **words, size_t n)
{
    int changed = 1;
    while (changed && n > 0) {
        changed = 0;
        char *last = words[n - 1];
        if (n > 1 && in_list(last, legal_words)) {
            n--;
            changed = 1;
            continue;
        }
        size_t wl = strlen(last);
        for (const char *const *s = legal_suffixes; *s; s++) {
            size_t sl = strlen(*s);
            if (wl > sl && memcmp(last + wl - sl, *s, sl) == 0) {
                last[wl - sl] = '\0';
                changed = 1;
                break;
            }
        }
    }
    return n;
}

size_t tcrm_norm_cjk_legal_tail(const char *s)
{
    size_t len = s ? strlen(s) : 0, end = len;
    for (int changed = 1; changed;) {
        changed = 0;
        for (const char *const *x = legal_suffixes; *x; x++) {
            size_t xl = strlen(*x);
            if (end > xl && memcmp(s + end - xl, *x, xl) == 0) {
                end -= xl;
                changed = 1;
                break;
            }
        }
    }
    return len - end;
}

static int cmp_words(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *name_key(const char *name, int company)
{
    char *f = tcrm_norm_fold(name);
    if (!f)
        return NULL;
    size_t len = name_words(f), n = 0;
    char *stack[16], **words = stack;
    size_t max = 1;
    for (size_t i = 0; i < len; i++)
        max += f[i] == ' ';
    if (max > 16 && !(words = malloc(max * sizeof *words))) {
        free(f);
        return NULL;
    }
    for (char *p = f; len > 0 && p;) {
        words[n++] = p;
        p = strchr(p, ' ');
        if (p)
            *p++ = '\0';
    }
    if (company)
        n = strip_legal(words, n);
    qsort(words, n, sizeof *words, cmp_words);
    char *out = malloc(len + 1), *o = out;
    for (size_t i = 0; out && i < n; i++) {
        size_t wl = strlen(words[i]);
        if (i > 0)
            *o++ = ' ';
        memcpy(o, words[i], wl);
        o += wl;
    }
    if (out)
        *o = '\0';
    if (words != stack)
        free(words);
    free(f);
    return out;
}

char *tcrm_norm_name_key(const char *name)
{
    return name_key(name, 0);
}

char *tcrm_norm_company_key(const char *name)
{
    return name_key(name, 1);
}

/* ---- phones -------------------------------------------------------- */

/* An ASCII character for full-width forms (U+FF01..U+FF5E), U+3000 as a
 * space; cp itself otherwise. */
static uint32_t narrow(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;
    return cp == 0x3000 ? ' ' : cp;
}

/* Digits of the number, up to an extension or a second number. */
static char *phone_digits(const char *s, int last9)
{
    if (!s)
        s = "";
    size_t len = strlen(s), pos = 0, n = 0;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    while (pos < len) {
        uint32_t cp;
        int k = tcrm_utf8_decode(s + pos, len - pos, &cp);
        pos += k > 0 ? (size_t)k : 1;
        cp = narrow(cp);
        if (cp >= '0' && cp <= '9')
            out[n++] = (char)cp;
        else if (n > 0 && (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
                           cp == '#' || cp == ',' || cp == ';'))
            break;
    }
    out[n] = '\0';
    if (last9 && n < 5)
        out[0] = '\0';
    else if (last9 && n > 9)
        memmove(out, out + n - 9, 10);
    return out;
}

char *tcrm_norm_phone_key(const char *phone)
{
    return phone_digits(phone, 1);
}

char *tcrm_norm_phone_digits(const char *phone)
{
    return phone_digits(phone, 0);
}

/* Skip white space (ASCII and U+3000) at the start of s. */
static const char *skip_space(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
            s += 3;
        else
            return s;
    }
}

int tcrm_norm_phone_same_number(const char *a, const char *b)
{
    if (!a || !b || *skip_space(a) != '+' || *skip_space(b) != '+')
        return 1;
    char *da = tcrm_norm_phone_digits(a), *db = tcrm_norm_phone_digits(b);
    int same = !da || !db || strcmp(da, db) == 0;
    free(da);
    free(db);
    return same;
}

/* ---- validation ---------------------------------------------------- */

#define QUOTE_MAX 60

/* VALUE cut to QUOTE_MAX bytes (then "…" in *more) and sanitized so
 * that no escape sequence reaches a terminal; free() it. */
static char *quote_value(const char *value, const char **more)
{
    char tmp[QUOTE_MAX + 1];
    size_t len = strlen(value), k = len < QUOTE_MAX ? len : QUOTE_MAX;
    while (k > 0 && k < len && ((unsigned char)value[k] & 0xC0) == 0x80)
        k--;
    memcpy(tmp, value, k);
    tmp[k] = '\0';
    *more = k < len ? "\xE2\x80\xA6" : "";
    return tcrm_text_sanitize(tmp);
}

/* "e-mail 'VALUE' is not a valid address" */
static int bad_email(struct tcrm_error *err, const char *value)
{
    const char *more;
    char *q = quote_value(value, &more);
    int rc = tcrm_error_field(err, TCRM_EINVAL, "e-mail",
                              "e-mail '%s%s' is not a valid address",
                              q ? q : "?", more);
    free(q);
    return rc;
}

/* "phone 'VALUE' is not a valid number: WHY" (why translated) */
static int bad_phone(struct tcrm_error *err, const char *value,
                     const char *why)
{
    const char *more;
    char *q = quote_value(value, &more);
    int rc = tcrm_error_field(err, TCRM_EINVAL, "phone",
                              "phone '%s%s' is not a valid number: %s",
                              q ? q : "?", more, why);
    free(q);
    return rc;
}

static int email_local_ok(const char *s, size_t n)
{
    if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' && s[i + 1] == '.')
            return 0;
        if (!(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
              (c | 0x20) <= 'z') || (c && strchr("!#$%&'*+-/=?^_`{|}~.", c))))
            return 0;
    }
    return 1;
}

static int email_domain_ok(const char *s, size_t n)
{
    size_t labels = 0, start = 0;
    if (n == 0 || n > 253)
        return 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            unsigned char c = (unsigned char)s[i];
            if (!(c >= 0x80 || c == '-' || (c >= '0' && c <= '9') ||
                  ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
                return 0;
            continue;
        }
        size_t ll = i - start;
        if (ll == 0 || ll > 63 || s[start] == '-' || s[i - 1] == '-')
            return 0;
        labels++;
        if (i == n) { /* the top-level domain: 2+ characters, not a number */
            size_t digits = 0;
            for (size_t j = start; j < n; j++)
                digits += s[j] >= '0' && s[j] <= '9';
            if (ll < 2 || digits == ll)
                return 0;
        }
        start = i + 1;
    }
    return labels >= 2;
}

int tcrm_norm_check_email(const char *email, struct tcrm_error *err)
{
    size_t a, z;
    const char *s = email ? email : "";
    trim_bounds(s, &a, &z);
    char *t = dup_range(s, a, z);
    if (!t)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    size_t n = z - a;
    const char *at = strchr(t, '@');
    int ok = at && strchr(at + 1, '@') == NULL && n <= 254 &&
             tcrm_utf8_valid(t, n) &&
             email_local_ok(t, (size_t)(at - t)) &&
             email_domain_ok(at + 1, n - (size_t)(at - t) - 1);
    int rc = ok ? 0 : bad_email(err, t);
    free(t);
    return rc;
}

/* Where an extension starts at s ("x", "ext", "ext." then digits), or
 * NULL; *ok says whether digits follow and end the string. */
static const char *phone_extension(const char *s, int *ok)
{
    const char *p = s;
    if ((p[0] | 0x20) == 'e' && (p[1] | 0x20) == 'x' && (p[2] | 0x20) == 't')
        p += 3;
    else if ((p[0] | 0x20) == 'x')
        p += 1;
    else
        return NULL;
    while (*p == '.' || *p == ' ' || *p == ':')
        p++;
    const char *d = p;
    while (*p >= '0' && *p <= '9')
        p++;
    *ok = p > d && *p == '\0';
    return s;
}

int tcrm_norm_check_phone(const char *phone, struct tcrm_error *err)
{
    char *t = tcrm_norm_trim(phone), *a;
    if (!t)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    /* Work on an ASCII copy with full-width forms narrowed. */
    size_t len = strlen(t), pos = 0, n = 0, digits = 0;
    if (!(a = malloc(len + 1))) {
        free(t);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    while (pos < len) {
        uint32_t cp;
        int k = tcrm_utf8_decode(t + pos, len - pos, &cp);
        pos += k > 0 ? (size_t)k : 1;
        cp = narrow(cp);
        a[n++] = cp < 0x80 ? (char)cp : '?';
    }
    a[n] = '\0';
    const char *why = NULL;
    for (size_t i = 0; i < n && !why; i++) {
        int ok;
        if (a[i] >= '0' && a[i] <= '9')
            digits++;
        else if (a[i] == '+' && i > 0)
            why = _("'+' may only come first");
        else if (digits > 0 && phone_extension(a + i, &ok)) {
            why = ok ? NULL : _("an extension is x or ext and its digits");
            break;
        } else if (!strchr(" +-.()/", a[i]))
            why = _("use digits, spaces, + - . ( ) / and x123 for an "
                    "extension");
    }
    if (!why && digits < 3)
        why = _("it needs at least 3 digits");
    int rc = why ? bad_phone(err, t, why) : 0;
    free(a);
    free(t);
    return rc;
}

int tcrm_norm_looks_like_phone(const char *s)
{
    if (!s)
        return 0;
    size_t len = strlen(s), pos = 0, digits = 0;
    while (pos < len) {
        uint32_t cp;
        int k = tcrm_utf8_decode(s + pos, len - pos, &cp);
        pos += k > 0 ? (size_t)k : 1;
        cp = narrow(cp);
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (k < 0 || cp >= 0x80 || !strchr(" +-()./", (int)cp) || !cp)
            return 0;
    }
    return digits >= 3;
}
