package pipeline

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// TestWireCopyAnalysedLikeItsOriginal checks that an article carrying
// another's text word for word (wire copy under a second outlet) gets the
// same quotes and entity mentions, at the same spans, as the article it
// copies, although the stages read each distinct text once.
func TestWireCopyAnalysedLikeItsOriginal(t *testing.T) {
	wire := "Harbour master Ilse Varnhout said the dredger Castellan ran aground off Quellmouth at dawn.\n" +
		"“We lifted all nine crew from the deck within the hour,” Varnhout told reporters.\n" +
		"The Quellmouth Port Authority closed the northern channel to traffic."
	other := "The northern channel at Quellmouth stayed closed on Tuesday after the dredger Castellan grounded.\n" +
		"“Salvage teams will try to refloat her on the evening tide,” said Oskar Brennet, a spokesman for the Quellmouth Port Authority."
	mk := func(id, outlet, body string) *crosscheck.Article {
		a := &crosscheck.Article{ID: id, Outlet: outlet, Language: "en", Title: "Dredger aground off Quellmouth", Text: text.Prepare(body)}
		text.Analyze(a)
		return a
	}
	arts := []*crosscheck.Article{mk("a", "Coast Wire", wire), mk("c", "Quellmouth Courier", other), mk("b", "Harbour Daily", wire)}
	st := &crosscheck.Story{ID: "s", Articles: []string{"a", "c", "b"}}
	AnalyzeStory(st, arts)

	type at struct {
		start, end int
	}
	spans := func(article string, evs []crosscheck.Evidence) []at {
		var out []at
		for _, e := range evs {
			if e.Article == article {
				out = append(out, at{e.Start, e.End})
			}
		}
		return out
	}
	quoted := 0
	for _, q := range st.Quotes {
		inA, inB := spans("a", q.Sources), spans("b", q.Sources)
		if len(inA) != len(inB) {
			t.Errorf("quote %q: %d sources in the original, %d in its copy", q.Text, len(inA), len(inB))
			continue
		}
		for i := range inA {
			if inA[i] != inB[i] {
				t.Errorf("quote %q: source %v in the original, %v in its copy", q.Text, inA[i], inB[i])
			}
		}
		quoted += len(inA)
	}
	if quoted == 0 {
		t.Fatalf("no quote found in the wire text; quotes: %+v", st.Quotes)
	}
	mentioned := 0
	for _, e := range st.Entities {
		var inA, inB []at
		for _, m := range e.Mentions {
			switch m.Article {
			case "a":
				inA = append(inA, at{m.Start, m.End})
			case "b":
				inB = append(inB, at{m.Start, m.End})
			}
		}
		if len(inA) != len(inB) {
			t.Errorf("entity %q: %d mentions in the original, %d in its copy", e.Name, len(inA), len(inB))
			continue
		}
		for i := range inA {
			if inA[i] != inB[i] {
				t.Errorf("entity %q: mention %v in the original, %v in its copy", e.Name, inA[i], inB[i])
			}
		}
		mentioned += len(inA)
	}
	if mentioned < 3 {
		t.Fatalf("only %d entity mentions found in the wire text; entities: %+v", mentioned, st.Entities)
	}
}
