/*
 * testutil.c - JSON vector access for the unit tests (see testutil.h).
 */
#include <fnmatch.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"

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

tu_counter_state tu_counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

/* callers hold counter_lock */
static int counter_refuse(tu_counter_state *c)
{
	c->count++;
	if (c->fail_at && (c->count == c->fail_at || (c->fail_after && c->count > c->fail_at))) {
		c->refused++;
		return 1;
	}
	return 0;
}

static void counter_track(tu_counter_state *c, void *p)
{
	if (c->nlive == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->live = realloc(c->live, c->cap * sizeof(*c->live));
		if (!c->live)
			abort();
	}
	c->live[c->nlive++] = p;
}

static int counter_untrack(tu_counter_state *c, void *p)
{
	size_t i;
	for (i = c->nlive; i-- > 0;)
		if (c->live[i] == p) {
			c->live[i] = c->live[--c->nlive];
			return 1;
		}
	return 0;
}

static void *counter_malloc(size_t size, void *ud)
{
	tu_counter_state *c = ud;
	void *p = NULL;

	pthread_mutex_lock(&counter_lock);
	if (!counter_refuse(c) && (p = malloc(size)) != NULL)
		counter_track(c, p);
	pthread_mutex_unlock(&counter_lock);
	return p;
}

static void *counter_realloc(void *ptr, size_t size, void *ud)
{
	tu_counter_state *c = ud;
	void *p = NULL;

	pthread_mutex_lock(&counter_lock);
	c->reallocs++;
	if (counter_refuse(c)) {
		/* ptr stays valid and live */
	} else if (ptr && !counter_untrack(c, ptr)) {
		c->bad_frees++;
	} else if ((p = realloc(ptr, size)) != NULL) {
		counter_track(c, p);
	} else if (ptr) {
		counter_track(c, ptr);
	}
	pthread_mutex_unlock(&counter_lock);
	return p;
}

static void counter_free(void *ptr, void *ud)
{
	tu_counter_state *c = ud;

	if (!ptr)
		return;
	pthread_mutex_lock(&counter_lock);
	if (!counter_untrack(c, ptr))
		c->bad_frees++; /* never free what we did not hand out */
	else
		free(ptr);
	pthread_mutex_unlock(&counter_lock);
}

void tu_counter_install(long fail_at, int fail_after)
{
	parley_allocator a;

	tu_counter.count = 0;
	tu_counter.reallocs = 0;
	tu_counter.fail_at = fail_at;
	tu_counter.fail_after = fail_after;
	tu_counter.refused = 0;
	tu_counter.bad_frees = 0;
	a.malloc_fn = counter_malloc;
	a.realloc_fn = counter_realloc;
	a.free_fn = counter_free;
	a.ud = &tu_counter;
	parley_set_allocator(&a);
}

int tu_counter_restore(void **state)
{
	(void)state;
	parley_set_allocator(NULL);
	free(tu_counter.live);
	memset(&tu_counter, 0, sizeof(tu_counter));
	return 0;
}

char *tu_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long n;

	if (!fp)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, fp), (size_t)n);
	p[n] = '\0';
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return p;
}

static char tu_dir[256];

int tu_tmpdir_setup(void **state)
{
	(void)state;
	snprintf(tu_dir, sizeof(tu_dir), "/tmp/parley-test-XXXXXX");
	return mkdtemp(tu_dir) ? 0 : -1;
}

int tu_tmpdir_teardown(void **state)
{
	char cmd[512];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tu_dir);
	return system(cmd) == 0 ? 0 : -1;
}

const char *tu_tmppath(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tu_dir, name);
	return buf[k];
}

void tu_sbuf_printf(tu_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (b->p && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
}

parley_scenario *tu_load_yaml(const char *yaml, const char *name)
{
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_scenario_load_buffer(&s, yaml, strlen(yaml), name, NULL, &diags);
	size_t i;

	for (i = 0; i < diags.count; i++)
		print_error("%s:%u:%u: %s\n", diags.items[i].file, diags.items[i].line,
			diags.items[i].column, diags.items[i].message);
	if (rc)
		print_error("%s", yaml);
	parley_diag_list_dispose(&diags);
	assert_int_equal(rc, 0);
	assert_non_null(s);
	return s;
}

int tu_run_group_(const char *name, const struct CMUnitTest *tests, size_t n, int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : getenv("PARLEY_TEST_FILTER");
	const char *prog = argc > 0 && strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argc > 0 ? argv[0] : name;
	struct CMUnitTest *picked;
	size_t i, matched = 0;
	int rc;

	if (!filter || !*filter)
		return _cmocka_run_group_tests(name, tests, n, NULL, NULL);
	/* the cases are picked here (fnmatch: * ? [...]), so that what is
	 * counted is what runs */
	picked = malloc((n ? n : 1) * sizeof(*picked));
	if (!picked) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (fnmatch(filter, tests[i].name, 0) == 0)
			picked[matched++] = tests[i];
	if (!matched) {
		fprintf(stderr, "%s: no test case matches '%s'\n", prog, filter);
		free(picked);
		return 1;
	}
	printf("%s: running the %zu of %zu cases that match '%s'\n", prog, matched, n, filter);
	rc = _cmocka_run_group_tests(name, picked, matched, NULL, NULL);
	free(picked);
	return rc;
}
