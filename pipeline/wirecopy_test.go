package pipeline

import (
	"fmt"
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

	// check compares the spans of what in the original (a) and in its
	// copy (b), and returns how many the original has.
	check := func(what string, evs []crosscheck.Evidence) int {
		var inA, inB []crosscheck.Span
		for _, e := range evs {
			switch e.Article {
			case "a":
				inA = append(inA, crosscheck.Span{Start: e.Start, End: e.End})
			case "b":
				inB = append(inB, crosscheck.Span{Start: e.Start, End: e.End})
			}
		}
		if len(inA) != len(inB) {
			t.Errorf("%s: %d spans in the original, %d in its copy", what, len(inA), len(inB))
			return len(inA)
		}
		for i := range inA {
			if inA[i] != inB[i] {
				t.Errorf("%s: %v in the original, %v in its copy", what, inA[i], inB[i])
			}
		}
		return len(inA)
	}
	quoted := 0
	for _, q := range st.Quotes {
		quoted += check(fmt.Sprintf("quote %q", q.Text), q.Sources)
	}
	if quoted == 0 {
		t.Fatalf("no quote found in the wire text; quotes: %+v", st.Quotes)
	}
	mentioned := 0
	for _, e := range st.Entities {
		evs := make([]crosscheck.Evidence, len(e.Mentions))
		for i, m := range e.Mentions {
			evs[i] = crosscheck.Evidence(m)
		}
		mentioned += check(fmt.Sprintf("entity %q", e.Name), evs)
	}
	if mentioned < 3 {
		t.Fatalf("only %d entity mentions found in the wire text; entities: %+v", mentioned, st.Entities)
	}
}
