/*
 * main.c - the parley program: the command table (one subcommand per
 * file, cmd_<name>), global options (--version, --help) and the helpers the
 * subcommands share. Only main() decides what to print and how to exit.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const cli_command commands[] = {
	{ "forecast", "forecast every issue of a scenario with the models side by side",
	  cmd_forecast, help_forecast },
	{ "validate", "check scenario files and report every error found",
	  cmd_validate, help_validate },
	{ "report", "render a JSON result as a self-contained HTML report",
	  cmd_report, help_report },
	{ "backtest", "score the models against past decisions (DEU data or your own)",
	  cmd_backtest, help_backtest },
	{ "ledger", "record, resolve and score forecasts over time (a SQLite ledger)",
	  cmd_ledger, help_ledger },
	{ "help", "show help for parley or one of its commands", cmd_help, help_help },
};

const cli_command *cli_commands(size_t *count)
{
	*count = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

const cli_command *cli_command_lookup(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

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

void cli_print_diags(const parley_diag_list *diags)
{
	size_t i;
	for (i = 0; i < diags->count; i++) {
		parley_buf b = PARLEY_BUF_INIT;
		if (parley_diag_format(&b, &diags->items[i]) == 0)
			fputs(b.ptr, stderr);
		parley_buf_dispose(&b);
	}
}

int cli_load(parley_scenario **out, const char *path, const parley_load_options *opts,
	parley_diag_list *warnings)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_scenario_load_file(out, path, opts, &diags);

	if (rc == 0) {
		/* only warnings: handed to the caller, or printed here */
		if (warnings) {
			*warnings = diags;
			return 0;
		}
		cli_print_diags(&diags);
		parley_diag_list_dispose(&diags);
		return 0;
	}
	if (rc == PARLEY_EPARSE && diags.count) {
		cli_print_diags(&diags);
		parley_diag_list_dispose(&diags);
		return EXIT_USAGE;
	}
	parley_diag_list_dispose(&diags);
	if (rc == PARLEY_EIO) {
		fprintf(stderr, "%s: error: %s\n", path, parley_error_last()->message);
		return EXIT_USAGE;
	}
	fprintf(stderr, "parley: %s\n", parley_error_last()->message);
	return EXIT_RUNTIME;
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

static int unknown_command(const char *ctx, const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0]) + 1];
	const char *hint;
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		names[i] = commands[i].name;
	names[i] = NULL;
	hint = parley_suggest(name, names, i);
	if (hint)
		return cli_usage_error(ctx, "unknown command '%s' (did you mean '%s'?)", name, hint);
	return cli_usage_error(ctx, "unknown command '%s'", name);
}

static void help_main(void)
{
	size_t n, i;
	const cli_command *cmds = cli_commands(&n);
	printf("parley %s - forecast multi-party negotiations\n\n"
	       "Usage: parley COMMAND [OPTIONS] [ARGS]\n\nCommands:\n", parley_version());
	for (i = 0; i < n; i++)
		printf("  %-10s %s\n", cmds[i].name, cmds[i].summary);
	printf("\nGlobal options:\n"
	       "  --version  print the version and exit\n"
	       "  --help     show this help\n\n"
	       "Run 'parley help COMMAND' for a command's options.\n"
	       "Example: parley forecast examples/security-guarantees-2022.yaml\n");
}

void help_help(void)
{
	printf("Usage: parley help [COMMAND]\n\nShow help for parley or for one command.\n");
}

int cmd_help(int argc, char **argv)
{
	const cli_command *c;
	if (argc < 2) {
		help_main();
		return 0;
	}
	if (argc > 2)
		return cli_usage_error("help", "too many arguments");
	c = cli_command_lookup(argv[1]);
	if (!c)
		return unknown_command("help", argv[1]);
	c->help();
	return 0;
}

int main(int argc, char **argv)
{
	const cli_command *c;

	if (argc < 2) {
		help_main();
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("parley %s\n", parley_version());
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		help_main();
		return 0;
	}
	c = cli_command_lookup(argv[1]);
	if (!c) {
		if (argv[1][0] == '-')
			return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
		return unknown_command(NULL, argv[1]);
	}
	return c->run(argc - 1, argv + 1);
}
