/*
 * ledger_internal.h - what the ledger's files share (ledger.c: the
 * database; ledger_words.c: the word table; ledger_read.c: ledger files;
 * ledger_record.c: model forecasts; ledger_score.c: scores;
 * ledger_output.c: text, JSON and CSV).
 *
 * Invariants of a parley_ledger_doc: every string lives in its arena; the
 * arrays hold `count` initialised entries and have room for `alloc`.
 */
#ifndef PARLEY_LEDGER_INTERNAL_H
#define PARLEY_LEDGER_INTERNAL_H

#include <sqlite3.h>
#include "internal.h"
#include "arena.h"
#include "diag_internal.h"
#include "parley/ledger.h"

struct parley_ledger {
	sqlite3 *db;
	char *path;
	int schema_before;
	int read_only;          /* opened with opts->read_only: never written */
	char *schema_problems;  /* what differs from parley's schema, or NULL */
};

struct parley_ledger_doc {
	parley_arena arena;
	parley_ledger_batch batch;      /* points at the arrays below */
	parley_ledger_question *questions;
	size_t question_alloc;
	parley_ledger_forecast *forecasts;
	size_t forecast_alloc;
	parley_ledger_resolution *resolutions;
	size_t resolution_alloc;
};

struct parley_ledger_view {
	parley_arena arena;
	parley_ledger_entry *entries;
	size_t entry_count, entry_alloc;
	parley_ledger_forecast *forecasts;
	size_t forecast_count, forecast_alloc;
	size_t escaped;  /* text fields shown escaped (they break the rule of text.c) */
};

struct parley_ledger_scores {
	parley_arena arena;
	parley_ledger_score_options opts;
	parley_ledger_score_row *rows;
	size_t count;
};

/* Growing the document's arrays: a pointer to a zeroed new entry, or NULL. */
parley_ledger_doc *parley_ledger__doc_new(void);
parley_ledger_question *parley_ledger__doc_question(parley_ledger_doc *d);
parley_ledger_forecast *parley_ledger__doc_forecast(parley_ledger_doc *d);
parley_ledger_resolution *parley_ledger__doc_resolution(parley_ledger_doc *d);
/* A forecast with every number NaN and every string NULL. */
void parley_ledger__forecast_init(parley_ledger_forecast *f);

/* The known words, quoted and comma-separated, appended to `out`. */
int parley_ledger__known_words(parley_buf *out);

/* Whether `id` is acceptable as a question id or forecaster name: 1 to 500
 * bytes, no control characters, not only blanks. */
int parley_ledger__name_valid(const char *id);

#endif
