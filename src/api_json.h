/* Reading mm_json_call's options (api_json_options.c): typed look-ups that
 * report a wrong value at "options.KEY" and leave the default alone when
 * the key is absent. Each returns 0 or MM_EINVALID (reported). */
#ifndef MM_API_JSON_H
#define MM_API_JSON_H

#include <jansson.h>

#include "mentormatch/common.h"
#include "mentormatch/generate.h"

/* Every key of `opts` is in `known` (NULL-terminated); an unknown one is
 * an error with the nearest known key as a suggestion. */
int mm_opt_known(const json_t *opts, const char *const *known, mm_diags *diags);

int mm_opt_string(const json_t *opts, const char *key, const char **out, mm_diags *diags);
int mm_opt_bool(const json_t *opts, const char *key, int *out, mm_diags *diags);
/* A number within [lo, hi]. */
int mm_opt_number(const json_t *opts, const char *key, double lo, double hi, double *out,
                  mm_diags *diags);
/* A whole number within [lo, hi]: a JSON integer, or a string of digits
 * (seeds beyond what a JSON integer holds exactly). */
int mm_opt_whole(const json_t *opts, const char *key, unsigned long long lo,
                 unsigned long long hi, unsigned long long *out, mm_diags *diags);

/* A whole number: a JSON integer >= 0 or a string of decimal digits up to
 * 2^64 - 1. @return 0 or -1 (nothing reported). */
int mm_json_whole(const json_t *v, unsigned long long *out);

/* The generator's options, over MM_GENERATE_OPTIONS_INIT, checked by
 * mm_generate_check. `name` borrows from `opts`. */
int mm_opt_generate(const json_t *opts, mm_generate_options *out, mm_diags *diags);

#endif
