/*
 * mean.c - the capability-weighted mean (shared/specs/models.md section 1):
 * where the issue lands if each actor pulls in proportion to its
 * capability. parley_weighted_mean() is also the compromise model's
 * (compromise.c) with other weights.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "model_internal.h"

/* ------------------------------------------------------------------ */
/* Section 1: compromise model and capability-weighted mean            */
/* ------------------------------------------------------------------ */

/*
 * models.md section 1, equations "compromise" / "capability mean":
 *     X = sum_i w_i x_i / sum_i w_i
 * (w_i = c_i s_i for the compromise model, w_i = c_i for the capability
 * mean). Weights are scaled by a power of two near their maximum first
 * (weight_exponent) so that neither sum can overflow whatever their
 * scale, and the result is clamped to
 * [min x, max x] over positive-weight actors, which the spec guarantees
 * ("Result always lies in [min x, max x]") but rounding could break by
 * an ulp. Denominator 0 => PARLEY_EZEROWEIGHT (ERROR_ZERO_WEIGHT).
 */
int parley_weighted_mean(double *out, const double *x, const double *w, size_t n)
{
	static const char fn[] = "parley_weighted_mean";
	double sw = 0.0, swx = 0.0, xmin = HUGE_VAL, xmax = -HUGE_VAL, mean, scale;
	size_t i;
	int err, e;

	PARLEY_ASSERT_ARG(out != NULL);
	PARLEY_ASSERT_ARG(x != NULL);
	PARLEY_ASSERT_ARG(w != NULL);
	if (n == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: no actors (n == 0)", fn);
	if ((err = parley_models__check_weighted(fn, x, w, n, &e, &scale, NULL)) < 0)
		return err;

	for (i = 0; i < n; i++) {
		double v;

		if (w[i] == 0.0)
			continue;
		v = parley_models__scaled(w[i], e, scale);
		sw += v;
		swx += v * x[i];
		if (x[i] < xmin)
			xmin = x[i];
		if (x[i] > xmax)
			xmax = x[i];
	}
	mean = swx / sw;
	if (!isfinite(mean))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the weighted sum of positions overflows", fn);
	if (mean < xmin)
		mean = xmin;
	if (mean > xmax)
		mean = xmax;
	*out = mean;
	return 0;
}


static int run(parley_model_result *res, const parley_model_call *c)
{
	return parley_weighted_mean(&res->forecast, c->ws->x, c->ws->c, c->n);
}

static const struct parley_model_ops ops = { .run = run };

const parley_model_type parley_model_mean = {
	.name = "mean",
	.title = "Capability-weighted mean",
	.summary = "where the issue lands if each actor pulls in proportion to its capability",
	.by_default = 1,
	.ops = &ops,
};
