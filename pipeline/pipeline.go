// Package pipeline runs crosscheck's stages in order over a batch of inputs:
// sources → extract → boilerplate → text → dedup → cluster → analyze, and
// returns the report. It is the one place that knows the order of the
// stages; the CLI, the server and the ingesters all call it, so they cannot
// disagree about what an article goes through.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/language"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/text"
)

// Options configures a run.
type Options struct {
	Source  source.Options
	Extract extract.Options
	// RepeatedMinPages is how many pages of one outlet a line must appear on
	// to be removed as site boilerplate (0: the boilerplate package default).
	RepeatedMinPages int
	// Cluster configures story clustering (a zero Threshold: cluster.Defaults).
	Cluster cluster.Options
	// Online assigns articles to stories one at a time in publication
	// order, as a monitor does, instead of re-clustering the whole batch.
	Online bool
	// Workers is the number of articles extracted at once (0: GOMAXPROCS).
	Workers int
	// Progress, when set, is told how far a stage has got. total is -1 while
	// unknown (inputs are still being read).
	Progress func(stage string, done, total int)
	// OnError, when set, is called for each input that fails, as it fails.
	OnError func(crosscheck.InputError)
}

// Analyze reads every input, makes clean articles of them and groups them
// into analysed stories. Inputs that fail are listed in Report.Errors (and
// passed to OnError); they never stop the batch. The error result is only for
// a cancelled context.
func Analyze(ctx context.Context, inputs []string, opt Options) (*crosscheck.Report, error) {
	rep := &crosscheck.Report{Schema: crosscheck.ReportSchema}
	fail := func(src string, err error) {
		ie := crosscheck.InputError{Source: src, Err: err.Error()}
		if se, ok := err.(*source.Error); ok {
			ie = crosscheck.InputError{Source: se.Source, Err: se.Err.Error()}
		}
		rep.Errors = append(rep.Errors, ie)
		if opt.OnError != nil {
			opt.OnError(ie)
		}
	}
	arts, err := Articles(ctx, inputs, opt, fail)
	if err != nil {
		return nil, err
	}
	rep.Articles = arts
	rep.Stories = Stories(arts, opt)
	return rep, nil
}

// Articles reads the inputs and returns their clean, segmented articles, in
// input order, one per distinct article (the same article given twice is kept
// once). Each failed input is passed to fail.
func Articles(ctx context.Context, inputs []string, opt Options, fail func(src string, err error)) ([]*crosscheck.Article, error) {
	ex := extract.New(opt.Extract)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		i   int
		doc crosscheck.Document
	}
	type result struct {
		art *crosscheck.Article
		err error
		src string
	}
	var (
		results []result
		mu      sync.Mutex
		wg      sync.WaitGroup
		jobs    = make(chan job)
		done    int
	)
	progress := func(total int) {
		if opt.Progress != nil {
			opt.Progress("extract", done, total)
		}
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				art, err := Prepare(ex, j.doc)
				mu.Lock()
				results[j.i] = result{art: art, err: err, src: j.doc.Source}
				done++
				progress(-1)
				mu.Unlock()
			}
		}()
	}
	n := 0
	for doc, err := range source.Read(ctx, inputs, opt.Source) {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		if err != nil {
			results = append(results, result{err: err})
			done++
			mu.Unlock()
			n++
			continue
		}
		results = append(results, result{})
		mu.Unlock()
		jobs <- job{i: n, doc: doc}
		n++
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	progress(n)

	var arts []*crosscheck.Article
	seen := map[string]bool{}
	for _, r := range results {
		switch {
		case r.err != nil:
			fail(r.src, r.err)
		case seen[r.art.ID]:
			// The same article twice (same URL or same text): keep the first.
		default:
			seen[r.art.ID] = true
			arts = append(arts, r.art)
		}
	}
	// Site boilerplate shows itself only across pages of one outlet, so this
	// pass needs the whole batch; it runs before segmentation because it
	// changes the text.
	boilerplate.RemoveRepeated(arts, opt.RepeatedMinPages)
	for _, a := range arts {
		text.Analyze(a)
	}
	return arts, nil
}

// Prepare makes one document into a clean article: extraction, the
// plain-text boilerplate pass, text normalisation, language and id. It does
// not segment (Articles does, after the batch-wide boilerplate pass).
func Prepare(ex *extract.Extractor, doc crosscheck.Document) (*crosscheck.Article, error) {
	a, err := ex.Extract(doc)
	if err != nil {
		return nil, &source.Error{Source: doc.Source, Err: err}
	}
	kept, removed := boilerplate.CleanDocument(doc.Kind, a.Title, text.Prepare(a.Text))
	a.Text = kept
	a.Boilerplate = append(a.Boilerplate, removed...)
	if a.Outlet == "" {
		a.Outlet = boilerplate.OutletOf(removed)
	}
	if a.Text == "" {
		return nil, &source.Error{Source: doc.Source, Err: fmt.Errorf("no article text left after removing %d boilerplate lines", len(removed))}
	}
	// A language the page declares and the extractor found in its text is
	// taken as it is (detection is a tenth of a page's preparation);
	// otherwise it is detected, and a declaration is only the fallback.
	if !a.LanguageAgreed || !language.Known(a.Language) {
		a.LanguageAgreed = false
		if lang := language.Detect(a.Text); lang != "" {
			a.Language = lang
		}
	}
	a.ID = ArticleID(a)
	return a, nil
}

// ArticleID is a stable id for an article: the same URL with the same text,
// or the same text without a URL, always gets the same id, which is what
// makes ingestion idempotent.
func ArticleID(a *crosscheck.Article) string {
	h := sha256.New()
	h.Write([]byte(a.URL))
	h.Write([]byte{0})
	h.Write([]byte(text.Normalize(a.Text)))
	return "a" + hex.EncodeToString(h.Sum(nil))[:11]
}
