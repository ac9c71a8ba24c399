/* An input document read one record at a time (issue 19): a splitter finds
 * the top-level members and, in each array member, the byte range of each
 * element; jansson parses each element alone (duplicate keys rejected) when
 * the reader asks for it, and the reader frees it once interned. Only the
 * members that are not arrays (program, settings, ...) are held as a DOM.
 * With simdjson (read_simd.h) an element is parsed by it instead, and goes
 * to jansson only when simdjson does not take it.
 *
 * The splitter is no JSON parser: it follows strings, escapes and nesting
 * to find where a value ends, and accepts only whitespace, ',' ':' '{' '}'
 * '[' ']' and keys between values; every value is parsed by jansson. When
 * anything is off (a syntax error, a top-level key twice, nesting near
 * jansson's limit) it says so and the caller parses the whole document the
 * old way, whose error and place are then the exact ones. */
#ifndef MM_READ_STREAM_H
#define MM_READ_STREAM_H

#include <jansson.h>
#include <stddef.h>

#include "read_value.h"

/* MM_STREAM_FALLBACK (read_simd.h): the document needs the whole-document parse. */

typedef struct {
    size_t start, end; /* end exclusive */
} mm_span;

typedef struct {
    json_t *placeholder; /* the empty array standing in for it in the root */
    mm_span *elements;
    size_t count, capacity;
    size_t parsed; /* elements 0..parsed-1 have been parsed */
} mm_stream_array;

typedef struct {
    const char *data;
    size_t len;
    json_t *root; /* every member in document order; arrays as placeholders */
    mm_stream_array *arrays;
    size_t n_arrays, capacity;
    mm_simd *simd; /* the fast parser, or NULL (built without, or out of memory) */
} mm_stream;

/* Split `data` and parse its members that are not arrays.
 * @return 0, MM_ENOMEM or MM_STREAM_FALLBACK; mm_stream_dispose in all cases. */
int mm_stream_open(mm_stream *s, const char *data, size_t len);
void mm_stream_dispose(mm_stream *s);

/* The streamed array that `placeholder` stands for, or NULL. */
mm_stream_array *mm_stream_array_of(const mm_stream *s, const json_t *placeholder);

/* Parse element `i`. It lives until the next element is parsed (in the
 * fast parser's tree, or jansson's in the scratch arena, jsonfile.h): drop
 * every reference to it before; nothing is to be freed.
 * @param[out] out the element, absent on failure
 * @return 0, MM_ENOMEM or MM_STREAM_FALLBACK */
int mm_stream_element(mm_stream *s, mm_stream_array *a, size_t i, mm_val *out);

/* Parse (and drop) every element not parsed yet, so a syntax error anywhere
 * is found. @return 0, MM_ENOMEM or MM_STREAM_FALLBACK */
int mm_stream_finish(mm_stream *s);

#endif
