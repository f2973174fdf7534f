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
	if IsPostgres(dsn) {
		return postgres.Open(dsn)
	}
	return sqlite.Open(strings.TrimPrefix(dsn, "sqlite:"))
}
