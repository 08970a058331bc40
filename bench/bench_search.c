/*
 * tcrm-bench-search: how long the first page of a search takes, in
 * process, on a database made by tcrm-bench-gen.
 *
 *   tcrm-bench-search --db FILE [--rounds R] [--limit N] [--counts]
 *                     [--login L]   (as that person: their scope, access.h)
 *
 * The queries are what people type, key by key: every prefix of a set of
 * words (Latin names, two-character Chinese names, company words, e-mail
 * pieces, phone digits, a tag, pinyin and initials of Chinese names,
 * several words, something that matches nothing), so the
 * one- and two-character cases the incremental search meets on every
 * first key are measured too. Each query fetches the first page (limit
 * rows, default 50) and the page after it. Prints p50/p90/p99/max of the
 * first page over all queries and rounds, the slowest queries, and the
 * same for the next page.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcrm/db.h"
#include "tcrm/search.h"
#include "tcrm/text.h"

static const char *const words[] = {
    "zhang", "wang wei", "silva", "müller", "muller", "jose", "zoë", "o'brien",
    "张伟", "李娜", "王芳", "欧阳", "陈", "华信", "科技有限公司", "上海",
    "acme", "quantum robotics", "gmbh", "example.cn", "zhao", "1380", "138 0",
    "+44 20", "vip", "重点客户", "quote", "canton", "qqqzzzx", "engineer",
    "工程师", "sales manager", "a", "li", "ma",
    /* pinyin of Chinese names and companies (华信科技: hxkj), several words */
    "zhangwei", "zw", "hxkj", "ouyangming", "li na", "silva anna",
    "上海 科技",
    /* no match, every trigram common: the whole doclists are read */
    "86838614", "2449080268", "13800000000"};

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of this process: on a loaded machine wall time also counts
 * the time other processes held the CPU; both are reported. */
static double cpu_ms(void)
{
    return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct sample {
    double ms, cpu;
    char query[64];
    size_t rows;
};

static int cmp_sample(const void *a, const void *b)
{
    return cmp_double(&((const struct sample *)b)->ms, &((const struct sample *)a)->ms);
}

static void report(const char *what, struct sample *s, size_t n)
{
    double *v = malloc(n * sizeof *v), *c = malloc(n * sizeof *c);
    if (!v || !c) {
        free(v);
        free(c);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        v[i] = s[i].ms;
        c[i] = s[i].cpu;
    }
    qsort(v, n, sizeof *v, cmp_double);
    qsort(c, n, sizeof *c, cmp_double);
    printf("%-10s n=%zu  wall p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n",
           what, n, v[n / 2], v[n * 90 / 100], v[n * 99 / 100], v[n - 1]);
    printf("%-10s n=%zu  cpu  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n",
           what, n, c[n / 2], c[n * 90 / 100], c[n * 99 / 100], c[n - 1]);
    free(v);
    free(c);
    qsort(s, n, sizeof *s, cmp_sample);
    for (size_t i = 0; i < 8 && i < n; i++)
        printf("    slowest: %8.3f ms (cpu %8.3f)  %3zu rows  '%s'\n", s[i].ms,
               s[i].cpu, s[i].rows, s[i].query);
}

/* --counts: what counting every match costs (the screen's "N contacts"
 * after a search; the screen does it only while the keyboard is idle). */
static void count_all(struct tcrm_db *db)
{
    struct tcrm_contact_filter f = {0};
    struct tcrm_error err = {0};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        int64_t n = 0;
        double t0 = now_ms(), c0 = cpu_ms();
        f.search = words[w];
        if (tcrm_contact_count(db, &f, &n, &err) != 0) {
            printf("count '%s': %s\n", words[w], err.msg);
            continue;
        }
        printf("count %-18s %8lld matches  %9.3f ms (cpu %9.3f)\n", words[w],
               (long long)n, now_ms() - t0, cpu_ms() - c0);
    }
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    int rounds = 5;
    size_t limit = 50;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"rounds", required_argument, NULL, 'r'},
        {"limit", required_argument, NULL, 'l'},
        {"counts", no_argument, NULL, 'c'},
        {"login", required_argument, NULL, 'u'},
        {NULL, 0, NULL, 0}};
    const char *login = NULL;   /* whose scope (access.h); default: bench */
    int counts = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (ch == 'd') path = optarg;
        else if (ch == 'r') rounds = atoi(optarg);
        else if (ch == 'l') limit = (size_t)atol(optarg);
        else if (ch == 'c') counts = 1;
        else if (ch == 'u') login = optarg;
        else return 2;
    }
    if (!path || rounds < 1 || limit < 1) {
        fprintf(stderr, "usage: tcrm-bench-search --db FILE [--rounds R] [--limit N] [--counts]"
                        " [--login L]\n");
        return 2;
    }
    struct tcrm_error err = {0};
    struct tcrm_db *db = NULL;
    struct tcrm_db_options o = {.path = path, .user = "bench", .busy_timeout_ms = 5000,
                                .readonly = 1, .login = login};
    if (tcrm_db_open(&o, &db, &err) != 0) {
        fprintf(stderr, "tcrm-bench-search: %s\n", err.msg);
        return 1;
    }
    size_t cap = 4096, n1 = 0, n2 = 0;
    struct sample *first = calloc(cap, sizeof *first), *next = calloc(cap, sizeof *next);
    struct tcrm_contact_filter f = {0};
    for (int r = 0; r < rounds; r++) {
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
            size_t len = strlen(words[w]);
            for (size_t cut = tcrm_utf8_next(words[w], len, 0); cut <= len;
                 cut = cut == len ? len + 1 : tcrm_utf8_next(words[w], len, cut)) {
                char q[64];
                snprintf(q, sizeof q, "%.*s", (int)cut, words[w]);
                struct tcrm_contact_page p = {0}, p2 = {0};
                double t0 = now_ms(), c0 = cpu_ms();
                if (tcrm_search_contacts(db, q, &f, NULL, limit, &p, &err) != 0) {
                    fprintf(stderr, "tcrm-bench-search: '%s': %s\n", q, err.msg);
                    return 1;
                }
                double t1 = now_ms(), c1 = cpu_ms();
                if (n1 < cap) {
                    first[n1] = (struct sample){t1 - t0, c1 - c0, "", p.n};
                    snprintf(first[n1++].query, 64, "%s", q);
                }
                if (p.n > 0 && p.more) {
                    t0 = now_ms();
                    c0 = cpu_ms();
                    if (tcrm_search_contacts(db, q, &f, &p.rows[p.n - 1], limit, &p2, &err) != 0) {
                        fprintf(stderr, "tcrm-bench-search: '%s' page 2: %s\n", q, err.msg);
                        return 1;
                    }
                    t1 = now_ms();
                    c1 = cpu_ms();
                    if (n2 < cap) {
                        next[n2] = (struct sample){t1 - t0, c1 - c0, "", p2.n};
                        snprintf(next[n2++].query, 64, "%s", q);
                    }
                    tcrm_contact_page_free(&p2);
                }
                tcrm_contact_page_free(&p);
            }
        }
    }
    if (counts)
        count_all(db);
    report("first page", first, n1);
    if (n2)
        report("next page", next, n2);
    free(first);
    free(next);
    tcrm_db_close(db);
    return 0;
}
