/**
 * One call for the whole library, JSON text in and out: for bindings (the
 * Python module, python/mentormatch) that would rather not mirror the C
 * structs. Each command does what the command line's command of that name
 * does, through the same public functions, and returns the document that
 * command writes as JSON:
 *
 *  - "solve": the result document (SPEC 5); options "strategy", "solver",
 *    "seed", "time_limit", "gap", "strict", "verbose", "baseline";
 *  - "evaluate": the result document of the assignment in option
 *    "assignment" (a result document or an array of {"student", "idea",
 *    "mentor"?}, as a JSON value or as text); options "strict", "verbose";
 *  - "explain": the explanation of one of "student", "idea" or "mentor"
 *    (an id); options "time_limit", "gap", "strict";
 *  - "preview": the preview of mentor "mentor"; options "samples",
 *    "noise", "seed", "jobs", "threshold_time", "strict";
 *  - "generate": a random instance; `input` is not read; options as
 *    `mentormatch generate`'s, with '_' for '-' ("students",
 *    "student_skills": [LO, HI] or a whole number, "seed", "name", ...);
 *  - "check": {"valid": true, "summary": {"students": N, ...}} (the
 *    counts of mm_problem_summary); its warnings (mm_problem_advise) are
 *    diagnostics.
 *
 * Options are a JSON object; an unknown key, a value of the wrong type or
 * out of range is an error at place "options.KEY", as an input's are, and
 * the call returns MM_EINVALID without doing anything.
 *
 * "baseline" (solve from a baseline, SPEC 8) and "assignment" (evaluate)
 * hold a document: a result document or an array of {"student", "idea",
 * "mentor"?}, as a JSON value or as text. Its diagnostics are placed under
 * the option, as the command line places them under the file: where
 * `solve --baseline told.json` says "told.json: assignments[3].student",
 * the call says "options.baseline.assignments[3].student" ("[3]" joins
 * without a dot; the document's root is "options.baseline"; a CSV sheet's
 * "column 'idea'" follows ": ", its row in "line").
 */
#ifndef MENTORMATCH_JSON_H
#define MENTORMATCH_JSON_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Run `command` on the input document `input` (`len` bytes of JSON text).
 *
 * @param command "solve", "evaluate", "explain", "preview", "generate" or "check"
 * @param options_json a JSON object of the command's options; NULL or "": none
 * @param[out] out the command's document, NUL-terminated JSON text
 *             (mm_json_free); NULL when the call failed
 * @param[out] diags_json every diagnostic, errors and warnings, as a JSON
 *             array of {"severity": "error" or "warning", "place", "line",
 *             "column", "message"} (mm_json_free); set whatever the outcome,
 *             but NULL when out of memory. May be NULL: not wanted.
 * @return 0; MM_EINVALID (an unknown command, bad options or input: see the
 *         diagnostics), MM_EIO, MM_EINFEASIBLE (the diagnosis in the
 *         diagnostics), MM_ENOSOLUTION, MM_ENOMEM or MM_EINTERNAL, as the
 *         command's own functions return them
 */
MM_EXTERN int mm_json_call(const char *command, const char *input, size_t len,
                           const char *options_json, char **out, char **diags_json);

/** Free text returned by mm_json_call; NULL is accepted. */
MM_EXTERN void mm_json_free(char *text);

#ifdef __cplusplus
}
#endif

#endif
