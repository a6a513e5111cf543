/*
 * fuzz_json.c - libFuzzer target for the JSON result reader: every input
 * is rendered as an HTML report (parley_report_html) and as standalone SVG
 * charts (parley_report_charts), with the default options and with a
 * named sensitivity model and a short tornado. Nothing may crash, hang or
 * leak, and a failed render must leave the output buffer as it was.
 *
 *   build: cmake -S . -B build-fuzz -DBUILD_FUZZERS=ON -DCMAKE_C_COMPILER=clang
 *   run:   ./build-fuzz/fuzz/fuzz_json fuzz/corpus/json
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parley_report_options ro = PARLEY_REPORT_OPTIONS_INIT;
	const parley_report_options *opts[2];
	size_t k;

	if (size > 1 << 18)
		return 0;
	ro.sensitivity_model = "median";
	ro.tornado_inputs = 3;
	opts[0] = NULL;
	opts[1] = &ro;
	for (k = 0; k < 2; k++) {
		parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
		parley_report_chart_list charts = PARLEY_REPORT_CHART_LIST_INIT;
		parley_buf out = PARLEY_BUF_INIT;

		if (parley_report_html(&out, (const char *)data, size, "fuzz.json", opts[k], &diags) < 0 &&
		    out.size != 0)
			abort(); /* a failure must leave `out` as it was */
		parley_buf_dispose(&out);
		if (k == 0) {
			if (parley_report_charts(&charts, (const char *)data, size, "fuzz.json", opts[k],
				&diags) < 0 && charts.count != 0)
				abort();
			parley_report_chart_list_dispose(&charts);
		}
		parley_diag_list_dispose(&diags);
	}
	return 0;
}
