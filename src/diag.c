#include "diag.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>

#include "alloc.h"
#include "textsafe.h"

struct mm_diags {
    mm_diag *items;
    size_t count, capacity, errors;
    int truncated;
};

int mm_diags_new(mm_diags **out)
{
    *out = mm_calloc(1, sizeof **out);
    return *out ? 0 : MM_ENOMEM;
}

void mm_diags_free(mm_diags *diags)
{
    if (!diags)
        return;
    for (size_t i = 0; i < diags->count; i++) {
        mm_free((char *)diags->items[i].place);
        mm_free((char *)diags->items[i].message);
    }
    mm_free(diags->items);
    mm_free(diags);
}

size_t mm_diags_count(const mm_diags *diags)
{
    return diags ? diags->count : 0;
}

size_t mm_diags_error_count(const mm_diags *diags)
{
    return diags ? diags->errors : 0;
}

const mm_diag *mm_diags_get(const mm_diags *diags, size_t i)
{
    return diags && i < diags->count ? &diags->items[i] : NULL;
}

int mm_diags_truncated(const mm_diags *diags)
{
    return diags ? diags->truncated : 0;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    int len;
    char *text;

    va_copy(copy, ap);
    len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (len < 0)
        return NULL;
    text = mm_malloc((size_t)len + 1);
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, ap);
    return text;
}

/* Take `raw` (freed here) as the message. Place and message are stored
 * escaped (textsafe.h): they quote the input, and every reader of the list
 * prints them to a terminal or a log, one line each. */
static void push(mm_diags *diags, mm_severity severity, const char *place,
                 int line, int column, char *raw)
{
    mm_diag *grown;
    char *place_copy = mm_visible_dup(place ? place : "");
    char *message = raw ? mm_visible_dup(raw) : NULL;

    mm_free(raw);

    /* Errors are counted even when their text is lost, so a caller never
     * takes a broken input for a valid one. */
    if (severity == MM_SEVERITY_ERROR)
        diags->errors++;
    grown = place_copy && message
                ? mm_grow(diags->items, &diags->capacity, diags->count + 1, sizeof *grown)
                : NULL;
    if (!grown) {
        diags->truncated = 1;
        mm_free(place_copy);
        mm_free(message);
        return;
    }
    diags->items = grown;
    diags->items[diags->count++] = (mm_diag){severity, place_copy, line, column, message};
}

void mm_diags_truncate(mm_diags *diags, size_t count, size_t errors)
{
    if (!diags)
        return;
    while (diags->count > count) {
        diags->count--;
        mm_free((char *)diags->items[diags->count].place);
        mm_free((char *)diags->items[diags->count].message);
    }
    diags->errors = errors;
}

void mm_diags_prefix(mm_diags *diags, size_t from, const char *prefix)
{
    for (size_t i = from; diags && i < diags->count; i++) {
        const char *place = diags->items[i].place;
        const char *join = !*place || *place == '[' ? "" : strchr(place, ' ') ? ": " : ".";
        if (strcmp(place, "(root)") == 0)
            place = join = "";
        size_t len = strlen(prefix) + strlen(join) + strlen(place) + 1;
        char *joined = mm_malloc(len);
        if (!joined)
            continue;
        snprintf(joined, len, "%s%s%s", prefix, join, place);
        mm_free((char *)diags->items[i].place);
        diags->items[i].place = joined;
    }
}

void mm_diag_add(mm_diags *diags, mm_severity severity, const char *place,
                 const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mm_diag_vadd(diags, severity, place, fmt, ap);
    va_end(ap);
}

void mm_diag_vadd(mm_diags *diags, mm_severity severity, const char *place,
                  const char *fmt, va_list ap)
{
    if (diags)
        push(diags, severity, place, 0, 0, vformat(fmt, ap));
}

void mm_diag_add_at(mm_diags *diags, int line, int column, const char *fmt, ...)
{
    va_list ap;
    char *message;

    if (!diags)
        return;
    va_start(ap, fmt);
    message = vformat(fmt, ap);
    va_end(ap);
    push(diags, MM_SEVERITY_ERROR, NULL, line, column, message);
}

void mm_diag_vadd_row(mm_diags *diags, mm_severity severity, size_t row, const char *place,
                      const char *fmt, va_list ap)
{
    if (diags)
        push(diags, severity, place, row > 0 && row <= INT_MAX ? (int)row : 0, 0,
             vformat(fmt, ap));
}

void mm_diag_add_row(mm_diags *diags, mm_severity severity, size_t row, const char *place,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mm_diag_vadd_row(diags, severity, row, place, fmt, ap);
    va_end(ap);
}

int mm_id_shown(const char *id)
{
    size_t len = strlen(id), cut = MM_ID_SHOWN;

    if (len <= MM_ID_SHOWN)
        return (int)len;
    while (cut > 0 && ((unsigned char)id[cut] & 0xc0) == 0x80)
        cut--; /* id[cut] would start the dropped part: back up to a lead byte */
    return (int)cut;
}
