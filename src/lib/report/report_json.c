/*
 * report_json.c - reading the JSON result the HTML report is rendered from:
 * parsing with libfyaml in JSON mode (syntax errors keep libfyaml's line and
 * column), typed access to members, and diagnostics positioned at the
 * offending value. Strings are read in place (pointer and length), so a
 * JSON string may hold any character, NUL included. Arrays are indexed once
 * after parsing and the name tables on first lookup, so that reading the
 * result costs time linear (n log n for names) in its size.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_json.h"

/* Diagnostics kept per render; the rest are counted. */
#define MAX_DIAGS 100

typedef struct {
	unsigned line, col;
} jpos;

/* 1-based line and column (in code points) of byte `off` of `data`. */
static jpos pos_at(const char *data, size_t len, size_t off)
{
	jpos p = { 1, 1 };
	size_t i;
	for (i = 0; i < off && i < len; i++) {
		unsigned char ch = (unsigned char)data[i];
		if (ch == '\n') {
			p.line++;
			p.col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

/* Byte offset where node `n` starts: a scalar's token, a collection's
 * opening bracket (found by scanning back from its first member), or
 * (size_t)-1 when unknown (an empty collection). */
static size_t node_offset(struct fy_document *doc, const char *data, jnode *n)
{
	jnode *first = NULL;
	void *iter = NULL;
	size_t off;

	(void)doc;
	if (!n)
		return (size_t)-1;
	if (fy_node_get_type(n) == FYNT_SCALAR) {
		struct fy_token *t = fy_node_get_scalar_token(n);
		const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
		if (!m)
			return (size_t)-1;
		/* a string's token starts inside its quotes: point at the quote */
		if (fy_node_get_style(n) == FYNS_DOUBLE_QUOTED && m->input_pos > 0 &&
		    data[m->input_pos - 1] == '"')
			return m->input_pos - 1;
		return m->input_pos;
	}
	if (fy_node_get_type(n) == FYNT_MAPPING) {
		struct fy_node_pair *pair = fy_node_mapping_iterate(n, &iter);
		first = pair ? fy_node_pair_key(pair) : NULL;
	} else {
		first = fy_node_sequence_iterate(n, &iter);
	}
	off = node_offset(doc, data, first);
	if (off == (size_t)-1)
		return off;
	/* back over whitespace to the opening bracket */
	while (off > 0 && data[off - 1] != '{' && data[off - 1] != '[' &&
	       strchr(" \t\r\n", data[off - 1]))
		off--;
	return off > 0 ? off - 1 : 0;
}

static void vadd(rctx *c, unsigned line, unsigned col, const char *expected, const char *fmt,
	va_list ap)
{
	size_t k;
	char msg[600];

	if (c->errors++ >= MAX_DIAGS || !c->diags)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* the same value read by two charts: report it once */
	for (k = 0; k < c->diags->count; k++) {
		const parley_diag *d = &c->diags->items[k];
		if (d->line == line && d->column == col && d->message && !strcmp(d->message, msg)) {
			c->errors--;
			return;
		}
	}
	if (parley_diag__add(c->diags, c->file, line, col, expected, "%s", msg) < 0)
		c->oom = 1;
}

static void add(rctx *c, unsigned line, unsigned col, const char *expected, const char *fmt, ...)
	PARLEY__PRINTF(5, 6);
static void add(rctx *c, unsigned line, unsigned col, const char *expected, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(c, line, col, expected, fmt, ap);
	va_end(ap);
}

/* Offset of an (empty) collection that is the value of a member: after
 * its key and the colon. (size_t)-1 when `n` is not a member's value. */
static size_t after_key(rctx *c, jnode *n)
{
	jnode *parent = n ? fy_node_get_parent(n) : NULL;
	struct fy_node_pair *pair;
	void *iter = NULL;

	if (!parent || fy_node_get_type(parent) != FYNT_MAPPING)
		return (size_t)-1;
	while ((pair = fy_node_mapping_iterate(parent, &iter)) != NULL) {
		struct fy_token *t;
		const struct fy_mark *m;
		size_t off;
		if (fy_node_pair_value(pair) != n)
			continue;
		t = fy_node_get_scalar_token(fy_node_pair_key(pair));
		m = t ? fy_token_end_mark(t) : NULL;
		if (!m)
			return (size_t)-1;
		off = m->input_pos;
		while (off < c->src_len && strchr(" \t\r\n\":", c->src[off]))
			off++;
		return off < c->src_len ? off : (size_t)-1;
	}
	return (size_t)-1;
}

void parley__rj_error(rctx *c, jnode *n, const char *expected, const char *fmt, ...)
{
	size_t off;
	jnode *up = n;
	jpos p = { 1, 1 };
	va_list ap;

	if (c->errors >= MAX_DIAGS || !c->diags) { /* only counted: skip the position */
		c->errors++;
		return;
	}
	off = node_offset(c->doc, c->src, n);
	if (off == (size_t)-1)
		off = after_key(c, n);
	while (off == (size_t)-1 && up && (up = fy_node_get_parent(up)) != NULL)
		off = node_offset(c->doc, c->src, up);
	if (off != (size_t)-1)
		p = pos_at(c->src, c->src_len, off);
	va_start(ap, fmt);
	vadd(c, p.line, p.col, expected, fmt, ap);
	va_end(ap);
}

/* ---- the array index ---- */

/* Count the arrays under `n` and their items. The recursion is as deep as
 * the document, which the parser's depth limit bounds. */
static void count_seqs(jnode *n, size_t *nseq, size_t *nitems)
{
	struct fy_node_pair *pair;
	void *iter = NULL;
	jnode *item;

	if (!n)
		return;
	if (fy_node_get_type(n) == FYNT_SEQUENCE) {
		(*nseq)++;
		while ((item = fy_node_sequence_iterate(n, &iter)) != NULL) {
			(*nitems)++;
			count_seqs(item, nseq, nitems);
		}
	} else if (fy_node_get_type(n) == FYNT_MAPPING) {
		while ((pair = fy_node_mapping_iterate(n, &iter)) != NULL)
			count_seqs(fy_node_pair_value(pair), nseq, nitems);
	}
}

/* Give each array under `n` its rseq: the next of c->seqs, over the next
 * items of c->seq_items (an array's items first, then those of the arrays
 * nested in them). */
static void fill_seqs(rctx *c, jnode *n, size_t *nseq, size_t *nitems)
{
	struct fy_node_pair *pair;
	void *iter = NULL;
	jnode *item;
	size_t k;

	if (!n)
		return;
	if (fy_node_get_type(n) == FYNT_SEQUENCE) {
		rseq *s = &c->seqs[(*nseq)++];
		s->items = c->seq_items + *nitems;
		s->n = 0;
		while ((item = fy_node_sequence_iterate(n, &iter)) != NULL)
			s->items[s->n++] = item;
		*nitems += s->n;
		(void)fy_node_set_meta(n, s); /* fails only for a node of no document */
		for (k = 0; k < s->n; k++)
			fill_seqs(c, s->items[k], nseq, nitems);
	} else if (fy_node_get_type(n) == FYNT_MAPPING) {
		while ((pair = fy_node_mapping_iterate(n, &iter)) != NULL)
			fill_seqs(c, fy_node_pair_value(pair), nseq, nitems);
	}
}

static int index_seqs(rctx *c)
{
	size_t nseq = 0, nitems = 0;

	count_seqs(c->root, &nseq, &nitems);
	if (!nseq)
		return 0;
	c->seqs = parley__calloc(nseq, sizeof(*c->seqs));
	c->seq_items = parley__calloc(nitems ? nitems : 1, sizeof(*c->seq_items));
	if (!c->seqs || !c->seq_items)
		return PARLEY_ENOMEM;
	nseq = nitems = 0;
	fill_seqs(c, c->root, &nseq, &nitems);
	return 0;
}

/* ---- parsing ---- */

static size_t report_fy_errors(rctx *c, struct fy_diag *diag)
{
	struct fy_diag_error *e;
	void *iter = NULL;
	size_t n = 0;

	while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL) {
		if (e->type < FYET_ERROR)
			continue;
		n++;
		add(c, e->line > 0 ? (unsigned)e->line : 0, e->column > 0 ? (unsigned)e->column : 0,
			"valid JSON", "JSON syntax error: %s", e->msg ? e->msg : "?");
	}
	return n;
}

int parley_report__parse(rctx *c, const char *json, size_t len)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;
	struct fy_parse_cfg cfg;
	struct fy_parser *fyp;
	struct fy_document *doc = NULL, *extra;
	size_t max_bytes = c->opts->max_bytes ? c->opts->max_bytes : PARLEY_MAX_INPUT_BYTES;
	int error = 0;

	c->src = json;
	c->src_len = len;
	if (len > max_bytes) { /* JSON may be one long line: its size is its only limit */
		c->errors++;
		if (parley__too_large(c->diags, c->file, len, max_bytes) < 0)
			return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: 1 error in the input",
			c->file);
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	fy_diag_set_collect_errors(diag, true);
	memset(&cfg, 0, sizeof(cfg));
	/* The recursive loader finds duplicate keys by hash (the default one
	 * compares each key with every earlier one: minutes for 10^5 keys). */
	cfg.flags = FYPCF_QUIET | FYPCF_JSON_FORCE | FYPCF_PREFER_RECURSIVE;
	cfg.diag = diag;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, json, len) != 0) {
		if (fyp)
			fy_parser_destroy(fyp);
		fy_diag_destroy(diag);
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	}
	doc = fy_parse_load_document(fyp);
	if (doc) {
		extra = fy_parse_load_document(fyp);
		if (extra)
			fy_document_destroy(extra);
	}
	if (report_fy_errors(c, diag) || !doc || fy_parser_get_stream_error(fyp)) {
		if (!c->errors)
			add(c, 1, 1, "valid JSON", "JSON syntax error: no JSON value");
		if (doc)
			fy_document_destroy(doc);
		doc = NULL;
		error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: not valid JSON", c->file);
	}
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	c->doc = doc;
	c->root = doc ? fy_document_root(doc) : NULL;
	if (c->oom || index_seqs(c) < 0)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	return error;
}

static void names_dispose(rnames *ix)
{
	parley__free(ix->keys);
	parley__free(ix->bad);
	memset(ix, 0, sizeof(*ix));
}

void parley_report__unparse(rctx *c)
{
	size_t k;

	if (c->doc)
		fy_document_destroy(c->doc);
	c->doc = NULL;
	c->root = NULL;
	parley__free(c->seqs);
	parley__free(c->seq_items);
	c->seqs = NULL;
	c->seq_items = NULL;
	for (k = 0; k < sizeof(c->names_index) / sizeof(c->names_index[0]); k++)
		names_dispose(&c->names_index[k]);
}

/* ---- access ---- */

int parley__rstr_eq(rstr s, const char *z)
{
	size_t n = strlen(z);
	return s.p && s.n == n && !memcmp(s.p, z, n);
}

rstr parley__rstr_z(const char *z)
{
	rstr s;
	s.p = z;
	s.n = z ? strlen(z) : 0;
	return s;
}

/* The value of the first scalar key equal to `key`. Keys are compared as
 * text: fy_node_mapping_lookup_by_string() would parse `key` as YAML,
 * which prints libfyaml's errors to stderr when a key taken from the input
 * (a model id) is not valid YAML, and reads "a: b" as a mapping. */
jnode *parley__rj_get(jnode *obj, const char *key)
{
	return parley__rj_get_n(obj, parley__rstr_z(key));
}

jnode *parley__rj_get_n(jnode *obj, rstr key)
{
	struct fy_node_pair *pair;
	void *iter = NULL;

	if (!obj || !key.p || fy_node_get_type(obj) != FYNT_MAPPING)
		return NULL;
	while ((pair = fy_node_mapping_iterate(obj, &iter)) != NULL) {
		struct fy_node *k = fy_node_pair_key(pair);
		const char *t;
		size_t len;
		if (!k || fy_node_get_type(k) != FYNT_SCALAR || !(t = fy_node_get_scalar(k, &len)))
			continue;
		if (len == key.n && !memcmp(t, key.p, key.n))
			return fy_node_pair_value(pair);
	}
	return NULL;
}

static int is_plain(jnode *n, const char *text)
{
	size_t len;
	const char *t;
	if (!n || fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) != FYNS_PLAIN)
		return 0;
	t = fy_node_get_scalar(n, &len);
	return t && len == strlen(text) && !memcmp(t, text, len);
}

int parley__rj_is_null(jnode *n)
{
	return !n || is_plain(n, "null");
}

static const char *type_name(jnode *n)
{
	if (!n)
		return "nothing";
	switch (fy_node_get_type(n)) {
	case FYNT_MAPPING: return "an object";
	case FYNT_SEQUENCE: return "an array";
	default: break;
	}
	if (fy_node_get_style(n) != FYNS_PLAIN)
		return "a string";
	if (is_plain(n, "true") || is_plain(n, "false"))
		return "a boolean";
	return "a number";
}

int parley__rj_num(rctx *c, jnode *n, double *out)
{
	char tmp[64];
	const char *t;
	char *end;
	size_t len;
	double v;

	if (parley__rj_is_null(n))
		return 0;
	if (fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) != FYNS_PLAIN ||
	    is_plain(n, "true") || is_plain(n, "false")) {
		parley__rj_error(c, n, "a number", "expected a number, found %s", type_name(n));
		return 0;
	}
	t = fy_node_get_scalar(n, &len);
	if (!t || len == 0 || len >= sizeof(tmp)) {
		parley__rj_error(c, n, "a number", "number too long");
		return 0;
	}
	memcpy(tmp, t, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (*end || !isfinite(v)) {
		parley__rj_error(c, n, "a finite number", "number out of range: %s", tmp);
		return 0;
	}
	*out = v;
	return 1;
}

int parley__rj_num_at(rctx *c, jnode *obj, const char *key, double *out)
{
	return parley__rj_num(c, parley__rj_get(obj, key), out);
}

/* The number's text as written, for a message (at most 40 bytes). */
static const char *num_text(jnode *n, char *buf, size_t size)
{
	size_t len = 0;
	const char *t = fy_node_get_scalar(n, &len);
	snprintf(buf, size, "%.*s", t ? (int)(len < 40 ? len : 40) : 0, t ? t : "");
	return buf;
}

int parley__rj_num_in(rctx *c, jnode *n, double lo, double hi, int whole, double *out)
{
	return parley__rj_num_within(c, n, lo, hi, whole, NULL, out);
}

int parley__rj_num_within(rctx *c, jnode *n, double lo, double hi, int whole, const char *what,
	double *out)
{
	char expected[96], text[48];
	double v;

	if (!parley__rj_num(c, n, &v))
		return 0;
	if (v >= lo && v <= hi && (!whole || v == floor(v))) {
		*out = v;
		return 1;
	}
	if (what)
		snprintf(expected, sizeof(expected), "%s", what);
	else if (isinf(hi))
		snprintf(expected, sizeof(expected), "a %snumber >= %.17g", whole ? "whole " : "", lo);
	else
		snprintf(expected, sizeof(expected), "a %snumber from %.17g to %.17g", whole ? "whole " : "",
			lo, hi);
	parley__rj_error(c, n, expected, "number out of range: %s", num_text(n, text, sizeof(text)));
	return 0;
}

int parley__rj_share(rctx *c, jnode *n, double *out)
{
	return parley__rj_num_in(c, n, 0, 1, 0, out);
}

int parley__rj_share_at(rctx *c, jnode *obj, const char *key, double *out)
{
	return parley__rj_share(c, parley__rj_get(obj, key), out);
}

int parley__rj_count(rctx *c, jnode *n, double *out)
{
	return parley__rj_num_in(c, n, 0, RJ_MAX_COUNT, 1, out);
}

int parley__rj_count_at(rctx *c, jnode *obj, const char *key, double *out)
{
	return parley__rj_count(c, parley__rj_get(obj, key), out);
}

int parley__rj_nonneg_at(rctx *c, jnode *obj, const char *key, double *out)
{
	return parley__rj_num_in(c, parley__rj_get(obj, key), 0, HUGE_VAL, 0, out);
}

rstr parley__rj_str(rctx *c, jnode *n)
{
	rstr s = { NULL, 0 };
	if (parley__rj_is_null(n))
		return s;
	if (fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) == FYNS_PLAIN) {
		parley__rj_error(c, n, "a string", "expected a string, found %s", type_name(n));
		return s;
	}
	s.p = fy_node_get_scalar(n, &s.n);
	if (!s.p) {
		s.p = "";
		s.n = 0;
	}
	return s;
}

rstr parley__rj_str_at(rctx *c, jnode *obj, const char *key)
{
	return parley__rj_str(c, parley__rj_get(obj, key));
}

int parley__rj_bool_at(rctx *c, jnode *obj, const char *key, int *out)
{
	jnode *n = parley__rj_get(obj, key);
	if (parley__rj_is_null(n))
		return 0;
	if (is_plain(n, "true") || is_plain(n, "false")) {
		*out = is_plain(n, "true");
		return 1;
	}
	parley__rj_error(c, n, "true or false", "expected true or false, found %s", type_name(n));
	return 0;
}

/* n when it is of type `t`; NULL when absent or null, or (a diagnostic
 * expecting `what`) of another type. */
static jnode *of_type(rctx *c, jnode *n, enum fy_node_type t, const char *what)
{
	if (parley__rj_is_null(n))
		return NULL;
	if (fy_node_get_type(n) != t) {
		parley__rj_error(c, n, what, "expected %s, found %s", what, type_name(n));
		return NULL;
	}
	return n;
}

jnode *parley__rj_arr(rctx *c, jnode *n)
{
	return of_type(c, n, FYNT_SEQUENCE, "an array");
}

jnode *parley__rj_arr_at(rctx *c, jnode *obj, const char *key)
{
	return parley__rj_arr(c, parley__rj_get(obj, key));
}

jnode *parley__rj_obj(rctx *c, jnode *n)
{
	return of_type(c, n, FYNT_MAPPING, "an object");
}

jnode *parley__rj_obj_at(rctx *c, jnode *obj, const char *key)
{
	return parley__rj_obj(c, parley__rj_get(obj, key));
}

/* Each array of c->doc has its rseq (JSON keys are strings, never arrays);
 * libfyaml's walk remains for an array without one. */
size_t parley__rj_len(jnode *arr)
{
	const rseq *s;
	int n;

	if (!arr || fy_node_get_type(arr) != FYNT_SEQUENCE)
		return 0;
	if ((s = fy_node_get_meta(arr)) != NULL)
		return s->n;
	n = fy_node_sequence_item_count(arr);
	return n > 0 ? (size_t)n : 0;
}

jnode *parley__rj_at(jnode *arr, size_t i)
{
	const rseq *s;

	if (!arr || fy_node_get_type(arr) != FYNT_SEQUENCE)
		return NULL;
	if ((s = fy_node_get_meta(arr)) != NULL)
		return i < s->n ? s->items[i] : NULL;
	if (i > (size_t)0x7fffffff)
		return NULL;
	return fy_node_sequence_get_by_index(arr, (int)i);
}

int parley__rj_pair(rctx *c, jnode *n, double *lo, double *hi)
{
	return parley__rj_pair_in(c, n, -HUGE_VAL, HUGE_VAL, lo, hi);
}

int parley__rj_pair_in(rctx *c, jnode *n, double min, double max, double *lo, double *hi)
{
	jnode *a = parley__rj_arr(c, n);
	double x, y;
	if (!a)
		return 0;
	if (parley__rj_len(a) != 2) {
		parley__rj_error(c, a, "[low, high]", "expected two numbers, found %zu values", parley__rj_len(a));
		return 0;
	}
	if (!parley__rj_num_in(c, parley__rj_at(a, 0), min, max, 0, &x) || !parley__rj_num_in(c, parley__rj_at(a, 1), min, max, 0, &y))
		return 0;
	if (x > y) {
		parley__rj_error(c, a, "low <= high", "interval ends in the wrong order");
		return 0;
	}
	*lo = x;
	*hi = y;
	return 1;
}

void parley__rj_open(rctx *c, jnode *obj, const char *key, int *lo_open, int *hi_open)
{
	char name[64];
	jnode *a;
	*lo_open = *hi_open = 0;
	snprintf(name, sizeof(name), "%s_open", key);
	a = parley__rj_arr_at(c, obj, name);
	if (!a || parley__rj_len(a) != 2)
		return;
	*lo_open = is_plain(parley__rj_at(a, 0), "true");
	*hi_open = is_plain(parley__rj_at(a, 1), "true");
}

jnode *parley__rj_next(jnode *obj, void **iter, rstr *key)
{
	struct fy_node_pair *pair;
	if (!obj || fy_node_get_type(obj) != FYNT_MAPPING)
		return NULL;
	pair = fy_node_mapping_iterate(obj, iter);
	if (!pair)
		return NULL;
	key->p = fy_node_get_scalar(fy_node_pair_key(pair), &key->n);
	if (!key->p) {
		key->p = "";
		key->n = 0;
	}
	return fy_node_pair_value(pair);
}

/* ---- display names ---- */

int parley__rstr_cmp(rstr a, rstr b)
{
	size_t n = a.n < b.n ? a.n : b.n;
	int d = n ? memcmp(a.p, b.p, n) : 0;
	if (d)
		return d;
	return a.n < b.n ? -1 : a.n > b.n;
}

static int rname_cmp(const void *pa, const void *pb)
{
	const rname *a = pa, *b = pb;
	int d = parley__rstr_cmp(a->id, b->id);
	if (d)
		return d;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* What parley__rj_str() reads from an entry's "id", without a diagnostic: 1 and
 * *out for a string, 0 when absent or null, -1 for anything else. */
static int entry_id(jnode *entry, rstr *out)
{
	jnode *n = parley__rj_get(entry, "id");

	if (parley__rj_is_null(n))
		return 0;
	if (fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) == FYNS_PLAIN)
		return -1;
	out->p = fy_node_get_scalar(n, &out->n);
	if (!out->p) {
		out->p = "";
		out->n = 0;
	}
	return 1;
}

static int index_names(rnames *ix, jnode *table)
{
	size_t i, n = parley__rj_len(table);

	ix->keys = parley__calloc(n, sizeof(*ix->keys));
	ix->bad = parley__calloc(n, sizeof(*ix->bad));
	if (!ix->keys || !ix->bad) {
		parley__free(ix->keys);
		parley__free(ix->bad);
		ix->keys = NULL;
		ix->bad = NULL;
		return PARLEY_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		rstr id;
		int k = entry_id(parley__rj_at(table, i), &id);
		if (k > 0) {
			ix->keys[ix->nkeys].id = id;
			ix->keys[ix->nkeys++].at = i;
		} else if (k < 0) {
			ix->bad[ix->nbad++] = i;
		}
	}
	qsort(ix->keys, ix->nkeys, sizeof(*ix->keys), rname_cmp);
	ix->table = table;
	return 0;
}

/* The name of the first entry of `table` with id `id` (else `id`), with the
 * diagnostics of a scan from the start: those of the ids it would pass that
 * are not strings, then the name's. */
static rstr lookup_name(rctx *c, rnames *ix, jnode *table, rstr id)
{
	size_t lo = 0, hi, mid, upto;
	int found;

	if (!id.p || !parley__rj_len(table))
		return id;
	if (ix->table != table) {
		names_dispose(ix);
		if (index_names(ix, table) < 0) {
			c->oom = 1;
			return id;
		}
	}
	hi = ix->nkeys;
	while (lo < hi) { /* the first key not below id */
		mid = lo + (hi - lo) / 2;
		if (parley__rstr_cmp(ix->keys[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	found = lo < ix->nkeys && !parley__rstr_cmp(ix->keys[lo].id, id);
	upto = found ? ix->keys[lo].at : parley__rj_len(table);
	while (ix->bad_done < ix->nbad && ix->bad[ix->bad_done] < upto)
		(void)parley__rj_str_at(c, parley__rj_at(table, ix->bad[ix->bad_done++]), "id");
	if (found) {
		rstr name = parley__rj_str_at(c, parley__rj_at(table, ix->keys[lo].at), "name");
		return name.p && name.n ? name : id;
	}
	return id;
}

rstr parley__rj_actor_name(rctx *c, rstr id)
{
	return lookup_name(c, &c->names_index[0], c->names_actors, id);
}

rstr parley__rj_venue_name(rctx *c, rstr id)
{
	rstr name = lookup_name(c, &c->names_index[1], c->names_venues, id);
	if (name.p == id.p && parley__rstr_eq(id, "table"))
		return parley__rstr_z("All actors (consensus)");
	return name;
}

rstr parley__rj_body_name(rctx *c, rstr id)
{
	return lookup_name(c, &c->names_index[2], c->names_bodies, id);
}
