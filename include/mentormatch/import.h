/**
 * The input document as CSV files, one per table, for organizers who keep
 * their data in spreadsheets; docs/csv-format.md describes the files.
 * mm_import_csv reads them into a builder (build.h), which writes the JSON
 * document; mm_export_csv writes them from a document.
 */
#ifndef MENTORMATCH_IMPORT_H
#define MENTORMATCH_IMPORT_H

#include <stdio.h>

#include "build.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The tables; each is one CSV file, conventionally NAME.csv. */
typedef enum {
    MM_CSV_PROGRAM,      /**< program and settings: key,value rows */
    MM_CSV_ORGS,
    MM_CSV_MENTORS,      /**< required */
    MM_CSV_IDEAS,        /**< required */
    MM_CSV_STUDENTS,     /**< required */
    MM_CSV_APPLICATIONS, /**< required */
    MM_CSV_RATINGS,
    MM_CSV_CONFLICTS,
    MM_CSV_FIXED,
    MM_CSV_FORBIDDEN,
    MM_CSV_QUOTAS,       /**< quotas on students' attributes (their `attr.NAME` columns) */
    MM_CSV_TABLE_COUNT
} mm_csv_table;

/** @return the table's name: "program", "orgs", ..., "quotas"; NULL past the end. */
MM_EXTERN const char *mm_csv_table_name(mm_csv_table table);

/** @return 1 when an import needs the table (mentors, ideas, students, applications), else 0. */
MM_EXTERN int mm_csv_table_required(mm_csv_table table);

/** What to import. Initialise with MM_CSV_FILES_INIT. */
typedef struct {
    const char *paths[MM_CSV_TABLE_COUNT]; /**< the file of each table; NULL: not given */
    int strict; /**< non-zero: unknown columns and program keys are errors, not warnings */
    /** The cell delimiter of every file: ',', ';' or '\t'; 0 (the default):
     * found in each file from its header row and the rows after it. */
    char delimiter;
} mm_csv_files;

/** No files, not strict, delimiters detected. */
#define MM_CSV_FILES_INIT {{NULL}, 0, 0}

/**
 * Read the CSV files and check the document they make, as
 * mm_builder_finish does. Every problem goes to `diags` at a place naming
 * the file, the row and the column: "ideas.csv:7: column 'slots'" (the
 * header is row 1), or "ideas.csv:7" for the whole row.
 * @param[out] out a builder holding the document (mm_builder_write_json
 *             writes it), owned by the caller (mm_builder_free); NULL on failure
 * @param diags where errors and warnings go; must not be NULL
 * @return 0, MM_EINVALID (a file has a problem, or the document does),
 *         MM_EIO (a file cannot be read; reported) or MM_ENOMEM
 */
MM_EXTERN int mm_import_csv(mm_builder **out, const mm_csv_files *files, mm_diags *diags);

/**
 * Write the tables of an input document as CSV. The document is read and
 * validated first, as mm_problem_read_buffer does; nothing is written when
 * it has errors. Tables are written whole, header included, even empty.
 * Importing the files gives the document back, except that a setting given
 * as null and an empty optional array are left out (both mean "none").
 * @param data, len the JSON document
 * @param strict non-zero: unknown keys in the document are errors
 * @param out one stream per table (NULL: do not write that table); flushed, not closed
 * @param diags where the document's problems go
 * @return 0, MM_EINVALID, MM_EIO (a write failed) or MM_ENOMEM
 */
MM_EXTERN int mm_export_csv(const char *data, size_t len, int strict,
                            FILE *const out[MM_CSV_TABLE_COUNT], mm_diags *diags);

/** As mm_export_csv, the document read from the file `path` (MM_EIO when it cannot be read). */
MM_EXTERN int mm_export_csv_file(const char *path, int strict, FILE *const out[MM_CSV_TABLE_COUNT],
                                 mm_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
