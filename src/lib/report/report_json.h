/*
 * report_json.h - the bottom of the HTML report: the renderer's state and
 * reading the JSON result (report_json.c). Every other part of the report
 * reads the result through these functions.
 *
 * The renderer walks the JSON document as it writes, and is its own
 * validator: a field of the wrong type becomes a positioned diagnostic and
 * the render goes on, so one pass reports every problem; the caller throws
 * the output away when any was found. Absent optional fields are skipped.
 */
#ifndef PARLEY_REPORT_JSON_H
#define PARLEY_REPORT_JSON_H

#include <stddef.h>
#include <libfyaml.h>
#include "internal.h"
#include "diag_internal.h"
#include "parley/report.h"

typedef struct fy_node jnode;

/* A string of the JSON: not NUL-terminated, may hold NUL bytes. */
typedef struct {
	const char *p; /* NULL when absent */
	size_t n;
} rstr;

/* A model as the report shows it: the library's models in the order of
 * its table, then any other model the JSON names, each with a colour and
 * a marker shape used on every chart. */
#define RPT_MAX_MODELS 16
typedef struct {
	char id[48];        /* its key in the JSON */
	char title[96];     /* "Compromise model" */
	char shortname[48]; /* a table heading: "Compromise" */
	char lower[96];     /* in a sentence: "compromise model" */
	const char *colour; /* #rrggbb */
	const char *glyph;  /* a character of the marker's shape (UTF-8) */
	int shape;          /* 0 square, 1 diamond, 2 triangle up, 3 triangle down, 4 star, 5 plus, 6 ring */
} rmodel;

/* An array of the document, indexed: its items in order. Each array node's
 * libfyaml meta pointer is its rseq (libfyaml's own item count and lookup
 * by index walk a linked list), so parley__rj_len() and parley__rj_at() take constant time.
 * Invariant: items[0..n) are the array's items, in order, while the
 * document lives; the rseqs and their items belong to the rctx. */
typedef struct {
	size_t n;
	jnode **items;
} rseq;

/* A table of display names (scenario.actors, .venues, .ratification),
 * indexed on first lookup so each lookup is a binary search. Invariant:
 * keys are the entries whose id is a string, ordered by id and then
 * position; bad lists, ascending, the entries whose id is neither a string
 * nor null (each a diagnostic once a lookup passes it); the diagnostics of
 * bad[0..bad_done) have been recorded. */
typedef struct {
	rstr id;
	size_t at;  /* position in the table */
} rname;
typedef struct {
	jnode *table;  /* the table indexed, NULL before the first lookup */
	rname *keys;
	size_t nkeys;
	size_t *bad;
	size_t nbad, bad_done;
} rnames;

typedef struct {
	struct fy_document *doc;
	jnode *root;
	const char *src;              /* the JSON text (borrowed) */
	size_t src_len;
	const char *file;             /* name in diagnostics */
	parley_diag_list *diags;
	size_t errors;                /* diagnostics recorded by this render */
	int oom;                      /* an allocation failed */
	const parley_report_options *opts;
	parley_buf *out;              /* the page, or NULL when only charts are wanted */
	parley_report_chart_list *charts; /* standalone charts, or NULL */
	jnode *names_actors;          /* scenario.actors: [{id, name}], or NULL */
	jnode *names_venues;          /* scenario.venues, or NULL */
	jnode *names_bodies;          /* scenario.ratification, or NULL */
	rnames names_index[3];        /* indexes of the three name tables */
	rseq *seqs;                   /* one per array of the document */
	jnode **seq_items;            /* the items of all of them */
	parley_buf chart_title;       /* plain title of the chart drawn last */
	rmodel models[RPT_MAX_MODELS];/* the models shown, in order */
	size_t nmodels;
} rctx;

/* Parse `json` and index its arrays; 0 with c->doc and c->root set,
 * PARLEY_EPARSE after adding diagnostics, or PARLEY_ENOMEM. */
int parley_report__parse(rctx *c, const char *json, size_t len);
/* Free the document and the indexes (c->doc NULL is fine). */
void parley_report__unparse(rctx *c);

/* Record a problem at node `n` (its position; 1:1 when NULL). */
void parley__rj_error(rctx *c, jnode *n, const char *expected, const char *fmt, ...) PARLEY__PRINTF(4, 5);

/* Member `key` of object `obj`, or NULL (absent, or obj not an object). */
jnode *parley__rj_get(jnode *obj, const char *key);
/* The same for a key that is a string of the JSON (any bytes). */
jnode *parley__rj_get_n(jnode *obj, rstr key);
/* 1 when `n` is JSON null or absent. */
int parley__rj_is_null(jnode *n);
/* A finite number: 1 and *out; 0 when absent or null; else a diagnostic and 0. */
int parley__rj_num(rctx *c, jnode *n, double *out);
/* parley__rj_num() of obj[key]. */
int parley__rj_num_at(rctx *c, jnode *obj, const char *key, double *out);
/* Every number the report reads is checked for its range before use
 * (docs/report.md): parley__rj_num_in() is parley__rj_num() within [lo, hi], and a whole
 * number when `whole`; out of range is a diagnostic at the number and 0.
 * Shares and probabilities are in [0, 1]; counts (draws, rounds, forecasts,
 * bins' n) whole numbers from 0 to RJ_MAX_COUNT (2^53: every such count is
 * exact in a double); parley__rj_nonneg_at() any number >= 0 (errors, scores). */
#define RJ_MAX_COUNT 9007199254740992.0
#define RJ_MAX_SEED 18446744073709551615.0 /* UINT64_MAX */
int parley__rj_num_in(rctx *c, jnode *n, double lo, double hi, int whole, double *out);
/* parley__rj_num_in() whose diagnostic expects `what` (NULL: the range in numbers). */
int parley__rj_num_within(rctx *c, jnode *n, double lo, double hi, int whole, const char *what,
	double *out);
int parley__rj_share(rctx *c, jnode *n, double *out);
int parley__rj_share_at(rctx *c, jnode *obj, const char *key, double *out);
int parley__rj_count(rctx *c, jnode *n, double *out);
int parley__rj_count_at(rctx *c, jnode *obj, const char *key, double *out);
int parley__rj_nonneg_at(rctx *c, jnode *obj, const char *key, double *out);
/* A string (p NULL when absent or null; a diagnostic when another type). */
rstr parley__rj_str(rctx *c, jnode *n);
rstr parley__rj_str_at(rctx *c, jnode *obj, const char *key);
/* true/false: 1 and *out; 0 when absent or null; else a diagnostic and 0. */
int parley__rj_bool_at(rctx *c, jnode *obj, const char *key, int *out);
/* An array or object, NULL when absent or null (a diagnostic when another type). */
jnode *parley__rj_arr(rctx *c, jnode *n);
jnode *parley__rj_arr_at(rctx *c, jnode *obj, const char *key);
jnode *parley__rj_obj(rctx *c, jnode *n);
jnode *parley__rj_obj_at(rctx *c, jnode *obj, const char *key);
/* Items of an array (0 for anything else) and item i (NULL past the end):
 * constant time. */
size_t parley__rj_len(jnode *arr);
jnode *parley__rj_at(jnode *arr, size_t i);
/* An interval [lo, hi] of two numbers: 1 and lo, hi; 0 when absent or null. */
int parley__rj_pair(rctx *c, jnode *n, double *lo, double *hi);
/* parley__rj_pair() with both ends in [min, max]. */
int parley__rj_pair_in(rctx *c, jnode *n, double min, double max, double *lo, double *hi);
/* Its `_open` companion: both ends' openness (0, 0 when absent). */
void parley__rj_open(rctx *c, jnode *obj, const char *key, int *lo_open, int *hi_open);
/* Iterate an object's members: returns the value, sets *key; NULL at the end. */
jnode *parley__rj_next(jnode *obj, void **iter, rstr *key);

int parley__rstr_eq(rstr s, const char *z);
rstr parley__rstr_z(const char *z);
/* Byte order, then length: <0, 0, >0 as memcmp(). */
int parley__rstr_cmp(rstr a, rstr b);

/* Display names: the scenario's name for an id (its first entry with that
 * id), else the id itself. O(log n) after an O(n log n) index on first use;
 * c->oom set (and the id returned) when the index cannot be allocated. */
rstr parley__rj_actor_name(rctx *c, rstr id);
rstr parley__rj_venue_name(rctx *c, rstr id);
rstr parley__rj_body_name(rctx *c, rstr id);

#endif
