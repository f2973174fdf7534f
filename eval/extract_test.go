package eval

import (
	"os"
	"testing"

	"github.com/crosscheck-news/crosscheck/extract"
)

const extractDataDir = "../../shared/data/scrapinghub"

// TestExtractHTMLScrapinghub runs the whole extraction evaluation and
// holds it above a floor well under the measured figure, so a broken
// extractor or scorer shows, while tuning noise does not.
func TestExtractHTMLScrapinghub(t *testing.T) {
	if testing.Short() {
		t.Skip("full extraction evaluation skipped in -short mode")
	}
	if _, err := os.Stat(extractDataDir); err != nil {
		t.Skipf("scrapinghub data not present at %s: %v", extractDataDir, err)
	}
	score, err := ExtractHTML(extractDataDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(score)
	if score.Pages != 181 {
		t.Errorf("scored %d pages, want the set's 181", score.Pages)
	}
	if score.F1() < 0.93 {
		t.Errorf("extraction F1 %.4f fell below the 0.93 floor", score.F1())
	}
}

// TestExtractHTMLParts measures what the readability fallback and the
// boilerplate pass each contribute, and holds that the fallback candidate
// does not make extraction worse.
func TestExtractHTMLParts(t *testing.T) {
	if testing.Short() {
		t.Skip("four full extraction evaluations skipped in -short mode")
	}
	if _, err := os.Stat(extractDataDir); err != nil {
		t.Skipf("scrapinghub data not present at %s: %v", extractDataDir, err)
	}
	f1 := map[string]float64{}
	for _, c := range []struct {
		name string
		opt  ExtractHTMLOptions
	}{
		{"fallback+boilerplate", ExtractHTMLOptions{}},
		{"fallback, raw", ExtractHTMLOptions{RawExtract: true}},
		{"no fallback+boilerplate", ExtractHTMLOptions{Extract: extract.Options{NoFallback: true}}},
		{"no fallback, raw", ExtractHTMLOptions{Extract: extract.Options{NoFallback: true}, RawExtract: true}},
	} {
		score, err := ExtractHTMLWith(extractDataDir, c.opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-24s %s", c.name, score)
		f1[c.name] = score.F1()
	}
	if f1["fallback, raw"] < f1["no fallback, raw"] {
		t.Errorf("the readability fallback lowers F1: %.4f with, %.4f without", f1["fallback, raw"], f1["no fallback, raw"])
	}
}
