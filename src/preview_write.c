/* A mentor's page as text (for a terminal) and as JSON (docs/commands.md,
 * "preview"). Everything comes from the page: it holds nothing the mentor
 * may not see. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "preview.h"
#include "write_document.h" /* mm_format_number */

static const char *const KINDS[] = {
    [MM_RATING_NEEDS] = "needs",         [MM_RATING_STAYS_ABOVE] = "stays_above",
    [MM_RATING_CANNOT] = "cannot",       [MM_RATING_STAYS_ALWAYS] = "stays_always",
    [MM_RATING_ANY] = "any",             [MM_RATING_FIXED] = "fixed",
    [MM_RATING_NOT_ELIGIBLE] = "not_eligible", [MM_RATING_NO_WEIGHT] = "no_weight",
    [MM_RATING_UNKNOWN] = "unknown",
};

/* ---- text -------------------------------------------------------------- */

static void text_pad(FILE *out, const char *id, size_t width)
{
    mm_emit_visible(out, id);
    for (size_t w = mm_visible_width(id); w < width; w++)
        fputc(' ', out);
}

/* The column's "4.50", or the exact value where two decimals would round
 * it (4.996 is not 5.00). */
static const char *own_text(char buf[MM_NUMBER_SIZE], double v)
{
    snprintf(buf, MM_NUMBER_SIZE, "%.2f", v);
    if (strtod(buf, NULL) != v)
        mm_format_number(buf, v);
    return buf;
}

static void text_applicant(const mm_page_applicant *a, FILE *out)
{
    char own[MM_NUMBER_SIZE], rating[MM_NUMBER_SIZE];

    fputs("  ", out);
    text_pad(out, a->student, 17);
    if (a->has_own)
        fprintf(out, "%-11s ", own_text(own, a->own));
    else
        fprintf(out, "%-11s ", "-");
    fprintf(out, "%-4s %-7.3f %lld\n", a->now ? "yes" : "-", a->probability, (long long)a->rank);
    if (a->n_ratings) {
        fputs("      ratings:", out);
        for (size_t k = 0; k < a->n_ratings; k++) {
            fputs(k ? ", " : " ", out);
            mm_emit_visible(out, a->ratings[k].mentor);
            mm_format_number(rating, a->ratings[k].rating);
            fprintf(out, " %s", rating);
        }
        fputc('\n', out);
    }
    if (a->now) {
        fputs("      placed here, led by ", out);
        mm_emit_visible(out, a->lead);
        fputc('\n', out);
    } else {
        if (a->goes_to) {
            fputs("      goes to ", out);
            mm_emit_visible(out, a->goes_to);
        } else
            fputs("      unassigned", out);
        if (!(a->sentence && strstr(a->sentence, a->why))) { /* the reason said once */
            fputs("; why not here: ", out);
            mm_emit_visible(out, a->why);
        }
        fputc('\n', out);
    }
    if (a->n_elsewhere || a->unassigned > 0) {
        fputs("      otherwise:", out);
        for (size_t k = 0; k < a->n_elsewhere; k++) {
            fputc(' ', out);
            mm_emit_visible(out, a->elsewhere[k].idea);
            fprintf(out, " %.3f,", a->elsewhere[k].probability);
        }
        fprintf(out, " unassigned %.3f\n", a->unassigned);
    }
    if (a->sentence) {
        fputs("      ", out);
        mm_emit_visible(out, a->sentence);
        fputc('\n', out);
    }
}

static void text_idea(const mm_page_idea *d, FILE *out)
{
    size_t shown = 0;

    fputs("\nidea ", out);
    mm_emit_visible(out, d->id);
    if (d->title) {
        fputs(" - ", out);
        mm_emit_visible(out, d->title);
    }
    fprintf(out, " (%lld of %lld slot%s filled", (long long)d->filled, (long long)d->slots,
            d->slots == 1 ? "" : "s");
    if (d->org) {
        fputs("; org ", out);
        mm_emit_visible(out, d->org);
    }
    for (size_t k = 0; k < d->n_co; k++) {
        fputs(k ? ", " : "; co-mentors ", out);
        mm_emit_visible(out, d->co_mentors[k]);
    }
    fputs(")\n  now:", out);
    for (size_t k = 0; k < d->n_apps; k++)
        if (d->apps[k].now) {
            fputc(' ', out);
            mm_emit_visible(out, d->apps[k].student);
            fputs(" (lead ", out);
            mm_emit_visible(out, d->apps[k].lead);
            fputc(')', out);
            shown++;
        }
    fputs(shown ? "\n" : " (nobody)\n", out);
    if (d->why_empty) {
        fputs("  a slot is free: ", out);
        mm_emit_visible(out, d->why_empty);
        fputc('\n', out);
    }
    if (d->n_apps == 0) {
        fputs("  no applicants\n", out);
        return;
    }
    fprintf(out, "  %-16s %-11s %-4s %-7s %s\n", "applicant", "your rating", "now", "P(here)",
            "rank");
    for (size_t k = 0; k < d->n_apps; k++)
        text_applicant(&d->apps[k], out);
}

void mm_page_write_text(const mm_mentor_page *page, FILE *out)
{
    fputs("preview for mentor ", out);
    mm_emit_visible(out, page->mentor);
    if (page->name) {
        fputs(" (", out);
        mm_emit_visible(out, page->name);
        fputc(')', out);
    }
    fprintf(out, ": load %lld of capacity %lld", (long long)page->load, (long long)page->capacity);
    if (page->min_load)
        fprintf(out, " (min_load %lld)", (long long)page->min_load);
    fprintf(out, "; %zu samples, rating noise %g, seed %llu\n", page->samples, page->noise,
            page->seed);
    for (size_t k = 0; k < page->n_notes; k++) {
        mm_emit_visible(out, page->notes[k]);
        fputc('\n', out);
    }
    for (size_t i = 0; i < page->n_ideas; i++)
        text_idea(&page->ideas[i], out);
    if (page->n_ideas == 0)
        fputs("\nthe mentor mentors no idea\n", out);
    if (page->n_quotas)
        fputs("\nquotas that count your applicants (one at its max admits nobody more with "
              "that value there)\n", out);
    for (size_t k = 0; k < page->n_quotas; k++) {
        fputs("  ", out);
        mm_emit_visible(out, page->quotas[k].text);
        fputc('\n', out);
    }
    fputs("\n", out);
    fputs(MM_PREVIEW_PRIVACY, out);
    fputc('\n', out);
}

/* ---- JSON -------------------------------------------------------------- */

static void json_string_or_null(FILE *out, const char *s)
{
    if (s)
        mm_emit_json_string(out, s);
    else
        fputs("null", out);
}

static void json_threshold(const mm_page_applicant *a, FILE *out)
{
    if (!a->computed) {
        fputs("null", out);
        return;
    }
    fprintf(out, "{\"kind\": \"%s\", \"rating\": ", KINDS[a->th.kind]);
    if (a->th.kind == MM_RATING_NEEDS || a->th.kind == MM_RATING_STAYS_ABOVE) {
        mm_emit_json_number(out, a->th.rating);
        fputs(", \"shown\": ", out);
        mm_emit_json_number(out, a->th.shown);
    } else
        fputs("null, \"shown\": null", out);
    fprintf(out, ", \"exact\": %s, \"tie\": ", a->th.exact ? "true" : "false");
    json_string_or_null(out, a->th.tie ? a->tie_student : NULL);
    fputs(", \"text\": ", out);
    json_string_or_null(out, a->sentence);
    fputc('}', out);
}

static void json_applicant(const mm_page_applicant *a, FILE *out)
{
    fputs("{\"student\": ", out);
    mm_emit_json_string(out, a->student);
    fprintf(out, ", \"rank\": %lld, \"now\": %s, \"lead\": ", (long long)a->rank,
            a->now ? "true" : "false");
    json_string_or_null(out, a->lead);
    fputs(", \"ratings\": {", out);
    for (size_t k = 0; k < a->n_ratings; k++) {
        fputs(k ? ", " : "", out);
        mm_emit_json_string(out, a->ratings[k].mentor);
        fputs(": ", out);
        mm_emit_json_number(out, a->ratings[k].rating);
    }
    fputs("}, \"your_rating\": ", out);
    if (a->has_own)
        mm_emit_json_number(out, a->own);
    else
        fputs("null", out);
    fputs(", \"probability\": ", out);
    mm_emit_json_number(out, a->probability);
    fputs(", \"elsewhere\": [", out);
    for (size_t k = 0; k < a->n_elsewhere; k++) {
        fputs(k ? ", {\"idea\": " : "{\"idea\": ", out);
        mm_emit_json_string(out, a->elsewhere[k].idea);
        fputs(", \"probability\": ", out);
        mm_emit_json_number(out, a->elsewhere[k].probability);
        fputc('}', out);
    }
    fputs("], \"unassigned\": ", out);
    mm_emit_json_number(out, a->unassigned);
    fputs(", \"goes_to\": ", out);
    json_string_or_null(out, a->goes_to);
    fputs(", \"why\": ", out);
    json_string_or_null(out, a->why);
    fputs(", \"threshold\": ", out);
    json_threshold(a, out);
    fputc('}', out);
}

static void json_idea(const mm_page_idea *d, FILE *out)
{
    size_t shown = 0;

    fputs("{\"id\": ", out);
    mm_emit_json_string(out, d->id);
    fputs(", \"title\": ", out);
    json_string_or_null(out, d->title);
    fputs(", \"org\": ", out);
    json_string_or_null(out, d->org);
    fprintf(out, ", \"slots\": %lld, \"filled\": %lld, \"co_mentors\": [", (long long)d->slots,
            (long long)d->filled);
    for (size_t k = 0; k < d->n_co; k++) {
        fputs(k ? ", " : "", out);
        mm_emit_json_string(out, d->co_mentors[k]);
    }
    fputs("], \"why_empty\": ", out);
    json_string_or_null(out, d->why_empty);
    fputs(", \"now\": [", out);
    for (size_t k = 0; k < d->n_apps; k++)
        if (d->apps[k].now) {
            fputs(shown++ ? ", {\"student\": " : "{\"student\": ", out);
            mm_emit_json_string(out, d->apps[k].student);
            fputs(", \"lead\": ", out);
            mm_emit_json_string(out, d->apps[k].lead);
            fputc('}', out);
        }
    fputs("],\n   \"applicants\": [", out);
    for (size_t k = 0; k < d->n_apps; k++) {
        fputs(k ? ",\n     " : "\n     ", out);
        json_applicant(&d->apps[k], out);
    }
    fputs("]}", out);
}

static void json_bound(FILE *out, const char *name, int has, int64_t v)
{
    fprintf(out, ", \"%s\": ", name);
    if (has)
        fprintf(out, "%lld", (long long)v);
    else
        fputs("null", out);
}

static void json_quota(const mm_page_quota *q, FILE *out)
{
    fputs("{\"quota\": ", out);
    mm_emit_json_string(out, q->quota);
    fputs(", \"attribute\": ", out);
    mm_emit_json_string(out, q->attribute);
    fprintf(out, ", \"per\": \"%s\", \"unit\": ", q->per);
    json_string_or_null(out, q->unit);
    fputs(", \"value\": ", out);
    if (q->value_type == MM_VALUE_BOOL)
        fputs(q->value_number ? "true" : "false", out);
    else if (q->value_type == MM_VALUE_NUMBER)
        mm_emit_json_number(out, q->value_number);
    else
        mm_emit_json_string(out, q->value_text);
    fprintf(out, ", \"count\": %lld", (long long)q->count);
    json_bound(out, "min", q->has_min, q->min);
    json_bound(out, "max", q->has_max, q->max);
    fputs(", \"binds\": ", out);
    json_string_or_null(out, q->binds);
    fputs(", \"text\": ", out);
    mm_emit_json_string(out, q->text);
    fputc('}', out);
}

void mm_page_write_json(const mm_mentor_page *page, FILE *out)
{
    fputs("{\"mentor\": ", out);
    mm_emit_json_string(out, page->mentor);
    fputs(", \"name\": ", out);
    json_string_or_null(out, page->name);
    fprintf(out, ", \"load\": %lld, \"capacity\": %lld, \"min_load\": %lld, \"at_risk\": %zu",
            (long long)page->load, (long long)page->capacity, (long long)page->min_load,
            page->at_risk);
    fprintf(out, ",\n \"samples\": %zu, \"noise\": ", page->samples);
    mm_emit_json_number(out, page->noise);
    fprintf(out, ", \"seed\": %llu, \"rating_scale\": [", page->seed);
    mm_emit_json_number(out, page->rating_lo);
    fputs(", ", out);
    mm_emit_json_number(out, page->rating_hi);
    fputs("], \"notes\": [", out);
    for (size_t k = 0; k < page->n_notes; k++) {
        fputs(k ? ", " : "", out);
        mm_emit_json_string(out, page->notes[k]);
    }
    fputs("],\n \"ideas\": [", out);
    for (size_t i = 0; i < page->n_ideas; i++) {
        fputs(i ? ",\n  " : "\n  ", out);
        json_idea(&page->ideas[i], out);
    }
    fputs("],\n \"quotas\": [", out);
    for (size_t k = 0; k < page->n_quotas; k++) {
        fputs(k ? ",\n  " : "\n  ", out);
        json_quota(&page->quotas[k], out);
    }
    fputs("],\n \"privacy\": ", out);
    mm_emit_json_string(out, MM_PREVIEW_PRIVACY);
    fputs("}\n", out);
}

/* ---- the index --------------------------------------------------------- */

static void json_index(const mm_mentor_headline *rows, const char *const *links, size_t n,
                       FILE *out)
{
    fputs("{\"mentors\": [", out);
    for (size_t k = 0; k < n; k++) {
        const mm_mentor_headline *h = &rows[k];
        fputs(k ? ",\n  {\"mentor\": " : "\n  {\"mentor\": ", out);
        mm_emit_json_string(out, h->mentor);
        fputs(", \"name\": ", out);
        json_string_or_null(out, h->name);
        fprintf(out, ", \"load\": %lld, \"capacity\": %lld, \"ideas\": %zu, \"filled\": %lld, "
                     "\"slots\": %lld, \"at_risk\": %zu, \"page\": ",
                (long long)h->load, (long long)h->capacity, h->ideas, (long long)h->filled,
                (long long)h->slots, h->at_risk);
        json_string_or_null(out, links ? links[k] : NULL);
        fputc('}', out);
    }
    fputs("]}\n", out);
}

static void text_index(const mm_mentor_headline *rows, size_t n, FILE *out)
{
    fprintf(out, "%-20s %-9s %-12s %s\n", "mentor", "load", "ideas filled", "at risk");
    for (size_t k = 0; k < n; k++) {
        char load[48], filled[48];
        snprintf(load, sizeof load, "%lld/%lld", (long long)rows[k].load,
                 (long long)rows[k].capacity);
        snprintf(filled, sizeof filled, "%lld/%lld", (long long)rows[k].filled,
                 (long long)rows[k].slots);
        text_pad(out, rows[k].mentor, 21);
        fprintf(out, "%-9s %-12s %zu\n", load, filled, rows[k].at_risk);
    }
}

int mm_preview_index_write(const mm_preview_set *set, const mm_mentor_headline *rows,
                           const char *const *links, size_t n, mm_page_format format, FILE *out)
{
    if (format == MM_PAGE_JSON)
        json_index(rows, links, n, out);
    else if (format == MM_PAGE_HTML)
        mm_index_write_html(set, rows, links, n, out);
    else
        text_index(rows, n, out);
    return fflush(out) != 0 || ferror(out) ? MM_EIO : 0;
}
