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

/* The one way to chain fallible calls (STYLE.md section 4, libgit2's
 * convention): the function declares `int error = 0`, ends with
 *     done:
 *         (release what it holds)
 *         return error;
 * and PARLEY_TRY(call) jumps there with the call's negative code. */
#define PARLEY_TRY(expr) do { if ((error = (expr)) < 0) goto done; } while (0)

/* Buffer helpers (parley_buf). All return 0 or PARLEY_ENOMEM. */
int parley_buf__grow(parley_buf *buf, size_t extra);
int parley_buf__put(parley_buf *buf, const char *data, size_t len);
int parley_buf__puts(parley_buf *buf, const char *s);
int parley_buf__printf(parley_buf *buf, const char *fmt, ...) PARLEY__PRINTF(2, 3);
int parley_buf__vprintf(parley_buf *buf, const char *fmt, va_list ap);
/* Append a double so that it reads back exactly (shortest of %.15g/%.16g/%.17g). */
int parley_buf__double(parley_buf *buf, double v);

/* A JSON string (escaped; NULL gives null), a JSON number (non-finite gives
 * null), an RFC 4180 CSV text field (quoted when it holds a comma, quote or
 * line break; one that starts with = + - @, tab or carriage return and is
 * not a number is written '...' inside quotes, so that no spreadsheet runs
 * it as a formula: docs/output.md; NULL gives nothing) and a CSV number
 * (non-finite gives nothing). Shared by every renderer -- forecast, ledger
 * and backtest CSV -- so that they escape alike. */
int parley_buf__json_str(parley_buf *buf, const char *s);
int parley_buf__json_num(parley_buf *buf, double v);
int parley_buf__csv_str(parley_buf *buf, const char *s);
int parley_buf__csv_num(parley_buf *buf, double v);

/* ---- text (text.c): one rule for every text field on every path in ---- */

/* Flags of parley__text_check(): a field that may span lines (descriptions,
 * quotations, notes) also admits tab and line feed; others (ids, names)
 * admit neither. */
#define PARLEY_TEXT_MULTILINE 1u

typedef enum {
	PARLEY_TEXT_BAD_NONE = 0,
	PARLEY_TEXT_BAD_NUL,     /* a NUL character */
	PARLEY_TEXT_BAD_UTF8,    /* not UTF-8: cp is the byte */
	PARLEY_TEXT_BAD_LINE,    /* tab or line feed in a one-line field */
	PARLEY_TEXT_BAD_CONTROL, /* C0 (but tab and line feed), DEL or C1 */
	PARLEY_TEXT_BAD_BIDI     /* a bidirectional control not balanced in its line */
} parley_text_fault_kind;

/* The first problem of a text. */
typedef struct {
	size_t offset;                /* its byte offset */
	unsigned cp;                  /* the code point (the byte, for bad UTF-8) */
	parley_text_fault_kind fault;
} parley_text_bad;

/* 0 when `len` bytes of `s` (NULs included) follow the rule of text.c;
 * else -1 and the first problem in *bad (may be NULL). */
int parley__text_check(const char *s, size_t len, unsigned flags, parley_text_bad *bad);
/* The problem in words ("a control character U+001B") in buf; returns buf. */
const char *parley__text_fault(const parley_text_bad *bad, char *buf, size_t size);
/* What the rule expected, for a diagnostic's "(expected)" part. */
const char *parley__text_expected(const parley_text_bad *bad, unsigned flags);
/* Append s (len bytes) as it may be shown: unchanged when it follows the
 * rule, else with every character the rule refuses written as a visible
 * escape (\x1b, \u0085, \u202e). The result follows the rule. */
int parley__text_escape(parley_buf *b, const char *s, size_t len, unsigned flags);

/* Strict decimal number syntax: [+-]digits[.digits][(e|E)[+-]digits]
 * (number.c). 0 and *out; -1 not a number; -2 overflows to infinity. */
int parley__parse_number(const char *text, size_t len, double *out);
/* Every v[i] finite and, with `nonneg`, >= 0: else PARLEY_EINVAL with
 * "FN: WHAT[i] is not a finite number (x)" or "... is negative" (number.c). */
int parley__check_values(const char *fn, const char *what, const double *v, size_t n, int nonneg);
/* Whether a plain scalar t[0, len) is YAML 1.2's null: empty, ~, null,
 * Null or NULL (t NULL counts as empty) (number.c). */
int parley__is_null_word(const char *t, size_t len);
/* Whether text looks like NaN or infinity in YAML or C spelling (number.c). */
int parley__is_nan_or_inf(const char *text, size_t len);
/* Offset of the first invalid UTF-8 sequence in p[0, len), or len (text.c). */
size_t parley__utf8_invalid_at(const unsigned char *p, size_t len);
/* At most `max` bytes of t[0, len), not cutting a UTF-8 sequence: the
 * length to quote with "%.*s" in a message (text.c). */
int parley__clip_len(const char *t, size_t len, size_t max);

/* The SHA-256 of data[0, len) in lower-case hex, NUL-terminated (input.c):
 * every output names its input by it. */
void parley__sha256_hex(char out[65], const char *data, size_t len);

/* Shortest decimal text that reads back as v exactly; `out` needs 32 bytes. */
void parley__fmt_double(char *out, size_t outlen, double v);

#endif
