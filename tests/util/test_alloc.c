/*
 * test_alloc.c - allocation failure. A counting allocator installed with
 * parley_set_allocator() refuses the Nth allocation (malloc or realloc);
 * for N = 1, 2, ... until a run needs fewer than N allocations, a whole
 * load + forecast + render + free cycle must either succeed or return an
 * error code, and leave no allocation of the library alive once everything
 * it returned has been freed.
 *
 * Where the expected values come from: common.h ("All library allocations
 * go through it", PARLEY_ENOMEM "an allocation failed") and the ownership
 * rules of scenario.h / forecast.h / diag.h / common.h (every object the
 * library returns is released by its free or dispose function). The final,
 * unfailing run must give the same bytes as a run with the C library's
 * allocator (output.h: the output is a pure function of its inputs).
 *
 * libfyaml allocates with its own malloc; only parley's allocations are
 * counted. Set PARLEY_ALLOC_VERBOSE=1 to print each N as it runs (to find
 * the N of a crash).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"

/* ------------------------------------------------------------------ */
/* the counting allocator                                               */
/* ------------------------------------------------------------------ */

/* The counting allocator of testutil.h. */
#define C tu_counter
#define counter_install tu_counter_install
#define restore_allocator tu_counter_restore

static int verbose(void)
{
	const char *v = getenv("PARLEY_ALLOC_VERBOSE");
	return v && *v && strcmp(v, "0");
}

/* ------------------------------------------------------------------ */
/* inputs                                                               */
/* ------------------------------------------------------------------ */

/* 2 issues, 3 actors, documents, sources, labels, zones; `levy` has no
 * status quo, so the NBS stores an error message there. */
static const char YAML[] =
	"parley: 1\n"
	"title: \"Allocation test\"\n"
	"date: \"2021-11-03\"\n"
	"description: \"Every section the loader allocates for.\"\n"
	"documents:\n"
	"  - {id: memo, title: \"A memo\", publisher: \"Desk\", date: \"2021-10-01\", location: \"m.txt\"}\n"
	"  - {id: cable, title: \"A cable\"}\n"
	"issues:\n"
	"  - id: tariffs\n"
	"    title: \"Tariff cut\"\n"
	"    description: \"0 = none, 100 = full\"\n"
	"    labels: {90: \"nearly all\", 10: \"token\", 45.5: \"about half\"}\n"
	"    status_quo: {value: 7.25, source: {judgement: \"the applied rate\"}}\n"
	"    zones:\n"
	"      - {name: \"little change\", range: [0, 22.5]}\n"
	"      - {name: \"broad cut\", range: [40, 70.75]}\n"
	"  - id: levy\n"
	"    title: \"Levy rate\"\n"
	"    scale: [-2.5, 7.75]\n"
	"    labels: {-2.5: \"abolished\", 7.75: \"doubled\"}\n"
	"actors:\n"
	"  - id: north\n"
	"    name: \"North\"\n"
	"    capability: {value: 42.5, source: {document: memo, quote: \"North pays\"}}\n"
	"    positions:\n"
	"      tariffs: {position: {value: 63.125, sd: 4.75}, salience: 71, red_line: [30.5, 92], source: {document: cable}}\n"
	"      levy: {position: 2.385, salience: {low: 20, likely: 35.5, high: 61}, capability: 9.75}\n"
	"  - id: south\n"
	"    name: \"South\"\n"
	"    capability: 27.25\n"
	"    positions:\n"
	"      tariffs: {position: 8.5, salience: {value: 93, uniform: [80, 100]}, source: {judgement: \"speeches\"}}\n"
	"      levy: {position: -1.125, salience: 66.5}\n"
	"  - id: east\n"
	"    name: \"East Bloc\"\n"
	"    capability: {value: 30, triangular: [20, 45]}\n"
	"    positions:\n"
	"      tariffs: {position: 41.75, salience: 48, source: {judgement: \"read\", document: memo, quote: \"halfway\"}}\n";

/* Several problems, to make the loader allocate diagnostics and "did you
 * mean" hints: an unknown key, a position off the scale, an unknown
 * document, a missing salience. */
static const char BAD_YAML[] =
	"parley: 1\n"
	"title: \"Broken\"\n"
	"documents: [{id: memo, title: \"A memo\"}]\n"
	"issues:\n"
	"  - {id: tariffs, title: \"Tariff cut\", zones: [{name: z, range: [10, 20.5]}]}\n"
	"actors:\n"
	"  - id: north\n"
	"    name: North\n"
	"    capability: 40\n"
	"    positions:\n"
	"      tariffs: {position: 120, salince: 50, source: {document: memoo}}\n"
	"  - id: south\n"
	"    name: South\n"
	"    capabilty: 40\n";

/* Quoted cells, so that the CSV reader allocates unquoted copies. */
static const char CSV[] =
	"Actor,Capability,Position,Salience\n"
	"\"United States\",100,25.5,70\n"
	"\"Germany, Fed. Rep.\",35.25,40,50\n"
	"\"Russia \"\"RF\"\"\",100,97.125,90\n";

/* ------------------------------------------------------------------ */
/* one run                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
	int rc;           /* first error, or 0 */
	char *json, *text;/* copies (C library malloc) of the outputs on success */
	size_t ndiags;
} run_result;

/* Load `data` (or the file `path` when data is NULL), forecast, render JSON
 * and text; free everything the library returned. */
static run_result full_run(const char *data, const char *name, const char *path)
{
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_buf json = PARLEY_BUF_INIT, text = PARLEY_BUF_INIT;
	run_result r;

	memset(&r, 0, sizeof(r));
	parley_error_clear();
	if (data)
		r.rc = parley_scenario_load_buffer(&s, data, strlen(data), name, NULL, &diags);
	else
		r.rc = parley_scenario_load_file(&s, path, NULL, &diags);
	if (r.rc != 0)
		assert_null(s);
	if (r.rc == 0)
		r.rc = parley_forecast_run(&f, s, NULL);
	if (r.rc != 0)
		assert_null(f);
	if (r.rc == 0)
		r.rc = parley_output_render(&json, s, f, PARLEY_OUTPUT_JSON);
	if (r.rc == 0)
		r.rc = parley_output_render(&text, s, f, PARLEY_OUTPUT_TEXT);
	if (r.rc == 0) {
		r.json = strdup(json.ptr);
		r.text = strdup(text.ptr);
	}
	if (r.rc < 0)
		assert_int_equal(parley_error_last()->code, r.rc);
	r.ndiags = diags.count;
	parley_buf_dispose(&json);
	parley_buf_dispose(&text);
	parley_forecast_free(f);
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
	return r;
}

/* Run with the Nth allocation refused for N = 1, 2, ... until a run makes
 * fewer than N allocations. `ok_rc` is what the unfailing run returns
 * (0, or PARLEY_EPARSE for a bad input). Returns the number of failing N
 * exercised. */
static long sweep(const char *data, const char *name, const char *path, int ok_rc,
	int fail_after, const run_result *reference)
{
	long n;

	for (n = 1; n < 100000; n++) {
		run_result r;

		if (verbose())
			print_message("%s: fail allocation %ld%s\n", name, n, fail_after ? " and after" : "");
		counter_install(n, fail_after);
		r = full_run(data, name, path);
		parley_set_allocator(NULL);

		/* nothing of the library's is still allocated, nothing freed twice */
		if (C.nlive != 0 || C.bad_frees != 0)
			fail_msg("%s, allocation %ld refused: %zu allocation(s) still live, %ld bad free(s)",
				name, n, C.nlive, C.bad_frees);
		if (C.refused == 0) {
			/* the run needed fewer than n allocations: it must succeed,
			 * with the same bytes as with the C library's allocator */
			assert_int_equal(r.rc, ok_rc);
			assert_int_equal(r.ndiags, reference->ndiags);
			if (ok_rc == 0) {
				assert_string_equal(r.json, reference->json);
				assert_string_equal(r.text, reference->text);
			}
			free(r.json);
			free(r.text);
			return n - 1;
		}
		/* an allocation failed: the run must report it */
		if (r.rc != PARLEY_ENOMEM)
			fail_msg("%s, allocation %ld refused: returned %d (%s), want PARLEY_ENOMEM",
				name, n, r.rc, parley_error_str(r.rc));
		free(r.json);
		free(r.text);
	}
	fail_msg("%s: no run succeeded", name);
	return -1;
}

static run_result reference_run(const char *data, const char *name, const char *path,
	int ok_rc)
{
	run_result ref;

	parley_set_allocator(NULL);
	ref = full_run(data, name, path);
	assert_int_equal(ref.rc, ok_rc);
	return ref;
}

/* ------------------------------------------------------------------ */
/* tests                                                                */
/* ------------------------------------------------------------------ */

/* The counting allocator itself sees every allocation: a load + forecast
 * + render makes at least 20, and frees all of them. */
static void test_alloc_counter__sees_everything(void **state)
{
	run_result r;

	(void)state;
	counter_install(0, 0);
	r = full_run(YAML, "alloc.yaml", NULL);
	parley_set_allocator(NULL);
	assert_int_equal(r.rc, 0);
	assert_true(C.count >= 20);
	assert_int_equal(C.nlive, 0);
	assert_int_equal(C.bad_frees, 0);
	assert_int_equal(C.refused, 0);
	free(r.json);
	free(r.text);
}

/* The main sweep: the Nth allocation fails, later ones succeed. */
static void test_alloc_yaml__fail_nth(void **state)
{
	run_result ref = reference_run(YAML, "alloc.yaml", NULL, 0);
	long exercised;

	(void)state;
	/* one warning: north's red line excludes the status quo and, without
	 * venues, every actor must agree (docs/scenario-format.md "Warnings");
	 * a refused allocation while adding it is PARLEY_ENOMEM like any other */
	assert_int_equal(ref.ndiags, 1);
	exercised = sweep(YAML, "alloc.yaml", NULL, 0, 0, &ref);
	assert_true(exercised >= 20);
	free(ref.json);
	free(ref.text);
	/* the default allocator is back: a plain run works */
	ref = reference_run(YAML, "alloc.yaml", NULL, 0);
	free(ref.json);
	free(ref.text);
}

/* The Nth allocation and every later one fail (memory stays exhausted). */
static void test_alloc_yaml__fail_from_nth(void **state)
{
	run_result ref = reference_run(YAML, "alloc.yaml", NULL, 0);

	(void)state;
	assert_true(sweep(YAML, "alloc.yaml", NULL, 0, 1, &ref) >= 20);
	free(ref.json);
	free(ref.text);
}

/* A bad input: the unfailing run is PARLEY_EPARSE with its diagnostics;
 * a refused allocation while collecting them is PARLEY_ENOMEM. */
static void test_alloc_yaml__diagnostics(void **state)
{
	run_result ref = reference_run(BAD_YAML, "bad.yaml", NULL, PARLEY_EPARSE);

	(void)state;
	assert_true(ref.ndiags >= 4);
	assert_true(sweep(BAD_YAML, "bad.yaml", NULL, PARLEY_EPARSE, 0, &ref) >= 4);
}

static void test_alloc_csv__fail_nth(void **state)
{
	run_result ref = reference_run(CSV, "tables/g3.csv", NULL, 0);

	(void)state;
	assert_true(sweep(CSV, "tables/g3.csv", NULL, 0, 0, &ref) >= 10);
	free(ref.json);
	free(ref.text);
}

/* parley_scenario_load_file reads into a buffer of its own first. */
static void test_alloc_file__fail_nth(void **state)
{
	const char *path = PARLEY_TEST_DIR "/data/minimal.yaml";
	run_result ref = reference_run(NULL, path, path, 0);

	(void)state;
	assert_true(sweep(NULL, path, path, 0, 0, &ref) >= 20);
	free(ref.json);
	free(ref.text);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_alloc_counter__sees_everything, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_yaml__fail_nth, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_yaml__fail_from_nth, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_yaml__diagnostics, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_csv__fail_nth, restore_allocator),
		cmocka_unit_test_teardown(test_alloc_file__fail_nth, restore_allocator),
	};

	return tu_run_tests(tests, argc, argv);
}
