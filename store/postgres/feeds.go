package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/crosscheck-news/crosscheck"
)

var _ crosscheck.FeedStore = (*Store)(nil)

// addFeedTries bounds AddFeed's rounds: each is lost only to a writer that
// removed the feed between our insert and our read.
const addFeedTries = 5

// AddFeed stores f unless its URL is stored; see crosscheck.FeedStore.
//
// An insert that meets a conflict reads the existing feed in a statement
// of its own: under READ COMMITTED a new statement sees the row that the
// concurrent insert committed, which a CTE in the inserting statement,
// reading that statement's snapshot, would not.
func (s *Store) AddFeed(ctx context.Context, f *crosscheck.Feed) (bool, error) {
	if f.Added.IsZero() {
		f.Added = time.Now().UTC()
	}
	for range addFeedTries {
		err := s.pool.QueryRow(ctx, "INSERT INTO feeds (url, name, added) VALUES ($1, $2, $3) ON CONFLICT (url) DO NOTHING RETURNING id",
			f.URL, f.Name, f.Added.UnixNano()).Scan(&f.ID)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return false, fmt.Errorf("postgres: %s: adding feed %s: %w", s.name, f.URL, err)
		}
		var id, at int64
		var name string
		err = s.pool.QueryRow(ctx, "SELECT id, name, added FROM feeds WHERE url = $1", f.URL).Scan(&id, &name, &at)
		if errors.Is(err, pgx.ErrNoRows) {
			continue // removed in between: insert again
		}
		if err != nil {
			return false, fmt.Errorf("postgres: %s: adding feed %s: %w", s.name, f.URL, err)
		}
		f.ID, f.Name, f.Added = id, name, time.Unix(0, at).UTC()
		return false, nil
	}
	return false, fmt.Errorf("postgres: %s: adding feed %s: added and removed by others %d times in a row", s.name, f.URL, addFeedTries)
}

// Feeds returns every feed; see crosscheck.FeedStore.
func (s *Store) Feeds(ctx context.Context) ([]crosscheck.Feed, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, url, name, added FROM feeds ORDER BY id")
	var out []crosscheck.Feed
	if err == nil {
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (crosscheck.Feed, error) {
			var f crosscheck.Feed
			var at int64
			err := r.Scan(&f.ID, &f.URL, &f.Name, &at)
			f.Added = time.Unix(0, at).UTC()
			return f, err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: listing feeds: %w", s.name, err)
	}
	if out == nil {
		out = []crosscheck.Feed{}
	}
	return out, nil
}

// RemoveFeed removes a feed; see crosscheck.FeedStore.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, "DELETE FROM feeds WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("postgres: %s: removing feed %d: %w", s.name, id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("feed %d: %w", id, crosscheck.ErrNotFound)
	}
	return nil
}
