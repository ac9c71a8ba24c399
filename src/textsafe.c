#include "textsafe.h"

#include <stdio.h>

#include "mentormatch/common.h"

size_t mm_utf8_sequence(const unsigned char *c, size_t left)
{
    size_t n = c[0] < 0x80 ? 1 : c[0] >= 0xf0 ? 4 : c[0] >= 0xe0 ? 3 : 2;
    unsigned char lo = 0x80, hi = 0xbf;

    if (n == 1)
        return 1;
    if (c[0] < 0xc2 || c[0] > 0xf4 || left < n)
        return 0;
    if (c[0] == 0xe0)
        lo = 0xa0;
    else if (c[0] == 0xed)
        hi = 0x9f;
    else if (c[0] == 0xf0)
        lo = 0x90;
    else if (c[0] == 0xf4)
        hi = 0x8f;
    if (c[1] < lo || c[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((c[k] & 0xc0) != 0x80)
            return 0;
    return n;
}

size_t mm_visible_next(const char *s, char esc[MM_VISIBLE_ESC_SIZE])
{
    const unsigned char *c = (const unsigned char *)s;
    size_t n;

    esc[0] = '\0';
    if (*c == '\n' || *c == '\t')
        snprintf(esc, MM_VISIBLE_ESC_SIZE, "\\%c", *c == '\n' ? 'n' : 't');
    else if (*c < 0x20 || *c == 0x7f)
        snprintf(esc, MM_VISIBLE_ESC_SIZE, "\\u%04x", *c);
    if (*c < 0x80)
        return 1;
    n = mm_utf8_sequence(c, (size_t)-1); /* a NUL ends it: never read past */
    if (n == 0)
        snprintf(esc, MM_VISIBLE_ESC_SIZE, "\\x%02x", *c);
    else if (c[0] == 0xc2 && c[1] < 0xa0) /* U+0080..U+009F */
        snprintf(esc, MM_VISIBLE_ESC_SIZE, "\\u%04x", c[1]);
    return n ? n : 1;
}

void mm_visible_append(mm_strbuf *sb, const char *s)
{
    char esc[MM_VISIBLE_ESC_SIZE];
    const char *run = s; /* the bytes shown as they are, not yet appended */

    while (*s) {
        size_t n = mm_visible_next(s, esc);
        if (esc[0]) {
            mm_strbuf_printf(sb, "%.*s%s", (int)(s - run), run, esc);
            run = s + n;
        }
        s += n;
    }
    mm_strbuf_printf(sb, "%s", run);
}

void mm_fputs_visible(const char *text, FILE *out)
{
    char esc[MM_VISIBLE_ESC_SIZE];

    while (*text) {
        size_t n = mm_visible_next(text, esc);
        if (esc[0])
            fputs(esc, out);
        else
            fwrite(text, 1, n, out);
        text += n;
    }
}

char *mm_visible_dup(const char *s)
{
    mm_strbuf sb;

    mm_strbuf_init(&sb);
    mm_visible_append(&sb, s);
    return mm_strbuf_take(&sb);
}
