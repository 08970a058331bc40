/*
 * input_internal.h: opening a file to import (src/io only), one rule for
 * the CSV and the vCard readers.
 */
#ifndef TCRM_INPUT_INTERNAL_H
#define TCRM_INPUT_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "tcrm/error.h"

/* Open path for reading: "-" is standard input (spooled to a temporary
 * copy once, read from the start each time), anything else must be a
 * regular, non-empty file, opened without blocking so that a FIFO or a
 * device is refused, never waited on: "FILE: is a directory", "FILE: is
 * a pipe, not a file; to import from a pipe, give - as the file and send
 * it to standard input", "FILE: is a character device, not a file",
 * "FILE: empty file". *size is the file's size. */
int tcrm_io_open_input(const char *path, FILE **f, uint64_t *size,
                       struct tcrm_error *err);

#endif
