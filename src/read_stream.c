#include "read_stream.h"

#include <string.h>

#include "alloc.h"
#include "jsonfile.h"
#include "mentormatch/common.h"

/* jansson refuses nesting deeper than 2048 levels. A value nested nearly as
 * deep goes to the whole-document parse, which counts the levels above it. */
#define DEPTH_LIMIT 2000

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r'; /* JSON's four */
}

static size_t skip_space(const mm_stream *s, size_t pos)
{
    while (pos < s->len && is_space(s->data[pos]))
        pos++;
    return pos;
}

static int byte_at(const mm_stream *s, size_t pos, char c)
{
    return pos < s->len && s->data[pos] == c;
}

/* From the opening quote at `pos`: the position after the closing quote (one
 * not preceded by an odd run of backslashes), or 0 when there is none. */
static size_t skip_string(const char *d, size_t len, size_t pos)
{
    for (pos++;;) {
        const char *quote = memchr(d + pos, '"', len - pos);
        size_t at, slashes = 0;

        if (!quote)
            return 0;
        at = (size_t)(quote - d);
        while (d[at - 1 - slashes] == '\\') /* stops at the opening quote */
            slashes++;
        pos = at + 1;
        if (slashes % 2 == 0)
            return pos;
    }
}

/* From '[' or '{' at `pos`: the position after the bracket that closes it
 * (of whichever kind: jansson checks they match), or 0. */
static size_t skip_nested(const char *d, size_t len, size_t pos)
{
    size_t depth = 0;

    for (; pos < len; pos++) {
        switch (d[pos]) {
        case '"':
            pos = skip_string(d, len, pos);
            if (!pos)
                return 0;
            pos--;
            break;
        case '[':
        case '{':
            if (++depth > DEPTH_LIMIT)
                return 0;
            break;
        case ']':
        case '}':
            if (--depth == 0)
                return pos + 1;
            break;
        default: break;
        }
    }
    return 0;
}

/* A number, true, false or null ends at a delimiter; jansson judges it. */
static int ends_scalar(char c)
{
    return is_space(c) || c == ',' || c == ']' || c == '}' || c == '[' || c == '{' ||
           c == '"' || c == ':' || c == '\0';
}

/* Where the value starting at `pos` ends, or 0 when it cannot be found. */
static size_t skip_value(const mm_stream *s, size_t pos)
{
    size_t start = pos;

    if (pos >= s->len)
        return 0;
    if (s->data[pos] == '"')
        return skip_string(s->data, s->len, pos);
    if (s->data[pos] == '[' || s->data[pos] == '{')
        return skip_nested(s->data, s->len, pos);
    while (pos < s->len && !ends_scalar(s->data[pos]))
        pos++;
    return pos > start ? pos : 0;
}

/* jansson on one value alone, flags as for a whole input document (any value
 * here: an element may be a number, the reader then says it must be an
 * object). jansson may hide a failed allocation behind a syntax error: the
 * failure count tells. */
static int parse_span(const mm_stream *s, mm_span span, json_t **out)
{
    json_error_t error;
    unsigned long failures = mm_alloc_failures();

    *out = json_loadb(s->data + span.start, span.end - span.start,
                      JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &error);
    if (*out)
        return 0;
    if (mm_alloc_failures() != failures || json_error_code(&error) == json_error_out_of_memory)
        return MM_ENOMEM;
    return MM_STREAM_FALLBACK;
}

static int push_span(mm_stream_array *a, size_t start, size_t end)
{
    mm_span *grown = mm_grow(a->elements, &a->capacity, a->count + 1, sizeof *grown);

    if (!grown)
        return MM_ENOMEM;
    a->elements = grown;
    a->elements[a->count++] = (mm_span){start, end};
    return 0;
}

/* The elements of the array opening at *pos; *pos then follows its ']'. */
static int split_array(const mm_stream *s, size_t *pos, mm_stream_array *a)
{
    size_t at = skip_space(s, *pos + 1);

    if (byte_at(s, at, ']')) {
        *pos = at + 1;
        return 0;
    }
    for (;;) {
        size_t end = skip_value(s, at);
        int rc;

        if (!end)
            return MM_STREAM_FALLBACK;
        if ((rc = push_span(a, at, end)) != 0)
            return rc;
        at = skip_space(s, end);
        if (byte_at(s, at, ']')) {
            *pos = at + 1;
            return 0;
        }
        if (!byte_at(s, at, ','))
            return MM_STREAM_FALLBACK;
        at = skip_space(s, at + 1);
    }
}

static int add_array(mm_stream *s, size_t *pos, json_t **value)
{
    mm_stream_array *grown = mm_grow(s->arrays, &s->capacity, s->n_arrays + 1, sizeof *grown);
    mm_stream_array *a;

    if (!grown)
        return MM_ENOMEM;
    s->arrays = grown;
    a = &s->arrays[s->n_arrays];
    memset(a, 0, sizeof *a);
    a->placeholder = *value = json_array();
    if (!a->placeholder)
        return MM_ENOMEM;
    s->n_arrays++;
    return split_array(s, pos, a);
}

/* The member `"key": value` at *pos, added to the root. */
static int read_member(mm_stream *s, size_t *pos)
{
    mm_span key_span = {*pos, 0};
    json_t *key = NULL, *value = NULL;
    const char *name;
    int rc = MM_STREAM_FALLBACK;

    if (!byte_at(s, *pos, '"') || !(key_span.end = skip_string(s->data, s->len, *pos)))
        return MM_STREAM_FALLBACK;
    if ((rc = parse_span(s, key_span, &key)) != 0)
        return rc;
    name = json_string_value(key);
    *pos = skip_space(s, key_span.end);
    /* a NUL in the key or a key seen before: jansson's own words for it */
    if (!name || strlen(name) != json_string_length(key) || json_object_get(s->root, name) ||
        !byte_at(s, *pos, ':')) {
        rc = MM_STREAM_FALLBACK;
        goto done;
    }
    *pos = skip_space(s, *pos + 1);
    if (byte_at(s, *pos, '[')) {
        rc = add_array(s, pos, &value);
    } else {
        mm_span span = {*pos, skip_value(s, *pos)};
        rc = span.end ? parse_span(s, span, &value) : MM_STREAM_FALLBACK;
        *pos = span.end;
    }
    if (rc == 0) {
        if (json_object_set_new(s->root, name, value) != 0)
            rc = MM_ENOMEM;
        value = NULL; /* the root has it, or json_object_set_new freed it */
    }
done:
    json_decref(value);
    json_decref(key);
    return rc;
}

static int split_members(mm_stream *s)
{
    size_t pos = skip_space(s, 0);
    int rc;

    if (!byte_at(s, pos, '{'))
        return MM_STREAM_FALLBACK;
    pos = skip_space(s, pos + 1);
    if (!byte_at(s, pos, '}')) {
        for (;;) {
            if ((rc = read_member(s, &pos)) != 0)
                return rc;
            pos = skip_space(s, pos);
            if (byte_at(s, pos, '}'))
                break;
            if (!byte_at(s, pos, ','))
                return MM_STREAM_FALLBACK;
            pos = skip_space(s, pos + 1);
        }
    }
    return skip_space(s, pos + 1) == s->len ? 0 : MM_STREAM_FALLBACK;
}

int mm_stream_open(mm_stream *s, const char *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->data = data;
    s->len = len;
#ifdef MM_HAVE_SIMDJSON
    s->simd = mm_simd_new(); /* without it, jansson parses every element */
#endif
    mm_json_use_allocator();
    s->root = json_object();
    return s->root ? split_members(s) : MM_ENOMEM;
}

void mm_stream_dispose(mm_stream *s)
{
    for (size_t i = 0; i < s->n_arrays; i++)
        mm_free(s->arrays[i].elements);
    mm_free(s->arrays);
#ifdef MM_HAVE_SIMDJSON
    mm_simd_free(s->simd);
#endif
    json_decref(s->root);
    mm_json_scratch_reset(1);
    memset(s, 0, sizeof *s);
}

mm_stream_array *mm_stream_array_of(const mm_stream *s, const json_t *placeholder)
{
    for (size_t i = 0; i < s->n_arrays; i++)
        if (s->arrays[i].placeholder == placeholder)
            return &s->arrays[i];
    return NULL;
}

/* jansson on element `i` alone, in the scratch arena: the one element alive
 * at a time lives there, which spares jansson a malloc and a free for each
 * of its values. */
static int parse_element_jansson(mm_stream *s, mm_span span, mm_val *out)
{
    json_t *el;
    int rc;

    mm_json_scratch_reset(0);
    mm_json_scratch(1);
    rc = parse_span(s, span, &el);
    mm_json_scratch(0);
    *out = mm_val_json(el);
    return rc;
}

int mm_stream_element(mm_stream *s, mm_stream_array *a, size_t i, mm_val *out)
{
    mm_span span;

    *out = mm_val_json(NULL);
    if (i >= a->count)
        return MM_STREAM_FALLBACK;
    if (a->parsed < i + 1)
        a->parsed = i + 1;
    span = a->elements[i];
#ifdef MM_HAVE_SIMDJSON
    if (s->simd) {
        const mm_node *root;
        int rc = mm_simd_parse(s->simd, s->data + span.start, span.end - span.start,
                               s->len - span.start, &root);
        if (rc != MM_STREAM_FALLBACK) {
            *out = mm_val_node(root);
            return rc;
        }
        /* not simdjson's to take: jansson reads it, or finds what is wrong */
    }
#endif
    return parse_element_jansson(s, span, out);
}

/* Each element lives until the next parse drops it. */
int mm_stream_finish(mm_stream *s)
{
    for (size_t k = 0; k < s->n_arrays; k++) {
        mm_stream_array *a = &s->arrays[k];
        while (a->parsed < a->count) {
            mm_val el;
            int rc = mm_stream_element(s, a, a->parsed, &el);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}
