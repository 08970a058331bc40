/*
 * normalize.h: the canonical forms tcrm compares, searches and de-duplicates
 * by. Pure. Every function that returns char * returns a new string the
 * caller free()s; NULL in gives "" out (never NULL unless out of memory).
 *
 * fold:      lower case (Latin, Greek, Cyrillic), Latin diacritics removed
 *            (é->e, ñ->n, ß->ss, ø->o, æ->ae, ł->l), full-width ASCII forms
 *            to ASCII (Ａ->a), runs of white space to one space, trimmed.
 *            CJK and everything else unchanged. Search and sort keys use it.
 * name key:  the duplicate key of a person's or company's name: fold, drop
 *            punctuation, split into words, sort the words, join with one
 *            space ("Silva, Anna" and "anna  SILVA" both give "anna silva");
 *            CJK text has its spaces removed ("张 伟" -> "张伟"). Company
 *            names also drop a trailing legal form (ltd, inc, gmbh, llc,
 *            co, corp, 有限公司, 集团): see tcrm_norm_company_key.
 * phone key: the digits only; when there are more than 9, the last 9
 *            ("+86 138 0000 0000" and "138-0000-0000" both give
 *            "800000000"), so a number with and without its country code
 *            matches. Fewer than 5 digits: "" (no key, never a duplicate).
 * e-mail key: trimmed and lower-cased.
 */
#ifndef TCRM_NORMALIZE_H
#define TCRM_NORMALIZE_H

#include <stddef.h>

#include "tcrm/error.h"

char *tcrm_norm_fold(const char *s);
char *tcrm_norm_name_key(const char *name);
char *tcrm_norm_company_key(const char *name);
char *tcrm_norm_phone_key(const char *phone);
/* Bytes at the end of s that are CJK legal forms, the ones the company key
 * drops (有限公司, 集团, 股份有限公司 ..., several in a row too), never all
 * of s: "华为技术有限公司" -> 12, "公司" -> 0. */
size_t tcrm_norm_cjk_legal_tail(const char *s);
/* Digits of a phone number, all of them ("+86 138..." -> "86138..."). */
char *tcrm_norm_phone_digits(const char *phone);
char *tcrm_norm_email_key(const char *email);
/* Two numbers whose phone keys are equal are the same number unless both
 * are written with a country code ("+...") and their digits differ:
 * "+46 8 123 456 78" and "+86 138 1234 5678" share the last 9 digits but
 * are different numbers. 1 same (or cannot tell), 0 different. */
int tcrm_norm_phone_same_number(const char *a, const char *b);
/* Trim leading/trailing white space (ASCII and U+3000); new string. */
char *tcrm_norm_trim(const char *s);

/* Validation for user input; 0 or TCRM_EINVAL with a message naming the
 * value, e.g. "e-mail 'bob@' is not a valid address". */
int tcrm_norm_check_email(const char *email, struct tcrm_error *err);
/* A phone may hold digits, spaces, + - . ( ) / and an extension "x123" or
 * "ext 123"; it needs at least 3 digits. */
int tcrm_norm_check_phone(const char *phone, struct tcrm_error *err);

/* 1 if every character of s is a digit, space or one of "+-()./" and there
 * are at least 3 digits: a search that looks like a phone number. */
int tcrm_norm_looks_like_phone(const char *s);

#endif
