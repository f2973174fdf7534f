package watch

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// RemoveFeed stops polling a feed: it is not polled again, though a poll
// under way finishes and the articles already queued are fetched. It
// returns whether the Watcher had the feed.
func (w *Watcher) RemoveFeed(url string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.feeds[url]; !ok {
		return false
	}
	delete(w.feeds, url)
	w.order = slices.DeleteFunc(w.order, func(u string) bool { return u == url })
	return true
}

// Feeds returns the feeds polled, in the order they were added.
func (w *Watcher) Feeds() []Feed {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Feed, len(w.order))
	for i, u := range w.order {
		out[i] = w.feeds[u].Feed
	}
	return out
}

// FeedLister returns the feeds to poll as they are now: in crosscheck
// watch, the feeds of the store (crosscheck.FeedStore), which the API adds
// and removes while watchers run.
type FeedLister func(ctx context.Context) ([]Feed, error)

// FeedSync keeps a Watcher's feeds in step with a list that changes while
// it runs. Each Sync adds the listed feeds the Watcher does not poll yet
// and removes those that this FeedSync added and the list no longer has.
// Feeds the Watcher had otherwise (Options.Feeds, AddFeed before the list
// named them) are never removed, also when the list names them and then
// drops them: a feed given on the command line stays. Its methods are safe
// for concurrent use.
type FeedSync struct {
	w    *Watcher
	list FeedLister

	mu   sync.Mutex
	mine map[string]bool // URLs this FeedSync added
}

// NewFeedSync makes a FeedSync of w's feeds with list.
func NewFeedSync(w *Watcher, list FeedLister) *FeedSync {
	return &FeedSync{w: w, list: list, mine: map[string]bool{}}
}

// Sync reads the list once and applies it: the feeds added and removed.
// When the list cannot be read the feeds stay as they are. A listed feed
// that is not an http(s) URL is skipped and named in the error; the others
// are applied.
func (s *FeedSync) Sync(ctx context.Context) (added, removed int, err error) {
	feeds, err := s.list(ctx)
	if err != nil {
		return 0, 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	listed := make(map[string]bool, len(feeds))
	var errs []error
	for _, f := range feeds {
		listed[f.URL] = true
		isNew, err := s.w.addFeed(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if isNew {
			s.mine[f.URL] = true
			added++
		}
	}
	for u := range s.mine {
		if !listed[u] {
			delete(s.mine, u)
			if s.w.RemoveFeed(u) {
				removed++
			}
		}
	}
	return added, removed, errors.Join(errs...)
}

// Run syncs every interval until ctx is done. A failed sync goes to the
// Watcher's OnFailure (as the feed "(feed list)") and is tried again at
// the next interval; onChange, when not nil, is told of each sync that
// added or removed feeds.
func (s *FeedSync) Run(ctx context.Context, every time.Duration, onChange func(added, removed int)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		added, removed, err := s.Sync(ctx)
		if err != nil && ctx.Err() == nil {
			s.w.fail(Failure{Feed: "(feed list)", Err: err})
		}
		if (added > 0 || removed > 0) && onChange != nil {
			onChange(added, removed)
		}
	}
}
