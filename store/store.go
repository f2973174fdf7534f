// Package store opens a crosscheck.Store from a data source name: a
// postgres:// or postgresql:// URL opens store/postgres, anything else is
// the path of a store/sqlite file.
package store

import (
	"strings"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/postgres"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
)

// DefaultPath is the SQLite file the commands use when given no --db.
const DefaultPath = "crosscheck.db"

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the store dsn names, creating or migrating its schema.
func Open(dsn string) (crosscheck.Store, error) {
	return OpenWith(dsn, Options{})
}

// Options are the settings of OpenWith.
type Options struct {
	// Replayable trades the durability of the last commits against a power
	// cut or OS crash for speed, for batches that can be run again: SQLite
	// commits without an fsync each (synchronous=NORMAL), PostgreSQL
	// sessions with synchronous_commit off. Neither loses anything when
	// only the process dies, and neither can corrupt the database.
	Replayable bool
}

// OpenWith is Open with options.
func OpenWith(dsn string, opt Options) (crosscheck.Store, error) {
	if IsPostgres(dsn) {
		return postgres.OpenWith(dsn, postgres.Options{Replayable: opt.Replayable})
	}
	return sqlite.OpenWith(strings.TrimPrefix(dsn, "sqlite:"), sqlite.Options{Replayable: opt.Replayable})
}
