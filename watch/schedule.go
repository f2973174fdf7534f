package watch

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"
)

// scheduler holds the article queue and decides when each host may be
// asked again. A host is asked one request at a time, never sooner than
// HostDelay after its last answer, and after a failure (a 5xx, a timeout)
// only after a backoff that doubles with each failure in a row, with
// jitter, or after the server's Retry-After when that is longer. Articles
// wait in per-host queues, so a slow or failing host does not hold up the
// others; the queues together hold at most capacity articles, and push
// blocks while they are full (the pollers wait for the fetchers).
type scheduler struct {
	mu       sync.Mutex
	hosts    map[string]*hostState
	queued   int
	capacity int
	closed   bool
	changed  chan struct{} // closed and replaced whenever a wait may end

	delay      time.Duration
	minBackoff time.Duration
	maxBackoff time.Duration
	now        func() time.Time
	jitter     func() float64 // in [0,1)
}

type hostState struct {
	queue    []item
	busy     bool
	next     time.Time
	failures int
}

var errClosed = errors.New("scheduler closed")

func newScheduler(capacity int, delay, minBackoff, maxBackoff time.Duration) *scheduler {
	return &scheduler{
		hosts: map[string]*hostState{}, capacity: capacity, changed: make(chan struct{}),
		delay: delay, minBackoff: minBackoff, maxBackoff: maxBackoff, now: time.Now, jitter: rand.Float64,
	}
}

// broadcast wakes every waiter; call with mu held.
func (s *scheduler) broadcast() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *scheduler) host(name string) *hostState {
	h := s.hosts[name]
	if h == nil {
		h = &hostState{}
		s.hosts[name] = h
	}
	return h
}

// wait blocks until the next change, until deadline (when not zero), or
// until ctx is done; call with mu held, returns with it held.
func (s *scheduler) wait(ctx context.Context, deadline time.Time) error {
	ch := s.changed
	s.mu.Unlock()
	defer s.mu.Lock()
	var timer <-chan time.Time
	if !deadline.IsZero() {
		t := time.NewTimer(max(deadline.Sub(s.now()), 0))
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ch:
	case <-timer:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// push queues an article, waiting while the queue is full. force skips the
// wait and is taken even after close: it is a retry pushed by a fetcher,
// which must never block on itself nor be lost at the end of a round.
func (s *scheduler) push(ctx context.Context, it item, force bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !force && s.queued >= s.capacity && !s.closed {
		if err := s.wait(ctx, time.Time{}); err != nil {
			return err
		}
	}
	if s.closed && !force {
		return errClosed
	}
	h := s.host(it.host)
	h.queue = append(h.queue, it)
	s.queued++
	s.broadcast()
	return nil
}

// pop returns the next article whose host is free and due, marking the
// host busy until release. It returns errClosed once the scheduler is
// closed and no article is left.
func (s *scheduler) pop(ctx context.Context) (item, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		var best *hostState
		for _, h := range s.hosts {
			if len(h.queue) > 0 && !h.busy && (best == nil || h.next.Before(best.next)) {
				best = h
			}
		}
		now := s.now()
		if best != nil && !best.next.After(now) {
			it := best.queue[0]
			best.queue = best.queue[1:]
			best.busy = true
			s.queued--
			s.broadcast()
			return it, nil
		}
		if best == nil && s.queued == 0 && s.closed && !s.anyBusy() {
			// Nothing queued and nothing in flight that could be retried.
			return item{}, errClosed
		}
		var deadline time.Time
		if best != nil {
			deadline = best.next
		}
		if err := s.wait(ctx, deadline); err != nil {
			return item{}, err
		}
	}
}

func (s *scheduler) anyBusy() bool {
	for _, h := range s.hosts {
		if h.busy {
			return true
		}
	}
	return false
}

// acquire waits until host is free and due and marks it busy (for a feed
// poll, which does not go through the queue).
func (s *scheduler) acquire(ctx context.Context, host string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		h := s.host(host)
		if !h.busy && !h.next.After(s.now()) {
			h.busy = true
			return nil
		}
		var deadline time.Time
		if !h.busy {
			deadline = h.next
		}
		if err := s.wait(ctx, deadline); err != nil {
			return err
		}
	}
}

// release frees host after a request. failed says the host struggled (see
// source.Transient); retryAfter is the server's own wish, or 0.
func (s *scheduler) release(host string, failed bool, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.host(host)
	h.busy = false
	wait := s.delay
	if failed {
		h.failures++
		wait = s.backoff(h.failures)
	} else {
		h.failures = 0
	}
	h.next = s.now().Add(max(wait, retryAfter))
	s.broadcast()
}

// backoff is the wait after n failures in a row: the host delay doubled
// per failure from a floor of minBackoff, capped, with "equal jitter"
// (half fixed, half random) so that hosts failing together do not come
// back together.
func (s *scheduler) backoff(n int) time.Duration {
	d := max(s.delay, s.minBackoff)
	for i := 1; i < n && d < s.maxBackoff; i++ {
		d *= 2
	}
	d = min(d, s.maxBackoff)
	return d/2 + time.Duration(s.jitter()*float64(d/2))
}

// close stops the pollers' pushes; pop drains what is queued (and what
// fetchers still retry), then returns errClosed.
func (s *scheduler) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.broadcast()
}

// length is the number of queued articles.
func (s *scheduler) length() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queued
}
