/*
 * attach_file.h: attachments from and to files (src/io/attach_file.c).
 *
 * Files are opened here with the user's own rights: a setgid tcrm has
 * dropped its group before any command runs (privilege.c) and raises it
 * only around opening the database, so a file the user could not read
 * themselves cannot be attached, and a file is saved only where they may
 * write.
 */
#ifndef TCRM_ATTACH_FILE_H
#define TCRM_ATTACH_FILE_H

#include <stdint.h>

#include "tcrm/db.h"
#include "tcrm/error.h"

/* Attach the regular file at path (its base name) to entity id, refusing
 * one over max_mb megabytes. TCRM_EIO "PATH: Permission denied", "PATH:
 * is a directory"; TCRM_EINVAL for anything but a regular file; the
 * errors of tcrm_attachment_add. Nothing is attached on any error. */
int tcrm_attach_file(struct tcrm_db *db, const char *entity, int64_t id,
                     const char *path, int max_mb, int64_t *aid,
                     struct tcrm_error *err);

/* Write attachment aid's bytes to path. Without overwrite an existing
 * path is refused (TCRM_EINVAL "PATH: exists"); with it the file is
 * replaced whole (written beside it, then renamed over it). A failed
 * save leaves no partial file. */
int tcrm_attach_save(struct tcrm_db *db, int64_t aid, const char *path,
                     int overwrite, struct tcrm_error *err);

#endif
