package cluster

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// finalize makes the crosscheck.Story of a group: articles ordered by time
// (then arrival), outlets in order of first appearance, first/last seen from
// the known publication times, and the most central headline as title.
func finalize(id string, arts []artRef, centroid vec, df *dfTable, opt *Options) *crosscheck.Story {
	sorted := slices.Clone(arts)
	slices.SortStableFunc(sorted, func(a, b artRef) int {
		if c := a.t.Compare(b.t); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	st := &crosscheck.Story{ID: id, Articles: make([]string, 0, len(sorted))}
	seen := map[string]bool{}
	var first, last time.Time
	for _, a := range sorted {
		st.Articles = append(st.Articles, a.id)
		if a.outlet != "" && !seen[a.outlet] {
			seen[a.outlet] = true
			st.Outlets = append(st.Outlets, a.outlet)
		}
		if a.dated {
			if first.IsZero() || a.t.Before(first) {
				first = a.t
			}
			if a.t.After(last) {
				last = a.t
			}
		}
	}
	if !first.IsZero() {
		st.FirstSeen, st.LastSeen = &first, &last
	}
	st.Title = centralTitle(sorted, centroid, df)
	return st
}

// centralTitle returns the headline closest (cosine over stems, IDF
// weighted) to the story's centroid; ties go to the earliest article.
func centralTitle(arts []artRef, centroid vec, df *dfTable) string {
	best, bestScore := "", -1.0
	seen := map[string]bool{}
	for _, a := range arts {
		if a.title == "" || seen[a.title] {
			continue
		}
		seen[a.title] = true
		tv := titleVec(a.title, a.lang, df)
		s := 0.0
		if n := norm2(tv); n > 0 {
			s = dot(tv, centroid) / n
		}
		if s > bestScore {
			best, bestScore = a.title, s
		}
	}
	return best
}

// titleVec is a headline's vector over the title features collect gives
// it, so that it meets the centroid in the same space.
func titleVec(title, lang string, df *dfTable) vec {
	c := newCounts()
	collectTitle(c, title, lang, 1)
	v := make(vec, 0, len(c.tf))
	for h, t := range c.tf {
		v = append(v, feature{h, float32((1 + math.Log(t.tf)) * df.idf(h))})
	}
	slices.SortFunc(v, func(a, b feature) int { return cmp.Compare(a.h, b.h) })
	return v
}

// sortStories orders stories by first publication time (undated last), then
// by id.
func sortStories(ss []*crosscheck.Story) {
	slices.SortStableFunc(ss, func(a, b *crosscheck.Story) int {
		switch {
		case a.FirstSeen != nil && b.FirstSeen != nil:
			if c := a.FirstSeen.Compare(*b.FirstSeen); c != 0 {
				return c
			}
		case a.FirstSeen != nil:
			return -1
		case b.FirstSeen != nil:
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
