/*
 * i18n.h: the words people read, through gettext (text domain "tcrm").
 *
 *   _("text")        translated now;
 *   N_("text")       marked for translation, translated later where it is
 *                    shown (tables of labels, static arrays);
 *   P_(one, many, n) a count: ngettext, so Chinese and English each get
 *                    their own plural rule;
 *   C_(ctx, "text")  translated in a context, for short words that mean
 *                    different things in different places ("call" the
 *                    interaction kind, "lead" the deal stage);
 *   NC_(ctx, "text") marked in a context, translated later with
 *                    tcrm_i18n_word(ctx, key): the way stored English keys
 *                    (stages, kinds, roles, states) are shown in the user's
 *                    language. A key the catalogue does not know (a stage
 *                    the office renamed in tcrm.conf) is shown as it is.
 *
 * Messages of struct tcrm_error are translated by tcrm_error_set itself
 * (its format is a keyword of xgettext, see po/meson.build), so a layer
 * below the front ends writes its English once and never parses another
 * layer's words: what a front end needs to decide (which form field, what
 * kind of failure) travels as err->code and err->field.
 *
 * tcrm_os_i18n_init (src/os/i18n.c) binds the domain at start: to the
 * build tree's po/ when tcrm runs from its build folder, else to the
 * installed locale folder. English is the default; the language comes
 * from LANGUAGE, LC_ALL, LC_MESSAGES, LANG, or [display] language.
 */
#ifndef TCRM_I18N_H
#define TCRM_I18N_H

#include <libintl.h>

#define TCRM_TEXT_DOMAIN "tcrm"

/* gettext and ngettext never return NULL, but GCC cannot know it (in the
 * sanitizer build it warned "null format string" where a translation is
 * a printf format): these wrappers make it plain. format_arg keeps the
 * check of the arguments against the English format. */
static inline __attribute__((format_arg(1)))
const char *tcrm_gettext(const char *s)
{
    const char *t = gettext(s);
    return t ? t : "";
}
static inline __attribute__((format_arg(1), format_arg(2)))
const char *tcrm_ngettext(const char *one, const char *many, unsigned long n)
{
    const char *t = ngettext(one, many, n);
    return t ? t : "";
}

#define _(s) tcrm_gettext(s)
#define N_(s) (s)
#define P_(one, many, n) tcrm_ngettext((one), (many), (unsigned long)(n))
#define C_(ctx, s) tcrm_i18n_word((ctx), (s))
#define NC_(ctx, s) (s)

/* key translated in context ctx (gettext's msgctxt); key itself when the
 * catalogue has no translation. The result is static (the catalogue's) or
 * key: do not free. */
const char *tcrm_i18n_word(const char *ctx, const char *key);

#endif
