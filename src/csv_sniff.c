#include "csv_sniff.h"

#include <string.h>

#include "textsafe.h"

static const char DELIMITERS[3] = {',', ';', '\t'};

#define ROWS_LOOKED_AT 20 /* rows after the header that check the guess */

/* Windows-1252 leaves five bytes undefined; Latin-1 is its subset. */
static int is_windows_1252(unsigned char c)
{
    return c != 0x81 && c != 0x8d && c != 0x8f && c != 0x90 && c != 0x9d;
}

int mm_csv_find_bad_byte(const char *data, size_t len, mm_csv_bad_byte *bad)
{
    const unsigned char *c = (const unsigned char *)data;
    size_t line = 1, column = 1, found = 0;

    memset(bad, 0, sizeof *bad);
    bad->windows_1252 = 1;
    bad->utf16 = len >= 2 && ((c[0] == 0xff && c[1] == 0xfe) || (c[0] == 0xfe && c[1] == 0xff));
    for (size_t k = 0; k < len;) {
        size_t n = mm_utf8_sequence(c + k, len - k);
        if (n == 0) {
            if (!found++)
                *bad = (mm_csv_bad_byte){k, line, column, c[k], 1, bad->utf16};
            bad->windows_1252 &= is_windows_1252(c[k]);
            n = 1;
        }
        if (c[k] == '\n') {
            line++;
            column = 0;
        }
        column++;
        k += n;
    }
    return found > 0;
}

/* One record (a line, or several where a quoted cell holds line breaks):
 * how often it holds each delimiter outside quotes. @return its end. */
static size_t count_record(const char *data, size_t len, size_t at, size_t counts[3],
                           int *blank)
{
    int quoted = 0;

    memset(counts, 0, 3 * sizeof *counts);
    *blank = 1;
    for (; at < len && (quoted || data[at] != '\n'); at++) {
        const char *d = memchr(DELIMITERS, data[at], sizeof DELIMITERS);
        if (data[at] == '"')
            quoted = !quoted;
        else if (d && !quoted)
            counts[d - DELIMITERS]++;
        if (!d && data[at] != ' ' && data[at] != '\r')
            *blank = 0;
    }
    return at < len ? at + 1 : at;
}

void mm_csv_sniff_delimiter(const char *data, size_t len, mm_csv_sniffed *out)
{
    size_t at = 0, counts[3], agree[3] = {0, 0, 0}, line = 1, looked = 0;
    int blank = 1, best = -1;

    memset(out, 0, sizeof *out);
    while (at < len && blank) {
        out->header_line = line;
        at = count_record(data, len, at, out->in_header, &blank);
        line++;
    }
    while (at < len && looked < ROWS_LOOKED_AT) {
        at = count_record(data, len, at, counts, &blank);
        for (int d = 0; d < 3 && !blank; d++)
            agree[d] += counts[d] == out->in_header[d];
        looked += !blank;
    }
    for (int d = 0; d < 3; d++)
        if (out->in_header[d] > 0 &&
            (best < 0 || agree[d] > agree[best] ||
             (agree[d] == agree[best] && out->in_header[d] > out->in_header[best])))
            best = d;
    out->delimiter = best < 0 ? ',' : DELIMITERS[best];
    if (out->header_line == 0)
        out->header_line = 1;
}

size_t mm_csv_sniffed_count(const mm_csv_sniffed *s, char delimiter)
{
    const char *d = memchr(DELIMITERS, delimiter, sizeof DELIMITERS);

    return d ? s->in_header[d - DELIMITERS] : 0;
}

const char *mm_csv_delimiter_name(char delimiter)
{
    return delimiter == ';' ? "semicolon" : delimiter == '\t' ? "tab" : "comma";
}

const char *mm_csv_delimiter_option(char delimiter)
{
    return delimiter == ';' ? "';'" : delimiter == '\t' ? "tab" : "','";
}
