/*
 * nbs.c - the asymmetric Nash bargaining solution on a line
 * (shared/specs/models.md section 3), with the status quo as the
 * disagreement point (Nash 1950).
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "model_internal.h"

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
	if ((err = parley_models__check_values(fn, "x", x, n, 0)) < 0 ||
	    (err = parley_models__check_values(fn, "a", a, n, 1)) < 0 ||
	    (s && (err = parley_models__check_values(fn, "s", s, n, 1)) < 0))
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
	pb.aexp = parley_models__weight_exponent(a, n, &all_zero);

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


static const char msg_no_status_quo[] = "the Nash bargaining solution needs a status quo "
	"(the disagreement point); give the issue a status_quo";

static int run(parley_model_result *res, const parley_model_call *c)
{
	parley_model_ws *ws = c->ws;
	parley_nbs_result nr;
	size_t k;
	int rc;

	if (!c->q) {
		res->message = msg_no_status_quo;
		return parley__error(PARLEY_ENOSTATUSQUO, PARLEY_ERROR_MODEL, "%s", msg_no_status_quo);
	}
	for (k = 0; k < c->n; k++)
		ws->a[k] = c->o->nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY ? ws->c[k] : ws->w[k];
	rc = parley_nbs(&nr, ws->x, ws->a, ws->sal, c->n, *c->q, c->is->lo, c->is->hi,
		c->o->nbs_loss, c->o->nbs_tol);
	if (!rc) {
		res->forecast = nr.solution;
		res->nbs_status = nr.status;
		res->feasible[0] = nr.feasible_lo;
		res->feasible[1] = nr.feasible_hi;
	}
	return rc;
}

static const char *status_name(parley_nbs_status st)
{
	return st == PARLEY_NBS_DISAGREEMENT_POINT ? "disagreement_point" : "interior";
}

static int json(parley_buf *b, const parley_scenario *s, const parley_model_result *r)
{
	int error;
	(void)s;
	if ((error = parley_buf__printf(b, ", \"status\": \"%s\", \"feasible\": [",
		status_name(r->nbs_status))) < 0 ||
	    (error = parley_buf__json_num(b, r->feasible[0])) < 0 ||
	    (error = parley_buf__puts(b, ", ")) < 0 ||
	    (error = parley_buf__json_num(b, r->feasible[1])) < 0)
		return error;
	return parley_buf__puts(b, "]");
}

static int csv(parley_buf *b, const parley_model_result *r)
{
	int error;
	if ((error = parley_buf__puts(b, status_name(r->nbs_status))) < 0)
		return error;
	return parley_buf__puts(b, ",,,");
}

static int text_has_note(const parley_model_result *r)
{
	return r->nbs_status == PARLEY_NBS_DISAGREEMENT_POINT;
}

static int text_note(parley_buf *b, const parley_model_result *r, int dec, parley_model_fmt fmt,
	const char *sep)
{
	(void)r; (void)dec; (void)fmt;
	return parley_buf__printf(b, "%sstatus quo: no change every actor prefers", sep);
}

static const struct parley_model_ops ops = {
	.run = run, .json = json, .csv = csv, .text_has_note = text_has_note, .text_note = text_note,
};

const parley_model_type parley_model_nbs = {
	.name = "nbs",
	.title = "Nash bargaining solution",
	.summary = "asymmetric Nash bargaining with the status quo as disagreement point (Nash 1950)",
	.needs = PARLEY_MODEL_NEEDS_STATUS_QUO,
	.by_default = 1,
	.ops = &ops,
};
