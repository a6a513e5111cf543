/*
 * testutil.h - helpers for the cmocka unit tests: reading the JSON test
 * vectors (copied from shared/specs/vectors into tests/vectors) through
 * libfyaml, which parses JSON as YAML 1.2 flow.
 */
#ifndef PARLEY_TESTUTIL_H
#define PARLEY_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <libfyaml.h>

/* Load tests/vectors/NAME; fails the test when it cannot. */
struct fy_document *tu_load_vectors(const char *name);

/* Node at a ypath such as "/cases/0/input/x" below `root`, or NULL. */
struct fy_node *tu_node(struct fy_node *root, const char *path);

/* Number at a path; fails the test if absent or not a number. */
double tu_num(struct fy_node *root, const char *path);
/* Whether the path holds a number. */
int tu_is_num(struct fy_node *root, const char *path);
/* String at a path (borrowed from the document; NUL-terminated copy kept
 * in a static ring of buffers), or NULL. */
const char *tu_str(struct fy_node *root, const char *path);
/* Array of numbers at a path into a malloc'ed array; *n receives its length. */
double *tu_array(struct fy_node *root, const char *path, size_t *n);

/* Vector files are {"cases": [...]}: helpers over the cases. */
struct fy_node *tu_root(struct fy_document *doc);          /* fails when empty */
size_t tu_case_count(struct fy_node *root);                 /* fails when no cases */
const char *tu_cpath(size_t k, const char *rest);           /* "/cases/<k>/<rest>", ring of 8 */
double tu_case_tol(struct fy_node *root, size_t k, double dflt); /* the case's abs_tol or dflt */

/* A counting allocator for allocation-failure tests (SQLite test_malloc.c
 * idea): installed with parley_set_allocator(), it refuses allocation number
 * fail_at (1-based; 0 never) and, with fail_after, every one after it, and
 * tracks live blocks so a test can check that nothing leaked. Thread-safe. */
typedef struct {
	long count;      /* allocations attempted (malloc and realloc) */
	long reallocs;   /* realloc calls among them */
	long fail_at;    /* the allocation to refuse; 0: none */
	int fail_after;  /* also refuse every later one */
	long refused;    /* allocations refused */
	long bad_frees;  /* free/realloc of a pointer not live */
	void **live;     /* live blocks */
	size_t nlive, cap;
} tu_counter_state;

extern tu_counter_state tu_counter;
void tu_counter_install(long fail_at, int fail_after);
/* cmocka teardown: the C library's allocator back, the counter emptied. */
int tu_counter_restore(void **state);

/* A file's whole contents, malloc'ed and NUL-terminated; *len (if not NULL)
 * its length. Fails the test when the file cannot be read. */
char *tu_slurp(const char *path, size_t *len);

/* A temporary directory per test: tu_tmpdir_setup() (a cmocka setup) makes
 * /tmp/parley-test-XXXXXX, tu_tmpdir_teardown() removes it with all it
 * holds, tu_tmppath(name) is the path of a file in it (a ring of 4). */
int tu_tmpdir_setup(void **state);
int tu_tmpdir_teardown(void **state);
const char *tu_tmppath(const char *name);

/* A growable malloc'ed string for building YAML in tests: start with
 * TU_SBUF_INIT, append with tu_sbuf_printf (fails the test when out of
 * memory), free(b.p) at the end. */
typedef struct {
	char *p;
	size_t len, cap;
} tu_sbuf;
#define TU_SBUF_INIT { NULL, 0, 0 }
void tu_sbuf_printf(tu_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A scenario from YAML text (`name` for diagnostics); prints every
 * diagnostic, and the text when it does not load, and fails the test then. */
struct parley_scenario;
struct parley_scenario *tu_load_yaml(const char *yaml, const char *name);

/* |got - want| <= tol, with a message naming the case. */
#define tu_assert_close(got, want, tol, what) \
	tu__assert_close((got), (want), (tol), (what), __FILE__, __LINE__)
void tu__assert_close(double got, double want, double tol, const char *what,
	const char *file, int line);

/* Run the group `tests` as cmocka_run_group_tests(tests, NULL, NULL) does,
 * or only the cases whose name matches a pattern (fnmatch: * ? [...]): the
 * program's first argument, else $PARLEY_TEST_FILTER. A pattern that
 * matches no case fails, so a mistyped name never passes silently:
 *   build/tests/test_json 'test_json__esc*'
 *   PARLEY_TEST_FILTER='*round_trip' ctest --test-dir build -R util/test_json -V */
#define tu_run_tests(tests, argc, argv) \
	tu_run_group_(#tests, tests, sizeof(tests) / sizeof((tests)[0]), argc, argv)
int tu_run_group_(const char *name, const struct CMUnitTest *tests, size_t n, int argc, char **argv);

#endif
