package entity_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/pipeline"
)

// benchStory is one story of the benchmark corpus: its articles as the
// pipeline prepares them (extracted, cleaned, analysed).
type benchStory struct {
	name    string
	members []*crosscheck.Article
}

var (
	benchOnce    sync.Once
	benchStories []benchStory
	benchErr     error
)

// benchCorpus reads the example corpus, grouped into the answer key's
// stories (not the clusterer's, so that a change in clustering does not move
// the figures), and the seed story of ../shared/corpus/seeds when it is
// checked out. Articles are read once per test binary.
func benchCorpus(tb testing.TB) []benchStory {
	tb.Helper()
	benchOnce.Do(func() { benchStories, benchErr = readBenchCorpus() })
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	if len(benchStories) == 0 {
		tb.Skip("no example corpus at ../examples")
	}
	return benchStories
}

func readBenchCorpus() ([]benchStory, error) {
	var out []benchStory
	ctx := context.Background()
	opt := pipeline.Options{Workers: 1}
	if _, err := os.Stat("../examples"); err == nil {
		arts, err := pipeline.Articles(ctx, []string{"../examples"}, opt, func(string, error) {})
		if err != nil {
			return nil, err
		}
		b, err := os.ReadFile("../testdata/examples-expected.json")
		if err != nil {
			return nil, err
		}
		var key examplesKey
		if err := json.Unmarshal(b, &key); err != nil {
			return nil, err
		}
		byFile := map[string]*crosscheck.Article{}
		for _, a := range arts {
			byFile[strings.TrimPrefix(a.Source, "../examples/")] = a
		}
		for i, ks := range key.Stories {
			s := benchStory{name: "examples-" + string(rune('1'+i))}
			for _, f := range ks.Files {
				if a := byFile[f]; a != nil {
					s.members = append(s.members, a)
				}
			}
			out = append(out, s)
		}
	}
	if _, err := os.Stat(seedsDir); err == nil {
		arts, err := pipeline.Articles(ctx, []string{seedsDir}, opt, func(string, error) {})
		if err != nil {
			return nil, err
		}
		if len(arts) > 0 {
			out = append(out, benchStory{name: "seeds", members: arts})
		}
	}
	return out, nil
}

// seedsDir holds the five real articles of one story; benchmarks and the
// golden check skip them when ../shared is not checked out.
const seedsDir = "../../shared/corpus/seeds"

// benchGroups splits the corpus for sub-benchmarks: the examples and the
// seeds, as their articles differ in length and style.
func benchGroups(tb testing.TB) map[string][]benchStory {
	g := map[string][]benchStory{}
	for _, s := range benchCorpus(tb) {
		k := "examples"
		if s.name == "seeds" {
			k = "seeds"
		}
		g[k] = append(g[k], s)
	}
	return g
}

func benchRun(b *testing.B, f func(b *testing.B, stories []benchStory)) {
	g := benchGroups(b)
	for _, k := range []string{"examples", "seeds"} {
		if len(g[k]) == 0 {
			continue
		}
		b.Run(k, func(b *testing.B) { f(b, g[k]) })
	}
}

// BenchmarkFind measures Find over every article of the corpus (the text
// analysis is done once, outside the loop); ns/op is per pass over the
// group's articles, µs/article per article.
func BenchmarkFind(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		n := 0
		for _, s := range stories {
			n += len(s.members)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for _, s := range stories {
				for _, a := range s.members {
					entity.Find(a)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e3, "µs/article")
	})
}

// BenchmarkMerge measures Merge alone on each story's Find results.
func BenchmarkMerge(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		found := make([]map[string][]entity.Found, len(stories))
		for i, s := range stories {
			found[i] = map[string][]entity.Found{}
			for _, a := range s.members {
				found[i][a.ID] = entity.Find(a)
			}
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for i, s := range stories {
				entity.Merge(s.members, found[i])
			}
		}
	})
}

// BenchmarkStory measures Story (Find on every member, then Merge), the
// call the analysis stage makes per story.
func BenchmarkStory(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		n := 0
		for _, s := range stories {
			n += len(s.members)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for _, s := range stories {
				entity.Story(s.members)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e3, "µs/article")
	})
}

// BenchmarkNewIndex measures indexing a story's entities.
func BenchmarkNewIndex(b *testing.B) {
	benchRun(b, func(b *testing.B, stories []benchStory) {
		ents := make([][]crosscheck.Entity, len(stories))
		for i, s := range stories {
			ents[i] = entity.Story(s.members)
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
