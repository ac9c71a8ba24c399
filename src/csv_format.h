/* The CSV form of an input document (docs/csv-format.md), shared by import
 * and export: the columns of each table, which are the document's keys; the
 * notation of a cell that holds a list ("ann; bob", "C=4; linux=2"); and
 * numbers in cells. */
#ifndef MM_CSV_FORMAT_H
#define MM_CSV_FORMAT_H

#include <stdio.h>

#include "arena.h"
#include "mentormatch/import.h"
#include "strbuf.h"

/* The columns of `table`, in the document's order, and those a file must
 * have; both NULL-terminated. */
const char *const *mm_csv_columns(mm_csv_table table);
const char *const *mm_csv_required_columns(mm_csv_table table);

/* The program table's key of a program or settings member (build.h's
 * MM_BUILD_FIELDS[field]): its path, "program.slots", "settings.weights.rating". */
#define MM_CSV_KEY_SIZE 48
const char *mm_csv_program_key(int field, char buf[MM_CSV_KEY_SIZE]);

/* One item of a list cell; `value` is what follows the first unescaped '='
 * when asked for (a skill's level), else NULL. */
typedef struct {
    const char *text, *value;
} mm_csv_item;

/* Split a list cell at unescaped ';'. A backslash makes the next character
 * plain; white space around an item (and around '=') is dropped unless
 * escaped; empty items are skipped. Strings go to `arena`.
 * @param[out] items a new array (mm_free) @param[out] n its length
 * @return 0, MM_EINVALID (a backslash ends the cell) or MM_ENOMEM */
int mm_csv_split(const char *cell, int want_value, mm_arena *arena, mm_csv_item **items,
                 size_t *n);

/* Append `text` as a list item: '\', ';', '=' and white space at either end
 * escaped, so mm_csv_split gives it back. */
void mm_csv_item_append(mm_strbuf *sb, const char *text);

/* Could a spreadsheet take the cell for a formula? Text that starts with
 * '=', '+', '-', '@', a tab or a carriage return; and text that starts with
 * '\'', the text marker that import strips, so that it survives. */
int mm_csv_needs_marker(const char *text);

/* Write one cell, the only way any CSV writer writes one: with a leading
 * '\'' when mm_csv_needs_marker says so (docs/csv-format.md), and quoted
 * when it must be: empty text (written ""), text holding a comma, quote or
 * line break, or starting or ending with white space. NULL writes an empty,
 * unquoted cell. */
void mm_csv_cell_write(FILE *out, const char *text);

/* The text a cell read holds: one leading '\'' dropped (a spreadsheet's
 * text marker, or mm_csv_cell_write's); its length in *len. */
const char *mm_csv_cell_unmark(const char *text, size_t *len);

/* Whole numbers: [+-]digits. Numbers: decimal, with an optional exponent.
 * @return 1 and *out, 0 for text of another shape, -1 out of range */
int mm_csv_parse_whole(const char *text, long long *out);
int mm_csv_parse_number(const char *text, double *out);

/* The students table's attribute columns are named ATTR_PREFIX NAME
 * ("attr.university"); the prefix is matched ignoring ASCII case, NAME byte
 * for byte. */
#define MM_CSV_ATTR_PREFIX "attr."

/* An attribute cell, or a quota's value (not empty): `true` or `false` in
 * any ASCII case is a boolean, a number (mm_csv_parse_number) a number, any
 * other text a string; a leading backslash makes the rest a string, as it
 * is ("\true", "\007", "\" for the empty string). out->text points into
 * `text`. @return 1, or -1 for a number out of range */
int mm_csv_parse_attribute(const char *text, mm_attribute_value *out);

#endif
