/*
 * failwrite.c: an LD_PRELOAD shim that makes writes to one kind of file
 * fail, for the fault tests (faults.sh): a full disk or a dying disk
 * without a device mapper, a FUSE file system or root.
 *
 *   TCRM_FAULT=enospc|eio|efbig  the errno the failing writes get
 *   TCRM_FAULT_FILE=-wal         which files: paths ending so (default
 *                                "-wal": SQLite's write-ahead log, where
 *                                every change of tcrm is written first)
 *   TCRM_FAULT_AFTER=N           bytes that may still be written to such
 *                                files before the writes fail (default 0)
 *
 * write, pwrite, pwrite64 and writev on a matching descriptor fail with
 * that errno (a write that crosses the budget is cut short first, as a
 * disk that fills mid-write does); with eio, fsync and fdatasync on it
 * fail too. Everything else passes through. Without TCRM_FAULT the shim
 * does nothing.
 */
#define _GNU_SOURCE
#undef _FILE_OFFSET_BITS /* pwrite and pwrite64 are two symbols to replace */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int fault_errno = -1;       /* -1: not read yet; 0: off */
static const char *suffix = "-wal";
static long long budget;

static void setup(void)
{
    const char *f = getenv("TCRM_FAULT");
    fault_errno = 0;
    if (!f)
        return;
    if (!strcmp(f, "enospc"))
        fault_errno = ENOSPC;
    else if (!strcmp(f, "eio"))
        fault_errno = EIO;
    else if (!strcmp(f, "efbig"))
        fault_errno = EFBIG;
    const char *s = getenv("TCRM_FAULT_FILE");
    if (s && *s)
        suffix = s;
    const char *a = getenv("TCRM_FAULT_AFTER");
    budget = a ? atoll(a) : 0;
}

/* Whether fd is a file the fault applies to. */
static int targeted(int fd)
{
    if (fault_errno < 0)
        setup();
    if (!fault_errno)
        return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    size_t k = strlen(suffix);
    return (size_t)n >= k && !strcmp(path + n - k, suffix);
}

/* How many of n bytes may go through (0: fail now, errno set). */
static size_t allow(size_t n)
{
    if (budget <= 0) {
        errno = fault_errno;
        return 0;
    }
    size_t k = (long long)n < budget ? n : (size_t)budget;
    budget -= (long long)k;
    return k;
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*pwrite64_fn)(int, const void *, size_t, off64_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);
typedef int (*sync_fn)(int);

/* The next definition of name (libc's), looked up once per caller. */
#define REAL(type, name) \
    static type real; \
    if (!real) \
        *(void **)&real = dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write_fn, "write");
    if (n && targeted(fd) && !(n = allow(n)))
        return -1;
    return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    REAL(pwrite_fn, "pwrite");
    if (n && targeted(fd) && !(n = allow(n)))
        return -1;
    return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
    REAL(pwrite64_fn, "pwrite64");
    if (n && targeted(fd) && !(n = allow(n)))
        return -1;
    return real(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    REAL(writev_fn, "writev");
    if (cnt > 0 && targeted(fd) && budget <= 0) {
        errno = fault_errno;
        return -1;
    }
    return real(fd, iov, cnt);
}

static int sync_fails(int fd)
{
    if (targeted(fd) && fault_errno == EIO) {
        errno = EIO;
        return 1;
    }
    return 0;
}

int fsync(int fd)
{
    REAL(sync_fn, "fsync");
    return sync_fails(fd) ? -1 : real(fd);
}

int fdatasync(int fd)
{
    REAL(sync_fn, "fdatasync");
    return sync_fails(fd) ? -1 : real(fd);
}
