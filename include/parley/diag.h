/*
 * parley/diag.h - diagnostics: every problem found in an input file, each
 * with its position, so that `parley validate` can report all of them.
 *
 * A parley_diag_list is a caller-owned struct (initialise with
 * PARLEY_DIAG_LIST_INIT, release with parley_diag_list_dispose). Loaders
 * append to it; they never print.
 */
#ifndef PARLEY_DIAG_H
#define PARLEY_DIAG_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One problem in an input. */
typedef struct {
	char *file;      /**< the input's name as given to the loader (owned by the list) */
	unsigned line;   /**< 1-based line, 0 when unknown */
	unsigned column; /**< 1-based column, 0 when unknown */
	char *message;   /**< what is wrong (owned by the list) */
	char *expected;  /**< what was expected, or NULL (owned by the list) */
} parley_diag;

/** A list of diagnostics, in the order they were found (sorted by position by the loaders). */
typedef struct {
	parley_diag *items; /**< `count` diagnostics */
	size_t count;       /**< number of diagnostics */
	size_t alloc;       /**< allocated slots */
} parley_diag_list;

#define PARLEY_DIAG_LIST_INIT { NULL, 0, 0 }

/** Free every diagnostic and reset the list. NULL is a no-op. */
void parley_diag_list_dispose(parley_diag_list *list);

/**
 * Append `FILE:LINE:COL: error: MESSAGE (EXPECTED)` and a newline to `out`.
 * LINE and COL are omitted when unknown.
 * @return 0 or PARLEY_ENOMEM.
 */
int parley_diag_format(parley_buf *out, const parley_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
