/*
 * mc.c - Monte Carlo forecasts (parley/mc.h).
 *
 * Variables. Every coded number of the scenario (status quo, actor
 * capability, per-issue capability override, position, salience, red-line
 * ends) with an uncertainty of its own or a scenario default is a variable,
 * numbered in scenario order. Draw d of variable v takes its first 32-bit
 * word from Philox4x32-10 (Salmon et al. 2011, Random123) with key = seed
 * and counter = (d, v / 4, 0), word v % 4; any further words it needs
 * (rejections, the ziggurat's rare branches, the three-point form) come
 * from counter (d, v, attempt >= 1): counter-based, so any thread or
 * process computes the same value for the same draw.
 *
 * Distributions (each truncated to the number's domain: a position or
 * status quo to the scale, a salience to [0, 100], a capability to >= 0):
 * normal (also cut at 8 sd) by the ziggurat method, drawn again while it
 * falls outside the support when the support holds at least a quarter of
 * the mass, else by the inverse CDF between the truncation points; uniform
 * and triangular (inverse CDF between the truncation points, so that a
 * scenario default such as uniform [-10, 10] around 95 on [0, 100] is
 * uniform on [85, 100], not a mass at 100), and the three-point
 * low/likely/high form as a PERT distribution: Beta(1 + 4 (m - a)/(b - a),
 * 1 + 4 (b - m)/(b - a)) on [a, b] (Malcolm et al. 1959), sampled with
 * Marsaglia and Tsang's (2000) gamma method.
 *
 * Accumulation. A forecast y on an issue's scale [lo, hi] becomes the
 * integer round((y - lo) / (hi - lo) * (2^32 - 1)); sums and sums of squares are
 * 128-bit integers, and a 1024-bin histogram with each bin's smallest and
 * largest value stands in for the draws. Integer sums, minima and maxima
 * are associative, so partial totals from threads or processes combine to
 * the same bits in any order. The sensitivity statistics (sums of each
 * input, its square and its product with the forecast, inputs in fixed
 * point over their support) are accumulated the same way.
 *
 * Threads. parley_mc_step() runs blocks of 64 draws on worker threads
 * (POSIX threads), each with its own copy of the scenario's numbers,
 * workspace and totals; the workers' totals are added to the run's after
 * they join. Part p of P (an MPI rank) takes the blocks b with b % P == p.
 */
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <Random123/philox.h>
#include "diag_internal.h"
#include "forecast_internal.h"
#include "mc_draw.h"
#include "parley/mc.h"

typedef unsigned __int128 u128;

#define BLOCK 64            /* draws per block (at most 64: see flush_pending) */
#define FINE_BINS 1024      /* histogram bins per issue and model */
#define FINE_SHIFT 22       /* 32-bit fixed point >> 22 = bin */
#define COARSE_BINS 20
#define FIX_ONE 4294967295.0 /* 2^32 - 1: the scale's ends map to 0 and UINT32_MAX */
#define MAGIC 0x70726c79u   /* serialised totals */
#define FORMAT_VERSION 1u

const int parley_mc_quantile_levels[5] = { 5, 25, 50, 75, 95 };

/* What a variable writes into the thread's copy of the scenario. */
typedef enum {
	SET_STATUS_QUO,     /* issues[a].status_quo */
	SET_ACTOR_CAP,      /* every stance of actor a without its own capability */
	SET_STANCE_CAP,     /* stances[i][a].capability */
	SET_POSITION,
	SET_SALIENCE,
	SET_RED_LO,
	SET_RED_HI
} setter;

typedef struct {
	setter set;
	size_t issue, actor;
	parley_dist_kind dist;
	double value, p0, p1;   /* point value and parameters (absolute, see draw_value) */
	double dlo, dhi;        /* domain */
	double slo, shi;        /* support: where draws fall (for fixed point) */
	double fa, fb;          /* normal, triangular: the CDF at slo and shi (draw_value) */
	int reject;             /* normal: sample by rejection from the ziggurat (fb - fa >= 1/4) */
	double fix_scale;       /* (2^24 - 1) / (shi - slo), or 0: to fixed point over the support */
} variable;

#define ZIG_LAYERS 256
typedef struct {
	double x[ZIG_LAYERS + 1];  /* right ends of the layers (x[0]: the base's width) */
	double f[ZIG_LAYERS + 1];  /* exp(-x^2 / 2) at them */
} parley_ziggurat;

/* One input of one issue's sensitivity analysis. */
typedef struct {
	size_t var;
	parley_input_kind kind;
	long actor;
} input;

/* Accumulator layout (offsets into the three arrays of a totals block). */
typedef struct {
	size_t draws, agree, ratified;   /* counts: draws of the issue, agreements, per body */
	size_t ok[PARLEY__MODEL_MAX];    /* counts: successful draws per model */
	size_t zones[PARLEY__MODEL_MAX]; /* counts: zone hits (zone_count each) */
	size_t bins[PARLEY__MODEL_MAX];  /* counts: FINE_BINS each */
	size_t sum[PARLEY__MODEL_MAX];   /* sums: sum, sum of squares, then 3 per input */
	size_t ext[PARLEY__MODEL_MAX];   /* extremes: FINE_BINS minima / maxima */
	size_t input_first, input_count; /* this issue's inputs */
} issue_layout;

typedef struct {
	uint64_t *counts;
	u128 *sums;
	uint32_t *mins, *maxs;
} totals;

typedef struct worker worker;

struct parley_mc {
	const parley_scenario *s;
	parley_forecast_options fopts;
	parley_mc_options opts;
	unsigned models;
	parley_ziggurat zig;
	variable *vars;
	size_t var_count;
	parley_mc_fast fast;      /* the variables for the first pass (mc_draw.h) */
	double *fast_store;
	int avx2;                 /* the first pass may use AVX2 */
	input *inputs;
	size_t input_count;
	double *derivative;      /* per issue, model, input: [input * MODELS + model] */
	double *point;           /* per issue and model, the point forecast (NaN: the model
	                            could not run): [issue * MODELS + model] */
	issue_layout *layout;
	size_t n_counts, n_sums, n_ext;
	totals tot;
	parley_body_view *bodies; /* issue_count x ratification_count */
	unsigned char *plain;     /* per issue: a status quo, no venues, red lines or bodies
	                             (parley_feasibility__plain) */
	double *body_store;
	uint64_t part_blocks, next_block; /* this part's blocks, and the next to run */
	uint64_t part_draws, done_draws; /* this part's draws, and those computed so far */
	uint64_t merged_draws;    /* draws added by parley_mc_merge() (other parts) */
	worker *workers;
	unsigned worker_count;
	pthread_mutex_t lock;
	uint64_t claim;           /* next block to hand out during a step */
	uint64_t claim_end;
	int failed;
};

struct worker {
	parley_mc *mc;
	parley_scenario copy;     /* shallow copy with its own issues and stances */
	parley_issue *issues;
	parley_stance *stances;
	parley_model_ws ws;
	parley_fz_scratch fz;
	unsigned char *mask;
	signed char *ratified;
	double *values;           /* per variable, this draw (fast.padded of them) */
	uint32_t *words;          /* per variable, its first word this draw */
	unsigned char *ok;        /* per variable, 1 where the first pass gave its value */
	double **target;          /* per variable, the number it sets in the copy (NULL: an
	                             actor's capability, set on every issue by apply_values) */
	parley_stance **red;      /* stances with an uncertain red-line end, one per such variable */
	size_t red_count;
	uint64_t *pending;        /* the block's sensitivity sums (layout of the totals' sums) */
	uint32_t *fixed_values;   /* per variable, this draw's value in fixed point over its
	                             support (sensitivity) */
	totals tot;
	void *mws[PARLEY__MODEL_MAX];   /* the workspace of each whole-scenario model selected */
	double *mout[PARLEY__MODEL_MAX];/* its outcomes for this draw, per issue */
	pthread_t thread;
	int error;
	parley_error last;        /* the error record of a failed draw, from the worker's thread */
};

/* ---- random numbers ---- */

/* Four 32-bit words for (draw, variable, attempt). */
static philox4x32_ctr_t rng(uint64_t seed, uint64_t draw, size_t var, uint32_t attempt)
{
	philox4x32_ctr_t c = {{ (uint32_t)draw, (uint32_t)(draw >> 32), (uint32_t)var, attempt }};
	philox4x32_key_t k = {{ (uint32_t)seed, (uint32_t)(seed >> 32) }};
	return philox4x32(c, k);
}

/* A uniform in (0, 1) from two words (53 bits). */
static double unit(uint32_t hi, uint32_t lo)
{
	uint64_t bits = (((uint64_t)hi << 32) | lo) >> 11;
	return ((double)bits + 0.5) * (1.0 / 9007199254740992.0);
}

/* A uniform in (0, 1) from one word (32 bits). */
static double unit32(uint32_t w)
{
	return ((double)w + 0.5) * (1.0 / 4294967296.0);
}

/* The further words of one variable in one draw, after its first (which
 * comes from the block it shares with three neighbours): counter
 * (draw, var, attempt >= 1), four words a block. */
typedef struct {
	uint64_t seed, draw;
	size_t var;
	uint32_t attempt;
	unsigned have;
	philox4x32_ctr_t r;
} stream;

static uint32_t stream_next(stream *st)
{
	if (!st->have) {
		st->r = rng(st->seed, st->draw, st->var, ++st->attempt);
		st->have = 4;
	}
	return st->r.v[--st->have];
}

/* ---- the standard normal by the ziggurat method ----
 *
 * Marsaglia and Tsang (2000), "The ziggurat method for generating random
 * variables", J. Statistical Software 5(8), with 256 layers of equal area
 * V under f(x) = exp(-x^2 / 2) (x >= 0): layer i >= 1 is the rectangle
 * [0, x[i]] x [f(x[i]), f(x[i+1])], layer 0 the base [0, R] x [0, f(R)]
 * with the tail beyond R, drawn as the rectangle [0, V / f(R)]. One 32-bit
 * word gives the layer (its low 8 bits), the sign (bit 8) and a uniform
 * (the top 23 bits: a resolution of 2^-23 of the layer's width, below
 * 5e-7 standard deviations), without sharing bits as the original does
 * (Doornik 2005). About 99% of draws end at the first comparison; the
 * rest take further words from the variable's stream. Exact in
 * distribution up to that resolution, unlike a table of the inverse CDF. */
#define ZIG_R 3.6541528853610088
#define ZIG_V 4.92867323399e-3

static void ziggurat_init(parley_ziggurat *z)
{
	size_t i;

	z->x[0] = ZIG_V / exp(-0.5 * ZIG_R * ZIG_R);
	z->x[1] = ZIG_R;
	for (i = 1; i < ZIG_LAYERS - 1; i++)
		z->x[i + 1] = sqrt(-2.0 * log(ZIG_V / z->x[i] + exp(-0.5 * z->x[i] * z->x[i])));
	z->x[ZIG_LAYERS] = 0;
	for (i = 0; i <= ZIG_LAYERS; i++)
		z->f[i] = exp(-0.5 * z->x[i] * z->x[i]);
}

static double ziggurat_normal(const parley_ziggurat *z, uint32_t w, stream *st)
{
	for (;;) {
		unsigned i = w & 0xff;
		double x;

		if (parley_mc__zig_first(z->x, w, &x))
			return x;
		if (i == 0) {
			/* the tail beyond R (Marsaglia 1964) */
			double a, b;
			do {
				a = -log(unit32(stream_next(st))) / ZIG_R;
				b = -log(unit32(stream_next(st)));
			} while (b + b < a * a);
			return (w & 0x100) ? -(ZIG_R + a) : ZIG_R + a;
		}
		if (z->f[i] + unit32(stream_next(st)) * (z->f[i + 1] - z->f[i]) < exp(-0.5 * x * x))
			return (w & 0x100) ? -x : x;
		w = stream_next(st);
	}
}

static double norm_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

/* Gamma(shape >= 1) by Marsaglia and Tsang (2000), attempts counted in the counter. */
static double gamma_draw(uint64_t seed, uint64_t draw, size_t var, uint32_t which, double shape)
{
	double d = shape - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
	uint32_t attempt;

	for (attempt = 0; attempt < 256; attempt++) {
		philox4x32_ctr_t r = rng(seed, draw, var, which + 2 * attempt + 1);
		double z = parley_normal_quantile(unit(r.v[0], r.v[1]));
		double u = unit(r.v[2], r.v[3]), v = 1.0 + c * z;
		if (v <= 0)
			continue;
		v = v * v * v;
		if (log(u) < 0.5 * z * z + d - d * v + d * log(v))
			return d * v;
	}
	return d; /* practically unreachable: acceptance is above 95% per attempt */
}

/* CDF of the triangular distribution on [a, b] with mode m. */
static double tri_cdf(double x, double a, double m, double b)
{
	if (x <= a)
		return 0;
	if (x >= b)
		return 1;
	if (x <= m)
		return (x - a) * (x - a) / ((b - a) * (m - a));
	return 1 - (b - x) * (b - x) / ((b - a) * (b - m));
}

static double clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Variable `id`'s value in draw `draw`, from the uniform u that one_draw()
 * takes for it (the three-point form draws further numbers of its own). */
static double draw_value(const parley_mc *mc, const variable *v, uint64_t draw, size_t id, uint32_t w)
{
	double u = unit32(w);

	if (v->dist == PARLEY_DIST_NONE)
		return v->value;
	switch (v->dist) {
	case PARLEY_DIST_NORMAL: {
		double p;
		if (v->reject) {
			/* most of the mass inside the support: the ziggurat, drawn
			 * again (up to 64 times) while it falls outside */
			stream st = { mc->opts.seed, draw, id, 0, 0, {{ 0, 0, 0, 0 }} };
			unsigned k;
			for (k = 0; k < 64; k++) {
				double x = v->value + v->p0 * ziggurat_normal(&mc->zig, w, &st);
				if (x >= v->slo && x <= v->shi)
					return x;
				w = stream_next(&st);
			}
		}
		/* inverse CDF between the truncation points */
		p = v->fa + unit32(w) * (v->fb - v->fa);
		if (!(p > 0)) p = 1e-300;
		if (!(p < 1)) p = 1 - 1e-16;
		return clampd(v->value + v->p0 * parley_normal_quantile(p), v->slo, v->shi);
	}
	case PARLEY_DIST_UNIFORM:
		/* uniform on [p0, p1] truncated to the domain: uniform on the support */
		return clampd(v->slo + u * (v->shi - v->slo), v->slo, v->shi);
	case PARLEY_DIST_TRIANGULAR: {
		/* inverse CDF between the CDF values of the truncation points */
		double a = v->p0, b = v->p1, m = v->value, f = (m - a) / (b - a);
		double x;
		u = v->fa + u * (v->fb - v->fa);
		x = u < f ? a + sqrt(u * (b - a) * (m - a)) : b - sqrt((1 - u) * (b - a) * (b - m));
		return clampd(x, v->slo, v->shi);
	}
	case PARLEY_DIST_THREE_POINT: {
		double a = v->p0, b = v->p1, m = v->value;
		double al = 1 + 4 * (m - a) / (b - a), be = 1 + 4 * (b - m) / (b - a);
		double g1, g2;
		if (!(b > a))
			return m;
		g1 = gamma_draw(mc->opts.seed, draw, id, 0, al);
		g2 = gamma_draw(mc->opts.seed, draw, id, 1, be);
		return clampd(a + (b - a) * g1 / (g1 + g2), v->slo, v->shi);
	}
	default:
		return v->value;
	}
}

/* ---- variables ---- */

/* The effective uncertainty of a coded number: its own, else the default. */
static void make_variable(variable *v, const parley_coded *c, const parley_default_uncertainty *d,
	double dlo, double dhi)
{
	v->value = c->value;
	v->dlo = dlo;
	v->dhi = dhi;
	v->dist = c->dist;
	v->p0 = c->p[0];
	v->p1 = c->p[1];
	if (c->dist == PARLEY_DIST_NONE && d->dist != PARLEY_DIST_NONE) {
		v->dist = d->dist;
		if (d->dist == PARLEY_DIST_NORMAL) {
			v->p0 = d->p[0];
		} else {
			v->p0 = c->value + d->p[0];
			v->p1 = c->value + d->p[1];
		}
	}
	switch (v->dist) {
	case PARLEY_DIST_NORMAL:
		v->slo = fmax(dlo, v->value - 8 * v->p0);
		v->shi = fmin(dhi, v->value + 8 * v->p0);
		break;
	case PARLEY_DIST_NONE:
		v->slo = v->shi = v->value;
		break;
	default:
		v->slo = fmax(dlo, v->p0);
		v->shi = fmin(dhi, v->p1);
		break;
	}
	if (v->slo > v->value) v->slo = v->value;
	if (v->shi < v->value) v->shi = v->value;
	if (v->dist != PARLEY_DIST_NONE && !(v->shi > v->slo))
		v->dist = PARLEY_DIST_NONE; /* a range with no room: the point value */
	v->fix_scale = v->shi > v->slo ? PARLEY_MC_INPUT_ONE / (v->shi - v->slo) : 0;
	/* the truncation points' CDF values are the same in every draw */
	if (v->dist == PARLEY_DIST_NORMAL) {
		v->fa = norm_cdf((v->slo - v->value) / v->p0);
		v->fb = norm_cdf((v->shi - v->value) / v->p0);
		v->reject = v->fb - v->fa >= 0.25;
	} else if (v->dist == PARLEY_DIST_TRIANGULAR) {
		v->fa = tri_cdf(v->slo, v->p0, v->value, v->p1);
		v->fb = tri_cdf(v->shi, v->p0, v->value, v->p1);
	}
}

static int add_variable(parley_mc *mc, size_t *alloc, const variable *v)
{
	if (mc->var_count == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 64;
		variable *p = parley__realloc(mc->vars, na * sizeof(*p));
		if (!p)
			return PARLEY_ENOMEM;
		mc->vars = p;
		*alloc = na;
	}
	mc->vars[mc->var_count++] = *v;
	return 0;
}

/* The default of target t on issue i in the numbers' units
 * (parley_scenario_uncertainty_for: the issue's own, or the scenario's
 * scaled to the issue's width, the largest capability or 100). */
static parley_default_uncertainty resolved(const parley_scenario *s, size_t i, parley_target t)
{
	parley_resolved_uncertainty r;
	parley_default_uncertainty d = { PARLEY_DIST_NONE, { 0, 0 } };

	if (parley_scenario_uncertainty_for(&r, s, i, t) == 0) {
		d.dist = r.dist;
		d.p[0] = r.p[0];
		d.p[1] = r.p[1];
	}
	return d;
}

/* Enumerate the scenario's uncertain numbers in a fixed order. */
static int build_variables(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	parley_default_uncertainty d[PARLEY_TARGET_COUNT];
	size_t alloc = 0, i, a, t;
	variable v;
	int error;

	/* capabilities and saliences: the same on every issue */
	d[PARLEY_TARGET_CAPABILITY] = resolved(s, 0, PARLEY_TARGET_CAPABILITY);
	d[PARLEY_TARGET_SALIENCE] = resolved(s, 0, PARLEY_TARGET_SALIENCE);
	for (i = 0; i < s->issue_count; i++) {
		const parley_issue *is = &s->issues[i];
		if (!is->status_quo.present)
			continue;
		memset(&v, 0, sizeof(v));
		d[PARLEY_TARGET_STATUS_QUO] = resolved(s, i, PARLEY_TARGET_STATUS_QUO);
		make_variable(&v, &is->status_quo, &d[PARLEY_TARGET_STATUS_QUO], is->lo, is->hi);
		v.set = SET_STATUS_QUO;
		v.issue = i;
		if (v.dist && (error = add_variable(mc, &alloc, &v)) < 0)
			return error;
	}
	for (a = 0; a < s->actor_count; a++) {
		memset(&v, 0, sizeof(v));
		make_variable(&v, &s->actors[a].capability, &d[PARLEY_TARGET_CAPABILITY], 0, HUGE_VAL);
		v.set = SET_ACTOR_CAP;
		v.actor = a;
		if (v.dist && (error = add_variable(mc, &alloc, &v)) < 0)
			return error;
	}
	for (i = 0; i < s->issue_count; i++) {
		const parley_issue *is = &s->issues[i];
		for (t = 0; t < PARLEY_TARGET_COUNT; t++)
			if (t != PARLEY_TARGET_CAPABILITY && t != PARLEY_TARGET_SALIENCE)
				d[t] = resolved(s, i, (parley_target)t);
		for (a = 0; a < s->actor_count; a++) {
			const parley_stance *st = &s->stances[i * s->actor_count + a];
			struct { setter set; const parley_coded *c; parley_target t; double lo, hi; int on; } it[5] = {
				{ SET_POSITION, &st->position, PARLEY_TARGET_POSITION, is->lo, is->hi, 1 },
				{ SET_SALIENCE, &st->salience, PARLEY_TARGET_SALIENCE, 0, 100, 1 },
				{ SET_STANCE_CAP, &st->capability, PARLEY_TARGET_CAPABILITY, 0, HUGE_VAL, st->capability_own },
				{ SET_RED_LO, &st->red_lo, PARLEY_TARGET_RED_LINE, is->lo, is->hi, st->has_red_line },
				{ SET_RED_HI, &st->red_hi, PARLEY_TARGET_RED_LINE, is->lo, is->hi, st->has_red_line },
			};
			size_t k;
			if (!st->present)
				continue;
			for (k = 0; k < 5; k++) {
				if (!it[k].on)
					continue;
				memset(&v, 0, sizeof(v));
				make_variable(&v, it[k].c, &d[it[k].t], it[k].lo, it[k].hi);
				v.set = it[k].set;
				v.issue = i;
				v.actor = a;
				if (v.dist && (error = add_variable(mc, &alloc, &v)) < 0)
					return error;
			}
		}
	}
	return 0;
}

/* The variables for the first pass (mc_draw.h), field by field, padded
 * with variables the fast path never applies to. */
static int build_fast(parley_mc *mc)
{
	parley_mc_fast *f = &mc->fast;
	size_t n, v;
	double *p;

	f->padded = (mc->var_count + PARLEY_MC_GROUP - 1) / PARLEY_MC_GROUP * PARLEY_MC_GROUP;
	if (!f->padded)
		f->padded = PARLEY_MC_GROUP;
	n = f->padded;
	if (!(p = mc->fast_store = parley__malloc(6 * n * sizeof(double))))
		return PARLEY_ENOMEM;
	f->value = p;
	f->p0 = p + n;
	f->lo = p + 2 * n;
	f->hi = p + 3 * n;
	f->slo = p + 4 * n;
	f->scale = p + 5 * n;
	f->zx = mc->zig.x;
	for (v = 0; v < n; v++) {
		const variable *va = v < mc->var_count ? &mc->vars[v] : NULL;
		int fast = va && va->dist == PARLEY_DIST_NORMAL && va->reject;
		f->value[v] = fast ? va->value : 0;
		f->p0[v] = fast ? va->p0 : 0;
		f->lo[v] = fast ? va->slo : HUGE_VAL;
		f->hi[v] = fast ? va->shi : -HUGE_VAL;
		f->slo[v] = va ? va->slo : 0;
		f->scale[v] = va ? va->fix_scale : 0;
	}
	mc->avx2 = parley_mc__have_avx2();
	return 0;
}

/* The inputs of each issue: its status quo, and the uncertain numbers of
 * the actors present (an actor's capability counts on every issue). */
static int build_inputs(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	size_t i, v, alloc = 0;

	mc->layout = parley__calloc(s->issue_count + 1, sizeof(*mc->layout));
	if (!mc->layout)
		return PARLEY_ENOMEM;
	for (i = 0; i < s->issue_count; i++) {
		mc->layout[i].input_first = mc->input_count;
		for (v = 0; v < mc->var_count; v++) {
			const variable *va = &mc->vars[v];
			input in;
			if (va->set == SET_ACTOR_CAP) {
				const parley_stance *st = &s->stances[i * s->actor_count + va->actor];
				if (!st->present || st->capability_own)
					continue;
			} else if (va->issue != i) {
				continue;
			}
			in.var = v;
			in.actor = va->set == SET_STATUS_QUO ? -1 : (long)va->actor;
			in.kind = va->set == SET_STATUS_QUO ? PARLEY_INPUT_STATUS_QUO :
				va->set == SET_POSITION ? PARLEY_INPUT_POSITION :
				va->set == SET_SALIENCE ? PARLEY_INPUT_SALIENCE :
				va->set == SET_RED_LO ? PARLEY_INPUT_RED_LO :
				va->set == SET_RED_HI ? PARLEY_INPUT_RED_HI : PARLEY_INPUT_CAPABILITY;
			if (mc->input_count == alloc) {
				size_t na = alloc ? alloc * 2 : 64;
				input *p = parley__realloc(mc->inputs, na * sizeof(*p));
				if (!p)
					return PARLEY_ENOMEM;
				mc->inputs = p;
				alloc = na;
			}
			mc->inputs[mc->input_count++] = in;
		}
		mc->layout[i].input_count = mc->input_count - mc->layout[i].input_first;
	}
	return 0;
}

static void build_layout(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	size_t i, m, nc = 0, ns = 0, ne = 0;

	for (i = 0; i < s->issue_count; i++) {
		issue_layout *l = &mc->layout[i];
		l->draws = nc++;
		l->agree = nc++;
		l->ratified = nc;
		nc += s->ratification_count;
		for (m = 0; m < parley_model_count(); m++) {
			l->ok[m] = nc++;
			l->zones[m] = nc;
			nc += s->issues[i].zone_count;
			l->bins[m] = nc;
			nc += FINE_BINS;
			l->sum[m] = ns;
			ns += 2 + 3 * l->input_count;
			l->ext[m] = ne;
			ne += FINE_BINS;
		}
	}
	mc->n_counts = nc;
	mc->n_sums = ns;
	mc->n_ext = ne;
}

static int totals_init(totals *t, const parley_mc *mc)
{
	t->counts = parley__calloc(mc->n_counts + 1, sizeof(uint64_t));
	t->sums = parley__calloc(mc->n_sums + 1, sizeof(u128));
	t->mins = parley__malloc((mc->n_ext + 1) * sizeof(uint32_t));
	t->maxs = parley__calloc(mc->n_ext + 1, sizeof(uint32_t));
	if (!t->counts || !t->sums || !t->mins || !t->maxs)
		return PARLEY_ENOMEM;
	memset(t->mins, 0xff, (mc->n_ext + 1) * sizeof(uint32_t));
	return 0;
}

static void totals_dispose(totals *t)
{
	parley__free(t->counts);
	parley__free(t->sums);
	parley__free(t->mins);
	parley__free(t->maxs);
	memset(t, 0, sizeof(*t));
}

static void totals_add(totals *dst, const totals *src, const parley_mc *mc)
{
	size_t k;
	for (k = 0; k < mc->n_counts; k++)
		dst->counts[k] += src->counts[k];
	for (k = 0; k < mc->n_sums; k++)
		dst->sums[k] += src->sums[k];
	for (k = 0; k < mc->n_ext; k++) {
		if (src->mins[k] < dst->mins[k]) dst->mins[k] = src->mins[k];
		if (src->maxs[k] > dst->maxs[k]) dst->maxs[k] = src->maxs[k];
	}
}

static void totals_reset(totals *t, const parley_mc *mc)
{
	memset(t->counts, 0, mc->n_counts * sizeof(uint64_t));
	memset(t->sums, 0, mc->n_sums * sizeof(u128));
	memset(t->mins, 0xff, mc->n_ext * sizeof(uint32_t));
	memset(t->maxs, 0, mc->n_ext * sizeof(uint32_t));
}

/* ---- a worker's copy of the scenario ---- */

static void worker_dispose(worker *w)
{
	size_t m;

	parley__free(w->issues);
	parley__free(w->stances);
	parley_models__ws_dispose(&w->ws);
	parley_fz_scratch__dispose(&w->fz);
	parley__free(w->mask);
	parley__free(w->ratified);
	parley__free(w->values);
	parley__free(w->words);
	parley__free(w->ok);
	parley__free(w->target);
	parley__free(w->red);
	parley__free(w->fixed_values);
	parley__free(w->pending);
	for (m = 0; m < parley_model_count(); m++) {
		if (w->mws[m])
			parley_model_type_at(m)->ops->mc_free(w->mws[m]);
		parley__free(w->mout[m]);
	}
	totals_dispose(&w->tot);
}

static int worker_init(worker *w, parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	size_t ns = s->issue_count * s->actor_count, v, m;
	int error;

	memset(w, 0, sizeof(*w));
	w->mc = mc;
	w->copy = *s;
	w->issues = parley__malloc((s->issue_count + 1) * sizeof(parley_issue));
	w->stances = parley__malloc((ns + 1) * sizeof(parley_stance));
	w->mask = parley__malloc(s->actor_count + 1);
	w->ratified = parley__malloc(s->ratification_count + 1);
	w->values = parley__malloc(mc->fast.padded * sizeof(double));
	w->words = parley__malloc(mc->fast.padded * sizeof(uint32_t));
	w->ok = parley__malloc(mc->fast.padded);
	w->target = parley__malloc((mc->var_count + 1) * sizeof(double *));
	w->red = parley__malloc((mc->var_count + 1) * sizeof(parley_stance *));
	w->fixed_values = parley__malloc(mc->fast.padded * sizeof(uint32_t));
	w->pending = parley__calloc(mc->n_sums + 1, sizeof(uint64_t));
	if (!w->issues || !w->stances || !w->mask || !w->ratified || !w->values || !w->words ||
	    !w->ok || !w->target ||
	    !w->red || !w->fixed_values || !w->pending)
		return PARLEY_ENOMEM;
	memcpy(w->issues, s->issues, s->issue_count * sizeof(parley_issue));
	memcpy(w->stances, s->stances, ns * sizeof(parley_stance));
	w->copy.issues = w->issues;
	w->copy.stances = w->stances;
	/* where each variable goes, so that a draw writes its numbers directly */
	for (v = 0; v < mc->var_count; v++) {
		const variable *va = &mc->vars[v];
		parley_stance *st = &w->stances[va->issue * s->actor_count + va->actor];
		switch (va->set) {
		case SET_STATUS_QUO: w->target[v] = &w->issues[va->issue].status_quo.value; break;
		case SET_ACTOR_CAP: w->target[v] = NULL; break;
		case SET_STANCE_CAP: w->target[v] = &st->capability.value; break;
		case SET_POSITION: w->target[v] = &st->position.value; break;
		case SET_SALIENCE: w->target[v] = &st->salience.value; break;
		case SET_RED_LO: w->target[v] = &st->red_lo.value; break;
		case SET_RED_HI: w->target[v] = &st->red_hi.value; break;
		}
		if (va->set == SET_RED_LO || va->set == SET_RED_HI)
			w->red[w->red_count++] = st;
	}
	for (m = 0; m < parley_model_count(); m++) {
		const parley_model_type *t = parley_model_type_at(m);
		if (!(mc->models & (1u << m)) || !t->ops->mc_draw)
			continue;
		if ((error = t->ops->mc_alloc(&w->mws[m], s)) < 0)
			return error;
		if (!(w->mout[m] = parley__malloc((s->issue_count + 1) * sizeof(double))))
			return PARLEY_ENOMEM;
	}
	if ((error = parley_models__ws_init(&w->ws, s->actor_count)) < 0 ||
	    (error = totals_init(&w->tot, mc)) < 0)
		return error;
	return 0;
}

/* Write value x of variable v into the worker's copy. */
static void apply_value(worker *w, size_t v, double x)
{
	const parley_scenario *s = w->mc->s;
	size_t i, na = s->actor_count;

	if (w->target[v]) {
		*w->target[v] = x;
		return;
	}
	/* an actor's capability: every stance without its own */
	for (i = 0; i < s->issue_count; i++) {
		parley_stance *t = &w->stances[i * na + w->mc->vars[v].actor];
		if (!t->capability_own)
			t->capability.value = x;
	}
}

/* Red-line ends drawn past each other meet at their midpoint. */
static void fix_red_lines(worker *w)
{
	size_t r;

	for (r = 0; r < w->red_count; r++) {
		parley_stance *st = w->red[r];
		if (st->red_lo.value > st->red_hi.value)
			st->red_lo.value = st->red_hi.value = 0.5 * (st->red_lo.value + st->red_hi.value);
	}
}

/* Write the values of one draw into the worker's copy. */
static void apply_values(worker *w)
{
	size_t v;

	for (v = 0; v < w->mc->var_count; v++)
		apply_value(w, v, w->values[v]);
	fix_red_lines(w);
}

static uint32_t fixed(double x, double lo, double hi)
{
	/* (y + 2^52) - 2^52 rounds y in [0, 2^32) to an integer in the current
	 * rounding mode, as nearbyint(y) does, without a call into libm (IEEE
	 * arithmetic: the compiler may not reassociate it; no -ffast-math) */
	const double big = 4503599627370496.0;
	double u = hi > lo ? (x - lo) / (hi - lo) : 0;
	u = u < 0 ? 0 : u > 1 ? 1 : u;
	return (uint32_t)((u * FIX_ONE + big) - big);
}

/* Run every selected model on issue i of the worker's copy. results[m].error
 * says which failed. */
static int run_issue(worker *w, size_t i, parley_model_result *results, size_t *gathered)
{
	const parley_mc *mc = w->mc;
	parley_model_call c;
	size_t m, nm = parley_model_count();

	c.s = &w->copy;
	c.issue = i;
	c.is = &w->issues[i];
	c.q = c.is->status_quo.present ? &c.is->status_quo.value : NULL;
	c.member = NULL;
	c.o = &mc->fopts;
	c.ws = &w->ws;
	c.arena = NULL;
	c.n = parley_models__ws_gather(&w->ws, &w->copy, i, NULL);
	*gathered = c.n;
	for (m = 0; m < nm; m++) {
		const parley_model_type *t = parley_model_type_at(m);
		int rc;
		results[m].error = PARLEY_ENOTFOUND;
		if (!(mc->models & (1u << m)))
			continue;
		if (w->mout[m]) {
			/* computed across issues once per draw (run_whole) */
			double y = w->mout[m][i];
			results[m].error = isfinite(y) ? 0 : PARLEY_EZEROWEIGHT;
			results[m].forecast = y;
			continue;
		}
		rc = parley_models__run_one(&results[m], t, &c);
		if (rc == PARLEY_ENOMEM)
			return rc;
	}
	return 0;
}

/* The whole-scenario models on the worker's copy for this draw: per-issue
 * outcomes into w->mout[m]. */
static int run_whole(worker *w)
{
	size_t m;
	int error;

	for (m = 0; m < parley_model_count(); m++)
		if (w->mout[m] && (error = parley_model_type_at(m)->ops->mc_draw(w->mws[m], w->mout[m],
			&w->copy, &w->mc->fopts, &w->ws)) < 0)
			return error;
	return 0;
}

static int one_draw(worker *w, uint64_t draw)
{
	const parley_mc *mc = w->mc;
	const parley_scenario *s = mc->s;
	size_t v, i, m, k, b, n;
	int error;

	/* the first word of every variable, and the values it gives alone
	 * (mc_draw.c); draw_value() the rest from the same word. The loop
	 * reads the run's constants through locals: its stores into the copy
	 * could alias them for the compiler. */
	{
		const variable *vars = mc->vars;
		double *values = w->values, **target = w->target;
		const uint32_t *words = w->words;
		const unsigned char *ok = w->ok;
		uint32_t *fixed_values = mc->opts.sensitivity ? w->fixed_values : NULL;
		const size_t nv = mc->var_count;

		parley_mc__draw_first(&mc->fast, mc->opts.seed, draw, w->words, values, fixed_values,
			w->ok, mc->avx2);
		for (v = 0; v < nv; v++) {
			double x = values[v];
			if (!ok[v]) {
				const variable *va = &vars[v];
				values[v] = x = draw_value(mc, va, draw, v, words[v]);
				if (fixed_values)
					fixed_values[v] = parley_mc__to_fixed(x, va->slo, va->fix_scale);
			}
			if (target[v])
				*target[v] = x;
			else
				apply_value(w, v, x);
		}
	}
	fix_red_lines(w);
	if ((error = run_whole(w)) < 0)
		return error;
	for (i = 0; i < s->issue_count; i++) {
		const issue_layout *l = &mc->layout[i];
		const parley_issue *is = &s->issues[i];
		parley_model_result res[PARLEY__MODEL_MAX];
		int possible;

		if ((error = run_issue(w, i, res, &n)) < 0)
			return error;
		w->tot.counts[l->draws]++;
		for (m = 0; m < parley_model_count(); m++) {
			uint32_t f;
			size_t bin;
			u128 *sm;
			if (res[m].error)
				continue;
			f = fixed(res[m].forecast, is->lo, is->hi);
			bin = f >> FINE_SHIFT;
			if (bin >= FINE_BINS)
				bin = FINE_BINS - 1;
			w->tot.counts[l->ok[m]]++;
			w->tot.counts[l->bins[m] + bin]++;
			if (f < w->tot.mins[l->ext[m] + bin]) w->tot.mins[l->ext[m] + bin] = f;
			if (f > w->tot.maxs[l->ext[m] + bin]) w->tot.maxs[l->ext[m] + bin] = f;
			for (k = 0; k < is->zone_count; k++)
				if (res[m].forecast >= is->zones[k].lo && res[m].forecast <= is->zones[k].hi)
					w->tot.counts[l->zones[m] + k]++;
			sm = &w->tot.sums[l->sum[m]];
			sm[0] += f;
			sm[1] += (u128)f * f;
			if (mc->opts.sensitivity) {
				/* 64-bit sums over the block (x < 2^24, f < 2^32: 64
				 * draws of x f stay below 2^62), added into the 128-bit
				 * totals when the block ends (flush_pending) */
				uint64_t *pm = &w->pending[l->sum[m]];
				const input *in = &mc->inputs[l->input_first];
				for (k = 0; k < l->input_count; k++) {
					uint64_t x = w->fixed_values[in[k].var];
					pm[2 + 3 * k] += x;
					pm[3 + 3 * k] += x * x;
					pm[4 + 3 * k] += x * f;
				}
			}
		}
		if (mc->plain[i]) {
			/* from the positions just gathered (every actor present) */
			possible = parley_feasibility__plain(&w->issues[i], w->issues[i].status_quo.value,
				w->ws.x, n);
		} else if ((error = parley_feasibility__quick(&w->copy, i,
				&mc->bodies[i * s->ratification_count], &w->fz, w->mask, &possible,
				w->ratified)) < 0) {
			return error;
		}
		w->tot.counts[l->agree] += (uint64_t)possible;
		for (b = 0; b < s->ratification_count; b++)
			w->tot.counts[l->ratified + b] += w->ratified[b] > 0;
	}
	return 0;
}

/* Add the block's 64-bit sensitivity sums into the worker's totals. A draw
 * adds below 2^24 * 2^32 = 2^56 to a sum of x f, so 64 draws fit. */
_Static_assert(BLOCK <= 64, "a block's 64-bit sensitivity sums could overflow");
static void flush_pending(worker *w)
{
	size_t k, n = w->mc->n_sums;

	for (k = 0; k < n; k++)
		if (w->pending[k]) {
			w->tot.sums[k] += w->pending[k];
			w->pending[k] = 0;
		}
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	parley_mc *mc = w->mc;

	for (;;) {
		uint64_t k, g, d, first, last;
		pthread_mutex_lock(&mc->lock);
		k = mc->claim < mc->claim_end && !mc->failed ? mc->claim++ : UINT64_MAX;
		pthread_mutex_unlock(&mc->lock);
		if (k == UINT64_MAX)
			break;
		/* this part's blocks are numbered 0..part_blocks-1; its block k
		 * is block part_index + k * part_count of the whole run */
		g = mc->opts.part_index + k * mc->opts.part_count;
		first = g * BLOCK;
		last = first + BLOCK < mc->opts.draws ? first + BLOCK : mc->opts.draws;
		for (d = first; d < last; d++)
			if ((w->error = one_draw(w, d)) < 0) {
				/* the record is per thread: keep it for the caller's */
				w->last = *parley_error_last();
				pthread_mutex_lock(&mc->lock);
				mc->failed = 1;
				pthread_mutex_unlock(&mc->lock);
				return NULL;
			}
		flush_pending(w);
	}
	return NULL;
}

/* The issues whose agreement check needs only the range of positions
 * (parley_feasibility__plain). */
static int build_plain(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	size_t i, k;

	if (!(mc->plain = parley__calloc(s->issue_count + 1, 1)))
		return PARLEY_ENOMEM;
	for (i = 0; i < s->issue_count; i++) {
		int plain = s->venue_count == 0 && s->ratification_count == 0 &&
			s->issues[i].status_quo.present;
		for (k = 0; k < s->actor_count && plain; k++) {
			const parley_stance *st = &s->stances[i * s->actor_count + k];
			plain = !(st->present && st->has_red_line);
		}
		mc->plain[i] = (unsigned char)plain;
	}
	return 0;
}

/* ---- the point forecasts, for parley_mc_summary.point_in_band ---- */

static int point_forecasts(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	worker w;
	size_t i, m, v, gathered;
	int error;

	mc->point = parley__malloc((s->issue_count * parley_model_count() + 1) * sizeof(double));
	if (!mc->point)
		return PARLEY_ENOMEM;
	if ((error = worker_init(&w, mc)) < 0)
		goto done;
	for (v = 0; v < mc->var_count; v++)
		w.values[v] = mc->vars[v].value;
	apply_values(&w);
	if ((error = run_whole(&w)) < 0)
		goto done;
	for (i = 0; i < s->issue_count; i++) {
		parley_model_result res[PARLEY__MODEL_MAX];
		if ((error = run_issue(&w, i, res, &gathered)) < 0)
			goto done;
		for (m = 0; m < parley_model_count(); m++)
			mc->point[i * parley_model_count() + m] = res[m].error ? NAN : res[m].forecast;
	}
done:
	worker_dispose(&w);
	return error;
}

/* ---- sensitivity: local derivatives at the point values ---- */

static int derivatives(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	worker w;
	size_t i, j, m, v, gathered;
	int error;

	mc->derivative = parley__calloc(mc->input_count * parley_model_count() + 1, sizeof(double));
	if (!mc->derivative)
		return PARLEY_ENOMEM;
	if ((error = worker_init(&w, mc)) < 0)
		goto done;
	for (v = 0; v < mc->var_count; v++)
		w.values[v] = mc->vars[v].value;
	for (i = 0; i < s->issue_count && !error; i++) {
		const issue_layout *l = &mc->layout[i];
		for (j = 0; j < l->input_count && !error; j++) {
			size_t in = l->input_first + j;
			const variable *va = &mc->vars[mc->inputs[in].var];
			double h = 1e-4 * (va->shi - va->slo), up, dn;
			parley_model_result rp[PARLEY__MODEL_MAX], rm[PARLEY__MODEL_MAX];
			if (!(h > 0))
				continue;
			up = fmin(va->value + h, va->dhi);
			dn = fmax(va->value - h, va->dlo);
			if (!(up > dn))
				continue;
			w.values[mc->inputs[in].var] = up;
			apply_values(&w);
			if ((error = run_whole(&w)) < 0 || (error = run_issue(&w, i, rp, &gathered)) < 0)
				break;
			w.values[mc->inputs[in].var] = dn;
			apply_values(&w);
			if ((error = run_whole(&w)) < 0 || (error = run_issue(&w, i, rm, &gathered)) < 0)
				break;
			w.values[mc->inputs[in].var] = va->value;
			for (m = 0; m < parley_model_count(); m++)
				if (!rp[m].error && !rm[m].error)
					mc->derivative[in * parley_model_count() + m] =
						(rp[m].forecast - rm[m].forecast) / (up - dn);
		}
		apply_values(&w);
	}
done:
	worker_dispose(&w);
	return error;
}

/* ---- ratification bodies, expanded once ---- */

static int build_bodies(parley_mc *mc)
{
	const parley_scenario *s = mc->s;
	size_t i, b, j, k, total = 0, at = 0;

	mc->bodies = parley__calloc(s->issue_count * s->ratification_count + 1, sizeof(*mc->bodies));
	if (!mc->bodies)
		return PARLEY_ENOMEM;
	for (b = 0; b < s->ratification_count; b++) {
		const parley_ratification *rb = &s->ratifications[b];
		size_t size = rb->member_count;
		for (j = 0; j < rb->bloc_count; j++)
			size += rb->blocs[j].size;
		total += size * s->issue_count;
	}
	mc->body_store = parley__malloc((2 * total + 1) * sizeof(double));
	if (!mc->body_store)
		return PARLEY_ENOMEM;
	for (i = 0; i < s->issue_count; i++)
		for (b = 0; b < s->ratification_count; b++) {
			const parley_ratification *rb = &s->ratifications[b];
			const parley_issue *is = &s->issues[i];
			parley_body_view *bv = &mc->bodies[i * s->ratification_count + b];
			double *x = mc->body_store + at, *w;
			size_t n = 0;
			for (j = 0; j < rb->member_count; j++)
				if (!isnan(rb->members[j].ideal[i]))
					x[n++] = rb->members[j].ideal[i];
			for (j = 0; j < rb->bloc_count; j++) {
				const parley_bloc *bl = &rb->blocs[j];
				if (isnan(bl->ideal[i]))
					continue;
				if (parley_bloc_ideals(x + n, bl->size, bl->ideal[i], bl->spread[i], is->lo, is->hi) < 0)
					return parley_error_last()->code;
				n += bl->size;
			}
			w = x + n;
			n = 0;
			for (j = 0; j < rb->member_count; j++)
				if (!isnan(rb->members[j].ideal[i]))
					w[n++] = rb->members[j].weight;
			for (j = 0; j < rb->bloc_count; j++)
				if (!isnan(rb->blocs[j].ideal[i]))
					for (k = 0; k < rb->blocs[j].size; k++)
						w[n++] = 1.0;
			bv->x = x;
			bv->w = w;
			bv->n = n;
			bv->threshold = rb->threshold;
			at += 2 * n;
		}
	return 0;
}

/* ---- public API ---- */

int parley_mc_create(parley_mc **out, const parley_scenario *s,
	const parley_forecast_options *fopts, const parley_mc_options *opts)
{
	parley_forecast_options fdef = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc_options mdef = PARLEY_MC_OPTIONS_INIT;
	parley_mc *mc;
	uint64_t blocks;
	int error;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(s);
	if (!fopts)
		fopts = &fdef;
	if (!opts)
		opts = &mdef;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_MC_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(fopts->version == PARLEY_FORECAST_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(opts->draws >= 1 && opts->draws <= (UINT64_C(1) << 31));
	PARLEY_ASSERT_ARG(opts->part_count >= 1 && opts->part_index < opts->part_count);
	PARLEY_ASSERT_ARG(opts->threads <= 1024);

	mc = parley__calloc(1, sizeof(*mc));
	if (!mc)
		return PARLEY_ENOMEM;
	if (pthread_mutex_init(&mc->lock, NULL) != 0) {
		parley__free(mc);
		return parley__error(PARLEY_ERROR, PARLEY_ERROR_OS, "cannot create a mutex");
	}
	mc->s = s;
	mc->fopts = *fopts;
	mc->opts = *opts;
	mc->models = fopts->models ? fopts->models : parley_model_default_selection();
	mc->fopts.models = mc->models;
	ziggurat_init(&mc->zig);
	if (!mc->opts.threads) {
		long nc = sysconf(_SC_NPROCESSORS_ONLN);
		mc->opts.threads = nc > 0 && nc <= 1024 ? (unsigned)nc : 1;
	}
	blocks = (opts->draws + BLOCK - 1) / BLOCK;
	mc->part_blocks = blocks > opts->part_index ?
		(blocks - opts->part_index + opts->part_count - 1) / opts->part_count : 0;
	{
		uint64_t k;
		/* draws of this part: all its blocks are full except possibly the global last */
		mc->part_draws = mc->part_blocks * BLOCK;
		k = mc->part_blocks ? mc->opts.part_index + (mc->part_blocks - 1) * mc->opts.part_count : 0;
		if (mc->part_blocks && k == blocks - 1)
			mc->part_draws -= blocks * BLOCK - opts->draws;
	}
	if ((error = build_variables(mc)) < 0 || (error = build_fast(mc)) < 0 ||
	    (error = build_inputs(mc)) < 0)
		goto fail;
	build_layout(mc);
	if ((error = totals_init(&mc->tot, mc)) < 0 || (error = build_bodies(mc)) < 0 ||
	    (error = build_plain(mc)) < 0)
		goto fail;
	if ((error = point_forecasts(mc)) < 0 ||
	    (mc->opts.sensitivity && (error = derivatives(mc)) < 0))
		goto fail;
	*out = mc;
	return 0;
fail:
	parley_mc_free(mc);
	return error == PARLEY_ENOMEM ? parley__error(error, PARLEY_ERROR_NOMEMORY, "out of memory") : error;
}

void parley_mc_free(parley_mc *mc)
{
	unsigned t;
	if (!mc)
		return;
	for (t = 0; t < mc->worker_count; t++)
		worker_dispose(&mc->workers[t]);
	parley__free(mc->workers);
	parley__free(mc->vars);
	parley__free(mc->fast_store);
	parley__free(mc->inputs);
	parley__free(mc->derivative);
	parley__free(mc->point);
	parley__free(mc->layout);
	parley__free(mc->bodies);
	parley__free(mc->plain);
	parley__free(mc->body_store);
	totals_dispose(&mc->tot);
	pthread_mutex_destroy(&mc->lock);
	parley__free(mc);
}

int parley_mc_step(parley_mc *mc, uint64_t max_draws)
{
	uint64_t nblocks;
	unsigned t, started = 0, want;
	int error = 0;

	PARLEY_ASSERT_ARG(mc);
	if (mc->next_block >= mc->part_blocks)
		return 0;
	nblocks = max_draws / BLOCK;
	if (nblocks < 1)
		nblocks = 1;
	if (nblocks > mc->part_blocks - mc->next_block)
		nblocks = mc->part_blocks - mc->next_block;
	want = mc->opts.threads;
	if (want > nblocks)
		want = (unsigned)nblocks;
	if (!mc->workers) {
		mc->workers = parley__calloc(mc->opts.threads, sizeof(worker));
		if (!mc->workers)
			return PARLEY_ENOMEM;
	}
	for (t = mc->worker_count; t < want; t++) {
		if ((error = worker_init(&mc->workers[t], mc)) < 0) {
			worker_dispose(&mc->workers[t]);
			return error;
		}
		mc->worker_count = t + 1;
	}
	mc->claim = mc->next_block;
	mc->claim_end = mc->next_block + nblocks;
	mc->failed = 0;
	for (t = 0; t < mc->worker_count; t++) {
		mc->workers[t].error = 0;
		mc->workers[t].last.code = 0;
	}
	for (t = 0; t < want; t++) {
		if (want == 1)
			break;
		if (pthread_create(&mc->workers[t].thread, NULL, worker_main, &mc->workers[t]) != 0)
			break;
		started++;
	}
	if (want == 1)
		worker_main(&mc->workers[0]);
	else if (started == 0)
		worker_main(&mc->workers[0]); /* no thread could start: run here */
	for (t = 0; t < started; t++)
		pthread_join(mc->workers[t].thread, NULL);
	for (t = 0; t < mc->worker_count; t++) {
		worker *w = &mc->workers[t];
		if (w->error < 0 && !error) {
			error = w->error;
			if (w->last.code == error)
				parley__error(error, w->last.klass, "%s", w->last.message);
			else
				parley__error(error, error == PARLEY_ENOMEM ? PARLEY_ERROR_NOMEMORY :
					PARLEY_ERROR_MODEL, "a Monte Carlo draw failed");
		}
		totals_add(&mc->tot, &w->tot, mc);
		totals_reset(&w->tot, mc);
	}
	if (error)
		return error;
	{
		uint64_t k, drawn = 0;
		for (k = mc->next_block; k < mc->next_block + nblocks; k++) {
			uint64_t g = mc->opts.part_index + k * mc->opts.part_count;
			uint64_t first = g * BLOCK;
			drawn += (first + BLOCK < mc->opts.draws ? first + BLOCK : mc->opts.draws) - first;
		}
		mc->done_draws += drawn;
	}
	mc->next_block += nblocks;
	return 0;
}

uint64_t parley_mc_remaining(const parley_mc *mc)
{
	return mc ? mc->part_draws - mc->done_draws : 0;
}

uint64_t parley_mc_part_draws(const parley_mc *mc)
{
	return mc ? mc->part_draws : 0;
}

const parley_mc_options *parley_mc_options_used(const parley_mc *mc)
{
	return mc ? &mc->opts : NULL;
}

/* ---- serialisation ---- */

static uint64_t fnv_u64(uint64_t h, uint64_t x)
{
	size_t k;
	for (k = 0; k < 8; k++) {
		h ^= (x >> (8 * k)) & 0xff;
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t fnv_double(uint64_t h, double x)
{
	uint64_t bits;
	memcpy(&bits, &x, sizeof(bits));
	return fnv_u64(h, bits);
}

static uint64_t layout_hash(const parley_mc *mc)
{
	/* FNV-1a over what must agree between the parts: the shape of the
	 * totals, the run's options, the models' options, and every uncertain
	 * number (so that totals of another scenario of the same shape, or of
	 * other model options, are refused) */
	const parley_forecast_options *fo = &mc->fopts;
	uint64_t h = 1469598103934665603ULL;
	size_t v;

	h = fnv_u64(h, mc->n_counts);
	h = fnv_u64(h, mc->n_sums);
	h = fnv_u64(h, mc->n_ext);
	h = fnv_u64(h, mc->opts.draws);
	h = fnv_u64(h, mc->opts.seed);
	h = fnv_u64(h, mc->models);
	h = fnv_u64(h, mc->var_count);
	h = fnv_u64(h, (uint64_t)(mc->opts.sensitivity != 0));
	h = fnv_u64(h, (uint64_t)fo->median_tie);
	h = fnv_u64(h, (uint64_t)fo->nbs_weights);
	h = fnv_u64(h, (uint64_t)fo->nbs_loss);
	h = fnv_double(h, fo->median_rel_tol);
	h = fnv_double(h, fo->nbs_tol);
	h = fnv_u64(h, (uint64_t)fo->bdm.profile);
	h = fnv_double(h, fo->bdm.q);
	h = fnv_u64(h, (uint64_t)fo->bdm.selection);
	h = fnv_u64(h, (uint64_t)fo->bdm.range);
	h = fnv_u64(h, (uint64_t)fo->bdm.max_rounds);
	h = fnv_double(h, fo->bdm.eps);
	for (v = 0; v < mc->var_count; v++) {
		const variable *va = &mc->vars[v];
		h = fnv_u64(h, (uint64_t)va->set);
		h = fnv_u64(h, va->issue);
		h = fnv_u64(h, va->actor);
		h = fnv_u64(h, (uint64_t)va->dist);
		h = fnv_double(h, va->value);
		h = fnv_double(h, va->p0);
		h = fnv_double(h, va->p1);
		h = fnv_double(h, va->slo);
		h = fnv_double(h, va->shi);
	}
	return h;
}

int parley_mc_serialize(parley_buf *out, const parley_mc *mc)
{
	uint64_t head[4];
	int error;

	PARLEY_ASSERT_ARG(out && mc);
	head[0] = MAGIC;
	head[1] = FORMAT_VERSION;
	head[2] = layout_hash(mc);
	head[3] = mc->done_draws + mc->merged_draws;
	if ((error = parley_buf__put(out, (const char *)head, sizeof(head))) < 0 ||
	    (error = parley_buf__put(out, (const char *)mc->tot.counts, mc->n_counts * sizeof(uint64_t))) < 0 ||
	    (error = parley_buf__put(out, (const char *)mc->tot.sums, mc->n_sums * sizeof(u128))) < 0 ||
	    (error = parley_buf__put(out, (const char *)mc->tot.mins, mc->n_ext * sizeof(uint32_t))) < 0 ||
	    (error = parley_buf__put(out, (const char *)mc->tot.maxs, mc->n_ext * sizeof(uint32_t))) < 0)
		return error;
	return 0;
}

int parley_mc_merge(parley_mc *mc, const char *data, size_t len)
{
	uint64_t head[4];
	totals t;
	size_t need;
	int error;

	PARLEY_ASSERT_ARG(mc && data);
	need = sizeof(head) + mc->n_counts * sizeof(uint64_t) + mc->n_sums * sizeof(u128) +
		2 * mc->n_ext * sizeof(uint32_t);
	if (len != need)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"Monte Carlo totals of %zu bytes, expected %zu", len, need);
	memcpy(head, data, sizeof(head));
	if (head[0] != MAGIC || head[1] != FORMAT_VERSION || head[2] != layout_hash(mc))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"Monte Carlo totals of another run or version");
	if ((error = totals_init(&t, mc)) < 0) {
		totals_dispose(&t);
		return error;
	}
	data += sizeof(head);
	memcpy(t.counts, data, mc->n_counts * sizeof(uint64_t));
	data += mc->n_counts * sizeof(uint64_t);
	memcpy(t.sums, data, mc->n_sums * sizeof(u128));
	data += mc->n_sums * sizeof(u128);
	memcpy(t.mins, data, mc->n_ext * sizeof(uint32_t));
	data += mc->n_ext * sizeof(uint32_t);
	memcpy(t.maxs, data, mc->n_ext * sizeof(uint32_t));
	totals_add(&mc->tot, &t, mc);
	totals_dispose(&t);
	mc->merged_draws += head[3]; /* not this part's: parley_mc_remaining() is unchanged */
	return 0;
}

/* ---- results ---- */

static double from_fixed(long double f, const parley_issue *is)
{
	return (double)((long double)is->lo + (long double)(is->hi - is->lo) * f / (long double)FIX_ONE);
}

/* The value of rank r (0-based, fractional) among the ok draws, from the
 * fine histogram: between the bin's smallest and largest value. */
static double quantile(const parley_mc *mc, const issue_layout *l, size_t m,
	const parley_issue *is, uint64_t ok, double p)
{
	const uint64_t *bins = &mc->tot.counts[l->bins[m]];
	const uint32_t *mn = &mc->tot.mins[l->ext[m]], *mx = &mc->tot.maxs[l->ext[m]];
	long double rank = (long double)p * (long double)(ok - 1), before = 0;
	size_t b;

	for (b = 0; b < FINE_BINS; b++) {
		if (!bins[b])
			continue;
		if (rank < before + (long double)bins[b] || b == FINE_BINS - 1) {
			long double f;
			if (bins[b] == 1 || mx[b] == mn[b])
				f = mn[b];
			else
				f = mn[b] + (mx[b] - (long double)mn[b]) * (rank - before) / (long double)(bins[b] - 1);
			return from_fixed(f, is);
		}
		before += (long double)bins[b];
	}
	return from_fixed(mx[FINE_BINS - 1], is);
}

int parley_mc_summary_get(parley_mc_summary *out, const parley_mc *mc, size_t issue,
	parley_model_id model)
{
	const issue_layout *l;
	const parley_issue *is;
	const u128 *sm;
	uint64_t ok;
	size_t k, b;

	PARLEY_ASSERT_ARG(out && mc && issue < mc->s->issue_count && (unsigned)model < parley_model_count());
	if (!(mc->models & (1u << model)))
		return parley__error(PARLEY_ENOTFOUND, PARLEY_ERROR_INVALID, "model not run");
	l = &mc->layout[issue];
	is = &mc->s->issues[issue];
	memset(out, 0, sizeof(*out));
	out->draws = mc->tot.counts[l->draws];
	out->ok = ok = mc->tot.counts[l->ok[model]];
	out->lo = is->lo;
	out->hi = is->hi;
	out->bins = COARSE_BINS;
	out->zone_count = is->zone_count;
	out->zone_hits = &mc->tot.counts[l->zones[model]];
	out->point = mc->point[issue * parley_model_count() + model];
	out->point_in_band = -1;
	for (b = 0; b < FINE_BINS; b++)
		out->counts[b * COARSE_BINS / FINE_BINS] += mc->tot.counts[l->bins[model] + b];
	if (!ok) {
		out->mean = out->sd = NAN;
		for (k = 0; k < 5; k++)
			out->quantiles[k] = NAN;
		return 0;
	}
	sm = &mc->tot.sums[l->sum[model]];
	out->mean = from_fixed((long double)sm[0] / (long double)ok, is);
	if (ok > 1) {
		/* n * sum(f^2) - (sum f)^2 >= 0, exact in 128 bits (n <= 2^31, f < 2^32) */
		u128 num = (u128)ok * sm[1] - sm[0] * sm[0];
		long double var = (long double)num / ((long double)ok * (long double)(ok - 1));
		out->sd = (double)(sqrtl(var) * (long double)(is->hi - is->lo) / (long double)FIX_ONE);
	}
	for (k = 0; k < 5; k++)
		out->quantiles[k] = quantile(mc, l, (size_t)model, is, ok, parley_mc_quantile_levels[k] / 100.0);
	if (!isnan(out->point)) {
		/* outside by more than the percentiles' reading error, one fine bin */
		double tol = (is->hi - is->lo) / FINE_BINS;
		out->point_in_band = out->point >= out->quantiles[0] - tol &&
			out->point <= out->quantiles[4] + tol;
	}
	return 0;
}

double parley_mc_p_agreement(const parley_mc *mc, size_t issue)
{
	const issue_layout *l;
	if (!mc || issue >= mc->s->issue_count)
		return NAN;
	l = &mc->layout[issue];
	return mc->tot.counts[l->draws] ?
		(double)mc->tot.counts[l->agree] / (double)mc->tot.counts[l->draws] : NAN;
}

double parley_mc_p_ratified(const parley_mc *mc, size_t issue, size_t body)
{
	const issue_layout *l;
	if (!mc || issue >= mc->s->issue_count || body >= mc->s->ratification_count)
		return NAN;
	if (!mc->bodies[issue * mc->s->ratification_count + body].n)
		return NAN;
	l = &mc->layout[issue];
	return mc->tot.counts[l->draws] ?
		(double)mc->tot.counts[l->ratified + body] / (double)mc->tot.counts[l->draws] : NAN;
}

int parley_mc_band_warnings(parley_diag_list *out, const parley_mc *mc, const char *file)
{
	size_t i, m;
	int error;

	PARLEY_ASSERT_ARG(out && mc && file);
	for (i = 0; i < mc->s->issue_count; i++)
		for (m = 0; m < parley_model_count(); m++) {
			parley_mc_summary sum;
			char p[64], lo[64], hi[64];
			int dec;
			if (!(mc->models & (1u << m)) ||
			    parley_mc_summary_get(&sum, mc, i, (parley_model_id)m) < 0 ||
			    sum.point_in_band != 0)
				continue;
			/* about four significant digits of the scale's width */
			dec = (int)ceil(3 - log10(sum.hi - sum.lo));
			dec = dec < 0 ? 0 : dec > 12 ? 12 : dec;
			snprintf(p, sizeof(p), "%.*f", dec, sum.point);
			snprintf(lo, sizeof(lo), "%.*f", dec, sum.quantiles[0]);
			snprintf(hi, sizeof(hi), "%.*f", dec, sum.quantiles[4]);
			if ((error = parley_diag__add(out, file, 0, 0, NULL,
					"the point forecast %s of model '%s' on issue '%s' lies outside its "
					"Monte Carlo 90%% band [%s, %s]", p, parley_model_type_at(m)->name,
					mc->s->issues[i].id, lo, hi)) < 0)
				return error;
			out->items[out->count - 1].severity = PARLEY_DIAG_WARNING;
		}
	return 0;
}

const char *parley_input_kind_name(parley_input_kind kind)
{
	switch (kind) {
	case PARLEY_INPUT_POSITION: return "position";
	case PARLEY_INPUT_SALIENCE: return "salience";
	case PARLEY_INPUT_CAPABILITY: return "capability";
	case PARLEY_INPUT_STATUS_QUO: return "status_quo";
	case PARLEY_INPUT_RED_LO: return "red_line_low";
	case PARLEY_INPUT_RED_HI: return "red_line_high";
	default: return "?";
	}
}

/* Squared correlation of input k and the forecast, from the integer sums. */
static double r_squared(const u128 *sm, size_t k, uint64_t n)
{
	long double N = (long double)n, sx = (long double)sm[2 + 3 * k], sxx = (long double)sm[3 + 3 * k];
	long double sxy = (long double)sm[4 + 3 * k], sy = (long double)sm[0], syy = (long double)sm[1];
	long double cxy = N * sxy - sx * sy, vx = N * sxx - sx * sx, vy = N * syy - sy * sy;
	if (!(vx > 0) || !(vy > 0))
		return 0;
	return (double)(cxy * cxy / (vx * vy));
}

size_t parley_mc_sensitivity(const parley_mc *mc, size_t issue, parley_model_id model,
	parley_sensitivity *out, size_t max)
{
	const issue_layout *l;
	const u128 *sm;
	uint64_t ok;
	size_t k, j, n;

	if (!mc || issue >= mc->s->issue_count || (unsigned)model >= parley_model_count() ||
	    !(mc->models & (1u << model)))
		return 0;
	l = &mc->layout[issue];
	n = l->input_count;
	sm = &mc->tot.sums[l->sum[model]];
	ok = mc->tot.counts[l->ok[model]];
	/* insertion into the top `max` by share, ties by input order */
	for (k = 0, j = 0; k < n; k++) {
		const input *in = &mc->inputs[l->input_first + k];
		parley_sensitivity e;
		size_t at;
		e.kind = in->kind;
		e.actor = in->actor;
		e.derivative = mc->derivative ? mc->derivative[(l->input_first + k) * parley_model_count() + model] : 0;
		e.variance_share = mc->opts.sensitivity && ok > 1 ? r_squared(sm, k, ok) : 0;
		at = j < max ? j : max;
		while (at > 0 && out[at - 1].variance_share < e.variance_share)
			at--;
		if (at < max) {
			size_t last = j < max ? j : max - 1;
			memmove(&out[at + 1], &out[at], (last - at) * sizeof(*out));
			out[at] = e;
			if (j < max)
				j++;
		}
	}
	return n;
}
