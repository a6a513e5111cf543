/*
 * fuzz_csv.c - libFuzzer target for the CSV readers: every input is read
 * as an actor table (Actor,Capability,Position,Salience; forecast and
 * rendered when it loads), as a dataset in the DEU layout and, split at
 * its first line "%%", as the positions and outcomes tables of the long
 * layout (an input without that line is tried as either table, with the
 * other taken from tests/data/backtest). Datasets that load are
 * backtested with bounded work (no bootstrap, few blend steps), in steps,
 * with options picked by the size (outer folds, the blend left out, a
 * low work limit). Nothing
 * may crash, hang, leak or put a NaN into a forecast.
 *
 *   build: cmake -S . -B build-fuzz -DBUILD_FUZZERS=ON -DCMAKE_C_COMPILER=clang
 *   run:   ./build-fuzz/fuzz/fuzz_csv fuzz/corpus/csv
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/data/backtest/council-weights-eu15.csv and -eu27.csv */
static const char eu15[] =
	"country,abbr,weights,quota,block,banzhaf,shapleyshubik\n"
	"austria,at,2,4,2,0.4,0.4\n"
	"belgium,be,3,4,2,0.6,0.6\n";
static const char eu27[] =
	"country,abbr,weights,quota,block,banzhaf,shapleyshubik\n"
	"austria,at,10,25,10,0.3,0.3\n"
	"belgium,be,12,25,10,0.35,0.35\n"
	"czech republic,cz,12,25,10,0.35,0.35\n";
/* tests/data/backtest/small-positions.csv and small-outcomes.csv */
static const char positions[] =
	"actor,issue,salience,position,votes,capability\n"
	"com,a1,50,20,,2.5\nep,a1,50,80,,2.5\nat,a1,50,40,2,2\nbe,a1,50,60,3,3\n"
	"at,a2,100,10,2,2\nbe,a2,50,30,3,3\ncom,a2,,,,2.5\n";
static const char outcomes[] =
	"issue,reference_point,outcome,proposal,procedure,quota\n"
	"a1,0,50,1,cod,0.8\na2,50,20,1,cns,0.8\n";

static void check_finite(double x)
{
	if (!isfinite(x))
		abort();
}

static void actor_table(const char *data, size_t size)
{
	parley_load_options lo = PARLEY_LOAD_OPTIONS_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_scenario *s = NULL;

	lo.format = PARLEY_FORMAT_ACTOR_CSV;
	if (parley_scenario_load_buffer(&s, data, size, "fuzz.csv", &lo, &diags) == 0 &&
	    parley_scenario_actor_count(s) <= 256) {
		parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
		parley_forecast *f = NULL;
		fo.bdm.max_rounds = 3;
		if (parley_forecast_run(&f, s, &fo) == 0) {
			parley_buf out = PARLEY_BUF_INIT;
			size_t i, m;
			int fmt;
			for (i = 0; i < parley_forecast_issue_count(f); i++)
				for (m = 0; m < parley_model_count(); m++) {
					const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
					if (r && !r->error)
						check_finite(r->forecast);
				}
			for (fmt = PARLEY_OUTPUT_TEXT; fmt <= PARLEY_OUTPUT_CSV; fmt++) {
				parley_output_render(&out, s, f, (parley_output_format)fmt);
				parley_buf_dispose(&out);
			}
			parley_forecast_free(f);
		}
	}
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
}

static void backtest(const parley_backtest_data *d, const parley_backtest_council *c15,
	const parley_backtest_council *c27, unsigned variant)
{
	parley_backtest_options bo = PARLEY_BACKTEST_OPTIONS_INIT;
	parley_backtest *bt = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	size_t i;
	int fmt;

	if (parley_backtest_data_issue_count(d) > 64)
		return;
	bo.eu15 = c15;
	bo.eu27 = c27;
	bo.resamples = 0;
	bo.blend_iterations = 5;
	bo.bdm.max_rounds = 3;
	/* the cost options too (issue 21): outer folds, the blend left out, the
	 * work limit, the run in steps of one */
	bo.blend_outer_folds = variant % 3 ? variant % 3 + 1 : 0;
	bo.models = variant & 4 ? 1u << PARLEY_BT_MEDIAN : 0;
	bo.max_work = variant & 8 ? 1e6 : PARLEY_BACKTEST_MAX_WORK;
	if (parley_backtest_create(&bt, d, &bo) < 0)
		return;
	while (parley_backtest_remaining(bt) > 0)
		if (parley_backtest_step(bt, 1) < 0) {
			parley_backtest_free(bt);
			return;
		}
	for (i = 0; i < parley_backtest_issue_count(bt); i++) {
		double x;
		parley_backtest_skip skip;
		int m;
		for (m = 0; m < PARLEY_BT_MODEL_COUNT; m++)
			if (parley_backtest_prediction(&x, &skip, bt, i, (parley_backtest_model)m) == 0 &&
			    skip == PARLEY_BT_SKIP_NONE)
				check_finite(x);
	}
	for (fmt = PARLEY_BT_OUTPUT_TEXT; fmt <= PARLEY_BT_OUTPUT_PREDICTIONS; fmt++) {
		parley_backtest_render(&out, bt, (parley_backtest_format)fmt);
		parley_buf_dispose(&out);
	}
	parley_backtest_free(bt);
}

static void load_long(const char *p, size_t plen, const char *o, size_t olen,
	const parley_backtest_council *c15, const parley_backtest_council *c27, unsigned variant)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_backtest_data *d = NULL;

	if (parley_backtest_data_load_long(&d, p, plen, "pos.csv", o, olen, "out.csv", &diags) == 0)
		backtest(d, c15, c27, variant);
	parley_backtest_data_free(d);
	parley_diag_list_dispose(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_backtest_council *c15 = NULL, *c27 = NULL;
	parley_backtest_data *d = NULL;
	size_t cut;
	unsigned variant = (unsigned)(size % 16); /* the size picks the backtest's options */

	if (size > 1 << 16)
		return 0;
	actor_table(text, size);

	if (parley_backtest_council_load_buffer(&c15, eu15, sizeof(eu15) - 1, "eu15", NULL) < 0 ||
	    parley_backtest_council_load_buffer(&c27, eu27, sizeof(eu27) - 1, "eu27", NULL) < 0)
		abort();
	/* the input as a Council table */
	{
		parley_backtest_council *c = NULL;
		if (parley_backtest_council_load_buffer(&c, text, size, "council.csv", &diags) == 0) {
			check_finite(parley_backtest_council_quota(c));
			check_finite(parley_backtest_council_total(c));
		}
		parley_backtest_council_free(c);
		parley_diag_list_dispose(&diags);
	}
	if (parley_backtest_data_load_deu(&d, text, size, "deu.csv", &diags) == 0)
		backtest(d, c15, c27, variant);
	parley_backtest_data_free(d);
	parley_diag_list_dispose(&diags);

	for (cut = 0; cut + 3 <= size; cut++)
		if ((cut == 0 || text[cut - 1] == '\n') && memcmp(text + cut, "%%\n", 3) == 0)
			break;
	if (cut + 3 <= size) {
		load_long(text, cut, text + cut + 3, size - cut - 3, c15, c27, variant);
	} else {
		load_long(text, size, outcomes, sizeof(outcomes) - 1, c15, c27, variant);
		load_long(positions, sizeof(positions) - 1, text, size, c15, c27, variant);
	}
	parley_backtest_council_free(c15);
	parley_backtest_council_free(c27);
	return 0;
}
