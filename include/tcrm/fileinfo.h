/*
 * fileinfo.h: what kind of thing a path names, in words, for the messages
 * that refuse anything but a regular file (a config file, a file to
 * import). Pure: it looks only at a st_mode the caller got from fstat.
 */
#ifndef TCRM_FILEINFO_H
#define TCRM_FILEINFO_H

#include <sys/types.h>

/* In the user's language: "a directory", "a pipe (FIFO)", "a character
 * device", "a block device", "a socket", "a symbolic link"; "a regular
 * file" for S_IFREG and "not a
 * regular file" for anything else. Never NULL; a static string. */
const char *tcrm_file_kind(mode_t mode);

#endif
