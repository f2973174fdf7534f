package boilerplate_test

import (
	"context"
	"sync"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/text"
)

// corpusPage is one page of the examples corpus or the seed articles as
// pipeline.Prepare hands it to the boilerplate pass: extracted, then
// prepared.
type corpusPage struct {
	kind  crosscheck.DocumentKind
	title string
	text  string
}

// corpusPages reads the repository's examples and, when present, the
// shared seed articles once for all benchmarks. It is an external test
// package so that it may use source and extract as the pipeline does.
var corpusPages = sync.OnceValue(func() []corpusPage {
	ex := extract.New(extract.Options{})
	var pages []corpusPage
	for doc, err := range source.Read(context.Background(), []string{"../examples", "../../shared/corpus/seeds"}, source.Options{}) {
		if err != nil {
			continue // the seeds are optional; a missing input is skipped
		}
		a, err := ex.Extract(doc)
		if err != nil {
			continue
		}
		pages = append(pages, corpusPage{kind: doc.Kind, title: a.Title, text: text.Prepare(a.Text)})
	}
	return pages
})

// benchCorpus runs clean over every corpus page that keep accepts, all of
// them per iteration.
func benchCorpus(b *testing.B, keep func(corpusPage) bool, clean func(p corpusPage)) {
	var pages []corpusPage
	size := 0
	for _, p := range corpusPages() {
		if keep(p) {
			pages = append(pages, p)
			size += len(p.text)
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
	benchCorpus(b, func(p corpusPage) bool { return p.kind == crosscheck.KindHTML },
		func(p corpusPage) { boilerplate.CleanExtracted(p.text) })
}

// BenchmarkCleanDocumentCorpus is every page's pass (HTML and plain text).
func BenchmarkCleanDocumentCorpus(b *testing.B) {
	benchCorpus(b, func(corpusPage) bool { return true },
		func(p corpusPage) { boilerplate.CleanDocument(p.kind, p.title, p.text) })
}
