/* A mentor's preview (preview.c): the base placement and, per application,
 * how many perturbed solves placed it. */
#ifndef MM_PREVIEW_H
#define MM_PREVIEW_H

#include "mentormatch/preview.h"
#include "problem.h"

struct mm_preview_result {
    const mm_problem *p;
    uint32_t mentor;
    mm_preview_options opts;
    uint32_t *base_app;  /* per student: the application placed in the base solve, or MM_NONE */
    size_t *placed;      /* per application: samples that placed it */
    unsigned char *eligible; /* per application: it has a variable in the model */
    double high;         /* a rating at least this is "rated highly" */
};

#endif
