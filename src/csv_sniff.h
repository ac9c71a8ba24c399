/* What a CSV file is before it is parsed: its encoding (UTF-8, or what a
 * spreadsheet wrote instead) and its delimiter, from its bytes. */
#ifndef MM_CSV_SNIFF_H
#define MM_CSV_SNIFF_H

#include <stddef.h>

/* The first byte that is not part of valid UTF-8 (RFC 3629), at a 1-based
 * line and column (columns count characters). */
typedef struct {
    size_t offset, line, column;
    unsigned char byte;
    int windows_1252; /* every bad byte of the file is text in Windows-1252 */
    int utf16;        /* the file starts with a UTF-16 byte-order mark */
} mm_csv_bad_byte;

/* @return 1 and *bad when `data` is not UTF-8, else 0. */
int mm_csv_find_bad_byte(const char *data, size_t len, mm_csv_bad_byte *bad);

/* The delimiter of the header row and of the rows after it. */
typedef struct {
    char delimiter;     /* ',', ';' or '\t'; ',' when the header holds none */
    size_t header_line; /* the line of the header (the first that is not blank) */
    size_t in_header[3]; /* how often the header holds ',', ';', '\t' (outside quotes) */
} mm_csv_sniffed;

/* Find the delimiter: the one of ',', ';', '\t' that the header holds and
 * that the most of the next rows hold as often; on a tie the one the header
 * holds most, then in that order. */
void mm_csv_sniff_delimiter(const char *data, size_t len, mm_csv_sniffed *out);

/* @return how often the header holds `delimiter` (',', ';' or '\t'). */
size_t mm_csv_sniffed_count(const mm_csv_sniffed *s, char delimiter);

/* "comma", "semicolon", "tab"; and the --delimiter value: "','", "';'", "tab". */
const char *mm_csv_delimiter_name(char delimiter);
const char *mm_csv_delimiter_option(char delimiter);

#endif
