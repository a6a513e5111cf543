/*
 * forecast.c - runs the models of the one model table (src/lib/models)
 * over every issue of a scenario (the actors present on the issue, salience
 * rescaled from 0-100 to 0-1), then the package analysis and the
 * feasibility of each issue, and keeps the results.
 */
#include <math.h>
#include <string.h>
#include "exchange_internal.h"
#include "forecast_internal.h"

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

int parley_forecast_run(parley_forecast **out, const parley_scenario *s,
	const parley_forecast_options *opts)
{
	parley_forecast_options defaults = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f;
	parley_model_ws ws;
	size_t i, m, nm = parley_model_count();
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
		f->opts.models = parley_model_default_selection();
	f->issue_count = s->issue_count;
	f->results = parley__calloc(s->issue_count * nm + 1, sizeof(*f->results));
	if (!f->results || (error = parley_models__ws_init(&ws, s->actor_count)) < 0) {
		error = PARLEY_ENOMEM;
		goto done;
	}

	for (i = 0; i < s->issue_count && !error; i++) {
		const parley_issue *is = &s->issues[i];
		error = parley_models__run_set(&f->results[i * nm], s, i, NULL,
			is->status_quo.present ? &is->status_quo.value : NULL, f->opts.models, &f->opts,
			&ws, &f->arena);
	}
	/* the models that run on every issue at once */
	for (m = 0; m < nm && !error; m++) {
		const parley_model_type *t = parley_model_type_at(m);
		if ((f->opts.models & (1u << m)) && t->ops->run_all)
			error = t->ops->run_all(&f->results[m], nm, s, &f->opts, &f->arena, &f->extra[m]);
	}
	if (!error && (s->package_count || f->opts.package_combinations)) {
		parley_package_options po = PARLEY_PACKAGE_OPTIONS_INIT;
		po.combinations = f->opts.package_combinations;
		error = parley_packages_analyse(&f->packages, s, &po);
	}
	if (!error) {
		parley_fz_run fr;
		memset(&fr, 0, sizeof(fr));
		fr.opts = &f->opts;
		fr.arena = &f->arena;
		error = parley_feasibility__compute(&fr, s, &ws);
		f->feasibility = fr.feasibility;
		f->stage_steps = fr.stage_steps;
		f->stage_step_count = fr.stage_step_count;
	}

done:
	parley_models__ws_dispose(&ws);
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
	size_t nm = parley_model_count();
	if (!f || issue >= f->issue_count || (size_t)model >= nm || !(f->opts.models & (1u << model)))
		return NULL;
	return &f->results[issue * nm + (size_t)model];
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

/* What the exchange model kept, when it ran. */
static const parley_exchange__summary *exchange_summary(const parley_forecast *f)
{
	return f ? f->extra[PARLEY_MODEL_EXCHANGE] : NULL;
}

size_t parley_forecast_exchange_count(const parley_forecast *f)
{
	const parley_exchange__summary *x = exchange_summary(f);
	return x ? x->count : 0;
}

const parley_exchange_record *parley_forecast_exchange(const parley_forecast *f, size_t i)
{
	const parley_exchange__summary *x = exchange_summary(f);
	return x && i < x->count ? &x->records[i] : NULL;
}

parley_exchange_status parley_forecast_exchange_status(const parley_forecast *f)
{
	const parley_exchange__summary *x = exchange_summary(f);
	return x ? x->status : PARLEY_EXCHANGE_CONTINUE;
}

size_t parley_forecast_exchange_rounds(const parley_forecast *f)
{
	const parley_exchange__summary *x = exchange_summary(f);
	return x ? x->rounds : 0;
}

const parley_package_result *parley_forecast_packages(const parley_forecast *f)
{
	return f ? f->packages : NULL;
}
