package boilerplate_test

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
	"github.com/crosscheck-news/crosscheck/internal/corpustest"
)

// benchCorpus runs clean over every corpus page that keep accepts, all of
// them per iteration.
func benchCorpus(b *testing.B, keep func(corpustest.Page) bool, clean func(p corpustest.Page)) {
	var pages []corpustest.Page
	size := 0
	for _, p := range corpustest.Pages() {
		if keep(p) {
			pages = append(pages, p)
			size += len(p.Prepared)
		}
	}
	if len(pages) == 0 {
		b.Skip("no corpus pages found in ../examples")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			clean(p)
		}
	}
}

// BenchmarkCleanExtractedCorpus is the HTML pages' pass, as ingest runs it.
func BenchmarkCleanExtractedCorpus(b *testing.B) {
	benchCorpus(b, func(p corpustest.Page) bool { return p.Kind == crosscheck.KindHTML },
		func(p corpustest.Page) { boilerplate.CleanExtracted(p.Prepared) })
}

// BenchmarkCleanDocumentCorpus is every page's pass (HTML and plain text).
func BenchmarkCleanDocumentCorpus(b *testing.B) {
	benchCorpus(b, func(corpustest.Page) bool { return true },
		func(p corpustest.Page) { boilerplate.CleanDocument(p.Kind, p.Title, p.Prepared) })
}
