/*
 * api_forecast.c - the smallest complete use of the parley library: load a
 * scenario, run the models, print each issue's compromise forecast and the
 * JSON rendering. Built with the project (target api_forecast) so that the
 * example always compiles against the current API.
 *
 *   ./build/api_forecast examples/security-guarantees-2022.yaml
 */
#include <stdio.h>
#include "parley.h"

int main(int argc, char **argv)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_forecast_options opts = PARLEY_FORECAST_OPTIONS_INIT;
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_buf json = PARLEY_BUF_INIT;
	size_t i;
	int status = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
		return 2;
	}
	if (parley_scenario_load_file(&s, argv[1], NULL, &diags) < 0) {
		for (i = 0; i < diags.count; i++) {
			parley_buf line = PARLEY_BUF_INIT;
			if (parley_diag_format(&line, &diags.items[i]) == 0)
				fputs(line.ptr, stderr);
			parley_buf_dispose(&line);
		}
		if (!diags.count)
			fprintf(stderr, "%s\n", parley_error_last()->message);
		parley_diag_list_dispose(&diags);
		return 2;
	}
	opts.nbs_loss = 1; /* linear losses, for example */
	if (parley_forecast_run(&f, s, &opts) < 0 ||
	    parley_output_render(&json, s, f, PARLEY_OUTPUT_JSON) < 0) {
		fprintf(stderr, "%s\n", parley_error_last()->message);
		status = 1;
		goto done;
	}
	for (i = 0; i < parley_scenario_issue_count(s); i++) {
		const parley_issue *is = parley_scenario_issue(s, i);
		const parley_model_result *r = parley_forecast_result(f, i, PARLEY_MODEL_COMPROMISE);
		if (r && !r->error)
			printf("%-20s compromise %.1f\n", is->id, r->forecast);
	}
	printf("%zu bytes of JSON\n", json.size);
done:
	parley_buf_dispose(&json);
	parley_forecast_free(f);
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
	return status;
}
