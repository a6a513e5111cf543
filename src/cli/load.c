/*
 * load.c - loading a scenario from the command line: diagnostics printed
 * as FILE:LINE:COL, warnings handed to the caller, the exit status chosen
 * from the kind of failure (2 bad input, 1 runtime).
 */
#include <stdio.h>
#include "cli.h"

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
