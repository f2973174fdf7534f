// Package pgtest gives tests a database of their own on the PostgreSQL
// server that CROSSCHECK_TEST_POSTGRES names (.ci/postgres starts one and
// prints its URL). It is for tests only.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Schema creates a fresh schema, named prefix and random hex, dropped when
// the test ends, and returns the server's URL with search_path set to it.
// It skips the test, saying why, when CROSSCHECK_TEST_POSTGRES is not set.
func Schema(t testing.TB, prefix string) string {
	t.Helper()
	base := URL(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := prefix + hex.EncodeToString(b)
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
	return u.String()
}

// URL returns CROSSCHECK_TEST_POSTGRES, or skips the test, saying why.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("CROSSCHECK_TEST_POSTGRES")
	if base == "" {
		t.Skip("CROSSCHECK_TEST_POSTGRES is not set: no PostgreSQL server to test against (start one with .ci/postgres)")
	}
	return base
}
