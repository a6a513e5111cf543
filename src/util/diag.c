/*
 * diag.c - the diagnostics list (parley/diag.h): appending problems found
 * in an input, sorting them by position, and formatting them as
 * `FILE:LINE:COL: error: MESSAGE (EXPECTED)` (or `warning:`).
 */
#include <stdlib.h>
#include <string.h>
#include "diag_internal.h"

void parley_diag_list_dispose(parley_diag_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->count; i++) {
		parley__free(list->items[i].file);
		parley__free(list->items[i].message);
		parley__free(list->items[i].expected);
	}
	parley__free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}

int parley_diag__vadd(parley_diag_list *list, const char *file, unsigned line,
	unsigned column, const char *expected, const char *fmt, va_list ap)
{
	parley_buf msg = PARLEY_BUF_INIT;
	parley_diag *d;

	if (!list)
		return 0;
	if (list->count == list->alloc) {
		size_t nalloc = list->alloc ? list->alloc * 2 : 16;
		parley_diag *p = parley__realloc(list->items, nalloc * sizeof(*p));
		if (!p)
			return PARLEY_ENOMEM;
		list->items = p;
		list->alloc = nalloc;
	}
	if (parley_buf__vprintf(&msg, fmt, ap) < 0)
		return PARLEY_ENOMEM;
	d = &list->items[list->count];
	d->file = parley__strdup(file ? file : "<input>");
	d->expected = expected ? parley__strdup(expected) : NULL;
	d->message = msg.ptr;
	d->line = line;
	d->column = column;
	d->severity = PARLEY_DIAG_ERROR;
	if (!d->file || !d->message || (expected && !d->expected)) {
		parley__free(d->file);
		parley__free(d->expected);
		parley__free(d->message);
		return PARLEY_ENOMEM;
	}
	list->count++;
	return 0;
}

int parley_diag__add(parley_diag_list *list, const char *file, unsigned line,
	unsigned column, const char *expected, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = parley_diag__vadd(list, file, line, column, expected, fmt, ap);
	va_end(ap);
	return error;
}

/* Stable insertion sort by (line, column) over the entries from `from` on:
 * lists are short (a file's errors), and stability keeps the order in
 * which several problems at one place were found. */
void parley_diag__sort(parley_diag_list *list, size_t from)
{
	size_t i, j;

	if (!list)
		return;
	for (i = from + 1; i < list->count; i++) {
		parley_diag tmp = list->items[i];
		for (j = i; j > from; j--) {
			parley_diag *prev = &list->items[j - 1];
			if (prev->line < tmp.line ||
			    (prev->line == tmp.line && prev->column <= tmp.column))
				break;
			list->items[j] = *prev;
		}
		list->items[j] = tmp;
	}
}

int parley_diag_format(parley_buf *out, const parley_diag *diag)
{
	int error;

	const char *kind;

	PARLEY_ASSERT_ARG(out && diag);
	/* A message may quote the input: shown through parley__text_escape(),
	 * so that it never carries a raw control character to a terminal. */
	kind = diag->severity == PARLEY_DIAG_WARNING ? "warning" : "error";
	error = parley__text_escape(out, diag->file, strlen(diag->file), 0);
	if (!error && diag->line)
		error = parley_buf__printf(out, ":%u:%u", diag->line, diag->column ? diag->column : 1);
	if (!error)
		error = parley_buf__printf(out, ": %s: ", kind);
	if (!error && diag->message)
		error = parley__text_escape(out, diag->message, strlen(diag->message), 0);
	if (!error && diag->expected)
		error = parley_buf__printf(out, " (%s)", diag->expected);
	if (!error)
		error = parley_buf__puts(out, "\n");
	return error;
}
