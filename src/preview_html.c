/* A mentor's page and the organizer's index as self-contained HTML: the
 * report's head, style and escaping (html.h), no script, no external URL;
 * a probability bar (inline SVG) per applicant with the threshold beside
 * it; tables that stack into labelled lines on a phone. */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "preview.h"
#include "write_document.h" /* mm_format_number */

static const char CSS[] =
    ".th{font-size:.92em}.why{color:var(--muted);font-size:.9em}"
    ".you{font-weight:600}.here{color:#1a7f37;font-weight:600}\n"
    "td.barcell svg.bar{max-width:220px}td.barcell{width:24%}\n"
    ".idea{border:1px solid var(--line);border-radius:8px;padding:4px 12px 8px;margin:1em 0;"
    "break-inside:avoid-page}.idea h2{margin-top:.6em}\n"
    /* Phones: the stacked bar cell takes the whole line. */
    "@media (max-width:640px){td.barcell{width:auto}.idea{padding:2px 6px 6px}}\n";

/* A probability as a bar of 100 units, and its value. */
static void bar(FILE *out, double probability, const char *label)
{
    double width = probability < 0 ? 0 : probability > 1 ? 100 : 100 * probability;

    fputs("<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" "
          "aria-label=\"",
          out);
    mm_html_text(out, label);
    fprintf(out, " %.0f%%\"><rect width=\"100\" height=\"10\" fill=\"#e6ebf1\"></rect>"
                 "<rect width=\"%.1f\" height=\"10\" fill=\"#3c7be0\"></rect></svg>",
            width, width);
}

static void bdi(FILE *out, const char *s)
{
    fputs("<bdi>", out);
    mm_html_text(out, s);
    fputs("</bdi>", out);
}

static void card(FILE *out, const char *value, const char *label)
{
    fputs("<div class=\"card\"><b>", out);
    mm_html_text(out, value);
    fputs("</b><span>", out);
    mm_html_text(out, label);
    fputs("</span></div>\n", out);
}

static void ratings_cell(const mm_mentor_page *page, const mm_page_applicant *a, FILE *out)
{
    fputs("<td data-label=\"ratings\">", out);
    if (a->n_ratings == 0)
        fputs("<span class=\"muted\">none yet</span>", out);
    for (size_t k = 0; k < a->n_ratings; k++) {
        int you = strcmp(a->ratings[k].mentor, page->mentor) == 0;
        char rating[MM_NUMBER_SIZE];
        mm_format_number(rating, a->ratings[k].rating); /* exact: 4.9999 is not 5 */
        fputs(k ? ", " : "", out);
        fputs(you ? "<span class=\"you\">" : "<span>", out);
        bdi(out, a->ratings[k].mentor);
        fprintf(out, " %s%s</span>", rating, you ? " (you)" : "");
    }
    fputs("</td>", out);
}

static void where_cell(const mm_page_applicant *a, FILE *out)
{
    fputs("<td data-label=\"now\">", out);
    if (a->now) {
        fputs("<span class=\"here\">here</span>, led by ", out);
        bdi(out, a->lead);
    } else if (a->goes_to) {
        fputs("goes to <code>", out);
        mm_html_text(out, a->goes_to);
        fputs("</code>", out);
    } else
        fputs("unassigned", out);
    fputs("</td>", out);
}

static void probability_cell(const mm_page_applicant *a, FILE *out)
{
    fputs("<td class=\"barcell\" data-label=\"P(here)\">", out);
    bar(out, a->probability, "probability here");
    fprintf(out, "<span>%.0f%% here", 100 * a->probability);
    for (size_t k = 0; k < a->n_elsewhere; k++) {
        fputs(", <code>", out);
        mm_html_text(out, a->elsewhere[k].idea);
        fprintf(out, "</code> %.0f%%", 100 * a->elsewhere[k].probability);
    }
    if (a->unassigned > 0)
        fprintf(out, ", unassigned %.0f%%", 100 * a->unassigned);
    fputs("</span></td>", out);
}

static void threshold_cell(const mm_page_applicant *a, FILE *out)
{
    fputs("<td class=\"th\" data-label=\"what it would take\">", out);
    if (a->sentence) {
        fputs("<span>", out);
        mm_html_text(out, a->sentence);
        fputs("</span>", out);
    }
    if (a->why && !(a->sentence && strstr(a->sentence, a->why))) { /* said once */
        fputs(a->sentence ? "<br><span class=\"why\">why not here: " : "<span class=\"why\">why not here: ", out);
        mm_html_text(out, a->why);
        fputs("</span>", out);
    }
    fputs("</td>", out);
}

static void idea_section(const mm_mentor_page *page, const mm_page_idea *d, size_t index,
                         FILE *out)
{
    size_t shown = 0;

    fprintf(out, "<div class=\"idea\"><h2 id=\"idea-%zu\"><code>", index + 1);
    mm_html_text(out, d->id);
    fputs("</code>", out);
    if (d->title) {
        fputs(" ", out);
        bdi(out, d->title);
    }
    fprintf(out, "</h2>\n<p>%lld of %lld slot%s filled", (long long)d->filled,
            (long long)d->slots, d->slots == 1 ? "" : "s");
    if (d->org) {
        fputs(" &middot; org <code>", out);
        mm_html_text(out, d->org);
        fputs("</code>", out);
    }
    for (size_t k = 0; k < d->n_co; k++) {
        fputs(k ? ", " : " &middot; co-mentors ", out);
        bdi(out, d->co_mentors[k]);
    }
    fputs(" &middot; now: ", out);
    for (size_t k = 0; k < d->n_apps; k++)
        if (d->apps[k].now) {
            fputs(shown++ ? ", " : "", out);
            bdi(out, d->apps[k].student);
            fputs(" (lead ", out);
            bdi(out, d->apps[k].lead);
            fputs(")", out);
        }
    fputs(shown ? "</p>\n" : "nobody</p>\n", out);
    if (d->why_empty) {
        fputs("<p class=\"warn\">A slot is free: ", out);
        mm_html_text(out, d->why_empty);
        fputs("</p>\n", out);
    }
    if (d->n_apps == 0) {
        fputs("<p class=\"muted\">No applicants.</p></div>\n", out);
        return;
    }
    fputs("<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>applicant</th>"
          "<th class=\"n\">rank</th><th>ratings</th><th>now</th><th>P(here)</th>"
          "<th>what it would take</th></tr></thead><tbody>\n",
          out);
    for (size_t k = 0; k < d->n_apps; k++) {
        const mm_page_applicant *a = &d->apps[k];
        fputs("<tr><td data-label=\"applicant\">", out);
        bdi(out, a->student);
        fprintf(out, "</td><td class=\"n\" data-label=\"rank\">%lld</td>", (long long)a->rank);
        ratings_cell(page, a, out);
        where_cell(a, out);
        probability_cell(a, out);
        threshold_cell(a, out);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div></div>\n", out);
}

/* The quotas that count the mentor's applicants, those at a bound marked. */
static void quotas_section(const mm_mentor_page *page, FILE *out)
{
    if (page->n_quotas == 0)
        return;
    fputs("<div class=\"idea\"><h2 id=\"quotas\">Quotas that count your applicants</h2>\n"
          "<p class=\"muted\">A quota at its max admits nobody more with that value there; "
          "one at its min lets nobody with it leave.</p>\n<ul>\n", out);
    for (size_t k = 0; k < page->n_quotas; k++) {
        fputs(page->quotas[k].binds ? "<li class=\"warn\">" : "<li>", out);
        mm_html_text(out, page->quotas[k].text);
        fputs("</li>\n", out);
    }
    fputs("</ul></div>\n", out);
}

static void footer(FILE *out)
{
    fputs("<footer><p>", out);
    mm_html_text(out, MM_PREVIEW_PRIVACY);
    fprintf(out, "</p><p>Written by mentormatch %s.</p></footer>\n", mm_version());
}

void mm_page_write_html(const mm_mentor_page *page, FILE *out)
{
    char value[96], lo[MM_NUMBER_SIZE], hi[MM_NUMBER_SIZE];

    mm_html_head(out, page->mentor, ": mentor page", CSS);
    fputs("<body>\n<header>\n<h1>Mentor page: ", out);
    bdi(out, page->mentor);
    if (page->name) {
        fputs(" <span class=\"muted\">(", out);
        bdi(out, page->name);
        fputs(")</span>", out);
    }
    fputs("</h1>\n<p class=\"muted\">", out);
    if (page->program) {
        bdi(out, page->program);
        fputs(". ", out);
    }
    mm_format_number(lo, page->rating_lo);
    mm_format_number(hi, page->rating_hi);
    fprintf(out, "Probabilities from %zu solves with every rating moved by noise %g (seed %llu); "
                 "ratings on a scale of %s to %s.</p>\n",
            page->samples, page->noise, page->seed, lo, hi);
    fputs("<div class=\"cards\">\n", out);
    snprintf(value, sizeof value, "%lld / %lld", (long long)page->load, (long long)page->capacity);
    card(out, value, "your load / capacity");
    {
        long long filled = 0, slots = 0;
        for (size_t i = 0; i < page->n_ideas; i++) {
            filled += page->ideas[i].filled;
            slots += page->ideas[i].slots;
        }
        snprintf(value, sizeof value, "%lld / %lld", filled, slots);
        card(out, value, "slots of your ideas filled");
    }
    snprintf(value, sizeof value, "%zu", page->at_risk);
    card(out, value, "placed students at risk (below 50%)");
    fputs("</div>\n", out);
    if (page->n_ideas > 1) {
        fputs("<nav>", out);
        for (size_t i = 0; i < page->n_ideas; i++) {
            fprintf(out, "%s<a href=\"#idea-%zu\">", i ? " &middot; " : "", i + 1);
            mm_html_text(out, page->ideas[i].id);
            fputs("</a>", out);
        }
        fputs("</nav>\n", out);
    }
    fputs("</header>\n<main>\n", out);
    for (size_t k = 0; k < page->n_notes; k++) {
        fputs("<p class=\"warn\">", out);
        mm_html_text(out, page->notes[k]);
        fputs("</p>\n", out);
    }
    for (size_t i = 0; i < page->n_ideas; i++)
        idea_section(page, &page->ideas[i], i, out);
    if (page->n_ideas == 0)
        fputs("<p>You mentor no idea.</p>\n", out);
    quotas_section(page, out);
    fputs("</main>\n", out);
    footer(out);
    fputs("</body>\n</html>\n", out);
}

void mm_index_write_html(const mm_preview_set *set, const mm_mentor_headline *rows,
                         const char *const *links, size_t n, FILE *out)
{
    const char *title = set->p->program_name && *set->p->program_name ? set->p->program_name
                                                                       : "mentormatch";

    mm_html_head(out, title, ": mentor pages", CSS);
    fputs("<body>\n<header>\n<h1>", out);
    bdi(out, title);
    fputs(": mentor pages</h1>\n", out);
    fprintf(out, "<p class=\"muted\">%zu mentor%s; probabilities from %zu solves with rating "
                 "noise %g (seed %llu). Each page is private to its mentor.</p>\n</header>\n<main>\n",
            n, n == 1 ? "" : "s", set->opts.samples, set->opts.noise, set->opts.seed);
    fputs("<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>mentor</th>"
          "<th class=\"n\">load / capacity</th><th class=\"n\">ideas</th>"
          "<th class=\"n\">slots filled</th><th class=\"n\">students at risk</th></tr></thead>"
          "<tbody>\n",
          out);
    for (size_t k = 0; k < n; k++) {
        const mm_mentor_headline *h = &rows[k];
        fputs("<tr><td data-label=\"mentor\">", out);
        if (links && links[k]) {
            fputs("<a href=\"", out);
            mm_html_text(out, links[k]);
            fputs("\">", out);
        }
        bdi(out, h->mentor);
        if (links && links[k])
            fputs("</a>", out);
        if (h->name) {
            fputs(" <span class=\"muted\">", out);
            bdi(out, h->name);
            fputs("</span>", out);
        }
        fprintf(out, "</td><td class=\"n\" data-label=\"load / capacity\">%lld / %lld</td>"
                     "<td class=\"n\" data-label=\"ideas\">%zu</td>"
                     "<td class=\"n\" data-label=\"slots filled\">%lld / %lld</td>"
                     "<td class=\"n%s\" data-label=\"students at risk\">%zu</td></tr>\n",
                (long long)h->load, (long long)h->capacity, h->ideas, (long long)h->filled,
                (long long)h->slots, h->at_risk ? " warn" : "", h->at_risk);
    }
    fputs("</tbody></table></div>\n</main>\n", out);
    fprintf(out, "<footer><p>Students at risk: placed at the mentor's ideas now, with a "
                 "probability below 50%% of staying.</p><p>Written by mentormatch %s.</p>"
                 "</footer>\n</body>\n</html>\n",
            mm_version());
}
