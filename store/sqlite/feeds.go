package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

var _ crosscheck.FeedStore = (*Store)(nil)

// AddFeed stores f unless its URL is stored; see crosscheck.FeedStore. The
// insert and the read of an existing feed share one write transaction, so
// no other writer comes between them.
func (s *Store) AddFeed(ctx context.Context, f *crosscheck.Feed) (bool, error) {
	if f.Added.IsZero() {
		f.Added = time.Now().UTC()
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("sqlite: %s: adding feed %s: %w", s.path, f.URL, err)
	}
	defer tx.Rollback()
	added := true
	err = tx.QueryRowContext(ctx, "INSERT INTO feeds (url, name, added) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING RETURNING id",
		f.URL, f.Name, f.Added.UnixNano()).Scan(&f.ID)
	if errors.Is(err, sql.ErrNoRows) {
		added = false
		var at int64
		err = tx.QueryRowContext(ctx, "SELECT id, name, added FROM feeds WHERE url = ?", f.URL).Scan(&f.ID, &f.Name, &at)
		f.Added = time.Unix(0, at).UTC()
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: %s: adding feed %s: %w", s.path, f.URL, err)
	}
	return added, nil
}

// Feeds returns every feed; see crosscheck.FeedStore.
func (s *Store) Feeds(ctx context.Context) ([]crosscheck.Feed, error) {
	rows, err := s.reader.QueryContext(ctx, "SELECT id, url, name, added FROM feeds ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: listing feeds: %w", s.path, err)
	}
	defer rows.Close()
	out := []crosscheck.Feed{}
	for rows.Next() {
		var f crosscheck.Feed
		var at int64
		if err := rows.Scan(&f.ID, &f.URL, &f.Name, &at); err != nil {
			return nil, fmt.Errorf("sqlite: %s: listing feeds: %w", s.path, err)
		}
		f.Added = time.Unix(0, at).UTC()
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: %s: listing feeds: %w", s.path, err)
	}
	return out, nil
}

// RemoveFeed removes a feed; see crosscheck.FeedStore.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	res, err := s.writer.ExecContext(ctx, "DELETE FROM feeds WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("sqlite: %s: removing feed %d: %w", s.path, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("feed %d: %w", id, crosscheck.ErrNotFound)
	}
	return nil
}
