// Package text is crosscheck's text layer: it prepares extracted text,
// splits an article into paragraphs, sentences and tokens, and gives every
// matcher the same normal, folded and stemmed forms. It is computed once per
// article (Analyze) and reused by dedup, cluster and the analysis stages.
//
// All spans are byte offsets into Article.Text, which by convention holds one
// paragraph per line (see Prepare).
package text

import (
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// Analyze fills a.Paragraphs, a.Sentences, a.Tokens and a.SentenceTokens
// from a.Text and a.Language. Paragraphs are the non-blank lines, trimmed;
// sentences never cross a paragraph; tokens are taken sentence by sentence,
// so every token lies inside its sentence and SentenceTokens[i] is the
// contiguous range of Tokens in Sentences[i]. Analyze replaces whatever those
// fields held, so calling it again gives the same result.
func Analyze(a *crosscheck.Article) {
	a.Paragraphs = paragraphs(a.Text)
	a.Sentences = Sentences(a.Text)
	t := newTokenizer(a.Language)
	defer t.release()
	// A token takes about six bytes of news text; sizing once avoids regrowth.
	tokens := make([]crosscheck.Token, 0, len(a.Text)/5+1)
	ranges := make([][2]int, len(a.Sentences))
	for i, s := range a.Sentences {
		from := len(tokens)
		tokens = t.tokenize(tokens, a.Text[s.Start:s.End], s.Start)
		ranges[i] = [2]int{from, len(tokens)}
	}
	a.Tokens = tokens
	a.SentenceTokens = ranges
}

// AnalyzeIfNeeded runs Analyze on an article that has text but no tokens:
// one read from a store, which keeps its segmentation but not its tokens.
func AnalyzeIfNeeded(a *crosscheck.Article) {
	if a.Tokens == nil && a.Text != "" {
		Analyze(a)
	}
}

// paragraphs returns the trimmed non-blank lines of s.
func paragraphs(s string) []crosscheck.Span {
	out := make([]crosscheck.Span, 0, strings.Count(s, "\n")+1)
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if sp, ok := trimSpan(s, start, end, 0); ok {
			out = append(out, sp)
		}
		start = end + 1
	}
	return out
}
