/*
 * forecast.c - runs the one-issue models of models.c over every issue of a
 * scenario (the actors present on the issue, salience rescaled from 0-100
 * to 0-1) and keeps the results; the model table lives here.
 */
#include <math.h>
#include <string.h>
#include "scenario_internal.h"
#include "forecast_internal.h"

static const parley_model_type model_types[PARLEY_MODEL_COUNT] = {
	{ PARLEY_MODEL_MEAN, "mean", "Capability-weighted mean",
	  "where the issue lands if each actor pulls in proportion to its capability", 0 },
	{ PARLEY_MODEL_COMPROMISE, "compromise", "Compromise model",
	  "weighted mean with weights capability x salience (van den Bos 1991; Achen 2006)", 0 },
	{ PARLEY_MODEL_MEDIAN, "median", "Weighted median",
	  "the position no weighted majority can beat (Black 1948), weights capability x salience", 0 },
	{ PARLEY_MODEL_NBS, "nbs", "Nash bargaining solution",
	  "asymmetric Nash bargaining with the status quo as disagreement point (Nash 1950)", 1 },
	{ PARLEY_MODEL_BDM, "bdm", "Expected utility (BDM)",
	  "rounds of challenges, compromises and capitulations (Bueno de Mesquita 1994; Scholz et al. 2011)", 0 },
	{ PARLEY_MODEL_EXCHANGE, "exchange", "Exchange model",
	  "pairs of actors trade support across issues when both gain (Stokman and Van Oosten 1994)", 0 },
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

void parley_forecast_free(parley_forecast *f)
{
	if (!f)
		return;
	parley__free(f->results);
	parley__free(f->feasibility);
	parley_package_result_free(f->packages);
	parley_arena__dispose(&f->arena);
	parley__free(f);
}

void parley_forecast__ws_dispose(workspace *ws)
{
	parley__free(ws->x);
	parley__free(ws->c);
	parley__free(ws->sal);
	parley__free(ws->w);
	parley__free(ws->a);
	parley__free(ws->idx);
	parley__free(ws->actor);
	parley_bdm_workspace_free(ws->bdm);
	memset(ws, 0, sizeof(*ws));
}

int parley_forecast__ws_init(workspace *ws, size_t actors)
{
	size_t n = actors ? actors : 1;
	ws->x = parley__malloc(n * sizeof(double));
	ws->c = parley__malloc(n * sizeof(double));
	ws->sal = parley__malloc(n * sizeof(double));
	ws->w = parley__malloc(n * sizeof(double));
	ws->a = parley__malloc(n * sizeof(double));
	ws->idx = parley__malloc(n * sizeof(size_t));
	ws->actor = parley__malloc(n * sizeof(size_t));
	if (!ws->x || !ws->c || !ws->sal || !ws->w || !ws->a || !ws->idx || !ws->actor) {
		parley_forecast__ws_dispose(ws);
		return PARLEY_ENOMEM;
	}
	return 0;
}

/* Copy the stances of the actors present on `issue` into the workspace;
 * salience is rescaled from 0-100 to the models' 0-1. Returns their count. */
size_t parley_forecast__ws_gather(workspace *ws, const parley_scenario *s, size_t issue,
	const unsigned char *member)
{
	/* through locals: the stores could alias the workspace and the
	 * scenario for the compiler, which would reload them per actor (the
	 * Monte Carlo runner gathers once per issue and draw) */
	const size_t na = s->actor_count;
	const parley_stance *row = s->stances + issue * na;
	double *x = ws->x, *c = ws->c, *sal = ws->sal, *w = ws->w;
	size_t *actor = ws->actor, n = 0, k;

	for (k = 0; k < na; k++) {
		const parley_stance *st = &row[k];
		double cap, sk;
		if (!st->present || (member && !member[k]))
			continue;
		cap = st->capability.value;
		sk = st->salience.value / 100.0;
		x[n] = st->position.value;
		c[n] = cap;
		sal[n] = sk;
		w[n] = cap * sk;
		actor[n] = k;
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
	PARLEY_ASSERT_ARG(o->bdm.version == PARLEY_BDM_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(o->bdm.max_rounds >= 1);
	PARLEY_ASSERT_ARG(o->exchange.version == PARLEY_EXCHANGE_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(o->package_combinations <= PARLEY_PACKAGE_MAX_ISSUES);
	return 0;
}

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

static int ensure_bdm_workspace(workspace *ws, size_t n)
{
	int error;
	if (ws->bdm && ws->bdm_n >= n)
		return 0;
	parley_bdm_workspace_free(ws->bdm);
	ws->bdm = NULL;
	if ((error = parley_bdm_workspace_alloc(&ws->bdm, n, 0)) < 0)
		return error;
	ws->bdm_n = n;
	return 0;
}

/* The expected-utility model (parley/bdm.h): rounds until the status is final. */
static int run_bdm(parley_model_result *res, const parley_issue *is, workspace *ws,
	size_t n, const parley_bdm_options *bo, recorder *rec)
{
	int rc;

	if (n < 2)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL,
			"the expected-utility model needs at least two actors on the issue");
	if ((rc = ensure_bdm_workspace(ws, n)) < 0 ||
	    (rc = parley_bdm_set(ws->bdm, ws->x, ws->c, ws->sal, n, is->lo, is->hi, bo)) < 0)
		return rc;
	if (rec) {
		rec->n = n;
		if ((rc = rec_push(rec, ws->bdm)) < 0)
			return rc;
	}
	while (parley_bdm_test(ws->bdm) == PARLEY_BDM_CONTINUE) {
		if ((rc = parley_bdm_iterate(ws->bdm)) < 0)
			return rc;
		if (rec && (rc = rec_push(rec, ws->bdm)) < 0)
			return rc;
	}
	res->forecast = parley_bdm_median(ws->bdm);
	res->mean = parley_bdm_mean(ws->bdm);
	return 0;
}

/* Copy the recorded rounds and the workspace's last-round data into the
 * forecast's arena as the result's trajectory. */
static int keep_trajectory(parley_arena *arena, parley_model_result *res,
	const workspace *ws, const recorder *rec, const parley_bdm_options *bo)
{
	parley_bdm_trajectory *t = parley_arena__alloc(arena, sizeof(*t));
	size_t n = rec->n;
	const double *risk = parley_bdm_risk(ws->bdm);
	const parley_bdm_offer *offers = parley_bdm_offers(ws->bdm);
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
	memcpy(actors, ws->actor, n * sizeof(size_t));
	if (r)
		memcpy(r, risk, n * sizeof(double));
	if (r1)
		memcpy(r1, rec->risk_first, n * sizeof(double));
	if (o)
		memcpy(o, offers, n * sizeof(*o));
	t->profile = bo->profile;
	t->status = parley_bdm_test(ws->bdm);
	t->rounds = rec->rounds - 1;
	t->actor_count = n;
	t->actors = actors;
	t->median = median;
	t->mean = mean;
	t->positions = pos;
	t->risk = r;
	t->risk_first = r1;
	t->offers = o;
	t->range = parley_bdm_range_used(ws->bdm);
	res->bdm = t;
	return 0;
}

static const char *const msg_no_status_quo = "the Nash bargaining solution needs a status quo "
	"(the disagreement point); give the issue a status_quo";
static const char *const msg_zero_weight = "every actor on this issue has zero weight";
static const char *const msg_exchange_scope = "the exchange model trades across every issue of "
	"the scenario, so it runs on the whole table only";

/* Run one model on the `n` gathered actors of issue `is`. Fills `res`; on
 * failure returns the model's error code with res->message set to a static
 * text for the expected failures (NULL otherwise: see parley_error_last). */
static int run_model(parley_model_result *res, const parley_issue *is, const double *q,
	workspace *ws, size_t n, parley_model_id m, const parley_forecast_options *o, recorder *rec)
{
	/* (also reached through parley_forecast__run_one, without a recorder) */
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
		if (!q) {
			rc = parley__error(PARLEY_ENOSTATUSQUO, PARLEY_ERROR_MODEL, "%s", msg_no_status_quo);
			break;
		}
		for (k = 0; k < n; k++)
			ws->a[k] = o->nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY ? ws->c[k] : ws->w[k];
		rc = parley_nbs(&nr, ws->x, ws->a, ws->sal, n, *q, is->lo, is->hi,
			o->nbs_loss, o->nbs_tol);
		if (!rc) {
			res->forecast = nr.solution;
			res->nbs_status = nr.status;
			res->feasible[0] = nr.feasible_lo;
			res->feasible[1] = nr.feasible_hi;
		}
		break;
	}
	case PARLEY_MODEL_BDM:
		rc = run_bdm(res, is, ws, n, &o->bdm, rec);
		break;
	case PARLEY_MODEL_EXCHANGE:
		/* trades across issues: run by parley_forecast_run on the whole scenario */
		rc = parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL, "%s", msg_exchange_scope);
		break;
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown model %d", (int)m);
	}
	if (!rc && (!isfinite(res->forecast) || !isfinite(res->mean)))
		rc = parley__error(PARLEY_ERROR, PARLEY_ERROR_MODEL, "the model produced a non-finite result");
	if (rc) {
		res->error = rc;
		res->message = rc == PARLEY_ENOSTATUSQUO ? msg_no_status_quo :
			rc == PARLEY_EZEROWEIGHT ? msg_zero_weight :
			m == PARLEY_MODEL_EXCHANGE ? msg_exchange_scope : NULL;
		return rc;
	}
	for (k = 0; k < is->zone_count; k++)
		if (res->forecast >= is->zones[k].lo && res->forecast <= is->zones[k].hi) {
			res->zone = is->zones[k].name;
			break;
		}
	return 0;
}

int parley_forecast__run_one(parley_model_result *res, const parley_issue *is, const double *q,
	workspace *ws, size_t n, parley_model_id m, const parley_forecast_options *o)
{
	return run_model(res, is, q, ws, n, m, o, NULL);
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
	if ((error = parley_forecast__ws_init(&ws, s->actor_count)) < 0)
		return error;
	error = run_model(out, &s->issues[issue],
		s->issues[issue].status_quo.present ? &s->issues[issue].status_quo.value : NULL,
		&ws, parley_forecast__ws_gather(&ws, s, issue, NULL), model, opts ? opts : &defaults, NULL);
	parley_forecast__ws_dispose(&ws);
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

int parley_forecast__run_models(parley_forecast *f, const parley_scenario *s, size_t issue,
	const unsigned char *member, const double *q, unsigned models, workspace *ws,
	parley_model_result *out)
{
	const parley_issue *is = &s->issues[issue];
	size_t n = parley_forecast__ws_gather(ws, s, issue, member), m;

	for (m = 0; m < PARLEY_MODEL_COUNT; m++) {
		parley_model_result *res = &out[m];
		recorder rec;
		int rc;

		memset(res, 0, sizeof(*res));
		res->model = (parley_model_id)m;
		if (!(models & (1u << m)))
			continue;
		memset(&rec, 0, sizeof(rec));
		rc = run_model(res, is, q, ws, n, (parley_model_id)m, &f->opts,
			m == PARLEY_MODEL_BDM ? &rec : NULL);
		if (!rc && m == PARLEY_MODEL_BDM)
			rc = keep_trajectory(&f->arena, res, ws, &rec, &f->opts.bdm);
		rec_dispose(&rec);
		if (rc == PARLEY_ENOMEM)
			return rc;
		/* The forecast owns its strings: it outlives the scenario. */
		if (rc && !res->message)
			res->message = parley_error_last()->message;
		if (copy_string(f, &res->message) < 0 || copy_string(f, &res->zone) < 0)
			return PARLEY_ENOMEM;
	}
	return 0;
}

/* The exchange model on the whole scenario: per-issue outcomes into the
 * results, the exchanges into the arena. */
static int run_exchange(parley_forecast *f, const parley_scenario *s)
{
	parley_exchange_result *xr = NULL;
	size_t i, k, n;
	int error;

	if ((error = parley_exchange_run(&xr, s, &f->opts.exchange)) < 0) {
		const char *why;
		if (error == PARLEY_ENOMEM)
			return error;
		/* too large a problem, say: the model's error on every issue, not the run's */
		why = parley_arena__strndup(&f->arena, parley_error_last()->message,
			strlen(parley_error_last()->message));
		if (!why)
			return PARLEY_ENOMEM;
		for (i = 0; i < s->issue_count; i++) {
			parley_model_result *res = &f->results[i * PARLEY_MODEL_COUNT + PARLEY_MODEL_EXCHANGE];
			memset(res, 0, sizeof(*res));
			res->model = PARLEY_MODEL_EXCHANGE;
			res->error = error;
			res->message = why;
		}
		return 0;
	}
	for (i = 0; i < s->issue_count; i++) {
		const parley_issue *is = &s->issues[i];
		parley_model_result *res = &f->results[i * PARLEY_MODEL_COUNT + PARLEY_MODEL_EXCHANGE];
		double y = parley_exchange_result_outcome(xr, i);
		memset(res, 0, sizeof(*res));
		res->model = PARLEY_MODEL_EXCHANGE;
		if (!isfinite(y)) {
			res->error = PARLEY_EZEROWEIGHT;
			res->message = msg_zero_weight;
		} else {
			res->forecast = y;
			for (k = 0; k < is->zone_count; k++)
				if (y >= is->zones[k].lo && y <= is->zones[k].hi) {
					res->zone = is->zones[k].name;
					break;
				}
		}
		if (copy_string(f, &res->message) < 0 || copy_string(f, &res->zone) < 0) {
			parley_exchange_result_free(xr);
			return PARLEY_ENOMEM;
		}
	}
	n = parley_exchange_result_count(xr);
	f->exchange_status = parley_exchange_result_status(xr);
	f->exchange_rounds = parley_exchange_result_rounds(xr);
	if (n && !(f->exchanges = parley_arena__alloc(&f->arena, n * sizeof(*f->exchanges)))) {
		parley_exchange_result_free(xr);
		return PARLEY_ENOMEM;
	}
	for (k = 0; k < n; k++)
		f->exchanges[k] = *parley_exchange_result_record(xr, k);
	f->exchange_count = n;
	parley_exchange_result_free(xr);
	return 0;
}

int parley_forecast_run(parley_forecast **out, const parley_scenario *s,
	const parley_forecast_options *opts)
{
	parley_forecast_options defaults = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f;
	workspace ws;
	size_t i;
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
	if (!f->results || (error = parley_forecast__ws_init(&ws, s->actor_count)) < 0) {
		error = PARLEY_ENOMEM;
		goto done;
	}

	for (i = 0; i < s->issue_count && !error; i++) {
		const parley_issue *is = &s->issues[i];
		error = parley_forecast__run_models(f, s, i, NULL,
			is->status_quo.present ? &is->status_quo.value : NULL, f->opts.models, &ws,
			&f->results[i * PARLEY_MODEL_COUNT]);
	}
	if (!error && (f->opts.models & (1u << PARLEY_MODEL_EXCHANGE)))
		error = run_exchange(f, s);
	if (!error && (s->package_count || f->opts.package_combinations)) {
		parley_package_options po = PARLEY_PACKAGE_OPTIONS_INIT;
		po.combinations = f->opts.package_combinations;
		error = parley_packages_analyse(&f->packages, s, &po);
	}
	if (!error)
		error = parley_feasibility__compute(f, s, &ws);

done:
	parley_forecast__ws_dispose(&ws);
	if (error) {
		parley_forecast_free(f);
		return error == PARLEY_ENOMEM ?
			parley__error(error, PARLEY_ERROR_NOMEMORY, "out of memory") : error;
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

const parley_issue_feasibility *parley_forecast_feasibility(const parley_forecast *f, size_t issue)
{
	if (!f || !f->feasibility || issue >= f->issue_count)
		return NULL;
	return &f->feasibility[issue];
}

size_t parley_forecast_stage_step_count(const parley_forecast *f)
{
	return f ? f->stage_step_count : 0;
}

const parley_stage_step *parley_forecast_stage_step(const parley_forecast *f, size_t i)
{
	return f && i < f->stage_step_count ? &f->stage_steps[i] : NULL;
}

size_t parley_forecast_exchange_count(const parley_forecast *f)
{
	return f ? f->exchange_count : 0;
}

const parley_exchange_record *parley_forecast_exchange(const parley_forecast *f, size_t i)
{
	return f && i < f->exchange_count ? &f->exchanges[i] : NULL;
}

parley_exchange_status parley_forecast_exchange_status(const parley_forecast *f)
{
	return f ? f->exchange_status : PARLEY_EXCHANGE_CONTINUE;
}

size_t parley_forecast_exchange_rounds(const parley_forecast *f)
{
	return f ? f->exchange_rounds : 0;
}

const parley_package_result *parley_forecast_packages(const parley_forecast *f)
{
	return f ? f->packages : NULL;
}
