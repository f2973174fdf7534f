package claim_test

import (
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/claim"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/internal/corpustest"
)

// benchStory is one story of the benchmark corpus (see corpustest) with
// what claim extraction is given for it: the story's entities, their index
// and the reference date (the earliest publication), as package finding
// passes them.
type benchStory struct {
	members []*crosscheck.Article
	ents    []crosscheck.Entity
	opt     claim.Options
}

// benchRun runs f as a sub-benchmark per group of stories (the examples,
// the seeds), as their articles differ in length and style.
func benchRun(b *testing.B, f func(b *testing.B, stories []benchStory)) {
	groups := corpustest.Groups(b)
	for _, k := range []string{"examples", "seeds"} {
		group := groups[k]
		if len(group) == 0 {
			continue
		}
		stories := make([]benchStory, len(group))
		for i, s := range group {
			ents := entity.Story(s.Members)
			var ref time.Time
			for _, a := range s.Members {
				if a.Published != nil && (ref.IsZero() || a.Published.Before(ref)) {
					ref = *a.Published
				}
			}
			stories[i] = benchStory{members: s.Members, ents: ents, opt: claim.Options{Reference: ref, Index: entity.NewIndex(ents)}}
		}
		b.Run(k, func(b *testing.B) { f(b, stories) })
	}
}

// BenchmarkExtract measures ExtractWith over every article of the corpus
// with its story's entities and index, as package finding calls it; ns/op
// is per pass over the group's articles.
func BenchmarkExtract(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		n := 0
		for _, s := range stories {
			n += len(s.members)
		}
		corpustest.Loop(b, n, func() {
			for _, s := range stories {
				for _, a := range s.members {
					claim.ExtractWith(a, s.ents, s.opt)
				}
			}
		})
	})
}
