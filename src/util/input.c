/*
 * input.c - reading input files within their limits, for every reader
 * (scenarios, actor tables, backtest tables, ledger files, JSON results):
 * a file is read whole but never past its size limit, so that a huge file
 * or an endless stream (a pipe, /dev/zero) ends in a diagnostic rather than
 * in exhausting memory; and the first line longer than the line limit is
 * reported, before a parser spends time on it. And the SHA-256 that names
 * an input in every output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <nettle/sha2.h>
#include "diag_internal.h"

int parley__too_large(parley_diag_list *diags, const char *name, size_t size, size_t max_bytes)
{
	if (size > max_bytes)
		return parley_diag__add(diags, name, 0, 0, NULL,
			"the file is too large: %zu bytes (at most %zu)", size, max_bytes);
	return parley_diag__add(diags, name, 0, 0, NULL,
		"the file is too large: more than %zu bytes (at most %zu)", max_bytes, max_bytes);
}

int parley__long_line(parley_diag_list *diags, const char *name, const char *data,
	size_t len, size_t max_line_bytes)
{
	const char *p = data, *end = data + len, *eol;
	unsigned line = 1;

	for (; p < end; p = eol + 1, line++) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > max_line_bytes)
			return parley_diag__add(diags, name, line, 1, NULL,
				"line %u is too long: %zu bytes (at most %zu)", line,
				(size_t)(eol - p), max_line_bytes) < 0 ? PARLEY_ENOMEM : 1;
	}
	return 0;
}

int parley_read_file(parley_buf *out, const char *path, size_t max_bytes,
	parley_diag_list *diags)
{
	size_t start, got;
	FILE *fp;
	int error = 0;

	PARLEY_ASSERT_ARG(out && path && max_bytes > 0);
	start = out->size;
	if (!(fp = fopen(path, "rb")))
		return parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "cannot open '%s': %s",
			path, strerror(errno));
	/* One byte past the limit tells a file that is too large. */
	do {
		size_t want = max_bytes + 1 - (out->size - start);
		if (want > 65536)
			want = 65536;
		if (parley_buf__grow(out, want) < 0) {
			error = PARLEY_ENOMEM;
			break;
		}
		got = fread(out->ptr + out->size, 1, want, fp);
		out->size += got;
		out->ptr[out->size] = '\0';
	} while (got > 0 && out->size - start <= max_bytes);
	if (!error && ferror(fp))
		error = parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "cannot read '%s': %s",
			path, strerror(errno));
	if (!error && out->size - start > max_bytes) {
		/* State the file's real size when it has one (not a pipe or a device). */
		struct stat st;
		size_t size = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
			(size_t)st.st_size > max_bytes ? (size_t)st.st_size : 0;
		if (parley__too_large(diags, path, size, max_bytes) < 0)
			error = parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
		else
			error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
				"%s: 1 error in the input", path);
	}
	fclose(fp);
	if (error < 0) {
		out->size = start;
		if (out->ptr)
			out->ptr[start] = '\0';
	}
	return error;
}

void parley__sha256_hex(char out[65], const char *data, size_t len)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	static const char hex[] = "0123456789abcdef";
	size_t i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}
