/*
 * forecast_internal.h - the forecast object: every model's result on every
 * issue (the models of the one table, src/lib/models), the feasibility
 * verdicts, the package analysis and what the models keep beyond their
 * results.
 */
#ifndef PARLEY_FORECAST_INTERNAL_H
#define PARLEY_FORECAST_INTERNAL_H

#include "feasibility_internal.h"
#include "parley/forecast.h"

struct parley_forecast {
	parley_forecast_options opts;
	size_t issue_count;
	parley_model_result *results;           /* issue_count * parley_model_count() */
	parley_issue_feasibility *feasibility;  /* issue_count verdicts */
	size_t stage_step_count;
	parley_stage_step *stage_steps;         /* in the arena */
	const void *extra[PARLEY__MODEL_MAX];   /* what a whole-scenario model kept (run_all), or NULL */
	parley_package_result *packages;        /* owned; NULL when none */
	parley_arena arena;                     /* messages, zone names, trajectories, views */
};

#endif
