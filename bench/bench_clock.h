/*
 * bench_clock.h: what the in-process benchmarks share: milliseconds of
 * the monotonic clock (wall) and of the process's CPU clock (steadier on
 * a busy machine), a qsort comparison of doubles for percentiles, the
 * table of times they print (bench_print_head, bench_print_ms) and the
 * warm-up-then-n-rounds loop (bench_rounds).
 */
#ifndef TCRM_BENCH_CLOCK_H
#define TCRM_BENCH_CLOCK_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline double now_ms(void) { return clock_ms(CLOCK_MONOTONIC); }
static inline double cpu_ms(void)
{
    return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* A benchmark's table: the label's column, the decimals, the middle
 * figure (p99 or p90) and the CPU percentile checked against a target. */
struct bench_cols {
    int width, prec, pct, over;
};

/* The heading: lead in the label's column, then the figures' names. */
static inline void bench_print_head(const struct bench_cols *c,
                                    const char *lead)
{
    char p[8];
    snprintf(p, sizeof p, "p%d", c->pct);
    printf("%-*s %8s %8s %8s  %8s %8s %8s\n", c->width, lead, "wall p50", p,
           "max", "cpu p50", p, "max");
}

/* ms holds n wall times, then n CPU times: sorts both and prints what,
 * then "p50 pPCT max" of each; "  OVER" when target > 0 and the CPU's
 * p(over) is above it. */
static inline void bench_print_ms(const struct bench_cols *c,
                                  const char *what, double *ms, size_t n,
                                  double target)
{
    qsort(ms, n, sizeof *ms, cmp_double);
    qsort(ms + n, n, sizeof *ms, cmp_double);
    size_t p = n * (size_t)c->pct / 100, o = n * (size_t)c->over / 100;
    int d = c->prec;
    printf("%-*s %8.*f %8.*f %8.*f  %8.*f %8.*f %8.*f%s\n", c->width, what,
           d, ms[n / 2], d, ms[p], d, ms[n - 1], d, ms[n + n / 2], d,
           ms[n + p], d, ms[2 * n - 1],
           target > 0 && ms[n + o] > target ? "  OVER" : "");
    fflush(stdout);
}

/* One call of a benchmark (i = -1: the warm-up): 0 or an error code. */
typedef int (*bench_fn)(void *ctx, int i);

/* A warm-up call of fn, then n timed: wall ms in ms[0..n), CPU ms in
 * ms[n..2n). 0, or the code of the first call that failed. */
static inline int bench_rounds(bench_fn fn, void *ctx, int n, double *ms)
{
    int rc = fn(ctx, -1);
    for (int i = 0; rc == 0 && i < n; i++) {
        double t0 = now_ms(), c0 = cpu_ms();
        rc = fn(ctx, i);
        ms[i] = now_ms() - t0;
        ms[n + i] = cpu_ms() - c0;
    }
    return rc;
}

#endif
