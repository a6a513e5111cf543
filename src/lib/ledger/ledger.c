/*
 * ledger.c - the forecast ledger's database (parley/ledger.h): finding the
 * default file, opening it safely, migrating its schema, applying batches
 * of questions, forecasts and resolutions in one transaction, and reading
 * views.
 *
 * Safety, in the order open() works:
 *  1. An existing, non-empty file must start with SQLite's 16-byte header;
 *     otherwise it is refused before SQLite opens it.
 *  2. It is classified from PRAGMA application_id, PRAGMA user_version and
 *     sqlite_schema, reads only: a parley ledger (our application id), a
 *     new file (id 0, version 0, no schema objects), or anything else,
 *     which is refused. A newer schema than ours is refused.
 *  3. PRAGMA quick_check must say "ok" (optional): a damaged file is
 *     refused before anything is written to it.
 *  4. Migrations run in one BEGIN IMMEDIATE transaction that re-reads the
 *     version first, so two processes creating the same ledger at once
 *     migrate it once.
 *  5. Journal WAL, synchronous FULL, a busy timeout; every change below is
 *     one BEGIN IMMEDIATE transaction (a writer takes the write lock before
 *     reading, so concurrent writers wait instead of failing on upgrade),
 *     rolled back on any problem. SQLite's journal makes a process killed
 *     mid-transaction leave the database as of the last commit.
 *
 * Schema (version 2):
 *   meta(key, value)                         -- created_by, created_schema
 *   questions(id, key UNIQUE, kind, text, lo, hi)
 *   forecasts(id, question_id, forecaster, forecaster_kind, made_on,
 *             probability, value, words, source, note, scenario_sha256,
 *             parley_version, seed, draws, quote, p_lo, p_hi)
 *   resolutions(question_id PRIMARY KEY, outcome, value, resolved_on,
 *             source, note)
 * Exactly one of probability and value is set (CHECK constraints).
 */
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "ledger_internal.h"

/* ------------------------------------------------------------------ */
/* Arena and documents                                                  */
/* ------------------------------------------------------------------ */

parley_ledger_doc *parley_ledger__doc_new(void)
{
	return parley__calloc(1, sizeof(parley_ledger_doc));
}

/* Make room for one more element of `size` bytes in *arr (count n, room *alloc). */
static void *grow(void *arr, size_t n, size_t *alloc, size_t size)
{
	void *p;
	size_t na;

	if (n < *alloc)
		return arr;
	na = *alloc ? *alloc * 2 : 16;
	p = parley__realloc(arr, na * size);
	if (!p)
		return NULL;
	*alloc = na;
	return p;
}

parley_ledger_question *parley_ledger__doc_question(parley_ledger_doc *d)
{
	parley_ledger_question *p = grow(d->questions, d->batch.question_count,
		&d->question_alloc, sizeof(*p));
	if (!p)
		return NULL;
	d->questions = p;
	d->batch.questions = p;
	p += d->batch.question_count++;
	memset(p, 0, sizeof(*p));
	p->lo = p->hi = NAN;
	return p;
}

void parley_ledger__forecast_init(parley_ledger_forecast *f)
{
	memset(f, 0, sizeof(*f));
	f->probability = f->value = f->p_lo = f->p_hi = NAN;
}

parley_ledger_forecast *parley_ledger__doc_forecast(parley_ledger_doc *d)
{
	parley_ledger_forecast *p = grow(d->forecasts, d->batch.forecast_count,
		&d->forecast_alloc, sizeof(*p));
	if (!p)
		return NULL;
	d->forecasts = p;
	d->batch.forecasts = p;
	p += d->batch.forecast_count++;
	parley_ledger__forecast_init(p);
	return p;
}

parley_ledger_resolution *parley_ledger__doc_resolution(parley_ledger_doc *d)
{
	parley_ledger_resolution *p = grow(d->resolutions, d->batch.resolution_count,
		&d->resolution_alloc, sizeof(*p));
	if (!p)
		return NULL;
	d->resolutions = p;
	d->batch.resolutions = p;
	p += d->batch.resolution_count++;
	memset(p, 0, sizeof(*p));
	p->value = NAN;
	return p;
}

const parley_ledger_batch *parley_ledger_doc_batch(const parley_ledger_doc *doc)
{
	return doc ? &doc->batch : NULL;
}

void parley_ledger_doc_free(parley_ledger_doc *doc)
{
	if (!doc)
		return;
	parley__free(doc->questions);
	parley__free(doc->forecasts);
	parley__free(doc->resolutions);
	parley_arena__dispose(&doc->arena);
	parley__free(doc);
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

int parley_ledger_date_valid(const char *d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, day, i;

	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	if (y < 1000 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
		return 0;
	if (m == 2 && day == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

const char *parley_ledger_outcome_name(parley_ledger_outcome o)
{
	switch (o) {
	case PARLEY_LEDGER_YES: return "yes";
	case PARLEY_LEDGER_NO: return "no";
	case PARLEY_LEDGER_RESOLVED_VALUE: return "value";
	case PARLEY_LEDGER_UNRESOLVABLE: return "unresolvable";
	default: return "open";
	}
}

int parley_ledger__name_valid(const char *id)
{
	size_t n = id ? strlen(id) : 0;

	/* one line under the rule of text.c, 1 to 500 bytes, not only blanks */
	return n >= 1 && n <= 500 && strspn(id, " ") < n &&
		parley__text_check(id, n, 0, NULL) == 0;
}

/* ------------------------------------------------------------------ */
/* Default path                                                         */
/* ------------------------------------------------------------------ */

/* mkdir -p for the directory part of `path` (everything before the last '/'). */
static int make_parents(const char *path)
{
	char *tmp = parley__strdup(path), *p;
	int rc = 0;

	if (!tmp)
		return PARLEY_ENOMEM;
	p = strrchr(tmp, '/');
	if (p && p != tmp) {
		*p = '\0';
		for (p = tmp + 1; ; p++) {
			if (*p == '/' || *p == '\0') {
				char c = *p;
				struct stat st;
				*p = '\0';
				if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
					rc = parley__error(PARLEY_EIO, PARLEY_ERROR_OS,
						"cannot create the directory '%s': %s", tmp, strerror(errno));
					break;
				}
				if (stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode)) {
					rc = parley__error(PARLEY_EIO, PARLEY_ERROR_OS,
						"'%s' is not a directory", tmp);
					break;
				}
				*p = c;
				if (c == '\0')
					break;
			}
		}
	}
	parley__free(tmp);
	return rc;
}

int parley_ledger_default_path(parley_buf *out, int make_dir)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	size_t start;
	int error;

	PARLEY_ASSERT_ARG(out);
	start = out->size;
	/* The XDG base directory specification: a relative path is invalid
	 * and is ignored. */
	if (xdg && xdg[0] == '/')
		error = parley_buf__printf(out, "%s/parley/ledger.sqlite", xdg);
	else if (home && home[0])
		error = parley_buf__printf(out, "%s/.local/share/parley/ledger.sqlite", home);
	else
		return parley__error(PARLEY_ENOTFOUND, PARLEY_ERROR_OS,
			"neither XDG_DATA_HOME nor HOME is set: give the ledger's file with --db FILE");
	if (error < 0)
		return error;
	if (make_dir && (error = make_parents(out->ptr + start)) < 0)
		return error;
	return 0;
}

/* ------------------------------------------------------------------ */
/* SQLite errors                                                        */
/* ------------------------------------------------------------------ */

static int db_error(const parley_ledger *l, int rc, const char *what)
{
	const char *path = l->path;
	const char *msg = l->db ? sqlite3_errmsg(l->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
			"%s: not a parley ledger: the file is not an SQLite database (%s); it was left unchanged",
			path, msg);
	case SQLITE_CORRUPT:
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
			"%s: the ledger is damaged (%s); it was left unchanged: restore a copy, or try "
			"'sqlite3 %s .recover'", path, msg, path);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return parley__error(PARLEY_EIO, PARLEY_ERROR_OS,
			"%s: the ledger stayed locked by another process (%s)", path, msg);
	case SQLITE_NOMEM:
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "%s: out of memory (SQLite)", path);
	default:
		return parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: %s: %s", path, what, msg);
	}
}

static int exec(parley_ledger *l, const char *sql, const char *what)
{
	int rc = sqlite3_exec(l->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_error(l, rc, what);
}

/* One integer from a one-row query. */
static int query_int(parley_ledger *l, const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(l->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*out = 0;
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : db_error(l, rc, sql);
}

static void rollback(parley_ledger *l)
{
	if (!sqlite3_get_autocommit(l->db))
		sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Schema and migrations                                                */
/* ------------------------------------------------------------------ */

/* migrations[k] takes a ledger from version k to version k + 1. Never edit
 * a released entry: add one, and raise PARLEY_LEDGER_SCHEMA_VERSION. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema (parley 0.1). */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE questions ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('binary', 'value')),"
	"  text TEXT,"
	"  lo REAL, hi REAL);"
	"CREATE TABLE forecasts ("
	"  id INTEGER PRIMARY KEY,"
	"  question_id INTEGER NOT NULL REFERENCES questions(id),"
	"  forecaster TEXT NOT NULL,"
	"  forecaster_kind TEXT NOT NULL CHECK (forecaster_kind IN ('person', 'model')),"
	"  made_on TEXT NOT NULL,"
	"  probability REAL CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1)),"
	"  value REAL,"
	"  words TEXT, source TEXT, note TEXT,"
	"  scenario_sha256 TEXT, parley_version TEXT, seed TEXT, draws INTEGER,"
	"  CHECK ((probability IS NULL) <> (value IS NULL)));"
	"CREATE TABLE resolutions ("
	"  question_id INTEGER PRIMARY KEY REFERENCES questions(id),"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('yes', 'no', 'value', 'unresolvable')),"
	"  value REAL,"
	"  resolved_on TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  note TEXT);",
	/* 1 -> 2: quotations and the ranges of words; an index for the
	 * per-question lookups. */
	"ALTER TABLE forecasts ADD COLUMN quote TEXT;"
	"ALTER TABLE forecasts ADD COLUMN p_lo REAL;"
	"ALTER TABLE forecasts ADD COLUMN p_hi REAL;"
	"CREATE INDEX forecasts_by_question ON forecasts(question_id, forecaster, made_on);",
};

typedef char migrations_match_version[
	(sizeof(migrations) / sizeof(migrations[0]) == PARLEY_LEDGER_SCHEMA_VERSION) ? 1 : -1];

typedef struct {
	long long app_id, version, objects;
} file_state;

/* The file's marks, read in one transaction: read one by one, another
 * process creating the ledger between them could show a mix of before and
 * after (application_id 0 with the new schema: "another program"). */
static int read_state(parley_ledger *l, file_state *s)
{
	int own = sqlite3_get_autocommit(l->db), error;

	if (own && (error = exec(l, "BEGIN", "reading the ledger")) < 0)
		return error;
	if ((error = query_int(l, "PRAGMA application_id", &s->app_id)) < 0 ||
	    (error = query_int(l, "PRAGMA user_version", &s->version)) < 0 ||
	    (error = query_int(l, "SELECT count(*) FROM sqlite_schema", &s->objects)) < 0) {
		if (own)
			rollback(l);
		return error;
	}
	return own ? exec(l, "COMMIT", "reading the ledger") : 0;
}

/* 0 when the state is a ledger we can use or a new file (*fresh = 1). */
static int check_state(parley_ledger *l, const file_state *s, int *fresh)
{
	*fresh = 0;
	if (s->app_id == PARLEY_LEDGER_APPLICATION_ID) {
		if (s->version > PARLEY_LEDGER_SCHEMA_VERSION)
			return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
				"%s: the ledger has schema version %lld, newer than this parley's (%d): "
				"use a newer parley; the file was left unchanged",
				l->path, s->version, PARLEY_LEDGER_SCHEMA_VERSION);
		if (s->version < 1)
			return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
				"%s: the ledger is damaged (marked as a parley ledger, but with schema version "
				"%lld); it was left unchanged", l->path, s->version);
		return 0;
	}
	if (s->app_id == 0 && s->version == 0 && s->objects == 0) {
		*fresh = 1;
		return 0;
	}
	return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
		"%s: not a parley ledger: an SQLite database of another program (application_id "
		"%lld, user_version %lld, %lld schema objects); it was left unchanged",
		l->path, s->app_id, s->version, s->objects);
}

static int quick_check(parley_ledger *l)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(l->db, "PRAGMA quick_check(1)", -1, &st, NULL), error = 0;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *res = (const char *)sqlite3_column_text(st, 0);
		if (!res || strcmp(res, "ok")) {
			/* One line: SQLite's report starts with a header line. */
			char what[200];
			size_t i;
			if (res && !strncmp(res, "*** in database main ***", 24))
				res += 24;
			while (res && (*res == '\n' || *res == ' '))
				res++;
			snprintf(what, sizeof(what), "%s", res ? res : "?");
			for (i = 0; what[i]; i++)
				if (what[i] == '\n' || what[i] == '\r')
					what[i] = ' ';
			error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
				"%s: the ledger is damaged (%s); it was left unchanged: restore a copy, or "
				"try 'sqlite3 %s .recover'", l->path, what, l->path);
		}
	} else if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		error = db_error(l, rc, "checking the ledger");
	}
	sqlite3_finalize(st);
	return error;
}

static int migrate(parley_ledger *l)
{
	file_state s;
	int fresh, error;
	long long v;
	char sql[160];

	if ((error = exec(l, "BEGIN IMMEDIATE", "starting a transaction")) < 0)
		return error;
	/* Another process may have created or migrated the file meanwhile. */
	if ((error = read_state(l, &s)) < 0 || (error = check_state(l, &s, &fresh)) < 0)
		goto fail;
	for (v = s.version; v < PARLEY_LEDGER_SCHEMA_VERSION; v++)
		if ((error = exec(l, migrations[v], "migrating the ledger's schema")) < 0)
			goto fail;
	if (fresh) {
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d;"
			"INSERT INTO meta(key, value) VALUES ('created_by', 'parley %s');",
			PARLEY_LEDGER_APPLICATION_ID, PARLEY_VERSION);
		if ((error = exec(l, sql, "creating the ledger")) < 0)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", PARLEY_LEDGER_SCHEMA_VERSION);
	if ((error = exec(l, sql, "migrating the ledger's schema")) < 0 ||
	    (error = exec(l, "COMMIT", "committing the migration")) < 0)
		goto fail;
	return 0;
fail:
	rollback(l);
	return error;
}

/* Every table of the current schema is there. */
static int check_tables(parley_ledger *l)
{
	long long n;
	int error = query_int(l, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
		"name IN ('meta', 'questions', 'forecasts', 'resolutions')", &n);

	if (error < 0)
		return error;
	if (n != 4)
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
			"%s: the ledger is damaged (%lld of its 4 tables are missing); it was left unchanged",
			l->path, 4 - n);
	return 0;
}

static int set_wal(parley_ledger *l)
{
	sqlite3_stmt *st = NULL;
	int rc, wal = 0;

	rc = sqlite3_prepare_v2(l->db, "PRAGMA journal_mode", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		wal = m && !strcmp(m, "wal");
	}
	sqlite3_finalize(st);
	if (wal)
		return 0;
	rc = sqlite3_exec(l->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	/* Busy: another process has it open and will switch it; the rollback
	 * journal is as safe meanwhile. */
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
		return db_error(l, rc, "switching to the WAL journal");
	return 0;
}

/* SQLite's defensive configuration: the file may come from someone else
 * (a shared ledger), so nothing in it may run. No trigger fires and no view
 * can be used (parley's schema has neither), functions in the schema are
 * untrusted, no extension can be loaded, and the schema cannot be written
 * through PRAGMA writable_schema or the like. */
static int defend(parley_ledger *l)
{
	static const int off[] = {
		SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
		SQLITE_DBCONFIG_TRUSTED_SCHEMA, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
	};
	size_t k;
	int rc = sqlite3_db_config(l->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);

	for (k = 0; rc == SQLITE_OK && k < sizeof(off) / sizeof(off[0]); k++)
		rc = sqlite3_db_config(l->db, off[k], 0, (int *)NULL);
	if (rc != SQLITE_OK)
		return db_error(l, rc, "setting up the connection");
	/* A statement of a hostile schema cannot make a value or a statement
	 * larger than parley's own can (the largest input is 64 MiB). */
	sqlite3_limit(l->db, SQLITE_LIMIT_LENGTH, 256 * 1024 * 1024);
	return exec(l, "PRAGMA trusted_schema = OFF", "setting up the connection");
}

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_' || (unsigned char)c >= 0x80;
}

/* `sql` with its layout undone, in place: outside quotes, a run of blanks
 * becomes one space between two word characters and nothing elsewhere, so
 * that the same definition laid out otherwise (a file written by hand, or
 * reindented) compares equal, and nothing else does. */
static void sql_squeeze(char *sql)
{
	char *w = sql, quote = 0, prev = 0;
	const char *r = sql;

	if (!sql)
		return;
	while (*r) {
		char c = *r++;
		if (quote) {
			*w++ = c;
			if (c == quote)
				quote = 0;
			prev = c;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
				r++;
			if (ident_char(prev) && ident_char(*r))
				*w++ = ' ';
			continue;
		}
		if (c == '\'' || c == '"' || c == '`' || c == '[')
			quote = c == '[' ? ']' : c;
		*w++ = c;
		prev = c;
	}
	*w = '\0';
}

/* One schema object: type, name, table, SQL (NULL for automatic indexes). */
typedef struct {
	char *type, *name, *tbl, *sql;
} schema_obj;

static void schema_dispose(schema_obj *o, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		parley__free(o[i].type);
		parley__free(o[i].name);
		parley__free(o[i].tbl);
		parley__free(o[i].sql);
	}
	parley__free(o);
}

static char *dup_col(sqlite3_stmt *st, int i, int *oom)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	char *p;
	if (!t)
		return NULL;
	p = parley__strndup(t, (size_t)sqlite3_column_bytes(st, i));
	if (!p)
		*oom = 1;
	return p;
}

/* Every object of `db`'s schema, ordered by type and name. */
static int schema_read(sqlite3 *db, schema_obj **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	schema_obj *o = NULL;
	size_t count = 0, alloc = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
		"ORDER BY type, name", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *p = grow(o, count, &alloc, sizeof(*o));
		if (!p) {
			oom = 1;
			break;
		}
		o = p;
		o[count].type = dup_col(st, 0, &oom);
		o[count].name = dup_col(st, 1, &oom);
		o[count].tbl = dup_col(st, 2, &oom);
		o[count].sql = dup_col(st, 3, &oom);
		sql_squeeze(o[count].sql);
		count++;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (oom) {
		schema_dispose(o, count);
		return PARLEY_ENOMEM;
	}
	if (rc != SQLITE_DONE) {
		schema_dispose(o, count);
		return rc;
	}
	*out = o;
	*n = count;
	return 0;
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int obj_cmp(const schema_obj *a, const schema_obj *b)
{
	int d = strcmp(a->type ? a->type : "", b->type ? b->type : "");
	return d ? d : strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

/* What the file's schema has that parley's of the same version has not, and
 * the reverse, as a readable list in l->schema_problems (NULL when they are
 * the same). parley's schema is made by running the migrations up to the
 * file's version in an in-memory database, so nothing is written twice. */
static int schema_compare(parley_ledger *l, long long version)
{
	sqlite3 *mem = NULL;
	schema_obj *want = NULL, *have = NULL;
	size_t nw = 0, nh = 0, i = 0, j = 0, shown = 0, more = 0;
	parley_buf msg = PARLEY_BUF_INIT;
	long long v;
	int rc, error = 0;

	rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL);
	for (v = 0; rc == SQLITE_OK && v < version; v++)
		rc = sqlite3_exec(mem, migrations[v], NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		error = rc == SQLITE_NOMEM ? PARLEY_ENOMEM : parley__error(PARLEY_EIO, PARLEY_ERROR_OS,
			"%s: cannot build parley's schema: %s", l->path, sqlite3_errstr(rc));
		goto done;
	}
	if ((rc = schema_read(mem, &want, &nw)) != 0 || (rc = schema_read(l->db, &have, &nh)) != 0) {
		error = rc == PARLEY_ENOMEM ? PARLEY_ENOMEM : db_error(l, rc, "reading the ledger's schema");
		goto done;
	}
	/* a merge of the two ordered lists */
	while (i < nh || j < nw) {
		int d = i == nh ? 1 : j == nw ? -1 : obj_cmp(&have[i], &want[j]);
		const schema_obj *o = d <= 0 ? &have[i] : &want[j];
		int differs = d != 0 || !str_eq(have[i].tbl, want[j].tbl) || !str_eq(have[i].sql, want[j].sql);
		if (differs) {
			if (shown < 8) {
				if (parley_buf__puts(&msg, shown ? "; " : "") < 0 ||
				    parley__text_escape(&msg, o->type ? o->type : "?", strlen(o->type ? o->type : "?"), 0) < 0 ||
				    parley_buf__puts(&msg, " '") < 0 ||
				    parley__text_escape(&msg, o->name ? o->name : "", strlen(o->name ? o->name : ""), 0) < 0 ||
				    parley_buf__puts(&msg, "'") < 0)
					goto oom;
				if (d < 0 && o->tbl && strcmp(o->tbl, o->name ? o->name : "") &&
				    (parley_buf__puts(&msg, " on '") < 0 ||
				     parley__text_escape(&msg, o->tbl, strlen(o->tbl), 0) < 0 ||
				     parley_buf__puts(&msg, "'") < 0))
					goto oom;
				if (parley_buf__puts(&msg, d < 0 ? " that parley does not make" : d > 0 ? " is missing" :
						" differs from parley's") < 0)
					goto oom;
				shown++;
			} else {
				more++;
			}
		}
		if (d <= 0)
			i++;
		if (d >= 0)
			j++;
	}
	if (more && parley_buf__printf(&msg, "; and %zu more", more) < 0)
		goto oom;
	parley__free(l->schema_problems);
	l->schema_problems = NULL;
	if (msg.size) {
		l->schema_problems = parley__strndup(msg.ptr, msg.size);
		if (!l->schema_problems)
			goto oom;
	}
	goto done;
oom:
	error = PARLEY_ENOMEM;
done:
	if (error == PARLEY_ENOMEM)
		parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	parley_buf_dispose(&msg);
	schema_dispose(want, nw);
	schema_dispose(have, nh);
	sqlite3_close(mem);
	return error;
}

/* The refusal to write to a file whose schema is not parley's. */
static int refuse_foreign_schema(const parley_ledger *l)
{
	return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
		"%s: the ledger's schema is not parley's: %s; parley writes only to a ledger whose schema "
		"is exactly its own, and the file was left unchanged ('parley ledger check' lists what "
		"differs; remove it with sqlite3, or import an export into a new ledger)",
		l->path, l->schema_problems);
}

/* Open `path` with SQLite; on a read-only open whose directory cannot take
 * the WAL's shared-memory file, once more as immutable (no -wal file with
 * content means no other process writes it: nothing to miss). */
static int sqlite_open(parley_ledger *l, const char *path, int flags)
{
	int rc = sqlite3_open_v2(path, &l->db, flags, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(l->db, 1);
		return 0;
	}
	return parley__error(rc == SQLITE_NOMEM ? PARLEY_ENOMEM : PARLEY_EIO, PARLEY_ERROR_OS,
		"%s: cannot open the ledger: %s", l->path, l->db ? sqlite3_errmsg(l->db) : sqlite3_errstr(rc));
}

static int reopen_immutable(parley_ledger *l)
{
	parley_buf uri = PARLEY_BUF_INIT;
	const char *p;
	int error;

	sqlite3_close_v2(l->db);
	l->db = NULL;
	error = parley_buf__puts(&uri, "file:");
	for (p = l->path; !error && *p; p++)
		error = (*p == '%' || *p == '?' || *p == '#') ?
			parley_buf__printf(&uri, "%%%02X", (unsigned)(unsigned char)*p) : parley_buf__put(&uri, p, 1);
	if (!error)
		error = parley_buf__puts(&uri, "?immutable=1");
	if (!error)
		error = sqlite_open(l, uri.ptr, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
	parley_buf_dispose(&uri);
	return error;
}

/* Size of `path` + `suffix`, or -1 when absent. */
static long long sibling_size(const char *path, const char *suffix)
{
	char name[4096];
	struct stat st;
	if ((size_t)snprintf(name, sizeof(name), "%s%s", path, suffix) >= sizeof(name))
		return -1;
	return stat(name, &st) == 0 ? (long long)st.st_size : -1;
}

/* After a failed first read of a read-only open: whether it failed only
 * because SQLite cannot make the -shm file of a WAL ledger, so that
 * reading the file as immutable misses nothing: the reader cannot write
 * the directory, the file says WAL, no -wal file has content (no commit
 * waits in it, no writer is at work) and no rollback journal is beside it. */
static int wal_unreadable(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	unsigned char head[20];
	FILE *fp;
	size_t got;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if ((size_t)snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path) >= sizeof(dir))
		return 0;
	if (!dir[0])
		snprintf(dir, sizeof(dir), "/");
	if (access(dir, W_OK) == 0)
		return 0;
	if (sibling_size(path, "-wal") > 0 || sibling_size(path, "-journal") >= 0)
		return 0;
	if (!(fp = fopen(path, "rb")))
		return 0;
	got = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return got == sizeof(head) && head[18] == 2 && head[19] == 2;
}

static void unlink_sibling(const char *path, const char *suffix)
{
	char name[4096];
	if ((size_t)snprintf(name, sizeof(name), "%s%s", path, suffix) < sizeof(name))
		(void)unlink(name);
}

/* Create a new, empty ledger at `path` all at once: in a temporary file
 * beside it (schema, WAL journal), then linked to its name. A failure or a
 * kill leaves no file at `path`, and nothing else (the temporary file and
 * its journals are removed); a ledger another process created meanwhile is
 * kept (link() does not replace). */
static int create_ledger(const char *path, int busy_timeout_ms)
{
	parley_buf tmp = PARLEY_BUF_INIT;
	parley_ledger t;
	int error = 0, fd, attempt;

	memset(&t, 0, sizeof(t));
	/* a name of its own (process, clock), made with O_EXCL and the
	 * permissions SQLite gives a new file (0666 less the umask) */
	for (attempt = 0, fd = -1; fd < 0 && attempt < 100; attempt++) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		tmp.size = 0;
		if ((error = parley_buf__printf(&tmp, "%s.new-%ld-%ld-%d", path, (long)getpid(),
				(long)now.tv_nsec, attempt)) < 0)
			return error;
		fd = open(tmp.ptr, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		error = parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: cannot create the ledger: %s",
			path, strerror(errno));
		parley_buf_dispose(&tmp);
		return error;
	}
	close(fd);
	t.path = tmp.ptr;
	if ((error = sqlite_open(&t, tmp.ptr, SQLITE_OPEN_READWRITE)) == 0 &&
	    (error = defend(&t)) == 0) {
		sqlite3_busy_timeout(t.db, busy_timeout_ms);
		if ((error = set_wal(&t)) == 0)
			error = migrate(&t);
	}
	if (t.db && sqlite3_close(t.db) != SQLITE_OK && !error)
		error = parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: cannot create the ledger", path);
	if (!error && link(tmp.ptr, path) != 0 && errno != EEXIST) {
		/* a file system without hard links: rename, unless a ledger
		 * appeared meanwhile (a smaller window than before, not none) */
		struct stat st;
		int e = errno;
		if ((e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EXDEV) ||
		    (stat(path, &st) != 0 && rename(tmp.ptr, path) != 0))
			error = parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: cannot create the ledger: %s",
				path, strerror(e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EXDEV ? errno : e));
	}
	(void)unlink(tmp.ptr);
	unlink_sibling(tmp.ptr, "-wal");
	unlink_sibling(tmp.ptr, "-shm");
	unlink_sibling(tmp.ptr, "-journal");
	parley_buf_dispose(&tmp);
	return error;
}

/* The schema version of the SQLite file at `path` (bytes 60-63 of its
 * header, PRAGMA user_version), read without SQLite: 0 when it is not one. */
static int peek_version(const char *path, int *version)
{
	unsigned char head[64];
	FILE *fp = fopen(path, "rb");
	size_t got;

	*version = 0;
	if (!fp)
		return parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: cannot open: %s", path,
			strerror(errno));
	got = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	if (got == sizeof(head) && !memcmp(head, "SQLite format 3", 16))
		*version = (int)((unsigned)head[60] << 24 | (unsigned)head[61] << 16 |
			(unsigned)head[62] << 8 | head[63]);
	return 0;
}

int parley_ledger_open(parley_ledger **out, const char *path,
	const parley_ledger_open_options *opts)
{
	parley_ledger_open_options o = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger *l;
	struct stat st;
	file_state s;
	int exists, fresh, error, memory;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(path && path[0]);
	if (opts) {
		PARLEY_ASSERT_ARG(opts->version == 1 || opts->version == PARLEY_LEDGER_OPEN_OPTIONS_VERSION);
		o = *opts;
		if (opts->version == 1)
			o.read_only = 0;
	}
	PARLEY_ASSERT_ARG(o.busy_timeout_ms >= 0);
	memory = !strcmp(path, ":memory:");
	if (memory)
		o.read_only = 0; /* a new in-memory database is empty: it is created */

	exists = memory ? 0 : stat(path, &st) == 0;
	if (!memory && !exists && errno != ENOENT)
		return parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: %s", path, strerror(errno));
	if (!memory && !exists && (!o.create || o.read_only))
		return parley__error(PARLEY_ENOTFOUND, PARLEY_ERROR_INPUT,
			"%s: no ledger there (record or add a forecast, or import a ledger file, first)", path);
	if (exists && S_ISDIR(st.st_mode))
		return parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: is a directory", path);
	if (exists && st.st_size > 0) {
		/* Refuse what is not SQLite before SQLite touches it. */
		char head[16];
		FILE *fp = fopen(path, "rb");
		size_t got;
		if (!fp)
			return parley__error(PARLEY_EIO, PARLEY_ERROR_OS, "%s: cannot open: %s",
				path, strerror(errno));
		got = fread(head, 1, sizeof(head), fp);
		fclose(fp);
		if (got != sizeof(head) || st.st_size < 512 || memcmp(head, "SQLite format 3", 16))
			return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
				"%s: not a parley ledger: the file is not an SQLite database; it was left unchanged",
				path);
	}
	if (!memory && !exists && (error = create_ledger(path, o.busy_timeout_ms)) < 0)
		return error;
	if (exists && o.read_only) {
		/* An older schema is brought up to date by a writing open first
		 * (as any command does), then read. */
		int version = 0;
		if ((error = peek_version(path, &version)) < 0)
			return error;
		if (version > 0 && version < PARLEY_LEDGER_SCHEMA_VERSION) {
			parley_ledger_open_options w = o;
			w.read_only = 0;
			w.create = 0;
			if ((error = parley_ledger_open(&l, path, &w)) < 0)
				return error;
			parley_ledger_free(l);
		}
	}

	l = parley__calloc(1, sizeof(*l));
	if (!l)
		return PARLEY_ENOMEM;
	l->read_only = o.read_only;
	l->path = parley__strdup(path);
	if (!l->path) {
		parley__free(l);
		return PARLEY_ENOMEM;
	}
	if ((error = sqlite_open(l, path, o.read_only ? SQLITE_OPEN_READONLY :
			SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0))) < 0 ||
	    (error = defend(l)) < 0)
		goto fail;
	sqlite3_busy_timeout(l->db, o.busy_timeout_ms);

	error = read_state(l, &s);
	if (error < 0 && o.read_only && wal_unreadable(path)) {
		/* A WAL ledger in a directory we cannot write: SQLite cannot make
		 * its -shm file. Read it as it is. */
		if ((error = reopen_immutable(l)) == 0 && (error = defend(l)) == 0)
			error = read_state(l, &s);
	}
	if (error < 0 || (error = check_state(l, &s, &fresh)) < 0)
		goto fail;
	if (fresh && !memory && (!o.create || o.read_only)) {
		error = parley__error(PARLEY_ENOTFOUND, PARLEY_ERROR_INPUT,
			"%s: the file is empty: no ledger there yet", path);
		goto fail;
	}
	l->schema_before = fresh || !exists ? 0 : (int)s.version;
	if (!fresh && o.quick_check && (error = quick_check(l)) < 0)
		goto fail;
	/* The schema must be parley's own, object for object, before anything
	 * is written: a trigger, a view, an index, a table or an altered
	 * definition could otherwise act on what we write. */
	if (!fresh && (error = schema_compare(l, s.version)) < 0)
		goto fail;
	if (l->schema_problems && !o.read_only) {
		error = refuse_foreign_schema(l);
		goto fail;
	}
	if (!fresh && s.version < PARLEY_LEDGER_SCHEMA_VERSION && o.read_only) {
		/* another process put it back between the two opens: not parley */
		error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
			"%s: the ledger has schema version %lld, older than this parley's (%d)",
			path, s.version, PARLEY_LEDGER_SCHEMA_VERSION);
		goto fail;
	}
	if (!o.read_only) {
		if ((fresh || s.version < PARLEY_LEDGER_SCHEMA_VERSION) && (error = migrate(l)) < 0)
			goto fail;
		if ((error = set_wal(l)) < 0 ||
		    (error = exec(l, "PRAGMA synchronous = FULL", "setting up the connection")) < 0)
			goto fail;
	}
	if ((error = check_tables(l)) < 0 ||
	    (error = exec(l, "PRAGMA foreign_keys = ON", "setting up the connection")) < 0)
		goto fail;
	*out = l;
	return 0;
fail:
	parley_ledger_free(l);
	return error;
}

const char *parley_ledger_schema_problems(const parley_ledger *l)
{
	return l ? l->schema_problems : NULL;
}

void parley_ledger_free(parley_ledger *l)
{
	if (!l)
		return;
	if (l->db) {
		rollback(l);
		sqlite3_close_v2(l->db);
	}
	parley__free(l->schema_problems);
	parley__free(l->path);
	parley__free(l);
}

const char *parley_ledger_path(const parley_ledger *l)
{
	return l ? l->path : NULL;
}

int parley_ledger_schema_before(const parley_ledger *l)
{
	return l ? l->schema_before : 0;
}

static int rows_ok(parley_ledger *l);

int parley_ledger_stats_get(parley_ledger_stats *out, parley_ledger *l)
{
	long long q, f, r, u;
	int error;

	PARLEY_ASSERT_ARG(out && l);
	if ((error = exec(l, "BEGIN", "reading the ledger")) < 0)
		return error;
	if ((error = rows_ok(l)) < 0 ||
	    (error = query_int(l, "SELECT count(*) FROM questions", &q)) < 0 ||
	    (error = query_int(l, "SELECT count(*) FROM forecasts", &f)) < 0 ||
	    (error = query_int(l, "SELECT count(*) FROM resolutions WHERE outcome <> 'unresolvable'",
			&r)) < 0 ||
	    (error = query_int(l, "SELECT count(*) FROM resolutions WHERE outcome = 'unresolvable'",
			&u)) < 0) {
		rollback(l);
		return error;
	}
	rollback(l);
	if (q < 0 || f < 0 || r < 0 || u < 0 || r + u > q) /* the counts must add up */
		return parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: the ledger is damaged: %lld "
			"resolutions of %lld questions; it was left unchanged ('parley ledger check' lists what "
			"it finds)", l->path, r + u, q);
	out->questions = (size_t)q;
	out->forecasts = (size_t)f;
	out->resolved = (size_t)r;
	out->unresolvable = (size_t)u;
	out->schema = PARLEY_LEDGER_SCHEMA_VERSION;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Applying a batch                                                     */
/* ------------------------------------------------------------------ */

enum { Q_GET, Q_INS, Q_UPD, F_DUP, F_INS, R_GET, R_PUT, NSTMT };

static const char *const stmt_sql[NSTMT] = {
	"SELECT id, kind FROM questions WHERE key = ?1",
	"INSERT INTO questions(key, kind, text, lo, hi) VALUES (?1, ?2, ?3, ?4, ?5)",
	"UPDATE questions SET text = coalesce(text, ?2), lo = coalesce(lo, ?3), hi = coalesce(hi, ?4) "
	"WHERE id = ?1",
	"SELECT 1 FROM forecasts WHERE question_id = ?1 AND forecaster = ?2 AND made_on = ?3 AND "
	"probability IS ?4 AND value IS ?5 AND words IS ?6 LIMIT 1",
	"INSERT INTO forecasts(question_id, forecaster, forecaster_kind, made_on, probability, value, "
	"words, p_lo, p_hi, quote, source, note, scenario_sha256, parley_version, seed, draws) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	"SELECT outcome, value, resolved_on FROM resolutions WHERE question_id = ?1",
	"INSERT OR REPLACE INTO resolutions(question_id, outcome, value, resolved_on, source, note) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

typedef struct {
	parley_ledger *l;
	sqlite3_stmt *st[NSTMT];
	const parley_ledger_apply_options *o;
	parley_diag_list *diags;
	size_t problems;
	int oom;
} applier;

static void problem(applier *a, unsigned line, unsigned col, const char *expected,
	const char *fmt, ...) PARLEY__PRINTF(5, 6);

static void problem(applier *a, unsigned line, unsigned col, const char *expected,
	const char *fmt, ...)
{
	va_list ap;

	if (!a->problems) {
		/* The first problem is also the last error, for callers without a list. */
		char msg[400];
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s", msg);
	}
	a->problems++;
	va_start(ap, fmt);
	if (parley_diag__vadd(a->diags, a->o->file ? a->o->file : "<input>", line, col, expected,
			fmt, ap) < 0)
		a->oom = 1;
	va_end(ap);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

/* The rule of text.c on a text field of the batch (`flags`: may it span
 * lines?): 0, or 1 after a problem naming the field. Every path in (ledger
 * add, import, forecast --record, the library) comes through here. */
static int bad_text(applier *a, unsigned line, unsigned col, const char *field, const char *s,
	unsigned flags)
{
	parley_text_bad bad;
	char why[64];

	if (!s || parley__text_check(s, strlen(s), flags, &bad) == 0)
		return 0;
	problem(a, line, col, parley__text_expected(&bad, flags), "the %s holds %s at byte %zu", field,
		parley__text_fault(&bad, why, sizeof(why)), bad.offset);
	return 1;
}

static const char *kind_name(parley_ledger_kind k)
{
	return k == PARLEY_LEDGER_VALUE ? "value" : "binary";
}

/* Run a statement that returns no rows. */
static int step_done(applier *a, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(a->l, rc, what);
}

/* Look a question up: 1 found (id, kind), 0 not found, < 0 error. */
static int find_question(applier *a, const char *key, sqlite3_int64 *id, parley_ledger_kind *kind)
{
	sqlite3_stmt *st = a->st[Q_GET];
	int rc;

	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 1);
		*id = sqlite3_column_int64(st, 0);
		*kind = k && !strcmp(k, "value") ? PARLEY_LEDGER_VALUE : PARLEY_LEDGER_BINARY;
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(a->l, rc, "looking up a question");
}

static int insert_question(applier *a, const char *key, parley_ledger_kind kind, const char *text,
	double lo, double hi, sqlite3_int64 *id)
{
	sqlite3_stmt *st = a->st[Q_INS];
	int error;

	bind_text(st, 1, key);
	bind_text(st, 2, kind_name(kind));
	bind_text(st, 3, text);
	bind_real(st, 4, lo);
	bind_real(st, 5, hi);
	if ((error = step_done(a, st, "adding a question")) < 0)
		return error;
	*id = sqlite3_last_insert_rowid(a->l->db);
	return 0;
}

/* The checks of a question, a forecast and a resolution that need no
 * database (parley_ledger_batch_check() runs them alone): 1 after a
 * problem, 0 when it is sound. */
static int bad_question(applier *a, const parley_ledger_question *q)
{
	if (!parley_ledger__name_valid(q->id)) {
		problem(a, q->line, q->column, "1 to 500 printable characters",
			"bad question id '%.60s'", q->id ? q->id : "");
		return 1;
	}
	if (bad_text(a, q->line, q->column, "question's text", q->text, PARLEY_TEXT_MULTILINE))
		return 1;
	if (q->kind != PARLEY_LEDGER_BINARY && q->kind != PARLEY_LEDGER_VALUE) {
		problem(a, q->line, q->column, "binary or value", "question '%.60s': bad kind", q->id);
		return 1;
	}
	if (!isnan(q->lo) || !isnan(q->hi)) {
		if (q->kind != PARLEY_LEDGER_VALUE || !(q->lo < q->hi) || !isfinite(q->lo) ||
		    !isfinite(q->hi)) {
			problem(a, q->line, q->column, "a scale [lo, hi] with lo < hi, on value questions only",
				"question '%.60s': bad scale", q->id);
			return 1;
		}
	}
	return 0;
}

static int apply_question(applier *a, const parley_ledger_question *q, parley_ledger_apply_stats *stats)
{
	sqlite3_int64 id;
	parley_ledger_kind kind;
	int found, error;

	if (bad_question(a, q))
		return 0;
	if ((found = find_question(a, q->id, &id, &kind)) < 0)
		return found;
	if (found) {
		sqlite3_stmt *st = a->st[Q_UPD];
		if (kind != q->kind) {
			problem(a, q->line, q->column, "the kind the ledger has",
				"question '%.60s' is a %s question in the ledger, not a %s one",
				q->id, kind_name(kind), kind_name(q->kind));
			return 0;
		}
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, q->text);
		bind_real(st, 3, q->lo);
		bind_real(st, 4, q->hi);
		return step_done(a, st, "updating a question");
	}
	if ((error = insert_question(a, q->id, q->kind, q->text, q->lo, q->hi, &id)) < 0)
		return error;
	if (stats)
		stats->questions_added++;
	return 0;
}

static int bad_forecast(applier *a, const parley_ledger_forecast *f)
{
	int bad = 0;

	if (!parley_ledger__name_valid(f->question)) {
		problem(a, f->line, f->column, "1 to 500 printable characters",
			"bad question id '%.60s'", f->question ? f->question : "");
		bad = 1;
	}
	if (!parley_ledger__name_valid(f->forecaster)) {
		problem(a, f->line, f->column, "1 to 500 printable characters",
			"bad forecaster name '%.60s'", f->forecaster ? f->forecaster : "");
		bad = 1;
	}
	if (!parley_ledger_date_valid(f->date)) {
		problem(a, f->line, f->column, "a date YYYY-MM-DD", "bad date '%.20s'",
			f->date ? f->date : "");
		bad = 1;
	}
	if (isnan(f->probability) == isnan(f->value)) {
		problem(a, f->line, f->column, "a probability or a value",
			isnan(f->value) ? "a forecast needs a probability or a value"
					: "a forecast has a probability or a value, not both");
		bad = 1;
	} else if (!isnan(f->probability) && !(f->probability >= 0 && f->probability <= 1)) {
		problem(a, f->line, f->column, "a probability from 0 to 1",
			"probability %g is out of range", f->probability);
		bad = 1;
	} else if (!isnan(f->value) && !isfinite(f->value)) {
		problem(a, f->line, f->column, "a finite number", "the value is not finite");
		bad = 1;
	}
	if (!isnan(f->p_lo) || !isnan(f->p_hi)) {
		if (isnan(f->probability) || !(f->p_lo >= 0 && f->p_lo <= f->probability &&
				f->probability <= f->p_hi && f->p_hi <= 1)) {
			problem(a, f->line, f->column, "0 <= lo <= probability <= hi <= 1",
				"bad range of the words");
			bad = 1;
		}
	}
	/* words stand for a probability: a value forecast has none (a ledger
	 * file cannot say both, so its export would not import) */
	if (f->words && !isnan(f->value)) {
		problem(a, f->line, f->column, "words only with a probability",
			"a forecast of a value has words of estimative probability");
		bad = 1;
	}
	bad |= bad_text(a, f->line, f->column, "words", f->words, PARLEY_TEXT_MULTILINE);
	bad |= bad_text(a, f->line, f->column, "quote", f->quote, PARLEY_TEXT_MULTILINE);
	bad |= bad_text(a, f->line, f->column, "source", f->source, PARLEY_TEXT_MULTILINE);
	bad |= bad_text(a, f->line, f->column, "note", f->note, PARLEY_TEXT_MULTILINE);
	bad |= bad_text(a, f->line, f->column, "scenario_sha256", f->scenario_sha256, 0);
	bad |= bad_text(a, f->line, f->column, "parley_version", f->parley_version, 0);
	if (f->forecaster_kind != PARLEY_LEDGER_PERSON && f->forecaster_kind != PARLEY_LEDGER_MODEL) {
		problem(a, f->line, f->column, "person or model", "bad kind of forecaster");
		bad = 1;
	}
	return bad;
}

static int apply_forecast(applier *a, const parley_ledger_forecast *f,
	parley_ledger_apply_stats *stats)
{
	sqlite3_stmt *st;
	sqlite3_int64 id;
	parley_ledger_kind kind, want;
	int found, error, rc;
	char seed[24];

	if (bad_forecast(a, f))
		return 0;
	want = isnan(f->probability) ? PARLEY_LEDGER_VALUE : PARLEY_LEDGER_BINARY;
	if ((found = find_question(a, f->question, &id, &kind)) < 0)
		return found;
	if (!found) {
		if (!a->o->create_questions) {
			problem(a, f->line, f->column, "a question in the ledger",
				"no question '%.60s' in the ledger", f->question);
			return 0;
		}
		if ((error = insert_question(a, f->question, want, NULL, NAN, NAN, &id)) < 0)
			return error;
		kind = want;
		if (stats)
			stats->questions_added++;
	} else if (kind != want) {
		problem(a, f->line, f->column,
			kind == PARLEY_LEDGER_BINARY ? "a probability (or words)" : "a value",
			"question '%.60s' is a %s question: its forecasts are %s", f->question,
			kind == PARLEY_LEDGER_BINARY ? "yes/no" : "value",
			kind == PARLEY_LEDGER_BINARY ? "probabilities" : "values");
		return 0;
	}
	if (a->o->skip_duplicates) {
		st = a->st[F_DUP];
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, f->forecaster);
		bind_text(st, 3, f->date);
		bind_real(st, 4, f->probability);
		bind_real(st, 5, f->value);
		bind_text(st, 6, f->words);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_ROW) {
			if (stats)
				stats->forecasts_skipped++;
			return 0;
		}
		if (rc != SQLITE_DONE)
			return db_error(a->l, rc, "looking for a duplicate forecast");
	}
	st = a->st[F_INS];
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, f->forecaster);
	bind_text(st, 3, f->forecaster_kind == PARLEY_LEDGER_MODEL ? "model" : "person");
	bind_text(st, 4, f->date);
	bind_real(st, 5, f->probability);
	bind_real(st, 6, f->value);
	bind_text(st, 7, f->words);
	bind_real(st, 8, f->p_lo);
	bind_real(st, 9, f->p_hi);
	bind_text(st, 10, f->quote);
	bind_text(st, 11, f->source);
	bind_text(st, 12, f->note);
	bind_text(st, 13, f->scenario_sha256);
	bind_text(st, 14, f->parley_version);
	if (f->has_seed) {
		snprintf(seed, sizeof(seed), "%llu", (unsigned long long)f->seed);
		sqlite3_bind_text(st, 15, seed, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 16, (sqlite3_int64)f->draws);
	} else {
		sqlite3_bind_null(st, 15);
		sqlite3_bind_null(st, 16);
	}
	if ((error = step_done(a, st, "adding a forecast")) < 0)
		return error;
	if (stats)
		stats->forecasts_added++;
	return 0;
}

static parley_ledger_outcome outcome_parse(const char *s)
{
	if (!s) return PARLEY_LEDGER_OPEN;
	if (!strcmp(s, "yes")) return PARLEY_LEDGER_YES;
	if (!strcmp(s, "no")) return PARLEY_LEDGER_NO;
	if (!strcmp(s, "value")) return PARLEY_LEDGER_RESOLVED_VALUE;
	if (!strcmp(s, "unresolvable")) return PARLEY_LEDGER_UNRESOLVABLE;
	return PARLEY_LEDGER_OPEN;
}

static void outcome_text(char *buf, size_t n, parley_ledger_outcome o, double v)
{
	if (o == PARLEY_LEDGER_RESOLVED_VALUE)
		parley__fmt_double(buf, n, v);
	else
		snprintf(buf, n, "%s", parley_ledger_outcome_name(o));
}

static int bad_resolution(applier *a, const parley_ledger_resolution *r)
{
	int bad = 0;

	if (!parley_ledger__name_valid(r->question)) {
		problem(a, r->line, r->column, "1 to 500 printable characters",
			"bad question id '%.60s'", r->question ? r->question : "");
		bad = 1;
	}
	if (!parley_ledger_date_valid(r->date)) {
		problem(a, r->line, r->column, "a date YYYY-MM-DD", "bad resolution date '%.20s'",
			r->date ? r->date : "");
		bad = 1;
	}
	if (!r->source || !r->source[0]) {
		problem(a, r->line, r->column, "a source: what shows the outcome",
			"a resolution needs a source");
		bad = 1;
	}
	bad |= bad_text(a, r->line, r->column, "resolution's source", r->source, PARLEY_TEXT_MULTILINE);
	bad |= bad_text(a, r->line, r->column, "resolution's note", r->note, PARLEY_TEXT_MULTILINE);
	if (r->outcome == PARLEY_LEDGER_UNRESOLVABLE && (!r->note || !r->note[0])) {
		problem(a, r->line, r->column, "a note saying why",
			"an unresolvable question needs a note saying why");
		bad = 1;
	}
	if (r->outcome < PARLEY_LEDGER_YES || r->outcome > PARLEY_LEDGER_UNRESOLVABLE ||
	    (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE && !isfinite(r->value))) {
		problem(a, r->line, r->column, "yes, no, a number or unresolvable", "bad outcome");
		bad = 1;
	}
	return bad;
}

static int apply_resolution(applier *a, const parley_ledger_resolution *r,
	parley_ledger_apply_stats *stats)
{
	sqlite3_stmt *st;
	sqlite3_int64 id;
	parley_ledger_kind kind;
	int found, rc;

	if (bad_resolution(a, r))
		return 0;
	if ((found = find_question(a, r->question, &id, &kind)) < 0)
		return found;
	if (!found) {
		if (a->o->require_questions) {
			problem(a, r->line, r->column, "a question in the ledger",
				"no question '%.60s' in the ledger (parley ledger list shows them)", r->question);
			return 0;
		}
		return 0;
	}
	if ((kind == PARLEY_LEDGER_BINARY && r->outcome == PARLEY_LEDGER_RESOLVED_VALUE) ||
	    (kind == PARLEY_LEDGER_VALUE && (r->outcome == PARLEY_LEDGER_YES ||
					      r->outcome == PARLEY_LEDGER_NO))) {
		problem(a, r->line, r->column,
			kind == PARLEY_LEDGER_BINARY ? "yes, no or unresolvable" : "a number or unresolvable",
			"question '%.60s' is a %s question", r->question,
			kind == PARLEY_LEDGER_BINARY ? "yes/no" : "value");
		return 0;
	}
	st = a->st[R_GET];
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		parley_ledger_outcome old = outcome_parse((const char *)sqlite3_column_text(st, 0));
		double ov = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
		char was[40], now[40], when[16];
		snprintf(when, sizeof(when), "%s", (const char *)sqlite3_column_text(st, 2));
		sqlite3_reset(st);
		if (old == r->outcome && (old != PARLEY_LEDGER_RESOLVED_VALUE || ov == r->value)) {
			if (stats)
				stats->resolutions_same++;
			return 0;
		}
		if (!a->o->replace) {
			outcome_text(was, sizeof(was), old, ov);
			outcome_text(now, sizeof(now), r->outcome, r->value);
			problem(a, r->line, r->column, "the same outcome, or --replace",
				"question '%.60s' was resolved as %s on %s; not changed to %s without --replace",
				r->question, was, when, now);
			return 0;
		}
	} else {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(a->l, rc, "looking up a resolution");
	}
	st = a->st[R_PUT];
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, parley_ledger_outcome_name(r->outcome));
	bind_real(st, 3, r->outcome == PARLEY_LEDGER_RESOLVED_VALUE ? r->value : NAN);
	bind_text(st, 4, r->date);
	bind_text(st, 5, r->source);
	bind_text(st, 6, r->note);
	if ((rc = step_done(a, st, "resolving a question")) < 0)
		return rc;
	if (stats)
		stats->resolutions_added++;
	return 0;
}

/* The arguments of a batch: 0 with *o the options to use, or PARLEY_EINVAL. */
static int batch_args(const parley_ledger_batch *b, const parley_ledger_apply_options *opts,
	parley_ledger_apply_options *o)
{
	PARLEY_ASSERT_ARG(b);
	PARLEY_ASSERT_ARG(b->question_count == 0 || b->questions);
	PARLEY_ASSERT_ARG(b->forecast_count == 0 || b->forecasts);
	PARLEY_ASSERT_ARG(b->resolution_count == 0 || b->resolutions);
	if (opts) {
		PARLEY_ASSERT_ARG(opts->version == PARLEY_LEDGER_APPLY_OPTIONS_VERSION);
		*o = *opts;
	}
	return 0;
}

int parley_ledger_batch_check(const parley_ledger_batch *b, const parley_ledger_apply_options *opts,
	parley_diag_list *diags)
{
	parley_ledger_apply_options o = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	applier a;
	size_t i;
	int error;

	if ((error = batch_args(b, opts, &o)) < 0)
		return error;
	memset(&a, 0, sizeof(a));
	a.o = &o;
	a.diags = diags;
	for (i = 0; i < b->question_count; i++)
		(void)bad_question(&a, &b->questions[i]);
	for (i = 0; i < b->forecast_count; i++)
		(void)bad_forecast(&a, &b->forecasts[i]);
	for (i = 0; i < b->resolution_count; i++)
		(void)bad_resolution(&a, &b->resolutions[i]);
	if (a.oom)
		return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	if (a.problems > 1 && !diags)
		parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%zu problems in the batch", a.problems);
	return a.problems ? PARLEY_EPARSE : 0;
}

int parley_ledger_apply(parley_ledger *l, const parley_ledger_batch *b,
	const parley_ledger_apply_options *opts, parley_ledger_apply_stats *stats,
	parley_diag_list *diags)
{
	parley_ledger_apply_options o = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	applier a;
	size_t i;
	int k, rc, error = 0;

	PARLEY_ASSERT_ARG(l);
	if ((error = batch_args(b, opts, &o)) < 0)
		return error;
	if (stats)
		memset(stats, 0, sizeof(*stats));
	memset(&a, 0, sizeof(a));
	a.l = l;
	a.o = &o;
	a.diags = diags;

	if (l->read_only)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"%s: the ledger was opened read-only", l->path);
	if ((error = exec(l, "BEGIN IMMEDIATE", "starting a transaction")) < 0)
		return error;
	for (k = 0; k < NSTMT; k++) {
		rc = sqlite3_prepare_v2(l->db, stmt_sql[k], -1, &a.st[k], NULL);
		if (rc != SQLITE_OK) {
			error = db_error(l, rc, "preparing a statement");
			goto done;
		}
	}
	for (i = 0; i < b->question_count && !error && !a.oom; i++)
		error = apply_question(&a, &b->questions[i], stats);
	for (i = 0; i < b->forecast_count && !error && !a.oom; i++)
		error = apply_forecast(&a, &b->forecasts[i], stats);
	for (i = 0; i < b->resolution_count && !error && !a.oom; i++)
		error = apply_resolution(&a, &b->resolutions[i], stats);
	if (!error && a.oom)
		error = parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	if (!error && a.problems)
		error = PARLEY_EPARSE;
done:
	for (k = 0; k < NSTMT; k++)
		sqlite3_finalize(a.st[k]);
	if (error) {
		rollback(l);
		if (error == PARLEY_EPARSE && a.problems > 1 && !a.diags)
			parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%zu problems in the batch; "
				"the ledger is unchanged", a.problems);
		if (stats)
			memset(stats, 0, sizeof(*stats));
		return error;
	}
	if ((error = exec(l, "COMMIT", "committing")) < 0) {
		rollback(l);
		if (stats)
			memset(stats, 0, sizeof(*stats));
		return error;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Validating what is read                                              */
/* ------------------------------------------------------------------ */

/* What parley_ledger_apply() guarantees of the rows, checked when they are
 * read: a ledger edited by hand or by another program (whose schema the
 * read-only open lets through) could hold a question without a key, a key
 * twice, a forecast of no question, a probability outside [0, 1], and so
 * make "(null)" and contradictory counts. Each query gives one line per
 * problem (the first few of each kind). */
#define NUM(x) "typeof(" x ") IN ('real', 'integer')"
#define DATE(x) "(typeof(" x ") = 'text' AND " x " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"
#define NAME(x) "(typeof(" x ") = 'text' AND length(CAST(" x " AS BLOB)) BETWEEN 1 AND 500 AND trim(" x ", ' ') <> '')"
static const char *const row_checks[] = {
	"SELECT 'question row ' || id || ' has no key (1 to 500 bytes of text)' FROM questions "
	"WHERE NOT " NAME("key") " LIMIT 3",
	"SELECT 'question ' || quote(key) || ' appears ' || count(*) || ' times' FROM questions "
	"GROUP BY key HAVING count(*) > 1 LIMIT 3",
	"SELECT 'question ' || quote(key) || ' has kind ' || quote(kind) || ' (binary or value)' "
	"FROM questions WHERE kind IS NOT 'binary' AND kind IS NOT 'value' LIMIT 3",
	"SELECT 'question ' || quote(key) || ' has a bad scale' FROM questions WHERE NOT "
	"((lo IS NULL AND hi IS NULL) OR (kind = 'value' AND " NUM("lo") " AND " NUM("hi") " AND lo < hi "
	"AND abs(lo) <= 1.7976931348623157e308 AND abs(hi) <= 1.7976931348623157e308)) LIMIT 3",
	"SELECT 'forecast row ' || f.id || ' belongs to no question' FROM forecasts f "
	"LEFT JOIN questions q ON q.id = f.question_id WHERE q.id IS NULL LIMIT 3",
	"SELECT 'forecast row ' || f.id || ' on ' || quote(q.key) || ': ' || CASE "
	"WHEN NOT " NAME("f.forecaster") " THEN 'no forecaster' "
	"WHEN f.forecaster_kind IS NOT 'person' AND f.forecaster_kind IS NOT 'model' THEN 'a bad kind of forecaster' "
	"WHEN NOT " DATE("f.made_on") " THEN 'no date (YYYY-MM-DD)' "
	"WHEN q.kind = 'binary' AND NOT (" NUM("f.probability") " AND f.probability BETWEEN 0 AND 1 "
	"AND f.value IS NULL) THEN 'not a probability from 0 to 1' "
	"WHEN q.kind = 'value' AND NOT (" NUM("f.value") " AND abs(f.value) <= 1.7976931348623157e308 "
	"AND f.probability IS NULL) THEN 'not a value' "
	"WHEN f.value IS NOT NULL AND f.words IS NOT NULL THEN 'words of estimative probability with a value' "
	"WHEN (f.p_lo IS NULL) <> (f.p_hi IS NULL) OR (f.p_lo IS NOT NULL AND NOT (" NUM("f.p_lo") " AND "
	NUM("f.p_hi") " AND 0 <= f.p_lo AND f.p_lo <= f.probability AND f.probability <= f.p_hi "
	"AND f.p_hi <= 1)) THEN 'a bad range of words' "
	"WHEN (f.seed IS NULL) <> (f.draws IS NULL) OR (f.seed IS NOT NULL AND NOT (typeof(f.seed) = 'text' "
	"AND f.seed GLOB '[0-9]*' AND NOT f.seed GLOB '*[^0-9]*' AND length(f.seed) <= 20 "
	"AND typeof(f.draws) = 'integer' AND f.draws >= 0)) THEN 'a bad seed or number of draws' "
	"END AS what FROM forecasts f JOIN questions q ON q.id = f.question_id WHERE what IS NOT NULL LIMIT 3",
	"SELECT 'resolution row ' || r.rowid || ' belongs to no question' FROM resolutions r "
	"LEFT JOIN questions q ON q.id = r.question_id WHERE q.id IS NULL LIMIT 3",
	"SELECT 'question ' || quote(q.key) || ' is resolved ' || count(*) || ' times' FROM resolutions r "
	"JOIN questions q ON q.id = r.question_id GROUP BY r.question_id HAVING count(*) > 1 LIMIT 3",
	"SELECT 'the resolution of ' || quote(q.key) || ': ' || CASE "
	"WHEN r.outcome IS NOT 'yes' AND r.outcome IS NOT 'no' AND r.outcome IS NOT 'value' "
	"AND r.outcome IS NOT 'unresolvable' THEN 'a bad outcome' "
	"WHEN q.kind = 'binary' AND r.outcome = 'value' THEN 'a value for a yes/no question' "
	"WHEN q.kind = 'value' AND r.outcome IN ('yes', 'no') THEN 'yes or no for a value question' "
	"WHEN r.outcome = 'value' AND NOT (" NUM("r.value") " AND abs(r.value) <= 1.7976931348623157e308) "
	"THEN 'no value' "
	"WHEN NOT " DATE("r.resolved_on") " THEN 'no date (YYYY-MM-DD)' "
	"WHEN typeof(r.source) <> 'text' OR r.source = '' THEN 'no source' "
	"WHEN r.outcome = 'unresolvable' AND (typeof(r.note) <> 'text' OR r.note = '') THEN 'no note saying why' "
	"END AS what FROM resolutions r JOIN questions q ON q.id = r.question_id WHERE what IS NOT NULL LIMIT 3",
};
#undef NUM
#undef DATE
#undef NAME

/* Run the row checks inside the caller's transaction: each problem one
 * line of `out` (text as parley__text_escape shows it), *count of them. */
static int check_rows(parley_ledger *l, parley_buf *out, size_t *count)
{
	size_t k;
	int rc = SQLITE_OK, error = 0;

	*count = 0;
	for (k = 0; k < sizeof(row_checks) / sizeof(row_checks[0]) && !error; k++) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(l->db, row_checks[k], -1, &st, NULL);
		while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			size_t tn = (size_t)sqlite3_column_bytes(st, 0);
			/* a NULL where parley's schema has a key (a ledger read as it
			 * is) makes the whole description NULL: still a problem */
			if (!t) {
				t = "a row with no id or key, which parley's schema requires";
				tn = strlen(t);
			}
			(*count)++;
			if ((error = parley__text_escape(out, t, tn, 0)) < 0 ||
			    (error = parley_buf__puts(out, "\n")) < 0)
				break;
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
		if (!error && rc != SQLITE_DONE)
			error = db_error(l, rc, "checking the ledger's rows");
	}
	return error;
}

/* The rows, checked before a read: 0, or the "damaged" error naming the
 * first problem. */
static int rows_ok(parley_ledger *l)
{
	parley_buf why = PARLEY_BUF_INIT;
	size_t n = 0;
	int error = check_rows(l, &why, &n);

	if (!error && n) {
		char *nl = why.ptr ? strchr(why.ptr, '\n') : NULL;
		if (nl)
			*nl = '\0';
		error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT,
			"%s: the ledger is damaged: %s%s; it was left unchanged ('parley ledger check' lists "
			"every problem)", l->path, why.ptr ? why.ptr : "", n > 1 ? " (and more)" : "");
	}
	parley_buf_dispose(&why);
	return error;
}

int parley_ledger_check(parley_buf *out, parley_ledger *l, size_t *problems)
{
	size_t n = 0;
	int error;

	PARLEY_ASSERT_ARG(out && l && problems);
	*problems = 0;
	if (l->schema_problems) {
		const char *p = l->schema_problems, *semi;
		/* one line per object */
		for (; p; p = semi ? semi + 2 : NULL, (*problems)++) {
			semi = strstr(p, "; ");
			if ((error = parley_buf__put(out, p, semi ? (size_t)(semi - p) : strlen(p))) < 0 ||
			    (error = parley_buf__puts(out, "\n")) < 0)
				return error;
		}
	}
	if ((error = exec(l, "BEGIN", "reading the ledger")) < 0)
		return error;
	/* the whole integrity check here (open's quick check does not compare
	 * indexes with their tables), then the rows */
	{
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(l->db, "PRAGMA integrity_check(20)", -1, &st, NULL);
		while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			rc = SQLITE_OK;
			if (!t || !strcmp(t, "ok"))
				continue;
			(*problems)++;
			if ((error = parley__text_escape(out, t, strlen(t), 0)) < 0 ||
			    (error = parley_buf__puts(out, "\n")) < 0)
				break;
		}
		sqlite3_finalize(st);
		if (!error && rc != SQLITE_DONE)
			error = db_error(l, rc, "checking the ledger");
	}
	if (!error)
		error = check_rows(l, out, &n);
	rollback(l);
	*problems += n;
	return error;
}

/* ------------------------------------------------------------------ */
/* Views                                                                */
/* ------------------------------------------------------------------ */

/* Text of column i, copied into the view's arena. A text that breaks the
 * rule of text.c (a ledger written before it, or by hand) is kept with the
 * characters it refuses escaped (\x1b, \u202e: parley__text_escape), and
 * counted in v->escaped: so the outputs never carry a raw control
 * character, and an export of any ledger parley reads imports again. */
static const char *col_str(parley_ledger_view *v, sqlite3_stmt *st, int i, unsigned flags, int *oom)
{
	const char *t, *p;
	size_t n;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	t = (const char *)sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	n = (size_t)sqlite3_column_bytes(st, i);
	if (parley__text_check(t, n, flags, NULL) == 0) {
		p = parley_arena__strndup(&v->arena, t, n);
	} else {
		parley_buf b = PARLEY_BUF_INIT;
		p = parley__text_escape(&b, t, n, flags) == 0 ?
			parley_arena__strndup(&v->arena, b.ptr ? b.ptr : "", b.size) : NULL;
		parley_buf_dispose(&b);
		v->escaped++;
	}
	if (!p)
		*oom = 1;
	return p;
}

static double col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

void parley_ledger_view_free(parley_ledger_view *v)
{
	if (!v)
		return;
	parley__free(v->entries);
	parley__free(v->forecasts);
	parley_arena__dispose(&v->arena);
	parley__free(v);
}

typedef struct {
	sqlite3_int64 id;
	size_t entry;
} qid_entry;

static int qid_cmp(const void *a, const void *b)
{
	sqlite3_int64 x = ((const qid_entry *)a)->id, y = ((const qid_entry *)b)->id;
	return x < y ? -1 : x > y;
}

/* Give each entry of v its forecasts (fq[k]: the question row id of
 * forecast k; qids[i]: that of entry i), keeping their order within an
 * entry, and the entries' forecasts consecutive. */
static int attach_forecasts(parley_ledger *l, parley_ledger_view *v, const sqlite3_int64 *qids,
	const sqlite3_int64 *fq)
{
	size_t n = v->entry_count, m = v->forecast_count, i, k;
	qid_entry *map = parley__malloc((n ? n : 1) * sizeof(*map));
	size_t *at = parley__malloc((m ? m : 1) * sizeof(*at));
	parley_ledger_forecast *sorted = parley__malloc((m ? m : 1) * sizeof(*sorted));
	int error = 0;

	if (!map || !at || !sorted) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		map[i].id = qids[i];
		map[i].entry = i;
		v->entries[i].forecast_count = 0;
	}
	qsort(map, n, sizeof(*map), qid_cmp);
	for (i = 1; i < n; i++)
		if (map[i].id == map[i - 1].id) {
			error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: the ledger is damaged: "
				"question row %lld was read twice (an index that no longer matches its table: "
				"'sqlite3 %s REINDEX' rebuilds it); it was left unchanged", l->path,
				(long long)map[i].id, l->path);
			goto done;
		}
	for (k = 0; k < m; k++) {
		qid_entry key, *hit;
		key.id = fq[k];
		hit = n ? bsearch(&key, map, n, sizeof(*map), qid_cmp) : NULL;
		if (!hit) {
			error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: the ledger is damaged: "
				"a forecast of question row %lld, which was not read (an index that no longer "
				"matches its table: 'sqlite3 %s REINDEX' rebuilds it); it was left unchanged",
				l->path, (long long)fq[k], l->path);
			goto done;
		}
		at[k] = hit->entry;
		v->entries[hit->entry].forecast_count++;
	}
	for (i = 0, k = 0; i < n; i++) {
		v->entries[i].first_forecast = k;
		k += v->entries[i].forecast_count;
		v->entries[i].forecast_count = 0;
	}
	for (k = 0; k < m; k++) {
		parley_ledger_entry *e = &v->entries[at[k]];
		parley_ledger_forecast *f = &sorted[e->first_forecast + e->forecast_count++];
		*f = v->forecasts[k];
		f->question = e->question.id;
	}
	if (m)
		memcpy(v->forecasts, sorted, m * sizeof(*sorted));
done:
	parley__free(map);
	parley__free(at);
	parley__free(sorted);
	return error;
}

static int entry_key_cmp(const void *a, const void *b)
{
	return strcmp((*(const parley_ledger_entry *const *)a)->question.id,
		(*(const parley_ledger_entry *const *)b)->question.id);
}

/* What was read passes the checks parley_ledger_apply() makes of what it
 * writes (the values as read, not as SQL sees them: an index that no longer
 * matches its table can show a query other values): every question,
 * resolution and forecast, the kinds agreeing, no key twice. So what a view
 * holds always renders, and its export always imports. Else "damaged". */
static int view_sound(parley_ledger *l, const parley_ledger_view *v)
{
	parley_ledger_apply_options o = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	const parley_ledger_entry **byk = NULL;
	applier a;
	size_t i, k;
	int error = 0;

	memset(&a, 0, sizeof(a));
	a.o = &o;
	for (i = 0; i < v->entry_count && !a.problems; i++) {
		const parley_ledger_entry *e = &v->entries[i];
		const parley_ledger_resolution *r = &e->resolution;
		if (bad_question(&a, &e->question))
			break;
		if (r->outcome != PARLEY_LEDGER_OPEN && !bad_resolution(&a, r) &&
		    (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE) != (e->question.kind == PARLEY_LEDGER_VALUE) &&
		    r->outcome != PARLEY_LEDGER_UNRESOLVABLE)
			problem(&a, 0, 0, "", "question '%.60s' has a resolution of the other kind", e->question.id);
		for (k = e->first_forecast; k < e->first_forecast + e->forecast_count && !a.problems; k++) {
			const parley_ledger_forecast *f = &v->forecasts[k];
			if (!bad_forecast(&a, f) &&
			    isnan(f->probability) != (e->question.kind == PARLEY_LEDGER_VALUE))
				problem(&a, 0, 0, "", "a forecast of '%.60s' of the other kind", e->question.id);
		}
	}
	if (!a.problems && v->entry_count > 1) {
		byk = parley__malloc(v->entry_count * sizeof(*byk));
		if (!byk)
			return PARLEY_ENOMEM;
		for (i = 0; i < v->entry_count; i++)
			byk[i] = &v->entries[i];
		qsort(byk, v->entry_count, sizeof(*byk), entry_key_cmp);
		for (i = 1; i < v->entry_count && !a.problems; i++)
			if (!strcmp(byk[i]->question.id, byk[i - 1]->question.id))
				problem(&a, 0, 0, "", "question '%.60s' appears twice", byk[i]->question.id);
		parley__free(byk);
	}
	if (a.problems) {
		char first[520];
		snprintf(first, sizeof(first), "%s", parley_error_last()->message);
		error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: the ledger is damaged: %s; it "
			"was left unchanged ('parley ledger check' lists what it finds; an index that no longer "
			"matches its table is rebuilt by 'sqlite3 %s REINDEX')", l->path, first, l->path);
	}
	return error;
}

int parley_ledger_view_load(parley_ledger_view **out, parley_ledger *l,
	const parley_ledger_query *query)
{
	static const char qsql[] =
		"SELECT q.id, q.key, q.kind, q.text, q.lo, q.hi, r.outcome, r.value, r.resolved_on, "
		"r.source, r.note FROM questions q LEFT JOIN resolutions r ON r.question_id = q.id "
		"WHERE (?1 IS NULL OR q.key GLOB ?1) ORDER BY q.key";
	static const char fsql[] =
		"SELECT f.question_id, f.forecaster, f.forecaster_kind, f.made_on, f.probability, f.value, "
		"f.words, f.p_lo, f.p_hi, f.quote, f.source, f.note, f.scenario_sha256, f.parley_version, "
		"f.seed, f.draws FROM forecasts f JOIN questions q ON q.id = f.question_id "
		"WHERE (?1 IS NULL OR q.key GLOB ?1) AND (?2 IS NULL OR f.forecaster = ?2) "
		"ORDER BY q.key, f.made_on, f.forecaster, f.id";
	parley_ledger_view *v;
	sqlite3_stmt *qs = NULL, *fs = NULL;
	sqlite3_int64 *qids = NULL, *fq = NULL;
	size_t qalloc = 0, falloc = 0, i, n;
	int rc, oom = 0, error = 0;
	const char *glob = query ? query->question : NULL, *who = query ? query->forecaster : NULL;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(l);
	if (query)
		PARLEY_ASSERT_ARG(query->version == PARLEY_LEDGER_QUERY_VERSION);
	v = parley__calloc(1, sizeof(*v));
	if (!v)
		return PARLEY_ENOMEM;
	/* One read transaction: a consistent snapshot under concurrent writers. */
	if ((error = exec(l, "BEGIN", "reading the ledger")) < 0 || (error = rows_ok(l)) < 0)
		goto done;
	if ((rc = sqlite3_prepare_v2(l->db, qsql, -1, &qs, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(l->db, fsql, -1, &fs, NULL)) != SQLITE_OK) {
		error = db_error(l, rc, "reading the ledger");
		goto done;
	}
	bind_text(qs, 1, glob);
	while ((rc = sqlite3_step(qs)) == SQLITE_ROW) {
		parley_ledger_entry *e;
		void *p = grow(v->entries, v->entry_count, &v->entry_alloc, sizeof(*e));
		const char *kind, *outc;
		if (!p) { error = PARLEY_ENOMEM; goto done; }
		v->entries = p;
		p = grow(qids, v->entry_count, &qalloc, sizeof(*qids));
		if (!p) { error = PARLEY_ENOMEM; goto done; }
		qids = p;
		qids[v->entry_count] = sqlite3_column_int64(qs, 0);
		e = &v->entries[v->entry_count++];
		memset(e, 0, sizeof(*e));
		e->question.id = col_str(v, qs, 1, 0, &oom);
		kind = (const char *)sqlite3_column_text(qs, 2);
		e->question.kind = kind && !strcmp(kind, "value") ? PARLEY_LEDGER_VALUE : PARLEY_LEDGER_BINARY;
		e->question.text = col_str(v, qs, 3, PARLEY_TEXT_MULTILINE, &oom);
		e->question.lo = col_real(qs, 4);
		e->question.hi = col_real(qs, 5);
		e->resolution.question = e->question.id;
		outc = (const char *)sqlite3_column_text(qs, 6);
		e->resolution.outcome = outcome_parse(outc);
		e->resolution.value = col_real(qs, 7);
		e->resolution.date = col_str(v, qs, 8, 0, &oom);
		e->resolution.source = col_str(v, qs, 9, PARLEY_TEXT_MULTILINE, &oom);
		e->resolution.note = col_str(v, qs, 10, PARLEY_TEXT_MULTILINE, &oom);
	}
	if (rc != SQLITE_DONE) {
		error = db_error(l, rc, "reading the questions");
		goto done;
	}
	bind_text(fs, 1, glob);
	bind_text(fs, 2, who);
	while ((rc = sqlite3_step(fs)) == SQLITE_ROW) {
		parley_ledger_forecast *f;
		const char *kind, *seed;
		void *p = grow(v->forecasts, v->forecast_count, &v->forecast_alloc, sizeof(*f));
		if (!p) { error = PARLEY_ENOMEM; goto done; }
		v->forecasts = p;
		p = grow(fq, v->forecast_count, &falloc, sizeof(*fq));
		if (!p) { error = PARLEY_ENOMEM; goto done; }
		fq = p;
		fq[v->forecast_count] = sqlite3_column_int64(fs, 0);
		f = &v->forecasts[v->forecast_count++];
		parley_ledger__forecast_init(f);
		f->forecaster = col_str(v, fs, 1, 0, &oom);
		kind = (const char *)sqlite3_column_text(fs, 2);
		f->forecaster_kind = kind && !strcmp(kind, "model") ? PARLEY_LEDGER_MODEL : PARLEY_LEDGER_PERSON;
		f->date = col_str(v, fs, 3, 0, &oom);
		f->probability = col_real(fs, 4);
		f->value = col_real(fs, 5);
		f->words = col_str(v, fs, 6, PARLEY_TEXT_MULTILINE, &oom);
		f->p_lo = col_real(fs, 7);
		f->p_hi = col_real(fs, 8);
		f->quote = col_str(v, fs, 9, PARLEY_TEXT_MULTILINE, &oom);
		f->source = col_str(v, fs, 10, PARLEY_TEXT_MULTILINE, &oom);
		f->note = col_str(v, fs, 11, PARLEY_TEXT_MULTILINE, &oom);
		f->scenario_sha256 = col_str(v, fs, 12, 0, &oom);
		f->parley_version = col_str(v, fs, 13, 0, &oom);
		seed = (const char *)sqlite3_column_text(fs, 14);
		if (seed) {
			f->has_seed = 1;
			f->seed = strtoull(seed, NULL, 10);
			f->draws = (uint64_t)sqlite3_column_int64(fs, 15);
		}
	}
	if (rc != SQLITE_DONE) {
		error = db_error(l, rc, "reading the forecasts");
		goto done;
	}
	if (oom) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	/* Attach the forecasts to their questions by row id, not by trusting
	 * the two queries to come in the same order: in a file whose index no
	 * longer matches its table (PRAGMA quick_check does not compare them)
	 * they need not. A forecast of no question read is damage. */
	if ((error = attach_forecasts(l, v, qids, fq)) < 0 || (error = view_sound(l, v)) < 0)
		goto done;
	/* With a forecaster filter, keep the questions that have forecasts. */
	if (who) {
		for (i = 0, n = 0; i < v->entry_count; i++)
			if (v->entries[i].forecast_count)
				v->entries[n++] = v->entries[i];
		v->entry_count = n;
	}
done:
	sqlite3_finalize(qs);
	sqlite3_finalize(fs);
	rollback(l);
	parley__free(qids);
	parley__free(fq);
	if (error) {
		if (error == PARLEY_ENOMEM)
			parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory reading the ledger");
		parley_ledger_view_free(v);
		return error;
	}
	*out = v;
	return 0;
}

size_t parley_ledger_view_escaped(const parley_ledger_view *v)
{
	return v ? v->escaped : 0;
}

size_t parley_ledger_view_entry_count(const parley_ledger_view *v)
{
	return v ? v->entry_count : 0;
}

const parley_ledger_entry *parley_ledger_view_entry(const parley_ledger_view *v, size_t i)
{
	return v && i < v->entry_count ? &v->entries[i] : NULL;
}

size_t parley_ledger_view_forecast_count(const parley_ledger_view *v)
{
	return v ? v->forecast_count : 0;
}

const parley_ledger_forecast *parley_ledger_view_forecast(const parley_ledger_view *v, size_t i)
{
	return v && i < v->forecast_count ? &v->forecasts[i] : NULL;
}
