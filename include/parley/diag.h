/*
 * parley/diag.h - diagnostics: every problem found in an input file, each
 * with its position, so that `parley validate` can report all of them.
 *
 * A parley_diag_list is a caller-owned struct (initialise with
 * PARLEY_DIAG_LIST_INIT, release with parley_diag_list_dispose). Loaders
 * append to it; they never print. Most entries are errors; the scenario
 * loader also appends warnings (severity PARLEY_DIAG_WARNING) about codings
 * that are legal but suspicious, and returns 0 when there are only those.
 */
#ifndef PARLEY_DIAG_H
#define PARLEY_DIAG_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How bad a diagnostic is. */
typedef enum {
	PARLEY_DIAG_ERROR = 0, /**< the input is refused */
	PARLEY_DIAG_WARNING    /**< legal but suspicious: the input is read, the loader returns 0 */
} parley_diag_severity;

/** One problem in an input. */
typedef struct {
	char *file;      /**< the input's name as given to the loader (owned by the list) */
	unsigned line;   /**< 1-based line, 0 when unknown */
	unsigned column; /**< 1-based column, 0 when unknown */
	char *message;   /**< what is wrong (owned by the list) */
	char *expected;  /**< what was expected, or NULL (owned by the list) */
	parley_diag_severity severity; /**< error (refused) or warning (read anyway) */
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

/** Default limits of the readers of input files (each reader's options or
 *  documentation say which apply): size, and length of a line in bytes. */
#define PARLEY_MAX_INPUT_BYTES ((size_t)64 << 20)
#define PARLEY_MAX_LINE_BYTES ((size_t)4 << 20)

/**
 * Read a whole file into `out`, refusing one larger than `max_bytes`.
 * Reading stops one byte past the limit, so that a huge file or an endless
 * stream (a pipe, /dev/zero) costs at most about `max_bytes` of memory.
 *
 * @param out        receives the bytes (appended; NUL-terminated); left
 *                   as it was on failure
 * @param path       the file; also its name in the diagnostic
 * @param max_bytes  the largest size accepted (> 0), e.g. PARLEY_MAX_INPUT_BYTES
 * @param diags      receives "PATH: error: the file is too large: N bytes
 *                   (at most MAX)" (may be NULL)
 * @return 0; PARLEY_EPARSE (too large); PARLEY_EIO (cannot open or read
 *         it; the message names the file); PARLEY_ENOMEM; PARLEY_EINVAL.
 */
int parley_read_file(parley_buf *out, const char *path, size_t max_bytes,
	parley_diag_list *diags);

/**
 * Append `FILE:LINE:COL: error: MESSAGE (EXPECTED)` and a newline to `out`
 * (`warning:` for a warning). LINE and COL are omitted when unknown.
 * @return 0 or PARLEY_ENOMEM.
 */
int parley_diag_format(parley_buf *out, const parley_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
