/*
 * trace.c - `parley forecast --trace ISSUE`: the internals of the
 * expected-utility model, round by round, for one issue, so that a reader
 * can check the model by hand (models.md section 4.3: P, EU1, the risk
 * exponents r, EU and the offers accepted). Uses the public workspace API
 * of parley/bdm.h with its trace matrices on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static int put(cli_text *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append formatted text to a CLI text buffer (malloc'ed; free b->ptr). */
static int put(cli_text *b, const char *fmt, ...)
{
	va_list ap, cp;
	int len;
	char *p;

	va_start(ap, fmt);
	va_copy(cp, ap);
	len = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (len < 0 || b->size + (size_t)len + 1 > b->asize) {
		size_t na = (b->size + (size_t)(len < 0 ? 0 : len) + 1) * 2;
		if (len < 0 || !(p = realloc(b->ptr, na))) {
			va_end(ap);
			return -1;
		}
		b->ptr = p;
		b->asize = na;
	}
	vsnprintf(b->ptr + b->size, (size_t)len + 1, fmt, ap);
	b->size += (size_t)len;
	va_end(ap);
	return 0;
}

/* Width of the actor column: the longest id (at least `min`). */
static int id_width(const char *const *ids, size_t n, size_t min)
{
	size_t i, w = min;
	for (i = 0; i < n; i++)
		if (strlen(ids[i]) > w)
			w = strlen(ids[i]);
	return (int)w;
}

/* An n x n matrix with full actor ids: rows padded to the longest id, each
 * column as wide as its id (at least 9 characters, the numbers' width). */
static int matrix(cli_text *b, const char *title, const double *m, size_t n,
	const char *const *ids)
{
	int w = id_width(ids, n, 10);
	size_t i, j;
	int e = put(b, "  %s\n  %-*s", title, w, "");
	for (j = 0; !e && j < n; j++)
		e = put(b, " %9s", ids[j]);
	for (i = 0; !e && i < n; i++) {
		e = put(b, "\n  %-*s", w, ids[i]);
		for (j = 0; !e && j < n; j++) {
			int cw = id_width(&ids[j], 1, 9);
			e = i == j ? put(b, " %*s", cw, "-") : put(b, " %*.4f", cw, m[i * n + j]);
		}
	}
	return e ? e : put(b, "\n");
}

int cli_bdm_trace(cli_text *out, const parley_scenario *s, size_t issue,
	const parley_bdm_options *opts)
{
	const parley_issue *is = parley_scenario_issue(s, issue);
	size_t na = parley_scenario_actor_count(s), n = 0, k, i;
	double *x = calloc(na + 1, sizeof(double)), *c = calloc(na + 1, sizeof(double));
	double *sal = calloc(na + 1, sizeof(double)), *before = calloc(na + 1, sizeof(double));
	const char **ids = calloc(na + 1, sizeof(char *));
	parley_bdm_workspace *ws = NULL;
	int e = -1;

	if (!x || !c || !sal || !before || !ids)
		goto done;
	for (k = 0; k < na; k++) {
		const parley_stance *st = parley_scenario_stance(s, issue, k);
		if (!st->present)
			continue;
		x[n] = st->position.value;
		c[n] = st->capability.value;
		sal[n] = st->salience.value / 100.0;
		ids[n] = parley_scenario_actor(s, k)->id;
		n++;
	}
	if (n < 2) {
		e = put(out, "\nTrace of issue '%s': the expected-utility model needs two actors or more.\n", is->id);
		goto done;
	}
	if (parley_bdm_workspace_alloc(&ws, n, 1) < 0 ||
	    parley_bdm_set(ws, x, c, sal, n, is->lo, is->hi, opts) < 0) {
		e = put(out, "\nTrace of issue '%s': %s\n", is->id, parley_error_last()->message);
		goto done;
	}
	e = put(out, "\nTrace of the expected-utility model on '%s' (%s profile, Delta %g, Q %g)\n"
		"Initial median %.6g, mean %.6g\n", is->id, parley_bdm_profile_name(opts->profile),
		parley_bdm_range_used(ws), opts->q, parley_bdm_median(ws), parley_bdm_mean(ws));
	while (!e && parley_bdm_test(ws) == PARLEY_BDM_CONTINUE) {
		const parley_bdm_offer *offers;
		const double *r;
		memcpy(before, parley_bdm_positions(ws), n * sizeof(double));
		if (parley_bdm_iterate(ws) < 0)
			break;
		r = parley_bdm_risk(ws);
		offers = parley_bdm_offers(ws);
		e = put(out, "\nRound %zu\n  %-*s %10s %8s\n", parley_bdm_rounds(ws), id_width(ids, n, 10),
			"actor", "position", "r");
		for (i = 0; !e && i < n; i++)
			e = put(out, "  %-*s %10.4f %8.4f\n", id_width(ids, n, 10), ids[i], before[i],
				r ? r[i] : 1.0);
		if (!e) e = matrix(out, "P: probability that row beats column (eq. 31)", parley_bdm_matrix(ws, 'P'), n, ids);
		if (!e) e = matrix(out, "EU1: expected utility of row challenging column, r = 1", parley_bdm_matrix(ws, '1'), n, ids);
		if (!e) e = matrix(out, "EU: expected utility of row challenging column, with risk exponents", parley_bdm_matrix(ws, 'E'), n, ids);
		if (!e) e = put(out, "  Offers accepted:\n");
		for (i = 0; !e && i < n; i++) {
			const parley_bdm_offer *o = &offers[i];
			if (o->kind == PARLEY_BDM_OFFER_NONE)
				continue;
			e = put(out, "    %s accepts %s from %s: %.6g -> %.6g (a = %.4f, b = %.4f)\n", ids[i],
				parley_bdm_offer_name(o->kind), ids[o->proposer], before[i], o->position,
				o->eu_proposer, o->eu_receiver);
		}
		if (!e) e = put(out, "  After the round: median %.6g, mean %.6g\n",
			parley_bdm_median(ws), parley_bdm_mean(ws));
	}
	if (!e)
		e = put(out, "Status: %s after %zu round%s\n", parley_bdm_status_name(parley_bdm_test(ws)),
			parley_bdm_rounds(ws), parley_bdm_rounds(ws) == 1 ? "" : "s");
done:
	parley_bdm_workspace_free(ws);
	free(x);
	free(c);
	free(sal);
	free(before);
	free(ids);
	return e;
}
