/* What-if options (--set, --fix, --forbid, preview --rate) parsed straight
 * into structured mm_edit records.
 *
 * The rule, for ids that may hold anything: the fields are split at every
 * ',' and '=' that is not escaped, and a backslash escapes the next ',', '='
 * or '\'. A text whose separators are not exactly the syntax's (",,=" for a
 * rating, ",=" for --rate, "=" for a pair) is refused, so no id can shift
 * another field; in a pair a bare ',' is text, as an id holds it. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
    const char *option;
    const char *form;   /* as --help spells it */
    const char *prefix; /* before the first field */
    const char *seps;   /* the separators between the fields, in order */
    mm_edit_kind kind;
} edit_syntax;

static const edit_syntax syntaxes[] = {
    {"--set", "'ratings:MENTOR,STUDENT,IDEA=SCORE'", "ratings:", ",,=", MM_EDIT_RATING},
    {"--rate", "STUDENT,IDEA=SCORE", "", ",=", MM_EDIT_RATING},
    {"--fix", "STUDENT=IDEA", "", "=", MM_EDIT_FIX},
    {"--forbid", "STUDENT=IDEA", "", "=", MM_EDIT_FORBID},
};

#define MAX_FIELDS 4

static const edit_syntax *find_syntax(const char *option)
{
    for (size_t k = 0; k < sizeof syntaxes / sizeof syntaxes[0]; k++)
        if (strcmp(syntaxes[k].option, option) == 0)
            return &syntaxes[k];
    return NULL;
}

/* Unescape `text` into `out` (as long), ending a field at each unescaped
 * separator of `seps`. @return the number of fields, or -1 when the
 * separators are not exactly `seps` or an escape is broken. */
static int split_fields(const char *text, const char *seps, char *out, char **fields)
{
    size_t want = strlen(seps), n = 0;

    fields[0] = out;
    for (const char *c = text; *c; c++) {
        if (*c == '\\') {
            if (c[1] != '\\' && c[1] != ',' && c[1] != '=')
                return -1;
            *out++ = *++c;
        } else if (strchr(seps, *c)) {
            if (n == want || *c != seps[n])
                return -1;
            *out++ = '\0';
            fields[++n] = out;
        } else {
            *out++ = *c;
        }
    }
    *out = '\0';
    if (n != want)
        return -1;
    for (size_t k = 0; k <= n; k++)
        if (!fields[k][0])
            return -1;
    return (int)n + 1;
}

/* SCORE as the numeric options are read (cli_is_decimal), a leading '-'
 * allowed: no space, '+', hex, inf or nan, nor a value past a double's
 * range. Whether it is on the rating scale is the input's check. */
static int parse_score(const char *text, double *out)
{
    errno = 0;
    if (!cli_is_decimal(text[0] == '-' ? text + 1 : text))
        return -1;
    *out = strtod(text, NULL);
    return errno == 0 && isfinite(*out) ? 0 : -1;
}

/* Fill `edit` from the fields; `mentor` is given for --rate. */
static int fill_edit(mm_edit *edit, const edit_syntax *syntax, char **fields, const char *mentor)
{
    size_t k = 0;

    edit->kind = syntax->kind;
    if (syntax->kind != MM_EDIT_RATING) {
        edit->student = fields[0];
        edit->idea = fields[1];
        return 0;
    }
    edit->mentor = mentor ? mentor : fields[k++];
    edit->student = fields[k++];
    edit->idea = fields[k++];
    return parse_score(fields[k], &edit->score) ? -2 : 0;
}

/* @return 0, -1 when the fields are wrong, -2 when only SCORE is. */
static int parse_edit(mm_edit *edit, const edit_syntax *syntax, const char *text, char *buffer,
                      const char *mentor)
{
    size_t prefix = strlen(syntax->prefix);
    char *fields[MAX_FIELDS];

    if (strncmp(text, syntax->prefix, prefix) != 0 ||
        split_fields(text + prefix, syntax->seps, buffer, fields) < 0)
        return -1;
    return fill_edit(edit, syntax, fields, mentor);
}

static int usage(const char *command, const edit_syntax *syntax, const char *text, int why)
{
    if (why == -2)
        return cli_usage_error(command,
                               "%s takes %s, not '%s': SCORE is a decimal number such as 4, "
                               "2.5, -1 or 1e1 (no space, '+', hex, inf or nan)",
                               syntax->option, syntax->form, text);
    return cli_usage_error(command,
                           "%s takes %s, not '%s' (in an id write ',' as '\\,', '=' as '\\=' "
                           "and '\\' as '\\\\')",
                           syntax->option, syntax->form, text);
}

/* One edit: `text` for `option`, for `mentor` (--rate) or NULL. Every
 * string the edit names lives in one owned block: the unescaped fields,
 * the mentor's id, and the origin "OPTION TEXT" as typed. */
static int add_edit(cli_edits *edits, const char *command, const char *option, const char *text,
                    const char *mentor)
{
    const edit_syntax *syntax = find_syntax(option);
    size_t n = edits->count, text_len = strlen(text) + 1;
    size_t mentor_len = mentor ? strlen(mentor) + 1 : 0;
    size_t origin_len = strlen(option) + 1 + text_len;
    mm_edit *items = realloc(edits->items, (n + 1) * sizeof *items);
    char **texts = items ? realloc(edits->texts, (n + 1) * sizeof *texts) : NULL;
    char *block, *own_mentor = NULL;
    int why;

    if (items)
        edits->items = items;
    if (texts)
        edits->texts = texts;
    if (!items || !texts || !(block = malloc(text_len + mentor_len + origin_len))) {
        cli_error("mentormatch: out of memory");
        return EXIT_INTERNAL;
    }
    texts[n] = block;
    memset(&items[n], 0, sizeof items[n]);
    edits->count++;
    if (mentor)
        own_mentor = memcpy(block + text_len, mentor, mentor_len);
    snprintf(block + text_len + mentor_len, origin_len, "%s %s", option, text);
    items[n].origin = block + text_len + mentor_len;
    why = parse_edit(&items[n], syntax, text, block, own_mentor);
    return why ? usage(command, syntax, text, why) : 0;
}

int cli_edits_add(cli_edits *edits, const char *command, const char *option, const char *text)
{
    return add_edit(edits, command, option, text, NULL);
}

int cli_edits_add_rate(cli_edits *edits, const char *command, const char *mentor,
                       const char *text)
{
    return add_edit(edits, command, "--rate", text, mentor);
}

void cli_edits_free(cli_edits *edits)
{
    for (size_t k = 0; k < edits->count; k++)
        free(edits->texts[k]);
    free(edits->texts);
    free(edits->items);
    memset(edits, 0, sizeof *edits);
}
