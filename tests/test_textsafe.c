/* Terminal-safe text (issue 14, item 5): mm_fputs_visible's rule, and
 * diagnostics stored escaped, so no caller of the library prints a control
 * character that came from an input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"

/* What mm_fputs_visible writes for `text` (free it). */
static char *visible(const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    assert_non_null(out);
    mm_fputs_visible(text, out);
    fclose(out);
    return buf;
}

static void expect_visible(const char *text, const char *want)
{
    char *got = visible(text);

    assert_string_equal(got, want);
    free(got);
}

static void test_c0_controls_and_del_are_escaped(void **state)
{
    (void)state;
    expect_visible("a\nb\tc", "a\\nb\\tc");
    expect_visible("\033]0;title\007", "\\u001b]0;title\\u0007");
    expect_visible("\r\177", "\\u000d\\u007f");
}

static void test_c1_controls_are_escaped(void **state)
{
    (void)state;
    expect_visible("\302\2332J", "\\u009b2J");   /* CSI */
    expect_visible("\302\235x\302\200\302\237", "\\u009dx\\u0080\\u009f");
    expect_visible("\302\240\303\251", "\302\240\303\251"); /* U+00A0, é stay */
}

static void test_invalid_utf8_bytes_are_shown_as_hex(void **state)
{
    (void)state;
    expect_visible("a\377b", "a\\xffb");
    expect_visible("\300\200", "\\xc0\\x80");      /* overlong NUL */
    expect_visible("\355\240\200", "\\xed\\xa0\\x80"); /* a surrogate */
    expect_visible("\342\202", "\\xe2\\x82");       /* cut short */
    expect_visible("\364\220\200\200", "\\xf4\\x90\\x80\\x80"); /* past U+10FFFF */
}

static void test_valid_text_and_backslashes_stay(void **state)
{
    (void)state;
    expect_visible("plain \\u009b \342\202\254 \360\237\230\200", "plain \\u009b \342\202\254 \360\237\230\200");
    expect_visible("", "");
}

static void test_escaping_twice_changes_nothing(void **state)
{
    (void)state;
    char *once = visible("x\033\302\233\377\n");
    char *twice = visible(once);

    assert_string_equal(once, twice);
    free(once);
    free(twice);
}

/* A key with C1 and DEL: the warning's place and an id in a message. */
static void test_diagnostics_are_stored_escaped(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"mentors\": [{\"id\": \"m\\u009b\", \"bad\\u009d\\u007fkey\": 1}],"
        " \"ideas\": [{\"id\": \"i\", \"mentors\": [\"m\\u009b\", \"x\\u0085\"]}],"
        " \"students\": []}";
    mm_diags *diags = NULL;
    mm_problem *p = NULL;
    int found_place = 0, found_message = 0;

    assert_int_equal(mm_diags_new(&diags), 0);
    mm_problem_read_buffer(&p, doc, sizeof doc - 1, NULL, diags);
    for (size_t k = 0; k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        found_place |= strcmp(d->place, "mentors[0][\"bad\\u009d\\u007fkey\"]") == 0;
        found_message |= strstr(d->message, "\"x\\u0085\"") != NULL;
        assert_null(strstr(d->place, "\302"));
        assert_null(strstr(d->message, "\302"));
        assert_null(strchr(d->place, '\177'));
    }
    assert_true(found_place);
    assert_true(found_message);
    mm_problem_free(p);
    mm_diags_free(diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c0_controls_and_del_are_escaped),
        cmocka_unit_test(test_c1_controls_are_escaped),
        cmocka_unit_test(test_invalid_utf8_bytes_are_shown_as_hex),
        cmocka_unit_test(test_valid_text_and_backslashes_stay),
        cmocka_unit_test(test_escaping_twice_changes_nothing),
        cmocka_unit_test(test_diagnostics_are_stored_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
