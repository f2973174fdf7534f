package eval

import (
	"fmt"
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
	run, err := ExtractHTMLRun(extractDataDir, ExtractHTMLOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	score := run.Score()
	dev, check := run.HalfScore(DevHalf), run.HalfScore(CheckHalf)
	t.Logf("dev   %s", dev)
	t.Logf("check %s", check)
	t.Logf("all   %s", score)
	if score.Pages != 181 || dev.Pages+check.Pages != 181 {
		t.Errorf("scored %d pages (%d dev + %d check), want the set's 181", score.Pages, dev.Pages, check.Pages)
	}
	for name, s := range map[string]ExtractScore{"all": score, "dev": dev, "check": check} {
		if s.F1() < 0.95 {
			t.Errorf("%s: extraction F1 %.4f fell below the 0.95 floor", name, s.F1())
		}
	}
}

// TestHalfOf holds that the split is fixed by the id alone and cuts a set
// into two parts of similar size.
func TestHalfOf(t *testing.T) {
	n := [2]int{}
	for i := range 1000 {
		id := fmt.Sprintf("page-%04d", i)
		h := HalfOf(id)
		if HalfOf(id) != h {
			t.Fatalf("HalfOf(%q) changed between calls", id)
		}
		n[h]++
	}
	if n[DevHalf] < 400 || n[CheckHalf] < 400 {
		t.Errorf("split of 1000 ids is %d dev / %d check; want both near 500", n[DevHalf], n[CheckHalf])
	}
	if DevHalf.String() != "dev" || CheckHalf.String() != "check" {
		t.Errorf("half names: %q, %q", DevHalf, CheckHalf)
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
