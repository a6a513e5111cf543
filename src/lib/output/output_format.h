/*
 * output_format.h - what the text, JSON and CSV renderers share
 * (output_format.c): positions to an issue's decimals, actors' labels,
 * padding by characters; short names for them and for util's JSON writers.
 */
#ifndef PARLEY_OUTPUT_FORMAT_H
#define PARLEY_OUTPUT_FORMAT_H

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

#endif
