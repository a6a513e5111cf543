/*
 * bench/bench_bdm.c - timings of the expected-utility model (parley/bdm.h).
 *
 * 1. PAPER profile without trace on synthetic issues of n = 10 ... 3000
 *    actors (positions, capabilities and saliences from a fixed LCG, so
 *    every position is distinct and round 1 is a full round): the time of
 *    one round, repeated until at least 0.2 s per n, and its growth per
 *    step in n next to the growth of n^2 log n, which the O(n^2 log n)
 *    probability sweep should track (the O(n^2) expected-utility passes
 *    dominate in practice, so the measured growth sits near n^2).
 * 2. Runs per second on the BDM-1994 car-emission table (Scholz et al.
 *    Table 1, models.md 4.9 b; 10 actors, up to 10 rounds), PAPER and
 *    COMPAT.
 *
 * Built as build/bench_bdm, run by `make bench`; not part of the tests.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "parley/bdm.h"

#define MIN_SECONDS 0.2

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Knuth's MMIX LCG; top 53 bits -> [0, 1). */
static double lcg_unit(uint64_t *st)
{
	*st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*st >> 11) / 9007199254740992.0;
}

static void die(const char *what, int rc)
{
	const parley_error *e = parley_error_last();

	fprintf(stderr, "bench_bdm: %s failed (%d): %s\n", what, rc, e->message);
	exit(1);
}

/* Seconds per round 1 of PAPER on n synthetic actors (no trace). */
static double time_round(size_t n, size_t *reps_out)
{
	parley_bdm_workspace *ws = NULL;
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
	double *x = malloc(n * sizeof(double)), *c = malloc(n * sizeof(double));
	double *s = malloc(n * sizeof(double)), total = 0.0;
	uint64_t st = 0x5eed0000ULL + n;
	size_t i, reps = 0;
	int rc;

	if (!x || !c || !s) {
		fprintf(stderr, "bench_bdm: out of memory\n");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		x[i] = 100.0 * lcg_unit(&st);
		c[i] = 0.1 + 0.9 * lcg_unit(&st);
		s[i] = 0.2 + 0.8 * lcg_unit(&st);
	}
	if ((rc = parley_bdm_workspace_alloc(&ws, n, 0)) < 0)
		die("parley_bdm_workspace_alloc", rc);
	do {
		double t0;

		if ((rc = parley_bdm_set(ws, x, c, s, n, 0.0, 100.0, &o)) < 0)
			die("parley_bdm_set", rc);
		t0 = now();
		if ((rc = parley_bdm_iterate(ws)) < 0)
			die("parley_bdm_iterate", rc);
		total += now() - t0;
		reps++;
	} while (total < MIN_SECONDS);
	parley_bdm_workspace_free(ws);
	free(x);
	free(c);
	free(s);
	*reps_out = reps;
	return total / (double)reps;
}

/* Runs per second of the whole model on the car-emission table. */
static void bench_emissions(parley_bdm_profile profile)
{
	/* Scholz et al. Table 1 (models.md 4.9 b): c, x (years), s / 100 */
	static const double c[10] = { 0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05,
		0.05, 0.08 };
	static const double x[10] = { 4, 7, 4, 4, 10, 10, 10, 7, 4, 7 };
	static const double s[10] = { 0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7 };
	parley_bdm_workspace *ws = NULL;
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
	double t0, el;
	size_t runs = 0, rounds = 0;
	int rc;

	o.profile = profile;
	o.max_rounds = 10;
	if ((rc = parley_bdm_workspace_alloc(&ws, 10, 0)) < 0)
		die("parley_bdm_workspace_alloc", rc);
	t0 = now();
	do {
		if ((rc = parley_bdm_set(ws, x, c, s, 10, 0.0, 20.0, &o)) < 0)
			die("parley_bdm_set", rc);
		while (parley_bdm_test(ws) == PARLEY_BDM_CONTINUE)
			if ((rc = parley_bdm_iterate(ws)) < 0)
				die("parley_bdm_iterate", rc);
		rounds = parley_bdm_rounds(ws);
		runs++;
		el = now() - t0;
	} while (el < MIN_SECONDS);
	printf("  %-7s %8.0f runs/s   (%zu rounds, %s, forecast %.4f)\n",
		parley_bdm_profile_name(profile), (double)runs / el, rounds,
		parley_bdm_status_name(parley_bdm_test(ws)), parley_bdm_median(ws));
	parley_bdm_workspace_free(ws);
}

int main(void)
{
	static const size_t ns[] = { 10, 30, 100, 300, 1000, 3000 };
	double prev_t = 0.0, prev_m = 0.0;
	size_t k;

	printf("BDM expected-utility model, PAPER profile, no trace: one full round\n");
	printf("%6s %8s %14s %10s %16s\n", "n", "rounds", "s/round", "growth",
		"n^2 log n growth");
	for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		size_t reps;
		double t = time_round(ns[k], &reps);
		double m = (double)ns[k] * (double)ns[k] * log((double)ns[k]);

		if (k == 0)
			printf("%6zu %8zu %14.3e %10s %16s\n", ns[k], reps, t, "-", "-");
		else
			printf("%6zu %8zu %14.3e %10.2f %16.2f\n", ns[k], reps, t,
				t / prev_t, m / prev_m);
		fflush(stdout);
		prev_t = t;
		prev_m = m;
	}
	printf("\nBDM-1994 car-emission table (10 actors, at most 10 rounds)\n");
	bench_emissions(PARLEY_BDM_PAPER);
	bench_emissions(PARLEY_BDM_COMPAT);
	return 0;
}
