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

#endif
