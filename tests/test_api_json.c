/* mm_json_call (include/mentormatch/json.h, issue 18 item 1): each command
 * writes the document its CLI command writes; a wrong command, options or
 * input fail with MM_EINVALID, no document, and every problem as a
 * diagnostic at its place; nothing leaks on any path (the sanitizer build's
 * LeakSanitizer checks, which the Python tests cannot: CPython's own
 * allocations would drown it). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    data = malloc(*len + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, *len, f), *len);
    data[*len] = '\0';
    fclose(f);
    return data;
}

/* Run `command` on examples/xen-2015.json; @return rc, *out and *diags set. */
static int call(const char *command, const char *options, char **out, char **diags)
{
    size_t len;
    char *input = slurp(MM_EXAMPLES "/xen-2015.json", &len);
    int rc = mm_json_call(command, input, len, options, out, diags);

    free(input);
    return rc;
}

/* `command` succeeds and its document starts with `head`. */
static void expect_document(const char *command, const char *options, const char *head)
{
    char *out = NULL, *diags = NULL;

    assert_int_equal(call(command, options, &out, &diags), 0);
    assert_non_null(out);
    assert_non_null(diags);
    if (strncmp(out, head, strlen(head)) != 0)
        fail_msg("%s: document starts '%.60s', expected '%s'", command, out, head);
    mm_json_free(out);
    mm_json_free(diags);
}

static void test_every_command(void **state)
{
    (void)state;
    expect_document("solve", NULL, "{\n  \"status\": \"optimal\",\n  \"strategy\": \"ilp\"");
    expect_document("solve", "{\"strategy\": \"rsd\", \"seed\": \"18446744073709551615\"}",
                    "{\n  \"status\": \"feasible\",\n  \"strategy\": \"rsd\"");
    expect_document("solve", "{\"solver\": \"glpk\", \"time_limit\": 60, \"verbose\": true}",
                    "{\n  \"status\": \"optimal\"");
    expect_document("explain", "{\"student\": \"s001\"}", "{");
    expect_document("preview", "{\"mentor\": \"avsm\", \"samples\": 5, \"jobs\": 1}", "{");
    expect_document("check", "", "{\"valid\": true, \"summary\": {\"orgs\": 4, \"mentors\": 13,");
    expect_document("generate", "{\"students\": 20, \"ideas\": 5, \"mentors\": 3, "
                    "\"student_skills\": [1, 2], \"capacity\": 2}", "{");
}

static void test_evaluate_takes_a_result(void **state)
{
    char *result = NULL, *out = NULL, *options;

    (void)state;
    assert_int_equal(call("solve", "{\"strategy\": \"greedy\"}", &result, NULL), 0);
    options = malloc(strlen(result) + 32);
    assert_non_null(options);
    sprintf(options, "{\"assignment\": %s}", result);
    assert_int_equal(call("evaluate", options, &out, NULL), 0);
    assert_non_null(strstr(out, "\"objective\": {\"assigned\": 8,"));
    mm_json_free(out);
    free(options);
    mm_json_free(result);
}

/* `command` with `options` fails with `rc`, no document, and `diags`. */
static void expect_refused(const char *command, const char *options, int rc, const char *diags)
{
    char *out = (char *)"unset", *got = NULL;

    assert_int_equal(call(command, options, &out, &got), rc);
    assert_null(out);
    assert_non_null(got);
    if (strcmp(got, diags) != 0)
        fail_msg("%s %s: diagnostics\n  %s\nexpected\n  %s", command, options, got, diags);
    mm_json_free(got);
}

#define AT(place, message)                                                                     \
    "{\"severity\":\"error\",\"place\":\"" place "\",\"line\":0,\"column\":0,\"message\":\""   \
    message "\"}"

static void test_wrong_calls(void **state)
{
    (void)state;
    expect_refused("solv", NULL, MM_EINVALID, "[" AT("command", "unknown command 'solv' (did you "
                   "mean 'solve'?); solve, evaluate, explain, preview, generate or check") "]");
    expect_refused("solve", "[1]", MM_EINVALID, "[" AT("options", "must be a JSON object") "]");
    expect_refused("solve", "{\"stratgy\": 1, \"seed\": 1}", MM_EINVALID,
                   "[" AT("options.stratgy", "unknown option; did you mean 'strategy'?") "]");
    expect_refused("solve", "{\"strategy\": 1, \"time_limit\": -1, \"seed\": 2.5}", MM_EINVALID,
                   "[" AT("options.strategy", "must be a string, not a number") ","
                   AT("options.time_limit", "must be from 0 to 1e+09") ","
                   AT("options.seed", "must be a whole number from 0 to 18446744073709551615, not 2.5")
                   "]");
    expect_refused("solve", "{\"baseline\": {\"assignments\": 3}}", MM_EINVALID,
                   "[" AT("options.baseline.assignments", "must be an array, not a number") "]");
    expect_refused("evaluate", "{}", MM_EINVALID, "[" AT("options.assignment",
                   "missing: give the assignment to evaluate (a result document or an array of "
                   "{\\\"student\\\", \\\"idea\\\", \\\"mentor\\\"})") "]");
    expect_refused("explain", "{\"student\": \"s001\", \"idea\": \"drbd\"}", MM_EINVALID,
                   "[" AT("options", "give one of \\\"student\\\", \\\"idea\\\" or "
                   "\\\"mentor\\\" (an id), not 2") "]");
    expect_refused("preview", "{\"jobs\": 0}", MM_EINVALID, "["
                   AT("options.jobs", "must be from 1 to 16") "]");
    expect_refused("generate", "{\"student_skills\": [3, 2]}", MM_EINVALID,
                   "[" AT("options.student_skills", "must be [LO, HI], whole numbers with "
                   "LO <= HI <= 16, or one such number") "]");
}

static void test_bad_input_and_arguments(void **state)
{
    const char bad[] = "{\"mentors\": [], \"ideas\": [], \"students\": [{\"id\": \"\"}]}";
    char *out = NULL, *diags = NULL;

    (void)state;
    assert_int_equal(mm_json_call("check", bad, strlen(bad), NULL, &out, &diags), MM_EINVALID);
    assert_null(out);
    assert_non_null(strstr(diags, "\"place\":\"students[0].id\""));
    mm_json_free(diags);
    assert_int_equal(mm_json_call("solve", "{", 1, NULL, &out, NULL), MM_EINVALID);
    assert_int_equal(mm_json_call("solve", NULL, 0, NULL, &out, NULL), MM_EINVALID);
    assert_int_equal(mm_json_call("solve", "{}", 2, NULL, NULL, NULL), MM_EINVALID);
    mm_json_free(NULL);
}

/* Diagnostics about a document given in an option are placed under the
 * option, as the command line places them under the file ("told.json:
 * assignments[3].student"): options.baseline.assignments[3].student. */
static void test_option_documents_placed_under_the_option(void **state)
{
    size_t len, told_len;
    char *input = slurp(MM_EXAMPLES "/xen-2015-v2-update.json", &len);
    char *told = slurp(MM_EXAMPLES "/announced/xen-2015-v2.json", &told_len);
    char *options = malloc(told_len + 32), *out = NULL, *diags = NULL;

    (void)state;
    assert_non_null(options);
    sprintf(options, "{\"baseline\": %s}", told);
    assert_int_equal(mm_json_call("solve", input, len, options, &out, &diags), 0);
    if (!strstr(diags, "{\"severity\":\"warning\",\"place\":"
                       "\"options.baseline.assignments[3].student\",\"line\":0,\"column\":0,"
                       "\"message\":\"student \\\"s024\\\" is no longer in the input "
                       "(withdrew?): reported as dropped\"}"))
        fail_msg("the withdrawn student's warning is not at options.baseline: %s", diags);
    mm_json_free(out);
    mm_json_free(diags);
    free(options);
    free(told);
    free(input);

    expect_refused("solve", "{\"baseline\": [{\"student\": \"s001\", \"idea\": 3}]}",
                   MM_EINVALID, "[" AT("options.baseline[0].idea",
                                       "must be a string, not a number") "]");
    expect_refused("solve", "{\"baseline\": 7}", MM_EINVALID,
                   "[" AT("options.baseline", "must be a result document (an object with "
                          "\\\"assignments\\\") or an array of assignments, not a number") "]");
    expect_refused("evaluate", "{\"assignment\": [{\"student\": 3, \"idea\": \"drbd\"}]}", MM_EINVALID,
                   "[" AT("options.assignment[0].student", "must be a string, not a number") "]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command),
        cmocka_unit_test(test_evaluate_takes_a_result),
        cmocka_unit_test(test_wrong_calls),
        cmocka_unit_test(test_bad_input_and_arguments),
        cmocka_unit_test(test_option_documents_placed_under_the_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
