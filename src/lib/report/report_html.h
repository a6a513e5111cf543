/*
 * report_html.h - what every page of the HTML report shares (report_html.c):
 * escaping of the JSON's text, numbers for reading, the page's head, and
 * the frame of a chart. Below it is only the JSON reader (report_json.h).
 */
#ifndef PARLEY_REPORT_HTML_H
#define PARLEY_REPORT_HTML_H

#include "report_json.h"

/* Chain fallible calls in a function with `int error` and a `done:` label. */

/* HTML/XML text with & < > " ' escaped; a text that breaks the rule of text.c
 * shown through parley__text_escape() (control characters and unbalanced
 * bidirectional controls made visible). */
int parley__html_esc(parley_buf *b, rstr s);
int parley__html_escz(parley_buf *b, const char *z);
/* `before`, s escaped, `after` (both HTML as they are). */
int parley__html_wrap(parley_buf *b, const char *before, rstr s, const char *after);
/* An id or file-name fragment: [A-Za-z0-9-] kept, anything else '-'; at most 40. */
int parley__html_slug(parley_buf *b, rstr s);
/* v with `dec` decimals, never "-0.0". */
int parley__html_num(parley_buf *b, double v, int dec);
/* A share as a percentage for reading: 0%, <1%, 37%, >99%, 100%. */
int parley__html_pct(parley_buf *b, double p);
/* Shortest text that reads back as v (data attributes). */
int parley__html_exact(parley_buf *b, double v);
/* A coded number for reading: whole numbers as they are, others to four
 * significant digits. */
int parley__html_short(parley_buf *b, double v);
/* Characters (UTF-8 code points) of s. */
size_t parley__html_chars(rstr s);
/* An interval [lo, hi] with `dec` decimals, its ends' openness shown. */
int parley__html_interval(parley_buf *b, double lo, double hi, int lo_open, int hi_open, int dec);

/* An issue as the charts and the forecast's report need it. */
typedef struct {
	jnode *issue;   /* the issue object */
	size_t index;   /* 0-based */
	rstr id, title;
	double lo, hi;  /* scale */
	int has_sq;
	double sq;      /* status quo */
	int dec;        /* decimals for reading positions */
} rissue;

/* The page's head: doctype, generator, title ("TITLE - parley WHAT") and
 * the style sheet; then <body>. */
int parley_report__page_head(rctx *c, rstr title, const char *what);
/* Model m's marker character in its colour (c->models[m]). */
int parley_report__glyph(rctx *c, size_t m);

/* Add a finished chart (an <svg> element in `svg`, titled c->chart_title)
 * to the page and, when collecting, to the chart list as the file
 * `NN-issue-kind.svg` (`kind.svg` without an issue). */
int parley_report__emit_chart(rctx *c, const parley_buf *svg, const rissue *is, const char *kind);
/* A chart of an issue: 0, PARLEY_ENOMEM, or 1 when there is nothing to draw. */
typedef int (*chart_fn)(rctx *c, parley_buf *b, const rissue *is);
/* Draw one chart with `fn` inside a <figure> with `caption` (HTML, or NULL). */
int parley_report__figure(rctx *c, const rissue *is, const char *kind, chart_fn fn, const char *caption);

#endif
