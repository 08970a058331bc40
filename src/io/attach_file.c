/*
 * attach_file.c: attachments from and to files (see tcrm/attach_file.h).
 *
 * The bytes stream through: the core asks for chunks (read_fd) or hands
 * them over (write_fd), so neither side holds a whole file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tcrm/attach_file.h"
#include "tcrm/attachment.h"
#include "tcrm/fileinfo.h"

struct fd_io {
    int fd;
    const char *path;
};

static int read_fd(void *ud, void *buf, size_t cap, size_t *got,
                   struct tcrm_error *err)
{
    struct fd_io *io = ud;
    ssize_t n;
    do
        n = read(io->fd, buf, cap);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", io->path,
                              strerror(errno));
    *got = (size_t)n;
    return 0;
}

static int write_fd(void *ud, const void *buf, size_t n,
                    struct tcrm_error *err)
{
    struct fd_io *io = ud;
    const char *p = buf;
    while (n) {
        ssize_t w = write(io->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return tcrm_error_set(err, TCRM_EIO, "%s: %s", io->path,
                                  strerror(errno));
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* A regular file opened for reading, and its size. */
static int open_regular(const char *path, int *fd, int64_t *size,
                        struct tcrm_error *err)
{
    struct stat st;
    int rc;
    *fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (*fd < 0 || fstat(*fd, &st) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        rc = tcrm_error_set(err, TCRM_EIO, "%s: is a directory", path);
    else if (!S_ISREG(st.st_mode))
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: is %s, not a file", path,
                            tcrm_file_kind(st.st_mode));
    else if (fcntl(*fd, F_SETFL, 0) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    else {
        *size = (int64_t)st.st_size;
        return 0;
    }
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
    return rc;
}

int tcrm_attach_file(struct tcrm_db *db, const char *entity, int64_t id,
                     const char *path, int max_mb, int64_t *aid,
                     struct tcrm_error *err)
{
    struct tcrm_attachment_in in;
    struct fd_io io = { -1, path };
    int64_t size = 0;
    int rc = open_regular(path, &io.fd, &size, err);
    if (rc)
        return rc;
    const char *slash = strrchr(path, '/');
    memset(&in, 0, sizeof in);
    in.entity = entity;
    in.entity_id = id;
    in.name = slash ? slash + 1 : path;
    in.size = size;
    in.max_mb = max_mb;
    in.max_size = (int64_t)max_mb * 1024 * 1024;
    in.read = read_fd;
    in.ud = &io;
    rc = tcrm_attachment_add(db, &in, aid, err);
    close(io.fd);
    return rc;
}

/* A new file beside path for the replacing save (its name into tmp). */
static int open_beside(const char *path, char *tmp, size_t cap)
{
    if ((size_t)snprintf(tmp, cap, "%s.tcrm-XXXXXX", path) >= cap)
        return -1;
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            close(fd);
            unlink(tmp);
            return -1;
        }
    }
    return fd;
}

int tcrm_attach_save(struct tcrm_db *db, int64_t aid, const char *path,
                     int overwrite, struct tcrm_error *err)
{
    struct tcrm_attachment a;
    char tmp[4096];
    int rc = tcrm_attachment_get(db, aid, &a, err);
    if (rc)
        return rc;
    tcrm_attachment_clear(&a);
    struct fd_io io = { -1, path };
    io.fd = overwrite ? open_beside(path, tmp, sizeof tmp)
                      : open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
                             O_NOCTTY, 0666);
    if (io.fd < 0)
        return errno == EEXIST
            ? tcrm_error_set(err, TCRM_EINVAL, "%s: exists; give it with -o "
                             "to replace it", path)
            : tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    rc = tcrm_attachment_read(db, aid, write_fd, &io, err);
    if (close(io.fd) != 0 && rc == 0)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    if (rc == 0 && overwrite && rename(tmp, path) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    if (rc)
        unlink(overwrite ? tmp : path);
    return rc;
}
