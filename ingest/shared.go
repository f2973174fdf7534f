package ingest

import (
	"context"
	"errors"
	"fmt"
	"github.com/crosscheck-news/crosscheck/text"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// Placement is one entry of the store-wide placement log: article was
// placed in story, the Seq-th placement.
type Placement struct {
	Seq     int64
	Article string
	Story   string
}

// Coordinator lets several Services, in one process or in many, write to
// one store (package coord implements it on PostgreSQL). Without one, two
// Services would each keep their own live stories and could split one event
// between them.
//
// The protocol: every placement is recorded in a log ordered by Seq, and
// written only under a store-wide assignment lock. Under that lock a
// Service first applies to its own online clusterer the placements it has
// not seen (made by the others), then places its article and records it;
// so every Service's clusterer sees the same placements in the same order,
// and two related articles placed at once by two Services end in one story.
// A story's analysis runs under a lock of its own and reads the story's
// members from the log, so analyses by several Services of one story apply
// in order and the last one covers every member.
type Coordinator interface {
	// Assign takes the assignment lock, passes place the log entries after
	// seq after (in order), records the placement place returns (none when
	// its Article is "") and releases the lock. An article placed before
	// keeps its placement: Assign then returns the recorded one.
	Assign(ctx context.Context, after int64, place func(missed []Placement) (Placement, error)) (Placement, error)
	// Placements returns up to limit log entries after seq after, in
	// order, of articles whose time (publication, or ingestion when
	// unknown) is at or after since.
	Placements(ctx context.Context, after int64, since time.Time, limit int) ([]Placement, error)
	// Head is the Seq of the last placement (0: none).
	Head(ctx context.Context) (int64, error)
	// Orphans finds, among the articles at or after since, the stored
	// articles that were never placed and the stories with a placed
	// article that their stored version lacks: what a crashed worker left.
	Orphans(ctx context.Context, since time.Time) (unplaced, unstored []string, err error)
	// Members returns the articles placed in story, in log order.
	Members(ctx context.Context, story string) ([]string, error)
	// LockStory holds story's lock (across all workers) until unlock is
	// called.
	LockStory(ctx context.Context, story string) (unlock func(), err error)
}

// SharedStats counts the coordination work of a Service with a Coordinator.
type SharedStats struct {
	// CaughtUp counts placements made by other workers applied to this
	// Service's clusterer.
	CaughtUp uint64
	// Diverged counts those that this Service's clusterer would have put in
	// another story (its live window began at another time): the recorded
	// placement wins, the local clusterer keeps its own view.
	Diverged uint64
	// Placed counts placements this Service recorded; Adopted counts
	// articles it was asked to ingest that another worker had placed.
	Placed, Adopted uint64
}

// shared is a Service's side of the multi-worker protocol.
type shared struct {
	c Coordinator
	// mu serialises this Service's assignments, so that its clusterer
	// applies the log in order; the store-wide lock serialises them across
	// workers.
	mu sync.Mutex
	// last is the Seq up to which the log is applied to the clusterer.
	last int64
	// tentative holds articles added to the clusterer whose placement may
	// not be recorded (Assign failed after place ran): they are not added
	// again, and a later log entry for them is taken as it is.
	tentative map[string]string

	caughtUp, diverged, placed, adopted atomic.Uint64
}

// catchUpPage is how many log entries are read at a time.
const catchUpPage = 512

// SharedStats returns the coordination counters (zero without a
// Coordinator).
func (s *Service) SharedStats() SharedStats {
	if s.sh == nil {
		return SharedStats{}
	}
	return SharedStats{
		CaughtUp: s.sh.caughtUp.Load(), Diverged: s.sh.diverged.Load(),
		Placed: s.sh.placed.Load(), Adopted: s.sh.adopted.Load(),
	}
}

// placeShared places a (stored, segmented) through the Coordinator and
// returns its story.
func (s *Service) placeShared(ctx context.Context, a *crosscheck.Article) (string, error) {
	sh := s.sh
	sh.mu.Lock()
	defer sh.mu.Unlock()
	// Most of the log the others wrote is applied before taking the
	// store-wide lock, so that the lock is held only for what they placed
	// in the last moments.
	if err := s.catchUp(ctx); err != nil {
		return "", err
	}
	adopted := ""
	p, err := sh.c.Assign(ctx, sh.last, func(missed []Placement) (Placement, error) {
		if err := s.applyPlacements(ctx, missed); err != nil {
			return Placement{}, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if sid, ok := s.placed[a.ID]; ok {
			adopted = sid
			return Placement{}, nil
		}
		sid, ok := sh.tentative[a.ID]
		if !ok {
			onlineID, _ := s.on.Add(a)
			sid = s.storedID(onlineID)
			sh.tentative[a.ID] = sid
		}
		return Placement{Article: a.ID, Story: sid}, nil
	})
	if err != nil {
		return "", fmt.Errorf("placing article %s: %w", a.ID, err)
	}
	if adopted != "" {
		sh.adopted.Add(1)
		return adopted, nil
	}
	sh.last = max(sh.last, p.Seq)
	sh.placed.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if local := sh.tentative[a.ID]; local != p.Story {
		// Placed earlier, outside this clusterer's view (its story left
		// the live window): the record wins.
		sh.diverged.Add(1)
	}
	delete(sh.tentative, a.ID)
	s.assign(a.ID, p.Story)
	return p.Story, nil
}

// catchUp applies the log entries after sh.last. sh.mu is held.
func (s *Service) catchUp(ctx context.Context) error {
	for {
		ps, err := s.sh.c.Placements(ctx, s.sh.last, time.Time{}, catchUpPage)
		if err != nil {
			return fmt.Errorf("reading the placement log: %w", err)
		}
		if err := s.applyPlacements(ctx, ps); err != nil {
			return err
		}
		if len(ps) < catchUpPage {
			return nil
		}
	}
}

// applyPlacements adds the articles of log entries made by other workers
// to the clusterer, in log order, and maps a story the clusterer opens for
// one to the recorded story. sh.mu is held.
func (s *Service) applyPlacements(ctx context.Context, ps []Placement) error {
	if len(ps) == 0 {
		return nil
	}
	sh := s.sh
	var need []string
	s.mu.Lock()
	for _, p := range ps {
		if _, known := s.placed[p.Article]; !known {
			if _, ok := sh.tentative[p.Article]; !ok {
				need = append(need, p.Article)
			}
		}
	}
	s.mu.Unlock()
	arts, err := s.load(ctx, need)
	if err != nil {
		return fmt.Errorf("loading articles placed by other workers: %w", err)
	}
	byID := make(map[string]*crosscheck.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range ps {
		sh.last = max(sh.last, p.Seq)
		if _, known := s.placed[p.Article]; known {
			continue
		}
		if local, ok := sh.tentative[p.Article]; ok {
			delete(sh.tentative, p.Article)
			if local != p.Story {
				sh.diverged.Add(1)
			}
			s.placed[p.Article] = p.Story
			continue
		}
		a := byID[p.Article]
		if a == nil {
			continue // load reports a missing article as an error
		}
		onlineID, isNew := s.on.Add(a)
		switch local := s.storedID(onlineID); {
		case local == p.Story:
		case isNew:
			s.alias[onlineID] = p.Story
		default:
			sh.diverged.Add(1)
		}
		s.placed[p.Article] = p.Story
		sh.caughtUp.Add(1)
	}
	return nil
}

// rebuildShared is rebuild for a Service with a Coordinator: the live
// window is replayed from the placement log, so that the clusterer holds
// what the other workers' clusterers hold; then what a crashed worker left
// is repaired: articles stored but never placed are placed, and stories
// whose stored version lacks a placed article are queued for analysis.
func (s *Service) rebuildShared(ctx context.Context) error {
	since, err := s.liveSince(ctx)
	if err != nil {
		return err
	}
	unplaced, err := s.replayShared(ctx, since)
	if err != nil {
		return fmt.Errorf("ingest: rebuilding the live stories: %w", err)
	}
	for ids := range slices.Chunk(unplaced, catchUpPage) {
		arts, err := s.st.Articles(ctx, ids)
		if err != nil {
			return fmt.Errorf("ingest: placing articles stored without a story: %w", err)
		}
		for _, a := range arts {
			text.AnalyzeIfNeeded(a)
			s.cache.put(a)
			if _, err := s.placeShared(ctx, a); err != nil {
				return fmt.Errorf("ingest: placing article %s, stored without a story: %w", a.ID, err)
			}
		}
	}
	return nil
}

// replayShared applies the log entries of the live window up to the head
// of the log, queues the stories a crash left unfinished, and returns the
// articles stored but never placed.
func (s *Service) replayShared(ctx context.Context, since time.Time) (unplaced []string, err error) {
	sh := s.sh
	sh.mu.Lock()
	defer sh.mu.Unlock()
	head, err := sh.c.Head(ctx)
	if err != nil {
		return nil, err
	}
	for after := int64(0); ; {
		ps, err := sh.c.Placements(ctx, after, since, catchUpPage)
		if err != nil {
			return nil, err
		}
		full := len(ps) == catchUpPage
		for i, p := range ps {
			if p.Seq > head {
				ps, full = ps[:i], false
				break
			}
		}
		if err := s.applyPlacements(ctx, ps); err != nil {
			return nil, err
		}
		if !full {
			break
		}
		after = ps[len(ps)-1].Seq
	}
	sh.last = head
	unplaced, unstored, err := sh.c.Orphans(ctx, since)
	if err != nil {
		return nil, fmt.Errorf("finding what a crashed worker left: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sid := range unstored {
		ls := s.stories[sid]
		if ls == nil {
			ls = &liveStory{id: sid}
			s.stories[sid] = ls
		}
		ls.gen++
		s.enqueue(ls)
	}
	return unplaced, nil
}

// lockSharedStory takes story ls's store-wide lock for one analysis and
// sets its base to every article placed in it (by any worker) or stored
// with it. It runs on the worker analysing ls.
func (s *Service) lockSharedStory(ctx context.Context, ls *liveStory) (unlock func(), err error) {
	unlock, err = s.sh.c.LockStory(ctx, ls.id)
	if err != nil {
		return nil, fmt.Errorf("locking story %s: %w", ls.id, err)
	}
	members, err := s.sh.c.Members(ctx, ls.id)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("reading the members of story %s: %w", ls.id, err)
	}
	stored, err := s.st.Story(ctx, ls.id)
	switch {
	case err == nil:
		// Articles of the stored version that the log does not hold
		// (stored before the log existed) stay in the story.
		for _, id := range stored.Articles {
			if !slices.Contains(members, id) {
				members = append(members, id)
			}
		}
	case !errors.Is(err, crosscheck.ErrNotFound):
		unlock()
		return nil, fmt.Errorf("reading story %s: %w", ls.id, err)
	}
	ls.base, ls.loaded = members, true
	return unlock, nil
}
