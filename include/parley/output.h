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

/**
 * Append the forecast of `scenario` in format `fmt` to `out`.
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_output_render(parley_buf *out, const parley_scenario *scenario,
	const parley_forecast *forecast, parley_output_format fmt);

#ifdef __cplusplus
}
#endif
#endif
