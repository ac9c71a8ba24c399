/* HTML pieces shared by the report and the mentor pages (report_html.c):
 * one escaping rule, one head and style. */
#ifndef MM_HTML_H
#define MM_HTML_H

#include <stdio.h>

/* Text as HTML character data or attribute value: & < > " ' escaped,
 * characters HTML forbids and bytes that are not UTF-8 written as U+FFFD. */
void mm_html_text(FILE *out, const char *s);

/* <!DOCTYPE html> to </head>: `title` (escaped) then `suffix` (HTML, not
 * escaped) as the title; one <style> of the shared rules then `css` (more
 * rules, or NULL). Self-contained: no script, no external URL. */
void mm_html_head(FILE *out, const char *title, const char *suffix, const char *css);

#endif
