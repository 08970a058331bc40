/*
 * followup_internal.h: what followup.c shares with followup_quiet.c.
 */
#ifndef TCRM_CORE_FOLLOWUP_INTERNAL_H
#define TCRM_CORE_FOLLOWUP_INTERNAL_H

#include "tcrm/error.h"

/* 0 when s is a date "YYYY-MM-DD"; else TCRM_EINVAL on field. */
int tcrm_followup_check_date(const char *field, const char *s,
                             struct tcrm_error *err);

#endif
