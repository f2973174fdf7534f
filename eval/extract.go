package eval

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/pipeline"
)

// ExtractHTMLOptions chooses what an HTML extraction run measures.
type ExtractHTMLOptions struct {
	// Extract configures the extractor (e.g. NoFallback).
	Extract extract.Options
	// RawExtract scores the extractor's output as it is, without the text
	// preparation and boilerplate pass that pipeline.Prepare runs after it.
	RawExtract bool
}

// ExtractHTML scores HTML extraction on the scrapinghub set in dataDir with
// the product's settings: each page goes through pipeline.Prepare, the very
// function the pipeline runs per document (extraction, text preparation,
// the boilerplate pass for extracted HTML), and the text kept is compared
// with the true articleBody (which holds no headline, so neither does the
// prediction: Article.Text excludes the title). Progress lines, if wanted,
// go to progress.
func ExtractHTML(dataDir string, progress io.Writer) (ExtractScore, error) {
	return ExtractHTMLWith(dataDir, ExtractHTMLOptions{}, progress)
}

// Half is one of the two parts a data set is split into for tuning: rules
// are developed looking at DevHalf only, and CheckHalf shows whether they
// carry over to pages they were not made on.
type Half uint8

const (
	DevHalf Half = iota
	CheckHalf
)

func (h Half) String() string {
	if h == DevHalf {
		return "dev"
	}
	return "check"
}

// HalfOf assigns a page to a half by a hash of its id (FNV-1a, even: dev),
// so the split is fixed, does not depend on the page's content or labels,
// and does not change when pages are added.
func HalfOf(id string) Half {
	h := fnv.New32a()
	h.Write([]byte(id))
	return Half(h.Sum32() % 2)
}

// PageScore is one page's shingle precision and recall.
type PageScore struct {
	ID                string
	Precision, Recall float64
}

// ExtractRun is the per-page result of one extraction run, sorted by id.
type ExtractRun []PageScore

// Score averages precision and recall over all pages, as the benchmark does.
func (r ExtractRun) Score() ExtractScore {
	return r.score(func(string) bool { return true })
}

// HalfScore is Score over the pages of one half.
func (r ExtractRun) HalfScore(h Half) ExtractScore {
	return r.score(func(id string) bool { return HalfOf(id) == h })
}

func (r ExtractRun) score(keep func(id string) bool) ExtractScore {
	var s ExtractScore
	for _, p := range r {
		if !keep(p.ID) {
			continue
		}
		s.Precision += p.Precision
		s.Recall += p.Recall
		s.Pages++
	}
	if s.Pages > 0 {
		s.Precision /= float64(s.Pages)
		s.Recall /= float64(s.Pages)
	}
	return s
}

// scrapinghubTruth is one entry of ground-truth.json.
type scrapinghubTruth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// readScrapinghubTruth reads dataDir/ground-truth.json.
func readScrapinghubTruth(dataDir string) (map[string]scrapinghubTruth, error) {
	path := filepath.Join(dataDir, "ground-truth.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scrapinghub data: %w", err)
	}
	var truth map[string]scrapinghubTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("%s: no pages", path)
	}
	return truth, nil
}

// ExtractHTMLWith is ExtractHTML with a choice of settings, to measure what
// each part contributes.
func ExtractHTMLWith(dataDir string, opt ExtractHTMLOptions, progress io.Writer) (ExtractScore, error) {
	run, err := ExtractHTMLRun(dataDir, opt, progress)
	if err != nil {
		return ExtractScore{}, err
	}
	return run.Score(), nil
}

// ExtractHTMLRun scores every page of the scrapinghub set in dataDir and
// returns the per-page scores, for the whole set and its halves.
func ExtractHTMLRun(dataDir string, opt ExtractHTMLOptions, progress io.Writer) (ExtractRun, error) {
	truth, err := readScrapinghubTruth(dataDir)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	ex := extract.New(opt.Extract)
	run := make(ExtractRun, 0, len(ids))
	for i, id := range ids {
		path := filepath.Join(dataDir, "html", id+".html.gz")
		body, err := readGzip(path)
		if err != nil {
			return nil, err
		}
		doc := crosscheck.Document{
			Source: path,
			URL:    truth[id].URL,
			Kind:   crosscheck.KindHTML,
			Body:   body,
		}
		// A page the product refuses scores 0: that is what the user gets.
		predicted, err := htmlText(ex, doc, opt.RawExtract)
		if err != nil && progress != nil {
			fmt.Fprintf(progress, "%s: %v\n", path, err)
		}
		p, r := ShingleScore(predicted, truth[id].ArticleBody)
		run = append(run, PageScore{ID: id, Precision: p, Recall: r})
		if progress != nil && (i+1)%20 == 0 {
			fmt.Fprintf(progress, "extract: %d/%d pages\n", i+1, len(ids))
		}
	}
	return run, nil
}

// htmlText is the article text the product makes of one page: what
// pipeline.Prepare keeps, or with raw the extractor's output alone.
func htmlText(ex *extract.Extractor, doc crosscheck.Document, raw bool) (string, error) {
	if raw {
		a, err := ex.Extract(doc)
		if err != nil {
			return "", err
		}
		return a.Text, nil
	}
	a, err := pipeline.Prepare(ex, doc)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

// readGzip reads a whole gzip-compressed file.
func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}
