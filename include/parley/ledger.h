/*
 * parley/ledger.h - the forecast ledger: one SQLite database that keeps
 * every forecast (the models' and people's), resolves it when reality
 * answers, and scores who was right how often (docs/ledger.md).
 *
 * A ledger holds questions, forecasts and resolutions:
 *  - a question has an id (e.g. "security-guarantees-2022/missiles/zone/
 *    arms-control-deal") and is either binary (yes or no) or a value on a
 *    scale;
 *  - a forecast is one forecaster's probability (binary questions) or value
 *    (value questions) on one date; people may give the probability in
 *    words of estimative probability, mapped through parley's word table
 *    (parley_ledger_word_lookup);
 *  - a resolution says what happened: yes, no, a value, or that the question
 *    cannot be resolved (and why).
 *
 * The database: schema versions are migrated forward on open (PRAGMA
 * user_version; PRAGMA application_id marks the file as a parley ledger);
 * WAL journal; every change is one transaction begun with BEGIN IMMEDIATE,
 * so two processes writing at once wait for each other (up to a busy
 * timeout) and lose nothing, and a process killed during a write leaves
 * the database as it was before that transaction. A file that is not a
 * parley ledger, a corrupt file, or a ledger of a newer schema is refused
 * with a message and never written to.
 *
 * Ownership: a parley_ledger is opened with parley_ledger_open() and
 * released with parley_ledger_free(). Documents (parley_ledger_doc), views
 * and score tables are created by the functions named below and released
 * with their _free function (NULL is a no-op). Pointers returned by
 * accessors are borrowed from the object they were read from and stay valid
 * until it is freed. Structs passed in are only read during the call.
 *
 * Errors: 0 on success or a negative parley_error_code with a message in
 * parley_error_last(); input problems (an import file, a conflict between
 * what is added and what the ledger holds) come back as diagnostics with
 * PARLEY_EPARSE. The library never prints.
 *
 * Thread-safety: a parley_ledger is used by one thread at a time; distinct
 * ledgers (even on the same file) may be used from different threads and
 * processes. Documents, views and score tables are immutable once made.
 */
#ifndef PARLEY_LEDGER_H
#define PARLEY_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "diag.h"
#include "forecast.h"
#include "mc.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The schema version this parley writes (PRAGMA user_version). */
#define PARLEY_LEDGER_SCHEMA_VERSION 2
/** PRAGMA application_id of a parley ledger: "Prly". */
#define PARLEY_LEDGER_APPLICATION_ID 0x50726c79

/* ------------------------------------------------------------------ */
/* Words of estimative probability                                      */
/* ------------------------------------------------------------------ */

/** One entry of the word table (docs/ledger.md, "Words"). */
typedef struct {
	const char *words;  /**< the expression, lower case ("odds are high") */
	double p;           /**< the probability it stands for */
	double lo, hi;      /**< the range it covers, lo <= p <= hi */
	const char *source; /**< "Kent 1964", "ICD 203" or "parley" (our mapping) */
	const char *basis;  /**< what the number rests on, one line */
} parley_ledger_word;

/** Number of entries of the word table. */
size_t parley_ledger_word_count(void);
/** Entry `i` (by decreasing probability, then alphabetically), or NULL. Static storage. */
const parley_ledger_word *parley_ledger_word_at(size_t i);
/**
 * The entry for `words`, compared without regard to case, leading and
 * trailing blanks, runs of blanks and a leading "the " ("The odds are
 * high" finds "odds are high"). NULL when unknown (no error recorded).
 */
const parley_ledger_word *parley_ledger_word_lookup(const char *words);

/* ------------------------------------------------------------------ */
/* Opening                                                              */
/* ------------------------------------------------------------------ */

typedef struct parley_ledger parley_ledger;

/** Options of parley_ledger_open(). */
typedef struct {
	unsigned int version;  /**< PARLEY_LEDGER_OPEN_OPTIONS_VERSION */
	int create;            /**< 1: create the file when absent (default); 0: PARLEY_ENOTFOUND */
	int busy_timeout_ms;   /**< how long to wait for another process's write (default 10000) */
	int quick_check;       /**< 1: PRAGMA quick_check before use (default), refusing a damaged file */
	int read_only;         /**< 1: only read (never create, migrate or write; a WAL ledger in a
	                            directory that cannot be written is read as it is); default 0.
	                            Version 2 of the options. */
} parley_ledger_open_options;

#define PARLEY_LEDGER_OPEN_OPTIONS_VERSION 2
#define PARLEY_LEDGER_OPEN_OPTIONS_INIT { PARLEY_LEDGER_OPEN_OPTIONS_VERSION, 1, 10000, 1, 0 }

/**
 * The default ledger: $XDG_DATA_HOME/parley/ledger.sqlite when
 * XDG_DATA_HOME is set to an absolute path, else
 * $HOME/.local/share/parley/ledger.sqlite. Appends the path to `out`.
 *
 * @param make_dir  1: create the directory (and its parents) when missing
 * @return 0; PARLEY_ENOTFOUND (neither variable set); PARLEY_EIO (the
 *         directory cannot be made); PARLEY_ENOMEM.
 */
int parley_ledger_default_path(parley_buf *out, int make_dir);

/**
 * Open (and, with opts->create, create) the ledger at `path`, migrating an
 * older schema to PARLEY_LEDGER_SCHEMA_VERSION in one transaction.
 *
 * @param out   receives the ledger (caller frees) on success, NULL on failure
 * @param path  the database file (its directory must exist)
 * @param opts  options, or NULL for the defaults
 * @return 0; PARLEY_ENOTFOUND (no file and not create); PARLEY_EPARSE (the
 *         file is not a parley ledger, is damaged, or has a newer schema:
 *         it is left untouched); PARLEY_EIO (cannot open, read or write,
 *         or another process held the lock past the busy timeout);
 *         PARLEY_ENOMEM.
 */
int parley_ledger_open(parley_ledger **out, const char *path,
	const parley_ledger_open_options *opts);

/** Close a ledger. NULL is a no-op. */
void parley_ledger_free(parley_ledger *ledger);

/**
 * What differs between the file's schema and parley's own (for its schema
 * version), one line: "trigger 'x' on 'forecasts' that parley does not
 * make; table 'forecasts' differs from parley's"; NULL when they are the
 * same. Only a read-only open succeeds on such a file (parley_ledger_open()
 * refuses to write to it with PARLEY_EPARSE). Borrowed from the ledger.
 */
const char *parley_ledger_schema_problems(const parley_ledger *ledger);

/** The file's path as given to parley_ledger_open() (borrowed). */
const char *parley_ledger_path(const parley_ledger *ledger);

/** Schema version the file had before opening (0: new file). */
int parley_ledger_schema_before(const parley_ledger *ledger);

/**
 * Check a ledger: every object of its schema that is not parley's, and
 * every row that breaks what parley writes (a question without a key or
 * twice, a forecast or resolution of no question, a probability outside
 * [0, 1], a missing date or source...), one line each appended to `out`.
 * parley_ledger_view_load() and parley_ledger_stats_get() refuse a ledger
 * with such rows (PARLEY_EPARSE, "damaged"); this lists them all.
 *
 * @param problems  receives how many were found (0: the ledger is sound)
 * @return 0, PARLEY_EIO or PARLEY_ENOMEM.
 */
int parley_ledger_check(parley_buf *out, parley_ledger *ledger, size_t *problems);

/** Counts of what a ledger holds. */
typedef struct {
	size_t questions;    /**< questions */
	size_t forecasts;    /**< forecasts */
	size_t resolved;     /**< questions resolved yes, no or with a value */
	size_t unresolvable; /**< questions marked unresolvable */
	int schema;          /**< schema version (PARLEY_LEDGER_SCHEMA_VERSION) */
} parley_ledger_stats;

/** Count questions, forecasts and resolutions. @return 0, PARLEY_EIO or PARLEY_EPARSE. */
int parley_ledger_stats_get(parley_ledger_stats *out, parley_ledger *ledger);

/* ------------------------------------------------------------------ */
/* Questions, forecasts, resolutions                                    */
/* ------------------------------------------------------------------ */

/** Kinds of question. */
typedef enum {
	PARLEY_LEDGER_BINARY = 0, /**< yes or no; forecasts are probabilities */
	PARLEY_LEDGER_VALUE       /**< a number; forecasts are values */
} parley_ledger_kind;

/** Kinds of forecaster. */
typedef enum {
	PARLEY_LEDGER_PERSON = 0, /**< a person or a group of people */
	PARLEY_LEDGER_MODEL       /**< a parley model (its name is the forecaster) */
} parley_ledger_forecaster_kind;

/** What happened to a question. */
typedef enum {
	PARLEY_LEDGER_OPEN = 0,       /**< not resolved yet */
	PARLEY_LEDGER_YES,            /**< binary: it happened */
	PARLEY_LEDGER_NO,             /**< binary: it did not */
	PARLEY_LEDGER_RESOLVED_VALUE, /**< value: `value` is what happened */
	PARLEY_LEDGER_UNRESOLVABLE    /**< cannot be resolved; `note` says why */
} parley_ledger_outcome;

/** A question. Strings may be NULL where noted. */
typedef struct {
	const char *id;          /**< unique id: printable text without control characters */
	parley_ledger_kind kind; /**< binary or value */
	const char *text;        /**< what is asked, or NULL */
	double lo, hi;           /**< value questions: the scale (NaN when unknown) */
	unsigned line, column;   /**< where it was written (0 when not from a file) */
} parley_ledger_question;

/** One forecast. Unset numbers are NaN, unset strings NULL. */
typedef struct {
	const char *question;    /**< question id */
	const char *forecaster;  /**< who: a person's name or a model's name */
	parley_ledger_forecaster_kind forecaster_kind;
	const char *date;        /**< when it was made: YYYY-MM-DD */
	double probability;      /**< binary questions: 0 to 1 (NaN for value questions) */
	double value;            /**< value questions: the forecast value (NaN for binary) */
	const char *words;       /**< the words it was given in, or NULL */
	double p_lo, p_hi;       /**< the words' range from the table (NaN when none) */
	const char *quote;       /**< a short quotation of the forecast, or NULL */
	const char *source;      /**< where it was made (document, file, URL), or NULL */
	const char *note;        /**< anything else, or NULL */
	const char *scenario_sha256; /**< model forecasts: SHA-256 of the scenario, or NULL */
	const char *parley_version;  /**< model forecasts: parley version, or NULL */
	int has_seed;            /**< 1 when seed and draws are set (Monte Carlo) */
	uint64_t seed;           /**< Monte Carlo seed */
	uint64_t draws;          /**< Monte Carlo draws */
	unsigned line, column;   /**< where it was written (0 when not from a file) */
} parley_ledger_forecast;

/** A resolution. */
typedef struct {
	const char *question;          /**< question id */
	parley_ledger_outcome outcome; /**< yes, no, value or unresolvable */
	double value;                  /**< RESOLVED_VALUE: what happened (NaN otherwise) */
	const char *date;              /**< when it was resolved: YYYY-MM-DD */
	const char *source;            /**< what shows it */
	const char *note;              /**< why it cannot be resolved, or a comment; or NULL */
	unsigned line, column;         /**< where it was written (0 when not from a file) */
} parley_ledger_resolution;

/** A set of changes applied in one transaction (arrays may be empty). */
typedef struct {
	const parley_ledger_question *questions;
	size_t question_count;
	const parley_ledger_forecast *forecasts;
	size_t forecast_count;
	const parley_ledger_resolution *resolutions;
	size_t resolution_count;
} parley_ledger_batch;

/** Options of parley_ledger_apply(). */
typedef struct {
	unsigned int version;  /**< PARLEY_LEDGER_APPLY_OPTIONS_VERSION */
	int skip_duplicates;   /**< 1: a forecast equal to one in the ledger (question, forecaster,
	                            date, probability or value, words) is skipped, so importing a
	                            file twice adds nothing (default 0: every forecast is added) */
	int replace;           /**< 1: a resolution replaces a different earlier one (default 0:
	                            a different earlier resolution is a conflict) */
	int create_questions;  /**< 1: a forecast on an unknown question creates it, binary or
	                            value after its number (default 1) */
	int require_questions; /**< 1: a resolution of an unknown question is a conflict (default 1) */
	const char *file;      /**< name used in diagnostics (default "<input>") */
} parley_ledger_apply_options;

#define PARLEY_LEDGER_APPLY_OPTIONS_VERSION 1
#define PARLEY_LEDGER_APPLY_OPTIONS_INIT { PARLEY_LEDGER_APPLY_OPTIONS_VERSION, 0, 0, 1, 1, NULL }

/** What parley_ledger_apply() did. */
typedef struct {
	size_t questions_added;    /**< new questions */
	size_t forecasts_added;    /**< forecasts added */
	size_t forecasts_skipped;  /**< duplicates skipped (skip_duplicates) */
	size_t resolutions_added;  /**< resolutions added or replaced */
	size_t resolutions_same;   /**< resolutions already in the ledger */
} parley_ledger_apply_stats;

/**
 * The checks of parley_ledger_apply() that need no ledger (ids, names,
 * dates, numbers, kinds, and every text against the rule of text.c), with
 * the same diagnostics: a command can refuse a batch before it creates a
 * ledger for it.
 * @return 0, PARLEY_EPARSE (see diags) or PARLEY_ENOMEM.
 */
int parley_ledger_batch_check(const parley_ledger_batch *batch,
	const parley_ledger_apply_options *opts, parley_diag_list *diags);

/**
 * Apply `batch` in one transaction: questions first (a known question must
 * have the same kind; a missing text or scale is filled in), then forecasts,
 * then resolutions. Values are checked (dates, probabilities in [0, 1],
 * a number of the question's kind, resolutions of the question's kind); any
 * problem rolls the whole batch back.
 *
 * @param stats  receives the counts (may be NULL)
 * @param diags  receives every problem found, positioned when the entries
 *               carry a line (may be NULL)
 * @return 0; PARLEY_EPARSE (problems, all in `diags`; the ledger is
 *         unchanged); PARLEY_EIO (the database failed or stayed locked);
 *         PARLEY_EINVAL; PARLEY_ENOMEM.
 */
int parley_ledger_apply(parley_ledger *ledger, const parley_ledger_batch *batch,
	const parley_ledger_apply_options *opts, parley_ledger_apply_stats *stats,
	parley_diag_list *diags);

/* ------------------------------------------------------------------ */
/* Documents: batches read from a file or built from a forecast        */
/* ------------------------------------------------------------------ */

/** A batch with the memory behind it. */
typedef struct parley_ledger_doc parley_ledger_doc;

/**
 * Read a ledger file: YAML, or the JSON of parley_ledger_export() (its
 * format is in docs/ledger.md). Words are mapped through the word table;
 * every problem is reported as a positioned diagnostic.
 *
 * @return 0; PARLEY_EPARSE (problems, all in `diags`); PARLEY_EIO (cannot
 *         read the file); PARLEY_ENOMEM.
 */
int parley_ledger_doc_load_file(parley_ledger_doc **out, const char *path,
	parley_diag_list *diags);

/** As parley_ledger_doc_load_file() from memory; `name` is used in diagnostics. */
int parley_ledger_doc_load_buffer(parley_ledger_doc **out, const char *data, size_t len,
	const char *name, parley_diag_list *diags);

/** Options of parley_ledger_doc_from_forecast(). */
typedef struct {
	unsigned int version;   /**< PARLEY_LEDGER_RECORD_OPTIONS_VERSION */
	const char *date;       /**< the forecasts' date, YYYY-MM-DD (required) */
	const char *scenario_id;/**< first part of the question ids (NULL: the scenario's file
	                             name without directory and extension) */
	const char *source;     /**< stored as each forecast's source (NULL: the scenario's path) */
} parley_ledger_record_options;

#define PARLEY_LEDGER_RECORD_OPTIONS_VERSION 1
#define PARLEY_LEDGER_RECORD_OPTIONS_INIT { PARLEY_LEDGER_RECORD_OPTIONS_VERSION, NULL, NULL, NULL }

/**
 * The questions and forecasts of a model forecast, ready for
 * parley_ledger_apply(). Per issue (SCENARIO/ISSUE) and model that ran:
 *  - SCENARIO/ISSUE/value: the point forecast (value question on the
 *    issue's scale);
 *  - SCENARIO/ISSUE/zone/ZONE for each named zone (ZONE: the zone's name in
 *    lower case, runs of other characters as '-'): the probability that the
 *    outcome lands in the zone, the share of Monte Carlo draws in it when
 *    `mc` is given (and the run covered the model), else 1 or 0 after the
 *    point forecast;
 *  - with `mc`, SCENARIO/ISSUE/agreement: the share of draws in which an
 *    agreement is possible (forecaster "feasibility").
 * Forecasters are the models' names (kind MODEL); each forecast carries the
 * scenario's SHA-256, parley's version and, with `mc`, seed and draws.
 *
 * @param mc  a finished Monte Carlo run of the same scenario and models, or NULL
 * @return 0, PARLEY_EINVAL (no or bad date, a forecast of another scenario)
 *         or PARLEY_ENOMEM.
 */
int parley_ledger_doc_from_forecast(parley_ledger_doc **out, const parley_scenario *scenario,
	const parley_forecast *forecast, const struct parley_mc *mc,
	const parley_ledger_record_options *opts);

/** The document's batch (borrowed from the document). */
const parley_ledger_batch *parley_ledger_doc_batch(const parley_ledger_doc *doc);

/** Free a document. NULL is a no-op. */
void parley_ledger_doc_free(parley_ledger_doc *doc);

/* ------------------------------------------------------------------ */
/* Reading: views                                                       */
/* ------------------------------------------------------------------ */

/** Which questions and forecasts a view holds. */
typedef struct {
	unsigned int version;   /**< PARLEY_LEDGER_QUERY_VERSION */
	const char *question;   /**< SQLite GLOB pattern on question ids, or NULL */
	const char *forecaster; /**< only this forecaster's forecasts, or NULL */
} parley_ledger_query;

#define PARLEY_LEDGER_QUERY_VERSION 1
#define PARLEY_LEDGER_QUERY_INIT { PARLEY_LEDGER_QUERY_VERSION, NULL, NULL }

/** A question of a view with its resolution and forecasts. */
typedef struct {
	parley_ledger_question question;     /**< the question */
	parley_ledger_resolution resolution; /**< outcome PARLEY_LEDGER_OPEN when unresolved */
	size_t first_forecast;               /**< index of its first forecast in the view */
	size_t forecast_count;               /**< its forecasts, by date, forecaster, entry order */
} parley_ledger_entry;

/** A snapshot of (part of) a ledger, read in one transaction. */
typedef struct parley_ledger_view parley_ledger_view;

/**
 * Read the questions matching `query` (all when NULL) with their
 * resolutions and forecasts, ordered by question id, then by date,
 * forecaster and the order they were added. Questions without a matching
 * forecast are included only when no forecaster filter is given.
 * @return 0, PARLEY_EIO, PARLEY_EPARSE (damaged file) or PARLEY_ENOMEM.
 */
int parley_ledger_view_load(parley_ledger_view **out, parley_ledger *ledger,
	const parley_ledger_query *query);

/** Free a view. NULL is a no-op. */
void parley_ledger_view_free(parley_ledger_view *view);

/**
 * How many text fields of the view break the rule every path in now keeps
 * (valid UTF-8, no control characters but tab and line feed where a field
 * may span lines, bidirectional controls balanced): a ledger written by an
 * older parley or by hand. The view holds them with those characters
 * escaped ("\x1b", "\u202e"), so that no output carries them raw and the
 * JSON export imports again.
 */
size_t parley_ledger_view_escaped(const parley_ledger_view *view);

size_t parley_ledger_view_entry_count(const parley_ledger_view *view);
/** Entry `i`, or NULL. */
const parley_ledger_entry *parley_ledger_view_entry(const parley_ledger_view *view, size_t i);
size_t parley_ledger_view_forecast_count(const parley_ledger_view *view);
/** Forecast `i` (entries' forecasts are consecutive), or NULL. */
const parley_ledger_forecast *parley_ledger_view_forecast(const parley_ledger_view *view, size_t i);

/* ------------------------------------------------------------------ */
/* Scoring                                                              */
/* ------------------------------------------------------------------ */

/** How forecasts are grouped into rows of a score table. */
typedef enum {
	PARLEY_LEDGER_BY_FORECASTER = 0, /**< one row per forecaster (people and models) */
	PARLEY_LEDGER_BY_MODEL           /**< one row per model, and one row "people" for all
	                                      people together */
} parley_ledger_group;

#define PARLEY_LEDGER_MAX_BINS 20

/** Options of the scores. */
typedef struct {
	unsigned int version;      /**< PARLEY_LEDGER_SCORE_OPTIONS_VERSION */
	parley_ledger_group by;    /**< grouping (default by forecaster) */
	size_t bins;               /**< calibration bins of equal width on [0, 1], 1 to 20 (default 10) */
	double log_clip;           /**< the log score clips p to [e, 1 - e] (default 0.01) */
	int shared;                /**< 1: only questions forecast by at least one person and at
	                                least one model, to compare them on the same questions */
} parley_ledger_score_options;

#define PARLEY_LEDGER_SCORE_OPTIONS_VERSION 1
#define PARLEY_LEDGER_SCORE_OPTIONS_INIT { PARLEY_LEDGER_SCORE_OPTIONS_VERSION, \
	PARLEY_LEDGER_BY_FORECASTER, 10, 0.01, 0 }

/** One calibration bin: forecasts with lo <= p < hi (the last bin includes 1). */
typedef struct {
	double lo, hi;      /**< the bin */
	size_t n;           /**< forecasts in it */
	double mean_p;      /**< their mean probability (NaN when n = 0) */
	double observed;    /**< share that happened (NaN when n = 0) */
} parley_ledger_bin;

/**
 * Scores of a set of binary forecasts p_i with outcomes o_i in {0, 1}:
 *  - brier = mean (p_i - o_i)^2 (0 best, 1 worst; Brier 1950, one-term form);
 *  - log = mean -log2(q_i), q_i = p_i if o_i = 1 else 1 - p_i, with p_i
 *    clipped to [e, 1 - e] (bits; 0 best, 1 for p = 0.5);
 *  - Murphy (1973): with forecasts grouped by their distinct values f_k
 *    (n_k forecasts, of which a share obar_k happened) and obar the share of
 *    all that happened, reliability = sum n_k (f_k - obar_k)^2 / N,
 *    resolution = sum n_k (obar_k - obar)^2 / N, uncertainty = obar (1 - obar),
 *    and brier = reliability - resolution + uncertainty exactly;
 *  - brier_best / brier_worst: the Brier score with every forecast given in
 *    words moved to the end of its word's range nearest / farthest from the
 *    outcome (equal to brier when no words have a range).
 */
typedef struct {
	size_t n;                       /**< binary forecasts scored */
	double brier, log_score;        /**< NaN when n = 0 */
	double reliability, resolution, uncertainty;
	double brier_best, brier_worst;
	size_t bin_count;
	parley_ledger_bin bins[PARLEY_LEDGER_MAX_BINS];
} parley_ledger_binary_score;

/**
 * Score `n` binary forecasts (arrays of n; p_lo and p_hi may be NULL, and
 * their NaN entries mean "no range").
 * @return 0 or PARLEY_EINVAL (a probability outside [0, 1], an outcome not
 *         0 or 1, bad options).
 */
int parley_ledger_score_binary(parley_ledger_binary_score *out, const double *p,
	const double *p_lo, const double *p_hi, const int *outcome, size_t n,
	const parley_ledger_score_options *opts);

/** One row of a score table. */
typedef struct {
	const char *group;          /**< forecaster name, model name or "people" */
	parley_ledger_forecaster_kind kind; /**< PERSON for people, MODEL for models */
	size_t forecasts;           /**< forecasts of the group in the view (latest per question) */
	size_t open;                /**< of which on open questions */
	size_t unresolvable;        /**< of which on unresolvable questions */
	parley_ledger_binary_score binary; /**< resolved binary questions */
	size_t value_n;             /**< resolved value questions */
	int same_scale;             /**< 1 when those questions share one scale (or there are none) */
	double mae;                 /**< mean absolute error |forecast - outcome| in the questions' units;
	                                 NaN when none, or when they are on different scales (an average
	                                 of percent points and centrifuge counts means nothing) */
	double mae_percent;         /**< mean of 100 |error| / (hi - lo), percent of each question's scale,
	                                 over those with a scale (NaN when none): comparable across scales */
} parley_ledger_score_row;

/** A score table. */
typedef struct parley_ledger_scores parley_ledger_scores;

/**
 * Score the forecasts of `view`: per forecaster and question only the
 * latest forecast counts (by date, then the order added); open and
 * unresolvable questions are counted, not scored. Rows are ordered people
 * first, then models, each by name.
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_ledger_scores_compute(parley_ledger_scores **out, const parley_ledger_view *view,
	const parley_ledger_score_options *opts);

void parley_ledger_scores_free(parley_ledger_scores *scores);
size_t parley_ledger_scores_count(const parley_ledger_scores *scores);
/** Row `i`, or NULL. */
const parley_ledger_score_row *parley_ledger_scores_row(const parley_ledger_scores *scores, size_t i);
/** The options the table was made with. */
const parley_ledger_score_options *parley_ledger_scores_options(const parley_ledger_scores *scores);

/* ------------------------------------------------------------------ */
/* Rendering                                                            */
/* ------------------------------------------------------------------ */

/** Formats of the renderers. */
typedef enum {
	PARLEY_LEDGER_TEXT = 0, /**< readable tables */
	PARLEY_LEDGER_JSON,     /**< JSON (the import format, for export) */
	PARLEY_LEDGER_CSV       /**< one row per forecast (list, export) or per group (score) */
} parley_ledger_format;

/**
 * Append the view to `out`: TEXT lists each question, its resolution and
 * forecasts; JSON is the import format (parley_ledger_doc_load_buffer reads
 * it back); CSV has one row per forecast with its question and resolution.
 * The same view gives the same bytes.
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_ledger_render_view(parley_buf *out, const parley_ledger_view *view,
	parley_ledger_format fmt);

/** Append a score table to `out`. @return 0, PARLEY_EINVAL or PARLEY_ENOMEM. */
int parley_ledger_render_scores(parley_buf *out, const parley_ledger_scores *scores,
	parley_ledger_format fmt);

/** Append the word table to `out`. @return 0, PARLEY_EINVAL or PARLEY_ENOMEM. */
int parley_ledger_render_words(parley_buf *out, parley_ledger_format fmt);

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/** 1 when `date` is a calendar date YYYY-MM-DD (years 1000-9999), else 0. */
int parley_ledger_date_valid(const char *date);

/** Lower-case name of an outcome ("open", "yes", "no", "value", "unresolvable"). */
const char *parley_ledger_outcome_name(parley_ledger_outcome outcome);

#ifdef __cplusplus
}
#endif
#endif
