/*
 * parley/models.h - the one-issue forecasting models as plain functions on
 * arrays: capability-weighted mean, compromise (weighted mean), weighted
 * median and the asymmetric Nash bargaining solution.
 *
 * Specification: shared/specs/models.md sections 1-3 (see docs/models.md).
 * The scenario-level runner (parley/forecast.h) calls these; they are
 * public so that users and tests can run a model on their own arrays.
 *
 * Conventions: `n` actors; positions `x[i]` on the scale [lo, hi];
 * weights are >= 0; saliences are in [0, 1] (divide 0-100 inputs by 100).
 * Every function validates its inputs (NaN, Inf, negative weights,
 * positions off the scale) and returns PARLEY_EINVAL with a message in
 * parley_error_last() when they are bad. No function allocates.
 *
 * Thread-safety: all functions are reentrant.
 */
#ifndef PARLEY_MODELS_H
#define PARLEY_MODELS_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Weighted mean sum(w_i x_i) / sum(w_i) (models.md section 1).
 * With w_i = c_i this is the capability-weighted mean; with w_i = c_i s_i
 * it is the compromise model.
 *
 * @param out  receives the mean
 * @param x    positions, n values
 * @param w    weights >= 0, n values
 * @return 0, PARLEY_EINVAL (bad input, n == 0), or PARLEY_EZEROWEIGHT
 *         when every weight is zero.
 */
int parley_weighted_mean(double *out, const double *x, const double *w, size_t n);

/** Tie rule of the weighted median (models.md section 2, step 3). */
typedef enum {
	PARLEY_TIE_MIDPOINT = 0, /**< the middle of the tie interval (default) */
	PARLEY_TIE_LOWER,        /**< the lower end */
	PARLEY_TIE_UPPER         /**< the upper end */
} parley_median_tie;

/** Result of the weighted median. */
typedef struct {
	double median;  /**< the forecast under the chosen tie rule */
	int tie;        /**< 1 when every point of [lo, hi] is a weak Condorcet winner */
	double lo, hi;  /**< the tie interval; lo == hi == median when no tie */
} parley_median_result;

/**
 * Weighted median of positions x with weights w (models.md section 2):
 * zero-weight actors are ignored, equal positions merged, and an exact
 * half-weight split (relative tolerance `rel_tol * W`; the spec uses
 * 1e-12) is a tie resolved by `tie`.
 *
 * @return 0, PARLEY_EINVAL or PARLEY_EZEROWEIGHT.
 */
int parley_weighted_median(parley_median_result *out, const double *x,
	const double *w, size_t n, parley_median_tie tie, double rel_tol);

/**
 * Weighted median for any n (models.md section 2), same rules and results
 * as parley_weighted_median(), sorting actor indices in a workspace that
 * the caller provides (O(n log n) time, no allocation).
 * parley_weighted_median() sorts on the stack and so handles at most 64
 * actors; for larger n it returns PARLEY_EINVAL and this variant is needed.
 *
 * @param idx_workspace  n size_t values of scratch space; their contents
 *                       on entry are ignored and on return unspecified
 * @return 0, PARLEY_EINVAL or PARLEY_EZEROWEIGHT.
 */
int parley_weighted_median_ws(parley_median_result *out, const double *x,
	const double *w, size_t n, parley_median_tie tie, double rel_tol,
	size_t *idx_workspace);

/** Outcome class of the Nash bargaining solution. */
typedef enum {
	PARLEY_NBS_INTERIOR = 0,          /**< unique maximiser inside (L, U] */
	PARLEY_NBS_DISAGREEMENT_POINT = 1 /**< feasible set is {q}: status quo */
} parley_nbs_status;

/** Result of the Nash bargaining solution. */
typedef struct {
	double solution;          /**< the bargaining outcome y* */
	parley_nbs_status status; /**< interior or disagreement point */
	double feasible_lo;       /**< L: lower end of the individually rational set */
	double feasible_hi;       /**< U: upper end */
	size_t iterations;        /**< bisection steps used (0 for the closed cases) */
} parley_nbs_result;

/**
 * Asymmetric Nash bargaining solution on [lo, hi] (models.md section 3):
 * maximise sum_i a_i ln(u_i(y) - u_i(q)) with u_i(y) = -s_i |y - x_i|^p.
 * Actors with a_i = 0 or s_i = 0 do not take part.
 *
 * @param x     positions, n values in [lo, hi]
 * @param a     bargaining weights >= 0
 * @param s     saliences in [0, 1], or NULL for all 1
 * @param q     the disagreement point (status quo), in [lo, hi]
 * @param p     loss exponent, 1 (linear) or 2 (quadratic)
 * @param tol   relative bisection tolerance (the spec uses 1e-13): the
 *              bracket stops when right - left <= tol max(1, |mid|) (the
 *              spec's rule) and (right - left) r <= tol max(1, |mid - lo| r),
 *              r = 100 / (hi - lo) (the same on the spec's 0-100 scale), so
 *              that the precision relative to the scale does not depend on
 *              its units; on a 0-100 scale the two are one
 * @return 0, PARLEY_EINVAL, or PARLEY_EZEROWEIGHT when no actor takes part.
 */
int parley_nbs(parley_nbs_result *out, const double *x, const double *a,
	const double *s, size_t n, double q, double lo, double hi, int p,
	double tol);

#ifdef __cplusplus
}
#endif
#endif
