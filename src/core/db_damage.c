/*
 * db_damage.c: a damaged database file takes no more writes.
 *
 * SQLite learns that a page is damaged only when it reads that page, so
 * on its own a change that never touches the damage would go through and
 * build on a broken file. Two things stop that, both checked before a
 * writable open (tcrm_db_damage_refuse), while reading stays possible so
 * what is left can still be exported:
 *
 *   1. A file cut short (a copy that stopped, a full disk while copying)
 *      is told at once: its header says how many pages it has
 *      (sqlite.org fileformat2.html, "In-header database size": bytes
 *      28-31, valid when the change counter at 24 equals the
 *      version-valid-for number at 92). Only while the -wal is empty: a
 *      checkpoint that a crash interrupted may have written page 1 before
 *      growing the file, and the -wal still holds what finishes it.
 *   2. Damage found once is remembered: when SQLite reports a damaged
 *      page (SQLITE_CORRUPT, tcrm_db_fail) or `tcrm check` finds one,
 *      a note FILE-damaged is left beside the file saying when, by whom
 *      and what. While it is there no writable open succeeds; `tcrm
 *      check` removes it when the file passes (after going back to a
 *      copy). The note is best effort: it never turns a failure into a
 *      different one.
 *
 * In a shared install the folder is the tcrm group's: the front end gives
 * core the way to hold the group while the note is made or removed
 * (tcrm_db_file_hooks; core calls no setgid itself).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* 1. The file shorter than its header says. */
static int cut_short(const char *path, struct tcrm_error *err)
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
    if (page < 512 || (page & (page - 1)) != 0)
        return 0;               /* not a header SQLite wrote: it says so */
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

/* The note's name: FILE-damaged (NULL: out of memory). */
static char *note_path(const char *path)
{
    size_t n = strlen(path) + sizeof "-damaged";
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s-damaged", path);
    return p;
}

/* 2. The note left when damage was found. */
static int noted(const char *path, struct tcrm_error *err)
{
    char *note = note_path(path);
    if (!note)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    char line[512] = "";
    FILE *f = fopen(note, "r");
    free(note);
    if (!f)
        return 0;
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    return tcrm_error_set(err, TCRM_EREADONLY, "%s: damaged (%s); nothing "
                          "is written to it until tcrm check passes (go "
                          "back to a copy first)", path, line);
}

int tcrm_db_damage_refuse(const char *path, int wal_empty,
                          struct tcrm_error *err)
{
    int rc = wal_empty ? cut_short(path, err) : 0;
    return rc ? rc : noted(path, err);
}

static void (*file_begin)(void), (*file_end)(void);

void tcrm_db_file_hooks(void (*begin)(void), void (*end)(void))
{
    file_begin = begin;
    file_end = end;
}

void tcrm_db_file_hold(int on)
{
    void (*fn)(void) = on ? file_begin : file_end;
    if (fn)
        fn();
}

void tcrm_db_damage_note(struct tcrm_db *db, const char *what)
{
    char *note = note_path(db->path);
    if (!note)
        return;
    char stamp[20];
    tcrm_db_now(stamp);
    struct stat sb;
    mode_t mode = stat(db->path, &sb) == 0 ? sb.st_mode & 0666 : 0600;
    tcrm_db_file_hold(1);
    int fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                  mode);
    tcrm_db_file_hold(0);
    free(note);
    if (fd < 0)
        return;
    dprintf(fd, "found %s by %s: %.300s\n", stamp, db->login, what);
    close(fd);
}

void tcrm_db_damage_clear(struct tcrm_db *db)
{
    char *note = note_path(db->path);
    if (!note)
        return;
    tcrm_db_file_hold(1);
    unlink(note);
    tcrm_db_file_hold(0);
    free(note);
}
