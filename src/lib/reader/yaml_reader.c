/*
 * yaml_reader.c - the YAML scenario reader (docs/scenario-format.md).
 *
 * libfyaml builds the document tree (with positions on every scalar
 * token); this file walks it against the schema, converting values and
 * reporting every problem it finds as FILE:LINE:COL diagnostics rather than
 * stopping at the first. Unknown keys are errors with a "did you mean"
 * hint. The institutional sections (venues, stages, ratification) and the
 * packages linking issues are checked for shape and references.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfyaml.h>
#include "ytree.h"
#include "reader_internal.h"
#include "parley/models.h"
#include "parley/suggest.h"

/* An id and the index of the item or object that has it. */
typedef struct {
	const char *id;
	size_t len;   /* bytes of id, up to its first NUL: ids compare as C strings */
	size_t index;
} idref;

/* The ids of a section read, sorted for lookups (idindex_find). */
typedef struct {
	idref *e;
	size_t n;
} idindex;

/* The runs of the items of the section being read (idruns_init). */
typedef struct {
	size_t *run;         /* by item: the head of its run, or NO_RUN (no id) */
	unsigned char *kept; /* by head: an item of the run was kept */
	size_t n;
} idruns;

typedef struct {
	parley_reader *r;
	parley_scenario *s;
	/* The input, to place positions on the opening quote or bracket. */
	const char *data;
	size_t len;
	/* Repeated ids in the section being read; lookups by id, each built
	 * once its section is read. */
	idruns runs;
	idindex documents, issues, actors, venues;
	/* Scratch for lists of actors or issues (ref_list): a stamp per actor
	 * or issue, so that finding repeats in a list costs O(n). */
	size_t *stamp, nstamp, gen;
	/* Scratch for a venue's weights or populations by actor (member_values):
	 * one pair of arrays for every venue, not a pair per venue. */
	double *mv_vals;
	unsigned char *mv_seen, *mv_member;
	/* Offsets of the line starts, built when a position is first needed. */
	size_t *lines, nlines;
	int lines_failed;
	ytree tree;
	char sepbuf[48]; /* a number without its thousands separators (thousands) */
	/* Misspelt keys reported with "did you mean" a required key: the
	 * mapping and the key, so that it is not also reported missing. */
	struct { ynode *map; const char *field; } typos[64];
	size_t ntypos;
	/* By venue: it had an error (its table is not checked against);
	 * by issue: its status quo was given but wrong. */
	unsigned char *venue_bad, *sq_bad;
	/* Where each red line is, for the warnings about them (check_red_lines). */
	struct redpos { size_t issue, actor; unsigned line, col; } *reds;
	size_t nreds, areds;
} yreader;

typedef struct {
	unsigned line, col;
	size_t off; /* byte offset in the input */
} ypos;

/* Longest user text quoted in a message, in bytes. */
#define CLIP_MAX 60
/* Most nodes that resolving aliases may create (a "billion laughs" guard). */
#define MAX_ALIAS_NODES 100000
/* Most aliases nested inside one another while counting them. */
#define MAX_ALIAS_DEPTH 64

/* ---- positions and errors ---- */

/* The position just before `p`, skipping back over blanks and line breaks:
 * where a bracket, a quote or a block indicator opening `p`'s node would be.
 * Columns count characters, as libfyaml's do. Returns 0 when there is none. */
static int pos_before(const yreader *y, const ypos *p, ypos *out, size_t *at)
{
	size_t i = p->off, k;
	unsigned line = p->line, col = p->col;
	int same_line = 1;

	if (!y || !y->data || p->off > y->len || !p->line)
		return 0;
	while (i > 0 && (y->data[i - 1] == ' ' || y->data[i - 1] == '\t' ||
			 y->data[i - 1] == '\n' || y->data[i - 1] == '\r')) {
		if (y->data[i - 1] == '\n') {
			line--;
			same_line = 0;
		}
		i--;
		col--;
	}
	if (i == 0 || line == 0)
		return 0;
	i--;
	if (same_line && col > 1) {
		col--; /* blanks are one byte, one column each */
	} else {
		/* Count the characters from the start of that line. */
		for (k = i; k > 0 && y->data[k - 1] != '\n'; k--)
			;
		for (col = 1; k < i; k++)
			if (((unsigned char)y->data[k] & 0xC0) != 0x80)
				col++;
	}
	out->line = line;
	out->col = col;
	out->off = i;
	*at = i;
	return 1;
}

/* Line and column (counting characters, as libfyaml does) of byte `off`,
 * from the index of line starts built on first use. */
static ypos pos_at(const yreader *y, size_t off)
{
	yreader *w = (yreader *)y; /* the index is a cache */
	ypos p = { 0, 0, 0 };
	size_t lo, hi, i;

	if (!y || !y->data || off > y->len)
		return p;
	if (!w->lines && !w->lines_failed) {
		size_t n = 1;
		for (i = 0; i < y->len; i++)
			n += y->data[i] == '\n';
		if (!(w->lines = parley__malloc(n * sizeof(*w->lines)))) {
			w->lines_failed = 1;
			w->r->oom = 1;
			return p;
		}
		w->lines[0] = 0;
		for (i = 0, n = 1; i < y->len; i++)
			if (y->data[i] == '\n')
				w->lines[n++] = i + 1;
		w->nlines = n;
	}
	if (!w->lines)
		return p;
	for (lo = 0, hi = w->nlines; hi - lo > 1;) { /* the last line start <= off */
		size_t mid = lo + (hi - lo) / 2;
		if (w->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.line = (unsigned)lo + 1;
	p.col = 1;
	for (i = w->lines[lo]; i < off; i++)
		if (((unsigned char)y->data[i] & 0xC0) != 0x80)
			p.col++;
	p.off = off;
	return p;
}

static ypos node_pos(const yreader *y, ynode *n)
{
	ypos p = { 0, 0, 0 }, q;
	void *iter = NULL;
	size_t at;

	if (!n)
		return p;
	if (yn_type(n) == YN_SCALAR || yn_is_alias(n)) {
		int style = n->style; /* the node's own: an alias is YS_ALIAS */
		if (n->off != UINT32_MAX)
			p = pos_at(y, n->off);
		/* libfyaml places quoted scalars after their opening quote,
		 * aliases after their '*' and block scalars on their first line
		 * of text: point at the quote, the '*' or the | or > instead. */
		if ((style == YS_SINGLE_QUOTED || style == YS_DOUBLE_QUOTED || style == YS_ALIAS) &&
		    p.off > 0 && y && y->data && p.off <= y->len && p.col > 1 &&
		    y->data[p.off - 1] == (style == YS_SINGLE_QUOTED ? '\'' :
					   style == YS_ALIAS ? '*' : '"')) {
			p.col--;
			p.off--;
		} else if ((style == YS_LITERAL || style == YS_FOLDED) &&
			   pos_before(y, &p, &q, &at)) {
			/* Skip the chomping and indentation indicators (|-, >2). */
			while (at > 0 && q.col > 1 && (y->data[at] == '-' || y->data[at] == '+' ||
			       (y->data[at] >= '1' && y->data[at] <= '9'))) {
				at--;
				q.col--;
			}
			if (y->data[at] == '|' || y->data[at] == '>') {
				q.off = at;
				p = q;
			}
		}
		return p;
	}
	if (yn_type(n) == YN_MAPPING) {
		ynode *pair = yn_iterate(n, &iter);
		if (pair)
			p = node_pos(y, yn_pair_key(pair));
	} else {
		ynode *item = yn_iterate(n, &iter);
		if (item)
			p = node_pos(y, item);
	}
	/* A collection starts at its first entry, or at the '{', '[' or '-'
	 * just before it. */
	if (p.line && pos_before(y, &p, &q, &at) &&
	    (yn_type(n) == YN_MAPPING ? y->data[at] == '{' :
	     (y->data[at] == '[' || y->data[at] == '-')))
		p = q;
	return p;
}

/* Position of `n`, else of `fallback` (usually the key naming n). */
static ypos pos2(const yreader *y, ynode *n, ynode *fallback)
{
	ypos p = node_pos(y, n);
	if (!p.line)
		p = node_pos(y, fallback);
	return p;
}

static void yerr(yreader *y, ynode *n, ynode *fallback,
	const char *expected, const char *fmt, ...) PARLEY__PRINTF(5, 6);

static void yerr(yreader *y, ynode *n, ynode *fallback,
	const char *expected, const char *fmt, ...)
{
	ypos p = pos2(y, n, fallback);
	va_list ap;

	va_start(ap, fmt);
	parley_reader__verror(y->r, p.line, p.col, expected, fmt, ap);
	va_end(ap);
}

/* User text to quote in a message: `t` itself, or its first CLIP_MAX
 * bytes and "..." in `buf`, so that a 2 MB value gives a short message. */
static const char *clip(char buf[CLIP_MAX + 4], const char *t)
{
	size_t len = t ? strlen(t) : 0;
	int n;

	if (!t)
		return "";
	if (len <= CLIP_MAX)
		return t;
	n = parley__clip_len(t, len, CLIP_MAX);
	memcpy(buf, t, (size_t)n);
	memcpy(buf + n, "...", 4);
	return buf;
}

static int is_null_scalar(ynode *n);

static const char *type_name(ynode *n)
{
	if (!n)
		return "nothing";
	switch (yn_type(n)) {
	case YN_MAPPING: return "a mapping";
	case YN_SEQUENCE: return "a sequence";
	default: return is_null_scalar(n) ? "an empty value" : "a scalar";
	}
}

/* ---- scalars ---- */

static int is_null_scalar(ynode *n)
{
	size_t len;
	const char *t;
	if (!n)
		return 1;
	if (yn_type(n) != YN_SCALAR || yn_style(n) != YS_PLAIN)
		return 0;
	t = yn_scalar(n, &len);
	return parley__is_null_word(t, len);
}

/* A string value (any scalar style). Returns 0, or -1 after reporting. */
static int get_string(yreader *y, ynode *n, ynode *key,
	const char *what, const char **out)
{
	const char *t;
	size_t len;

	if (!n || yn_type(n) != YN_SCALAR || is_null_scalar(n)) {
		yerr(y, n, key, "a string", "wrong type for %s: %s", what,
			is_null_scalar(n) && n && yn_type(n) == YN_SCALAR ? "an empty value" : type_name(n));
		return -1;
	}
	t = yn_scalar(n, &len);
	{
		/* the rule of text.c, on the string's length: an escaped NUL
		 * ("\0") would otherwise cut it short */
		parley_text_bad bad;
		char why[64];
		if (t && parley__text_check(t, len, PARLEY_TEXT_MULTILINE, &bad) < 0) {
			yerr(y, n, key, parley__text_expected(&bad, PARLEY_TEXT_MULTILINE),
				"%s holds %s at byte %zu", what, parley__text_fault(&bad, why, sizeof(why)),
				bad.offset);
			return -1;
		}
	}
	*out = parley_arena__strndup(&y->s->arena, t ? t : "", t ? len : 0);
	if (!*out)
		y->r->oom = 1;
	return *out ? 0 : -1;
}

static int is_identifier(const char *t)
{
	size_t i, n = strlen(t);
	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

static int get_identifier(yreader *y, ynode *n, ynode *key,
	const char *what, const char **out)
{
	if (get_string(y, n, key, what, out) < 0)
		return -1;
	if (!is_identifier(*out)) {
		char cb[CLIP_MAX + 4];
		yerr(y, n, key, "1-64 letters, digits, '_', '-' or '.'",
			"invalid %s '%s'", what, clip(cb, *out));
		return -1;
	}
	return 0;
}

static int is_date(const char *t)
{
	int i;
	if (strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9'))
			return 0;
	{
		static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		int yr = ((t[0] - '0') * 10 + (t[1] - '0')) * 100 + (t[2] - '0') * 10 + (t[3] - '0');
		int mo = (t[5] - '0') * 10 + (t[6] - '0');
		int d = (t[8] - '0') * 10 + (t[9] - '0');
		int leap = (yr % 4 == 0 && yr % 100 != 0) || yr % 400 == 0;
		if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1])
			return 0;
		return !(mo == 2 && d == 29 && !leap); /* 29 February only in leap years */
	}
}

static int get_date(yreader *y, ynode *n, ynode *key,
	const char *what, const char **out)
{
	if (get_string(y, n, key, what, out) < 0)
		return -1;
	if (!is_date(*out)) {
		char cb[CLIP_MAX + 4];
		yerr(y, n, key, "a date as YYYY-MM-DD", "invalid %s '%s'", what, clip(cb, *out));
		return -1;
	}
	return 0;
}

/* Whether t[0, len) is a number written with thousands separators
 * (4,000 or 1,234,567.5): 1 with the number without them in y->sepbuf, -1
 * when it does not fit there, else 0. */
static int thousands_in(char *out, size_t outlen, const char *t, size_t len)
{
	size_t i = 0, o = 0, group = 0, groups = 0;
	int lead = 1;

	if (!t || !len)
		return 0;
	if (t[0] == '-' || t[0] == '+')
		out[o++] = t[i++];
	for (; i < len && t[i] != '.'; i++) {
		if (t[i] == ',') {
			if ((lead && !group) || (!lead && group != 3) || group > 3)
				return 0;
			lead = 0;
			group = 0;
			groups++;
			continue;
		}
		if (t[i] < '0' || t[i] > '9')
			return 0;
		group++;
		if (o + 1 < outlen)
			out[o++] = t[i];
	}
	if (!groups || group != 3)
		return 0;
	if (i < len && o + 1 < outlen)
		out[o++] = t[i++]; /* the decimal point */
	for (; i < len; i++) {
		if (t[i] < '0' || t[i] > '9')
			return 0;
		if (o + 1 < outlen)
			out[o++] = t[i];
	}
	out[o] = '\0';
	return o + 1 < outlen ? 1 : -1;
}

#define thousands(t, len) thousands_in(y->sepbuf, sizeof(y->sepbuf), (t), (len))

/* A number: a plain scalar in decimal notation, finite. */
static int get_number(yreader *y, ynode *n, ynode *key,
	const char *what, double *out)
{
	const char *t;
	size_t len;
	int rc;

	if (!n || yn_type(n) != YN_SCALAR) {
		yerr(y, n, key, "a number", "wrong type for %s: %s", what, type_name(n));
		return -1;
	}
	t = yn_scalar(n, &len);
	if (parley__is_nan_or_inf(t, len)) {
		yerr(y, n, key, "a finite number", "NaN or infinity is not allowed for %s", what);
		return -1;
	}
	if (yn_style(n) != YS_PLAIN ||
	    (rc = parley__parse_number(t, len, out)) == -1) {
		int sep = thousands(t, len);
		if (yn_style(n) != YS_PLAIN && t && parley__parse_number(t, len, out) != -1)
			/* "5": YAML reads a quoted scalar as text */
			yerr(y, n, key, "a number without quotes",
				"%s '%.*s' is quoted, so it is text: write %.*s without quotes",
				what, parley__clip_len(t, len, 40), t, parley__clip_len(t, len, 40), t);
		else if (sep)
			yerr(y, n, key, "a number without separators",
				"%s '%.*s' has a thousands separator: write %s", what,
				parley__clip_len(t, len, 40), t, sep > 0 ? y->sepbuf : "the digits only");
		else
			yerr(y, n, key, "a number", "wrong type for %s: '%.*s' is not a number",
				what, t ? parley__clip_len(t, len, 40) : 0, t ? t : "");
		return -1;
	}
	if (rc == -2) {
		yerr(y, n, key, "a finite number", "number too large for %s", what);
		return -1;
	}
	return 0;
}

static int get_number_in(yreader *y, ynode *n, ynode *key,
	const char *what, double lo, double hi, double *out)
{
	if (get_number(y, n, key, what, out) < 0)
		return -1;
	if (*out < lo || *out > hi) {
		char expect[96];
		if (isinf(hi))
			snprintf(expect, sizeof(expect), "a number >= %g", lo);
		else
			snprintf(expect, sizeof(expect), "a number from %g to %g", lo, hi);
		yerr(y, n, key, expect, "%s out of range: %g", what, *out);
		return -1;
	}
	return 0;
}

/* ---- mappings and sequences ---- */

/* "did you mean 'X'? LABEL: a, b, c" for `word` among `names` into `out`.
 * Returns 0 or PARLEY_ENOMEM. */
static int hint(parley_buf *out, const char *word, const char *const *names, size_t n,
	const char *label)
{
	const char *close = parley_suggest(word, names, n);
	size_t k;
	int e = 0;

	if (close)
		e = parley_buf__printf(out, "did you mean '%s'? ", close);
	e = e ? e : parley_buf__printf(out, "%s:", label);
	for (k = 0; !e && k < n; k++)
		e = parley_buf__printf(out, "%s %s", k ? "," : "", names[k]);
	return e;
}

/* A string value that must be one of `names` (n of them): its index, or -1
 * after reporting "unknown WHAT 'x'" with the closest name. `synonyms`
 * (pairs of a synonym and the index of its name, ending with NULL; may be
 * NULL) are accepted too. */
typedef struct {
	const char *word;
	size_t index;
} synonym;

static long get_enum(yreader *y, ynode *n, ynode *key, const char *what,
	const char *const *names, size_t count, const synonym *synonyms)
{
	const char *t;
	size_t k;

	if (get_string(y, n, key, what, &t) < 0)
		return -1;
	for (k = 0; k < count; k++)
		if (!strcmp(names[k], t))
			return (long)k;
	for (; synonyms && synonyms->word; synonyms++)
		if (!strcmp(synonyms->word, t))
			return (long)synonyms->index;
	{
		parley_buf exp = PARLEY_BUF_INIT;
		char cb[CLIP_MAX + 4];
		if (hint(&exp, t, names, count, "one of") < 0)
			y->r->oom = 1;
		yerr(y, n, key, exp.ptr, "unknown %s '%s'", what, clip(cb, t));
		parley_buf_dispose(&exp);
	}
	return -1;
}

/* A key of three digits right after "DIGIT," in a flow mapping is what is
 * left of a number with a thousands separator: {position: 4,000} reads as
 * position 4 and a key '000'. Reports that and returns 1, else 0. */
static int split_number(yreader *y, ynode *kn, const char *kt)
{
	size_t at = kn->off, i, start;

	if (kn->style != YS_PLAIN || strlen(kt) != 3 || strspn(kt, "0123456789") != 3 ||
	    at == UINT32_MAX || at > y->len)
		return 0;
	for (i = at; i > 0 && y->data[i - 1] == ' '; i--)
		;
	if (i < 2 || y->data[i - 1] != ',' || y->data[i - 2] < '0' || y->data[i - 2] > '9')
		return 0;
	for (start = i - 1; start > 0 && ((y->data[start - 1] >= '0' && y->data[start - 1] <= '9') ||
	     y->data[start - 1] == ','); start--)
		;
	{
		ypos p = pos_at(y, start);
		char digits[48];
		size_t o = 0, j;
		for (j = start; j < at + 3 && o + 1 < sizeof(digits); j++)
			if (y->data[j] >= '0' && y->data[j] <= '9')
				digits[o++] = y->data[j];
		digits[o] = '\0';
		parley_reader__error(y->r, p.line, p.col, "a number without separators",
			"'%.*s' reads as %.*s and a key '%s': write %s without a thousands separator",
			(int)(at + 3 - start), y->data + start, (int)(i - 1 - start), y->data + start, kt, digits);
	}
	return 1;
}

/* Check the keys of mapping `map` against `known` (NULL-terminated) and
 * collect values and key nodes by index. Unknown keys are reported with the
 * closest known key. Returns 0, or -1 when `map` is not a mapping. */
static int get_fields(yreader *y, ynode *map, ynode *key,
	const char *what, const char *const *known, ynode **vals,
	ynode **keys)
{
	ynode *pair;
	void *iter = NULL;
	size_t nknown = 0, k;

	while (known[nknown])
		nknown++;
	for (k = 0; k < nknown; k++)
		vals[k] = keys[k] = NULL;
	if (!map || yn_type(map) != YN_MAPPING) {
		yerr(y, map, key, "a mapping", "wrong type for %s: %s", what, type_name(map));
		return -1;
	}
	while ((pair = yn_iterate(map, &iter)) != NULL) {
		ynode *kn = yn_pair_key(pair);
		const char *kt;
		size_t klen;
		char kbuf[72];

		if (!kn || yn_type(kn) != YN_SCALAR) {
			yerr(y, kn, map, "a plain key", "a key in %s is not a scalar", what);
			continue;
		}
		kt = yn_scalar(kn, &klen);
		for (k = 0; k < nknown; k++)
			if (strlen(known[k]) == klen && !memcmp(known[k], kt, klen))
				break;
		if (k < nknown) {
			vals[k] = yn_pair_value(pair);
			keys[k] = kn;
			continue;
		}
		snprintf(kbuf, sizeof(kbuf), "%.*s", parley__clip_len(kt, klen, 64), kt);
		if (split_number(y, kn, kbuf))
			continue;
		{
			parley_buf exp = PARLEY_BUF_INIT;
			const char *close = parley_suggest(kbuf, known, nknown);
			if (hint(&exp, kbuf, known, nknown, "known keys") < 0)
				y->r->oom = 1;
			if (close && y->ntypos < sizeof(y->typos) / sizeof(y->typos[0])) {
				y->typos[y->ntypos].map = map;
				y->typos[y->ntypos++].field = close;
			}
			yerr(y, kn, map, exp.ptr, "unknown key '%s' in %s", kbuf, what);
			parley_buf_dispose(&exp);
		}
	}
	return 0;
}

static void missing(yreader *y, ynode *map, ynode *key,
	const char *field, const char *what, const char *expected)
{
	size_t i;

	/* a key misspelt as this one was reported with "did you mean" */
	for (i = 0; i < y->ntypos; i++)
		if (y->typos[i].map == map && !strcmp(y->typos[i].field, field))
			return;
	yerr(y, map, key, expected, "missing required field '%s' in %s", field, what);
}

static int is_seq(yreader *y, ynode *n, ynode *key, const char *what)
{
	if (!n || yn_type(n) != YN_SEQUENCE) {
		yerr(y, n, key, "a sequence", "wrong type for %s: %s", what, type_name(n));
		return 0;
	}
	return 1;
}

/* ---- ids: repeats and lookups in O(n log n) ----
 *
 * Scanning the earlier items for each item costs n^2 / 2 comparisons
 * (minutes for 10^5 actors). Instead, before a section is walked the ids
 * its items spell are sorted (idruns_init), so that each item knows the
 * first item spelling the same id, the head of its run. While walking, an
 * item whose id is kept marks its run (idruns_keep), and an item of a
 * marked run repeats the id of an earlier kept item (idruns_repeats): the
 * same errors, at the same items, in the same order as the scan. Once a
 * section is read its ids are sorted again for lookups (idindex_build,
 * idindex_find: the first object with the id, as a scan from the start).
 */

#define NO_RUN ((size_t)-1)

/* By id (as C strings), then index. */
static int cmp_idref(const void *a, const void *b)
{
	const idref *x = a, *z = b;
	int c = memcmp(x->id, z->id, x->len < z->len ? x->len : z->len);
	if (!c)
		c = (x->len > z->len) - (x->len < z->len);
	return c ? c : (x->index > z->index) - (x->index < z->index);
}

static int same_id(const idref *x, const idref *z)
{
	return x->len == z->len && !memcmp(x->id, z->id, x->len);
}

/* The value of the last key "id" of mapping `item` (as get_fields finds
 * it) when it is a scalar, else NULL. */
static const char *item_id(ynode *item, size_t *len)
{
	ynode *pair;
	ynode *v = NULL;
	void *iter = NULL;
	const char *t;

	if (!item || yn_type(item) != YN_MAPPING)
		return NULL;
	while ((pair = yn_iterate(item, &iter)) != NULL) {
		ynode *kn = yn_pair_key(pair);
		size_t klen;
		if (kn && yn_type(kn) == YN_SCALAR &&
		    (t = yn_scalar(kn, &klen)) != NULL && klen == 2 && !memcmp(t, "id", 2))
			v = yn_pair_value(pair);
	}
	if (!v || yn_type(v) != YN_SCALAR)
		return NULL;
	if (!(t = yn_scalar(v, len))) /* as get_string() reads it */
		return *len = 0, "";
	*len = strnlen(t, *len); /* a kept id is a C string: it ends at a NUL */
	return t;
}

static void idruns_dispose(idruns *d)
{
	parley__free(d->run);
	parley__free(d->kept);
	memset(d, 0, sizeof(*d));
}

/* The runs of the items of sequence `seq`, the section about to be read,
 * in y->runs. 0, or -1 on OOM (reported). */
static int idruns_init(yreader *y, ynode *seq)
{
	idruns *d = &y->runs;
	size_t n = (size_t)yn_count(seq), k = 0, i, head = NO_RUN;
	idref *e = parley__malloc((n + 1) * sizeof(*e));
	ynode *item;
	void *iter = NULL;

	idruns_dispose(d);
	d->n = n;
	d->run = parley__malloc((n + 1) * sizeof(*d->run));
	d->kept = parley__calloc(n + 1, 1);
	if (!e || !d->run || !d->kept) {
		parley__free(e);
		d->n = 0;
		y->r->oom = 1;
		return -1;
	}
	for (i = 0; (item = yn_iterate(seq, &iter)) != NULL && i < n; i++) {
		d->run[i] = NO_RUN;
		if ((e[k].id = item_id(item, &e[k].len)) != NULL)
			e[k++].index = i;
	}
	qsort(e, k, sizeof(*e), cmp_idref);
	for (i = 0; i < k; i++) {
		if (i == 0 || !same_id(&e[i], &e[i - 1]))
			head = e[i].index;
		d->run[e[i].index] = head;
	}
	parley__free(e);
	return 0;
}

/* Whether an item of the section before `item` spelling its id was kept. */
static int idruns_repeats(const yreader *y, size_t item)
{
	const idruns *d = &y->runs;
	return item < d->n && d->run[item] != NO_RUN && d->kept[d->run[item]];
}

/* Item `item` of the section is kept with its id. */
static void idruns_keep(yreader *y, size_t item)
{
	idruns *d = &y->runs;
	if (item < d->n && d->run[item] != NO_RUN)
		d->kept[d->run[item]] = 1;
}

/* Sort the ids of `count` objects, `stride` bytes apart from `base`, each
 * with its id (a const char *, NULL for none) `off` bytes in. */
static void idindex_build(yreader *y, idindex *x, const void *base, size_t count,
	size_t stride, size_t off)
{
	size_t i;

	x->n = 0;
	if (!(x->e = parley__malloc((count + 1) * sizeof(*x->e)))) {
		y->r->oom = 1;
		return;
	}
	for (i = 0; i < count; i++) {
		const char *id = *(const char *const *)(const void *)((const char *)base + i * stride + off);
		if (!id)
			continue;
		x->e[x->n].id = id;
		x->e[x->n].len = strlen(id);
		x->e[x->n++].index = i;
	}
	qsort(x->e, x->n, sizeof(*x->e), cmp_idref);
}

/* Index of the first object with `id`, or -1. */
static long idindex_find(const idindex *x, const char *id)
{
	idref key;
	size_t lo = 0, hi = x->n;

	key.id = id;
	key.len = strlen(id);
	key.index = 0;
	while (lo < hi) { /* the first entry not below (id, 0) */
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_idref(&x->e[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && same_id(&x->e[lo], &key) ? (long)x->e[lo].index : -1;
}

/* Report "unknown KIND 'ID'" (then " in IN" when IN is not NULL), expecting
 * an id of section SECTION, with the closest id of `x` when there is one
 * (looked for among at most 1000 ids: a hint, not a search). */
static void unknown_id(yreader *y, ynode *n, ynode *key, const idindex *x,
	const char *section, const char *kind, const char *id, const char *in)
{
	const char *close = NULL, **ids;
	char cb[CLIP_MAX + 4], expect[200];
	size_t i;

	if (x->n <= 1000 && strlen(id) <= 64) {
		if (!(ids = parley__malloc((x->n + 1) * sizeof(*ids)))) {
			y->r->oom = 1;
			return;
		}
		for (i = 0; i < x->n; i++)
			ids[i] = x->e[i].id;
		close = parley_suggest(id, ids, x->n);
		if (close)
			snprintf(expect, sizeof(expect), "the id of an entry in '%s'; did you mean '%.64s'?",
				section, close);
		parley__free(ids);
	}
	if (!close)
		snprintf(expect, sizeof(expect), "the id of an entry in '%s'", section);
	if (in)
		yerr(y, n, key, expect, "unknown %s '%s' in %s", kind, clip(cb, id), in);
	else
		yerr(y, n, key, expect, "unknown %s '%s'", kind, clip(cb, id));
}

/* A fresh generation of stamps for `n` actors or issues (ref_list):
 * stamp[i] == gen marks i in the current list. 0, or -1 on OOM (reported). */
static int stamps_begin(yreader *y, size_t n)
{
	if (n > y->nstamp) {
		size_t *p = parley__realloc(y->stamp, n * sizeof(*p));
		if (!p) {
			y->r->oom = 1;
			return -1;
		}
		memset(p + y->nstamp, 0, (n - y->nstamp) * sizeof(*p));
		y->stamp = p;
		y->nstamp = n;
	}
	y->gen++;
	return 0;
}

/* ---- sources and coded numbers ---- */

static int parse_source(yreader *y, ynode *n, ynode *key, int *out)
{
	static const char *const known[] = { "document", "quote", "judgement", NULL };
	ynode *v[3], *k[3];
	parley_source src;
	ypos p;
	int bad = 0;

	*out = -1;
	if (get_fields(y, n, key, "source", known, v, k) < 0)
		return -1;
	memset(&src, 0, sizeof(src));
	if (v[0] && get_identifier(y, v[0], k[0], "source document", &src.document) < 0)
		bad = 1;
	if (v[1] && get_string(y, v[1], k[1], "source quote", &src.quote) < 0)
		bad = 1;
	if (v[2] && get_string(y, v[2], k[2], "source judgement", &src.judgement) < 0)
		bad = 1;
	if (!v[0] && !v[2]) {
		yerr(y, n, key, "'document' (with an optional 'quote') or 'judgement'",
			"a source needs a document or a judgement");
		return -1;
	}
	if (v[1] && !v[0]) {
		yerr(y, v[1], k[1], "'document' naming the quoted document",
			"a quote needs the document it comes from");
		bad = 1;
	}
	if (src.document && idindex_find(&y->documents, src.document) < 0) {
		unknown_id(y, v[0], k[0], &y->documents, "documents", "document", src.document, NULL);
		bad = 1;
	}
	if (bad)
		return -1;
	p = pos2(y, n, key);
	src.line = p.line;
	*out = parley_scenario__add_source(y->s, &src);
	if (*out < 0) {
		y->r->oom = 1;
		return -1;
	}
	return 0;
}

/* A coded number: a plain number, or {value, source, sd | uniform |
 * triangular | low/likely/high}. Checked against the domain [lo, hi]. */
static int parse_coded(yreader *y, ynode *n, ynode *key,
	const char *what, double lo, double hi, parley_coded *out)
{
	static const char *const known[] = { "value", "source", "sd", "uniform",
		"triangular", "low", "likely", "high", NULL };
	enum { VALUE, SOURCE, SD, UNIFORM, TRIANGULAR, LOW, LIKELY, HIGH };
	ynode *v[8], *k[8];
	char sub[128];
	int forms = 0, bad = 0;

	memset(out, 0, sizeof(*out));
	out->source = -1;
	if (!n || yn_type(n) != YN_MAPPING) {
		if (get_number_in(y, n, key, what, lo, hi, &out->value) < 0)
			return -1;
		out->present = 1;
		return 0;
	}
	if (get_fields(y, n, key, what, known, v, k) < 0)
		return -1;
	if (v[SOURCE] && parse_source(y, v[SOURCE], k[SOURCE], &out->source) < 0)
		bad = 1;
	forms = !!v[SD] + !!v[UNIFORM] + !!v[TRIANGULAR] + !!(v[LOW] || v[LIKELY] || v[HIGH]);
	if (forms > 1) {
		yerr(y, n, key, "at most one of sd, uniform, triangular, low/likely/high",
			"more than one uncertainty form for %s", what);
		return -1;
	}
	if (v[LOW] || v[LIKELY] || v[HIGH]) {
		double a = 0, b = 0, c = 0;
		if (v[VALUE]) {
			yerr(y, v[VALUE], k[VALUE], "either value or low/likely/high",
				"%s gives both 'value' and 'likely'", what);
			return -1;
		}
		if (!v[LOW] || !v[LIKELY] || !v[HIGH]) {
			missing(y, n, key, !v[LOW] ? "low" : !v[LIKELY] ? "likely" : "high", what,
				"all three of low, likely, high");
			return -1;
		}
		snprintf(sub, sizeof(sub), "%s low", what);
		bad |= get_number_in(y, v[LOW], k[LOW], sub, lo, hi, &a) < 0;
		snprintf(sub, sizeof(sub), "%s likely", what);
		bad |= get_number_in(y, v[LIKELY], k[LIKELY], sub, lo, hi, &b) < 0;
		snprintf(sub, sizeof(sub), "%s high", what);
		bad |= get_number_in(y, v[HIGH], k[HIGH], sub, lo, hi, &c) < 0;
		if (!bad && !(a <= b && b <= c)) {
			yerr(y, v[LOW], k[LOW], "low <= likely <= high",
				"impossible three-point values for %s: %g, %g, %g", what, a, b, c);
			bad = 1;
		}
		out->dist = PARLEY_DIST_THREE_POINT;
		out->value = b;
		out->p[0] = a;
		out->p[1] = c;
		out->present = !bad;
		return bad ? -1 : 0;
	}
	if (!v[VALUE]) {
		missing(y, n, key, "value", what, "the point value");
		return -1;
	}
	if (get_number_in(y, v[VALUE], k[VALUE], what, lo, hi, &out->value) < 0)
		return -1;
	if (v[SD]) {
		snprintf(sub, sizeof(sub), "%s sd", what);
		if (get_number(y, v[SD], k[SD], sub, &out->p[0]) < 0)
			return -1;
		if (!(out->p[0] > 0)) {
			yerr(y, v[SD], k[SD], "a standard deviation > 0",
				"impossible sd for %s: %g", what, out->p[0]);
			return -1;
		}
		out->dist = PARLEY_DIST_NORMAL;
	} else if (v[UNIFORM] || v[TRIANGULAR]) {
		int tri = v[TRIANGULAR] != NULL;
		ynode *seq = tri ? v[TRIANGULAR] : v[UNIFORM];
		ynode *sk = tri ? k[TRIANGULAR] : k[UNIFORM];
		ynode *a, *b;
		if (!is_seq(y, seq, sk, what) || yn_count(seq) != 2) {
			if (seq && yn_type(seq) == YN_SEQUENCE)
				yerr(y, seq, sk, "[low, high]", "%s range of %s needs two numbers",
					tri ? "triangular" : "uniform", what);
			return -1;
		}
		a = yn_seq_at(seq, 0);
		b = yn_seq_at(seq, 1);
		snprintf(sub, sizeof(sub), "%s range", what);
		if (get_number_in(y, a, sk, sub, lo, hi, &out->p[0]) < 0 ||
		    get_number_in(y, b, sk, sub, lo, hi, &out->p[1]) < 0)
			return -1;
		if (!(out->p[0] <= out->value && out->value <= out->p[1]) ||
		    !(out->p[0] < out->p[1])) {
			yerr(y, seq, sk, "low < high with the value between them",
				"impossible %s range for %s: [%g, %g] around %g",
				tri ? "triangular" : "uniform", what, out->p[0], out->p[1], out->value);
			return -1;
		}
		out->dist = tri ? PARLEY_DIST_TRIANGULAR : PARLEY_DIST_UNIFORM;
	}
	out->present = !bad;
	return bad ? -1 : 0;
}

/* An interval [a, b] of coded numbers inside [lo, hi]. */
static int parse_interval(yreader *y, ynode *n, ynode *key,
	const char *what, double lo, double hi, parley_coded *a, parley_coded *b)
{
	char sub[128];
	int bad = 0;

	if (!is_seq(y, n, key, what))
		return -1;
	if (yn_count(n) != 2) {
		yerr(y, n, key, "[low, high]", "%s needs two numbers, got %d", what,
			yn_count(n));
		return -1;
	}
	snprintf(sub, sizeof(sub), "%s lower end", what);
	bad |= parse_coded(y, yn_seq_at(n, 0), key, sub, lo, hi, a) < 0;
	snprintf(sub, sizeof(sub), "%s upper end", what);
	bad |= parse_coded(y, yn_seq_at(n, 1), key, sub, lo, hi, b) < 0;
	if (!bad && a->value > b->value) {
		yerr(y, n, key, "low <= high", "%s is empty: [%g, %g]", what, a->value, b->value);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* ---- documents ---- */

static void parse_documents(yreader *y, ynode *seq, ynode *key)
{
	static const char *const known[] = { "id", "title", "publisher", "date", "location", NULL };
	ynode *item, *v[5], *k[5];
	void *iter = NULL;
	size_t n = 0, it;

	if (!is_seq(y, seq, key, "documents"))
		return;
	y->s->documents = parley_arena__alloc(&y->s->arena,
		(size_t)yn_count(seq) * sizeof(parley_document) + 1);
	if (!y->s->documents || idruns_init(y, seq) < 0) {
		y->r->oom = 1;
		return;
	}
	for (it = 0; (item = yn_iterate(seq, &iter)) != NULL; it++) {
		parley_document d;
		int bad = 0;
		memset(&d, 0, sizeof(d));
		if (get_fields(y, item, key, "document", known, v, k) < 0)
			continue;
		/* A document with a valid id is kept even when another of its
		 * fields is wrong (that is reported), so that the sources citing
		 * it are not also reported as citing an unknown document. */
		if (!v[0]) { missing(y, item, key, "id", "document", "an identifier"); bad = 1; }
		else if (get_identifier(y, v[0], k[0], "document id", &d.id) < 0) bad = 1;
		if (!v[1]) missing(y, item, key, "title", "document", "a string");
		else get_string(y, v[1], k[1], "document title", &d.title);
		if (v[2]) get_string(y, v[2], k[2], "document publisher", &d.publisher);
		if (v[3]) get_date(y, v[3], k[3], "document date", &d.date);
		if (v[4]) get_string(y, v[4], k[4], "document location", &d.location);
		if (d.id && idruns_repeats(y, it)) {
			yerr(y, v[0], k[0], "unique document ids", "duplicate document id '%s'", d.id);
			bad = 1;
		}
		if (!bad) {
			y->s->documents[n++] = d;
			idruns_keep(y, it);
		}
	}
	y->s->document_count = n;
	idindex_build(y, &y->documents, y->s->documents, n, sizeof(parley_document),
		offsetof(parley_document, id));
}

/* ---- issues ---- */

static int cmp_label(const void *a, const void *b)
{
	double x = ((const parley_label *)a)->at, z = ((const parley_label *)b)->at;
	return (x > z) - (x < z);
}

static void parse_spread(yreader *y, ynode *map, ynode *key, const char *what,
	const char *target, double pct, parley_default_uncertainty *out);

static void parse_issue(yreader *y, ynode *map, ynode *key, parley_issue *is, size_t ix)
{
	static const char *const known[] = { "id", "title", "description", "scale",
		"labels", "status_quo", "zones", "uncertainty", NULL };
	enum { ID, TITLE, DESC, SCALE, LABELS, SQ, ZONES, UNC };
	ynode *v[8], *k[8];
	char what[128];

	memset(is, 0, sizeof(*is));
	is->lo = 0;
	is->hi = 100;
	is->status_quo.source = -1;
	if (get_fields(y, map, key, "issue", known, v, k) < 0)
		return;
	if (!v[ID])
		missing(y, map, key, "id", "issue", "an identifier");
	else
		get_identifier(y, v[ID], k[ID], "issue id", &is->id);
	snprintf(what, sizeof(what), "issue '%s'", is->id ? is->id : "?");
	if (!v[TITLE])
		missing(y, map, key, "title", what, "a string");
	else
		get_string(y, v[TITLE], k[TITLE], "issue title", &is->title);
	if (v[DESC])
		get_string(y, v[DESC], k[DESC], "issue description", &is->description);
	if (v[SCALE]) {
		/* A wrong scale is reported once: the numbers on it are not
		 * also checked against it (the scenario is refused anyway). */
		is->lo = -HUGE_VAL;
		is->hi = HUGE_VAL;
	}
	if (v[SCALE] && is_seq(y, v[SCALE], k[SCALE], "scale")) {
		double a, b;
		if (yn_count(v[SCALE]) != 2)
			yerr(y, v[SCALE], k[SCALE], "[low, high]", "scale needs two numbers");
		else if (get_number(y, yn_seq_at(v[SCALE], 0), k[SCALE], "scale low", &a) == 0 &&
			 get_number(y, yn_seq_at(v[SCALE], 1), k[SCALE], "scale high", &b) == 0) {
			if (!(a < b))
				yerr(y, v[SCALE], k[SCALE], "low < high", "empty scale [%g, %g]", a, b);
			else if (fabs(a) > PARLEY__MAX_SCALE || fabs(b) > PARLEY__MAX_SCALE)
				/* the models square distances and weigh positions: beyond
				 * this, sums overflow (a scale [-1e308, 1e308] has an
				 * infinite width) */
				yerr(y, v[SCALE], k[SCALE], "ends from -1e12 to 1e12",
					"scale [%g, %g] is too wide for the models", a, b);
			else {
				is->lo = a;
				is->hi = b;
			}
		}
	}
	if (v[LABELS]) {
		ynode *pair;
		void *iter = NULL;
		parley_label *labels;
		size_t n = 0, i;
		if (yn_type(v[LABELS]) != YN_MAPPING) {
			yerr(y, v[LABELS], k[LABELS], "a mapping from points on the scale to their meaning",
				"wrong type for labels: %s", type_name(v[LABELS]));
		} else {
			labels = parley_arena__alloc(&y->s->arena,
				(size_t)yn_count(v[LABELS]) * sizeof(*labels) + 1);
			if (!labels) {
				y->r->oom = 1;
				return;
			}
			while ((pair = yn_iterate(v[LABELS], &iter)) != NULL) {
				parley_label l;
				ynode *kn = yn_pair_key(pair);
				if (get_number_in(y, kn, k[LABELS], "label point", is->lo, is->hi, &l.at) < 0)
					continue;
				if (get_string(y, yn_pair_value(pair), kn, "label text", &l.text) < 0)
					continue;
				for (i = 0; i < n; i++)
					if (labels[i].at == l.at)
						break;
				if (i < n) {
					yerr(y, kn, k[LABELS], "each point once", "duplicate label for %g", l.at);
					continue;
				}
				labels[n++] = l;
			}
			qsort(labels, n, sizeof(*labels), cmp_label);
			is->labels = labels;
			is->label_count = n;
		}
	}
	if (v[SQ] && parse_coded(y, v[SQ], k[SQ], "status quo", is->lo, is->hi, &is->status_quo) < 0 &&
	    y->sq_bad)
		y->sq_bad[ix] = 1;
	if (v[UNC]) {
		/* the issue's own defaults, in its units ('%': of its width) */
		static const char *const targets[] = { "position", "status_quo", "red_line", NULL };
		static const parley_target tt[] = { PARLEY_TARGET_POSITION, PARLEY_TARGET_STATUS_QUO,
			PARLEY_TARGET_RED_LINE };
		ynode *tv[3], *tk[3];
		size_t t;
		if (get_fields(y, v[UNC], k[UNC], "issue uncertainty", targets, tv, tk) == 0)
			for (t = 0; t < 3; t++)
				if (tv[t])
					parse_spread(y, tv[t], tk[t], "issue uncertainty", targets[t],
						(is->hi - is->lo) / 100, &is->uncertainty[tt[t]]);
	}
	if (v[ZONES] && is_seq(y, v[ZONES], k[ZONES], "zones")) {
		static const char *const zknown[] = { "name", "range", NULL };
		ynode *item, *zv[2], *zk[2];
		void *iter = NULL;
		parley_zone *zones = parley_arena__alloc(&y->s->arena,
			(size_t)yn_count(v[ZONES]) * sizeof(*zones) + 1);
		size_t n = 0;
		if (!zones) {
			y->r->oom = 1;
			return;
		}
		while ((item = yn_iterate(v[ZONES], &iter)) != NULL) {
			parley_zone z;
			parley_coded a, b;
			memset(&z, 0, sizeof(z));
			if (get_fields(y, item, k[ZONES], "zone", zknown, zv, zk) < 0)
				continue;
			if (!zv[0]) { missing(y, item, k[ZONES], "name", "zone", "a string"); continue; }
			if (get_string(y, zv[0], zk[0], "zone name", &z.name) < 0)
				continue;
			if (!zv[1]) { missing(y, item, k[ZONES], "range", "zone", "[low, high]"); continue; }
			if (parse_interval(y, zv[1], zk[1], "zone range", is->lo, is->hi, &a, &b) < 0)
				continue;
			if (a.dist || b.dist || a.source >= 0 || b.source >= 0) {
				yerr(y, zv[1], zk[1], "two plain numbers", "a zone's range is not a coded value");
				continue;
			}
			z.lo = a.value;
			z.hi = b.value;
			zones[n++] = z;
		}
		is->zones = zones;
		is->zone_count = n;
	}
}

/* ---- actors ---- */

static void parse_stance(yreader *y, ynode *map, ynode *key,
	const parley_issue *is, const parley_actor *a, parley_stance *st)
{
	static const char *const known[] = { "position", "salience", "capability",
		"red_line", "source", NULL };
	enum { POS, SAL, CAP, RED, SRC };
	ynode *v[5], *k[5];
	char what[200];
	int bad = 0;

	memset(st, 0, sizeof(*st));
	st->source = -1;
	st->capability = a->capability;
	snprintf(what, sizeof(what), "stance of '%s' on '%s'", a->id ? a->id : "?", is->id);
	if (get_fields(y, map, key, what, known, v, k) < 0)
		return;
	if (!v[POS]) { missing(y, map, key, "position", what, "a number on the issue's scale"); bad = 1; }
	else bad |= parse_coded(y, v[POS], k[POS], "position", is->lo, is->hi, &st->position) < 0;
	if (!v[SAL]) { missing(y, map, key, "salience", what, "a number from 0 to 100"); bad = 1; }
	else bad |= parse_coded(y, v[SAL], k[SAL], "salience", 0, 100, &st->salience) < 0;
	if (v[CAP]) {
		bad |= parse_coded(y, v[CAP], k[CAP], "capability", 0, HUGE_VAL, &st->capability) < 0;
		st->capability_own = 1;
	}
	if (v[RED]) {
		bad |= parse_interval(y, v[RED], k[RED], "red line", is->lo, is->hi,
			&st->red_lo, &st->red_hi) < 0;
		st->has_red_line = 1;
	}
	if (v[SRC])
		bad |= parse_source(y, v[SRC], k[SRC], &st->source) < 0;
	st->present = !bad;
	if (!bad && st->has_red_line) {
		ypos p = pos2(y, v[RED], k[RED]);
		double x = st->position.value;
		if (x < st->red_lo.value || x > st->red_hi.value)
			parley_reader__warning(y->r, p.line, p.col,
				"the red line [%g, %g] of '%s' on '%s' excludes its own position %g",
				st->red_lo.value, st->red_hi.value, a->id ? a->id : "?", is->id, x);
		if (y->nreds == y->areds) {
			size_t na = y->areds ? 2 * y->areds : 64;
			struct redpos *q = parley__realloc(y->reds, na * sizeof(*q));
			if (!q) {
				y->r->oom = 1;
				return;
			}
			y->reds = q;
			y->areds = na;
		}
		y->reds[y->nreds].issue = (size_t)(is - y->s->issues);
		y->reds[y->nreds].actor = (size_t)(a - y->s->actors);
		y->reds[y->nreds].line = p.line;
		y->reds[y->nreds++].col = p.col;
	}
}

/* Warn about actor `a` (of `count`) when it takes positions, every one of
 * them with salience 0: it weighs nothing in any model. */
static void salience_zero(yreader *y, ynode *item, size_t a, size_t count)
{
	const parley_scenario *s = y->s;
	size_t i, present = 0;
	ypos p;

	for (i = 0; i < s->issue_count; i++) {
		const parley_stance *st = &s->stances[i * count + a];
		if (!st->present)
			continue;
		if (st->salience.value > 0 || st->salience.dist != PARLEY_DIST_NONE)
			return;
		present++;
	}
	if (!present || !s->actors[a].id)
		return;
	p = node_pos(y, item);
	parley_reader__warning(y->r, p.line, p.col,
		"actor '%s' has salience 0 on every issue it takes a position on: it weighs "
		"nothing in the models", s->actors[a].id);
}

static void parse_actors(yreader *y, ynode *seq, ynode *key)
{
	static const char *const known[] = { "id", "name", "capability", "positions", NULL };
	enum { ID, NAME, CAP, POSITIONS };
	parley_scenario *s = y->s;
	ynode *item;
	void *iter = NULL;
	size_t n, count;

	if (!is_seq(y, seq, key, "actors"))
		return;
	count = (size_t)yn_count(seq);
	{
		size_t max_a = y->r->opts->max_actors ? y->r->opts->max_actors : PARLEY__MAX_ACTORS;
		size_t max_s = y->r->opts->max_stances ? y->r->opts->max_stances : PARLEY__MAX_STANCES;
		if (count > max_a) {
			yerr(y, seq, key, NULL, "too many actors: %zu (at most %zu)", count, max_a);
			return;
		}
		if (s->issue_count && count > max_s / s->issue_count) {
			yerr(y, seq, key, NULL, "too many positions: %zu actors x %zu issues (at most %zu)",
				count, s->issue_count, max_s);
			return;
		}
	}
	s->actors = parley_arena__alloc(&s->arena, count * sizeof(parley_actor) + 1);
	s->stances = parley_arena__alloc(&s->arena,
		s->issue_count * count * sizeof(parley_stance) + 1);
	if (!s->actors || !s->stances || idruns_init(y, seq) < 0) {
		y->r->oom = 1;
		return;
	}
	memset(s->stances, 0, s->issue_count * count * sizeof(parley_stance));
	for (n = 0; (item = yn_iterate(seq, &iter)) != NULL; n++) {
		ynode *v[4], *k[4];
		parley_actor *a = &s->actors[n];
		memset(a, 0, sizeof(*a));
		a->capability.source = -1;
		if (get_fields(y, item, key, "actor", known, v, k) < 0)
			continue;
		if (!v[ID])
			missing(y, item, key, "id", "actor", "an identifier");
		else if (get_identifier(y, v[ID], k[ID], "actor id", &a->id) == 0 &&
			 idruns_repeats(y, n))
			yerr(y, v[ID], k[ID], "unique actor ids", "duplicate actor id '%s'", a->id);
		if (a->id)
			idruns_keep(y, n);
		if (!v[NAME])
			missing(y, item, key, "name", "actor", "a string");
		else
			get_string(y, v[NAME], k[NAME], "actor name", &a->name);
		if (!v[CAP])
			missing(y, item, key, "capability", "actor", "a number >= 0");
		else
			parse_coded(y, v[CAP], k[CAP], "capability", 0, HUGE_VAL, &a->capability);
		if (v[POSITIONS]) {
			ynode *pair;
			void *piter = NULL;
			if (yn_type(v[POSITIONS]) != YN_MAPPING) {
				yerr(y, v[POSITIONS], k[POSITIONS], "a mapping from issue ids to stances",
					"wrong type for positions: %s", type_name(v[POSITIONS]));
				continue;
			}
			while ((pair = yn_iterate(v[POSITIONS], &piter)) != NULL) {
				ynode *kn = yn_pair_key(pair);
				const char *issue_id;
				long ix;
				if (get_string(y, kn, k[POSITIONS], "issue id", &issue_id) < 0)
					continue;
				ix = idindex_find(&y->issues, issue_id);
				if (ix < 0) {
					unknown_id(y, kn, k[POSITIONS], &y->issues, "issues", "issue", issue_id, NULL);
					continue;
				}
				parse_stance(y, yn_pair_value(pair), kn, &s->issues[ix], a,
					&s->stances[(size_t)ix * count + n]);
			}
			salience_zero(y, item, n, count);
		}
	}
	s->actor_count = n;
	idindex_build(y, &y->actors, s->actors, n, sizeof(parley_actor), offsetof(parley_actor, id));
}

/* ---- institutions: venues, stages, ratification bodies ---- */

static long ref_index(yreader *y, const char *id, int actors)
{
	return idindex_find(actors ? &y->actors : &y->issues, id);
}

/* A sequence of actor or issue ids into an arena array of indices; unknown
 * and repeated ids are errors. Returns the count, or -1 when not a sequence. */
static long ref_list(yreader *y, ynode *seq, ynode *key,
	const char *what, int actors, size_t **out)
{
	ynode *item;
	void *iter = NULL;
	size_t n = 0;

	*out = NULL;
	if (!is_seq(y, seq, key, what))
		return -1;
	*out = parley_arena__alloc(&y->s->arena,
		((size_t)yn_count(seq) + 1) * sizeof(size_t));
	if (!*out || stamps_begin(y, actors ? y->s->actor_count : y->s->issue_count) < 0) {
		y->r->oom = 1;
		return -1;
	}
	while ((item = yn_iterate(seq, &iter)) != NULL) {
		char cb[CLIP_MAX + 4];
		const char *id;
		long ix;
		if (get_string(y, item, key, what, &id) < 0)
			continue;
		if ((ix = ref_index(y, id, actors)) < 0) {
			unknown_id(y, item, key, actors ? &y->actors : &y->issues, actors ? "actors" : "issues",
				actors ? "actor" : "issue", id, what);
			continue;
		}
		if (y->stamp[ix] == y->gen) {
			yerr(y, item, key, "each id once", "'%s' appears twice in %s", clip(cb, id), what);
			continue;
		}
		y->stamp[ix] = y->gen;
		(*out)[n++] = (size_t)ix;
	}
	return (long)n;
}

/* A mapping from actor or issue ids to numbers. Actors: values in [lo, hi];
 * issues: values on each issue's scale, or in [lo, hi] when lo < hi (a
 * spread is a width, not a point of the scale). `vals` (indexed by actor or
 * issue) must be prefilled; `seen` (same size, may be NULL) marks the ids
 * given. */
static void ref_map(yreader *y, ynode *map, ynode *key,
	const char *what, int actors, double lo, double hi, double *vals, unsigned char *seen)
{
	ynode *pair;
	void *iter = NULL;
	int on_scale = !actors && !(lo < hi);

	if (!map || yn_type(map) != YN_MAPPING) {
		yerr(y, map, key, actors ? "a mapping from actor ids to numbers" :
			"a mapping from issue ids to numbers", "wrong type for %s: %s", what, type_name(map));
		return;
	}
	while ((pair = yn_iterate(map, &iter)) != NULL) {
		ynode *kn = yn_pair_key(pair);
		const char *id;
		double v;
		long ix;
		if (get_string(y, kn, key, what, &id) < 0)
			continue;
		if ((ix = ref_index(y, id, actors)) < 0) {
			unknown_id(y, kn, key, actors ? &y->actors : &y->issues, actors ? "actors" : "issues",
				actors ? "actor" : "issue", id, what);
			continue;
		}
		if (on_scale) {
			lo = y->s->issues[ix].lo;
			hi = y->s->issues[ix].hi;
		}
		if (get_number_in(y, yn_pair_value(pair), kn, what, lo, hi, &v) == 0) {
			vals[ix] = v;
			if (seen)
				seen[ix] = 1;
		}
	}
}

static double *nan_array(yreader *y, size_t n)
{
	double *a = parley_arena__alloc(&y->s->arena, (n + 1) * sizeof(double));
	size_t i;
	if (!a) {
		y->r->oom = 1;
		return NULL;
	}
	for (i = 0; i < n; i++)
		a[i] = NAN;
	return a;
}

/* Per-member values from an actor-keyed mapping (weights, population):
 * every member needs one, and a non-member may not have one. */
static const double *member_values(yreader *y, ynode *map, ynode *key,
	const char *what, const parley_venue *v)
{
	size_t na = y->s->actor_count, i, j;
	double *byactor, *out;
	unsigned char *seen;
	size_t before = y->r->errors;

	if (!y->mv_vals)
		y->mv_vals = parley__malloc((na + 1) * sizeof(double));
	if (!y->mv_seen)
		y->mv_seen = parley__malloc(na + 1);
	if (!y->mv_member)
		y->mv_member = parley__malloc(na + 1);
	if (!y->mv_vals || !y->mv_seen || !y->mv_member) {
		y->r->oom = 1;
		return NULL;
	}
	byactor = y->mv_vals;
	seen = y->mv_seen;
	for (i = 0; i < na; i++)
		byactor[i] = NAN;
	memset(seen, 0, na + 1);
	memset(y->mv_member, 0, na + 1);
	for (j = 0; j < v->member_count; j++)
		y->mv_member[v->members[j]] = 1;
	ref_map(y, map, key, what, 1, 0, HUGE_VAL, byactor, seen);
	if (y->r->errors > before || !(out = nan_array(y, v->member_count)))
		return NULL;
	for (i = 0; i < na; i++) {
		if (seen[i] && !y->mv_member[i])
			yerr(y, map, key, "only the venue's members", "'%s' in %s is not a member of venue '%s'",
				y->s->actors[i].id, what, v->id);
	}
	for (j = 0; j < v->member_count; j++) {
		if (!seen[v->members[j]]) {
			yerr(y, map, key, "a value for every member", "no %s for member '%s' of venue '%s'",
				what, y->s->actors[v->members[j]].id, v->id);
			return NULL;
		}
		out[j] = byactor[v->members[j]];
	}
	return y->r->errors > before ? NULL : out;
}

static void parse_venues(yreader *y, ynode *seq, ynode *key)
{
	static const char *const known[] = { "id", "name", "date", "location", "members",
		"rule", "quota", "weights", "population_quota", "population", "min_members", "issues", NULL };
	enum { ID, NAME, DATE, LOC, MEMBERS, RULE, QUOTA, WEIGHTS, PQUOTA, POP, MINM, ISSUES };
	static const char *const rules[] = { "unanimity", "bilateral", "simple_majority",
		"qualified_majority", NULL };
	/* "consensus": what the docs and the stage output call unanimity */
	static const synonym rule_synonyms[] = { { "consensus", PARLEY_RULE_UNANIMITY }, { NULL, 0 } };
	parley_scenario *s = y->s;
	ynode *item;
	void *iter = NULL;
	size_t n = 0, i, it;

	if (!is_seq(y, seq, key, "venues"))
		return;
	s->venues = parley_arena__alloc(&s->arena,
		((size_t)yn_count(seq) + 1) * sizeof(parley_venue));
	y->venue_bad = parley__calloc((size_t)yn_count(seq) + 1, 1);
	if (!s->venues || !y->venue_bad || idruns_init(y, seq) < 0) {
		y->r->oom = 1;
		return;
	}
	for (it = 0; (item = yn_iterate(seq, &iter)) != NULL; it++) {
		ynode *v[12], *k[12];
		parley_venue *ve = &s->venues[n];
		const char *rule = NULL;
		long members = -1;
		size_t before = y->r->errors;
		long r;
		double total = 0;

		memset(ve, 0, sizeof(*ve));
		if (get_fields(y, item, key, "venue", known, v, k) < 0)
			continue;
		if (!v[ID]) missing(y, item, key, "id", "venue", "an identifier");
		else if (get_identifier(y, v[ID], k[ID], "venue id", &ve->id) == 0 &&
			 idruns_repeats(y, it))
			yerr(y, v[ID], k[ID], "unique ids", "duplicate venue id '%s'", ve->id);
		if (ve->id)
			idruns_keep(y, it);
		if (v[NAME]) get_string(y, v[NAME], k[NAME], "venue name", &ve->name);
		if (v[DATE]) get_date(y, v[DATE], k[DATE], "venue date", &ve->date);
		if (v[LOC]) get_string(y, v[LOC], k[LOC], "venue location", &ve->location);
		if (!v[MEMBERS]) missing(y, item, key, "members", "venue", "a sequence of actor ids");
		else if ((members = ref_list(y, v[MEMBERS], k[MEMBERS], "venue members", 1, (size_t **)&ve->members)) == 0)
			yerr(y, v[MEMBERS], k[MEMBERS], "at least one actor", "venue '%s' has no members",
				ve->id ? ve->id : "?");
		ve->member_count = members > 0 ? (size_t)members : 0;
		if (!v[RULE]) missing(y, item, key, "rule", "venue",
			"unanimity, bilateral, simple_majority or qualified_majority");
		else if ((r = get_enum(y, v[RULE], k[RULE], "decision rule", rules, 4, rule_synonyms)) >= 0) {
			rule = rules[r];
			ve->rule = (parley_rule)r;
		}
		/* the table, read first: stages and packages are checked against it
		 * unless it has an error itself */
		{
			size_t at = y->r->errors;
			if (v[ISSUES]) {
				long ni = ref_list(y, v[ISSUES], k[ISSUES], "venue issues", 0, (size_t **)&ve->issues);
				ve->issue_count = ni > 0 ? (size_t)ni : 0;
			} else {
				size_t *all = parley_arena__alloc(&s->arena, (s->issue_count + 1) * sizeof(size_t));
				if (!all) {
					y->r->oom = 1;
					return;
				}
				for (i = 0; i < s->issue_count; i++)
					all[i] = i;
				ve->issues = all;
				ve->issue_count = s->issue_count;
			}
			y->venue_bad[n] = y->r->errors > at;
		}
		/* the members listed, known or not: an unknown one is reported once */
		if (rule && ve->rule == PARLEY_RULE_BILATERAL && members >= 0 && yn_count(v[MEMBERS]) != 2)
			yerr(y, v[MEMBERS], k[MEMBERS], "exactly two members",
				"a bilateral venue has %d members", yn_count(v[MEMBERS]));
		if (y->r->errors > before || !ve->member_count) {
			n++;
			continue;
		}
		if (v[WEIGHTS])
			ve->weights = member_values(y, v[WEIGHTS], k[WEIGHTS], "weight", ve);
		for (i = 0; i < ve->member_count; i++)
			total += ve->weights ? ve->weights[i] : 1.0;
		if (rule && ve->rule == PARLEY_RULE_QUALIFIED_MAJORITY && !v[QUOTA])
			missing(y, item, key, "quota", "qualified-majority venue",
				"the weight needed to pass, at most the members' total weight");
		if (v[QUOTA] && rule && ve->rule != PARLEY_RULE_QUALIFIED_MAJORITY)
			yerr(y, v[QUOTA], k[QUOTA], "rule: qualified_majority", "a quota needs the qualified_majority rule");
		else if (v[QUOTA] && get_number(y, v[QUOTA], k[QUOTA], "quota", &ve->quota) == 0 &&
			 !(ve->quota > 0 && ve->quota <= total))
			yerr(y, v[QUOTA], k[QUOTA], "a weight > 0 and at most the members' total weight",
				"quota %g is %s the total weight %g of venue '%s'", ve->quota,
				ve->quota > 0 ? "above" : "not above 0, for", total, ve->id);
		if (v[POP])
			ve->population = member_values(y, v[POP], k[POP], "population", ve);
		if (v[PQUOTA]) {
			if (!v[POP])
				missing(y, item, key, "population", "venue with a population quota",
					"the population of every member");
			get_number_in(y, v[PQUOTA], k[PQUOTA], "population quota", 0, 1, &ve->population_quota);
		}
		if (v[MINM]) {
			double m;
			if (get_number_in(y, v[MINM], k[MINM], "min_members", 0, (double)ve->member_count, &m) == 0) {
				if (m != floor(m))
					yerr(y, v[MINM], k[MINM], "a whole number", "min_members %g is not a whole number", m);
				else
					ve->min_members = (size_t)m;
			}
		}
		n++;
	}
	s->venue_count = n;
	idindex_build(y, &y->venues, s->venues, n, sizeof(parley_venue), offsetof(parley_venue, id));
}

static void parse_stages(yreader *y, ynode *seq, ynode *key)
{
	static const char *const known[] = { "id", "venue", "date", "issues", "status_quo", "model", NULL };
	enum { ID, VENUE, DATE, ISSUES, SQ, MODEL };
	parley_scenario *s = y->s;
	ynode *item;
	void *iter = NULL;
	size_t n = 0, i, j, it;
	const char *prev_date = NULL, *prev_id = NULL;
	static const char *const sq_names[] = { "scenario", "previous" };
	const char *models[32]; /* the selection of models is a mask of 32 bits */
	size_t nmodels = 0;

	if (!is_seq(y, seq, key, "stages"))
		return;
	for (i = 0; i < 32 && parley_model_type_at(i); i++)
		models[nmodels++] = parley_model_type_at(i)->name;
	s->stages = parley_arena__alloc(&s->arena,
		((size_t)yn_count(seq) + 1) * sizeof(parley_stage));
	if (!s->stages || idruns_init(y, seq) < 0) {
		y->r->oom = 1;
		return;
	}
	for (it = 0; (item = yn_iterate(seq, &iter)) != NULL; it++) {
		ynode *v[6], *k[6];
		parley_stage *st = &s->stages[n];
		const parley_venue *ve = NULL;
		const char *tmp;

		memset(st, 0, sizeof(*st));
		if (get_fields(y, item, key, "stage", known, v, k) < 0)
			continue;
		if (!v[ID]) missing(y, item, key, "id", "stage", "an identifier");
		else if (get_identifier(y, v[ID], k[ID], "stage id", &st->id) == 0 &&
			 idruns_repeats(y, it))
			yerr(y, v[ID], k[ID], "unique ids", "duplicate stage id '%s'", st->id);
		if (st->id)
			idruns_keep(y, it);
		if (!v[VENUE]) missing(y, item, key, "venue", "stage", "a venue id");
		else if (get_string(y, v[VENUE], k[VENUE], "stage venue", &tmp) == 0) {
			long vx = idindex_find(&y->venues, tmp);
			if (vx < 0)
				unknown_id(y, v[VENUE], k[VENUE], &y->venues, "venues", "venue", tmp, NULL);
			else {
				st->venue = (size_t)vx;
				ve = &s->venues[vx];
			}
		}
		if (v[DATE]) get_date(y, v[DATE], k[DATE], "stage date", &st->date);
		else if (ve) st->date = ve->date;
		if (st->date && prev_date && strcmp(st->date, prev_date) < 0)
			yerr(y, v[DATE] ? v[DATE] : item, v[DATE] ? k[DATE] : key,
				"stages listed in the order of their dates",
				"stage '%s' is dated %s, before stage '%s' (%s) listed above it",
				st->id ? st->id : "?", st->date, prev_id ? prev_id : "?", prev_date);
		if (st->date) {
			prev_date = st->date;
			prev_id = st->id;
		}
		if (v[ISSUES]) {
			long ni = ref_list(y, v[ISSUES], k[ISSUES], "stage issues", 0, (size_t **)&st->issues);
			st->issue_count = ni > 0 ? (size_t)ni : 0;
			for (i = 0; ve && !y->venue_bad[st->venue] && i < st->issue_count; i++) {
				for (j = 0; j < ve->issue_count && ve->issues[j] != st->issues[i]; j++)
					;
				if (j == ve->issue_count)
					yerr(y, v[ISSUES], k[ISSUES], "issues on the venue's table",
						"issue '%s' is not on the table of venue '%s'",
						s->issues[st->issues[i]].id, ve->id);
			}
		} else if (ve) {
			st->issues = ve->issues;
			st->issue_count = ve->issue_count;
		}
		if (v[SQ] && get_enum(y, v[SQ], k[SQ], "status_quo", sq_names, 2, NULL) == 1)
			st->status_quo_previous = 1;
		if (v[MODEL]) {
			long m = get_enum(y, v[MODEL], k[MODEL], "model", models, nmodels, NULL);
			st->model = m >= 0 ? models[m] : NULL;
		}
		n++;
	}
	s->stage_count = n;
}

static void parse_ratification(yreader *y, ynode *seq, ynode *key)
{
	static const char *const known[] = { "id", "name", "actor", "threshold", "members", "blocs", NULL };
	static const char *const mknown[] = { "id", "weight", "ideal", NULL };
	static const char *const bknown[] = { "name", "size", "ideal", "spread", NULL };
	parley_scenario *s = y->s;
	ynode *item;
	void *iter = NULL;
	size_t n = 0, i, it;

	if (!is_seq(y, seq, key, "ratification"))
		return;
	s->ratifications = parley_arena__alloc(&s->arena,
		((size_t)yn_count(seq) + 1) * sizeof(parley_ratification));
	if (!s->ratifications || idruns_init(y, seq) < 0) {
		y->r->oom = 1;
		return;
	}
	for (it = 0; (item = yn_iterate(seq, &iter)) != NULL; it++) {
		ynode *v[6], *k[6], *sub;
		parley_ratification *rb = &s->ratifications[n];
		const char *tmp;
		void *siter = NULL;
		double size = 0;
		long ax;

		memset(rb, 0, sizeof(*rb));
		if (get_fields(y, item, key, "ratification body", known, v, k) < 0)
			continue;
		if (!v[0]) missing(y, item, key, "id", "ratification body", "an identifier");
		else if (get_identifier(y, v[0], k[0], "ratification id", &rb->id) == 0 &&
			 idruns_repeats(y, it))
			yerr(y, v[0], k[0], "unique ids", "duplicate ratification body id '%s'", rb->id);
		if (rb->id)
			idruns_keep(y, it);
		if (v[1]) get_string(y, v[1], k[1], "ratification name", &rb->name);
		if (!v[2]) missing(y, item, key, "actor", "ratification body", "an actor id");
		else if (get_string(y, v[2], k[2], "ratification actor", &tmp) == 0) {
			if ((ax = idindex_find(&y->actors, tmp)) < 0)
				unknown_id(y, v[2], k[2], &y->actors, "actors", "actor", tmp, NULL);
			else
				rb->actor = (size_t)ax;
		}
		if (!v[4] && !v[5])
			missing(y, item, key, "members' or 'blocs", "ratification body",
				"members with ideal points, or party blocs");
		if (v[4] && is_seq(y, v[4], k[4], "ratification members")) {
			parley_ratifier *m = parley_arena__alloc(&s->arena,
				((size_t)yn_count(v[4]) + 1) * sizeof(*m));
			if (!m) {
				y->r->oom = 1;
				return;
			}
			rb->members = m;
			while ((sub = yn_iterate(v[4], &siter)) != NULL) {
				ynode *mv[3], *mk[3];
				parley_ratifier *me = &m[rb->member_count];
				memset(me, 0, sizeof(*me));
				me->weight = 1;
				if (get_fields(y, sub, k[4], "ratification member", mknown, mv, mk) < 0)
					continue;
				if (!mv[0]) missing(y, sub, k[4], "id", "ratification member", "an identifier");
				else get_identifier(y, mv[0], mk[0], "member id", &me->id);
				if (mv[1]) get_number_in(y, mv[1], mk[1], "member weight", 0, HUGE_VAL, &me->weight);
				if (!(me->ideal = nan_array(y, s->issue_count)))
					return;
				if (!mv[2]) missing(y, sub, k[4], "ideal", "ratification member", "a mapping from issue ids to positions");
				else ref_map(y, mv[2], mk[2], "member ideal point", 0, 0, 0, (double *)me->ideal, NULL);
				size += me->weight;
				rb->member_count++;
			}
		}
		siter = NULL;
		if (v[5] && is_seq(y, v[5], k[5], "ratification blocs")) {
			parley_bloc *bl = parley_arena__alloc(&s->arena,
				((size_t)yn_count(v[5]) + 1) * sizeof(*bl));
			if (!bl) {
				y->r->oom = 1;
				return;
			}
			rb->blocs = bl;
			while ((sub = yn_iterate(v[5], &siter)) != NULL) {
				ynode *bv[4], *bk[4];
				parley_bloc *b = &bl[rb->bloc_count];
				double d;
				memset(b, 0, sizeof(*b));
				if (get_fields(y, sub, k[5], "bloc", bknown, bv, bk) < 0)
					continue;
				if (!bv[0]) missing(y, sub, k[5], "name", "bloc", "a string");
				else get_string(y, bv[0], bk[0], "bloc name", &b->name);
				if (!bv[1]) missing(y, sub, k[5], "size", "bloc", "a whole number of members >= 1");
				else if (get_number_in(y, bv[1], bk[1], "bloc size", 1, 1e6, &d) == 0) {
					if (d != floor(d))
						yerr(y, bv[1], bk[1], "a whole number of members >= 1",
							"bloc size %g is not a whole number", d);
					else
						b->size = (size_t)d;
				}
				if (!(b->ideal = nan_array(y, s->issue_count)) ||
				    !(b->spread = nan_array(y, s->issue_count)))
					return;
				for (i = 0; i < s->issue_count; i++)
					((double *)b->spread)[i] = 0;
				if (!bv[2]) missing(y, sub, k[5], "ideal", "bloc", "a mapping from issue ids to positions");
				else ref_map(y, bv[2], bk[2], "bloc ideal point", 0, 0, 0, (double *)b->ideal, NULL);
				if (bv[3]) {
					/* spreads are standard deviations: >= 0, on each issue's scale width */
					double *tmpv = nan_array(y, s->issue_count);
					if (!tmpv)
						return;
					ref_map(y, bv[3], bk[3], "bloc spread", 0, 0, HUGE_VAL, tmpv, NULL);
					for (i = 0; i < s->issue_count; i++) {
						if (isnan(tmpv[i]))
							continue;
						if (tmpv[i] < 0)
							yerr(y, bv[3], bk[3], "a standard deviation >= 0",
								"negative bloc spread %g on '%s'", tmpv[i], s->issues[i].id);
						else
							((double *)b->spread)[i] = tmpv[i];
					}
				}
				size += (double)b->size;
				rb->bloc_count++;
			}
		}
		if (!v[3]) missing(y, item, key, "threshold", "ratification body", "a number of votes > 0");
		else if (get_number(y, v[3], k[3], "threshold", &rb->threshold) == 0) {
			if (!(rb->threshold > 0))
				yerr(y, v[3], k[3], "a number of votes > 0", "threshold out of range: %g", rb->threshold);
			else if (size > 0 && rb->threshold > size)
				yerr(y, v[3], k[3], "at most the body's size", "threshold %g is above the size %g of '%s'",
					rb->threshold, size, rb->id ? rb->id : "?");
		}
		n++;
	}
	s->ratification_count = n;
}

/* ---- packages: linked issues (docs/packages.md) ---- */

/* The item of sequence `seq` that spells `id`, for positions; else `seq`. */
static ynode *seq_item_named(ynode *seq, const char *id)
{
	ynode *item;
	void *iter = NULL;

	while ((item = yn_iterate(seq, &iter)) != NULL) {
		const char *t;
		size_t len;
		if (yn_type(item) != YN_SCALAR)
			continue;
		t = yn_scalar(item, &len);
		if (t && len == strlen(id) && !memcmp(t, id, len))
			return item;
	}
	return seq;
}

static int venue_has_issue(const parley_venue *ve, size_t issue)
{
	size_t j;
	for (j = 0; j < ve->issue_count; j++)
		if (ve->issues[j] == issue)
			return 1;
	return 0;
}

static void parse_packages(yreader *y, ynode *seq, ynode *key)
{
	static const char *const known[] = { "id", "name", "issues", "venue", "source", NULL };
	enum { ID, NAME, ISSUES, VENUE, SOURCE };
	parley_scenario *s = y->s;
	ynode *item;
	void *iter = NULL;
	size_t n = 0, i, j, it;

	if (!is_seq(y, seq, key, "packages"))
		return;
	s->packages = parley_arena__alloc(&s->arena,
		((size_t)yn_count(seq) + 1) * sizeof(parley_package_spec));
	if (!s->packages || idruns_init(y, seq) < 0) {
		y->r->oom = 1;
		return;
	}
	for (it = 0; (item = yn_iterate(seq, &iter)) != NULL; it++) {
		ynode *v[5], *k[5];
		char what[96];
		parley_package_spec *pk = &s->packages[n];
		size_t *list = NULL;
		const char *tmp;
		long ni = -1;

		memset(pk, 0, sizeof(*pk));
		pk->venue = -1;
		pk->source = -1;
		if (get_fields(y, item, key, "package", known, v, k) < 0)
			continue;
		if (!v[ID]) missing(y, item, key, "id", "package", "an identifier");
		else if (get_identifier(y, v[ID], k[ID], "package id", &pk->id) == 0 &&
			 idruns_repeats(y, it))
			yerr(y, v[ID], k[ID], "unique ids", "duplicate package id '%s'", pk->id);
		if (pk->id)
			idruns_keep(y, it);
		snprintf(what, sizeof(what), "package '%s'", pk->id ? pk->id : "?");
		if (v[NAME]) get_string(y, v[NAME], k[NAME], "package name", &pk->name);
		if (v[SOURCE]) parse_source(y, v[SOURCE], k[SOURCE], &pk->source);
		if (!v[ISSUES]) {
			missing(y, item, key, "issues", what, "a sequence of 2 to 4 issue ids");
		} else if ((ni = ref_list(y, v[ISSUES], k[ISSUES], "package issues", 0, &list)) >= 0) {
			if (yn_count(v[ISSUES]) < 2 ||
			    yn_count(v[ISSUES]) > PARLEY_PACKAGE_MAX_ISSUES)
				yerr(y, v[ISSUES], k[ISSUES], "2 to 4 issue ids",
					"%s links %d issue%s", what, yn_count(v[ISSUES]),
					yn_count(v[ISSUES]) == 1 ? "" : "s");
			for (i = 0; i < (size_t)ni; i++)
				if (!s->issues[list[i]].status_quo.present && !y->sq_bad[list[i]])
					yerr(y, seq_item_named(v[ISSUES], s->issues[list[i]].id), k[ISSUES],
						"issues with a status_quo",
						"issue '%s' has no status_quo, and a package is judged against "
						"the status quo", s->issues[list[i]].id);
			pk->issues = list;
			pk->issue_count = (size_t)ni;
		}
		if (v[VENUE] && get_string(y, v[VENUE], k[VENUE], "package venue", &tmp) == 0) {
			long vx = idindex_find(&y->venues, tmp);
			if (vx < 0) {
				unknown_id(y, v[VENUE], k[VENUE], &y->venues, "venues", "venue", tmp, NULL);
			} else {
				i = (size_t)vx;
				pk->venue = vx;
				for (j = 0; !y->venue_bad[i] && j < pk->issue_count; j++)
					if (!venue_has_issue(&s->venues[i], pk->issues[j]))
						yerr(y, seq_item_named(v[ISSUES], s->issues[pk->issues[j]].id), k[ISSUES],
							"issues listed in the venue's 'issues'",
							"issue '%s' of %s is not on the table of venue '%s'",
							s->issues[pk->issues[j]].id, what, s->venues[i].id);
			}
		} else if (!v[VENUE] && s->venue_count > 0 && ni >= 2 && (size_t)ni == (size_t)
			   yn_count(v[ISSUES])) {
			/* no venue named: at least one must have every issue on its table */
			for (i = 0; i < s->venue_count; i++) {
				if (y->venue_bad[i])
					break; /* its table is unknown: it may have them */
				for (j = 0; j < pk->issue_count && venue_has_issue(&s->venues[i], pk->issues[j]); j++)
					;
				if (j == pk->issue_count)
					break;
			}
			if (i == s->venue_count)
				yerr(y, v[ISSUES], k[ISSUES],
					"issues that one venue lists in its 'issues', or a 'venue'",
					"no venue has all the issues of %s on its table", what);
		}
		n++;
	}
	s->package_count = n;
}

/* A number of an uncertainty spec, plain or with a '%' suffix (percent of
 * the reference width: multiplied by pct, the reference width / 100 where
 * the spec is in the issue's units, 1 in `defaults`, whose numbers are
 * percent already). */
static int get_amount(yreader *y, ynode *n, ynode *key, const char *what,
	double pct, double *out)
{
	const char *t;
	size_t len;

	if (n && yn_type(n) == YN_SCALAR && yn_style(n) == YS_PLAIN &&
	    (t = yn_scalar(n, &len)) != NULL && len > 1 && t[len - 1] == '%') {
		int rc = parley__parse_number(t, len - 1, out);
		if (rc < 0) {
			yerr(y, n, key, "a number, or a percentage such as 8%", "wrong type for %s: '%.*s' "
				"is not a number", what, parley__clip_len(t, len, 40), t);
			return -1;
		}
		*out *= pct;
		return 0;
	}
	return get_number(y, n, key, what, out);
}

/* An uncertainty spec `{sd: N}`, `{uniform: [lo, hi]}` or `{triangular:
 * [lo, hi]}` (offsets from each value) for `target` into *out. */
static void parse_spread(yreader *y, ynode *map, ynode *key, const char *what,
	const char *target, double pct, parley_default_uncertainty *out)
{
	static const char *const forms[] = { "sd", "uniform", "triangular", NULL };
	ynode *fv[3], *fk[3];
	int nforms;
	double d;

	if (get_fields(y, map, key, what, forms, fv, fk) < 0)
		return;
	nforms = !!fv[0] + !!fv[1] + !!fv[2];
	if (nforms != 1) {
		yerr(y, map, key, "exactly one of sd, uniform, triangular",
			"%s for %s needs one form", what, target);
		return;
	}
	if (fv[0] && get_amount(y, fv[0], fk[0], "default sd", pct, &d) == 0) {
		if (!(d > 0))
			yerr(y, fv[0], fk[0], "a standard deviation > 0", "impossible default sd: %g", d);
		else {
			out->dist = PARLEY_DIST_NORMAL;
			out->p[0] = d;
		}
	}
	if (fv[1] || fv[2]) {
		ynode *seq = fv[1] ? fv[1] : fv[2], *sk = fv[1] ? fk[1] : fk[2];
		double a, b;
		if (!is_seq(y, seq, sk, "default range"))
			return;
		if (yn_count(seq) != 2) {
			yerr(y, seq, sk, "[offset below, offset above]", "default range needs two numbers");
			return;
		}
		if (get_amount(y, yn_seq_at(seq, 0), sk, "default range", pct, &a) == 0 &&
		    get_amount(y, yn_seq_at(seq, 1), sk, "default range", pct, &b) == 0) {
			if (!(a <= 0 && 0 <= b && a < b))
				yerr(y, seq, sk, "offsets with low <= 0 <= high, low < high",
					"impossible default range [%g, %g]", a, b);
			else {
				out->dist = fv[1] ? PARLEY_DIST_UNIFORM : PARLEY_DIST_TRIANGULAR;
				out->p[0] = a;
				out->p[1] = b;
			}
		}
	}
}

/* `defaults: uncertainty:` in percent of each target's reference width
 * (scenario.h, parley_default_uncertainty): `8` and `8%` alike. */
static void parse_defaults(yreader *y, ynode *map, ynode *key)
{
	static const char *const known[] = { "uncertainty", NULL };
	static const char *const targets[] = { "position", "salience", "capability",
		"status_quo", "red_line", NULL };
	ynode *v[1], *k[1], *tv[5], *tk[5];
	size_t t;

	if (get_fields(y, map, key, "defaults", known, v, k) < 0 || !v[0])
		return;
	if (get_fields(y, v[0], k[0], "default uncertainty", targets, tv, tk) < 0)
		return;
	for (t = 0; t < 5; t++)
		if (tv[t])
			parse_spread(y, tv[t], tk[t], "default uncertainty", targets[t], 1.0, &y->s->defaults[t]);
}

/* ---- after the walk ---- */

/* Warn where the status quo of an issue is outside the red line of an
 * actor who must agree to any change of it: a member of a unanimity or
 * bilateral venue with the issue on its table (every actor, when the
 * scenario has no venues: they form one table deciding by consensus). */
static void check_red_lines(yreader *y)
{
	const parley_scenario *s = y->s;
	size_t na = s->actor_count, r, v, j, m;
	const char **venue_of;

	if (!y->nreds)
		return;
	/* by stance: the name of a venue where the actor must agree, or NULL */
	if (!(venue_of = parley__calloc(s->issue_count * na + 1, sizeof(*venue_of)))) {
		y->r->oom = 1;
		return;
	}
	for (v = 0; v < s->venue_count; v++) {
		const parley_venue *ve = &s->venues[v];
		if (ve->rule != PARLEY_RULE_UNANIMITY && ve->rule != PARLEY_RULE_BILATERAL)
			continue;
		for (j = 0; j < ve->issue_count; j++)
			for (m = 0; m < ve->member_count; m++)
				if (!venue_of[ve->issues[j] * na + ve->members[m]])
					venue_of[ve->issues[j] * na + ve->members[m]] = ve->id;
	}
	for (r = 0; r < y->nreds; r++) {
		const struct redpos *rp = &y->reds[r];
		const parley_issue *is = &s->issues[rp->issue];
		const parley_stance *st = &s->stances[rp->issue * na + rp->actor];
		const char *where = s->venue_count ? venue_of[rp->issue * na + rp->actor] : NULL;
		double sq = is->status_quo.value;
		if (!is->status_quo.present || (s->venue_count && !where) ||
		    (sq >= st->red_lo.value && sq <= st->red_hi.value))
			continue;
		if (where)
			parley_reader__warning(y->r, rp->line, rp->col,
				"the status quo %g of '%s' is outside the red line [%g, %g] of '%s', "
				"who must agree in venue '%s'", sq, is->id, st->red_lo.value,
				st->red_hi.value, s->actors[rp->actor].id, where);
		else
			parley_reader__warning(y->r, rp->line, rp->col,
				"the status quo %g of '%s' is outside the red line [%g, %g] of '%s', "
				"who must agree (no venues: every actor does)", sq, is->id,
				st->red_lo.value, st->red_hi.value, s->actors[rp->actor].id);
	}
	parley__free(venue_of);
}

static void check_weights(yreader *y, ynode *issues)
{
	parley_scenario *s = y->s;
	size_t i, a;

	for (i = 0; i < s->issue_count; i++) {
		double W = 0;
		size_t present = 0;
		for (a = 0; a < s->actor_count; a++) {
			const parley_stance *st = &s->stances[i * s->actor_count + a];
			if (!st->present)
				continue;
			present++;
			W += st->capability.value * st->salience.value;
		}
		if (!s->issues[i].id)
			continue;
		if (present == 0)
			yerr(y, yn_seq_at(issues, (int)i), issues,
				"at least one actor with a position on it",
				"no actor takes a position on issue '%s'", s->issues[i].id);
		else if (!(W > 0))
			yerr(y, yn_seq_at(issues, (int)i), issues,
				"an actor with capability > 0 and salience > 0",
				"every weight is zero on issue '%s'", s->issues[i].id);
	}
}

/* Report the errors libfyaml collected after the first *seen (its lines
 * and columns are already 1-based), and count them into *seen. Returns how
 * many were reported. */
static size_t report_fyaml_errors(yreader *y, struct fy_diag *diag, size_t *seen)
{
	struct fy_diag_error *e;
	void *iter = NULL;
	size_t any = 0, n = 0;

	while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL) {
		unsigned line = e->line > 0 ? (unsigned)e->line : 0;
		unsigned col = e->column > 0 ? (unsigned)e->column : 0;
		if (e->type < FYET_ERROR || n++ < *seen)
			continue;
		any++;
		/* libfyaml says "invalid tab used as indentation" or "tab character
		 * may not be used as indentation", after the tab: say what to do,
		 * at the line's first tab. */
		if (e->msg && strstr(e->msg, "tab") && strstr(e->msg, "indentation")) {
			ypos p = pos_at(y, 0);
			if (line && y->lines && line <= y->nlines) {
				size_t i = y->lines[line - 1];
				while (i < y->len && y->data[i] == ' ')
					i++;
				if (i < y->len && y->data[i] == '\t')
					p = pos_at(y, i);
			}
			parley_reader__error(y->r, p.line == line ? p.line : line,
				p.line == line ? p.col : col, "spaces for indentation",
				"YAML does not allow tabs for indentation: use spaces");
			continue;
		}
		parley_reader__error(y->r, line, col, "valid YAML",
			"YAML syntax error: %s", e->msg ? e->msg : "?");
	}
	*seen = n;
	return any;
}

/* Count the nodes that the walk reaches through aliases under `n` (each
 * alias is walked as a copy of its target), into *count. Returns -1 as
 * soon as there are more than MAX_ALIAS_NODES or the aliases nest deeper
 * than MAX_ALIAS_DEPTH, with the outermost alias in *culprit. The tree has
 * no cycles (an alias points at a node complete before it). */
static int count_alias_nodes(ynode *n, size_t depth, size_t *count, ynode **culprit)
{
	void *iter = NULL;
	ynode *c;

	if (!n)
		return 0;
	if (depth && ++*count > MAX_ALIAS_NODES)
		return -1;
	if (yn_is_alias(n)) {
		if (depth >= MAX_ALIAS_DEPTH)
			return -1;
		if (!depth)
			*culprit = n;
		return count_alias_nodes(yn_res(n), depth + 1, count, culprit);
	}
	while ((c = yn_iterate(n, &iter)) != NULL) {
		if (count_alias_nodes(c, depth, count, culprit) < 0)
			return -1;
		if (yn_type(n) == YN_MAPPING &&
		    count_alias_nodes(yn_pair_value(c), depth, count, culprit) < 0)
			return -1;
	}
	return 0;
}

/* A problem found while building the tree (ytree.h). */
static void tree_error(void *ctx, ynode *at, size_t off, const char *expected,
	const char *message)
{
	yreader *y = ctx;
	ypos p = { 0, 0, 0 };

	if (at)
		p = node_pos(y, at);
	if (at && !p.line && at->off != UINT32_MAX)
		p = pos_at(y, at->off); /* an empty collection: its bracket */
	else if (!at && off != (size_t)-1)
		p = pos_at(y, off);
	parley_reader__error(y->r, p.line, p.col, expected, "%s", message);
}

/* Build the document's tree in y->tree, reporting what is wrong: YAML
 * syntax, no document at all (only comments), more than one document,
 * repeated or non-scalar keys, too many issues or actors (before the rest
 * is built), aliases that would expand too far. Returns the root, or NULL
 * after reporting. */
static ynode *load_document(yreader *y, struct fy_diag *diag, const char *data, size_t len)
{
	static const char *const what[] = { "issues", "actors" };
	const parley_load_options *o = y->r->opts;
	ytree_limit limits[2];
	ynode *culprit = NULL;
	size_t count = 0, seen = 0;
	int rc;

	limits[0].key = "issues";
	limits[0].max = o->max_issues ? o->max_issues : PARLEY__MAX_ISSUES;
	limits[1].key = "actors";
	limits[1].max = o->max_actors ? o->max_actors : PARLEY__MAX_ACTORS;
	rc = ytree_build(&y->tree, data, len, limits, 2, tree_error, y, diag);
	if (y->tree.oom)
		y->r->oom = 1;
	if (y->tree.over >= 0) {
		yerr(y, y->tree.over_node, NULL, NULL, "too many %s: %zu (at most %zu)",
			what[y->tree.over], y->tree.over_count, limits[y->tree.over].max);
		return NULL;
	}
	if (rc == -2)
		report_fyaml_errors(y, diag, &seen);
	if (rc < 0 || y->r->oom)
		return NULL;
	if (!y->tree.root) {
		parley_reader__error(y->r, 1, 1,
			"a mapping with the keys parley, title, issues, actors",
			"the file holds no YAML document (only comments or blank lines)");
		return NULL;
	}
	if (count_alias_nodes(y->tree.root, 0, &count, &culprit) < 0) {
		yerr(y, culprit, NULL, "aliases that expand to at most 100000 nodes, nested at most 64 deep",
			"the aliases expand too far");
		return NULL;
	}
	return y->tree.root;
}

/* YAML allows no control characters but tab, line feed and carriage
 * return (YAML 1.2, 5.1), and libfyaml lets some through: report the
 * first, so that it never reaches a message. Returns 1 when found. */
static int check_controls(yreader *y, const char *data, size_t len)
{
	size_t i;
	unsigned line = 1, col = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
			parley_reader__error(y->r, line, col, "printable text",
				"YAML syntax error: control character 0x%02x", (unsigned)c);
			return 1;
		}
		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80) {
			col++;
		}
	}
	return 0;
}

int parley_yaml__read(parley_reader *r, const char *data, size_t len)
{
	static const char *const known[] = { "parley", "title", "date", "description",
		"documents", "defaults", "issues", "actors", "venues", "stages", "ratification",
		"packages", NULL };
	enum { VERSION, TITLE, DATE, DESC, DOCS, DEFAULTS, ISSUES, ACTORS, VENUES, STAGES, RATIF,
		PACKAGES };
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;
	ynode *root, *v[12], *k[12];
	yreader y;
	double version;
	int count;

	memset(&y, 0, sizeof(y));
	y.r = r;
	y.s = r->s;
	y.data = data;
	y.len = len;

	if (check_controls(&y, data, len))
		return 0;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return PARLEY_ENOMEM;
	fy_diag_set_collect_errors(diag, true);
	root = load_document(&y, diag, data, len);
	if (!root)
		goto done;
	if (yn_type(root) != YN_MAPPING) {
		ypos p = node_pos(&y, root);
		parley_reader__error(r, p.line ? p.line : 1, p.col ? p.col : 1,
			"a mapping with the keys parley, title, issues, actors",
			"the document is not a scenario (%s)", root ? type_name(root) : "empty document");
		goto done;
	}
	if (get_fields(&y, root, NULL, "the scenario", known, v, k) < 0)
		goto done;
	if (!v[VERSION])
		missing(&y, root, NULL, "parley", "the scenario", "parley: 1, the format version");
	else if (get_number(&y, v[VERSION], k[VERSION], "format version", &version) == 0 && version != 1)
		yerr(&y, v[VERSION], k[VERSION], "1", "unsupported format version %g", version);
	if (!v[TITLE])
		missing(&y, root, NULL, "title", "the scenario", "a string");
	else
		get_string(&y, v[TITLE], k[TITLE], "title", &y.s->title);
	if (v[DATE])
		get_date(&y, v[DATE], k[DATE], "date", &y.s->date);
	if (v[DESC])
		get_string(&y, v[DESC], k[DESC], "description", &y.s->description);
	if (v[DOCS])
		parse_documents(&y, v[DOCS], k[DOCS]);
	if (v[DEFAULTS])
		parse_defaults(&y, v[DEFAULTS], k[DEFAULTS]);

	if (!v[ISSUES]) {
		missing(&y, root, NULL, "issues", "the scenario", "a sequence of issues");
	} else if (is_seq(&y, v[ISSUES], k[ISSUES], "issues")) {
		ynode *item;
		void *iter = NULL;
		size_t n = 0;
		count = yn_count(v[ISSUES]);
		if (count == 0)
			yerr(&y, v[ISSUES], k[ISSUES], "at least one issue", "no issues");
		if ((size_t)count > (r->opts->max_issues ? r->opts->max_issues : PARLEY__MAX_ISSUES)) {
			yerr(&y, v[ISSUES], k[ISSUES], NULL, "too many issues: %d (at most %zu)", count,
				r->opts->max_issues ? r->opts->max_issues : PARLEY__MAX_ISSUES);
			goto done;
		}
		y.s->issues = parley_arena__alloc(&y.s->arena, (size_t)count * sizeof(parley_issue) + 1);
		y.sq_bad = parley__calloc((size_t)count + 1, 1);
		if (!y.s->issues || !y.sq_bad || idruns_init(&y, v[ISSUES]) < 0) {
			r->oom = 1;
			goto done;
		}
		while ((item = yn_iterate(v[ISSUES], &iter)) != NULL) {
			parse_issue(&y, item, k[ISSUES], &y.s->issues[n], n);
			if (y.s->issues[n].id && idruns_repeats(&y, n)) {
				ynode *idn = yn_map_lookup(item, "id");
				yerr(&y, idn, k[ISSUES], "unique issue ids",
					"duplicate issue id '%s'", y.s->issues[n].id);
			}
			if (y.s->issues[n].id)
				idruns_keep(&y, n);
			n++;
		}
		y.s->issue_count = n;
		idindex_build(&y, &y.issues, y.s->issues, n, sizeof(parley_issue),
			offsetof(parley_issue, id));
	}
	if (!v[ACTORS]) {
		missing(&y, root, NULL, "actors", "the scenario", "a sequence of actors");
	} else {
		parse_actors(&y, v[ACTORS], k[ACTORS]);
		if (y.s->actor_count == 0 && v[ACTORS] && yn_type(v[ACTORS]) == YN_SEQUENCE)
			yerr(&y, v[ACTORS], k[ACTORS], "at least one actor", "no actors");
	}
	if (v[VENUES])
		parse_venues(&y, v[VENUES], k[VENUES]);
	if (v[STAGES])
		parse_stages(&y, v[STAGES], k[STAGES]);
	if (v[RATIF])
		parse_ratification(&y, v[RATIF], k[RATIF]);
	if (v[PACKAGES])
		parse_packages(&y, v[PACKAGES], k[PACKAGES]);
	if (!r->errors && v[ISSUES] && y.s->actor_count)
		check_weights(&y, v[ISSUES]);
	if (!r->errors)
		check_red_lines(&y);

done:
	idruns_dispose(&y.runs);
	parley__free(y.documents.e);
	parley__free(y.issues.e);
	parley__free(y.actors.e);
	parley__free(y.venues.e);
	parley__free(y.stamp);
	parley__free(y.mv_vals);
	parley__free(y.mv_seen);
	parley__free(y.mv_member);
	parley__free(y.lines);
	parley__free(y.sq_bad);
	parley__free(y.reds);
	parley__free(y.venue_bad);
	ytree_dispose(&y.tree);
	fy_diag_destroy(diag);
	return r->oom ? PARLEY_ENOMEM : 0;
}
