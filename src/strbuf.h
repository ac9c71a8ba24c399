/* A growing string for messages and reasons; out of memory sticks in `oom`. */
#ifndef MM_STRBUF_H
#define MM_STRBUF_H

#include <stddef.h>

#include "diag.h"

typedef struct {
    char *text;
    size_t len, capacity;
    int oom;
} mm_strbuf;

void mm_strbuf_init(mm_strbuf *sb);
void mm_strbuf_dispose(mm_strbuf *sb);
void mm_strbuf_printf(mm_strbuf *sb, const char *fmt, ...) MM_PRINTF(2, 3);
/* Separator before every item but the first. */
void mm_strbuf_sep(mm_strbuf *sb, const char *sep);
/* The text ("" when empty); ownership passes to the caller, NULL on oom. */
char *mm_strbuf_take(mm_strbuf *sb);
const char *mm_strbuf_text(const mm_strbuf *sb);

#endif
