/*
 * cmd_validate.c - `parley validate FILE...`: load each file and report
 * every error found in it (not only the first) and every warning, exit 0
 * when all are valid (with warnings or not) and 2 otherwise.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char *const known_options[] = { "--scale", "--quiet", "--help", NULL };

void help_validate(void)
{
	printf("Usage: parley validate FILE... [OPTIONS]\n\n"
	       "Check scenario files (YAML) and actor tables (CSV) and report every error\n"
	       "found, each as FILE:LINE:COL: error: what is wrong (what was expected),\n"
	       "and codings that are legal but suspicious as FILE:LINE:COL: warning: ...\n\n"
	       "Options:\n"
	       "  --scale LO,HI   scale of CSV actor tables (default 0,100)\n"
	       "  --quiet         print nothing for valid files\n"
	       "  --help          show this help\n\n"
	       "Exit status: 0 all files valid (warnings or not), 2 errors found or bad usage,\n"
	       "1 runtime failure.\n");
}

int cmd_validate(int argc, char **argv)
{
	parley_load_options lopts = PARLEY_LOAD_OPTIONS_INIT;
	const char *files[256], *v;
	int nfiles = 0, quiet = 0, i, rc, status = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			help_validate();
			return 0;
		}
		if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
			quiet = 1;
		} else if ((rc = cli_opt_value("validate", argc, argv, &i, "--scale", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (cli_parse_scale(v, &lopts.scale_lo, &lopts.scale_hi) < 0)
				return cli_usage_error("validate", "bad --scale '%s' (LO,HI with LO < HI)", v);
			lopts.has_scale = 1;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return cli_unknown_option("validate", arg, known_options);
		} else if (nfiles < (int)(sizeof(files) / sizeof(files[0]))) {
			files[nfiles++] = arg;
		} else {
			return cli_usage_error("validate", "too many files (at most 256)");
		}
	}
	if (!nfiles)
		return cli_usage_error("validate", "no input file");
	for (i = 0; i < nfiles; i++) {
		parley_diag_list warnings = PARLEY_DIAG_LIST_INIT;
		parley_scenario *s = NULL;
		char extra[48];
		rc = cli_load(&s, files[i], &lopts, &warnings);
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
		if (!quiet)
			printf("%s: ok (%zu issue%s, %zu actor%s%s)\n", files[i],
				parley_scenario_issue_count(s), parley_scenario_issue_count(s) == 1 ? "" : "s",
				parley_scenario_actor_count(s), parley_scenario_actor_count(s) == 1 ? "" : "s",
				extra);
		parley_diag_list_dispose(&warnings);
		parley_scenario_free(s);
	}
	return status;
}
