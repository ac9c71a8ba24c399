/** Error codes, version and the diagnostics list shared by every stage. */
#ifndef MENTORMATCH_COMMON_H
#define MENTORMATCH_COMMON_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define MM_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define MM_EXTERN __attribute__((visibility("default")))
#else
#define MM_EXTERN
#endif

#define MM_VERSION "0.1.0"

/** Return codes: 0 on success, one of these on failure. */
typedef enum {
    MM_OK = 0,
    MM_EINVALID = -1,    /**< the input breaks the contract; see the diagnostics */
    MM_ENOMEM = -2,      /**< an allocation failed */
    MM_EIO = -3,         /**< a file could not be read or written */
    MM_EINFEASIBLE = -4, /**< the constraints cannot all hold; see the diagnostics */
    MM_ENOSOLUTION = -5, /**< a limit stopped the search (or the read) before any solution */
    MM_EINTERNAL = -6    /**< the solver failed in a way it should not */
} mm_error_code;

/** @return a static, lower-case description of an mm_error_code. */
MM_EXTERN const char *mm_strerror(int code);

/** @return the library version, MM_VERSION at build time. */
MM_EXTERN const char *mm_version(void);

/** An error stops the run (exit 1); a warning is reported and the run goes on. */
typedef enum { MM_SEVERITY_ERROR, MM_SEVERITY_WARNING } mm_severity;

/**
 * One problem found in an input or a model. `place` is a JSON path such as
 * "students[3].applications[1].idea" ("" when there is none); `line` and
 * `column` are 1-based positions for JSON syntax errors and 0 otherwise.
 * In a CSV file read back as an assignment (evaluate, diff, report) `line`
 * is the row, `column` 0 and `place` names the column ("column 'idea'").
 * Strings are owned by the list, and are stored escaped as by
 * mm_fputs_visible, so each prints safely as one line.
 */
typedef struct {
    mm_severity severity;
    const char *place;
    int line;
    int column;
    const char *message;
} mm_diag;

/**
 * Write `text` to `out` safe for a terminal and as one line: line feed and
 * tab as \n and \t, other control characters (C0, DEL, and C1, U+0080 to
 * U+009F) as \u00XX, a byte that is not part of valid UTF-8 as \xNN, the
 * rest as it is. Diagnostics and table output are escaped so already; this
 * is for other text that quotes an input or an argument.
 */
MM_EXTERN void mm_fputs_visible(const char *text, FILE *out);

/** A growing list of diagnostics, filled by reading, validation and solving. */
typedef struct mm_diags mm_diags;

/** @param[out] out a new empty list. @return 0 or MM_ENOMEM. */
MM_EXTERN int mm_diags_new(mm_diags **out);

/** Free the list and its strings; NULL is accepted. */
MM_EXTERN void mm_diags_free(mm_diags *diags);

/** @return how many diagnostics the list holds. */
MM_EXTERN size_t mm_diags_count(const mm_diags *diags);

/** @return how many of them are errors (not warnings). */
MM_EXTERN size_t mm_diags_error_count(const mm_diags *diags);

/** @return the i-th diagnostic (borrowed), or NULL past the end. */
MM_EXTERN const mm_diag *mm_diags_get(const mm_diags *diags, size_t i);

/** @return 1 when the list had to drop a message for lack of memory. */
MM_EXTERN int mm_diags_truncated(const mm_diags *diags);

/**
 * "Did you mean": the candidate nearest `word`, where one is close (the
 * rule of docs/input-format.md, "Did you mean": optimal-string-alignment
 * distance ignoring ASCII case, at most 1 for words up to 4 bytes, 2 up to
 * 8, 3 beyond, and less than half the shorter word; equals go to the
 * first in `candidates`). NULL entries are skipped; the work is bounded
 * whatever the lengths. @return one of `candidates` (borrowed), or NULL.
 */
MM_EXTERN const char *mm_suggest(const char *word, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif

#endif
