/*
 * html.c - the HTML report from a JSON result (parley/report.h): the page
 * and, with an SVG directory, each chart as its own file there, staged in
 * the command's outputs (outfile.c), which writes them all or none. Shared
 * by `parley report` and `parley forecast --html FILE [--svg DIR]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* Print why the report could not be rendered; the exit status. */
static int report_failed(int rc, const parley_diag_list *diags)
{
	if (rc == PARLEY_EPARSE && diags->count) {
		cli_print_diags(diags);
		return EXIT_USAGE;
	}
	fprintf(stderr, "parley: %s\n", parley_error_last()->message);
	return rc == PARLEY_EPARSE ? EXIT_USAGE : EXIT_RUNTIME;
}

int cli_write_report(cli_outputs *o, const char *page_opt, const char *path, const char *svg_dir,
	const char *json, size_t len, const char *name, const parley_report_options *opts)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_report_chart_list charts = PARLEY_REPORT_CHART_LIST_INIT;
	parley_buf html = PARLEY_BUF_INIT;
	char *file = NULL;
	size_t i;
	int rc, status = 0;

	if (path) {
		rc = parley_report_html(&html, json, len, name, opts, &diags);
		if (rc < 0) {
			status = report_failed(rc, &diags);
			goto done;
		}
	}
	if (svg_dir) {
		rc = parley_report_charts(&charts, json, len, name, opts, &diags);
		if (rc < 0) {
			status = report_failed(rc, &diags);
			goto done;
		}
	}
	if (path && (status = cli_outputs_add(o, page_opt, path, html.ptr, html.size)) != 0)
		goto done;
	if (svg_dir) {
		size_t dlen = strlen(svg_dir);
		if ((status = cli_outputs_make_dir(o, svg_dir)) != 0)
			goto done;
		for (i = 0; i < charts.count; i++) {
			const parley_report_chart *ch = &charts.items[i];
			free(file);
			file = malloc(dlen + strlen(ch->name) + 2);
			if (!file) {
				fprintf(stderr, "parley: out of memory\n");
				status = EXIT_RUNTIME;
				goto done;
			}
			sprintf(file, "%s/%s", svg_dir, ch->name);
			if ((status = cli_outputs_add(o, "--svg", file, ch->svg.ptr, ch->svg.size)) != 0)
				goto done;
		}
	}
done:
	free(file);
	parley_buf_dispose(&html);
	parley_report_chart_list_dispose(&charts);
	parley_diag_list_dispose(&diags);
	return status;
}

int cli_write_html(cli_outputs *o, const char *page_opt, const char *path, const char *svg_dir,
	const parley_buf *json, const char *name)
{
	parley_report_options opts = PARLEY_REPORT_OPTIONS_INIT;

	/* Our own result, from a scenario within its limits: no size limit. */
	opts.max_bytes = json->size ? json->size : 1;
	return cli_write_report(o, page_opt, path, svg_dir, json->ptr ? json->ptr : "", json->size, name,
		&opts);
}
