/* Student attributes and quotas (SPEC 7): interned values, the units and
 * values each quota constrains ("cells"), and which cell an assignment
 * counts in. Shared by the model, the strategies, the result and evaluate,
 * so all of them count the same way. */
#ifndef MM_QUOTA_H
#define MM_QUOTA_H

#include "problem.h"

/* The index of a value, interned on first sight; MM_NONE when out of memory. */
uint32_t mm_value_intern(mm_problem *p, mm_value_type type, const char *text, size_t len,
                         double number);
/* The index of an attribute name, interned on first sight; MM_NONE on oom. */
uint32_t mm_attr_intern(mm_problem *p, const char *name, size_t len);
/* Student s's value of attribute `attr`; MM_NONE when s has none. */
uint32_t mm_student_value(const mm_problem *p, uint32_t s, uint32_t attr);
/* Order of values: booleans (false, true), numbers, then text bytewise. */
int mm_value_compare(const mm_problem *p, uint32_t a, uint32_t b);
/* The unit of quota q that variable (app, mentor) counts in, or MM_NONE. */
uint32_t mm_quota_unit(const mm_problem *p, const mm_quota *q, uint32_t app, uint32_t mentor);
/* The cell of quota q that (app, mentor) counts in, or MM_NONE. */
uint32_t mm_quota_cell_of(const mm_problem *p, uint32_t q, uint32_t app, uint32_t mentor);
/* Fill p->cells: every unit and value of a quota that some (application,
 * mentor) pair counts in, and, for a quota with a min, every
 * unit and value (an empty one then cannot be met). Called once the
 * problem is scored. @return 0 or MM_ENOMEM. */
int mm_quota_cells(mm_problem *p);
/* "program", "org", "idea" or "mentor". */
const char *mm_quota_per_name(mm_quota_per per);
/* The id of cell c's unit ("" for the program). */
const char *mm_quota_unit_id(const mm_problem *p, const mm_quota_cell *c);
/* x in the fewest digits (15 to 17) that read back the same. */
void mm_number_shortest(char *buf, size_t size, double x);
/* Write value v as JSON text ("true", 2, "TU Delft") into buf. */
void mm_value_format(char *buf, size_t size, const mm_problem *p, uint32_t v);

#endif
