/*
 * smp.c - KTAB's Spatial Model of Politics (SMP) on one dimension, default
 * configuration (shared/specs/models.md section 6.2; KAPSARC KTAB,
 * examples/smp): actors challenge each other, bargain, and move, round
 * after round, until the positions settle.
 *
 * Each issue's [lo, hi] is mapped onto [0, 1] and back (the model's
 * distances and its rounding of bargains are on [0, 1]), so the forecast
 * does not depend on the units. One round, positions y fixed during it:
 *
 *  1. Risk. Risk-neutral utilities u(d, 0) = 1 - d, votes of weight c_k,
 *     coalitions C_ij = 1e-8 + sum_k max(0, c_k (u_ki - u_kj)),
 *     P[i>j] = C_ij / (C_ij + C_ji), P[i>i] = 1/2, Conditional PCE
 *     p_i ~ prod_j P[i>j]; R_i = (3 p_i - (p_max + 2 p_min)) / (2 (p_max -
 *     p_min)) (Mid range; 0 for everyone when every p_i is equal); h's
 *     estimate of i's risk R^h_i = (2 R_h + R_i) / 3 (OneThird);
 *     u^h_ij = u(|y_i - y_j|, R^h_i), u(d, R) = (1 - d)(1 + d R).
 *  2. Challenges (probEduChlg, SemiCommit, h = k = i): the principals add
 *     s_i c_i (u_ii - u_ij) and s_j c_j (u_ji - u_jj) to the sides (each
 *     starting at 1e-10); each third party n, from its "little" probability
 *     p of the principals and itself, votes s_n c_n (U_ik>j - U_i>jk) with
 *     U_ik>j = p (2 u_ni + u_nn) + (1 - p) 3 u_nj and
 *     U_i>jk = p 3 u_ni + (1 - p)(2 u_nj + u_nn); phi = C_i / (C_i + C_j);
 *     EdU = (1 - s_j) 2 u_ii + s_j (phi 2 u_ii + (1 - phi) 2 u_ij)
 *     - (u_ii + u_ij). Each actor challenges the j of largest EdU > 1e-5
 *     (the lowest index among equals); the bargain is S2P2's
 *     b_i = round4(((w_i + 1e-6) y_i + w_j y_j) / (w_i + 1e-6 + w_j)),
 *     b_j = round4((w_i y_i + (w_j + 1e-6) y_j) / (w_i + 1e-6 + w_j)),
 *     w_i = s_i^2 phi^2, w_j = s_j^2 (1 - phi)^2.
 *  3. Choice (deterministic): each actor takes, among its status quo and
 *     the bargains it is in (its side of each), the most probable under a
 *     Conditional PCE over those options in which every actor a votes
 *     s_a c_a (u_a(o) - u_a(o')), u_a(o) = u(|y_a - o|, R^avg_a), the
 *     average over h of R^h_a (u is linear in R, so this is the average of
 *     the utilities); the status quo wins ties, then the earlier bargain.
 *  4. Stop after round 100, or from round 2 on when the total change of the
 *     round's positions is below 0.02 (first round's change + 1e-4).
 *
 * Where the spec does not say (parley's choices, docs/models.md "SMP"): the
 * forecast is the expected position sum_i p_i y_i of step 1's PCE over the
 * final positions; capabilities are scaled to a largest of 100 (KTAB's
 * constants are absolute: so the forecast does not depend on their unit);
 * an actor alone on an issue keeps its position; an issue with more than
 * SMP_MAX_ACTORS actors is refused (a round costs n^3). It runs when asked
 * for (not by default): rounding the bargains to 1/10000 of the scale, and
 * challenges between individual actors, make it change by more than
 * parley's metamorphic tests allow when an issue's units change or an actor
 * is split in two (docs/models.md).
 */
#include <math.h>
#include <string.h>
#include "model_internal.h"

#define SMP_MAX_ACTORS 100
#define SMP_MAX_ROUNDS 100

enum { SMP_CONVERGED = 0, SMP_MAX_ROUNDS_HIT = 1 };

typedef struct {
	size_t rounds;
	int status;
} smp_extra;

extern const parley_model_type parley_model_smp; /* this file's model, at its end */

/* The model's workspace for up to `cap` actors. */
typedef struct {
	size_t cap;
	double *y, *ny, *p, *R, *Ravg, *C, *u;   /* u: one estimator's n x n utilities */
	double *cn;                            /* capabilities scaled to a largest of 100 */
	double *bpos;                          /* per actor: its bargain's initiator and receiver positions */
	long *target;                          /* per actor: whom it challenges, or -1 */
	double *opt, *oC, *op;                 /* an actor's options, their coalitions and PCE */
} smp_ws;

static void ws_free(void *own)
{
	smp_ws *w = own;
	if (!w)
		return;
	parley__free(w->y);
	parley__free(w->cn);
	parley__free(w->ny);
	parley__free(w->p);
	parley__free(w->R);
	parley__free(w->Ravg);
	parley__free(w->C);
	parley__free(w->u);
	parley__free(w->bpos);
	parley__free(w->target);
	parley__free(w->opt);
	parley__free(w->oC);
	parley__free(w->op);
	parley__free(w);
}

static int ws_fit(void **own, size_t *own_n, size_t n)
{
	smp_ws *w;
	size_t m = n + 1; /* options: the status quo and at most n bargains */
	if (*own && *own_n >= n)
		return 0;
	ws_free(*own);
	*own = NULL;
	if (!(w = parley__calloc(1, sizeof(*w))))
		return PARLEY_ENOMEM;
	w->cap = n;
	w->y = parley__malloc(n * sizeof(double));
	w->cn = parley__malloc(n * sizeof(double));
	w->ny = parley__malloc(n * sizeof(double));
	w->p = parley__malloc(n * sizeof(double));
	w->R = parley__malloc(n * sizeof(double));
	w->Ravg = parley__malloc(n * sizeof(double));
	w->C = parley__malloc(n * n * sizeof(double));
	w->u = parley__malloc(n * n * sizeof(double));
	w->bpos = parley__malloc(2 * n * sizeof(double));
	w->target = parley__malloc(n * sizeof(long));
	w->opt = parley__malloc(m * sizeof(double));
	w->oC = parley__malloc(m * m * sizeof(double));
	w->op = parley__malloc(m * sizeof(double));
	if (!w->y || !w->cn || !w->ny || !w->p || !w->R || !w->Ravg || !w->C || !w->u || !w->bpos ||
	    !w->target || !w->opt || !w->oC || !w->op) {
		ws_free(w);
		return PARLEY_ENOMEM;
	}
	*own = w;
	*own_n = n;
	return 0;
}

/* The model's kernels, exported (parley_smp__) for its test against the
 * spec's vectors (tests/models/test_smp.c declares them as here). */
double parley_smp__util(double d, double R);
void parley_smp__big_r(double *R, const double *p, size_t n);
void parley_smp__risk(double *p, double *R, double *C, const double *y, const double *c, size_t n);
void parley_smp__utilities(double *u, const double *R, const double *y, size_t n, size_t h);
void parley_smp__challenge(double *phi, double *edu, const double *u, const double *c,
	const double *s, size_t n, size_t i, size_t j);
long parley_smp__target(double *phi, const double *u, const double *c, const double *s, size_t n,
	size_t i);
void parley_smp__interp(double *bi, double *bj, double yi, double si, double pi, double yj,
	double sj, double pj);

/* KTAB's utility of a distance d on [0, 1] to an actor of risk attitude R. */
double parley_smp__util(double d, double R)
{
	return d <= 1 ? (1 - d) * (1 + d * R) : (1 - d) * (1 + R);
}

/* Conditional PCE of m options from their coalitions C (m x m, C[a*m+b] the
 * strength of a against b): p_a ~ prod_b P[a>b], P[a>a] = 1/2. */
static void cond_pce(double *p, const double *C, size_t m)
{
	double tot = 0;
	size_t a, b;
	for (a = 0; a < m; a++) {
		double v = 1;
		for (b = 0; b < m; b++)
			v *= a == b ? 0.5 : C[a * m + b] / (C[a * m + b] + C[b * m + a]);
		p[a] = v;
		tot += v;
	}
	for (a = 0; a < m; a++)
		p[a] /= tot;
}

/* Mid range: R_i = (3 p_i - (p_max + 2 p_min)) / (2 (p_max - p_min)), 0
 * for everyone when every p_i is equal. */
void parley_smp__big_r(double *R, const double *p, size_t n)
{
	double pmin = HUGE_VAL, pmax = -HUGE_VAL;
	size_t i;
	for (i = 0; i < n; i++) {
		pmin = fmin(pmin, p[i]);
		pmax = fmax(pmax, p[i]);
	}
	for (i = 0; i < n; i++)
		R[i] = pmax > pmin ? (3 * p[i] - (pmax + 2 * pmin)) / (2 * (pmax - pmin)) : 0;
}

/* Step 1: the PCE p over the positions y with risk-neutral utilities and
 * votes c_k (coalitions in C, n x n), and the risk attitudes R. */
void parley_smp__risk(double *p, double *R, double *C, const double *y, const double *c, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			double cij = 1e-8;
			if (i != j)
				for (k = 0; k < n; k++) {
					/* c_k (u_ki - u_kj) with u = 1 - d */
					double v = c[k] * (fabs(y[k] - y[j]) - fabs(y[k] - y[i]));
					if (v > 0)
						cij += v;
				}
			C[i * n + j] = cij;
		}
	cond_pce(p, C, n);
	parley_smp__big_r(R, p, n);
}

/* h's utilities u^h_ij into u (n x n): u(|y_i - y_j|, (2 R_h + R_i) / 3). */
void parley_smp__utilities(double *u, const double *R, const double *y, size_t n, size_t h)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		double r = (2 * R[h] + R[i]) / 3;
		for (j = 0; j < n; j++)
			u[i * n + j] = parley_smp__util(fabs(y[i] - y[j]), r);
	}
}

/* Step 2: h = k = i's estimate of i challenging j, from u = u^i: the
 * probability phi that i wins and the expected gain to i. */
void parley_smp__challenge(double *phi, double *edu, const double *u, const double *c,
	const double *s, size_t n, size_t i, size_t j)
{
	double chij = 1e-10, chji = 1e-10, ci0, cj0, vi, vj, ph, cont;
	size_t m;

	vi = s[i] * c[i] * (u[i * n + i] - u[i * n + j]);
	vj = s[j] * c[j] * (u[j * n + i] - u[j * n + j]);
	if (vi > 0) chij += vi; else chji -= vi;
	if (vj > 0) chij += vj; else chji -= vj;
	ci0 = chij;
	cj0 = chji;
	for (m = 0; m < n; m++) {
		double wn, v0, cni, cnj, pin, uni, unj, unn, ikj, ijk, vk;
		if (m == i || m == j)
			continue;
		wn = s[m] * c[m];
		uni = u[m * n + i];
		unj = u[m * n + j];
		unn = u[m * n + m];
		v0 = wn * (uni - unj);
		cni = v0 > 0 ? ci0 + v0 : ci0;
		cnj = v0 < 0 ? cj0 - v0 : cj0;
		pin = cni / (cni + cnj);
		ikj = pin * (2 * uni + unn) + (1 - pin) * 3 * unj;
		ijk = pin * 3 * uni + (1 - pin) * (2 * unj + unn);
		vk = wn * (ikj - ijk);
		if (vk > 0) chij += vk; else chji -= vk;
	}
	ph = chij / (chij + chji);
	cont = ph * 2 * u[i * n + i] + (1 - ph) * 2 * u[i * n + j];
	*phi = ph;
	*edu = (1 - s[j]) * 2 * u[i * n + i] + s[j] * cont - (u[i * n + i] + u[i * n + j]);
}

/* Whom i challenges (from u = u^i): the j of largest gain above 1e-5, the
 * lowest index among equals, with the probability *phi that i wins; -1
 * when no challenge gains enough. */
long parley_smp__target(double *phi, const double *u, const double *c, const double *s, size_t n,
	size_t i)
{
	double best = 1e-5;
	long t = -1;
	size_t j;

	*phi = 0;
	for (j = 0; j < n; j++) {
		double ph, edu;
		if (j == i)
			continue;
		parley_smp__challenge(&ph, &edu, u, c, s, n, i, j);
		if (edu > best) {
			best = edu;
			*phi = ph;
			t = (long)j;
		}
	}
	return t;
}

static double round4(double v)
{
	return floor(0.5 + v * 10000.0) / 10000.0;
}

/* S2P2's bargain between i (at yi, salience si, winning with probability
 * pi) and j: the positions of i and of j. */
void parley_smp__interp(double *bi, double *bj, double yi, double si, double pi, double yj, double sj,
	double pj)
{
	double wi = si * si * pi * pi, wj = sj * sj * pj * pj, mw = 1e-6;
	*bi = round4(((wi + mw) * yi + wj * yj) / (wi + mw + wj));
	*bj = round4((wi * yi + (mw + wj) * yj) / (wi + mw + wj));
}

/* Step 3: actor k's choice among its m options (opt[0] its status quo). */
static size_t choose(smp_ws *w, const double *y, const double *c, const double *s, size_t n,
	size_t m)
{
	size_t a, b, k, best = 0;
	for (a = 0; a < m; a++)
		for (b = 0; b < m; b++) {
			double cab = 1e-8;
			if (a != b)
				for (k = 0; k < n; k++) {
					double v = s[k] * c[k] * (parley_smp__util(fabs(y[k] - w->opt[a]), w->Ravg[k]) -
						parley_smp__util(fabs(y[k] - w->opt[b]), w->Ravg[k]));
					if (v > 0)
						cab += v;
				}
			w->oC[a * m + b] = cab;
		}
	cond_pce(w->op, w->oC, m);
	for (a = 1; a < m; a++)
		if (w->op[a] > w->op[best])
			best = a;
	return best;
}

/* One round from w->y into w->ny; returns the total change. */
static double round_once(smp_ws *w, const double *c, const double *s, size_t n)
{
	double *y = w->y, change = 0, Rsum = 0;
	size_t i, k;

	parley_smp__risk(w->p, w->R, w->C, y, c, n);
	for (i = 0; i < n; i++)
		Rsum += w->R[i];
	for (i = 0; i < n; i++)
		w->Ravg[i] = (2 * Rsum / (double)n + w->R[i]) / 3;
	for (i = 0; i < n; i++) {
		double phi;
		long t;
		parley_smp__utilities(w->u, w->R, y, n, i);
		t = parley_smp__target(&phi, w->u, c, s, n, i);
		w->target[i] = t;
		if (t >= 0)
			parley_smp__interp(&w->bpos[2 * i], &w->bpos[2 * i + 1], y[i], s[i], phi, y[t], s[t],
				1 - phi);
	}
	for (k = 0; k < n; k++) {
		size_t m = 1;
		w->opt[0] = y[k];
		for (i = 0; i < n; i++) {
			if (w->target[i] < 0)
				continue;
			if (i == k)
				w->opt[m++] = w->bpos[2 * i];
			else if ((size_t)w->target[i] == k)
				w->opt[m++] = w->bpos[2 * i + 1];
		}
		w->ny[k] = m > 1 ? w->opt[choose(w, y, c, s, n, m)] : y[k];
	}
	for (k = 0; k < n; k++)
		change += fabs(w->ny[k] - y[k]);
	memcpy(y, w->ny, n * sizeof(double));
	return change;
}

static const char msg_too_many[] = "the Spatial Model of Politics runs on at most 100 actors "
	"on an issue (a round costs n^3 steps)";

static int run(parley_model_result *res, const parley_model_call *c)
{
	const double *x = c->ws->x, *cap = c->ws->c, *sal = c->ws->sal;
	double lo = c->is->lo, hi = c->is->hi, first = 0, change, f = 0, cmax = 0, wsum = 0;
	size_t n = c->n, i, t;
	smp_ws *w;
	smp_extra *ex;
	void *own;
	int rc, status = SMP_MAX_ROUNDS_HIT;

	if (n == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL, "no actor takes a position on the issue");
	if (n > SMP_MAX_ACTORS) {
		res->message = msg_too_many;
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL, "%s", msg_too_many);
	}
	if ((rc = parley_models__check_values("smp", "x", x, n, 0)) < 0 ||
	    (rc = parley_models__check_values("smp", "c", cap, n, 1)) < 0 ||
	    (rc = parley_models__check_values("smp", "s", sal, n, 1)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		cmax = fmax(cmax, cap[i]);
		wsum += cap[i] * sal[i];
	}
	if (!(cmax > 0) || !(wsum > 0))
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
			"smp: total weight is zero (every capability x salience is 0)");
	if ((rc = parley_models__own(&own, c->ws, &parley_model_smp, n)) < 0)
		return rc;
	w = own;
	/* positions on [0, 1]; capabilities with the largest at 100, so that
	 * KTAB's absolute constants (1e-8, 1e-10 in the coalitions) weigh the
	 * same whatever the capabilities' unit */
	for (i = 0; i < n; i++) {
		w->y[i] = (x[i] - lo) / (hi - lo);
		w->cn[i] = cap[i] / cmax * 100;
	}
	cap = w->cn;
	for (t = 1; t <= SMP_MAX_ROUNDS; t++) {
		change = n > 1 ? round_once(w, cap, sal, n) : 0;
		if (t == 1)
			first = change;
		if (t >= 2 && change < 0.02 * (first + 1e-4)) {
			status = SMP_CONVERGED;
			break;
		}
	}
	if (t > SMP_MAX_ROUNDS)
		t = SMP_MAX_ROUNDS;
	parley_smp__risk(w->p, w->R, w->C, w->y, cap, n);
	for (i = 0; i < n; i++)
		f += w->p[i] * w->y[i];
	res->forecast = fmin(hi, fmax(lo, lo + f * (hi - lo)));
	if (c->arena) {
		if (!(ex = parley_arena__alloc(c->arena, sizeof(*ex))))
			return PARLEY_ENOMEM;
		ex->rounds = t;
		ex->status = status;
		res->extra = ex;
	}
	return 0;
}

static const char *status_name(int status)
{
	return status == SMP_CONVERGED ? "converged" : "max_rounds";
}

static int json(parley_buf *b, const parley_scenario *s, const parley_model_result *r)
{
	const smp_extra *ex = r->extra;
	(void)s;
	return ex ? parley_buf__printf(b, ", \"status\": \"%s\", \"rounds_run\": %zu",
		status_name(ex->status), ex->rounds) : 0;
}

static int csv(parley_buf *b, const parley_model_result *r)
{
	const smp_extra *ex = r->extra;
	int error;
	if (ex && (error = parley_buf__puts(b, status_name(ex->status))) < 0)
		return error;
	return parley_buf__puts(b, ",,,");
}

static const struct parley_model_ops ops = {
	.run = run, .ws_fit = ws_fit, .ws_free = ws_free, .json = json, .csv = csv,
};

const parley_model_type parley_model_smp = {
	.name = "smp",
	.title = "Spatial Model of Politics",
	.summary = "KTAB's challenges, bargains and probabilistic Condorcet elections, round after round "
		"(KAPSARC KTAB, default configuration)",
	.ops = &ops,
};
