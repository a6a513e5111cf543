/*
 * backtest.c - running the models over a dataset of past issues and
 * scoring them against the outcomes (parley/backtest.h, docs/backtest.md).
 *
 * For every issue with an outcome: actors' capabilities (Council votes or
 * power indices of the proposal's era, or the data's own column), saliences
 * (a blank one imputed or the actor dropped), then every model on the
 * actors' arrays: the plain functions of parley/models.h, the workspace API
 * of parley/bdm.h, and the win-sets of parley/institutions.h for the
 * institution-aware variants, and the Council's qualified-majority pivots
 * (pivot-mid and the blend's pivot features). The blend is fitted by least absolute
 * deviations (iteratively reweighted least squares), its forecasts are
 * snapped to the nearest coded position where a least-squares model of the
 * change in error predicts a gain (fitted, as in stacking, on the
 * cross-validated forecasts of the training proposals: Wolpert 1992,
 * Breiman 1996), and it is scored by leave-one-proposal-out
 * cross-validation. Intervals come from a bootstrap
 * that resamples proposals with replacement, each resample drawing from its
 * own splitmix64 stream derived from (seed, resample index), so nothing
 * depends on global state or on the order other work is done in.
 *
 * Invariants of a parley_backtest: pred[] and skip[] hold issue_count x
 * nb entries (parley_backtest_model_count()), row-major by issue; skip is NONE exactly
 * where pred holds a forecast; an issue skipped as a whole has its reason
 * in every model's slot. cov[] holds issue_count x NCV covariates of the
 * scored issues (NaN where undefined: no Council rule, no Commission or
 * Parliament position). The coded positions of issue i (its actors'
 * positions and its reference point, each value once, ascending) are
 * cand_x[cand_start[i] .. cand_start[i + 1]), none for an issue skipped as
 * a whole; cand_cap holds the capability share of the actors taking part
 * that sit at each, cand_flags what else each is (CAND_*).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "backtest_internal.h"
#include "parley/institutions.h"
#include "model_internal.h"
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define BT_HAVE_AVX2_CODE 1
#endif

#define NM PARLEY_BT_MODEL_COUNT
#define NB_MAX (NM + PARLEY__MODEL_MAX)
#define NF PARLEY_BT_FEATURE_COUNT
#define NZ PARLEY_BT_COV_COUNT
/* Columns of the blend's design: the features, then (mean - mid) z_k, then
 * (ep - mid) z_k (penalized only). */
#define NC (NF + 2 * NZ)
#define NT PARLEY_BT_SNAP_TERM_COUNT
/* The snapping model's rows use the blend's design scratch (rows x NT). */
_Static_assert(NT <= NC, "the snapping terms fit in the blend's scratch");

/* What a coded position is besides an actor's position (cand_flags). */
enum { CAND_COM = 1, CAND_EP = 2, CAND_RP = 4, CAND_PIVOT = 8, CAND_END = 16 };

struct parley_backtest {
	parley_arena arena;
	parley_backtest_options opts;
	parley_backtest_layout layout;
	const char *path, *outcomes_path;
	char sha256[65], outcomes_sha256[65];
	size_t issue_count;
	parley_backtest_issue *issues;
	double *pred;                 /* issue_count x NM */
	double *cov;                  /* issue_count x NCV: pivots and positions the blend uses */
	unsigned char *skip;          /* issue_count x NM, parley_backtest_skip */
	size_t *cand_start;           /* issue_count + 1: the coded positions of each issue */
	double *cand_x, *cand_cap;    /* coded positions and the capability share at each */
	unsigned char *cand_flags;    /* CAND_* of each */
	parley_backtest_stats stats[NB_MAX];
	size_t nb;                    /* models: the backtest's own NM, then the table's (bt_model) */
	const parley_model_type *type[NB_MAX]; /* the table's model each runs, or NULL */
	parley_backtest_blend blend;
	size_t used, skipped, skipped_for[PARLEY_BT_SKIP_COUNT];
	size_t blank_actors, blank_issues, proposals;
	size_t *pid;                  /* issue_count: a scored issue's proposal, 0 .. proposals-1 in
	                                 order of first appearance */
	double com_cap[2], ep_cap[2]; /* DEU: capabilities used, per era (EU-15, EU-27) */
	unsigned need;                /* models scored: reported, or needed by one that is */
	unsigned run;                 /* models run: needed, or used by the covariates and the blend */
	parley_backtest_stage stage;  /* where parley_backtest_step() goes on */
	size_t done[2], total[2];     /* steps of the blend and the bootstrap */
	double work[2];               /* their estimated operations */
	struct blend_run *br;         /* the blend stage's state while it runs */
	struct boot_run *boot;        /* the bootstrap stage's state while it runs */
};

static const struct {
	const char *name, *summary;
} model_info[NM] = {
	{ "mean", "capability-weighted mean of the positions" },
	{ "compromise", "capability x salience weighted mean (van den Bos 1991; Achen 2006)" },
	{ "median", "weighted median, weights capability x salience, midpoint of ties (Black 1948)" },
	{ "nbs", "Nash bargaining solution, disagreement point = reference point, quadratic losses" },
	{ "bdm", "expected-utility model (paper profile), weighted median after the last round" },
	{ "status-quo", "the reference point itself: a naive baseline" },
	{ "winset-compromise", "compromise moved into the Council's QMV win-set of the reference point" },
	{ "procedure-compromise", "as winset-compromise, and inside the Parliament's win-set under co-decision" },
	{ "pivot-mid", "midpoint of the Council's qualified-majority pivots (no fit)" },
	{ "blend", "our least-absolute-deviations blend (penalized interactions), snapped to coded positions; leave-one-proposal-out predictions" },
};

static const char *const skip_names[PARLEY_BT_SKIP_COUNT] = {
	"none", "no_outcome", "no_positions", "zero_weight", "not_in_council",
	"no_reference_point", "no_council_rule", "no_procedure", "model_failed", "not_run"
};

static const char *const feature_names[NF] = { "compromise", "mean", "median", "bdm", "intercept",
	"pivot-lo", "pivot-hi", "ep", "com" };

/* Per-issue covariates: the Council's pivots L and H, the members'
 * vote-weighted mean position, the Parliament's and the Commission's
 * positions, then the z_k of parley_backtest_covariate from CV_Z on
 * (CV_Z + PARLEY_BT_COV_WIDTH is unused: the width comes from the pivot
 * features, fallbacks included). */
enum { CV_LO, CV_HI, CV_CMEAN, CV_EP, CV_COM, CV_Z, NCV = CV_Z + NZ };

static const char *const select_names[] = { "fixed", "nested", "penalized" };

static const char *const snap_names[] = { "off", "nearest" };

static const char *const snap_term_names[NT] = { "constant", "distance", "capability", "com", "ep",
	"rp", "pivot", "end" };

static const char *const covariate_names[NZ] = { "width", "spread", "actors", "rp_known", "cod",
	"extremes", "salience", "eu27" };

/* names[i] of a table of n names, or NULL when i is out of range. */
static const char *name_at(const char *const *names, size_t n, unsigned i)
{
	return i < n ? names[i] : NULL;
}

#define TABLE_NAME(names, i) name_at((names), sizeof(names) / sizeof((names)[0]), (unsigned)(i))

const char *parley_backtest_snap_name(parley_backtest_snap s) { return TABLE_NAME(snap_names, s); }
const char *parley_backtest_snap_term_name(parley_backtest_snap_term t) { return TABLE_NAME(snap_term_names, t); }
const char *parley_backtest_select_name(parley_backtest_select s) { return TABLE_NAME(select_names, s); }
const char *parley_backtest_covariate_name(parley_backtest_covariate k) { return TABLE_NAME(covariate_names, k); }
const char *parley_backtest_feature_name(parley_backtest_feature f) { return TABLE_NAME(feature_names, f); }

int parley_backtest_feature_lookup(const char *name)
{
	int i;
	if (!name)
		return -1;
	for (i = 0; i < NF; i++)
		if (!strcmp(feature_names[i], name))
			return i;
	return -1;
}

/* Whether model t of the table is one the backtest runs on an issue's
 * arrays (scale 0-100, status quo = the reference point): one issue at a
 * time, needing at most a status quo and two actors (a forecast's default
 * or not). pivot-mid and the blend are the backtest's own (the Council's
 * votes, the fit). */
static int runnable(const parley_model_type *t)
{
	return t && t->ops->run &&
		!(t->needs & (PARLEY_MODEL_NEEDS_ALL_ISSUES | PARLEY_MODEL_NEEDS_FIT | PARLEY_MODEL_NEEDS_PIVOTS));
}

static int own_model(const char *name)
{
	int i;
	for (i = 0; i < NM; i++)
		if (!strcmp(model_info[i].name, name))
			return i;
	return -1;
}

/* Model m of the backtest (< parley_backtest_model_count()): its own NM
 * first (model_info, scored in this file or by the table's model of the
 * same name), then every other runnable model of the table, in its order.
 * The table's model that computes it, or NULL. */
static const parley_model_type *bt_model(size_t m)
{
	size_t k, extra = 0;
	if (m < NM) {
		const parley_model_type *t = parley_model_type_lookup(model_info[m].name);
		return runnable(t) ? t : NULL;
	}
	for (k = 0; k < parley_model_count(); k++) {
		const parley_model_type *t = parley_model_type_at(k);
		if (runnable(t) && own_model(t->name) < 0 && extra++ == m - NM)
			return t;
	}
	return NULL;
}

size_t parley_backtest_model_count(void)
{
	size_t k, n = NM;
	for (k = 0; k < parley_model_count(); k++)
		if (runnable(parley_model_type_at(k)) && own_model(parley_model_type_at(k)->name) < 0)
			n++;
	return n;
}

const char *parley_backtest_model_name(parley_backtest_model m)
{
	const parley_model_type *t = (unsigned)m < NM ? NULL : bt_model((size_t)m);
	return (unsigned)m < NM ? model_info[m].name : t ? t->name : NULL;
}

const char *parley_backtest_model_summary(parley_backtest_model m)
{
	const parley_model_type *t = (unsigned)m < NM ? NULL : bt_model((size_t)m);
	return (unsigned)m < NM ? model_info[m].summary : t ? t->summary : NULL;
}

int parley_backtest_model_lookup(const char *name)
{
	size_t i, n = parley_backtest_model_count();
	if (!name)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(parley_backtest_model_name((parley_backtest_model)i), name))
			return (int)i;
	return -1;
}

const char *parley_backtest_skip_name(parley_backtest_skip s) { return TABLE_NAME(skip_names, s); }

/* ------------------------------------------------------------------ */
/* random numbers: splitmix64 (Steele, Lea and Flood 2014)              */
/* ------------------------------------------------------------------ */

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint64_t splitmix64(uint64_t *state)
{
	return mix64(*state += UINT64_C(0x9E3779B97F4A7C15));
}

/* Uniform integer in [0, n), n >= 1, without modulo bias (rejection). */
static size_t uniform_below(uint64_t *state, size_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n, v;
	do
		v = splitmix64(state);
	while (v >= limit);
	return (size_t)(v % (uint64_t)n);
}

/* ------------------------------------------------------------------ */
/* small numerics                                                       */
/* ------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Quantile of sorted v[0..n) by linear interpolation (Hyndman and Fan's type 7). */
static double quantile_sorted(const double *v, size_t n, double p)
{
	double h = (double)(n - 1) * p, f = floor(h);
	size_t i = (size_t)f;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (h - f) * (v[i + 1] - v[i]);
}

/* Solve the k x k system A b = r (A row-major, destroyed) by Gaussian
 * elimination with partial pivoting. Returns -1 when a pivot is zero. */
static int solve(double *A, double *r, double *b, size_t k)
{
	size_t c, i, j;

	for (c = 0; c < k; c++) {
		size_t p = c;
		for (i = c + 1; i < k; i++)
			if (fabs(A[i * k + c]) > fabs(A[p * k + c]))
				p = i;
		if (!(fabs(A[p * k + c]) > 0.0) || !isfinite(A[p * k + c]))
			return -1;
		if (p != c) {
			for (j = 0; j < k; j++) {
				double t = A[c * k + j];
				A[c * k + j] = A[p * k + j];
				A[p * k + j] = t;
			}
			{
				double t = r[c];
				r[c] = r[p];
				r[p] = t;
			}
		}
		for (i = c + 1; i < k; i++) {
			double f = A[i * k + c] / A[c * k + c];
			for (j = c; j < k; j++)
				A[i * k + j] -= f * A[c * k + j];
			r[i] -= f * r[c];
		}
	}
	for (c = k; c-- > 0;) {
		double s = r[c];
		for (j = c + 1; j < k; j++)
			s -= A[c * k + j] * b[j];
		b[c] = s / A[c * k + c];
	}
	return 0;
}

/* Sum of absolute residuals of b. */
static double lad_loss(const double *b, const double *X, const double *y, size_t m, size_t k)
{
	double sum = 0;
	size_t t, j;
	for (t = 0; t < m; t++) {
		double e = y[t];
		for (j = 0; j < k; j++)
			e -= X[t * k + j] * b[j];
		sum += fabs(e);
	}
	return sum;
}

/*
 * Least absolute deviations: minimise sum_t |y_t - X_t b| over the m rows
 * of X (k columns, row-major) by iteratively reweighted least squares
 * (Schlossmacher 1973): start from least squares, then weight each row by
 * 1 / max(|residual|, floor) and solve again, `iters` times; the iterate
 * with the smallest sum of absolute residuals is kept (the first of equals).
 * Returns 0, or -1 when the normal equations are singular (too few rows,
 * or collinear features).
 */
/* The weight of row x: 1 without prev, else 1 / max(|y - x prev|, floor_). */
static inline double row_weight(const double *x, double y, size_t k, const double *prev, double floor_)
{
	double e = y;
	size_t j;
	if (!prev)
		return 1.0;
	for (j = 0; j < k; j++)
		e -= x[j] * prev[j];
	e = fabs(e);
	return 1.0 / (e > floor_ ? e : floor_);
}

/* Add row x with weight w: A[i][j] += (w x_i) x_j for j >= i, r[i] += (w x_i) y. */
static void add_row_portable(double *A, double *r, const double *x, double w, double y, size_t k)
{
	size_t i, j;
	for (i = 0; i < k; i++) {
		double wx = w * x[i];
		for (j = i; j < k; j++)
			A[i * k + j] += wx * x[j];
		r[i] += wx * y;
	}
}

#ifdef BT_HAVE_AVX2_CODE
/* As add_row_portable, four columns of a row of A at a time: a product then
 * a sum per element, never fused, so the same bits. */
__attribute__((target("avx2"))) static void add_row_avx2(double *A, double *r, const double *x, double w,
	double y, size_t k)
{
	size_t i, j;
	for (i = 0; i < k; i++) {
		double wx = w * x[i];
		__m256d vw = _mm256_set1_pd(wx);
		for (j = i; j + 4 <= k; j += 4)
			_mm256_storeu_pd(A + i * k + j, _mm256_add_pd(_mm256_loadu_pd(A + i * k + j),
				_mm256_mul_pd(vw, _mm256_loadu_pd(x + j))));
		for (; j < k; j++)
			A[i * k + j] += wx * x[j];
		r[i] += wx * y;
	}
}
#endif

int parley_bt__have_avx2(void)
{
#ifdef BT_HAVE_AVX2_CODE
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2") != 0;
#else
	return 0;
#endif
}

void parley_bt__normal_equations(double *A, double *r, const double *X, const double *y, size_t m,
	size_t k, const double *prev, double floor_, int use_avx2)
{
	void (*add_row)(double *, double *, const double *, double, double, size_t) = add_row_portable;
	size_t t;

#ifdef BT_HAVE_AVX2_CODE
	if (use_avx2)
		add_row = add_row_avx2;
#else
	(void)use_avx2;
#endif
	for (t = 0; t < m; t++)
		add_row(A, r, X + t * k, row_weight(X + t * k, y[t], k, prev, floor_), y[t], k);
}

/*
 * Least squares of y on the m x k rows X (k <= NC) into b: unweighted with
 * prev == NULL, else weighted by 1 / max(|y - X prev|, floor_) (one step of
 * iteratively reweighted least squares; b may be prev). Returns 0, or -1
 * when the normal equations are singular.
 */
static int least_squares(double *b, const double *X, const double *y, size_t m, size_t k,
	const double *prev, double floor_, int avx2)
{
	double A[NC * NC], r[NC];
	size_t i, j;

	memset(A, 0, sizeof(A));
	memset(r, 0, sizeof(r));
	parley_bt__normal_equations(A, r, X, y, m, k, prev, floor_, avx2);
	for (i = 0; i < k; i++) /* symmetric: the lower triangle mirrors the upper */
		for (j = 0; j < i; j++)
			A[i * k + j] = A[j * k + i];
	return solve(A, r, b, k);
}

static int fit_lad(double *b, const double *X, const double *y, size_t m, size_t k,
	size_t iters, double floor_, int avx2)
{
	double cur[NC], best = HUGE_VAL, loss;
	size_t it;

	if (m < k || k == 0 || k > NC)
		return -1;
	for (it = 0; it <= iters; it++) {
		if (least_squares(cur, X, y, m, k, it ? cur : NULL, floor_, avx2) < 0)
			return it == 0 ? -1 : 0; /* keep the best iterate so far */
		loss = lad_loss(cur, X, y, m, k);
		if (loss < best) {
			best = loss;
			memcpy(b, cur, k * sizeof(double));
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* one issue                                                            */
/* ------------------------------------------------------------------ */

typedef struct {
	size_t cap;                   /* arrays hold this many actors */
	double *x, *c, *s, *w;        /* positions, capabilities, saliences 0-1, c x s (ws's) */
	double *xm, *vm;              /* Council members' positions and votes */
	size_t *order;                /* ws's idx */
	parley_model_ws ws;           /* the table's models run on these arrays */
	double ep_x, com_x;           /* the Parliament's and the Commission's positions */
	int has_ep, has_com;
} scratch;

static void scratch_dispose(scratch *sc)
{
	parley__free(sc->xm);
	parley__free(sc->vm);
	parley_models__ws_dispose(&sc->ws);
}

static int scratch_init(scratch *sc, size_t n)
{
	int error;
	memset(sc, 0, sizeof(*sc));
	if (n < 2)
		n = 2;
	sc->cap = n;
	if ((error = parley_models__ws_init(&sc->ws, n)) < 0)
		return error;
	sc->x = sc->ws.x;
	sc->c = sc->ws.c;
	sc->s = sc->ws.sal;
	sc->w = sc->ws.w;
	sc->order = sc->ws.idx;
	sc->xm = parley__malloc(n * sizeof(double));
	sc->vm = parley__malloc(n * sizeof(double));
	if (!sc->xm || !sc->vm)
		return PARLEY_ENOMEM;
	return 0;
}

/* The capability column of a Council table for the option. */
static const double *council_column(const parley_backtest_council *t, parley_backtest_capability cap)
{
	switch (cap) {
	case PARLEY_BT_CAP_BANZHAF: return t->banzhaf;
	case PARLEY_BT_CAP_SHAPLEY: return t->shapley;
	default: return t->votes;
	}
}

/* y moved to the nearest point of the passable set (and of the Parliament's
 * win-set when `ep` is given); an open end counts as a limit, so a y beyond
 * it lands on it. Empty set: the status quo q. */
static double into_winset(double y, double q, const parley_passable_result *pr,
	const parley_interval *ep)
{
	parley_interval parts[2];
	size_t np = 0, i;
	double best = q, bestd = HUGE_VAL;

	if (pr->split) {
		parts[np++] = pr->below;
		parts[np++] = pr->above;
	} else if (!pr->passable.empty) {
		parts[np++] = pr->passable;
	}
	for (i = 0; i < np; i++) {
		double z;
		if (ep)
			parley_interval_intersect(&parts[i], &parts[i], ep);
		if (parts[i].empty)
			continue;
		z = y < parts[i].lo ? parts[i].lo : y > parts[i].hi ? parts[i].hi : y;
		if (fabs(z - y) < bestd) {
			bestd = fabs(z - y);
			best = z;
		}
	}
	return best;
}

/* The issue covariates z_k (parley_backtest_covariate) of the n actors in
 * sc (the width is left to the blend) around the capability-weighted mean. */
static void issue_covariates(double *z, const scratch *sc, size_t n, double mean,
	const parley_bt__issue *is, int eu27)
{
	double csum = 0, var = 0, ends = 0, sal = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		csum += sc->c[k];
		var += sc->c[k] * (sc->x[k] - mean) * (sc->x[k] - mean);
		ends += sc->x[k] == 0.0 || sc->x[k] == 100.0 ? sc->c[k] : 0.0;
		sal += sc->s[k];
	}
	z[PARLEY_BT_COV_WIDTH] = 0;
	z[PARLEY_BT_COV_SPREAD] = sqrt(var / csum);
	z[PARLEY_BT_COV_ACTORS] = (double)n;
	z[PARLEY_BT_COV_RP_KNOWN] = is->has_rp;
	z[PARLEY_BT_COV_COD] = is->procedure == PARLEY_BT__PROC_COD;
	z[PARLEY_BT_COV_EXTREMES] = ends / csum;
	z[PARLEY_BT_COV_SALIENCE] = sal / (double)n;
	z[PARLEY_BT_COV_EU27] = eu27;
}

/* Set the forecast or the skip reason of model m on issue i. */
static void put(parley_backtest *bt, size_t i, int m, int ok, double v, parley_backtest_skip why)
{
	bt->pred[i * bt->nb + m] = ok ? v : 0.0;
	bt->skip[i * bt->nb + m] = (unsigned char)(ok ? PARLEY_BT_SKIP_NONE : why);
}

/* Build the issue's arrays; returns NONE or the reason the issue is left out. */
static parley_backtest_skip build_issue(parley_backtest *bt, const parley_backtest_data *d,
	const parley_bt__issue *is, parley_backtest_issue *out, scratch *sc, size_t *nout,
	size_t *nmembers, double *quota, double *share, int *has_rule)
{
	const parley_backtest_options *o = &bt->opts;
	const parley_backtest_council *t = NULL;
	const double *col = NULL;
	double smean = 0, wsum = 0, csum = 0, vsum = 0;
	size_t k, n = 0, nm = 0, nhave = 0;
	int era = 0;

	*nout = 0;
	*nmembers = 0;
	*has_rule = 0;
	sc->has_ep = sc->has_com = 0;
	if (d->layout == PARLEY_BACKTEST_DEU) {
		era = is->number >= o->eu27_from;
		t = era ? o->eu27 : o->eu15;
		col = council_column(t, o->capability);
	}
	for (k = 0; k < is->count; k++) {
		const parley_bt__entry *e = &d->entries[is->first + k];
		if (e->has_s) {
			smean += e->s;
			nhave++;
		}
		if (t && e->actor >= 2 && parley_bt__council_find(t, parley_bt__deu_actor[e->actor]) < 0)
			return PARLEY_BT_SKIP_NOT_IN_COUNCIL;
	}
	if (nhave)
		smean /= (double)nhave;
	for (k = 0; k < is->count; k++) {
		const parley_bt__entry *e = &d->entries[is->first + k];
		double s, c;
		if (e->actor == PARLEY_BT__DEU_EP) {
			sc->has_ep = 1;
			sc->ep_x = e->x;
		} else if (e->actor == PARLEY_BT__DEU_COM) {
			sc->has_com = 1;
			sc->com_x = e->x;
		}
		/* Council members vote whatever their salience. */
		if (t && e->actor >= 2) {
			long m = parley_bt__council_find(t, parley_bt__deu_actor[e->actor]);
			sc->xm[nm] = e->x;
			sc->vm[nm++] = t->votes[m];
		} else if (!t && e->has_votes && e->votes > 0) {
			sc->xm[nm] = e->x;
			sc->vm[nm++] = e->votes;
		}
		if (!e->has_s) {
			out->imputed++;
			if (o->blank_salience == PARLEY_BT_SALIENCE_DROP || nhave == 0)
				continue;
			s = smean;
		} else {
			s = e->s;
		}
		if (t && e->actor == PARLEY_BT__DEU_COM)
			c = bt->com_cap[era];
		else if (t && e->actor == PARLEY_BT__DEU_EP)
			c = bt->ep_cap[era];
		else if (o->capability == PARLEY_BT_CAP_EQUAL)
			c = 1.0;
		else if (!t)
			c = e->c;
		else
			c = col[parley_bt__council_find(t, parley_bt__deu_actor[e->actor])];
		sc->x[n] = e->x;
		sc->c[n] = c;
		sc->s[n] = s / 100.0;
		sc->w[n] = c * (s / 100.0);
		csum += c;
		wsum += sc->w[n];
		n++;
	}
	out->actors = n;
	if (n == 0)
		return PARLEY_BT_SKIP_NO_POSITIONS;
	if (!(csum > 0) || !(wsum > 0))
		return PARLEY_BT_SKIP_ZERO_WEIGHT;
	for (k = 0; k < nm; k++)
		vsum += sc->vm[k];
	if (t && nm > 0 && vsum > 0) {
		*quota = t->quota / t->total * vsum;
		share[0] = t->quota;
		share[1] = t->total;
		*has_rule = 1;
	} else if (!t && nm > 0 && vsum > 0 && is->has_quota) {
		*quota = is->quota * vsum;
		share[0] = is->quota;
		share[1] = 1.0;
		*has_rule = 1;
	}
	*nout = n;
	*nmembers = nm;
	return PARLEY_BT_SKIP_NONE;
}

/* The coded positions of scored issue i (invariants of parley_backtest):
 * every entry's position and the reference point, each value once in
 * ascending order, with the capability share of the n actors of sc taking
 * part (sum of c at that position / sum of c, > 0 on a scored issue) and
 * their flags. cand_start[i] is set; this sets cand_start[i + 1]. */
static void issue_candidates(parley_backtest *bt, const parley_backtest_data *d, size_t i,
	const scratch *sc, size_t n)
{
	const parley_bt__issue *is = &d->issues[i];
	const double *cov = bt->cov + i * NCV;
	double *x = bt->cand_x + bt->cand_start[i], csum = 0;
	unsigned char *fl = bt->cand_flags + bt->cand_start[i];
	size_t k, j, m = 0;

	for (k = 0; k <= is->count; k++) {
		const parley_bt__entry *e = k < is->count ? &d->entries[is->first + k] : NULL;
		double v;
		unsigned char f = 0;
		if (!e && !is->has_rp)
			break;
		v = e ? e->x : is->rp;
		if (e && e->actor == PARLEY_BT__DEU_COM)
			f = CAND_COM;
		else if (e && e->actor == PARLEY_BT__DEU_EP)
			f = CAND_EP;
		for (j = 0; j < m && x[j] < v; j++)
			;
		if (j == m || x[j] != v) {
			memmove(x + j + 1, x + j, (m - j) * sizeof(double));
			memmove(fl + j + 1, fl + j, m - j);
			x[j] = v;
			fl[j] = 0;
			m++;
		}
		fl[j] |= f;
	}
	for (k = 0; k < n; k++)
		csum += sc->c[k];
	for (j = 0; j < m; j++) {
		double share = 0;
		for (k = 0; k < n; k++)
			if (sc->x[k] == x[j])
				share += sc->c[k];
		bt->cand_cap[bt->cand_start[i] + j] = share / csum;
		if (is->has_rp && x[j] == is->rp)
			fl[j] |= CAND_RP;
		if (x[j] == cov[CV_LO] || x[j] == cov[CV_HI]) /* false where NaN: no pivots */
			fl[j] |= CAND_PIVOT;
		if (x[j] == 0.0 || x[j] == 100.0)
			fl[j] |= CAND_END;
	}
	bt->cand_start[i + 1] = bt->cand_start[i] + m;
}

/* The models of the table on issue i's n actors in sc (scale 0-100, the
 * reference point as status quo), with the backtest's options: a model not
 * needed is not run, one that needs a status quo has none without a
 * reference point, and an actor alone on an issue is its forecast for a
 * model that needs two (one actor cannot bargain with anybody). */
static void run_models(parley_backtest *bt, size_t i, const parley_bt__issue *is, scratch *sc,
	size_t n)
{
	const parley_backtest_options *o = &bt->opts;
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_issue scale;
	parley_model_call c;
	parley_model_result res;
	size_t m;

	fo.median_tie = PARLEY_TIE_MIDPOINT;
	fo.median_rel_tol = o->median_rel_tol;
	fo.nbs_weights = PARLEY_NBS_WEIGHTS_CAPABILITY;
	fo.nbs_loss = 2;
	fo.nbs_tol = o->nbs_tol;
	fo.bdm = o->bdm;
	memset(&scale, 0, sizeof(scale));
	scale.lo = 0.0;
	scale.hi = 100.0;
	memset(&c, 0, sizeof(c));
	c.is = &scale;
	c.q = is->has_rp ? &is->rp : NULL;
	c.n = n;
	c.o = &fo;
	c.ws = &sc->ws;
	for (m = 0; m < bt->nb; m++) {
		const parley_model_type *t = bt->type[m];
		if (!t)
			continue;
		if (!(bt->run >> m & 1u))
			put(bt, i, (int)m, 0, 0, PARLEY_BT_SKIP_NOT_RUN);
		else if ((t->needs & PARLEY_MODEL_NEEDS_STATUS_QUO) && !is->has_rp)
			put(bt, i, (int)m, 0, 0, PARLEY_BT_SKIP_NO_REFERENCE_POINT);
		else if ((t->needs & PARLEY_MODEL_NEEDS_TWO_ACTORS) && n == 1)
			put(bt, i, (int)m, 1, sc->x[0], PARLEY_BT_SKIP_NONE);
		else {
			int ok = parley_models__run_one(&res, t, &c) == 0;
			put(bt, i, (int)m, ok, res.forecast, PARLEY_BT_SKIP_MODEL_FAILED);
		}
	}
}

static int run_issue(parley_backtest *bt, const parley_backtest_data *d, size_t i, scratch *sc)
{
	const parley_bt__issue *is = &d->issues[i];
	parley_backtest_issue *out = &bt->issues[i];
	const parley_backtest_options *o = &bt->opts;
	parley_backtest_skip why;
	size_t n, nm, m;
	double v, comp = 0, quota = 0, share[2] = { 0, 1 }, *cov = bt->cov + i * NCV;
	int rc, has_rule;

	bt->cand_start[i + 1] = bt->cand_start[i];
	if (!is->has_out)
		why = PARLEY_BT_SKIP_NO_OUTCOME;
	else
		why = build_issue(bt, d, is, out, sc, &n, &nm, &quota, share, &has_rule);
	out->skip = why;
	if (why != PARLEY_BT_SKIP_NONE) {
		for (m = 0; m < bt->nb; m++)
			put(bt, i, (int)m, 0, 0, why);
		return 0;
	}

	run_models(bt, i, is, sc, n);
	comp = bt->pred[i * bt->nb + PARLEY_BT_COMPROMISE];

	/* The Council's pivots and the positions the blend may use. */
	cov[CV_LO] = cov[CV_HI] = cov[CV_CMEAN] = NAN;
	cov[CV_EP] = sc->has_ep ? sc->ep_x : NAN;
	cov[CV_COM] = sc->has_com ? sc->com_x : NAN;
	issue_covariates(cov + CV_Z, sc, n, bt->pred[i * bt->nb + PARLEY_BT_MEAN], is,
		d->layout == PARLEY_BACKTEST_DEU && is->number >= o->eu27_from);
	if (nm > 0 && parley_weighted_mean(&v, sc->xm, sc->vm, nm) == 0)
		cov[CV_CMEAN] = v;
	if (has_rule) {
		parley_models__qmv_pivots(&cov[CV_LO], &cov[CV_HI], sc->xm, sc->vm, nm, share[0], share[1]);
		put(bt, i, PARLEY_BT_PIVOT_MID, 1, (cov[CV_LO] + cov[CV_HI]) / 2, PARLEY_BT_SKIP_NONE);
	} else {
		put(bt, i, PARLEY_BT_PIVOT_MID, 0, 0, PARLEY_BT_SKIP_NO_COUNCIL_RULE);
	}

	if (is->has_rp)
		put(bt, i, PARLEY_BT_STATUS_QUO, 1, is->rp, PARLEY_BT_SKIP_NONE);
	else
		put(bt, i, PARLEY_BT_STATUS_QUO, 0, 0, PARLEY_BT_SKIP_NO_REFERENCE_POINT);

	/* Institution-aware variants: status quo = rp. */
	if (!is->has_rp) {
		put(bt, i, PARLEY_BT_WINSET_COMPROMISE, 0, 0, PARLEY_BT_SKIP_NO_REFERENCE_POINT);
		put(bt, i, PARLEY_BT_PROCEDURE_COMPROMISE, 0, 0, PARLEY_BT_SKIP_NO_REFERENCE_POINT);
	} else if (!has_rule) {
		put(bt, i, PARLEY_BT_WINSET_COMPROMISE, 0, 0, PARLEY_BT_SKIP_NO_COUNCIL_RULE);
		put(bt, i, PARLEY_BT_PROCEDURE_COMPROMISE, 0, 0, PARLEY_BT_SKIP_NO_COUNCIL_RULE);
	} else {
		parley_rule_spec rule;
		parley_passable_result pr;
		memset(&rule, 0, sizeof(rule));
		rule.rule = PARLEY_RULE_QUALIFIED_MAJORITY;
		rule.weight = sc->vm;
		rule.quota = quota;
		rc = parley_passable(&pr, sc->xm, nm, is->rp, 0.0, 100.0, &rule, sc->order);
		put(bt, i, PARLEY_BT_WINSET_COMPROMISE, rc == 0,
			rc == 0 ? into_winset(comp, is->rp, &pr, NULL) : 0, PARLEY_BT_SKIP_MODEL_FAILED);
		if (rc != 0) {
			put(bt, i, PARLEY_BT_PROCEDURE_COMPROMISE, 0, 0, PARLEY_BT_SKIP_MODEL_FAILED);
		} else if (is->procedure == PARLEY_BT__PROC_UNKNOWN) {
			put(bt, i, PARLEY_BT_PROCEDURE_COMPROMISE, 0, 0, PARLEY_BT_SKIP_NO_PROCEDURE);
		} else if (is->procedure == PARLEY_BT__PROC_COD && sc->has_ep) {
			parley_winset_result wr;
			rc = parley_winset_unanimity(&wr, &sc->ep_x, 1, is->rp, 0.0, 100.0);
			put(bt, i, PARLEY_BT_PROCEDURE_COMPROMISE, rc == 0,
				rc == 0 ? into_winset(comp, is->rp, &pr, &wr.winset) : 0,
				PARLEY_BT_SKIP_MODEL_FAILED);
		} else {
			put(bt, i, PARLEY_BT_PROCEDURE_COMPROMISE, 1, into_winset(comp, is->rp, &pr, NULL),
				PARLEY_BT_SKIP_NONE);
		}
	}
	issue_candidates(bt, d, i, sc, n);
	parley_error_clear();
	return 0;
}

/* ------------------------------------------------------------------ */
/* the blend                                                            */
/* ------------------------------------------------------------------ */

/*
 * The blend works on the scored issues ("rows", in file order): FX holds
 * every feature of every row (NF columns), Y the outcomes, prop the index
 * of the row's proposal (0 .. P-1 in order of first appearance); Z the
 * raw covariates z_k and DM the differences (mean - mid, ep - mid) that
 * the penalized blend's interactions multiply. A fit uses the rows whose
 * proposal is not excluded (excl[prop] == 0), in row order, the columns of
 * a feature mask and, with a penalty lambda > 0, the 2 NZ interactions.
 * ipred[0] and ipred[1] receive the forecasts of an inner cross-validation
 * (the snapping model's training data): the one being computed and the
 * best so far. Row r's coded positions are those of issue row_issue[r].
 */
typedef struct {
	size_t rows, P;
	size_t *row_issue;   /* rows: the issue index */
	size_t *prop;        /* rows: proposal index */
	size_t *pstart;      /* P + 1: rows of proposal q are prow[pstart[q] .. pstart[q + 1]) */
	size_t *prow;
	double *FX, *Y;      /* rows x NF, rows */
	double *Z, *DM;      /* rows x NZ, rows x 2 */
	double *X, *y;       /* scratch of a fit: (rows + NC) x NC, rows + NC */
	unsigned char *excl; /* P: proposals left out of the current fit */
	size_t *rank;        /* P: scratch of the inner folds */
	size_t *ofold;       /* P: the outer fold of each proposal (leave one out: q itself) */
	size_t G;            /* outer folds */
	double *ipred[2];    /* rows: inner cross-validation forecasts (computing, best) */
	const size_t *cand_start;          /* the result's coded positions (borrowed) */
	const double *cand_x, *cand_cap;
	const unsigned char *cand_flags;
	size_t iters;
	double floor_;
	int avx2;            /* the normal equations four columns at a time (the same bits) */
} blend_ctx;

/* A fitted blend: weights of the NC columns (0 for unused ones) and the
 * standardisation of the z_k over the fit's training rows. */
typedef struct {
	double w[NC];
	double mu[NZ], sd[NZ];
} blend_fit;

/* Feature j of scored issue i: a model's forecast, the intercept, or a
 * covariate with its fallbacks (parley/backtest.h): ep and com the members'
 * mean, then the compromise forecast. A model is never skipped on a scored
 * issue; the fallback to the compromise forecast keeps this safe. */
static double feature_value(const parley_backtest *bt, size_t i, size_t j)
{
	static const int model[] = { PARLEY_BT_COMPROMISE, PARLEY_BT_MEAN, PARLEY_BT_MEDIAN, PARLEY_BT_BDM };
	static const int covariate[NF] = { -1, -1, -1, -1, -1, CV_LO, CV_HI, CV_EP, CV_COM };
	const double *cov = bt->cov + i * NCV, comp = bt->pred[i * bt->nb + PARLEY_BT_COMPROMISE];
	double v;

	if (j < sizeof(model) / sizeof(model[0]))
		return bt->skip[i * bt->nb + model[j]] ? comp : bt->pred[i * bt->nb + model[j]];
	if (j == PARLEY_BT_FEATURE_INTERCEPT)
		return 1.0;
	v = cov[covariate[j]];
	if (isnan(v) && (j == PARLEY_BT_FEATURE_EP || j == PARLEY_BT_FEATURE_COM))
		v = cov[CV_CMEAN];
	return isnan(v) ? comp : v;
}

static unsigned popcount_u(unsigned v)
{
	unsigned n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

/* Column j of row r under the standardisation of f: a feature, or
 * (mean - mid) z_k for j = NF + k, (ep - mid) z_k for j = NF + NZ + k,
 * with z_k standardised (0 where the training rows' sd is 0). */
static double column(const blend_ctx *c, size_t r, size_t j, const blend_fit *f)
{
	size_t k;
	double z;
	if (j < NF)
		return c->FX[r * NF + j];
	k = (j - NF) % NZ;
	z = f->sd[k] > 0 ? (c->Z[r * NZ + k] - f->mu[k]) / f->sd[k] : 0.0;
	return c->DM[r * 2 + (j - NF) / NZ] * z;
}

/* Mean and population sd of each z_k over the rows not excluded. */
static void standardise(blend_ctx *c, blend_fit *f)
{
	size_t r, k, m = 0;
	memset(f->mu, 0, sizeof(f->mu));
	memset(f->sd, 0, sizeof(f->sd));
	for (r = 0; r < c->rows; r++)
		if (!c->excl[c->prop[r]]) {
			m++;
			for (k = 0; k < NZ; k++)
				f->mu[k] += c->Z[r * NZ + k];
		}
	if (!m)
		return;
	for (k = 0; k < NZ; k++)
		f->mu[k] /= (double)m;
	for (r = 0; r < c->rows; r++)
		if (!c->excl[c->prop[r]])
			for (k = 0; k < NZ; k++)
				f->sd[k] += (c->Z[r * NZ + k] - f->mu[k]) * (c->Z[r * NZ + k] - f->mu[k]);
	for (k = 0; k < NZ; k++)
		f->sd[k] = sqrt(f->sd[k] / (double)m);
}

/*
 * Fit the features of `mask` on the rows whose proposal is not excluded;
 * with lambda > 0 also the 2 NZ interactions under the penalty lambda sum
 * |w_j|, as plain least absolute deviations on the rows augmented with one
 * pseudo-observation lambda e_j of target 0 per interaction j (its absolute
 * residual is lambda |w_j|). Returns 1 when fitted, 0 when the fallback
 * (the compromise model alone) applies: fewer than two rows per feature,
 * or collinear features.
 */
static int fit_blend(blend_ctx *c, unsigned mask, double lambda, blend_fit *f)
{
	double b[NC];
	size_t cols[NC], r, m = 0, j, k = 0, kf = popcount_u(mask), np = lambda > 0 ? 2 * NZ : 0;

	for (j = 0; j < NF; j++)
		if (mask >> j & 1u)
			cols[k++] = j;
	for (j = 0; j < np; j++)
		cols[k++] = NF + j;
	if (np) {
		standardise(c, f);
	} else {
		memset(f->mu, 0, sizeof(f->mu));
		memset(f->sd, 0, sizeof(f->sd));
	}
	for (r = 0; r < c->rows; r++) {
		if (c->excl[c->prop[r]])
			continue;
		for (j = 0; j < k; j++)
			c->X[m * k + j] = column(c, r, cols[j], f);
		c->y[m++] = c->Y[r];
	}
	memset(f->w, 0, sizeof(f->w));
	if (kf == 0 || m < 2 * kf) {
		f->w[PARLEY_BT_FEATURE_COMPROMISE] = 1.0;
		return 0;
	}
	for (j = 0; j < np; j++, m++) {
		memset(c->X + m * k, 0, k * sizeof(double));
		c->X[m * k + kf + j] = lambda;
		c->y[m] = 0.0;
	}
	if (fit_lad(b, c->X, c->y, m, k, c->iters, c->floor_, c->avx2) < 0) {
		f->w[PARLEY_BT_FEATURE_COMPROMISE] = 1.0;
		return 0;
	}
	for (j = 0; j < k; j++)
		f->w[cols[j]] = b[j];
	return 1;
}

/* The blend's forecast of row r, clipped to the scale. */
static double predict_row(const blend_ctx *c, size_t r, const blend_fit *f)
{
	double y = 0;
	size_t j;
	for (j = 0; j < NC; j++)
		if (f->w[j] != 0.0)
			y += f->w[j] * column(c, r, j, f);
	return y < 0 ? 0 : y > 100 ? 100 : y;
}

/* Sum of absolute errors on proposal q's rows; their forecasts go to
 * pred[row] too. */
static double fold_error(const blend_ctx *c, size_t q, const blend_fit *f, double *pred)
{
	double e = 0, y;
	size_t k;
	for (k = c->pstart[q]; k < c->pstart[q + 1]; k++) {
		y = predict_row(c, c->prow[k], f);
		pred[c->prow[k]] = y;
		e += fabs(y - c->Y[c->prow[k]]);
	}
	return e;
}

/* The cross-validated MAE of (mask, lambda) over the proposals not in
 * outer fold `outer` (SIZE_MAX: none left out): leave one proposal out when K == 0,
 * else K folds with proposal (rank mod K) in fold k, ranks counted over the
 * remaining proposals. NaN when no row is predicted. The forecasts go to
 * ipred[0][row] of the rows predicted. */
static double inner_cv_mae(blend_ctx *c, unsigned mask, double lambda, size_t outer, size_t K)
{
	blend_fit f;
	double sum = 0;
	size_t q, n = 0, g, groups, cnt = 0;

	for (q = 0; q < c->P; q++)
		c->rank[q] = c->ofold[q] == outer ? SIZE_MAX : cnt++;
	groups = K == 0 || K > cnt ? cnt : K;
	for (g = 0; g < groups; g++) {
		for (q = 0; q < c->P; q++)
			c->excl[q] = (unsigned char)(c->ofold[q] == outer || c->rank[q] % groups == g);
		fit_blend(c, mask, lambda, &f);
		for (q = 0; q < c->P; q++)
			if (c->ofold[q] != outer && c->rank[q] % groups == g) {
				sum += fold_error(c, q, &f, c->ipred[0]);
				n += c->pstart[q + 1] - c->pstart[q];
			}
	}
	return n ? sum / (double)n : NAN;
}

/* Whether an inner MAE v displaces the incumbent best: only when smaller
 * by more than a relative 1e-9, so ties, up to rounding, go to the
 * candidate tried first (the simpler one). */
static int better(double v, double best)
{
	return v < best - 1e-9 * fabs(best) || (isinf(best) && v < best);
}

/* The inner forecasts just computed become the best so far. */
static void keep_inner(blend_ctx *c)
{
	double *t = c->ipred[0];
	c->ipred[0] = c->ipred[1];
	c->ipred[1] = t;
}

/* Nested selection: the non-empty subset of `features` with the smallest
 * cross-validated MAE over the proposals other than `outer`; subsets are
 * tried by number of features, then by mask. */
static unsigned choose_mask(blend_ctx *c, unsigned features, size_t outer, size_t K, double *mae)
{
	unsigned best = features, mask, size;
	double bestv = HUGE_VAL;

	for (size = 1; size <= popcount_u(features); size++)
		for (mask = 1; mask <= features; mask++) {
			double v;
			if ((mask & ~features) || popcount_u(mask) != size)
				continue;
			v = inner_cv_mae(c, mask, 0.0, outer, K);
			if (better(v, bestv)) {
				bestv = v;
				best = mask;
				keep_inner(c);
			}
		}
	if (mae)
		*mae = bestv;
	return best;
}

/* Penalized selection: 0 for no interactions (lambda = infinity), tried
 * first, or 1 + the index of the penalty in lambdas[0 .. n) with the
 * smallest cross-validated MAE over the proposals other than `outer`. */
static size_t choose_lambda(blend_ctx *c, unsigned features, const double *lambdas, size_t n,
	size_t outer, size_t K)
{
	double bestv = inner_cv_mae(c, features, 0.0, outer, K);
	size_t best = 0, j;

	keep_inner(c);
	for (j = 0; j < n; j++) {
		double v = inner_cv_mae(c, features, lambdas[j], outer, K);
		if (better(v, bestv)) {
			bestv = v;
			best = j + 1;
			keep_inner(c);
		}
	}
	return best;
}

/* ---- snapping to coded positions (parley_backtest_snap) ---- */

/* The coded position of row r nearest the forecast b (the lower one of two
 * as near); its terms f_t (parley_backtest_snap_term) go to f, the
 * distance |x - b| to *dist. */
static double nearest_position(const blend_ctx *c, size_t r, double b, double *f, double *dist)
{
	size_t i = c->row_issue[r], j, best = c->cand_start[i];
	unsigned fl;

	for (j = best + 1; j < c->cand_start[i + 1]; j++)
		if (fabs(c->cand_x[j] - b) < fabs(c->cand_x[best] - b))
			best = j;
	fl = c->cand_flags[best];
	*dist = fabs(c->cand_x[best] - b);
	f[PARLEY_BT_SNAP_TERM_CONSTANT] = 1.0;
	f[PARLEY_BT_SNAP_TERM_DISTANCE] = *dist;
	f[PARLEY_BT_SNAP_TERM_CAPABILITY] = c->cand_cap[best];
	f[PARLEY_BT_SNAP_TERM_COM] = (fl & CAND_COM) != 0;
	f[PARLEY_BT_SNAP_TERM_EP] = (fl & CAND_EP) != 0;
	f[PARLEY_BT_SNAP_TERM_RP] = (fl & CAND_RP) != 0;
	f[PARLEY_BT_SNAP_TERM_PIVOT] = (fl & CAND_PIVOT) != 0;
	f[PARLEY_BT_SNAP_TERM_END] = (fl & CAND_END) != 0;
	return c->cand_x[best];
}

/*
 * The snapping model on the rows whose proposal is not excluded, with
 * their forecasts b[row]: least squares of the change in absolute error
 * |x - y| - |b - y| on the terms d f_t (x the nearest coded position, d =
 * |x - b|), so that d sum_t w_t f_t estimates the mean change. A term that
 * is 0 on every row gets weight 0 and no column. Returns 1 when fitted, 0
 * (all weights 0: no snapping) with fewer than two rows per column, or
 * singular normal equations.
 */
static int fit_snap(blend_ctx *c, const double *b, double *w)
{
	double f[NT], sol[NT], d, x;
	size_t cols[NT], row, m = 0, k = 0, i, t;
	int nonzero[NT] = { 0 };

	memset(w, 0, NT * sizeof(double));
	for (row = 0; row < c->rows; row++) {
		if (c->excl[c->prop[row]])
			continue;
		x = nearest_position(c, row, b[row], f, &d);
		for (t = 0; t < NT; t++) {
			c->X[m * NT + t] = d * f[t];
			nonzero[t] |= c->X[m * NT + t] != 0.0;
		}
		c->y[m++] = fabs(x - c->Y[row]) - fabs(b[row] - c->Y[row]);
	}
	for (t = 0; t < NT; t++)
		if (nonzero[t])
			cols[k++] = t;
	if (k == 0 || m < 2 * k)
		return 0;
	/* the non-zero columns only, rows m x k in place (k <= NT, cols[i] >= i:
	 * each entry moves to a place already read) */
	for (row = 0; row < m; row++)
		for (i = 0; i < k; i++)
			c->X[row * k + i] = c->X[row * NT + cols[i]];
	if (least_squares(sol, c->X, c->y, m, k, NULL, 0.0, c->avx2) < 0)
		return 0;
	for (i = 0; i < k; i++)
		w[cols[i]] = sol[i];
	return 1;
}

/* The forecast b of row r, moved to its nearest coded position when the
 * snapping model w predicts a lower error there (*moved = 1). */
static double snap_row(const blend_ctx *c, size_t r, double b, const double *w, int *moved)
{
	double f[NT], d, gain = 0, x = nearest_position(c, r, b, f, &d);
	size_t t;
	for (t = 0; t < NT; t++)
		gain += w[t] * f[t];
	*moved = d * gain < 0;
	return *moved ? x : b;
}

static void blend_ctx_free(blend_ctx *c)
{
	parley__free(c->row_issue);
	parley__free(c->prop);
	parley__free(c->pstart);
	parley__free(c->prow);
	parley__free(c->FX);
	parley__free(c->Y);
	parley__free(c->Z);
	parley__free(c->DM);
	parley__free(c->X);
	parley__free(c->y);
	parley__free(c->excl);
	parley__free(c->rank);
	parley__free(c->ofold);
	parley__free(c->ipred[0]);
	parley__free(c->ipred[1]);
}

static int blend_ctx_init(blend_ctx *c, const parley_backtest *bt)
{
	size_t n = bt->issue_count + 1, i, r, j, q, K;

	memset(c, 0, sizeof(*c));
	c->iters = bt->opts.blend_iterations;
	c->floor_ = bt->opts.blend_floor;
	c->avx2 = parley_bt__have_avx2();
	c->row_issue = parley__malloc(n * sizeof(size_t));
	c->prop = parley__malloc(n * sizeof(size_t));
	c->pstart = parley__calloc(n + 1, sizeof(size_t));
	c->prow = parley__malloc(n * sizeof(size_t));
	c->FX = parley__malloc(n * NF * sizeof(double));
	c->Y = parley__malloc(n * sizeof(double));
	c->Z = parley__malloc(n * NZ * sizeof(double));
	c->DM = parley__malloc(n * 2 * sizeof(double));
	c->X = parley__malloc((n + NC) * NC * sizeof(double));
	c->y = parley__malloc((n + NC) * sizeof(double));
	c->excl = parley__calloc(n, 1);
	c->rank = parley__malloc(n * sizeof(size_t));
	c->ofold = parley__malloc(n * sizeof(size_t));
	c->ipred[0] = parley__calloc(n, sizeof(double));
	c->ipred[1] = parley__calloc(n, sizeof(double));
	if (!c->row_issue || !c->prop || !c->pstart || !c->prow || !c->FX || !c->Y || !c->Z || !c->DM ||
	    !c->X || !c->y || !c->excl || !c->rank || !c->ofold || !c->ipred[0] || !c->ipred[1])
		return PARLEY_ENOMEM;
	c->cand_start = bt->cand_start;
	c->cand_x = bt->cand_x;
	c->cand_cap = bt->cand_cap;
	c->cand_flags = bt->cand_flags;
	for (i = 0; i < bt->issue_count; i++) {
		const parley_backtest_issue *is = &bt->issues[i];
		double *fx, mid;
		if (is->skip)
			continue;
		r = c->rows++;
		c->row_issue[r] = i;
		c->prop[r] = bt->pid[i];
		fx = c->FX + r * NF;
		for (j = 0; j < NF; j++)
			fx[j] = feature_value(bt, i, j);
		mid = (fx[PARLEY_BT_FEATURE_PIVOT_LO] + fx[PARLEY_BT_FEATURE_PIVOT_HI]) / 2;
		c->DM[r * 2] = fx[PARLEY_BT_FEATURE_MEAN] - mid;
		c->DM[r * 2 + 1] = fx[PARLEY_BT_FEATURE_EP] - mid;
		memcpy(c->Z + r * NZ, bt->cov + i * NCV + CV_Z, NZ * sizeof(double));
		c->Z[r * NZ + PARLEY_BT_COV_WIDTH] = fx[PARLEY_BT_FEATURE_PIVOT_HI] - fx[PARLEY_BT_FEATURE_PIVOT_LO];
		c->Y[r] = is->outcome;
	}
	c->P = bt->proposals;
	for (r = 0; r < c->rows; r++)
		c->pstart[c->prop[r] + 1]++;
	for (q = 0; q < c->P; q++)
		c->pstart[q + 1] += c->pstart[q];
	for (q = 0; q < c->P; q++)
		c->rank[q] = 0; /* fill counters */
	for (r = 0; r < c->rows; r++)
		c->prow[c->pstart[c->prop[r]] + c->rank[c->prop[r]]++] = r;
	/* outer folds: proposal q alone (leave one out), or q mod K */
	K = bt->opts.blend_outer_folds;
	c->G = K == 0 || K > c->P ? c->P : K;
	for (q = 0; q < c->P; q++)
		c->ofold[q] = q % c->G;
	return 0;
}

/* The penalties of the options: the leading positive entries. */
static size_t lambda_grid(const parley_backtest_options *o)
{
	size_t n = 0;
	while (n < PARLEY_BT_LAMBDA_MAX && o->blend_lambdas[n] > 0)
		n++;
	return n;
}

/* The inner cross-validation forecasts of the selection just made, for
 * the snapping model: choose_mask and choose_lambda left them in ipred[1];
 * the fixed blend computes them here (every feature, no penalty). */
static const double *inner_forecasts(blend_ctx *c, int fixed, unsigned mask, size_t outer, size_t K)
{
	if (fixed) {
		inner_cv_mae(c, mask, 0.0, outer, K);
		keep_inner(c);
	}
	return c->ipred[1];
}

/* Widen the ranges [lo[t], hi[t]] to hold v[t], t < n. */
static void widen(double *lo, double *hi, const double *v, size_t n)
{
	size_t t;
	for (t = 0; t < n; t++) {
		if (v[t] < lo[t]) lo[t] = v[t];
		if (v[t] > hi[t]) hi[t] = v[t];
	}
}

/* The blend stage's state between steps: step 0 selects and fits on every
 * scored issue, step 1 + g cross-validates outer fold g. */
struct blend_run {
	blend_ctx c;
	size_t counts[1u << NF]; /* folds choosing each subset (nested) */
	size_t held;             /* held-out forecasts so far */
	double unsnapped;        /* their absolute errors before snapping */
};

static void blend_run_free(parley_backtest *bt)
{
	if (bt->br) {
		blend_ctx_free(&bt->br->c);
		parley__free(bt->br);
		bt->br = NULL;
	}
}

/* Step 0: the selection and the fit on every scored issue (what the
 * result reports as the blend's weights). */
static void blend_full(parley_backtest *bt)
{
	parley_backtest_blend *bl = &bt->blend;
	const parley_backtest_options *o = &bt->opts;
	blend_ctx *c = &bt->br->c;
	const int nested = o->blend_select == PARLEY_BT_SELECT_NESTED;
	const int penalized = o->blend_select == PARLEY_BT_SELECT_PENALIZED;
	const size_t nl = penalized ? lambda_grid(o) : 0;
	const double *ib = NULL;
	size_t j, li = 0;
	blend_fit f;

	bl->features = o->blend_features;
	bl->select = o->blend_select;
	bl->inner_folds = o->blend_inner_folds;
	bl->outer_folds = o->blend_outer_folds;
	bl->chosen = o->blend_features;
	bl->chosen_lopo_mae = NAN;
	bl->lambda = NAN;
	bl->lambda_count = nl;
	bl->snap = o->blend_snap;
	bl->computed = 1;
	memcpy(bl->lambdas, o->blend_lambdas, nl * sizeof(double));
	if (nested && c->rows)
		bl->chosen = choose_mask(c, o->blend_features, SIZE_MAX, 0, &bl->chosen_lopo_mae);
	if (penalized && c->rows)
		li = choose_lambda(c, o->blend_features, o->blend_lambdas, nl, SIZE_MAX, o->blend_inner_folds);
	if (o->blend_snap == PARLEY_BT_SNAP_NEAREST && c->rows)
		ib = inner_forecasts(c, !nested && !penalized, bl->chosen, SIZE_MAX, o->blend_inner_folds);
	memset(c->excl, 0, c->P + 1);
	bl->fitted = fit_blend(c, bl->chosen, li ? o->blend_lambdas[li - 1] : 0.0, &f);
	if (ib)
		bl->snap_fitted = fit_snap(c, ib, bl->snap_coef);
	memcpy(bl->weights, f.w, sizeof(bl->weights));
	if (penalized) {
		bl->lambda = li ? o->blend_lambdas[li - 1] : INFINITY;
		memcpy(bl->interactions, f.w + NF, sizeof(bl->interactions));
		memcpy(bl->z_mean, f.mu, sizeof(bl->z_mean));
		memcpy(bl->z_sd, f.sd, sizeof(bl->z_sd));
	}
	for (j = 0; j < NF; j++) {
		bl->fold_min[j] = HUGE_VAL;
		bl->fold_max[j] = -HUGE_VAL;
	}
	for (j = 0; j < NT; j++) {
		bl->snap_fold_min[j] = HUGE_VAL;
		bl->snap_fold_max[j] = -HUGE_VAL;
	}
}

/* Outer fold g: its proposals' issues are predicted by the weights fitted
 * on every other proposal (nested: with the subset, penalized: with the
 * penalty the inner cross-validation of those other proposals chose), then
 * snapped by the model fitted on those other proposals' inner
 * cross-validation forecasts. With leave one proposal out, fold g is
 * proposal g. */
static void blend_fold(parley_backtest *bt, size_t g)
{
	parley_backtest_blend *bl = &bt->blend;
	const parley_backtest_options *o = &bt->opts;
	struct blend_run *br = bt->br;
	blend_ctx *c = &br->c;
	const int nested = o->blend_select == PARLEY_BT_SELECT_NESTED;
	const int penalized = o->blend_select == PARLEY_BT_SELECT_PENALIZED;
	const int snap = o->blend_snap == PARLEY_BT_SNAP_NEAREST;
	const size_t nl = penalized ? lambda_grid(o) : 0;
	const double *ib = NULL;
	unsigned mask;
	size_t q, j, k, li;
	double sw[NT];
	blend_fit f;
	int moved;

	memset(sw, 0, sizeof(sw));
	mask = nested ? choose_mask(c, o->blend_features, g, o->blend_inner_folds, NULL) : o->blend_features;
	li = penalized ? choose_lambda(c, o->blend_features, o->blend_lambdas, nl, g, o->blend_inner_folds) : 0;
	if (snap)
		ib = inner_forecasts(c, !nested && !penalized, mask, g, o->blend_inner_folds);
	br->counts[mask]++;
	if (penalized)
		bl->fold_lambda[li]++;
	for (j = 0; j < c->P; j++)
		c->excl[j] = (unsigned char)(c->ofold[j] == g);
	bl->folds++;
	if (!fit_blend(c, mask, li ? o->blend_lambdas[li - 1] : 0.0, &f))
		bl->folds_unfitted++;
	if (snap && fit_snap(c, ib, sw))
		widen(bl->snap_fold_min, bl->snap_fold_max, sw, NT);
	else if (snap)
		bl->snap_folds_unfitted++;
	for (j = 0; j < NF; j++)
		if (mask >> j & 1u)
			bl->fold_chose[j]++;
	widen(bl->fold_min, bl->fold_max, f.w, NF);
	for (q = g; q < c->P; q += c->G)
		for (k = c->pstart[q]; k < c->pstart[q + 1]; k++) {
			size_t r = c->prow[k];
			double b = predict_row(c, r, &f), y = snap ? snap_row(c, r, b, sw, &moved) : b;
			br->unsnapped += fabs(b - c->Y[r]);
			br->held++;
			if (snap && moved) {
				bl->snapped++;
				bl->snapped_exact += y == c->Y[r];
			}
			put(bt, c->row_issue[r], PARLEY_BT_BLEND, 1, y, PARLEY_BT_SKIP_NONE);
		}
}

/* After the last fold: the modal subset, empty ranges as NaN. */
static void blend_finish(parley_backtest *bt)
{
	parley_backtest_blend *bl = &bt->blend;
	const int snap = bt->opts.blend_snap == PARLEY_BT_SNAP_NEAREST;
	struct blend_run *br = bt->br;
	unsigned mask;
	size_t j;

	bl->unsnapped_mae = br->held ? br->unsnapped / (double)br->held : NAN;
	bl->fold_modal = bl->chosen;
	bl->fold_modal_count = 0;
	for (mask = 1; mask < (1u << NF); mask++)
		if (br->counts[mask] > bl->fold_modal_count) {
			bl->fold_modal = mask;
			bl->fold_modal_count = br->counts[mask];
		}
	if (!bl->folds)
		for (j = 0; j < NF; j++)
			bl->fold_min[j] = bl->fold_max[j] = NAN;
	if (!snap || bl->snap_folds_unfitted == bl->folds)
		for (j = 0; j < NT; j++)
			bl->snap_fold_min[j] = bl->snap_fold_max[j] = snap ? NAN : 0.0;
	blend_run_free(bt);
}

/* ------------------------------------------------------------------ */
/* scores and the bootstrap                                             */
/* ------------------------------------------------------------------ */

enum { ST_MAE, ST_RMSE, ST_MEDIAN, ST_W10, ST_W20, ST_COUNT };

/* Scores of the n errors in e (absolute values; sorted in place). */
static void score(double *st, double *e, size_t n)
{
	double sum = 0, sq = 0;
	size_t i, w10 = 0, w20 = 0;

	for (i = 0; i < n; i++) {
		sum += e[i];
		sq += e[i] * e[i];
		w10 += e[i] <= 10.0;
		w20 += e[i] <= 20.0;
	}
	qsort(e, n, sizeof(double), cmp_double);
	st[ST_MAE] = sum / (double)n;
	st[ST_RMSE] = sqrt(sq / (double)n);
	st[ST_MEDIAN] = quantile_sorted(e, n, 0.5);
	st[ST_W10] = (double)w10 / (double)n;
	st[ST_W20] = (double)w20 / (double)n;
}

static void set_stats(parley_backtest_stats *s, const double *st)
{
	s->mae = st[ST_MAE];
	s->rmse = st[ST_RMSE];
	s->median_ae = st[ST_MEDIAN];
	s->within10 = st[ST_W10];
	s->within20 = st[ST_W20];
}

static double *ci_of(parley_backtest_stats *s, int k)
{
	switch (k) {
	case ST_MAE: return s->mae_ci95;
	case ST_RMSE: return s->rmse_ci95;
	case ST_MEDIAN: return s->median_ae_ci95;
	case ST_W10: return s->within10_ci95;
	default: return s->within20_ci95;
	}
}

/* The bootstrap stage's state between steps: step 0 scores every needed
 * model on every scored issue, step 1 + r draws resample r. */
struct boot_run {
	size_t P, bufcap;
	size_t *pstart;    /* P + 1: proposal j's issues are pissues[pstart[j] .. pstart[j + 1]) */
	size_t *pissues;
	size_t *draw;      /* P: the proposals of a resample */
	size_t *nres;      /* bt->nb: resamples in which the model had an issue */
	double *err;       /* issue_count x bt->nb: absolute errors */
	double *buf;       /* errors of one model in one resample */
	double *boot;      /* bt->nb x ST_COUNT x R: each statistic of each resample */
	double *ratio;     /* R: the blend's MAE over the compromise model's */
};

static void boot_run_free(parley_backtest *bt)
{
	struct boot_run *br = bt->boot;
	if (!br)
		return;
	parley__free(br->pstart);
	parley__free(br->pissues);
	parley__free(br->draw);
	parley__free(br->nres);
	parley__free(br->err);
	parley__free(br->buf);
	parley__free(br->boot);
	parley__free(br->ratio);
	parley__free(br);
	bt->boot = NULL;
}

/* Step 0: every needed model's scores on every scored issue; the
 * proposals' issues for the resamples. */
static int boot_begin(parley_backtest *bt)
{
	const size_t R = bt->opts.resamples, P = bt->proposals;
	struct boot_run *br;
	size_t i, j, m, k, *fill;
	double st[ST_COUNT];

	br = bt->boot = parley__calloc(1, sizeof(*br));
	if (!br)
		return PARLEY_ENOMEM;
	br->P = P;
	br->pstart = parley__calloc(P + 2, sizeof(size_t));
	br->pissues = parley__malloc((bt->issue_count + 1) * sizeof(size_t));
	br->err = parley__malloc((bt->issue_count + 1) * bt->nb * sizeof(double));
	br->bufcap = bt->issue_count + 1;
	br->buf = parley__malloc(br->bufcap * sizeof(double));
	if (!br->pstart || !br->pissues || !br->err || !br->buf)
		return PARLEY_ENOMEM;
	for (i = 0; i < bt->issue_count; i++) {
		if (bt->issues[i].skip)
			continue;
		for (m = 0; m < bt->nb; m++)
			br->err[i * bt->nb + m] = fabs(bt->pred[i * bt->nb + m] - bt->issues[i].outcome);
		br->pstart[bt->pid[i] + 1]++;
	}
	for (j = 0; j < P; j++)
		br->pstart[j + 1] += br->pstart[j];
	fill = parley__calloc(P + 1, sizeof(size_t));
	if (!fill)
		return PARLEY_ENOMEM;
	for (i = 0; i < bt->issue_count; i++)
		if (!bt->issues[i].skip)
			br->pissues[br->pstart[bt->pid[i]] + fill[bt->pid[i]]++] = i;
	parley__free(fill);

	/* Point estimates on every scored issue. */
	for (m = 0; m < bt->nb; m++) {
		parley_backtest_stats *s = &bt->stats[m];
		size_t n = 0;
		s->model = (parley_backtest_model)m;
		s->reported = !bt->opts.models || (bt->opts.models >> m & 1u);
		for (i = 0; i < bt->issue_count && (bt->need >> m & 1u); i++) {
			if (bt->issues[i].skip)
				continue;
			if (bt->skip[i * bt->nb + m])
				s->skipped[bt->skip[i * bt->nb + m]]++;
			else
				br->buf[n++] = br->err[i * bt->nb + m];
		}
		s->n = n;
		if (n) {
			score(st, br->buf, n);
			set_stats(s, st);
		} else {
			s->mae = s->rmse = s->median_ae = s->within10 = s->within20 = NAN;
		}
		for (k = 0; k < ST_COUNT; k++)
			ci_of(s, (int)k)[0] = ci_of(s, (int)k)[1] = NAN;
	}
	if (bt->stats[PARLEY_BT_COMPROMISE].n && bt->stats[PARLEY_BT_BLEND].n) {
		bt->blend.cv_mae = bt->stats[PARLEY_BT_BLEND].mae;
		bt->blend.compromise_mae = bt->stats[PARLEY_BT_COMPROMISE].mae;
		bt->blend.ratio = bt->blend.cv_mae / bt->blend.compromise_mae;
		bt->blend.goal_met = bt->blend.ratio <= 0.9;
	} else {
		bt->blend.cv_mae = bt->blend.compromise_mae = bt->blend.ratio = NAN;
	}
	bt->blend.ratio_ci95[0] = bt->blend.ratio_ci95[1] = NAN;
	if (R == 0 || P == 0)
		return 0;
	br->draw = parley__malloc(P * sizeof(size_t));
	br->boot = parley__malloc(R * bt->nb * ST_COUNT * sizeof(double));
	br->ratio = parley__malloc(R * sizeof(double));
	br->nres = parley__calloc(bt->nb, sizeof(size_t));
	return br->draw && br->boot && br->ratio && br->nres ? 0 : PARLEY_ENOMEM;
}

/* Step 1 + r: resample r draws P proposals with replacement from its own
 * stream; every needed model is scored on the same draw. */
static int boot_resample(parley_backtest *bt, size_t r)
{
	struct boot_run *br = bt->boot;
	const size_t R = bt->opts.resamples, P = br->P;
	uint64_t state = mix64(bt->opts.seed) ^ mix64(UINT64_C(0x9E3779B97F4A7C15) * (r + 1));
	size_t total = 0, j, m, k, i;
	double mae_blend = NAN, mae_comp = NAN, st[ST_COUNT];

	if (P == 0)
		return 0;
	for (j = 0; j < P; j++) {
		br->draw[j] = uniform_below(&state, P);
		total += br->pstart[br->draw[j] + 1] - br->pstart[br->draw[j]];
	}
	if (total > br->bufcap) {
		double *nb = parley__realloc(br->buf, total * sizeof(double));
		if (!nb)
			return PARLEY_ENOMEM;
		br->buf = nb;
		br->bufcap = total;
	}
	for (m = 0; m < bt->nb; m++) {
		size_t n = 0;
		if (!(bt->need >> m & 1u))
			continue;
		for (j = 0; j < P; j++)
			for (k = br->pstart[br->draw[j]]; k < br->pstart[br->draw[j] + 1]; k++) {
				i = br->pissues[k];
				if (!bt->skip[i * bt->nb + m])
					br->buf[n++] = br->err[i * bt->nb + m];
			}
		if (!n)
			continue;
		score(st, br->buf, n);
		for (k = 0; k < ST_COUNT; k++)
			br->boot[(m * ST_COUNT + k) * R + br->nres[m]] = st[k];
		br->nres[m]++;
		if (m == PARLEY_BT_BLEND)
			mae_blend = st[ST_MAE];
		if (m == PARLEY_BT_COMPROMISE)
			mae_comp = st[ST_MAE];
	}
	br->ratio[r] = mae_blend / mae_comp;
	return 0;
}

/* After the last resample: the percentile intervals. */
static void boot_finish(parley_backtest *bt)
{
	struct boot_run *br = bt->boot;
	const size_t R = bt->opts.resamples;
	size_t m, k;

	for (m = 0; R && br->P && m < bt->nb; m++) {
		parley_backtest_stats *s = &bt->stats[m];
		s->resamples_used = br->nres[m];
		if (!br->nres[m])
			continue;
		for (k = 0; k < ST_COUNT; k++) {
			double *v = &br->boot[(m * ST_COUNT + k) * R], *ci = ci_of(s, (int)k);
			qsort(v, br->nres[m], sizeof(double), cmp_double);
			ci[0] = quantile_sorted(v, br->nres[m], 0.025);
			ci[1] = quantile_sorted(v, br->nres[m], 0.975);
		}
	}
	if (R && br->P && br->nres[PARLEY_BT_BLEND] == R && br->nres[PARLEY_BT_COMPROMISE] == R) {
		qsort(br->ratio, R, sizeof(double), cmp_double);
		bt->blend.ratio_ci95[0] = quantile_sorted(br->ratio, R, 0.025);
		bt->blend.ratio_ci95[1] = quantile_sorted(br->ratio, R, 0.975);
	}
	boot_run_free(bt);
}

/* ------------------------------------------------------------------ */
/* running                                                              */
/* ------------------------------------------------------------------ */

static double table_mean(const parley_backtest_council *t, parley_backtest_capability cap)
{
	const double *col = council_column(t, cap);
	double s = 0;
	size_t i;
	if (cap == PARLEY_BT_CAP_EQUAL)
		return 1.0;
	for (i = 0; i < t->n; i++)
		s += col[i];
	return s / (double)t->n;
}

static int check_options(const parley_backtest_options *o, const parley_backtest_data *d)
{
	size_t i;

	if (o->version != PARLEY_BACKTEST_OPTIONS_VERSION)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_backtest_run: options version %u (expected %d)", o->version,
			PARLEY_BACKTEST_OPTIONS_VERSION);
	if (o->models >> parley_backtest_model_count())
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_backtest_run: unknown model bits in 0x%x", o->models);
	if ((unsigned)o->capability > PARLEY_BT_CAP_DATA || (unsigned)o->blank_salience > PARLEY_BT_SALIENCE_DROP)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "parley_backtest_run: bad option value");
	if (!(o->com_capability < 1e300) || !(o->ep_capability < 1e300) || isnan(o->com_capability) ||
	    isnan(o->ep_capability))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_backtest_run: the Commission's and Parliament's capabilities must be finite");
	if (o->resamples > 10000000)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_backtest_run: %zu resamples (at most 10000000)", o->resamples);
	if (!(o->median_rel_tol >= 0 && o->median_rel_tol < 1) || !(o->nbs_tol > 0 && o->nbs_tol < 1) ||
	    !(o->blend_floor > 0 && o->blend_floor < 1e300) || o->blend_iterations > 100000 ||
	    !o->blend_features || o->blend_features >> NF ||
	    (unsigned)o->blend_select > PARLEY_BT_SELECT_PENALIZED || o->blend_inner_folds > 1000000 ||
	    (unsigned)o->blend_snap > PARLEY_BT_SNAP_NEAREST)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_backtest_run: a tolerance or iteration count is out of range");
	if (o->blend_outer_folds == 1 || o->blend_outer_folds > 1000000 || !(o->max_work >= 0))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_backtest_run: outer folds %zu (0, or 2 to 1000000) or work limit %g (>= 0) "
			"out of range", o->blend_outer_folds, o->max_work);
	for (i = 0; i < PARLEY_BT_LAMBDA_MAX; i++)
		if (!(o->blend_lambdas[i] >= 0 && o->blend_lambdas[i] < 1e300))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"parley_backtest_run: penalty %g is not a finite number >= 0", o->blend_lambdas[i]);
	if (d->layout == PARLEY_BACKTEST_DEU) {
		if (o->capability == PARLEY_BT_CAP_DATA)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"the DEU layout has no capability column: use votes, banzhaf, shapley or equal");
		if (!o->eu15 || !o->eu27)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"the DEU layout needs the EU-15 and EU-27 Council tables");
	} else if (o->capability != PARLEY_BT_CAP_DEFAULT && o->capability != PARLEY_BT_CAP_DATA &&
		   o->capability != PARLEY_BT_CAP_EQUAL) {
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"the long layout carries its own capabilities: use the data's column or equal");
	}
	return 0;
}

/* Proposal keys in sorted order, ties by issue (proposal_ids). */
typedef struct {
	const char *key;
	size_t issue;
} prop_key;

static int cmp_prop_key(const void *a, const void *b)
{
	const prop_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->issue > y->issue) - (x->issue < y->issue);
}

/* pid[i] of every scored issue: its proposal's index in order of first
 * appearance among the scored issues; bt->proposals their number. By
 * sorting the keys, so O(n log n) in the issues. */
static int proposal_ids(parley_backtest *bt)
{
	prop_key *k = parley__malloc((bt->used + 1) * sizeof(prop_key));
	size_t *first = parley__malloc((bt->issue_count + 1) * sizeof(size_t));
	size_t i, j, n = 0;

	if (!k || !first) {
		parley__free(k);
		parley__free(first);
		return PARLEY_ENOMEM;
	}
	for (i = 0; i < bt->issue_count; i++)
		if (!bt->issues[i].skip) {
			k[n].key = bt->issues[i].proposal;
			k[n++].issue = i;
		}
	qsort(k, n, sizeof(*k), cmp_prop_key);
	for (i = 0; i < n; i = j)
		for (j = i; j < n && !strcmp(k[j].key, k[i].key); j++)
			first[k[j].issue] = k[i].issue; /* the group's smallest issue index */
	bt->proposals = 0;
	for (i = 0; i < bt->issue_count; i++)
		if (!bt->issues[i].skip)
			bt->pid[i] = first[i] == i ? bt->proposals++ : bt->pid[first[i]];
	parley__free(k);
	parley__free(first);
	return 0;
}

/* Operations of one least-absolute-deviations fit: `iters` + 1 reweighted
 * least-squares steps, each forming the normal equations of m rows of k
 * columns (k (k + 1) / 2 multiply-adds a row, 3 k for the residual, the
 * weight and the loss) and solving them (k^3 / 3). */
static double fit_work(double m, size_t k, size_t iters)
{
	double kk = (double)k;
	return (double)(iters + 1) * (m * (kk * (kk + 1) / 2 + 3 * kk) + kk * kk * kk / 3);
}

/* One inner cross-validation (inner_cv_mae) on `train` rows of `P`
 * proposals, k columns and `extra` pseudo-rows of the penalty. */
static double cv_work(const parley_backtest_options *o, double train, size_t P, size_t k, size_t extra)
{
	size_t K = o->blend_inner_folds, groups = K == 0 || K > P ? P : K;
	return groups ? (double)groups * fit_work(train * (double)(groups - 1) / (double)groups +
		(double)extra, k, o->blend_iterations) : 0.0;
}

/* The selection and fit of one fold (blend_full, blend_fold) on `train`
 * rows of `P` proposals. */
static double selection_work(const parley_backtest_options *o, double train, size_t P)
{
	const size_t kf = popcount_u(o->blend_features), nl = lambda_grid(o);
	double w = 0;
	unsigned mask;

	switch (o->blend_select) {
	case PARLEY_BT_SELECT_FIXED:
		if (o->blend_snap == PARLEY_BT_SNAP_NEAREST)
			w = cv_work(o, train, P, kf, 0);
		return w + fit_work(train, kf, o->blend_iterations);
	case PARLEY_BT_SELECT_NESTED:
		for (mask = 1; mask <= o->blend_features; mask++)
			if (!(mask & ~o->blend_features))
				w += cv_work(o, train, P, popcount_u(mask), 0);
		return w + fit_work(train, kf, o->blend_iterations);
	default:
		w = cv_work(o, train, P, kf, 0) + (double)nl * cv_work(o, train, P, kf + 2 * NZ, 2 * NZ);
		return w + fit_work(train + 2 * NZ, nl ? kf + 2 * NZ : kf, o->blend_iterations);
	}
}

/* The estimated work of the blend (its fit on every scored issue and each
 * outer fold's) and of the bootstrap (sorting every needed model's errors
 * in every resample: n (log2 n + 2) each). Upper bounds: every fit is
 * counted with all its reweighting steps. */
static void estimate_work(parley_backtest *bt)
{
	const parley_backtest_options *o = &bt->opts;
	double n = (double)bt->used, per = 0;
	size_t m;

	bt->work[0] = bt->work[1] = 0;
	if (bt->br && bt->br->c.P) {
		const blend_ctx *c = &bt->br->c;
		double rows = (double)c->rows, G = (double)c->G;
		size_t held = c->P / c->G; /* proposals an outer fold leaves out (at least) */
		bt->work[0] = selection_work(o, rows, c->P) +
			G * selection_work(o, rows * (G - 1) / G, c->P - held);
	}
	for (m = 0; m < bt->nb; m++)
		if (bt->need >> m & 1u)
			per += n * (log2(n > 2 ? n : 2) + 2);
	bt->work[1] = per * (double)(o->resamples + 1);
}

int parley_backtest_create(parley_backtest **out, const parley_backtest_data *d,
	const parley_backtest_options *opts)
{
	parley_backtest_options defaults = PARLEY_BACKTEST_OPTIONS_INIT;
	parley_backtest *bt;
	scratch sc;
	size_t i, maxn = 1;
	int rc = 0;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(d);
	if (!opts)
		opts = &defaults;
	if ((rc = check_options(opts, d)) < 0)
		return rc;
	bt = parley__calloc(1, sizeof(*bt));
	if (!bt)
		return PARLEY_ENOMEM;
	bt->opts = *opts;
	bt->nb = parley_backtest_model_count();
	for (i = 0; i < bt->nb; i++)
		bt->type[i] = bt_model(i);
	bt->need = opts->models ? opts->models : (1u << bt->nb) - 1;
	if (bt->need >> PARLEY_BT_BLEND & 1u)
		bt->need |= 1u << PARLEY_BT_COMPROMISE; /* the blend's ratio */
	/* the models run: those needed, the mean and the compromise (the
	 * covariates, the institution-aware variants) and the blend's features */
	bt->run = bt->need | 1u << PARLEY_BT_MEAN | 1u << PARLEY_BT_COMPROMISE;
	if (bt->need >> PARLEY_BT_BLEND & 1u)
		bt->run |= 1u << PARLEY_BT_MEDIAN | 1u << PARLEY_BT_BDM;
	if (bt->opts.capability == PARLEY_BT_CAP_DEFAULT)
		bt->opts.capability = d->layout == PARLEY_BACKTEST_DEU ? PARLEY_BT_CAP_VOTES : PARLEY_BT_CAP_DATA;
	bt->layout = d->layout;
	memcpy(bt->sha256, d->sha256, sizeof(bt->sha256));
	memcpy(bt->outcomes_sha256, d->outcomes_sha256, sizeof(bt->outcomes_sha256));
	if (d->layout == PARLEY_BACKTEST_DEU) {
		bt->com_cap[0] = opts->com_capability >= 0 ? opts->com_capability : table_mean(opts->eu15, bt->opts.capability);
		bt->com_cap[1] = opts->com_capability >= 0 ? opts->com_capability : table_mean(opts->eu27, bt->opts.capability);
		bt->ep_cap[0] = opts->ep_capability >= 0 ? opts->ep_capability : table_mean(opts->eu15, bt->opts.capability);
		bt->ep_cap[1] = opts->ep_capability >= 0 ? opts->ep_capability : table_mean(opts->eu27, bt->opts.capability);
	}
	bt->issue_count = d->issue_count;
	bt->path = parley_arena__strndup(&bt->arena, d->path, strlen(d->path));
	bt->outcomes_path = d->outcomes_path ?
		parley_arena__strndup(&bt->arena, d->outcomes_path, strlen(d->outcomes_path)) : NULL;
	bt->issues = parley__calloc(d->issue_count + 1, sizeof(parley_backtest_issue));
	bt->pred = parley__calloc((d->issue_count + 1) * bt->nb, sizeof(double));
	bt->skip = parley__calloc((d->issue_count + 1) * bt->nb, 1);
	bt->cov = parley__calloc((d->issue_count + 1) * NCV, sizeof(double));
	bt->cand_start = parley__calloc(d->issue_count + 1, sizeof(size_t));
	bt->cand_x = parley__malloc((d->entry_count + d->issue_count + 1) * sizeof(double));
	bt->cand_cap = parley__malloc((d->entry_count + d->issue_count + 1) * sizeof(double));
	bt->cand_flags = parley__malloc(d->entry_count + d->issue_count + 1);
	bt->pid = parley__calloc(d->issue_count + 1, sizeof(size_t));
	if (!bt->path || (d->outcomes_path && !bt->outcomes_path) || !bt->issues || !bt->pred || !bt->skip ||
	    !bt->cov || !bt->cand_start || !bt->cand_x || !bt->cand_cap || !bt->cand_flags || !bt->pid) {
		parley_backtest_free(bt);
		return PARLEY_ENOMEM;
	}
	for (i = 0; i < d->issue_count; i++) {
		const parley_bt__issue *is = &d->issues[i];
		parley_backtest_issue *o = &bt->issues[i];
		o->id = parley_arena__strndup(&bt->arena, is->id, strlen(is->id));
		o->proposal = parley_arena__strndup(&bt->arena, is->proposal, strlen(is->proposal));
		if (!o->id || !o->proposal) {
			parley_backtest_free(bt);
			return PARLEY_ENOMEM;
		}
		o->line = is->line;
		o->has_outcome = is->has_out;
		o->outcome = is->out;
		o->has_reference_point = is->has_rp;
		o->reference_point = is->rp;
		if (is->count > maxn)
			maxn = is->count;
	}
	if ((rc = scratch_init(&sc, maxn)) < 0) {
		scratch_dispose(&sc);
		parley_backtest_free(bt);
		return rc;
	}
	for (i = 0; i < d->issue_count && rc == 0; i++)
		rc = run_issue(bt, d, i, &sc);
	scratch_dispose(&sc);
	for (i = 0; i < d->issue_count; i++) {
		const parley_backtest_issue *is = &bt->issues[i];
		if (is->skip) {
			bt->skipped++;
			bt->skipped_for[is->skip]++;
		} else {
			bt->used++;
			if (is->imputed) {
				bt->blank_actors += is->imputed;
				bt->blank_issues++;
			}
		}
	}
	if (rc == 0)
		rc = proposal_ids(bt);
	if (!(bt->need >> PARLEY_BT_BLEND & 1u))
		for (i = 0; i < d->issue_count; i++)
			if (!bt->issues[i].skip)
				put(bt, i, PARLEY_BT_BLEND, 0, 0, PARLEY_BT_SKIP_NOT_RUN);
	if (rc == 0 && (bt->need >> PARLEY_BT_BLEND & 1u)) {
		bt->br = parley__calloc(1, sizeof(*bt->br));
		rc = !bt->br ? PARLEY_ENOMEM : blend_ctx_init(&bt->br->c, bt);
		if (rc == 0)
			bt->total[0] = 1 + bt->br->c.G;
	}
	bt->total[1] = 1 + bt->opts.resamples;
	bt->stage = bt->total[0] ? PARLEY_BT_STAGE_BLEND : PARLEY_BT_STAGE_BOOTSTRAP;
	bt->opts.eu15 = bt->opts.eu27 = NULL;
	if (rc < 0) {
		parley_backtest_free(bt);
		return rc == PARLEY_ENOMEM ?
			parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory") : rc;
	}
	estimate_work(bt);
	if (bt->opts.max_work > 0 && bt->work[0] + bt->work[1] > bt->opts.max_work) {
		double w0 = bt->work[0], w1 = bt->work[1];
		parley_backtest_free(bt);
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"the backtest would take an estimated %.3g operations (blend %.3g, bootstrap %.3g), "
			"over the limit of %.3g", w0 + w1, w0, w1, opts->max_work);
	}
	parley_error_clear();
	*out = bt;
	return 0;
}

static const char *const stage_names[] = { "blend", "bootstrap", "done" };

const char *parley_backtest_stage_name(parley_backtest_stage st) { return TABLE_NAME(stage_names, st); }

int parley_backtest_step(parley_backtest *bt, size_t max_steps)
{
	size_t n = 0;
	int rc = 0;

	PARLEY_ASSERT_ARG(bt);
	while ((n < max_steps || n == 0) && bt->stage != PARLEY_BT_STAGE_DONE && rc == 0) {
		if (bt->stage == PARLEY_BT_STAGE_BLEND) {
			if (bt->done[0] == 0)
				blend_full(bt);
			else
				blend_fold(bt, bt->done[0] - 1);
			bt->done[0]++;
			n++;
			if (bt->done[0] == bt->total[0]) {
				blend_finish(bt);
				bt->stage = PARLEY_BT_STAGE_BOOTSTRAP;
			}
			continue;
		}
		rc = bt->done[1] == 0 ? boot_begin(bt) : boot_resample(bt, bt->done[1] - 1);
		if (rc < 0)
			break;
		bt->done[1]++;
		n++;
		if (bt->done[1] == bt->total[1]) {
			boot_finish(bt);
			bt->stage = PARLEY_BT_STAGE_DONE;
		}
	}
	if (rc < 0) {
		boot_run_free(bt);
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	}
	return 0;
}

size_t parley_backtest_remaining(const parley_backtest *bt)
{
	return bt ? bt->total[0] - bt->done[0] + bt->total[1] - bt->done[1] : 0;
}

parley_backtest_stage parley_backtest_progress(const parley_backtest *bt, size_t *done, size_t *total)
{
	parley_backtest_stage st = bt ? bt->stage : PARLEY_BT_STAGE_DONE;
	size_t k = st == PARLEY_BT_STAGE_BLEND ? 0 : 1;
	if (done)
		*done = bt ? bt->done[k] : 0;
	if (total)
		*total = bt ? bt->total[k] : 0;
	return st;
}

double parley_backtest_work_estimate(const parley_backtest *bt, parley_backtest_stage st)
{
	if (!bt)
		return 0;
	if (st == PARLEY_BT_STAGE_BLEND || st == PARLEY_BT_STAGE_BOOTSTRAP)
		return bt->work[st];
	return bt->work[0] + bt->work[1];
}

int parley_backtest_run(parley_backtest **out, const parley_backtest_data *d,
	const parley_backtest_options *opts)
{
	int rc;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	if ((rc = parley_backtest_create(out, d, opts)) < 0)
		return rc;
	if ((rc = parley_backtest_step(*out, SIZE_MAX)) < 0) {
		parley_backtest_free(*out);
		*out = NULL;
	}
	return rc;
}

void parley_backtest_free(parley_backtest *bt)
{
	if (!bt)
		return;
	parley__free(bt->issues);
	parley__free(bt->pred);
	parley__free(bt->cov);
	parley__free(bt->skip);
	parley__free(bt->cand_start);
	parley__free(bt->cand_x);
	parley__free(bt->cand_cap);
	parley__free(bt->cand_flags);
	parley__free(bt->pid);
	blend_run_free(bt);
	boot_run_free(bt);
	parley_arena__dispose(&bt->arena);
	parley__free(bt);
}

/* ------------------------------------------------------------------ */
/* accessors                                                            */
/* ------------------------------------------------------------------ */

const parley_backtest_stats *parley_backtest_model_stats(const parley_backtest *bt,
	parley_backtest_model m)
{
	return bt && (unsigned)m < bt->nb ? &bt->stats[m] : NULL;
}

const parley_backtest_blend *parley_backtest_blend_result(const parley_backtest *bt)
{
	return bt ? &bt->blend : NULL;
}

size_t parley_backtest_issue_count(const parley_backtest *bt)
{
	return bt ? bt->issue_count : 0;
}

const parley_backtest_issue *parley_backtest_issue_at(const parley_backtest *bt, size_t i)
{
	return bt && i < bt->issue_count ? &bt->issues[i] : NULL;
}

int parley_backtest_prediction(double *out, parley_backtest_skip *skip,
	const parley_backtest *bt, size_t i, parley_backtest_model m)
{
	parley_backtest_skip why;
	if (!bt || i >= bt->issue_count || (unsigned)m >= bt->nb) {
		if (skip)
			*skip = PARLEY_BT_SKIP_NONE;
		return 0;
	}
	why = (parley_backtest_skip)bt->skip[i * bt->nb + m];
	if (skip)
		*skip = why;
	if (why != PARLEY_BT_SKIP_NONE)
		return 0;
	if (out)
		*out = bt->pred[i * bt->nb + m];
	return 1;
}

size_t parley_backtest_issues_used(const parley_backtest *bt) { return bt ? bt->used : 0; }
size_t parley_backtest_issues_skipped(const parley_backtest *bt) { return bt ? bt->skipped : 0; }

size_t parley_backtest_skipped_for(const parley_backtest *bt, parley_backtest_skip reason)
{
	return bt && (unsigned)reason < PARLEY_BT_SKIP_COUNT ? bt->skipped_for[reason] : 0;
}

size_t parley_backtest_blank_saliences(const parley_backtest *bt, size_t *issues)
{
	if (issues)
		*issues = bt ? bt->blank_issues : 0;
	return bt ? bt->blank_actors : 0;
}

size_t parley_backtest_proposal_count(const parley_backtest *bt) { return bt ? bt->proposals : 0; }

const parley_backtest_options *parley_backtest_options_used(const parley_backtest *bt)
{
	return bt ? &bt->opts : NULL;
}

const char *parley_bt__path(const parley_backtest *bt, int outcomes, const char **sha)
{
	*sha = outcomes ? bt->outcomes_sha256 : bt->sha256;
	return outcomes ? bt->outcomes_path : bt->path;
}

parley_backtest_layout parley_bt__layout(const parley_backtest *bt, double *com, double *ep)
{
	com[0] = bt->com_cap[0];
	com[1] = bt->com_cap[1];
	ep[0] = bt->ep_cap[0];
	ep[1] = bt->ep_cap[1];
	return bt->layout;
}
