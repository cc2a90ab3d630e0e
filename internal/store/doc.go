// Package store keeps Gapwise's data in one SQLite file: framework packs,
// people, teams, assessments, ratings, targets and development plans.
//
// It is the only package that imports the SQLite driver. Everything above it
// speaks model types; nothing here knows about screens or files other than
// the database itself and its backups.
//
// The file holds personal appraisal data, so the package is careful with it:
// a file that is not a healthy Gapwise database of a version this binary
// understands is refused before anything is written to it; new files are
// created readable by their owner only; and every commit is synced to disk
// before the call that made it returns.
package store
