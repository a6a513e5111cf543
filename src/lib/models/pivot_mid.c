/*
 * pivot_mid.c - the midpoint of a qualified-majority venue's pivots (the
 * backtest's best model without a fit, docs/backtest.md): moving the
 * outcome beyond [L, H] loses a qualified majority for it (Krehbiel 1998),
 * and the forecast is (L + H) / 2. In a forecast the venue is the first of
 * the scenario with a qualified-majority rule and the issue on its table;
 * its members present vote with their venue weights, and the quota's share
 * of the members' total weight is the share the pivots need.
 */
#include <math.h>
#include <string.h>
#include "model_internal.h"

void parley_models__qmv_pivots(double *lo, double *hi, const double *x, const double *v, size_t n,
	double num, double den)
{
	double vsum = 0, need;
	size_t i, j;

	for (i = 0; i < n; i++)
		vsum += v[i];
	need = num * vsum;
	*lo = HUGE_VAL;
	*hi = -HUGE_VAL;
	for (i = 0; i < n; i++) {
		double ge = 0, le = 0;
		for (j = 0; j < n; j++) {
			if (x[j] >= x[i])
				ge += v[j];
			if (x[j] <= x[i])
				le += v[j];
		}
		if (ge * den >= need && (*lo == HUGE_VAL || x[i] > *lo))
			*lo = x[i];
		if (le * den >= need && (*hi == -HUGE_VAL || x[i] < *hi))
			*hi = x[i];
	}
}

static int on_table(const parley_venue *ve, size_t issue)
{
	size_t k;
	for (k = 0; k < ve->issue_count; k++)
		if (ve->issues[k] == issue)
			return 1;
	return 0;
}

static const char msg_no_venue[] = "the midpoint of the pivots needs a venue with a "
	"qualified-majority rule (rule: qualified_majority and a quota) that has this issue on its table";

static int run(parley_model_result *res, const parley_model_call *c)
{
	const parley_scenario *s = c->s;
	const parley_venue *ve = NULL;
	const parley_stance *row = &s->stances[c->issue * s->actor_count];
	double *x = c->ws->a, *v = c->ws->tmp, total = 0, lo, hi;
	size_t k, n = 0;

	for (k = 0; k < s->venue_count && !ve; k++)
		if (s->venues[k].rule == PARLEY_RULE_QUALIFIED_MAJORITY && on_table(&s->venues[k], c->issue))
			ve = &s->venues[k];
	if (!ve) {
		res->message = msg_no_venue;
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL, "%s", msg_no_venue);
	}
	/* the members present (and in the call's set), with their votes, in
	 * the scratch arrays (the gathered ones stay for the other models) */
	for (k = 0; k < ve->member_count; k++) {
		size_t a = ve->members[k];
		double wk = ve->weights ? ve->weights[k] : 1.0;
		total += wk;
		if (!row[a].present || (c->member && !c->member[a]))
			continue;
		x[n] = row[a].position.value;
		v[n] = wk;
		n++;
	}
	if (!n || !(total > 0))
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL, "%s",
			"no member of the qualified-majority venue takes a position on this issue");
	parley_models__qmv_pivots(&lo, &hi, x, v, n, ve->quota, total);
	res->forecast = (lo + hi) / 2;
	return 0;
}

static const struct parley_model_ops ops = { .run = run };

const parley_model_type parley_model_pivot_mid = {
	.name = "pivot-mid",
	.title = "Midpoint of the QMV pivots",
	.summary = "midpoint of a qualified-majority venue's pivots (Krehbiel 1998; no fit)",
	.needs = PARLEY_MODEL_NEEDS_PIVOTS,
	.ops = &ops,
};
