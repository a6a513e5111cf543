/*
 * model_internal.h - the model type's functions and the one model table
 * (models.c): what a model file defines, and what the forecast, the
 * feasibility of venues and stages, and the Monte Carlo runner call.
 *
 * A model is one file under src/lib/models/ that defines one
 * parley_model_type (parley/models.h) with a `struct parley_model_ops`;
 * models.c lists it. Callers never name a model: they loop over the table
 * and call these hooks, so adding a model is its file and one line in the
 * table (docs/models.md, "Adding a model").
 */
#ifndef PARLEY_MODEL_INTERNAL_H
#define PARLEY_MODEL_INTERNAL_H

#include <math.h>
#include "scenario_internal.h"
#include "parley/models.h"

/* Most models the table may hold (stack arrays of results are this long;
 * the selection is a mask of unsigned bits). */
#define PARLEY__MODEL_MAX 16

/* Scratch arrays sized for every actor of the scenario, allocated once per
 * call and never inside a model loop, plus each model's own workspace
 * (a slot per model that has one, grown by its ws_fit hook). */
typedef struct parley_model_ws {
	double *x, *c, *sal, *w, *a;
	double *tmp;                    /* scratch of a model (pivot-mid) */
	size_t *idx;
	size_t *actor;                  /* scenario index of each gathered actor */
	const parley_model_type *own_type[PARLEY__MODEL_MAX]; /* whose each slot is, or NULL */
	void *own[PARLEY__MODEL_MAX];   /* that model's workspace, or NULL */
	size_t own_n[PARLEY__MODEL_MAX];/* actors it was sized for */
} parley_model_ws;

/* One model run on one issue: the n actors gathered in ws (positions x,
 * capabilities c, saliences sal on 0-1, weights w = c sal), the status quo
 * *q (NULL: none), the options, and where to keep what outlives the call
 * (arena NULL: keep nothing, as the Monte Carlo runner and the stages do). */
typedef struct {
	const parley_scenario *s;       /* NULL in the backtest (an issue of a data set): a model
	                                   that reads the scenario says so in its needs */
	size_t issue;
	const parley_issue *is;
	const double *q;
	size_t n;
	const unsigned char *member;    /* the venue's members (NULL: every actor) */
	const parley_forecast_options *o;
	parley_model_ws *ws;
	parley_arena *arena;
} parley_model_call;

/* Number formatting of the text table, given by the output layer. */
typedef int (*parley_model_fmt)(parley_buf *b, double v, int dec);

struct parley_model_ops {
	/* One issue: fill res->forecast (and the model's extras) or return the
	 * model's error (a parley__error() message). NULL for a model that runs
	 * on every issue at once (run_all). */
	int (*run)(parley_model_result *res, const parley_model_call *c);
	/* Every issue at once (PARLEY_MODEL_NEEDS_ALL_ISSUES): res[i * stride]
	 * for issue i, with *extra (in the arena) for the forecast's accessors. */
	int (*run_all)(parley_model_result *res, size_t stride, const parley_scenario *s,
		const parley_forecast_options *o, parley_arena *arena, const void **extra);
	/* The model's own workspace for n actors in *own (sized *own_n), freed
	 * by ws_free; NULL when the shared arrays of parley_model_ws suffice. */
	int (*ws_fit)(void **own, size_t *own_n, size_t n);
	void (*ws_free)(void *own);
	/* Rendering of the extras: JSON members after "zone" (", \"k\": v"),
	 * the CSV columns status,tie,interval_lo,interval_hi (three commas),
	 * whether the text table has a note, and the note (after `sep`). NULL:
	 * nothing (CSV: empty columns). */
	int (*json)(parley_buf *b, const parley_scenario *s, const parley_model_result *r);
	int (*csv)(parley_buf *b, const parley_model_result *r);
	int (*text_has_note)(const parley_model_result *r);
	int (*text_note)(parley_buf *b, const parley_model_result *r, int dec, parley_model_fmt fmt,
		const char *sep);
	/* Monte Carlo of a whole-scenario model: a workspace for scenario s
	 * (mc_alloc/mc_free) and one draw's outcomes, out[i] per issue (NAN
	 * where it has none), run on the draw's copy of the scenario. */
	int (*mc_alloc)(void **mws, const parley_scenario *s);
	void (*mc_free)(void *mws);
	int (*mc_draw)(void *mws, double *out, const parley_scenario *s,
		const parley_forecast_options *o, parley_model_ws *ws);
};

/* The workspace: arrays for `actors` actors; dispose frees every model's own. */
int parley_models__ws_init(parley_model_ws *ws, size_t actors);
void parley_models__ws_dispose(parley_model_ws *ws);

/* Gather the stances of issue `issue` of the actors present on it (and
 * with member[k] set, when member is not NULL). Returns their count. */
size_t parley_models__ws_gather(parley_model_ws *ws, const parley_scenario *s, size_t issue,
	const unsigned char *member);

/* The model's workspace of n actors (its ws_fit hook), or NULL with an error. */
int parley_models__own(void **out, parley_model_ws *ws, const parley_model_type *t, size_t n);

/* Run model t on the call's actors into res: its error with res->message set
 * (static text for the expected failures, else NULL: see parley_error_last),
 * a non-finite forecast refused, the zone found. */
int parley_models__run_one(parley_model_result *res, const parley_model_type *t,
	const parley_model_call *c);

/* Run the models of mask `models` that run per issue over the members of
 * `issue` present (member NULL: every actor) from status quo *q (NULL: none)
 * into out[id] (parley_model_count() results; whole-scenario models get the
 * message of their scope); strings and extras go to `arena`. Returns 0 or
 * PARLEY_ENOMEM. */
int parley_models__run_set(parley_model_result *out, const parley_scenario *s, size_t issue,
	const unsigned char *member, const double *q, unsigned models,
	const parley_forecast_options *o, parley_model_ws *ws, parley_arena *arena);

/* The zone of issue `is` that y falls in, or NULL. */
const char *parley_models__zone(const parley_issue *is, double y);

/* Messages of the expected failures. */
extern const char parley_models__msg_zero_weight[];

/* Validation shared by the models on arrays (check.c; models.md section 0). */
int parley_models__check_values(const char *fn, const char *what, const double *v, size_t n,
	int nonneg);
int parley_models__weight_exponent(const double *v, size_t n, int *all_zero);
double parley_models__pow2_neg(int e);
static inline double parley_models__scaled(double v, int e, double scale)
{
	return scale != 0.0 ? v * scale : ldexp(v, -e);
}
int parley_models__check_weighted(const char *fn, const double *x, const double *w, size_t n,
	int *e, double *scale, double *xr);

/* The qualified-majority pivots of n members at x with votes v (pivot_mid.c):
 * *lo the largest position such that the members at or above it hold at
 * least the share num / den of the votes, *hi the smallest such that those
 * at or below it do. */
void parley_models__qmv_pivots(double *lo, double *hi, const double *x, const double *v, size_t n,
	double num, double den);

#endif
