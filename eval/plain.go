package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/pipeline"
)

// plainPage is one page of the scrapinghub set as a plain-text dump, with
// its true article body.
type plainPage struct {
	id, dump, truth string
}

// loadPlainPages reads html-text.json (the pages dumped to text, boilerplate
// included) and ground-truth.json from the scrapinghub folder, sorted by id.
func loadPlainPages(dataDir string) ([]plainPage, error) {
	var dumps struct {
		Output map[string]struct {
			ArticleBody string `json:"articleBody"`
		} `json:"output"`
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := readJSON(filepath.Join(dataDir, "html-text.json"), &dumps); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(dataDir, "ground-truth.json"), &truth); err != nil {
		return nil, err
	}
	if len(dumps.Output) == 0 {
		return nil, fmt.Errorf("%s: no pages under \"output\"", filepath.Join(dataDir, "html-text.json"))
	}
	var pages []plainPage
	for id, d := range dumps.Output {
		t, ok := truth[id]
		if !ok {
			return nil, fmt.Errorf("%s: page %s has no ground truth", filepath.Join(dataDir, "ground-truth.json"), id)
		}
		pages = append(pages, plainPage{id: id, dump: d.ArticleBody, truth: t.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// PlainText is what the product makes of a plain-text input: exactly
// pipeline.Prepare on a text document (the extract stage's text reading,
// with a headline-like first line taken out as the title, the text layer's
// line preparation, the plain-text boilerplate pass). It returns the kept
// text ("" when the product refuses the input or nothing is left).
func PlainText(ex *extract.Extractor, source, body string) string {
	a, err := pipeline.Prepare(ex, crosscheck.Document{Source: source, Kind: crosscheck.KindText, Body: []byte(body)})
	if err != nil {
		return ""
	}
	return a.Text
}

// ExtractPlain scores the plain-text path on the scrapinghub set: each
// page's raw text dump (html-text.json) goes through PlainText and is
// compared with the true article body by ShingleScore. dataDir is the
// scrapinghub folder. When progress is not nil, one line per page is written
// to it.
func ExtractPlain(dataDir string, progress io.Writer) (ExtractScore, error) {
	run, err := ExtractPlainRun(dataDir, progress)
	if err != nil {
		return ExtractScore{}, err
	}
	return run.Score(), nil
}

// ExtractPlainRun is ExtractPlain's per-page scores, for the whole set and
// its halves.
func ExtractPlainRun(dataDir string, progress io.Writer) (ExtractRun, error) {
	pages, err := loadPlainPages(dataDir)
	if err != nil {
		return nil, err
	}
	ex := extract.New(extract.Options{})
	run := make(ExtractRun, 0, len(pages))
	for _, p := range pages {
		pred := PlainText(ex, p.id, p.dump)
		prec, rec := ShingleScore(pred, p.truth)
		run = append(run, PageScore{ID: p.id, Precision: prec, Recall: rec})
		if progress != nil {
			fmt.Fprintf(progress, "%s %s f1=%.3f precision=%.3f recall=%.3f\n", p.id, HalfOf(p.id), F1(prec, rec), prec, rec)
		}
	}
	if len(run) == 0 {
		return nil, fmt.Errorf("%s: no pages scored", dataDir)
	}
	return run, nil
}
