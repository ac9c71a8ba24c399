/* Input-derived text made safe for a terminal and for one-line messages:
 * the one rule that every message, JSON place and table writer follows.
 * Shown as escapes: line feed and tab as \n and \t; other C0 controls,
 * DEL and the C1 controls (U+0080..U+009F, such as CSI and OSC) as \u00XX;
 * a byte that is not part of valid UTF-8 as \xNN. Everything else, the
 * backslash included, stays as it is, so escaping twice changes nothing. */
#ifndef MM_TEXTSAFE_H
#define MM_TEXTSAFE_H

#include <stddef.h>

#include "strbuf.h"

#define MM_VISIBLE_ESC_SIZE 8

/* The length of the valid UTF-8 sequence at `c` (1 for ASCII), or 0 (RFC
 * 3629: no overlong forms, no surrogates, nothing past U+10FFFF; a
 * sequence longer than `left` bytes is not valid). A NUL-terminated string
 * may pass (size_t)-1: a sequence stops at the first byte that fails. */
size_t mm_utf8_sequence(const unsigned char *c, size_t left);

/* The character that starts `s` (not at its end): @return its length in
 * bytes; `esc` gets its escape, or "" when it is shown as it is. */
size_t mm_visible_next(const char *s, char esc[MM_VISIBLE_ESC_SIZE]);

/* Append `s`, escaped. */
void mm_visible_append(mm_strbuf *sb, const char *s);

/* A new escaped copy of `s` (mm_free), or NULL when out of memory. */
char *mm_visible_dup(const char *s);

#endif
