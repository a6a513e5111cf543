/*
 * parley/forecast.h - running the one-issue models over every issue of a
 * scenario and reading the results.
 *
 * A parley_forecast is created by parley_forecast_run() and released with
 * parley_forecast_free(). It borrows nothing from the scenario: the
 * scenario may be freed first. Result pointers are borrowed from the
 * forecast. A forecast is immutable once made and may be read from many
 * threads.
 */
#ifndef PARLEY_FORECAST_H
#define PARLEY_FORECAST_H

#include <stddef.h>
#include "bdm.h"
#include "common.h"
#include "exchange.h"
#include "packages.h"
#include "feasibility.h"
#include "models.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_forecast parley_forecast;

/**
 * Run the selected models on every issue of `scenario`. A model that cannot
 * run on an issue (no status quo for NBS, zero weight) does not fail the
 * call: its result carries the error and a message.
 *
 * @return 0, PARLEY_EINVAL (bad options) or PARLEY_ENOMEM.
 */
int parley_forecast_run(parley_forecast **out, const parley_scenario *scenario,
	const parley_forecast_options *opts);

/** Free a forecast. NULL is a no-op. */
void parley_forecast_free(parley_forecast *forecast);

/** The options the forecast was made with. */
const parley_forecast_options *parley_forecast_options_used(const parley_forecast *f);

/** Number of issues (the scenario's). */
size_t parley_forecast_issue_count(const parley_forecast *f);

/**
 * Result of `model` on issue `issue`, or NULL when the model was not
 * selected or an index is out of range.
 */
const parley_model_result *parley_forecast_result(const parley_forecast *f,
	size_t issue, parley_model_id model);

/**
 * Whether an agreement is possible on issue `issue`: red lines, venues,
 * ratification (parley/feasibility.h). Borrowed from the forecast; NULL when
 * out of range.
 */
const parley_issue_feasibility *parley_forecast_feasibility(const parley_forecast *f,
	size_t issue);

/**
 * The exchanges the exchange model made (parley/exchange.h), in order, when
 * it was selected; the status and rounds of its procedure.
 */
size_t parley_forecast_exchange_count(const parley_forecast *f);
const parley_exchange_record *parley_forecast_exchange(const parley_forecast *f, size_t i);
parley_exchange_status parley_forecast_exchange_status(const parley_forecast *f);
size_t parley_forecast_exchange_rounds(const parley_forecast *f);

/**
 * The package analysis (parley/packages.h) of the scenario's `packages:` and,
 * with options.package_combinations = K, of every combination of 2..K
 * issues; NULL when there is nothing to analyse. Borrowed from the forecast.
 */
const parley_package_result *parley_forecast_packages(const parley_forecast *f);

/** Steps of the scenario's stages (one per stage and issue on its table), in order. */
size_t parley_forecast_stage_step_count(const parley_forecast *f);
const parley_stage_step *parley_forecast_stage_step(const parley_forecast *f, size_t i);

#ifdef __cplusplus
}
#endif
#endif
