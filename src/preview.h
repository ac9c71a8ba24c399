/* Mentor pages (issue 15). preview.c makes the set: base solve, samples,
 * thresholds, shared by every page. preview_page.c copies one mentor's
 * share into a page, which holds nothing else (the privacy rule);
 * preview_write.c writes it as text or JSON, preview_html.c as HTML. */
#ifndef MM_PREVIEW_H
#define MM_PREVIEW_H

#include "mentormatch/preview.h"
#include "problem.h"
#include "threshold.h"

struct mm_preview_set {
    const mm_problem *p;
    mm_preview_options opts;
    uint32_t *mentors;        /* the mentors asked for */
    size_t n_mentors;
    unsigned char *want_idea; /* per idea: one of theirs */
    uint32_t *base_app;       /* per student: the application placed in the base, or MM_NONE */
    uint32_t *base_mentor;    /* per student: its lead mentor */
    int64_t *mentor_load, *idea_filled, *org_filled;
    int64_t *cell_count;      /* per quota cell (p->cells): the base's students counted */
    size_t assigned;
    size_t *placed;           /* per application: samples that placed it */
    unsigned char *has_var;   /* per application: it has a variable in the model */
    mm_threshold *th;         /* per application (kind NONE where not asked) */
    uint32_t *idea_begin, *idea_apps;     /* per idea, its applications (CSR) */
    uint32_t *rating_begin, *rating_of;   /* per application, its ratings (CSR) */
    mm_threshold_stats th_stats;
    double seconds_samples, seconds_thresholds;
};

typedef struct {
    const char *mentor;
    double rating;
} mm_page_rating;

typedef struct {
    const char *idea;
    double probability;
} mm_page_dest;

typedef struct {
    const char *student;
    int64_t rank;
    int now;                  /* placed here by the base */
    const char *lead;         /* its lead mentor when placed here */
    mm_page_rating *ratings;  /* every rating of this application, input order */
    size_t n_ratings;
    int has_own;
    double own;               /* the page mentor's own (mean) rating */
    double probability, unassigned;
    mm_page_dest *elsewhere;  /* other destinations with a probability > 0 */
    size_t n_elsewhere;
    const char *goes_to;      /* where the base places them instead (an idea id), or NULL */
    char *why;                /* not placed here: why, in explain's words */
    mm_rating_threshold th;
    int computed;             /* th holds an answer */
    const char *tie_student;  /* the student a tie moves, when one of this idea's applicants */
    char *sentence;           /* the threshold in words */
} mm_page_applicant;

typedef struct {
    const char *id, *title, *org;
    int64_t slots, filled;
    const char **co_mentors;
    size_t n_co;
    char *why_empty;          /* a free slot left free: why nobody fills it */
    mm_page_applicant *apps;  /* most likely first, then input order */
    size_t n_apps;
} mm_page_idea;

/* A quota cell (SPEC 7) that counts an applicant to the mentor's ideas:
 * its unit (the program, the idea's org, the idea, or one of its mentors)
 * and value, and how many of the base's students it counts. */
typedef struct {
    const char *quota, *attribute, *per, *unit; /* unit: NULL for the program */
    char *value;              /* as the page shows it: "MIT", true, 2 */
    mm_value_type value_type; /* and as the JSON page writes it */
    double value_number;
    const char *value_text;
    int64_t count, min, max;
    int has_min, has_max;
    const char *binds;        /* "max", "min" or NULL: the count is at that bound */
    char *text;               /* the line the page shows */
} mm_page_quota;

struct mm_mentor_page {
    const char *mentor, *name, *program;
    int64_t load, capacity, min_load;
    size_t samples;
    double noise;
    unsigned long long seed;
    double rating_lo, rating_hi;
    int count_first;
    mm_page_idea *ideas;
    size_t n_ideas;
    size_t at_risk;
    mm_page_quota *quotas;    /* quota order, then unit, then value */
    size_t n_quotas;
    char **notes;             /* --rate: what each edit changed */
    size_t n_notes;
};

struct mm_preview_result {
    mm_preview_set *set;
    mm_mentor_page *page;
};

/* The privacy rule, as each page's footer and the docs say it. */
extern const char MM_PREVIEW_PRIVACY[];

/* Whether `mentor` mentors `idea`. */
int mm_preview_mentors_idea(const mm_problem *p, uint32_t mentor, uint32_t idea);

/* The quotas of the mentor's page (preview_quota.c). @return 0 or MM_ENOMEM */
int mm_page_quotas(mm_mentor_page *page, const mm_preview_set *s, uint32_t mentor);
void mm_page_quotas_free(mm_mentor_page *page);

/* The three writers (mm_mentor_page_write). */
void mm_page_write_text(const mm_mentor_page *page, FILE *out);
void mm_page_write_json(const mm_mentor_page *page, FILE *out);
void mm_page_write_html(const mm_mentor_page *page, FILE *out);
void mm_index_write_html(const mm_preview_set *set, const mm_mentor_headline *rows,
                         const char *const *links, size_t n, FILE *out);

#endif
