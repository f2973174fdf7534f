package quote

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// BenchmarkFind measures all of Find (rules, tagger, completion) on an
// analysed multi-paragraph article, per 1,000 words: analysis is the text
// package's cost, not quote's, so it is done once outside the loop.
func BenchmarkFind(b *testing.B) {
	s, words := benchText()
	a := article(s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(a)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words)*1000/1e6, "ms/1kwords")
}

// BenchmarkStory measures Story over three copies of the article, so that
// grouping compares statements across articles as in a real story.
func BenchmarkStory(b *testing.B) {
	s, _ := benchText()
	members := []*crosscheck.Article{article(s), article(s), article(s)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Story(members, nil)
	}
}

// cueInfoTables is finder.cueInfo read from the separate tables, as it
// was before the merged lexicon (lexEntry): the reference it must match.
func cueInfoTables(f *finder, i int) (cueKind, Sense, int) {
	t := f.toks[i]
	if t.Kind != crosscheck.TokenWord {
		return 0, Speech, 0
	}
	if next, ok := f.phrases[t.Norm]; ok && i+1 < len(f.toks) && f.regionOf[i+1] < 0 {
		if c, ok := next[f.toks[i+1].Norm]; ok {
			return c.kind, c.sense, 2
		}
	}
	if k := f.cues[t.Norm]; k != 0 {
		return k, Speech, 1
	}
	if c, ok := f.others[t.Norm]; ok {
		return c.kind, c.sense, 1
	}
	return 0, Speech, 0
}

// TestVerbLikeEntry checks the merged lexicon against the tables it
// merges: verbLikeEntry must agree with verbLike, and cueInfo with
// cueInfoTables, on every token.
func TestVerbLikeEntry(t *testing.T) {
	s, _ := benchText()
	texts := []string{s,
		"The union called for a strike and pointed out that wages had fallen, officials believed.",
		"She has criticized the plan. He pointed to the figures, which showed a drop, and called on “the board” to act.",
		"They expected it. The report found that fares rose; he wanted more. Critics called “for” change.",
	}
	for _, s := range texts {
		f := findRules(article(s))
		if f == nil {
			continue
		}
		for i, tok := range f.toks {
			if got, want := f.verbLikeEntry(i, f.lex.get(tok.Norm)), verbLike(f, i); got != want {
				t.Errorf("%q token %d %q: verbLikeEntry %v, verbLike %v", s, i, tok.Norm, got, want)
			}
			k, sense, n := f.cueInfo(i)
			if wk, ws, wn := cueInfoTables(f, i); k != wk || sense != ws || n != wn {
				t.Errorf("%q token %d %q: cueInfo %v %v %v, tables %v %v %v", s, i, tok.Norm, k, sense, n, wk, ws, wn)
			}
		}
	}
}
