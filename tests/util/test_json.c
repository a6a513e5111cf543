/*
 * test_json.c - the streaming JSON writer (src/util/json.h).
 *
 * Where the expected values come from:
 *  - test_json__layout: the rules stated in json.h (", " between items,
 *    ": " after a key, a break puts "\n" and the indentation in place of
 *    the space, or before the closing bracket), written out by hand;
 *  - test_json__escaping: a plain reference of the escaping that
 *    parley_buf__json_str() has always done (", \, \n, \r, \t by name,
 *    every other byte below 0x20 and DEL as \u00XX, everything else,
 *    bidirectional controls and other UTF-8 included, as it is), over
 *    every byte from 1 to 255;
 *  - test_json__numbers: -0 as 0, non-finite as null (json.h), and for
 *    100,000 random doubles the text reads back to the same double;
 *  - test_json__errors: each misuse json.h names gives PARLEY_EINVAL at
 *    finish, and nothing is written after the first error;
 *  - test_json__python_round_trip: 60 random documents of 6 values each
 *    (nesting, keys and strings of random bytes and UTF-8, numbers,
 *    booleans, null, random line breaks) parsed by python3's json module,
 *    which lists the events it read; they must be the events the generator
 *    wrote (tests/util/json_roundtrip.py). Skipped with a printed reason when
 *    python3 is absent.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "json.h"

static void test_json__layout(void **state)
{
	parley_buf b = PARLEY_BUF_INIT;
	parley_json w;
	(void)state;

	parley_json__init(&w, &b);
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "a", "x");
	parley_json__key(&w, "b");
	parley_json__begin_array(&w);
	parley_json__int(&w, -3);
	parley_json__uint(&w, UINT64_MAX);
	parley_json__begin_object(&w);
	parley_json__end_object(&w);
	parley_json__begin_array(&w);
	parley_json__end_array(&w);
	parley_json__end_array(&w);
	parley_json__kbool(&w, "c", 1);
	parley_json__kbool(&w, "d", 0);
	parley_json__key(&w, "e");
	parley_json__null(&w);
	parley_json__key(&w, "f");
	parley_json__fixed(&w, 2.0 / 3.0, 2);
	parley_json__key(&w, "g");
	parley_json__raw(&w, "{\"r\": 1}");
	parley_json__end_object(&w);
	assert_int_equal(parley_json__finish(&w), 0);
	assert_string_equal(b.ptr, "{\"a\": \"x\", \"b\": [-3, 18446744073709551615, {}, []], "
		"\"c\": true, \"d\": false, \"e\": null, \"f\": 0.67, \"g\": {\"r\": 1}}");
	parley_buf_dispose(&b);

	/* breaks: after the opening bracket, between items, before the closing one */
	parley_json__init(&w, &b);
	parley_json__begin_object(&w);
	parley_json__break(&w, 2);
	parley_json__kint(&w, "n", 1);
	parley_json__break(&w, 2);
	parley_json__key(&w, "rows");
	parley_json__begin_array(&w);
	parley_json__break(&w, 4);
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "id", "a");
	parley_json__break(&w, 5);
	parley_json__knumber(&w, "v", 0.5);
	parley_json__end_object(&w);
	parley_json__break(&w, 4);
	parley_json__string(&w, NULL);
	parley_json__break(&w, 2);
	parley_json__end_array(&w);
	parley_json__key(&w, "empty");
	parley_json__begin_array(&w);
	parley_json__end_array(&w);
	parley_json__break(&w, 0);
	parley_json__end_object(&w);
	assert_int_equal(parley_json__finish(&w), 0);
	assert_string_equal(b.ptr, "{\n  \"n\": 1,\n  \"rows\": [\n    {\"id\": \"a\",\n     \"v\": 0.5},\n"
		"    null\n  ], \"empty\": []\n}");
	parley_buf_dispose(&b);

	/* a break wider than the writer's block of spaces */
	parley_json__init(&w, &b);
	parley_json__begin_array(&w);
	parley_json__break(&w, 70);
	parley_json__int(&w, 1);
	parley_json__end_array(&w);
	assert_int_equal(parley_json__finish(&w), 0);
	assert_int_equal(b.size, 1 + 1 + 70 + 1 + 1);
	assert_true(strspn(b.ptr + 2, " ") == 70);
	parley_buf_dispose(&b);
}

/* The escaping parley_buf__json_str has always done, written out plainly. */
static void reference_escape(char *out, const unsigned char *s)
{
	*out++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			*out++ = '\\';
			*out++ = (char)*s;
		} else if (*s == '\n') {
			out += sprintf(out, "\\n");
		} else if (*s == '\r') {
			out += sprintf(out, "\\r");
		} else if (*s == '\t') {
			out += sprintf(out, "\\t");
		} else if (*s < 0x20 || *s == 0x7f) {
			out += sprintf(out, "\\u%04x", *s);
		} else {
			*out++ = (char)*s;
		}
	}
	*out++ = '"';
	*out = '\0';
}

static void test_json__escaping(void **state)
{
	/* every byte alone, then all of them in one string */
	unsigned char all[256];
	char expect[256 * 6 + 8], doc[2 * (256 * 6 + 8) + 8];
	/* bidirectional controls (RLO, LRI..PDI, LRM, RLM, ALM) and other UTF-8 pass as they are */
	static const char *const as_is[] = {
		"\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9",
		"\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c", "caf\xc3\xa9", "\xf0\x9f\x98\x80",
	};
	parley_buf b = PARLEY_BUF_INIT;
	parley_json w;
	size_t i;
	(void)state;

	for (i = 1; i < 256; i++) {
		unsigned char one[2] = { (unsigned char)i, 0 };
		reference_escape(expect, one);
		parley_json__init(&w, &b);
		parley_json__string(&w, (const char *)one);
		assert_int_equal(parley_json__finish(&w), 0);
		assert_string_equal(b.ptr, expect);
		parley_buf_dispose(&b);
		all[i - 1] = (unsigned char)i;
	}
	all[255] = 0;
	reference_escape(expect, all);
	snprintf(doc, sizeof(doc), "{%s: %s}", expect, expect);
	parley_json__init(&w, &b);
	parley_json__begin_object(&w);
	parley_json__kstring(&w, (const char *)all, (const char *)all);
	parley_json__end_object(&w);
	assert_int_equal(parley_json__finish(&w), 0);
	assert_string_equal(b.ptr, doc);
	parley_buf_dispose(&b);

	for (i = 0; i < sizeof(as_is) / sizeof(as_is[0]); i++) {
		snprintf(expect, sizeof(expect), "\"%s\"", as_is[i]);
		parley_json__init(&w, &b);
		parley_json__string(&w, as_is[i]);
		assert_int_equal(parley_json__finish(&w), 0);
		assert_string_equal(b.ptr, expect);
		parley_buf_dispose(&b);
	}
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1du;
}

static void test_json__numbers(void **state)
{
	static const struct { double v; const char *text; } fixed[] = {
		{ 0.0, "0" }, { -0.0, "0" }, { 1.0, "1" }, { 0.1, "0.1" }, { -2.5, "-2.5" },
		{ 1.0 / 3.0, "0.3333333333333333" }, { 1e300, "1e+300" },
	};
	parley_buf b = PARLEY_BUF_INIT;
	parley_json w;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		parley_json__init(&w, &b);
		parley_json__number(&w, fixed[i].v);
		assert_int_equal(parley_json__finish(&w), 0);
		assert_string_equal(b.ptr, fixed[i].text);
		parley_buf_dispose(&b);
	}
	parley_json__init(&w, &b);
	parley_json__begin_array(&w);
	parley_json__number(&w, NAN);
	parley_json__number(&w, INFINITY);
	parley_json__number(&w, -INFINITY);
	parley_json__fixed(&w, NAN, 3);
	parley_json__fixed(&w, -1.0 / 8.0, 3);
	parley_json__end_array(&w);
	assert_int_equal(parley_json__finish(&w), 0);
	assert_string_equal(b.ptr, "[null, null, null, null, -0.125]");
	parley_buf_dispose(&b);

	for (i = 0; i < 100000; i++) {
		uint64_t bits = rnd();
		double v;
		memcpy(&v, &bits, sizeof(v));
		if (!isfinite(v))
			continue;
		parley_json__init(&w, &b);
		parley_json__number(&w, v);
		assert_int_equal(parley_json__finish(&w), 0);
		assert_true(strtod(b.ptr, NULL) == v);
		assert_true(strlen(b.ptr) <= 24);
		parley_buf_dispose(&b);
	}
}

/* One misuse: the error at finish, and nothing written after it. */
typedef void (*misuse_fn)(parley_json *w);
static void m_key_in_array(parley_json *w) { parley_json__begin_array(w); parley_json__key(w, "k"); }
static void m_value_without_key(parley_json *w) { parley_json__begin_object(w); parley_json__int(w, 1); }
static void m_two_keys(parley_json *w) { parley_json__begin_object(w); parley_json__key(w, "a"); parley_json__key(w, "b"); }
static void m_wrong_close(parley_json *w) { parley_json__begin_object(w); parley_json__end_array(w); }
static void m_close_unopened(parley_json *w) { parley_json__end_object(w); }
static void m_two_top(parley_json *w) { parley_json__int(w, 1); parley_json__int(w, 2); }
static void m_left_open(parley_json *w) { parley_json__begin_array(w); parley_json__int(w, 1); }
static void m_key_without_value(parley_json *w) { parley_json__begin_object(w); parley_json__key(w, "a"); parley_json__end_object(w); }
static void m_too_deep(parley_json *w)
{
	int i;
	for (i = 0; i <= PARLEY_JSON_MAX_DEPTH; i++)
		parley_json__begin_array(w);
}

static void test_json__errors(void **state)
{
	static const misuse_fn misuses[] = {
		m_key_in_array, m_value_without_key, m_two_keys, m_wrong_close, m_close_unopened,
		m_two_top, m_left_open, m_key_without_value, m_too_deep,
	};
	parley_buf b = PARLEY_BUF_INIT;
	parley_json w;
	size_t i, len;
	int d;
	(void)state;

	for (i = 0; i < sizeof(misuses) / sizeof(misuses[0]); i++) {
		parley_json__init(&w, &b);
		misuses[i](&w);
		len = b.size;
		/* later calls are no-ops once the error is latched */
		parley_json__kstring(&w, "late", "x");
		parley_json__string(&w, "late");
		parley_json__end_array(&w);
		parley_json__end_object(&w);
		assert_int_equal(parley_json__finish(&w), PARLEY_EINVAL);
		if (i != 6) /* left open: the error is found at finish, after the late calls */
			assert_int_equal(b.size, len);
		assert_int_equal(parley_json__finish(&w), PARLEY_EINVAL); /* it stays */
		assert_non_null(strstr(parley_error_last()->message, "JSON writer"));
		parley_buf_dispose(&b);
	}

	/* nesting to the limit is fine */
	parley_json__init(&w, &b);
	for (d = 0; d < PARLEY_JSON_MAX_DEPTH; d++)
		parley_json__begin_array(&w);
	for (d = 0; d < PARLEY_JSON_MAX_DEPTH; d++)
		parley_json__end_array(&w);
	assert_int_equal(parley_json__finish(&w), 0);
	assert_int_equal(b.size, 2 * PARLEY_JSON_MAX_DEPTH);
	parley_buf_dispose(&b);

	/* out of memory: the first allocation refused, the error kept */
	tu_counter_install(1, 1);
	parley_json__init(&w, &b);
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "a", "b");
	parley_json__end_object(&w);
	assert_int_equal(parley_json__finish(&w), PARLEY_ENOMEM);
	parley_buf_dispose(&b);
	tu_counter_restore(NULL);
}

/* A random string: printable ASCII, control bytes, quotes, backslashes and UTF-8. */
static void random_string(char *out, size_t cap)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\r", "\x01", "\x1f", "\x7f",
		"\xc3\xa9", "\xe2\x80\xae", "\xe2\x81\xa9", "\xf0\x9f\x98\x80", "\xd0\x96", "9",
	};
	size_t n = rnd() % 8, len = 0, i;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *p = pieces[rnd() % (sizeof(pieces) / sizeof(pieces[0]))];
		if (len + strlen(p) + 1 > cap)
			break;
		strcpy(out + len, p);
		len += strlen(p);
	}
}

static void hex(FILE *ev, const char *tag, const char *s)
{
	fprintf(ev, "%s ", tag);
	for (; *s; s++)
		fprintf(ev, "%02x", (unsigned char)*s);
	fputc('\n', ev);
}

/* A random value at depth d, to the writer and to the event list. */
static void random_value(parley_json *w, FILE *ev, int d)
{
	char s[64];
	unsigned kind = (unsigned)(rnd() % (d < 5 ? 7 : 5));
	size_t n, i;
	double v;

	if (rnd() % 4 == 0)
		parley_json__break(w, (unsigned)(rnd() % 6));
	switch (kind) {
	case 0:
		random_string(s, sizeof(s));
		parley_json__string(w, s);
		hex(ev, "s", s);
		break;
	case 1:
		v = ((double)(int64_t)rnd()) / (double)(1 + rnd() % 100000) * (rnd() % 2 ? 1e-9 : 1);
		parley_json__number(w, v);
		fprintf(ev, "n %.17g\n", v == 0 ? 0.0 : v);
		break;
	case 2:
		i = rnd() % 2;
		parley_json__bool(w, (int)i);
		fprintf(ev, "b %zu\n", i);
		break;
	case 3:
		parley_json__null(w);
		fprintf(ev, "z\n");
		break;
	case 4:
		i = rnd() % 1000;
		parley_json__uint(w, i);
		fprintf(ev, "n %.17g\n", (double)i);
		break;
	case 5:
		n = rnd() % 5;
		parley_json__begin_array(w);
		fprintf(ev, "[\n");
		for (i = 0; i < n; i++)
			random_value(w, ev, d + 1);
		if (rnd() % 3 == 0)
			parley_json__break(w, (unsigned)(rnd() % 6));
		parley_json__end_array(w);
		fprintf(ev, "]\n");
		break;
	default:
		n = rnd() % 5;
		parley_json__begin_object(w);
		fprintf(ev, "{\n");
		for (i = 0; i < n; i++) {
			/* distinct keys: python keeps the last of equal ones */
			random_string(s, sizeof(s) - 8);
			snprintf(s + strlen(s), 8, "#%zu", i);
			if (rnd() % 4 == 0)
				parley_json__break(w, (unsigned)(rnd() % 6));
			parley_json__key(w, s);
			hex(ev, "k", s);
			random_value(w, ev, d + 1);
		}
		parley_json__end_object(w);
		fprintf(ev, "}\n");
	}
}

static void test_json__python_round_trip(void **state)
{
	char cmd[1024];
	int k, v, rc;
	(void)state;

	if (system("python3 -c '' >/dev/null 2>&1") != 0) {
		print_message("SKIP python round trip: python3 is not available\n");
		return;
	}
	for (k = 0; k < 60; k++) {
		parley_buf b = PARLEY_BUF_INIT;
		parley_json w;
		FILE *doc, *ev = fopen(tu_tmppath("events.txt"), "w");
		assert_non_null(ev);
		parley_json__init(&w, &b);
		parley_json__begin_array(&w); /* a container at the top, so every kind is tried */
		for (v = 0; v < 6; v++)
			random_value(&w, ev, 0);
		parley_json__end_array(&w);
		assert_int_equal(parley_json__finish(&w), 0);
		fclose(ev);
		doc = fopen(tu_tmppath("doc.json"), "w");
		assert_non_null(doc);
		fwrite(b.ptr, 1, b.size, doc);
		fclose(doc);
		parley_buf_dispose(&b);
		snprintf(cmd, sizeof(cmd), "python3 %s/util/json_roundtrip.py %s %s", PARLEY_TEST_DIR,
			tu_tmppath("doc.json"), tu_tmppath("events.txt"));
		rc = system(cmd);
		if (rc != 0)
			fail_msg("document %d: python3 read other values than were written (%s)", k, cmd);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__layout),
		cmocka_unit_test(test_json__escaping),
		cmocka_unit_test(test_json__numbers),
		cmocka_unit_test(test_json__errors),
		cmocka_unit_test_setup_teardown(test_json__python_round_trip, tu_tmpdir_setup,
			tu_tmpdir_teardown),
	};
	return tu_run_tests(tests, argc, argv);
}
