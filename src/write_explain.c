/* An explanation as readable text or as JSON. */
#include "emit.h"
#include "explain.h"
#include "reasons.h"
#include "strbuf.h"
#include "threshold.h"

static const char *student_id(const mm_explanation *e, uint32_t s)
{
    return e->p->students[s].id;
}

static const char *idea_of_app(const mm_explanation *e, uint32_t app)
{
    return e->p->ideas[e->p->apps[app].idea].id;
}

/* ---- text -------------------------------------------------------------- */

static void text_holders(const mm_explanation *e, uint32_t idea, FILE *out)
{
    const mm_problem *p = e->p;

    if (e->r->idea_filled[idea] == 0)
        fputs("    (nobody)\n", out);
    for (size_t s = 0; s < p->n_students; s++) {
        uint32_t app = e->placed_app[s];
        if (app == MM_NONE || p->apps[app].idea != idea)
            continue;
        fputs("    ", out);
        mm_emit_visible(out, student_id(e, (uint32_t)s));
        fputs(" with ", out);
        mm_emit_visible(out, p->mentors[e->placed_mentor[s]].id);
        fprintf(out, ", rank %lld, score %.4f\n", (long long)p->apps[app].rank, p->apps[app].score);
    }
}

static void text_why_not(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    const mm_problem *p = e->p;
    const mm_application *app = &p->apps[alt->app];
    const mm_idea *idea = &p->ideas[app->idea];
    mm_strbuf why;

    mm_strbuf_init(&why);
    if (app->ineligible) {
        mm_describe_ineligible(p, app, &why);
        fputs("      not eligible:", out);
        mm_emit_visible(out, mm_strbuf_text(&why));
        fputc('\n', out);
        mm_strbuf_dispose(&why);
        return;
    }
    if (alt->idea_full)
        mm_strbuf_printf(&why, "idea full (%lld of %lld slots)", (long long)e->r->idea_filled[app->idea],
                         (long long)idea->slots);
    if (alt->mentors_full) {
        mm_strbuf_sep(&why, "; ");
        mm_strbuf_printf(&why, "every mentor free of conflict is at capacity");
    }
    if (alt->org_full) {
        mm_strbuf_sep(&why, "; ");
        mm_strbuf_printf(&why, "org " MM_ID_FMT " slots used", MM_ID_ARG(p->orgs[idea->org].id));
    }
    if (alt->program_full) {
        mm_strbuf_sep(&why, "; ");
        mm_strbuf_printf(&why, "program slots used");
    }
    if (alt->quota_cell != MM_NONE) {
        mm_strbuf_sep(&why, "; ");
        mm_describe_quota_block(p, alt->quota_cell, &why);
    }
    fputs("      not made: ", out);
    mm_emit_visible(out, why.len ? mm_strbuf_text(&why) : "room was left; the objective preferred otherwise");
    fputc('\n', out);
    mm_strbuf_dispose(&why);
}

/* The rise as the mean rating of the application's raters that brings it
 * (threshold_rating.c's conversion, in the mean's units). */
static void text_in_ratings(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    const mm_application *app = &e->p->apps[alt->app];
    mm_threshold th = {MM_THRESHOLD_NEEDS, 1, 0, alt->rise, MM_NONE, 0};
    mm_rating_threshold r;

    mm_threshold_mean_rating(e->p, alt->app, &th, &r);
    fputs("      in ratings: ", out);
    switch (r.kind) {
    case MM_RATING_CANNOT:
        fprintf(out, "even a rating of %g from every mentor would not be enough", e->p->settings.rating_hi);
        break;
    case MM_RATING_NEEDS:
        fprintf(out, "a mean rating of %g would %s", r.shown,
                r.shown > r.rating + 1e-9 * r.step ? "be enough" : "tie, any higher be enough");
        break;
    case MM_RATING_ANY: fputs("any rating would be enough", out); break;
    default: fputs("no rating changes it (weights.rating is 0)", out); break;
    }
    if (app->rating_count)
        fprintf(out, " (today %g from %u rating%s)\n", app->rating_sum / app->rating_count,
                (unsigned)app->rating_count, app->rating_count == 1 ? "" : "s");
    else
        fputs(" (unrated today)\n", out);
}

static void text_tie(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    const mm_application *app = &e->p->apps[alt->app];

    fputs("      to place it: nothing; a tie: an allocation as good places ", out);
    mm_emit_visible(out, student_id(e, app->student));
    if (e->subject == MM_EXPLAIN_STUDENT) {
        fputs(" on ", out);
        mm_emit_visible(out, idea_of_app(e, alt->app));
    } else {
        fputs(" here", out);
    }
    if (alt->tie_with != MM_NONE) {
        fputs(" instead of ", out);
        mm_emit_visible(out, student_id(e, alt->tie_with));
    }
    fputs("; the tie rule chose this one (docs/result-format.md, How ties are broken)\n", out);
}

static void text_what_it_takes(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    switch (alt->whatif) {
    case MM_WHATIF_RISE:
        if (alt->tie) {
            text_tie(e, alt, out);
            break;
        }
        fprintf(out, "      to place it: its score must rise by at least %.4f\n", alt->rise);
        text_in_ratings(e, alt, out);
        break;
    case MM_WHATIF_FEWER:
        fprintf(out, "      to place it: the allocation would lose %zu assignment%s; no rise in "
                     "its score makes up for that\n", alt->fewer, alt->fewer == 1 ? "" : "s");
        break;
    case MM_WHATIF_INFEASIBLE:
        fputs("      to place it: impossible, the constraints could not all hold\n", out);
        break;
    case MM_WHATIF_OUT_OF_TIME:
        fputs("      to place it: not computed (time limit)\n", out);
        break;
    default:
        break;
    }
}

static void text_where_now(const mm_explanation *e, uint32_t s, FILE *out)
{
    uint32_t app = e->placed_app[s];

    if (app == MM_NONE) {
        fputs("now unassigned", out);
        return;
    }
    fputs("now on ", out);
    mm_emit_visible(out, idea_of_app(e, app));
    fprintf(out, " (rank %lld, score %.4f)", (long long)e->p->apps[app].rank, e->p->apps[app].score);
}

static void text_alternative(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    const mm_application *app = &e->p->apps[alt->app];

    fputs("    ", out);
    if (e->subject == MM_EXPLAIN_STUDENT) {
        fprintf(out, "rank %lld: ", (long long)app->rank);
        mm_emit_visible(out, idea_of_app(e, alt->app));
    } else {
        mm_emit_visible(out, student_id(e, app->student));
        fprintf(out, " (rank %lld), ", (long long)app->rank);
        text_where_now(e, app->student, out);
    }
    fprintf(out, ", score there %.4f\n", app->score);
    text_why_not(e, alt, out);
    text_what_it_takes(e, alt, out);
}

static void text_student(const mm_explanation *e, FILE *out)
{
    uint32_t s = e->subject_index, app = e->placed_app[s];

    fputs("student ", out);
    mm_emit_visible(out, student_id(e, s));
    if (app == MM_NONE) {
        fputs(": not assigned\n", out);
    } else {
        const mm_application *a = &e->p->apps[app];
        fputs(": assigned to ", out);
        mm_emit_visible(out, idea_of_app(e, app));
        fputs(" with ", out);
        mm_emit_visible(out, e->p->mentors[e->placed_mentor[s]].id);
        fprintf(out, ", rank %lld, score %.4f (rating %.4g, preference %.4g, skill %.4g, impact %.4g)\n",
                (long long)a->rank, a->score, a->components[MM_W_RATING],
                a->components[MM_W_PREFERENCE], a->components[MM_W_SKILL], a->components[MM_W_IMPACT]);
    }
    if (e->n_alts == 0) {
        fputs(app == MM_NONE ? "  no applications\n" : "  placed on their first choice\n", out);
        return;
    }
    fputs(app == MM_NONE ? "  applications:\n" : "  better-ranked applications:\n", out);
    for (size_t k = 0; k < e->n_alts; k++)
        text_alternative(e, &e->alts[k], out);
}

static void text_idea_header(const mm_explanation *e, uint32_t i, FILE *out)
{
    const mm_idea *idea = &e->p->ideas[i];

    fputs("idea ", out);
    mm_emit_visible(out, idea->id);
    fprintf(out, ": %lld of %lld slots filled; mentors", (long long)e->r->idea_filled[i],
            (long long)idea->slots);
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t m = e->p->idea_mentors[idea->mentor_begin + k];
        fputs(k ? ", " : " ", out);
        mm_emit_visible(out, e->p->mentors[m].id);
        fprintf(out, " %lld/%lld", (long long)e->r->mentor_load[m], (long long)e->p->mentors[m].capacity);
    }
    fputs("\n  held by:\n", out);
    text_holders(e, i, out);
}

/* Idea and mentor views: one block per idea, alternatives next in line first. */
static void text_ideas(const mm_explanation *e, FILE *out)
{
    const mm_problem *p = e->p;

    if (e->subject == MM_EXPLAIN_MENTOR) {
        const mm_mentor *m = &p->mentors[e->subject_index];
        fputs("mentor ", out);
        mm_emit_visible(out, m->id);
        fprintf(out, ": load %lld of capacity %lld (min_load %lld)\n",
                (long long)e->r->mentor_load[e->subject_index], (long long)m->capacity,
                (long long)m->min_load);
    }
    for (size_t i = 0; i < p->n_ideas; i++) {
        int shown = e->subject == MM_EXPLAIN_IDEA && i == e->subject_index;
        for (uint32_t k = 0; !shown && e->subject == MM_EXPLAIN_MENTOR && k < p->ideas[i].mentor_count; k++)
            shown = p->idea_mentors[p->ideas[i].mentor_begin + k] == e->subject_index;
        if (!shown)
            continue;
        text_idea_header(e, (uint32_t)i, out);
        fputs("  other applicants, next in line first:\n", out);
        for (size_t k = 0; k < e->n_alts; k++)
            if (p->apps[e->alts[k].app].idea == i)
                text_alternative(e, &e->alts[k], out);
    }
}

/* ---- JSON -------------------------------------------------------------- */

static const char *whatif_name(mm_whatif w)
{
    switch (w) {
    case MM_WHATIF_RISE: return "rise";
    case MM_WHATIF_FEWER: return "fewer";
    case MM_WHATIF_INFEASIBLE: return "infeasible";
    case MM_WHATIF_OUT_OF_TIME: return "out_of_time";
    default: return "none";
    }
}

static void json_placement(const mm_explanation *e, uint32_t s, FILE *out)
{
    uint32_t app = e->placed_app[s];

    if (app == MM_NONE) {
        fputs("null", out);
        return;
    }
    fputs("{\"idea\": ", out);
    mm_emit_json_string(out, idea_of_app(e, app));
    fputs(", \"mentor\": ", out);
    mm_emit_json_string(out, e->p->mentors[e->placed_mentor[s]].id);
    fprintf(out, ", \"rank\": %lld, \"score\": ", (long long)e->p->apps[app].rank);
    mm_emit_json_number(out, e->p->apps[app].score);
    fputc('}', out);
}

/* "mean_rating": the mean that brings it (null: none on the scale does, or
 * ratings move nothing), for a rise that is not a tie. */
static void json_mean_rating(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    mm_threshold th = {MM_THRESHOLD_NEEDS, 1, 0, alt->rise, MM_NONE, 0};
    mm_rating_threshold r;

    if (alt->tie)
        return;
    mm_threshold_mean_rating(e->p, alt->app, &th, &r);
    fputs(", \"mean_rating\": ", out);
    if (r.kind == MM_RATING_NEEDS || r.kind == MM_RATING_ANY)
        mm_emit_json_number(out, r.shown);
    else
        fputs("null", out);
}

static void json_alternative(const mm_explanation *e, const mm_alternative *alt, FILE *out)
{
    const mm_application *app = &e->p->apps[alt->app];
    mm_strbuf why;

    fputs("    {\"student\": ", out);
    mm_emit_json_string(out, student_id(e, app->student));
    fputs(", \"idea\": ", out);
    mm_emit_json_string(out, idea_of_app(e, alt->app));
    fprintf(out, ", \"rank\": %lld, \"score\": ", (long long)app->rank);
    mm_emit_json_number(out, app->score);
    fputs(", \"now\": ", out);
    json_placement(e, app->student, out);
    mm_strbuf_init(&why);
    mm_describe_ineligible(e->p, app, &why);
    fputs(",\n     \"ineligible\": ", out);
    if (app->ineligible)
        mm_emit_json_string(out, mm_strbuf_text(&why) + 1); /* drop the leading space */
    else
        fputs("null", out);
    mm_strbuf_dispose(&why);
    fprintf(out, ", \"idea_full\": %s, \"mentors_at_capacity\": %s, \"org_full\": %s, "
                 "\"program_full\": %s,\n     \"what_it_takes\": {\"kind\": \"%s\"",
            alt->idea_full ? "true" : "false", alt->mentors_full ? "true" : "false",
            alt->org_full ? "true" : "false", alt->program_full ? "true" : "false",
            whatif_name(alt->whatif));
    if (alt->whatif == MM_WHATIF_RISE) {
        fputs(", \"rise\": ", out);
        mm_emit_json_number(out, alt->rise);
        fprintf(out, ", \"tie\": %s, \"tie_with\": ", alt->tie ? "true" : "false");
        if (alt->tie && alt->tie_with != MM_NONE)
            mm_emit_json_string(out, student_id(e, alt->tie_with));
        else
            fputs("null", out);
        json_mean_rating(e, alt, out);
    } else if (alt->whatif == MM_WHATIF_FEWER) {
        fprintf(out, ", \"fewer\": %zu", alt->fewer);
    }
    fputs("}}", out);
}

static void write_json(const mm_explanation *e, FILE *out)
{
    static const char *const subjects[] = {"student", "idea", "mentor"};
    const mm_problem *p = e->p;
    const char *id = e->subject == MM_EXPLAIN_STUDENT ? p->students[e->subject_index].id
                     : e->subject == MM_EXPLAIN_IDEA  ? p->ideas[e->subject_index].id
                                                      : p->mentors[e->subject_index].id;

    fprintf(out, "{\n  \"subject\": \"%s\",\n  \"id\": ", subjects[e->subject]);
    mm_emit_json_string(out, id);
    if (e->subject == MM_EXPLAIN_STUDENT) {
        fputs(",\n  \"placement\": ", out);
        json_placement(e, e->subject_index, out);
    }
    fputs(",\n  \"alternatives\": [", out);
    for (size_t k = 0; k < e->n_alts; k++) {
        fputs(k ? ",\n" : "\n", out);
        json_alternative(e, &e->alts[k], out);
    }
    fputs(e->n_alts ? "\n  ]\n}\n" : "]\n}\n", out);
}

int mm_explanation_write(const mm_explanation *e, mm_format format, FILE *out)
{
    if (format == MM_FORMAT_JSON)
        write_json(e, out);
    else if (e->subject == MM_EXPLAIN_STUDENT)
        text_student(e, out);
    else
        text_ideas(e, out);
    return ferror(out) || fflush(out) != 0 ? MM_EIO : 0;
}
