/* Adding to the public diagnostics list from inside the library. */
#ifndef MM_DIAG_H
#define MM_DIAG_H

#include <stdarg.h>
#include <string.h>

#include "mentormatch/common.h"

#if defined(__GNUC__)
#define MM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MM_PRINTF(a, b)
#endif

/* Add one diagnostic at `place` (may be NULL). Out of memory marks the list
 * truncated instead of failing, so a report is never lost silently. */
void mm_diag_add(mm_diags *diags, mm_severity severity, const char *place,
                 const char *fmt, ...) MM_PRINTF(4, 5);
void mm_diag_vadd(mm_diags *diags, mm_severity severity, const char *place,
                  const char *fmt, va_list ap);
void mm_diag_add_at(mm_diags *diags, int line, int column, const char *fmt, ...)
    MM_PRINTF(4, 5);
/* Drop every diagnostic after the first `count`, and set the error count
 * to `errors`: both as read before the diagnostics to undo were added. */
void mm_diags_truncate(mm_diags *diags, size_t count, size_t errors);
/* Put `prefix` before the place of every diagnostic from the `from`-th on:
 * "options.baseline" and "assignments[3].student" make
 * "options.baseline.assignments[3].student" ("[3]" joins without a dot, a
 * place in words such as "column 'idea'" after ": ", "(root)" becomes the prefix), so a document read
 * from an option is placed as its option. Out of memory keeps the place. */
void mm_diags_prefix(mm_diags *diags, size_t from, const char *prefix);
/* A problem at row `row` of a CSV file read from a buffer (line `row`,
 * column 0), `place` naming the column ("column 'idea'") or ""; the caller
 * prints it as FILE:ROW: PLACE: message. Row 0 leaves the line out. */
void mm_diag_add_row(mm_diags *diags, mm_severity severity, size_t row, const char *place,
                     const char *fmt, ...) MM_PRINTF(5, 6);
void mm_diag_vadd_row(mm_diags *diags, mm_severity severity, size_t row, const char *place,
                      const char *fmt, va_list ap);

/* Ids in messages are cut to at most this many bytes, on a character
 * boundary, so a megabyte id stays readable and the text stays UTF-8. */
#define MM_ID_SHOWN 80
#define MM_ID_FMT "\"%.*s%s\""
#define MM_ID_ARG(s) mm_id_shown(s), (s), (strlen(s) > MM_ID_SHOWN ? "..." : "")

/* How many bytes of `id` to show: all of it, or up to MM_ID_SHOWN ending on
 * a UTF-8 character boundary. */
int mm_id_shown(const char *id);

#endif
