/*
 * load.c - loading a scenario: reading the bytes within their limits,
 * checking UTF-8, hashing them with SHA-256, and handing them to the YAML
 * reader (yaml_reader.c) or the CSV reader (csv_reader.c), which fill the
 * scenario object (src/lib/scenario). The readers sit above the models
 * because a stage's `model:` names an entry of the model table.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader_internal.h"

static void position_of(const char *data, size_t off, unsigned *line, unsigned *col)
{
	size_t i;
	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n') { (*line)++; *col = 1; }
		else if (((unsigned char)data[i] & 0xC0) != 0x80) (*col)++;
	}
}

static int ends_with_csv(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n >= 4 && (!strcmp(name + n - 4, ".csv") || !strcmp(name + n - 4, ".CSV"));
}

int parley_scenario_load_buffer(parley_scenario **out, const char *data,
	size_t len, const char *name, const parley_load_options *opts,
	parley_diag_list *diags)
{
	parley_load_options defaults = PARLEY_LOAD_OPTIONS_INIT;
	parley_reader r;
	parley_scenario *s;
	parley_input_format fmt;
	size_t bad, max_bytes, first_diag = diags ? diags->count : 0;
	int error = 0;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(data || len == 0);
	if (!opts)
		opts = &defaults;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_LOAD_OPTIONS_VERSION);
	/* An issue's scale is an interval lo < hi of finite numbers. */
	PARLEY_ASSERT_ARG(!opts->has_scale || (isfinite(opts->scale_lo) &&
		isfinite(opts->scale_hi) && opts->scale_lo < opts->scale_hi));
	if (!name)
		name = "<input>";

	memset(&r, 0, sizeof(r));
	r.diags = diags;
	r.file = name;
	r.opts = opts;
	max_bytes = opts->max_bytes ? opts->max_bytes : PARLEY_MAX_INPUT_BYTES;

	if (len == 0) {
		parley_reader__error(&r, 1, 1, "a scenario in YAML or an actor table in CSV",
			"the file is empty");
		goto parse_failed;
	}
	if (len > max_bytes || (error = parley__long_line(diags, name, data, len,
			opts->max_line_bytes ? opts->max_line_bytes : PARLEY_MAX_LINE_BYTES)) != 0) {
		if (len > max_bytes)
			error = parley__too_large(diags, name, len, max_bytes);
		r.oom = error < 0;
		r.errors++;
		goto parse_failed;
	}
	/* The first NUL byte or invalid UTF-8 sequence, whichever comes first. */
	bad = parley__utf8_invalid_at((const unsigned char *)data, len);
	{
		const char *nul = memchr(data, '\0', bad);
		if (nul)
			bad = (size_t)(nul - data);
	}
	if (bad < len) {
		unsigned line, col;
		position_of(data, bad, &line, &col);
		if (data[bad] == '\0')
			parley_reader__error(&r, line, col, "text without NUL bytes",
				"the file holds a NUL byte (at offset %zu)", bad);
		else
			parley_reader__error(&r, line, col, "UTF-8 text",
				"the file is not valid UTF-8 text (byte 0x%02x at offset %zu)",
				(unsigned)(unsigned char)data[bad], bad);
		goto parse_failed;
	}

	s = parley__calloc(1, sizeof(*s));
	if (!s)
		return PARLEY_ENOMEM;
	r.s = s;
	parley__sha256_hex(s->sha256, data, len);
	s->path = parley_arena__strndup(&s->arena, name, strlen(name));
	if (!s->path) {
		parley_scenario_free(s);
		return PARLEY_ENOMEM;
	}

	fmt = opts->format;
	if (fmt == PARLEY_FORMAT_AUTO)
		fmt = ends_with_csv(name) ? PARLEY_FORMAT_ACTOR_CSV : PARLEY_FORMAT_YAML;
	if (fmt == PARLEY_FORMAT_ACTOR_CSV)
		error = parley_csv__read(&r, data, len);
	else
		error = parley_yaml__read(&r, data, len);

	if (r.oom || error == PARLEY_ENOMEM) {
		parley_scenario_free(s);
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	}
	if (error < 0 || r.errors) {
		parley_scenario_free(s);
		goto parse_failed;
	}
	parley_diag__sort(diags, first_diag); /* the warnings */
	s->capability_max = parley_scenario__capability_max(s);
	*out = s;
	return 0;

parse_failed:
	parley_diag__sort(diags, first_diag);
	if (r.errors > PARLEY_MAX_DIAGS &&
	    parley_diag__add(diags, name, 0, 0, "fewer errors: fix these and validate again",
		"too many errors: %zu found, the first %d are shown", r.errors, PARLEY_MAX_DIAGS) < 0)
		r.oom = 1;
	if (r.oom)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
		"%s: %zu error%s in the input", name, r.errors, r.errors == 1 ? "" : "s");
}

int parley_scenario_load_file(parley_scenario **out, const char *path,
	const parley_load_options *opts, parley_diag_list *diags)
{
	parley_load_options defaults = PARLEY_LOAD_OPTIONS_INIT;
	parley_buf data = PARLEY_BUF_INIT;
	int error;

	PARLEY_ASSERT_ARG(out && path);
	*out = NULL;
	if (!opts)
		opts = &defaults;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_LOAD_OPTIONS_VERSION);
	error = parley_read_file(&data, path, opts->max_bytes ? opts->max_bytes :
		PARLEY_MAX_INPUT_BYTES, diags);
	if (error == 0)
		error = parley_scenario_load_buffer(out, data.ptr ? data.ptr : "", data.size, path,
			opts, diags);
	parley_buf_dispose(&data);
	return error;
}

