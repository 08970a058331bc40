/*
 * config_file.c: the text of a config file (config.c reads it whole, then
 * scans and loads it): a regular file opened without blocking, at most
 * MAX_FILE_BYTES, or one line saying why not.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_internal.h"
#include "tcrm/error.h"
#include "tcrm/fileinfo.h"

#define MAX_FILE_BYTES (1024 * 1024)

/* The file, opened without blocking (a FIFO would wait for a writer
 * forever) and refused unless it is a regular file. */
static int open_regular(const char *path, FILE **f, struct tcrm_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    int rc = 0;
    *f = NULL;
    if (fd < 0 || fstat(fd, &st) != 0)
        rc = TCRM_EIO;
    else if (!S_ISREG(st.st_mode))
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: is %s; a config file "
                            "must be a regular file", path,
                            tcrm_file_kind(st.st_mode));
    else if (fcntl(fd, F_SETFL, 0) != 0 || !(*f = fdopen(fd, "rb")))
        rc = TCRM_EIO;
    if (rc == TCRM_EIO)
        tcrm_error_set(err, TCRM_EIO, "%s: cannot read: %s", path,
                       strerror(errno));
    if (rc && fd >= 0)
        close(fd);
    return rc;
}

int tcrm_config_read_text(const char *path, char **text, size_t *len,
                          struct tcrm_error *err)
{
    FILE *f;
    int rc = open_regular(path, &f, err);
    if (rc)
        return rc;
    char *buf = malloc(MAX_FILE_BYTES + 2);
    if (!buf) {
        fclose(f);
        return tcrm_error_set(err, TCRM_ENOMEM, "%s: out of memory", path);
    }
    size_t n = fread(buf, 1, MAX_FILE_BYTES + 1, f);
    int failed = ferror(f), saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        return tcrm_error_set(err, TCRM_EIO, "%s: cannot read: %s", path,
                              strerror(saved));
    }
    if (n > MAX_FILE_BYTES) {
        free(buf);
        return tcrm_error_set(err, TCRM_EINVAL,
                              "%s: too large for a config file (over 1 MiB)",
                              path);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}
