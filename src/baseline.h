/* Re-allocation from a baseline (SPEC 8): the assignments announced before,
 * read as evaluate reads an assignment and resolved against the problem;
 * the tiers they add to the objective; what became of each of them. */
#ifndef MM_BASELINE_H
#define MM_BASELINE_H

#include "mentormatch/solve.h"
#include "model.h"
#include "problem.h"
#include "result.h"

/* Why an entry is left out of the objective (it is still reported). */
typedef enum {
    MM_BASE_VALID,          /* counted by tier 1 (its mentor by tier 3 when given) */
    MM_BASE_GONE_STUDENT,   /* no such student now: "withdrew" */
    MM_BASE_GONE_IDEA,      /* no such idea now */
    MM_BASE_INELIGIBLE      /* not an application now, or not eligible */
} mm_base_state;

typedef struct {
    char *student_id, *idea_id; /* copies: the document is gone */
    uint32_t student, idea;     /* MM_NONE where gone */
    uint32_t app;               /* MM_BASE_VALID: the application */
    uint32_t mentor;            /* its lead mentor, MM_NONE: none given or left out */
    mm_base_state state;
    char *why;                  /* MM_BASE_INELIGIBLE: why, in words */
    size_t index;               /* its place in the document */
} mm_base_entry;

struct mm_baseline {
    const mm_problem *p;
    mm_base_entry *entries;     /* one per student named, sorted by student id */
    size_t n;
    uint32_t *entry_of;         /* per student of p: its entry, or MM_NONE */
};

/* Tier 1 (per variable, 1 where its application is a valid baseline pair)
 * and tier 3 (1 where it is that pair with its baseline lead mentor);
 * caller frees both. @return 0 or MM_ENOMEM */
int mm_baseline_tiers(const mm_baseline *b, const mm_model *m, double **kept, double **mentor);

/* The result's "baseline" member of r, built from `chosen` over m
 * (baseline_report.c). @return 0 or MM_ENOMEM */
int mm_baseline_summarize(mm_result *r, const mm_baseline *b, const mm_model *m,
                          const unsigned char *chosen);
void mm_baseline_summary_free(mm_baseline_summary *s);

/* The table's summary line: "baseline: kept 118 of 120; moved 1; dropped 1
 * (withdrew); added 2; lead mentor kept 117". */
void mm_baseline_write_line(const mm_baseline_summary *s, FILE *out);

#endif
