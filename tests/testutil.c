/*
 * testutil.c - JSON vector access for the unit tests (see testutil.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

struct fy_document *tu_load_vectors(const char *name)
{
	char path[4096];
	struct fy_parse_cfg cfg;
	struct fy_document *doc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_JSON_FORCE;
	snprintf(path, sizeof(path), "%s/vectors/%s", PARLEY_TEST_DIR, name);
	doc = fy_document_build_from_file(&cfg, path);
	if (!doc)
		fail_msg("cannot read test vectors %s", path);
	return doc;
}

struct fy_node *tu_node(struct fy_node *root, const char *path)
{
	return fy_node_by_path(root, path, (size_t)-1, FYNWF_DONT_FOLLOW);
}

int tu_is_num(struct fy_node *root, const char *path)
{
	struct fy_node *n = tu_node(root, path);
	const char *t;
	char *end;
	size_t len;

	if (!n || !fy_node_is_scalar(n) || fy_node_get_style(n) != FYNS_PLAIN)
		return 0;
	t = fy_node_get_scalar(n, &len);
	if (!t || len == 0 || len > 60)
		return 0;
	{
		char tmp[64];
		memcpy(tmp, t, len);
		tmp[len] = '\0';
		strtod(tmp, &end);
		return *end == '\0';
	}
}

double tu_num(struct fy_node *root, const char *path)
{
	struct fy_node *n = tu_node(root, path);
	const char *t;
	size_t len;
	char tmp[64];

	if (!n || !fy_node_is_scalar(n))
		fail_msg("vector has no number at %s", path);
	t = fy_node_get_scalar(n, &len);
	if (!t || len >= sizeof(tmp))
		fail_msg("bad number at %s", path);
	memcpy(tmp, t, len);
	tmp[len] = '\0';
	return strtod(tmp, NULL);
}

const char *tu_str(struct fy_node *root, const char *path)
{
	static char ring[8][256];
	static int next;
	struct fy_node *n = tu_node(root, path);
	const char *t;
	size_t len;
	char *out;

	if (!n || !fy_node_is_scalar(n))
		return NULL;
	t = fy_node_get_scalar(n, &len);
	out = ring[next++ % 8];
	if (len >= sizeof(ring[0]))
		len = sizeof(ring[0]) - 1;
	memcpy(out, t, len);
	out[len] = '\0';
	return out;
}

double *tu_array(struct fy_node *root, const char *path, size_t *n)
{
	struct fy_node *seq = tu_node(root, path), *item;
	void *iter = NULL;
	double *out;
	size_t i = 0, count;

	if (!seq || !fy_node_is_sequence(seq))
		fail_msg("vector has no array at %s", path);
	count = (size_t)fy_node_sequence_item_count(seq);
	out = calloc(count ? count : 1, sizeof(double));
	while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL) {
		const char *t;
		size_t len;
		char tmp[64];
		t = fy_node_get_scalar(item, &len);
		if (!t || len >= sizeof(tmp))
			fail_msg("bad array item at %s", path);
		memcpy(tmp, t, len);
		tmp[len] = '\0';
		out[i++] = strtod(tmp, NULL);
	}
	*n = count;
	return out;
}

void tu__assert_close(double got, double want, double tol, const char *what,
	const char *file, int line)
{
	if (!(fabs(got - want) <= tol)) {
		print_error("%s: got %.17g, want %.17g (tolerance %g)\n",
			what, got, want, tol);
		_fail(file, line);
	}
}

struct fy_node *tu_root(struct fy_document *doc)
{
	struct fy_node *root = fy_document_root(doc);

	assert_non_null(root);
	return root;
}

size_t tu_case_count(struct fy_node *root)
{
	struct fy_node *cases = tu_node(root, "/cases");
	int count;

	assert_non_null(cases);
	assert_true(fy_node_is_sequence(cases));
	count = fy_node_sequence_item_count(cases);
	assert_true(count > 0);
	return (size_t)count;
}

const char *tu_cpath(size_t k, const char *rest)
{
	static char buf[8][256];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, sizeof(buf[0]), "/cases/%zu/%s", k, rest);
	return p;
}

double tu_case_tol(struct fy_node *root, size_t k, double dflt)
{
	return tu_is_num(root, tu_cpath(k, "abs_tol")) ? tu_num(root, tu_cpath(k, "abs_tol")) : dflt;
}
