/*
 * test_text.c - issue 21, item 3: the one text rule (src/util/text.c) and
 * the export -> import round trip of the ledger on random texts.
 *
 * Where the expected verdicts come from: a plain reference implementation
 * of the rule written here from its statement (decode UTF-8 by the table
 * of RFC 3629 section 4, then the rule's four clauses, with the bidi
 * controls as a nesting of two kinds of brackets), compared with
 * parley__text_check on 200,000 random strings built from the characters
 * that matter (controls, the bidi controls, multi-byte characters, broken
 * sequences). The escape is checked by its properties: what the rule
 * accepts is kept byte for byte; what it refuses comes out accepted;
 * escaping twice changes nothing more.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "testutil.h"
#include "parley.h"
#include "internal.h"

/* ---- the reference ---- */

/* RFC 3629 section 4: the well-formed byte sequences. Returns the length
 * (0: ill-formed) and the code point. */
static size_t ref_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	static const struct { unsigned char lo0, hi0, lo1, hi1; int len; } t[] = {
		{ 0x00, 0x7F, 0, 0, 1 }, { 0xC2, 0xDF, 0x80, 0xBF, 2 }, { 0xE0, 0xE0, 0xA0, 0xBF, 3 },
		{ 0xE1, 0xEC, 0x80, 0xBF, 3 }, { 0xED, 0xED, 0x80, 0x9F, 3 }, { 0xEE, 0xEF, 0x80, 0xBF, 3 },
		{ 0xF0, 0xF0, 0x90, 0xBF, 4 }, { 0xF1, 0xF3, 0x80, 0xBF, 4 }, { 0xF4, 0xF4, 0x80, 0x8F, 4 },
	};
	size_t k;
	int i;
	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		if (s[0] < t[k].lo0 || s[0] > t[k].hi0)
			continue;
		if ((size_t)t[k].len > n)
			return 0;
		if (t[k].len > 1 && (s[1] < t[k].lo1 || s[1] > t[k].hi1))
			return 0;
		for (i = 2; i < t[k].len; i++)
			if (s[i] < 0x80 || s[i] > 0xBF)
				return 0;
		*cp = t[k].len == 1 ? s[0] : t[k].len == 2 ? (s[0] & 0x1Fu) : t[k].len == 3 ? (s[0] & 0x0Fu) : (s[0] & 0x07u);
		for (i = 1; i < t[k].len; i++)
			*cp = (*cp << 6) | (s[i] & 0x3Fu);
		return (size_t)t[k].len;
	}
	return 0;
}

static int ref_ok(const unsigned char *s, size_t n, int multiline)
{
	char stack[64];
	size_t depth = 0, i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = ref_decode(s + i, n - i, &cp);
		if (!len || cp == 0)
			return 0;
		if (cp == '\n') {
			if (!multiline || depth)
				return 0;
		} else if (cp == '\t') {
			if (!multiline)
				return 0;
		} else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			return 0;
		} else if (cp == 0x202A || cp == 0x202B || cp == 0x202D || cp == 0x202E) {
			if (depth == 64)
				return 0;
			stack[depth++] = 'e';
		} else if (cp >= 0x2066 && cp <= 0x2068) {
			if (depth == 64)
				return 0;
			stack[depth++] = 'i';
		} else if (cp == 0x202C) {
			if (!depth || stack[--depth] != 'e')
				return 0;
		} else if (cp == 0x2069) {
			if (!depth || stack[--depth] != 'i')
				return 0;
		}
		i += len;
	}
	return depth == 0;
}

/* ---- random strings of the characters that matter ---- */

static unsigned long long rng_state = 0x21u;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static size_t random_text(unsigned char *out, size_t cap, int valid_only)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "-", "=", "@", "+", "9", "\t", "\n", "\x1b", "\x07", "\x7f", "\x01",
		"\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\xc3\xa9", "\xd0\x96", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9", "\xd7\x90", "\xd8\xa8",
		"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xf4\x90\x80\x80", "\x80", "\\", "\"", ",",
	};
	static const char *const good[] = {
		"a", "Z", " ", "-", "=", "@", "+", "9", "\xc2\xa0", "\xc3\xa9", "\xd0\x96", "\xe2\x82\xac",
		"\xf0\x9f\x98\x80", "\xd7\x90", "\xd8\xa8", "\\", "\"", ",", "'", "\xe2\x80\xaa" "b" "\xe2\x80\xac",
		"\xe2\x81\xa7" "\xd7\x90" "\xe2\x81\xa9", "\t", "\n",
	};
	size_t n = 0, k, count = 1 + rnd(12);
	for (k = 0; k < count; k++) {
		const char *p = valid_only ? good[rnd(sizeof(good) / sizeof(good[0]))] :
			pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))];
		size_t len = strlen(p);
		if (!valid_only && rnd(40) == 0) { /* a NUL */
			p = "";
			len = 1;
		}
		if (n + len >= cap)
			break;
		memcpy(out + n, p, len);
		n += len;
	}
	out[n] = '\0';
	return n;
}

/* ---- the rule ---- */

static void test_text__rule_matches_reference(void **state)
{
	unsigned char s[128];
	size_t i, accepted = 0;
	(void)state;
	for (i = 0; i < 200000; i++) {
		size_t n = random_text(s, sizeof(s), 0);
		int multiline = (int)rnd(2);
		int got = parley__text_check((const char *)s, n, multiline ? PARLEY_TEXT_MULTILINE : 0, NULL) == 0;
		if (got != ref_ok(s, n, multiline))
			fail_msg("string %zu (%zu bytes, multiline %d): rule says %d, reference %d", i, n, multiline,
				got, !got);
		accepted += got;
	}
	/* both verdicts are exercised */
	assert_true(accepted > 10000 && accepted < 190000);
}

static void test_text__examples(void **state)
{
	parley_text_bad bad;
	char why[64];
	(void)state;
	/* issue 21's examples */
	assert_int_equal(parley__text_check("\x1b[31mred", 8, PARLEY_TEXT_MULTILINE, &bad), -1);
	assert_int_equal(bad.fault, PARLEY_TEXT_BAD_CONTROL);
	assert_int_equal(bad.offset, 0);
	assert_string_equal(parley__text_fault(&bad, why, sizeof(why)), "a control character U+001B");
	assert_int_equal(parley__text_check("ab\0cd", 5, PARLEY_TEXT_MULTILINE, &bad), -1);
	assert_int_equal(bad.fault, PARLEY_TEXT_BAD_NUL);
	assert_int_equal(bad.offset, 2);
	assert_int_equal(parley__text_check("bell\a", 5, PARLEY_TEXT_MULTILINE, &bad), -1);
	assert_int_equal(parley__text_check("x\xc2\x85y", 4, PARLEY_TEXT_MULTILINE, &bad), -1);
	assert_int_equal(bad.cp, 0x85);
	/* an override left open reorders what follows it */
	assert_int_equal(parley__text_check("abc\xe2\x80\xae" "cba", 9, 0, &bad), -1);
	assert_int_equal(bad.fault, PARLEY_TEXT_BAD_BIDI);
	assert_int_equal(bad.offset, 3);
	assert_int_equal(parley__text_check("abc\xe2\x80\xae" "cba\xe2\x80\xac", 12, 0, NULL), 0);
	/* closed on the next line is not closed */
	assert_int_equal(parley__text_check("\xe2\x81\xa7x\n\xe2\x81\xa9", 8, PARLEY_TEXT_MULTILINE, NULL), -1);
	/* a PDF does not close an isolate */
	assert_int_equal(parley__text_check("\xe2\x81\xa7x\xe2\x80\xac", 7, 0, NULL), -1);
	/* line feed and tab: in multi-line fields only; CR never */
	assert_int_equal(parley__text_check("a\tb\nc", 5, PARLEY_TEXT_MULTILINE, NULL), 0);
	assert_int_equal(parley__text_check("a\tb", 3, 0, &bad), -1);
	assert_int_equal(bad.fault, PARLEY_TEXT_BAD_LINE);
	assert_int_equal(parley__text_check("a\r\nb", 4, PARLEY_TEXT_MULTILINE, NULL), -1);
	assert_int_equal(parley__text_check("", 0, 0, NULL), 0);
}

static void test_text__escape_properties(void **state)
{
	unsigned char s[128];
	size_t i;
	(void)state;
	for (i = 0; i < 50000; i++) {
		size_t n = random_text(s, sizeof(s), 0);
		unsigned flags = rnd(2) ? PARLEY_TEXT_MULTILINE : 0;
		parley_buf a = PARLEY_BUF_INIT, b = PARLEY_BUF_INIT;
		int valid = parley__text_check((const char *)s, n, flags, NULL) == 0;
		assert_int_equal(parley__text_escape(&a, (const char *)s, n, flags), 0);
		/* what the rule accepts is kept as it is */
		if (valid)
			assert_true(a.size == n && !memcmp(a.ptr, s, n));
		/* the result is accepted, and escaping it again changes nothing */
		assert_int_equal(parley__text_check(a.ptr ? a.ptr : "", a.size, flags, NULL), 0);
		assert_int_equal(parley__text_escape(&b, a.ptr ? a.ptr : "", a.size, flags), 0);
		assert_true(a.size == b.size && (!a.size || !memcmp(a.ptr, b.ptr, a.size)));
		/* no raw ESC, C1 or NUL byte survives */
		assert_null(a.ptr ? memchr(a.ptr, 0x1b, a.size) : NULL);
		assert_null(a.ptr ? memchr(a.ptr, '\0', a.size) : NULL);
		parley_buf_dispose(&a);
		parley_buf_dispose(&b);
	}
	{
		parley_buf e = PARLEY_BUF_INIT;
		assert_int_equal(parley_text_escape(&e, "\x1b[31mred\xe2\x80\xae", 11, 0), 0);
		assert_string_equal(e.ptr, "\\x1b[31mred\\u202e");
		parley_buf_dispose(&e);
	}
}

/* ---- the ledger: every path in, and export -> import ---- */

#define setup tu_tmpdir_setup
#define teardown tu_tmpdir_teardown
#define tpath tu_tmppath

static void export_json(parley_buf *out, parley_ledger *l)
{
	parley_ledger_view *v = NULL;
	assert_int_equal(parley_ledger_view_load(&v, l, NULL), 0);
	assert_int_equal(parley_ledger_render_view(out, v, PARLEY_LEDGER_JSON), 0);
	parley_ledger_view_free(v);
}

/* Import `json` into a new ledger `name` and export it again into `again`. */
static void reimport(const parley_buf *json, const char *name, parley_buf *again)
{
	parley_ledger_doc *doc = NULL;
	parley_ledger *l = NULL;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	parley_ledger_apply_options ao = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	int rc = parley_ledger_doc_load_buffer(&doc, json->ptr, json->size, "export.json", &d);
	if (rc != 0) {
		parley_buf msg = PARLEY_BUF_INIT;
		if (d.count)
			parley_diag_format(&msg, &d.items[0]);
		fail_msg("the export does not import: %s", msg.ptr ? msg.ptr : "?");
	}
	assert_int_equal(parley_ledger_open(&l, tpath(name), NULL), 0);
	assert_int_equal(parley_ledger_apply(l, parley_ledger_doc_batch(doc), &ao, NULL, &d), 0);
	export_json(again, l);
	parley_ledger_free(l);
	parley_ledger_doc_free(doc);
	parley_diag_list_dispose(&d);
}

/* Import `json` into a new ledger `name`, export it again: the same bytes.
 * Disposes of `json`. */
static void reimport_same(parley_buf *json, const char *name)
{
	parley_buf again = PARLEY_BUF_INIT;
	reimport(json, name, &again);
	assert_int_equal(json->size, again.size);
	assert_memory_equal(json->ptr, again.ptr, json->size);
	parley_buf_dispose(json);
	parley_buf_dispose(&again);
}

/* Random texts that the rule accepts: add -> export -> import -> export
 * gives the same bytes; texts it refuses are refused by apply (the path
 * of ledger add, import and record) and change nothing. */
static void test_text__ledger_round_trip(void **state)
{
	parley_ledger *l = NULL;
	parley_buf first = PARLEY_BUF_INIT;
	unsigned char text[6][128], bad[128];
	char qid[160], who[160];
	size_t i, k, refused = 0;
	(void)state;

	assert_int_equal(parley_ledger_open(&l, tpath("a.sqlite"), NULL), 0);
	for (i = 0; i < 300; i++) {
		parley_ledger_forecast f;
		parley_ledger_question q;
		parley_ledger_batch b;
		parley_diag_list d = PARLEY_DIAG_LIST_INIT;
		for (k = 0; k < 6; k++)
			random_text(text[k], sizeof(text[k]), 1);
		/* ids and names are one line: no tab or line feed */
		for (k = 0; k < 2; k++) {
			unsigned char *p;
			for (p = text[k]; *p; p++)
				if (*p == '\n' || *p == '\t')
					*p = '_';
		}
		snprintf(qid, sizeof(qid), "q%zu/%s", i, (const char *)text[0]);
		snprintf(who, sizeof(who), "w%zu %s", i % 7, (const char *)text[1]);
		memset(&q, 0, sizeof(q));
		q.id = qid;
		q.kind = PARLEY_LEDGER_BINARY;
		q.text = (const char *)text[2];
		q.lo = q.hi = NAN;
		memset(&f, 0, sizeof(f));
		f.question = qid;
		f.forecaster = who;
		f.date = "2024-05-02";
		f.probability = (double)(i % 101) / 100;
		f.value = f.p_lo = f.p_hi = NAN;
		f.quote = (const char *)text[3];
		f.source = (const char *)text[4];
		f.note = (const char *)text[5];
		memset(&b, 0, sizeof(b));
		b.questions = &q;
		b.question_count = 1;
		b.forecasts = &f;
		b.forecast_count = 1;
		/* a valid-looking id is not always valid (only blanks): skip those */
		if (parley_ledger_apply(l, &b, NULL, NULL, &d) != 0)
			assert_true(strspn(qid, " ") == strlen(qid) || strspn(who, " ") == strlen(who));
		parley_diag_list_dispose(&d);
		/* the same forecast with a note the rule refuses: refused, nothing added */
		random_text(bad, sizeof(bad), 0);
		if (parley__text_check((const char *)bad, strlen((const char *)bad), PARLEY_TEXT_MULTILINE, NULL) < 0) {
			f.note = (const char *)bad;
			f.date = "2024-05-03";
			assert_int_equal(parley_ledger_apply(l, &b, NULL, NULL, NULL), PARLEY_EPARSE);
			refused++;
		}
	}
	assert_true(refused > 50);
	export_json(&first, l);
	parley_ledger_free(l);
	reimport_same(&first, "b.sqlite");
}

/* A ledger written before the rule (control characters, an open override,
 * stored directly): it is read with them escaped, counted, and its export
 * imports, and exports again to the same bytes. */
static void test_text__old_ledger_exports(void **state)
{
	parley_ledger *l = NULL;
	parley_ledger_view *v = NULL;
	parley_ledger_open_options ro = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_buf first = PARLEY_BUF_INIT;
	sqlite3 *db = NULL;
	const parley_ledger_forecast *f;
	(void)state;

	assert_int_equal(parley_ledger_open(&l, tpath("old.sqlite"), NULL), 0);
	parley_ledger_free(l);
	assert_int_equal(sqlite3_open(tpath("old.sqlite"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO questions(key, kind, text) VALUES ('q' || char(27) || '[2J', 'binary', 'a' || char(7));"
		"INSERT INTO forecasts(question_id, forecaster, forecaster_kind, made_on, probability, note) "
		"VALUES (1, 'Ann' || char(8238), 'person', '2024-01-01', 0.25, char(27) || '[31mred' || char(10) || 'x');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ro.read_only = 1;
	assert_int_equal(parley_ledger_open(&l, tpath("old.sqlite"), &ro), 0);
	assert_int_equal(parley_ledger_view_load(&v, l, NULL), 0);
	assert_int_equal(parley_ledger_view_escaped(v), 4);
	assert_string_equal(parley_ledger_view_entry(v, 0)->question.id, "q\\x1b[2J");
	f = parley_ledger_view_forecast(v, 0);
	assert_string_equal(f->forecaster, "Ann\\u202e");
	assert_string_equal(f->note, "\\x1b[31mred\nx");
	parley_ledger_view_free(v);
	export_json(&first, l);
	parley_ledger_free(l);
	reimport_same(&first, "new.sqlite");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__rule_matches_reference),
		cmocka_unit_test(test_text__examples),
		cmocka_unit_test(test_text__escape_properties),
		cmocka_unit_test_setup_teardown(test_text__ledger_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text__old_ledger_exports, setup, teardown),
	};
	return tu_run_tests(tests, argc, argv);
}
