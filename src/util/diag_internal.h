/*
 * diag_internal.h - appending to a diagnostics list from the loaders.
 */
#ifndef PARLEY_DIAG_INTERNAL_H
#define PARLEY_DIAG_INTERNAL_H

#include <stdarg.h>
#include "internal.h"
#include "parley/diag.h"

/* Append one diagnostic; `expected` may be NULL. NULL list: no-op.
 * Returns 0 or PARLEY_ENOMEM. */
int parley_diag__add(parley_diag_list *list, const char *file, unsigned line,
	unsigned column, const char *expected, const char *fmt, ...) PARLEY__PRINTF(6, 7);
int parley_diag__vadd(parley_diag_list *list, const char *file, unsigned line,
	unsigned column, const char *expected, const char *fmt, va_list ap);
/* Sort the entries from index `from` on by position (stable). */
void parley_diag__sort(parley_diag_list *list, size_t from);

/* Limits of every reader (input.c). parley__too_large() adds "the file is
 * too large: SIZE bytes (at most MAX)" with no position (SIZE 0: unknown,
 * "more than MAX bytes"); parley__long_line() adds "line L is too long"
 * at L:1 for the first line of data[0, len) longer than max_line_bytes and
 * returns 1, or returns 0 when every line fits. Both return PARLEY_ENOMEM
 * when the diagnostic cannot be added. */
int parley__too_large(parley_diag_list *diags, const char *name, size_t size, size_t max_bytes);
int parley__long_line(parley_diag_list *diags, const char *name, const char *data,
	size_t len, size_t max_line_bytes);

#endif
