#include "jsonfile.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "solve_glpk.h" /* mm_now */

int mm_file_read(const char *path, char **data, size_t *len, mm_diags *diags)
{
    FILE *in = fopen(path, "rb");
    size_t capacity = 0, got;
    int rc = 0;

    *data = NULL;
    *len = 0;
    if (!in) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "cannot open: %s", strerror(errno));
        return MM_EIO;
    }
    do {
        char *grown = mm_grow(*data, &capacity, *len + 65536, 1);
        if (!grown) {
            rc = MM_ENOMEM;
            break;
        }
        *data = grown;
        got = fread(*data + *len, 1, capacity - *len, in);
        *len += got;
    } while (got > 0);
    if (rc == 0 && ferror(in)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "cannot read: %s", strerror(errno));
        rc = MM_EIO;
    }
    fclose(in);
    if (rc != 0) {
        mm_free(*data);
        *data = NULL;
    }
    return rc;
}

/* ---- jansson's allocator: the library's, or a scratch arena ---------- */

typedef struct scratch_block {
    struct scratch_block *next;
    size_t size, used;
    max_align_t data[]; /* `size` bytes */
} scratch_block;

static _Thread_local struct {
    scratch_block *head; /* the newest block, where allocations go */
    int on;
} scratch;

static void *json_alloc(size_t size)
{
    scratch_block *b = scratch.head;
    size_t need = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);

    if (!scratch.on)
        return mm_malloc(size);
    if (!b || b->size - b->used < need) {
        size_t bytes = b ? b->size * 2 : 64 * 1024;
        while (bytes < need)
            bytes *= 2;
        b = mm_malloc(sizeof *b + bytes);
        if (!b)
            return NULL;
        *b = (scratch_block){scratch.head, bytes, 0};
        scratch.head = b;
    }
    b->used += need;
    return (char *)b->data + b->used - need;
}

static int in_scratch(const void *ptr)
{
    for (const scratch_block *b = scratch.head; b; b = b->next)
        if ((const char *)ptr >= (const char *)b->data &&
            (const char *)ptr < (const char *)b->data + b->size)
            return 1;
    return 0;
}

static void json_release(void *ptr)
{
    if (ptr && !in_scratch(ptr))
        mm_free(ptr);
}

void mm_json_use_allocator(void)
{
    json_set_alloc_funcs(json_alloc, json_release);
}

void mm_json_scratch(int on)
{
    scratch.on = on;
}

void mm_json_scratch_reset(int all)
{
    scratch_block *keep = all ? NULL : scratch.head;

    while (scratch.head) {
        scratch_block *next = scratch.head->next;
        if (scratch.head != keep)
            mm_free(scratch.head);
        scratch.head = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    scratch.head = keep;
}

int mm_deadline_passed(double deadline)
{
    return deadline > 0 && mm_now() >= deadline;
}

/* jansson asks for the document 1 KB at a time; between chunks we look at
 * the clock, and a passed deadline ends the input early. */
typedef struct {
    const char *data;
    size_t len, pos;
    double deadline;
    unsigned chunks;
    int timed_out;
} feed;

#define CHUNKS_PER_CHECK 64 /* 64 KB: a few milliseconds of parsing */

static size_t feed_chunk(void *buffer, size_t size, void *arg)
{
    feed *f = arg;
    size_t n = f->len - f->pos;

    if (f->deadline > 0 && ++f->chunks % CHUNKS_PER_CHECK == 0 &&
        mm_deadline_passed(f->deadline)) {
        f->timed_out = 1;
        return (size_t)-1; /* jansson: an input error, the parse stops */
    }
    n = n < size ? n : size;
    memcpy(buffer, f->data + f->pos, n);
    f->pos += n;
    return n;
}

int mm_json_parse_until(json_t **out, const char *data, size_t len, size_t flags,
                        double deadline, mm_diags *diags)
{
    feed f = {data, len, 0, deadline, 0, 0};
    json_error_t error;
    unsigned long failures_before;

    /* jansson may hide a failed allocation behind a syntax error: compare
     * the failure count instead of trusting its message. */
    mm_json_use_allocator();
    failures_before = mm_alloc_failures();
    *out = json_load_callback(feed_chunk, &f, flags, &error);
    if (*out)
        return 0;
    if (f.timed_out)
        return MM_ENOSOLUTION;
    if (mm_alloc_failures() != failures_before || /* first: then `error` may be unset */
        json_error_code(&error) == json_error_out_of_memory)
        return MM_ENOMEM;
    mm_diag_add_at(diags, error.line > 0 ? error.line : 1, error.column > 0 ? error.column : 1,
                   "%s", error.text);
    return MM_EINVALID;
}

int mm_json_parse(json_t **out, const char *data, size_t len, mm_diags *diags)
{
    /* Any value: "42" is then "not a result document", said in our words. */
    return mm_json_parse_until(out, data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, 0,
                               diags);
}

const char *mm_json_type_name(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

int mm_json_integer(const json_t *value, long long *out)
{
    double d;

    if (json_is_integer(value)) {
        *out = (long long)json_integer_value(value);
        return 1;
    }
    if (!json_is_real(value))
        return 0;
    d = json_real_value(value);
    if (!isfinite(d) || d != floor(d) || fabs(d) > 9.0e18)
        return 0;
    *out = (long long)d;
    return 1;
}
