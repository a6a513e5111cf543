/*
 * csv_reader.c - the actor tables of the published replications of Bueno
 * de Mesquita's model (Scholz et al. 2011; jmckib, dmasad): a header
 * `Actor,Capability,Position,Salience` and one row per actor, describing
 * one issue. The issue's id is the file's base name without extension;
 * its scale is [0, 100] unless the options give another.
 *
 * Cells may be quoted with double quotes ("" inside a quoted cell is a
 * quote). Lines end in LF or CRLF; blank lines are skipped; a UTF-8 byte
 * order mark before the header is ignored.
 */
#include <stdlib.h>
#include <string.h>
#include "reader_internal.h"

#define NCOLS 4
static const char *const header[NCOLS] = { "Actor", "Capability", "Position", "Salience" };

typedef struct {
	const char *text; /* cell text (unquoted cells point into the input) */
	size_t len;
	unsigned col;     /* 1-based column of the cell's first character */
	char *owned;      /* unquoted copy of a quoted cell, or NULL */
} cell;

/* Columns (1-based, in characters) along a line, counted incrementally
 * so that a long line costs linear time. */
typedef struct {
	const char *at;
	unsigned col;
} colpos;

/* Column of `p`, which is at or after the last position asked for. */
static unsigned column_of(colpos *cp, const char *p)
{
	for (; cp->at < p; cp->at++)
		if (((unsigned char)*cp->at & 0xC0) != 0x80)
			cp->col++;
	return cp->col;
}

/* Split one line [p, end) into cells. Returns the number of cells (may
 * exceed max: the caller reports a ragged row, at *bad_col: the first
 * cell past max, or the end of a short line), or -1 on a bad quote
 * (at *bad_col). */
static int split_line(parley_reader *r, const char *p, const char *end, cell *cells,
	int max, unsigned *bad_col)
{
	colpos cp = { p, 1 };
	int n = 0;

	for (;;) {
		cell c;
		memset(&c, 0, sizeof(c));
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		c.col = column_of(&cp, p);
		if (p < end && *p == '"') {
			parley_buf b = PARLEY_BUF_INIT;
			p++;
			for (;;) {
				if (p >= end) {
					*bad_col = c.col;
					parley_buf_dispose(&b);
					goto bad_quote;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						if (parley_buf__put(&b, "\"", 1) < 0) r->oom = 1;
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (parley_buf__put(&b, p, 1) < 0) r->oom = 1;
				p++;
			}
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p < end && *p != ',') {
				*bad_col = column_of(&cp, p);
				parley_buf_dispose(&b);
				goto bad_quote;
			}
			c.owned = b.ptr;
			c.text = b.ptr ? b.ptr : "";
			c.len = b.size;
		} else {
			const char *q = p;
			while (q < end && *q != ',')
				q++;
			c.text = p;
			c.len = (size_t)(q - p);
			while (c.len && (c.text[c.len - 1] == ' ' || c.text[c.len - 1] == '\t'))
				c.len--;
			p = q;
		}
		if (n < max)
			cells[n] = c;
		else
			parley__free(c.owned);
		if (n == max)
			*bad_col = c.col;
		n++;
		if (p >= end)
			break;
		p++; /* the comma */
	}
	if (n < max)
		*bad_col = column_of(&cp, end);
	return n;

bad_quote:
	/* The cells split so far are not returned: free their copies. */
	while (n > 0) {
		n--;
		if (n < max)
			parley__free(cells[n].owned);
	}
	return -1;
}

static void free_cells(cell *cells, int n)
{
	int i;
	for (i = 0; i < n && i < NCOLS; i++)
		parley__free(cells[i].owned);
}

static char *make_id(parley_arena *arena, const char *name, size_t len)
{
	char *id = parley_arena__strndup(arena, name, len);
	size_t i;
	if (!id)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = id[i];
		if (c >= 'A' && c <= 'Z')
			id[i] = (char)(c + 32);
		else if (c == ' ' || c == '\t' || c == ',' || c == '/')
			id[i] = '-';
	}
	return id;
}

struct row { double c, x, sal; char *name; char *id; unsigned line, col; };

/* Rows by id, then by line. */
static int cmp_row_id(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Each actor once: sorted by id, so that 10^5 rows take milliseconds
 * rather than the n^2 / 2 comparisons of a scan per row. Every repeat is
 * reported at its own line, naming the first. */
static void check_duplicates(parley_reader *r, struct row *rows, size_t n)
{
	struct row **by_id;
	size_t i, k = 0, first = 0;

	if (n < 2)
		return;
	if (!(by_id = parley__malloc(n * sizeof(*by_id)))) {
		r->oom = 1;
		return;
	}
	for (i = 0; i < n; i++)
		if (rows[i].id)
			by_id[k++] = &rows[i];
	qsort(by_id, k, sizeof(*by_id), cmp_row_id);
	for (i = 1; i < k; i++) {
		if (strcmp(by_id[i]->id, by_id[first]->id)) {
			first = i;
			continue;
		}
		parley_reader__error(r, by_id[i]->line, by_id[i]->col,
			"each actor once", "duplicate actor '%.*s' (first on line %u)",
			parley__clip_len(by_id[i]->name, strlen(by_id[i]->name), 60), by_id[i]->name,
			by_id[first]->line);
	}
	parley__free(by_id);
}

int parley_csv__read(parley_reader *r, const char *data, size_t len)
{
	parley_scenario *s = r->s;
	const char *p = data, *end = data + len, *base, *dot;
	size_t alloc = 0, nactors = 0, nrows = 0, i;
	unsigned line = 0, first_row = 0;
	double weight = 0;
	int have_header = 0;
	double lo = r->opts->has_scale ? r->opts->scale_lo : 0.0;
	double hi = r->opts->has_scale ? r->opts->scale_hi : 100.0;
	struct row *rows = NULL;

	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;

	while (p < end && !r->oom) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *lend;
		cell cells[NCOLS];
		unsigned bad_col = 0;
		int n, k;

		if (!eol)
			eol = end;
		lend = eol;
		if (lend > p && lend[-1] == '\r')
			lend--;
		line++;
		{
			const char *q = p;
			while (q < lend && (*q == ' ' || *q == '\t'))
				q++;
			if (q == lend) { /* blank line */
				p = eol + 1;
				continue;
			}
		}
		n = split_line(r, p, lend, cells, NCOLS, &bad_col);
		if (n < 0) {
			parley_reader__error(r, line, bad_col, "a closing \" before the end of the line, then a comma",
				"unterminated or misplaced quote");
			if (!have_header)
				return 0; /* the rows cannot be read without it */
			nrows++;
			p = eol + 1;
			continue;
		}
		if (!have_header) {
			/* Point at the first wrong cell when the count is right. */
			for (k = 0; n == NCOLS && k < NCOLS; k++)
				if (cells[k].len != strlen(header[k]) ||
				    memcmp(cells[k].text, header[k], cells[k].len))
					break;
			if (n != NCOLS) {
				parley_reader__error(r, line, 1, "the header Actor,Capability,Position,Salience",
					"wrong header for an actor table: %d cell%s", n, n == 1 ? "" : "s");
			} else if (k < NCOLS) {
				parley_reader__error(r, line, cells[k].col,
					"the header Actor,Capability,Position,Salience",
					"wrong header for an actor table: '%.*s' where '%s' belongs",
					parley__clip_len(cells[k].text, cells[k].len, 40), cells[k].text, header[k]);
			}
			if (n != NCOLS || k < NCOLS) {
				free_cells(cells, n);
				return 0; /* the rows cannot be read without it */
			}
			have_header = 1;
			free_cells(cells, n);
			p = eol + 1;
			continue;
		}
		nrows++;
		if (!first_row)
			first_row = line;
		if (n != NCOLS) {
			parley_reader__error(r, line, bad_col ? bad_col : 1,
				"4 cells: Actor,Capability,Position,Salience",
				"ragged row: %d cell%s", n, n == 1 ? "" : "s");
			free_cells(cells, n);
			p = eol + 1;
			continue;
		}
		if (nactors == (r->opts->max_actors ? r->opts->max_actors : PARLEY__MAX_ACTORS)) {
			parley_reader__error(r, line, 1, NULL, "too many actors: more than %zu",
				r->opts->max_actors ? r->opts->max_actors : PARLEY__MAX_ACTORS);
			free_cells(cells, n);
			parley__free(rows);
			return 0;
		}
		if (nactors == alloc) {
			size_t na = alloc ? alloc * 2 : 16;
			void *np = parley__realloc(rows, na * sizeof(*rows));
			if (!np) {
				free_cells(cells, n);
				parley__free(rows);
				return PARLEY_ENOMEM;
			}
			rows = np;
			alloc = na;
		}
		{
			struct row *rw = &rows[nactors];
			double vals[3];
			int ok = 1;
			memset(rw, 0, sizeof(*rw));
			rw->line = line;
			if (cells[0].len == 0) {
				parley_reader__error(r, line, cells[0].col, "an actor name", "missing cell 'Actor'");
				ok = 0;
			} else {
				/* the rule of text.c, as for a name in YAML */
				parley_text_bad bad;
				char why[64];
				if (parley__text_check(cells[0].text, cells[0].len, 0, &bad) < 0) {
					parley_reader__error(r, line, cells[0].col, parley__text_expected(&bad, 0),
						"the actor's name holds %s at byte %zu",
						parley__text_fault(&bad, why, sizeof(why)), bad.offset);
					ok = 0;
				}
			}
			for (k = 1; k < NCOLS; k++) {
				const cell *c = &cells[k];
				int rc;
				if (c->len == 0) {
					parley_reader__error(r, line, c->col, "a number",
						"missing cell '%s'", header[k]);
					ok = 0;
					continue;
				}
				if (parley__is_nan_or_inf(c->text, c->len)) {
					parley_reader__error(r, line, c->col, "a finite number",
						"NaN or infinity in '%s'", header[k]);
					ok = 0;
					continue;
				}
				rc = parley__parse_number(c->text, c->len, &vals[k - 1]);
				if (rc < 0) {
					parley_reader__error(r, line, c->col, "a number",
						rc == -2 ? "number too large in '%s': '%.*s'" :
						"not a number in '%s': '%.*s'", header[k],
						parley__clip_len(c->text, c->len, 40), c->text);
					ok = 0;
				}
			}
			if (ok) {
				rw->c = vals[0];
				rw->x = vals[1];
				rw->sal = vals[2];
				if (rw->c < 0) {
					parley_reader__error(r, line, cells[1].col, "a capability >= 0",
						"capability out of range: %g", rw->c);
					ok = 0;
				}
				if (rw->x < lo || rw->x > hi) {
					parley_reader__error(r, line, cells[2].col, "a position on the scale",
						"position out of range: %g is outside [%g, %g]", rw->x, lo, hi);
					ok = 0;
				}
				if (rw->sal < 0 || rw->sal > 100) {
					parley_reader__error(r, line, cells[3].col, "a salience from 0 to 100",
						"salience out of range: %g", rw->sal);
					ok = 0;
				}
				if (ok)
					weight += rw->c * rw->sal;
			}
			if (cells[0].len) {
				rw->name = parley_arena__strndup(&s->arena, cells[0].text, cells[0].len);
				rw->id = make_id(&s->arena, cells[0].text, cells[0].len);
				rw->col = cells[0].col;
				if (!rw->name || !rw->id)
					r->oom = 1;
			}
			(void)ok;
			nactors++;
		}
		free_cells(cells, n);
		p = eol + 1;
	}
	if (!r->oom)
		check_duplicates(r, rows, nactors);
	if (r->oom) {
		parley__free(rows);
		return PARLEY_ENOMEM;
	}
	if (!have_header) {
		parley_reader__error(r, 1, 1, "the header Actor,Capability,Position,Salience",
			"the file has no header");
		parley__free(rows);
		return 0;
	}
	if (nrows == 0) {
		parley_reader__error(r, line ? line : 1, 1, "at least one actor row",
			"no actors");
		parley__free(rows);
		return 0;
	}
	if (r->errors) {
		parley__free(rows);
		return 0;
	}
	/* As in a scenario: the models weigh actors by capability x salience. */
	if (!(weight > 0)) {
		parley_reader__error(r, first_row, 1, "an actor with capability > 0 and salience > 0",
			"every weight is zero");
		parley__free(rows);
		return 0;
	}

	/* Build the scenario: one issue, the file's base name as its id. */
	base = strrchr(r->file, '/');
	base = base ? base + 1 : r->file;
	dot = strrchr(base, '.');
	s->issue_count = 1;
	s->issues = parley_arena__alloc(&s->arena, sizeof(parley_issue));
	s->actors = parley_arena__alloc(&s->arena, nactors * sizeof(parley_actor));
	s->stances = parley_arena__alloc(&s->arena, nactors * sizeof(parley_stance));
	if (!s->issues || !s->actors || !s->stances) {
		parley__free(rows);
		return PARLEY_ENOMEM;
	}
	memset(s->issues, 0, sizeof(parley_issue));
	s->issues[0].id = parley_arena__strndup(&s->arena, base,
		dot && dot > base ? (size_t)(dot - base) : strlen(base));
	s->issues[0].title = s->issues[0].id;
	s->issues[0].lo = lo;
	s->issues[0].hi = hi;
	s->issues[0].status_quo.source = -1;
	s->title = s->issues[0].id;
	if (!s->issues[0].id) {
		parley__free(rows);
		return PARLEY_ENOMEM;
	}
	s->actor_count = nactors;
	for (i = 0; i < nactors; i++) {
		parley_actor *a = &s->actors[i];
		parley_stance *st = &s->stances[i];
		memset(a, 0, sizeof(*a));
		memset(st, 0, sizeof(*st));
		a->id = rows[i].id;
		a->name = rows[i].name;
		a->capability.value = rows[i].c;
		a->capability.present = 1;
		a->capability.source = -1;
		st->present = 1;
		st->source = -1;
		st->position.value = rows[i].x;
		st->position.present = 1;
		st->position.source = -1;
		st->salience.value = rows[i].sal;
		st->salience.present = 1;
		st->salience.source = -1;
		st->capability = a->capability;
		st->red_lo.source = st->red_hi.source = -1;
	}
	parley__free(rows);
	return 0;
}
