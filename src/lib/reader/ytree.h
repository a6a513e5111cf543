/*
 * ytree.h - a compact YAML document tree built from libfyaml's events, for
 * the scenario reader (yaml_reader.c).
 *
 * Why not libfyaml's own document tree: it costs about 330 bytes a node (a
 * 64 MiB file of small scalars needed 5.5 GB), its recursive loader crashes
 * on a mapping key that is itself a collection (libfyaml 0.7.12,
 * fy_node_mapping_get_pair_index, from the 9-byte input "{{{},{h}}" of
 * issue 21) and double-frees with FYPCF_ALLOW_DUPLICATE_KEYS, and it stops
 * at the first duplicate key. This tree costs 32 bytes a node plus the text
 * of scalars that differ from their bytes in the input; it is built from
 * the event stream, which the tree loaders' crashes are not on; and it
 * reports every duplicate or non-scalar key and keeps going without them.
 *
 * Invariants: every node lives until ytree_dispose(); a collection's
 * children form a singly linked list through `next` (a mapping's list
 * alternates key, value); an alias node points at a complete node defined
 * before it (never at one that contains it, so the tree has no cycles); the
 * keys of a mapping are scalars (through aliases), pairwise different.
 */
#ifndef PARLEY_YTREE_H
#define PARLEY_YTREE_H

#include <stddef.h>
#include <stdint.h>

enum { YN_SCALAR, YN_SEQUENCE, YN_MAPPING };
enum { YS_PLAIN, YS_SINGLE_QUOTED, YS_DOUBLE_QUOTED, YS_LITERAL, YS_FOLDED, YS_ALIAS, YS_ANY };

typedef struct ynode ynode;
struct ynode {
	union {
		const char *text; /* scalar: its text (not NUL-terminated) */
		ynode *first;     /* collection: first child, or NULL */
		ynode *target;    /* alias: the anchored node */
	} u;
	ynode *next;          /* next sibling in the parent's list */
	uint32_t off;         /* byte offset of the node's first token, or UINT32_MAX when none */
	uint32_t n;           /* scalar: bytes of text; collection: items (mapping: pairs) */
	uint8_t type;         /* YN_*: of the target for an alias */
	uint8_t style;        /* YS_*: YS_ALIAS for an alias; YS_ANY for a collection */
	uint8_t drop;         /* scratch: pair dropped while closing a mapping */
};

/* A limit on the items of a sequence that is the value of a top-level key. */
typedef struct {
	const char *key; /* the top-level key, e.g. "actors" */
	size_t max;      /* most items accepted */
} ytree_limit;

/* Reported problems, in the order they are found (ytree_build): at node
 * `at`, or when it is NULL at byte offset `off` (SIZE_MAX: no position). */
typedef void (*ytree_error_fn)(void *ctx, ynode *at, size_t off, const char *expected,
	const char *message);

typedef struct ytree_block ytree_block;

typedef struct {
	ynode *root;           /* the document's root, NULL when there is none */
	size_t nodes;          /* nodes built */
	/* When a limit is exceeded: its index, the number of items, and the
	 * sequence (with its first item), and building stopped. */
	long over;
	size_t over_count;
	ynode *over_node;
	int oom;               /* an allocation failed */
	ytree_block *blocks;   /* memory of the nodes and of copied text */
	size_t block_left;
	char *block_ptr;
} ytree;

/* Build the tree of the one document in data[0, len). Problems go to
 * `error` with the byte offset they point at (SIZE_MAX: no position).
 * libfyaml's syntax errors are collected in `diag` (fy_diag_set_collect_errors)
 * for the caller to report.
 * Returns 0 when the tree is usable (duplicate and non-scalar keys were
 * reported and left out), -2 after a YAML syntax error that libfyaml
 * collected in `diag`, -1 after a problem that leaves no usable tree
 * (YAML syntax, an unknown alias, nesting deeper than 64, a second
 * document, an unsupported %YAML version, a limit exceeded: t->over >= 0)
 * or when memory ran out (t->oom). The tree is valid until ytree_dispose(),
 * as is `data`, which scalars may point into. */
struct fy_diag;
int parley_ytree__build(ytree *t, const char *data, size_t len, const ytree_limit *limits,
	size_t nlimits, ytree_error_fn error, void *ctx, struct fy_diag *diag);
void parley_ytree__dispose(ytree *t);

/* For the readers that load libfyaml's own tree (ledger files, JSON
 * results): report every mapping key that is a mapping or a sequence,
 * found in the event stream before the loader, whose duplicate-key check
 * crashes on such keys (libfyaml 0.7.12; issue 21). Syntax errors are left
 * for the loader to report. Returns 1 when a key was reported, 0 when none,
 * -1 when memory ran out. */
int parley_ytree__complex_keys(const char *data, size_t len, ytree_error_fn error, void *ctx);

/* libfyaml stopped (no document, or a stream error) with no message: an
 * unsupported %YAML version (reported through `error` at the version,
 * returns 1); an input of only blank lines, comments, directives and
 * document markers (returns 0: no document); else memory ran out (-1). */
int parley_ytree__silent_stop(const char *data, size_t len, ytree_error_fn error, void *ctx);

/* ---- single-quoted scalars ----
 * libfyaml 0.7.12 loses the buffer fy_token_get_text() (and so
 * fy_node_get_scalar()) builds for a single-quoted scalar holding a run of
 * five or more '' (about 40 bytes a quote: found by fuzz_ledger with
 * the 105-byte key ''''...'':). parley's readers therefore take such a
 * scalar's text from its source in the input instead. */
struct fy_token;
/* The bytes between the quotes of the single-quoted scalar `tok`, read
 * from `data` (the `len` bytes the parser was given): NULL when `tok` is
 * not a single-quoted scalar whose quotes lie there. */
const char *parley_ytree__single_quoted_source(struct fy_token *tok, const char *data, size_t len,
	size_t *n);
/* The value of single-quoted source `src` (`n` bytes between the quotes),
 * as YAML 1.2 section 7.3.2 reads it: '' is one quote; a line break with
 * the white space around it is a space, and k > 1 breaks are k - 1
 * newlines. `out` has room for `n` bytes (the value is never longer);
 * returns the value's length. */
size_t parley_ytree__single_quoted_value(const char *src, size_t n, char *out);

/* ---- reading the tree (through aliases) ---- */

static inline ynode *yn_res(ynode *n)
{
	return n && n->style == YS_ALIAS ? n->u.target : n;
}
static inline int yn_type(ynode *n) { n = yn_res(n); return n ? n->type : YN_SCALAR; }
static inline int yn_is_alias(ynode *n) { return n && n->style == YS_ALIAS; }
/* The style of a scalar (its target's for an alias of one). */
static inline int yn_style(ynode *n) { n = yn_res(n); return n ? n->style : YS_ANY; }
static inline const char *yn_scalar(ynode *n, size_t *len)
{
	n = yn_res(n);
	*len = n && n->type == YN_SCALAR ? n->n : 0;
	return n && n->type == YN_SCALAR ? n->u.text : NULL;
}
static inline int yn_count(ynode *n) { n = yn_res(n); return n && n->type != YN_SCALAR ? (int)n->n : 0; }
/* Iterate a sequence's items or a mapping's pairs (the pair is its key
 * node: yn_pair_key, yn_pair_value); *iter starts NULL. */
ynode *parley_ytree__iterate(ynode *n, void **iter);
static inline ynode *yn_pair_key(ynode *p) { return p; }
static inline ynode *yn_pair_value(ynode *p) { return p ? p->next : NULL; }
ynode *parley_ytree__seq_at(ynode *n, int i);
ynode *parley_ytree__map_lookup(ynode *n, const char *key);

/* The readers' short names (header-local: the library exports only the
 * parley_ytree__ ones). */
static inline int ytree_build(ytree *t, const char *data, size_t len, const ytree_limit *limits,
	size_t nlimits, ytree_error_fn error, void *ctx, struct fy_diag *diag)
{
	return parley_ytree__build(t, data, len, limits, nlimits, error, ctx, diag);
}
static inline void ytree_dispose(ytree *t) { parley_ytree__dispose(t); }
static inline int ytree_complex_keys(const char *data, size_t len, ytree_error_fn error, void *ctx)
{
	return parley_ytree__complex_keys(data, len, error, ctx);
}
static inline int ytree_silent_stop(const char *data, size_t len, ytree_error_fn error, void *ctx)
{
	return parley_ytree__silent_stop(data, len, error, ctx);
}
static inline ynode *yn_iterate(ynode *n, void **iter) { return parley_ytree__iterate(n, iter); }
static inline ynode *yn_seq_at(ynode *n, int i) { return parley_ytree__seq_at(n, i); }
static inline ynode *yn_map_lookup(ynode *n, const char *key) { return parley_ytree__map_lookup(n, key); }

#endif
