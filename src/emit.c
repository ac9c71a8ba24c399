#include "emit.h"

#include <math.h>
#include <string.h>

#include "mentormatch/common.h"
#include "textsafe.h"

void mm_emit_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(out, "\\%c", *c);
        else if (*c == '\n')
            fputs("\\n", out);
        else if (*c == '\t')
            fputs("\\t", out);
        else if (*c < 0x20 || *c == 0x7f)
            fprintf(out, "\\u%04x", *c);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

void mm_emit_json_number(FILE *out, double value)
{
    if (!isfinite(value))
        fputs("null", out);
    else if (value == 0)
        fputs("0", out); /* never "-0" */
    else
        fprintf(out, "%.15g", value);
}

void mm_emit_visible(FILE *out, const char *s)
{
    mm_fputs_visible(s, out);
}

/* Decode one UTF-8 sequence (valid: mm_visible_next showed it as it is). */
static unsigned long decode(const unsigned char **c)
{
    unsigned long cp = **c;
    int extra = cp >= 0xf0 ? 3 : cp >= 0xe0 ? 2 : cp >= 0xc0 ? 1 : 0;

    cp &= extra == 3 ? 0x07 : extra == 2 ? 0x0f : extra == 1 ? 0x1f : 0x7f;
    while (extra-- > 0 && ((*c)[1] & 0xc0) == 0x80)
        cp = (cp << 6) | (*++(*c) & 0x3f);
    return cp;
}

/* Terminal columns of a code point: 0 for combining marks, 2 for East Asian
 * wide and emoji blocks, 1 otherwise (the common cases, not all of UAX #11). */
static int columns(unsigned long cp)
{
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
        (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
        (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200d)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
        (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
        (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
        (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

size_t mm_visible_width(const char *s)
{
    size_t width = 0;
    char esc[MM_VISIBLE_ESC_SIZE];

    while (*s) {
        size_t n = mm_visible_next(s, esc);
        const unsigned char *c = (const unsigned char *)s;
        width += esc[0] ? strlen(esc) : (size_t)columns(decode(&c));
        s += n;
    }
    return width;
}
