/*
 * config_internal.h: what src/config's files share, and seams for its own
 * tests. Nothing outside src/config and tests/unit/config includes it.
 */
#ifndef TCRM_CONFIG_INTERNAL_H
#define TCRM_CONFIG_INTERNAL_H

#include <stddef.h>

struct tcrm_error;

/* The system-wide file, step 4 of the lookup: "/etc/tcrm/tcrm.conf".
 * Tests point it into a temporary folder. */
extern const char *tcrm_config_system_file;

/* The whole text of the config file at path, NUL-terminated (free it):
 * 0, or TCRM_EINVAL (not a regular file, over 1 MiB) / TCRM_EIO / TCRM_ENOMEM
 * with "path: ..." in err (config_file.c). */
int tcrm_config_read_text(const char *path, char **text, size_t *len,
                          struct tcrm_error *err);

#endif
