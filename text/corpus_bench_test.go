package text_test

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

// corpusPage is one page of the examples corpus or the seed articles: the
// extractor's text (Prepare's input) and the cleaned article text
// (Analyze's input), as pipeline.Prepare makes them.
type corpusPage struct {
	raw, clean, lang string
}

// corpusPages reads the repository's examples and, when present, the
// shared seed articles once for all benchmarks. It is an external test
// package so that it may use source, extract and boilerplate as the
// pipeline does.
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
		kept, _ := boilerplate.CleanDocument(doc.Kind, a.Title, text.Prepare(a.Text))
		lang := a.Language
		if lang == "" {
			lang = "en"
		}
		pages = append(pages, corpusPage{raw: a.Text, clean: kept, lang: lang})
	}
	return pages
})

func corpusOrSkip(b *testing.B, size func(corpusPage) int) []corpusPage {
	pages := corpusPages()
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
	pages := corpusOrSkip(b, func(p corpusPage) int { return len(p.clean) })
	for b.Loop() {
		for _, p := range pages {
			a := &crosscheck.Article{Text: p.clean, Language: p.lang}
			text.Analyze(a)
		}
	}
}

// BenchmarkPrepareCorpus prepares every corpus page's extracted text per
// iteration.
func BenchmarkPrepareCorpus(b *testing.B) {
	pages := corpusOrSkip(b, func(p corpusPage) int { return len(p.raw) })
	for b.Loop() {
		for _, p := range pages {
			text.Prepare(p.raw)
		}
	}
}
