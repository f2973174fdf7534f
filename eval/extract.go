package eval

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/text"
)

// ExtractHTMLOptions chooses what an HTML extraction run measures.
type ExtractHTMLOptions struct {
	// Extract configures the extractor (e.g. NoFallback).
	Extract extract.Options
	// RawExtract scores the extractor's output as it is, without the
	// text preparation and plain-text boilerplate pass the pipeline runs
	// after it (the pipeline's order: text.Prepare, then boilerplate.Clean).
	RawExtract bool
}

// ExtractHTML scores HTML extraction on the scrapinghub set in dataDir with
// the product's settings: each page goes through extract, then through the
// same text preparation and boilerplate pass the pipeline applies, and the
// text kept is compared with the true articleBody (which holds no
// headline, so neither does the prediction: Article.Text excludes the
// title). Progress lines, if wanted, go to progress.
func ExtractHTML(dataDir string, progress io.Writer) (ExtractScore, error) {
	return ExtractHTMLWith(dataDir, ExtractHTMLOptions{}, progress)
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
	truth, err := readScrapinghubTruth(dataDir)
	if err != nil {
		return ExtractScore{}, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	ex := extract.New(opt.Extract)
	var sumP, sumR float64
	for i, id := range ids {
		path := filepath.Join(dataDir, "html", id+".html.gz")
		body, err := readGzip(path)
		if err != nil {
			return ExtractScore{}, err
		}
		doc := crosscheck.Document{
			Source: path,
			URL:    truth[id].URL,
			Kind:   crosscheck.KindHTML,
			Body:   body,
		}
		predicted := ""
		// A page the extractor refuses scores 0: that is what the user gets.
		if a, err := ex.Extract(doc); err == nil {
			predicted = a.Text
			if !opt.RawExtract {
				predicted = productText(predicted)
			}
		} else if progress != nil {
			fmt.Fprintf(progress, "%s: %v\n", path, err)
		}
		p, r := ShingleScore(predicted, truth[id].ArticleBody)
		sumP += p
		sumR += r
		if progress != nil && (i+1)%20 == 0 {
			fmt.Fprintf(progress, "extract: %d/%d pages\n", i+1, len(ids))
		}
	}
	n := float64(len(ids))
	return ExtractScore{Precision: sumP / n, Recall: sumR / n, Pages: len(ids)}, nil
}

// productText is what the pipeline keeps of an extracted text before the
// batch-wide passes: text preparation, then the plain-text boilerplate pass.
func productText(extracted string) string {
	kept, _ := boilerplate.Clean(text.Prepare(extracted))
	return kept
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
