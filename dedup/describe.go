package dedup

import (
	"fmt"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

var kindWords = map[crosscheck.DerivationKind]string{
	crosscheck.DerivationDuplicate:     "an exact copy",
	crosscheck.DerivationNearDuplicate: "a near-verbatim copy",
	crosscheck.DerivationRewrite:       "a rewrite",
}

func label(title, id string) string {
	if t := strings.TrimSpace(title); t != "" {
		return fmt.Sprintf("%q", t)
	}
	return id
}

func creditWords(d crosscheck.Derivation) string {
	if d.Credit == nil || *d.Credit == "" {
		return ""
	}
	return fmt.Sprintf(" (credited to %s)", *d.Credit)
}

// Describe says a derivation in words for the text and Markdown views, by
// titles (ids when a title is empty): `"B" is a rewrite of "A": 56% of its
// text follows "A" in order (credited to IANS).` Use DescribeArticles when
// the articles are at hand, to count paragraphs.
func Describe(d crosscheck.Derivation, copyTitle, ofTitle string) string {
	k := kindWords[d.Kind]
	if k == "" {
		k = "derived from"
	}
	return fmt.Sprintf("%s is %s of %s: %.0f%% of its text follows %s in order%s.",
		label(copyTitle, d.Copy), k, label(ofTitle, d.Of), 100*d.Share, label(ofTitle, d.Of), creditWords(d))
}

// DescribeArticles is Describe with the paragraph count: `"B" is a rewrite
// of "A": 6 of 9 paragraphs follow "A" (credited to IANS).` A paragraph of the
// copy follows the original when an evidence span lies in it.
func DescribeArticles(d crosscheck.Derivation, copy, of *crosscheck.Article) string {
	if copy == nil || of == nil || len(copy.Paragraphs) == 0 {
		return Describe(d, titleOf(copy), titleOf(of))
	}
	follow := 0
	for _, p := range copy.Paragraphs {
		for _, e := range d.Evidence {
			if e.Copy.Start < p.End && e.Copy.End > p.Start {
				follow++
				break
			}
		}
	}
	k := kindWords[d.Kind]
	if k == "" {
		k = "derived from"
	}
	return fmt.Sprintf("%s is %s of %s: %d of %d paragraphs follow %s%s.",
		label(copy.Title, copy.ID), k, label(of.Title, of.ID), follow, len(copy.Paragraphs), label(of.Title, of.ID), creditWords(d))
}

func titleOf(a *crosscheck.Article) string {
	if a == nil {
		return ""
	}
	return a.Title
}
