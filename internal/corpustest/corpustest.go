// Package corpustest reads, for the benchmarks of several packages, the
// corpora they share: the repository's example corpus, grouped into the
// stories of its answer key (testdata/examples-expected.json, not the
// clusterer's grouping, so that a change in clustering does not move a
// stage's figures), and the seed story of ../shared/corpus/seeds when it is
// checked out. Paths are relative to a package directory one level below
// the repository root, where go test runs a package's tests.
package corpustest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/text"
)

const (
	examplesDir = "../examples"
	answerKey   = "../testdata/examples-expected.json"
	seedsDir    = "../../shared/corpus/seeds"
)

// Story is one story of the corpus, its articles as the pipeline prepares
// them (extracted, cleaned, analysed).
type Story struct {
	// Name is "examples-N" for the answer key's Nth story, or "seeds".
	Name string
	// Group is "examples" or "seeds": their articles differ in length and
	// style, so benchmarks report them apart.
	Group   string
	Members []*crosscheck.Article
}

var stories = sync.OnceValues(readStories)

// Stories returns the corpus's stories, read once per test binary; it
// skips tb when there is none and fails it when the corpus cannot be read.
func Stories(tb testing.TB) []Story {
	tb.Helper()
	out, err := stories()
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Skip("no example corpus at " + examplesDir)
	}
	return out
}

// Groups returns the stories of each group, for sub-benchmarks.
func Groups(tb testing.TB) map[string][]Story {
	g := map[string][]Story{}
	for _, s := range Stories(tb) {
		g[s.Group] = append(g[s.Group], s)
	}
	return g
}

func readStories() ([]Story, error) {
	var out []Story
	ctx := context.Background()
	opt := pipeline.Options{Workers: 1}
	if _, err := os.Stat(examplesDir); err == nil {
		arts, err := pipeline.Articles(ctx, []string{examplesDir}, opt, func(string, error) {})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", examplesDir, err)
		}
		b, err := os.ReadFile(answerKey)
		if err != nil {
			return nil, err
		}
		var key struct {
			Stories []struct {
				Files []string `json:"files"`
			} `json:"stories"`
		}
		if err := json.Unmarshal(b, &key); err != nil {
			return nil, fmt.Errorf("%s: %w", answerKey, err)
		}
		byFile := map[string]*crosscheck.Article{}
		for _, a := range arts {
			byFile[strings.TrimPrefix(a.Source, examplesDir+"/")] = a
		}
		for i, ks := range key.Stories {
			s := Story{Name: fmt.Sprintf("examples-%d", i+1), Group: "examples"}
			for _, f := range ks.Files {
				if a := byFile[f]; a != nil {
					s.Members = append(s.Members, a)
				}
			}
			out = append(out, s)
		}
	}
	if _, err := os.Stat(seedsDir); err == nil {
		arts, err := pipeline.Articles(ctx, []string{seedsDir}, opt, func(string, error) {})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", seedsDir, err)
		}
		if len(arts) > 0 {
			out = append(out, Story{Name: "seeds", Group: "seeds", Members: arts})
		}
	}
	return out, nil
}

// Page is one document of the corpus as the per-page stages see it.
type Page struct {
	Kind  crosscheck.DocumentKind
	Title string
	// Raw is the extractor's text, Prepared that text after text.Prepare
	// (the boilerplate pass's input), Clean the boilerplate pass's output
	// (text.Analyze's input).
	Raw, Prepared, Clean string
	// Lang is the page's language, "en" when it declares none.
	Lang string
}

// Pages returns every document of the examples and, when checked out, of
// the seeds, read once per test binary; documents that cannot be read or
// extracted are left out.
var Pages = sync.OnceValue(func() []Page {
	ex := extract.New(extract.Options{})
	var pages []Page
	for doc, err := range source.Read(context.Background(), []string{examplesDir, seedsDir}, source.Options{}) {
		if err != nil {
			continue // the seeds are optional; a missing input is skipped
		}
		a, err := ex.Extract(doc)
		if err != nil {
			continue
		}
		p := Page{Kind: doc.Kind, Title: a.Title, Raw: a.Text, Prepared: text.Prepare(a.Text), Lang: a.Language}
		p.Clean, _ = boilerplate.CleanDocument(doc.Kind, a.Title, p.Prepared)
		if p.Lang == "" {
			p.Lang = "en"
		}
		pages = append(pages, p)
	}
	return pages
})

// Loop runs pass b.N times, allocations reported, and reports the time
// per article (µs/article) of a pass over the given number of articles.
func Loop(b *testing.B, articles int, pass func()) {
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		pass()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(articles, 1))/1e3, "µs/article")
}

// Articles counts the members of the stories.
func Articles(stories []Story) int {
	n := 0
	for _, s := range stories {
		n += len(s.Members)
	}
	return n
}
