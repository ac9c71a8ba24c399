#include "csv_format.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "build.h"

static const char *const PROGRAM[] = {"key", "value", NULL};
static const char *const ORGS[] = {"id", "name", "slots", NULL};
static const char *const MENTORS[] = {"id", "name", "capacity", "min_load", NULL};
static const char *const IDEAS[] = {"id", "title", "org", "mentors", "slots", "requires",
                                    "size", "knowledge", "impact", NULL};
static const char *const STUDENTS[] = {"id", "name", "skills", NULL};
static const char *const APPLICATIONS[] = {"student", "idea", "rank", NULL};
static const char *const RATINGS[] = {"mentor", "student", "idea", "score", NULL};
static const char *const CONFLICTS[] = {"mentor", "student", NULL};
static const char *const FIXED[] = {"student", "idea", "mentor", NULL};
static const char *const FORBIDDEN[] = {"student", "idea", NULL};
static const char *const QUOTAS[] = {"id", "attribute", "value", "per", "min", "max", NULL};

static const struct {
    const char *name;
    const char *const *columns;
} TABLES[MM_CSV_TABLE_COUNT] = {
    {"program", PROGRAM}, {"orgs", ORGS},         {"mentors", MENTORS},
    {"ideas", IDEAS},     {"students", STUDENTS}, {"applications", APPLICATIONS},
    {"ratings", RATINGS}, {"conflicts", CONFLICTS}, {"fixed", FIXED},
    {"forbidden", FORBIDDEN}, {"quotas", QUOTAS},
};

/* Each table's required columns, NULL-terminated. */
static const char *const REQUIRED[MM_CSV_TABLE_COUNT][5] = {
    {"key", "value", NULL}, {"id", NULL}, {"id", NULL}, {"id", "mentors", NULL}, {"id", NULL},
    {"student", "idea", NULL}, {"mentor", "student", "idea", "score", NULL},
    {"mentor", "student", NULL}, {"student", "idea", NULL}, {"student", "idea", NULL},
    {"id", "attribute", NULL},
};

const char *mm_csv_program_key(int field, char buf[MM_CSV_KEY_SIZE])
{
    const mm_build_field *f = &MM_BUILD_FIELDS[field];

    snprintf(buf, MM_CSV_KEY_SIZE, "%s.%s%s%s", f->section, f->group ? f->group : "",
             f->group ? "." : "", f->key);
    return buf;
}

const char *mm_csv_table_name(mm_csv_table table)
{
    return table >= 0 && table < MM_CSV_TABLE_COUNT ? TABLES[table].name : NULL;
}

int mm_csv_table_required(mm_csv_table table)
{
    return table == MM_CSV_MENTORS || table == MM_CSV_IDEAS || table == MM_CSV_STUDENTS ||
           table == MM_CSV_APPLICATIONS;
}

const char *const *mm_csv_columns(mm_csv_table table)
{
    return TABLES[table].columns;
}

const char *const *mm_csv_required_columns(mm_csv_table table)
{
    return REQUIRED[table];
}

/* ---- list cells ------------------------------------------------------ */

#define MM_NO_VALUE ((size_t)-1) /* an item without '=' */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* An item's characters, each marked when a backslash made it plain. */
typedef struct {
    char *text;
    unsigned char *escaped;
    size_t len;
} chars;

/* Characters begin..end without unescaped white space at either end. */
static const char *trimmed(const chars *c, size_t begin, size_t end, mm_arena *arena)
{
    while (begin < end && !c->escaped[begin] && is_blank(c->text[begin]))
        begin++;
    while (end > begin && !c->escaped[end - 1] && is_blank(c->text[end - 1]))
        end--;
    return mm_arena_strndup(arena, c->text + begin, end - begin);
}

static int add_item(const chars *c, size_t eq, mm_arena *arena, mm_csv_item **items, size_t *n,
                    size_t *capacity)
{
    const char *whole = trimmed(c, 0, c->len, arena);
    mm_csv_item item = {NULL, NULL};
    mm_csv_item *grown;

    if (whole && !whole[0])
        return 0; /* an empty item, as in "ann;;bob" or a trailing ";" */
    item.text = eq == MM_NO_VALUE ? whole : trimmed(c, 0, eq, arena);
    item.value = eq == MM_NO_VALUE ? NULL : trimmed(c, eq + 1, c->len, arena);
    grown = mm_grow(*items, capacity, *n + 1, sizeof *grown);
    if (!whole || !item.text || (eq != MM_NO_VALUE && !item.value) || !grown)
        return MM_ENOMEM;
    *items = grown;
    (*items)[(*n)++] = item;
    return 0;
}

static int split(const char *cell, int want_value, mm_arena *arena, chars *c,
                 mm_csv_item **items, size_t *n)
{
    size_t eq = MM_NO_VALUE, capacity = 0;
    int rc = 0;

    for (const char *p = cell; rc == 0; p++) {
        if (*p == '\\' && !p[1])
            return MM_EINVALID;
        if (*p == ';' || !*p) {
            rc = add_item(c, eq, arena, items, n, &capacity);
            if (!*p)
                break;
            c->len = 0;
            eq = MM_NO_VALUE;
            continue;
        }
        if (*p == '=' && want_value && eq == MM_NO_VALUE)
            eq = c->len;
        c->escaped[c->len] = *p == '\\';
        c->text[c->len++] = *p == '\\' ? *++p : *p;
    }
    return rc;
}

int mm_csv_split(const char *cell, int want_value, mm_arena *arena, mm_csv_item **items,
                 size_t *n)
{
    size_t size = strlen(cell) + 1;
    chars c = {mm_malloc(size), mm_malloc(size), 0};
    int rc;

    *items = NULL;
    *n = 0;
    rc = c.text && c.escaped ? split(cell, want_value, arena, &c, items, n) : MM_ENOMEM;
    mm_free(c.text);
    mm_free(c.escaped);
    if (rc != 0) {
        mm_free(*items);
        *items = NULL;
        *n = 0;
    }
    return rc;
}

void mm_csv_item_append(mm_strbuf *sb, const char *text)
{
    size_t len = strlen(text), done = 0;

    for (size_t k = 0; k < len; k++) {
        int edge = (k == 0 || k + 1 == len) && is_blank(text[k]);
        if (edge || text[k] == '\\' || text[k] == ';' || text[k] == '=') {
            mm_strbuf_printf(sb, "%.*s\\", (int)(k - done), text + done);
            done = k;
        }
    }
    mm_strbuf_printf(sb, "%s", text + done);
}

/* ---- cells and numbers ----------------------------------------------- */

/* `text` is `word` (lower case), ignoring ASCII case. */
static int strcasecmp_ascii(const char *text, const char *word)
{
    for (; *text && *word; text++, word++)
        if ((*text >= 'A' && *text <= 'Z' ? *text + 32 : *text) != *word)
            return 0;
    return *text == *word;
}

int mm_csv_needs_marker(const char *text)
{
    return text[0] != '\0' && strchr("=+-@\t\r'", text[0]) != NULL;
}

void mm_csv_cell_write(FILE *out, const char *text)
{
    size_t len = text ? strlen(text) : 0;
    int marker;

    if (!text)
        return;
    marker = mm_csv_needs_marker(text);
    if (len == 0 || strpbrk(text, ",\"\r\n") || is_blank(text[0]) || is_blank(text[len - 1])) {
        fputs(marker ? "\"'" : "\"", out); /* the marker goes inside the quotes */
        for (const char *c = text; *c; c++) {
            if (*c == '"')
                fputc('"', out);
            fputc(*c, out);
        }
        fputc('"', out);
        return;
    }
    if (marker)
        fputc('\'', out);
    fwrite(text, 1, len, out);
}

const char *mm_csv_cell_unmark(const char *text, size_t *len)
{
    if (*len > 0 && text[0] == '\'') {
        (*len)--;
        return text + 1;
    }
    return text;
}

int mm_csv_parse_whole(const char *text, long long *out)
{
    const char *c = text + (*text == '+' || *text == '-');
    long long value;

    if (!*c)
        return 0;
    for (; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    errno = 0;
    value = strtoll(text, NULL, 10);
    if (errno == ERANGE)
        return -1;
    *out = value;
    return 1;
}

int mm_csv_parse_attribute(const char *text, mm_attribute_value *out)
{
    *out = (mm_attribute_value){MM_ATTRIBUTE_TEXT, text, 0, 0};
    if (text[0] == '\\') {
        out->text = text + 1; /* forced text, as it is after the backslash */
        return 1;
    }
    if (strcasecmp_ascii(text, "true") || strcasecmp_ascii(text, "false")) {
        *out = (mm_attribute_value){MM_ATTRIBUTE_BOOLEAN, NULL, 0, text[0] == 't' || text[0] == 'T'};
        return 1;
    }
    switch (mm_csv_parse_number(text, &out->number)) {
    case 1: out->type = MM_ATTRIBUTE_NUMBER; return 1;
    case -1: return -1;
    default: return 1; /* any other text */
    }
}

int mm_csv_parse_number(const char *text, double *out)
{
    char *end;
    double value;

    if (!*text || strspn(text, "0123456789+-.eE") != strlen(text) || !strpbrk(text, "0123456789"))
        return 0;
    errno = 0;
    value = strtod(text, &end);
    if (*end)
        return 0;
    if (!isfinite(value))
        return -1;
    *out = value;
    return 1;
}
