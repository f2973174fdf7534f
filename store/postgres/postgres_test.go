package postgres_test

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/postgres"
	"github.com/crosscheck-news/crosscheck/store/postgres/pgtest"
	"github.com/crosscheck-news/crosscheck/store/storetest"
)

// TestConformance runs the store suite against the PostgreSQL server
// CROSSCHECK_TEST_POSTGRES names (.ci/postgres starts one and prints the
// URL), each test in a schema of its own, dropped afterwards.
func TestConformance(t *testing.T) {
	pgtest.URL(t) // skips without a server
	storetest.Run(t, func(t *testing.T) crosscheck.Store {
		return openSchema(t)
	})
}

// openSchema creates a fresh schema and opens a store in it.
func openSchema(t *testing.T) crosscheck.Store {
	t.Helper()
	st, err := postgres.Open(pgtest.Schema(t, "cc_test_"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}
