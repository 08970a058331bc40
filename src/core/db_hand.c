/*
 * db_hand.c: a raised hand. A long writer (an import) works in short
 * transactions so that the rest of the office can write between them;
 * but every commit writes each page the transaction touched to the WAL
 * again, and an import touches pages of a dozen randomly keyed indexes
 * all over: committing every 150 ms wrote 5 GB for 100,000 cards, where
 * committing every 2 s wrote 1.2 GB in two thirds of the CPU time
 * (bench/README.md). So the long writer commits when someone is waiting,
 * not on a short clock:
 *   - the writer listens (tcrm_db_hand_listen): it makes FILE-hand
 *     beside the database (the database's mode; empty) and keeps it open;
 *   - a connection whose wait for the write lock begins (busy_wait in
 *     db.c) appends one byte to FILE-hand when it exists: its hand;
 *   - the writer looks at the file's size after each row
 *     (tcrm_db_hand_raised, one fstat) and commits when it grew.
 * The file is never needed: without it (a folder the writer may not
 * write, a file system without it) nobody listens and the import keeps
 * its short clock. It is left in place; each import that listens empties
 * it when it starts.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"

/* FILE-hand for the database at path (free it), or NULL for a database
 * without a file. */
static char *hand_path(const char *path)
{
    if (!path || !*path || strcmp(path, ":memory:") == 0)
        return NULL;
    size_t n = strlen(path);
    char *p = malloc(n + sizeof "-hand");
    if (p) {
        memcpy(p, path, n);
        memcpy(p + n, "-hand", sizeof "-hand");
    }
    return p;
}

int tcrm_db_hand_listen(struct tcrm_db *db)
{
    if (db->hand_fd >= 0)
        return 1;
    char *p = hand_path(db->path);
    if (!p)
        return 0;
    struct stat sb;
    mode_t mode = stat(db->path, &sb) == 0 ? sb.st_mode & 0666 : 0600;
    tcrm_db_file_hold(1);
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode);
    tcrm_db_file_hold(0);
    free(p);
    if (fd < 0)
        return 0;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return 0;
    }
    if (sb.st_size > 0 && ftruncate(fd, 0) == 0)
        sb.st_size = 0;
    db->hand_fd = fd;
    db->hand_seen = (int64_t)sb.st_size;
    return 1;
}

int tcrm_db_hand_raised(struct tcrm_db *db)
{
    struct stat sb;
    if (db->hand_fd < 0 || fstat(db->hand_fd, &sb) != 0 ||
        (int64_t)sb.st_size == db->hand_seen)
        return 0;
    db->hand_seen = (int64_t)sb.st_size;
    return 1;
}

void tcrm_db_hand_stop(struct tcrm_db *db)
{
    if (db->hand_fd >= 0)
        close(db->hand_fd);
    db->hand_fd = -1;
}

void tcrm_db_hand_raise(struct tcrm_db *db)
{
    if (db->hand_fd >= 0)            /* the listener itself: no need */
        return;
    char *p = hand_path(db->path);
    if (!p)
        return;
    tcrm_db_file_hold(1);
    int fd = open(p, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
    tcrm_db_file_hold(0);
    free(p);
    if (fd < 0)
        return;                      /* nobody listens */
    if (write(fd, "!", 1) != 1) {
        /* a full disk: the writer's clock still ends its transaction */
    }
    close(fd);
}
