/*
 * fileinfo.c: the words for a file's type (fileinfo.h).
 */
#include <sys/stat.h>

#include "tcrm/fileinfo.h"
#include "tcrm/i18n.h"

/* TRANSLATORS: the kinds of file, shown after "is" ("FILE: is a pipe
 * (FIFO), not a file"). */
const char *tcrm_file_kind(mode_t mode)
{
    if (S_ISREG(mode))
        return _("a regular file");
    if (S_ISDIR(mode))
        return _("a directory");
    if (S_ISFIFO(mode))
        return _("a pipe (FIFO)");
    if (S_ISCHR(mode))
        return _("a character device");
    if (S_ISBLK(mode))
        return _("a block device");
    if (S_ISSOCK(mode))
        return _("a socket");
    if (S_ISLNK(mode))
        return _("a symbolic link");
    return _("not a regular file");
}
