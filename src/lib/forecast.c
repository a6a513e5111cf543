/*
 * forecast.c - runs the one-issue models of models.c over every issue of a
 * scenario (the actors present on the issue, salience rescaled from 0-100
 * to 0-1) and keeps the results; the model table lives here.
 */
#include <math.h>
#include <string.h>
#include "scenario_internal.h"
#include "parley/forecast.h"

static const parley_model_type model_types[PARLEY_MODEL_COUNT] = {
	{ PARLEY_MODEL_MEAN, "mean", "Capability-weighted mean",
	  "where the issue lands if each actor pulls in proportion to its capability", 0 },
	{ PARLEY_MODEL_COMPROMISE, "compromise", "Compromise model",
	  "weighted mean with weights capability x salience (van den Bos 1991; Achen 2006)", 0 },
	{ PARLEY_MODEL_MEDIAN, "median", "Weighted median",
	  "the position no weighted majority can beat (Black 1948), weights capability x salience", 0 },
	{ PARLEY_MODEL_NBS, "nbs", "Nash bargaining solution",
	  "asymmetric Nash bargaining with the status quo as disagreement point (Nash 1950)", 1 },
};

const parley_model_type *parley_model_type_at(size_t i)
{
	return i < PARLEY_MODEL_COUNT ? &model_types[i] : NULL;
}

const parley_model_type *parley_model_type_lookup(const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	for (i = 0; i < PARLEY_MODEL_COUNT; i++)
		if (!strcmp(model_types[i].name, name))
			return &model_types[i];
	return NULL;
}

struct parley_forecast {
	parley_forecast_options opts;
	size_t issue_count;
	parley_model_result *results; /* issue_count * PARLEY_MODEL_COUNT */
	parley_arena arena;           /* messages and zone names */
};

void parley_forecast_free(parley_forecast *f)
{
	if (!f)
		return;
	parley__free(f->results);
	parley_arena__dispose(&f->arena);
	parley__free(f);
}

/* Scratch arrays for one issue, sized for every actor of the scenario;
 * allocated once per call, never inside the model loop. */
typedef struct {
	double *x, *c, *sal, *w, *a;
	size_t *idx;
} workspace;

static void ws_dispose(workspace *ws)
{
	parley__free(ws->x);
	parley__free(ws->c);
	parley__free(ws->sal);
	parley__free(ws->w);
	parley__free(ws->a);
	parley__free(ws->idx);
	memset(ws, 0, sizeof(*ws));
}

static int ws_init(workspace *ws, size_t actors)
{
	size_t n = actors ? actors : 1;
	ws->x = parley__malloc(n * sizeof(double));
	ws->c = parley__malloc(n * sizeof(double));
	ws->sal = parley__malloc(n * sizeof(double));
	ws->w = parley__malloc(n * sizeof(double));
	ws->a = parley__malloc(n * sizeof(double));
	ws->idx = parley__malloc(n * sizeof(size_t));
	if (!ws->x || !ws->c || !ws->sal || !ws->w || !ws->a || !ws->idx) {
		ws_dispose(ws);
		return PARLEY_ENOMEM;
	}
	return 0;
}

/* Copy the stances of the actors present on `issue` into the workspace;
 * salience is rescaled from 0-100 to the models' 0-1. Returns their count. */
static size_t ws_gather(workspace *ws, const parley_scenario *s, size_t issue)
{
	size_t n = 0, k;
	for (k = 0; k < s->actor_count; k++) {
		const parley_stance *st = &s->stances[issue * s->actor_count + k];
		if (!st->present)
			continue;
		ws->x[n] = st->position.value;
		ws->c[n] = st->capability.value;
		ws->sal[n] = st->salience.value / 100.0;
		ws->w[n] = ws->c[n] * ws->sal[n];
		n++;
	}
	return n;
}

static int check_options(const parley_forecast_options *o)
{
	PARLEY_ASSERT_ARG(o->version == PARLEY_FORECAST_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(o->nbs_loss == 1 || o->nbs_loss == 2);
	PARLEY_ASSERT_ARG(o->median_tie >= PARLEY_TIE_MIDPOINT && o->median_tie <= PARLEY_TIE_UPPER);
	PARLEY_ASSERT_ARG(o->nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY ||
		o->nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE);
	PARLEY_ASSERT_ARG(o->median_rel_tol >= 0 && o->nbs_tol > 0);
	return 0;
}

static const char *const msg_no_status_quo = "the Nash bargaining solution needs a status quo "
	"(the disagreement point); give the issue a status_quo";
static const char *const msg_zero_weight = "every actor on this issue has zero weight";

/* Run one model on the `n` gathered actors of issue `is`. Fills `res`; on
 * failure returns the model's error code with res->message set to a static
 * text for the expected failures (NULL otherwise: see parley_error_last). */
static int run_model(parley_model_result *res, const parley_issue *is, workspace *ws,
	size_t n, parley_model_id m, const parley_forecast_options *o)
{
	int rc = 0;
	size_t k;

	memset(res, 0, sizeof(*res));
	res->model = m;
	switch (m) {
	case PARLEY_MODEL_MEAN:
		rc = parley_weighted_mean(&res->forecast, ws->x, ws->c, n);
		break;
	case PARLEY_MODEL_COMPROMISE:
		rc = parley_weighted_mean(&res->forecast, ws->x, ws->w, n);
		break;
	case PARLEY_MODEL_MEDIAN: {
		parley_median_result mr;
		rc = parley_weighted_median_ws(&mr, ws->x, ws->w, n, o->median_tie,
			o->median_rel_tol, ws->idx);
		if (!rc) {
			res->forecast = mr.median;
			res->tie = mr.tie;
			res->interval[0] = mr.lo;
			res->interval[1] = mr.hi;
		}
		break;
	}
	case PARLEY_MODEL_NBS: {
		parley_nbs_result nr;
		if (!is->status_quo.present) {
			rc = parley__error(PARLEY_ENOSTATUSQUO, PARLEY_ERROR_MODEL, "%s", msg_no_status_quo);
			break;
		}
		for (k = 0; k < n; k++)
			ws->a[k] = o->nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY ? ws->c[k] : ws->w[k];
		rc = parley_nbs(&nr, ws->x, ws->a, ws->sal, n, is->status_quo.value, is->lo, is->hi,
			o->nbs_loss, o->nbs_tol);
		if (!rc) {
			res->forecast = nr.solution;
			res->nbs_status = nr.status;
			res->feasible[0] = nr.feasible_lo;
			res->feasible[1] = nr.feasible_hi;
		}
		break;
	}
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown model %d", (int)m);
	}
	if (!rc && !isfinite(res->forecast))
		rc = parley__error(PARLEY_ERROR, PARLEY_ERROR_MODEL, "the model produced a non-finite result");
	if (rc) {
		res->error = rc;
		res->message = rc == PARLEY_ENOSTATUSQUO ? msg_no_status_quo :
			rc == PARLEY_EZEROWEIGHT ? msg_zero_weight : NULL;
		return rc;
	}
	for (k = 0; k < is->zone_count; k++)
		if (res->forecast >= is->zones[k].lo && res->forecast <= is->zones[k].hi) {
			res->zone = is->zones[k].name;
			break;
		}
	return 0;
}

int parley_model_run(parley_model_result *out, const parley_scenario *s, size_t issue,
	parley_model_id model, const parley_forecast_options *opts)
{
	parley_forecast_options defaults = PARLEY_FORECAST_OPTIONS_INIT;
	workspace ws;
	int error;

	PARLEY_ASSERT_ARG(out && s);
	PARLEY_ASSERT_ARG(issue < s->issue_count);
	PARLEY_ASSERT_ARG((unsigned)model < PARLEY_MODEL_COUNT);
	if ((error = check_options(opts ? opts : &defaults)) < 0)
		return error;
	memset(&ws, 0, sizeof(ws));
	if ((error = ws_init(&ws, s->actor_count)) < 0)
		return error;
	error = run_model(out, &s->issues[issue], &ws, ws_gather(&ws, s, issue), model,
		opts ? opts : &defaults);
	ws_dispose(&ws);
	return error;
}

static int copy_string(parley_forecast *f, const char **str)
{
	if (*str) {
		*str = parley_arena__strndup(&f->arena, *str, strlen(*str));
		if (!*str)
			return PARLEY_ENOMEM;
	}
	return 0;
}

int parley_forecast_run(parley_forecast **out, const parley_scenario *s,
	const parley_forecast_options *opts)
{
	parley_forecast_options defaults = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f;
	workspace ws;
	size_t i, m;
	int error;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(s);
	if (!opts)
		opts = &defaults;
	if ((error = check_options(opts)) < 0)
		return error;

	memset(&ws, 0, sizeof(ws));
	f = parley__calloc(1, sizeof(*f));
	if (!f)
		return PARLEY_ENOMEM;
	f->opts = *opts;
	if (!f->opts.models)
		f->opts.models = (1u << PARLEY_MODEL_COUNT) - 1;
	f->issue_count = s->issue_count;
	f->results = parley__calloc(s->issue_count * PARLEY_MODEL_COUNT + 1, sizeof(*f->results));
	if (!f->results || (error = ws_init(&ws, s->actor_count)) < 0) {
		error = PARLEY_ENOMEM;
		goto done;
	}

	for (i = 0; i < s->issue_count && !error; i++) {
		size_t n = ws_gather(&ws, s, i);
		for (m = 0; m < PARLEY_MODEL_COUNT && !error; m++) {
			parley_model_result *res = &f->results[i * PARLEY_MODEL_COUNT + m];
			int rc;
			res->model = (parley_model_id)m;
			if (!(f->opts.models & (1u << m)))
				continue;
			rc = run_model(res, &s->issues[i], &ws, n, (parley_model_id)m, &f->opts);
			if (rc == PARLEY_ENOMEM) {
				error = rc;
				break;
			}
			/* The forecast owns its strings: it outlives the scenario. */
			if (rc && !res->message)
				res->message = parley_error_last()->message;
			if (copy_string(f, &res->message) < 0 || copy_string(f, &res->zone) < 0)
				error = PARLEY_ENOMEM;
		}
	}

done:
	ws_dispose(&ws);
	if (error) {
		parley_forecast_free(f);
		return parley__error(error, PARLEY_ERROR_NOMEMORY, "out of memory");
	}
	*out = f;
	return 0;
}

const parley_forecast_options *parley_forecast_options_used(const parley_forecast *f)
{
	return f ? &f->opts : NULL;
}

size_t parley_forecast_issue_count(const parley_forecast *f)
{
	return f ? f->issue_count : 0;
}

const parley_model_result *parley_forecast_result(const parley_forecast *f,
	size_t issue, parley_model_id model)
{
	if (!f || issue >= f->issue_count || (unsigned)model >= PARLEY_MODEL_COUNT ||
	    !(f->opts.models & (1u << model)))
		return NULL;
	return &f->results[issue * PARLEY_MODEL_COUNT + model];
}
