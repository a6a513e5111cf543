/*
 * parley/mc.h - Monte Carlo forecasts: every coded number with an
 * uncertainty (its own, or the scenario's default) is drawn afresh in each
 * draw, the models and the feasibility verdict are recomputed, and the
 * results are summarised per issue and model (mean, standard deviation,
 * quantiles, histogram, zone probabilities), with a sensitivity analysis of
 * which inputs move each forecast.
 *
 * Reproducibility: draw d of variable v uses Random123's Philox4x32-10 with
 * key = seed and counter = (d, v / 4, 0) (one word of the four for each
 * variable; further numbers, where a variable needs them, use
 * (d, v, attempt)), so
 * a draw does not depend on which thread or process computes it. All statistics are accumulated as
 * integers (values in 32-bit fixed point relative to their range, sums in
 * 128 bits, counts in histograms), so adding partial results in any order
 * gives the same bits: the output is identical for any number of threads
 * and any split of the draws over processes (MPI ranks).
 *
 * Memory does not grow with the number of draws: per issue and model a
 * fixed 1024-bin histogram (with each bin's smallest and largest value)
 * stands in for the draws; quantiles are read from it, exact at the bins'
 * extreme values and interpolated within a bin (error at most a bin width,
 * (hi - lo) / 1024).
 *
 * Threads live only in parley_mc_step(); the object is used by one thread
 * at a time.
 */
#ifndef PARLEY_MC_H
#define PARLEY_MC_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "diag.h"
#include "forecast.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of a Monte Carlo run. */
typedef struct {
	unsigned int version;   /**< PARLEY_MC_OPTIONS_VERSION */
	uint64_t draws;         /**< total draws (all parts together), 1 to 2^31 */
	uint64_t seed;          /**< key of the generator */
	unsigned int threads;   /**< worker threads (0: one per online core) */
	unsigned int part_index;/**< this process's part (MPI rank), < part_count */
	unsigned int part_count;/**< parts the draws are split into (MPI size), >= 1 */
	int sensitivity;        /**< 1: accumulate the sensitivity statistics (default) */
} parley_mc_options;

#define PARLEY_MC_OPTIONS_VERSION 1
#define PARLEY_MC_OPTIONS_INIT { PARLEY_MC_OPTIONS_VERSION, 10000, 1, 0, 0, 1, 1 }

typedef struct parley_mc parley_mc;

/**
 * Prepare a run over `scenario` with the models and options of `fopts`.
 * The scenario must outlive the run. Computes the local derivatives of the
 * sensitivity analysis at the point values.
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_mc_create(parley_mc **out, const parley_scenario *scenario,
	const parley_forecast_options *fopts, const parley_mc_options *opts);

/** Free a run. NULL is a no-op. */
void parley_mc_free(parley_mc *mc);

/**
 * Compute up to `max_draws` more of this part's draws, on the worker
 * threads, and add them to the totals. Call until parley_mc_remaining()
 * is 0 (a caller can show progress between calls).
 * @return 0, PARLEY_ENOMEM or PARLEY_ERROR (a thread could not start).
 */
int parley_mc_step(parley_mc *mc, uint64_t max_draws);

/** Draws of this part still to compute. */
uint64_t parley_mc_remaining(const parley_mc *mc);

/** Draws of this part (done and to do). */
uint64_t parley_mc_part_draws(const parley_mc *mc);

/**
 * Serialise the accumulated totals (to send a part's results to another
 * process). The bytes are for parley_mc_merge() of the same version on the
 * same scenario and options.
 */
int parley_mc_serialize(parley_buf *out, const parley_mc *mc);

/**
 * Add another part's serialised totals to this run's. Integer sums: the
 * order of merges does not matter.
 * @return 0 or PARLEY_EINVAL (bytes of another run or version).
 */
int parley_mc_merge(parley_mc *mc, const char *data, size_t len);

/** Summary of one model's forecasts on one issue over the draws. */
typedef struct {
	uint64_t draws;         /**< draws accumulated (all merged parts) */
	uint64_t ok;            /**< draws where the model produced a forecast */
	double mean, sd;        /**< over the successful draws */
	double quantiles[5];    /**< 5th, 25th, 50th, 75th and 95th percentiles */
	double lo, hi;          /**< the histogram's range: the issue's scale */
	size_t bins;            /**< histogram bins (20) */
	uint64_t counts[20];    /**< draws per bin, equal widths over [lo, hi] */
	size_t zone_count;      /**< the issue's zones */
	const uint64_t *zone_hits; /**< draws inside each zone (borrowed) */
	double point;           /**< the model's point forecast (at the coded values), NaN when it cannot run */
	int point_in_band;      /**< 1 when `point` lies in the 90 % band [5th, 95th percentile], 0 when
	                             it lies outside by more than a fine-histogram bin (hi - lo) / 1024
	                             (the percentiles' reading error), -1 when either is missing. A
	                             point outside its own band says the uncertainty is lopsided: a
	                             default spread too wide for the scale, a red line or the scale's
	                             end truncating draws on one side, or a model that jumps */
} parley_mc_summary;

/** Quantile levels of parley_mc_summary.quantiles, in percent. */
extern const int parley_mc_quantile_levels[5];

/**
 * Summary of model `model` on issue `issue`.
 * @return 0, PARLEY_ENOTFOUND (model not run) or PARLEY_EINVAL.
 */
int parley_mc_summary_get(parley_mc_summary *out, const parley_mc *mc, size_t issue,
	parley_model_id model);

/**
 * Append to `out` one warning (severity PARLEY_DIAG_WARNING, no position,
 * file `file`) for every model and issue whose point forecast lies outside
 * its own 90 % band (parley_mc_summary.point_in_band == 0), in issue then
 * model order: "the point forecast P of MODEL on issue 'ID' lies outside
 * its Monte Carlo 90% band [Q5, Q95]". Nothing is appended when every point
 * lies in its band.
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_mc_band_warnings(parley_diag_list *out, const parley_mc *mc, const char *file);

/** Share of draws in which an agreement is possible on the issue (parley/feasibility.h). */
double parley_mc_p_agreement(const parley_mc *mc, size_t issue);

/**
 * Share of draws in which an agreement is possible and part of it could be
 * ratified by body `body` (NaN when the body does not judge this issue).
 */
double parley_mc_p_ratified(const parley_mc *mc, size_t issue, size_t body);

/** Kinds of uncertain inputs. */
typedef enum {
	PARLEY_INPUT_POSITION = 0,
	PARLEY_INPUT_SALIENCE,
	PARLEY_INPUT_CAPABILITY,
	PARLEY_INPUT_STATUS_QUO,
	PARLEY_INPUT_RED_LO,
	PARLEY_INPUT_RED_HI
} parley_input_kind;

/** What one uncertain input does to one model's forecast on one issue. */
typedef struct {
	parley_input_kind kind; /**< what the input is */
	long actor;             /**< the actor it belongs to, or -1 (status quo) */
	double derivative;      /**< d forecast / d input at the point values (central difference) */
	double variance_share;  /**< squared correlation of input and forecast over the draws */
} parley_sensitivity;

/**
 * The uncertain inputs of issue `issue` ranked by their share of the
 * variance of `model`'s forecast (largest first; ties by input order).
 * Writes up to `max` entries and returns how many there are in all.
 */
size_t parley_mc_sensitivity(const parley_mc *mc, size_t issue, parley_model_id model,
	parley_sensitivity *out, size_t max);

/** Short name of an input kind ("position", ...). */
const char *parley_input_kind_name(parley_input_kind kind);

/** The options the run was made with (threads resolved). */
const parley_mc_options *parley_mc_options_used(const parley_mc *mc);

#ifdef __cplusplus
}
#endif
#endif
