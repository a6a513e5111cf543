/*
 * parley/common.h - version, error codes, the last-error record and
 * caller-owned buffers shared by every parley module.
 *
 * Thread-safety: every function here is thread-safe. The last-error record
 * is per thread: a failing call on one thread never changes what another
 * thread reads from parley_error_last().
 */
#ifndef PARLEY_COMMON_H
#define PARLEY_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_VERSION_MAJOR 0
#define PARLEY_VERSION_MINOR 1
#define PARLEY_VERSION_PATCH 0
#define PARLEY_VERSION "0.1.0"

/** Return codes. 0 is success; every failure is negative. */
typedef enum {
	PARLEY_OK = 0,          /**< success */
	PARLEY_ERROR = -1,      /**< generic failure */
	PARLEY_ENOMEM = -2,     /**< an allocation failed */
	PARLEY_EINVAL = -3,     /**< an argument is out of its domain */
	PARLEY_EPARSE = -4,     /**< input is malformed; see the diagnostics */
	PARLEY_EIO = -5,        /**< reading or writing a file failed */
	PARLEY_ENOTFOUND = -6,  /**< a named object does not exist */
	PARLEY_EZEROWEIGHT = -7,/**< a model needs positive total weight */
	PARLEY_ENOSTATUSQUO = -8/**< a model needs a status quo the issue lacks */
} parley_error_code;

/** Error classes, for the last-error record. */
typedef enum {
	PARLEY_ERROR_NONE = 0,
	PARLEY_ERROR_NOMEMORY,
	PARLEY_ERROR_INVALID,
	PARLEY_ERROR_INPUT,
	PARLEY_ERROR_OS,
	PARLEY_ERROR_MODEL
} parley_error_class;

/** The last error recorded on the calling thread. */
typedef struct {
	int code;                 /**< the parley_error_code returned */
	parley_error_class klass; /**< broad class */
	char message[512];        /**< human-readable message, NUL-terminated */
} parley_error;

/**
 * The last error recorded on this thread by a parley call that failed.
 * Returns a pointer to thread-local storage, valid until the next failing
 * parley call on this thread; never NULL (an empty record when none).
 */
const parley_error *parley_error_last(void);

/** Forget this thread's last error. */
void parley_error_clear(void);

/** A short fixed English name for an error code ("out of memory", ...). */
const char *parley_error_str(int code);

/**
 * A growable byte buffer owned by the caller. Functions that produce text
 * append to it; `ptr` is always NUL-terminated when non-NULL.
 * Initialise with PARLEY_BUF_INIT, release with parley_buf_dispose().
 */
typedef struct {
	char *ptr;    /**< the bytes, NUL-terminated; NULL when empty */
	size_t size;  /**< bytes used, not counting the NUL */
	size_t asize; /**< bytes allocated */
} parley_buf;

#define PARLEY_BUF_INIT { NULL, 0, 0 }

/** Release the buffer's memory and reset it to empty. NULL is a no-op. */
void parley_buf_dispose(parley_buf *buf);

/**
 * Append `len` bytes of `s` to `out` as they may be shown on a terminal:
 * unchanged when they are valid UTF-8 without control characters (tab and
 * line feed allowed when `multiline` is non-zero) whose bidirectional
 * embeddings, overrides and isolates are balanced in each line -- the rule
 * every text the library reads must follow -- else with each character that
 * breaks it written as a visible escape ("\x1b", "\u0085", "\u202e").
 * @return 0 or PARLEY_ENOMEM.
 */
int parley_text_escape(parley_buf *out, const char *s, size_t len, int multiline);

/** The library's version string, e.g. "0.1.0". Static storage. */
const char *parley_version(void);

/**
 * Pluggable allocator (issue: allocation-failure tests, embedding).
 * All library allocations go through it. Set it before any other call;
 * setting it is not thread-safe. NULL restores the C library's allocator.
 */
typedef struct {
	void *(*malloc_fn)(size_t size, void *ud);
	void *(*realloc_fn)(void *ptr, size_t size, void *ud);
	void (*free_fn)(void *ptr, void *ud);
	void *ud;
} parley_allocator;

void parley_set_allocator(const parley_allocator *alloc);

#ifdef __cplusplus
}
#endif
#endif
