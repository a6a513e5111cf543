/*
 * main.c - the parley program: the command table (one subcommand per
 * file, cmd_<name>) and the global options (--version, --help). What the
 * subcommands share is below them (cli_opt.c, load.c, outfile.c, ...), so
 * that arrows run one way: main -> cmd_<name> -> helpers.
 */
#include <stdint.h>
#include <stdio.h>
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

static const cli_command *cli_commands(size_t *count)
{
	*count = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

static const cli_command *cli_command_lookup(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
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
