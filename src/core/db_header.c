/*
 * db_header.c: a cut-short database file, found before anything is
 * written to it.
 *
 * SQLite learns that a page is damaged only when it reads that page, so
 * a change that never touches the damage goes through (tcrm(1), SAFETY).
 * A file cut short (a copy that stopped, a full disk while copying) can
 * be told at once, though: its header says how many pages it has
 * (sqlite.org fileformat2.html, "In-header database size": bytes 28-31,
 * valid when the change counter at 24 equals the version-valid-for
 * number at 92), and a file shorter than that has lost its end. A
 * writable open of such a file is refused, so nothing more is written
 * into it; reading what is left (to export it) still works.
 *
 * Only while the -wal is empty: a checkpoint that a crash interrupted may
 * have written page 1 before growing the file, and the -wal still holds
 * what finishes it (the caller knows the -wal).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

int tcrm_db_header_check(const char *path, struct tcrm_error *err)
{
    unsigned char h[100];
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;               /* the open that follows says why */
    ssize_t got = pread(fd, h, sizeof h, 0);
    int st = fstat(fd, &sb);
    close(fd);
    if (got != (ssize_t)sizeof h || st != 0 || !S_ISREG(sb.st_mode) ||
        memcmp(h, "SQLite format 3", 16) != 0)
        return 0;               /* empty, new, or not SQLite: not ours */
    uint32_t page = (uint32_t)h[16] << 8 | h[17];
    if (page == 1)
        page = 65536;
    uint32_t pages = be32(h + 28);
    if (pages == 0 || be32(h + 24) != be32(h + 92))
        return 0;               /* the header's size is not kept: unknown */
    int64_t want = (int64_t)page * pages;
    if ((int64_t)sb.st_size >= want)
        return 0;
    return tcrm_error_set(err, TCRM_EREADONLY, "%s: damaged: the file is "
                          "%lld bytes, its header says %lld; it was cut "
                          "short, so nothing is written to it (tcrm check; "
                          "go back to a copy)", path, (long long)sb.st_size,
                          (long long)want);
}
