/*
 * test_alloc_full.c - allocation failure along a whole forecast: load the
 * flagship scenario (examples/security-guarantees-2022.yaml, read into
 * memory: venues, stages, ratification, packages), forecast every model
 * (feasibility with venues, stages and ratification; the scenario's
 * packages; the exchange model), run a Monte Carlo (parley_mc_create, then
 * parley_mc_step 8 draws at a time, 20 draws, one worker thread) and render JSON with its results. A counting allocator
 * refuses the Nth allocation; every such run must return PARLEY_ENOMEM
 * from the step that failed and, once everything returned was freed, leave
 * no allocation of the library alive.
 *
 * Which N: every N on tests/data/institutions.yaml (venues, stages,
 * ratification; about 250 allocations); on the flagship (about 380) every
 * N up to 40, then PARLEY_ALLOC_FULL_RUNS (default 40) evenly spaced N, so
 * that the test takes seconds; PARLEY_ALLOC_FULL_STRIDE=1 runs every N;
 * PARLEY_ALLOC_FULL_QUICK=1 (make memcheck, under valgrind) 20 and 6, and
 * the Monte Carlo without the exchange model.
 * The rendering with the Monte Carlo results is swept at every N on its
 * own (test_alloc_full__render_mc), after one unfailing simulation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"

/* The counting allocator of testutil.h (refusing one allocation only). */
#define C tu_counter
#define counter_install(n) tu_counter_install((n), 0)
#define restore_allocator tu_counter_restore

/* PARLEY_ALLOC_FULL_QUICK set (make memcheck, under valgrind, where a run
 * takes seconds): a sample of N instead of every N; `make test` and `make
 * asan` (with LeakSanitizer) run them all. */
static int quick(void)
{
	const char *q = getenv("PARLEY_ALLOC_FULL_QUICK");
	return q && *q && strcmp(q, "0");
}

/* Load, forecast (every model), Monte Carlo (20 draws in steps of 8, one
 * thread), render JSON with the run. Returns the
 * first error, or 0 with a copy of the JSON in *json. */
static int full_run(const char *data, size_t len, const char *name, char **json)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_output_options oo = PARLEY_OUTPUT_OPTIONS_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_mc *mc = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	int rc;

	*json = NULL;
	mo.draws = 20;
	mo.seed = 2385;
	mo.threads = 1;
	rc = parley_scenario_load_buffer(&s, data, len, name, NULL, &diags);
	if (rc == 0)
		rc = parley_forecast_run(&f, s, &fo);
	if (quick())
		/* the exchange model's sensitivity derivatives take most of a run's
		 * time (two runs of the network per uncertain input); under
		 * valgrind the forecast above covers it */
		fo.models = parley_model_default_selection() & ~(1u << PARLEY_MODEL_EXCHANGE);
	if (rc == 0)
		rc = parley_mc_create(&mc, s, &fo, &mo);
	while (rc == 0 && parley_mc_remaining(mc) > 0)
		rc = parley_mc_step(mc, 8);
	if (rc == 0) {
		oo.format = PARLEY_OUTPUT_JSON;
		oo.mc = mc;
		rc = parley_output_write(&out, s, f, &oo);
	}
	if (rc == 0) {
		*json = strdup(out.ptr);
		assert_non_null(*json);
	}
	parley_buf_dispose(&out);
	parley_mc_free(mc);
	parley_forecast_free(f);
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
	return rc;
}

static void sweep(const char *path, long stride_after, long stride)
{
	size_t len;
	char *data = tu_slurp(path, &len), *ref = NULL, *json = NULL;
	long total, n, runs = 0;

	parley_set_allocator(NULL);
	assert_int_equal(full_run(data, len, path, &ref), 0);
	counter_install(0);
	assert_int_equal(full_run(data, len, path, &json), 0);
	parley_set_allocator(NULL);
	total = C.count;
	assert_int_equal(C.nlive, 0);
	assert_string_equal(json, ref);
	free(json);
	if (stride <= 0) {
		const char *e = getenv("PARLEY_ALLOC_FULL_RUNS");
		long runs_wanted = e && atol(e) > 0 ? atol(e) : 40;
		stride = total > stride_after + runs_wanted ? (total - stride_after) / runs_wanted : 1;
	}
	for (n = 1; n <= total; n += n < stride_after ? 1 : stride) {
		const char *only = getenv("PARLEY_ALLOC_FULL_ONLY");
		int rc;
		if (only && atol(only) != n)
			continue;
		counter_install(n);
		rc = full_run(data, len, path, &json);
		parley_set_allocator(NULL);
		runs++;
		if (C.nlive != 0 || C.bad_frees != 0)
			fail_msg("%s, allocation %ld of %ld refused: %zu allocation(s) still live, %ld bad free(s)",
				path, n, total, C.nlive, C.bad_frees);
		if (C.refused && rc != PARLEY_ENOMEM)
			fail_msg("%s, allocation %ld of %ld refused: returned %d, want PARLEY_ENOMEM",
				path, n, total, rc);
		if (!C.refused) {
			/* fewer allocations than before: must not happen in a deterministic run */
			fail_msg("%s: run %ld made only %ld allocations", path, n, C.count);
		}
		free(json);
	}
	print_message("%s: %ld allocations, %ld of them refused one at a time\n", path, total, runs);
	free(ref);
	free(data);
}

static void test_alloc_full__institutions(void **state)
{
	(void)state;
	if (quick()) {
		/* the first 10 N and 10 more, evenly spaced */
		setenv("PARLEY_ALLOC_FULL_RUNS", "10", 1);
		sweep(PARLEY_TEST_DIR "/data/institutions.yaml", 10, 0);
		return;
	}
	sweep(PARLEY_TEST_DIR "/data/institutions.yaml", 1L << 30, 1);
}

static void test_alloc_full__flagship(void **state)
{
	const char *e = getenv("PARLEY_ALLOC_FULL_STRIDE");
	(void)state;
	if (quick()) {
		/* the first 3 N and 3 more */
		setenv("PARLEY_ALLOC_FULL_RUNS", "3", 1);
		sweep(PARLEY_SOURCE_DIR "/examples/security-guarantees-2022.yaml", 3, 0);
		return;
	}
	sweep(PARLEY_SOURCE_DIR "/examples/security-guarantees-2022.yaml", 40,
		e && atol(e) > 0 ? atol(e) : 0);
}

/* Rendering with a Monte Carlo run, every N: the flagship is loaded,
 * forecast and simulated once with the C library's allocator; then the
 * Nth allocation of parley_output_write (JSON, text and CSV with the run)
 * is refused, for every N. */
static void test_alloc_full__render_mc(void **state)
{
	const char *path = PARLEY_SOURCE_DIR "/examples/security-guarantees-2022.yaml";
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_output_options oo = PARLEY_OUTPUT_OPTIONS_INIT;
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_mc *mc = NULL;
	size_t len;
	char *data = tu_slurp(path, &len);
	int fmt;

	(void)state;
	mo.draws = 20;
	mo.threads = 1;
	if (quick()) /* as in full_run */
		fo.models = parley_model_default_selection() & ~(1u << PARLEY_MODEL_EXCHANGE);
	assert_int_equal(parley_scenario_load_buffer(&s, data, len, path, NULL, NULL), 0);
	assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
	assert_int_equal(parley_mc_create(&mc, s, &fo, &mo), 0);
	while (parley_mc_remaining(mc) > 0)
		assert_int_equal(parley_mc_step(mc, 8), 0);
	oo.mc = mc;
	for (fmt = PARLEY_OUTPUT_TEXT; fmt <= PARLEY_OUTPUT_CSV; fmt++) {
		parley_buf ref = PARLEY_BUF_INIT;
		long n;
		oo.format = (parley_output_format)fmt;
		assert_int_equal(parley_output_write(&ref, s, f, &oo), 0);
		for (n = 1;; n++) {
			parley_buf out = PARLEY_BUF_INIT;
			int rc;
			counter_install(n);
			rc = parley_output_write(&out, s, f, &oo);
			parley_buf_dispose(&out);
			parley_set_allocator(NULL);
			if (C.nlive != 0 || C.bad_frees != 0)
				fail_msg("format %d, allocation %ld refused: %zu live, %ld bad free(s)",
					fmt, n, C.nlive, C.bad_frees);
			if (!C.refused) {
				assert_int_equal(rc, 0);
				break;
			}
			if (rc != PARLEY_ENOMEM)
				fail_msg("format %d, allocation %ld refused: parley_output_write returned %d, "
					"want PARLEY_ENOMEM", fmt, n, rc);
		}
		parley_buf_dispose(&ref);
	}
	parley_mc_free(mc);
	parley_forecast_free(f);
	parley_scenario_free(s);
	free(data);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_alloc_full__institutions, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_full__flagship, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_full__render_mc, restore_allocator),
	};
	return tu_run_tests(tests, argc, argv);
}
