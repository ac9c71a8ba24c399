/* check's advice about mentor capacity (mm_problem_advise, issue 17 polish
 * item 5): summed per mentor in one pass over idea_mentors, it says on
 * random small instances exactly what the former scan of every idea for
 * each mentor said, the reference below. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"
#include "problem.h"

#define TEXT_SIZE 8192
#define INSTANCES 300

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* A random document: up to 5 mentors (capacity 0 to 3), up to 5 ideas of
 * one to three mentors, up to 7 students with up to 3 applications, a few
 * conflicts; max_rank 2 makes third choices ineligible. */
static void random_document(unsigned seed, char *text)
{
    size_t nm = 1 + next(&seed) % 5, ni = next(&seed) % 6, ns = next(&seed) % 8, at = 0;

    at += (size_t)sprintf(text + at, "{\"settings\": {\"max_rank\": 2}, \"mentors\": [");
    for (size_t m = 0; m < nm; m++)
        at += (size_t)sprintf(text + at, "%s{\"id\": \"m%zu\", \"capacity\": %u}", m ? ", " : "",
                              m, next(&seed) % 4);
    at += (size_t)sprintf(text + at, "], \"ideas\": [");
    for (size_t i = 0; i < ni; i++) {
        size_t first = next(&seed) % nm, count = 1 + next(&seed) % 3;
        at += (size_t)sprintf(text + at, "%s{\"id\": \"i%zu\", \"slots\": %u, \"mentors\": [",
                              i ? ", " : "", i, 1 + next(&seed) % 3);
        for (size_t k = 0; k < count && k < nm; k++)
            at += (size_t)sprintf(text + at, "%s\"m%zu\"", k ? ", " : "", (first + k) % nm);
        at += (size_t)sprintf(text + at, "]}");
    }
    at += (size_t)sprintf(text + at, "], \"students\": [");
    for (size_t s = 0; s < ns; s++) {
        size_t apps = ni ? next(&seed) % 4 : 0, first = ni ? next(&seed) % ni : 0;
        at += (size_t)sprintf(text + at, "%s{\"id\": \"s%zu\", \"applications\": [",
                              s ? ", " : "", s);
        for (size_t k = 0; k < apps && k < ni; k++)
            at += (size_t)sprintf(text + at, "%s{\"idea\": \"i%zu\"}", k ? ", " : "",
                                  (first + k) % ni);
        at += (size_t)sprintf(text + at, "]}");
    }
    at += (size_t)sprintf(text + at, "], \"conflicts\": [");
    for (size_t c = 0; ns && c < 3; c++)
        if (next(&seed) % 2)
            at += (size_t)sprintf(text + at, "%s{\"mentor\": \"m%u\", \"student\": \"s%u\"}",
                                  text[at - 1] == '[' ? "" : ", ", next(&seed) % (unsigned)nm,
                                  next(&seed) % (unsigned)ns);
    sprintf(text + at, "]}");
}

/* The former mentor_reach: every idea scanned for mentor m. */
static size_t reference_reach(const mm_problem *p, uint32_t m, int64_t *slots, size_t *open)
{
    size_t ideas = 0;

    *slots = 0;
    *open = 0;
    for (size_t i = 0; i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        for (uint32_t k = 0; k < idea->mentor_count; k++) {
            if (p->idea_mentors[idea->mentor_begin + k] != m)
                continue;
            ideas++;
            *slots += idea->slots;
            for (size_t a = 0; a < p->n_apps; a++)
                *open += p->apps[a].idea == i && !p->apps[a].ineligible &&
                         !mm_problem_in_conflict(p, m, p->apps[a].student);
        }
    }
    return ideas;
}

/* What the former code said at mentors[m].capacity, or "" for nothing. */
static void reference_advice(const mm_problem *p, uint32_t m, char *out, size_t size)
{
    const mm_mentor *mentor = &p->mentors[m];
    long long cap = (long long)mentor->capacity;
    int64_t slots;
    size_t open, ideas = reference_reach(p, m, &slots, &open);

    out[0] = '\0';
    if (cap <= 0)
        return;
    if (ideas == 0)
        snprintf(out, size, "mentor \"%s\" mentors no idea; their capacity %lld is never used",
                 mentor->id, cap);
    else if (open == 0)
        snprintf(out, size, "mentor \"%s\" can lead no student: no idea they mentor has an "
                 "eligible application; their capacity %lld is never used", mentor->id, cap);
    else if (cap > slots)
        snprintf(out, size, "capacity %lld can never be used in full: the ideas mentor \"%s\" "
                 "mentors have %lld slot%s in all; lower the capacity or raise the slots", cap,
                 mentor->id, (long long)slots, slots == 1 ? "" : "s");
}

static const char *advice_at(const mm_diags *diags, const char *place)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++)
        if (strcmp(mm_diags_get(diags, k)->place, place) == 0)
            return mm_diags_get(diags, k)->message;
    return "";
}

static void test_same_advice_as_the_scan(void **state)
{
    char text[TEXT_SIZE], want[512], place[64];
    size_t warned = 0;

    (void)state;
    for (unsigned seed = 1; seed <= INSTANCES; seed++) {
        mm_read_options ro = MM_READ_OPTIONS_INIT;
        mm_problem *p = NULL;
        mm_diags *diags = NULL;

        random_document(seed, text);
        assert_int_equal(mm_diags_new(&diags), 0);
        if (mm_problem_read_buffer(&p, text, strlen(text), &ro, diags) != 0)
            fail_msg("seed %u: the document does not read: %s", seed, text);
        mm_diags_free(diags);
        assert_int_equal(mm_diags_new(&diags), 0);
        assert_int_equal(mm_problem_advise(p, diags), 0);
        for (uint32_t m = 0; m < p->n_mentors; m++) {
            const char *got;
            snprintf(place, sizeof place, "mentors[%u].capacity", m);
            reference_advice(p, m, want, sizeof want);
            got = advice_at(diags, place);
            if (strcmp(got, want) != 0)
                fail_msg("seed %u, %s: '%s', the scan said '%s'\n%s", seed, place, got, want, text);
            warned += want[0] != '\0';
        }
        mm_diags_free(diags);
        mm_problem_free(p);
    }
    assert_true(warned > INSTANCES / 4); /* the instances do reach every branch */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_advice_as_the_scan),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
