/*
 * suggest.c - "did you mean" for unknown keys and values: the candidate
 * closest to a word by edit distance (Levenshtein), when it is close enough
 * to be a likely typo.
 */
#include <string.h>
#include "scenario_internal.h"

const char *parley__suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t i, best = (size_t)-1, bestd = (size_t)-1;

	if (!word || !candidates)
		return NULL;
	for (i = 0; i < n; i++) {
		size_t d = candidates[i] ? parley__edit_distance(word, candidates[i]) : (size_t)-1;
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	/* one edit, and one more per four letters of the candidate; fewer
	 * edits than the word has letters ('zz' is not a typo of 'a') */
	if (best == (size_t)-1 || bestd > 1 + strlen(candidates[best]) / 4 || bestd >= strlen(word))
		return NULL;
	return candidates[best];
}
