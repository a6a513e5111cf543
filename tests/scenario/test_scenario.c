/*
 * test_scenario.c - loading scenarios from memory and files through the
 * public API of parley/scenario.h and parley/diag.h.
 *
 * Where the expected values come from:
 *  - test_scenario_yaml__*: the YAML strings below, read by hand against
 *    docs/scenario-format.md (every number asserted is written literally in
 *    the input; labels must come back ascending, an omitted issue means "no
 *    part in it", a per-issue `capability` overrides the actor's, the
 *    uncertainty forms fill parley_coded.dist/p[] as scenario.h documents);
 *  - test_scenario_meta__sha256: `printf ... | sha256sum`, run once by hand
 *    on the exact bytes of HASH_YAML (value in the comment there);
 *  - test_scenario_csv__*: docs/scenario-format.md "Actor tables (CSV)"
 *    (issue id = base name without extension, id = lower-case name with
 *    spaces, commas and '/' replaced by '-', scale [0, 100] by default);
 *  - test_scenario_errors__*: docs/scenario-format.md "Error messages"
 *    (FILE:LINE:COL, 1-based, pointing at the offending key or value,
 *    sorted by position), columns counted by hand in the inputs below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"

/* ------------------------------------------------------------------ */
/* inputs                                                               */
/* ------------------------------------------------------------------ */

/* A two-issue, three-actor scenario using every feature the accessors
 * expose. Line numbers (1-based) matter for the source `line` checks:
 * line 17 holds the status quo of `tariffs`. */
static const char FULL_YAML[] =
	"parley: 1\n"                                                     /*  1 */
	"title: \"Tariff talks, round 3\"\n"                              /*  2 */
	"date: \"2023-04-17\"\n"                                          /*  3 */
	"description: \"Two issues, three actors.\"\n"                    /*  4 */
	"documents:\n"                                                    /*  5 */
	"  - id: memo-7\n"                                                /*  6 */
	"    title: \"Internal memo 7\"\n"                                /*  7 */
	"    publisher: \"Trade desk\"\n"                                 /*  8 */
	"    date: \"2023-03-02\"\n"                                      /*  9 */
	"    location: \"memos/7.txt\"\n"                                 /* 10 */
	"  - id: note-b\n"                                                /* 11 */
	"    title: \"Undated note\"\n"                                   /* 12 */
	"issues:\n"                                                       /* 13 */
	"  - id: tariffs\n"                                               /* 14 */
	"    title: \"Tariff cut\"\n"                                     /* 15 */
	"    labels: {87.5: \"almost full\", 12.25: \"token\", 50: \"half\"}\n" /* 16 */
	"    status_quo: {value: 17.75, source: {judgement: \"current applied rate\"}}\n" /* 17 */
	"    zones:\n"                                                    /* 18 */
	"      - {name: \"little change\", range: [0, 22.5]}\n"           /* 19 */
	"      - {name: \"broad cut\", range: [55.5, 80]}\n"              /* 20 */
	"  - id: quotas\n"                                                /* 21 */
	"    title: \"Quota size\"\n"                                     /* 22 */
	"    description: \"-2.5 = cut, 7.75 = raise\"\n"                 /* 23 */
	"    scale: [-2.5, 7.75]\n"                                       /* 24 */
	"actors:\n"                                                       /* 25 */
	"  - id: north\n"                                                 /* 26 */
	"    name: \"North\"\n"                                           /* 27 */
	"    capability: {value: 42.5, source: {document: memo-7, quote: \"North holds the purse\"}}\n" /* 28 */
	"    positions:\n"                                                /* 29 */
	"      tariffs:\n"                                                /* 30 */
	"        position: {value: 63.125, sd: 4.75}\n"                   /* 31 */
	"        salience: {value: 71, uniform: [55.5, 88]}\n"            /* 32 */
	"        red_line: [30.5, {value: 92, triangular: [85, 97.5]}]\n" /* 33 */
	"        source: {document: note-b}\n"                            /* 34 */
	"      quotas: {position: 2.385, salience: {low: 20, likely: 35.5, high: 61}, capability: 9.75}\n" /* 35 */
	"  - id: south\n"                                                 /* 36 */
	"    name: \"South\"\n"                                           /* 37 */
	"    capability: 27.25\n"                                         /* 38 */
	"    positions:\n"                                                /* 39 */
	"      tariffs: {position: 8.5, salience: 93}\n"                  /* 40 */
	"  - id: east\n"                                                  /* 41 */
	"    name: \"East Bloc\"\n"                                       /* 42 */
	"    capability: 30\n"                                            /* 43 */
	"    positions:\n"                                                /* 44 */
	"      tariffs: {position: 41.75, salience: 48, source: {judgement: \"read from speeches\", document: memo-7, quote: \"we can meet halfway\"}}\n" /* 45 */
	"      quotas: {position: -1.125, salience: 66.5}\n";             /* 46 */

/* sha256 of these exact bytes, computed once with
 *   printf 'parley: 1\ntitle: "Hash me"\nissues: [{id: i, title: I}]\nactors: [{id: a, name: A, capability: 2.5, positions: {i: {position: 40.125, salience: 60}}}]\n' | sha256sum
 * -> 6df420ed4b98cc037069dec3d7498c5692b4b5719429aa02df3a6934c4948143 */
static const char HASH_YAML[] =
	"parley: 1\n"
	"title: \"Hash me\"\n"
	"issues: [{id: i, title: I}]\n"
	"actors: [{id: a, name: A, capability: 2.5, positions: {i: {position: 40.125, salience: 60}}}]\n";
#define HASH_YAML_SHA256 "6df420ed4b98cc037069dec3d7498c5692b4b5719429aa02df3a6934c4948143"

/* printf 'Actor,Capability,Position,Salience\nA,1,2,3\n' | sha256sum */
#define HASH_CSV "Actor,Capability,Position,Salience\nA,1,2,3\n"
#define HASH_CSV_SHA256 "f7ee3fdcf22d7caba847ad81a3415e1b8f898665963bc94ff35053e9ed8d7e3a"

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

static parley_scenario *load_ok(const char *data, const char *name,
	const parley_load_options *opts)
{
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_scenario_load_buffer(&s, data, strlen(data), name, opts, &diags);
	size_t i;

	if (rc != 0) {
		for (i = 0; i < diags.count; i++)
			print_error("%s:%u:%u: %s\n", diags.items[i].file, diags.items[i].line,
				diags.items[i].column, diags.items[i].message);
	}
	assert_int_equal(rc, 0);
	/* warnings only (FULL_YAML has one: north's red line excludes the
	 * status quo, which every actor must agree to leave without venues) */
	for (i = 0; i < diags.count; i++)
		assert_int_equal(diags.items[i].severity, PARLEY_DIAG_WARNING);
	assert_non_null(s);
	parley_diag_list_dispose(&diags);
	return s;
}

/* The text parley_diag_format gives for one diagnostic. */
static char *format_diag(const parley_diag *d)
{
	parley_buf b = PARLEY_BUF_INIT;
	char *copy;

	assert_int_equal(parley_diag_format(&b, d), 0);
	assert_non_null(b.ptr);
	copy = strdup(b.ptr);
	parley_buf_dispose(&b);
	return copy;
}

static void assert_coded(const parley_coded *c, double value, parley_dist_kind dist,
	double p0, double p1, int source)
{
	assert_int_equal(c->present, 1);
	assert_true(c->value == value);
	assert_int_equal(c->dist, dist);
	if (dist != PARLEY_DIST_NONE)
		assert_true(c->p[0] == p0);
	if (dist == PARLEY_DIST_UNIFORM || dist == PARLEY_DIST_TRIANGULAR ||
	    dist == PARLEY_DIST_THREE_POINT)
		assert_true(c->p[1] == p1);
	assert_int_equal(c->source, source);
}

/* ------------------------------------------------------------------ */
/* YAML                                                                 */
/* ------------------------------------------------------------------ */

static void test_scenario_yaml__metadata(void **state)
{
	parley_scenario *s;

	(void)state;
	s = load_ok(FULL_YAML, "scenarios/tariffs.yaml", NULL);
	assert_string_equal(parley_scenario_title(s), "Tariff talks, round 3");
	assert_string_equal(parley_scenario_date(s), "2023-04-17");
	assert_string_equal(parley_scenario_description(s), "Two issues, three actors.");
	/* the recorded path is the name given to the loader, verbatim */
	assert_string_equal(parley_scenario_path(s), "scenarios/tariffs.yaml");
	assert_int_equal(strlen(parley_scenario_sha256(s)), 64);
	assert_int_equal(strspn(parley_scenario_sha256(s), "0123456789abcdef"), 64);
	parley_scenario_free(s);
}

/* Optional metadata left out -> NULL (scenario.h: "Strings may be NULL
 * when not given"); the SHA-256 of known bytes (see HASH_YAML). */
static void test_scenario_meta__sha256(void **state)
{
	parley_scenario *s;
	char *copy;

	(void)state;
	s = load_ok(HASH_YAML, "hash.yaml", NULL);
	assert_string_equal(parley_scenario_sha256(s), HASH_YAML_SHA256);
	assert_string_equal(parley_scenario_title(s), "Hash me");
	assert_null(parley_scenario_date(s));
	assert_null(parley_scenario_description(s));
	assert_int_equal(parley_scenario_document_count(s), 0);
	assert_int_equal(parley_scenario_source_count(s), 0);
	parley_scenario_free(s);

	/* The hash covers the bytes, not the name, and changes with one byte
	 * (40.125 -> 40.126 keeps the scenario valid). */
	s = load_ok(HASH_YAML, "other/name.yaml", NULL);
	assert_string_equal(parley_scenario_sha256(s), HASH_YAML_SHA256);
	parley_scenario_free(s);
	copy = strdup(HASH_YAML);
	assert_non_null(strstr(copy, "40.125"));
	strstr(copy, "40.125")[5] = '6';
	s = load_ok(copy, "hash.yaml", NULL);
	assert_string_not_equal(parley_scenario_sha256(s), HASH_YAML_SHA256);
	parley_scenario_free(s);
	free(copy);

	s = load_ok(HASH_CSV, "h.csv", NULL);
	assert_string_equal(parley_scenario_sha256(s), HASH_CSV_SHA256);
	parley_scenario_free(s);
}

static void test_scenario_yaml__documents(void **state)
{
	parley_scenario *s;
	const parley_document *d;

	(void)state;
	s = load_ok(FULL_YAML, "tariffs.yaml", NULL);
	assert_int_equal(parley_scenario_document_count(s), 2);
	d = parley_scenario_document(s, 0);
	assert_non_null(d);
	assert_string_equal(d->id, "memo-7");
	assert_string_equal(d->title, "Internal memo 7");
	assert_string_equal(d->publisher, "Trade desk");
	assert_string_equal(d->date, "2023-03-02");
	assert_string_equal(d->location, "memos/7.txt");
	d = parley_scenario_document(s, 1);
	assert_non_null(d);
	assert_string_equal(d->id, "note-b");
	assert_string_equal(d->title, "Undated note");
	assert_null(d->publisher);
	assert_null(d->date);
	assert_null(d->location);
	assert_null(parley_scenario_document(s, 2));
	parley_scenario_free(s);
}

/* Sources are numbered in reading order: the status quo of `tariffs`
 * (line 17), North's capability (line 28), North's stance on `tariffs`
 * (line 34), East's stance on `tariffs` (line 45). */
static void test_scenario_yaml__sources(void **state)
{
	parley_scenario *s;
	const parley_source *src;
	const parley_stance *st;

	(void)state;
	s = load_ok(FULL_YAML, "tariffs.yaml", NULL);
	assert_int_equal(parley_scenario_source_count(s), 4);

	src = parley_scenario_source(s, 0);
	assert_non_null(src);
	assert_null(src->document);
	assert_null(src->quote);
	assert_string_equal(src->judgement, "current applied rate");
	assert_int_equal(src->line, 17);

	src = parley_scenario_source(s, 1);
	assert_string_equal(src->document, "memo-7");
	assert_string_equal(src->quote, "North holds the purse");
	assert_null(src->judgement);
	assert_int_equal(src->line, 28);

	src = parley_scenario_source(s, 2);
	assert_string_equal(src->document, "note-b");
	assert_null(src->quote);
	assert_null(src->judgement);
	assert_int_equal(src->line, 34);

	src = parley_scenario_source(s, 3);
	assert_string_equal(src->document, "memo-7");
	assert_string_equal(src->quote, "we can meet halfway");
	assert_string_equal(src->judgement, "read from speeches");
	assert_int_equal(src->line, 45);
	assert_null(parley_scenario_source(s, 4));

	/* who points at which source */
	assert_int_equal(parley_scenario_issue(s, 0)->status_quo.source, 0);
	assert_int_equal(parley_scenario_actor(s, 0)->capability.source, 1);
	st = parley_scenario_stance(s, 0, 0);
	assert_int_equal(st->source, 2);
	assert_int_equal(st->position.source, -1);
	st = parley_scenario_stance(s, 0, 2);
	assert_int_equal(st->source, 3);
	st = parley_scenario_stance(s, 0, 1);
	assert_int_equal(st->source, -1);
	parley_scenario_free(s);
}

static void test_scenario_yaml__issues(void **state)
{
	parley_scenario *s;
	const parley_issue *is;

	(void)state;
	s = load_ok(FULL_YAML, "tariffs.yaml", NULL);
	assert_int_equal(parley_scenario_issue_count(s), 2);

	is = parley_scenario_issue(s, 0);
	assert_non_null(is);
	assert_string_equal(is->id, "tariffs");
	assert_string_equal(is->title, "Tariff cut");
	assert_null(is->description);
	/* no `scale`: the default [0, 100] */
	assert_true(is->lo == 0.0);
	assert_true(is->hi == 100.0);
	/* written 87.5, 12.25, 50: stored ascending */
	assert_int_equal(is->label_count, 3);
	assert_true(is->labels[0].at == 12.25);
	assert_string_equal(is->labels[0].text, "token");
	assert_true(is->labels[1].at == 50.0);
	assert_string_equal(is->labels[1].text, "half");
	assert_true(is->labels[2].at == 87.5);
	assert_string_equal(is->labels[2].text, "almost full");
	/* status quo present, with its judgement as source 0 */
	assert_coded(&is->status_quo, 17.75, PARLEY_DIST_NONE, 0, 0, 0);
	assert_int_equal(is->zone_count, 2);
	assert_string_equal(is->zones[0].name, "little change");
	assert_true(is->zones[0].lo == 0.0 && is->zones[0].hi == 22.5);
	assert_string_equal(is->zones[1].name, "broad cut");
	assert_true(is->zones[1].lo == 55.5 && is->zones[1].hi == 80.0);

	is = parley_scenario_issue(s, 1);
	assert_non_null(is);
	assert_string_equal(is->id, "quotas");
	assert_string_equal(is->description, "-2.5 = cut, 7.75 = raise");
	assert_true(is->lo == -2.5);
	assert_true(is->hi == 7.75);
	assert_int_equal(is->status_quo.present, 0);
	assert_int_equal(is->label_count, 0);
	assert_int_equal(is->zone_count, 0);
	parley_scenario_free(s);
}

static void test_scenario_yaml__actors(void **state)
{
	parley_scenario *s;
	const parley_actor *a;

	(void)state;
	s = load_ok(FULL_YAML, "tariffs.yaml", NULL);
	assert_int_equal(parley_scenario_actor_count(s), 3);
	a = parley_scenario_actor(s, 0);
	assert_string_equal(a->id, "north");
	assert_string_equal(a->name, "North");
	assert_coded(&a->capability, 42.5, PARLEY_DIST_NONE, 0, 0, 1);
	a = parley_scenario_actor(s, 1);
	assert_string_equal(a->id, "south");
	assert_coded(&a->capability, 27.25, PARLEY_DIST_NONE, 0, 0, -1);
	a = parley_scenario_actor(s, 2);
	assert_string_equal(a->id, "east");
	assert_string_equal(a->name, "East Bloc");
	assert_coded(&a->capability, 30.0, PARLEY_DIST_NONE, 0, 0, -1);
	parley_scenario_free(s);
}

static void test_scenario_yaml__stances(void **state)
{
	parley_scenario *s;
	const parley_stance *st;

	(void)state;
	s = load_ok(FULL_YAML, "tariffs.yaml", NULL);

	/* North on tariffs (lines 31-34): sd, uniform, triangular red-line end;
	 * capability inherited from the actor (42.5, with the actor's source 1) */
	st = parley_scenario_stance(s, 0, 0);
	assert_non_null(st);
	assert_int_equal(st->present, 1);
	assert_coded(&st->position, 63.125, PARLEY_DIST_NORMAL, 4.75, 0, -1);
	assert_coded(&st->salience, 71.0, PARLEY_DIST_UNIFORM, 55.5, 88.0, -1);
	assert_coded(&st->capability, 42.5, PARLEY_DIST_NONE, 0, 0, 1);
	assert_int_equal(st->has_red_line, 1);
	assert_coded(&st->red_lo, 30.5, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->red_hi, 92.0, PARLEY_DIST_TRIANGULAR, 85.0, 97.5, -1);

	/* North on quotas (line 35): low/likely/high, likely is the value;
	 * per-issue capability 9.75 overrides 42.5 */
	st = parley_scenario_stance(s, 1, 0);
	assert_int_equal(st->present, 1);
	assert_coded(&st->position, 2.385, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->salience, 35.5, PARLEY_DIST_THREE_POINT, 20.0, 61.0, -1);
	assert_coded(&st->capability, 9.75, PARLEY_DIST_NONE, 0, 0, -1);
	assert_int_equal(st->has_red_line, 0);

	/* South on tariffs: plain numbers */
	st = parley_scenario_stance(s, 0, 1);
	assert_int_equal(st->present, 1);
	assert_coded(&st->position, 8.5, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->salience, 93.0, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->capability, 27.25, PARLEY_DIST_NONE, 0, 0, -1);
	assert_int_equal(st->has_red_line, 0);

	/* South omits quotas: takes no part */
	st = parley_scenario_stance(s, 1, 1);
	assert_non_null(st);
	assert_int_equal(st->present, 0);

	/* East on quotas: a negative position on the [-2.5, 7.75] scale */
	st = parley_scenario_stance(s, 1, 2);
	assert_int_equal(st->present, 1);
	assert_coded(&st->position, -1.125, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->salience, 66.5, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->capability, 30.0, PARLEY_DIST_NONE, 0, 0, -1);
	parley_scenario_free(s);
}

static void test_scenario_yaml__index_and_range(void **state)
{
	parley_scenario *s;

	(void)state;
	s = load_ok(FULL_YAML, "tariffs.yaml", NULL);
	assert_int_equal(parley_scenario_issue_index(s, "quotas"), 1);
	assert_int_equal(parley_scenario_issue_index(s, "tariffs"), 0);
	assert_int_equal(parley_scenario_issue_index(s, "Quotas"), -1); /* case-sensitive */
	assert_int_equal(parley_scenario_issue_index(s, "north"), -1);  /* an actor, not an issue */
	assert_int_equal(parley_scenario_issue_index(s, NULL), -1);
	assert_int_equal(parley_scenario_actor_index(s, "east"), 2);
	assert_int_equal(parley_scenario_actor_index(s, "south"), 1);
	assert_int_equal(parley_scenario_actor_index(s, "west"), -1);
	assert_int_equal(parley_scenario_actor_index(s, "tariffs"), -1);

	assert_null(parley_scenario_issue(s, 2));
	assert_null(parley_scenario_actor(s, 3));
	assert_null(parley_scenario_stance(s, 2, 0));
	assert_null(parley_scenario_stance(s, 0, 3));
	assert_null(parley_scenario_stance(s, (size_t)-1, (size_t)-1));
	assert_null(parley_scenario_document(s, 2));
	assert_null(parley_scenario_source(s, 4));
	parley_scenario_free(s);

	/* NULL scenario: no-op free, empty answers */
	parley_scenario_free(NULL);
	assert_null(parley_scenario_title(NULL));
	assert_int_equal(parley_scenario_issue_count(NULL), 0);
	assert_int_equal(parley_scenario_issue_index(NULL, "quotas"), -1);
	assert_null(parley_scenario_stance(NULL, 0, 0));
}

/* A file on disk gives the same scenario and hash as its bytes in memory. */
static void test_scenario_yaml__load_file_matches_buffer(void **state)
{
	const char *path = PARLEY_TEST_DIR "/data/minimal.yaml";
	parley_scenario *a = NULL, *b;
	char *data;
	size_t len;

	(void)state;
	data = tu_slurp(path, &len);
	assert_true(len > 0);

	assert_int_equal(parley_scenario_load_file(&a, path, NULL, NULL), 0);
	b = load_ok(data, path, NULL);
	assert_string_equal(parley_scenario_path(a), path);
	assert_string_equal(parley_scenario_sha256(a), parley_scenario_sha256(b));
	/* tests/data/minimal.yaml: title "Minimal test scenario", 2 issues, 3 actors */
	assert_string_equal(parley_scenario_title(a), "Minimal test scenario");
	assert_int_equal(parley_scenario_issue_count(a), 2);
	assert_int_equal(parley_scenario_actor_count(a), 3);
	/* North on quotas: position 2.385 */
	assert_true(parley_scenario_stance(a, 1, 0)->position.value == 2.385);
	parley_scenario_free(a);
	parley_scenario_free(b);
	free(data);
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */
/* ------------------------------------------------------------------ */

static void test_scenario_csv__actor_table(void **state)
{
	static const char csv[] =
		"Actor,Capability,Position,Salience\n"
		"United States,100,25.5,70\r\n"
		"\"Germany, Fed. Rep.\",35.25,40,50\n"
		"\n"
		"  Russia  , 100 , 97.125 , 90\n";
	parley_scenario *s;
	const parley_issue *is;
	const parley_actor *a;
	const parley_stance *st;

	(void)state;
	s = load_ok(csv, "dir/car-emissions.csv", NULL);
	assert_string_equal(parley_scenario_path(s), "dir/car-emissions.csv");
	/* the issue id (and the title) is the base name without extension */
	assert_string_equal(parley_scenario_title(s), "car-emissions");
	assert_int_equal(parley_scenario_issue_count(s), 1);
	is = parley_scenario_issue(s, 0);
	assert_string_equal(is->id, "car-emissions");
	assert_int_equal(parley_scenario_issue_index(s, "car-emissions"), 0);
	assert_true(is->lo == 0.0 && is->hi == 100.0);
	assert_int_equal(is->status_quo.present, 0);
	assert_int_equal(is->label_count, 0);
	assert_int_equal(is->zone_count, 0);
	assert_int_equal(parley_scenario_source_count(s), 0);
	assert_int_equal(parley_scenario_document_count(s), 0);

	assert_int_equal(parley_scenario_actor_count(s), 3);
	a = parley_scenario_actor(s, 0);
	assert_string_equal(a->id, "united-states");
	assert_string_equal(a->name, "United States");
	a = parley_scenario_actor(s, 1);
	/* lower case, ',' and ' ' -> '-': "germany--fed.-rep." */
	assert_string_equal(a->id, "germany--fed.-rep.");
	assert_string_equal(a->name, "Germany, Fed. Rep.");
	assert_true(a->capability.value == 35.25);
	a = parley_scenario_actor(s, 2);
	assert_string_equal(a->id, "russia"); /* spaces around cells ignored */
	assert_int_equal(parley_scenario_actor_index(s, "russia"), 2);

	st = parley_scenario_stance(s, 0, 1);
	assert_int_equal(st->present, 1);
	assert_coded(&st->position, 40.0, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->salience, 50.0, PARLEY_DIST_NONE, 0, 0, -1);
	assert_coded(&st->capability, 35.25, PARLEY_DIST_NONE, 0, 0, -1);
	assert_int_equal(st->has_red_line, 0);
	st = parley_scenario_stance(s, 0, 2);
	assert_true(st->position.value == 97.125);
	assert_true(st->salience.value == 90.0);
	st = parley_scenario_stance(s, 0, 0);
	assert_true(st->position.value == 25.5); /* CRLF line */
	parley_scenario_free(s);
}

/* has_scale: the scale comes from the options; forcing the CSV format
 * ignores the extension; the base name drops only the last extension. */
static void test_scenario_csv__scale_option(void **state)
{
	static const char csv[] =
		"Actor,Capability,Position,Salience\n"
		"A,3.5,-0.625,80\n"
		"B,1.25,0.875,35\n";
	parley_load_options opts = PARLEY_LOAD_OPTIONS_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_scenario *s;
	const parley_issue *is;

	(void)state;
	opts.has_scale = 1;
	opts.scale_lo = -1.0;
	opts.scale_hi = 1.0;
	s = load_ok(csv, "tables/votes.2019.csv", &opts);
	is = parley_scenario_issue(s, 0);
	assert_string_equal(is->id, "votes.2019");
	assert_true(is->lo == -1.0 && is->hi == 1.0);
	assert_true(parley_scenario_stance(s, 0, 0)->position.value == -0.625);
	parley_scenario_free(s);

	/* the same table on the default [0, 100] scale: -0.625 is off it
	 * (line 2, column 7 is the Position cell) */
	s = (parley_scenario *)&diags; /* must be reset to NULL */
	assert_int_equal(parley_scenario_load_buffer(&s, csv, strlen(csv), "votes.csv",
		NULL, &diags), PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 7);
	assert_string_equal(diags.items[0].message,
		"position out of range: -0.625 is outside [0, 100]");
	parley_diag_list_dispose(&diags);

	/* format forced: a name without .csv is read as an actor table */
	opts.format = PARLEY_FORMAT_ACTOR_CSV;
	s = load_ok(csv, "tables/ukraine-nato.txt", &opts);
	assert_string_equal(parley_scenario_issue(s, 0)->id, "ukraine-nato");
	parley_scenario_free(s);
}

/* has_scale with a scale that is not an interval lo < hi of finite
 * numbers: scenario.h promises every issue "lo < hi" and
 * docs/scenario-format.md requires `lo < hi` for a scale, so the load must
 * fail (PARLEY_EINVAL for bad options, or a diagnostic) rather than build
 * an issue on [5, 5] or [NaN, NaN]. Every position below lies "on" these
 * scales by the reader's comparisons. */
static void test_scenario_csv__bad_scale_option(void **state)
{
	static const char csv[] =
		"Actor,Capability,Position,Salience\n"
		"A,3.5,5,80\n"
		"B,1.25,5,35\n";
	static const double bounds[3][2] = { { 5.0, 5.0 }, { NAN, NAN }, { -INFINITY, INFINITY } };
	size_t k, accepted = 0;

	(void)state;
	for (k = 0; k < 3; k++) {
		parley_load_options opts = PARLEY_LOAD_OPTIONS_INIT;
		parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
		parley_scenario *s = (parley_scenario *)&opts;
		int rc;

		opts.has_scale = 1;
		opts.scale_lo = bounds[k][0];
		opts.scale_hi = bounds[k][1];
		rc = parley_scenario_load_buffer(&s, csv, strlen(csv), "flat.csv", &opts, &diags);
		if (rc == 0) {
			print_error("scale [%g, %g] accepted: issue on [%g, %g]\n", bounds[k][0],
				bounds[k][1], parley_scenario_issue(s, 0)->lo, parley_scenario_issue(s, 0)->hi);
			parley_scenario_free(s);
			accepted++;
		} else {
			assert_true(rc == PARLEY_EINVAL || rc == PARLEY_EPARSE);
			assert_null(s);
		}
		parley_diag_list_dispose(&diags);
	}
	assert_int_equal(accepted, 0);
}

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

/* Three problems in one stance (line 11), columns counted in the line
 *   "      tariffs: {position: 120, salince: 50}"
 * '{' is column 16, `position` 17, `120` 27, `salince` 32. A problem with
 * a mapping as a whole is placed on its opening '{' (yaml_reader.c
 * node_pos: "A collection starts at its first entry, or at the '{'"). */
static void test_scenario_errors__yaml_diagnostics(void **state)
{
	static const char bad[] =
		"parley: 1\n"
		"title: \"Bad\"\n"
		"issues:\n"
		"  - id: tariffs\n"
		"    title: \"Tariff cut\"\n"
		"actors:\n"
		"  - id: north\n"
		"    name: North\n"
		"    capability: 40\n"
		"    positions:\n"
		"      tariffs: {position: 120, salince: 50}\n";
	parley_scenario *s = (parley_scenario *)&state; /* a non-NULL sentinel */
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	char *text;

	parley_error_clear();
	assert_int_equal(parley_scenario_load_buffer(&s, bad, strlen(bad), "bad.yaml",
		NULL, &diags), PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(parley_error_last()->code, PARLEY_EPARSE);
	assert_non_null(strstr(parley_error_last()->message, "bad.yaml"));
	/* two, not three: the misspelt 'salince' is not also reported as
	 * "missing required field 'salience'" (issue 15 item 3) */
	assert_int_equal(diags.count, 2);
	assert_string_equal(diags.items[0].file, "bad.yaml");

	assert_int_equal(diags.items[0].line, 11);
	assert_int_equal(diags.items[0].column, 27);
	assert_string_equal(diags.items[0].message, "position out of range: 120");
	assert_string_equal(diags.items[0].expected, "a number from 0 to 100");

	assert_int_equal(diags.items[1].line, 11);
	assert_int_equal(diags.items[1].column, 32);
	assert_string_equal(diags.items[1].message,
		"unknown key 'salince' in stance of 'north' on 'tariffs'");
	assert_string_equal(diags.items[1].expected,
		"did you mean 'salience'? known keys: position, salience, capability, red_line, source");

	/* docs/scenario-format.md "Error messages": FILE:LINE:COL: error: MSG (EXPECTED) */
	text = format_diag(&diags.items[1]);
	assert_string_equal(text, "bad.yaml:11:32: error: unknown key 'salince' in stance of "
		"'north' on 'tariffs' (did you mean 'salience'? known keys: position, salience, "
		"capability, red_line, source)\n");
	free(text);
	text = format_diag(&diags.items[0]);
	assert_string_equal(text, "bad.yaml:11:27: error: position out of range: 120 "
		"(a number from 0 to 100)\n");
	free(text);

	/* a second bad input appends to the same list; only the new entries
	 * are sorted, the first two stay in place */
	s = (parley_scenario *)&state;
	assert_int_equal(parley_scenario_load_buffer(&s, "", 0, "empty.yaml", NULL, &diags),
		PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 3);
	assert_int_equal(diags.items[1].column, 32);
	assert_string_equal(diags.items[2].file, "empty.yaml");
	assert_int_equal(diags.items[2].line, 1);
	assert_int_equal(diags.items[2].column, 1);
	assert_string_equal(diags.items[2].message, "the file is empty");
	parley_diag_list_dispose(&diags);
	assert_int_equal(diags.count, 0);
	assert_null(diags.items);
	parley_diag_list_dispose(NULL); /* no-op */
}

/* Byte 0xff at offset 17 = line 2, column 8 ("title: " is 7 columns). */
static void test_scenario_errors__invalid_utf8(void **state)
{
	static const char bad[] = "parley: 1\ntitle: \xff\n";
	parley_scenario *s = (parley_scenario *)&state;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	char *text;

	assert_int_equal(parley_scenario_load_buffer(&s, bad, strlen(bad), "u.yaml", NULL,
		&diags), PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 8);
	text = format_diag(&diags.items[0]);
	assert_string_equal(text, "u.yaml:2:8: error: the file is not valid UTF-8 text "
		"(byte 0xff at offset 17) (UTF-8 text)\n");
	free(text);
	parley_diag_list_dispose(&diags);
}

/* Warnings (issue 15 item 5): a red line excluding the actor's own
 * position is read (0 returned) with one diagnostic of severity warning at
 * the red line's '[': line 9, column 59 ("    positions: {i: {position: 90,
 * salience: 80, red_line: " is 58 characters; also found with strchr). */
static void test_scenario_warnings__red_line(void **state)
{
	static const char yaml[] =
		"parley: 1\n"
		"title: w\n"
		"issues:\n"
		"  - {id: i, title: I}\n"
		"actors:\n"
		"  - id: a\n"
		"    name: A\n"
		"    capability: 2.385\n"
		"    positions: {i: {position: 90, salience: 80, red_line: [0, 50]}}\n"
		"  - {id: b, name: B, capability: 1, positions: {i: {position: 10, salience: 5}}}\n";
	const char *line9 = strstr(yaml, "    positions: {i:");
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	char *text;

	(void)state;
	assert_int_equal(parley_scenario_load_buffer(&s, yaml, strlen(yaml), "w.yaml", NULL, &diags), 0);
	assert_non_null(s);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].severity, PARLEY_DIAG_WARNING);
	assert_int_equal(diags.items[0].line, 9);
	/* the column of the '[' of the red line, found independently */
	assert_int_equal(diags.items[0].column, (unsigned)(strchr(line9, '[') - line9) + 1);
	text = format_diag(&diags.items[0]);
	assert_string_equal(text, "w.yaml:9:59: warning: the red line [0, 50] of 'a' on 'i' "
		"excludes its own position 90\n");
	free(text);
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
}

/* A YAML syntax error is reported with its position; no scenario. The
 * unclosed flow sequence starts on line 2. */
static void test_scenario_errors__yaml_syntax(void **state)
{
	static const char bad[] = "parley: 1\ntitle: [unclosed, \"x\"\nissues: []\n";
	parley_scenario *s = (parley_scenario *)&state;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	assert_int_equal(parley_scenario_load_buffer(&s, bad, strlen(bad), "syn.yaml", NULL,
		&diags), PARLEY_EPARSE);
	assert_null(s);
	assert_true(diags.count >= 1);
	assert_non_null(strstr(diags.items[0].message, "YAML syntax error"));
	assert_string_equal(diags.items[0].expected, "valid YAML");
	assert_true(diags.items[0].line >= 2 && diags.items[0].line <= 4);
	assert_true(diags.items[0].column >= 1);
	parley_diag_list_dispose(&diags);
}

/* max_bytes refuses a larger buffer before reading it: a diagnostic with
 * no position, formatted "NAME: error: MSG\n". */
static void test_scenario_errors__max_bytes(void **state)
{
	parley_load_options opts = PARLEY_LOAD_OPTIONS_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_scenario *s = (parley_scenario *)&state;
	size_t len = strlen(HASH_YAML);
	char expect[160], *text;

	opts.max_bytes = len - 1;
	assert_int_equal(parley_scenario_load_buffer(&s, HASH_YAML, len, "big.yaml", &opts,
		&diags), PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 0);
	snprintf(expect, sizeof(expect), "big.yaml: error: the file is too large: %zu bytes "
		"(at most %zu)\n", len, len - 1);
	text = format_diag(&diags.items[0]);
	assert_string_equal(text, expect);
	free(text);
	parley_diag_list_dispose(&diags);

	/* exactly at the limit is fine */
	opts.max_bytes = len;
	s = load_ok(HASH_YAML, "big.yaml", &opts);
	parley_scenario_free(s);

	/* a bad options version is an argument error, not a parse error */
	opts.version = 99;
	s = (parley_scenario *)&state;
	assert_int_equal(parley_scenario_load_buffer(&s, HASH_YAML, len, "v.yaml", &opts,
		NULL), PARLEY_EINVAL);
	assert_null(s);
}

/* Make a file from the mkstemp() template `path` holding `text` `times` times. */
static void temp_file(char *path, const char *text, int times)
{
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	while (times-- > 0)
		assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

/* load_file with max_bytes on a 200000-byte file: refused with a
 * position-less diagnostic; if the message states a size, it is the
 * file's (the reader stops after one 64 KiB block, and must not report
 * that block's size as the file's). */
static void test_scenario_errors__max_bytes_file(void **state)
{
	char path[] = "/tmp/parley-test-bigXXXXXX";
	parley_load_options opts = PARLEY_LOAD_OPTIONS_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_scenario *s = (parley_scenario *)&opts;
	const char *p;
	size_t stated = 0;
	int rc;

	(void)state;
	temp_file(path, "#", 200000); /* a YAML comment: valid text of 200000 bytes */

	opts.max_bytes = 1000;
	rc = parley_scenario_load_file(&s, path, &opts, &diags);
	remove(path);
	assert_int_equal(rc, PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 0);
	assert_non_null(strstr(diags.items[0].message, "too large"));
	p = strstr(diags.items[0].message, "too large: ");
	if (p && sscanf(p, "too large: %zu bytes", &stated) == 1 && stated != 200000)
		print_error("the message states %zu bytes for a 200000-byte file: %s\n", stated,
			diags.items[0].message);
	else
		stated = 200000; /* no size stated, or the right one */
	parley_diag_list_dispose(&diags);
	assert_int_equal(stated, 200000);
}

/* parley_read_file appends a file within its limit; past it, a diagnostic
 * with the file's size and `out` as it was; a missing file is PARLEY_EIO
 * naming it; a limit of 0 is an argument error. */
static void test_scenario_input__read_file(void **state)
{
	char path[] = "/tmp/parley-test-readXXXXXX";
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_buf b = PARLEY_BUF_INIT;

	(void)state;
	temp_file(path, "abcdef", 1);

	assert_int_equal(parley_read_file(&b, path, 6, &diags), 0);
	assert_string_equal(b.ptr, "abcdef");
	assert_int_equal(parley_read_file(&b, path, 6, &diags), 0); /* appends */
	assert_string_equal(b.ptr, "abcdefabcdef");
	assert_int_equal(b.size, 12);
	assert_int_equal(parley_read_file(&b, path, 5, &diags), PARLEY_EPARSE);
	assert_string_equal(b.ptr, "abcdefabcdef");
	assert_int_equal(b.size, 12);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 0);
	assert_string_equal(diags.items[0].file, path);
	assert_string_equal(diags.items[0].message, "the file is too large: 6 bytes (at most 5)");
	assert_int_equal(parley_read_file(&b, path, 0, &diags), PARLEY_EINVAL);
	remove(path);
	parley_error_clear();
	assert_int_equal(parley_read_file(&b, path, 6, &diags), PARLEY_EIO);
	assert_non_null(strstr(parley_error_last()->message, path));
	assert_int_equal(diags.count, 1);
	assert_int_equal(b.size, 12);
	parley_buf_dispose(&b);
	parley_diag_list_dispose(&diags);
}

static void test_scenario_errors__missing_file(void **state)
{
	const char *path = "/nonexistent-parley-dir/scenario-7f3a.yaml";
	parley_scenario *s = (parley_scenario *)&state;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	parley_error_clear();
	assert_int_equal(parley_scenario_load_file(&s, path, NULL, &diags), PARLEY_EIO);
	assert_null(s);
	assert_int_equal(parley_error_last()->code, PARLEY_EIO);
	assert_int_equal(parley_error_last()->klass, PARLEY_ERROR_OS);
	assert_non_null(strstr(parley_error_last()->message, path));
	assert_int_equal(diags.count, 0);
	parley_diag_list_dispose(&diags);
}

/* A malformed issue (its `id` is not a string) next to an actor with a
 * stance: the loader must report errors, not crash, when it later looks up
 * issue ids (scenario.h: every problem goes to the diagnostics). */
static void test_scenario_errors__issue_without_id(void **state)
{
	static const char bad[] =
		"parley: 1\n"
		"title: \"No id\"\n"
		"issues:\n"
		"  - title: \"First\"\n"
		"  - id: second\n"
		"    title: \"Second\"\n"
		"actors:\n"
		"  - id: north\n"
		"    name: North\n"
		"    capability: 40\n"
		"    positions:\n"
		"      second: {position: 45.5, salience: 60}\n";
	parley_scenario *s = (parley_scenario *)&state;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	assert_int_equal(parley_scenario_load_buffer(&s, bad, strlen(bad), "noid.yaml", NULL,
		&diags), PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	/* reported at the issue mapping's first key, `title` on line 4, column 5 */
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 5);
	assert_non_null(strstr(diags.items[0].message, "missing required field 'id'"));
	parley_diag_list_dispose(&diags);
}

/* The same for actors: an actor without `id` followed by a venue whose
 * members are looked up by id (scenario-format.md "venues": parsed and
 * validated now). Expected: one diagnostic, at the actor's first key
 * `name` (line 5, column 5). */
static void test_scenario_errors__actor_without_id(void **state)
{
	static const char bad[] =
		"parley: 1\n"
		"title: \"No actor id\"\n"
		"issues: [{id: i, title: I}]\n"
		"actors:\n"
		"  - name: Nameless\n"
		"    capability: 10\n"
		"  - id: b\n"
		"    name: B\n"
		"    capability: 20\n"
		"    positions: {i: {position: 35.5, salience: 70}}\n"
		"venues:\n"
		"  - {id: v, members: [b], rule: unanimity}\n";
	parley_scenario *s = (parley_scenario *)&state;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	assert_int_equal(parley_scenario_load_buffer(&s, bad, strlen(bad), "noactor.yaml",
		NULL, &diags), PARLEY_EPARSE);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(diags.items[0].column, 5);
	assert_non_null(strstr(diags.items[0].message, "missing required field 'id'"));
	parley_diag_list_dispose(&diags);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenario_yaml__metadata),
		cmocka_unit_test(test_scenario_warnings__red_line),
		cmocka_unit_test(test_scenario_meta__sha256),
		cmocka_unit_test(test_scenario_yaml__documents),
		cmocka_unit_test(test_scenario_yaml__sources),
		cmocka_unit_test(test_scenario_yaml__issues),
		cmocka_unit_test(test_scenario_yaml__actors),
		cmocka_unit_test(test_scenario_yaml__stances),
		cmocka_unit_test(test_scenario_yaml__index_and_range),
		cmocka_unit_test(test_scenario_yaml__load_file_matches_buffer),
		cmocka_unit_test(test_scenario_csv__actor_table),
		cmocka_unit_test(test_scenario_csv__scale_option),
		cmocka_unit_test(test_scenario_csv__bad_scale_option),
		cmocka_unit_test(test_scenario_errors__yaml_diagnostics),
		cmocka_unit_test(test_scenario_errors__invalid_utf8),
		cmocka_unit_test(test_scenario_errors__yaml_syntax),
		cmocka_unit_test(test_scenario_errors__max_bytes),
		cmocka_unit_test(test_scenario_errors__max_bytes_file),
		cmocka_unit_test(test_scenario_input__read_file),
		cmocka_unit_test(test_scenario_errors__missing_file),
		cmocka_unit_test(test_scenario_errors__issue_without_id),
		cmocka_unit_test(test_scenario_errors__actor_without_id),
	};

	return tu_run_tests(tests, argc, argv);
}
