/*
 * check.c - input validation shared by the models on arrays
 * (shared/specs/models.md section 0, "Validation (all models)") and the
 * scaling of weights by a power of two that keeps their sums finite.
 *
 * Rules for the model files: never print, never abort, never allocate.
 * Every failure records a message with parley__error() and returns its
 * code; the output structure is written only on success.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "model_internal.h"

/* ------------------------------------------------------------------ */
/* Input validation (models.md section 0, "Validation (all models)")   */
/* ------------------------------------------------------------------ */

/* Every v[i] finite; with `nonneg`, also v[i] >= 0. */
int parley_models__check_values(const char *fn, const char *what, const double *v,
	size_t n, int nonneg)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: %s[%zu] is not a finite number (%g)",
				fn, what, i, v[i]);
		if (nonneg && v[i] < 0.0)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: %s[%zu] = %g is negative; weights must be >= 0",
				fn, what, i, v[i]);
	}
	return 0;
}

/*
 * Binary exponent e with max_i v[i] in [2^(e-1), 2^e), for a validated
 * non-negative array; *all_zero set when every entry is 0. Weights are
 * scaled by 2^-e (ldexp, exact in the normal range) so that sums of them
 * stay below n and cannot overflow whatever the weights' scale, while
 * integer-valued weights keep exact sums (only ratios of weights matter).
 */
int parley_models__weight_exponent(const double *v, size_t n, int *all_zero)
{
	double m = 0.0;
	size_t i;
	int e = 0;

	for (i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	*all_zero = (m == 0.0);
	if (m > 0.0)
		(void)frexp(m, &e);
	return e;
}

/*
 * v * 2^-e with the same bits as ldexp(v, -e) (multiplying by a power of
 * two rounds only where ldexp rounds too: into the subnormal range), using
 * the factor `scale` = 2^-e from parley_models__pow2_neg() where 2^-e is a double, without
 * a call into libm per element.
 */
double parley_models__pow2_neg(int e)
{
	return e > -1000 ? ldexp(1.0, -e) : 0.0;
}


/*
 * Positions x and weights w (n >= 1) checked as parley_models__check_values() does, and
 * the exponent e of the largest weight (weight_exponent) with its factor
 * 2^-e (pow2_neg), and with xr != NULL the least and greatest position
 * into xr[0] and xr[1], in one pass where all is well: the Monte Carlo runner
 * calls the models once per issue and draw. PARLEY_EZEROWEIGHT when every
 * weight is 0.
 */
int parley_models__check_weighted(const char *fn, const double *x, const double *w, size_t n,
	int *e, double *scale, double *xr)
{
	double wmax = 0.0, xmin = HUGE_VAL, xmax = -HUGE_VAL;
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		/* finite x, finite w >= 0, by comparisons (NaN fails each),
		 * cheaper than isfinite() */
		if (!(fabs(x[i]) <= DBL_MAX && w[i] >= 0.0 && w[i] <= DBL_MAX))
			break;
		if (w[i] > wmax)
			wmax = w[i];
		if (xr) {
			xmin = x[i] < xmin ? x[i] : xmin;
			xmax = x[i] > xmax ? x[i] : xmax;
		}
	}
	if (xr) {
		xr[0] = xmin;
		xr[1] = xmax;
	}
	if (i < n && ((err = parley_models__check_values(fn, "x", x, n, 0)) < 0 ||
	    (err = parley_models__check_values(fn, "w", w, n, 1)) < 0))
		return err;
	if (wmax == 0.0)
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
			"%s: total weight is zero (every w[i] is 0)", fn);
	*e = 0;
	(void)frexp(wmax, e);
	*scale = parley_models__pow2_neg(*e);
	return 0;
}

