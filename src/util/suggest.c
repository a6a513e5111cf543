/*
 * suggest.c - edit distance and "did you mean" hints (parley/suggest.h),
 * shared by the YAML reader (unknown keys), the program (unknown commands,
 * options, issue ids) and anything else that names things.
 *
 * The distance is Levenshtein's (1966), computed by the Wagner-Fischer
 * dynamic programme in one row of PARLEY_SUGGEST_MAX_LEN + 1 cells on the
 * stack: nothing is allocated.
 */
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "parley/suggest.h"

size_t parley_edit_distance(const char *a, const char *b)
{
	size_t la, lb, i, j, row[PARLEY_SUGGEST_MAX_LEN + 1];

	if (!a || !b)
		return SIZE_MAX;
	la = strlen(a);
	lb = strlen(b);
	if (la > PARLEY_SUGGEST_MAX_LEN || lb > PARLEY_SUGGEST_MAX_LEN)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best) best = up + 1;
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *parley_suggest(const char *word, const char *const *candidates, size_t count)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX, i, lw;

	if (!word || !candidates)
		return NULL;
	lw = strlen(word);
	for (i = 0; i < count; i++) {
		size_t lc, d;
		if (!candidates[i]) {
			if (count == SIZE_MAX)
				break; /* the end of a NULL-terminated list */
			continue;  /* a gap in a counted array (an unnamed item) */
		}
		lc = strlen(candidates[i]);
		d = parley_edit_distance(word, candidates[i]);
		if (d == SIZE_MAX || d > 2 + lc / 4 || (d && (d >= lc || d >= lw)))
			continue;
		if (d < bestd) {
			bestd = d;
			best = candidates[i];
		}
	}
	return best;
}
