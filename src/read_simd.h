/* The fast parser of the streaming reader (issue 19): simdjson (Debian
 * libsimdjson-dev) parses one record, and read_simd.cpp lays it out as a
 * flat tree of mm_node for the reader's walk (read_value.h). jansson stays
 * the judge: simdjson only takes a record both libraries read the same way.
 * Whatever it rejects, or accepts where jansson would not (a key twice in an
 * object, "\u0000" in a string, an integer beyond int64), is given back to
 * jansson, whose message and line:column are then the ones reported.
 *
 * Built only with MM_HAVE_SIMDJSON (CMake option MM_SIMDJSON); without it
 * every record goes to jansson. */
#ifndef MM_READ_SIMD_H
#define MM_READ_SIMD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values as jansson's json_type numbers them (JSON_OBJECT ... JSON_NULL). */
typedef enum {
    MM_NODE_OBJECT,
    MM_NODE_ARRAY,
    MM_NODE_STRING,
    MM_NODE_INTEGER,
    MM_NODE_REAL,
    MM_NODE_TRUE,
    MM_NODE_FALSE,
    MM_NODE_NULL
} mm_node_type;

/* A node is followed by its children: an array's elements; an object's
 * members, each a STRING node (the key) then the value's nodes. */
typedef struct {
    uint32_t type;  /* mm_node_type */
    uint32_t count; /* elements or members */
    uint32_t skip;  /* nodes in this subtree, itself included: the next sibling */
    uint32_t len;   /* a string's bytes */
    const char *str; /* a string or key, NUL-terminated (no NUL inside) */
    union {
        long long integer;
        double real;
    } num;
} mm_node;

/* Not an MM_E* code: jansson must parse (read_stream.h: the whole document). */
#define MM_STREAM_FALLBACK 1

typedef struct mm_simd mm_simd;

/* @return a parser, or NULL when out of memory */
mm_simd *mm_simd_new(void);
void mm_simd_free(mm_simd *s);

/* Parse the one value in `len` bytes at `data`. `readable` bytes from `data`
 * may be read (len or more): with 64 beyond `len` (SIMDJSON_PADDING) the
 * bytes are parsed in place, else copied first. The tree lives until the
 * next parse.
 * @param[out] root the value's node
 * @return 0, MM_ENOMEM, or MM_STREAM_FALLBACK: jansson must parse this value */
int mm_simd_parse(mm_simd *s, const char *data, size_t len, size_t readable,
                  const mm_node **root);

/* Values parsed by simdjson so far in this process (the tests' proof that
 * the fast path serves). */
unsigned long mm_simd_parsed(void);

#ifdef __cplusplus
}
#endif

#endif
