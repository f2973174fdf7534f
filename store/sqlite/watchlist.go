package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

var _ crosscheck.WatchlistStore = (*Store)(nil)

const defaultWatchlistPage = 50

// AddWatchlist stores w; see crosscheck.WatchlistStore.
func (s *Store) AddWatchlist(ctx context.Context, w *crosscheck.Watchlist) error {
	if w.Created.IsZero() {
		w.Created = time.Now().UTC()
	}
	err := s.writer.QueryRowContext(ctx, `INSERT INTO watchlists (name, entity, keyword, outlet, webhook, created)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, w.Name, w.Entity, w.Keyword, w.Outlet, w.Webhook, w.Created.UnixNano()).Scan(&w.ID)
	if err != nil {
		return fmt.Errorf("sqlite: %s: adding watchlist %q: %w", s.path, w.Name, err)
	}
	return nil
}

const watchlistColumns = "id, name, entity, keyword, outlet, webhook, created"

type scanner interface{ Scan(dst ...any) error }

func scanWatchlist(r scanner) (crosscheck.Watchlist, error) {
	var w crosscheck.Watchlist
	var created int64
	err := r.Scan(&w.ID, &w.Name, &w.Entity, &w.Keyword, &w.Outlet, &w.Webhook, &created)
	w.Created = time.Unix(0, created).UTC()
	return w, err
}

// Watchlist returns one watchlist; see crosscheck.WatchlistStore.
func (s *Store) Watchlist(ctx context.Context, id int64) (*crosscheck.Watchlist, error) {
	w, err := scanWatchlist(s.reader.QueryRowContext(ctx, "SELECT "+watchlistColumns+" FROM watchlists WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("watchlist %d: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: reading watchlist %d: %w", s.path, id, err)
	}
	return &w, nil
}

// Watchlists returns every watchlist; see crosscheck.WatchlistStore.
func (s *Store) Watchlists(ctx context.Context) ([]crosscheck.Watchlist, error) {
	rows, err := s.reader.QueryContext(ctx, "SELECT "+watchlistColumns+" FROM watchlists ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: listing watchlists: %w", s.path, err)
	}
	defer rows.Close()
	out := []crosscheck.Watchlist{}
	for rows.Next() {
		w, err := scanWatchlist(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s: listing watchlists: %w", s.path, err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: %s: listing watchlists: %w", s.path, err)
	}
	return out, nil
}

// RemoveWatchlist removes a watchlist; see crosscheck.WatchlistStore.
func (s *Store) RemoveWatchlist(ctx context.Context, id int64) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %s: removing watchlist %d: %w", s.path, id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "DELETE FROM watchlists WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("sqlite: %s: removing watchlist %d: %w", s.path, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("watchlist %d: %w", id, crosscheck.ErrNotFound)
	}
	for _, q := range []string{"DELETE FROM notifications WHERE watchlist = ?", "DELETE FROM webhook_deliveries WHERE watchlist = ?"} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("sqlite: %s: removing watchlist %d: %w", s.path, id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: %s: removing watchlist %d: %w", s.path, id, err)
	}
	return nil
}

// AddNotifications records new notifications and queues their webhook
// deliveries; see crosscheck.WatchlistStore.
func (s *Store) AddNotifications(ctx context.Context, ns []crosscheck.Notification) ([]crosscheck.Notification, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: adding notifications: %w", s.path, err)
	}
	defer tx.Rollback()
	webhooks := map[int64]*string{} // watchlist → webhook; nil: no such watchlist
	var added []crosscheck.Notification
	for _, n := range ns {
		hook, seen := webhooks[n.Watchlist]
		if !seen {
			var h string
			err := tx.QueryRowContext(ctx, "SELECT webhook FROM watchlists WHERE id = ?", n.Watchlist).Scan(&h)
			switch {
			case err == nil:
				hook = &h
			case !errors.Is(err, sql.ErrNoRows):
				return nil, fmt.Errorf("sqlite: %s: adding notifications: %w", s.path, err)
			}
			webhooks[n.Watchlist] = hook
		}
		if hook == nil {
			continue
		}
		if n.Created.IsZero() {
			n.Created = time.Now().UTC()
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO notifications (watchlist, kind, story, finding, key, title, summary, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (watchlist, kind, story, key) DO NOTHING RETURNING id`,
			n.Watchlist, string(n.Kind), n.Story, n.Finding, n.Key, n.Title, n.Summary, n.Created.UnixNano()).Scan(&n.ID)
		if errors.Is(err, sql.ErrNoRows) {
			continue // notified before
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s: adding a notification of watchlist %d: %w", s.path, n.Watchlist, err)
		}
		if *hook != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_deliveries (notification, watchlist, url, attempts, next_attempt, state, last_error)
				VALUES (?, ?, ?, 0, ?, ?, '')`, n.ID, n.Watchlist, *hook, n.Created.UnixNano(), string(crosscheck.DeliveryPending)); err != nil {
				return nil, fmt.Errorf("sqlite: %s: queueing the webhook delivery of notification %d: %w", s.path, n.ID, err)
			}
		}
		added = append(added, n)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: %s: adding notifications: %w", s.path, err)
	}
	return added, nil
}

const notificationColumns = "n.id, n.watchlist, n.kind, n.story, n.finding, n.key, n.title, n.summary, n.created"

func notificationDest(n *crosscheck.Notification, kind *string, created *int64) []any {
	return []any{&n.ID, &n.Watchlist, kind, &n.Story, &n.Finding, &n.Key, &n.Title, &n.Summary, created}
}

// Notifications lists a watchlist's notifications; see
// crosscheck.WatchlistStore.
func (s *Store) Notifications(ctx context.Context, watchlist int64, limit int) ([]crosscheck.Notification, error) {
	if limit <= 0 {
		limit = defaultWatchlistPage
	}
	rows, err := s.reader.QueryContext(ctx, "SELECT "+notificationColumns+" FROM notifications n WHERE n.watchlist = ? ORDER BY n.id DESC LIMIT ?", watchlist, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: reading the notifications of watchlist %d: %w", s.path, watchlist, err)
	}
	defer rows.Close()
	out := []crosscheck.Notification{}
	for rows.Next() {
		var n crosscheck.Notification
		var kind string
		var created int64
		if err := rows.Scan(notificationDest(&n, &kind, &created)...); err != nil {
			return nil, fmt.Errorf("sqlite: %s: reading the notifications of watchlist %d: %w", s.path, watchlist, err)
		}
		n.Kind, n.Created = crosscheck.NotificationKind(kind), time.Unix(0, created).UTC()
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: %s: reading the notifications of watchlist %d: %w", s.path, watchlist, err)
	}
	return out, nil
}

const deliveryColumns = "d.id, d.url, d.attempts, d.next_attempt, d.state, d.last_error, " + notificationColumns

func scanDeliveries(rows *sql.Rows) ([]crosscheck.WebhookDelivery, error) {
	out := []crosscheck.WebhookDelivery{}
	for rows.Next() {
		var d crosscheck.WebhookDelivery
		var next, created int64
		var state, kind string
		dst := append([]any{&d.ID, &d.URL, &d.Attempts, &next, &state, &d.LastError}, notificationDest(&d.Notification, &kind, &created)...)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		d.NextAttempt, d.State = time.Unix(0, next).UTC(), crosscheck.DeliveryState(state)
		d.Notification.Kind, d.Notification.Created = crosscheck.NotificationKind(kind), time.Unix(0, created).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// ClaimDeliveries takes due webhook deliveries for a while; see
// crosscheck.WatchlistStore. The write transaction (the one writer
// connection, BEGIN IMMEDIATE) keeps two processes from taking the same.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]crosscheck.WebhookDelivery, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: claiming webhook deliveries: %w", s.path, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT "+deliveryColumns+` FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification
		WHERE d.state = ? AND d.next_attempt <= ? ORDER BY d.next_attempt, d.id LIMIT ?`, string(crosscheck.DeliveryPending), now.UnixNano(), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: claiming webhook deliveries: %w", s.path, err)
	}
	ds, err := scanDeliveries(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: claiming webhook deliveries: %w", s.path, err)
	}
	until := now.Add(lease)
	for i := range ds {
		if _, err := tx.ExecContext(ctx, "UPDATE webhook_deliveries SET next_attempt = ? WHERE id = ?", until.UnixNano(), ds[i].ID); err != nil {
			return nil, fmt.Errorf("sqlite: %s: claiming webhook delivery %d: %w", s.path, ds[i].ID, err)
		}
		ds[i].NextAttempt = until.UTC()
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: %s: claiming webhook deliveries: %w", s.path, err)
	}
	return ds, nil
}

// FinishDelivery records an attempt; see crosscheck.WatchlistStore.
func (s *Store) FinishDelivery(ctx context.Context, d crosscheck.WebhookDelivery) error {
	res, err := s.writer.ExecContext(ctx, "UPDATE webhook_deliveries SET attempts = ?, next_attempt = ?, state = ?, last_error = ? WHERE id = ?",
		d.Attempts, d.NextAttempt.UnixNano(), string(d.State), d.LastError, d.ID)
	if err != nil {
		return fmt.Errorf("sqlite: %s: recording webhook delivery %d: %w", s.path, d.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
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
	rows, err := s.reader.QueryContext(ctx, "SELECT "+deliveryColumns+` FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification
		WHERE d.watchlist = ? ORDER BY d.id DESC LIMIT ?`, watchlist, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: reading the deliveries of watchlist %d: %w", s.path, watchlist, err)
	}
	defer rows.Close()
	ds, err := scanDeliveries(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: reading the deliveries of watchlist %d: %w", s.path, watchlist, err)
	}
	return ds, nil
}
