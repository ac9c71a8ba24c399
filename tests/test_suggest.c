/* "Did you mean" (issue 16 item 4): src/suggest.c's distance against a
 * plain full-table OSA, its closeness rule, its choice among equals and
 * its bounded cost. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"
#include "suggest.h"

/* The textbook optimal-string-alignment distance, whole table. */
static unsigned naive_osa(const char *a, const char *b, int fold)
{
    size_t n = strlen(a), m = strlen(b);
    unsigned d[80][80];

    for (size_t i = 0; i <= n; i++)
        d[i][0] = (unsigned)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int x = fold ? (a[i - 1] >= 'A' && a[i - 1] <= 'Z' ? a[i - 1] + 32 : a[i - 1]) : a[i - 1];
            int y = fold ? (b[j - 1] >= 'A' && b[j - 1] <= 'Z' ? b[j - 1] + 32 : b[j - 1]) : b[j - 1];
            int xp = i > 1 ? (fold && a[i - 2] >= 'A' && a[i - 2] <= 'Z' ? a[i - 2] + 32 : a[i - 2]) : -1;
            int yp = j > 1 ? (fold && b[j - 2] >= 'A' && b[j - 2] <= 'Z' ? b[j - 2] + 32 : b[j - 2]) : -1;
            unsigned v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + (x != y) < v)
                v = d[i - 1][j - 1] + (x != y);
            if (i > 1 && j > 1 && x == yp && xp == y && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

static void random_word(char *out, size_t len, unsigned *seed)
{
    static const char alphabet[] = "abAB-c";

    for (size_t k = 0; k < len; k++) {
        *seed = *seed * 1103515245u + 12345u;
        out[k] = alphabet[(*seed >> 16) % 6];
    }
    out[len] = '\0';
}

static void test_banded_distance_equals_full_table_osa(void **state)
{
    unsigned seed = 7;
    char a[40], b[40];

    (void)state;
    for (int round = 0; round < 20000; round++) {
        size_t na, nb;
        seed = seed * 1103515245u + 12345u;
        na = (seed >> 16) % 12;
        seed = seed * 1103515245u + 12345u;
        nb = (seed >> 16) % 12;
        random_word(a, na, &seed);
        random_word(b, nb, &seed);
        for (unsigned limit = 0; limit <= 3; limit++)
            for (int fold = 0; fold <= 1; fold++) {
                unsigned want = naive_osa(a, b, fold), got;
                got = mm_suggest_distance(a, na, b, nb, limit, fold, NULL);
                if (want > limit)
                    want = limit + 1;
                if (got != want)
                    fail_msg("'%s' '%s' limit %u fold %d: got %u, want %u", a, b, limit, fold,
                             got, want);
            }
    }
    /* a transposition is one edit, not two */
    assert_int_equal(mm_suggest_distance("stabel", 6, "stable", 6, 3, 0, NULL), 1);
    assert_int_equal(mm_suggest_distance("Rating", 6, "rating", 6, 3, 1, NULL), 0);
    assert_int_equal(mm_suggest_distance("Rating", 6, "rating", 6, 3, 0, NULL), 1);
}

static void test_limit_grows_with_the_shorter_word(void **state)
{
    static const unsigned want[] = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3};

    (void)state;
    for (size_t len = 0; len < sizeof want / sizeof want[0]; len++)
        assert_int_equal(mm_suggest_limit(len), want[len]);
    assert_int_equal(mm_suggest_limit(1000000), 3);
}

static const char *const STRATEGIES[] = {"ilp", "greedy", "stable", "stable-optimal",
                                         "rank-maximal", "rsd", "lp"};
static const char *const WEIGHTS[] = {"rating", "preference", "skill", "impact"};
static const char *const COMMANDS[] = {"solve", "check", "evaluate", "diff", "explain",
                                       "preview", "export", "generate", "report", "import"};

static void expect(const char *word, const char *const *list, size_t n, const char *want)
{
    const char *got = mm_suggest(word, list, n);

    if (want == NULL && got != NULL)
        fail_msg("'%s': got '%s', want none", word, got);
    if (want != NULL && (got == NULL || strcmp(got, want) != 0))
        fail_msg("'%s': got '%s', want '%s'", word, got ? got : "(none)", want);
}

static void test_the_issues_misspellings_get_their_word(void **state)
{
    (void)state;
    expect("ratings", WEIGHTS, 4, "rating");
    expect("stabel", STRATEGIES, 7, "stable");
    expect("solv", COMMANDS, 10, "solve");
    expect("evalute", COMMANDS, 10, "evaluate");
    expect("prefrence", WEIGHTS, 4, "preference");
    expect("greddy", STRATEGIES, 7, "greedy");
    expect("stable-optimla", STRATEGIES, 7, "stable-optimal");
}

static void test_far_words_get_nothing(void **state)
{
    (void)state;
    expect("zzz", STRATEGIES, 7, NULL);
    expect("banana", COMMANDS, 10, NULL);
    expect("ilpx", STRATEGIES, 7, "ilp"); /* 1 edit, 3 bytes: close */
    expect("ixpx", STRATEGIES, 7, NULL);  /* 2 edits from "ilp": not for 3 bytes */
    expect("x", STRATEGIES, 7, NULL);     /* one byte: half of it is 0 edits */
    expect("", STRATEGIES, 7, NULL);
    expect("ab", (const char *const[]){"b"}, 1, NULL); /* half of the shorter, "b" */
    expect("m9", (const char *const[]){"m1", "m2"}, 2, NULL); /* half of a two-byte id */
    expect("ab", (const char *const[]){"ba"}, 1, NULL);
    expect("M1", (const char *const[]){"m2", "m1"}, 2, "m1"); /* a case slip still is */
}

static void test_case_slips_are_always_close(void **state)
{
    (void)state;
    expect("X", (const char *const[]){"y", "x"}, 2, "x");
    expect("DRBD", (const char *const[]){"drbx", "drbd"}, 2, "drbd"); /* 0 beats 1 */
    expect("Solve", COMMANDS, 10, "solve");
}

static void test_equals_go_to_case_then_order(void **state)
{
    (void)state;
    /* "bob" and "Bob" are both 0 apart ignoring case; "Bob" is nearer counting it */
    expect("BOB", (const char *const[]){"bob", "Bob"}, 2, "Bob");
    expect("Bobx", (const char *const[]){"bob", "Bob"}, 2, "Bob");
    /* the same distance every way: the first listed */
    expect("cat", (const char *const[]){"bat", "hat", "cab"}, 3, "bat");
    expect("cat", (const char *const[]){"hat", "bat"}, 2, "hat");
    /* the word itself is never suggested; NULL entries are skipped */
    expect("bat", (const char *const[]){"bat", NULL, "bar"}, 3, "bar");
}

static void test_map_ties_go_to_the_first_in_the_document(void **state)
{
    static const char *const ids[] = {"s10", "s09", "s01", "s02", "s20"};
    mm_strmap map;
    size_t budget = MM_SUGGEST_BUDGET_INIT;

    (void)state;
    mm_strmap_init(&map);
    for (uint32_t k = 0; k < 5; k++)
        assert_int_equal(mm_strmap_put(&map, ids[k], 3, k, NULL), 0);
    /* s00 is one edit from every id: s10 is listed first */
    assert_string_equal(mm_suggest_in_map("s00", 3, &map, &budget), "s10");
    /* s03 is one edit from s09, s01 and s02: the document's order, not the alphabet */
    assert_string_equal(mm_suggest_in_map("s03", 3, &map, &budget), "s09");
    assert_null(mm_suggest_in_map("q77", 3, &map, &budget));
    assert_true(budget < MM_SUGGEST_BUDGET_INIT);
    mm_strmap_dispose(&map);
}

/* A word beyond MM_SUGGEST_MAX_WORD bytes is not compared at all. */
static void test_long_words_get_nothing_and_cost_nothing(void **state)
{
    size_t n = 1000000, budget = 10;
    char *word = malloc(n + 1);
    const char *list[2];
    mm_strmap map;

    (void)state;
    assert_non_null(word);
    memset(word, 'a', n);
    word[n] = '\0';
    list[0] = word;
    list[1] = NULL;
    expect(word, list, 1, NULL);
    word[MM_SUGGEST_MAX_WORD + 1] = '\0';
    expect(word, (const char *const[]){"aaaa"}, 1, NULL);
    mm_strmap_init(&map);
    assert_int_equal(mm_strmap_put(&map, "aaaa", 4, 0, NULL), 0);
    assert_null(mm_suggest_in_map(word, strlen(word), &map, &budget));
    assert_int_equal(budget, 10); /* nothing spent */
    mm_strmap_dispose(&map);
    free(word);
}

/* Many ids, many unknown words: one shared budget caps the work, and a
 * scan it cannot finish gives no suggestion rather than a wrong one. */
static void test_a_shared_budget_caps_many_scans(void **state)
{
    size_t n = 200000, budget = MM_SUGGEST_BUDGET_INIT, answered = 0, scans = 0;
    char *ids = malloc(n * 8);
    mm_strmap map;

    (void)state;
    assert_non_null(ids);
    mm_strmap_init(&map);
    for (size_t k = 0; k < n; k++) {
        snprintf(ids + k * 8, 8, "s%06zu", k);
        assert_true(mm_strmap_put(&map, ids + k * 8, 7, (uint32_t)k, NULL) >= 0);
    }
    /* "t000123" is one edit from "s000123" */
    for (; scans < 10000; scans++) {
        char word[8];
        const char *got;
        snprintf(word, sizeof word, "t%06zu", scans);
        got = mm_suggest_in_map(word, 7, &map, &budget);
        if (got) {
            assert_string_equal(got + 1, word + 1);
            answered++;
        }
    }
    assert_true(answered >= 1);
    assert_true(answered < 100); /* the budget ran out long before the 10,000th */
    assert_null(mm_suggest_in_map("t000001", 7, &map, &budget));
    mm_strmap_dispose(&map);
    free(ids);
}

/* A small budget stops a scan partway: no answer, and the budget is spent. */
static void test_a_scan_cut_short_answers_nothing(void **state)
{
    mm_suggester s;
    size_t budget = 5;

    (void)state;
    mm_suggest_start(&s, "rsx", 3, &budget);
    for (size_t k = 0; k < 7; k++)
        mm_suggest_offer(&s, STRATEGIES[k], strlen(STRATEGIES[k]), k);
    assert_null(mm_suggest_result(&s));
    assert_int_equal(budget, 0);
    mm_suggest_start(&s, "rsx", 3, NULL);
    for (size_t k = 0; k < 7; k++)
        mm_suggest_offer(&s, STRATEGIES[k], strlen(STRATEGIES[k]), k);
    assert_string_equal(mm_suggest_result(&s), "rsd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_banded_distance_equals_full_table_osa),
        cmocka_unit_test(test_limit_grows_with_the_shorter_word),
        cmocka_unit_test(test_the_issues_misspellings_get_their_word),
        cmocka_unit_test(test_far_words_get_nothing),
        cmocka_unit_test(test_case_slips_are_always_close),
        cmocka_unit_test(test_equals_go_to_case_then_order),
        cmocka_unit_test(test_map_ties_go_to_the_first_in_the_document),
        cmocka_unit_test(test_long_words_get_nothing_and_cost_nothing),
        cmocka_unit_test(test_a_shared_budget_caps_many_scans),
        cmocka_unit_test(test_a_scan_cut_short_answers_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
