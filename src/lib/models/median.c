/*
 * median.c - the weighted median (shared/specs/models.md section 2): the
 * position no weighted majority can beat (Black 1948), weights capability
 * x salience; ties resolved by the options' rule.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "model_internal.h"

/* Actors parley_weighted_median() can sort on its own stack. */
#define MEDIAN_STACK_ACTORS 64

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
			cum += parley_models__scaled(w[idx[j]], e, scale);
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
			double v = parley_models__scaled(w[i], e, scale);
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
	return parley_models__check_weighted(fn, x, w, n, e, scale, xr);
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
			W += parley_models__scaled(w[i], e, scale);
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


static int run(parley_model_result *res, const parley_model_call *c)
{
	parley_median_result mr;
	int rc = parley_weighted_median_ws(&mr, c->ws->x, c->ws->w, c->n, c->o->median_tie,
		c->o->median_rel_tol, c->ws->idx);
	if (!rc) {
		res->forecast = mr.median;
		res->tie = mr.tie;
		res->interval[0] = mr.lo;
		res->interval[1] = mr.hi;
	}
	return rc;
}

static int json(parley_buf *b, const parley_scenario *s, const parley_model_result *r)
{
	int error;
	(void)s;
	if ((error = parley_buf__printf(b, ", \"tie\": %s, \"interval\": [", r->tie ? "true" : "false")) < 0 ||
	    (error = parley_buf__json_num(b, r->interval[0])) < 0 ||
	    (error = parley_buf__puts(b, ", ")) < 0 ||
	    (error = parley_buf__json_num(b, r->interval[1])) < 0)
		return error;
	return parley_buf__puts(b, "]");
}

static int csv(parley_buf *b, const parley_model_result *r)
{
	int error;
	if ((error = parley_buf__puts(b, r->tie ? ",true," : ",false,")) < 0 ||
	    (error = parley_buf__double(b, r->interval[0])) < 0 ||
	    (error = parley_buf__puts(b, ",")) < 0)
		return error;
	return parley_buf__double(b, r->interval[1]);
}

static int text_has_note(const parley_model_result *r)
{
	return r->tie;
}

static int text_note(parley_buf *b, const parley_model_result *r, int dec, parley_model_fmt fmt,
	const char *sep)
{
	int error;
	if ((error = parley_buf__printf(b, "%stie over [", sep)) < 0 ||
	    (error = fmt(b, r->interval[0], dec)) < 0 ||
	    (error = parley_buf__puts(b, ", ")) < 0 ||
	    (error = fmt(b, r->interval[1], dec)) < 0)
		return error;
	return parley_buf__puts(b, "]");
}

static const struct parley_model_ops ops = {
	.run = run, .json = json, .csv = csv, .text_has_note = text_has_note, .text_note = text_note,
};

const parley_model_type parley_model_median = {
	.name = "median",
	.title = "Weighted median",
	.summary = "the position no weighted majority can beat (Black 1948), weights capability x salience",
	.by_default = 1,
	.ops = &ops,
};
