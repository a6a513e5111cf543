/*
 * fuzz_scenario.c - libFuzzer target for the scenario readers: every input
 * is loaded as a YAML scenario and as a CSV actor table (the two readers
 * users feed by hand), and when it loads, forecast and rendered, so that
 * the models and renderers see whatever the readers let through. Nothing
 * may crash, hang, leak or put a NaN into an output.
 *
 *   build: cmake -S . -B build-fuzz -DBUILD_FUZZERS=ON -DCMAKE_C_COMPILER=clang
 *   run:   ./build-fuzz/fuzz/fuzz_scenario fuzz/corpus/scenario
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(const parley_scenario *s)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	size_t i, m;
	int fmt;

	fo.bdm.max_rounds = 3; /* bounded work per input */
	if (parley_forecast_run(&f, s, &fo) < 0)
		return;
	for (i = 0; i < parley_forecast_issue_count(f); i++)
		for (m = 0; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			if (r && !r->error && !(r->forecast == r->forecast && r->forecast - r->forecast == 0))
				abort(); /* a NaN or an infinity as a forecast */
		}
	for (fmt = PARLEY_OUTPUT_TEXT; fmt <= PARLEY_OUTPUT_CSV; fmt++) {
		parley_output_render(&out, s, f, (parley_output_format)fmt);
		parley_buf_dispose(&out);
	}
	parley_forecast_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "fuzz.yaml", "fuzz.csv" };
	size_t k;

	if (size > 1 << 16)
		return 0;
	for (k = 0; k < 2; k++) {
		parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
		parley_scenario *s = NULL;
		if (parley_scenario_load_buffer(&s, (const char *)data, size, names[k], NULL, &diags) == 0) {
			if (parley_scenario_issue_count(s) <= 16 && parley_scenario_actor_count(s) <= 64)
				exercise(s);
			parley_scenario_free(s);
		}
		parley_diag_list_dispose(&diags);
	}
	return 0;
}
