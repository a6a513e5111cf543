/*
 * cli_opt.c - what every subcommand's option parsing shares: usage errors
 * ("parley CMD: MESSAGE" and a hint, exit status 2), unknown options with
 * the closest known one, `--name VALUE` / `--name=VALUE`, and the parsers
 * of whole numbers and scales.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	parley_buf shown = PARLEY_BUF_INIT;
	fprintf(stderr, "parley%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* the message quotes arguments: never a raw control character */
	fputs(parley_text_escape(&shown, msg, strlen(msg), 0) == 0 && shown.ptr ? shown.ptr : msg, stderr);
	parley_buf_dispose(&shown);
	fprintf(stderr, "\nTry 'parley %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

int cli_unknown_option(const char *cmd, const char *arg, const char *const *known)
{
	char name[80];
	const char *eq = strchr(arg, '='), *hint;
	snprintf(name, sizeof(name), "%.*s", (int)(eq ? (size_t)(eq - arg) : strlen(arg)), arg);
	hint = parley_suggest(name, known, SIZE_MAX);
	if (hint)
		return cli_usage_error(cmd, "unknown option '%s' (did you mean '%s'?)", name, hint);
	return cli_usage_error(cmd, "unknown option '%s'", name);
}

int cli_opt_value(const char *cmd, int argc, char **argv, int *i,
	const char *name, const char **value)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n))
		return 0;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return 1;
	}
	if (arg[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error(cmd, "option '%s' needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

int cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t lo, uint64_t hi,
	uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (end == text || *end || text[0] == '-' || text[0] == '+' || errno || v < lo || v > hi) {
		cli_usage_error(cmd, "bad %s '%s' (a whole number from %llu to %llu)", opt, text,
			(unsigned long long)lo, (unsigned long long)hi);
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

int cli_parse_scale(const char *text, double *lo, double *hi)
{
	char *end;
	errno = 0;
	*lo = strtod(text, &end);
	if (end == text || *end != ',')
		return -1;
	text = end + 1;
	*hi = strtod(text, &end);
	if (end == text || *end != '\0' || errno)
		return -1;
	return (*lo < *hi && *lo == *lo && *hi - *lo < 1e300) ? 0 : -1;
}
