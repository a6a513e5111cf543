/*
 * packages.c - package deals across linked issues (parley/packages.h,
 * docs/packages.md): the packages a venue's rule passes against the status
 * quo of every linked issue at once, within the members' red lines and
 * ratified by the bodies of the actors at the table; a representative
 * package (the Nash product of the passing coalition's gains, by grid
 * refinement); each actor's gain; and the linkage effect against the same
 * analysis issue by issue.
 *
 * The multi-issue win-set generalises Tsebelis (2002) and models.md
 * section 5 from one dimension (where the loss exponent does not matter) to
 * k <= 4 with salience-weighted separable losses; ratification is Putnam's
 * (1988) second level, with the body's members weighing issues equally.
 *
 * Structure: one `problem` per (package, venue) holds the members' and
 * bodies' data and the scratch every evaluation uses; it is sized once per
 * call from the scenario (the most actors and body members), so the search
 * loops allocate nothing. Results live in an arena freed with the result.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scenario_internal.h"
#include "parley/packages.h"

#define KMAX PARLEY_PACKAGE_MAX_ISSUES

/* ------------------------------------------------------------------ */
/* Utility                                                             */
/* ------------------------------------------------------------------ */

static double loss_term(double d, double width, int e)
{
	double r = fabs(d) / width;
	return e == 1 ? r : r * r;
}

int parley_package_utility(double *out, const double *y, const double *x, const double *s,
	const double *lo, const double *hi, size_t k, int loss)
{
	static const char fn[] = "parley_package_utility";
	double u = 0.0;
	size_t p;

	PARLEY_ASSERT_ARG(out != NULL);
	PARLEY_ASSERT_ARG(y != NULL && x != NULL && s != NULL && lo != NULL && hi != NULL);
	if (k == 0 || (loss != 1 && loss != 2))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: needs k >= 1 issues and a loss of 1 or 2 (got %zu, %d)", fn, k, loss);
	for (p = 0; p < k; p++) {
		if (!isfinite(y[p]) || !isfinite(x[p]) || !isfinite(s[p]) || s[p] < 0 ||
		    !isfinite(lo[p]) || !isfinite(hi[p]) || !(lo[p] < hi[p]) || !isfinite(hi[p] - lo[p]))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"%s: issue %zu needs finite y, x, s >= 0 and a scale lo < hi", fn, p);
		u -= s[p] * loss_term(y[p] - x[p], hi[p] - lo[p], loss);
	}
	*out = u;
	return 0;
}

/* ------------------------------------------------------------------ */
/* One package in one venue                                            */
/* ------------------------------------------------------------------ */

typedef struct {
	double g, w, pop;
	size_t who;
} entry;

typedef struct {
	const parley_scenario *s;
	const parley_package_options *o;
	size_t k;
	size_t iss[KMAX];
	double q[KMAX], lo[KMAX], hi[KMAX], width[KMAX];
	/* the venue */
	parley_rule rule;
	int unreachable;          /* the members present cannot meet the rule */
	double wtot, ptot;        /* weight and population of the members present */
	const parley_venue *ve;   /* NULL for the implicit table */
	size_t nm;                /* members with a stance on a linked issue */
	size_t *mem;              /* their actor indices */
	double *mw, *mpop;        /* their weights and populations */
	double *mx, *ms;          /* KMAX per member: position, salience (0 when no stance) */
	unsigned char *mpres;     /* KMAX per member */
	/* ratification bodies of members that judge a linked issue */
	size_t nb;
	size_t *bidx, *bstart, *bcount;
	double *bthr, *bjw;       /* threshold, weight of the members judging */
	double *bx, *bw;          /* KMAX ideals (NaN: not judged) and the weight of each expanded member */
	entry *ent;               /* scratch for sorting */
	int use_bodies;
} problem;

typedef struct {
	int feasible;       /* margin > 0 */
	double margin;      /* the smallest pivotal gain (venue and bodies) */
	double nash;        /* sum of log gains of the venue's coalition (when feasible) */
	long pivot;         /* the venue's pivotal member (actor index), or -1 */
	long fail_body;     /* first body (scenario index) whose pivot does not gain, or -1 */
	double score;       /* margin per unit of distance from q (search only) */
} eval;

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *z = b;
	if (x->g != z->g)
		return x->g > z->g ? -1 : 1;
	return (x->who > z->who) - (x->who < z->who);
}

/* Walk a coalition in order of decreasing gain until `rule` is met; the
 * index of the pivotal entry, or -1 when the whole list does not suffice. */
static long coalition(const problem *P, const entry *e, size_t n)
{
	double sw = 0.0, sp = 0.0;
	size_t t;

	if (P->unreachable)
		return -1;
	switch (P->rule) {
	case PARLEY_RULE_UNANIMITY:
	case PARLEY_RULE_BILATERAL:
		return n ? (long)n - 1 : -1;
	case PARLEY_RULE_SIMPLE_MAJORITY:
		for (t = 0; t < n; t++) {
			sw += e[t].w;
			if (sw > 0.5 * P->wtot)
				return (long)t;
		}
		return -1;
	case PARLEY_RULE_QUALIFIED_MAJORITY:
		for (t = 0; t < n; t++) {
			sw += e[t].w;
			sp += e[t].pop;
			if (sw >= P->ve->quota &&
			    (!P->ve->population || (P->ptot > 0 && sp / P->ptot >= P->ve->population_quota)) &&
			    (P->ve->min_members == 0 || t + 1 >= P->ve->min_members))
				return (long)t;
		}
		return -1;
	}
	return -1;
}

static void evaluate(problem *P, const double *y, eval *ev)
{
	size_t m, p, n = 0, b, t;
	long piv;
	int e = P->o->loss;

	ev->feasible = 0;
	ev->margin = -HUGE_VAL;
	ev->nash = NAN;
	ev->pivot = -1;
	ev->fail_body = -1;
	ev->score = -HUGE_VAL;
	/* the venue: members some of whose issues y moves */
	for (m = 0; m < P->nm; m++) {
		double g = 0.0;
		int active = 0;
		for (p = 0; p < P->k; p++) {
			const double x = P->mx[m * KMAX + p];
			if (!P->mpres[m * KMAX + p])
				continue;
			if (y[p] != P->q[p])
				active = 1;
			g += P->ms[m * KMAX + p] * (loss_term(P->q[p] - x, P->width[p], e) -
				loss_term(y[p] - x, P->width[p], e));
		}
		if (!active)
			continue;
		P->ent[n].g = g;
		P->ent[n].w = P->mw[m];
		P->ent[n].pop = P->mpop[m];
		P->ent[n].who = P->mem[m];
		n++;
	}
	qsort(P->ent, n, sizeof(entry), cmp_entry);
	if (n == 0) {
		ev->margin = 0.0; /* nothing moves: no change to pass */
	} else if ((piv = coalition(P, P->ent, n)) >= 0) {
		ev->margin = P->ent[piv].g;
		ev->pivot = (long)P->ent[piv].who;
		if (ev->margin > 0) {
			ev->nash = 0.0;
			for (t = 0; t <= (size_t)piv; t++)
				ev->nash += log(P->ent[t].g);
		}
	} else {
		/* the gainers cannot pass it: the least-gaining member present blocks */
		ev->pivot = (long)P->ent[n - 1].who;
	}
	if (!P->use_bodies) {
		ev->feasible = ev->margin > 0;
		return;
	}
	/* the bodies: members (weighing issues equally) until the threshold */
	for (b = 0; b < P->nb; b++) {
		double sw = 0.0, pivot_g = -HUGE_VAL;
		size_t nb = 0, j;
		for (j = P->bstart[b]; j < P->bstart[b] + P->bcount[b]; j++) {
			double g = 0.0;
			int active = 0;
			for (p = 0; p < P->k; p++) {
				const double x = P->bx[j * KMAX + p];
				if (isnan(x))
					continue;
				if (y[p] != P->q[p])
					active = 1;
				g += loss_term(P->q[p] - x, P->width[p], e) - loss_term(y[p] - x, P->width[p], e);
			}
			if (!active)
				continue;
			P->ent[nb].g = g;
			P->ent[nb].w = P->bw[j];
			P->ent[nb].pop = 0;
			P->ent[nb].who = j;
			nb++;
		}
		qsort(P->ent, nb, sizeof(entry), cmp_entry);
		for (j = 0; j < nb; j++) {
			sw += P->ent[j].w;
			if (sw >= P->bthr[b]) {
				pivot_g = P->ent[j].g;
				break;
			}
		}
		if (pivot_g < ev->margin)
			ev->margin = pivot_g;
		if (!(pivot_g > 0) && ev->fail_body < 0)
			ev->fail_body = (long)P->bidx[b];
	}
	ev->feasible = ev->margin > 0;
}

/* Whether a is a better point than b: feasible first, then the larger
 * Nash product; infeasible points by their margin per unit of distance from
 * the status quo, so that near q the search compares directions. */
static int better(const eval *a, const eval *b)
{
	if (a->feasible != b->feasible)
		return a->feasible;
	if (a->feasible)
		return a->nash > b->nash;
	return a->score > b->score;
}

/* Evaluate y and score it against the search dimensions. */
static void evaluate_scored(problem *P, const double *y, const size_t *dims, size_t nd, eval *ev)
{
	double r = 0.0;
	size_t d;

	evaluate(P, y, ev);
	for (d = 0; d < nd; d++) {
		double v = fabs(y[dims[d]] - P->q[dims[d]]) / P->width[dims[d]];
		if (v > r)
			r = v;
	}
	ev->score = r > 0 && ev->margin > -HUGE_VAL ? ev->margin / r : -HUGE_VAL;
}

/* Grid refinement inside `box`, starting from the sub-box [lo0, hi0]; the
 * best point so far (*have) is kept unless a strictly better one is found. */
static void refine(problem *P, const parley_interval *box, const double *lo0, const double *hi0,
	const size_t *dims, size_t nd, double *best, eval *bev, int *have)
{
	double clo[KMAX], chi[KMAX], coord[KMAX][40], y[KMAX], step[KMAX];
	size_t ncoord[KMAX], idx[KMAX], p, d, G = nd <= 1 ? 33 : nd == 2 ? 9 : 5, level;

	for (p = 0; p < P->k; p++) {
		clo[p] = lo0[p];
		chi[p] = hi0[p];
		y[p] = box[p].lo; /* the fixed dimensions: lo == hi */
	}
	for (level = 0; level < P->o->max_levels; level++) {
		int fine = 1;
		/* coordinates: G points over the current box, and the status quo inside it */
		for (d = 0; d < nd; d++) {
			size_t i, n = 0;
			p = dims[d];
			step[p] = (chi[p] - clo[p]) / (double)(G - 1);
			for (i = 0; i < G; i++)
				coord[d][n++] = i + 1 == G ? chi[p] : clo[p] + step[p] * (double)i;
			if (P->q[p] > clo[p] && P->q[p] < chi[p]) {
				/* insert in order (the grid is ascending) */
				for (i = n; i > 0 && coord[d][i - 1] > P->q[p]; i--)
					coord[d][i] = coord[d][i - 1];
				coord[d][i] = P->q[p];
				n++;
			}
			ncoord[d] = n;
			idx[d] = 0;
			if (step[p] > P->o->tol * P->width[p])
				fine = 0;
		}
		/* every point of the grid, the last dimension fastest */
		for (;;) {
			eval ev;
			for (d = 0; d < nd; d++)
				y[dims[d]] = coord[d][idx[d]];
			evaluate_scored(P, y, dims, nd, &ev);
			if (!*have || better(&ev, bev)) {
				*bev = ev;
				memcpy(best, y, P->k * sizeof(double));
				*have = 1;
			}
			for (d = nd; d-- > 0;) {
				if (++idx[d] < ncoord[d])
					break;
				idx[d] = 0;
			}
			if (d == (size_t)-1)
				break;
		}
		if (fine)
			break;
		for (d = 0; d < nd; d++) {
			p = dims[d];
			clo[p] = best[p] - step[p] < box[p].lo ? box[p].lo : best[p] - step[p];
			chi[p] = best[p] + step[p] > box[p].hi ? box[p].hi : best[p] + step[p];
		}
	}
}

/* Scales of the boxes searched around the status quo: the whole box, then
 * boxes 2^-6, 2^-12, 2^-18 as large around q, until a feasible point is
 * found (a feasible set may be a thin cone from q). */
static const double scales[] = { 1.0, 1.0 / 64, 1.0 / 4096, 1.0 / 262144 };

/* The best point of `box` (closed intervals; a point when lo == hi); with
 * `seed` non-NULL, a point that the result is at least as good as. */
static void search(problem *P, const parley_interval *box, const double *seed, double *best,
	eval *bev)
{
	double lo0[KMAX], hi0[KMAX], c;
	size_t dims[KMAX] = { 0 }, nd = 0, p, sc;
	int have = 0;

	for (p = 0; p < P->k; p++) {
		best[p] = box[p].lo;
		if (box[p].hi > box[p].lo)
			dims[nd++] = p;
	}
	if (seed) {
		memcpy(best, seed, P->k * sizeof(double));
		evaluate_scored(P, best, dims, nd, bev);
		have = 1;
	}
	if (nd == 0) {
		if (!have)
			evaluate_scored(P, best, dims, nd, bev);
		return;
	}
	for (sc = 0; sc < sizeof(scales) / sizeof(scales[0]); sc++) {
		for (p = 0; p < P->k; p++) {
			c = P->q[p] < box[p].lo ? box[p].lo : P->q[p] > box[p].hi ? box[p].hi : P->q[p];
			lo0[p] = c + (box[p].lo - c) * scales[sc];
			hi0[p] = c + (box[p].hi - c) * scales[sc];
		}
		refine(P, box, lo0, hi0, dims, nd, best, bev, &have);
		if (bev->feasible)
			break;
	}
	/* found near q: climb the Nash product over the whole box from there */
	if (bev->feasible && sc > 0) {
		for (p = 0; p < P->k; p++) {
			lo0[p] = box[p].lo;
			hi0[p] = box[p].hi;
		}
		refine(P, box, lo0, hi0, dims, nd, best, bev, &have);
	}
}

/* ------------------------------------------------------------------ */
/* Setting up a problem                                                */
/* ------------------------------------------------------------------ */

typedef struct {
	size_t *mem;
	double *mw, *mpop, *mx, *ms;
	unsigned char *mpres;
	size_t *bidx, *bstart, *bcount;
	double *bthr, *bjw, *bx, *bw;
	entry *ent;
	double *tmp;    /* bloc ideals on one issue */
	size_t max_tmp;
} scratch;

static void scratch_dispose(scratch *sc)
{
	parley__free(sc->mem);
	parley__free(sc->mw);
	parley__free(sc->mpop);
	parley__free(sc->mx);
	parley__free(sc->ms);
	parley__free(sc->mpres);
	parley__free(sc->bidx);
	parley__free(sc->bstart);
	parley__free(sc->bcount);
	parley__free(sc->bthr);
	parley__free(sc->bjw);
	parley__free(sc->bx);
	parley__free(sc->bw);
	parley__free(sc->ent);
	parley__free(sc->tmp);
}

/* Sized for every actor and every expanded body member of the scenario. */
static int scratch_init(scratch *sc, const parley_scenario *s)
{
	size_t na = s->actor_count + 1, nb = s->ratification_count + 1, tot = 1, b, j, big = 1;

	memset(sc, 0, sizeof(*sc));
	for (b = 0; b < s->ratification_count; b++) {
		const parley_ratification *rb = &s->ratifications[b];
		tot += rb->member_count;
		for (j = 0; j < rb->bloc_count; j++) {
			tot += rb->blocs[j].size;
			if (rb->blocs[j].size > big)
				big = rb->blocs[j].size;
		}
	}
	sc->max_tmp = big;
	sc->mem = parley__malloc(na * sizeof(size_t));
	sc->mw = parley__malloc(na * sizeof(double));
	sc->mpop = parley__malloc(na * sizeof(double));
	sc->mx = parley__malloc(na * KMAX * sizeof(double));
	sc->ms = parley__malloc(na * KMAX * sizeof(double));
	sc->mpres = parley__malloc(na * KMAX);
	sc->bidx = parley__malloc(nb * sizeof(size_t));
	sc->bstart = parley__malloc(nb * sizeof(size_t));
	sc->bcount = parley__malloc(nb * sizeof(size_t));
	sc->bthr = parley__malloc(nb * sizeof(double));
	sc->bjw = parley__malloc(nb * sizeof(double));
	sc->bx = parley__malloc(tot * KMAX * sizeof(double));
	sc->bw = parley__malloc(tot * sizeof(double));
	sc->ent = parley__malloc((tot > na ? tot : na) * sizeof(entry));
	sc->tmp = parley__malloc(big * sizeof(double));
	if (!sc->mem || !sc->mw || !sc->mpop || !sc->mx || !sc->ms || !sc->mpres || !sc->bidx ||
	    !sc->bstart || !sc->bcount || !sc->bthr || !sc->bjw || !sc->bx || !sc->bw || !sc->ent ||
	    !sc->tmp) {
		scratch_dispose(sc);
		return PARLEY_ENOMEM;
	}
	return 0;
}

static int venue_has(const parley_venue *ve, size_t issue)
{
	size_t j;
	for (j = 0; j < ve->issue_count; j++)
		if (ve->issues[j] == issue)
			return 1;
	return 0;
}

/* Fill P for the package's issues in venue ve (NULL: the implicit table). */
static int setup(problem *P, scratch *sc, const parley_scenario *s, const parley_package_options *o,
	const size_t *issues, size_t k, const parley_venue *ve)
{
	size_t na = s->actor_count, j, p, a, b, nmembers;
	int error;

	memset(P, 0, sizeof(*P));
	P->s = s;
	P->o = o;
	P->k = k;
	P->ve = ve;
	P->rule = ve ? ve->rule : PARLEY_RULE_UNANIMITY;
	for (p = 0; p < k; p++) {
		const parley_issue *is = &s->issues[issues[p]];
		P->iss[p] = issues[p];
		P->q[p] = is->status_quo.value;
		P->lo[p] = is->lo;
		P->hi[p] = is->hi;
		P->width[p] = is->hi - is->lo;
	}
	P->mem = sc->mem;
	P->mw = sc->mw;
	P->mpop = sc->mpop;
	P->mx = sc->mx;
	P->ms = sc->ms;
	P->mpres = sc->mpres;
	P->ent = sc->ent;
	nmembers = ve ? ve->member_count : na;
	for (j = 0; j < nmembers; j++) {
		int any = 0;
		a = ve ? ve->members[j] : j;
		for (p = 0; p < k; p++) {
			const parley_stance *st = &s->stances[issues[p] * na + a];
			P->mpres[P->nm * KMAX + p] = (unsigned char)(st->present != 0);
			P->mx[P->nm * KMAX + p] = st->present ? st->position.value : 0.0;
			P->ms[P->nm * KMAX + p] = st->present ? st->salience.value / 100.0 : 0.0;
			any |= st->present != 0;
		}
		if (!any)
			continue;
		P->mem[P->nm] = a;
		P->mw[P->nm] = ve && ve->weights ? ve->weights[j] : 1.0;
		P->mpop[P->nm] = ve && ve->population ? ve->population[j] : 0.0;
		P->wtot += P->mw[P->nm];
		P->ptot += P->mpop[P->nm];
		P->nm++;
	}
	/* thresholds the members present cannot reach pass nothing (as feasibility.c) */
	if (P->nm == 0 ||
	    (P->rule == PARLEY_RULE_BILATERAL && P->nm != nmembers) ||
	    (P->rule == PARLEY_RULE_SIMPLE_MAJORITY && !(P->wtot > 0)) ||
	    (P->rule == PARLEY_RULE_QUALIFIED_MAJORITY &&
	     (ve->quota > P->wtot || (ve->population && !(P->ptot > 0)) || ve->min_members > P->nm)))
		P->unreachable = 1;

	/* bodies of the members at the table that judge a linked issue */
	P->bidx = sc->bidx;
	P->bstart = sc->bstart;
	P->bcount = sc->bcount;
	P->bthr = sc->bthr;
	P->bjw = sc->bjw;
	P->bx = sc->bx;
	P->bw = sc->bw;
	if (o->ratification) {
		size_t at = 0;
		for (b = 0; b < s->ratification_count; b++) {
			const parley_ratification *rb = &s->ratifications[b];
			size_t start = at, m;
			double jw = 0.0;
			for (m = 0; m < P->nm && P->mem[m] != rb->actor; m++)
				;
			if (m == P->nm)
				continue; /* its actor is not at this table */
			for (j = 0; j < rb->member_count; j++) {
				int any = 0;
				for (p = 0; p < k; p++) {
					double v = rb->members[j].ideal[issues[p]];
					P->bx[at * KMAX + p] = v;
					any |= !isnan(v);
				}
				if (!any)
					continue;
				P->bw[at] = rb->members[j].weight;
				jw += rb->members[j].weight;
				at++;
			}
			for (j = 0; j < rb->bloc_count; j++) {
				const parley_bloc *bl = &rb->blocs[j];
				size_t i;
				int any = 0;
				for (p = 0; p < k; p++)
					any |= !isnan(bl->ideal[issues[p]]);
				if (!any)
					continue;
				/* member i of the bloc sits at the i-th quantile on every issue */
				for (p = 0; p < k; p++) {
					size_t is = issues[p];
					if (isnan(bl->ideal[is])) {
						for (i = 0; i < bl->size; i++)
							P->bx[(at + i) * KMAX + p] = NAN;
						continue;
					}
					if ((error = parley_bloc_ideals(sc->tmp, bl->size, bl->ideal[is], bl->spread[is],
							s->issues[is].lo, s->issues[is].hi)) < 0)
						return error;
					for (i = 0; i < bl->size; i++)
						P->bx[(at + i) * KMAX + p] = sc->tmp[i];
				}
				for (i = 0; i < bl->size; i++)
					P->bw[at + i] = 1.0;
				jw += (double)bl->size;
				at += bl->size;
			}
			if (at == start)
				continue; /* judges none of the linked issues */
			P->bidx[P->nb] = b;
			P->bstart[P->nb] = start;
			P->bcount[P->nb] = at - start;
			P->bthr[P->nb] = rb->threshold;
			P->bjw[P->nb] = jw;
			P->nb++;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* One package in one venue: the verdict                               */
/* ------------------------------------------------------------------ */

struct parley_package_result {
	parley_arena arena;
	parley_package_analysis *items;
	size_t count;
};

static const char *actor_name(const parley_scenario *s, size_t a)
{
	return s->actors[a].name ? s->actors[a].name : s->actors[a].id;
}

static const char *body_name(const parley_scenario *s, size_t b)
{
	return s->ratifications[b].name ? s->ratifications[b].name : s->ratifications[b].id;
}

/* Votes of body b's members who prefer y to the status quo. */
static double body_support(const problem *P, size_t b, const double *y)
{
	double sw = 0.0;
	size_t j, p;

	for (j = P->bstart[b]; j < P->bstart[b] + P->bcount[b]; j++) {
		double g = 0.0;
		int active = 0;
		for (p = 0; p < P->k; p++) {
			const double x = P->bx[j * KMAX + p];
			if (isnan(x))
				continue;
			if (y[p] != P->q[p])
				active = 1;
			g += loss_term(P->q[p] - x, P->width[p], P->o->loss) -
				loss_term(y[p] - x, P->width[p], P->o->loss);
		}
		if (active && g > 0)
			sw += P->bw[j];
	}
	return sw;
}

/* "a", "a and b", "a, b and c" of the issues flagged in `which`, into buf. */
static int issue_list(parley_buf *buf, const parley_scenario *s, const problem *P, const int *which)
{
	size_t p, n = 0, total = 0;
	int error = 0;

	for (p = 0; p < P->k; p++)
		total += which[p] != 0;
	for (p = 0; p < P->k && !error; p++) {
		if (!which[p])
			continue;
		n++;
		error = parley_buf__printf(buf, "%s%s", n == 1 ? "" : n == total ? " and " : ", ",
			s->issues[P->iss[p]].id);
	}
	return error;
}

static int analyse_venue(parley_package_result *res, problem *P, const parley_scenario *s,
	long vi, parley_package_venue *pv)
{
	const parley_package_options *o = P->o;
	parley_arena *ar = &res->arena;
	parley_interval *box, one[KMAX];
	size_t k = P->k, na = s->actor_count, p, m, a, b;
	double yv[KMAX], yr[KMAX], *pkg = NULL, *gains, *dist, best_d = -1.0;
	int *alone, *moved, opens[KMAX], closes[KMAX], any_open = 0, any_close = 0;
	long empty_issue = -1;
	eval ev_v, ev_r, ev;
	parley_package_body *bodies;
	const char *vname = P->ve ? (P->ve->name ? P->ve->name : P->ve->id) : "the whole table";
	parley_buf txt = PARLEY_BUF_INIT;
	int error = 0;

	memset(pv, 0, sizeof(*pv));
	pv->venue = vi;
	pv->nash = NAN;
	pv->mover = pv->blocker = pv->blocking_body = -1;
	box = parley_arena__alloc(ar, KMAX * sizeof(*box));
	alone = parley_arena__alloc(ar, KMAX * sizeof(int));
	moved = parley_arena__alloc(ar, KMAX * sizeof(int));
	gains = parley_arena__alloc(ar, (na + 1) * sizeof(double));
	dist = parley_arena__alloc(ar, (na + 1) * sizeof(double));
	pv->members = parley_arena__alloc(ar, (P->nm + 1) * sizeof(size_t));
	bodies = parley_arena__alloc(ar, (P->nb + 1) * sizeof(*bodies));
	if (!box || !alone || !moved || !gains || !dist || !pv->members || !bodies)
		return PARLEY_ENOMEM;
	memcpy((size_t *)pv->members, P->mem, P->nm * sizeof(size_t));
	pv->member_count = P->nm;
	pv->box = box;
	pv->alone = alone;
	pv->moved = moved;
	pv->gains = gains;
	pv->distance = dist;
	pv->bodies = bodies;

	/* where each issue may go: the scale inside the members' red lines */
	for (p = 0; p < k; p++) {
		box[p].empty = 0;
		box[p].lo = P->lo[p];
		box[p].hi = P->hi[p];
		box[p].lo_open = box[p].hi_open = 0;
		for (m = 0; o->red_lines && m < P->nm; m++) {
			const parley_stance *st = &s->stances[P->iss[p] * na + P->mem[m]];
			if (!st->present || !st->has_red_line)
				continue;
			if (st->red_lo.value > box[p].lo) box[p].lo = st->red_lo.value;
			if (st->red_hi.value < box[p].hi) box[p].hi = st->red_hi.value;
		}
		if (box[p].lo > box[p].hi) {
			memset(&box[p], 0, sizeof(box[p]));
			box[p].empty = 1;
			if (empty_issue < 0)
				empty_issue = (long)p;
		}
		alone[p] = moved[p] = opens[p] = closes[p] = 0;
	}

	/* issue by issue: the others stay at the status quo */
	P->use_bodies = o->ratification && P->nb > 0;
	for (p = 0; p < k; p++) {
		size_t j;
		if (box[p].empty)
			continue;
		for (j = 0; j < k; j++) {
			one[j] = box[p];
			if (j != p) {
				one[j].lo = one[j].hi = P->q[j];
				one[j].empty = one[j].lo_open = one[j].hi_open = 0;
			}
		}
		search(P, one, NULL, yr, &ev);
		alone[p] = ev.feasible;
	}

	if (empty_issue < 0) {
		P->use_bodies = 0;
		search(P, box, NULL, yv, &ev_v);
		pv->feasible_venue = ev_v.feasible;
		if (o->ratification && P->nb > 0) {
			P->use_bodies = 1;
			search(P, box, yv, yr, &ev_r);
			pv->feasible = ev_r.feasible;
		} else {
			memcpy(yr, yv, sizeof(yr));
			ev_r = ev_v;
			pv->feasible = pv->feasible_venue;
		}
		if (!pv->feasible_venue)
			pv->blocker = ev_v.pivot;
		if (pv->feasible_venue && !pv->feasible) {
			P->use_bodies = 1;
			evaluate(P, yv, &ev);
			pv->blocking_body = ev.fail_body;
		}
		if (pv->feasible || pv->feasible_venue) {
			pkg = parley_arena__alloc(ar, KMAX * sizeof(double));
			if (!pkg)
				return PARLEY_ENOMEM;
			memcpy(pkg, pv->feasible ? yr : yv, k * sizeof(double));
			pv->nash = pv->feasible ? ev_r.nash : ev_v.nash;
		}
	}
	pv->package = pkg;

	/* gains and distances at the package, for every actor on a linked issue */
	for (a = 0; a < na; a++) {
		double g = 0.0, d = 0.0;
		int any = 0;
		for (p = 0; p < k; p++) {
			const parley_stance *st = &s->stances[P->iss[p] * na + a];
			if (!st->present || !pkg)
				continue;
			any = 1;
			g += st->salience.value / 100.0 * (loss_term(P->q[p] - st->position.value, P->width[p], o->loss) -
				loss_term(pkg[p] - st->position.value, P->width[p], o->loss));
			d += 100.0 * fabs(pkg[p] - st->position.value) / P->width[p];
		}
		gains[a] = any ? g : NAN;
		dist[a] = any ? d : NAN;
	}
	for (m = 0; pkg && m < P->nm; m++)
		if (dist[P->mem[m]] > best_d) {
			best_d = dist[P->mem[m]];
			pv->mover = (long)P->mem[m];
		}
	pv->body_count = P->nb;
	for (b = 0; b < P->nb; b++) {
		bodies[b].body = P->bidx[b];
		bodies[b].threshold = P->bthr[b];
		bodies[b].support = pkg ? body_support(P, b, pkg) : 0.0;
		bodies[b].ratified = pkg && bodies[b].support >= bodies[b].threshold;
	}

	/* the linkage effect */
	for (p = 0; p < k; p++) {
		moved[p] = pkg && fabs(pkg[p] - P->q[p]) > o->move_tol * P->width[p];
		opens[p] = pv->feasible && !alone[p] && moved[p];
		closes[p] = !pv->feasible && alone[p];
		any_open |= opens[p];
		any_close |= closes[p];
	}
	pv->linkage = any_open ? PARLEY_LINKAGE_OPENS : any_close ? PARLEY_LINKAGE_CLOSES : PARLEY_LINKAGE_NONE;
	if (any_open) {
		size_t n = 0;
		for (p = 0; p < k; p++)
			n += opens[p] != 0;
		error = parley_buf__puts(&txt, "linkage opens an agreement on ");
		error = error ? error : issue_list(&txt, s, P, opens);
		error = error ? error : parley_buf__printf(&txt, ", which %s none issue by issue",
			n == 1 ? "has" : "have");
	} else if (any_close) {
		error = parley_buf__puts(&txt, "linkage closes the agreement that ");
		error = error ? error : issue_list(&txt, s, P, closes);
		error = error ? error : parley_buf__puts(&txt, pv->feasible_venue ?
			" could have issue by issue: the packages the table would accept would not be ratified" :
			" could have issue by issue: no package of these issues passes");
	} else if (pv->feasible) {
		error = parley_buf__puts(&txt, "no linkage effect: every issue the package moves could be "
			"agreed issue by issue");
	} else {
		error = parley_buf__puts(&txt, pv->feasible_venue ?
			"no linkage effect: no agreement issue by issue or as a ratified package" :
			"no linkage effect: no agreement issue by issue or as a package");
	}
	if (error || !(pv->linkage_effect = parley_arena__strndup(ar, txt.ptr, txt.size))) {
		parley_buf_dispose(&txt);
		return PARLEY_ENOMEM;
	}
	parley_buf_dispose(&txt);

	/* the verdict in one sentence */
	if (empty_issue >= 0)
		pv->reason = parley_arena__printf(ar, "in %s the members' red lines leave nothing on %s", vname,
			s->issues[P->iss[empty_issue]].id);
	else if (P->unreachable)
		pv->reason = parley_arena__printf(ar, "in %s the members with a stance on these issues cannot meet "
			"the rule", vname);
	else if (!pv->feasible_venue)
		pv->reason = P->rule == PARLEY_RULE_UNANIMITY || P->rule == PARLEY_RULE_BILATERAL ?
			(pv->blocker >= 0 ?
			 parley_arena__printf(ar, "in %s no package beats the status quo for every member: "
				"even at the closest attempt %s would lose", vname, actor_name(s, (size_t)pv->blocker)) :
			 parley_arena__printf(ar, "in %s no package beats the status quo for every member", vname)) :
			parley_arena__printf(ar, "in %s no package gathers the support the rule requires", vname);
	else if (!pv->feasible) {
		/* the votes the refusing body gives the table's package */
		for (b = 0; b < P->nb && (long)P->bidx[b] != pv->blocking_body; b++)
			;
		pv->reason = b < P->nb ?
			parley_arena__printf(ar, "in %s the members would agree on a package, but %s would not ratify it "
				"(%g of the %g votes needed)", vname, body_name(s, P->bidx[b]),
				body_support(P, b, yv), P->bthr[b]) :
			parley_arena__printf(ar, "in %s the members would agree on a package, but the ratification bodies "
				"would not ratify any", vname);
	} else
		pv->reason = parley_arena__printf(ar, "in %s a package beats the status quo for %s%s", vname,
			P->rule == PARLEY_RULE_UNANIMITY || P->rule == PARLEY_RULE_BILATERAL ?
			"every member" : "a coalition that meets the rule",
			P->nb ? ", and the ratification bodies would ratify it" : "");
	return pv->reason ? 0 : PARLEY_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* The driver                                                          */
/* ------------------------------------------------------------------ */

void parley_package_result_free(parley_package_result *r)
{
	if (!r)
		return;
	parley_arena__dispose(&r->arena);
	parley__free(r->items);
	parley__free(r);
}

size_t parley_package_result_count(const parley_package_result *r)
{
	return r ? r->count : 0;
}

const parley_package_analysis *parley_package_result_at(const parley_package_result *r, size_t i)
{
	return r && i < r->count ? &r->items[i] : NULL;
}

static int venue_has_all(const parley_venue *ve, const size_t *issues, size_t k)
{
	size_t p;
	for (p = 0; p < k; p++)
		if (!venue_has(ve, issues[p]))
			return 0;
	return 1;
}

/* Analyse one package (issues, k) in the venues given (vlist, nv; a
 * single -1: the implicit table) into item. */
static int analyse_package(parley_package_result *res, scratch *sc, const parley_scenario *s,
	const parley_package_options *o, const char *id, const char *name, const size_t *issues,
	size_t k, const long *vlist, size_t nv, parley_package_analysis *item)
{
	parley_package_venue *views;
	size_t v, *iss;
	problem P;
	int error;

	memset(item, 0, sizeof(*item));
	item->best = -1;
	if ((id && !(item->id = parley_arena__strndup(&res->arena, id, strlen(id)))) ||
	    (name && !(item->name = parley_arena__strndup(&res->arena, name, strlen(name)))))
		return PARLEY_ENOMEM;
	iss = parley_arena__alloc(&res->arena, (k + 1) * sizeof(size_t));
	views = parley_arena__alloc(&res->arena, (nv + 1) * sizeof(*views));
	if (!iss || !views)
		return PARLEY_ENOMEM;
	memcpy(iss, issues, k * sizeof(size_t));
	item->issues = iss;
	item->issue_count = k;
	item->venues = views;
	item->venue_count = nv;
	for (v = 0; v < nv; v++) {
		const parley_venue *ve = vlist[v] >= 0 ? &s->venues[vlist[v]] : NULL;
		if ((error = setup(&P, sc, s, o, issues, k, ve)) < 0 ||
		    (error = analyse_venue(res, &P, s, vlist[v], &views[v])) < 0)
			return error;
	}
	for (v = 0; v < nv && item->best < 0; v++)
		if (views[v].feasible)
			item->best = (long)v;
	for (v = 0; v < nv && item->best < 0; v++)
		if (views[v].feasible_venue)
			item->best = (long)v;
	if (item->best < 0 && nv)
		item->best = 0;
	return 0;
}

/* The venues whose table has all the issues, into vlist; the implicit
 * table when the scenario has no venues. Returns the count. */
static size_t venues_for(const parley_scenario *s, const size_t *issues, size_t k, long *vlist)
{
	size_t v, n = 0;
	if (s->venue_count == 0) {
		vlist[0] = -1;
		return 1;
	}
	for (v = 0; v < s->venue_count; v++)
		if (venue_has_all(&s->venues[v], issues, k))
			vlist[n++] = (long)v;
	return n;
}

static int same_set(const size_t *a, size_t na, const size_t *b, size_t nb)
{
	size_t i, j;
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && b[j] != a[i]; j++)
			;
		if (j == nb)
			return 0;
	}
	return 1;
}

/* Next r-combination of [0, m) in lexicographic order; 0 when done. */
static int next_combination(size_t *c, size_t r, size_t m)
{
	size_t i = r;
	while (i-- > 0) {
		if (c[i] < m - r + i) {
			size_t j;
			c[i]++;
			for (j = i + 1; j < r; j++)
				c[j] = c[j - 1] + 1;
			return 1;
		}
	}
	return 0;
}

/* Whether combination c (r issues) is analysed: every issue has a status
 * quo, the scenario does not name it, and some table has all of it. */
static int combination_wanted(const parley_scenario *s, const size_t *c, size_t r, long *vlist,
	size_t *nv)
{
	size_t i;
	for (i = 0; i < r; i++)
		if (!s->issues[c[i]].status_quo.present)
			return 0;
	for (i = 0; i < s->package_count; i++)
		if (same_set(c, r, s->packages[i].issues, s->packages[i].issue_count))
			return 0;
	*nv = venues_for(s, c, r, vlist);
	return *nv > 0;
}

int parley_packages_analyse(parley_package_result **out, const parley_scenario *s,
	const parley_package_options *opts)
{
	static const char fn[] = "parley_packages_analyse";
	parley_package_options dflt = PARLEY_PACKAGE_OPTIONS_INIT;
	parley_package_result *res;
	scratch sc;
	long *vlist;
	size_t i, r, n = 0, cap, nv, c[KMAX], K;
	int error = 0;

	PARLEY_ASSERT_ARG(out != NULL);
	*out = NULL;
	PARLEY_ASSERT_ARG(s != NULL);
	if (!opts)
		opts = &dflt;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_PACKAGE_OPTIONS_VERSION);
	if ((opts->loss != 1 && opts->loss != 2) || opts->combinations == 1 ||
	    opts->combinations > KMAX || !isfinite(opts->tol) || !(opts->tol > 0) || !(opts->tol < 1) ||
	    opts->max_levels < 1 || !isfinite(opts->move_tol) || opts->move_tol < 0)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: bad options (loss 1 or 2, combinations 0 or 2 to %d, 0 < tol < 1, "
			"max_levels >= 1, move_tol >= 0)", fn, KMAX);
	K = opts->combinations;
	if (!(res = parley__calloc(1, sizeof(*res))))
		return PARLEY_ENOMEM;
	vlist = parley__malloc((s->venue_count + 1) * sizeof(long));
	if (!vlist || scratch_init(&sc, s) < 0) {
		parley__free(vlist);
		parley_package_result_free(res);
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	}
	/* how many items: the scenario's packages and the wanted combinations */
	cap = s->package_count;
	for (r = 2; r <= K && r <= s->issue_count; r++) {
		for (i = 0; i < r; i++)
			c[i] = i;
		do {
			if (combination_wanted(s, c, r, vlist, &nv))
				cap++;
		} while (next_combination(c, r, s->issue_count));
	}
	res->items = parley__calloc(cap + 1, sizeof(*res->items));
	if (!res->items) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	for (i = 0; i < s->package_count && !error; i++) {
		const parley_package_spec *pk = &s->packages[i];
		if (pk->venue >= 0) {
			vlist[0] = pk->venue;
			nv = 1;
		} else {
			nv = venues_for(s, pk->issues, pk->issue_count, vlist);
		}
		error = analyse_package(res, &sc, s, opts, pk->id, pk->name, pk->issues, pk->issue_count,
			vlist, nv, &res->items[n++]);
	}
	for (r = 2; r <= K && r <= s->issue_count && !error; r++) {
		for (i = 0; i < r; i++)
			c[i] = i;
		do {
			if (combination_wanted(s, c, r, vlist, &nv))
				error = analyse_package(res, &sc, s, opts, NULL, NULL, c, r, vlist, nv,
					&res->items[n++]);
		} while (!error && next_combination(c, r, s->issue_count));
	}
	res->count = n;

done:
	scratch_dispose(&sc);
	parley__free(vlist);
	if (error < 0) {
		parley_package_result_free(res);
		if (error == PARLEY_ENOMEM)
			return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
		return error;
	}
	*out = res;
	return 0;
}
