/*
 * institutions.c - where an agreement can exist (shared/specs/models.md
 * section 5): intervals with open or closed ends, the unanimity win-set of
 * the status quo and its core (Tsebelis 2002, ch. 1), the outcomes that
 * beat the status quo under a weighted voting rule (unanimity, bilateral,
 * simple and qualified majority with population and member-count
 * thresholds), red lines and the conflicts between them, and the ideal
 * points of a party bloc (normal quantiles, Wichura 1988, AS 241).
 *
 * One-dimensional geometry used throughout: with symmetric single-peaked
 * preferences member i strictly prefers y to q iff y lies strictly between
 * q and the mirror m_i = 2 x_i - q. Members above q (x_i > q) support the
 * moves up to y < m_i, members below q support the moves down to y > m_i,
 * and a member at q supports no move. The supporters of a move shrink as
 * the move grows, every threshold is monotone in the coalition, so each
 * side's passable set is an interval from q (open) to the mirror of the
 * first coalition, in order of decreasing reach, that meets every
 * threshold (open; closed at the scale's end when the mirror lies beyond).
 *
 * Rules for this file: never print, never abort, never allocate. Every
 * failure records a message with parley__error() and returns its code;
 * outputs are written only on success.
 */
#include <math.h>
#include <stddef.h>
#include "internal.h"
#include "institutions_internal.h"

/* ------------------------------------------------------------------ */
/* Intervals                                                           */
/* ------------------------------------------------------------------ */

static void set_empty(parley_interval *iv)
{
	iv->empty = 1;
	iv->lo = 0.0;
	iv->hi = 0.0;
	iv->lo_open = 0;
	iv->hi_open = 0;
}

static void set_interval(parley_interval *iv, double lo, double hi,
	int lo_open, int hi_open)
{
	iv->empty = 0;
	iv->lo = lo;
	iv->hi = hi;
	iv->lo_open = lo_open != 0;
	iv->hi_open = hi_open != 0;
}

int parley_interval_contains(const parley_interval *iv, double y)
{
	if (iv == NULL || iv->empty || isnan(y))
		return 0;
	if (y < iv->lo || y > iv->hi)
		return 0;
	if (y == iv->lo && iv->lo_open)
		return 0;
	if (y == iv->hi && iv->hi_open)
		return 0;
	return 1;
}

/*
 * The larger lower end and the smaller upper end; at equal ends the open
 * one wins (an excluded point is excluded from the intersection). Empty
 * when lo > hi, or lo == hi with either end open. Computed in a local so
 * that `out` may alias `a` or `b`.
 */
void parley_interval_intersect(parley_interval *out, const parley_interval *a,
	const parley_interval *b)
{
	parley_interval r;

	if (out == NULL)
		return;
	if (a == NULL || b == NULL || a->empty || b->empty) {
		set_empty(out);
		return;
	}
	if (a->lo > b->lo) {
		r.lo = a->lo;
		r.lo_open = a->lo_open != 0;
	} else if (b->lo > a->lo) {
		r.lo = b->lo;
		r.lo_open = b->lo_open != 0;
	} else {
		r.lo = a->lo;
		r.lo_open = a->lo_open || b->lo_open;
	}
	if (a->hi < b->hi) {
		r.hi = a->hi;
		r.hi_open = a->hi_open != 0;
	} else if (b->hi < a->hi) {
		r.hi = b->hi;
		r.hi_open = b->hi_open != 0;
	} else {
		r.hi = a->hi;
		r.hi_open = a->hi_open || b->hi_open;
	}
	r.empty = 0;
	if (r.lo > r.hi || (r.lo == r.hi && (r.lo_open || r.hi_open)))
		set_empty(&r);
	*out = r;
}

/* ------------------------------------------------------------------ */
/* Validation (models.md section 0, "Validation (all models)")         */
/* ------------------------------------------------------------------ */

static int check_scale(const char *fn, double lo, double hi)
{
	if (!isfinite(lo) || !isfinite(hi) || !(lo < hi) || !isfinite(hi - lo))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the scale [%g, %g] must be finite with lo < hi", fn, lo, hi);
	return 0;
}

/* The status quo and every ideal point finite and on the scale. */
static int check_positions(const char *fn, const double *x, size_t n,
	double q, double lo, double hi)
{
	size_t i;
	int err;

	if (n == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: no members (n == 0)", fn);
	if ((err = check_scale(fn, lo, hi)) < 0)
		return err;
	if (!isfinite(q) || q < lo || q > hi)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the status quo q = %g is outside the scale [%g, %g]",
			fn, q, lo, hi);
	if ((err = parley__check_values(fn, "x", x, n, 0)) < 0)
		return err;
	for (i = 0; i < n; i++)
		if (x[i] < lo || x[i] > hi)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: x[%zu] = %g is outside the scale [%g, %g]",
				fn, i, x[i], lo, hi);
	return 0;
}

/* Mirror of q in x: the far end of the moves member x prefers to q. */
static double mirror(double x, double q)
{
	return 2.0 * x - q;
}

/* ------------------------------------------------------------------ */
/* Unanimity win-set (models.md section 5, "Closed form")              */
/* ------------------------------------------------------------------ */

/*
 * With m = min x_i, M = max x_i:
 *   m <= q <= M  =>  W(q) empty (q in the core [m, M]);
 *   q < m        =>  W(q) = (q, min(2m - q, hi)), upper end closed iff
 *                    2m - q > hi (clipped by the scale);
 *   q > M        =>  W(q) = (max(2M - q, lo), q), lower end closed iff
 *                    2M - q < lo.
 * A mirror landing exactly on the scale's end stays open (the vector
 * "ideals[30]_q60": 2M - q = 0 = lo gives (0, 60)).
 */
int parley_winset_unanimity(parley_winset_result *out, const double *x, size_t n,
	double q, double lo, double hi)
{
	static const char fn[] = "parley_winset_unanimity";
	parley_winset_result r;
	double m, M;
	size_t i;
	int err;

	PARLEY_ASSERT_ARG(out != NULL);
	PARLEY_ASSERT_ARG(x != NULL);
	if ((err = check_positions(fn, x, n, q, lo, hi)) < 0)
		return err;

	m = M = x[0];
	for (i = 1; i < n; i++) {
		if (x[i] < m)
			m = x[i];
		if (x[i] > M)
			M = x[i];
	}
	parley_winset__from_core(&r, m, M, q, lo, hi);
	*out = r;
	return 0;
}

void parley_winset__from_core(parley_winset_result *r, double m, double M, double q,
	double lo, double hi)
{
	double b;

	r->core_lo = m;
	r->core_hi = M;
	r->q_in_core = 0;
	if (m <= q && q <= M) {
		r->q_in_core = 1;
		set_empty(&r->winset);
	} else if (q < m) {
		b = mirror(m, q);
		if (b > hi)
			set_interval(&r->winset, q, hi, 1, 0);
		else
			set_interval(&r->winset, q, b, 1, 1);
	} else {
		b = mirror(M, q);
		if (b < lo)
			set_interval(&r->winset, lo, q, 0, 1);
		else
			set_interval(&r->winset, b, q, 1, 1);
	}
}

/* ------------------------------------------------------------------ */
/* Passable outcomes under a voting rule                               */
/* ------------------------------------------------------------------ */

/* Everything a side walk needs; weights and populations are scaled by a
 * power of two (exact) so that their sums cannot overflow. */
typedef struct {
	const double *x;
	size_t n;
	double q, lo, hi;
	const parley_rule_spec *rule;
	const double *w;      /* weights the rule uses, or NULL (1 each / unused) */
	const double *pop;    /* populations the rule uses, or NULL */
	const size_t *order;  /* members by (x, weight, population, index) */
	int wexp, pexp;       /* weights scaled by 2^-wexp, populations by 2^-pexp */
	double wtot, ptot;    /* scaled totals */
	double quota;         /* scaled quota (QMV) */
} passable_ctx;

static double member_weight(const passable_ctx *c, size_t i)
{
	return c->w ? ldexp(c->w[i], -c->wexp) : 1.0;
}

static double member_pop(const passable_ctx *c, size_t i)
{
	return c->pop ? ldexp(c->pop[i], -c->pexp) : 0.0;
}

/* Binary exponent e with max v[i] in [2^(e-1), 2^e) (0 when all are 0). */
static int value_exponent(const double *v, size_t n)
{
	double mx = 0.0;
	size_t i;
	int e = 0;

	for (i = 0; i < n; i++)
		if (v[i] > mx)
			mx = v[i];
	if (mx > 0.0)
		(void)frexp(mx, &e);
	return e;
}

/* Sort key: position, then weight, then population, then index. Sums over
 * a sorted range then depend only on the multiset of members, so
 * permuting the members cannot change a result by rounding. */
static int key_less(const passable_ctx *c, size_t i, size_t j)
{
	if (c->x[i] != c->x[j])
		return c->x[i] < c->x[j];
	if (c->w && c->w[i] != c->w[j])
		return c->w[i] < c->w[j];
	if (c->pop && c->pop[i] != c->pop[j])
		return c->pop[i] < c->pop[j];
	return i < j;
}

static void sift_down(const passable_ctx *c, size_t *idx, size_t root, size_t end)
{
	for (;;) {
		size_t child = 2 * root + 1, t;

		if (child >= end)
			return;
		if (child + 1 < end && key_less(c, idx[child], idx[child + 1]))
			child++;
		if (!key_less(c, idx[root], idx[child]))
			return;
		t = idx[root];
		idx[root] = idx[child];
		idx[child] = t;
		root = child;
	}
}

/* Heapsort of idx[0, n) by key_less ascending (in place, O(n log n)). */
static void sort_members(const passable_ctx *c, size_t *idx, size_t n)
{
	size_t i, end, t;

	for (i = 0; i < n; i++)
		idx[i] = i;
	for (i = n / 2; i-- > 0;)
		sift_down(c, idx, i, n);
	for (end = n; end-- > 1;) {
		t = idx[0];
		idx[0] = idx[end];
		idx[end] = t;
		sift_down(c, idx, 0, end);
	}
}

/* Whether a coalition of `count` supporters with scaled weight `sw` and
 * scaled population `sp` meets every threshold of the rule (exactly). */
static int coalition_passes(const passable_ctx *c, double sw, double sp,
	size_t count)
{
	const parley_rule_spec *r = c->rule;

	switch (r->rule) {
	case PARLEY_RULE_UNANIMITY:
	case PARLEY_RULE_BILATERAL:
		return count == c->n;
	case PARLEY_RULE_SIMPLE_MAJORITY:
		return sw > 0.5 * c->wtot;
	case PARLEY_RULE_QUALIFIED_MAJORITY:
		if (!(sw >= c->quota))
			return 0;
		if (c->pop && !(sp / c->ptot >= r->population_quota))
			return 0;
		if (r->min_members > 0 && count < r->min_members)
			return 0;
		return 1;
	}
	return 0;
}

/*
 * One side of q (up = 1: above). Supporters of a move to y are the members
 * on that side whose mirror lies beyond y; walking them from the farthest
 * mirror inwards (members with equal mirrors join together), the first
 * coalition that passes fixes the bound: every move short of its mirror is
 * supported by it or a superset, every move at or beyond is supported only
 * by a strict subset that failed. The pivot is the smallest index among
 * the members at that mirror; -1 when the scale clips the bound.
 */
static void passable_side(const passable_ctx *c, int up, parley_interval *iv,
	long *pivot)
{
	const size_t *ord = c->order;
	double sw = 0.0, sp = 0.0;
	size_t count = 0, t = up ? c->n : 0;

	set_empty(iv);
	*pivot = -1;
	for (;;) {
		size_t i, best;
		double m;

		/* next member on this side, in order of decreasing reach */
		if (up) {
			if (t == 0 || !(c->x[ord[t - 1]] > c->q))
				return;
			i = ord[t - 1];
		} else {
			if (t == c->n || !(c->x[ord[t]] < c->q))
				return;
			i = ord[t];
		}
		m = mirror(c->x[i], c->q);
		best = i;
		/* the whole group of members whose mirror is m */
		for (;;) {
			size_t j;

			if (up) {
				if (t == 0 || !(c->x[ord[t - 1]] > c->q))
					break;
				j = ord[t - 1];
			} else {
				if (t == c->n || !(c->x[ord[t]] < c->q))
					break;
				j = ord[t];
			}
			if (mirror(c->x[j], c->q) != m)
				break;
			if (j < best)
				best = j;
			sw += member_weight(c, j);
			sp += member_pop(c, j);
			count++;
			if (up)
				t--;
			else
				t++;
		}
		if (!coalition_passes(c, sw, sp, count))
			continue;
		if (up) {
			if (m > c->hi) {
				set_interval(iv, c->q, c->hi, 1, 0);
			} else {
				set_interval(iv, c->q, m, 1, 1);
				*pivot = (long)best;
			}
		} else {
			if (m < c->lo) {
				set_interval(iv, c->lo, c->q, 0, 1);
			} else {
				set_interval(iv, m, c->q, 1, 1);
				*pivot = (long)best;
			}
		}
		return;
	}
}

/* Rule-specific validation; sets the arrays the rule uses in `c`. */
static int check_rule(const char *fn, passable_ctx *c)
{
	const parley_rule_spec *r = c->rule;
	size_t n = c->n;
	int err;

	c->w = c->pop = NULL;
	c->wexp = c->pexp = 0;
	c->wtot = c->ptot = c->quota = 0.0;
	switch (r->rule) {
	case PARLEY_RULE_UNANIMITY:
		return 0;
	case PARLEY_RULE_BILATERAL:
		if (n != 2)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: a bilateral rule needs exactly 2 members (got %zu)",
				fn, n);
		return 0;
	case PARLEY_RULE_SIMPLE_MAJORITY:
	case PARLEY_RULE_QUALIFIED_MAJORITY:
		break;
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: unknown decision rule %d", fn, (int)r->rule);
	}

	if (r->weight) {
		if ((err = parley__check_values(fn, "weight", r->weight, n, 1)) < 0)
			return err;
		c->w = r->weight;
		c->wexp = value_exponent(r->weight, n);
	}
	if (r->rule == PARLEY_RULE_QUALIFIED_MAJORITY) {
		if (!isfinite(r->quota) || !(r->quota > 0.0))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: the quota must be a finite number > 0 (got %g)",
				fn, r->quota);
		if (r->population) {
			if ((err = parley__check_values(fn, "population", r->population, n, 1)) < 0)
				return err;
			if (!isfinite(r->population_quota) || r->population_quota < 0.0 ||
			    r->population_quota > 1.0)
				return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
					"%s: the population quota must be a share in "
					"[0, 1] (got %g)", fn, r->population_quota);
			c->pop = r->population;
			c->pexp = value_exponent(r->population, n);
		}
		if (r->min_members > n)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: min_members = %zu is more than the %zu members",
				fn, r->min_members, n);
	}
	return 0;
}

/* Totals of weight and population, summed in sorted order (so that they
 * do not depend on the members' order), and the threshold checks that
 * need them. */
static int rule_totals(const char *fn, passable_ctx *c)
{
	const parley_rule_spec *r = c->rule;
	size_t k;

	if (r->rule != PARLEY_RULE_SIMPLE_MAJORITY &&
	    r->rule != PARLEY_RULE_QUALIFIED_MAJORITY)
		return 0;
	for (k = 0; k < c->n; k++) {
		c->wtot += member_weight(c, c->order[k]);
		c->ptot += member_pop(c, c->order[k]);
	}
	if (r->rule == PARLEY_RULE_SIMPLE_MAJORITY) {
		if (c->wtot == 0.0)
			return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
				"%s: total weight is zero (every weight is 0)", fn);
		return 0;
	}
	c->quota = ldexp(r->quota, -c->wexp);
	if (c->quota > c->wtot)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the quota %g is above the total weight %g, so no "
			"coalition could ever pass", fn, r->quota, ldexp(c->wtot, c->wexp));
	if (c->pop && c->ptot == 0.0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the total population is zero, so population shares "
			"are undefined", fn);
	return 0;
}

int parley_passable(parley_passable_result *out, const double *x, size_t n,
	double q, double lo, double hi, const parley_rule_spec *rule, size_t *order)
{
	static const char fn[] = "parley_passable";
	parley_passable_result r;
	passable_ctx c;
	int err;

	PARLEY_ASSERT_ARG(out != NULL);
	PARLEY_ASSERT_ARG(x != NULL);
	PARLEY_ASSERT_ARG(rule != NULL);
	PARLEY_ASSERT_ARG(order != NULL);
	if ((err = check_positions(fn, x, n, q, lo, hi)) < 0)
		return err;

	c.x = x;
	c.n = n;
	c.q = q;
	c.lo = lo;
	c.hi = hi;
	c.rule = rule;
	c.order = order;
	if ((err = check_rule(fn, &c)) < 0)
		return err;
	sort_members(&c, order, n);
	if ((err = rule_totals(fn, &c)) < 0)
		return err;

	passable_side(&c, 0, &r.below, &r.pivot_below);
	passable_side(&c, 1, &r.above, &r.pivot_above);
	r.split = !r.below.empty && !r.above.empty;
	if (r.split)
		set_interval(&r.passable, r.below.lo, r.above.hi,
			r.below.lo_open, r.above.hi_open);
	else if (!r.above.empty)
		r.passable = r.above;
	else
		r.passable = r.below;
	*out = r;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Red lines (models.md section 5, "Red lines")                        */
/* ------------------------------------------------------------------ */

/*
 * A = [max(lo, max a_i), min(hi, min b_i)] over the actors with red lines,
 * closed, empty when the lower end exceeds the upper. Conflicts: ordered
 * pairs (a, b) with b_a < a_b (a's red line wholly below b's), enumerated
 * by a then b, so the list is ordered by (a, b); each unordered pair
 * appears at most once because red_lo <= red_hi.
 */
int parley_red_lines(parley_interval *acceptable, const double *red_lo,
	const double *red_hi, const int *has, size_t n, double lo, double hi,
	parley_red_line_conflict *conflicts, size_t max_conflicts, size_t *conflict_count)
{
	static const char fn[] = "parley_red_lines";
	double a0 = lo, a1 = hi;
	size_t i, j, found = 0;
	int err;

	PARLEY_ASSERT_ARG(acceptable != NULL);
	if ((err = check_scale(fn, lo, hi)) < 0)
		return err;
	for (i = 0; i < n; i++) {
		if (has && !has[i])
			continue;
		if (red_lo == NULL || red_hi == NULL)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: red_lo and red_hi are needed for actor %zu", fn, i);
		if (!isfinite(red_lo[i]) || !isfinite(red_hi[i]))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: red line %zu [%g, %g] is not finite",
				fn, i, red_lo[i], red_hi[i]);
		if (red_lo[i] > red_hi[i])
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: red line %zu [%g, %g] has its lower end above "
				"its upper end", fn, i, red_lo[i], red_hi[i]);
	}

	for (i = 0; i < n; i++) {
		if (has && !has[i])
			continue;
		if (red_lo[i] > a0)
			a0 = red_lo[i];
		if (red_hi[i] < a1)
			a1 = red_hi[i];
	}
	for (i = 0; i < n; i++) {
		if (has && !has[i])
			continue;
		for (j = 0; j < n; j++) {
			if (j == i || (has && !has[j]) || !(red_hi[i] < red_lo[j]))
				continue;
			if (conflicts && found < max_conflicts) {
				conflicts[found].a = i;
				conflicts[found].b = j;
				conflicts[found].gap = red_lo[j] - red_hi[i];
			}
			found++;
		}
	}
	if (a0 <= a1)
		set_interval(acceptable, a0, a1, 0, 0);
	else
		set_empty(acceptable);
	if (conflict_count)
		*conflict_count = found;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Blocs and the inverse normal distribution                           */
/* ------------------------------------------------------------------ */

/*
 * Member k (1-based) of a bloc sits at the normal quantile of
 * (k - 0.5) / size. The quantile is computed for j = min(k, size + 1 - k),
 * i.e. for p <= 1/2, and negated for the upper half, so that the bloc is
 * exactly symmetric about its ideal point before clipping.
 */
int parley_bloc_ideals(double *out, size_t size, double ideal, double spread,
	double lo, double hi)
{
	static const char fn[] = "parley_bloc_ideals";
	size_t k;
	int err;

	PARLEY_ASSERT_ARG(out != NULL);
	if (size == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: a bloc needs at least one member (size == 0)", fn);
	if ((err = check_scale(fn, lo, hi)) < 0)
		return err;
	if (!isfinite(ideal) || ideal < lo || ideal > hi)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the ideal point %g is outside the scale [%g, %g]",
			fn, ideal, lo, hi);
	if (!isfinite(spread) || spread < 0.0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the spread must be finite and >= 0 (got %g)", fn, spread);

	for (k = 1; k <= size; k++) {
		size_t mirror_k = size + 1 - k, j = k < mirror_k ? k : mirror_k;
		double z = parley_normal_quantile(((double)j - 0.5) / (double)size);
		double v;

		if (k > mirror_k)
			z = -z;
		v = ideal + spread * z;
		if (v < lo)
			v = lo;
		if (v > hi)
			v = hi;
		out[k - 1] = v;
	}
	return 0;
}

/*
 * Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the
 * normal distribution. Applied Statistics 37(3), 477-484; function PPND16
 * (accurate to about 1 part in 10^16). Coefficients as published; the
 * paper's hash sums of their mantissas are AB 55.88319 28806 14901 4439,
 * CD 49.33206 50330 16102 89036, EF 47.52583 31754 92896 71629.
 */
static const double as241_a[8] = {
	3.3871328727963666080e0, 1.3314166789178437745e+2,
	1.9715909503065514427e+3, 1.3731693765509461125e+4,
	4.5921953931549871457e+4, 6.7265770927008700853e+4,
	3.3430575583588128105e+4, 2.5090809287301226727e+3
};
static const double as241_b[8] = {
	1.0, 4.2313330701600911252e+1,
	6.8718700749205790830e+2, 5.3941960214247511077e+3,
	2.1213794301586595867e+4, 3.9307895800092710610e+4,
	2.8729085735721942674e+4, 5.2264952788528545610e+3
};
static const double as241_c[8] = {
	1.42343711074968357734e0, 4.63033784615654529590e0,
	5.76949722146069140550e0, 3.64784832476320460504e0,
	1.27045825245236838258e0, 2.41780725177450611770e-1,
	2.27238449892691845833e-2, 7.74545014278341407640e-4
};
static const double as241_d[8] = {
	1.0, 2.05319162663775882187e0,
	1.67638483018380384940e0, 6.89767334985100004550e-1,
	1.48103976427480074590e-1, 1.51986665636164571966e-2,
	5.47593808499534494600e-4, 1.05075007164441684324e-9
};
static const double as241_e[8] = {
	6.65790464350110377720e0, 5.46378491116411436990e0,
	1.78482653991729133580e0, 2.96560571828504891230e-1,
	2.65321895265761230930e-2, 1.24266094738807843860e-3,
	2.71155556874348757815e-5, 2.01033439929228813265e-7
};
static const double as241_f[8] = {
	1.0, 5.99832206555887937690e-1,
	1.36929880922735805310e-1, 1.48753612908506148525e-2,
	7.86869131145613259100e-4, 1.84631831751005468180e-5,
	1.42151175831644588870e-7, 2.04426310338993978564e-15
};

/* (sum_k num[k] r^k) / (sum_k den[k] r^k), degree 7, by Horner's rule. */
static double ratio7(const double *num, const double *den, double r)
{
	double a = num[7], b = den[7];
	size_t k;

	for (k = 7; k-- > 0;) {
		a = a * r + num[k];
		b = b * r + den[k];
	}
	return a / b;
}

double parley_normal_quantile(double p)
{
	double q, r, z;

	if (isnan(p) || p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.0)
		return -HUGE_VAL;
	if (p == 1.0)
		return HUGE_VAL;
	q = p - 0.5;
	if (fabs(q) <= 0.425) {           /* SPLIT1 */
		r = 0.180625 - q * q;     /* CONST1 = 0.425^2 */
		return q * ratio7(as241_a, as241_b, r);
	}
	r = q < 0.0 ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)                     /* SPLIT2 */
		z = ratio7(as241_c, as241_d, r - 1.6);  /* CONST2 */
	else
		z = ratio7(as241_e, as241_f, r - 5.0);
	return q < 0.0 ? -z : z;
}
