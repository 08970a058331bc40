/*
 * tcrm-pinyin-table: a build-time tool that turns data/pinyin.txt (made by
 * scripts/gen-pinyin.py from Unihan) into the C table src/util/pinyin.c
 * reads, so the binary carries the table and never reads it at run time.
 *
 *   tcrm-pinyin-table pinyin.txt OUTPUT.c
 *
 * Input: "#" comment lines, then one line per syllable in byte order:
 * syllable (a-z, 1 to 7 letters) TAB the characters read so first TAB the
 * characters that also read so. Output, each array sorted by code point:
 *   tcrm_pinyin_syllable[]  the syllables, in input order
 *   tcrm_pinyin_main[]      (code point << 9) | syllable, one per character
 *   tcrm_pinyin_more[]      the same for every further reading
 * Anything out of shape (a syllable out of order, a character with two
 * first readings, a further reading of a character with no first one, a
 * bad UTF-8 byte) is a build error naming the line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SYLLABLES 512 /* 9 bits */
#define SYL_MAX 7

static char syllables[MAX_SYLLABLES][SYL_MAX + 1];
static int n_syllables;
static uint32_t *main_tab, *more_tab;
static size_t n_main, n_more, cap_main, cap_more;

static int fail(const char *path, int line, const char *why)
{
    fprintf(stderr, "tcrm-pinyin-table: %s:%d: %s\n", path, line, why);
    return -1;
}

static int push(uint32_t **tab, size_t *n, size_t *cap, uint32_t v)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 4096;
        uint32_t *t = realloc(*tab, *cap * sizeof **tab);
        if (!t)
            return -1;
        *tab = t;
    }
    (*tab)[(*n)++] = v;
    return 0;
}

/* Decode one UTF-8 character of 2..4 bytes at s; bytes used or -1. */
static int decode(const unsigned char *s, uint32_t *cp)
{
    int n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3
          : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : -1;
    if (n < 0)
        return -1;
    *cp = s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        *cp = *cp << 6 | (s[i] & 0x3F);
    }
    return *cp >= 0x2E80 && *cp < 0x400000 ? n : -1;
}

static int add_chars(const char *s, int syl, int first, const char *path,
                     int line)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int n = decode(p, &cp);
        if (n < 0)
            return fail(path, line, "not a CJK character in UTF-8");
        uint32_t v = cp << 9 | (uint32_t)syl;
        if (first ? push(&main_tab, &n_main, &cap_main, v)
                  : push(&more_tab, &n_more, &cap_more, v))
            return fail(path, line, "out of memory");
        p += n;
    }
    return 0;
}

static int read_table(const char *path)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "tcrm-pinyin-table: %s: cannot open\n", path);
        return -1;
    }
    static char buf[1 << 20];
    int line = 0, rc = 0;
    while (rc == 0 && fgets(buf, sizeof buf, in)) {
        line++;
        buf[strcspn(buf, "\n")] = '\0';
        if (buf[0] == '#' || buf[0] == '\0')
            continue;
        char *t1 = strchr(buf, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2)
            return fclose(in), fail(path, line, "want SYLLABLE TAB CHARS TAB CHARS");
        *t1 = *t2 = '\0';
        size_t len = strlen(buf);
        if (len < 1 || len > SYL_MAX || strspn(buf, "abcdefghijklmnopqrstuvwxyz") != len)
            return fclose(in), fail(path, line, "a syllable is 1 to 7 letters a-z");
        if (n_syllables == MAX_SYLLABLES)
            return fclose(in), fail(path, line, "more than 512 syllables");
        if (n_syllables && strcmp(syllables[n_syllables - 1], buf) >= 0)
            return fclose(in), fail(path, line, "syllables out of order");
        memcpy(syllables[n_syllables], buf, len + 1);
        rc = add_chars(t1 + 1, n_syllables, 1, path, line);
        if (rc == 0)
            rc = add_chars(t2 + 1, n_syllables, 0, path, line);
        n_syllables++;
    }
    fclose(in);
    return rc;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int has_main(uint32_t cp, uint32_t *syl)
{
    size_t lo = 0, hi = n_main;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (main_tab[mid] >> 9 < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n_main && main_tab[lo] >> 9 == cp) {
        *syl = main_tab[lo] & 511;
        return 1;
    }
    return 0;
}

static int check(const char *path)
{
    qsort(main_tab, n_main, sizeof *main_tab, cmp_u32);
    qsort(more_tab, n_more, sizeof *more_tab, cmp_u32);
    for (size_t i = 1; i < n_main; i++)
        if (main_tab[i] >> 9 == main_tab[i - 1] >> 9) {
            fprintf(stderr, "tcrm-pinyin-table: %s: U+%04X has two first"
                    " readings\n", path, (unsigned)(main_tab[i] >> 9));
            return -1;
        }
    for (size_t i = 0; i < n_more; i++) {
        uint32_t syl;
        if (!has_main(more_tab[i] >> 9, &syl) || syl == (more_tab[i] & 511) ||
            (i && more_tab[i] == more_tab[i - 1])) {
            fprintf(stderr, "tcrm-pinyin-table: %s: U+%04X: a further reading"
                    " repeats one or has no first reading\n", path,
                    (unsigned)(more_tab[i] >> 9));
            return -1;
        }
    }
    return 0;
}

static void emit_u32(FILE *out, const char *name, const uint32_t *tab, size_t n)
{
    fprintf(out, "const size_t %s_count = %zu;\n", name, n);
    fprintf(out, "const uint32_t %s[] = {", name);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%lu,", i % 8 ? " " : "\n    ", (unsigned long)tab[i]);
    fputs("\n};\n\n", out);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: tcrm-pinyin-table pinyin.txt OUTPUT.c\n");
        return 2;
    }
    if (read_table(argv[1]) != 0 || check(argv[1]) != 0)
        return 1;
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        fprintf(stderr, "tcrm-pinyin-table: %s: cannot write\n", argv[2]);
        return 1;
    }
    fputs("/* Generated by scripts/gen-pinyin-table.c from data/pinyin.txt"
          " (Unihan, Unicode License:\n * data/pinyin.LICENSE). Do not edit."
          " */\n#include <stddef.h>\n#include <stdint.h>\n\n", out);
    fputs("const char tcrm_pinyin_syllable[][8] = {", out);
    for (int i = 0; i < n_syllables; i++)
        fprintf(out, "%s\"%s\",", i % 10 ? " " : "\n    ", syllables[i]);
    fputs("\n};\n\n", out);
    emit_u32(out, "tcrm_pinyin_main", main_tab, n_main);
    emit_u32(out, "tcrm_pinyin_more", more_tab, n_more);
    if (fclose(out) != 0) {
        fprintf(stderr, "tcrm-pinyin-table: %s: cannot write\n", argv[2]);
        return 1;
    }
    free(main_tab);
    free(more_tab);
    return 0;
}
