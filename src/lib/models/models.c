/*
 * models.c - the one-issue forecasting models on plain arrays
 * (shared/specs/models.md sections 1-3): weighted mean / compromise,
 * weighted median (Black's median voter) and the asymmetric Nash
 * bargaining solution on a line.
 *
 * Rules for this file: never print, never abort, never allocate. Every
 * failure records a message with parley__error() and returns its code;
 * the output structure is written only on success.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include "internal.h"
#include "parley/models.h"

/* Actors parley_weighted_median() can sort on its own stack. */
#define MEDIAN_STACK_ACTORS 64

/* ------------------------------------------------------------------ */
/* Input validation (models.md section 0, "Validation (all models)")   */
/* ------------------------------------------------------------------ */

/* Every v[i] finite; with `nonneg`, also v[i] >= 0. */
static int check_values(const char *fn, const char *what, const double *v,
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
static int weight_exponent(const double *v, size_t n, int *all_zero)
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
 * the factor `scale` = 2^-e from pow2_neg() where 2^-e is a double, without
 * a call into libm per element.
 */
static double pow2_neg(int e)
{
	return e > -1000 ? ldexp(1.0, -e) : 0.0;
}

static double scaled(double v, int e, double scale)
{
	return scale != 0.0 ? v * scale : ldexp(v, -e);
}

/*
 * Positions x and weights w (n >= 1) checked as check_values() does, and
 * the exponent e of the largest weight (weight_exponent) with its factor
 * 2^-e (pow2_neg), and with xr != NULL the least and greatest position
 * into xr[0] and xr[1], in one pass where all is well: the Monte Carlo runner
 * calls the models once per issue and draw. PARLEY_EZEROWEIGHT when every
 * weight is 0.
 */
static int check_weighted(const char *fn, const double *x, const double *w, size_t n,
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
	if (i < n && ((err = check_values(fn, "x", x, n, 0)) < 0 ||
	    (err = check_values(fn, "w", w, n, 1)) < 0))
		return err;
	if (wmax == 0.0)
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
			"%s: total weight is zero (every w[i] is 0)", fn);
	*e = 0;
	(void)frexp(wmax, e);
	*scale = pow2_neg(*e);
	return 0;
}

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
	if ((err = check_weighted(fn, x, w, n, &e, &scale, NULL)) < 0)
		return err;

	for (i = 0; i < n; i++) {
		double v;

		if (w[i] == 0.0)
			continue;
		v = scaled(w[i], e, scale);
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

/* ------------------------------------------------------------------ */
/* Section 2: weighted median                                          */
/* ------------------------------------------------------------------ */

/* Actor a before actor b: by position, equal positions by index. A total
 * order, so every sort of the same actors ends in the same sequence. */
static int before(const double *x, size_t a, size_t b)
{
	return x[a] < x[b] || (x[a] == x[b] && a < b);
}

/* Heapsort helper: restore the max-heap property below `root` in idx[0, end). */
static void heap_sift_down(size_t *idx, const double *x, size_t root, size_t end)
{
	for (;;) {
		size_t child = 2 * root + 1, t;

		if (child >= end)
			return;
		if (child + 1 < end && before(x, idx[child], idx[child + 1]))
			child++;
		if (!before(x, idx[root], idx[child]))
			return;
		t = idx[root];
		idx[root] = idx[child];
		idx[child] = t;
		root = child;
	}
}

/*
 * Sort idx[0, m) by before(): position, then index. Insertion sort up to
 * 48 actors (fewer comparisons and mispredicted branches than heapsort at
 * the sizes of most negotiations), heapsort above:
 * O(m log m), in place, no recursion, no allocation. The order is the same
 * whatever the order of idx on entry.
 */
static void sort_by_position(size_t *idx, size_t m, const double *x)
{
	size_t start, end, t;

	if (m < 2)
		return;
	if (m <= 48) {
		for (end = 1; end < m; end++) {
			t = idx[end];
			for (start = end; start > 0 && before(x, t, idx[start - 1]); start--)
				idx[start] = idx[start - 1];
			idx[start] = t;
		}
		return;
	}
	for (start = m / 2; start-- > 0;)
		heap_sift_down(idx, x, start, m);
	for (end = m - 1; end > 0; end--) {
		t = idx[0];
		idx[0] = idx[end];
		idx[end] = t;
		heap_sift_down(idx, x, 0, end);
	}
}

/* The result from the median's interval [plo, phi] (a tie when is_tie). */
static void median_finish(parley_median_result *out, double plo, double phi, int is_tie,
	parley_median_tie tie)
{
	/* + 0.0 turns a -0.0 position into +0.0, so that the sign of a zero
	 * result cannot depend on the actors' order. */
	plo += 0.0;
	phi += 0.0;

	out->tie = is_tie;
	out->lo = plo;
	out->hi = phi;
	if (!is_tie || tie == PARLEY_TIE_LOWER)
		out->median = plo;
	else if (tie == PARLEY_TIE_UPPER)
		out->median = phi;
	else
		out->median = 0.5 * plo + 0.5 * phi; /* midpoint, overflow-free */
}

/* Buckets of median_buckets(); at least this many actors use it. */
#define MEDIAN_BUCKETS 32
#define MEDIAN_BUCKETS_FROM 16
#define MEDIAN_BUCKET_MAX 64  /* actors sorted in the median's bucket, at most */

/* The bucket of position x in median_buckets(): non-decreasing in x, as
 * subtraction, multiplication by inv > 0 and truncation are. */
static size_t bucket_of(double x, double xmin, double inv)
{
	double t = (x - xmin) * inv;

	/* t >= 0; through int, which converts without a branch, unlike size_t */
	return (size_t)(t < (double)(MEDIAN_BUCKETS - 1) ? (int)t : MEDIAN_BUCKETS - 1);
}

/*
 * Steps 2-4 of the algorithm (parley_weighted_median_ws) over the m
 * positive-weight actors idx[0, m), sorted by sort_by_position(), that
 * follow the weight `cum` of the actors below them, of total scaled weight
 * W: 1 with *out. With delta > 0 (median_buckets: cum and W summed in
 * another order than the algorithm's), 0 where a decision lies within
 * delta of its threshold; 0 too where the scan ends below W/2 - band.
 * The next position of a tie past idx[m - 1] comes from a pass over the
 * n actors (ties are rare).
 */
static int median_scan(parley_median_result *out, const double *x, const double *w, size_t n,
	const size_t *idx, size_t m, double cum, double W, double delta, int e, double scale,
	parley_median_tie tie, double rel_tol)
{
	double half = 0.5 * W, band = rel_tol * W, low = half - band;
	size_t i, k, j;

	for (k = 0; k < m; k = j) {
		double pk = x[idx[k]], next;

		for (j = k; j < m && x[idx[j]] == pk; j++)
			cum += scaled(w[idx[j]], e, scale);
		if (!(cum >= low)) {
			if (delta > 0 && cum >= low - delta)
				return 0;
			continue;
		}
		if (delta > 0 && (cum - low <= delta || fabs(fabs(cum - half) - band) <= delta))
			return 0;
		if (!(fabs(cum - half) <= band)) {
			median_finish(out, pk, pk, 0, tie);
			return 1;
		}
		/* step 3: a tie on [p_k*, p_k*+1]; none above: no tie (k* = m) */
		next = HUGE_VAL;
		if (j < m)
			next = x[idx[j]];
		else
			for (i = 0; i < n; i++)
				if (w[i] > 0.0 && x[i] > pk && x[i] < next)
					next = x[i];
		median_finish(out, pk, next == HUGE_VAL ? pk : next, next != HUGE_VAL, tie);
		return 1;
	}
	return 0;
}

/*
 * Steps 1-4 without sorting every actor: the positive weights summed into
 * MEDIAN_BUCKETS buckets of equal width over [xr[0], xr[1]] (the range of
 * every position), in index order, as W is; the bucket where the
 * cumulative weight reaches W/2 - band found from the buckets' sums, and
 * only that bucket's actors sorted. Two passes over the actors where
 * sorting them all costs O(n log n) and mispredicted branches.
 *
 * The sums add the same weights as the sorted scan does (in
 * parley_weighted_median_ws) in another order, so each may differ from its
 * value there by rounding: at most 2 n u W for n
 * positive terms of total W (u = 2^-53; Higham, "Accuracy and Stability
 * of Numerical Algorithms", 2nd ed., section 4.2), below `delta` = 4 n
 * DBL_EPSILON W. Every comparison that decides the result (the group before
 * the median below W/2 - band, the median's group at or above it, the tie
 * test) is taken only with a margin above delta; otherwise this returns 0
 * and the caller sorts, as when the bucket holds more than MEDIAN_BUCKET_MAX
 * actors. So where it returns 1, *out is what the sorted scan gives, bit
 * for bit. idx (n entries) links each bucket's actors.
 */
static int median_buckets(parley_median_result *out, const double *x, const double *w,
	size_t n, const double *xr, int e, double scale, parley_median_tie tie, double rel_tol,
	size_t *idx)
{
	double bw[MEDIAN_BUCKETS];
	size_t head[MEDIAN_BUCKETS], member[MEDIAN_BUCKET_MAX];
	double W = 0.0, inv, low, delta, cum = 0.0;
	size_t i, b, star, m = 0;

	if (!(xr[1] > xr[0]) || !isfinite(xr[1] - xr[0]))
		return 0;
	inv = (double)MEDIAN_BUCKETS / (xr[1] - xr[0]);
	for (b = 0; b < MEDIAN_BUCKETS; b++) {
		bw[b] = 0.0;
		head[b] = SIZE_MAX;
	}
	for (i = 0; i < n; i++)
		if (w[i] > 0.0) {
			double v = scaled(w[i], e, scale);
			b = bucket_of(x[i], xr[0], inv);
			W += v;
			bw[b] += v;
			idx[i] = head[b];
			head[b] = i;
		}
	low = 0.5 * W - rel_tol * W;
	delta = 4.0 * (double)n * DBL_EPSILON * W;
	for (star = 0; star < MEDIAN_BUCKETS && !(cum + bw[star] >= low); star++)
		cum += bw[star];
	if (star == MEDIAN_BUCKETS || cum >= low - delta)
		return 0;
	for (i = head[star]; i != SIZE_MAX; i = idx[i]) {
		if (m == MEDIAN_BUCKET_MAX)
			return 0;
		member[m++] = i;
	}
	sort_by_position(member, m, x);
	return median_scan(out, x, w, n, member, m, cum, W, delta, e, scale, tie, rel_tol);
}

/* Arguments of the weighted median checked (n >= 1, a known tie rule, a
 * finite rel_tol >= 0, finite x, finite w >= 0 not all 0): 0 with the
 * weights' exponent and factor (check_weighted), else the error. */
static int median_check(const char *fn, const double *x, const double *w, size_t n,
	parley_median_tie tie, double rel_tol, int *e, double *scale, double *xr)
{
	if (n == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: no actors (n == 0)", fn);
	if (tie != PARLEY_TIE_MIDPOINT && tie != PARLEY_TIE_LOWER &&
	    tie != PARLEY_TIE_UPPER)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: unknown tie rule %d", fn, (int)tie);
	if (!isfinite(rel_tol) || rel_tol < 0.0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: rel_tol must be finite and >= 0 (got %g)", fn, rel_tol);
	return check_weighted(fn, x, w, n, e, scale, xr);
}

/*
 * models.md section 2, "Algorithm":
 *  1. keep actors with w_i > 0, sort their positions, merge equal ones:
 *     p_1 < ... < p_m with weights omega_k, W = sum omega_k,
 *     C_k = omega_1 + ... + omega_k;
 *  2. k* = smallest k with C_k >= W/2 - rel_tol*W;
 *  3. if |C_k* - W/2| <= rel_tol*W and k* < m: tie on [p_k*, p_k*+1],
 *     resolved by `tie` (lower / upper / midpoint);
 *  4. otherwise p_k* (unique strong Condorcet winner).
 * Weights are scaled by 2^-e (weight_exponent): the rule is scale-free,
 * W stays finite for any finite weights, and integer weights keep exact
 * cumulative sums, so their exact ties are found for any n. Equal
 * positions are summed in the order of their indices (sort_by_position).
 */
int parley_weighted_median_ws(parley_median_result *out, const double *x,
	const double *w, size_t n, parley_median_tie tie, double rel_tol,
	size_t *idx_workspace)
{
	size_t *idx = idx_workspace;
	size_t i, m = 0;
	double W = 0.0, scale = 1.0, xr[2];
	int err, e = 0;

	PARLEY_ASSERT_ARG(out != NULL);
	PARLEY_ASSERT_ARG(x != NULL);
	PARLEY_ASSERT_ARG(w != NULL);
	PARLEY_ASSERT_ARG(idx_workspace != NULL);
	if ((err = median_check("parley_weighted_median", x, w, n, tie, rel_tol, &e, &scale, xr)) < 0)
		return err;
	if (n >= MEDIAN_BUCKETS_FROM && median_buckets(out, x, w, n, xr, e, scale, tie, rel_tol, idx))
		return 0;

	/* Step 1: zero-weight actors neither vote nor count as candidates. */
	for (i = 0; i < n; i++) {
		if (w[i] > 0.0) {
			idx[m++] = i;
			W += scaled(w[i], e, scale);
		}
	}
	sort_by_position(idx, m, x);
	/* C_m = W >= W/2 - band: the scan decides (its fallback, the last
	 * position, is never reached) */
	if (!median_scan(out, x, w, n, idx, m, 0.0, W, 0.0, e, scale, tie, rel_tol))
		median_finish(out, x[idx[m - 1]], x[idx[m - 1]], 0, tie);
	return 0;
}

/*
 * models.md section 2 for n <= 64 actors: parley_weighted_median_ws() with
 * a workspace on the stack (this API has no place for a caller's
 * workspace, and the library never allocates).
 */
int parley_weighted_median(parley_median_result *out, const double *x,
	const double *w, size_t n, parley_median_tie tie, double rel_tol)
{
	size_t idx[MEDIAN_STACK_ACTORS];

	if (n > MEDIAN_STACK_ACTORS)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_weighted_median: %zu actors exceed its limit of %d; "
			"use parley_weighted_median_ws() with a workspace of n indices",
			n, MEDIAN_STACK_ACTORS);
	return parley_weighted_median_ws(out, x, w, n, tie, rel_tol, idx);
}

/* ------------------------------------------------------------------ */
/* Section 3: asymmetric Nash bargaining solution on a line            */
/* ------------------------------------------------------------------ */

/* The actors that take part (models.md section 3, set A). */
typedef struct {
	const double *x, *a, *s;
	size_t n;
	double q;     /* disagreement point */
	int aexp;     /* a_i are scaled by 2^-aexp (weight_exponent) */
	int p;        /* 1 or 2 */
} nbs_problem;

static int nbs_active(const nbs_problem *pb, size_t i)
{
	return pb->a[i] > 0.0 && (pb->s == NULL || pb->s[i] > 0.0);
}

/*
 * models.md section 3, "Solving": the derivative of N,
 *     D(y) = sum_{i in A} a_i g_i'(y) / g_i(y),
 *     g_i(y) = |q - x_i|^p - |y - x_i|^p,
 *     p = 1: g_i' = -1 if y >= x_i else +1;  p = 2: g_i' = -2 (y - x_i),
 * as the right derivative (`left` == 0, the spec's D) or the left one
 * (`left` != 0: at y == x_i, p = 1 uses g_i' = +1). With m_i = 2 x_i - q,
 * a feasible y lies between q and m_i, and g_i is evaluated in the exact
 * equivalent factored forms (no cancellation near the ends of the set):
 *     p = 1: g_i = min(|y - q|, |m_i - y|)  (distance to the nearer end)
 *     p = 2: g_i = |y - q| |m_i - y|        (spec: (y - q)(2x_i - q - y)).
 * Only the sign of D is used; a_i is scaled by 2^-aexp (a positive factor).
 * y must be a point with every g_i > 0: inside (L, U), or a scale end
 * that clips the set.
 */
static double nbs_deriv(const nbs_problem *pb, double y, int left)
{
	double d = 0.0;
	size_t i;

	for (i = 0; i < pb->n; i++) {
		double xi = pb->x[i], ai, mi, dq, dm;

		if (!nbs_active(pb, i))
			continue;
		ai = ldexp(pb->a[i], -pb->aexp);
		mi = 2.0 * xi - pb->q;
		dq = fabs(y - pb->q);
		dm = fabs(mi - y);
		if (pb->p == 1) {
			double dg = (y > xi || (y == xi && !left)) ? -1.0 : 1.0;
			d += ai * dg / fmin(dq, dm);
		} else {
			d += ai * (2.0 * (xi - y) / dm) / dq;
		}
	}
	return d;
}

/*
 * models.md section 3: maximise N(y) = sum_{i in A} a_i ln(u_i(y) - u_i(q)),
 * u_i(y) = -s_i |y - x_i|^p, A = {i : a_i > 0 and s_i > 0}, over [lo, hi].
 *  - Feasible set: L = max(lo, max_A min(q, 2x_i - q)),
 *                  U = min(hi, min_A max(q, 2x_i - q)).
 *  - L == U (= q): the disagreement point q (status DISAGREEMENT_POINT).
 *  - Otherwise every actor of A is on one side of q and N is strictly
 *    concave on (L, U): bisection on the right derivative D(y), "if
 *    D(mid) > 0 set left = mid else right = mid", stopping when
 *    right - left <= tol * max(1, |mid|), and the same holds on the spec's
 *    0-100 scale ([lo, hi] mapped onto it: factor 100 / (hi - lo), exactly
 *    1 on 0-100, where the two rules are one), so that the precision
 *    relative to the scale does not depend on its units (the spec's rule
 *    alone stops at 1e-13 absolute: 2e-8 of a scale 5e-6 wide); the answer
 *    is the final midpoint.
 *  - The end away from q is not a zero of any g_i when the scale clips it
 *    (U = hi < every mirror, or L = lo > every mirror); if N still rises
 *    towards that end ("N still rising at hi") the maximiser is that end,
 *    returned exactly with 0 iterations.
 *  - p = 1: the optimum is often a kink at an actor position; snap to x_i
 *    when |y* - x_i| < 1e-11 (hi - lo) (the spec's 1e-9 on a 0-100 scale,
 *    made relative to the scale) and x_i in (L, U), after checking that x_i
 *    really is the maximiser (left derivative >= 0 >= right derivative), so
 *    that a wide scale cannot snap a non-kink optimum.
 * Salience only selects A: u_i - d_i = s_i g_i, and the constant
 * a_i ln s_i does not move the maximiser (section 3, "Problem").
 */
int parley_nbs(parley_nbs_result *out, const double *x, const double *a,
	const double *s, size_t n, double q, double lo, double hi, int p,
	double tol)
{
	static const char fn[] = "parley_nbs";
	nbs_problem pb;
	double L, U, y, left, right, mirror_lo = HUGE_VAL, mirror_hi = -HUGE_VAL;
	size_t i, nact = 0, iters = 0;
	int err, all_zero;

	PARLEY_ASSERT_ARG(out != NULL);
	PARLEY_ASSERT_ARG(x != NULL);
	PARLEY_ASSERT_ARG(a != NULL);
	if (n == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: no actors (n == 0)", fn);
	if (p != 1 && p != 2)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the loss exponent p must be 1 or 2 (got %d)", fn, p);
	if (!isfinite(lo) || !isfinite(hi) || !(lo < hi) || !isfinite(hi - lo))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the scale [%g, %g] must be finite with lo < hi", fn, lo, hi);
	if (!isfinite(tol) || tol < 0.0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: tol must be finite and >= 0 (got %g)", fn, tol);
	if (!isfinite(q) || q < lo || q > hi)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the status quo q = %g is outside the scale [%g, %g]",
			fn, q, lo, hi);
	if ((err = check_values(fn, "x", x, n, 0)) < 0 ||
	    (err = check_values(fn, "a", a, n, 1)) < 0 ||
	    (s && (err = check_values(fn, "s", s, n, 1)) < 0))
		return err;
	for (i = 0; i < n; i++) {
		if (x[i] < lo || x[i] > hi)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: x[%zu] = %g is outside the scale [%g, %g]",
				fn, i, x[i], lo, hi);
		if (s && s[i] > 1.0)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: salience s[%zu] = %g is above 1 (divide 0-100 "
				"saliences by 100)", fn, i, s[i]);
	}

	pb.x = x;
	pb.a = a;
	pb.s = s;
	pb.n = n;
	pb.q = q;
	pb.p = p;
	pb.aexp = weight_exponent(a, n, &all_zero);

	/* Feasible set [L, U] over the actors of A. */
	L = lo;
	U = hi;
	for (i = 0; i < n; i++) {
		double mi;

		if (!nbs_active(&pb, i))
			continue;
		nact++;
		mi = 2.0 * x[i] - q;
		L = fmax(L, fmin(q, mi));
		U = fmin(U, fmax(q, mi));
		mirror_lo = fmin(mirror_lo, mi);
		mirror_hi = fmax(mirror_hi, mi);
	}
	if (nact == 0)
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
			"%s: no actor takes part (every actor has a_i = 0 or s_i = 0)",
			fn);

	out->feasible_lo = L;
	out->feasible_hi = U;
	if (!(L < U)) {
		/* L == U == q: actors on both sides of q, or one at q (veto). */
		out->solution = q;
		out->status = PARLEY_NBS_DISAGREEMENT_POINT;
		out->iterations = 0;
		return 0;
	}
	out->status = PARLEY_NBS_INTERIOR;

	/* Closed case: maximiser at a clipped scale end. */
	if (L == q && U == hi && hi < mirror_lo && nbs_deriv(&pb, hi, 1) >= 0.0) {
		out->solution = hi;
		out->iterations = 0;
		return 0;
	}
	if (U == q && L == lo && lo > mirror_hi && nbs_deriv(&pb, lo, 0) <= 0.0) {
		out->solution = lo;
		out->iterations = 0;
		return 0;
	}

	/* Bisection on the right derivative D (the stopping rule on 0-100). */
	left = L;
	right = U;
	for (;;) {
		double mid = left + 0.5 * (right - left), to100 = 100 / (hi - lo);

		if (right - left <= tol * fmax(1.0, fabs(mid)) &&
		    (right - left) * to100 <= tol * fmax(1.0, fabs((mid - lo) * to100)))
			break;
		if (!(mid > left && mid < right))
			break; /* no double left between: cannot narrow further */
		iters++;
		if (nbs_deriv(&pb, mid, 0) > 0.0)
			left = mid;
		else
			right = mid;
	}
	y = left + 0.5 * (right - left);

	if (p == 1) {
		double snap = 1e-11 * (hi - lo);

		for (i = 0; i < n; i++) {
			double xi = x[i];

			if (!nbs_active(&pb, i) || !(fabs(y - xi) < snap) ||
			    !(xi > L && xi < U))
				continue;
			if (nbs_deriv(&pb, xi, 1) >= 0.0 && nbs_deriv(&pb, xi, 0) <= 0.0) {
				y = xi;
				break;
			}
		}
	}

	out->solution = y;
	out->iterations = iters;
	return 0;
}
