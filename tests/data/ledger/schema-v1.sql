-- schema-v1.sql - a parley ledger as schema version 1 wrote it (parley 0.1,
-- before quotations and word ranges), with a little data. The unit and CLI
-- tests build a database from it and check that opening it migrates it to
-- the current schema and keeps every row. Never edit: it stands for files
-- already on users' disks.
PRAGMA application_id = 1349676153;
BEGIN;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('binary', 'value')),
  text TEXT,
  lo REAL, hi REAL);
CREATE TABLE forecasts (
  id INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  forecaster TEXT NOT NULL,
  forecaster_kind TEXT NOT NULL CHECK (forecaster_kind IN ('person', 'model')),
  made_on TEXT NOT NULL,
  probability REAL CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1)),
  value REAL,
  words TEXT, source TEXT, note TEXT,
  scenario_sha256 TEXT, parley_version TEXT, seed TEXT, draws INTEGER,
  CHECK ((probability IS NULL) <> (value IS NULL)));
CREATE TABLE resolutions (
  question_id INTEGER PRIMARY KEY REFERENCES questions(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('yes', 'no', 'value', 'unresolvable')),
  value REAL,
  resolved_on TEXT NOT NULL,
  source TEXT NOT NULL,
  note TEXT);
INSERT INTO meta VALUES ('created_by', 'parley 0.1.0');
INSERT INTO questions VALUES (1, 'v1/talks-succeed', 'binary', 'The talks succeed', NULL, NULL);
INSERT INTO questions VALUES (2, 'v1/outcome', 'value', 'Where the outcome lands', 0, 100);
INSERT INTO forecasts VALUES (1, 1, 'Ann Analyst', 'person', '2022-01-10', 0.325, NULL, 'unlikely',
  'a report', NULL, NULL, NULL, NULL, NULL);
INSERT INTO forecasts VALUES (2, 1, 'median', 'model', '2022-01-18', 0.0625, NULL, NULL,
  'scenario.yaml', 'point forecast', 'ab12', '0.1.0', '7', 500);
INSERT INTO forecasts VALUES (3, 2, 'median', 'model', '2022-01-18', NULL, 42.5, NULL,
  'scenario.yaml', NULL, 'ab12', '0.1.0', '7', 500);
INSERT INTO resolutions VALUES (1, 'no', NULL, '2022-02-24', 'what happened', NULL);
COMMIT;
PRAGMA user_version = 1;
