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

/** The built-in models, in the order they are reported. */
typedef enum {
	PARLEY_MODEL_MEAN = 0,   /**< capability-weighted mean */
	PARLEY_MODEL_COMPROMISE, /**< capability x salience weighted mean */
	PARLEY_MODEL_MEDIAN,     /**< weighted median (Black), weights capability x salience */
	PARLEY_MODEL_NBS,        /**< asymmetric Nash bargaining solution */
	PARLEY_MODEL_BDM,        /**< Bueno de Mesquita's expected-utility model (parley/bdm.h) */
	PARLEY_MODEL_EXCHANGE,   /**< Stokman and Van Oosten's exchange model, across issues (parley/exchange.h) */
	PARLEY_MODEL_COUNT
} parley_model_id;

/** Description of a built-in model (one static table). */
typedef struct {
	parley_model_id id;
	const char *name;          /**< CLI and JSON name: "mean", "compromise", ... */
	const char *title;         /**< human title */
	const char *summary;       /**< one line: what it assumes */
	int needs_status_quo;      /**< 1 when the issue must have a status quo */
} parley_model_type;

/** Model `i` of the table (i < PARLEY_MODEL_COUNT), or NULL. */
const parley_model_type *parley_model_type_at(size_t i);
/** The model with this name, or NULL. */
const parley_model_type *parley_model_type_lookup(const char *name);

/** Bargaining weights of the Nash bargaining solution. */
typedef enum {
	PARLEY_NBS_WEIGHTS_CAPABILITY = 0,    /**< a_i = c_i (default) */
	PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE /**< a_i = c_i s_i */
} parley_nbs_weights;

/** Options of parley_forecast_run(). */
typedef struct {
	unsigned int version;          /**< PARLEY_FORECAST_OPTIONS_VERSION */
	unsigned int models;           /**< bit (1 << parley_model_id) per model; 0 = all */
	parley_median_tie median_tie;  /**< tie rule of the median (default midpoint) */
	parley_nbs_weights nbs_weights;/**< NBS bargaining weights (default capability) */
	int nbs_loss;                  /**< NBS loss exponent, 1 or 2 (default 2) */
	double median_rel_tol;         /**< tie tolerance relative to W (default 1e-12) */
	double nbs_tol;                /**< NBS bisection tolerance (default 1e-13) */
	parley_bdm_options bdm;        /**< options of the expected-utility model */
	parley_exchange_options exchange; /**< options of the exchange model */
	size_t package_combinations;   /**< also analyse every combination of 2..K issues (0: the scenario's packages only) */
} parley_forecast_options;

#define PARLEY_FORECAST_OPTIONS_VERSION 1
#define PARLEY_FORECAST_OPTIONS_INIT { PARLEY_FORECAST_OPTIONS_VERSION, 0, \
	PARLEY_TIE_MIDPOINT, PARLEY_NBS_WEIGHTS_CAPABILITY, 2, 1e-12, 1e-13, \
	PARLEY_BDM_OPTIONS_INIT, PARLEY_EXCHANGE_OPTIONS_INIT, 0 }

/**
 * The trajectory of the expected-utility model on one issue. Arrays are
 * owned by the forecast. Actors are those present on the issue, in
 * scenario order; `actors[k]` is the scenario index of the k-th.
 */
typedef struct {
	parley_bdm_profile profile;   /**< the profile used */
	parley_bdm_status status;     /**< fixed_point, max_rounds or degenerate_range */
	size_t rounds;                /**< rounds run */
	size_t actor_count;           /**< actors on the issue (n) */
	const size_t *actors;         /**< n scenario actor indices */
	const double *median;         /**< rounds + 1 medians; [0] is the initial one */
	const double *mean;           /**< rounds + 1 compromise means; [0] initial */
	const double *positions;      /**< (rounds + 1) x n positions, row t = after round t */
	const double *risk;           /**< n risk exponents of the last round, or NULL (no round): at a
	                                   fixed point the positions have converged and these are
	                                   usually all 1 (models.md 4.3) */
	const double *risk_first;     /**< n risk exponents of round 1, computed from the coded
	                                   positions (the actors' risk attitudes), or NULL (no round) */
	const parley_bdm_offer *offers; /**< n offers accepted in the last round, or NULL */
	double range;                 /**< Delta used to normalise distances */
} parley_bdm_trajectory;

/** One model's result on one issue. */
typedef struct parley_model_result {
	parley_model_id model;  /**< which model */
	int error;              /**< 0, or the parley_error_code that stopped it */
	const char *message;    /**< why it could not run, or NULL (owned by the forecast) */
	double forecast;        /**< the predicted outcome (when error == 0) */
	const char *zone;       /**< the named zone the forecast falls in, or NULL (borrowed) */
	/* weighted median */
	int tie;                /**< 1 when the median is a tie interval */
	double interval[2];     /**< the tie interval (equal ends when no tie) */
	/* Nash bargaining solution */
	parley_nbs_status nbs_status; /**< interior or disagreement point */
	double feasible[2];     /**< the individually rational set [L, U] */
	/* expected-utility model: forecast = median after the last round */
	double mean;            /**< compromise mean after the last round */
	const parley_bdm_trajectory *bdm; /**< the rounds (owned by the forecast; NULL from parley_model_run) */
} parley_model_result;

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

/**
 * Run one model on one issue of `scenario` (the actors present on it).
 * `out->message` is a static text for the expected failures (no status quo,
 * zero weight) and NULL otherwise; `out->zone` is borrowed from the scenario.
 * For the expected-utility model it gives the forecast, mean and nothing of
 * the trajectory (`out->bdm` is NULL): use parley_forecast_run() or the
 * workspace API of parley/bdm.h for the rounds.
 *
 * @return 0; the model's error (PARLEY_ENOSTATUSQUO, PARLEY_EZEROWEIGHT,
 *         PARLEY_EINVAL) with `out->error` set; or PARLEY_ENOMEM.
 */
int parley_model_run(parley_model_result *out, const parley_scenario *scenario,
	size_t issue, parley_model_id model, const parley_forecast_options *opts);

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
