/*
 * backtest_read.c - reading backtest datasets (the DEU layout, the long
 * layout) and Council weight tables from CSV, with every problem reported
 * as a positioned diagnostic that names the column (parley/backtest.h).
 *
 * All three inputs go through one tokenizer: a header row and data rows of
 * cells; cells may be quoted with double quotes ("" inside a quoted cell
 * is a quote), spaces and tabs around a cell are ignored, lines end in LF
 * or CRLF, blank lines are skipped and a UTF-8 byte order mark is ignored.
 * Columns are then found by their header name (case-insensitive), so their
 * order does not matter and unknown columns are ignored. A row with more
 * or fewer cells than the header is reported and left out; reading goes
 * on, so that one run reports every error of a file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backtest_internal.h"

const char *const parley_bt__deu_actor[PARLEY_BT__DEU_ACTORS] = {
	"com", "ep", "at", "be", "bu", "cy", "cz", "dk", "ee", "fi", "fr", "de", "el", "hu",
	"ie", "it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "si", "sk", "es", "se", "uk"
};

/* ------------------------------------------------------------------ */
/* the tokenizer                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *text; /* NUL-terminated, in the row's buffer */
	size_t len;
	unsigned col;     /* 1-based column (characters) of the cell's first character */
} cell;

typedef struct {
	cell *cells;
	size_t n;
	unsigned line;
	unsigned end_col; /* column just past the line's last character */
	char *buf;        /* unquoted text of every cell */
} row;

typedef struct {
	row *rows;        /* rows[0] is the header */
	size_t n, alloc;
} table;

static void table_dispose(table *t)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		parley__free(t->rows[i].cells);
		parley__free(t->rows[i].buf);
	}
	parley__free(t->rows);
	memset(t, 0, sizeof(*t));
}

static unsigned advance_col(const char **at, const char *p, unsigned col)
{
	for (; *at < p; (*at)++)
		if (((unsigned char)**at & 0xC0) != 0x80)
			col++;
	return col;
}

/* Split the line [p, end) into `out`. Returns 0, -1 after reporting a bad
 * quote, or PARLEY_ENOMEM. */
static int split(parley_reader *r, const char *p, const char *end, unsigned line, row *out)
{
	const char *at = p;
	unsigned col = 1;
	size_t alloc = 8;
	char *w;

	memset(out, 0, sizeof(*out));
	out->line = line;
	out->buf = parley__malloc((size_t)(end - p) + 1);
	out->cells = parley__malloc(alloc * sizeof(cell));
	if (!out->buf || !out->cells)
		return PARLEY_ENOMEM;
	w = out->buf;
	for (;;) {
		cell c;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		col = advance_col(&at, p, col);
		c.col = col;
		c.text = w;
		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if (p >= end) {
					parley_reader__error(r, line, c.col, "a closing \" before the end of the line",
						"unterminated quote");
					return -1;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						*w++ = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				*w++ = *p++;
			}
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p < end && *p != ',') {
				col = advance_col(&at, p, col);
				parley_reader__error(r, line, col, "a comma after a closing quote",
					"text after a closing quote");
				return -1;
			}
		} else {
			const char *q = p;
			while (q < end && *q != ',')
				q++;
			while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			memcpy(w, p, (size_t)(q - p));
			w += q - p;
			p = q;
			while (p < end && *p != ',')
				p++;
		}
		c.len = (size_t)(w - c.text);
		*w++ = '\0';
		if (out->n == alloc) {
			cell *nc = parley__realloc(out->cells, 2 * alloc * sizeof(cell));
			if (!nc)
				return PARLEY_ENOMEM;
			out->cells = nc;
			alloc *= 2;
		}
		out->cells[out->n++] = c;
		if (p >= end)
			break;
		p++; /* the comma */
	}
	out->end_col = advance_col(&at, end, col);
	return 0;
}

/* First invalid UTF-8 sequence or NUL byte: its offset, or len. */
static size_t invalid_text_at(const unsigned char *p, size_t len)
{
	size_t n = parley__utf8_invalid_at(p, len);
	const unsigned char *nul = memchr(p, 0, n);
	return nul ? (size_t)(nul - p) : n;
}

/* Read the header and every row whose cell count matches it. Problems are
 * reported; returns 0 (check r->errors and t->n) or PARLEY_ENOMEM. */
static int read_table(parley_reader *r, const char *data, size_t len, const char *expected_header,
	table *t)
{
	const char *p = data, *end = data + len;
	size_t bad;
	unsigned line = 0;
	int rc;

	memset(t, 0, sizeof(*t));
	/* The limits of docs/backtest.md, before anything else is read. */
	if (len > PARLEY_MAX_INPUT_BYTES)
		rc = parley__too_large(r->diags, r->file, len, PARLEY_MAX_INPUT_BYTES);
	else
		rc = parley__long_line(r->diags, r->file, data, len, PARLEY_MAX_LINE_BYTES);
	if (rc != 0) {
		r->errors++;
		return rc < 0 ? PARLEY_ENOMEM : 0;
	}
	bad = invalid_text_at((const unsigned char *)data, len);
	if (bad < len) {
		unsigned l = 1, c = 1;
		size_t i;
		for (i = 0; i < bad; i++) {
			if (data[i] == '\n') { l++; c = 1; }
			else if (((unsigned char)data[i] & 0xC0) != 0x80) c++;
		}
		parley_reader__error(r, l, c, "UTF-8 text without NUL bytes",
			"the file is not UTF-8 text (byte 0x%02x at offset %zu)",
			(unsigned)(unsigned char)data[bad], bad);
		return 0;
	}
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *lend, *q;
		row rw;

		if (!eol)
			eol = end;
		lend = eol;
		if (lend > p && lend[-1] == '\r')
			lend--;
		line++;
		for (q = p; q < lend && (*q == ' ' || *q == '\t'); q++)
			;
		if (q == lend) {
			p = eol + 1;
			continue;
		}
		rc = split(r, p, lend, line, &rw);
		p = eol + 1;
		if (rc == PARLEY_ENOMEM) {
			parley__free(rw.cells);
			parley__free(rw.buf);
			return PARLEY_ENOMEM;
		}
		if (rc < 0) {
			parley__free(rw.cells);
			parley__free(rw.buf);
			if (t->n == 0)
				return 0; /* no header: nothing else can be read */
			continue;
		}
		if (t->n > 0 && rw.n != t->rows[0].n) {
			size_t want = t->rows[0].n;
			parley_reader__error(r, line, rw.n > want ? rw.cells[want].col : rw.end_col,
				"as many cells as the header", "ragged row: %zu cell%s where the header has %zu",
				rw.n, rw.n == 1 ? "" : "s", want);
			parley__free(rw.cells);
			parley__free(rw.buf);
			continue;
		}
		if (t->n == t->alloc) {
			size_t na = t->alloc ? 2 * t->alloc : 64;
			row *nr = parley__realloc(t->rows, na * sizeof(row));
			if (!nr) {
				parley__free(rw.cells);
				parley__free(rw.buf);
				return PARLEY_ENOMEM;
			}
			t->rows = nr;
			t->alloc = na;
		}
		t->rows[t->n++] = rw;
	}
	if (t->n == 0)
		parley_reader__error(r, 1, 1, expected_header, "the file is empty: no header");
	return 0;
}

static int name_is(const cell *c, const char *name)
{
	size_t i, n = strlen(name);
	if (c->len != n)
		return 0;
	for (i = 0; i < n; i++) {
		char a = c->text[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (a != name[i])
			return 0;
	}
	return 1;
}

/* Index of column `name` in the header, or -1; a second column of that name
 * is reported. */
static long find_col(parley_reader *r, const row *h, const char *name)
{
	long found = -1;
	size_t i;
	for (i = 0; i < h->n; i++) {
		if (!name_is(&h->cells[i], name))
			continue;
		if (found >= 0)
			parley_reader__error(r, h->line, h->cells[i].col, "each column once",
				"duplicate column '%s' (first at column %u)", name,
				h->cells[found].col);
		else
			found = (long)i;
	}
	return found;
}

static long need_col(parley_reader *r, const row *h, const char *name, const char *expected)
{
	long c = find_col(r, h, name);
	if (c < 0)
		parley_reader__error(r, h->line, 1, expected, "missing column '%s'", name);
	return c;
}

/* A number in column `col` of `rw`, named `colname` in messages and
 * described as `what`, in [lo, hi] (`hi` = HUGE_VAL: no upper bound).
 * Returns 1 (value in *out), 0 (blank) or -1 (reported); a blank cell is
 * reported when `required`. */
static int num_cell(parley_reader *r, const row *rw, long col, const char *colname,
	const char *what, double lo, double hi, double *out, int required)
{
	const cell *c = &rw->cells[col];
	char expected[96];
	double v;
	int rc;

	if (hi == HUGE_VAL)
		snprintf(expected, sizeof(expected), "%s >= %g%s", what, lo, required ? "" : ", or blank");
	else
		snprintf(expected, sizeof(expected), "%s from %g to %g%s", what, lo, hi,
			required ? "" : ", or blank");
	if (c->len == 0) {
		if (!required)
			return 0;
		parley_reader__error(r, rw->line, c->col, expected, "missing %s in column '%s'",
			what + (what[0] == 'a' && what[1] == ' ' ? 2 : 0), colname);
		return -1;
	}
	if (parley__is_nan_or_inf(c->text, c->len)) {
		parley_reader__error(r, rw->line, c->col, expected,
			"NaN or infinity in column '%s'", colname);
		return -1;
	}
	rc = parley__parse_number(c->text, c->len, &v);
	if (rc < 0) {
		parley_reader__error(r, rw->line, c->col, expected,
			rc == -2 ? "number too large in column '%s': '%.*s'" :
			"not a number in column '%s': '%.*s'", colname, parley__clip_len(c->text, c->len, 40), c->text);
		return -1;
	}
	if (!(v >= lo && v <= hi)) {
		parley_reader__error(r, rw->line, c->col, expected,
			"%s out of range in column '%s': %.*s", what, colname,
			parley__clip_len(c->text, c->len, 40), c->text);
		return -1;
	}
	*out = v;
	return 1;
}

/* Sort helper: indices ordered by a string key, ties by index. */
typedef struct {
	const char *key;
	const char *key2;
	size_t index;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (!c && x->key2 && y->key2)
		c = strcmp(x->key2, y->key2);
	if (!c)
		c = x->index < y->index ? -1 : x->index > y->index;
	return c;
}

static int lower_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* ------------------------------------------------------------------ */
/* loading: shared parts                                                */
/* ------------------------------------------------------------------ */

/* Finish a load: on errors sort them, add the "too many" summary and fail. */
static int finish(parley_reader *r, size_t first_diag, const char *name)
{
	if (r->oom)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	if (!r->errors)
		return 0;
	parley_diag__sort(r->diags, first_diag);
	if (r->errors > PARLEY_MAX_DIAGS &&
	    parley_diag__add(r->diags, name, 0, 0, "fewer errors: fix these and run again",
		"too many errors: %zu found, the first %d are shown", r->errors, PARLEY_MAX_DIAGS) < 0)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
		"%s: %zu error%s in the input", name, r->errors, r->errors == 1 ? "" : "s");
}

static int push_entry(parley_backtest_data *d, size_t *alloc, const parley_bt__entry *e)
{
	if (d->entry_count == *alloc) {
		size_t na = *alloc ? 2 * *alloc : 256;
		parley_bt__entry *ne = parley__realloc(d->entries, na * sizeof(*ne));
		if (!ne)
			return PARLEY_ENOMEM;
		d->entries = ne;
		*alloc = na;
	}
	d->entries[d->entry_count++] = *e;
	return 0;
}

/* Report issue ids used twice (`ids[i]` of issue i at line/column). */
static int check_unique(parley_reader *r, const parley_backtest_data *d, const unsigned *id_col)
{
	keyed *k;
	size_t i;

	if (d->issue_count < 2)
		return 0;
	k = parley__malloc(d->issue_count * sizeof(*k));
	if (!k)
		return PARLEY_ENOMEM;
	for (i = 0; i < d->issue_count; i++) {
		k[i].key = d->issues[i].id;
		k[i].key2 = NULL;
		k[i].index = i;
	}
	qsort(k, d->issue_count, sizeof(*k), keyed_cmp);
	for (i = 1; i < d->issue_count; i++) {
		const parley_bt__issue *a = &d->issues[k[i - 1].index], *b = &d->issues[k[i].index];
		size_t j = i - 1;
		if (strcmp(a->id, b->id))
			continue;
		while (j > 0 && !strcmp(d->issues[k[j - 1].index].id, b->id))
			j--;
		parley_reader__error(r, b->line, id_col[k[i].index], "each issue once",
			"duplicate issue '%.60s' (first on line %u)", b->id, d->issues[k[j].index].line);
	}
	parley__free(k);
	return 0;
}

static parley_backtest_data *data_new(parley_backtest_layout layout, const char *name)
{
	parley_backtest_data *d = parley__calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->layout = layout;
	d->path = parley_arena__strndup(&d->arena, name, strlen(name));
	if (!d->path) {
		parley_backtest_data_free(d);
		return NULL;
	}
	return d;
}

void parley_backtest_data_free(parley_backtest_data *d)
{
	if (!d)
		return;
	parley__free(d->issues);
	parley__free(d->entries);
	parley_arena__dispose(&d->arena);
	parley__free(d);
}

parley_backtest_layout parley_backtest_data_layout(const parley_backtest_data *d)
{
	return d ? d->layout : PARLEY_BACKTEST_DEU;
}

size_t parley_backtest_data_issue_count(const parley_backtest_data *d)
{
	return d ? d->issue_count : 0;
}

/* ------------------------------------------------------------------ */
/* the DEU layout                                                       */
/* ------------------------------------------------------------------ */

#define DEU_HEADER "a header with prnrnmc, isnrnmc, rp, out and p<actor>, s<actor> columns"

static int procedure_of(const char *cod, size_t len)
{
	if (len >= 5 && lower_eq(cod + len - 5, "(cod)"))
		return PARLEY_BT__PROC_COD;
	if (len >= 5 && lower_eq(cod + len - 5, "(cns)"))
		return PARLEY_BT__PROC_CNS;
	return PARLEY_BT__PROC_UNKNOWN;
}

static int read_deu(parley_reader *r, parley_backtest_data *d, const table *t)
{
	const row *h = &t->rows[0];
	long c_prn, c_isn, c_isnr, c_cod, c_rp, c_out, pc[PARLEY_BT__DEU_ACTORS], sc[PARLEY_BT__DEU_ACTORS];
	char pname[PARLEY_BT__DEU_ACTORS][8], sname[PARLEY_BT__DEU_ACTORS][8];
	size_t i, a, nact = 0, ealloc = 0, errors0 = r->errors;
	unsigned *id_col = NULL;
	int rc = 0;

	c_prn = need_col(r, h, "prnrnmc", DEU_HEADER);
	c_isn = need_col(r, h, "isnrnmc", DEU_HEADER);
	c_rp = need_col(r, h, "rp", DEU_HEADER);
	c_out = need_col(r, h, "out", DEU_HEADER);
	c_isnr = find_col(r, h, "isnr");
	c_cod = find_col(r, h, "cod");
	for (a = 0; a < PARLEY_BT__DEU_ACTORS; a++) {
		snprintf(pname[a], sizeof(pname[a]), "p%s", parley_bt__deu_actor[a]);
		snprintf(sname[a], sizeof(sname[a]), "s%s", parley_bt__deu_actor[a]);
		pc[a] = find_col(r, h, pname[a]);
		sc[a] = find_col(r, h, sname[a]);
		if (pc[a] >= 0 && sc[a] < 0)
			parley_reader__error(r, h->line, h->cells[pc[a]].col,
				"an s<actor> salience column for every p<actor> position column",
				"column '%s' has no salience column '%s'", pname[a], sname[a]);
		nact += pc[a] >= 0;
	}
	if (!nact)
		parley_reader__error(r, h->line, 1, "p<actor> columns such as pcom, pep, pde",
			"no position column");
	if (r->errors > errors0)
		return 0; /* the rows cannot be read without their columns */

	d->issues = parley__calloc(t->n, sizeof(parley_bt__issue));
	id_col = parley__calloc(t->n, sizeof(unsigned));
	if (!d->issues || !id_col) {
		parley__free(id_col);
		return PARLEY_ENOMEM;
	}
	for (i = 1; i < t->n && !r->oom; i++) {
		const row *rw = &t->rows[i];
		parley_bt__issue *is = &d->issues[d->issue_count];
		const cell *prn = &rw->cells[c_prn], *isn = &rw->cells[c_isn];
		const cell *idc = (c_isnr >= 0 && rw->cells[c_isnr].len) ? &rw->cells[c_isnr] : isn;
		char num[32];
		double v;
		int ok;

		memset(is, 0, sizeof(*is));
		is->line = rw->line;
		is->first = d->entry_count;
		ok = num_cell(r, rw, c_prn, "prnrnmc", "a proposal number", 1, 1e9, &v, 1);
		if (ok > 0 && v != floor(v))
			parley_reader__error(r, rw->line, prn->col, "a whole number",
				"not a whole proposal number in column 'prnrnmc': %.*s",
				parley__clip_len(prn->text, prn->len, 40), prn->text);
		else if (ok > 0)
			is->number = (unsigned long)v;
		if (isn->len == 0)
			parley_reader__error(r, rw->line, isn->col, "an issue number",
				"missing issue number in column 'isnrnmc'");
		snprintf(num, sizeof(num), "%lu", is->number);
		is->proposal = parley_arena__strndup(&d->arena, num, strlen(num));
		is->id = parley_arena__strndup(&d->arena, idc->text, idc->len);
		if (!is->proposal || !is->id) {
			rc = PARLEY_ENOMEM;
			break;
		}
		id_col[d->issue_count] = idc->col;
		if (c_cod >= 0)
			is->procedure = procedure_of(rw->cells[c_cod].text, rw->cells[c_cod].len);
		ok = num_cell(r, rw, c_rp, "rp", "a reference point", 0, 100, &is->rp, 0);
		is->has_rp = ok > 0;
		ok = num_cell(r, rw, c_out, "out", "an outcome", 0, 100, &is->out, 0);
		is->has_out = ok > 0;
		for (a = 0; a < PARLEY_BT__DEU_ACTORS; a++) {
			parley_bt__entry e;
			int px, ps;
			if (pc[a] < 0)
				continue;
			memset(&e, 0, sizeof(e));
			px = num_cell(r, rw, pc[a], pname[a], "a position", 0, 100, &e.x, 0);
			ps = num_cell(r, rw, sc[a], sname[a], "a salience", 0, 100, &e.s, 0);
			if (px <= 0)
				continue;
			e.actor = (int)a;
			e.name = parley_bt__deu_actor[a];
			e.has_s = ps > 0;
			if ((rc = push_entry(d, &ealloc, &e)) < 0)
				break;
		}
		if (rc < 0)
			break;
		is->count = d->entry_count - is->first;
		d->issue_count++;
	}
	if (rc == 0 && !r->oom)
		rc = check_unique(r, d, id_col);
	parley__free(id_col);
	return rc;
}

int parley_backtest_data_load_deu(parley_backtest_data **out, const char *data, size_t len,
	const char *name, parley_diag_list *diags)
{
	parley_backtest_data *d;
	parley_reader r;
	table t;
	size_t first = diags ? diags->count : 0;
	int rc;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(data || len == 0);
	if (!name)
		name = "<input>";
	if (!(d = data_new(PARLEY_BACKTEST_DEU, name)))
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	parley__sha256_hex(d->sha256, data ? data : "", len);
	memset(&r, 0, sizeof(r));
	r.diags = diags;
	r.file = name;
	rc = read_table(&r, data ? data : "", len, DEU_HEADER, &t);
	if (rc == 0 && t.n > 0)
		rc = read_deu(&r, d, &t);
	table_dispose(&t);
	if (rc == PARLEY_ENOMEM)
		r.oom = 1;
	if ((rc = finish(&r, first, name)) < 0) {
		parley_backtest_data_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

/* ------------------------------------------------------------------ */
/* the long layout                                                      */
/* ------------------------------------------------------------------ */

#define POS_HEADER "a header with issue, actor, position, salience, capability [, votes]"
#define OUT_HEADER "a header with issue, outcome, reference_point [, proposal, procedure, quota]"

typedef struct {
	const char *issue, *actor; /* row's issue and actor (table buffers) */
	unsigned line, issue_col, actor_col;
	parley_bt__entry e;
	int has_x;
} pos_row;

static int read_outcomes(parley_reader *r, parley_backtest_data *d, const table *t, unsigned *id_col)
{
	const row *h = &t->rows[0];
	long c_issue, c_out, c_rp, c_prop, c_proc, c_quota;
	size_t i, errors0 = r->errors;

	c_issue = need_col(r, h, "issue", OUT_HEADER);
	c_out = need_col(r, h, "outcome", OUT_HEADER);
	c_rp = need_col(r, h, "reference_point", OUT_HEADER);
	c_prop = find_col(r, h, "proposal");
	c_proc = find_col(r, h, "procedure");
	c_quota = find_col(r, h, "quota");
	if (r->errors > errors0)
		return 0;
	for (i = 1; i < t->n; i++) {
		const row *rw = &t->rows[i];
		parley_bt__issue *is = &d->issues[d->issue_count];
		const cell *ic = &rw->cells[c_issue];
		const cell *pc = c_prop >= 0 ? &rw->cells[c_prop] : NULL;
		int ok;

		memset(is, 0, sizeof(*is));
		is->line = rw->line;
		if (ic->len == 0)
			parley_reader__error(r, rw->line, ic->col, "an issue id", "missing issue in column 'issue'");
		is->id = parley_arena__strndup(&d->arena, ic->text, ic->len);
		is->proposal = (pc && pc->len) ? parley_arena__strndup(&d->arena, pc->text, pc->len) : is->id;
		if (!is->id || !is->proposal)
			return PARLEY_ENOMEM;
		id_col[d->issue_count] = ic->col;
		ok = num_cell(r, rw, c_out, "outcome", "an outcome", 0, 100, &is->out, 0);
		is->has_out = ok > 0;
		ok = num_cell(r, rw, c_rp, "reference_point", "a reference point", 0, 100, &is->rp, 0);
		is->has_rp = ok > 0;
		if (c_proc >= 0) {
			const cell *pr = &rw->cells[c_proc];
			if (name_is(pr, "cod"))
				is->procedure = PARLEY_BT__PROC_COD;
			else if (name_is(pr, "cns"))
				is->procedure = PARLEY_BT__PROC_CNS;
			else if (pr->len)
				parley_reader__error(r, rw->line, pr->col, "cod, cns or blank",
					"unknown procedure in column 'procedure': '%.*s'",
					parley__clip_len(pr->text, pr->len, 40), pr->text);
		}
		if (c_quota >= 0) {
			const cell *qc = &rw->cells[c_quota];
			ok = num_cell(r, rw, c_quota, "quota", "a share", 0, 1, &is->quota, 0);
			if (ok > 0 && is->quota == 0) {
				parley_reader__error(r, rw->line, qc->col, "a share above 0 and at most 1, or blank",
					"a share out of range in column 'quota': %.*s", parley__clip_len(qc->text, qc->len, 40), qc->text);
				ok = -1;
			}
			is->has_quota = ok > 0;
		}
		d->issue_count++;
	}
	return 0;
}

static int read_positions(parley_reader *r, const table *t, pos_row *rows, size_t *nrows)
{
	const row *h = &t->rows[0];
	long c_issue, c_actor, c_x, c_s, c_c, c_votes;
	size_t i, errors0 = r->errors;

	*nrows = 0;
	c_issue = need_col(r, h, "issue", POS_HEADER);
	c_actor = need_col(r, h, "actor", POS_HEADER);
	c_x = need_col(r, h, "position", POS_HEADER);
	c_s = need_col(r, h, "salience", POS_HEADER);
	c_c = need_col(r, h, "capability", POS_HEADER);
	c_votes = find_col(r, h, "votes");
	if (r->errors > errors0)
		return 0;
	for (i = 1; i < t->n; i++) {
		const row *rw = &t->rows[i];
		pos_row *p = &rows[*nrows];
		const cell *ic = &rw->cells[c_issue], *ac = &rw->cells[c_actor];
		int ok;

		memset(p, 0, sizeof(*p));
		p->line = rw->line;
		p->issue = ic->text;
		p->actor = ac->text;
		p->issue_col = ic->col;
		p->actor_col = ac->col;
		if (ic->len == 0)
			parley_reader__error(r, rw->line, ic->col, "an issue id", "missing issue in column 'issue'");
		if (ac->len == 0)
			parley_reader__error(r, rw->line, ac->col, "an actor's name", "missing actor in column 'actor'");
		ok = num_cell(r, rw, c_x, "position", "a position", 0, 100, &p->e.x, 0);
		p->has_x = ok > 0;
		ok = num_cell(r, rw, c_s, "salience", "a salience", 0, 100, &p->e.s, 0);
		p->e.has_s = ok > 0;
		/* required of the actors with a position */
		num_cell(r, rw, c_c, "capability", "a capability", 0, HUGE_VAL, &p->e.c, p->has_x);
		if (c_votes >= 0) {
			ok = num_cell(r, rw, c_votes, "votes", "a number of votes", 0, HUGE_VAL, &p->e.votes, 0);
			p->e.has_votes = ok > 0;
		}
		p->e.actor = lower_eq(p->actor, "ep") ? PARLEY_BT__DEU_EP :
			lower_eq(p->actor, "com") ? PARLEY_BT__DEU_COM : -1;
		(*nrows)++;
	}
	return 0;
}

/* Match positions to outcome rows, report strays and duplicates, and
 * build the entries grouped by issue in outcome order. */
static int link_long(parley_reader *r, parley_reader *ro, parley_backtest_data *d,
	const char *pname, const char *oname, pos_row *rows, size_t nrows)
{
	keyed *ik = NULL, *pk = NULL;
	size_t *count = NULL, i, ealloc = 0;
	int rc = 0;

	ik = parley__malloc((d->issue_count + 1) * sizeof(*ik));
	pk = parley__malloc((nrows + 1) * sizeof(*pk));
	count = parley__calloc(d->issue_count + 1, sizeof(size_t));
	if (!ik || !pk || !count) {
		rc = PARLEY_ENOMEM;
		goto done;
	}
	for (i = 0; i < d->issue_count; i++) {
		ik[i].key = d->issues[i].id;
		ik[i].key2 = NULL;
		ik[i].index = i;
	}
	qsort(ik, d->issue_count, sizeof(*ik), keyed_cmp);
	/* Rows sorted by (issue, actor, line): duplicates are neighbours. */
	for (i = 0; i < nrows; i++) {
		pk[i].key = rows[i].issue;
		pk[i].key2 = rows[i].actor;
		pk[i].index = i;
	}
	qsort(pk, nrows, sizeof(*pk), keyed_cmp);
	for (i = 1; i < nrows; i++) {
		const pos_row *a = &rows[pk[i - 1].index], *b = &rows[pk[i].index];
		if (!strcmp(a->issue, b->issue) && !strcmp(a->actor, b->actor) && a->issue[0] && a->actor[0])
			parley_reader__error(r, b->line, b->actor_col, "each actor once per issue",
				"duplicate actor '%.60s' on issue '%.60s' (first on line %u)",
				b->actor, b->issue, a->line);
	}
	/* Which issue each row belongs to. */
	for (i = 0; i < nrows; i++) {
		keyed key = { rows[i].issue, NULL, 0 }, *hit;
		size_t lo = 0, hi = d->issue_count;
		if (!rows[i].issue[0])
			continue;
		while (lo < hi) { /* lower bound on the id */
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(ik[mid].key, key.key) < 0) lo = mid + 1; else hi = mid;
		}
		hit = lo < d->issue_count && !strcmp(ik[lo].key, key.key) ? &ik[lo] : NULL;
		if (!hit) {
			parley_reader__error(r, rows[i].line, rows[i].issue_col,
				"every issue in the outcomes table",
				"issue '%.60s' has no row in %s", rows[i].issue, oname);
			rows[i].e.name = NULL;
			continue;
		}
		rows[i].e.name = rows[i].actor;
		rows[i].issue_col = (unsigned)hit->index; /* reuse: the issue's index */
		count[hit->index]++;
	}
	for (i = 0; i < d->issue_count; i++)
		if (!count[i] && d->issues[i].id[0])
			parley_reader__error(ro, d->issues[i].line, 1, "at least one row per issue in the positions table",
				"issue '%.60s' has no row in %s", d->issues[i].id, pname);
	if (r->errors || ro->errors)
		goto done;
	/* Entries grouped by issue, rows in input order within an issue. */
	{
		size_t k = 0, *at = parley__malloc((d->issue_count + 1) * sizeof(size_t));
		if (!at) {
			rc = PARLEY_ENOMEM;
			goto done;
		}
		for (i = 0; i < d->issue_count; i++) {
			at[i] = k;
			k += count[i];
		}
		d->entries = parley__malloc((k + 1) * sizeof(parley_bt__entry));
		if (!d->entries) {
			parley__free(at);
			rc = PARLEY_ENOMEM;
			goto done;
		}
		ealloc = k;
		for (i = 0; i < d->issue_count; i++) {
			d->issues[i].first = at[i];
			d->issues[i].count = 0;
		}
		for (i = 0; i < nrows; i++) {
			parley_bt__issue *is = &d->issues[rows[i].issue_col];
			parley_bt__entry e = rows[i].e;
			if (!rows[i].has_x)
				continue;
			e.name = parley_arena__strndup(&d->arena, rows[i].actor, strlen(rows[i].actor));
			if (!e.name) {
				parley__free(at);
				rc = PARLEY_ENOMEM;
				goto done;
			}
			d->entries[is->first + is->count++] = e;
		}
		/* Close the gaps left by rows without a position. */
		k = 0;
		for (i = 0; i < d->issue_count; i++) {
			parley_bt__issue *is = &d->issues[i];
			memmove(&d->entries[k], &d->entries[is->first], is->count * sizeof(parley_bt__entry));
			is->first = k;
			k += is->count;
		}
		d->entry_count = k;
		(void)ealloc;
		parley__free(at);
	}
done:
	parley__free(ik);
	parley__free(pk);
	parley__free(count);
	return rc;
}

/* Move the diagnostics of `from` to the end of `to` (sorted by position). */
static int move_diags(parley_diag_list *to, parley_diag_list *from)
{
	size_t i;
	int rc = 0;

	parley_diag__sort(from, 0);
	for (i = 0; i < from->count && rc == 0; i++) {
		const parley_diag *g = &from->items[i];
		rc = parley_diag__add(to, g->file, g->line, g->column, g->expected, "%s", g->message);
	}
	parley_diag_list_dispose(from);
	return rc;
}

int parley_backtest_data_load_long(parley_backtest_data **out,
	const char *positions, size_t positions_len, const char *positions_name,
	const char *outcomes, size_t outcomes_len, const char *outcomes_name,
	parley_diag_list *diags)
{
	parley_backtest_data *d;
	parley_reader rp, ro;
	parley_diag_list dp = PARLEY_DIAG_LIST_INIT, dout = PARLEY_DIAG_LIST_INIT;
	table tp, to;
	pos_row *rows = NULL;
	unsigned *id_col = NULL;
	size_t nrows = 0, errors;
	int rc = 0, oom;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(positions || positions_len == 0);
	PARLEY_ASSERT_ARG(outcomes || outcomes_len == 0);
	if (!positions_name)
		positions_name = "<positions>";
	if (!outcomes_name)
		outcomes_name = "<outcomes>";
	if (!(d = data_new(PARLEY_BACKTEST_LONG, positions_name)))
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	d->outcomes_path = parley_arena__strndup(&d->arena, outcomes_name, strlen(outcomes_name));
	if (!d->outcomes_path) {
		parley_backtest_data_free(d);
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	}
	parley__sha256_hex(d->sha256, positions ? positions : "", positions_len);
	parley__sha256_hex(d->outcomes_sha256, outcomes ? outcomes : "", outcomes_len);
	/* Each file's diagnostics are kept apart, sorted by position, then
	 * appended: the positions file's first. */
	memset(&rp, 0, sizeof(rp));
	memset(&ro, 0, sizeof(ro));
	rp.diags = diags ? &dp : NULL;
	ro.diags = diags ? &dout : NULL;
	rp.file = positions_name;
	ro.file = outcomes_name;
	memset(&tp, 0, sizeof(tp));
	memset(&to, 0, sizeof(to));
	if ((rc = read_table(&ro, outcomes ? outcomes : "", outcomes_len, OUT_HEADER, &to)) < 0 ||
	    (rc = read_table(&rp, positions ? positions : "", positions_len, POS_HEADER, &tp)) < 0)
		goto done;
	if (to.n > 0) {
		d->issues = parley__calloc(to.n, sizeof(parley_bt__issue));
		id_col = parley__calloc(to.n, sizeof(unsigned));
		if (!d->issues || !id_col || read_outcomes(&ro, d, &to, id_col) < 0 ||
		    check_unique(&ro, d, id_col) < 0) {
			rc = PARLEY_ENOMEM;
			goto done;
		}
	}
	if (tp.n > 0) {
		rows = parley__malloc(tp.n * sizeof(*rows));
		if (!rows || read_positions(&rp, &tp, rows, &nrows) < 0) {
			rc = PARLEY_ENOMEM;
			goto done;
		}
	}
	if (!ro.errors && !rp.errors && to.n > 0 && tp.n > 0)
		rc = link_long(&rp, &ro, d, positions_name, outcomes_name, rows, nrows);
done:
	table_dispose(&tp);
	table_dispose(&to);
	parley__free(rows);
	parley__free(id_col);
	oom = rc == PARLEY_ENOMEM || rp.oom || ro.oom;
	errors = rp.errors + ro.errors;
	if (diags && (move_diags(diags, &dp) < 0 || move_diags(diags, &dout) < 0))
		oom = 1;
	parley_diag_list_dispose(&dp);
	parley_diag_list_dispose(&dout);
	if (!oom && (rp.errors > PARLEY_MAX_DIAGS || ro.errors > PARLEY_MAX_DIAGS) &&
	    parley_diag__add(diags, positions_name, 0, 0, "fewer errors: fix these and run again",
		"too many errors: %zu found, the first %d of each file are shown", errors,
		PARLEY_MAX_DIAGS) < 0)
		oom = 1;
	if (oom || errors) {
		parley_backtest_data_free(d);
		if (oom)
			return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s, %s: %zu error%s in the input",
			positions_name, outcomes_name, errors, errors == 1 ? "" : "s");
	}
	*out = d;
	return 0;
}

/* ------------------------------------------------------------------ */
/* files                                                                */
/* ------------------------------------------------------------------ */

int parley_backtest_data_load_file(parley_backtest_data **out, const char *path,
	const char *outcomes_path, parley_diag_list *diags)
{
	parley_buf a = PARLEY_BUF_INIT, b = PARLEY_BUF_INIT;
	int rc;

	PARLEY_ASSERT_ARG(out && path);
	*out = NULL;
	if ((rc = parley_read_file(&a, path, PARLEY_MAX_INPUT_BYTES, diags)) < 0 ||
	    (outcomes_path && (rc = parley_read_file(&b, outcomes_path, PARLEY_MAX_INPUT_BYTES,
			diags)) < 0))
		goto done;
	if (outcomes_path)
		rc = parley_backtest_data_load_long(out, a.ptr ? a.ptr : "", a.size, path,
			b.ptr ? b.ptr : "", b.size, outcomes_path, diags);
	else
		rc = parley_backtest_data_load_deu(out, a.ptr ? a.ptr : "", a.size, path, diags);
done:
	parley_buf_dispose(&a);
	parley_buf_dispose(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Council tables                                                       */
/* ------------------------------------------------------------------ */

#define COUNCIL_HEADER "a header with abbr, weights, quota, banzhaf, shapleyshubik"

static int read_council(parley_reader *r, parley_backtest_council *c, const table *t)
{
	const row *h = &t->rows[0];
	long c_abbr, c_w, c_q, c_b, c_s;
	size_t i, errors0 = r->errors;
	unsigned quota_line = 0;

	c_abbr = need_col(r, h, "abbr", COUNCIL_HEADER);
	c_w = need_col(r, h, "weights", COUNCIL_HEADER);
	c_q = need_col(r, h, "quota", COUNCIL_HEADER);
	c_b = need_col(r, h, "banzhaf", COUNCIL_HEADER);
	c_s = need_col(r, h, "shapleyshubik", COUNCIL_HEADER);
	if (r->errors > errors0)
		return 0;
	c->abbr = parley__calloc(t->n, sizeof(char *));
	c->votes = parley__calloc(t->n, sizeof(double));
	c->banzhaf = parley__calloc(t->n, sizeof(double));
	c->shapley = parley__calloc(t->n, sizeof(double));
	if (!c->abbr || !c->votes || !c->banzhaf || !c->shapley)
		return PARLEY_ENOMEM;
	for (i = 1; i < t->n; i++) {
		const row *rw = &t->rows[i];
		const cell *ac = &rw->cells[c_abbr];
		double q = 0;
		int ok;
		size_t j;

		if (ac->len == 0)
			parley_reader__error(r, rw->line, ac->col, "a member state's code", "missing code in column 'abbr'");
		for (j = 0; j < c->n && ac->len; j++)
			if (lower_eq(c->abbr[j], ac->text))
				parley_reader__error(r, rw->line, ac->col, "each member state once",
					"duplicate member state '%.20s'", ac->text);
		c->abbr[c->n] = parley_arena__strndup(&c->arena, ac->text, ac->len);
		if (!c->abbr[c->n])
			return PARLEY_ENOMEM;
		num_cell(r, rw, c_w, "weights", "a number of votes", 0, HUGE_VAL, &c->votes[c->n], 1);
		num_cell(r, rw, c_b, "banzhaf", "a power index", 0, 1, &c->banzhaf[c->n], 1);
		num_cell(r, rw, c_s, "shapleyshubik", "a power index", 0, 1, &c->shapley[c->n], 1);
		ok = num_cell(r, rw, c_q, "quota", "a number of votes", 0, HUGE_VAL, &q, 1);
		if (ok > 0 && quota_line && q != c->quota)
			parley_reader__error(r, rw->line, rw->cells[c_q].col, "the same quota on every row",
				"quota %g differs from %g on line %u", q, c->quota, quota_line);
		else if (ok > 0 && !quota_line) {
			c->quota = q;
			quota_line = rw->line;
		}
		c->total += c->votes[c->n];
		c->n++;
	}
	if (r->errors == errors0 && c->n == 0)
		parley_reader__error(r, h->line, 1, "one row per member state", "no member states");
	if (r->errors == errors0 && !(c->quota > 0 && c->quota <= c->total))
		parley_reader__error(r, quota_line, 1, "a quota above 0 and at most the total of the votes",
			"quota %g is outside (0, %g]", c->quota, c->total);
	return 0;
}

int parley_backtest_council_load_buffer(parley_backtest_council **out, const char *data,
	size_t len, const char *name, parley_diag_list *diags)
{
	parley_backtest_council *c;
	parley_reader r;
	table t;
	size_t first = diags ? diags->count : 0;
	int rc;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(data || len == 0);
	if (!name)
		name = "<input>";
	c = parley__calloc(1, sizeof(*c));
	if (!c)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	c->path = parley_arena__strndup(&c->arena, name, strlen(name));
	memset(&r, 0, sizeof(r));
	r.diags = diags;
	r.file = name;
	rc = c->path ? read_table(&r, data ? data : "", len, COUNCIL_HEADER, &t) : PARLEY_ENOMEM;
	if (rc == 0 && t.n > 0)
		rc = read_council(&r, c, &t);
	if (c->path)
		table_dispose(&t);
	if (rc == PARLEY_ENOMEM)
		r.oom = 1;
	if ((rc = finish(&r, first, name)) < 0) {
		parley_backtest_council_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int parley_backtest_council_load_file(parley_backtest_council **out, const char *path,
	parley_diag_list *diags)
{
	parley_buf data = PARLEY_BUF_INIT;
	int rc;

	PARLEY_ASSERT_ARG(out && path);
	*out = NULL;
	if ((rc = parley_read_file(&data, path, PARLEY_MAX_INPUT_BYTES, diags)) == 0)
		rc = parley_backtest_council_load_buffer(out, data.ptr ? data.ptr : "", data.size,
			path, diags);
	parley_buf_dispose(&data);
	return rc;
}

void parley_backtest_council_free(parley_backtest_council *c)
{
	if (!c)
		return;
	parley__free(c->abbr);
	parley__free(c->votes);
	parley__free(c->banzhaf);
	parley__free(c->shapley);
	parley_arena__dispose(&c->arena);
	parley__free(c);
}

size_t parley_backtest_council_member_count(const parley_backtest_council *c)
{
	return c ? c->n : 0;
}

double parley_backtest_council_quota(const parley_backtest_council *c)
{
	return c ? c->quota : 0.0;
}

double parley_backtest_council_total(const parley_backtest_council *c)
{
	return c ? c->total : 0.0;
}

long parley_bt__council_find(const parley_backtest_council *c, const char *abbr)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		if (lower_eq(c->abbr[i], abbr))
			return (long)i;
	return -1;
}
