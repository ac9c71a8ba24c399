/* Where an INPUT document comes from: "-" is standard input, as Unix tools
 * have it; a CSV file is told to go through `import` first, in one line,
 * rather than drawing a JSON syntax error. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

#define FIRST_BYTES 4096 /* enough for a header row */

static int stdin_taken; /* standard input can be read once */

const char *cli_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static int has_extension(const char *path, const char *ext)
{
    size_t len = strlen(path), n = strlen(ext);

    return len > n && strcasecmp(path + len - n, ext) == 0;
}

/* A document starts with '{' (after a byte-order mark and white space); a
 * spreadsheet's CSV does not, and its first line holds a delimiter. */
static int looks_csv(const char *path, const char *data, size_t len)
{
    size_t k = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    const char *line;

    if (memchr(data, '\0', len) || (len >= 2 && (unsigned char)data[0] >= 0xfe))
        return 0; /* UTF-16 or binary: the library says what is wrong */
    while (k < len && strchr(" \t\r\n", data[k]))
        k++;
    if (k < len && (data[k] == '{' || data[k] == '['))
        return 0;
    if (has_extension(path, ".csv") || has_extension(path, ".tsv"))
        return 1;
    line = data + k;
    for (; k < len && data[k] != '\n'; k++)
        if (data[k] == ',' || data[k] == ';' || data[k] == '\t')
            return line[0] != '"' || data[k] != ','; /* "a", ... is JSON-ish text */
    return 0;
}

static int csv_refused(const char *path)
{
    cli_error("%s: a CSV file, not a JSON input document; make the document with "
              "'mentormatch import --dir DIR -o problem.json' (docs/csv-format.md)",
              cli_input_name(path));
    return EXIT_INVALID;
}

/* Standard input, whole. @return 0 or an exit code (reported). */
static int read_stdin(char **data, size_t *len)
{
    size_t capacity = 0, got;

    if (stdin_taken) {
        cli_error("mentormatch: standard input ('-') can be read only once");
        return EXIT_USAGE;
    }
    stdin_taken = 1;
    do {
        char *grown = *len + FIRST_BYTES > capacity ? realloc(*data, capacity = 2 * capacity + 65536)
                                                    : *data;
        if (!grown) {
            cli_error("mentormatch: out of memory");
            return EXIT_INTERNAL;
        }
        *data = grown;
        got = fread(*data + *len, 1, capacity - *len, stdin);
        *len += got;
    } while (got > 0);
    if (ferror(stdin)) {
        cli_error("<stdin>: cannot read");
        return EXIT_INVALID;
    }
    return 0;
}

int cli_input_load(const char *path, char **data, size_t *len)
{
    char first[FIRST_BYTES];
    size_t n = 0;
    FILE *in;
    int code;

    *data = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0) {
        code = read_stdin(data, len);
        if (code == 0 && looks_csv(path, *data, *len))
            code = csv_refused(path);
        if (code != 0) {
            free(*data);
            *data = NULL;
        }
        return code;
    }
    in = fopen(path, "rb"); /* what cannot be opened, the library reports */
    if (in) {
        n = fread(first, 1, sizeof first, in);
        fclose(in);
    }
    return in && looks_csv(path, first, n) ? csv_refused(path) : 0;
}
