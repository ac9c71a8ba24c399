#include "write_document.h"

#include <stdlib.h>

#include "emit.h"

void mm_format_number(char buf[MM_NUMBER_SIZE], double value)
{
    if (value == 0) {
        snprintf(buf, MM_NUMBER_SIZE, "0"); /* never "-0" */
        return;
    }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(buf, MM_NUMBER_SIZE, "%.*g", precision, value);
        if (strtod(buf, NULL) == value)
            return;
    }
}

/* Any value on one line: {"k": v, ...}, [a, b]. */
static void write_inline(const json_t *value, FILE *out)
{
    char number[MM_NUMBER_SIZE];
    const char *key, *sep = "";
    const json_t *item;
    size_t i;

    switch (json_typeof(value)) {
    case JSON_OBJECT:
        fputc('{', out);
        json_object_foreach((json_t *)value, key, item) {
            fputs(sep, out);
            mm_emit_json_string(out, key);
            fputs(": ", out);
            write_inline(item, out);
            sep = ", ";
        }
        fputc('}', out);
        break;
    case JSON_ARRAY:
        fputc('[', out);
        json_array_foreach(value, i, item) {
            fputs(i ? ", " : "", out);
            write_inline(item, out);
        }
        fputc(']', out);
        break;
    case JSON_STRING: mm_emit_json_string(out, json_string_value(value)); break;
    case JSON_INTEGER: fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(value)); break;
    case JSON_REAL:
        mm_format_number(number, json_real_value(value));
        fputs(number, out);
        break;
    case JSON_TRUE: fputs("true", out); break;
    case JSON_FALSE: fputs("false", out); break;
    default: fputs("null", out); break;
    }
}

/* A non-empty array: one element a line. */
static void write_lines(const json_t *array, FILE *out)
{
    size_t i;
    const json_t *item;

    fputs("[\n", out);
    json_array_foreach(array, i, item) {
        fputs("    ", out);
        write_inline(item, out);
        fputs(i + 1 < json_array_size(array) ? ",\n" : "\n", out);
    }
    fputs("  ]", out);
}

void mm_write_document(const json_t *root, FILE *out)
{
    const char *key;
    const json_t *value;
    size_t left = json_object_size(root);

    fputs("{\n", out);
    json_object_foreach((json_t *)root, key, value) {
        fputs("  ", out);
        mm_emit_json_string(out, key);
        fputs(": ", out);
        if (json_is_array(value) && json_array_size(value) > 0)
            write_lines(value, out);
        else
            write_inline(value, out);
        fputs(--left ? ",\n" : "\n", out);
    }
    fputs("}\n", out);
}
