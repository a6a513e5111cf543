/*
 * test_suggest.c - parley/suggest.h: the edit distance and "did you mean".
 *
 * Where the expected values come from:
 *  - test_suggest_distance__examples: counted by hand (each comment lists
 *    the edits);
 *  - test_suggest_distance__reference: Levenshtein's definition written
 *    out as the plain recursion d(a, b) = min(d(a', b) + 1, d(a, b') + 1,
 *    d(a', b') + [last bytes differ]) over the prefixes a', b' (memoised),
 *    on 3,000 random pairs of words over a 3-letter alphabet (so that
 *    matches are common), plus the metric's properties: d(a, a) = 0,
 *    symmetry, the triangle inequality, |len a - len b| <= d <= max(len);
 *  - test_suggest_pick__*: the rule stated in suggest.h (d <= 2 + len / 4,
 *    d below both lengths, the first of equals, NULL-terminated lists).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley/suggest.h"

static void test_suggest_distance__examples(void **state)
{
	(void)state;
	assert_int_equal(parley_edit_distance("", ""), 0);
	assert_int_equal(parley_edit_distance("abc", ""), 3);          /* three deletions */
	assert_int_equal(parley_edit_distance("sanction", "sanctions"), 1); /* insert s */
	assert_int_equal(parley_edit_distance("kitten", "sitting"), 3); /* k->s, e->i, insert g */
	assert_int_equal(parley_edit_distance("--modle", "--model"), 2); /* a transposition: 2 */
	assert_int_equal(parley_edit_distance("Salience", "salience"), 1); /* case counts */
	assert_true(parley_edit_distance(NULL, "a") == SIZE_MAX);
	{
		char long_word[PARLEY_SUGGEST_MAX_LEN + 2];
		memset(long_word, 'a', sizeof(long_word) - 1);
		long_word[sizeof(long_word) - 1] = '\0';
		assert_true(parley_edit_distance(long_word, "a") == SIZE_MAX);
		long_word[PARLEY_SUGGEST_MAX_LEN] = '\0';
		assert_int_equal(parley_edit_distance(long_word, "a"), PARLEY_SUGGEST_MAX_LEN - 1);
	}
}

/* The recursion of the definition, memoised over prefix lengths. */
static size_t memo[16][16];
static size_t ref_rec(const char *a, size_t la, const char *b, size_t lb)
{
	size_t best, t;
	if (!la) return lb;
	if (!lb) return la;
	if (memo[la][lb] != SIZE_MAX) return memo[la][lb];
	best = ref_rec(a, la - 1, b, lb) + 1;
	t = ref_rec(a, la, b, lb - 1) + 1;
	if (t < best) best = t;
	t = ref_rec(a, la - 1, b, lb - 1) + (a[la - 1] != b[lb - 1]);
	if (t < best) best = t;
	return memo[la][lb] = best;
}

static size_t ref_distance(const char *a, const char *b)
{
	memset(memo, 0xff, sizeof(memo));
	return ref_rec(a, strlen(a), b, strlen(b));
}

static void random_word(char *w, unsigned *seed)
{
	size_t n = (size_t)(rand_r(seed) % 12), i;
	for (i = 0; i < n; i++)
		w[i] = "abc"[rand_r(seed) % 3];
	w[n] = '\0';
}

static void test_suggest_distance__reference(void **state)
{
	unsigned seed = 20240611;
	int k;
	(void)state;
	for (k = 0; k < 3000; k++) {
		char a[16], b[16], c[16];
		size_t ab, la, lb;
		random_word(a, &seed);
		random_word(b, &seed);
		random_word(c, &seed);
		ab = parley_edit_distance(a, b);
		la = strlen(a);
		lb = strlen(b);
		assert_int_equal(ab, ref_distance(a, b));
		assert_int_equal(parley_edit_distance(a, a), 0);
		assert_int_equal(ab, parley_edit_distance(b, a));
		assert_true(ab <= parley_edit_distance(a, c) + parley_edit_distance(c, b));
		assert_true(ab >= (la > lb ? la - lb : lb - la) && ab <= (la > lb ? la : lb));
	}
}

static void test_suggest_pick__rule(void **state)
{
	static const char *const issues[] = { "enrichment", "centrifuges", "sanctions",
		"inspections", "arms-embargo", NULL };
	static const char *const short_ones[] = { "x", "ab", NULL };
	(void)state;
	assert_string_equal(parley_suggest("sanction", issues, SIZE_MAX), "sanctions");
	assert_string_equal(parley_suggest("inspection", issues, 5), "inspections");
	assert_string_equal(parley_suggest("centrifuges", issues, SIZE_MAX), "centrifuges"); /* d = 0 */
	/* 'enrich' is 4 deletions from 'enrichment': above 2 + 10 / 4 = 4? 4 <= 4: kept */
	assert_string_equal(parley_suggest("enrich", issues, SIZE_MAX), "enrichment");
	/* 'enr' is 7 away: too far */
	assert_null(parley_suggest("enr", issues, SIZE_MAX));
	assert_null(parley_suggest("zzz", issues, SIZE_MAX));
	/* a short word is not turned into another short word: d must stay below both lengths */
	assert_null(parley_suggest("y", short_ones, SIZE_MAX));
	assert_null(parley_suggest("cd", short_ones, SIZE_MAX));
	assert_string_equal(parley_suggest("abc", short_ones, SIZE_MAX), "ab");
	/* count limits the list; NULL entries end it; the first of equals wins */
	assert_null(parley_suggest("sanction", issues, 2));
	{
		static const char *const tie[] = { "cat", "car", NULL };
		assert_string_equal(parley_suggest("caw", tie, SIZE_MAX), "cat");
	}
	assert_null(parley_suggest(NULL, issues, SIZE_MAX));
	assert_null(parley_suggest("a", NULL, 3));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_distance__examples),
		cmocka_unit_test(test_suggest_distance__reference),
		cmocka_unit_test(test_suggest_pick__rule),
	};
	return tu_run_tests(tests, argc, argv);
}
