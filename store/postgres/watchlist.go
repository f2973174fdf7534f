package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/crosscheck-news/crosscheck"
)

var _ crosscheck.WatchlistStore = (*Store)(nil)

const defaultWatchlistPage = 50

// AddWatchlist stores w; see crosscheck.WatchlistStore.
func (s *Store) AddWatchlist(ctx context.Context, w *crosscheck.Watchlist) error {
	if w.Created.IsZero() {
		w.Created = time.Now().UTC()
	}
	err := s.pool.QueryRow(ctx, `INSERT INTO watchlists (name, entity, keyword, outlet, webhook, created)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, w.Name, w.Entity, w.Keyword, w.Outlet, w.Webhook, w.Created.UnixNano()).Scan(&w.ID)
	if err != nil {
		return fmt.Errorf("postgres: %s: adding watchlist %q: %w", s.name, w.Name, err)
	}
	return nil
}

const watchlistColumns = "id, name, entity, keyword, outlet, webhook, created"

func scanWatchlist(r pgx.Row) (crosscheck.Watchlist, error) {
	var w crosscheck.Watchlist
	var created int64
	err := r.Scan(&w.ID, &w.Name, &w.Entity, &w.Keyword, &w.Outlet, &w.Webhook, &created)
	w.Created = time.Unix(0, created).UTC()
	return w, err
}

// Watchlist returns one watchlist; see crosscheck.WatchlistStore.
func (s *Store) Watchlist(ctx context.Context, id int64) (*crosscheck.Watchlist, error) {
	w, err := scanWatchlist(s.pool.QueryRow(ctx, "SELECT "+watchlistColumns+" FROM watchlists WHERE id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("watchlist %d: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: reading watchlist %d: %w", s.name, id, err)
	}
	return &w, nil
}

// Watchlists returns every watchlist; see crosscheck.WatchlistStore.
func (s *Store) Watchlists(ctx context.Context) ([]crosscheck.Watchlist, error) {
	rows, err := s.pool.Query(ctx, "SELECT "+watchlistColumns+" FROM watchlists ORDER BY id")
	var out []crosscheck.Watchlist
	if err == nil {
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (crosscheck.Watchlist, error) { return scanWatchlist(r) })
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: listing watchlists: %w", s.name, err)
	}
	if out == nil {
		out = []crosscheck.Watchlist{}
	}
	return out, nil
}

// RemoveWatchlist removes a watchlist; see crosscheck.WatchlistStore.
func (s *Store) RemoveWatchlist(ctx context.Context, id int64) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM watchlists WHERE id = $1", id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("watchlist %d: %w", id, crosscheck.ErrNotFound)
		}
		for _, q := range []string{"DELETE FROM notifications WHERE watchlist = $1", "DELETE FROM webhook_deliveries WHERE watchlist = $1"} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, crosscheck.ErrNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("postgres: %s: removing watchlist %d: %w", s.name, id, err)
	}
	return nil
}

// AddNotifications records new notifications and queues their webhook
// deliveries; see crosscheck.WatchlistStore.
func (s *Store) AddNotifications(ctx context.Context, ns []crosscheck.Notification) ([]crosscheck.Notification, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	var added []crosscheck.Notification
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		added = added[:0]
		webhooks := map[int64]*string{} // watchlist → webhook; nil: no such watchlist
		for _, n := range ns {
			hook, seen := webhooks[n.Watchlist]
			if !seen {
				var h string
				// FOR SHARE: a watchlist removed meanwhile waits for this
				// transaction, so no notification outlives its watchlist.
				err := tx.QueryRow(ctx, "SELECT webhook FROM watchlists WHERE id = $1 FOR SHARE", n.Watchlist).Scan(&h)
				switch {
				case err == nil:
					hook = &h
				case !errors.Is(err, pgx.ErrNoRows):
					return err
				}
				webhooks[n.Watchlist] = hook
			}
			if hook == nil {
				continue
			}
			if n.Created.IsZero() {
				n.Created = time.Now().UTC()
			}
			err := tx.QueryRow(ctx, `INSERT INTO notifications (watchlist, kind, story, finding, key, title, summary, created)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (watchlist, kind, story, key) DO NOTHING RETURNING id`,
				n.Watchlist, string(n.Kind), n.Story, n.Finding, n.Key, n.Title, n.Summary, n.Created.UnixNano()).Scan(&n.ID)
			if errors.Is(err, pgx.ErrNoRows) {
				continue // notified before
			}
			if err != nil {
				return fmt.Errorf("a notification of watchlist %d: %w", n.Watchlist, err)
			}
			if *hook != "" {
				if _, err := tx.Exec(ctx, `INSERT INTO webhook_deliveries (notification, watchlist, url, attempts, next_attempt, state, last_error)
					VALUES ($1, $2, $3, 0, $4, $5, '')`, n.ID, n.Watchlist, *hook, n.Created.UnixNano(), string(crosscheck.DeliveryPending)); err != nil {
					return fmt.Errorf("queueing the webhook delivery of notification %d: %w", n.ID, err)
				}
			}
			added = append(added, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: adding notifications: %w", s.name, err)
	}
	return added, nil
}

const notificationColumns = "n.id, n.watchlist, n.kind, n.story, n.finding, n.key, n.title, n.summary, n.created"

func scanNotification(r pgx.CollectableRow) (crosscheck.Notification, error) {
	var n crosscheck.Notification
	var kind string
	var created int64
	err := r.Scan(&n.ID, &n.Watchlist, &kind, &n.Story, &n.Finding, &n.Key, &n.Title, &n.Summary, &created)
	n.Kind, n.Created = crosscheck.NotificationKind(kind), time.Unix(0, created).UTC()
	return n, err
}

// Notifications lists a watchlist's notifications; see
// crosscheck.WatchlistStore.
func (s *Store) Notifications(ctx context.Context, watchlist int64, limit int) ([]crosscheck.Notification, error) {
	if limit <= 0 {
		limit = defaultWatchlistPage
	}
	rows, err := s.pool.Query(ctx, "SELECT "+notificationColumns+" FROM notifications n WHERE n.watchlist = $1 ORDER BY n.id DESC LIMIT $2", watchlist, limit)
	var out []crosscheck.Notification
	if err == nil {
		out, err = pgx.CollectRows(rows, scanNotification)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: reading the notifications of watchlist %d: %w", s.name, watchlist, err)
	}
	if out == nil {
		out = []crosscheck.Notification{}
	}
	return out, nil
}

const deliveryColumns = "d.id, d.url, d.attempts, d.next_attempt, d.state, d.last_error, " + notificationColumns

func scanDelivery(r pgx.CollectableRow) (crosscheck.WebhookDelivery, error) {
	var d crosscheck.WebhookDelivery
	var next, created int64
	var state, kind string
	n := &d.Notification
	err := r.Scan(&d.ID, &d.URL, &d.Attempts, &next, &state, &d.LastError,
		&n.ID, &n.Watchlist, &kind, &n.Story, &n.Finding, &n.Key, &n.Title, &n.Summary, &created)
	d.NextAttempt, d.State = time.Unix(0, next).UTC(), crosscheck.DeliveryState(state)
	n.Kind, n.Created = crosscheck.NotificationKind(kind), time.Unix(0, created).UTC()
	return d, err
}

// ClaimDeliveries takes due webhook deliveries for a while; see
// crosscheck.WatchlistStore. Rows another process is claiming at the same
// moment are skipped (SKIP LOCKED), not waited for.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]crosscheck.WebhookDelivery, error) {
	rows, err := s.pool.Query(ctx, `WITH claimed AS (
			UPDATE webhook_deliveries w SET next_attempt = $1
			FROM (SELECT id FROM webhook_deliveries WHERE state = $2 AND next_attempt <= $3
				ORDER BY next_attempt, id LIMIT $4 FOR UPDATE SKIP LOCKED) t
			WHERE w.id = t.id
			RETURNING w.*)
		SELECT `+deliveryColumns+` FROM claimed d JOIN notifications n ON n.id = d.notification ORDER BY d.id`,
		now.Add(lease).UnixNano(), string(crosscheck.DeliveryPending), now.UnixNano(), limit)
	var out []crosscheck.WebhookDelivery
	if err == nil {
		out, err = pgx.CollectRows(rows, scanDelivery)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: claiming webhook deliveries: %w", s.name, err)
	}
	return out, nil
}

// FinishDelivery records an attempt; see crosscheck.WatchlistStore.
func (s *Store) FinishDelivery(ctx context.Context, d crosscheck.WebhookDelivery) error {
	tag, err := s.pool.Exec(ctx, "UPDATE webhook_deliveries SET attempts = $1, next_attempt = $2, state = $3, last_error = $4 WHERE id = $5",
		d.Attempts, d.NextAttempt.UnixNano(), string(d.State), d.LastError, d.ID)
	if err != nil {
		return fmt.Errorf("postgres: %s: recording webhook delivery %d: %w", s.name, d.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("webhook delivery %d: %w", d.ID, crosscheck.ErrNotFound)
	}
	return nil
}

// Deliveries lists a watchlist's webhook deliveries; see
// crosscheck.WatchlistStore.
func (s *Store) Deliveries(ctx context.Context, watchlist int64, limit int) ([]crosscheck.WebhookDelivery, error) {
	if limit <= 0 {
		limit = defaultWatchlistPage
	}
	rows, err := s.pool.Query(ctx, "SELECT "+deliveryColumns+` FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification
		WHERE d.watchlist = $1 ORDER BY d.id DESC LIMIT $2`, watchlist, limit)
	var out []crosscheck.WebhookDelivery
	if err == nil {
		out, err = pgx.CollectRows(rows, scanDelivery)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: reading the deliveries of watchlist %d: %w", s.name, watchlist, err)
	}
	if out == nil {
		out = []crosscheck.WebhookDelivery{}
	}
	return out, nil
}
