/*
 * tcrm-bench-tui: how fast the full-screen interface answers, measured
 * from the outside, the way a person at a terminal meets it.
 *
 *   tcrm-bench-tui --db FILE [--tcrm BINARY] [--config FILE] [--rows N]
 *                  [--steps N] [--starts N]
 *
 * The real tcrm binary runs on a pseudo-terminal (forkpty) of 80x24 with
 * TERM=xterm-256color; this program is the terminal. It writes keys and
 * reads everything tcrm writes, noting when each byte arrived:
 *   start       fork to the end of the first burst of output that holds
 *               the bottom bar ("Quit"): the first full screen. "settled"
 *               is when output stops altogether (counts and the reminder
 *               pane come in idle time, after the first screen).
 *   a key       from the write of the key to the end of the first burst of
 *               output it caused (a burst ends at GAP_MS of silence): the
 *               screen has answered. Bytes are every byte up to silence.
 *   j / PgDn    --steps single steps down, then pages down until --rows rows
 *               have been scrolled through in all; then VmRSS and VmHWM of
 *               the tcrm process from /proc.
 *   other keys  End, Home, each sort order, each view, waiting for silence
 *               after each (the count of the new list included).
 *   search      '/', ^U, then a query typed key by key, each key timed:
 *               once waiting for silence after every key, once at one key
 *               every 150 ms (a fast typist: a key may meet work the key
 *               before left for idle time).
 * Prints p50/p99/max per kind of key and the bytes per step and per page.
 * Wall time counts the time tcrm (and this program) waited for a CPU; on
 * a loaded machine that dominates, so the CPU time tcrm spent per key and
 * its run-queue wait are printed too, from /proc/PID/schedstat.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define GAP_MS 8          /* silence that ends one burst of output */
#define SETTLE_MS 300     /* silence after which the screen is at rest */
#define MAX_SAMPLES 20000

struct term {
    int fd;
    pid_t pid;
    char tail[16];        /* last bytes read, for markers across reads */
    size_t tail_n;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Does marker occur in tail + buf? Keeps the tail up to date. */
static int scan_marker(struct term *t, const char *buf, size_t n,
                       const char *marker)
{
    char joined[16 + 65536];
    memcpy(joined, t->tail, t->tail_n);
    memcpy(joined + t->tail_n, buf, n);
    size_t len = t->tail_n + n;
    int found = 0;
    size_t ml = marker ? strlen(marker) : 0;
    for (size_t i = 0; ml && i + ml <= len && !found; i++)
        found = memcmp(joined + i, marker, ml) == 0;
    t->tail_n = len < sizeof t->tail ? len : sizeof t->tail;
    memcpy(t->tail, joined + len - t->tail_n, t->tail_n);
    return found;
}

struct burst {
    double first, end;    /* time of the first byte, end of first burst */
    double last;          /* time of the last byte before settling */
    size_t bytes, first_bytes;
    int marker_seen;
};

/* Read until `quiet_ms` of silence (after the marker, if one is given),
 * or until max_ms. b->end: last byte of the first burst that ended with
 * GAP_MS of silence (and held the marker when there is one). */
static int read_until_quiet(struct term *t, double since, const char *marker,
                            int quiet_ms, int max_ms, struct burst *b)
{
    memset(b, 0, sizeof *b);
    char buf[65536];
    double deadline = since + max_ms;
    int first_done = 0;
    for (;;) {
        double now = now_ms();
        int wait = b->bytes == 0 || (marker && !b->marker_seen) ? max_ms
                 : !first_done ? GAP_MS : quiet_ms;
        if (now + wait > deadline)
            wait = deadline > now ? (int)(deadline - now) : 0;
        struct pollfd p = { t->fd, POLLIN, 0 };
        int r = poll(&p, 1, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (b->bytes && (!marker || b->marker_seen) && !first_done) {
                first_done = 1;
                if (now_ms() < deadline)
                    continue;
            }
            return b->bytes ? 0 : 1;     /* 1: nothing came */
        }
        ssize_t n = read(t->fd, buf, sizeof buf);
        if (n <= 0)
            return -1;        /* tcrm exited */
        double at = now_ms();
        if (b->bytes == 0)
            b->first = at;
        b->bytes += (size_t)n;
        b->last = at;
        if (!first_done) {
            b->end = at;
            b->first_bytes = b->bytes;
        }
        if (scan_marker(t, buf, (size_t)n, marker))
            b->marker_seen = 1;
    }
}

static int spawn(struct term *t, const char *tcrm, const char *db,
                 const char *config)
{
    struct winsize ws = { .ws_row = 24, .ws_col = 80 };
    memset(t, 0, sizeof *t);
    t->pid = forkpty(&t->fd, NULL, NULL, &ws);
    if (t->pid < 0)
        return -1;
    if (t->pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        unsetenv("NO_COLOR");
        if (config)
            execl(tcrm, tcrm, "--db", db, "--config", config, (char *)NULL);
        else
            execl(tcrm, tcrm, "--db", db, (char *)NULL);
        _exit(127);
    }
    return 0;
}

static void finish(struct term *t)
{
    struct burst b;
    if (write(t->fd, "q", 1) == 1)
        read_until_quiet(t, now_ms(), NULL, 50, 2000, &b);
    int status = 0;
    for (int i = 0; i < 100; i++) {
        if (waitpid(t->pid, &status, WNOHANG) == t->pid) {
            close(t->fd);
            return;
        }
        usleep(20000);
    }
    kill(t->pid, SIGTERM);
    waitpid(t->pid, &status, 0);
    close(t->fd);
}

/* CPU time tcrm used and time it waited for a CPU, in ms, from
 * /proc/PID/schedstat (nanoseconds): on a loaded machine the wall time of
 * a key is mostly the second. */
static void sched_ms(pid_t pid, double *run, double *wait)
{
    char path[64];
    unsigned long long r = 0, w = 0;
    snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%llu %llu", &r, &w) != 2)
            r = w = 0;
        fclose(f);
    }
    *run = (double)r / 1e6;
    *wait = (double)w / 1e6;
}

struct series {
    const char *name;
    double cpu[MAX_SAMPLES], runq[MAX_SAMPLES];
    double ms[MAX_SAMPLES];
    size_t bytes[MAX_SAMPLES];
    size_t n;
    char label[32];          /* what is being typed, for the slowest */
    double worst_ms;
    char worst[32];
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static void series_report(struct series *s)
{
    if (s->n == 0) {
        printf("%-12s no samples\n", s->name);
        return;
    }
    qsort(s->ms, s->n, sizeof *s->ms, cmp_double);
    qsort(s->cpu, s->n, sizeof *s->cpu, cmp_double);
    qsort(s->runq, s->n, sizeof *s->runq, cmp_double);
    qsort(s->bytes, s->n, sizeof *s->bytes, cmp_size);
    size_t n = s->n, p99 = n * 99 / 100;
    printf("%-12s n=%-5zu wall p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms   "
           "bytes p50 %zu  max %zu\n", s->name, n, s->ms[n / 2],
           s->ms[p99 < n ? p99 : n - 1], s->ms[n - 1], s->bytes[n / 2],
           s->bytes[n - 1]);
    if (s->cpu[n - 1] > 0)
        printf("%-12s        cpu  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms   "
               "(run-queue wait p99 %.2f ms)\n", "", s->cpu[n / 2],
               s->cpu[p99 < n ? p99 : n - 1], s->cpu[n - 1],
               s->runq[p99 < n ? p99 : n - 1]);
    if (s->worst[0])
        printf("%-12s        slowest: '%s'\n", "", s->worst);
}

/* Send one key; time to the end of the first burst it caused. A key that
 * changes nothing on the screen (j on the last row) gives no sample. */
static int key(struct term *t, const char *seq, int quiet_ms, struct series *s)
{
    double run0, wait0, run1, wait1;
    sched_ms(t->pid, &run0, &wait0);
    double t0 = now_ms();
    if (write(t->fd, seq, strlen(seq)) != (ssize_t)strlen(seq))
        return -1;
    struct burst b;
    int rc = read_until_quiet(t, t0, NULL, quiet_ms, 1000, &b);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    sched_ms(t->pid, &run1, &wait1);
    if (s && s->n < MAX_SAMPLES) {
        if (b.end - t0 > s->worst_ms) {
            s->worst_ms = b.end - t0;
            memcpy(s->worst, s->label, sizeof s->worst);
        }
        s->cpu[s->n] = run1 - run0;
        s->runq[s->n] = wait1 - wait0;
        s->ms[s->n] = b.end - t0;
        s->bytes[s->n++] = b.bytes;
    }
    return 0;
}

static void memory(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6) || !strncmp(line, "VmHWM:", 6))
            printf("%s", line);
    fclose(f);
}

struct opts {
    const char *tcrm, *db, *config;
    int rows, steps, starts;
};

static int bench_start(const struct opts *o)
{
    struct series *s = calloc(1, sizeof *s), *settle = calloc(1, sizeof *s);
    if (!s || !settle)
        return -1;
    s->name = "first screen";
    settle->name = "settled";
    for (int i = 0; i < o->starts; i++) {
        struct term t;
        double t0 = now_ms();
        if (spawn(&t, o->tcrm, o->db, o->config) < 0)
            return -1;
        struct burst b;
        if (read_until_quiet(&t, t0, "Quit", SETTLE_MS, 10000, &b) != 0
            || !b.marker_seen) {
            fprintf(stderr, "tcrm-bench-tui: no screen from %s\n", o->tcrm);
            finish(&t);
            return -1;
        }
        s->ms[s->n] = b.end - t0;
        s->bytes[s->n++] = b.first_bytes;
        double run, wait;
        sched_ms(t.pid, &run, &wait);     /* start and idle work, all told */
        settle->cpu[settle->n] = run;
        settle->runq[settle->n] = wait;
        settle->ms[settle->n] = b.last - t0;
        settle->bytes[settle->n++] = b.bytes;
        finish(&t);
    }
    series_report(s);
    series_report(settle);
    free(s);
    free(settle);
    return 0;
}

/* Type q into the search line. pace_ms 0: wait for silence after every
 * key (the count of the results included); else one key every pace_ms,
 * as a fast typist does, so a key may arrive while the count of the key
 * before is still running. */
static int type_query(struct term *t, const char *q, int pace_ms,
                      struct series *s)
{
    char ch[8];
    if (key(t, "/", SETTLE_MS, NULL) < 0 || key(t, "\025", SETTLE_MS, NULL) < 0)
        return -1;
    for (size_t i = 0; q[i];) {
        size_t n = 1;
        while (((unsigned char)q[i + n] & 0xC0) == 0x80)
            n++;
        snprintf(ch, sizeof ch, "%.*s", (int)n, q + i);
        snprintf(s->label, sizeof s->label, "%.*s", (int)(i + n), q);
        double t0 = now_ms();
        if (key(t, ch, pace_ms ? GAP_MS : SETTLE_MS, s) < 0)
            return -1;
        struct burst b;
        double left = t0 + pace_ms - now_ms();
        if (pace_ms && left > 0
            && read_until_quiet(t, now_ms(), NULL, (int)left, (int)left, &b) < 0)
            return -1;
        i += n;
    }
    return key(t, "\r", SETTLE_MS, NULL);
}

static int bench_keys(const struct opts *o)
{
    static const char *const queries[] = {
        "zhang", "1380000", "138 0", "张伟", "silva", "acme", "qqqzzzx"};
    struct series *j = calloc(1, sizeof *j), *pg = calloc(1, sizeof *pg),
                  *sk = calloc(1, sizeof *sk), *fast = calloc(1, sizeof *fast);
    if (!j || !pg || !sk || !fast)
        return -1;
    fast->name = "typing 150ms";
    struct series *other = calloc(1, sizeof *other);
    if (!other)
        return -1;
    other->name = "other keys";
    j->name = "j (down)";
    pg->name = "PgDn";
    sk->name = "search key";
    struct term t;
    struct burst b;
    double t0 = now_ms();
    if (spawn(&t, o->tcrm, o->db, o->config) < 0
        || read_until_quiet(&t, t0, "Quit", SETTLE_MS, 10000, &b) != 0)
        return -1;
    int rows = 0, rc = 0;
    for (int i = 0; rc == 0 && i < o->steps && rows < o->rows; i++, rows++)
        rc = key(&t, "j", GAP_MS, j);
    /* PgDn moves the cursor list_h - 2 rows (ui.c); at 80x24 the list
     * has 14 lines (ui_layout.c: 21 main lines less 7 of detail) */
    const int page = 12;
    while (rc == 0 && rows < o->rows) {
        rc = key(&t, "\033[6~", GAP_MS, pg);
        rows += page;
    }
    printf("after %d rows scrolled (%zu steps, %zu pages):\n", rows, j->n, pg->n);
    memory(t.pid);
    /* End, Home, each sort order and back, each view and back */
    static const char *const others[] = {
        "G", "g", "o", "G", "o", "G", "o", "G", "o", "g", "2", "G", "3", "4",
        "1", "G", "g"};
    for (size_t i = 0; rc == 0 && i < sizeof others / sizeof *others; i++) {
        snprintf(other->label, sizeof other->label, "%s", others[i]);
        rc = key(&t, others[i], SETTLE_MS, other);
    }
    for (size_t q = 0; rc == 0 && q < sizeof queries / sizeof *queries; q++)
        rc = type_query(&t, queries[q], 0, sk);
    for (size_t q = 0; rc == 0 && q < sizeof queries / sizeof *queries; q++)
        rc = type_query(&t, queries[q], 150, fast);
    series_report(j);
    series_report(pg);
    series_report(sk);
    series_report(fast);
    series_report(other);
    memory(t.pid);
    finish(&t);
    free(j);
    free(pg);
    free(sk);
    free(fast);
    free(other);
    return rc;
}

static char *default_tcrm(const char *argv0)
{
    static char path[4096];
    const char *slash = strrchr(argv0, '/');
    int dir = slash ? (int)(slash - argv0) : 1;
    snprintf(path, sizeof path, "%.*s/../src/tcrm", dir, slash ? argv0 : ".");
    return path;
}

int main(int argc, char **argv)
{
    struct opts o = { default_tcrm(argv[0]), NULL, NULL, 10000, 1000, 5 };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"tcrm", required_argument, NULL, 't'},
        {"config", required_argument, NULL, 'c'},
        {"rows", required_argument, NULL, 'r'},
        {"steps", required_argument, NULL, 's'},
        {"starts", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (ch == 'd') o.db = optarg;
        else if (ch == 't') o.tcrm = optarg;
        else if (ch == 'c') o.config = optarg;
        else if (ch == 'r') o.rows = atoi(optarg);
        else if (ch == 's') o.steps = atoi(optarg);
        else if (ch == 'n') o.starts = atoi(optarg);
        else return 2;
    }
    if (!o.db || o.rows < 1 || o.steps < 0 || o.starts < 1
        || access(o.tcrm, X_OK) != 0) {
        fprintf(stderr, "usage: tcrm-bench-tui --db FILE [--tcrm BINARY] "
                "[--config FILE] [--rows N] [--steps N] [--starts N]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    printf("tcrm %s on %s, 80x24 xterm-256color\n", o.tcrm, o.db);
    if (bench_start(&o) < 0 || bench_keys(&o) < 0) {
        fprintf(stderr, "tcrm-bench-tui: the run failed\n");
        return 1;
    }
    return 0;
}
