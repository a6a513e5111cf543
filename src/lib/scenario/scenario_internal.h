/*
 * scenario_internal.h - the scenario object and what the readers share.
 *
 * Invariants of a loaded parley_scenario:
 * - every string is NUL-terminated and lives in the scenario's arena;
 * - issue and actor ids are unique identifiers;
 * - stances hold issue_count * actor_count entries, row-major by issue
 *   (stance of actor a on issue i at [i * actor_count + a]);
 * - every present stance has a position on its issue's scale, salience in
 *   [0, 100] and capability >= 0, all finite;
 * - every source index is -1 or < source_count.
 */
#ifndef PARLEY_SCENARIO_INTERNAL_H
#define PARLEY_SCENARIO_INTERNAL_H

/* Default limits of the readers (parley_load_options; docs: scenario.h). */
#define PARLEY__MAX_ACTORS ((size_t)100000)
#define PARLEY__MAX_ISSUES ((size_t)10000)
#define PARLEY__MAX_STANCES ((size_t)10000000)
/* Largest magnitude of an issue's scale ends (docs/scenario-format.md). */
#define PARLEY__MAX_SCALE 1e12

#include "internal.h"
#include "arena.h"
#include "diag_internal.h"
#include "parley/scenario.h"

struct parley_scenario {
	parley_arena arena;
	const char *path;
	char sha256[65];
	const char *title, *date, *description;

	parley_document *documents;
	size_t document_count;
	parley_source *sources;
	size_t source_count, source_alloc;

	parley_issue *issues;
	size_t issue_count;
	parley_actor *actors;
	size_t actor_count;
	parley_stance *stances;
	parley_venue *venues;
	size_t venue_count;
	parley_stage *stages;
	size_t stage_count;
	parley_ratification *ratifications;
	size_t ratification_count;
	parley_default_uncertainty defaults[PARLEY_TARGET_COUNT]; /* in percent of the reference width */
	double capability_max;     /* the largest capability (parley_scenario_capability_max) */
	parley_package_spec *packages;
	size_t package_count;
};

/* Reader state shared by the YAML and CSV readers. */
typedef struct {
	parley_scenario *s;
	parley_diag_list *diags;
	const char *file;
	size_t errors;   /* diagnostics added by this load */
	size_t warnings; /* warnings added by this load (not errors) */
	int oom;         /* an allocation failed: stop and return PARLEY_ENOMEM */
	const parley_load_options *opts;
} parley_reader;

/* Diagnostics kept per load; more are counted and summarised. */
#define PARLEY_MAX_DIAGS 100

void parley_reader__error(parley_reader *r, unsigned line, unsigned col,
	const char *expected, const char *fmt, ...) PARLEY__PRINTF(5, 6);
void parley_reader__verror(parley_reader *r, unsigned line, unsigned col,
	const char *expected, const char *fmt, va_list ap);
/* A warning: appended with severity PARLEY_DIAG_WARNING, not counted as an
 * error (the load succeeds); at most PARLEY_MAX_DIAGS are kept. */
void parley_reader__warning(parley_reader *r, unsigned line, unsigned col,
	const char *fmt, ...) PARLEY__PRINTF(4, 5);

/* Readers: fill r->s from the bytes (already checked to be UTF-8). */
/* The largest capability of the actors present (actors' and per-issue
 * overrides): the reference width of the capability default. */
double parley_scenario__capability_max(const parley_scenario *s);

/* Append a source; returns its index or -1 on OOM. */
int parley_scenario__add_source(parley_scenario *s, const parley_source *src);

#endif
