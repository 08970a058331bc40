/*
 * fuzz.h: what the libFuzzer targets in tests/fuzz/ share.
 *
 * Each target is one fuzz_<name>.c defining LLVMFuzzerTestOneInput (and,
 * when it needs a database or a file, LLVMFuzzerInitialize). Inputs are
 * bytes, not strings: fuzz_str() makes a NUL-terminated copy (stopping at
 * the first NUL, as a C string from the outside would), fuzz_split() cuts
 * an input at its first NUL or newline into two strings, and
 * fuzz_file() writes the bytes to this process's own temporary file for
 * the parsers that read files (CSV, config). FUZZ_ASSERT aborts, so that
 * libFuzzer reports a broken invariant as a crash with the input.
 */
#ifndef TCRM_FUZZ_H
#define TCRM_FUZZ_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_ASSERT(c) do { if (!(c)) { \
    fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #c); \
    abort(); } } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    size_t n = strnlen((const char *)data, size);
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

/* *a: the bytes before the first NUL or newline, *b: the rest (both
 * freshly allocated C strings; free both). */
static inline void fuzz_split(const uint8_t *data, size_t size, char **a,
                              char **b)
{
    size_t i = 0;
    while (i < size && data[i] != '\0' && data[i] != '\n')
        i++;
    *a = fuzz_str(data, i);
    *b = i < size ? fuzz_str(data + i + 1, size - i - 1) : fuzz_str(data, 0);
}

static char fuzz_tmp[256];

/* At exit: the temporary folder and the files in it go. */
static inline void fuzz_cleanup(void)
{
    DIR *d = opendir(fuzz_tmp);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", fuzz_tmp, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(fuzz_tmp);
}

/* A temporary folder of this process (made once, in $TMPDIR, else in
 * /dev/shm when it may be written: ten times the runs of a disk; else
 * /tmp; removed at exit). */
static inline const char *fuzz_dir(void)
{
    if (!fuzz_tmp[0]) {
        const char *t = getenv("TMPDIR");
        if (!t || !*t)
            t = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(fuzz_tmp, sizeof fuzz_tmp, "%s/tcrm-fuzz.XXXXXX", t);
        if (!mkdtemp(fuzz_tmp))
            abort();
        atexit(fuzz_cleanup);
    }
    return fuzz_tmp;
}

/* The bytes as the content of this process's temporary file NAME. */
static inline const char *fuzz_file(const char *name, const uint8_t *data,
                                    size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    return path;
}

#endif
