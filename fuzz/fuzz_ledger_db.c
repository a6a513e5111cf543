/*
 * fuzz_ledger_db.c - libFuzzer target for ledger files themselves (issue
 * 21: a ledger from someone else is untrusted): every input is written to
 * a temporary file and opened as a ledger, read-only (view, scores,
 * rendering in every format, check, the report of its JSON export) and
 * then for writing (one forecast added). Nothing may crash, hang or leak;
 * an open for writing must never succeed on a file whose schema is not
 * parley's; and the JSON export of a ledger that is read must import.
 *
 *   build: cmake -S . -B build-fuzz -DBUILD_FUZZERS=ON -DCMAKE_C_COMPILER=clang
 *   run:   ./build-fuzz/fuzz/fuzz_ledger_db fuzz/corpus/ledger_db
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void remove_all(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char name[300];
	size_t k;
	for (k = 0; k < sizeof(suffix) / sizeof(suffix[0]); k++) {
		snprintf(name, sizeof(name), "%s%s", path, suffix[k]);
		unlink(name);
	}
}

static void read_side(const char *path)
{
	parley_ledger_open_options oo = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger_score_options so = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	parley_ledger *l = NULL;
	parley_ledger_view *v = NULL;
	parley_ledger_scores *scores = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	size_t problems = 0;
	int fmt;

	oo.read_only = 1;
	oo.busy_timeout_ms = 0;
	if (parley_ledger_open(&l, path, &oo) < 0)
		return;
	parley_ledger_check(&out, l, &problems);
	parley_buf_dispose(&out);
	if (parley_ledger_view_load(&v, l, NULL) == 0) {
		for (fmt = PARLEY_LEDGER_TEXT; fmt <= PARLEY_LEDGER_CSV; fmt++) {
			if (parley_ledger_render_view(&out, v, (parley_ledger_format)fmt) == 0 &&
			    fmt == PARLEY_LEDGER_JSON) {
				parley_ledger_doc *doc = NULL;
				parley_diag_list d = PARLEY_DIAG_LIST_INIT;
				parley_buf page = PARLEY_BUF_INIT;
				int rc = parley_ledger_doc_load_buffer(&doc, out.ptr, out.size, "export.json", &d);
				if (rc < 0 && rc != PARLEY_ENOMEM)
					abort(); /* the export of a ledger that is read must import */
				parley_ledger_doc_free(doc);
				parley_diag_list_dispose(&d);
				rc = parley_report_html(&page, out.ptr, out.size, "export.json", NULL, &d);
				if (rc < 0 && rc != PARLEY_ENOMEM)
					abort(); /* and render */
				parley_buf_dispose(&page);
				parley_diag_list_dispose(&d);
			}
			parley_buf_dispose(&out);
		}
		if (parley_ledger_scores_compute(&scores, v, &so) == 0)
			for (fmt = PARLEY_LEDGER_TEXT; fmt <= PARLEY_LEDGER_CSV; fmt++) {
				parley_ledger_render_scores(&out, scores, (parley_ledger_format)fmt);
				parley_buf_dispose(&out);
			}
	}
	parley_ledger_scores_free(scores);
	parley_ledger_view_free(v);
	parley_ledger_free(l);
}

static void write_side(const char *path)
{
	parley_ledger_open_options oo = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger_forecast f;
	parley_ledger_batch b;
	parley_ledger *l = NULL;

	oo.create = 0;
	oo.busy_timeout_ms = 0;
	if (parley_ledger_open(&l, path, &oo) < 0)
		return;
	if (parley_ledger_schema_problems(l))
		abort(); /* never written when its schema is not parley's */
	memset(&f, 0, sizeof(f));
	f.question = "fuzz/q";
	f.forecaster = "fuzz";
	f.date = "2024-01-01";
	f.probability = 0.5;
	f.value = f.p_lo = f.p_hi = NAN;
	memset(&b, 0, sizeof(b));
	b.forecasts = &f;
	b.forecast_count = 1;
	(void)parley_ledger_apply(l, &b, NULL, NULL, NULL);
	parley_ledger_free(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	FILE *fp;

	if (size > 1 << 16)
		return 0;
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-ledger-db-%ld.sqlite", (long)getpid());
	remove_all(path);
	fp = fopen(path, "wb");
	if (!fp)
		return 0;
	if (fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		remove_all(path);
		return 0;
	}
	fclose(fp);
	read_side(path);
	write_side(path);
	remove_all(path);
	return 0;
}
