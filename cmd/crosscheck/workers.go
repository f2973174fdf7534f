package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/crosscheck-news/crosscheck/coord"
	"github.com/crosscheck-news/crosscheck/store"
)

// openCoordinator joins the workers sharing dsn when it is a PostgreSQL
// database (package coord: URL claims, the placement log, story locks);
// for a SQLite file it returns nil, and the command works alone. The
// caller closes it after the ingest service.
func openCoordinator(ctx context.Context, cmd, dsn string) (*coord.Coordinator, bool) {
	if !store.IsPostgres(dsn) {
		return nil, true
	}
	c, err := coord.Open(ctx, dsn, coord.Options{OnError: func(err error) {
		slog.Warn("crosscheck "+cmd+": coordination", "err", err)
	}})
	if err != nil {
		fmt.Fprintf(os.Stderr, "crosscheck %s: %v\n", cmd, err)
		return nil, false
	}
	slog.Debug("crosscheck "+cmd+": joined the workers on the database", "worker", c.Worker())
	return c, true
}
