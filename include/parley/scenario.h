/*
 * parley/scenario.h - negotiation scenarios: loading them from YAML files
 * (docs/scenario-format.md) or from the actor tables of the published BDM
 * replications (CSV `Actor,Capability,Position,Salience`), and inspecting
 * their issues and actors.
 *
 * Ownership: a parley_scenario is created by a loader and released with
 * parley_scenario_free(). Every pointer returned by an accessor is borrowed
 * from the scenario and stays valid until it is freed.
 *
 * Thread-safety: loading is reentrant; a loaded scenario is immutable and
 * may be read from any number of threads at once.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include <stddef.h>
#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_scenario parley_scenario;

/** Input formats. */
typedef enum {
	PARLEY_FORMAT_AUTO = 0, /**< by extension: .csv is an actor table, anything else YAML */
	PARLEY_FORMAT_YAML,     /**< a parley scenario */
	PARLEY_FORMAT_ACTOR_CSV /**< Actor,Capability,Position,Salience (one issue) */
} parley_input_format;

/** Options of the loaders. */
typedef struct {
	unsigned int version;       /**< PARLEY_LOAD_OPTIONS_VERSION */
	parley_input_format format; /**< input format (default auto) */
	int has_scale;              /**< CSV only: use [scale_lo, scale_hi] instead of [0, 100] */
	double scale_lo, scale_hi;  /**< CSV only: the issue's scale */
	size_t max_bytes;           /**< refuse larger inputs (0: 64 MiB) */
	size_t max_line_bytes;      /**< refuse a line longer than this (0: 4 MiB) */
	size_t max_actors;          /**< refuse more actors (0: 100000) */
	size_t max_issues;          /**< refuse more issues (0: 10000) */
	size_t max_stances;         /**< refuse more actors x issues (0: 10^7) */
} parley_load_options;

#define PARLEY_LOAD_OPTIONS_VERSION 1
#define PARLEY_LOAD_OPTIONS_INIT { PARLEY_LOAD_OPTIONS_VERSION, PARLEY_FORMAT_AUTO, 0, 0.0, 100.0, 0, \
	0, 0, 0, 0 }

/**
 * Load a scenario from a file.
 *
 * @param out    receives the scenario (caller frees) on success, NULL on failure
 * @param path   file to read; also the name used in diagnostics
 * @param opts   options, or NULL for defaults
 * @param diags  receives every problem found (may be NULL); problems are
 *               appended, so a list can collect several files. On success
 *               it may receive warnings (severity PARLEY_DIAG_WARNING):
 *               codings that are legal but suspicious
 *               (docs/scenario-format.md, "Warnings")
 * @return 0 (with warnings or not); PARLEY_EPARSE when the input has
 *         errors (all in `diags`); PARLEY_EIO when the file cannot be read;
 *         PARLEY_ENOMEM, also when memory runs out while reading.
 */
int parley_scenario_load_file(parley_scenario **out, const char *path,
	const parley_load_options *opts, parley_diag_list *diags);

/**
 * Load a scenario from memory. `name` is used in diagnostics, as the
 * recorded input path, and (for CSV) as the issue id's source: the base
 * name without extension. The bytes are copied; the caller keeps `data`.
 * Returns as parley_scenario_load_file().
 */
int parley_scenario_load_buffer(parley_scenario **out, const char *data,
	size_t len, const char *name, const parley_load_options *opts,
	parley_diag_list *diags);

/** Free a scenario. NULL is a no-op. */
void parley_scenario_free(parley_scenario *scenario);

/** A point on an issue's scale and what it means. */
typedef struct {
	double at;         /**< the point */
	const char *text;  /**< its meaning */
} parley_label;

/** A named range of outcomes on an issue, e.g. "no concession" [0, 20]. */
typedef struct {
	const char *name;  /**< zone name */
	double lo, hi;     /**< closed interval on the scale */
} parley_zone;

/** Kinds of uncertainty attached to a coded number (filled in by the Monte Carlo issue). */
typedef enum {
	PARLEY_DIST_NONE = 0,   /**< a point value */
	PARLEY_DIST_NORMAL,     /**< normal(value, p[0] = sd), truncated to the domain */
	PARLEY_DIST_UNIFORM,    /**< uniform on [p[0], p[1]] */
	PARLEY_DIST_TRIANGULAR, /**< triangular(p[0] = low, value = mode, p[1] = high) */
	PARLEY_DIST_THREE_POINT /**< low/likely/high (PERT): p[0] = low, value = likely, p[1] = high */
} parley_dist_kind;

/** A coded number: its value, optional uncertainty and the source behind it. */
typedef struct {
	double value;          /**< the point value used by point forecasts */
	parley_dist_kind dist; /**< its uncertainty */
	double p[2];           /**< distribution parameters, see parley_dist_kind */
	int source;            /**< index into the scenario's sources, or -1 */
	int present;           /**< 0 when the value was not given */
} parley_coded;

/** A source note behind a coded value: a cited document and quote, or a judgement. */
typedef struct {
	const char *document;  /**< id of a cited document, or NULL */
	const char *quote;     /**< short quotation from it, or NULL */
	const char *judgement; /**< why the value is a judgement, or NULL */
	unsigned line;         /**< where it was written */
} parley_source;

/** A document cited by the scenario. */
typedef struct {
	const char *id;        /**< id used by sources */
	const char *title;     /**< title */
	const char *publisher; /**< publisher or outlet, or NULL */
	const char *date;      /**< YYYY-MM-DD, or NULL */
	const char *location;  /**< file path or URL, or NULL */
} parley_document;

/** Targets of default uncertainty (`defaults: uncertainty:` and an issue's `uncertainty:`). */
typedef enum {
	PARLEY_TARGET_POSITION = 0,
	PARLEY_TARGET_SALIENCE,
	PARLEY_TARGET_CAPABILITY,
	PARLEY_TARGET_STATUS_QUO,
	PARLEY_TARGET_RED_LINE,
	PARLEY_TARGET_COUNT
} parley_target;

/**
 * A default uncertainty for every number of a kind that has none of its
 * own: NORMAL with p[0] = sd, or UNIFORM / TRIANGULAR over [value + p[0],
 * value + p[1]] (offsets, p[0] <= 0 <= p[1]; triangular's mode is the
 * value). dist is NONE when none is set for the target.
 *
 * Units: the scenario's `defaults` are in percent of a reference width
 * (docs/uncertainty.md), so that they mean the same on every scale: for
 * positions, status quos and red-line ends the issue's width hi - lo; for
 * saliences 100 (their scale, 0-100); for capabilities the largest
 * capability in the scenario (only ratios of capabilities matter). An
 * issue's own `uncertainty:` is in the issue's units.
 * parley_scenario_uncertainty_for() gives the resolved spread.
 */
typedef struct {
	parley_dist_kind dist;
	double p[2];
} parley_default_uncertainty;

/** An issue: one dimension of the negotiation. */
typedef struct {
	const char *id;          /**< unique id */
	const char *title;       /**< short title */
	const char *description; /**< longer description, or NULL */
	double lo, hi;           /**< scale bounds, lo < hi */
	parley_coded status_quo; /**< .present is 0 when the issue has none */
	const parley_label *labels; /**< labelled points, ascending */
	size_t label_count;
	const parley_zone *zones;   /**< named outcome zones */
	size_t zone_count;
	parley_default_uncertainty uncertainty[PARLEY_TARGET_COUNT]; /**< the issue's own default
	                               uncertainty (`uncertainty:`), in its units: dist NONE where it
	                               sets none (only position, status quo and red line can be set) */
} parley_issue;

/** An actor's stance on one issue. */
typedef struct {
	int present;            /**< 0 when the actor takes no part in the issue */
	parley_coded position;  /**< ideal point on the issue's scale */
	parley_coded salience;  /**< 0-100 as written (divide by 100 for models) */
	parley_coded capability;/**< capability on this issue (the actor's, or its per-issue override) */
	int capability_own;     /**< 1 when `capability` is a per-issue override, 0 when it is the actor's */
	int has_red_line;       /**< 1 when a red line is given */
	parley_coded red_lo, red_hi; /**< the acceptable closed interval */
	int source;             /**< source of the entry as a whole, or -1 */
} parley_stance;

/** The scenario's default uncertainty for a target, in percent of the target's
 * reference width (never NULL for a valid target; see parley_default_uncertainty). */
const parley_default_uncertainty *parley_scenario_default_uncertainty(const parley_scenario *s,
	parley_target target);

/** Where a resolved default uncertainty comes from. */
typedef enum {
	PARLEY_UNCERTAINTY_NONE = 0,  /**< no default for the target */
	PARLEY_UNCERTAINTY_SCENARIO,  /**< the scenario's `defaults`, scaled to the reference width */
	PARLEY_UNCERTAINTY_ISSUE      /**< the issue's own `uncertainty:` */
} parley_uncertainty_origin;

/** A default uncertainty resolved for one issue, in the units of the numbers it applies to. */
typedef struct {
	parley_dist_kind dist;            /**< NONE, NORMAL, UNIFORM or TRIANGULAR */
	double p[2];                      /**< sd (p[0]), or offsets [p[0], p[1]], in the numbers' units */
	parley_uncertainty_origin origin; /**< where it comes from */
	double percent[2];                /**< SCENARIO: the default as written, in percent of `reference` */
	double reference;                 /**< SCENARIO: the width 100 % stands for (the issue's width,
	                                       100 for saliences, the largest capability) */
} parley_resolved_uncertainty;

/**
 * The uncertainty that a number of kind `target` on issue `issue` gets when
 * it has none of its own, in the number's units: the issue's own
 * `uncertainty:` for the target, else the scenario's default times
 * reference / 100. Capabilities and saliences do not depend on the issue.
 * @return 0, or PARLEY_EINVAL (an index out of range).
 */
int parley_scenario_uncertainty_for(parley_resolved_uncertainty *out, const parley_scenario *s,
	size_t issue, parley_target target);

/** The largest capability of the scenario (actors' and per-issue overrides), 0 when none is positive. */
double parley_scenario_capability_max(const parley_scenario *s);

/** An actor. */
typedef struct {
	const char *id;         /**< unique id */
	const char *name;       /**< display name */
	parley_coded capability;/**< default capability */
} parley_actor;

/** Decision rules of a venue. */
typedef enum {
	PARLEY_RULE_UNANIMITY = 0,     /**< every member must prefer the change (consensus) */
	PARLEY_RULE_BILATERAL,         /**< two members, both must agree (unanimity of two) */
	PARLEY_RULE_SIMPLE_MAJORITY,   /**< supporters hold more than half of the weight */
	PARLEY_RULE_QUALIFIED_MAJORITY /**< supporters reach `quota` (and the optional other thresholds) */
} parley_rule;

/** A venue: where some actors meet and how they decide. */
typedef struct {
	const char *id;             /**< unique id */
	const char *name;           /**< display name, or NULL */
	const char *date;           /**< YYYY-MM-DD, or NULL */
	const char *location;       /**< or NULL */
	parley_rule rule;     /**< decision rule */
	size_t member_count;        /**< members (>= 1; 2 for bilateral) */
	const size_t *members;      /**< actor indices */
	const double *weights;      /**< voting weight per member, or NULL (1 each) */
	double quota;               /**< qualified majority: weight needed (absolute); 0 otherwise */
	const double *population;   /**< population per member, or NULL */
	double population_quota;    /**< share of the members' population needed (0-1), 0 when none */
	size_t min_members;         /**< at least this many supporters (0: no such condition) */
	size_t issue_count;         /**< issues on the table */
	const size_t *issues;       /**< issue indices (every issue when the scenario names none) */
} parley_venue;

/** A stage: one meeting of a venue in a sequence. */
typedef struct {
	const char *id;             /**< unique id */
	size_t venue;               /**< index of the venue */
	const char *date;           /**< the stage's date, else the venue's, or NULL */
	size_t issue_count;         /**< issues on the table at this stage */
	const size_t *issues;       /**< issue indices (default: the venue's) */
	int status_quo_previous;    /**< 1: starts from the previous stage's outcome */
	const char *model;          /**< model whose forecast is the stage's outcome, or NULL: "nbs" under
	                                 consensus and bilateral rules (every member must gain), "median"
	                                 under majority rules */
} parley_stage;

/** A member of a ratification body. */
typedef struct {
	const char *id;             /**< member id */
	double weight;              /**< votes (default 1) */
	const double *ideal;        /**< ideal point per issue (issue_count values; NaN when not given) */
} parley_ratifier;

/** A party bloc of a ratification body: `size` members spread around an ideal point. */
typedef struct {
	const char *name;           /**< bloc name */
	size_t size;                /**< members (>= 1) */
	const double *ideal;        /**< central ideal point per issue (NaN when not given) */
	const double *spread;       /**< standard deviation of ideal points per issue (0 when not given) */
} parley_bloc;

/** A body that must ratify a deal for an actor (the second level of Putnam's game). */
typedef struct {
	const char *id;             /**< unique id */
	const char *name;           /**< display name, or NULL */
	size_t actor;               /**< the actor whose ratification this is */
	double threshold;           /**< votes needed (<= the body's size) */
	size_t member_count;
	const parley_ratifier *members;
	size_t bloc_count;
	const parley_bloc *blocs;
} parley_ratification;

/** Most issues a package may link (`packages:` and parley_packages_analyse()). */
#define PARLEY_PACKAGE_MAX_ISSUES 4

/**
 * A package: issues the scenario links, to be agreed together
 * (`packages:`, docs/packages.md; analysed by parley/packages.h).
 * The reader guarantees 2 to PARLEY_PACKAGE_MAX_ISSUES distinct issues,
 * each with a status quo, and a venue (the given one, or at least one when
 * the scenario has venues) whose table has all of them.
 */
typedef struct {
	const char *id;             /**< unique id */
	const char *name;           /**< display name, or NULL */
	size_t issue_count;         /**< linked issues (2 to PARLEY_PACKAGE_MAX_ISSUES) */
	const size_t *issues;       /**< issue indices, as written */
	long venue;                 /**< venue index, or -1: every venue with all the issues on its table */
	int source;                 /**< why the issues are linked: index into the scenario's sources, or -1 */
} parley_package_spec;

size_t parley_scenario_package_count(const parley_scenario *s);
/** Package `i`, or NULL when out of range. */
const parley_package_spec *parley_scenario_package(const parley_scenario *s, size_t i);

size_t parley_scenario_venue_count(const parley_scenario *s);
const parley_venue *parley_scenario_venue(const parley_scenario *s, size_t i);
size_t parley_scenario_stage_count(const parley_scenario *s);
const parley_stage *parley_scenario_stage(const parley_scenario *s, size_t i);
size_t parley_scenario_ratification_count(const parley_scenario *s);
const parley_ratification *parley_scenario_ratification(const parley_scenario *s, size_t i);

/** Scenario metadata. Strings may be NULL when not given. */
const char *parley_scenario_title(const parley_scenario *s);
const char *parley_scenario_date(const parley_scenario *s);
const char *parley_scenario_description(const parley_scenario *s);
/** The input's name as given to the loader. */
const char *parley_scenario_path(const parley_scenario *s);
/** Lower-case hex SHA-256 of the input's bytes (64 characters). */
const char *parley_scenario_sha256(const parley_scenario *s);

size_t parley_scenario_document_count(const parley_scenario *s);
const parley_document *parley_scenario_document(const parley_scenario *s, size_t i);
size_t parley_scenario_source_count(const parley_scenario *s);
const parley_source *parley_scenario_source(const parley_scenario *s, size_t i);

size_t parley_scenario_issue_count(const parley_scenario *s);
/** Issue `i`, or NULL when out of range. */
const parley_issue *parley_scenario_issue(const parley_scenario *s, size_t i);
/** Index of the issue with this id, or -1. */
long parley_scenario_issue_index(const parley_scenario *s, const char *id);

size_t parley_scenario_actor_count(const parley_scenario *s);
const parley_actor *parley_scenario_actor(const parley_scenario *s, size_t i);
long parley_scenario_actor_index(const parley_scenario *s, const char *id);

/** Actor `actor`'s stance on issue `issue`, or NULL when out of range. */
const parley_stance *parley_scenario_stance(const parley_scenario *s,
	size_t issue, size_t actor);

#ifdef __cplusplus
}
#endif
#endif
