/*
 * ytree.c - building the compact YAML tree of ytree.h from libfyaml's event
 * stream: nodes and copied text in blocks freed together, anchors in a hash
 * table (the latest definition of a name wins, as YAML says), one frame per
 * open collection. Closing a mapping drops and reports its non-scalar and
 * repeated keys (a sort of its keys: O(k log k) for k keys). Nesting is
 * limited to 64 levels, as libfyaml's loaders limit it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfyaml.h>
#include "internal.h"
#include "ytree.h"

#define YTREE_MAX_DEPTH 64
#define BLOCK_BYTES ((size_t)1 << 20)
#define NO_OFF UINT32_MAX

struct ytree_block {
	ytree_block *next;
	max_align_t data[];
};

typedef struct {
	ynode *node, *last; /* the collection and its last child so far */
	const char *anchor; /* its anchor (copied), or NULL */
	size_t anchor_len;
	long limit;         /* index of the limit on its items, or -1 */
} frame;

typedef struct {
	const char *name;
	size_t len;
	ynode *node;
} anchor;

typedef struct {
	ytree *t;
	const char *data;
	size_t len;
	ytree_error_fn error;
	void *ctx;
	frame stack[YTREE_MAX_DEPTH];
	size_t depth;
	anchor *anchors;     /* open addressing, `cap` a power of two */
	size_t nanchors, cap;
	ynode **scratch;     /* keys of the mapping being closed */
	size_t nscratch;
	int failed;
} builder;

static void *take(ytree *t, size_t size)
{
	char *p;

	size = (size + 7) & ~(size_t)7;
	if (size > t->block_left) {
		size_t bsize = size > BLOCK_BYTES ? size : BLOCK_BYTES;
		ytree_block *b = parley__malloc(sizeof(*b) + bsize);
		if (!b) {
			t->oom = 1;
			return NULL;
		}
		b->next = t->blocks;
		t->blocks = b;
		t->block_ptr = (char *)b->data;
		t->block_left = bsize;
	}
	p = t->block_ptr;
	t->block_ptr += size;
	t->block_left -= size;
	return p;
}

void parley_ytree__dispose(ytree *t)
{
	ytree_block *b, *next;

	if (!t)
		return;
	for (b = t->blocks; b; b = next) {
		next = b->next;
		parley__free(b);
	}
	memset(t, 0, sizeof(*t));
	t->over = -1;
}

static void report(builder *b, ynode *at, size_t off, const char *expected, const char *fmt, ...)
	PARLEY__PRINTF(5, 6);

static void report(builder *b, ynode *at, size_t off, const char *expected, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	b->error(b->ctx, at, off, expected, msg);
}

static size_t mark_off(struct fy_token *tok)
{
	const struct fy_mark *m = tok ? fy_token_start_mark(tok) : NULL;
	return m ? m->input_pos : (size_t)-1;
}

/* ---- single-quoted scalars (see ytree.h) ---- */

const char *parley_ytree__single_quoted_source(struct fy_token *tok, const char *data, size_t len,
	size_t *n)
{
	const struct fy_mark *s, *e;

	if (!tok || fy_token_get_type(tok) != FYTT_SCALAR ||
	    fy_token_scalar_style(tok) != FYSS_SINGLE_QUOTED)
		return NULL;
	s = fy_token_start_mark(tok);
	e = fy_token_end_mark(tok);
	/* libfyaml's marks of a quoted scalar are those of its text, inside the quotes */
	if (!s || !e || s->input_pos < 1 || s->input_pos > e->input_pos || e->input_pos >= len ||
	    data[s->input_pos - 1] != '\'' || data[e->input_pos] != '\'')
		return NULL;
	*n = e->input_pos - s->input_pos;
	return data + s->input_pos;
}

static int is_white(char c) { return c == ' ' || c == '\t'; }
static int is_break(char c) { return c == '\n' || c == '\r'; }

size_t parley_ytree__single_quoted_value(const char *src, size_t n, char *out)
{
	size_t i = 0, o = 0, k, breaks;

	while (i < n) {
		if (src[i] == '\'') { /* '' inside: the parser let no lone quote through */
			out[o++] = '\'';
			i += i + 1 < n && src[i + 1] == '\'' ? 2 : 1;
		} else if (is_white(src[i])) { /* kept unless it ends a line */
			for (k = i; k < n && is_white(src[k]); k++)
				;
			if (k == n || !is_break(src[k]))
				while (i < k)
					out[o++] = src[i++];
			i = k;
		} else if (is_break(src[i])) { /* a fold: breaks and the white space between them */
			for (breaks = 0; i < n && (is_break(src[i]) || is_white(src[i])); i++)
				if (src[i] == '\n' || (src[i] == '\r' && (i + 1 == n || src[i + 1] != '\n')))
					breaks++;
			if (breaks == 1)
				out[o++] = ' ';
			else
				for (k = 1; k < breaks; k++)
					out[o++] = '\n';
		} else {
			out[o++] = src[i++];
		}
	}
	return o;
}

/* ---- anchors ---- */

static size_t hash(const char *s, size_t len)
{
	size_t h = 2166136261u, i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static anchor *anchor_slot(builder *b, const char *name, size_t len)
{
	size_t i = hash(name, len) & (b->cap - 1);
	while (b->anchors[i].name &&
	       !(b->anchors[i].len == len && !memcmp(b->anchors[i].name, name, len)))
		i = (i + 1) & (b->cap - 1);
	return &b->anchors[i];
}

static int anchor_set(builder *b, const char *name, size_t len, ynode *node)
{
	anchor *a;

	if (2 * (b->nanchors + 1) > b->cap) {
		size_t ncap = b->cap ? 2 * b->cap : 64, i, ocap = b->cap;
		anchor *old = b->anchors;
		if (!(b->anchors = parley__calloc(ncap, sizeof(*b->anchors)))) {
			b->anchors = old;
			return -1;
		}
		b->cap = ncap;
		for (i = 0; i < ocap; i++)
			if (old[i].name)
				*anchor_slot(b, old[i].name, old[i].len) = old[i];
		parley__free(old);
	}
	a = anchor_slot(b, name, len);
	if (!a->name)
		b->nanchors++;
	a->name = name;
	a->len = len;
	a->node = node;
	return 0;
}

static ynode *anchor_get(builder *b, const char *name, size_t len)
{
	return b->cap ? anchor_slot(b, name, len)->node : NULL;
}

/* ---- building ---- */

static ynode *new_node(builder *b, int type, int style, size_t off)
{
	ynode *n = take(b->t, sizeof(*n));
	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->type = (uint8_t)type;
	n->style = (uint8_t)style;
	n->off = off < b->len ? (uint32_t)off : NO_OFF;
	b->t->nodes++;
	return n;
}

/* Copy `len` bytes of text, or point into the input where they are there. */
static const char *keep_text(builder *b, const char *text, size_t len, size_t off)
{
	char *p;

	if (!len)
		return "";
	if (off < b->len && len <= b->len - off && !memcmp(b->data + off, text, len))
		return b->data + off;
	if (!(p = take(b->t, len + 1)))
		return NULL;
	memcpy(p, text, len);
	p[len] = '\0';
	return p;
}

static int cmp_key(const void *a, const void *c)
{
	const ynode *x = yn_res(*(ynode *const *)a), *z = yn_res(*(ynode *const *)c);
	size_t n = x->n < z->n ? x->n : z->n;
	int r = n ? memcmp(x->u.text, z->u.text, n) : 0;
	if (!r)
		r = (x->n > z->n) - (x->n < z->n);
	if (!r) /* document order: the first of equal keys sorts first */
		r = ((*(ynode *const *)a)->off > (*(ynode *const *)c)->off) -
		    ((*(ynode *const *)a)->off < (*(ynode *const *)c)->off);
	return r;
}

static const char *type_word(int type)
{
	return type == YN_MAPPING ? "a mapping" : "a sequence";
}

/* Drop non-scalar keys and every repeat of a key, reporting each. */
static int close_mapping(builder *b, ynode *map)
{
	ynode *k, **link;
	size_t nk = 0, i;

	for (k = map->u.first; k; k = k->next ? k->next->next : NULL) {
		k->drop = 0;
		if (yn_type(k) != YN_SCALAR) {
			report(b, k, 0, "a plain key", "a key is %s, not a name",
				type_word(yn_type(k)));
			k->drop = 1;
		} else {
			nk++;
		}
	}
	if (nk > 1) {
		if (nk > b->nscratch) {
			ynode **p = parley__realloc(b->scratch, nk * sizeof(*p));
			if (!p)
				return -1;
			b->scratch = p;
			b->nscratch = nk;
		}
		for (i = 0, k = map->u.first; k; k = k->next ? k->next->next : NULL)
			if (!k->drop)
				b->scratch[i++] = k;
		qsort(b->scratch, nk, sizeof(*b->scratch), cmp_key);
		for (i = 1; i < nk; i++) {
			ynode *first = b->scratch[i - 1], *rep = b->scratch[i];
			size_t len;
			const char *t = yn_scalar(rep, &len);
			if (yn_res(first)->n != len || (len && memcmp(yn_res(first)->u.text, t, len)))
				continue;
			report(b, rep, 0, "each key once in a mapping", "duplicate key '%.*s'",
				(int)(len > 60 ? 60 : len), t);
			rep->drop = 1;
			b->scratch[i] = first; /* a third repeat compares with the first */
		}
	}
	for (link = &map->u.first, map->n = 0; *link;) {
		k = *link;
		if (k->drop) {
			*link = k->next ? k->next->next : NULL;
		} else {
			map->n++;
			link = &k->next->next;
		}
	}
	return 0;
}

/* Append `n` to the open collection (or make it the root). */
static void attach(builder *b, ynode *n)
{
	frame *f;

	if (!b->depth) {
		b->t->root = n;
		return;
	}
	f = &b->stack[b->depth - 1];
	if (f->last)
		f->last->next = n;
	else
		f->node->u.first = n;
	f->last = n;
	f->node->n++;
}

/* The limit on the items of a sequence opening now, or -1. */
static long limit_of(builder *b, const ytree_limit *limits, size_t nlimits)
{
	frame *f;
	size_t i, len;
	const char *key;

	if (b->depth != 1)
		return -1;
	f = &b->stack[0];
	if (f->node->type != YN_MAPPING || f->node->n % 2 != 1 || !f->last ||
	    yn_type(f->last) != YN_SCALAR)
		return -1;
	key = yn_scalar(f->last, &len);
	for (i = 0; i < nlimits; i++)
		if (strlen(limits[i].key) == len && !memcmp(limits[i].key, key, len))
			return (long)i;
	return -1;
}

/* Count the remaining items of the sequence whose limit was exceeded (its
 * items are not built), up to its end. Returns 0, or -1 on a syntax error. */
static int skip_rest(builder *b, struct fy_parser *fyp)
{
	struct fy_event *ev;
	size_t nest = 0;

	while ((ev = fy_parser_parse(fyp)) != NULL) {
		enum fy_event_type ty = ev->type;
		fy_parser_event_free(fyp, ev);
		if (ty == FYET_SEQUENCE_END || ty == FYET_MAPPING_END) {
			if (nest-- == 0)
				return 0;
			continue;
		}
		if (nest == 0 && (ty == FYET_SCALAR || ty == FYET_ALIAS ||
				  ty == FYET_SEQUENCE_START || ty == FYET_MAPPING_START))
			b->t->over_count++;
		if (ty == FYET_SEQUENCE_START || ty == FYET_MAPPING_START)
			nest++;
	}
	return -1;
}

static int on_event(builder *b, struct fy_event *ev,
	const ytree_limit *limits, size_t nlimits, int *docs)
{
	ytree *t = b->t;
	struct fy_token *anc = NULL, *tok;
	ynode *n = NULL;
	frame *f;

	switch (ev->type) {
	case FYET_DOCUMENT_START:
		if (++*docs > 1) {
			report(b, NULL, mark_off(ev->document_start.document_start), "one scenario per file",
				"a second YAML document in the file");
			return -1;
		}
		return 0;
	case FYET_SCALAR:
	case FYET_ALIAS:
		tok = ev->type == FYET_SCALAR ? ev->scalar.value : ev->alias.anchor;
		if (ev->type == FYET_ALIAS) {
			size_t len = 0;
			const char *name = tok ? fy_token_get_text(tok, &len) : NULL;
			ynode *target = name ? anchor_get(b, name, len) : NULL;
			size_t off = mark_off(tok);
			if (!target) {
				/* at the '*' */
				report(b, NULL, off != (size_t)-1 && off > 0 ? off - 1 : off,
					"an anchor '&NAME' defined before the alias, outside it",
					"YAML syntax error: invalid alias '*%.*s'", (int)(len > 60 ? 60 : len),
					name ? name : "");
				return -1;
			}
			if (!(n = new_node(b, target->type, YS_ALIAS, off)))
				return -1;
			n->u.target = target;
		} else {
			size_t len = 0, off = mark_off(tok);
			const char *text = parley_ytree__single_quoted_source(tok, b->data, b->len, &len);
			char *value = NULL;
			int style;
			if (text && (memchr(text, '\'', len) || memchr(text, '\n', len) ||
				     memchr(text, '\r', len))) {
				if (!(value = take(b->t, len + 1)))
					return t->oom = 1, -1;
				len = parley_ytree__single_quoted_value(text, len, value);
				value[len] = '\0';
				text = value;
			} else if (!text) {
				text = tok ? fy_token_get_text(tok, &len) : "";
			}
			switch (tok ? fy_token_scalar_style(tok) : FYSS_PLAIN) {
			case FYSS_SINGLE_QUOTED: style = YS_SINGLE_QUOTED; break;
			case FYSS_DOUBLE_QUOTED: style = YS_DOUBLE_QUOTED; break;
			case FYSS_LITERAL: style = YS_LITERAL; break;
			case FYSS_FOLDED: style = YS_FOLDED; break;
			default: style = YS_PLAIN; break;
			}
			if (!text || len > UINT32_MAX)
				return t->oom = 1, -1;
			if (!(n = new_node(b, YN_SCALAR, style, off)))
				return -1;
			if (!(n->u.text = value ? value : keep_text(b, text, len, off)))
				return -1;
			n->n = (uint32_t)len;
			anc = ev->scalar.anchor;
		}
		attach(b, n);
		break;
	case FYET_SEQUENCE_START:
	case FYET_MAPPING_START: {
		int map = ev->type == FYET_MAPPING_START;
		tok = map ? ev->mapping_start.mapping_start : ev->sequence_start.sequence_start;
		anc = map ? ev->mapping_start.anchor : ev->sequence_start.anchor;
		if (b->depth >= YTREE_MAX_DEPTH) {
			report(b, NULL, mark_off(tok), "at most 64 nested collections",
				"YAML syntax error: depth limit exceeded");
			return -1;
		}
		if (!(n = new_node(b, map ? YN_MAPPING : YN_SEQUENCE, YS_ANY, mark_off(tok))))
			return -1;
		{
			long lim = map ? -1 : limit_of(b, limits, nlimits);
			attach(b, n);
			f = &b->stack[b->depth++];
			memset(f, 0, sizeof(*f));
			f->node = n;
			f->limit = lim;
		}
		if (anc) {
			size_t len = 0;
			const char *name = fy_token_get_text(anc, &len);
			if (!name || !(f->anchor = keep_text(b, name, len, (size_t)-1)))
				return t->oom = 1, -1;
			f->anchor_len = len;
		}
		return 0;
	}
	case FYET_SEQUENCE_END:
	case FYET_MAPPING_END:
		if (!b->depth)
			return 0;
		f = &b->stack[--b->depth];
		n = f->node;
		if (n->type == YN_MAPPING) {
			n->n /= 2;
			if (close_mapping(b, n) < 0)
				return t->oom = 1, -1;
		}
		if (f->anchor && anchor_set(b, f->anchor, f->anchor_len, n) < 0)
			return t->oom = 1, -1;
		return 0;
	default:
		return 0;
	}
	/* a scalar or an alias was attached: its anchor, and the limits */
	if (anc) {
		size_t len = 0;
		const char *name = fy_token_get_text(anc, &len), *kept;
		if (!name || !(kept = keep_text(b, name, len, (size_t)-1)) ||
		    anchor_set(b, kept, len, n) < 0)
			return t->oom = 1, -1;
	}
	return 0;
}

/* After a scalar, alias or collection start was attached to a sequence
 * with a limit: stop building once it has one item too many. */
static int check_limit(builder *b, struct fy_parser *fyp, const ytree_limit *limits,
	enum fy_event_type ty)
{
	frame *f;
	size_t d = b->depth;

	/* The sequence is the innermost frame for a scalar, the one below for
	 * a collection that was just opened. */
	if (ty == FYET_SEQUENCE_START || ty == FYET_MAPPING_START)
		d--;
	if (d == 0)
		return 0;
	f = &b->stack[d - 1];
	if (f->limit < 0 || f->node->n <= limits[f->limit].max)
		return 0;
	b->t->over = f->limit;
	b->t->over_count = f->node->n;
	b->t->over_node = f->node;
	if (d < b->depth) { /* skip the rest of the item just opened */
		struct fy_event *ev;
		size_t nest = 0;
		while ((ev = fy_parser_parse(fyp)) != NULL) {
			enum fy_event_type et = ev->type;
			fy_parser_event_free(fyp, ev);
			if (et == FYET_SEQUENCE_START || et == FYET_MAPPING_START)
				nest++;
			else if ((et == FYET_SEQUENCE_END || et == FYET_MAPPING_END) && nest-- == 0)
				break;
		}
		b->depth--;
	}
	skip_rest(b, fyp);
	return -1;
}

/* libfyaml reports an unsupported %YAML version with no message: find the
 * directive and say so. Returns 1 when reported. */
static int bad_version(const char *data, size_t len, ytree_error_fn error, void *ctx)
{
	const char *p = data, *end = data + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((eol ? eol : end) - p);
		if (n >= 6 && !memcmp(p, "%YAML", 5) && (p[5] == ' ' || p[5] == '\t')) {
			const char *v = p + 6;
			char msg[64];
			size_t k;
			while (v < p + n && (*v == ' ' || *v == '\t'))
				v++;
			for (k = 0; v + k < p + n && v[k] != ' ' && v[k] != '\t' && v[k] != '\r' &&
			     v[k] != '#'; k++)
				;
			snprintf(msg, sizeof(msg), "unsupported YAML version '%.*s'", (int)(k > 20 ? 20 : k), v);
			error(ctx, NULL, (size_t)(v - data), "%YAML 1.1 or %YAML 1.2, or no directive", msg);
			return 1;
		}
		if (n && p[0] != '%' && p[0] != '#')
			break; /* directives come before the document */
		if (!eol)
			break;
		p = eol + 1;
	}
	return 0;
}

/* Whether data[0, len) holds anything but blank lines, comments,
 * directives and document markers. */
static int has_content(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p;
		const char *e = eol ? eol : end;
		while (q < e && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < e && *q != '#' && !(q == p && *q == '%') &&
		    !(q == p && e - q >= 3 && (!memcmp(q, "---", 3) || !memcmp(q, "...", 3)) &&
		      (e - q == 3 || q[3] == ' ' || q[3] == '\t' || q[3] == '\r')))
			return 1;
		p = e + 1;
	}
	return 0;
}

int parley_ytree__silent_stop(const char *data, size_t len, ytree_error_fn error, void *ctx)
{
	if (bad_version(data, len, error, ctx))
		return 1;
	return has_content(data, len) ? -1 : 0;
}

/* An event parser over data[0, len) reporting to `diag`, or NULL (OOM). */
static struct fy_parser *open_parser(const char *data, size_t len, struct fy_diag *diag)
{
	struct fy_parse_cfg cfg;
	struct fy_parser *fyp;

	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_JSON_NONE;
	cfg.diag = diag;
	if ((fyp = fy_parser_create(&cfg)) != NULL && fy_parser_set_string(fyp, data, len) != 0) {
		fy_parser_destroy(fyp);
		fyp = NULL;
	}
	return fyp;
}

int parley_ytree__build(ytree *t, const char *data, size_t len, const ytree_limit *limits,
	size_t nlimits, ytree_error_fn error, void *ctx, struct fy_diag *diag)
{
	struct fy_parser *fyp;
	struct fy_event *ev;
	builder b;
	int docs = 0, rc = 0;

	memset(t, 0, sizeof(*t));
	t->over = -1;
	memset(&b, 0, sizeof(b));
	b.t = t;
	b.data = data;
	b.len = len;
	b.error = error;
	b.ctx = ctx;
	if (len >= NO_OFF) {
		report(&b, NULL, (size_t)-1, NULL, "the file is too large for the YAML reader");
		return -1;
	}
	if (!(fyp = open_parser(data, len, diag))) {
		t->oom = 1;
		return -1;
	}
	while ((ev = fy_parser_parse(fyp)) != NULL) {
		enum fy_event_type ty = ev->type;
		rc = on_event(&b, ev, limits, nlimits, &docs);
		fy_parser_event_free(fyp, ev);
		if (rc < 0)
			break;
		if ((ty == FYET_SCALAR || ty == FYET_ALIAS || ty == FYET_SEQUENCE_START ||
		     ty == FYET_MAPPING_START) && (rc = check_limit(&b, fyp, limits, ty)) < 0)
			break;
	}
	if (!rc && fy_parser_get_stream_error(fyp)) {
		struct fy_diag_error *e;
		void *iter = NULL;
		size_t any = 0;
		while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL)
			any += e->type >= FYET_ERROR;
		if (any)
			rc = -2;
		else if (ytree_silent_stop(data, len, error, ctx) == 1)
			rc = -1;
		else
			rc = -1, t->oom = 1;
	}
	fy_parser_destroy(fyp);
	parley__free(b.anchors);
	parley__free(b.scratch);
	return rc;
}

/* ---- reading ---- */

ynode *parley_ytree__iterate(ynode *n, void **iter)
{
	ynode *c;

	n = yn_res(n);
	if (!n || n->type == YN_SCALAR || *iter == (void *)n)
		return NULL;
	c = *iter ? (ynode *)*iter : n->u.first;
	if (!c) {
		*iter = n;
		return NULL;
	}
	/* the next item, or the next key past this pair's value */
	*iter = n->type == YN_MAPPING ? (c->next ? c->next->next : NULL) : c->next;
	if (!*iter)
		*iter = n;
	return c;
}

ynode *parley_ytree__seq_at(ynode *n, int i)
{
	ynode *c;

	n = yn_res(n);
	if (!n || n->type != YN_SEQUENCE || i < 0)
		return NULL;
	for (c = n->u.first; c && i > 0; i--)
		c = c->next;
	return c;
}

ynode *parley_ytree__map_lookup(ynode *n, const char *key)
{
	size_t klen = strlen(key), len;
	ynode *k;

	n = yn_res(n);
	if (!n || n->type != YN_MAPPING)
		return NULL;
	for (k = n->u.first; k; k = k->next->next) {
		const char *t = yn_scalar(k, &len);
		if (len == klen && (!len || !memcmp(t, key, len)))
			return k->next;
	}
	return NULL;
}

/* ---- for the readers that keep libfyaml's tree ---- */

int parley_ytree__complex_keys(const char *data, size_t len, ytree_error_fn error, void *ctx)
{
	struct fy_parser *fyp;
	struct fy_event *ev;
	/* by open collection: 1 for a mapping whose next child is a key */
	unsigned char key_next[YTREE_MAX_DEPTH + 1], is_map[YTREE_MAX_DEPTH + 1];
	size_t depth = 0, found = 0;
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL; /* silent: the loader reports syntax errors */
	dcfg.output_fn = NULL;
	if (!(diag = fy_diag_create(&dcfg)))
		return -1;
	fy_diag_set_collect_errors(diag, true);
	if (!(fyp = open_parser(data, len, diag))) {
		fy_diag_destroy(diag);
		return -1;
	}
	while ((ev = fy_parser_parse(fyp)) != NULL) {
		enum fy_event_type ty = ev->type;
		int opens = ty == FYET_SEQUENCE_START || ty == FYET_MAPPING_START;
		struct fy_token *tok = ty == FYET_MAPPING_START ? ev->mapping_start.mapping_start :
			ty == FYET_SEQUENCE_START ? ev->sequence_start.sequence_start : NULL;
		int is_node = opens || ty == FYET_SCALAR || ty == FYET_ALIAS;

		if (is_node && depth > 0 && is_map[depth - 1]) {
			if (key_next[depth - 1] && opens) {
				char msg[96];
				snprintf(msg, sizeof(msg), "a key is %s, not a name",
					ty == FYET_MAPPING_START ? "a mapping" : "a sequence");
				error(ctx, NULL, mark_off(tok), "a plain key", msg);
				found++;
			}
			key_next[depth - 1] = !key_next[depth - 1];
		}
		fy_parser_event_free(fyp, ev);
		if (opens) {
			if (depth == YTREE_MAX_DEPTH)
				break; /* the loader reports the depth */
			is_map[depth] = ty == FYET_MAPPING_START;
			key_next[depth++] = 1;
		} else if ((ty == FYET_SEQUENCE_END || ty == FYET_MAPPING_END) && depth > 0) {
			depth--;
		}
	}
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return found ? 1 : 0;
}
