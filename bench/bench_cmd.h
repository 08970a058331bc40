/*
 * bench_cmd.h: what the benchmarks that time whole commands share: run
 * one with its output thrown away, its wall time and the child's CPU.
 */
#ifndef TCRM_BENCH_CMD_H
#define TCRM_BENCH_CMD_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_clock.h"

/* Run argv with stdout and stderr to /dev/null: exit status, wall and
 * the child's CPU (user + system) in ms. */
static int run_cmd(char *const argv[], double *wall, double *cpu)
{
    fflush(stdout);
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
        return -1;
    *wall = now_ms() - t0;
    *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A warm-up run of argv, then n timed: wall ms in ms[0..n), CPU ms in
 * ms[n..2n). 0, or the exit status of the first run that failed. */
static int run_cmd_rounds(char *const argv[], int n, double *ms)
{
    double w, c;
    int rc = run_cmd(argv, &w, &c);
    for (int i = 0; rc == 0 && i < n; i++)
        rc = run_cmd(argv, &ms[i], &ms[n + i]);
    return rc;
}

/* A warm-up and n timed runs of argv, printed as a row of the table c;
 * a run that failed: "failed (exit N)" and note. */
static inline void bench_cmd_row(const struct bench_cols *c, const char *what,
                                 char *const argv[], int n, double target,
                                 const char *note)
{
    double *ms = calloc(2 * (size_t)n, sizeof *ms);
    int rc = ms ? run_cmd_rounds(argv, n, ms) : -1;
    if (rc == 0)
        bench_print_ms(c, what, ms, (size_t)n, target);
    else
        printf("%-*s failed (exit %d)%s\n", c->width, what, rc, note);
    free(ms);
}

#endif
