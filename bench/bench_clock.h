/*
 * bench_clock.h: what the in-process benchmarks share: milliseconds of
 * the monotonic clock (wall) and of the process's CPU clock (steadier on
 * a busy machine), and a qsort comparison of doubles for percentiles.
 */
#ifndef TCRM_BENCH_CLOCK_H
#define TCRM_BENCH_CLOCK_H

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

#endif
