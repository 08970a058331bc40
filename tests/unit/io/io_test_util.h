/*
 * io_test_util.h: small helpers the io unit tests share: write a file
 * with given bytes into a fresh temporary folder.
 */
#ifndef TCRM_IO_TEST_UTIL_H
#define TCRM_IO_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char io_tmpdir[256];

static inline void io_tmp_init(void)
{
    if (io_tmpdir[0])
        return;
    snprintf(io_tmpdir, sizeof io_tmpdir, "/tmp/tcrm-io-test-XXXXXX");
    if (!mkdtemp(io_tmpdir))
        abort();
}

/* Path of name in the temporary folder (static buffer, one at a time). */
static inline const char *io_path(const char *name)
{
    static char p[2][512];
    static int k;
    io_tmp_init();
    k = !k;
    snprintf(p[k], sizeof p[k], "%s/%s", io_tmpdir, name);
    return p[k];
}

static inline const char *io_write(const char *name, const char *bytes, size_t n)
{
    const char *p = io_path(name);
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
        abort();
    return p;
}

#define IO_WRITE(name, lit) io_write(name, lit, sizeof lit - 1)

#endif
