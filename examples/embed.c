/* Embedding mentormatch: build a problem through the API (no JSON), solve
 * it, and print the assignments.
 *
 * The problem is the complete small example of docs/input-format.md: three
 * mentors, three ideas in two orgs, eight students, ratings, a conflict, a
 * fixed and a forbidden pair, thresholds and a program cap. Its optimum is
 * shown in docs/result-format.md ("A real output").
 *
 *     cc embed.c $(pkg-config --cflags --libs mentormatch) -o embed
 *     ./embed [DOCUMENT]
 *
 * With DOCUMENT, the input document the calls describe is also written
 * there, for `mentormatch solve DOCUMENT`. Exit 0 when solved, 1 otherwise.
 */
#include <stdio.h>

#include <mentormatch.h>

/* Settings, orgs and mentors. Errors show up at mm_builder_finish. */
static void add_program(mm_builder *b)
{
    mm_builder_set_program(b, "Summer of Code 2025", 3);
    mm_builder_set_weight(b, MM_WEIGHT_RATING, 2);
    mm_builder_set_weight(b, MM_WEIGHT_PREFERENCE, 1);
    mm_builder_set_weight(b, MM_WEIGHT_SKILL, 1);
    mm_builder_set_weight(b, MM_WEIGHT_IMPACT, 0.5);
    mm_builder_set_objective(b, "count-then-score");
    mm_builder_set_rating_scale(b, 1, 5);
    mm_builder_set_setting(b, MM_SETTING_DEFAULT_RATING, 2.5);
    mm_builder_set_setting(b, MM_SETTING_MIN_RATING, 2);
    mm_builder_set_setting(b, MM_SETTING_MIN_SKILL, 0.25);
    mm_builder_set_setting(b, MM_SETTING_MAX_RANK, 3);
    mm_builder_add_org(b, "xen", "Xen Project", 3);
    mm_builder_add_org(b, "mirage", "MirageOS", 1);
    mm_builder_add_mentor(b, "ann", "Ann Archer", 2, 1);
    mm_builder_add_mentor(b, "bob", "Bob Brandt", MM_UNSET, MM_UNSET);
    mm_builder_add_mentor(b, "cho", "Cho Chen", 2, MM_UNSET);
}

static void add_ideas(mm_builder *b)
{
    static const char *const ann_bob[] = {"ann", "bob"}, *const bob[] = {"bob"},
                             *const cho[] = {"cho"};
    static const mm_skill drivers[] = {{"C", 4}, {"linux", 2}}, docs[] = {{"writing", 3}},
                          fs[] = {{"ocaml", 4}};
    /* id, title, org, mentors, slots, required skills, size, knowledge, impact */
    static const mm_idea_spec ideas[] = {
        {"pv-drivers", "PV drivers for a new OS", "xen", ann_bob, 2, 2, drivers, 2, 4, 4, 5},
        {"xl-docs", "Document the xl toolstack", "xen", bob, 1, MM_UNSET, docs, 1, 2, 2, 3},
        {"unikernel-fs", "A file system for unikernels", "mirage", cho, 1, MM_UNSET, fs, 1, 3,
         3, 4},
    };

    for (size_t k = 0; k < sizeof ideas / sizeof ideas[0]; k++)
        mm_builder_add_idea(b, &ideas[k]);
}

/* A student and their applications in order of preference (no ranks given). */
static void add_student(mm_builder *b, const char *id, const char *name, const mm_skill *skills,
                        size_t n_skills, const char *first, const char *second)
{
    mm_builder_add_student(b, id, name, skills, n_skills);
    if (first)
        mm_builder_add_application(b, id, first, MM_UNSET);
    if (second)
        mm_builder_add_application(b, id, second, MM_UNSET);
}

/* s02 and s08 give ranks: the order of their applications does not matter. */
static void add_ranked(mm_builder *b, const char *id, const char *name, const mm_skill *skills,
                       const char *idea1, long long rank1, const char *idea2, long long rank2)
{
    mm_builder_add_student(b, id, name, skills, 2);
    mm_builder_add_application(b, id, idea1, rank1);
    mm_builder_add_application(b, id, idea2, rank2);
}

static void add_students(mm_builder *b)
{
    static const mm_skill s01[] = {{"c", 5}, {"Linux", 3}}, s02[] = {{"ocaml", 4}, {"c", 2}},
                          s03[] = {{"writing", 4}}, s04[] = {{"ocaml", 3}}, s05[] = {{"c", 1}},
                          s07[] = {{"c", 4}, {"linux", 2}, {"writing", 2}},
                          s08[] = {{"writing", 5}, {"c", 3}};

    add_student(b, "s01", "Dana", s01, 2, "pv-drivers", "xl-docs");
    add_ranked(b, "s02", "Eli", s02, "pv-drivers", 2, "unikernel-fs", 1);
    add_student(b, "s03", "Fay", s03, 1, "xl-docs", "unikernel-fs");
    add_student(b, "s04", "Gus", s04, 1, "unikernel-fs", NULL);
    add_student(b, "s05", "Hal", s05, 1, "pv-drivers", NULL);
    add_student(b, "s06", "Ida", NULL, 0, NULL, NULL);
    add_student(b, "s07", "Jo", s07, 3, "pv-drivers", "xl-docs");
    add_ranked(b, "s08", "Kai", s08, "xl-docs", 1, "pv-drivers", 4);
}

static void add_decisions(mm_builder *b)
{
    mm_builder_add_rating(b, "ann", "s01", "pv-drivers", 4.5);
    mm_builder_add_rating(b, "bob", "s01", "pv-drivers", 4);
    mm_builder_add_rating(b, "cho", "s02", "unikernel-fs", 5);
    mm_builder_add_rating(b, "cho", "s04", "unikernel-fs", 1.5);
    mm_builder_add_rating(b, "ann", "s07", "pv-drivers", 3.5);
    mm_builder_add_rating(b, "bob", "s08", "xl-docs", 3.5);
    mm_builder_add_conflict(b, "bob", "s03");
    mm_builder_add_fixed(b, "s02", "unikernel-fs", "cho");
    mm_builder_add_forbidden(b, "s01", "xl-docs");
}

static void print_result(const mm_result *result)
{
    size_t assigned;
    double score;

    mm_result_objective(result, &assigned, &score);
    printf("status %s: %zu assigned, score %g\n", mm_status_name(mm_result_status(result)),
           assigned, score);
    for (size_t k = 0; k < mm_result_assignment_count(result); k++) {
        const mm_assignment *a = mm_result_assignment(result, k);
        printf("%-4s %-13s %-4s rank %d  score %g\n", a->student, a->idea, a->mentor, a->rank,
               a->score);
    }
}

static void print_diags(const mm_diags *diags)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        fprintf(stderr, "embed: %s: %s%s\n", d->place,
                d->severity == MM_SEVERITY_WARNING ? "warning: " : "", d->message);
    }
}

/* Write the document the calls describe to `path`. @return 0 or an MM_E* code. */
static int save(const mm_builder *b, const char *path)
{
    FILE *out = fopen(path, "w");
    int rc = out ? mm_builder_write_json(b, out) : MM_EIO;

    if (out && fclose(out) != 0 && rc == 0)
        rc = MM_EIO;
    return rc;
}

int main(int argc, char **argv)
{
    mm_builder *b = NULL;
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    mm_result *result = NULL;
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_builder_new(&b);
    if (rc == 0) {
        add_program(b);
        add_ideas(b);
        add_students(b);
        add_decisions(b);
        rc = argc > 1 ? save(b, argv[1]) : 0;
    }
    if (rc == 0)
        rc = mm_builder_finish(&problem, b, diags);
    if (rc == 0)
        rc = mm_solve(&result, problem, &opts, diags);
    if (rc == 0)
        print_result(result);
    print_diags(diags);
    if (rc != 0)
        fprintf(stderr, "embed: %s\n", mm_strerror(rc));
    mm_result_free(result);
    mm_problem_free(problem);
    mm_builder_free(b);
    mm_diags_free(diags);
    return rc == 0 ? 0 : 1;
}
