/*
 * bdm.c - Bueno de Mesquita's expected-utility model (BDM 1985/1994) as
 * reconstructed by Scholz, Calbert and Smith (2011), following
 * shared/specs/models.md section 4 (equation numbers are Scholz et al.'s);
 * where the prose leaves room, shared/specs/ref.py (bdm_round, bdm) fixes
 * the exact semantics. One round is steps A-H of models.md 4.3:
 *
 *   A  weighted median mu of the current positions (w = c s, tie lower);
 *   B  probabilities P_ij of every ordered pair (eq. 31; COMPAT 4.4(c));
 *   C-D expected utility EU(i->j; r) of i challenging j (eqs 5-7, 25a);
 *   E  risk exponents r_i from the security S_i = sum_j EU1_ji (eqs 32-34);
 *   F  offers from the pair's two EUs (fig. 6, eqs 35/36; COMPAT 4.5);
 *   G  each receiver selects one offer; H  all move at once.
 *
 * Workspace invariants: every array is allocated by
 * parley_bdm_workspace_alloc() for `cap` actors and never resized; after a
 * successful parley_bdm_set() the first `n` entries of x, c, s, w hold the
 * problem (w = c s scaled by a power of two, so that sums cannot overflow;
 * only ratios of weights matter), `median` and `mean` describe the current
 * positions x, and `have_round` says whether r, offers and (with trace) the
 * matrices describe a completed round. Nothing is allocated after
 * parley_bdm_workspace_alloc(); the library never prints or aborts.
 *
 * Cost per round: PAPER O(n^2 log n) time (one sort, then O(n) per pivot
 * position, see paper_pass()) and O(n) memory without trace; COMPAT
 * O(n^3) time, see compat_pass().
 */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "model_internal.h"
#include "parley/bdm.h"

/* models.md section 2 / 4.3 A: half-weight ties within 1e-12 W. */
#define MEDIAN_TIE_REL_TOL 1e-12

struct parley_bdm_workspace {
	size_t cap;                 /* actors the arrays hold */
	int trace;                  /* keep the n x n matrices */
	int is_set;                 /* parley_bdm_set() succeeded */
	size_t n;                   /* actors of the current problem */
	parley_bdm_options opt;     /* validated copy */
	double lo, hi;              /* the scale */
	double delta;               /* Delta, fixed for the run (4.2) */
	parley_bdm_status status;
	size_t rounds;              /* rounds run */
	double median, mean;        /* of the current positions */
	int have_round;             /* r, offers, matrices are valid */

	double *x, *c, *s, *w;      /* positions (current), inputs, weights */
	double *xold;               /* positions before the round */
	double *dmu;                /* |x_i - mu| for the round */
	double *e;                  /* |x_i - mu| / Delta */
	double *S;                  /* security S_i (4.3 E.2) */
	double *r;                  /* risk exponents r_i */
	double *usq;                /* U_sq = 2 - 4 (0.5)^r_i */
	size_t *idx;                /* weighted median scratch */
	size_t *ord;                /* actors sorted by position (PAPER) */
	size_t *gstart;             /* start of each distinct position in ord, n + 1 */
	double *ys, *yw;            /* positions and weights in sorted order */
	double *pw, *sw;            /* prefix / suffix sums of yw, n + 1 each */
	double *ca, *cb;            /* per-pivot cumulative w and w (y - p), n + 1 */
	double *g;                  /* COMPAT: one voter's distance powers */
	parley_bdm_offer *offers;   /* chosen (COMPAT: best conflict) offer per receiver */
	parley_bdm_offer *alt;      /* COMPAT: best compromise offer per receiver */
	double *key, *altkey;       /* COMPAT selection keys of offers / alt */
	double *mP, *m1, *mE;       /* trace matrices, n x n (row-major), or NULL */
};

/* ------------------------------------------------------------------ */
/* workspace                                                            */
/* ------------------------------------------------------------------ */

void parley_bdm_workspace_free(parley_bdm_workspace *ws)
{
	if (!ws)
		return;
	parley__free(ws->x);
	parley__free(ws->c);
	parley__free(ws->s);
	parley__free(ws->w);
	parley__free(ws->xold);
	parley__free(ws->dmu);
	parley__free(ws->e);
	parley__free(ws->S);
	parley__free(ws->r);
	parley__free(ws->usq);
	parley__free(ws->idx);
	parley__free(ws->ord);
	parley__free(ws->gstart);
	parley__free(ws->ys);
	parley__free(ws->yw);
	parley__free(ws->pw);
	parley__free(ws->sw);
	parley__free(ws->ca);
	parley__free(ws->cb);
	parley__free(ws->g);
	parley__free(ws->offers);
	parley__free(ws->alt);
	parley__free(ws->key);
	parley__free(ws->altkey);
	parley__free(ws->mP);
	parley__free(ws->m1);
	parley__free(ws->mE);
	parley__free(ws);
}

int parley_bdm_workspace_alloc(parley_bdm_workspace **out, size_t n, int trace)
{
	parley_bdm_workspace *ws;
	size_t n1;

	PARLEY_ASSERT_ARG(out != NULL);
	*out = NULL;
	if (n < 2)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_bdm_workspace_alloc: the model needs at least two "
			"actors (n = %zu)", n);
	if (n > ((size_t)-1) / sizeof(double) - 1)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY,
			"parley_bdm_workspace_alloc: %zu actors is too many", n);
	n1 = n + 1;
	if ((ws = parley__calloc(1, sizeof(*ws))) == NULL)
		return PARLEY_ENOMEM;
	ws->cap = n;
	ws->trace = trace != 0;
	if (!(ws->x = parley__calloc(n, sizeof(double))) ||
	    !(ws->c = parley__calloc(n, sizeof(double))) ||
	    !(ws->s = parley__calloc(n, sizeof(double))) ||
	    !(ws->w = parley__calloc(n, sizeof(double))) ||
	    !(ws->xold = parley__calloc(n, sizeof(double))) ||
	    !(ws->dmu = parley__calloc(n, sizeof(double))) ||
	    !(ws->e = parley__calloc(n, sizeof(double))) ||
	    !(ws->S = parley__calloc(n, sizeof(double))) ||
	    !(ws->r = parley__calloc(n, sizeof(double))) ||
	    !(ws->usq = parley__calloc(n, sizeof(double))) ||
	    !(ws->idx = parley__calloc(n, sizeof(size_t))) ||
	    !(ws->ord = parley__calloc(n, sizeof(size_t))) ||
	    !(ws->gstart = parley__calloc(n1, sizeof(size_t))) ||
	    !(ws->ys = parley__calloc(n, sizeof(double))) ||
	    !(ws->yw = parley__calloc(n, sizeof(double))) ||
	    !(ws->pw = parley__calloc(n1, sizeof(double))) ||
	    !(ws->sw = parley__calloc(n1, sizeof(double))) ||
	    !(ws->ca = parley__calloc(n1, sizeof(double))) ||
	    !(ws->cb = parley__calloc(n1, sizeof(double))) ||
	    !(ws->g = parley__calloc(n, sizeof(double))) ||
	    !(ws->offers = parley__calloc(n, sizeof(parley_bdm_offer))) ||
	    !(ws->alt = parley__calloc(n, sizeof(parley_bdm_offer))) ||
	    !(ws->key = parley__calloc(n, sizeof(double))) ||
	    !(ws->altkey = parley__calloc(n, sizeof(double))))
		goto nomem;
	if (ws->trace) {
		/* parley__calloc checks n * n * sizeof(double) for overflow */
		if (n > ((size_t)-1) / n)
			goto nomem;
		if (!(ws->mP = parley__calloc(n * n, sizeof(double))) ||
		    !(ws->m1 = parley__calloc(n * n, sizeof(double))) ||
		    !(ws->mE = parley__calloc(n * n, sizeof(double))))
			goto nomem;
	}
	*out = ws;
	return 0;

nomem:
	parley_bdm_workspace_free(ws);
	return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY,
		"parley_bdm_workspace_alloc: out of memory for %zu actors%s",
		n, trace ? " with trace" : "");
}

/* ------------------------------------------------------------------ */
/* set: validation (models.md section 0 and 4.7), round 0               */
/* ------------------------------------------------------------------ */

/* Median (tie lower, 4.3 A) and compromise mean (4.6) of the current x. */
static int update_summaries(parley_bdm_workspace *ws)
{
	parley_median_result m;
	int err;

	if ((err = parley_weighted_median_ws(&m, ws->x, ws->w, ws->n,
	    PARLEY_TIE_LOWER, MEDIAN_TIE_REL_TOL, ws->idx)) < 0 ||
	    (err = parley_weighted_mean(&ws->mean, ws->x, ws->w, ws->n)) < 0)
		return err;
	ws->median = m.median;
	return 0;
}

static int check_options(const parley_bdm_options *o)
{
	static const char fn[] = "parley_bdm_set";

	if (o->version != PARLEY_BDM_OPTIONS_VERSION)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: options version %u is not %d (initialise with "
			"PARLEY_BDM_OPTIONS_INIT)", fn, o->version,
			PARLEY_BDM_OPTIONS_VERSION);
	if (o->profile != PARLEY_BDM_PAPER && o->profile != PARLEY_BDM_COMPAT)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: unknown profile %d", fn, (int)o->profile);
	if (o->selection != PARLEY_BDM_SELECT_CATEGORY &&
	    o->selection != PARLEY_BDM_SELECT_LEAST &&
	    o->selection != PARLEY_BDM_SELECT_MAX_EU)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: unknown offer selection %d", fn, (int)o->selection);
	if (o->range != PARLEY_BDM_RANGE_INITIAL && o->range != PARLEY_BDM_RANGE_SCALE)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: unknown range %d", fn, (int)o->range);
	if (!isfinite(o->q) || o->q < 0.0 || o->q > 1.0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: Q = %g is not a probability in [0, 1]", fn, o->q);
	if (!isfinite(o->eps) || o->eps < 0.0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: eps = %g must be finite and >= 0", fn, o->eps);
	return 0;
}

int parley_bdm_set(parley_bdm_workspace *ws, const double *x, const double *c,
	const double *s, size_t n, double lo, double hi, const parley_bdm_options *opts)
{
	static const char fn[] = "parley_bdm_set";
	static const parley_bdm_options defaults = PARLEY_BDM_OPTIONS_INIT;
	double cmax = 0.0, wsum = 0.0, xmin, xmax;
	size_t i;
	int err, cexp = 0;

	PARLEY_ASSERT_ARG(ws != NULL);
	/* A failed set leaves the workspace without a problem. */
	ws->is_set = 0;
	ws->have_round = 0;
	PARLEY_ASSERT_ARG(x != NULL);
	PARLEY_ASSERT_ARG(c != NULL);
	PARLEY_ASSERT_ARG(s != NULL);
	if (!opts)
		opts = &defaults;
	if ((err = check_options(opts)) < 0)
		return err;
	if (n < 2)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the model needs at least two actors (n = %zu)", fn, n);
	if (n > ws->cap)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: %zu actors exceed the workspace's %zu", fn, n, ws->cap);
	{
		/* Each round weighs every pair: refuse what would run for hours. */
		uint64_t limit = opts->max_evaluations ? opts->max_evaluations : PARLEY_BDM_MAX_EVALUATIONS;
		double work = (double)n * (double)n * (double)opts->max_rounds;
		if (work > (double)limit)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INPUT,
				"the expected-utility model is too large here: %zu actors x %zu actors x %zu "
				"rounds pass its work limit of %.0f pair evaluations (bdm.max_evaluations); "
				"use fewer rounds (--rounds) or leave it out (--model)",
				n, n, opts->max_rounds, (double)limit);
	}
	if (!isfinite(lo) || !isfinite(hi) || !(lo < hi) || !isfinite(hi - lo))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the scale [%g, %g] must be finite with lo < hi", fn, lo, hi);
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]) || x[i] < lo || x[i] > hi)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: x[%zu] = %g is not a position on the scale [%g, %g]",
				fn, i, x[i], lo, hi);
		if (!isfinite(c[i]) || c[i] < 0.0)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: capability c[%zu] = %g must be finite and >= 0",
				fn, i, c[i]);
		if (!isfinite(s[i]) || s[i] < 0.0 || s[i] > 1.0)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: salience s[%zu] = %g is not in [0, 1] (divide 0-100 "
				"saliences by 100)", fn, i, s[i]);
		if (c[i] > cmax)
			cmax = c[i];
	}
	/* w_i = c_i s_i scaled by 2^-e (max c in [2^(e-1), 2^e)): exact, and
	 * the sums of at most n weights <= 1 cannot overflow. */
	if (cmax > 0.0)
		(void)frexp(cmax, &cexp);
	for (i = 0; i < n; i++) {
		ws->w[i] = ldexp(c[i], -cexp) * s[i];
		wsum += ws->w[i];
	}
	if (!(wsum > 0.0))
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
			"%s: every c_i s_i is zero; the model needs positive weight", fn);

	memcpy(ws->x, x, n * sizeof(double));
	memcpy(ws->c, c, n * sizeof(double));
	memcpy(ws->s, s, n * sizeof(double));
	ws->n = n;
	ws->opt = *opts;
	ws->lo = lo;
	ws->hi = hi;
	ws->rounds = 0;
	if ((err = update_summaries(ws)) < 0)
		return err;

	xmin = xmax = x[0];
	for (i = 1; i < n; i++) {
		xmin = fmin(xmin, x[i]);
		xmax = fmax(xmax, x[i]);
	}
	ws->delta = opts->range == PARLEY_BDM_RANGE_SCALE ? hi - lo : xmax - xmin;
	/* 4.6 / 4.7: Delta = 0 ends the run before any round. It is checked
	 * before max_rounds = 0, which otherwise also ends it at once. */
	if (!(ws->delta > 0.0))
		ws->status = PARLEY_BDM_DEGENERATE_RANGE;
	else if (opts->max_rounds == 0)
		ws->status = PARLEY_BDM_MAX_ROUNDS;
	else
		ws->status = PARLEY_BDM_CONTINUE;
	ws->is_set = 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* expected utility (4.3 C-D)                                          */
/* ------------------------------------------------------------------ */

/* b^r, exact for the risk-neutral pass (pow(b, 1) == b anyway). */
static double upow(double b, double r)
{
	return r == 1.0 ? b : pow(b, r);
}

/*
 * EU(i->j; r) of models.md 4.3 D with P = p_ij, d = |x_i - x_j| / Delta and
 * usq = U_sq = 2 - 4 (0.5)^r (eqs 15, 16, 22-24, 25a):
 *   s_j [p U_s + (1 - p) U_f] + (1 - s_j) U_s - Q U_sq - (1 - Q)[T U_b + (1 - T) U_w]
 * with T = 1 iff |x_i - mu| < |x_i - x_j|. The bases of U_s and U_b are
 * clamped at 0 (4.3 C; U_s's base is negative only by rounding). With
 * Q = 1 the last term is (1 - Q) * finite = 0 and is skipped.
 */
static double eu(const parley_bdm_workspace *ws, size_t i, size_t j, double d,
	double r, double usq, double p)
{
	double sj = ws->s[j], q = ws->opt.q, us, uf, v;

	us = 2.0 - 4.0 * upow(fmax(0.0, 0.5 - 0.5 * d), r);
	uf = 2.0 - 4.0 * upow(0.5 + 0.5 * d, r);
	v = sj * (p * us + (1.0 - p) * uf) + (1.0 - sj) * us - q * usq;
	if (q != 1.0) {
		double ed = ws->e[i] + d, ub, uw, t;

		ub = 2.0 - 4.0 * upow(fmax(0.0, 0.5 - 0.25 * ed), r);
		uw = 2.0 - 4.0 * upow(0.5 + 0.25 * ed, r);
		t = ws->dmu[i] < fabs(ws->x[i] - ws->x[j]) ? 1.0 : 0.0;
		v -= (1.0 - q) * (t * ub + (1.0 - t) * uw);
	}
	return v;
}

/* Risk exponents from the securities S (4.3 E.3-4); S_max = S_min -> R = 0. */
static void risk_exponents(parley_bdm_workspace *ws)
{
	double smax = ws->S[0], smin = ws->S[0];
	size_t i;

	for (i = 1; i < ws->n; i++) {
		smax = fmax(smax, ws->S[i]);
		smin = fmin(smin, ws->S[i]);
	}
	for (i = 0; i < ws->n; i++) {
		double R = smax > smin ?
			(2.0 * ws->S[i] - smax - smin) / (smax - smin) : 0.0;

		ws->r[i] = (1.0 - R / 3.0) / (1.0 + R / 3.0);
		ws->usq[i] = 2.0 - 4.0 * upow(0.5, ws->r[i]);
	}
}

static void trace_pair(double *m, size_t n, size_t i, size_t j, double vij, double vji)
{
	if (m) {
		m[i * n + j] = vij;
		m[j * n + i] = vji;
	}
}

/* ------------------------------------------------------------------ */
/* PAPER offers and selection (4.3 F-G)                                 */
/* ------------------------------------------------------------------ */

/* Whether offer o is better for receiver j than the current one (4.3 G):
 * the lexicographic key of the selection rule, proposer index last. */
static int paper_better(const parley_bdm_workspace *ws, size_t j,
	const parley_bdm_offer *o, int rank, const parley_bdm_offer *cur, int cur_rank)
{
	double mo = fabs(o->position - ws->x[j]), mc = fabs(cur->position - ws->x[j]);

	if (cur->kind == PARLEY_BDM_OFFER_NONE)
		return 1;
	if (ws->opt.selection == PARLEY_BDM_SELECT_MAX_EU) {
		/* (-a, movement, index) */
		if (o->eu_proposer != cur->eu_proposer)
			return o->eu_proposer > cur->eu_proposer;
		if (mo != mc)
			return mo < mc;
	} else {
		/* category: (rank, movement, -a, index); least: no rank */
		if (ws->opt.selection == PARLEY_BDM_SELECT_CATEGORY && rank != cur_rank)
			return rank < cur_rank;
		if (mo != mc)
			return mo < mc;
		if (o->eu_proposer != cur->eu_proposer)
			return o->eu_proposer > cur->eu_proposer;
	}
	return o->proposer < cur->proposer;
}

static int offer_rank(parley_bdm_offer_kind k)
{
	return k == PARLEY_BDM_OFFER_CONFLICT ? 0 : k == PARLEY_BDM_OFFER_COMPROMISE ? 1 : 2;
}

/* x_j + f (x_i - x_j), kept between x_j and x_i against rounding. */
static double compromise_position(double xi, double xj, double f)
{
	double y = xj + f * (xi - xj);

	return fmin(fmax(y, fmin(xi, xj)), fmax(xi, xj));
}

/*
 * PAPER offer from proposer i to receiver j with a = EU_ij (r_i) and
 * b = EU_ji (r_j), fig. 6 and eqs 35/36 as tabulated in 4.3 F:
 * conflict if a > 0, b > 0, a > b (j -> x_i); compromise if a > 0, b < 0,
 * |b| < a (j -> x_j + |b|/a (x_i - x_j)); capitulation if a > 0, b < 0,
 * |b| >= a (j -> x_i); nothing otherwise (b = 0 moves nobody).
 */
static void paper_offer(parley_bdm_workspace *ws, size_t i, size_t j, double a, double b)
{
	parley_bdm_offer o;
	double f;

	if (!(a > 0.0))
		return;
	o.proposer = i;
	o.eu_proposer = a;
	o.eu_receiver = b;
	if (b > 0.0) {
		if (!(a > b))
			return;
		o.kind = PARLEY_BDM_OFFER_CONFLICT;
		o.position = ws->x[i];
	} else {
		f = fabs(b) / a;
		if (f == 0.0)
			return;
		if (f < 1.0) {
			o.kind = PARLEY_BDM_OFFER_COMPROMISE;
			o.position = compromise_position(ws->x[i], ws->x[j], f);
		} else {
			o.kind = PARLEY_BDM_OFFER_CAPITULATION;
			o.position = ws->x[i];
		}
	}
	if (paper_better(ws, j, &o, offer_rank(o.kind), &ws->offers[j],
	    offer_rank(ws->offers[j].kind)))
		ws->offers[j] = o;
}

/* ------------------------------------------------------------------ */
/* PAPER probabilities (eq. 31) in O(n^2 log n)                          */
/* ------------------------------------------------------------------ */

/* Heapsort helper: restore the max-heap property below `root` in ord[0, end). */
static void sift_down(size_t *ord, const double *x, size_t root, size_t end)
{
	for (;;) {
		size_t child = 2 * root + 1, t;

		if (child >= end)
			return;
		if (child + 1 < end && x[ord[child]] < x[ord[child + 1]])
			child++;
		if (!(x[ord[root]] < x[ord[child]]))
			return;
		t = ord[root];
		ord[root] = ord[child];
		ord[child] = t;
		root = child;
	}
}

/*
 * Sort the actors by position (heapsort: in place, no allocation; the
 * C library's qsort may allocate), then the sorted positions ys, weights
 * yw, the start of every distinct position in gstart (returns their
 * count G; gstart[G] = n), prefix sums pw[t] = sum_{u<t} yw[u] and suffix
 * sums sw[t] = sum_{u>=t} yw[u] (both sums of non-negative terms, so each
 * is accurate relative to itself).
 */
static size_t paper_sort(parley_bdm_workspace *ws)
{
	size_t n = ws->n, t, end, G = 0;

	for (t = 0; t < n; t++)
		ws->ord[t] = t;
	for (t = n / 2; t-- > 0;)
		sift_down(ws->ord, ws->x, t, n);
	for (end = n - 1; end > 0; end--) {
		size_t tmp = ws->ord[0];

		ws->ord[0] = ws->ord[end];
		ws->ord[end] = tmp;
		sift_down(ws->ord, ws->x, 0, end);
	}
	ws->pw[0] = 0.0;
	for (t = 0; t < n; t++) {
		ws->ys[t] = ws->x[ws->ord[t]];
		ws->yw[t] = ws->w[ws->ord[t]];
		ws->pw[t + 1] = ws->pw[t] + ws->yw[t];
		if (t == 0 || ws->ys[t] != ws->ys[t - 1])
			ws->gstart[G++] = t;
	}
	ws->gstart[G] = n;
	ws->sw[n] = 0.0;
	for (t = n; t-- > 0;)
		ws->sw[t] = ws->sw[t + 1] + ws->yw[t];
	return G;
}

/*
 * One pass over all pairs for the PAPER profile: pass 1 computes EU1
 * (r = 1) and the securities S; pass 2 the EUs with each proposer's own
 * exponent and the offers. Probabilities are recomputed in pass 2 rather
 * than stored, so that memory stays O(n) without trace.
 *
 * Eq. 31 for the pair of a left position p and a right position q > p,
 * L = q - p, m = (p + q)/2: the vote arg_k = |x_k - q| - |x_k - p| of a
 * third party is piecewise linear in x_k,
 *     arg_k = L                    for x_k <= p,
 *     arg_k = L - 2 (x_k - p)      for p < x_k < q (> 0 iff x_k < m),
 *     arg_k = -L                   for x_k >= q,
 * so with W_le = weight at or left of p, W_ge = weight at or right of q,
 * and over the middle actors left of m (ML) and right of it (MR),
 *     num(p beats q) = L W_le + sum_ML w_k (L - 2 D_k),   D_k = x_k - p,
 *     num(q beats p) = L W_ge + sum_MR w_k (2 D_k - L),
 *     den            = num(p beats q) + num(q beats p).
 * For each pivot position p the cumulative sums ca = sum w, cb = sum w D
 * run rightwards from p (O(n), non-negative terms, so each middle sum is
 * accurate to a few ulps relative to L times the middle weight, itself at
 * most den / (w_i + w_j)), and the split index of m advances monotonically
 * with q (two pointers). With the sort, O(n log n + n^2) per pass; both
 * P_ij and P_ji = 1 - P_ij come from one pair of sums. den = 0 (no weight
 * off the midpoint) gives P = 0.5 (4.3 B).
 */
static void paper_pass(parley_bdm_workspace *ws, size_t G, int pass)
{
	const size_t n = ws->n;
	const double *ys = ws->ys, *yw = ws->yw;
	double *ca = ws->ca, *cb = ws->cb;
	size_t g, h;

	for (g = 0; g + 1 < G; g++) {
		size_t b0 = ws->gstart[g], b1 = ws->gstart[g + 1], t, sp = b1;
		double p = ys[b0], wle = ws->pw[b1];

		ca[b1] = 0.0;
		cb[b1] = 0.0;
		for (t = b1; t < n; t++) {
			ca[t + 1] = ca[t] + yw[t];
			cb[t + 1] = cb[t] + yw[t] * (ys[t] - p);
		}
		for (h = g + 1; h < G; h++) {
			size_t h0 = ws->gstart[h], h1 = ws->gstart[h + 1], a, b;
			double L = ys[h0] - p, d = L / ws->delta, t1, t2, nl, nr, den, pl, pr;

			while (sp < h0 && 2.0 * (ys[sp] - p) < L)
				sp++;
			/* both sums are >= 0; clamp rounding below 0 */
			t1 = fmax(0.0, L * ca[sp] - 2.0 * cb[sp]);
			t2 = fmax(0.0, 2.0 * (cb[h0] - cb[sp]) - L * (ca[h0] - ca[sp]));
			nl = L * wle + t1;
			nr = L * ws->sw[h0] + t2;
			den = nl + nr;
			if (den > 0.0) {
				pl = nl / den;
				pr = nr / den;
			} else {
				pl = pr = 0.5;
			}
			for (a = b0; a < b1; a++) {
				size_t i = ws->ord[a];

				for (b = h0; b < h1; b++) {
					size_t j = ws->ord[b];

					if (pass == 1) {
						double eij = eu(ws, i, j, d, 1.0, 0.0, pl);
						double eji = eu(ws, j, i, d, 1.0, 0.0, pr);

						ws->S[j] += eij;
						ws->S[i] += eji;
						trace_pair(ws->mP, n, i, j, pl, pr);
						trace_pair(ws->m1, n, i, j, eij, eji);
					} else {
						double aij = eu(ws, i, j, d, ws->r[i], ws->usq[i], pl);
						double aji = eu(ws, j, i, d, ws->r[j], ws->usq[j], pr);

						trace_pair(ws->mE, n, i, j, aij, aji);
						paper_offer(ws, i, j, aij, aji);
						paper_offer(ws, j, i, aji, aij);
					}
				}
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* COMPAT profile (4.4(c), 4.5): O(n^3)                                 */
/* ------------------------------------------------------------------ */

/*
 * The COMPAT profile reproduces the published code (jmckib's replication
 * of Scholz's code), whose probability 4.4(c) has a single global
 * denominator summed over every voter k and every ordered pair (a, b) of
 * actors, with the voters' exponents rho_k:
 *     v_k(y, z) = w_k [(|x_k - z|/Delta)^rho_k - (|x_k - y|/Delta)^rho_k]
 *     P_ij = sum_k max(0, v_k(x_i, x_j)) / sum_k sum_a sum_b |v_k(x_a, x_b)|.
 * It is kept O(n^3) per round (the numerators loop over all voters for
 * every pair, the denominator over all voters and pairs), in the order of
 * the reference so that the published trajectory is reproduced closely;
 * this profile exists to reproduce Scholz et al. Table 2 (n = 10), not
 * for large n. Powers are recomputed rather than tabulated so that memory
 * stays O(n).
 */
static double compat_den(parley_bdm_workspace *ws, const double *rho)
{
	size_t n = ws->n, k, a, b;
	double den = 0.0;

	for (k = 0; k < n; k++) {
		double rk = rho ? rho[k] : 1.0, wk = ws->w[k];

		for (a = 0; a < n; a++)
			ws->g[a] = upow(fabs(ws->x[k] - ws->x[a]) / ws->delta, rk);
		for (a = 0; a < n; a++)
			for (b = 0; b < n; b++)
				den += fabs(wk * (ws->g[b] - ws->g[a]));
	}
	return den;
}

/* P_ij and P_ji of 4.4(c); den = 0 gives 0 (as the reference). */
static void compat_p(const parley_bdm_workspace *ws, size_t i, size_t j,
	const double *rho, double den, double *pij, double *pji)
{
	double nij = 0.0, nji = 0.0;
	size_t k;

	for (k = 0; k < ws->n; k++) {
		double rk = rho ? rho[k] : 1.0;
		double v = ws->w[k] * (upow(fabs(ws->x[k] - ws->x[j]) / ws->delta, rk) -
			upow(fabs(ws->x[k] - ws->x[i]) / ws->delta, rk));

		nij += fmax(0.0, v);
		nji += fmax(0.0, -v);
	}
	*pij = den > 0.0 ? nij / den : 0.0;
	*pji = den > 0.0 ? nji / den : 0.0;
}

/*
 * COMPAT offer from i to receiver j (4.5 b-c) with a' = EU(i->j; r_j),
 * b' = EU(j->i; r_j): conflict iff a' > b' > 0; compromise iff
 * a' > 0 > b' and |b'| < a'; no capitulation. Selection (4.5 d): the
 * nearest conflict proposer, else the compromise with the smallest
 * (|b'| x_j + a' x_i)/(a' + |b'|); ties -> lowest proposer index. The best
 * conflict is kept in offers[j], the best compromise in alt[j].
 */
static void compat_offer(parley_bdm_workspace *ws, size_t i, size_t j, double a, double b)
{
	parley_bdm_offer o;
	double xi = ws->x[i], xj = ws->x[j], key;

	o.proposer = i;
	o.eu_proposer = a;
	o.eu_receiver = b;
	if (a > 0.0 && b > 0.0) {
		if (!(a > b))
			return;
		o.kind = PARLEY_BDM_OFFER_CONFLICT;
		o.position = xi;
		key = fabs(xi - xj);
		if (ws->offers[j].kind == PARLEY_BDM_OFFER_NONE || key < ws->key[j] ||
		    (key == ws->key[j] && i < ws->offers[j].proposer)) {
			ws->offers[j] = o;
			ws->key[j] = key;
		}
	} else if (a > 0.0 && b < 0.0) {
		double f = fabs(b) / a;

		if (!(f < 1.0))
			return;
		o.kind = PARLEY_BDM_OFFER_COMPROMISE;
		o.position = compromise_position(xi, xj, f);
		key = (fabs(b) * xj + fabs(a) * xi) / (fabs(a) + fabs(b));
		if (ws->alt[j].kind == PARLEY_BDM_OFFER_NONE || key < ws->altkey[j] ||
		    (key == ws->altkey[j] && i < ws->alt[j].proposer)) {
			ws->alt[j] = o;
			ws->altkey[j] = key;
		}
	}
}

/*
 * One COMPAT pass: pass 1 with every voter exponent 1 gives EU1 and S;
 * pass 2 with rho = r gives the decision probabilities, the offers with
 * the receiver's perception (4.5 a), and, for the trace, P (pass 2's) and
 * EU_ij = EU(i->j; r_i) (the reference's "EU_second_pass").
 */
static void compat_pass(parley_bdm_workspace *ws, int pass)
{
	const size_t n = ws->n;
	const double *rho = pass == 1 ? NULL : ws->r;
	double den = compat_den(ws, rho);
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			double d, pij, pji;

			if (ws->x[i] == ws->x[j])
				continue;
			d = fabs(ws->x[i] - ws->x[j]) / ws->delta;
			compat_p(ws, i, j, rho, den, &pij, &pji);
			if (pass == 1) {
				double eij = eu(ws, i, j, d, 1.0, 0.0, pij);
				double eji = eu(ws, j, i, d, 1.0, 0.0, pji);

				ws->S[j] += eij;
				ws->S[i] += eji;
				trace_pair(ws->m1, n, i, j, eij, eji);
			} else {
				double ri = ws->r[i], rj = ws->r[j];
				double ui = ws->usq[i], uj = ws->usq[j];

				trace_pair(ws->mP, n, i, j, pij, pji);
				if (ws->mE)
					trace_pair(ws->mE, n, i, j, eu(ws, i, j, d, ri, ui, pij),
						eu(ws, j, i, d, rj, uj, pji));
				/* j receives, perceiving both with r_j; then i receives */
				compat_offer(ws, i, j, eu(ws, i, j, d, rj, uj, pij),
					eu(ws, j, i, d, rj, uj, pji));
				compat_offer(ws, j, i, eu(ws, j, i, d, ri, ui, pji),
					eu(ws, i, j, d, ri, ui, pij));
			}
		}
	}
	if (pass == 2)
		for (j = 0; j < n; j++)
			if (ws->offers[j].kind == PARLEY_BDM_OFFER_NONE &&
			    ws->alt[j].kind != PARLEY_BDM_OFFER_NONE)
				ws->offers[j] = ws->alt[j];
}

/* ------------------------------------------------------------------ */
/* one round (4.3 A-H) and stopping (4.6)                               */
/* ------------------------------------------------------------------ */

int parley_bdm_iterate(parley_bdm_workspace *ws)
{
	size_t n, i;
	double mu, moved = 0.0;
	int err;

	PARLEY_ASSERT_ARG(ws != NULL);
	if (!ws->is_set)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_bdm_iterate: the workspace has no problem; call "
			"parley_bdm_set() first");
	if (ws->status != PARLEY_BDM_CONTINUE)
		return 0;
	n = ws->n;

	/* A: mu is the median of the current positions (computed after the
	 * previous round or by set). */
	mu = ws->median;
	for (i = 0; i < n; i++) {
		ws->dmu[i] = fabs(ws->x[i] - mu);
		ws->e[i] = ws->dmu[i] / ws->delta;
		ws->S[i] = 0.0;
		ws->offers[i].kind = PARLEY_BDM_OFFER_NONE;
		ws->offers[i].proposer = i; /* none: the actor "stays with itself" */
		ws->offers[i].position = ws->x[i];
		ws->offers[i].eu_proposer = 0.0;
		ws->offers[i].eu_receiver = 0.0;
		ws->alt[i] = ws->offers[i];
		ws->key[i] = ws->altkey[i] = 0.0;
	}
	if (ws->trace) {
		/* skipped pairs (x_i == x_j) and the diagonal read 0 */
		memset(ws->mP, 0, n * n * sizeof(double));
		memset(ws->m1, 0, n * n * sizeof(double));
		memset(ws->mE, 0, n * n * sizeof(double));
	}

	/* B-G */
	if (ws->opt.profile == PARLEY_BDM_PAPER) {
		size_t G = paper_sort(ws);

		paper_pass(ws, G, 1);
		risk_exponents(ws);
		paper_pass(ws, G, 2);
	} else {
		compat_pass(ws, 1);
		risk_exponents(ws);
		compat_pass(ws, 2);
	}

	/* H: everybody moves at once. */
	memcpy(ws->xold, ws->x, n * sizeof(double));
	for (i = 0; i < n; i++) {
		if (ws->offers[i].kind != PARLEY_BDM_OFFER_NONE)
			ws->x[i] = ws->offers[i].position;
		moved = fmax(moved, fabs(ws->x[i] - ws->xold[i]));
	}
	ws->rounds++;
	ws->have_round = 1;
	if ((err = update_summaries(ws)) < 0)
		return err; /* unreachable: inputs were validated by set */

	/* 4.6: fixed point (the round that moved nothing counts), then tau. */
	if (moved <= ws->opt.eps * ws->delta)
		ws->status = PARLEY_BDM_FIXED_POINT;
	else if (ws->rounds >= ws->opt.max_rounds)
		ws->status = PARLEY_BDM_MAX_ROUNDS;
	return 0;
}

/* ------------------------------------------------------------------ */
/* accessors                                                            */
/* ------------------------------------------------------------------ */

parley_bdm_status parley_bdm_test(const parley_bdm_workspace *ws)
{
	/* a workspace without a problem has nothing final to report */
	return ws && ws->is_set ? ws->status : PARLEY_BDM_CONTINUE;
}

size_t parley_bdm_rounds(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set ? ws->rounds : 0;
}

const double *parley_bdm_positions(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set ? ws->x : NULL;
}

double parley_bdm_median(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set ? ws->median : NAN;
}

double parley_bdm_mean(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set ? ws->mean : NAN;
}

double parley_bdm_range_used(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set ? ws->delta : NAN;
}

const double *parley_bdm_risk(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set && ws->have_round ? ws->r : NULL;
}

const parley_bdm_offer *parley_bdm_offers(const parley_bdm_workspace *ws)
{
	return ws && ws->is_set && ws->have_round ? ws->offers : NULL;
}

const double *parley_bdm_matrix(const parley_bdm_workspace *ws, char which)
{
	if (!ws || !ws->is_set || !ws->have_round || !ws->trace)
		return NULL;
	switch (which) {
	case 'P': return ws->mP;
	case '1': return ws->m1;
	case 'E': return ws->mE;
	default: return NULL;
	}
}

const char *parley_bdm_profile_name(parley_bdm_profile p)
{
	switch (p) {
	case PARLEY_BDM_PAPER: return "paper";
	case PARLEY_BDM_COMPAT: return "compat";
	}
	return "unknown";
}

const char *parley_bdm_status_name(parley_bdm_status s)
{
	switch (s) {
	case PARLEY_BDM_CONTINUE: return "continue";
	case PARLEY_BDM_FIXED_POINT: return "fixed_point";
	case PARLEY_BDM_MAX_ROUNDS: return "max_rounds";
	case PARLEY_BDM_DEGENERATE_RANGE: return "degenerate_range";
	}
	return "unknown";
}

const char *parley_bdm_offer_name(parley_bdm_offer_kind k)
{
	switch (k) {
	case PARLEY_BDM_OFFER_NONE: return "none";
	case PARLEY_BDM_OFFER_CONFLICT: return "conflict";
	case PARLEY_BDM_OFFER_COMPROMISE: return "compromise";
	case PARLEY_BDM_OFFER_CAPITULATION: return "capitulation";
	}
	return "unknown";
}

const char *parley_bdm_selection_name(parley_bdm_selection s)
{
	switch (s) {
	case PARLEY_BDM_SELECT_CATEGORY: return "category";
	case PARLEY_BDM_SELECT_LEAST: return "least";
	case PARLEY_BDM_SELECT_MAX_EU: return "max_eu";
	}
	return "unknown";
}

/* ------------------------------------------------------------------ */
/* The model of the table (model_internal.h)                           */
/* ------------------------------------------------------------------ */

extern const parley_model_type parley_model_bdm; /* this file's model, at its end */

/* Records the rounds of the expected-utility model into growing arrays;
 * the forecast then copies them into its arena. */
typedef struct {
	double *median, *mean, *positions;
	double *risk_first;     /* the first round's risk exponents (n), or NULL */
	size_t rounds, alloc, n;
} recorder;

static void rec_dispose(recorder *r)
{
	parley__free(r->median);
	parley__free(r->mean);
	parley__free(r->positions);
	parley__free(r->risk_first);
	memset(r, 0, sizeof(*r));
}

/* Append the workspace's current state as round r->rounds. */
static int rec_push(recorder *r, const parley_bdm_workspace *bw)
{
	if (r->rounds == r->alloc) {
		size_t na = r->alloc ? r->alloc * 2 : 16;
		double *m1 = parley__realloc(r->median, na * sizeof(double));
		double *m2, *p;
		if (!m1)
			return PARLEY_ENOMEM;
		r->median = m1;
		if (!(m2 = parley__realloc(r->mean, na * sizeof(double))))
			return PARLEY_ENOMEM;
		r->mean = m2;
		if (!(p = parley__realloc(r->positions, na * r->n * sizeof(double))))
			return PARLEY_ENOMEM;
		r->positions = p;
		r->alloc = na;
	}
	if (r->rounds == 1 && parley_bdm_risk(bw)) {
		/* after round 1: the risk attitudes measured at the coded positions */
		if (!(r->risk_first = parley__malloc(r->n * sizeof(double))))
			return PARLEY_ENOMEM;
		memcpy(r->risk_first, parley_bdm_risk(bw), r->n * sizeof(double));
	}
	r->median[r->rounds] = parley_bdm_median(bw);
	r->mean[r->rounds] = parley_bdm_mean(bw);
	memcpy(r->positions + r->rounds * r->n, parley_bdm_positions(bw), r->n * sizeof(double));
	r->rounds++;
	return 0;
}

static int ws_fit(void **own, size_t *own_n, size_t n)
{
	parley_bdm_workspace *bw = NULL;
	int error;
	if (*own && *own_n >= n)
		return 0;
	parley_bdm_workspace_free(*own);
	*own = NULL;
	if ((error = parley_bdm_workspace_alloc(&bw, n, 0)) < 0)
		return error;
	*own = bw;
	*own_n = n;
	return 0;
}

static void ws_free(void *own)
{
	parley_bdm_workspace_free(own);
}

/* Copy the recorded rounds and the workspace's last-round data into the
 * forecast's arena as the result's trajectory. */
static int keep_trajectory(parley_arena *arena, parley_model_result *res,
	const parley_bdm_workspace *bw, const size_t *actor, const recorder *rec,
	const parley_bdm_options *bo)
{
	parley_bdm_trajectory *t = parley_arena__alloc(arena, sizeof(*t));
	size_t n = rec->n;
	const double *risk = parley_bdm_risk(bw);
	const parley_bdm_offer *offers = parley_bdm_offers(bw);
	double *median, *mean, *pos, *r = NULL, *r1 = NULL;
	size_t *actors;
	parley_bdm_offer *o = NULL;

	median = parley_arena__alloc(arena, rec->rounds * sizeof(double));
	mean = parley_arena__alloc(arena, rec->rounds * sizeof(double));
	pos = parley_arena__alloc(arena, rec->rounds * n * sizeof(double));
	actors = parley_arena__alloc(arena, n * sizeof(size_t));
	if (risk && !(r = parley_arena__alloc(arena, n * sizeof(double))))
		return PARLEY_ENOMEM;
	if (rec->risk_first && !(r1 = parley_arena__alloc(arena, n * sizeof(double))))
		return PARLEY_ENOMEM;
	if (offers && !(o = parley_arena__alloc(arena, n * sizeof(*o))))
		return PARLEY_ENOMEM;
	if (!t || !median || !mean || !pos || !actors)
		return PARLEY_ENOMEM;
	memcpy(median, rec->median, rec->rounds * sizeof(double));
	memcpy(mean, rec->mean, rec->rounds * sizeof(double));
	memcpy(pos, rec->positions, rec->rounds * n * sizeof(double));
	memcpy(actors, actor, n * sizeof(size_t));
	if (r)
		memcpy(r, risk, n * sizeof(double));
	if (r1)
		memcpy(r1, rec->risk_first, n * sizeof(double));
	if (o)
		memcpy(o, offers, n * sizeof(*o));
	t->profile = bo->profile;
	t->status = parley_bdm_test(bw);
	t->rounds = rec->rounds - 1;
	t->actor_count = n;
	t->actors = actors;
	t->median = median;
	t->mean = mean;
	t->positions = pos;
	t->risk = r;
	t->risk_first = r1;
	t->offers = o;
	t->range = parley_bdm_range_used(bw);
	res->bdm = t;
	return 0;
}

/* The expected-utility model (parley/bdm.h): rounds until the status is
 * final; with an arena, the rounds are kept as the result's trajectory. */
static int run(parley_model_result *res, const parley_model_call *c)
{
	const parley_bdm_options *bo = &c->o->bdm;
	parley_bdm_workspace *bw;
	recorder rec;
	size_t n = c->n;
	void *own;
	int rc;

	if (n < 2)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL,
			"the expected-utility model needs at least two actors on the issue");
	if ((rc = parley_models__own(&own, c->ws, &parley_model_bdm, n)) < 0)
		return rc;
	bw = own;
	if ((rc = parley_bdm_set(bw, c->ws->x, c->ws->c, c->ws->sal, n, c->is->lo, c->is->hi, bo)) < 0)
		return rc;
	memset(&rec, 0, sizeof(rec));
	rec.n = n;
	if (c->arena && (rc = rec_push(&rec, bw)) < 0)
		goto done;
	while (parley_bdm_test(bw) == PARLEY_BDM_CONTINUE) {
		if ((rc = parley_bdm_iterate(bw)) < 0)
			goto done;
		if (c->arena && (rc = rec_push(&rec, bw)) < 0)
			goto done;
	}
	res->forecast = parley_bdm_median(bw);
	res->mean = parley_bdm_mean(bw);
	if (c->arena && isfinite(res->forecast) && isfinite(res->mean))
		rc = keep_trajectory(c->arena, res, bw, c->ws->actor, &rec, bo);
done:
	rec_dispose(&rec);
	return rc;
}

/* The rounds: positions keyed by actor id. */
static int json(parley_buf *b, const parley_scenario *s, const parley_model_result *r)
{
	const parley_bdm_trajectory *t = r->bdm;
	size_t k, round;
	int error = 0;

	if (!t)
		return 0;
	PARLEY_TRY(parley_buf__puts(b, ", \"mean\": "));
	PARLEY_TRY(parley_buf__json_num(b, r->mean));
	PARLEY_TRY(parley_buf__printf(b, ", \"profile\": \"%s\", \"status\": \"%s\", \"rounds_run\": %zu, \"range\": ",
		parley_bdm_profile_name(t->profile), parley_bdm_status_name(t->status), t->rounds));
	PARLEY_TRY(parley_buf__json_num(b, t->range));
	PARLEY_TRY(parley_buf__puts(b, ",\n         \"initial\": {\"median\": "));
	PARLEY_TRY(parley_buf__json_num(b, t->median[0]));
	PARLEY_TRY(parley_buf__puts(b, ", \"mean\": "));
	PARLEY_TRY(parley_buf__json_num(b, t->mean[0]));
	PARLEY_TRY(parley_buf__puts(b, "},\n         \"rounds\": ["));
	for (round = 1; round <= t->rounds; round++) {
		PARLEY_TRY(parley_buf__printf(b, "%s\n           {\"round\": %zu, \"median\": ", round > 1 ? "," : "", round));
		PARLEY_TRY(parley_buf__json_num(b, t->median[round]));
		PARLEY_TRY(parley_buf__puts(b, ", \"mean\": "));
		PARLEY_TRY(parley_buf__json_num(b, t->mean[round]));
		PARLEY_TRY(parley_buf__puts(b, ", \"positions\": {"));
		for (k = 0; k < t->actor_count; k++) {
			PARLEY_TRY(parley_buf__puts(b, k ? ", " : ""));
			PARLEY_TRY(parley_buf__json_str(b, s->actors[t->actors[k]].id));
			PARLEY_TRY(parley_buf__puts(b, ": "));
			PARLEY_TRY(parley_buf__json_num(b, t->positions[round * t->actor_count + k]));
		}
		PARLEY_TRY(parley_buf__puts(b, "}}"));
	}
	PARLEY_TRY(parley_buf__puts(b, t->rounds ? "\n         ]" : "]"));
	/* risk exponents: round 1's (the actors' attitudes at the coded
	 * positions), then the last round's under the old key */
	for (k = 0; k < 2; k++) {
		const double *risk = k ? t->risk : t->risk_first;
		size_t j;
		if (!risk)
			continue;
		PARLEY_TRY(parley_buf__printf(b, ",\n         \"%s\": {", k ? "risk_exponents" : "risk_exponents_first_round"));
		for (j = 0; j < t->actor_count; j++) {
			PARLEY_TRY(parley_buf__puts(b, j ? ", " : ""));
			PARLEY_TRY(parley_buf__json_str(b, s->actors[t->actors[j]].id));
			PARLEY_TRY(parley_buf__puts(b, ": "));
			PARLEY_TRY(parley_buf__json_num(b, risk[j]));
		}
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	if (t->offers) {
		size_t first = 1;
		PARLEY_TRY(parley_buf__puts(b, ",\n         \"last_offers\": ["));
		for (k = 0; k < t->actor_count; k++) {
			const parley_bdm_offer *o = &t->offers[k];
			if (o->kind == PARLEY_BDM_OFFER_NONE)
				continue;
			PARLEY_TRY(parley_buf__puts(b, first ? "\n           {\"receiver\": " : ",\n           {\"receiver\": "));
			first = 0;
			PARLEY_TRY(parley_buf__json_str(b, s->actors[t->actors[k]].id));
			PARLEY_TRY(parley_buf__puts(b, ", \"proposer\": "));
			PARLEY_TRY(parley_buf__json_str(b, s->actors[t->actors[o->proposer]].id));
			PARLEY_TRY(parley_buf__printf(b, ", \"kind\": \"%s\", \"position\": ", parley_bdm_offer_name(o->kind)));
			PARLEY_TRY(parley_buf__json_num(b, o->position));
			PARLEY_TRY(parley_buf__puts(b, ", \"eu_proposer\": "));
			PARLEY_TRY(parley_buf__json_num(b, o->eu_proposer));
			PARLEY_TRY(parley_buf__puts(b, ", \"eu_receiver\": "));
			PARLEY_TRY(parley_buf__json_num(b, o->eu_receiver));
			PARLEY_TRY(parley_buf__puts(b, "}"));
		}
		PARLEY_TRY(parley_buf__puts(b, first ? "]" : "\n         ]"));
	}
done:
	return error;
}

static int csv(parley_buf *b, const parley_model_result *r)
{
	int error;
	if (r->bdm && (error = parley_buf__puts(b, parley_bdm_status_name(r->bdm->status))) < 0)
		return error;
	return parley_buf__puts(b, ",,,");
}

static const struct parley_model_ops ops = {
	.run = run, .ws_fit = ws_fit, .ws_free = ws_free, .json = json, .csv = csv,
};

const parley_model_type parley_model_bdm = {
	.name = "bdm",
	.title = "Expected utility (BDM)",
	.summary = "rounds of challenges, compromises and capitulations (Bueno de Mesquita 1994; Scholz et al. 2011)",
	.needs = PARLEY_MODEL_NEEDS_TWO_ACTORS,
	.by_default = 1,
	.ops = &ops,
};
