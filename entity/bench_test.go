package entity_test

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/internal/corpustest"
)

// benchStory is one story of the benchmark corpus (see corpustest).
type benchStory = corpustest.Story

// benchCorpus returns the benchmark corpus's stories.
func benchCorpus(tb testing.TB) []benchStory { return corpustest.Stories(tb) }

// benchRun runs f as a sub-benchmark per group of stories (the examples,
// the seeds), as their articles differ in length and style.
func benchRun(b *testing.B, f func(b *testing.B, stories []benchStory)) {
	g := corpustest.Groups(b)
	for _, k := range []string{"examples", "seeds"} {
		if len(g[k]) > 0 {
			b.Run(k, func(b *testing.B) { f(b, g[k]) })
		}
	}
}

// BenchmarkFind measures Find over every article of the corpus (the text
// analysis is done once, outside the loop); ns/op is per pass over the
// group's articles, µs/article per article.
func BenchmarkFind(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		corpustest.Loop(b, corpustest.Articles(stories), func() {
			for _, s := range stories {
				for _, a := range s.Members {
					entity.Find(a)
				}
			}
		})
	})
}

// BenchmarkMerge measures Merge alone on each story's Find results.
func BenchmarkMerge(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		found := make([]map[string][]entity.Found, len(stories))
		for i, s := range stories {
			found[i] = map[string][]entity.Found{}
			for _, a := range s.Members {
				found[i][a.ID] = entity.Find(a)
			}
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for i, s := range stories {
				entity.Merge(s.Members, found[i])
			}
		}
	})
}

// BenchmarkStory measures Story (Find on every member, then Merge), the
// call the analysis stage makes per story.
func BenchmarkStory(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		corpustest.Loop(b, corpustest.Articles(stories), func() {
			for _, s := range stories {
				entity.Story(s.Members)
			}
		})
	})
}

// BenchmarkNewIndex measures indexing a story's entities.
func BenchmarkNewIndex(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		ents := make([][]crosscheck.Entity, len(stories))
		for i, s := range stories {
			ents[i] = entity.Story(s.Members)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for i := range stories {
				entity.NewIndex(ents[i])
			}
		}
	})
}
