/* What every reader of a JSON document shares: a whole file read into
 * memory, and parsing with syntax errors reported as diagnostics, within a
 * time limit if asked. Used by the readers of input documents, assignments
 * (evaluate) and result documents (diff). */
#ifndef MM_JSONFILE_H
#define MM_JSONFILE_H

#include <jansson.h>
#include <stddef.h>

#include "mentormatch/common.h"

/* Read all of `path`. @param[out] data the bytes (mm_free), NULL on failure
 * @return 0, MM_EIO (reported, no place) or MM_ENOMEM */
int mm_file_read(const char *path, char **data, size_t *len, mm_diags *diags);

/* Parse `len` bytes, any JSON value at the top; duplicate keys are an error,
 * as in an input document.
 * @param[out] out the document (json_decref), NULL on failure
 * @return 0, MM_EINVALID (the syntax error reported at its line and column)
 *         or MM_ENOMEM */
int mm_json_parse(json_t **out, const char *data, size_t len, mm_diags *diags);

/* As mm_json_parse with jansson's decoding `flags`, but giving up once the
 * monotonic clock (mm_now) reaches `deadline`; 0: never. The clock is read
 * every 64 KB of input.
 * @return 0, MM_EINVALID, MM_ENOMEM or MM_ENOSOLUTION (out of time: nothing
 *         reported, the caller says which limit) */
int mm_json_parse_until(json_t **out, const char *data, size_t len, size_t flags,
                        double deadline, mm_diags *diags);

/* Set jansson's allocator to the library's (every user of jansson here sets
 * the same, as it is process-wide): mm_malloc, or this thread's scratch
 * arena while that is switched on. */
void mm_json_use_allocator(void);
/* Switch this thread's scratch arena on or off. What jansson allocates while
 * it is on is freed all at once by mm_json_scratch_reset (json_decref on it
 * frees nothing): for small values parsed, read and dropped one at a time. */
void mm_json_scratch(int on);
/* Free the scratch arena's contents, keeping one block for reuse; `all`
 * frees that too. No value allocated there may be alive. */
void mm_json_scratch_reset(int all);

/* Has `deadline` (mm_now seconds; 0: none) passed? One clock read: call it
 * every few thousand items of a long loop, not for each. */
int mm_deadline_passed(double deadline);

/* "an object", "a string", ...: for "must be X, not Y" messages. */
const char *mm_json_type_name(const json_t *value);

/* An integral JSON number (2 or 2.0) that fits; @return 1 and *out, or 0. */
int mm_json_integer(const json_t *value, long long *out);

#endif
