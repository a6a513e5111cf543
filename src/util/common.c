/*
 * common.c - what parley/common.h declares that no other file of src/util
 * owns: the per-thread last-error record (libgit2's git_error_last
 * pattern), the names of the error codes, the version. The record is
 * thread-local storage, so the library keeps no shared mutable state and
 * stays reentrant.
 */
#include <stdio.h>
#include <string.h>
#include "parley/common.h"
#include "internal.h"

static _Thread_local parley_error last_error;

const parley_error *parley_error_last(void)
{
	return &last_error;
}

void parley_error_clear(void)
{
	memset(&last_error, 0, sizeof(last_error));
}

int parley__error(int code, parley_error_class klass, const char *fmt, ...)
{
	va_list ap;

	last_error.code = code;
	last_error.klass = klass;
	va_start(ap, fmt);
	vsnprintf(last_error.message, sizeof(last_error.message), fmt, ap);
	va_end(ap);
	return code;
}

const char *parley_error_str(int code)
{
	switch (code) {
	case PARLEY_OK: return "success";
	case PARLEY_ERROR: return "error";
	case PARLEY_ENOMEM: return "out of memory";
	case PARLEY_EINVAL: return "invalid argument";
	case PARLEY_EPARSE: return "invalid input";
	case PARLEY_EIO: return "input/output error";
	case PARLEY_ENOTFOUND: return "not found";
	case PARLEY_EZEROWEIGHT: return "total weight is zero";
	case PARLEY_ENOSTATUSQUO: return "no status quo";
	default: return "unknown error";
	}
}

const char *parley_version(void)
{
	return PARLEY_VERSION;
}
