/*
 * number.c - the strict decimal syntax every reader accepts for numbers
 * (docs/scenario-format.md: no hexadecimal, no NaN or infinity), the
 * recognition of NaN and infinity spellings to say why one is refused, and
 * the check that an array of numbers is finite (and not negative).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int parley__parse_number(const char *t, size_t len, double *out)
{
	size_t i = 0, digits = 0;
	char tmp[128];
	char *end;

	if (len == 0 || len >= sizeof(tmp))
		return -1;
	if (t[i] == '+' || t[i] == '-')
		i++;
	while (i < len && t[i] >= '0' && t[i] <= '9') { i++; digits++; }
	if (i < len && t[i] == '.') {
		i++;
		while (i < len && t[i] >= '0' && t[i] <= '9') { i++; digits++; }
	}
	if (!digits)
		return -1;
	if (i < len && (t[i] == 'e' || t[i] == 'E')) {
		size_t exp_digits = 0;
		i++;
		if (i < len && (t[i] == '+' || t[i] == '-'))
			i++;
		while (i < len && t[i] >= '0' && t[i] <= '9') { i++; exp_digits++; }
		if (!exp_digits)
			return -1;
	}
	if (i != len)
		return -1;
	memcpy(tmp, t, len);
	tmp[len] = '\0';
	errno = 0;
	*out = strtod(tmp, &end);
	if (errno == ERANGE && (*out > 1.0 || *out < -1.0))
		return -2; /* overflows to infinity */
	return 0;
}

int parley__is_nan_or_inf(const char *t, size_t len)
{
	char low[16];
	size_t i, j = 0;

	if (len == 0 || len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++) {
		char c = t[i];
		if (i == 0 && (c == '+' || c == '-' || c == '.'))
			continue;
		if (i == 1 && c == '.' && (t[0] == '+' || t[0] == '-'))
			continue;
		low[j++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	low[j] = '\0';
	return !strcmp(low, "nan") || !strcmp(low, "inf") || !strcmp(low, "infinity");
}


int parley__check_values(const char *fn, const char *what, const double *v, size_t n, int nonneg)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: %s[%zu] is not a finite number (%g)", fn, what, i, v[i]);
		if (nonneg && v[i] < 0.0)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: %s[%zu] = %g is negative; it must be >= 0", fn, what, i, v[i]);
	}
	return 0;
}

int parley__is_null_word(const char *t, size_t len)
{
	return !t || len == 0 || (len == 1 && t[0] == '~') ||
		(len == 4 && (!memcmp(t, "null", 4) || !memcmp(t, "Null", 4) || !memcmp(t, "NULL", 4)));
}
