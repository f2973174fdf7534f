package claim_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/claim"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/pipeline"
)

// benchStory is one story of the benchmark corpus with what claim
// extraction is given for it: the story's entities, their index and the
// reference date (the earliest publication), as package finding passes them.
type benchStory struct {
	name    string
	members []*crosscheck.Article
	ents    []crosscheck.Entity
	opt     claim.Options
}

var (
	benchOnce    sync.Once
	benchStories []benchStory
	benchErr     error
)

// seedsDir holds the five real articles of one story; benchmarks and the
// golden check skip them when ../shared is not checked out.
const seedsDir = "../../shared/corpus/seeds"

// benchCorpus reads the example corpus, grouped into the answer key's
// stories, and the seed story when it is checked out, once per test binary.
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
		var key struct {
			Stories []struct {
				Files []string `json:"files"`
			} `json:"stories"`
		}
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
	for i := range out {
		s := &out[i]
		s.ents = entity.Story(s.members)
		var ref time.Time
		for _, a := range s.members {
			if a.Published != nil && (ref.IsZero() || a.Published.Before(ref)) {
				ref = *a.Published
			}
		}
		s.opt = claim.Options{Reference: ref, Index: entity.NewIndex(s.ents)}
	}
	return out, nil
}

func benchRun(b *testing.B, f func(b *testing.B, stories []benchStory)) {
	g := map[string][]benchStory{}
	for _, s := range benchCorpus(b) {
		k := "examples"
		if s.name == "seeds" {
			k = "seeds"
		}
		g[k] = append(g[k], s)
	}
	for _, k := range []string{"examples", "seeds"} {
		if len(g[k]) == 0 {
			continue
		}
		b.Run(k, func(b *testing.B) { f(b, g[k]) })
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
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for _, s := range stories {
				for _, a := range s.members {
					claim.ExtractWith(a, s.ents, s.opt)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e3, "µs/article")
	})
}
