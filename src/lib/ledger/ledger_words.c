/*
 * ledger_words.c - the table of words of estimative probability that maps
 * what people say ("odds are high", "doomed in principle") to a number and
 * a range (docs/ledger.md, "Words").
 *
 * Sources, in order of precedence:
 *  - Kent 1964: Sherman Kent, "Words of Estimative Probability", Studies
 *    in Intelligence 8(4), 1964: certain 100%; almost certain 93% give or
 *    take about 6%; probable 75% +/- about 12%; chances about even 50% +/-
 *    about 10%; probably not 30% +/- about 10%; almost certainly not 7% +/-
 *    about 5%; impossible 0%. The range is his "give or take".
 *  - ICD 203: US Intelligence Community Directive 203, Analytic Standards
 *    (2015), section 6.b.(2)(a): seven bands (almost no chance / remote
 *    1-5%, very unlikely / highly improbable 5-20%, unlikely / improbable
 *    20-45%, roughly even chance / odds 45-55%, likely / probable 55-80%,
 *    very likely / highly probable 80-95%, almost certain(ly) / nearly
 *    certain 95-99%). The number is the band's midpoint. Where Kent and
 *    ICD 203 share an expression (probable, almost certain), Kent's is used.
 *  - parley: our mapping of an expression neither source lists, read as
 *    the entry named in its basis.
 *
 * Invariants: entries are sorted by decreasing p, then by words; words are
 * lower case with single spaces and unique; lo <= p <= hi within [0, 1].
 */
#include <ctype.h>
#include <string.h>
#include "ledger_internal.h"

static const parley_ledger_word words[] = {
	{ "certain", 1.0, 1.0, 1.0, "Kent 1964", "Kent: certainty, 100%" },
	{ "nearly certain", 0.97, 0.95, 0.99, "ICD 203", "ICD 203: almost certain(ly) / nearly certain, 95-99%" },
	{ "almost certain", 0.93, 0.87, 0.99, "Kent 1964", "Kent: 93% give or take about 6% (ICD 203: 95-99%)" },
	{ "almost certainly", 0.93, 0.87, 0.99, "Kent 1964", "Kent: almost certain, 93% give or take about 6%" },
	{ "will", 0.93, 0.87, 0.99, "parley",
	  "a flat assertion about the future (\"X will happen\"), read as Kent's almost certain" },
	{ "a clear indication", 0.875, 0.8, 0.95, "parley", "read as ICD 203's very likely, 80-95%" },
	{ "highly likely", 0.875, 0.8, 0.95, "parley", "read as ICD 203's very likely / highly probable, 80-95%" },
	{ "highly probable", 0.875, 0.8, 0.95, "ICD 203", "ICD 203: very likely / highly probable, 80-95%" },
	{ "very likely", 0.875, 0.8, 0.95, "ICD 203", "ICD 203: very likely / highly probable, 80-95%" },
	{ "very probable", 0.875, 0.8, 0.95, "parley", "read as ICD 203's highly probable, 80-95%" },
	{ "odds are high", 0.8, 0.7, 0.9, "parley",
	  "between Kent's probable (75%) and ICD 203's very likely (80-95%)" },
	{ "chances are good", 0.75, 0.63, 0.87, "parley", "read as Kent's probable, 75% +/- 12%" },
	{ "most likely", 0.75, 0.63, 0.87, "parley",
	  "\"most likely, X\": X is the likeliest outcome; read as Kent's probable" },
	{ "probable", 0.75, 0.63, 0.87, "Kent 1964", "Kent: 75% give or take about 12% (ICD 203: 55-80%)" },
	{ "probably", 0.75, 0.63, 0.87, "Kent 1964", "Kent: probable, 75% give or take about 12%" },
	{ "likely", 0.675, 0.55, 0.8, "ICD 203", "ICD 203: likely / probable, 55-80%" },
	{ "may be expected", 0.6, 0.5, 0.75, "parley",
	  "an expectation hedged by \"may\": between Kent's about even and probable" },
	{ "quite possible", 0.55, 0.4, 0.7, "parley",
	  "Kent gives \"possible\" no number; \"quite\" lifts it to about even or a little above" },
	{ "about even", 0.5, 0.4, 0.6, "parley", "read as Kent's chances about even, 50% +/- 10%" },
	{ "an open question", 0.5, 0.4, 0.6, "parley",
	  "a question raised without a lean either way, read as Kent's chances about even" },
	{ "chances about even", 0.5, 0.4, 0.6, "Kent 1964", "Kent: 50% give or take about 10%" },
	{ "roughly even chance", 0.5, 0.45, 0.55, "ICD 203", "ICD 203: roughly even chance / odds, 45-55%" },
	{ "roughly even odds", 0.5, 0.45, 0.55, "ICD 203", "ICD 203: roughly even chance / odds, 45-55%" },
	{ "improbable", 0.325, 0.2, 0.45, "ICD 203", "ICD 203: unlikely / improbable, 20-45%" },
	{ "unlikely", 0.325, 0.2, 0.45, "ICD 203", "ICD 203: unlikely / improbable, 20-45%" },
	{ "doubtful", 0.3, 0.2, 0.4, "parley", "read as Kent's probably not, 30% +/- 10%" },
	{ "probably not", 0.3, 0.2, 0.4, "Kent 1964", "Kent: 30% give or take about 10%" },
	{ "hypothetically possible", 0.25, 0.1, 0.4, "parley",
	  "possible only under a stated condition; below Kent's probably not" },
	{ "not ruled out", 0.2, 0.05, 0.35, "parley",
	  "\"did not rule out\": a live but minor possibility, around ICD 203's very unlikely/unlikely boundary" },
	{ "hardly be expected", 0.125, 0.05, 0.2, "parley", "\"can hardly be expected\", read as ICD 203's very unlikely, 5-20%" },
	{ "highly improbable", 0.125, 0.05, 0.2, "ICD 203", "ICD 203: very unlikely / highly improbable, 5-20%" },
	{ "highly unlikely", 0.125, 0.05, 0.2, "parley", "read as ICD 203's very unlikely / highly improbable, 5-20%" },
	{ "very difficult", 0.125, 0.05, 0.2, "parley", "\"very difficult to find/achieve\", read as ICD 203's very unlikely" },
	{ "very hard", 0.125, 0.05, 0.2, "parley", "\"very hard to obtain/achieve\", read as ICD 203's very unlikely" },
	{ "very unlikely", 0.125, 0.05, 0.2, "ICD 203", "ICD 203: very unlikely / highly improbable, 5-20%" },
	{ "almost certainly not", 0.07, 0.02, 0.12, "Kent 1964", "Kent: 7% give or take about 5%" },
	{ "chances are slight", 0.07, 0.02, 0.12, "parley", "read as Kent's almost certainly not, 7% +/- 5%" },
	{ "will never", 0.07, 0.02, 0.12, "parley", "a flat denial (\"X will never happen\"), read as Kent's almost certainly not" },
	{ "will not", 0.07, 0.02, 0.12, "parley", "a flat denial (\"X will not happen\"), read as Kent's almost certainly not" },
	{ "almost no chance", 0.03, 0.01, 0.05, "ICD 203", "ICD 203: almost no chance / remote, 1-5%" },
	{ "definitely not", 0.03, 0.01, 0.05, "parley", "a denial stronger than \"will not\", read as ICD 203's almost no chance" },
	{ "doomed in principle", 0.03, 0.01, 0.05, "parley", "read as ICD 203's almost no chance / remote, 1-5%" },
	{ "remote", 0.03, 0.01, 0.05, "ICD 203", "ICD 203: almost no chance / remote, 1-5%" },
	{ "impossible", 0.0, 0.0, 0.0, "Kent 1964", "Kent: impossibility, 0%" },
};

#define WORD_COUNT (sizeof(words) / sizeof(words[0]))

size_t parley_ledger_word_count(void)
{
	return WORD_COUNT;
}

const parley_ledger_word *parley_ledger_word_at(size_t i)
{
	return i < WORD_COUNT ? &words[i] : NULL;
}

/* Lower case, blanks trimmed and collapsed, a leading "the " dropped, into
 * `out` (size `cap`). Returns 0, or -1 when it does not fit. */
static int normalise(char *out, size_t cap, const char *in)
{
	size_t n = 0;
	int space = 0;

	while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
		in++;
	for (; *in; in++) {
		unsigned char c = (unsigned char)*in;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && n) {
			if (n + 1 >= cap)
				return -1;
			out[n++] = ' ';
		}
		space = 0;
		if (n + 1 >= cap)
			return -1;
		out[n++] = (char)(c < 0x80 ? tolower(c) : c);
	}
	out[n] = '\0';
	if (!strncmp(out, "the ", 4))
		memmove(out, out + 4, n - 3);
	return 0;
}

const parley_ledger_word *parley_ledger_word_lookup(const char *text)
{
	char key[64];
	size_t i;

	if (!text || normalise(key, sizeof(key), text) < 0)
		return NULL;
	for (i = 0; i < WORD_COUNT; i++)
		if (!strcmp(words[i].words, key))
			return &words[i];
	return NULL;
}

int parley_ledger__known_words(parley_buf *out)
{
	size_t i;
	int error;

	for (i = 0; i < WORD_COUNT; i++)
		if ((error = parley_buf__printf(out, "%s\"%s\"", i ? ", " : "", words[i].words)) < 0)
			return error;
	return 0;
}
