/*
 * lineedit.c: the one-line UTF-8 editor behind every form field and
 * prompt. Pure: no curses, so every key's effect is unit-tested.
 *
 * Design. The text is one growable byte buffer; the cursor is a byte
 * offset kept on a character boundary. The unit of movement and deletion
 * is a "cluster": one code point plus the zero-width code points that
 * follow it (combining marks), so the cursor never lands between a letter
 * and its accent. Invalid bytes (only possible in text that came from the
 * database) are one-byte clusters one column wide, as util/text.c draws
 * them. Columns come from tcrm_char_width, the same function the list
 * drawing uses, so the field and the lists agree about CJK.
 *
 * The scroll offset is a display column, not a byte: scrolling by bytes
 * would show half of a wide character. tui_le_view turns a wide character
 * cut by either edge of the field into a space.
 */
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "tcrm/error.h"
#include "tcrm/text.h"

/* One character at pos: bytes used (>= 1) and its code point (U+FFFD for
 * an invalid byte). */
static size_t char_at(const struct tui_lineedit *le, size_t pos, uint32_t *cp)
{
    int n = tcrm_utf8_decode(le->buf + pos, le->len - pos, cp);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)n;
}

static int width_at(const struct tui_lineedit *le, size_t pos, size_t *n)
{
    uint32_t cp;
    *n = char_at(le, pos, &cp);
    return tcrm_char_width(cp);
}

static size_t next_cluster(const struct tui_lineedit *le, size_t pos)
{
    size_t n;
    if (pos >= le->len)
        return le->len;
    width_at(le, pos, &n);
    pos += n;
    while (pos < le->len && width_at(le, pos, &n) == 0)
        pos += n;
    return pos;
}

static size_t prev_cluster(const struct tui_lineedit *le, size_t pos)
{
    size_t n;
    while (pos > 0) {
        pos = tcrm_utf8_prev(le->buf, pos);
        if (pos == 0 || width_at(le, pos, &n) != 0)
            break;
    }
    return pos;
}

static int cols_between(const struct tui_lineedit *le, size_t a, size_t b)
{
    int cols = 0;
    size_t n;
    while (a < b) {
        cols += width_at(le, a, &n);
        a += n;
    }
    return cols;
}

static int reserve(struct tui_lineedit *le, size_t need)
{
    if (need + 1 <= le->cap)
        return 0;
    size_t cap = le->cap ? le->cap : 32;
    while (cap < need + 1)
        cap *= 2;
    char *p = realloc(le->buf, cap);
    if (!p)
        return TCRM_ENOMEM;
    le->buf = p;
    le->cap = cap;
    return 0;
}

static size_t max_len(const struct tui_lineedit *le)
{
    return le->max ? le->max : TUI_LE_MAX;
}

int tui_le_init(struct tui_lineedit *le, const char *text)
{
    memset(le, 0, sizeof *le);
    return tui_le_set(le, text);
}

void tui_le_free(struct tui_lineedit *le)
{
    if (!le)
        return;
    free(le->buf);
    le->buf = NULL;
    le->len = le->cap = le->cur = 0;
}

int tui_le_set(struct tui_lineedit *le, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (reserve(le, n) != 0)
        return TCRM_ENOMEM;
    if (n)
        memcpy(le->buf, text, n);
    le->buf[n] = '\0';
    le->len = le->cur = n;
    le->scroll = 0;
    return 0;
}

static void delete_range(struct tui_lineedit *le, size_t a, size_t b)
{
    memmove(le->buf + a, le->buf + b, le->len - b + 1);
    le->len -= b - a;
    le->cur = a;
}

static int is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

int tui_le_insert_cp(struct tui_lineedit *le, uint32_t cp)
{
    char enc[4];
    if (is_control(cp) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    int n = tcrm_utf8_encode(cp, enc);
    if (le->len + (size_t)n > max_len(le))
        return 0;
    if (reserve(le, le->len + (size_t)n) != 0)
        return TCRM_ENOMEM;
    memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
    memcpy(le->buf + le->cur, enc, (size_t)n);
    le->len += (size_t)n;
    le->cur += (size_t)n;
    return 1;
}

int tui_le_insert(struct tui_lineedit *le, const char *s)
{
    size_t len = s ? strlen(s) : 0, pos = 0;
    int total = 0;
    while (pos < len) {
        uint32_t cp;
        int n = tcrm_utf8_decode(s + pos, len - pos, &cp);
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        pos += (size_t)n;
        if (cp == '\n' || cp == '\r')
            break;
        if (is_control(cp))
            cp = ' ';
        size_t before = le->len;
        int r = tui_le_insert_cp(le, cp);
        if (r < 0)
            return r;
        if (r == 0)
            break;
        total += (int)(le->len - before);
    }
    return total;
}

static int is_space_at(const struct tui_lineedit *le, size_t pos)
{
    uint32_t cp;
    char_at(le, pos, &cp);
    return cp == ' ' || cp == 0x3000;
}

static size_t word_start(const struct tui_lineedit *le, size_t pos)
{
    while (pos > 0) {
        size_t p = prev_cluster(le, pos);
        if (!is_space_at(le, p))
            break;
        pos = p;
    }
    while (pos > 0) {
        size_t p = prev_cluster(le, pos);
        if (is_space_at(le, p))
            break;
        pos = p;
    }
    return pos;
}

int tui_le_apply(struct tui_lineedit *le, enum tui_le_op op)
{
    size_t at;
    switch (op) {
    case TUI_LE_LEFT:  le->cur = prev_cluster(le, le->cur); return 0;
    case TUI_LE_RIGHT: le->cur = next_cluster(le, le->cur); return 0;
    case TUI_LE_HOME:  le->cur = 0; return 0;
    case TUI_LE_END:   le->cur = le->len; return 0;
    case TUI_LE_BACKSPACE:
        if (le->cur == 0)
            return 0;
        delete_range(le, prev_cluster(le, le->cur), le->cur);
        return 1;
    case TUI_LE_DELETE:
        if (le->cur >= le->len)
            return 0;
        at = le->cur;
        delete_range(le, at, next_cluster(le, at));
        return 1;
    case TUI_LE_KILL_START:
        if (le->cur == 0)
            return 0;
        delete_range(le, 0, le->cur);
        return 1;
    case TUI_LE_KILL_END:
        if (le->cur >= le->len)
            return 0;
        at = le->cur;
        delete_range(le, at, le->len);
        return 1;
    case TUI_LE_KILL_WORD:
        at = word_start(le, le->cur);
        if (at == le->cur)
            return 0;
        delete_range(le, at, le->cur);
        return 1;
    case TUI_LE_NONE:
        break;
    }
    return 0;
}

enum tui_le_op tui_le_ctrl_op(uint32_t ch)
{
    switch (ch) {
    case 0x01: return TUI_LE_HOME;
    case 0x05: return TUI_LE_END;
    case 0x02: return TUI_LE_LEFT;
    case 0x06: return TUI_LE_RIGHT;
    case 0x04: return TUI_LE_DELETE;
    case 0x08: case 0x7F: return TUI_LE_BACKSPACE;
    case 0x15: return TUI_LE_KILL_START;
    case 0x0B: return TUI_LE_KILL_END;
    case 0x17: return TUI_LE_KILL_WORD;
    default: return TUI_LE_NONE;
    }
}

int tui_le_cursor_col(const struct tui_lineedit *le)
{
    return cols_between(le, 0, le->cur);
}

int tui_le_width(const struct tui_lineedit *le)
{
    return cols_between(le, 0, le->len);
}

void tui_le_scroll(struct tui_lineedit *le, int width)
{
    if (width < 1)
        width = 1;
    int cc = tui_le_cursor_col(le), tw = tui_le_width(le);
    if (le->scroll > cc)
        le->scroll = cc;
    if (cc >= le->scroll + width)
        le->scroll = cc - width + 1;
    /* Room left at the right while text is hidden at the left: pull the
     * text back (after a deletion), keeping the cursor inside. */
    if (le->scroll > 0 && tw + 1 - le->scroll < width) {
        le->scroll = tw + 1 - width;
        if (le->scroll < 0)
            le->scroll = 0;
    }
}

/* Append n bytes, or the sanitized form of a control/invalid character. */
static size_t put(char *out, size_t outsz, size_t o, const char *s, size_t n,
                  uint32_t cp)
{
    char tmp[8];
    if (is_control(cp) || cp == 0xFFFD) {
        memcpy(tmp, s, n);
        tmp[n] = '\0';
        char *safe = tcrm_text_sanitize(tmp);
        if (safe && o + strlen(safe) < outsz) {
            memcpy(out + o, safe, strlen(safe));
            o += strlen(safe);
        }
        free(safe);
        return o;
    }
    if (o + n < outsz) {
        memcpy(out + o, s, n);
        o += n;
    }
    return o;
}

static size_t pad(char *out, size_t outsz, size_t o, int n)
{
    while (n-- > 0 && o + 1 < outsz)
        out[o++] = ' ';
    return o;
}

int tui_le_view(struct tui_lineedit *le, int width, char *out, size_t outsz,
                int *cursor_x)
{
    size_t o = 0, pos = 0;
    int col = 0, shown = 0;
    if (outsz == 0)
        return 0;
    tui_le_scroll(le, width);
    while (pos < le->len) {
        uint32_t cp;
        size_t n = char_at(le, pos, &cp);
        int w = tcrm_char_width(cp);
        int x = col - le->scroll;
        if (x < 0) {
            if (x + w > 0) {            /* cut by the left edge */
                o = pad(out, outsz, o, x + w);
                shown += x + w;
            }
        } else if (x + w > width) {     /* cut by the right edge */
            o = pad(out, outsz, o, width - x);
            shown += width - x;
            break;
        } else if (w > 0 || x > 0 || shown > 0) {
            o = put(out, outsz, o, le->buf + pos, n, cp);
            shown += w;
        }
        col += w;
        pos += n;
    }
    out[o] = '\0';
    if (cursor_x)
        *cursor_x = tui_le_cursor_col(le) - le->scroll;
    return shown;
}
