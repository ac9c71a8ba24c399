#include "emit.h"

#include <math.h>

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

static int escape_of(unsigned char c, char *buf)
{
    if (c == '\n')
        return snprintf(buf, 8, "\\n");
    if (c == '\t')
        return snprintf(buf, 8, "\\t");
    if (c < 0x20 || c == 0x7f)
        return snprintf(buf, 8, "\\u%04x", c);
    return 0;
}

void mm_emit_visible(FILE *out, const char *s)
{
    char esc[8];

    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (escape_of(*c, esc))
            fputs(esc, out);
        else
            fputc(*c, out);
    }
}

size_t mm_visible_width(const char *s)
{
    size_t width = 0;
    char esc[8];

    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        int n = escape_of(*c, esc);
        width += n ? (size_t)n : (*c & 0xc0) != 0x80;
    }
    return width;
}
