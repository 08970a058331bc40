/*
 * pinyin.h: hanzi to pinyin, so that 张伟 is found by typing "zhangwei",
 * "zhangw" or "zw". Pure.
 *
 * The table (data/pinyin.txt, compiled in at build time) comes from the
 * Unicode Unihan database: every modern reading of a character, the common
 * one first (曾 ceng, zeng; 单 dan, chan, shan; 解 jie, xie), toneless,
 * ü written v (吕 lv).
 *
 * Search keys of a text (tcrm_pinyin_keys): the pinyin of its hanzi run
 * together, and their first letters, each a line:
 *   "张伟"     -> "zhangwei\nzw\n"
 *   "华为技术"  -> "huaweijishu\nhwjs\nhuaweijizhu\nhwjz\n" (术: shu, zhu)
 *   "曾伟"     -> "cengwei\ncw\nzengwei\nzw\n"
 * Characters without a reading (Latin letters, digits, punctuation) are
 * skipped: "ABC科技" gives "keji\nkj\n". A substring search of these lines
 * then finds full pinyin, any prefix of it and the initials; a search of
 * several words finds syllables of three letters or more ("zhang wei").
 * Syllables of one or two letters are not words of their own ("li na"
 * does not find 李娜: "lina" does), which keeps the index small. Polyphones
 * are expanded into every combination, bounded: at most
 * TCRM_PINYIN_MAX_VARIANTS combinations (past that, the characters from
 * the end on keep only their common reading), and only the first
 * TCRM_PINYIN_MAX_CHARS hanzi of a text count.
 */
#ifndef TCRM_PINYIN_H
#define TCRM_PINYIN_H

#include <stdint.h>

#include "tcrm/strbuf.h"

#define TCRM_PINYIN_MAX_READINGS 8
#define TCRM_PINYIN_MAX_VARIANTS 4
#define TCRM_PINYIN_MAX_CHARS 24

/* The readings of cp, the common one first, into out (static strings);
 * returns how many (at most max; 0: cp has none). */
int tcrm_pinyin_readings(uint32_t cp, const char **out, int max);

/* Append the search key lines of text to sb (nothing when text has no
 * hanzi). 0 or TCRM_ENOMEM. */
int tcrm_pinyin_keys(const char *text, struct tcrm_strbuf *sb);

/* The sort key of a name in pinyin order, a new string (NULL when out of
 * memory). Text without hanzi gets tcrm_norm_fold's key unchanged; each
 * hanzi with a reading becomes its common reading, the byte 0x1F (shown
 * here as '.') and the character itself, syllables apart by one space:
 *   "张伟"     -> "zhang.张 wei.伟"
 *   "王芳"     -> "wang.王 fang.芳"      (王 before 张)
 *   "胡军"     -> "hu.胡 jun.军"         (胡 before 黄, "huang.黄": 0x1F
 *                                       sorts before every letter)
 *   "ABC科技"  -> "abc ke.科 ji.技"
 * so names sort by pinyin among Latin ones (张伟 and 章子怡 just before
 * "Zhang Anna"), the same character stays together (all 张 before 章),
 * and the key of a name's first characters is a prefix of the name's key
 * (the search ranks "names starting with" by it). */
char *tcrm_pinyin_sort_key(const char *text);

/* A query as pinyin keys spell it: ü (with or without a tone mark, either
 * case) becomes v, then the text is folded as tcrm_norm_fold does (tone
 * marks go with the other diacritics): "Lǚ Wěi" -> "lv wei". New string,
 * NULL when out of memory. */
char *tcrm_pinyin_fold_query(const char *q);

#endif
