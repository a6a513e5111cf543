/*
 * buf.c - caller-owned growable text buffers (libgit2 git_buf) and exact
 * printing of doubles (Lua's LUA_NUMBER_FMT idea: the shortest %.Ng that
 * reads back to the same bits).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void parley_buf_dispose(parley_buf *buf)
{
	if (!buf)
		return;
	parley__free(buf->ptr);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
}

int parley_buf__grow(parley_buf *buf, size_t extra)
{
	size_t need = buf->size + extra + 1, nsize;
	char *p;

	if (need <= buf->asize)
		return 0;
	nsize = buf->asize ? buf->asize : 64;
	while (nsize < need)
		nsize += nsize / 2 + 64;
	p = parley__realloc(buf->ptr, nsize);
	if (!p)
		return PARLEY_ENOMEM;
	buf->ptr = p;
	buf->asize = nsize;
	return 0;
}

int parley_buf__put(parley_buf *buf, const char *data, size_t len)
{
	if (parley_buf__grow(buf, len) < 0)
		return PARLEY_ENOMEM;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int parley_buf__puts(parley_buf *buf, const char *s)
{
	return parley_buf__put(buf, s, strlen(s));
}

int parley_buf__vprintf(parley_buf *buf, const char *fmt, va_list ap)
{
	va_list cp;
	int len;

	va_copy(cp, ap);
	len = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (len < 0)
		return parley__error(PARLEY_ERROR, PARLEY_ERROR_INVALID, "bad format");
	if (parley_buf__grow(buf, (size_t)len) < 0)
		return PARLEY_ENOMEM;
	vsnprintf(buf->ptr + buf->size, (size_t)len + 1, fmt, ap);
	buf->size += (size_t)len;
	return 0;
}

int parley_buf__printf(parley_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = parley_buf__vprintf(buf, fmt, ap);
	va_end(ap);
	return error;
}

void parley__fmt_double(char *out, size_t outlen, double v)
{
	int prec;

	if (v == 0.0) { /* also folds -0 into 0 so outputs never show "-0" */
		snprintf(out, outlen, "0");
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, outlen, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

int parley_buf__double(parley_buf *buf, double v)
{
	char tmp[40];
	parley__fmt_double(tmp, sizeof(tmp), v);
	return parley_buf__puts(buf, tmp);
}

int parley_buf__json_str(parley_buf *buf, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int error = 0;

	if (!s)
		return parley_buf__puts(buf, "null");
	if (parley_buf__puts(buf, "\"") < 0)
		return PARLEY_ENOMEM;
	for (; *p && !error; p++) {
		switch (*p) {
		case '"': error = parley_buf__puts(buf, "\\\""); break;
		case '\\': error = parley_buf__puts(buf, "\\\\"); break;
		case '\n': error = parley_buf__puts(buf, "\\n"); break;
		case '\r': error = parley_buf__puts(buf, "\\r"); break;
		case '\t': error = parley_buf__puts(buf, "\\t"); break;
		default:
			error = *p < 0x20 || *p == 0x7f ? parley_buf__printf(buf, "\\u%04x", *p) :
				parley_buf__put(buf, (const char *)p, 1);
		}
	}
	return error ? error : parley_buf__puts(buf, "\"");
}

int parley_buf__json_num(parley_buf *buf, double v)
{
	return isfinite(v) ? parley_buf__double(buf, v) : parley_buf__puts(buf, "null");
}

/* A text cell a spreadsheet would read as a formula (OWASP, "CSV
 * Injection"): it starts with = + - @, a tab or a carriage return, and is
 * not a plain number (a negative number stays a number). */
static int csv_formula(const char *s)
{
	double v;
	if (!strchr("=+-@\t\r", s[0]) || !s[0])
		return 0;
	return parley__parse_number(s, strlen(s), &v) != 0;
}

int parley_buf__csv_str(parley_buf *buf, const char *s)
{
	int error = 0, formula;

	if (!s)
		return 0;
	formula = csv_formula(s);
	if (!formula && !strpbrk(s, ",\"\r\n"))
		return parley_buf__puts(buf, s);
	/* a formula is neutralised by a leading single quote, inside quotes */
	if (parley_buf__puts(buf, formula ? "\"'" : "\"") < 0)
		return PARLEY_ENOMEM;
	for (; *s && !error; s++)
		error = *s == '"' ? parley_buf__puts(buf, "\"\"") : parley_buf__put(buf, s, 1);
	return error ? error : parley_buf__puts(buf, "\"");
}

int parley_buf__csv_num(parley_buf *buf, double v)
{
	return isfinite(v) ? parley_buf__double(buf, v) : 0;
}
