/*
 * output_mc.h - the Monte Carlo parts of each format (output_mc.c):
 * distributions, probabilities, sensitivity and uncertainties, which
 * output.c adds where a forecast has draws.
 */
#ifndef PARLEY_OUTPUT_MC_H
#define PARLEY_OUTPUT_MC_H

#include "output_format.h"

/* JSON: `, "distribution": {...}` inside a model's object. */
int parley_output__json_distribution(parley_buf *b, const parley_scenario *s, const parley_mc *mc,
	size_t issue, parley_model_id model);
/* JSON: `, "probability": {...}` inside an issue's feasibility object. */
int parley_output__json_mc_feasibility(parley_buf *b, const parley_scenario *s, const parley_mc *mc,
	size_t issue);
/* JSON: the issue's sensitivity object (models -> ranked inputs). */
int parley_output__json_sensitivity(parley_buf *b, const parley_scenario *s,
	const parley_forecast *f, const parley_mc *mc, size_t issue);
/* JSON: the issue's default uncertainties, resolved to its units. */
int parley_output__json_uncertainty(parley_buf *b, const parley_scenario *s, size_t issue);
/* CSV: the draws and distribution columns of one row. */
int parley_output__csv_mc(parley_buf *b, const parley_mc *mc, size_t issue, parley_model_id model);
/* Text: the distribution table and the tornado of one issue. */
int parley_output__text_mc(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc, size_t issue, int dec);
/* Text: the probabilities of agreement and ratification. */
int parley_output__text_mc_feasibility(parley_buf *b, const parley_scenario *s,
	const parley_mc *mc, size_t issue);

#endif
