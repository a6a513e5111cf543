/*
 * exchange.c - the exchange model of Stokman and Van Oosten (1994),
 * equal-gain variant (shared/specs/models.md section 6.1; parley/exchange.h).
 *
 * The pair computation follows the spec step by step (and ref.py's
 * stokman_pair, in the same order of operations), plus Decide's cap that an
 * outcome may not pass the demander's position. The network procedure runs
 * in a workspace allocated once:
 *
 * Invariants of a workspace between calls (once set):
 * - x, s, c, present hold n * m values by issue ([p * n + k]);
 * - o[p], w[p] are the compromise and weight of the current positions of
 *   the actors present on p (o[p] is NaN when w[p] == 0: issue inactive);
 * - candidate t = a * nip + b pairs actors (ai[a], aj[a]), ai < aj, with
 *   issues (ip[b], iq[b]), ip < iq, so that t ascending is (i, j, p, q)
 *   ascending; gain[t] is its gain at the current state when it is
 *   feasible and allowed, else -1; done[t] marks the candidates made in
 *   the current round; dir[p * n + k] is the direction (-1, 0, +1) of
 *   actor k's moves on p in the current round.
 *
 * Rules for this file: never print, never abort; nothing is allocated
 * after parley_exchange_workspace_alloc() except by parley_exchange_run(),
 * which allocates its result before running.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "exchange_internal.h"
#include "model_internal.h"

/* ------------------------------------------------------------------ */
/* One pair (models.md 6.1)                                            */
/* ------------------------------------------------------------------ */

static void infeasible(parley_exchange_pair_result *r, parley_exchange_reason why)
{
	double op = r->outcome_p, oq = r->outcome_q;

	memset(r, 0, sizeof(*r));
	r->outcome_p = op;
	r->outcome_q = oq;
	r->reason = why;
}

/* "Left of the outcome": x <= O, Decide's rule, where an actor at the
 * outcome counts as left. An outcome recomputed from positions can land on
 * an actor's position (the cap stops it there; an issue whose weighted
 * actors all sit at one point), and then rounding of the compromise puts
 * it an ulp or two either side of that position, differently in other
 * units of the same issue: within 64 ulps of O (relative, plus absolute
 * near 0) an actor is at the outcome, hence left. */
static int left_of(double x, double o)
{
	return x <= o + 64 * DBL_EPSILON * (fabs(o) + 1);
}

/* The computation on validated values. Order of operations as ref.py. */
static void pair_core(parley_exchange_pair_result *r,
	const parley_exchange_stance *ip, const parley_exchange_stance *iq,
	const parley_exchange_stance *jp, const parley_exchange_stance *jq,
	double op, double wp, double oq, double wq, int cap)
{
	const parley_exchange_stance *Dp, *Dq, *Sp, *Sq;
	double cross_i, cross_j, span_p, span_q, ws, wd, k, dop, doq, ms, md;
	int i_d;

	memset(r, 0, sizeof(*r));
	r->outcome_p = op;
	r->outcome_q = oq;
	/* 1. opposite sides of both outcomes ("left" is x <= O, as Decide) */
	if (left_of(ip->x, op) == left_of(jp->x, op) || left_of(iq->x, oq) == left_of(jq->x, oq)) {
		infeasible(r, PARLEY_EXCHANGE_SAME_SIDE);
		return;
	}
	/* s_ip / s_iq vs s_jp / s_jq, cross-multiplied (zero saliences allowed) */
	cross_i = ip->s * jq->s;
	cross_j = jp->s * iq->s;
	if (cross_i == cross_j) {
		infeasible(r, PARLEY_EXCHANGE_EQUAL_RATIOS);
		return;
	}
	i_d = cross_i > cross_j;
	Dp = i_d ? ip : jp;
	Dq = i_d ? iq : jq;
	Sp = i_d ? jp : ip;
	Sq = i_d ? jq : iq;
	span_p = fabs(Dp->x - Sp->x);
	span_q = fabs(Sq->x - Dq->x);
	ws = Sp->c * Sp->s;
	wd = Dq->c * Dq->s;
	if (!(ws > 0) || !(wd > 0) || !(span_p > 0) || !(span_q > 0)) {
		infeasible(r, PARLEY_EXCHANGE_NO_GAIN);
		return;
	}
	/* 2. S moves all the way on p; equal gain fixes dO_q */
	k = (Dp->s + Sp->s) / (Dq->s + Sq->s);
	dop = span_p * ws / wp;
	doq = dop * (Dp->s + Sp->s) / (Dq->s + Sq->s);
	md = doq * wq / wd;
	ms = span_p;
	r->how = PARLEY_EXCHANGE_SUPPLIER_OF_P_MOVES_FULLY;
	/* 3. D would overshoot S on q: D moves all the way instead */
	if (md > span_q) {
		md = span_q;
		doq = md * wd / wq;
		dop = doq * (Dq->s + Sq->s) / (Dp->s + Sp->s);
		ms = dop * wp / ws;
		r->how = PARLEY_EXCHANGE_SUPPLIER_OF_Q_MOVES_FULLY;
	}
	/* 4. outcomes stop at the demanders' positions (shifts scaled together) */
	if (cap) {
		double cp = fabs(Dp->x - op), cq = fabs(Sq->x - oq);
		if (dop > cp) {
			dop = cp;
			doq = dop * k;
			ms = dop * wp / ws;
			md = doq * wq / wd;
			r->how = PARLEY_EXCHANGE_CAPPED_P;
		}
		if (doq > cq) {
			doq = cq;
			dop = doq * (Dq->s + Sq->s) / (Dp->s + Sp->s);
			ms = dop * wp / ws;
			md = doq * wq / wd;
			r->how = PARLEY_EXCHANGE_CAPPED_Q;
		}
	}
	if (ms > span_p)
		ms = span_p;
	if (md > span_q)
		md = span_q;
	r->gain = dop * Dp->s - doq * Dq->s;
	r->gain_check = doq * Sq->s - dop * Sp->s;
	if (!(dop > 0) || !(doq > 0) || !(r->gain > 0) || !(r->gain_check > 0)) {
		infeasible(r, PARLEY_EXCHANGE_NO_GAIN);
		return;
	}
	r->feasible = 1;
	r->reason = PARLEY_EXCHANGE_OK;
	r->i_demands_p = i_d;
	r->dop = dop;
	r->doq = doq;
	r->move_supplier_p = ms;
	r->move_demander_q = md;
	/* a full move lands exactly on the other's position */
	r->new_supplier_p = r->how == PARLEY_EXCHANGE_SUPPLIER_OF_P_MOVES_FULLY ? Dp->x :
		Sp->x + copysign(ms, Dp->x - Sp->x);
	r->new_demander_q = r->how == PARLEY_EXCHANGE_SUPPLIER_OF_Q_MOVES_FULLY ? Sq->x :
		Dq->x + copysign(md, Sq->x - Dq->x);
}

static int bad_stance(const parley_exchange_stance *st)
{
	return !st || !isfinite(st->x) || !isfinite(st->s) || !isfinite(st->c) ||
		st->s < 0.0 || st->s > 1.0 || st->c < 0.0;
}

int parley_exchange_outcome(double *outcome, double *weight,
	const parley_exchange_stance *st, size_t n)
{
	static const char fn[] = "parley_exchange_outcome";
	double num = 0.0, w = 0.0;
	size_t k;

	PARLEY_ASSERT_ARG(outcome != NULL);
	PARLEY_ASSERT_ARG(weight != NULL);
	PARLEY_ASSERT_ARG(st != NULL);
	if (n == 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "%s: no actors (n == 0)", fn);
	for (k = 0; k < n; k++)
		if (bad_stance(&st[k]))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: stance %zu (x %g, s %g, c %g) needs finite values, s in [0, 1], c >= 0",
				fn, k, st[k].x, st[k].s, st[k].c);
	for (k = 0; k < n; k++) {
		num += st[k].c * st[k].s * st[k].x;
		w += st[k].c * st[k].s;
	}
	if (!(w > 0))
		return parley__error(PARLEY_EZEROWEIGHT, PARLEY_ERROR_MODEL,
			"%s: total weight sum c s is zero", fn);
	*outcome = num / w;
	*weight = w;
	return 0;
}

int parley_exchange_pair(parley_exchange_pair_result *out,
	const parley_exchange_stance *ip, const parley_exchange_stance *iq,
	const parley_exchange_stance *jp, const parley_exchange_stance *jq,
	double outcome_p, double weight_p, double outcome_q, double weight_q, int cap)
{
	static const char fn[] = "parley_exchange_pair";

	PARLEY_ASSERT_ARG(out != NULL);
	if (bad_stance(ip) || bad_stance(iq) || bad_stance(jp) || bad_stance(jq))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: every stance needs finite values, s in [0, 1], c >= 0", fn);
	if (!isfinite(outcome_p) || !isfinite(outcome_q) || !isfinite(weight_p) ||
	    !isfinite(weight_q) || !(weight_p > 0) || !(weight_q > 0))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: outcomes must be finite and weights finite and > 0 "
			"(O_p %g, W_p %g, O_q %g, W_q %g)", fn, outcome_p, weight_p, outcome_q, weight_q);
	pair_core(out, ip, iq, jp, jq, outcome_p, weight_p, outcome_q, weight_q, cap);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The network procedure                                               */
/* ------------------------------------------------------------------ */

struct parley_exchange_workspace {
	size_t n, m;               /* actors, issues */
	size_t nap, nip, ncand;    /* actor pairs, issue pairs, candidates */
	double *x, *s, *c;         /* n * m by issue */
	unsigned char *present;    /* n * m */
	double *o, *w;             /* m */
	signed char *dir;          /* n * m */
	double *gain;              /* ncand: gain, or -1 */
	unsigned char *done;       /* ncand */
	size_t *ai, *aj;           /* nap */
	size_t *ip, *iq;           /* nip */
	parley_exchange_options opts;
	size_t rounds;             /* rounds that made exchanges */
	uint64_t evaluations;      /* candidate evaluations since the problem was set */
	int is_set;                /* a problem was set */
	int finished;              /* 0, or the final status reached */
};

/* a * b, or 0 with *ovf set when it does not fit in a size_t */
static size_t mul(size_t a, size_t b, int *ovf)
{
	if (a && b > SIZE_MAX / a) {
		*ovf = 1;
		return 0;
	}
	return a * b;
}

void parley_exchange_workspace_free(parley_exchange_workspace *ws)
{
	if (!ws)
		return;
	parley__free(ws->x);
	parley__free(ws->s);
	parley__free(ws->c);
	parley__free(ws->present);
	parley__free(ws->o);
	parley__free(ws->w);
	parley__free(ws->dir);
	parley__free(ws->gain);
	parley__free(ws->done);
	parley__free(ws->ai);
	parley__free(ws->aj);
	parley__free(ws->ip);
	parley__free(ws->iq);
	parley__free(ws);
}

int parley_exchange_workspace_alloc(parley_exchange_workspace **out, size_t n, size_t m)
{
	static const char fn[] = "parley_exchange_workspace_alloc";
	parley_exchange_workspace *ws;
	size_t nm, a, b, i, j;
	int ovf = 0;

	PARLEY_ASSERT_ARG(out != NULL);
	*out = NULL;
	if (n < 2 || m < 2)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: exchanges need at least 2 actors and 2 issues (got %zu, %zu)", fn, n, m);
	if (!(ws = parley__calloc(1, sizeof(*ws))))
		return PARLEY_ENOMEM;
	ws->n = n;
	ws->m = m;
	nm = mul(n, m, &ovf);
	ws->nap = mul(n, n - 1, &ovf) / 2;
	ws->nip = mul(m, m - 1, &ovf) / 2;
	ws->ncand = mul(ws->nap, ws->nip, &ovf);
	(void)mul(nm, sizeof(double), &ovf);
	(void)mul(ws->ncand, sizeof(double), &ovf);
	(void)mul(ws->nap, sizeof(size_t), &ovf);
	if (ovf) {
		parley__free(ws);
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: %zu actors and %zu issues make too many candidate exchanges", fn, n, m);
	}
	ws->x = parley__malloc(nm * sizeof(double));
	ws->s = parley__malloc(nm * sizeof(double));
	ws->c = parley__malloc(nm * sizeof(double));
	ws->present = parley__malloc(nm);
	ws->o = parley__malloc(m * sizeof(double));
	ws->w = parley__malloc(m * sizeof(double));
	ws->dir = parley__malloc(nm);
	ws->gain = parley__malloc(ws->ncand * sizeof(double));
	ws->done = parley__malloc(ws->ncand);
	ws->ai = parley__malloc(ws->nap * sizeof(size_t));
	ws->aj = parley__malloc(ws->nap * sizeof(size_t));
	ws->ip = parley__malloc(ws->nip * sizeof(size_t));
	ws->iq = parley__malloc(ws->nip * sizeof(size_t));
	if (!ws->x || !ws->s || !ws->c || !ws->present || !ws->o || !ws->w || !ws->dir ||
	    !ws->gain || !ws->done || !ws->ai || !ws->aj || !ws->ip || !ws->iq) {
		parley_exchange_workspace_free(ws);
		return PARLEY_ENOMEM;
	}
	for (i = 0, a = 0; i < n; i++)
		for (j = i + 1; j < n; j++, a++) {
			ws->ai[a] = i;
			ws->aj[a] = j;
		}
	for (i = 0, b = 0; i < m; i++)
		for (j = i + 1; j < m; j++, b++) {
			ws->ip[b] = i;
			ws->iq[b] = j;
		}
	*out = ws;
	return 0;
}

/* O_p and W_p from the current positions of the actors present on p. */
static void issue_outcome(parley_exchange_workspace *ws, size_t p)
{
	size_t n = ws->n, k;
	double num = 0.0, w = 0.0;

	for (k = 0; k < n; k++) {
		size_t t = p * n + k;
		if (!ws->present[t])
			continue;
		num += ws->c[t] * ws->s[t] * ws->x[t];
		w += ws->c[t] * ws->s[t];
	}
	ws->w[p] = w;
	ws->o[p] = w > 0 ? num / w : NAN;
}

int parley_exchange_set(parley_exchange_workspace *ws, const double *x, const double *s,
	const double *c, const unsigned char *present, const parley_exchange_options *opts)
{
	static const char fn[] = "parley_exchange_set";
	parley_exchange_options dflt = PARLEY_EXCHANGE_OPTIONS_INIT;
	size_t nm, t, p;

	PARLEY_ASSERT_ARG(ws != NULL);
	PARLEY_ASSERT_ARG(x != NULL && s != NULL && c != NULL);
	if (!opts)
		opts = &dflt;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_EXCHANGE_OPTIONS_VERSION);
	if (opts->max_rounds < 1 || !isfinite(opts->min_gain) || opts->min_gain < 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: max_rounds must be >= 1 and min_gain finite and >= 0 (got %zu, %g)",
			fn, opts->max_rounds, opts->min_gain);
	nm = ws->n * ws->m;
	for (t = 0; t < nm; t++) {
		if (present && !present[t])
			continue;
		if (!isfinite(x[t]) || !isfinite(s[t]) || !isfinite(c[t]) ||
		    s[t] < 0 || s[t] > 1 || c[t] < 0)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: actor %zu on issue %zu (x %g, s %g, c %g) needs finite values, "
				"s in [0, 1], c >= 0", fn, t % ws->n, t / ws->n, x[t], s[t], c[t]);
	}
	for (t = 0; t < nm; t++) {
		int in = !present || present[t];
		ws->present[t] = (unsigned char)in;
		ws->x[t] = in ? x[t] : NAN;
		ws->s[t] = in ? s[t] : 0.0;
		ws->c[t] = in ? c[t] : 0.0;
	}
	for (p = 0; p < ws->m; p++)
		issue_outcome(ws, p);
	ws->opts = *opts;
	if (!ws->opts.max_evaluations)
		ws->opts.max_evaluations = PARLEY_EXCHANGE_MAX_EVALUATIONS;
	ws->rounds = 0;
	ws->evaluations = 0;
	ws->is_set = 1;
	ws->finished = 0;
	return 0;
}

/* Candidate t at the current state: fills *r and returns its gain when it
 * is feasible, allowed (direction, min_gain) and not yet made, else -1. */
static double evaluate(parley_exchange_workspace *ws, size_t t, parley_exchange_pair_result *r)
{
	size_t n = ws->n, a = t / ws->nip, b = t % ws->nip;
	size_t i = ws->ai[a], j = ws->aj[a], p = ws->ip[b], q = ws->iq[b];
	size_t d, sup;
	parley_exchange_stance ip, iq, jp, jq;
	signed char dsup, ddem;

	ws->evaluations++;
	if (ws->done[t] || !(ws->w[p] > 0) || !(ws->w[q] > 0) ||
	    !ws->present[p * n + i] || !ws->present[q * n + i] ||
	    !ws->present[p * n + j] || !ws->present[q * n + j])
		return -1.0;
	ip.x = ws->x[p * n + i]; ip.s = ws->s[p * n + i]; ip.c = ws->c[p * n + i];
	iq.x = ws->x[q * n + i]; iq.s = ws->s[q * n + i]; iq.c = ws->c[q * n + i];
	jp.x = ws->x[p * n + j]; jp.s = ws->s[p * n + j]; jp.c = ws->c[p * n + j];
	jq.x = ws->x[q * n + j]; jq.s = ws->s[q * n + j]; jq.c = ws->c[q * n + j];
	pair_core(r, &ip, &iq, &jp, &jq, ws->o[p], ws->w[p], ws->o[q], ws->w[q], ws->opts.cap);
	if (!r->feasible || !(r->gain >= ws->opts.min_gain))
		return -1.0;
	d = r->i_demands_p ? i : j;
	sup = r->i_demands_p ? j : i;
	/* within a round an actor's moves on an issue keep one direction */
	dsup = (signed char)(ws->x[p * n + d] > ws->x[p * n + sup] ? 1 : -1);
	ddem = (signed char)(ws->x[q * n + sup] > ws->x[q * n + d] ? 1 : -1);
	if (ws->dir[p * n + sup] == -dsup || ws->dir[q * n + d] == -ddem)
		return -1.0;
	return r->gain;
}

/* The work limit was passed: a clear error instead of hours of work. */
static int over_budget(parley_exchange_workspace *ws)
{
	return ws->finished = parley__error(PARLEY_EINVAL, PARLEY_ERROR_INPUT,
		"the exchange model is too large for this scenario: %zu actor pairs x %zu issue "
		"pairs passed its work limit of %" PRIu64 " evaluations (exchange.max_evaluations) "
		"in round %zu; leave it out (--model without exchange) or use fewer actors or issues",
		ws->nap, ws->nip, ws->opts.max_evaluations, ws->rounds);
}

/* The candidate to make next: the highest gain, the first on ties; or -1. */
static long best_candidate(const parley_exchange_workspace *ws)
{
	long best = -1;
	double g = 0.0;
	size_t t;

	for (t = 0; t < ws->ncand; t++)
		if (ws->gain[t] >= 0 && (best < 0 || ws->gain[t] > g)) {
			best = (long)t;
			g = ws->gain[t];
		}
	return best;
}

int parley_exchange_iterate(parley_exchange_workspace *ws, parley_exchange_record *records,
	size_t max_records, size_t *made)
{
	parley_exchange_pair_result r;
	size_t t, count = 0, n, b, a;
	long best;

	if (made)
		*made = 0;
	PARLEY_ASSERT_ARG(ws != NULL);
	PARLEY_ASSERT_ARG(records != NULL || max_records == 0);
	if (!ws->is_set)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_exchange_iterate: no problem set (call parley_exchange_set first)");
	if (ws->finished)
		return ws->finished;
	n = ws->n;
	memset(ws->dir, 0, n * ws->m);
	memset(ws->done, 0, ws->ncand);
	for (t = 0; t < ws->ncand; t++)
		ws->gain[t] = evaluate(ws, t, &r);
	if (ws->evaluations > ws->opts.max_evaluations)
		return over_budget(ws);
	if ((best = best_candidate(ws)) < 0)
		return ws->finished = PARLEY_EXCHANGE_FIXED_POINT;
	if (ws->rounds >= ws->opts.max_rounds)
		return ws->finished = PARLEY_EXCHANGE_MAX_ROUNDS;
	ws->rounds++;
	while (best >= 0) {
		size_t i, j, p, q, d, sup;

		t = (size_t)best;
		a = t / ws->nip;
		b = t % ws->nip;
		i = ws->ai[a];
		j = ws->aj[a];
		p = ws->ip[b];
		q = ws->iq[b];
		(void)evaluate(ws, t, &r); /* the pair result of the chosen candidate */
		d = r.i_demands_p ? i : j;
		sup = r.i_demands_p ? j : i;
		if (count < max_records) {
			parley_exchange_record *rec = &records[count];
			rec->round = ws->rounds;
			rec->demander = d;
			rec->supplier = sup;
			rec->p = p;
			rec->q = q;
			rec->supplier_from = ws->x[p * n + sup];
			rec->supplier_to = r.new_supplier_p;
			rec->demander_from = ws->x[q * n + d];
			rec->demander_to = r.new_demander_q;
			rec->dop = r.dop;
			rec->doq = r.doq;
			rec->gain = r.gain;
			rec->how = r.how;
		}
		count++;
		ws->dir[p * n + sup] = (signed char)(r.new_supplier_p > ws->x[p * n + sup] ? 1 : -1);
		ws->dir[q * n + d] = (signed char)(r.new_demander_q > ws->x[q * n + d] ? 1 : -1);
		ws->x[p * n + sup] = r.new_supplier_p;
		ws->x[q * n + d] = r.new_demander_q;
		ws->done[t] = 1;
		ws->gain[t] = -1.0;
		issue_outcome(ws, p);
		issue_outcome(ws, q);
		/* recompute every candidate whose issue pair meets p or q */
		for (b = 0; b < ws->nip; b++) {
			if (ws->ip[b] != p && ws->iq[b] != p && ws->ip[b] != q && ws->iq[b] != q)
				continue;
			for (a = 0; a < ws->nap; a++) {
				size_t u = a * ws->nip + b;
				ws->gain[u] = evaluate(ws, u, &r);
			}
		}
		if (ws->evaluations > ws->opts.max_evaluations)
			return over_budget(ws);
		best = best_candidate(ws);
	}
	if (made)
		*made = count;
	return PARLEY_EXCHANGE_CONTINUE;
}

size_t parley_exchange_rounds(const parley_exchange_workspace *ws)
{
	return ws ? ws->rounds : 0;
}

const double *parley_exchange_positions(const parley_exchange_workspace *ws)
{
	return ws && ws->is_set ? ws->x : NULL;
}

const double *parley_exchange_outcomes(const parley_exchange_workspace *ws)
{
	return ws && ws->is_set ? ws->o : NULL;
}

/* ------------------------------------------------------------------ */
/* On a scenario                                                       */
/* ------------------------------------------------------------------ */

struct parley_exchange_result {
	parley_exchange_status status;
	size_t rounds;
	size_t issue_count, actor_count;
	double *outcome, *initial;    /* issue_count */
	double *position;             /* issue_count * actor_count, NaN when absent */
	parley_exchange_record *records;
	size_t record_count;
};

void parley_exchange_result_free(parley_exchange_result *r)
{
	if (!r)
		return;
	parley__free(r->outcome);
	parley__free(r->initial);
	parley__free(r->position);
	parley__free(r->records);
	parley__free(r);
}

/* Every round until the end; *total receives the exchanges made (all of
 * them, though only cap are recorded). Returns the final status. */
static int run_rounds(parley_exchange_workspace *ws, parley_exchange_record *rec, size_t cap,
	size_t *total)
{
	size_t made;
	int st;

	*total = 0;
	for (;;) {
		st = parley_exchange_iterate(ws, rec ? rec + (*total < cap ? *total : cap) : NULL,
			*total < cap ? cap - *total : 0, &made);
		if (st != PARLEY_EXCHANGE_CONTINUE)
			return st;
		*total += made;
	}
}

int parley_exchange_run(parley_exchange_result **out, const parley_scenario *s,
	const parley_exchange_options *opts)
{
	parley_exchange_options dflt = PARLEY_EXCHANGE_OPTIONS_INIT;
	parley_exchange_workspace *ws = NULL;
	parley_exchange_result *r;
	double *x = NULL, *sal = NULL, *cap = NULL;
	unsigned char *present = NULL;
	size_t n, m, nm, p, k, total = 0, room;
	int error = 0, st;

	PARLEY_ASSERT_ARG(out != NULL);
	*out = NULL;
	PARLEY_ASSERT_ARG(s != NULL);
	if (!opts)
		opts = &dflt;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_EXCHANGE_OPTIONS_VERSION);
	if (opts->max_rounds < 1 || !isfinite(opts->min_gain) || opts->min_gain < 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_exchange_run: max_rounds must be >= 1 and min_gain finite and >= 0");
	n = s->actor_count;
	m = s->issue_count;
	nm = n * m;
	if (!(r = parley__calloc(1, sizeof(*r))))
		return PARLEY_ENOMEM;
	r->issue_count = m;
	r->actor_count = n;
	r->status = PARLEY_EXCHANGE_FIXED_POINT;
	r->outcome = parley__malloc((m + 1) * sizeof(double));
	r->initial = parley__malloc((m + 1) * sizeof(double));
	r->position = parley__malloc((nm + 1) * sizeof(double));
	x = parley__malloc((nm + 1) * sizeof(double));
	sal = parley__malloc((nm + 1) * sizeof(double));
	cap = parley__malloc((nm + 1) * sizeof(double));
	present = parley__malloc(nm + 1);
	if (!r->outcome || !r->initial || !r->position || !x || !sal || !cap || !present) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	for (p = 0; p < m; p++) {
		double num = 0.0, w = 0.0;
		for (k = 0; k < n; k++) {
			const parley_stance *st_ = &s->stances[p * n + k];
			size_t t = p * n + k;
			present[t] = (unsigned char)(st_->present != 0);
			x[t] = st_->present ? st_->position.value : 0.0;
			sal[t] = st_->present ? st_->salience.value / 100.0 : 0.0;
			cap[t] = st_->present ? st_->capability.value : 0.0;
			if (!st_->present)
				continue;
			num += cap[t] * sal[t] * x[t];
			w += cap[t] * sal[t];
		}
		r->initial[p] = w > 0 ? num / w : NAN;
		r->outcome[p] = r->initial[p];
	}
	for (k = 0; k < nm; k++)
		r->position[k] = present[k] ? x[k] : NAN;
	if (n < 2 || m < 2)
		goto done;
	/* the model runs on the common 0-100 scale (exchange_internal.h) */
	for (p = 0; p < m; p++)
		for (k = 0; k < n; k++)
			x[p * n + k] = parley_exchange__to_common(x[p * n + k], s->issues[p].lo, s->issues[p].hi);
	if ((error = parley_exchange_workspace_alloc(&ws, n, m)) < 0 ||
	    (error = parley_exchange_set(ws, x, sal, cap, present, opts)) < 0)
		goto done;
	/* Record into a first guess of the room needed; the procedure is
	 * deterministic, so when more exchanges were made it is run again
	 * with exactly enough room. */
	room = 256;
	for (;;) {
		r->records = parley__malloc(room * sizeof(*r->records));
		if (!r->records) {
			error = PARLEY_ENOMEM;
			goto done;
		}
		st = run_rounds(ws, r->records, room, &total);
		if (st < 0) {
			error = st;
			goto done;
		}
		if (total <= room)
			break;
		parley__free(r->records);
		r->records = NULL;
		room = total;
		if ((error = parley_exchange_set(ws, x, sal, cap, present, opts)) < 0)
			goto done;
	}
	r->status = (parley_exchange_status)st;
	r->rounds = parley_exchange_rounds(ws);
	r->record_count = total;
	{
		/* back to each issue's scale */
		const double *fx = parley_exchange_positions(ws), *fo = parley_exchange_outcomes(ws);
		for (k = 0; k < nm; k++) {
			const parley_issue *is = &s->issues[k / n];
			r->position[k] = present[k] ? parley_exchange__from_common(fx[k], is->lo, is->hi) : NAN;
		}
		for (p = 0; p < m; p++)
			r->outcome[p] = parley_exchange__from_common(fo[p], s->issues[p].lo, s->issues[p].hi);
		for (k = 0; k < total; k++) {
			parley_exchange_record *rec = &r->records[k];
			const parley_issue *ip = &s->issues[rec->p], *iq = &s->issues[rec->q];
			rec->supplier_from = parley_exchange__from_common(rec->supplier_from, ip->lo, ip->hi);
			rec->supplier_to = parley_exchange__from_common(rec->supplier_to, ip->lo, ip->hi);
			rec->demander_from = parley_exchange__from_common(rec->demander_from, iq->lo, iq->hi);
			rec->demander_to = parley_exchange__from_common(rec->demander_to, iq->lo, iq->hi);
			rec->dop *= (ip->hi - ip->lo) / 100;
			rec->doq *= (iq->hi - iq->lo) / 100;
		}
	}

done:
	parley_exchange_workspace_free(ws);
	parley__free(x);
	parley__free(sal);
	parley__free(cap);
	parley__free(present);
	if (error < 0) {
		parley_exchange_result_free(r);
		if (error == PARLEY_ENOMEM)
			return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
		return error;
	}
	*out = r;
	return 0;
}

parley_exchange_status parley_exchange_result_status(const parley_exchange_result *r)
{
	return r ? r->status : PARLEY_EXCHANGE_FIXED_POINT;
}

size_t parley_exchange_result_rounds(const parley_exchange_result *r)
{
	return r ? r->rounds : 0;
}

size_t parley_exchange_result_issue_count(const parley_exchange_result *r)
{
	return r ? r->issue_count : 0;
}

double parley_exchange_result_outcome(const parley_exchange_result *r, size_t issue)
{
	return r && issue < r->issue_count ? r->outcome[issue] : NAN;
}

double parley_exchange_result_initial(const parley_exchange_result *r, size_t issue)
{
	return r && issue < r->issue_count ? r->initial[issue] : NAN;
}

double parley_exchange_result_position(const parley_exchange_result *r, size_t issue, size_t actor)
{
	if (!r || issue >= r->issue_count || actor >= r->actor_count)
		return NAN;
	return r->position[issue * r->actor_count + actor];
}

size_t parley_exchange_result_count(const parley_exchange_result *r)
{
	return r ? r->record_count : 0;
}

const parley_exchange_record *parley_exchange_result_record(const parley_exchange_result *r, size_t i)
{
	return r && i < r->record_count ? &r->records[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* The model of the table (model_internal.h)                           */
/* ------------------------------------------------------------------ */

/* What an issue's result keeps: the procedure, and which issue it is. */
typedef struct {
	const parley_exchange__summary *sum;
	size_t issue;
} issue_view;

/* The model on the whole scenario: per-issue outcomes into res[i * stride],
 * the exchanges into the arena (*extra, a parley_exchange__summary). */
static int run_all(parley_model_result *res, size_t stride, const parley_scenario *s,
	const parley_forecast_options *o, parley_arena *arena, const void **extra)
{
	parley_exchange_result *xr = NULL;
	parley_exchange__summary *sum;
	issue_view *views;
	size_t i, k, n;
	int error;

	*extra = NULL;
	if ((error = parley_exchange_run(&xr, s, &o->exchange)) < 0) {
		const char *why;
		if (error == PARLEY_ENOMEM)
			return error;
		/* too large a problem, say: the model's error on every issue, not the run's */
		why = parley_arena__strndup(arena, parley_error_last()->message,
			strlen(parley_error_last()->message));
		if (!why)
			return PARLEY_ENOMEM;
		for (i = 0; i < s->issue_count; i++) {
			parley_model_result *r = &res[i * stride];
			parley_model_id id = r->model;
			memset(r, 0, sizeof(*r));
			r->model = id;
			r->error = error;
			r->message = why;
		}
		return 0;
	}
	for (i = 0; i < s->issue_count; i++) {
		parley_model_result *r = &res[i * stride];
		parley_model_id id = r->model;
		double y = parley_exchange_result_outcome(xr, i);
		const char *zone;
		memset(r, 0, sizeof(*r));
		r->model = id;
		if (!isfinite(y)) {
			r->error = PARLEY_EZEROWEIGHT;
			r->message = parley_models__msg_zero_weight;
		} else {
			r->forecast = y;
			if ((zone = parley_models__zone(&s->issues[i], y)) != NULL &&
			    !(r->zone = parley_arena__strndup(arena, zone, strlen(zone)))) {
				parley_exchange_result_free(xr);
				return PARLEY_ENOMEM;
			}
		}
	}
	n = parley_exchange_result_count(xr);
	if (!(sum = parley_arena__alloc(arena, sizeof(*sum))) ||
	    (n && !(sum->records = parley_arena__alloc(arena, n * sizeof(*sum->records))))) {
		parley_exchange_result_free(xr);
		return PARLEY_ENOMEM;
	}
	if (!n)
		sum->records = NULL;
	sum->status = parley_exchange_result_status(xr);
	sum->rounds = parley_exchange_result_rounds(xr);
	for (k = 0; k < n; k++)
		sum->records[k] = *parley_exchange_result_record(xr, k);
	sum->count = n;
	parley_exchange_result_free(xr);
	/* each issue's result sees the exchanges (its JSON) */
	if (!(views = parley_arena__alloc(arena, (s->issue_count + 1) * sizeof(*views))))
		return PARLEY_ENOMEM;
	for (i = 0; i < s->issue_count; i++) {
		views[i].sum = sum;
		views[i].issue = i;
		if (!res[i * stride].error)
			res[i * stride].extra = &views[i];
	}
	*extra = sum;
	return 0;
}

static const char *exchange_status_name(parley_exchange_status st)
{
	return st == PARLEY_EXCHANGE_FIXED_POINT ? "fixed_point" :
		st == PARLEY_EXCHANGE_MAX_ROUNDS ? "max_rounds" : "running";
}

/* The JSON of one issue's result: the procedure's status and rounds, and
 * the exchanges that touch the issue. */
static int json(parley_buf *b, const parley_scenario *s, const parley_model_result *r)
{
	const issue_view *v = r->extra;
	const parley_exchange__summary *sum;
	size_t k, n, first = 1, issue;
	int error;

	if (!v)
		return 0;
	sum = v->sum;
	issue = v->issue;
	n = sum->count;
	PARLEY_TRY(parley_buf__printf(b, ", \"status\": \"%s\", \"rounds\": %zu,\n         \"exchanges\": [",
		exchange_status_name(sum->status), sum->rounds));
	for (k = 0; k < n; k++) {
		const parley_exchange_record *x = &sum->records[k];
		if (x->p != issue && x->q != issue)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s\n           {\"round\": %zu, \"supplier\": ", first ? "" : ",", x->round));
		first = 0;
		PARLEY_TRY(parley_buf__json_str(b, s->actors[x->supplier].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"moves_on\": "));
		PARLEY_TRY(parley_buf__json_str(b, s->issues[x->p].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"from\": "));
		PARLEY_TRY(parley_buf__json_num(b, x->supplier_from));
		PARLEY_TRY(parley_buf__puts(b, ", \"to\": "));
		PARLEY_TRY(parley_buf__json_num(b, x->supplier_to));
		PARLEY_TRY(parley_buf__puts(b, ", \"demander\": "));
		PARLEY_TRY(parley_buf__json_str(b, s->actors[x->demander].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"in_return_on\": "));
		PARLEY_TRY(parley_buf__json_str(b, s->issues[x->q].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"demander_from\": "));
		PARLEY_TRY(parley_buf__json_num(b, x->demander_from));
		PARLEY_TRY(parley_buf__puts(b, ", \"demander_to\": "));
		PARLEY_TRY(parley_buf__json_num(b, x->demander_to));
		PARLEY_TRY(parley_buf__puts(b, ", \"gain\": "));
		PARLEY_TRY(parley_buf__json_num(b, x->gain));
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	error = parley_buf__puts(b, first ? "]" : "\n         ]");
done:
	return error;
}

/* The Monte Carlo runner's workspace: the model's, and the draw's stances
 * on the common scale (none with fewer than two actors or issues: then the
 * compromise, as parley_exchange_run). */
typedef struct {
	parley_exchange_workspace *xws;
	double *xx, *xs, *xc;
	unsigned char *xpresent;
} mc_ws;

static void mc_free(void *p)
{
	mc_ws *w = p;
	if (!w)
		return;
	parley_exchange_workspace_free(w->xws);
	parley__free(w->xx);
	parley__free(w->xs);
	parley__free(w->xc);
	parley__free(w->xpresent);
	parley__free(w);
}

static int mc_alloc(void **out, const parley_scenario *s)
{
	mc_ws *w = parley__calloc(1, sizeof(*w));
	int error;

	*out = w;
	if (!w)
		return PARLEY_ENOMEM;
	if (s->actor_count >= 2 && s->issue_count >= 2) {
		size_t nm = s->actor_count * s->issue_count;
		if ((error = parley_exchange_workspace_alloc(&w->xws, s->actor_count, s->issue_count)) < 0)
			return error;
		w->xx = parley__malloc(nm * sizeof(double));
		w->xs = parley__malloc(nm * sizeof(double));
		w->xc = parley__malloc(nm * sizeof(double));
		w->xpresent = parley__malloc(nm);
		if (!w->xx || !w->xs || !w->xc || !w->xpresent)
			return PARLEY_ENOMEM;
	}
	return 0;
}

/* One draw on the draw's copy of the scenario: per-issue outcomes into out
 * (as parley_exchange_run: rounds until a fixed point or the limit). */
static int mc_draw(void *p, double *out, const parley_scenario *s, const parley_forecast_options *o,
	parley_model_ws *ws)
{
	mc_ws *w = p;
	size_t n = s->actor_count, m = s->issue_count, q, k;
	int st, error;

	if (!w->xws) {
		for (q = 0; q < m; q++) {
			size_t g = parley_models__ws_gather(ws, s, q, NULL);
			if (parley_weighted_mean(&out[q], ws->x, ws->w, g) < 0)
				out[q] = NAN;
		}
		return 0;
	}
	for (q = 0; q < m; q++)
		for (k = 0; k < n; k++) {
			const parley_stance *stn = &s->stances[q * n + k];
			size_t at = q * n + k;
			w->xpresent[at] = (unsigned char)stn->present;
			/* on the common 0-100 scale (exchange_internal.h) */
			w->xx[at] = stn->present ? parley_exchange__to_common(stn->position.value,
				s->issues[q].lo, s->issues[q].hi) : 0;
			w->xs[at] = stn->present ? stn->salience.value / 100.0 : 0;
			w->xc[at] = stn->present ? stn->capability.value : 0;
		}
	if ((error = parley_exchange_set(w->xws, w->xx, w->xs, w->xc, w->xpresent, &o->exchange)) < 0)
		return error;
	do {
		if ((st = parley_exchange_iterate(w->xws, NULL, 0, NULL)) < 0)
			return st;
	} while (st == PARLEY_EXCHANGE_CONTINUE);
	for (q = 0; q < m; q++)
		out[q] = parley_exchange__from_common(parley_exchange_outcomes(w->xws)[q],
			s->issues[q].lo, s->issues[q].hi);
	return 0;
}

static const struct parley_model_ops ops = {
	.run_all = run_all, .json = json, .mc_alloc = mc_alloc, .mc_free = mc_free, .mc_draw = mc_draw,
};

const parley_model_type parley_model_exchange = {
	.name = "exchange",
	.title = "Exchange model",
	.summary = "pairs of actors trade support across issues when both gain (Stokman and Van Oosten 1994)",
	.needs = PARLEY_MODEL_NEEDS_ALL_ISSUES,
	.by_default = 1,
	.ops = &ops,
};
