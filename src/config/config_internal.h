/*
 * config_internal.h: seams of src/config for its own tests only.
 *
 * Nothing outside src/config and tests/unit/config includes this file.
 */
#ifndef TCRM_CONFIG_INTERNAL_H
#define TCRM_CONFIG_INTERNAL_H

/* The system-wide file, step 4 of the lookup: "/etc/tcrm/tcrm.conf".
 * Tests point it into a temporary folder. */
extern const char *tcrm_config_system_file;

#endif
