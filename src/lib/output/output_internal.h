/*
 * output_internal.h - what output.c shares with output_mc.c (the Monte
 * Carlo parts of the reports): formatting helpers and the hooks that add
 * distributions, probabilities and sensitivity to each format.
 */
#ifndef PARLEY_OUTPUT_INTERNAL_H
#define PARLEY_OUTPUT_INTERNAL_H

#include "forecast_internal.h"
#include "parley/mc.h"
#include "parley/output.h"

#define json_str parley_buf__json_str
#define json_num parley_buf__json_num
#define fmt_pos parley_output__fmt_pos
#define fmt_pos_w parley_output__fmt_pos_w
#define pad_to parley_output__pad_to
#define issue_decimals parley_output__issue_decimals
#define actor_label parley_output__actor_label

int fmt_pos(parley_buf *b, double v, int dec);
int fmt_pos_w(parley_buf *b, double v, int dec, int width);
int pad_to(parley_buf *b, size_t line_start, size_t col);
int issue_decimals(const parley_scenario *s, size_t i);
const char *actor_label(const parley_actor *a);

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

/* Cross-issue parts (output_packages.c). */
int parley_output__text_exchanges(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t issue, int dec);
int parley_output__json_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f);
int parley_output__text_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f);

#endif
