/*
 * cmd_validate.c - `parley validate FILE...`: load each file and report
 * every error found in it (not only the first) and every warning, exit 0
 * when all are valid (with warnings or not) and 2 otherwise.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

typedef struct {
	parley_load_options lopts;
	const char *files[256];
	int nfiles, quiet;
} validate_args;

static int parse_scale(const char *cmd, const char *v, void *args)
{
	return cli_scale_option(cmd, v, &((validate_args *)args)->lopts);
}

static const cli_opt validate_opts[] = {
	{ "--scale", NULL, NULL, "LO,HI", CLI_OPT_CALL, 0, "scale of CSV actor tables (default 0,100)",
	  NULL, NULL, 0, 0, parse_scale, NULL },
	{ "--quiet", NULL, "-q", NULL, CLI_OPT_FLAG, offsetof(validate_args, quiet),
	  "print nothing for valid files", NULL, NULL, 0, 0, NULL, NULL },
	CLI_OPT_HELP_ENTRY,
	CLI_OPT_END
};

void help_validate(void)
{
	printf("Usage: parley validate FILE... [OPTIONS]\n\n"
	       "Check scenario files (YAML) and actor tables (CSV) and report every error\n"
	       "found, each as FILE:LINE:COL: error: what is wrong (what was expected),\n"
	       "and codings that are legal but suspicious as FILE:LINE:COL: warning: ...\n\n"
	       "Options:\n");
	cli_opt_help(validate_opts, 15);
	printf("\nExit status: 0 all files valid (warnings or not), 2 errors found or bad usage,\n"
	       "1 runtime failure.\n");
}

static int operand(const char *cmd, const char *arg, void *args)
{
	validate_args *a = args;
	if (a->nfiles == (int)(sizeof(a->files) / sizeof(a->files[0])))
		return cli_usage_error(cmd, "too many files (at most 256)");
	a->files[a->nfiles++] = arg;
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	validate_args a = { PARLEY_LOAD_OPTIONS_INIT, { NULL }, 0, 0 };
	int i, rc, status = cli_parse("validate", validate_opts, help_validate, argc, argv, 1, 0, &a, operand);

	if (status)
		return status == CLI_DONE ? 0 : status;
	if (!a.nfiles)
		return cli_usage_error("validate", "no input file");
	for (i = 0; i < a.nfiles; i++) {
		parley_diag_list warnings = PARLEY_DIAG_LIST_INIT;
		parley_scenario *s = NULL;
		char extra[48];
		rc = cli_load(&s, a.files[i], &a.lopts, &warnings);
		if (rc) {
			if (rc > status)
				status = rc;
			continue;
		}
		cli_print_diags(&warnings);
		if (warnings.count)
			snprintf(extra, sizeof(extra), ", %zu warning%s", warnings.count,
				warnings.count == 1 ? "" : "s");
		else
			extra[0] = '\0';
		if (!a.quiet)
			printf("%s: ok (%zu issue%s, %zu actor%s%s)\n", a.files[i],
				parley_scenario_issue_count(s), parley_scenario_issue_count(s) == 1 ? "" : "s",
				parley_scenario_actor_count(s), parley_scenario_actor_count(s) == 1 ? "" : "s",
				extra);
		parley_diag_list_dispose(&warnings);
		parley_scenario_free(s);
	}
	return status;
}
