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

static const char *zone_of(parley_forecast *f, const parley_issue *is, double y, int *oom)
{
	size_t z;
	for (z = 0; z < is->zone_count; z++)
		if (y >= is->zones[z].lo && y <= is->zones[z].hi) {
			char *name = parley_arena__strndup(&f->arena, is->zones[z].name,
				strlen(is->zones[z].name));
			if (!name)
				*oom = 1;
			return name;
		}
	return NULL;
}

static int set_message(parley_forecast *f, parley_model_result *res, int code,
	const char *text)
{
	res->error = code;
	res->message = parley_arena__strndup(&f->arena, text, strlen(text));
	return res->message ? 0 : PARLEY_ENOMEM;
}

int parley_forecast_run(parley_forecast **out, const parley_scenario *s,
	const parley_forecast_options *opts)
{
	parley_forecast_options defaults = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f;
	double *x = NULL, *c = NULL, *sal = NULL, *w = NULL, *a = NULL;
	size_t *idx = NULL, i, nact;
	int error = 0, oom = 0;

	PARLEY_ASSERT_ARG(out && s);
	*out = NULL;
	if (!opts)
		opts = &defaults;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_FORECAST_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(opts->nbs_loss == 1 || opts->nbs_loss == 2);
	PARLEY_ASSERT_ARG(opts->median_tie >= PARLEY_TIE_MIDPOINT && opts->median_tie <= PARLEY_TIE_UPPER);
	PARLEY_ASSERT_ARG(opts->median_rel_tol >= 0 && opts->nbs_tol > 0);

	f = parley__calloc(1, sizeof(*f));
	if (!f)
		return PARLEY_ENOMEM;
	f->opts = *opts;
	if (!f->opts.models)
		f->opts.models = (1u << PARLEY_MODEL_COUNT) - 1;
	f->issue_count = s->issue_count;
	nact = s->actor_count ? s->actor_count : 1;
	f->results = parley__calloc(s->issue_count * PARLEY_MODEL_COUNT + 1, sizeof(*f->results));
	x = parley__malloc(nact * sizeof(double));
	c = parley__malloc(nact * sizeof(double));
	sal = parley__malloc(nact * sizeof(double));
	w = parley__malloc(nact * sizeof(double));
	a = parley__malloc(nact * sizeof(double));
	idx = parley__malloc(nact * sizeof(size_t));
	if (!f->results || !x || !c || !sal || !w || !a || !idx) {
		error = PARLEY_ENOMEM;
		goto done;
	}

	for (i = 0; i < s->issue_count && !error; i++) {
		const parley_issue *is = &s->issues[i];
		parley_model_result *row = &f->results[i * PARLEY_MODEL_COUNT];
		size_t n = 0, k, m;

		for (k = 0; k < s->actor_count; k++) {
			const parley_stance *st = &s->stances[i * s->actor_count + k];
			if (!st->present)
				continue;
			x[n] = st->position.value;
			c[n] = st->capability.value;
			sal[n] = st->salience.value / 100.0;
			w[n] = c[n] * sal[n];
			n++;
		}
		for (m = 0; m < PARLEY_MODEL_COUNT; m++) {
			parley_model_result *res = &row[m];
			int rc = 0;
			res->model = (parley_model_id)m;
			if (!(f->opts.models & (1u << m)))
				continue;
			switch ((parley_model_id)m) {
			case PARLEY_MODEL_MEAN:
				rc = parley_weighted_mean(&res->forecast, x, c, n);
				break;
			case PARLEY_MODEL_COMPROMISE:
				rc = parley_weighted_mean(&res->forecast, x, w, n);
				break;
			case PARLEY_MODEL_MEDIAN: {
				parley_median_result mr;
				rc = parley_weighted_median_ws(&mr, x, w, n, f->opts.median_tie,
					f->opts.median_rel_tol, idx);
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
					rc = PARLEY_ENOSTATUSQUO;
					break;
				}
				for (k = 0; k < n; k++)
					a[k] = f->opts.nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY ? c[k] : w[k];
				rc = parley_nbs(&nr, x, a, sal, n, is->status_quo.value, is->lo, is->hi,
					f->opts.nbs_loss, f->opts.nbs_tol);
				if (!rc) {
					res->forecast = nr.solution;
					res->nbs_status = nr.status;
					res->feasible[0] = nr.feasible_lo;
					res->feasible[1] = nr.feasible_hi;
				}
				break;
			}
			default:
				break;
			}
			if (rc == PARLEY_ENOMEM) {
				error = rc;
				break;
			}
			if (rc == PARLEY_ENOSTATUSQUO)
				rc = set_message(f, res, rc, "the Nash bargaining solution needs a status quo "
					"(the disagreement point); give the issue a status_quo");
			else if (rc == PARLEY_EZEROWEIGHT)
				rc = set_message(f, res, rc, "every actor on this issue has zero weight");
			else if (rc < 0)
				rc = set_message(f, res, rc, parley_error_last()->message);
			else if (!isfinite(res->forecast))
				rc = set_message(f, res, PARLEY_ERROR, "the model produced a non-finite result");
			else
				res->zone = zone_of(f, is, res->forecast, &oom);
			if (rc == PARLEY_ENOMEM || oom) {
				error = PARLEY_ENOMEM;
				break;
			}
		}
	}

done:
	parley__free(x);
	parley__free(c);
	parley__free(sal);
	parley__free(w);
	parley__free(a);
	parley__free(idx);
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
