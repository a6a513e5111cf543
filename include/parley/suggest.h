/*
 * parley/suggest.h - "did you mean ...?" hints: the candidate closest to a
 * misspelt word by edit distance, for any list of names (issue and actor
 * ids, option names, keys, the values of an enumeration).
 *
 * Thread-safety: reentrant; nothing is allocated.
 */
#ifndef PARLEY_SUGGEST_H
#define PARLEY_SUGGEST_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The longest word (in bytes) parley_edit_distance() compares. */
#define PARLEY_SUGGEST_MAX_LEN 64

/**
 * Levenshtein distance between `a` and `b`: the fewest insertions,
 * deletions and substitutions of one byte that turn one into the other
 * (case-sensitive; a transposition counts 2). SIZE_MAX when either is NULL
 * or longer than PARLEY_SUGGEST_MAX_LEN bytes.
 */
size_t parley_edit_distance(const char *a, const char *b);

/**
 * The candidate closest to `word`, for a "did you mean" hint, or NULL when
 * none is close enough. A candidate is close enough when its distance d to
 * `word` is at most 2 + len / 4 (len: the candidate's length in bytes) and
 * below both lengths, so that a short word is not "corrected" into an
 * unrelated one; the first of equally close candidates wins; a candidate
 * equal to `word` is returned (distance 0).
 *
 * @param word        the unknown word (NULL: no suggestion)
 * @param candidates  the known words: `count` of them, or fewer when a NULL
 *                    NULL-terminated list when count is SIZE_MAX; with
 *                    any other count a NULL entry is skipped
 * @return one of `candidates` (borrowed), or NULL
 */
const char *parley_suggest(const char *word, const char *const *candidates, size_t count);

#ifdef __cplusplus
}
#endif
#endif
