/* What the builder shares with other ways in (CSV import): reading the
 * record places that messages name, to map them elsewhere. */
#ifndef MM_BUILD_H
#define MM_BUILD_H

#include <stddef.h>

#include "mentormatch/build.h"

/* A place or reference "NAME[N]...": the length of NAME, N, and what
 * follows "]". @return 1 when `text` starts so, else 0. */
int mm_record_ref(const char *text, size_t *name_len, unsigned long *index, const char **rest);

/* A message that ends with a reference to another record, "(first at
 * mentors[0])" or "(at ratings[0])": the offset of "mentors[0]" in it.
 * @return 1 when it does. */
int mm_message_ref(const char *message, size_t *at);

#endif
