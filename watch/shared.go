package watch

import (
	"context"
	"time"
)

// Entry is an article URL as a watcher claims it: enough for another
// watcher to fetch and deliver it should it take the claim over.
type Entry struct {
	Key       string // NormalizeURL of URL
	URL       string
	Feed      string // the feed that listed it
	Outlet    string
	Published *time.Time
}

// LeasedSeen is a Seen shared by several watchers (coord.Claims, on
// PostgreSQL, is one): a claim holds for a lease that its watcher renews
// while it lives, so the claims of a watcher that crashed run out and
// another watcher takes them over.
type LeasedSeen interface {
	Seen
	// ClaimEntry is Claim, keeping what TakeOver needs to hand the
	// article to another watcher.
	ClaimEntry(e Entry) bool
	// TakeOver claims at most n entries whose claimer's lease ran out.
	TakeOver(ctx context.Context, n int) ([]Entry, error)
}

// TakeOverEvery is how often a running Watcher with a LeasedSeen looks
// for claims to take over.
const TakeOverEvery = 10 * time.Second

// claim claims an entry's key, with the entry when the Seen is shared.
func (w *Watcher) claim(e Entry) bool {
	if ls, ok := w.seen.(LeasedSeen); ok {
		return ls.ClaimEntry(e)
	}
	return w.seen.Claim(e.Key)
}

// takeOver queues the articles of claims whose watcher died, when the Seen
// is shared, as many as the queue has room for. A failure is reported and
// left for the next round.
func (w *Watcher) takeOver(ctx context.Context) {
	ls, ok := w.seen.(LeasedSeen)
	if !ok {
		return
	}
	room := w.opt.Queue - w.sched.length()
	if room <= 0 {
		return
	}
	entries, err := ls.TakeOver(ctx, room)
	if err != nil {
		if ctx.Err() == nil {
			w.fail(Failure{Feed: "(claims taken over)", Err: err})
		}
		return
	}
	for _, e := range entries {
		it := item{url: e.URL, key: e.Key, host: hostOf(e.URL), feed: e.Feed, outlet: e.Outlet, published: e.Published, attempt: 1}
		if err := w.sched.push(ctx, it, false); err != nil {
			w.seen.Release(e.Key)
			continue
		}
		w.found.Add(1)
		w.takenOver.Add(1)
	}
}

// takeOverTimer returns a function that calls takeOver at most every
// TakeOverEvery, for Run's loop.
func (w *Watcher) takeOverTimer() func(ctx context.Context) {
	var next time.Time
	return func(ctx context.Context) {
		if now := time.Now(); !now.Before(next) {
			next = now.Add(TakeOverEvery)
			w.takeOver(ctx)
		}
	}
}
