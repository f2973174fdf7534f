package ingest

import (
	"sync/atomic"
	"time"
)

var latencyBounds = [...]float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// LatencyBounds returns the upper bounds, in seconds, of the Ingest latency
// histogram in Stats (Prometheus-style cumulative buckets; +Inf is Count).
func LatencyBounds() []float64 { return latencyBounds[:] }

// Stats are the service's counters since it started, for /metrics.
type Stats struct {
	// Added counts articles newly stored, Duplicates articles ingested
	// again, Failed documents that gave an error.
	Added, Duplicates, Failed uint64
	// StoriesPut counts story analyses stored; Coalesced counts articles
	// placed in a story that was already waiting for (or going through) an
	// analysis, which then covered them with others.
	StoriesPut, Coalesced uint64
	// AnalysisFailures counts story analyses or writes that failed (and
	// were retried).
	AnalysisFailures uint64
	// Rebuilt is how many stored articles New replayed; Orphans how many of
	// them were stored without a story (a crash before their story was
	// put) and were placed again.
	Rebuilt, Orphans uint64
	// Pending is how many stories wait for, or go through, their analysis
	// (failed ones waiting for a retry aside).
	Pending int
	// LiveStories is how many stories the clusterer can still add to.
	LiveStories int
	// Count and Sum are the number of Ingest calls and their total
	// duration; Buckets[i] counts the calls that took at most
	// LatencyBounds()[i] seconds.
	Count   uint64
	Sum     time.Duration
	Buckets []uint64
	// Time spent in each phase, over all calls and the background
	// analysis: extraction and segmentation, loading story members, story
	// analysis, store writes (articles and stories).
	Prepare, Load, Analyze, Store time.Duration
}

type stats struct {
	added, duplicates, failed, storiesPut, coalesced, count                      atomic.Uint64
	analysisFailures, rebuilt, orphans                                           atomic.Uint64
	sumNanos, prepareNanos, loadNanos, analyzeNanos, storeNanos, storyStoreNanos atomic.Int64
	buckets                                                                      [len(latencyBounds)]atomic.Uint64
}

func (s *stats) observe(d time.Duration, res Result, err error) {
	s.count.Add(1)
	s.sumNanos.Add(int64(d))
	sec := d.Seconds()
	for i, b := range latencyBounds {
		if sec <= b {
			s.buckets[i].Add(1)
		}
	}
	switch {
	case err != nil:
		s.failed.Add(1)
	default:
		if res.Added {
			s.added.Add(1)
		} else {
			s.duplicates.Add(1)
		}
	}
}

// Stats returns the service's counters.
func (s *Service) Stats() Stats {
	st := Stats{
		Added:            s.stats.added.Load(),
		Duplicates:       s.stats.duplicates.Load(),
		Failed:           s.stats.failed.Load(),
		StoriesPut:       s.stats.storiesPut.Load(),
		Coalesced:        s.stats.coalesced.Load(),
		Rebuilt:          s.stats.rebuilt.Load(),
		Orphans:          s.stats.orphans.Load(),
		AnalysisFailures: s.stats.analysisFailures.Load(),
		Count:            s.stats.count.Load(),
		Sum:              time.Duration(s.stats.sumNanos.Load()),
		Prepare:          time.Duration(s.stats.prepareNanos.Load()),
		Load:             time.Duration(s.stats.loadNanos.Load()),
		Analyze:          time.Duration(s.stats.analyzeNanos.Load()),
		Store:            time.Duration(s.stats.storeNanos.Load() + s.stats.storyStoreNanos.Load()),
		Buckets:          make([]uint64, len(latencyBounds)),
	}
	for i := range latencyBounds {
		st.Buckets[i] = s.stats.buckets[i].Load()
	}
	s.mu.Lock()
	st.LiveStories = s.on.Live()
	st.Pending = s.busy
	s.mu.Unlock()
	return st
}
