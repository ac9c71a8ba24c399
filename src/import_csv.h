/* The state of one CSV import, shared by reading the rows (import_csv.c)
 * and checking what they built (import_places.c). */
#ifndef MM_IMPORT_CSV_H
#define MM_IMPORT_CSV_H

#include "build.h"
#include "csv_read.h"
#include "hashmap.h"
#include "mentormatch/import.h"

#define MM_CSV_MAX_COLUMNS 10 /* the most columns a table has (ideas: 9) */

typedef struct {
    const mm_csv_files *files;
    mm_diags *diags;
    mm_csv_data data[MM_CSV_TABLE_COUNT];
    size_t column[MM_CSV_TABLE_COUNT][MM_CSV_MAX_COLUMNS]; /* per schema column: its file column */
    size_t *attr_column; /* the students table's attr.NAME columns (mm_free) */
    size_t n_attr;
    size_t program_row[N_FIELDS];                   /* 0: key not given */
    const char *program_name;
    long long program_slots;
    mm_builder *b;
    mm_arena scratch;     /* list items and error places */
    mm_strmap bad_places; /* cells already reported: nothing more is said of them */
    int oom;
} mm_importer;

/* Finish the builder: its problems, placed in the files ("mentors[3].id"
 * -> "mentors.csv:5: column 'id'"), go to the import's list, but for cells
 * already reported. @return 0, MM_EINVALID or MM_ENOMEM. */
int mm_import_check(mm_importer *im);

#endif
