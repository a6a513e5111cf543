/*
 * parley/output.h - rendering a forecast as a terminal table, JSON or CSV.
 *
 * Every output names the parley version, the input's SHA-256 and the seed,
 * and is a pure function of its inputs: the same scenario and options give
 * the same bytes. Numbers are printed so that they read back exactly.
 *
 * Thread-safety: reentrant.
 */
#ifndef PARLEY_OUTPUT_H
#define PARLEY_OUTPUT_H

#include "common.h"
#include "diag.h"
#include "forecast.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	PARLEY_OUTPUT_TEXT = 0, /**< readable tables, one per issue */
	PARLEY_OUTPUT_JSON,     /**< the JSON contract of docs/output.md */
	PARLEY_OUTPUT_CSV       /**< one row per issue and model */
} parley_output_format;

struct parley_mc;

/** Options of parley_output_write(). */
typedef struct {
	unsigned int version;        /**< PARLEY_OUTPUT_OPTIONS_VERSION */
	parley_output_format format; /**< text (default), JSON or CSV */
	const struct parley_mc *mc;  /**< a finished Monte Carlo run of the same scenario and
	                                  models, or NULL: adds distributions, probabilities and
	                                  sensitivity (parley/mc.h) */
	const parley_diag_list *warnings; /**< warnings to report in the JSON output (its
	                                  top-level `warnings` array; omitted when NULL or
	                                  empty): the scenario loader's, and any a caller adds
	                                  about the run; borrowed for the call. Text and CSV
	                                  leave them to the caller (stderr) */
} parley_output_options;

#define PARLEY_OUTPUT_OPTIONS_VERSION 1
#define PARLEY_OUTPUT_OPTIONS_INIT { PARLEY_OUTPUT_OPTIONS_VERSION, PARLEY_OUTPUT_TEXT, NULL, NULL }

/**
 * Append the forecast of `scenario` to `out` as `opts` say (NULL: text).
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_output_write(parley_buf *out, const parley_scenario *scenario,
	const parley_forecast *forecast, const parley_output_options *opts);

/** parley_output_write() in format `fmt`, without Monte Carlo results. */
int parley_output_render(parley_buf *out, const parley_scenario *scenario,
	const parley_forecast *forecast, parley_output_format fmt);

#ifdef __cplusplus
}
#endif
#endif
