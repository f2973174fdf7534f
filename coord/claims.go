package coord

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/crosscheck-news/crosscheck/watch"
)

// Claims is the watch.LeasedSeen of one worker: article URL claims in the
// work_claims table, shared by every worker on the database. In front of
// the table, a bounded in-memory set remembers the keys this process has
// already claimed or found taken, so that a feed listing the same URLs
// poll after poll costs no query for them.
type Claims struct {
	c     *Coordinator
	local *watch.MemorySeen
}

var _ watch.LeasedSeen = (*Claims)(nil)

func newClaims(c *Coordinator) *Claims {
	return &Claims{c: c, local: watch.NewMemorySeen(0)}
}

// claimTimeout bounds one claim query: watch.Seen's methods take no
// context.
const claimTimeout = 30 * time.Second

// Claim claims key with only the key known (it is then also the URL
// fetched on a takeover).
func (cl *Claims) Claim(key string) bool {
	return cl.ClaimEntry(watch.Entry{Key: key, URL: key})
}

// ClaimEntry claims e's key unless another live worker holds it or it is
// done. The insert, or the takeover of a row whose lease ran out, is one
// statement: PostgreSQL's row lock on the key decides between workers
// claiming at once. A failed query is reported and counts as not claimed;
// the key is not remembered, so a later poll tries again.
func (cl *Claims) ClaimEntry(e watch.Entry) bool {
	if !cl.local.Claim(e.Key) {
		return false
	}
	c := cl.c
	ctx, cancel := context.WithTimeout(context.Background(), claimTimeout)
	defer cancel()
	now := time.Now()
	var published *int64
	if e.Published != nil {
		n := e.Published.UnixNano()
		published = &n
	}
	var key string
	err := c.pool.QueryRow(ctx, `INSERT INTO work_claims (key, url, feed, outlet, published, state, claimed_by, lease_until, claims, updated)
		VALUES ($1, $2, $3, $4, $5, 'claimed', $6, $7, 1, $8)
		ON CONFLICT (key) DO UPDATE SET url = excluded.url, feed = excluded.feed, outlet = excluded.outlet,
			published = excluded.published, claimed_by = excluded.claimed_by, lease_until = excluded.lease_until,
			claims = work_claims.claims + 1, updated = excluded.updated
		WHERE work_claims.state = 'claimed' AND work_claims.lease_until < excluded.updated
		RETURNING key`,
		e.Key, e.URL, e.Feed, e.Outlet, published, c.opt.Worker, now.Add(c.opt.Lease).UnixNano(), now.UnixNano()).Scan(&key)
	switch {
	case err == nil:
		return true
	case errors.Is(err, pgx.ErrNoRows):
		// Another worker's, or done. Not remembered: should that worker
		// give it back, a later poll claims it.
		cl.local.Release(e.Key)
		return false
	default:
		cl.local.Release(e.Key)
		c.report(fmt.Errorf("coord: %s: claiming %s: %w", c.name, e.URL, err))
		return false
	}
}

// TakeOver claims at most n URLs whose worker's lease ran out, oldest
// lease first. Rows another worker is taking over at the same moment are
// skipped (SKIP LOCKED), not waited for.
func (cl *Claims) TakeOver(ctx context.Context, n int) ([]watch.Entry, error) {
	c := cl.c
	now := time.Now()
	rows, err := c.pool.Query(ctx, `UPDATE work_claims w SET claimed_by = $1, lease_until = $2, claims = w.claims + 1, updated = $3
		FROM (SELECT key FROM work_claims WHERE state = 'claimed' AND lease_until < $3
			ORDER BY lease_until LIMIT $4 FOR UPDATE SKIP LOCKED) t
		WHERE w.key = t.key
		RETURNING w.key, w.url, w.feed, w.outlet, w.published`,
		c.opt.Worker, now.Add(c.opt.Lease).UnixNano(), now.UnixNano(), n)
	var entries []watch.Entry
	if err == nil {
		entries, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (watch.Entry, error) {
			var e watch.Entry
			var published *int64
			err := r.Scan(&e.Key, &e.URL, &e.Feed, &e.Outlet, &published)
			if published != nil {
				t := time.Unix(0, *published).UTC()
				e.Published = &t
			}
			return e, err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("coord: %s: taking over expired claims: %w", c.name, err)
	}
	for _, e := range entries {
		cl.local.Claim(e.Key)
	}
	return entries, nil
}

// Done marks key's article settled: no worker fetches it again.
func (cl *Claims) Done(key string) error {
	c := cl.c
	ctx, cancel := context.WithTimeout(context.Background(), claimTimeout)
	defer cancel()
	_, err := c.pool.Exec(ctx, "UPDATE work_claims SET state = 'done', updated = $2 WHERE key = $1", key, time.Now().UnixNano())
	if err != nil {
		return fmt.Errorf("coord: %s: marking %s done: %w", c.name, key, err)
	}
	return nil
}

// Release gives key back when its fetch failed for now, so that a later
// poll (of any worker) tries again.
func (cl *Claims) Release(key string) {
	c := cl.c
	cl.local.Release(key)
	ctx, cancel := context.WithTimeout(context.Background(), claimTimeout)
	defer cancel()
	_, err := c.pool.Exec(ctx, "DELETE FROM work_claims WHERE key = $1 AND claimed_by = $2 AND state = 'claimed'", key, c.opt.Worker)
	if err != nil {
		c.report(fmt.Errorf("coord: %s: releasing %s: %w", c.name, key, err))
	}
}

// renew extends the leases of every claim this worker holds.
func (cl *Claims) renew() error {
	c := cl.c
	ctx, cancel := context.WithTimeout(context.Background(), c.opt.Lease/3)
	defer cancel()
	_, err := c.pool.Exec(ctx, "UPDATE work_claims SET lease_until = $2 WHERE claimed_by = $1 AND state = 'claimed'",
		c.opt.Worker, time.Now().Add(c.opt.Lease).UnixNano())
	if err != nil {
		return fmt.Errorf("coord: %s: renewing the claims of %s: %w", c.name, c.opt.Worker, err)
	}
	return nil
}
