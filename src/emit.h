/* Writing JSON and text values to a stream without allocating. */
#ifndef MM_EMIT_H
#define MM_EMIT_H

#include <stdio.h>

/* A JSON string literal: quotes, backslashes and control bytes escaped. */
void mm_emit_json_string(FILE *out, const char *s);
/* A JSON number: shortest round-trip-safe form to 15 significant digits. */
void mm_emit_json_number(FILE *out, double value);
/* Text for a terminal or a line-based reader, escaped by textsafe.h's rule
 * (\n, \t, \u001b, \u009b, \xff), so one record stays one line. */
void mm_emit_visible(FILE *out, const char *s);
/* Display width of that text, in code points. */
size_t mm_visible_width(const char *s);

#endif
