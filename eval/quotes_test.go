package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/quote"
	"github.com/crosscheck-news/crosscheck/text"
)

// TestScoreQuotesSynthetic scores a hand-made annotation: one attribution
// the finder gets exactly, one it cannot (a belief without a cue word), and
// character offsets past a multi-byte character.
func TestScoreQuotesSynthetic(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, "data", "dev", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	txt := "Café owners worry.\n\nThe mayor said the market would reopen on Friday."
	// characters: "Café owners worry." is 18 characters (19 bytes).
	ann := "T1\tSource 20 29\tThe mayor\n" +
		"T2\tCue 30 34\tsaid\n" +
		"T3\tContent 35 68\tthe market would reopen on Friday\n" +
		"E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n" +
		"T4\tSource 0 11\tCafé owners\n" +
		"T5\tCue 12 17\tworry\n" +
		"E2\tAttribution:T5 Cue:T5 Source:T4\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "dev", "text", "doc.txt"), []byte(txt), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "dev", "attributions", "doc_ab12.ann"), []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := LoadPolNeAR(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	if got := docs[0].text[docs[0].gold["Source"][0].Start:docs[0].gold["Source"][0].End]; got != "The mayor" {
		t.Fatalf("character offsets read as %q, want %q", got, "The mayor")
	}
	sc := ScoreQuotes(docs)
	if c := sc.Token["Content"]; c.tp != 6 || c.fp != 0 || c.fn != 0 {
		t.Errorf("content tokens %+v, want 6 true positives", c)
	}
	if c := sc.Token["Source"]; c.tp != 2 || c.fp != 0 || c.fn != 2 {
		t.Errorf("source tokens %+v, want tp=2 fn=2", c)
	}
	if c := sc.Relations; c.tp != 1 || c.fp != 0 || c.fn != 1 {
		t.Errorf("relations %+v, want tp=1 fn=1", c)
	}
	if c := sc.Exact["Cue"]; c.tp != 1 || c.fn != 1 {
		t.Errorf("exact cue %+v, want tp=1 fn=1", c)
	}
	var misses strings.Builder
	if err := WriteQuoteMisses(&misses, dir, "dev"); err != nil {
		t.Fatal(err)
	}
	if got := misses.String(); !strings.HasPrefix(got, "MISS\tdoc_ab12.ann\tworry\t0.00\t1.00\t0\tCafé owners") || strings.Count(got, "\n") != 1 {
		t.Errorf("misses: got %q, want the one missed attribution (worry)", got)
	}
}

// TestEvalQuotesPolNeARDev runs the finder on PolNeAR dev when the data set
// is present and holds it to the figures measured when it was written, so
// that a change that loses attributions shows.
func TestEvalQuotesPolNeARDev(t *testing.T) {
	dir := "../../shared/data/polnear"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("PolNeAR not present at %s: %v", dir, err)
	}
	docs, err := LoadPolNeAR(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	sc := ScoreQuotes(docs)
	if f := sc.Token["Content"].F(); f < 0.78 {
		t.Errorf("content token F1 %.3f, below the 0.78 floor", f)
	}
	if f := sc.Token["Source"].F(); f < 0.66 {
		t.Errorf("source token F1 %.3f, below the 0.66 floor", f)
	}
	if p := sc.Token["Source"].P(); p < 0.80 {
		t.Errorf("source token precision %.3f, below the 0.80 floor", p)
	}
	if p := sc.Relations.P(); p < 0.85 {
		t.Errorf("relation precision %.3f, below the 0.85 floor", p)
	}
}

// TestPolNeARPredictionPartials keeps a characterization, whose cue is its
// own, and leaves out a fragment quoted inside reported speech, whose cue
// is the reported speech's: PolNeAR annotates the one attribution.
func TestPolNeARPredictionPartials(t *testing.T) {
	a := &crosscheck.Article{ID: "t", Language: "en",
		Text: "Beruff called the standards “strong.” Cruz said the plan was “a disaster” for voters."}
	text.Analyze(a)
	pred, rels := polnearPrediction(a, quote.Find(a))
	var cues []string
	for _, c := range pred["Cue"] {
		cues = append(cues, a.Slice(c))
	}
	if want := []string{"called", "said"}; !reflect.DeepEqual(cues, want) {
		t.Fatalf("cues %q, want %q", cues, want)
	}
	if len(rels) != 2 {
		t.Fatalf("%d relations, want 2", len(rels))
	}
	var content []string
	for _, c := range rels[0].content {
		content = append(content, a.Slice(c))
	}
	if want := []string{"strong.", "the standards"}; !reflect.DeepEqual(content, want) {
		t.Errorf("characterization content %q, want the quoted word and the reporter's words", content)
	}
}
