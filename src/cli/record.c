/*
 * record.c - `parley forecast ... --record [--db FILE]`: store a finished
 * forecast's questions and forecasts in the ledger (parley/ledger.h,
 * docs/ledger.md). cmd_forecast.c calls cli_record_forecast().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

/* The forecasts' date: $PARLEY_DATE (checked), else today in UTC. */
static int record_date(char out[11])
{
	const char *env = getenv("PARLEY_DATE");
	time_t now;
	struct tm tm;

	if (env && env[0]) {
		if (!parley_ledger_date_valid(env)) {
			fprintf(stderr, "parley: PARLEY_DATE='%s' is not a date YYYY-MM-DD\n", env);
			return EXIT_USAGE;
		}
		memcpy(out, env, 11);
		return 0;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !gmtime_r(&now, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10) {
		fprintf(stderr, "parley: cannot read today's date\n");
		return EXIT_RUNTIME;
	}
	return 0;
}

int cli_record_forecast(const char *db_path, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc, const char *input_path)
{
	parley_ledger_record_options ro = PARLEY_LEDGER_RECORD_OPTIONS_INIT;
	parley_ledger_apply_options ao = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	parley_ledger_apply_stats stats;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_buf defpath = PARLEY_BUF_INIT;
	parley_ledger_doc *doc = NULL;
	parley_ledger *l = NULL;
	char date[11], *id = NULL;
	int status, rc;

	if ((status = record_date(date)) != 0)
		return status;
	ro.date = date;
	if (input_path) {
		/* The question ids start with the input's base name without extension. */
		const char *base = strrchr(input_path, '/'), *dot;
		base = base ? base + 1 : input_path;
		dot = strrchr(base, '.');
		id = dot && dot != base ? strndup(base, (size_t)(dot - base)) : strdup(base);
		if (!id) {
			fprintf(stderr, "parley: out of memory\n");
			return EXIT_RUNTIME;
		}
		ro.scenario_id = id[0] ? id : NULL;
		ro.source = input_path;
	}
	if (parley_ledger_doc_from_forecast(&doc, s, f, mc, &ro) < 0) {
		fprintf(stderr, "parley: cannot record the forecast: %s\n", parley_error_last()->message);
		free(id);
		return EXIT_RUNTIME;
	}
	if (!db_path) {
		if (parley_ledger_default_path(&defpath, 1) < 0) {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			status = EXIT_RUNTIME;
			goto done;
		}
		db_path = defpath.ptr;
	}
	if (parley_ledger_open(&l, db_path, NULL) < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
		goto done;
	}
	ao.file = db_path;
	rc = parley_ledger_apply(l, parley_ledger_doc_batch(doc), &ao, &stats, &diags);
	if (rc == PARLEY_EPARSE) {
		/* The ledger already holds one of these questions with another kind. */
		cli_print_diags(&diags);
		fprintf(stderr, "parley: nothing was recorded in %s\n", db_path);
		status = EXIT_RUNTIME;
	} else if (rc < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else {
		fprintf(stderr, "parley: recorded %zu forecasts (%zu new questions) dated %s in %s\n",
			stats.forecasts_added, stats.questions_added, date, db_path);
	}
done:
	parley_diag_list_dispose(&diags);
	parley_ledger_free(l);
	parley_ledger_doc_free(doc);
	parley_buf_dispose(&defpath);
	free(id);
	return status;
}
