/*
 * report_svg.h - the primitives the charts of the HTML report draw with
 * (report_svg.c), for the chart_*.c files: sizes, colours, text, the <svg>
 * element, ticks, markers, the scale axis and the zones. Below it are the
 * page helpers (report_html.h) and the JSON reader (report_json.h).
 */
#ifndef PARLEY_REPORT_SVG_H
#define PARLEY_REPORT_SVG_H

#include "report_html.h"

/* Width of every chart, in pixels. */
#define SVG_W 960.0
#define PI 3.14159265358979323846
#define FONT "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
/* average advance of a character, in em, to size label columns */
#define CHAR_EM 0.55

#define C_TEXT "#1a1a1a"
#define C_MUTED "#595959"
#define C_GRID "#e6e6e6"
#define C_ACTOR "#56B4E9"
#define C_ACTOR_EDGE "#1f4e6b"
#define C_ZONE "#F0E442"
#define C_OK "#009E73"
#define C_DARK "#4d4d4d"
#define C_LIGHT "#d9d9d9"
#define C_UP "#0072B2"
#define C_DOWN "#D55E00"
/* a white outline that keeps text legible over lines */
#define HALO "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\""

/* Plain text of the JSON into a title or description (escaped on output). */
int parley__svg_put(parley_buf *b, rstr s);
/* v within [lo, hi]. */
double parley__svg_clamp(double v, double lo, double hi);
/* Pixels of `s` at `size` px (an estimate: labels get room, not layout). */
double parley__svg_text_w(rstr s, double size);
/* Append `s` cut to at most `maxw` pixels at `size`, with an ellipsis. */
int parley__svg_esc_fit(parley_buf *b, rstr s, double size, double maxw);
/* <text> with the common attributes (`fill`, and `extra` when not NULL). */
int parley__svg_text_open(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra);
/* A <text> element holding `s` cut to `maxw` pixels. */
int parley__svg_text_fit(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra, rstr s, double maxw);
/* A <text> element holding v with `dec` decimals. */
int parley__svg_text_num(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra, double v, int dec);
/* The <svg> element's opening (`h` pixels high, data-chart="kind", the
 * issue's id when `is`), its title and description; sets c->chart_title. */
int parley__svg_open(rctx *c, parley_buf *b, double h, const char *kind, const rissue *is,
	const parley_buf *title, const parley_buf *desc);
/* Write a chart's title and text alternative (plain text) for `chart`. */
typedef int (*parley__svg_describe_fn)(const void *chart, parley_buf *title, parley_buf *desc);
/* parley__svg_open() with the title and description `describe` writes. */
int parley__svg_begin(rctx *c, parley_buf *b, double h, const char *kind, const rissue *is,
	parley__svg_describe_fn describe, const void *chart);
/* A round step for ticks over `span`: 1, 2, 2.5 or 5 times a power of ten,
 * giving about `target` intervals. */
double parley__svg_nice_step(double span, double target);
/* Tick k (from 0) of `step` from the first multiple of step at or above
 * lo: 1 and *t while it is within hi (at most 100 ticks), else 0. */
int parley__svg_tick(double lo, double hi, double step, size_t k, double *t);
/* Decimals that show every tick of `step` exactly (at most 6). */
int parley__svg_step_decimals(double step);
/* A marker of `shape` (rmodel.shape) in colour `col` centred at (x, y),
 * half-size r, with `extra` attributes. */
int parley__svg_marker_shape(parley_buf *b, int shape, const char *col, double x, double y, double r,
	const char *extra);
/* Model m's marker (c->models[m]: its shape and colour). */
int parley__svg_marker(rctx *c, parley_buf *b, size_t m, double x, double y, double r, const char *extra);

/* The scale axis shared by the positions and distribution charts. */
typedef struct {
	double x0, x1;   /* pixels of the scale's ends */
	double lo, hi;
} xaxis;
/* The pixel of scale value v. */
double parley__svg_x(const xaxis *a, double v);
/* Vertical grid lines from y0 to y1 at the ticks; the labelled points are
 * the major ticks. Ticks and numbers below y1 when `labels`. */
int parley__svg_axis_ticks(rctx *c, parley_buf *b, const rissue *is, const xaxis *a, double y0,
	double y1, int labels);
/* Split `s` into a first line of at most `maxw` pixels (at a space when
 * it can) and the rest. */
void parley__svg_wrap2(rstr s, double size, double maxw, rstr *l1, rstr *l2);
/* Height of the zone strip. */
#define ZONE_H 30
/* The named zones as a strip of bands at y0 (ZONE_H high) with their
 * names on one or two lines, which may reach halfway into the gaps beside
 * the band, and their edges as dashed lines down to y1. */
int parley__svg_zone_strip(rctx *c, parley_buf *b, const rissue *is, const xaxis *a, double y0,
	double y1);

#endif
