// Package eval scores crosscheck's stages against the public data sets in
// ../shared/data and prints the figures. Nothing here is used at analysis time,
// and no stage reads gold labels: eval only compares outputs with them.
package eval

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// wordTokens splits s into lower-cased \w+ runs (letters, digits, underscore),
// the tokenisation the scrapinghub extraction benchmark prescribes.
func wordTokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		isWord := r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if isWord && start < 0 {
			start = i
		} else if !isWord && start >= 0 {
			out = append(out, lower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, lower(s[start:]))
	}
	return out
}

func lower(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return string(b)
}

// shingles returns the multiset of n-token shingles of s.
func shingles(s string, n int) map[string]int {
	toks := wordTokens(s)
	m := make(map[string]int)
	if len(toks) < n {
		if len(toks) > 0 {
			key := ""
			for _, t := range toks {
				key += t + " "
			}
			m[key]++
		}
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		key := toks[i]
		for _, t := range toks[i+1 : i+n] {
			key += " " + t
		}
		m[key]++
	}
	return m
}

// ShingleScore compares a predicted article body with the true one as the
// scrapinghub article-extraction benchmark does: multisets of 4-token
// shingles, precision and recall of the overlap. An empty prediction has
// precision 0 and recall 0 unless the truth is empty too.
func ShingleScore(predicted, truth string) (precision, recall float64) {
	p := shingles(predicted, 4)
	t := shingles(truth, 4)
	np, nt, overlap := 0, 0, 0
	for _, c := range p {
		np += c
	}
	for k, c := range t {
		nt += c
		overlap += min(c, p[k])
	}
	switch {
	case np == 0 && nt == 0:
		return 1, 1
	case np == 0:
		return 0, 0
	case nt == 0:
		return 0, 1
	}
	return float64(overlap) / float64(np), float64(overlap) / float64(nt)
}

// F1 is the harmonic mean of p and r (0 when both are 0).
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ExtractScore is the result of an extraction run on the scrapinghub set.
type ExtractScore struct {
	Precision, Recall float64 // averaged over pages
	Pages             int
}

// F1 is the F1 of the averaged precision and recall, as the benchmark defines it.
func (s ExtractScore) F1() float64 { return F1(s.Precision, s.Recall) }

// String is the last line `crosscheck eval extract` prints.
func (s ExtractScore) String() string {
	return fmt.Sprintf("extract f1=%.4f precision=%.4f recall=%.4f pages=%d", s.F1(), s.Precision, s.Recall, s.Pages)
}
