package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/postgres"
	"github.com/crosscheck-news/crosscheck/store/storetest"
)

// TestConformance runs the store suite against the PostgreSQL server
// CROSSCHECK_TEST_POSTGRES names (.ci/postgres starts one and prints the
// URL), each test in a schema of its own, dropped afterwards.
func TestConformance(t *testing.T) {
	base := os.Getenv("CROSSCHECK_TEST_POSTGRES")
	if base == "" {
		t.Skip("CROSSCHECK_TEST_POSTGRES is not set: no PostgreSQL server to test against (start one with .ci/postgres)")
	}
	storetest.Run(t, func(t *testing.T) crosscheck.Store {
		return openSchema(t, base)
	})
}

// openSchema creates a fresh schema and opens a store in it.
func openSchema(t *testing.T, base string) crosscheck.Store {
	t.Helper()
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "cc_test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connecting to CROSSCHECK_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Errorf("dropping %s: %v", schema, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	return st
}
