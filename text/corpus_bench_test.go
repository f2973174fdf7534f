package text_test

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/internal/corpustest"
	"github.com/crosscheck-news/crosscheck/text"
)

func corpusOrSkip(b *testing.B, size func(corpustest.Page) int) []corpustest.Page {
	pages := corpustest.Pages()
	if len(pages) == 0 {
		b.Skip("no corpus pages found in ../examples")
	}
	n := 0
	for _, p := range pages {
		n += size(p)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	return pages
}

// BenchmarkAnalyzeCorpus analyzes every cleaned corpus page per iteration,
// with the process-wide stem memo warm as in a long ingest.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	pages := corpusOrSkip(b, func(p corpustest.Page) int { return len(p.Clean) })
	for b.Loop() {
		for _, p := range pages {
			a := &crosscheck.Article{Text: p.Clean, Language: p.Lang}
			text.Analyze(a)
		}
	}
}

// BenchmarkPrepareCorpus prepares every corpus page's extracted text per
// iteration.
func BenchmarkPrepareCorpus(b *testing.B) {
	pages := corpusOrSkip(b, func(p corpustest.Page) int { return len(p.Raw) })
	for b.Loop() {
		for _, p := range pages {
			text.Prepare(p.Raw)
		}
	}
}
