/* A JSON value as the input reader walks it: a jansson value, or a node of
 * the fast parser's tree (read_simd.h), behind one set of accessors, so the
 * reader's rules and messages are one code for both. An absent value (a
 * missing key) has neither; every accessor takes it, as jansson's take NULL.
 * Object members come in document order from either. */
#ifndef MM_READ_VALUE_H
#define MM_READ_VALUE_H

#include <jansson.h>
#include <stddef.h>

#include "read_simd.h"

typedef struct {
    json_t *j;
    const mm_node *n;
} mm_val;

static inline mm_val mm_val_json(json_t *j)
{
    return (mm_val){j, NULL};
}

static inline mm_val mm_val_node(const mm_node *n)
{
    return (mm_val){NULL, n};
}

static inline int mm_val_present(mm_val v)
{
    return v.j || v.n;
}

/* jansson's json_type (the node types use its numbers); -1 when absent. */
static inline int mm_val_type(mm_val v)
{
    return v.n ? (int)v.n->type : v.j ? (int)json_typeof(v.j) : -1;
}

#define mm_val_is_object(v) (mm_val_type(v) == JSON_OBJECT)
#define mm_val_is_array(v) (mm_val_type(v) == JSON_ARRAY)
#define mm_val_is_string(v) (mm_val_type(v) == JSON_STRING)
#define mm_val_is_integer(v) (mm_val_type(v) == JSON_INTEGER)
#define mm_val_is_real(v) (mm_val_type(v) == JSON_REAL)
#define mm_val_is_number(v) (mm_val_is_integer(v) || mm_val_is_real(v))
#define mm_val_is_true(v) (mm_val_type(v) == JSON_TRUE)
#define mm_val_is_boolean(v) (mm_val_is_true(v) || mm_val_type(v) == JSON_FALSE)
#define mm_val_is_null(v) (mm_val_type(v) == JSON_NULL)

/* A string's bytes (NUL-terminated), NULL for anything else. */
static inline const char *mm_val_string(mm_val v)
{
    if (v.n)
        return v.n->type == MM_NODE_STRING ? v.n->str : NULL;
    return json_string_value(v.j);
}

static inline size_t mm_val_length(mm_val v)
{
    if (v.n)
        return v.n->type == MM_NODE_STRING ? v.n->len : 0;
    return json_string_length(v.j);
}

static inline long long mm_val_integer(mm_val v)
{
    if (v.n)
        return v.n->type == MM_NODE_INTEGER ? v.n->num.integer : 0;
    return (long long)json_integer_value(v.j);
}

static inline double mm_val_real(mm_val v)
{
    if (v.n)
        return v.n->type == MM_NODE_REAL ? v.n->num.real : 0;
    return json_real_value(v.j);
}

static inline double mm_val_number(mm_val v)
{
    if (v.n)
        return v.n->type == MM_NODE_INTEGER ? (double)v.n->num.integer : mm_val_real(v);
    return json_number_value(v.j);
}

/* Elements of an array; 0 for anything else (as json_array_size). */
size_t mm_val_size(mm_val v);

/* An object's member `key`; absent when missing or not an object. */
mm_val mm_val_get(mm_val obj, const char *key);

/* Element i of an array (a node array: found by walking, so loop with
 * mm_val_iter instead). */
mm_val mm_val_at(mm_val array, size_t i);

/* Elements of an array or members of an object, in order:
 *   mm_val_iter it = mm_val_items(v); const char *key; mm_val el;
 *   while (mm_val_next(&it, &key, &el)) ...   (key NULL for an array) */
typedef struct {
    mm_val v;
    size_t i, count;
    const mm_node *at; /* a node's next child */
    void *iter;        /* a jansson object's iterator */
} mm_val_iter;

mm_val_iter mm_val_items(mm_val v);
int mm_val_next(mm_val_iter *it, const char **key, mm_val *out);

#endif
