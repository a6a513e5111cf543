/*
 * internal.h - helpers shared by the library's modules and never exported:
 * the allocator wrappers, the error setter and small text utilities.
 * Names follow parley_module__name for cross-module internals.
 */
#ifndef PARLEY_INTERNAL_H
#define PARLEY_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include "parley/common.h"

#if defined(__GNUC__)
#define PARLEY__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PARLEY__PRINTF(a, b)
#endif

/* Allocation: all library memory goes through these (see parley_set_allocator).
 * On failure they record PARLEY_ENOMEM in the last-error record. */
void *parley__malloc(size_t size);
void *parley__calloc(size_t n, size_t size);
void *parley__realloc(void *ptr, size_t size);
void parley__free(void *ptr);
char *parley__strdup(const char *s);
char *parley__strndup(const char *s, size_t n);

/* Record an error for this thread and return `code` (for `return parley__error(...)`). */
int parley__error(int code, parley_error_class klass, const char *fmt, ...) PARLEY__PRINTF(3, 4);

/* Argument check: in every build it sets PARLEY_EINVAL and returns. */
#define PARLEY_ASSERT_ARG(expr) do { \
	if (!(expr)) \
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, \
			"invalid argument: %s", #expr); \
	} while (0)

/* Buffer helpers (parley_buf). All return 0 or PARLEY_ENOMEM. */
int parley_buf__grow(parley_buf *buf, size_t extra);
int parley_buf__put(parley_buf *buf, const char *data, size_t len);
int parley_buf__puts(parley_buf *buf, const char *s);
int parley_buf__printf(parley_buf *buf, const char *fmt, ...) PARLEY__PRINTF(2, 3);
int parley_buf__vprintf(parley_buf *buf, const char *fmt, va_list ap);
/* Append a double so that it reads back exactly (shortest of %.15g/%.16g/%.17g). */
int parley_buf__double(parley_buf *buf, double v);

/* A JSON string (escaped; NULL gives null), a JSON number (non-finite gives
 * null), an RFC 4180 CSV field (quoted when it holds a comma, quote or line
 * break; NULL gives nothing) and a CSV number (non-finite gives nothing).
 * Shared by every renderer so that they escape alike. */
int parley_buf__json_str(parley_buf *buf, const char *s);
int parley_buf__json_num(parley_buf *buf, double v);
int parley_buf__csv_str(parley_buf *buf, const char *s);
int parley_buf__csv_num(parley_buf *buf, double v);

/* Edit distance, for "did you mean" hints (suggest.c: parley_edit_distance). */
size_t parley__edit_distance(const char *a, const char *b);

/* Shortest decimal text that reads back as v exactly; `out` needs 32 bytes. */
void parley__fmt_double(char *out, size_t outlen, double v);

#endif
