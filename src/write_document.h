/* Writing an input document held as jansson values, in the layout of the
 * shipped examples: one top-level key a line, one record a line. */
#ifndef MM_WRITE_DOCUMENT_H
#define MM_WRITE_DOCUMENT_H

#include <jansson.h>
#include <stdio.h>

/* Room for any number mm_format_number writes. */
#define MM_NUMBER_SIZE 32

/* The shortest of %.15g, %.16g, %.17g that reads back as `value` ("0" for
 * either zero); `value` is finite. */
void mm_format_number(char buf[MM_NUMBER_SIZE], double value);

/* Write `root`, an object, and a newline. Errors stick in the stream. */
void mm_write_document(const json_t *root, FILE *out);

#endif
