/*
 * cli_opt.c - what every subcommand's option parsing shares: usage errors
 * ("parley CMD: MESSAGE" and a hint, exit status 2), unknown options with
 * the closest known one, `--name VALUE` / `--name=VALUE`, and the parsers
 * of whole numbers and scales; the table-driven parser (cli.h).
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

/* `--name VALUE` or `--name=VALUE`: 1 when argv[*i] is the option (and
 * sets *value, advancing *i), 0 when it is not, -1 when the value is
 * missing (after printing a usage error). */
static int cli_opt_value(const char *cmd, int argc, char **argv, int *i,
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

/* A whole number in [lo, hi] for option `opt`; -1 after a usage error. */
static int cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t lo, uint64_t hi,
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

int cli_one_operand(const char *cmd, const char *what, const char **slot, const char *arg)
{
	if (*slot)
		return cli_usage_error(cmd, "more than one %s ('%s' and '%s')", what, *slot, arg);
	*slot = arg;
	return 0;
}

int cli_scale_option(const char *cmd, const char *v, parley_load_options *lo)
{
	if (cli_parse_scale(v, &lo->scale_lo, &lo->scale_hi) < 0)
		return cli_usage_error(cmd, "bad --scale '%s' (LO,HI with LO < HI)", v);
	lo->has_scale = 1;
	return 0;
}

int cli_parse_names(const char *cmd, const char *opt, const char *what, const char *bad,
	const char *list, int (*lookup)(const char *name), const char *(*name_at)(size_t i),
	size_t count, unsigned *mask)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	if (!copy) {
		fprintf(stderr, "parley: out of memory\n");
		return EXIT_RUNTIME;
	}
	*mask = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int bit = lookup(tok);
		if (bit < 0) {
			char known[1024];
			size_t i, len = 0;
			known[0] = '\0';
			for (i = 0; i < count && len < sizeof(known); i++)
				len += (size_t)snprintf(known + len, sizeof(known) - len, " %s", name_at(i));
			rc = bad ? cli_usage_error(cmd, bad, tok) :
				cli_usage_error(cmd, "unknown %s '%s' (known %ss:%s)", what, tok, what, known);
			break;
		}
		*mask |= 1u << bit;
	}
	free(copy);
	if (!rc && !*mask)
		rc = cli_usage_error(cmd, "%s needs at least one %s", opt, what);
	return rc;
}

/* The entry argv[*i] names, or NULL; *spelling is the name it used. */
static const cli_opt *find_opt(const cli_opt *opts, const char *arg, const char **spelling)
{
	const cli_opt *o;
	for (o = opts; o->name; o++) {
		const char *names[3] = { o->name, o->alias, o->hidden };
		size_t k;
		for (k = 0; k < 3; k++) {
			size_t n = names[k] ? strlen(names[k]) : 0;
			if (!n || strncmp(arg, names[k], n))
				continue;
			/* a flag is exactly its name; a valued option also NAME=VALUE */
			if (arg[n] == '\0' || (arg[n] == '=' && o->arg)) {
				*spelling = names[k];
				return o;
			}
		}
	}
	return NULL;
}

static int unknown(const char *cmd, const cli_opt *opts, const char *arg)
{
	const char *known[128];
	size_t n = 0;
	const cli_opt *o;
	for (o = opts; o->name && n + 3 < sizeof(known) / sizeof(known[0]); o++) {
		known[n++] = o->name;
		if (o->alias)
			known[n++] = o->alias;
	}
	known[n] = NULL;
	return cli_unknown_option(cmd, arg, known);
}

int cli_parse(const char *cmd, const cli_opt *opts, void (*help)(void), int argc, char **argv,
	int first, unsigned flags, void *args, int (*operand)(const char *cmd, const char *arg, void *args))
{
	char *base = args;
	int i, rc;

	for (i = first; i < argc; i++) {
		const char *arg = argv[i], *spelling = NULL, *v = NULL;
		const cli_opt *o;
		size_t k;
		uint64_t n;

		if (arg[0] != '-' || arg[1] == '\0' ||
		    ((flags & CLI_NUMBERS) && ((arg[1] >= '0' && arg[1] <= '9') || arg[1] == '.'))) {
			if ((rc = operand(cmd, arg, args)) != 0)
				return rc;
			continue;
		}
		if (!(o = find_opt(opts, arg, &spelling)))
			return unknown(cmd, opts, arg);
		if (o->kind == CLI_OPT_HELP) {
			help();
			return CLI_DONE;
		}
		if (o->kind == CLI_OPT_FLAG) {
			*(int *)(void *)(base + o->at) = 1;
			continue;
		}
		if (cli_opt_value(cmd, argc, argv, &i, spelling, &v) < 0)
			return EXIT_USAGE;
		switch (o->kind) {
		case CLI_OPT_STRING:
			*(const char **)(void *)(base + o->at) = v;
			break;
		case CLI_OPT_CHOICE:
			for (k = 0; o->choices[k] && strcmp(o->choices[k], v); k++)
				;
			if (!o->choices[k])
				return cli_usage_error(cmd, o->bad, v);
			*(int *)(void *)(base + o->at) = (int)k;
			break;
		case CLI_OPT_U64:
		case CLI_OPT_SIZE:
			if (cli_parse_u64(cmd, o->name, v, o->lo, o->hi, &n) < 0)
				return EXIT_USAGE;
			if (o->kind == CLI_OPT_U64)
				*(uint64_t *)(void *)(base + o->at) = n;
			else
				*(size_t *)(void *)(base + o->at) = (size_t)n;
			break;
		default:
			if ((rc = o->parse(cmd, v, args)) != 0)
				return rc;
		}
	}
	return 0;
}

void cli_opt_help(const cli_opt *opts, int width)
{
	const cli_opt *o;
	for (o = opts; o->name; o++) {
		char left[80];
		const char *line = o->help, *nl;
		int shown = o->alias && o->alias[1] != '-';
		snprintf(left, sizeof(left), "%s%s%s%s%s", shown ? o->alias : "", shown ? ", " : "",
			o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		if (!line && !o->help_more)
			continue; /* not listed */
		if (!line) { /* the description is the hook's (it holds a number) */
			printf("  %-*s ", width, left);
			o->help_more();
			continue;
		}
		nl = strchr(line, '\n');
		printf("  %-*s %.*s\n", width, left, (int)(nl ? (size_t)(nl - line) : strlen(line)), line);
		while (nl) {
			line = nl + 1;
			nl = strchr(line, '\n');
			printf("%*s%.*s\n", width + 3, "", (int)(nl ? (size_t)(nl - line) : strlen(line)), line);
		}
		if (o->help_more)
			o->help_more();
	}
}
