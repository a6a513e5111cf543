/*
 * output_packages.h - the cross-issue parts (output_packages.c): the
 * exchange model's trades under an issue, and package deals.
 */
#ifndef PARLEY_OUTPUT_PACKAGES_H
#define PARLEY_OUTPUT_PACKAGES_H

#include "output_format.h"

int parley_output__text_exchanges(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t issue, int dec);
int parley_output__json_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f);
int parley_output__text_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f);

#endif
