/*
 * ledger_read.c - reading ledger files (docs/ledger.md, "Ledger files"):
 * YAML written by hand, or the JSON that `parley ledger export --format
 * json` writes (JSON is YAML's flow style). libfyaml builds the tree with a
 * position on every token; this file walks it against the format and
 * reports every problem as FILE:LINE:COL, not only the first.
 *
 *   parley_ledger: 1
 *   parley_version: TEXT  # optional, ignored (written by export)
 *   questions:            # optional; a forecast's question is created when absent
 *     - id: ID
 *       kind: binary | value
 *       text: TEXT
 *       scale: [LO, HI]    # value questions
 *       resolution: {outcome: yes | no | NUMBER | unresolvable,
 *                    date: D, source: TEXT, note: TEXT}
 *   forecasts:
 *     - question: ID
 *       forecaster: NAME
 *       kind: person | model
 *       date: D
 *       words: TEXT | probability: P | value: X   (probability may come with words)
 *       range: [LO, HI]    # optional; words take their table range
 *       quote, source, note, scenario_sha256, parley_version: TEXT
 *       seed, draws: whole numbers (Monte Carlo)
 *
 * Aliases are refused (a ledger file has no use for them, and refusing them
 * rules out alias bombs).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfyaml.h>
#include "ytree.h"
#include "ledger_internal.h"
#include "scenario_internal.h"

typedef struct {
	parley_ledger_doc *doc;
	parley_diag_list *diags;
	const char *file;
	const char *data;
	size_t len;
	size_t errors;
	int oom;
} lreader;

typedef struct {
	unsigned line, col;
	size_t off;
} lpos;

static lpos node_pos(const lreader *r, struct fy_node *n)
{
	lpos p = { 0, 0, 0 };
	void *iter = NULL;
	size_t i, back = 0;

	if (!n)
		return p;
	if (fy_node_get_type(n) == FYNT_SCALAR) {
		struct fy_token *t = fy_node_get_scalar_token(n);
		const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
		enum fy_node_style style = fy_node_get_style(n);
		if (m) {
			p.line = (unsigned)m->line + 1;
			p.col = (unsigned)m->column + 1;
			p.off = m->input_pos;
			/* libfyaml places quoted scalars after their opening quote
			 * and aliases after their '*'. */
			if ((style == FYNS_SINGLE_QUOTED || style == FYNS_DOUBLE_QUOTED ||
			     style == FYNS_ALIAS) && p.col > 1 &&
			    m->input_pos > 0 && m->input_pos <= r->len &&
			    (r->data[m->input_pos - 1] == '"' || r->data[m->input_pos - 1] == '\'' ||
			     r->data[m->input_pos - 1] == '*')) {
				p.col--;
				p.off--;
			}
		}
		return p;
	}
	if (fy_node_get_type(n) == FYNT_MAPPING) {
		struct fy_node_pair *pair = fy_node_mapping_iterate(n, &iter);
		if (pair)
			p = node_pos(r, fy_node_pair_key(pair));
	} else {
		struct fy_node *item = fy_node_sequence_iterate(n, &iter);
		if (item)
			p = node_pos(r, item);
	}
	/* A flow collection starts at the '[' or '{' before its first entry,
	 * a block sequence at its first '-' (on the same line). */
	if (p.line && p.off <= r->len) {
		for (i = p.off; i > 0 && (r->data[i - 1] == ' ' || r->data[i - 1] == '\t'); i--)
			back++;
		if (i > 0 && (r->data[i - 1] == '[' || r->data[i - 1] == '{' ||
			      (r->data[i - 1] == '-' && fy_node_get_type(n) == FYNT_SEQUENCE)) &&
		    p.col > back + 1) {
			p.col -= (unsigned)(back + 1);
			p.off = i - 1;
		}
	}
	return p;
}

static void lerr(lreader *r, struct fy_node *n, struct fy_node *fallback, const char *expected,
	const char *fmt, ...) PARLEY__PRINTF(5, 6);

static void lerr(lreader *r, struct fy_node *n, struct fy_node *fallback, const char *expected,
	const char *fmt, ...)
{
	lpos p = node_pos(r, n);
	va_list ap;

	if (!p.line)
		p = node_pos(r, fallback);
	r->errors++;
	if (r->errors > 100)
		return;
	va_start(ap, fmt);
	if (parley_diag__vadd(r->diags, r->file, p.line, p.col, expected, fmt, ap) < 0)
		r->oom = 1;
	va_end(ap);
}

static int is_null(struct fy_node *n)
{
	size_t len;
	const char *t;

	if (!n)
		return 1;
	if (fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) != FYNS_PLAIN)
		return 0;
	t = fy_node_get_scalar(n, &len);
	return parley__is_null_word(t, len);
}

/* A scalar's text; a single-quoted one's from its source, in *tmp, which
 * the caller frees (ytree.h says why). NULL when memory ran out. */
static const char *scalar_text(lreader *r, struct fy_node *n, size_t *len, char **tmp)
{
	size_t n_src;
	const char *src = parley_ytree__single_quoted_source(fy_node_get_scalar_token(n), r->data,
		r->len, &n_src);

	*tmp = NULL;
	if (!src)
		return fy_node_get_scalar(n, len);
	if (!(*tmp = parley__malloc(n_src + 1))) {
		r->oom = 1;
		return NULL;
	}
	*len = parley_ytree__single_quoted_value(src, n_src, *tmp);
	return *tmp;
}

/* A string value (NULL for null), copied into the document. Returns 0 or -1 after an error. */
static int get_text(lreader *r, struct fy_node *v, struct fy_node *k, const char *what,
	const char **out)
{
	size_t len = 0;
	const char *t;
	char *tmp;
	parley_text_bad bad;
	char why[64];
	int error = 0;

	*out = NULL;
	if (is_null(v))
		return 0;
	if (fy_node_get_type(v) != FYNT_SCALAR) {
		lerr(r, v, k, "a string", "%s must be a string", what);
		return -1;
	}
	t = scalar_text(r, v, &len, &tmp);
	if (!t && r->oom)
		return -1;
	if (!t)
		t = "";
	/* The rule of text.c (the one parley_ledger_apply() applies too), on
	 * the string's length: an escaped NUL would otherwise cut it short. */
	if (parley__text_check(t, len, PARLEY_TEXT_MULTILINE, &bad) < 0) {
		lerr(r, v, k, parley__text_expected(&bad, PARLEY_TEXT_MULTILINE),
			"%s holds %s at byte %zu", what, parley__text_fault(&bad, why, sizeof(why)),
			bad.offset);
		error = -1;
	} else if (!(*out = parley_arena__strndup(&r->doc->arena, t, len))) {
		r->oom = 1;
		error = -1;
	}
	parley__free(tmp);
	return error;
}

/* A number. Returns 0, 1 when null (absent), -1 after an error. */
static int get_number(lreader *r, struct fy_node *v, struct fy_node *k, const char *what,
	double *out)
{
	char buf[64], *end;
	size_t len;
	const char *t;

	if (is_null(v))
		return 1;
	if (fy_node_get_type(v) != FYNT_SCALAR || fy_node_get_style(v) != FYNS_PLAIN) {
		lerr(r, v, k, "a number", "%s must be a number", what);
		return -1;
	}
	t = fy_node_get_scalar(v, &len);
	if (len == 0 || len >= sizeof(buf)) {
		lerr(r, v, k, "a number", "%s must be a number", what);
		return -1;
	}
	memcpy(buf, t, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtod(buf, &end);
	if (*end || end == buf || !isfinite(*out) || errno == ERANGE) {
		lerr(r, v, k, "a number", "%s: '%s' is not a number", what, buf);
		return -1;
	}
	return 0;
}

static int get_u64(lreader *r, struct fy_node *v, struct fy_node *k, const char *what, uint64_t *out)
{
	char buf[32], *end;
	size_t len;
	const char *t;

	if (fy_node_get_type(v) != FYNT_SCALAR || fy_node_get_style(v) != FYNS_PLAIN) {
		lerr(r, v, k, "a whole number", "%s must be a whole number", what);
		return -1;
	}
	t = fy_node_get_scalar(v, &len);
	if (len == 0 || len >= sizeof(buf) || t[0] == '-' || t[0] == '+') {
		lerr(r, v, k, "a whole number from 0 to 2^64-1", "%s must be a whole number", what);
		return -1;
	}
	memcpy(buf, t, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtoull(buf, &end, 10);
	if (*end || errno) {
		lerr(r, v, k, "a whole number from 0 to 2^64-1", "%s: '%s' is not a whole number", what, buf);
		return -1;
	}
	return 0;
}

/* A pair [LO, HI] of numbers with LO <= HI (strict when `strict`). */
static int get_pair(lreader *r, struct fy_node *v, struct fy_node *k, const char *what,
	int strict, double *lo, double *hi)
{
	struct fy_node *a, *b;

	if (fy_node_get_type(v) != FYNT_SEQUENCE || fy_node_sequence_item_count(v) != 2) {
		lerr(r, v, k, "[LO, HI]", "%s must be a pair [LO, HI]", what);
		return -1;
	}
	a = fy_node_sequence_get_by_index(v, 0);
	b = fy_node_sequence_get_by_index(v, 1);
	if (get_number(r, a, k, what, lo) != 0 || get_number(r, b, k, what, hi) != 0)
		return -1;
	if (strict ? !(*lo < *hi) : !(*lo <= *hi)) {
		lerr(r, v, k, strict ? "LO < HI" : "LO <= HI", "%s: the ends are the wrong way round", what);
		return -1;
	}
	return 0;
}

static int get_date(lreader *r, struct fy_node *v, struct fy_node *k, const char *what,
	const char **out)
{
	if (get_text(r, v, k, what, out) < 0)
		return -1;
	if (!*out || !parley_ledger_date_valid(*out)) {
		lerr(r, v, k, "a date YYYY-MM-DD", "%s: bad date '%.20s'", what, *out ? *out : "");
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Look the keys of mapping `m` up in `known` (NULL-terminated): values into
 * v[], key nodes into k[]. Unknown keys are errors. Returns -1 when `m` is
 * not a mapping. */
static int fields(lreader *r, struct fy_node *m, struct fy_node *mk, const char *what,
	const char *const *known, struct fy_node **v, struct fy_node **k)
{
	struct fy_node_pair *pair;
	void *iter = NULL;
	size_t i, n;

	for (n = 0; known[n]; n++)
		v[n] = k[n] = NULL;
	if (!m || fy_node_get_type(m) != FYNT_MAPPING) {
		lerr(r, m, mk, "a mapping", "%s must be a mapping", what);
		return -1;
	}
	while ((pair = fy_node_mapping_iterate(m, &iter)) != NULL) {
		struct fy_node *key = fy_node_pair_key(pair);
		size_t len = 0;
		char *tmp = NULL;
		const char *t = key && fy_node_get_type(key) == FYNT_SCALAR ?
			scalar_text(r, key, &len, &tmp) : NULL;
		int hit = 0;
		if (t)
			for (i = 0; i < n; i++)
				if (strlen(known[i]) == len && !memcmp(known[i], t, len)) {
					v[i] = fy_node_pair_value(pair);
					k[i] = key;
					hit = 1;
					break;
				}
		if (!hit) {
			parley_buf list = PARLEY_BUF_INIT;
			for (i = 0; i < n; i++)
				if (parley_buf__printf(&list, "%s%s", i ? ", " : "", known[i]) < 0)
					r->oom = 1;
			lerr(r, key, m, list.ptr ? list.ptr : "", "unknown key '%.*s' in %s",
				t ? (int)(len > 60 ? 60 : len) : 1, t ? t : "?", what);
			parley_buf_dispose(&list);
		}
		parley__free(tmp);
	}
	return 0;
}

/* A plain scalar that starts like a number. */
static int looks_numeric(struct fy_node *n)
{
	size_t len;
	const char *t;

	if (!n || fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) != FYNS_PLAIN || is_null(n))
		return 0;
	t = fy_node_get_scalar(n, &len);
	return t && len > 0 && (t[0] == '-' || t[0] == '+' || t[0] == '.' || (t[0] >= '0' && t[0] <= '9'));
}

/* A required name (an id, a forecaster): 1 to 500 printable characters;
 * `expected` is what the message shows when the key is missing. */
static void get_name(lreader *r, struct fy_node *item, struct fy_node *parent, struct fy_node *v,
	struct fy_node *k, const char *key, const char *expected, const char *missing,
	const char *bad, const char **out)
{
	if (!v)
		lerr(r, item, parent, expected, "%s", missing);
	else if (get_text(r, v, k, key, out) == 0 && (!*out || !parley_ledger__name_valid(*out)))
		lerr(r, v, k, "1 to 500 printable characters", "%s", bad);
}

/* One of two words for a field (kind: binary or value, person or model);
 * *out is left as it is when the field is absent or null. */
static void get_choice(lreader *r, struct fy_node *v, struct fy_node *k, const char *key,
	const char *const words[2], const int values[2], const char *what, int *out)
{
	const char *t = NULL;
	char expected[48];

	if (!v || get_text(r, v, k, key, &t) < 0 || !t)
		return;
	if (!strcmp(t, words[0]))
		*out = values[0];
	else if (!strcmp(t, words[1]))
		*out = values[1];
	else {
		snprintf(expected, sizeof(expected), "%s or %s", words[0], words[1]);
		lerr(r, v, k, expected, "unknown %s '%.40s'", what, t);
	}
}

static void read_question(lreader *r, struct fy_node *item, struct fy_node *parent)
{
	static const char *const known[] = { "id", "kind", "text", "scale", "resolution", NULL };
	enum { ID, KIND, TEXT, SCALE, RES };
	static const char *const rknown[] = { "outcome", "date", "source", "note", NULL };
	enum { OUT, DATE, SOURCE, NOTE };
	struct fy_node *v[5], *k[5], *rv[4], *rk[4];
	parley_ledger_question *q;
	lpos p = node_pos(r, item);

	if (fields(r, item, parent, "a question", known, v, k) < 0)
		return;
	q = parley_ledger__doc_question(r->doc);
	if (!q) {
		r->oom = 1;
		return;
	}
	q->line = p.line;
	q->column = p.col;
	get_name(r, item, parent, v[ID], k[ID], "id", "id: ...", "a question needs an id",
		"bad question id", &q->id);
	if (v[KIND]) {
		static const char *const words[2] = { "binary", "value" };
		static const int values[2] = { PARLEY_LEDGER_BINARY, PARLEY_LEDGER_VALUE };
		int kind = (int)q->kind;
		get_choice(r, v[KIND], k[KIND], "kind", words, values, "kind", &kind);
		q->kind = (parley_ledger_kind)kind;
	} else {
		q->kind = v[SCALE] ? PARLEY_LEDGER_VALUE : PARLEY_LEDGER_BINARY;
	}
	if (v[TEXT])
		get_text(r, v[TEXT], k[TEXT], "text", &q->text);
	if (v[SCALE] && !is_null(v[SCALE])) {
		if (q->kind != PARLEY_LEDGER_VALUE)
			lerr(r, v[SCALE], k[SCALE], "no scale on a binary question",
				"a binary question has no scale");
		else
			get_pair(r, v[SCALE], k[SCALE], "scale", 1, &q->lo, &q->hi);
	}
	if (v[RES] && !is_null(v[RES]) &&
	    fields(r, v[RES], k[RES], "a resolution", rknown, rv, rk) == 0) {
		parley_ledger_resolution *res = parley_ledger__doc_resolution(r->doc);
		lpos rp = node_pos(r, v[RES]);
		const char *o = NULL;
		if (!res) {
			r->oom = 1;
			return;
		}
		res->question = q->id;
		res->line = rp.line;
		res->column = rp.col;
		if (!rv[OUT]) {
			lerr(r, v[RES], k[RES], "outcome: yes, no, a number or unresolvable",
				"a resolution needs an outcome");
		} else if (looks_numeric(rv[OUT])) {
			if (get_number(r, rv[OUT], rk[OUT], "outcome", &res->value) == 0) {
				res->outcome = PARLEY_LEDGER_RESOLVED_VALUE;
				if (q->kind != PARLEY_LEDGER_VALUE)
					lerr(r, rv[OUT], rk[OUT], "yes, no or unresolvable",
						"a binary question resolves yes, no or unresolvable");
			}
		} else if (get_text(r, rv[OUT], rk[OUT], "outcome", &o) == 0) {
			if (o && !strcmp(o, "yes"))
				res->outcome = PARLEY_LEDGER_YES;
			else if (o && !strcmp(o, "no"))
				res->outcome = PARLEY_LEDGER_NO;
			else if (o && !strcmp(o, "unresolvable"))
				res->outcome = PARLEY_LEDGER_UNRESOLVABLE;
			else
				lerr(r, rv[OUT], rk[OUT], "yes, no, a number or unresolvable",
					"unknown outcome '%.40s'", o ? o : "");
			if ((res->outcome == PARLEY_LEDGER_YES || res->outcome == PARLEY_LEDGER_NO) &&
			    q->kind == PARLEY_LEDGER_VALUE)
				lerr(r, rv[OUT], rk[OUT], "a number or unresolvable",
					"a value question resolves to a number or unresolvable");
		}
		if (!rv[DATE])
			lerr(r, v[RES], k[RES], "date: YYYY-MM-DD", "a resolution needs a date");
		else
			get_date(r, rv[DATE], rk[DATE], "date", &res->date);
		if (!rv[SOURCE])
			lerr(r, v[RES], k[RES], "source: what shows the outcome", "a resolution needs a source");
		else if (get_text(r, rv[SOURCE], rk[SOURCE], "source", &res->source) == 0 &&
			 (!res->source || !res->source[0]))
			lerr(r, rv[SOURCE], rk[SOURCE], "what shows the outcome", "the source is empty");
		if (rv[NOTE])
			get_text(r, rv[NOTE], rk[NOTE], "note", &res->note);
		if (res->outcome == PARLEY_LEDGER_UNRESOLVABLE && (!res->note || !res->note[0]))
			lerr(r, rv[OUT] ? rv[OUT] : v[RES], rk[OUT], "note: why it cannot be resolved",
				"an unresolvable question needs a note saying why");
	}
}

static void read_forecast(lreader *r, struct fy_node *item, struct fy_node *parent)
{
	static const char *const known[] = { "question", "forecaster", "kind", "date", "probability",
		"words", "value", "range", "quote", "source", "note", "scenario_sha256",
		"parley_version", "seed", "draws", NULL };
	enum { QUESTION, FORECASTER, KIND, DATE, PROB, WORDS, VALUE, RANGE, QUOTE, SOURCE, NOTE,
		SHA, VERSION, SEED, DRAWS };
	struct fy_node *v[15], *k[15];
	parley_ledger_forecast *f;
	lpos p = node_pos(r, item);

	if (fields(r, item, parent, "a forecast", known, v, k) < 0)
		return;
	f = parley_ledger__doc_forecast(r->doc);
	if (!f) {
		r->oom = 1;
		return;
	}
	f->line = p.line;
	f->column = p.col;
	get_name(r, item, parent, v[QUESTION], k[QUESTION], "question", "question: ID",
		"a forecast needs a question", "bad question id", &f->question);
	get_name(r, item, parent, v[FORECASTER], k[FORECASTER], "forecaster", "forecaster: NAME",
		"a forecast needs a forecaster", "bad forecaster name", &f->forecaster);
	{
		static const char *const words[2] = { "person", "model" };
		static const int values[2] = { PARLEY_LEDGER_PERSON, PARLEY_LEDGER_MODEL };
		int kind = (int)f->forecaster_kind;
		get_choice(r, v[KIND], k[KIND], "kind", words, values, "kind of forecaster", &kind);
		f->forecaster_kind = (parley_ledger_forecaster_kind)kind;
	}
	if (!v[DATE])
		lerr(r, item, parent, "date: YYYY-MM-DD", "a forecast needs a date");
	else
		get_date(r, v[DATE], k[DATE], "date", &f->date);
	if (v[WORDS])
		get_text(r, v[WORDS], k[WORDS], "words", &f->words);
	if (v[PROB] && get_number(r, v[PROB], k[PROB], "probability", &f->probability) == 0 &&
	    !(f->probability >= 0 && f->probability <= 1)) {
		lerr(r, v[PROB], k[PROB], "a probability from 0 to 1", "probability %g is out of range",
			f->probability);
		f->probability = NAN;
	}
	if (v[VALUE])
		get_number(r, v[VALUE], k[VALUE], "value", &f->value);
	if (f->words && isnan(f->probability)) {
		const parley_ledger_word *w = parley_ledger_word_lookup(f->words);
		if (!w) {
			parley_buf known_words = PARLEY_BUF_INIT;
			if (parley_ledger__known_words(&known_words) < 0)
				r->oom = 1;
			lerr(r, v[WORDS], k[WORDS], known_words.ptr ? known_words.ptr : "known words",
				"unknown words of estimative probability '%.60s'", f->words);
			parley_buf_dispose(&known_words);
		} else {
			f->probability = w->p;
			f->p_lo = w->lo;
			f->p_hi = w->hi;
		}
	}
	if (v[RANGE] && !is_null(v[RANGE]) &&
	    get_pair(r, v[RANGE], k[RANGE], "range", 0, &f->p_lo, &f->p_hi) == 0 &&
	    !(f->p_lo >= 0 && f->p_hi <= 1 && (isnan(f->probability) ||
		(f->p_lo <= f->probability && f->probability <= f->p_hi))))
		lerr(r, v[RANGE], k[RANGE], "0 <= LO <= probability <= HI <= 1",
			"the range does not hold the probability");
	if (!isnan(f->value) && ((v[WORDS] && !is_null(v[WORDS])) || (v[PROB] && !is_null(v[PROB]))))
		lerr(r, v[VALUE], k[VALUE], "a probability (or words) or a value",
			"a forecast has a probability or a value, not both");
	else if (isnan(f->value) && isnan(f->probability) && !(v[WORDS] && !is_null(v[WORDS])) &&
		 !(v[PROB] && !is_null(v[PROB])) && !(v[VALUE] && !is_null(v[VALUE])))
		lerr(r, item, parent, "probability, words or value",
			"a forecast needs a probability, words or a value");
	if (v[RANGE] && !is_null(v[RANGE]) && !isnan(f->value))
		lerr(r, v[RANGE], k[RANGE], "no range on a value forecast", "a value forecast has no range");
	if (v[QUOTE])
		get_text(r, v[QUOTE], k[QUOTE], "quote", &f->quote);
	if (v[SOURCE])
		get_text(r, v[SOURCE], k[SOURCE], "source", &f->source);
	if (v[NOTE])
		get_text(r, v[NOTE], k[NOTE], "note", &f->note);
	if (v[SHA])
		get_text(r, v[SHA], k[SHA], "scenario_sha256", &f->scenario_sha256);
	if (v[VERSION])
		get_text(r, v[VERSION], k[VERSION], "parley_version", &f->parley_version);
	if ((v[SEED] && !is_null(v[SEED])) != (v[DRAWS] && !is_null(v[DRAWS]))) {
		lerr(r, v[SEED] ? v[SEED] : v[DRAWS], v[SEED] ? k[SEED] : k[DRAWS], "both seed and draws",
			"seed and draws go together");
	} else if (v[SEED] && !is_null(v[SEED])) {
		if (get_u64(r, v[SEED], k[SEED], "seed", &f->seed) == 0 &&
		    get_u64(r, v[DRAWS], k[DRAWS], "draws", &f->draws) == 0)
			f->has_seed = 1;
	}
}

/* Refuse aliases anywhere (see the file comment). Returns 1 when found. */
static int find_alias(lreader *r, struct fy_node *n)
{
	void *iter = NULL;

	if (!n)
		return 0;
	if (fy_node_is_alias(n)) {
		lerr(r, n, NULL, "plain values", "aliases (*name) are not allowed in ledger files");
		return 1;
	}
	if (fy_node_get_type(n) == FYNT_MAPPING) {
		struct fy_node_pair *pair;
		while ((pair = fy_node_mapping_iterate(n, &iter)) != NULL)
			if (find_alias(r, fy_node_pair_key(pair)) || find_alias(r, fy_node_pair_value(pair)))
				return 1;
	} else if (fy_node_get_type(n) == FYNT_SEQUENCE) {
		struct fy_node *item;
		while ((item = fy_node_sequence_iterate(n, &iter)) != NULL)
			if (find_alias(r, item))
				return 1;
	}
	return 0;
}

/* Whether libfyaml collected an error message. */
static int has_messages(struct fy_diag *diag)
{
	struct fy_diag_error *e;
	void *iter = NULL;

	while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL)
		if (e->type >= FYET_ERROR)
			return 1;
	return 0;
}

static void syntax_errors(lreader *r, struct fy_diag *diag)
{
	struct fy_diag_error *e;
	void *iter = NULL;
	size_t any = 0;

	while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL) {
		if (e->type < FYET_ERROR)
			continue;
		any++;
		r->errors++;
		if (parley_diag__add(r->diags, r->file, e->line > 0 ? (unsigned)e->line : 0,
				e->column > 0 ? (unsigned)e->column : 0, "valid YAML or JSON",
				"syntax error: %s", e->msg ? e->msg : "?") < 0)
			r->oom = 1;
	}
	if (!any) {
		r->errors++;
		if (parley_diag__add(r->diags, r->file, 1, 1, "a mapping with parley_ledger: 1",
				"the file holds no YAML document") < 0)
			r->oom = 1;
	}
}

static void read_root(lreader *r, struct fy_node *root)
{
	static const char *const known[] = { "parley_ledger", "questions", "forecasts",
		"parley_version", NULL };
	enum { VERSION, QUESTIONS, FORECASTS, PVERSION };
	struct fy_node *v[4], *k[4], *item;
	double version;
	void *iter;

	if (!root || fy_node_get_type(root) != FYNT_MAPPING) {
		lpos p = node_pos(r, root);
		r->errors++;
		if (parley_diag__add(r->diags, r->file, p.line ? p.line : 1, p.col ? p.col : 1,
				"a mapping with parley_ledger: 1, questions and forecasts",
				"the document is not a ledger file") < 0)
			r->oom = 1;
		return;
	}
	if (find_alias(r, root))
		return;
	fields(r, root, NULL, "the ledger file", known, v, k);
	if (!v[VERSION])
		lerr(r, root, NULL, "parley_ledger: 1", "the file does not say 'parley_ledger: 1'");
	else if (get_number(r, v[VERSION], k[VERSION], "parley_ledger", &version) == 0 && version != 1)
		lerr(r, v[VERSION], k[VERSION], "1", "unsupported ledger file version %g", version);
	if (v[QUESTIONS] && !is_null(v[QUESTIONS])) {
		if (fy_node_get_type(v[QUESTIONS]) != FYNT_SEQUENCE) {
			lerr(r, v[QUESTIONS], k[QUESTIONS], "a sequence of questions",
				"questions must be a sequence");
		} else {
			iter = NULL;
			while ((item = fy_node_sequence_iterate(v[QUESTIONS], &iter)) != NULL && !r->oom)
				read_question(r, item, k[QUESTIONS]);
		}
	}
	if (v[FORECASTS] && !is_null(v[FORECASTS])) {
		if (fy_node_get_type(v[FORECASTS]) != FYNT_SEQUENCE) {
			lerr(r, v[FORECASTS], k[FORECASTS], "a sequence of forecasts",
				"forecasts must be a sequence");
		} else {
			iter = NULL;
			while ((item = fy_node_sequence_iterate(v[FORECASTS], &iter)) != NULL && !r->oom)
				read_forecast(r, item, k[FORECASTS]);
		}
	}
}

/* A problem found in the event stream (ytree_complex_keys,
 * ytree_silent_stop): at its line and column, counted on from the previous
 * one (offsets come in increasing order). */
typedef struct {
	lreader *r;
	size_t off;
	unsigned line, col;
} key_cursor;

static void positioned_error(void *ctx, ynode *at, size_t off, const char *expected,
	const char *message)
{
	key_cursor *c = ctx;

	(void)at;
	for (; c->off < off && c->off < c->r->len; c->off++) {
		if (c->r->data[c->off] == '\n') {
			c->line++;
			c->col = 1;
		} else if (((unsigned char)c->r->data[c->off] & 0xC0) != 0x80) {
			c->col++;
		}
	}
	c->r->errors++;
	if (c->r->errors <= 100 && parley_diag__add(c->r->diags, c->r->file, c->line, c->col,
			expected, "%s", message) < 0)
		c->r->oom = 1;
}

int parley_ledger_doc_load_buffer(parley_ledger_doc **out, const char *data, size_t len,
	const char *name, parley_diag_list *diags)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag = NULL;
	struct fy_parse_cfg cfg;
	struct fy_parser *fyp = NULL;
	struct fy_document *doc = NULL, *extra = NULL;
	lreader r;
	size_t i, first = diags ? diags->count : 0;
	unsigned line = 1, col = 1;
	int rc;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(data || len == 0);
	memset(&r, 0, sizeof(r));
	r.diags = diags;
	r.file = name ? name : "<input>";
	r.data = data;
	r.len = len;
	r.doc = parley_ledger__doc_new();
	if (!r.doc)
		return PARLEY_ENOMEM;

	/* The limits of docs/ledger.md, before anything else is read. */
	if (len > PARLEY_MAX_INPUT_BYTES)
		rc = parley__too_large(diags, r.file, len, PARLEY_MAX_INPUT_BYTES);
	else
		rc = parley__long_line(diags, r.file, data, len, PARLEY_MAX_LINE_BYTES);
	if (rc != 0) {
		r.errors++;
		r.oom = rc < 0;
		goto done;
	}
	/* Control characters (other than tab and line breaks) and NUL bytes:
	 * the first one, so that it never reaches a message or the parser. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
			r.errors++;
			if (parley_diag__add(diags, r.file, line, col, "printable text",
					"control character 0x%02x", (unsigned)c) < 0)
				r.oom = 1;
			goto done;
		}
		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80) {
			col++;
		}
	}
	/* Invalid UTF-8: libfyaml can loop forever on some (a directive line
	 * "%\xbf..."); report the first and never hand it to the parser. */
	i = parley__utf8_invalid_at((const unsigned char *)data, len);
	if (i < len) {
		size_t k;
		line = 1;
		col = 1;
		for (k = 0; k < i; k++) {
			if (data[k] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)data[k] & 0xC0) != 0x80) {
				col++;
			}
		}
		r.errors++;
		if (parley_diag__add(diags, r.file, line, col, "UTF-8 text",
				"the file is not valid UTF-8 text (byte 0x%02x at offset %zu)",
				(unsigned)(unsigned char)data[i], i) < 0)
			r.oom = 1;
		goto done;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		r.oom = 1;
		goto done;
	}
	fy_diag_set_collect_errors(diag, true);
	/* libfyaml's recursive loader crashes on a key that is a collection
	 * (issue 21): such keys are refused before it runs. */
	{
		key_cursor kc = { &r, 0, 1, 1 };
		if ((rc = ytree_complex_keys(data, len, positioned_error, &kc)) != 0) {
			r.oom |= rc < 0;
			goto done;
		}
	}
	memset(&cfg, 0, sizeof(cfg));
	/* The recursive loader finds duplicate keys by hash (the default one
	 * compares each key with every earlier one: minutes for 10^5 keys). */
	cfg.flags = FYPCF_QUIET | FYPCF_JSON_NONE | FYPCF_PREFER_RECURSIVE;
	cfg.diag = diag;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, len ? data : "", len) != 0) {
		r.oom = 1;
		goto done;
	}
	doc = fy_parse_load_document(fyp);
	if (!doc) {
		/* no message from libfyaml: a %YAML version it refuses, no
		 * document, or memory running out (never "no document" then) */
		key_cursor kc = { &r, 0, 1, 1 };
		if (!has_messages(diag) && (rc = ytree_silent_stop(data, len, positioned_error, &kc)) != 0)
			r.oom |= rc < 0;
		else
			syntax_errors(&r, diag);
		goto done;
	}
	extra = fy_parse_load_document(fyp);
	if (extra) {
		lerr(&r, fy_document_root(extra), NULL, "one ledger per file",
			"a second YAML document in the file");
		goto done;
	}
	if (fy_parser_get_stream_error(fyp)) {
		syntax_errors(&r, diag);
		goto done;
	}
	read_root(&r, fy_document_root(doc));
done:
	fy_document_destroy(extra);
	fy_document_destroy(doc);
	if (fyp)
		fy_parser_destroy(fyp);
	if (diag)
		fy_diag_destroy(diag);
	if (r.oom) {
		parley_ledger_doc_free(r.doc);
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory reading '%s'", r.file);
	}
	if (r.errors) {
		if (diags)
			parley_diag__sort(diags, first);
		if (r.errors > 100 && parley_diag__add(diags, r.file, 0, 0, NULL,
				"%zu more errors not shown", r.errors - 100) < 0) {
			parley_ledger_doc_free(r.doc);
			return PARLEY_ENOMEM;
		}
		parley_ledger_doc_free(r.doc);
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: %zu error%s in the ledger file",
			r.file, r.errors, r.errors == 1 ? "" : "s");
	}
	*out = r.doc;
	return 0;
}

int parley_ledger_doc_load_file(parley_ledger_doc **out, const char *path, parley_diag_list *diags)
{
	parley_buf data = PARLEY_BUF_INIT;
	int error;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(path);
	if ((error = parley_read_file(&data, path, PARLEY_MAX_INPUT_BYTES, diags)) == 0)
		error = parley_ledger_doc_load_buffer(out, data.ptr ? data.ptr : "", data.size, path,
			diags);
	parley_buf_dispose(&data);
	return error;
}
