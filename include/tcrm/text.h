/*
 * text.h: UTF-8 text for fixed-width columns. Pure.
 *
 * Widths are terminal columns: CJK ideographs, Hangul, full-width forms
 * and most emoji are 2, combining marks 0, everything else printable 1.
 * When the process runs in a UTF-8 locale the C library's wcwidth() is
 * asked (so we agree with ncurses); otherwise a built-in table is used.
 * Invalid UTF-8 bytes count as one column each and are drawn as U+FFFD.
 *
 * Nothing here ever splits a multi-byte character.
 */
#ifndef TCRM_TEXT_H
#define TCRM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode one character at s (len bytes available). Returns bytes used
 * (1..4) and sets *cp; on an invalid sequence returns -1 and sets *cp to
 * U+FFFD (the caller skips one byte). len 0 returns 0. */
int tcrm_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out; returns 1..4 bytes written. */
int tcrm_utf8_encode(uint32_t cp, char out[4]);
/* 1 if the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int tcrm_utf8_valid(const char *s, size_t n);
/* Byte offset of the start of the character before/after pos. */
size_t tcrm_utf8_prev(const char *s, size_t pos);
size_t tcrm_utf8_next(const char *s, size_t len, size_t pos);

/* Columns of one code point (0, 1 or 2; control characters count as the
 * width of the symbol tcrm_text_sanitize shows for them). */
int tcrm_char_width(uint32_t cp);
/* 1 for CJK ideographs, kana, Hangul and CJK punctuation. */
int tcrm_char_is_cjk(uint32_t cp);
/* Columns of a whole string (as sanitized). NULL is 0. */
int tcrm_text_width(const char *s);

/* Copy at most `cols` columns of s into out (size outsz), adding "…" when
 * anything was cut (the ellipsis counts in cols). Never splits a
 * character; a wide character that would straddle the edge is dropped.
 * Sets *width to the columns used (may be NULL). Returns bytes written. */
size_t tcrm_text_fit(const char *s, int cols, char *out, size_t outsz,
                     int *width);
/* Like fit, then pad with spaces to exactly cols columns (left-aligned,
 * or right-aligned when align_right). */
size_t tcrm_text_pad(const char *s, int cols, int align_right, char *out,
                     size_t outsz);

/* A new string (free() it) safe to send to a terminal: C0 controls and
 * DEL become the Unicode control pictures (ESC -> U+241B "␛", NUL ->
 * U+2400, DEL -> U+2421), C1 controls (U+0080..U+009F) become U+FFFD,
 * invalid bytes become U+FFFD, tab becomes one space and newline U+21B5
 * "↵" (so one record stays on one line). NULL in gives "". */
char *tcrm_text_sanitize(const char *s);
/* The same into out, which must hold 3 * len + 1 bytes (the len bytes of
 * s need no NUL); returns the bytes written before the NUL it adds. */
size_t tcrm_text_sanitize_to(const char *s, size_t len, char *out);

/* Copy the message s into out (size outsz, always NUL-terminated, cut at
 * a character boundary when it does not fit), cutting every stretch
 * between a pair of single quotes (a value the person gave) to
 * TCRM_QUOTE_MAX bytes followed by "…". A quote opens after a non-letter
 * and closes before one, so the apostrophe in "it's" stays inside the
 * value. The one rule for how long a value echoed in an error may be:
 * tcrm_error_set and the command line's error lines both apply it.
 * Returns the bytes written. */
#define TCRM_QUOTE_MAX 60
size_t tcrm_text_cut_quotes(const char *s, char *out, size_t outsz);

/* 1 if the first letters of s are mostly CJK (used to order family and
 * given names: CJK names are written family name first, no space). */
int tcrm_text_is_cjk_name(const char *s);

#endif
