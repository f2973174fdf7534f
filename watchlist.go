package crosscheck

import (
	"context"
	"time"
)

// Watchlist is a saved query: its user is notified of new stories that
// match it and of new conflicts in them (package watchlist). Every
// criterion given must match; at least one is given.
type Watchlist struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Entity is an entity ID or a name (any spelling of it) that the story
	// must involve.
	Entity string `json:"entity,omitempty"`
	// Keyword is a word or phrase that must occur in the story's title or
	// in the title or text of one of its articles (case and diacritics
	// aside).
	Keyword string `json:"keyword,omitempty"`
	// Outlet is an outlet that must have an article in the story.
	Outlet string `json:"outlet,omitempty"`
	// Webhook, when set, is an http(s) URL each notification is POSTed to
	// as JSON.
	Webhook string    `json:"webhook,omitempty"`
	Created time.Time `json:"created"`
}

// NotificationKind says what a notification is about.
type NotificationKind string

const (
	// NotifyNewStory: a story matches the watchlist for the first time.
	NotifyNewStory NotificationKind = "new_story"
	// NotifyNewConflict: a conflict (a finding of kind conflict) appeared
	// in a story that matches the watchlist.
	NotifyNewConflict NotificationKind = "new_conflict"
)

// Notification is one event of a watchlist.
type Notification struct {
	ID        int64            `json:"id"`
	Watchlist int64            `json:"watchlist"`
	Kind      NotificationKind `json:"kind"`
	Story     string           `json:"story"`
	// Finding is the ID of the conflict finding in the story version that
	// raised the notification ("" for a new story). Finding IDs are
	// positions in a story's analysis and change as the story grows, so
	// Key, not Finding, says whether a conflict is new.
	Finding string `json:"finding,omitempty"`
	// Key identifies the event within the story: "" for a new story, a
	// digest of the conflict's subject and values for a conflict. One
	// notification is recorded per watchlist, kind, story and key.
	Key     string    `json:"key,omitempty"`
	Title   string    `json:"title"`   // the story's title then
	Summary string    `json:"summary"` // one line saying what happened
	Created time.Time `json:"created"`
}

// DeliveryState is the state of a webhook delivery.
type DeliveryState string

const (
	DeliveryPending   DeliveryState = "pending"
	DeliveryDelivered DeliveryState = "delivered"
	DeliveryFailed    DeliveryState = "failed" // gave up after the last attempt
)

// WebhookDelivery is one notification to POST to a watchlist's webhook,
// kept in the store so that a restart resumes the retries.
type WebhookDelivery struct {
	ID           int64         `json:"id"`
	Notification Notification  `json:"notification"`
	URL          string        `json:"url"`
	Attempts     int           `json:"attempts"`
	NextAttempt  time.Time     `json:"next_attempt"`
	State        DeliveryState `json:"state"`
	LastError    string        `json:"last_error,omitempty"`
}

// WatchlistStore keeps watchlists, their notifications and webhook
// deliveries. store/sqlite and store/postgres implement it beside
// crosscheck.Store; both pass store/storetest. Every method is safe for
// concurrent use.
type WatchlistStore interface {
	// AddWatchlist stores w, setting its ID and, when zero, Created.
	AddWatchlist(ctx context.Context, w *Watchlist) error
	// Watchlist returns one watchlist (ErrNotFound when there is none).
	Watchlist(ctx context.Context, id int64) (*Watchlist, error)
	// Watchlists returns every watchlist, oldest first.
	Watchlists(ctx context.Context) ([]Watchlist, error)
	// RemoveWatchlist removes a watchlist with its notifications and
	// deliveries (ErrNotFound when there is none).
	RemoveWatchlist(ctx context.Context, id int64) error

	// AddNotifications records the notifications not recorded before
	// (same watchlist, kind, story and key), setting their ID and, when
	// zero, Created, and queues a webhook delivery of each new one whose
	// watchlist has a webhook, due at once — in one transaction. It
	// returns the new ones. A notification of a watchlist that no longer
	// exists is dropped.
	AddNotifications(ctx context.Context, ns []Notification) ([]Notification, error)
	// Notifications returns a watchlist's notifications, newest first, at
	// most limit (<= 0: 50).
	Notifications(ctx context.Context, watchlist int64, limit int) ([]Notification, error)

	// ClaimDeliveries returns at most limit pending deliveries due at now,
	// oldest due first, and moves their next attempt to now+lease so that
	// no other process takes them meanwhile (one that dies holding them
	// gives them back when the lease runs out).
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]WebhookDelivery, error)
	// FinishDelivery records the outcome of an attempt: Attempts,
	// NextAttempt, State and LastError of d.
	FinishDelivery(ctx context.Context, d WebhookDelivery) error
	// Deliveries lists a watchlist's deliveries, newest first, at most
	// limit (<= 0: 50).
	Deliveries(ctx context.Context, watchlist int64, limit int) ([]WebhookDelivery, error)
}
