/*
 * html.c - writing the HTML report from a JSON result (parley/report.h):
 * the page atomically to a file (or standard output), and with an SVG
 * directory each chart as its own file there, also atomically. Shared by
 * `parley report` and `parley forecast --html FILE [--svg DIR]`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

/* Make `dir` unless it exists as a directory. 0 or -1 after printing why. */
static int ensure_dir(const char *dir)
{
	struct stat st;
	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		errno = ENOTDIR;
	fprintf(stderr, "parley: cannot create the directory '%s': %s\n", dir, strerror(errno));
	return -1;
}

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

int cli_write_report(const char *path, const char *svg_dir, const char *json, size_t len,
	const char *name, const parley_report_options *opts)
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
	if (path && cli_write_output(path, html.ptr ? html.ptr : "", html.size) < 0) {
		status = EXIT_RUNTIME;
		goto done;
	}
	if (svg_dir) {
		size_t dlen = strlen(svg_dir);
		if (ensure_dir(svg_dir) < 0) {
			status = EXIT_RUNTIME;
			goto done;
		}
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
			if (cli_write_output(file, ch->svg.ptr ? ch->svg.ptr : "", ch->svg.size) < 0) {
				status = EXIT_RUNTIME;
				goto done;
			}
		}
	}
done:
	free(file);
	parley_buf_dispose(&html);
	parley_report_chart_list_dispose(&charts);
	parley_diag_list_dispose(&diags);
	return status;
}

int cli_write_html(const char *path, const char *svg_dir, const parley_buf *json, const char *name)
{
	parley_report_options opts = PARLEY_REPORT_OPTIONS_INIT;

	/* Our own result, from a scenario within its limits: no size limit. */
	opts.max_bytes = json->size ? json->size : 1;
	return cli_write_report(path, svg_dir, json->ptr ? json->ptr : "", json->size, name, &opts);
}
