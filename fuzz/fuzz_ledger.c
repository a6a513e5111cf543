/*
 * fuzz_ledger.c - libFuzzer target for the ledger import reader
 * (parley_ledger_doc_load_buffer: hand-written YAML or the exported JSON).
 * Every input is read from memory; a document that loads is applied to an
 * in-memory ledger (SQLite ":memory:"), read back as a view, scored and
 * rendered in every format, and the JSON export is read back again; the
 * export and the JSON score table must render as an HTML report (`parley
 * report` reads them: every ledger parley accepts gives a page). Nothing
 * may crash, hang or leak, and no score may be NaN or infinite.
 *
 *   build: cmake -S . -B build-fuzz -DBUILD_FUZZERS=ON -DCMAKE_C_COMPILER=clang
 *   run:   ./build-fuzz/fuzz/fuzz_ledger fuzz/corpus/ledger
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The report of a ledger's JSON (an export or a score table) must render. */
static void report(const parley_buf *json)
{
	parley_buf page = PARLEY_BUF_INIT;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	int rc = parley_report_html(&page, json->ptr, json->size, "ledger.json", NULL, &d);

	if (rc != 0 && rc != PARLEY_ENOMEM)
		abort();
	parley_buf_dispose(&page);
	parley_diag_list_dispose(&d);
}

static void roundtrip(const parley_ledger_doc *doc)
{
	parley_ledger_open_options oo = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger_apply_options ao = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	parley_ledger_score_options so = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_ledger *ledger = NULL;
	parley_ledger_view *view = NULL;
	parley_ledger_scores *scores = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	int fmt;

	oo.quick_check = 0;
	if (parley_ledger_open(&ledger, ":memory:", &oo) < 0)
		goto done;
	if (parley_ledger_apply(ledger, parley_ledger_doc_batch(doc), &ao, NULL, &diags) < 0)
		goto done;
	if (parley_ledger_view_load(&view, ledger, NULL) < 0)
		goto done;
	for (fmt = PARLEY_LEDGER_TEXT; fmt <= PARLEY_LEDGER_CSV; fmt++) {
		parley_ledger_render_view(&out, view, (parley_ledger_format)fmt);
		if (fmt == PARLEY_LEDGER_JSON) {
			parley_ledger_doc *again = NULL;
			parley_diag_list d2 = PARLEY_DIAG_LIST_INIT;
			if (parley_ledger_doc_load_buffer(&again, out.ptr, out.size, "export.json", &d2) < 0)
				abort(); /* the export must read back */
			report(&out);
			parley_ledger_doc_free(again);
			parley_diag_list_dispose(&d2);
		}
		parley_buf_dispose(&out);
	}
	if (parley_ledger_scores_compute(&scores, view, &so) == 0)
		for (fmt = PARLEY_LEDGER_TEXT; fmt <= PARLEY_LEDGER_CSV; fmt++) {
			parley_ledger_render_scores(&out, scores, (parley_ledger_format)fmt);
			if (fmt == PARLEY_LEDGER_JSON)
				report(&out);
			parley_buf_dispose(&out);
		}
done:
	parley_ledger_scores_free(scores);
	parley_ledger_view_free(view);
	parley_ledger_free(ledger);
	parley_diag_list_dispose(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_ledger_doc *doc = NULL;

	if (size > 1 << 16)
		return 0;
	if (parley_ledger_doc_load_buffer(&doc, (const char *)data, size, "fuzz.yaml", &diags) == 0)
		roundtrip(doc);
	parley_ledger_doc_free(doc);
	parley_diag_list_dispose(&diags);
	return 0;
}
